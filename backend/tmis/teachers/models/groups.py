"""One model per many-valued indicator group (DOMAIN.md §1.4): typed columns for every national indicator,
province extensions in `extra`. Written from the catalogue's data/indicators.yaml; keep the two in step."""

from __future__ import annotations

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F

from tmis.core.scope import ScopedQuerySet

from .teacher import Teacher


class GroupRecordQuerySet(ScopedQuerySet):
    scope_path_fields = ("teacher__org_path",)


class GroupRecord(models.Model):
    """Columns every group record has."""

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=6, help_text="Distribution key, as on the teacher.")
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    group_code = ""
    etag_version_field = "updated_at"  # tmis.core.etag: every record write goes through save() (auto_now)

    objects = GroupRecordQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["teacher", "id"]

    def __str__(self) -> str:
        return f"{self.group_code} #{self.pk} of teacher {self.teacher_id}"


class StudyRecord(GroupRecord):
    """学习经历 (Study history)."""

    group_code = "study"
    study_education = models.CharField(max_length=10, blank=True, default="")  # 获得学历
    study_country = models.CharField(max_length=10, blank=True, default="")  # 获得学历的国家(地区)
    study_institution = models.CharField(max_length=100, blank=True, default="")  # 获得学历的院校或机构
    study_major = models.CharField(max_length=100, blank=True, default="")  # 所学专业
    study_is_normal_major = models.BooleanField(null=True, blank=True)  # 是否师范类专业
    study_start_month = models.CharField(max_length=7, blank=True, default="")  # 入学年月
    study_end_month = models.CharField(max_length=7, blank=True, default="")  # 毕业年月
    study_degree_level = models.CharField(max_length=10, blank=True, default="")  # 学位层次
    study_degree = models.CharField(max_length=10, blank=True, default="")  # 学位名称
    study_degree_country = models.CharField(max_length=10, blank=True, default="")  # 获得学位的国家(地区)
    study_degree_institution = models.CharField(max_length=100, blank=True, default="")  # 获得学位的院校或机构
    study_degree_month = models.CharField(max_length=7, blank=True, default="")  # 学位授予年月
    study_mode = models.CharField(max_length=10, blank=True, default="")  # 学习方式
    study_unit_category = models.CharField(max_length=10, blank=True, default="")  # 在学单位类别

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="study_teacher_idx")]


class WorkRecord(GroupRecord):
    """工作经历 (Work history)."""

    group_code = "work"
    work_unit = models.CharField(max_length=100, blank=True, default="")  # 任职单位名称
    work_start = models.CharField(max_length=7, blank=True, default="")  # 任职开始年月
    work_end = models.CharField(max_length=7, blank=True, default="")  # 任职结束年月
    work_unit_nature = models.CharField(max_length=10, blank=True, default="")  # 单位性质类别
    work_post = models.CharField(max_length=50, blank=True, default="")  # 任职岗位

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="work_teacher_idx")]


class PostRecord(GroupRecord):
    """岗位聘任 (Post appointment)."""

    group_code = "post"
    post_category = models.CharField(max_length=10, blank=True, default="")  # 岗位类别
    post_grade = models.CharField(max_length=10, blank=True, default="")  # 岗位等级
    post_start_month = models.CharField(max_length=7, blank=True, default="")  # 聘任开始年月
    post_has_concurrent = models.BooleanField(null=True, blank=True)  # 是否兼任其他岗位
    post_concurrent_category = models.CharField(max_length=10, blank=True, default="")  # 兼任岗位类别
    post_concurrent_grade = models.CharField(max_length=10, blank=True, default="")  # 兼任岗位等级
    school_duty = ArrayField(models.CharField(max_length=10), blank=True, default=list)  # 校级职务
    school_duty_start_month = models.CharField(max_length=7, blank=True, default="")  # 任职开始年月

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="post_teacher_idx")]


class TitleRecord(GroupRecord):
    """专业技术职务聘任 (Professional title appointment)."""

    group_code = "title"
    title_appointed = models.CharField(max_length=10, blank=True, default="")  # 聘任专业技术职务
    title_start_month = models.CharField(max_length=7, blank=True, default="")  # 聘任开始年月
    title_end_month = models.CharField(max_length=7, blank=True, default="")  # 聘任结束年月
    title_unit = models.CharField(max_length=100, blank=True, default="")  # 聘任单位名称
    title_has_qualification = models.BooleanField(null=True, blank=True)  # 是否已获得同级别专业技术资格证书

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="title_teacher_idx")]


