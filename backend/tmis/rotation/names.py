"""The code tables this app shows by name (交流轮岗类型, 教师流动类别): what a person reads never shows a code. The
names come from the catalogue's short-lived cache of national code tables."""

from __future__ import annotations

from tmis.catalog.selectors import code_names, name_of

TYPE_TABLE, FLOW_TABLE = "rotation-type", "teacher-flow-category"

__all__ = ["FLOW_TABLE", "TYPE_TABLE", "code_names", "name_of"]
