"""What each kind of change needs and sets (DOMAIN §2.6 codes): the 教职工当前状态 a leaving sets, the 人员状态 a
secondment or leave may set, and which archives each kind applies to."""

from __future__ import annotations

from .models import Kind

#: Review kinds registered with the engine: a transfer (two-sided) and every other change of a teacher's status.
TRANSFER_REVIEW = "transfer"
STATUS_REVIEW = "teacher_status"
SUBJECT = "teacher_change"

#: Leaving: the 教职工当前状态 it sets; the archive becomes inactive (kept, read-only).
LEAVING: dict[str, str] = {
    Kind.RETIRE: "01",
    Kind.RETIRE_CADRE: "02",
    Kind.DEATH: "03",
    Kind.RESIGN: "06",
    Kind.LEAVE_JOB: "07",
    Kind.CONTRACT_END: "07",
    Kind.DISMISS: "08",
    Kind.MISSING: "09",
}

#: Temporary states (人员状态 201–211, 299; 205 exchange rotation belongs to the rotation module).
TEMPORARY: dict[str, frozenset[str]] = {
    Kind.SECONDMENT: frozenset({"201", "202"}),
    Kind.LEAVE: frozenset({"203", "204", "206", "207", "208", "209", "210", "211", "299"}),
}

SERVING = "100"  # 人员状态 在本单位任职
IN_SERVICE = "11"  # 教职工当前状态 在职
RE_EMPLOYED = "04"  # 返聘
RETIRED = frozenset({"01", "02"})
TRANSFERRED_IN = "30"  # 教职工来源 调入


def mask_name(name: str) -> str:
    """张*伟, 李*, 欧阳**轩: the first and (from three characters) the last character shown."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