class TreatmentRecord(GroupRecord):
    """基本待遇 (Pay and benefits)."""

    group_code = "treatment"
    treatment_year = models.IntegerField(null=True, blank=True)  # 年度
    annual_salary = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)  # 年工资收入(元)
    basic_salary = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)  # 基本工资(元/月)
    performance_pay = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)  # 绩效工资(元/月)
    rural_teacher_allowance = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True
    )  # 乡村教师生活补助(元/月)
    other_allowances = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True
    )  # 其他津贴补贴(元/月)
    other_income = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)  # 其他(元/月)
    five_insurance = ArrayField(models.CharField(max_length=10), blank=True, default=list)  # 五险一金

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="treatment_teacher_idx")]


class AssessmentRecord(GroupRecord):
    """年度考核 (Annual assessment)."""

    group_code = "assessment"
    assessment_year = models.IntegerField(null=True, blank=True)  # 考核年度
    assessment_result = models.CharField(max_length=10, blank=True, default="")  # 考核结果
    assessment_unit = models.CharField(max_length=100, blank=True, default="")  # 考核单位名称

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="assessment_teacher_idx")]


class QualificationRecord(GroupRecord):
    """教师资格 (Teacher qualification)."""

    group_code = "qualification"
    qualification_type = models.CharField(max_length=10, blank=True, default="")  # 教师资格证种类
    qualification_cert_no = models.CharField(max_length=50, blank=True, default="")  # 教师资格证号码
    qualification_subject = models.CharField(max_length=50, blank=True, default="")  # 任教学科
    qualification_issue_date = models.DateField(null=True, blank=True)  # 证书颁发日期
    qualification_issuer = models.CharField(max_length=100, blank=True, default="")  # 颁发机构
    first_registration_date = models.DateField(null=True, blank=True)  # 首次注册日期
    first_registration_result = models.CharField(max_length=10, blank=True, default="")  # 首次注册结论
    periodic_registration_date = models.DateField(null=True, blank=True)  # 定期注册日期
    periodic_registration_result = models.CharField(max_length=10, blank=True, default="")  # 定期注册结论

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="qualification_teacher_idx")]


class EthicsRecord(GroupRecord):
    """师德信息 (Professional ethics)."""

    group_code = "ethics"
    ethics_month = models.CharField(max_length=7, blank=True, default="")  # 师德考核时间
    ethics_result = models.CharField(max_length=10, blank=True, default="")  # 师德考核结论
    ethics_unit = models.CharField(max_length=100, blank=True, default="")  # 师德考核单位名称
    honour_level = models.CharField(max_length=10, blank=True, default="")  # 荣誉级别
    honour_title = models.CharField(max_length=10, blank=True, default="")  # 获得荣誉称号
    honour_date = models.DateField(null=True, blank=True)  # 荣誉发生日期
    honour_description = models.CharField(max_length=500, blank=True, default="")  # 荣誉记录描述
    honour_unit = models.CharField(max_length=100, blank=True, default="")  # 荣誉授予单位名称
    sanction_category = models.CharField(max_length=10, blank=True, default="")  # 处分类别
    sanction_reason = models.CharField(max_length=10, blank=True, default="")  # 处分原因
    sanction_date = models.DateField(null=True, blank=True)  # 处分发生日期
    sanction_description = models.CharField(max_length=500, blank=True, default="")  # 处分记录描述
    sanction_unit = models.CharField(max_length=100, blank=True, default="")  # 处分单位名称
    sanction_decision_date = models.DateField(null=True, blank=True)  # 处分日期
    sanction_revoked_date = models.DateField(null=True, blank=True)  # 处分撤销日期
    sanction_revoke_reason = models.CharField(max_length=500, blank=True, default="")  # 处分撤销原因

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="ethics_teacher_idx")]


