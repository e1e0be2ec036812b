"""Groups of the archive that a business module owns and alone writes (国内培训: the training credits; later 交流轮岗:
the rotation). A person's write of such a group through the archive is refused, and the group is no minimum of a
complete archive (its records arrive as the module approves them: a new teacher has none yet)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tmis.core.errors import AppError

#: group code → what a person is told to use instead. Registered by the owning app (`register_owned_group`).
OWNED_GROUPS: dict[str, Any] = {}


def register_owned_group(group_code: str, instead: Any) -> None:
    """`group_code`'s records are written only by the app that registers it; a person's write of one is refused
    with `instead` (e.g. "File a training claim: approved hours appear here")."""
    OWNED_GROUPS[group_code] = instead


def ensure_not_owned(group_code: str) -> None:
    """409 `group_owned` for a person's write of a group a business module owns."""
    if group_code in OWNED_GROUPS:
        raise AppError(
            _("These records are written by their own module, not edited here. %(instead)s")
            % {"instead": OWNED_GROUPS[group_code]},
            code="group_owned",
            status_code=409,
        )
