"""Free text refuses control characters in every write API, with a translated error naming the field; multi-line
text keeps its line breaks and tabs; markup is stored as the text it is (issue 13)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from rest_framework import serializers

import tmis
from tests.factories.teachers import complete_archive, teacher_payload
from tmis.core.text import NoControlCharacters
from tmis.orgs.models import Organisation
from tmis.teachers.checks import teacher_check

pytestmark = pytest.mark.django_db
MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
SCHOOL = {"parent": "620102", "code": "2162010299", "level": "school", "school_type": "211"}
USER = {"username": "new-filler", "password": "Str0ng!pass", "roles": ["filler"], "organisation": "2162010201"}


def _refused(response, field: str) -> dict:
    assert response.status_code == 400, response.content
    problems = response.json()["errors"][field]
    assert problems[0]["code"] == "control_characters", problems
    return problems[0]


@pytest.mark.parametrize("char", ["\x03", "\x07", "\x1b", "\n", "\t", "\x7f", "\x85", "\x9b"])
def test_an_organisation_name_with_a_control_character_is_refused(client_for, char):
    response = client_for("demo-county-a").post("/api/v1/orgs/", SCHOOL | {"name": f"新{char}学校"}, format="json")
    problem = _refused(response, "name")
    assert not Organisation.objects.filter(code=SCHOOL["code"]).exists()
    assert "name" in problem["message"]


def test_the_message_is_translated_and_names_the_field(client_for):
    client = client_for("demo-county-a")
    zh = _refused(
        client.post("/api/v1/orgs/", SCHOOL | {"name": "新\x03学校"}, format="json", HTTP_ACCEPT_LANGUAGE="zh-CN"),
        "name",
    )
    en = _refused(
        client.post("/api/v1/orgs/", SCHOOL | {"name": "新\x03学校"}, format="json", HTTP_ACCEPT_LANGUAGE="en"), "name"
    )
    assert "控制字符" in zh["message"] and "name" in zh["message"]
    assert "control characters" in en["message"] and "name" in en["message"]


def test_a_display_name_with_a_bell_is_refused(client_for):
    client = client_for("demo-county-a")
    _refused(client.post("/api/v1/users/", USER | {"display_name": "填报员\x07"}, format="json"), "display_name")
    created = client.post("/api/v1/users/", USER | {"display_name": "填报员"}, format="json").json()
    changed = client.patch(
        f"/api/v1/users/{created['id']}/", {"display_name": "a\x08b"}, format="json", HTTP_IF_MATCH="*"
    )
    _refused(changed, "display_name")


def test_markup_is_stored_as_text(client_for):
    client = client_for("demo-county-a")
    org = client.post("/api/v1/orgs/", SCHOOL | {"name": MARKUP}, format="json")
    assert org.status_code == 201, org.json()
    assert client.get(f"/api/v1/orgs/{SCHOOL['code']}/").json()["name"] == MARKUP
    user = client.post("/api/v1/users/", USER | {"display_name": MARKUP}, format="json")
    assert user.status_code == 201 and user.json()["display_name"] == MARKUP


def test_teacher_text_fields_refuse_control_characters(client_for):
    client = client_for("demo-school-a")
    _refused(client.post("/api/v1/teachers/", teacher_payload(name="张\x07伟"), format="json"), "name")
    _refused(client.post("/api/v1/teachers/", teacher_payload(remarks="\x1b[31m红"), format="json"), "remarks")
    teacher = client.post("/api/v1/teachers/", teacher_payload(), format="json").json()
    record = client.post(f"/api/v1/teachers/{teacher['id']}/study/", {"study_major": "数\x00学"}, format="json")
    assert record.status_code == 400
    record = client.post(f"/api/v1/teachers/{teacher['id']}/study/", {"study_major": "数\x0b学"}, format="json")
    _refused(record, "study_major")
    listed = client.post(f"/api/v1/teachers/{teacher['id']}/post/", {"school_duty": ["1", "2\x07"]}, format="json")
    assert listed.status_code == 400
    assert any(p["code"] == "control_characters" for ps in listed.json()["errors"].values() for p in ps)


def test_catalogue_driven_values_refuse_control_characters():
    """What an import row goes through (no serializer): teacher_check blocks a control character in any value."""
    school = Organisation.objects.get(code="2162010201")
    checked = teacher_check(school=school, data=teacher_payload(remarks="备注\x07", extra={"ext_x": ["a\x1b"]}))
    assert checked.errors["remarks"][0]["code"] == "control_characters"
    assert checked.errors["extra.ext_x"][0]["code"] == "control_characters"
    clean = teacher_check(school=school, data=teacher_payload(remarks=MARKUP))
    assert "remarks" not in clean.errors


def test_a_return_reason_keeps_line_breaks_but_not_other_controls(client_for):
    filler = client_for("demo-school-a")
    teacher = complete_archive(filler)
    submission = filler.post(f"/api/v1/teachers/{teacher}/submit/").json()["id"]
    reviewer = client_for("demo-school-a-reviewer")
    refused = reviewer.post(f"/api/v1/reviews/{submission}/return/", {"reason": "照片\x07不清楚"}, format="json")
    _refused(refused, "reason")
    returned = reviewer.post(
        f"/api/v1/reviews/{submission}/return/", {"reason": "照片不清楚；\n\t请重新上传。"}, format="json"
    )
    assert returned.status_code == 200, returned.json()
    assert returned.json()["return_reason"] == "照片不清楚；\n\t请重新上传。"


def _all_serializers() -> list[type[serializers.Serializer]]:
    for module in pkgutil.walk_packages(tmis.__path__, "tmis."):
        if ".api" in module.name or module.name.endswith("serializers"):
            importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [s for s in set(subclasses(serializers.Serializer)) if s.__module__.startswith("tmis.")]


def _char_fields(field: serializers.Field, path: str):
    if isinstance(field, serializers.CharField):
        yield path, field
    if isinstance(field, serializers.ListField | serializers.DictField):
        yield from _char_fields(field.child, f"{path}[]")
    if isinstance(field, serializers.ListSerializer):
        yield from _char_fields(field.child, f"{path}[]")
    if isinstance(field, serializers.Serializer):
        for name, sub in field.fields.items():
            yield from _char_fields(sub, f"{path}.{name}")


def test_every_text_field_of_every_serializer_refuses_control_characters():
    """The mechanism is general: every CharField of every serializer of the project (declared, built from a model,
    nested or a list's child) carries the check; only password fields are exempt."""
    checked = 0
    for serializer_class in _all_serializers():
        try:
            serializer = serializer_class()
            serializer.fields  # noqa: B018 (built lazily)
        except (TypeError, AssertionError):  # an abstract base (no Meta) or one that needs arguments
            continue
        for path, field in _char_fields(serializer, serializer_class.__name__):
            if field.read_only or field.style.get("input_type") == "password":
                continue
            assert any(isinstance(v, NoControlCharacters) for v in field.validators), path
            checked += 1
    assert checked > 100