class TeachingRecord(GroupRecord):
    """教育教学 (Teaching)."""

    group_code = "teaching"
    teaching_school_year = models.CharField(max_length=100, blank=True, default="")  # 学年
    teaching_year = models.IntegerField(null=True, blank=True)  # 年度
    teaching_semester = models.CharField(max_length=10, blank=True, default="")  # 学期
    teaching_stages = ArrayField(models.CharField(max_length=10), blank=True, default=list)  # 任教学段
    teaching_status = models.CharField(max_length=10, blank=True, default="")  # 任课状况
    teaching_status_note = models.CharField(max_length=100, blank=True, default="")  # 任课状况为其他情况的具体说明
    teaching_courses = ArrayField(models.CharField(max_length=10), blank=True, default=list)  # 任教课程
    weekly_teaching_hours = models.IntegerField(null=True, blank=True)  # 平均每周课堂教学课时数
    weekly_other_hours = models.IntegerField(null=True, blank=True)  # 平均每周其他工作折合教学课时数
    concurrent_work = models.CharField(max_length=10, blank=True, default="")  # 兼任工作
    concurrent_work_other = models.CharField(max_length=100, blank=True, default="")  # 兼任其他工作名称
    vocational_course_category = models.CharField(max_length=10, blank=True, default="")  # 任课课程类别
    vocational_subject_category = models.CharField(max_length=100, blank=True, default="")  # 任课学科类别
    special_other_work = models.CharField(max_length=100, blank=True, default="")  # 承担的其他工作
    special_courses = models.CharField(max_length=100, blank=True, default="")  # 特教任课课程
    supervisor_type = models.CharField(max_length=10, blank=True, default="")  # 导师类别
    main_discipline = models.CharField(max_length=100, blank=True, default="")  # 现主要从事学科领域
    teaches_undergraduates = models.BooleanField(null=True, blank=True)  # 是否为本科生上课
    course_teaching_hours = models.IntegerField(null=True, blank=True)  # 课程教学课时数
    other_work_hours = models.IntegerField(null=True, blank=True)  # 其他工作折合课时数

    class Meta(GroupRecord.Meta):
        indexes = [
            models.Index(fields=["teacher", "id"], name="teaching_teacher_idx"),
            # The latest record's 任教学段 in one index-only probe (the exchange rotation judges 20,000 teachers).
            models.Index(
                F("teacher"),
                F("teaching_year").desc(nulls_last=True),
                F("id").desc(),
                name="teaching_latest_idx",
                include=["teaching_stages"],
            ),
        ]


