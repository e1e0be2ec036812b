"""Names in pinyin: surname and given name read apart, surnames as surnames (search finds 曾国藩 by "zgf")."""

import pytest

from tmis.teachers.pinyin import name_pinyin


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张伟", "zhangwei", "zw"),
        ("林娜娜", "linnana", "lnn"),
        ("曾国藩", "zengguofan", "zgf"),  # 曾 as a surname is zeng, not ceng
        ("单雄信", "shanxiongxin", "sxx"),
        ("解缙", "xiejin", "xj"),
        ("欧阳修", "ouyangxiu", "oyx"),  # compound surname
        ("尉迟恭", "yuchigong", "ycg"),
        ("长孙无忌", "zhangsunwuji", "zswj"),
        ("王", "wang", "w"),  # a surname alone
        ("欧阳", "ouyang", "oy"),  # two characters: a surname and a given name, read as such
        ("张重阳", "zhangchongyang", "zcy"),  # the given name read as a phrase of its own
        ("Mary Smith", "mary smith", "mary smith"),  # letters stay as written, lower case
        ("  ", "", ""),
    ],
)
def test_name_pinyin(name, full, initials):
    assert name_pinyin(name) == (full, initials)
