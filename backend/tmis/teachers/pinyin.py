"""A teacher's name in pinyin (full and initials), for search and for sorting by name.

A Chinese name is a surname and a given name, read apart: pypinyin reads the parts, never a phrase across them, and
a surname reads as a surname — 曾国藩 is zeng guo fan, 单雄信 shan xiong xin, 欧阳修 ou yang xiu (a dictionary reading
would give ceng, dan). Parts repeat far more than whole names (a county's 100,000 teachers have a few thousand given
names), so each part is converted once: an import no longer spends most of its write time in pypinyin.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

#: Two-character surnames (复姓) that occur in China today.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "长孙",
        "慕容",
        "司徒",
        "令狐",
        "宇文",
        "夏侯",
        "轩辕",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "呼延",
        "万俟",
        "澹台",
        "公冶",
        "濮阳",
        "淳于",
        "单于",
        "太史",
        "申屠",
        "赫连",
        "钟离",
        "闻人",
        "东郭",
        "百里",
        "第五",
    ]
)
#: Surnames whose reading differs from the character's common one (多音字姓氏), and the compound ones pypinyin
#: reads otherwise.
SURNAME_READINGS = {
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "朴": ("piao",), "仇": ("qiu",), "区": ("ou",), "查": ("zha",),
    "盖": ("ge",), "缪": ("miao",), "覃": ("qin",), "种": ("chong",), "员": ("yun",), "秘": ("bi",), "召": ("shao",),
    "翟": ("zhai",), "乐": ("yue",), "尉": ("yu",), "宿": ("su",), "句": ("gou",), "隗": ("wei",), "冼": ("xian",),
    "洗": ("xian",), "繁": ("po",), "折": ("she",), "黑": ("he",), "过": ("guo",), "藏": ("zang",), "沈": ("shen",),
    "长孙": ("zhang", "sun"), "尉迟": ("yu", "chi"), "单于": ("chan", "yu"), "万俟": ("mo", "qi"),
}  # fmt: skip


@lru_cache(maxsize=16384)
def _part(text: str) -> tuple[str, str]:
    return "".join(lazy_pinyin(text)).lower(), "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()


def _surname(name: str) -> str:
    return name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]


@lru_cache(maxsize=65536)  # names repeat too
def name_pinyin(name: str) -> tuple[str, str]:
    """(full pinyin, initials), lower case: 曾国藩 → ("zengguofan", "zgf"). Letters and digits stay as written."""
    name = name.strip()
    if not name:
        return "", ""
    surname = _surname(name)
    reading = SURNAME_READINGS.get(surname)
    full, initials = ("".join(reading), "".join(s[:1] for s in reading)) if reading else _part(surname)
    if len(name) > len(surname):
        given, given_initials = _part(name[len(surname) :])
        full, initials = full + given, initials + given_initials
    return full, initials