class AchievementRecord(GroupRecord):
    """教学科研成果及获奖 (Teaching and research achievements and awards)."""

    group_code = "achievements"
    achievement_kind = models.CharField(max_length=10, blank=True, default="")  # 成果类型
    achievement_representative = models.BooleanField(null=True, blank=True)  # 是否是代表性成果和项目
    project_type = models.CharField(max_length=10, blank=True, default="")  # 项目类型
    project_name = models.CharField(max_length=100, blank=True, default="")  # 项目名称
    project_approval_no = models.CharField(max_length=50, blank=True, default="")  # 批准号
    project_discipline = models.CharField(max_length=100, blank=True, default="")  # 学科领域
    project_funding = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)  # 经费额度(万元)
    project_start_month = models.CharField(max_length=7, blank=True, default="")  # 开始年月
    project_end_month = models.CharField(max_length=7, blank=True, default="")  # 结束年月
    project_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    project_rank = models.IntegerField(null=True, blank=True)  # 本人排名
    project_commissioner = models.CharField(max_length=100, blank=True, default="")  # 委托单位
    project_source = models.CharField(max_length=10, blank=True, default="")  # 项目来源
    book_category = models.CharField(max_length=10, blank=True, default="")  # 著作类别
    book_name = models.CharField(max_length=100, blank=True, default="")  # 著作名称
    book_discipline = models.CharField(max_length=100, blank=True, default="")  # 学科领域
    book_publish_month = models.CharField(max_length=7, blank=True, default="")  # 出版日期
    book_publisher = models.CharField(max_length=100, blank=True, default="")  # 出版社
    book_isbn = models.CharField(max_length=50, blank=True, default="")  # 出版号
    book_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    book_total_words = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)  # 总字数(万字)
    book_own_words = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)  # 本人撰写字数(万字)
    paper_title = models.CharField(max_length=100, blank=True, default="")  # 论文名称
    paper_journal = models.CharField(max_length=100, blank=True, default="")  # 发表刊物名称
    paper_publish_month = models.CharField(max_length=7, blank=True, default="")  # 发表年月
    paper_volume = models.CharField(max_length=20, blank=True, default="")  # 卷号
    paper_issue = models.CharField(max_length=20, blank=True, default="")  # 期号
    paper_pages = models.CharField(max_length=20, blank=True, default="")  # 起止页码
    paper_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    paper_discipline = models.CharField(max_length=100, blank=True, default="")  # 学科领域
    paper_indexing = ArrayField(models.CharField(max_length=10), blank=True, default=list)  # 论文收录情况
    award_category = models.CharField(max_length=10, blank=True, default="")  # 奖励类别
    award_month = models.CharField(max_length=7, blank=True, default="")  # 获奖年月
    award_name = models.CharField(max_length=100, blank=True, default="")  # 奖励名称
    award_grade = models.CharField(max_length=10, blank=True, default="")  # 奖励等级
    award_other_grade = models.CharField(max_length=50, blank=True, default="")  # 奖励其他等级
    award_rank = models.IntegerField(null=True, blank=True)  # 本人排名
    award_country = models.CharField(max_length=10, blank=True, default="")  # 授奖国家(地区)
    award_unit = models.CharField(max_length=100, blank=True, default="")  # 授奖单位
    artwork_category = models.CharField(max_length=10, blank=True, default="")  # 文艺作品类别
    artwork_name = models.CharField(max_length=100, blank=True, default="")  # 作品名称
    artwork_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    artwork_completed_month = models.CharField(max_length=7, blank=True, default="")  # 完成时间
    artwork_place = models.CharField(max_length=100, blank=True, default="")  # 完成地点
    artwork_description = models.CharField(max_length=500, blank=True, default="")  # 本人工作描述
    patent_type = models.CharField(max_length=10, blank=True, default="")  # 专利或软件著作权类型
    patent_name = models.CharField(max_length=100, blank=True, default="")  # 专利或软件著作权名称
    patent_discipline = models.CharField(max_length=100, blank=True, default="")  # 学科领域
    patent_approval_date = models.DateField(null=True, blank=True)  # 批准日期
    patent_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    patent_no = models.CharField(max_length=50, blank=True, default="")  # 专利号(登记号)
    report_title = models.CharField(max_length=100, blank=True, default="")  # 报告题目
    report_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    report_date = models.DateField(null=True, blank=True)  # 报告时间
    report_client = models.CharField(max_length=100, blank=True, default="")  # 委托方
    medicine_cert_name = models.CharField(max_length=100, blank=True, default="")  # 证书名称
    medicine_cert_no = models.CharField(max_length=50, blank=True, default="")  # 证书(批件)号
    medicine_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    medicine_approval_date = models.DateField(null=True, blank=True)  # 颁布或批准时间
    medicine_valid_until = models.DateField(null=True, blank=True)  # 有效期
    standard_no = models.CharField(max_length=50, blank=True, default="")  # 标准号
    standard_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    standard_publish_date = models.DateField(null=True, blank=True)  # 发布日期
    standard_publisher = models.CharField(max_length=100, blank=True, default="")  # 发布单位
    student_award_name = models.CharField(max_length=100, blank=True, default="")  # 奖励名称
    student_award_role = models.CharField(max_length=10, blank=True, default="")  # 本人角色
    student_award_grade = models.CharField(max_length=10, blank=True, default="")  # 奖项等级
    student_award_month = models.CharField(max_length=7, blank=True, default="")  # 获奖年月
    student_award_description = models.CharField(max_length=500, blank=True, default="")  # 本人承担工作描述

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="achievements_teacher_idx")]


class TalentRecord(GroupRecord):
    """入选人才项目 (Talent programmes)."""

    group_code = "talent"
    talent_program = models.CharField(max_length=10, blank=True, default="")  # 入选人才项目名称
    talent_year = models.IntegerField(null=True, blank=True)  # 入选年份

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="talent_teacher_idx")]


