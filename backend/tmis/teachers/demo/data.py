"""The demo's fixed data: schools, names, subjects and the code choices a career is made of."""

from __future__ import annotations

SCHOOL_CODES = [
    "2162010201",
    "3162010202",
    "1162010203",
    "3462010204",
    "2162010301",
    "3162010302",
    "3662010303",
    "5162010304",
    "2111010101",  # 北京市东城区: transfers across provinces
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞慧琳婷雪晨宇浩然欣怡子轩佳琪文博思远"
CHOSEN = {  # sensible values for common indicators (others: the first choosable code, or false)
    "nationality": "156",
    "id_type": "1",
    "ethnicity": "01",
    "political_status": ["13"],
    "health": "1",
    "on_establishment": True,
    "contract_status": "1",
    "personnel_status": "100",
    "grassroots_project": "0",
    "free_normal_student": "0",
    "marital_status": "20",
}
#: The record saying 无 of a group a career may leave empty (教学科研成果及获奖: most teachers have none).
NONE_ROWS = {"achievements": {"achievement_kind": "0"}}

# Subject → (major, bachelor's degree, master's degree, normal major, course code by stage, 中职 course category).
SUBJECTS: dict[str, tuple[str, str, str, bool, dict[str, str], str]] = {
    "语文": ("汉语言文学", "405", "305", True, {"primary": "104", "junior": "209", "senior": "301"}, "2"),
    "数学": ("数学与应用数学", "407", "307", True, {"primary": "105", "junior": "210", "senior": "309"}, "4"),
    "英语": ("英语", "405", "305", True, {"primary": "106", "junior": "211", "senior": "302"}, "5"),
    "物理": ("物理学", "407", "307", True, {"junior": "207", "senior": "313"}, "4"),
    "化学": ("化学", "407", "307", True, {"junior": "208", "senior": "314"}, "4"),
    "生物": ("生物科学", "407", "307", True, {"junior": "206", "senior": "315"}, "4"),
    "历史": ("历史学", "406", "306", True, {"junior": "203", "senior": "311"}, "2"),
    "地理": ("地理科学", "407", "307", True, {"junior": "204", "senior": "312"}, "2"),
    "思想政治": ("思想政治教育", "403", "303", True, {"primary": "102", "junior": "201", "senior": "310"}, "1"),
    "科学": ("科学教育", "407", "307", True, {"primary": "103"}, "4"),
    "体育": ("体育教育", "404", "362", True, {"primary": "113", "junior": "218", "senior": "321"}, "6"),
    "音乐": ("音乐学", "413", "313", True, {"primary": "115", "junior": "220", "senior": "319"}, "2"),
    "美术": ("美术学", "413", "313", True, {"primary": "116", "junior": "221", "senior": "320"}, "2"),
    "信息技术": ("教育技术学", "407", "307", True, {"primary": "117", "junior": "222", "senior": "316"}, "4"),
    "学前教育": ("学前教育", "404", "342", True, {}, ""),
    "特殊教育": ("特殊教育", "404", "342", True, {}, ""),
    "机械加工": ("机械设计制造及其自动化", "408", "308", False, {}, "12"),
    "计算机应用": ("计算机科学与技术", "408", "308", False, {}, "12"),
    "会计": ("会计学", "412", "375", False, {}, "12"),
    "电子商务": ("电子商务", "412", "312", False, {}, "12"),
    "汽车运用与维修": ("车辆工程", "408", "308", False, {}, "12"),
}
VOCATIONAL_FIELDS = {  # 中职 专业 → 任课学科类别 (专业大类)
    "机械加工": "加工制造类",
    "计算机应用": "信息技术类",
    "会计": "财经商贸类",
    "电子商务": "财经商贸类",
    "汽车运用与维修": "交通运输类",
}
GENERAL_SUBJECTS = {
    "语文": 15,
    "数学": 15,
    "英语": 13,
    "物理": 8,
    "化学": 6,
    "生物": 6,
    "历史": 6,
    "地理": 6,
    "思想政治": 6,
}
SUBJECT_WEIGHTS: dict[str, dict[str, int]] = {
    "kindergarten": {"学前教育": 1},
    "primary": {
        "语文": 30,
        "数学": 25,
        "英语": 10,
        "科学": 6,
        "思想政治": 5,
        "体育": 8,
        "音乐": 6,
        "美术": 6,
        "信息技术": 4,
    },
    "junior": GENERAL_SUBJECTS | {"体育": 7, "音乐": 3, "美术": 3, "信息技术": 4},
    "senior": GENERAL_SUBJECTS | {"体育": 6, "音乐": 2, "美术": 2, "信息技术": 4},
    "vocational": {"语文": 10, "数学": 10, "英语": 8, "思想政治": 5, "体育": 5, "信息技术": 4}
    | {"机械加工": 14, "计算机应用": 14, "会计": 12, "电子商务": 9, "汽车运用与维修": 9},
    "special": {"特殊教育": 6, "语文": 2, "数学": 2, "体育": 1, "音乐": 1, "美术": 1},
    "higher": GENERAL_SUBJECTS | {"计算机应用": 8, "会计": 5, "机械加工": 5},
}
STAGE_NAMES = {
    "kindergarten": "幼儿园",
    "primary": "小学",
    "junior": "初中",
    "senior": "高中",
    "vocational": "中职",
    "special": "特殊教育",
    "higher": "高校",
}
QUALIFICATION = {  # 教师资格证种类 by the stage taught
    "kindergarten": "1",
    "primary": "2",
    "junior": "3",
    "senior": "4",
    "vocational": "5",
    "special": "2",
    "higher": "7",
}
TEACHING_STAGE = {"kindergarten": "1", "primary": "2", "junior": "3", "senior": "4", "vocational": "6", "special": "A"}
UNIT_NATURE = {"kindergarten": "261", "special": "262", "vocational": "264", "higher": "22"}  # else 263 中小学
TITLE_SERIES = {  # 专业技术职务 from the first to the highest step
    "vocational": ("024", "023", "022"),  # 助理讲师 → 讲师 → 高级讲师 (中专)
    "higher": ("014", "013", "012", "011"),  # 助教 → 讲师 → 副教授 → 教授
}
K12_TITLES = ("064", "063", "062", "061")  # 二级 → 一级 → 高级 → 正高级教师 (中小学、幼儿园、特教)
POST_GRADES = {  # 专业技术岗位等级 that goes with each title
    "064": ("111", "112"),
    "063": ("108", "109", "110"),
    "062": ("105", "106", "107"),
    "061": ("102", "103", "104"),
    "024": ("111", "112"),
    "023": ("108", "109", "110"),
    "022": ("105", "106", "107"),
    "014": ("111", "112", "113"),
    "013": ("108", "109", "110"),
    "012": ("105", "106", "107"),
    "011": ("101", "102", "103", "104"),
}
#: 基本工资 (岗位 + 薪级, 元/月) by the step of the 专业技术岗位等级 (1 … 13), before the years of service.
BASIC_PAY = (0, 6200, 5600, 5100, 4700, 4300, 4000, 3700, 3450, 3250, 3100, 2900, 2750, 2500)
LEADERS = ("11", "12", "21", "21", "30", "30", "30", "40", "40", "40")  # 校长, 书记, 副校长 ×2, 中层正职/副职
DUTY_NAMES = {"11": "校长", "12": "书记", "21": "副校长", "30": "中层正职", "40": "中层副职"}
NORMAL_UNIVERSITIES = ("西北师范大学", "天水师范学院", "兰州城市学院", "陇东学院", "河西学院", "陕西师范大学")
OTHER_UNIVERSITIES = ("兰州大学", "兰州理工大学", "兰州交通大学", "兰州财经大学", "西北民族大学")
COLLEGES = ("兰州城市学院", "定西师范高等专科学校", "陇南师范高等专科学校", "甘肃联合大学")
NORMAL_SCHOOLS = ("兰州师范学校", "临洮师范学校", "武威师范学校", "甘肃省幼儿师范学校")
EARLIER_UNITS = {  # earlier schools of teachers who came later to their demo school
    "kindergarten": ("兰州市榆中县城关镇中心幼儿园", "兰州市皋兰县石洞镇中心幼儿园", "兰州市永登县城关幼儿园"),
    "primary": ("兰州市榆中县和平镇中心小学", "兰州市皋兰县什川镇中心小学", "兰州市永登县红城镇中心小学"),
    "junior": ("兰州市榆中县和平中学", "兰州市皋兰县第二中学", "兰州市永登县第八中学"),
    "senior": ("兰州市榆中县第一中学", "兰州市永登县第一中学", "兰州市皋兰县第一中学"),
    "vocational": ("兰州市榆中县职业中等专业学校", "兰州市永登县职业中等专业学校", "兰州市皋兰县职业中等专业学校"),
    "special": ("兰州市榆中县特殊教育学校", "兰州市永登县特殊教育学校", "兰州市皋兰县特殊教育学校"),
    "higher": ("兰州城市学院", "兰州文理学院", "甘肃政法大学"),
}
RURAL_UNITS = {  # where exchange and 支教 go
    "kindergarten": ("兰州市榆中县马坡乡中心幼儿园", "临夏州东乡县锁南镇中心幼儿园"),
    "primary": ("兰州市榆中县马坡乡中心小学", "临夏州东乡县锁南镇中心小学", "定西市渭源县会川镇中心小学"),
    "junior": ("兰州市榆中县马坡中学", "临夏州东乡县第二中学", "定西市渭源县会川中学"),
    "senior": ("临夏州东乡县第一中学", "定西市渭源县第一中学"),
    "vocational": ("临夏州东乡县职业技术学校", "定西市渭源县职业中等专业学校"),
    "special": ("临夏州东乡县特殊教育学校", "定西市渭源县特殊教育学校"),
    "higher": ("甘肃民族师范学院", "陇南师范高等专科学校"),
}
OVERSEAS = (
    ("826", "英国华威大学"),
    ("840", "美国加州州立大学北岭分校"),
    ("036", "澳大利亚悉尼科技大学"),
    ("124", "加拿大不列颠哥伦比亚大学"),
    ("554", "新西兰奥克兰大学"),
    ("702", "新加坡南洋理工大学国立教育学院"),
)
PAPER_TOPICS = (
    "大单元教学设计的实践探索",
    "作业设计的优化策略研究",
    "课堂提问有效性的实践研究",
    "信息技术与学科教学融合的实践",
    "分层教学的实践与思考",
    "项目式学习的实践研究",
)
JOURNALS = ("甘肃教育", "中小学教学研究", "教育革新", "中国教师", "基础教育论坛", "学周刊")
