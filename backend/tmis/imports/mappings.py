"""Column mappings remembered per organisation: the next upload with the same headers is mapped the same way."""

from __future__ import annotations

import hashlib
from typing import Any

from .header_row import header_key
from .models import ColumnMapping


def header_signature(headers: list[str]) -> str:
    """A digest of the header row as matching sees it (spacing, width and `*` marks do not change it)."""
    joined = "\x1f".join(header_key(header) for header in headers)
    return hashlib.sha256(joined.encode()).hexdigest()


def mapping_recall(*, organisation_id: int, headers: list[str]) -> dict[str, str]:
    """The mapping the organisation last confirmed for these headers ({} when none)."""
    found = (
        ColumnMapping.objects.filter(organisation_id=organisation_id, signature=header_signature(headers))
        .values_list("mapping", flat=True)
        .first()
    )
    return dict(found or {})


def mapping_remember(*, organisation_id: int, headers: list[str], mapping: dict[str, str], actor: Any) -> None:
    """Keeps the mapping an upload was given, for the organisation's next upload with the same headers."""
    ColumnMapping.objects.update_or_create(
        organisation_id=organisation_id,
        signature=header_signature(headers),
        defaults={"mapping": mapping, "updated_by": actor},
    )
