"""Helpers shared by the archive-rule tests (issue 4): payload helpers, ID-number generators, the demo schools."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.factories.teachers import teacher_payload
from tmis.core import idnumbers
from tmis.teachers.models import GROUP_MODELS

pytestmark = pytest.mark.django_db

TEACHERS = "/api/v1/teachers/"
SCHOOL_A = "2162010201"  # 城关区 (620102): demo-school-a
SIBLING_OF_A = "3162010202"  # also 城关区, no demo login
SCHOOL_B = "2162010301"  # 七里河区 (620103): demo-school-b
GROUPS = list(GROUP_MODELS)


# --- helpers ------------------------------------------------------------------------------------------------


def create(client, **overrides):
    return client.post(TEACHERS, teacher_payload(**overrides), format="json")


def created(client, **overrides) -> dict:
    response = create(client, **overrides)
    assert response.status_code == 201, response.content.decode()
    return response.json()


def etag(body: dict) -> str:
    return f'"{body["id"]}-v{body["version"]}"'


def error_codes(response, field: str) -> set[str]:
    return {e["code"] for e in response.json().get("errors", {}).get(field, [])}


def with_check(first17: str) -> str:
    return first17 + idnumbers.check_char(first17)


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def resident_ids_ending_in_x(birth: str = "19850312", region: str = "620102", male: bool = True) -> Iterator[str]:
    """Valid GB 11643 numbers whose check character is X."""
    for sequence in range(1 if male else 2, 1000, 2):
        first17 = f"{region}{birth}{sequence:03d}"
        if idnumbers.check_char(first17) == "X":
            yield first17 + "X"


def response_text(response) -> str:
    """Everything a client receives: headers and body (raw bytes, and the parsed JSON re-dumped without escapes,
    so a search for Chinese text cannot pass just because the renderer escaped it)."""
    parts = [f"{k}: {v}" for k, v in response.items()]
    parts.append(response.content.decode())
    if response.content and response.get("Content-Type", "").startswith("application/json"):
        parts.append(json.dumps(response.json(), ensure_ascii=False))
    return "\n".join(parts)


def full_number(client, teacher_id: int) -> str:
    return client.get(f"{TEACHERS}{teacher_id}/id-number/").json()["id_number"]
