"""What every write of an archive shares, whichever path it takes — the form (`services.teacher_create` /
`teacher_update`), a change request being applied (`reviewing`), an import's COPY (`bulk`) and the demo loader:

- `id_dedup_key`: THE dedup key of an ID document (type + normalised number → keyed digest); every lookup by ID
  document (duplicates, the ID filter, an import's in-file duplicates) builds it here;
- `id_columns` / `id_number_of`: the protected ID columns of a number (ciphertext, key id, digest, mask, prefix
  blind index), and back;
- `archive_row`: the stored row of a new archive built from checked values (every column but the primary key);
- `apply_values`: checked values applied to a loaded archive (with its pinyin, catalogue version and version);
- `stamp_change` / `change_seqs`: the `teacher_change_seq` stamp of every write (and a group record's new version).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import connection, models
from django.db.models.expressions import RawSQL

from tmis.catalog.validation import Errors
from tmis.core import crypto
from tmis.orgs.models import Organisation

from . import identity
from .models import Teacher
from .pinyin import name_pinyin

#: Encryption context of the ID number (AES-GCM associated data): a ciphertext only opens as an ID number.
ID_CONTEXT = b"teacher.id_number"

_ROW_FIELDS = [f for f in Teacher._meta.concrete_fields if not f.primary_key]
#: The columns of a stored archive row, in table order (what `archive_row` returns, what COPY writes).
ARCHIVE_ROW_COLUMNS: tuple[str, ...] = tuple(f.attname for f in _ROW_FIELDS)
#: Defaults of the columns a new archive leaves alone (computed once; mutable ones are made fresh per row).
_ROW_DEFAULTS = {f.attname: f.get_default() for f in _ROW_FIELDS}
_MUTABLE_DEFAULTS = tuple(f for f in _ROW_FIELDS if isinstance(_ROW_DEFAULTS[f.attname], list | dict))


def id_dedup_key(id_type: str, number: str) -> str:
    """The nationwide dedup key of an ID document (一人一号): a keyed HMAC of the type and the normalised number, so
    full-width, lower-case and spaced spellings of one number give one key. Stored as `Teacher.id_digest`."""
    return crypto.digest(f"{id_type}:{identity.normalise(number)}")


#: The shortest ID prefix `?id_prefix=` looks up (a county's region code) and the length of a blind-index entry.
ID_PREFIX_MIN = 6
_PREFIX_KEY_LENGTH = 16


def id_prefix_key(prefix: str) -> str:
    """One blind-index entry: a truncated keyed HMAC of a normalised number's prefix (the key never leaves the
    server, so the column tells nothing about the numbers; 64 bits keep collisions out of any scope)."""
    return crypto.digest(f"prefix:{identity.normalise(prefix)}")[:_PREFIX_KEY_LENGTH]


def id_prefix_keys(number: str) -> list[str]:
    """The blind index of a number (`Teacher.id_prefixes`): the key of each of its prefixes from `ID_PREFIX_MIN`
    characters to the whole number, computed at every write of the number."""
    normalised = identity.normalise(number)
    return [id_prefix_key(normalised[:n]) for n in range(ID_PREFIX_MIN, len(normalised) + 1)]


def id_columns(id_type: str, number: str) -> dict[str, Any]:
    """The protected ID columns of a document: `id_key` and `id_cipher` (the normalised number, encrypted),
    `id_digest` (the dedup key) and `id_masked` (for lists)."""
    normalised = identity.normalise(number)
    key_id, cipher = crypto.encrypt(normalised, context=ID_CONTEXT)
    return {
        "id_key": key_id,
        "id_cipher": cipher,
        "id_digest": id_dedup_key(id_type, normalised),
        "id_masked": crypto.mask(normalised),
        "id_prefixes": id_prefix_keys(normalised),
    }


def id_number_of(teacher: Teacher) -> str:
    """The archive's ID number, decrypted (callers that show it to a person log the access)."""
    return crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)


def number_prefix(school: Organisation) -> str:
    """The two-character prefix of the teacher numbers of a school's archives (its province)."""
    return (school.province_code or "00")[:2]


@dataclass
class CheckedTeacher:
    """A new archive's data, checked against the school's catalogue (`checks.teachers_check`): `errors` block it
    (key information), `warnings` are the catalogue problems a draft may keep. `number` is normalised."""

    school: Organisation
    values: dict[str, Any]
    extra: dict[str, Any]
    number: str
    version: int
    errors: Errors
    warnings: Errors

    @cached_property
    def digest(self) -> str:
        """The document's dedup key (`id_dedup_key`)."""
        return id_dedup_key(str(self.values.get("id_type") or ""), self.number)


def archive_row(
    checked: CheckedTeacher,
    *,
    teacher_no: str,
    by_id: int | None,
    change_seq: int = 0,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The stored row of a new archive (column attname → value, every column but the primary key, defaults
    included): what the form path saves as a model (`Teacher(**row)`) and the import path writes by COPY. `by_id`
    is the creating user's id (None for the system); `now` and `change_seq` are left to the model's save and
    `stamp_change` when not given."""
    school, number = checked.school, checked.number
    row = _ROW_DEFAULTS | checked.values
    for field in _MUTABLE_DEFAULTS:
        if field.attname not in checked.values:
            row[field.attname] = field.get_default()
    key_id, cipher = crypto.encrypt(number, context=ID_CONTEXT)
    pinyin, initials = name_pinyin(checked.values["name"])
    row.update(
        teacher_no=teacher_no,
        school_id=school.pk,
        org_path=school.path,
        province_code=school.province_code,
        id_key=key_id,
        id_cipher=cipher,
        id_digest=checked.digest,
        id_masked=crypto.mask(number),
        id_prefixes=id_prefix_keys(number),
        extra=checked.extra,
        name_pinyin=pinyin,
        name_initials=initials,
        catalogue_version=checked.version,
        change_seq=change_seq,
        created_by_id=by_id,
        updated_by_id=by_id,
        created_at=now,
        updated_at=now,
    )
    return row


def actor_id(actor: Any) -> int | None:
    """The user id a write records as created_by / updated_by (None for SYSTEM and anonymous actors)."""
    return getattr(actor, "pk", None) or None


def apply_values(
    teacher: Teacher, *, actor: Any, values: dict[str, Any], extra: dict[str, Any], catalogue_version: int
) -> None:
    """Applies checked column values and extensions to a loaded archive (unsaved): the name's pinyin follows, the
    catalogue version is the one checked against, and the archive's version (its ETag) advances."""
    for field, value in values.items():
        setattr(teacher, field, value)
    teacher.name_pinyin, teacher.name_initials = name_pinyin(teacher.name)
    teacher.extra, teacher.catalogue_version = extra, catalogue_version
    teacher.version += 1
    teacher.updated_by = actor if actor_id(actor) else None


def stamp_change(teacher: Teacher, *, new_version: bool = False, actor: Any = None) -> None:
    """Every write to an archive (the teacher row or a group record) takes the next `teacher_change_seq`; a group
    record's write also makes a new archive version (its ETag) and records who made it."""
    changes: dict[str, Any] = {"change_seq": RawSQL("nextval('teacher_change_seq')", [])}
    if new_version:
        changes |= {"version": models.F("version") + 1, "updated_by": actor if actor_id(actor) else None}
    Teacher.objects.filter(pk=teacher.pk).update(**changes)


def change_seqs(count: int) -> list[int]:
    """`count` values of `teacher_change_seq` in one round trip (the stamps of new archives written in bulk)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('teacher_change_seq') FROM generate_series(1, %s)", [count])
        return [value for (value,) in cursor.fetchall()]