class TrainingRecord(GroupRecord):
    """国内培训 (Domestic training)."""

    group_code = "training"
    training_year = models.IntegerField(null=True, blank=True)  # 培训年度
    training_category = models.CharField(max_length=10, blank=True, default="")  # 培训类别
    training_project = models.CharField(max_length=100, blank=True, default="")  # 培训项目名称
    training_institution = models.CharField(max_length=100, blank=True, default="")  # 培训机构名称
    training_form = models.CharField(max_length=10, blank=True, default="")  # 培训方式
    training_hours = models.IntegerField(null=True, blank=True)  # 培训获得学时
    training_credits = models.IntegerField(null=True, blank=True)  # 培训获得学分

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="training_teacher_idx")]


class OverseasRecord(GroupRecord):
    """海外研修(访学) (Overseas study (visiting))."""

    group_code = "overseas"
    overseas_flag = models.BooleanField(null=True, blank=True)  # 是否有海外研修（访学）经历
    overseas_start_date = models.DateField(null=True, blank=True)  # 开始日期
    overseas_end_date = models.DateField(null=True, blank=True)  # 结束日期
    overseas_country = models.CharField(max_length=10, blank=True, default="")  # 国家(地区)
    overseas_institution = models.CharField(max_length=100, blank=True, default="")  # 研修（访学）机构名称
    overseas_project = models.CharField(max_length=100, blank=True, default="")  # 项目名称
    overseas_organizer = models.CharField(max_length=100, blank=True, default="")  # 项目组织单位名称

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="overseas_teacher_idx")]


class SkillRecord(GroupRecord):
    """技能及证书 (Skills and certificates)."""

    group_code = "skills"
    skill_language = models.CharField(max_length=10, blank=True, default="")  # 语种
    skill_language_proficiency = models.CharField(max_length=10, blank=True, default="")  # 掌握程度
    skill_other_name = models.CharField(max_length=50, blank=True, default="")  # 其他技能名称
    skill_other_proficiency = models.CharField(max_length=10, blank=True, default="")  # 其他技能掌握程度
    certificate_type = models.CharField(max_length=10, blank=True, default="")  # 证书类型
    language_certificate = models.CharField(max_length=10, blank=True, default="")  # 语言证书名称
    certificate_name = models.CharField(max_length=100, blank=True, default="")  # 证书名称
    certificate_month = models.CharField(max_length=7, blank=True, default="")  # 发证年月
    certificate_issuer = models.CharField(max_length=100, blank=True, default="")  # 发证单位
    certificate_no = models.CharField(max_length=50, blank=True, default="")  # 证书编号

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="skills_teacher_idx")]


class RotationRecord(GroupRecord):
    """交流轮岗 (Exchange rotation)."""

    group_code = "rotation"
    rotation_type = models.CharField(max_length=10, blank=True, default="")  # 交流轮岗类型
    rotation_transfers_relation = models.BooleanField(null=True, blank=True)  # 是否调动人事关系
    rotation_start_month = models.CharField(max_length=7, blank=True, default="")  # 开始年月
    rotation_end_month = models.CharField(max_length=7, blank=True, default="")  # 结束年月
    rotation_origin_unit = models.CharField(max_length=100, blank=True, default="")  # 原单位名称
    rotation_unit = models.CharField(max_length=100, blank=True, default="")  # 交流轮岗单位名称

    class Meta(GroupRecord.Meta):
        indexes = [models.Index(fields=["teacher", "id"], name="rotation_teacher_idx")]


#: Group code → model, in the national order.
GROUP_MODELS: dict[str, type[GroupRecord]] = {
    model.group_code: model
    for model in (
        *(StudyRecord, WorkRecord, PostRecord, TitleRecord, TreatmentRecord, AssessmentRecord, QualificationRecord),
        *(EthicsRecord, TeachingRecord, AchievementRecord, TalentRecord, TrainingRecord, OverseasRecord, SkillRecord),
        RotationRecord,
    )
}


# Row history (django-pghistory triggers, one per statement: an import's COPY fires one, not one a record): every
# insert, change and delete of a group record, with the user and the review item in context; the timeline reads it.
for _model in GROUP_MODELS.values():
    pghistory.track(
        *(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent()),
        exclude=["created_at", "updated_at"],
        obj_field=pghistory.ObjForeignKey(db_index=False),
        level=pghistory.Statement,
    )(_model)
