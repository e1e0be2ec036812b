"""The nationwide look-up before a transfer: where an archive is, masked; written to the access log; limited per
user per hour."""

from __future__ import annotations

import pytest

from tmis.audit.models import AccessLog

from .support import SCHOOL_A, approved_teacher, document_of

pytestmark = pytest.mark.django_db
LOOKUP = "/api/v1/teachers/lookup/"


def test_the_lookup_answers_where_and_never_more(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A, name="张三丰")
    found = client_for("demo-school-bj").get(LOOKUP, document_of(teacher))
    assert found.status_code == 200 and found["Cache-Control"] == "no-store"
    assert found.json() == {
        "found": True,
        "teacher_no": teacher.teacher_no,
        "name_masked": "张*丰",
        "active": True,
        "change_open": False,
        "province": {"code": "620000", "name": "甘肃省"},
        "county": {"code": "620102", "name": "城关区"},
    }
    missing = client_for("demo-school-bj").get(LOOKUP, {"id_type": "1", "id_number": "11010519491231002X"})
    assert missing.json()["found"] is False and "teacher_no" not in missing.json()
    logged = AccessLog.objects.filter(action="teacher.lookup").order_by("id")
    assert [entry.detail["found"] for entry in logged] == [True, False]
    assert logged[0].subject_id == str(teacher.pk)


def test_bad_lookups_name_the_field(client_for):
    client = client_for("demo-school-b")
    assert client.get(LOOKUP, {"id_type": "1", "id_number": "620102198503120001"}).json()["errors"]["id_number"]
    assert client.get(LOOKUP, {"id_type": "Q", "id_number": "x"}).json()["errors"]["id_type"]
    assert client.get(LOOKUP, {"id_type": "1"}).status_code == 400
    assert client_for("demo-county-a").get(LOOKUP, {"id_type": "1", "id_number": "x"}).status_code in (400, 403)


def test_the_lookup_is_limited_per_user_per_hour(client_for, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "teacher_lookup": "3/hour"},
    }
    from rest_framework.settings import api_settings

    api_settings.reload()
    from tmis.changes.api.views import LookupThrottle

    LookupThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        client = client_for("demo-school-b")
        query = {"id_type": "1", "id_number": "11010519491231002X"}
        assert [client.get(LOOKUP, query).status_code for _ in range(3)] == [200, 200, 200]
        limited = client.get(LOOKUP, query)
        assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
        assert client_for("demo-school-bj").get(LOOKUP, query).status_code == 200  # per user
    finally:
        api_settings.reload()
        LookupThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
