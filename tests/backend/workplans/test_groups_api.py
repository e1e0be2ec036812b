"""Working groups (附件2) through the HTTP stack: filed by the organisation's administrators, read by the levels above
with mobiles masked, never by another province; bad input named by field."""

from __future__ import annotations

import pytest

from tests.factories.workplans import GroupMemberFactory
from tmis.audit.models import AccessLog
from tmis.orgs.models import Organisation
from tmis.workplans.models import GroupMember

pytestmark = pytest.mark.django_db
GROUPS = "/api/v1/working-groups/"


def _member(**extra):
    return {
        "name": "张敏",
        "unit": "甘肃省教育厅教师工作处",
        "post": "主任科员",
        "role": "liaison",
        "office_phone": "0931-8882 6003",
        "mobile": "13909310003",
        "email": "zhangmin@example.cn",
        **extra,
    }


def test_a_province_admin_adds_a_member_and_it_is_audited(client_for):
    response = client_for("demo-province").post(GROUPS, _member(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organisation"]["code"] == "620000" and body["role_name"] and body["mobile"] == "13909310003"
    event = AccessLog.objects.get(action="groupmember.create", subject_id=str(body["id"]))
    assert event.username == "demo-province" and "13909310003" not in str(event.detail)


def test_the_levels_above_read_it_with_the_mobile_masked(client_for):
    member = GroupMemberFactory(mobile="13909310003")
    own = client_for("demo-province").get(GROUPS).json()
    assert [(m["id"], m["mobile"], m["editable"]) for m in own] == [(member.pk, "13909310003", True)]
    ministry = client_for("demo-central").get(GROUPS, {"org": "620000"})
    assert ministry.status_code == 200
    row = ministry.json()[0]
    assert row["mobile"] != "13909310003" and row["mobile"].startswith("13") and "*" in row["mobile"]
    assert row["editable"] is False and row["email"] == member.email
    county = client_for("demo-county-a").get(GROUPS, {"org": "620000"})
    assert county.status_code == 200 and county.json()[0]["id"] == member.pk  # its province's group, read-only
    assert client_for("demo-central").get(GROUPS).json() == []  # the Ministry's own group: none filed


def test_never_sideways(client_for):
    member = GroupMemberFactory()
    other = client_for("demo-province-bj")
    listed = other.get(GROUPS, {"org": "620000"})
    assert listed.status_code == 400 and listed.json()["errors"]["org"][0]["code"] == "not_found"
    assert other.get(f"{GROUPS}{member.pk}/").status_code == 404
    assert other.patch(f"{GROUPS}{member.pk}/", {"name": "越权"}, format="json", HTTP_IF_MATCH="*").status_code == 404
    assert other.delete(f"{GROUPS}{member.pk}/", HTTP_IF_MATCH="*").status_code == 404
    assert [o["code"] for o in other.get(f"{GROUPS}organisations/").json()] == []
    assert GroupMember.objects.get(pk=member.pk).name == member.name


def test_only_the_owning_organisation_changes_it(client_for):
    member = GroupMemberFactory()
    for login in ("demo-central", "demo-city"):
        response = client_for(login).patch(f"{GROUPS}{member.pk}/", {"name": "改"}, format="json")
        assert response.status_code == 403 and response.json()["code"] == "not_own_organisation", login
    client = client_for("demo-province")
    etag = client.get(f"{GROUPS}{member.pk}/")["ETag"]
    changed = client.patch(
        f"{GROUPS}{member.pk}/", {"role": "leader", "post": "副厅长"}, format="json", HTTP_IF_MATCH=etag
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["role"] == "leader" and changed.json()["post"] == "副厅长"
    assert sorted(AccessLog.objects.get(action="groupmember.update").detail["fields"]) == ["post", "role"]
    gone = client.delete(f"{GROUPS}{member.pk}/", HTTP_IF_MATCH=changed.json()["etag"])
    assert gone.status_code == 204 and not GroupMember.objects.exists()
    assert AccessLog.objects.filter(action="groupmember.delete", subject_id=str(member.pk)).exists()


def test_a_county_files_its_own_group_a_school_none(client_for):
    county = client_for("demo-county-a").post(GROUPS, _member(), format="json")
    assert county.status_code == 201 and county.json()["organisation"]["code"] == "620102"
    filler = client_for("demo-school-a").post(GROUPS, _member(), format="json")
    assert filler.status_code == 403  # no workplans.manage
    from tests.factories.accounts import UserFactory

    school_admin = UserFactory(organisation=Organisation.objects.get(code="2162010201"), roles=["admin"])
    refused = client_for(school_admin).post(GROUPS, _member(), format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "level_not_allowed"


def test_a_central_university_files_a_group(client_for, university):
    school, admin = university
    assert client_for(admin).post(GROUPS, _member(), format="json").status_code == 201
    assert client_for("demo-central").get(GROUPS, {"org": school.code}).json()[0]["name"] == "张敏"


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"role": "boss"}, "role", "invalid_choice"),
        ({"role": ""}, "role", "invalid_choice"),
        ({"email": "not-an-email"}, "email", "invalid"),
        ({"email": "a@b"}, "email", "invalid"),
        ({"mobile": "1390931"}, "mobile", "mobile_format"),
        ({"mobile": "23909310003"}, "mobile", "mobile_format"),
        ({"office_phone": "call me"}, "office_phone", "phone_format"),
        ({"name": ""}, "name", "blank"),
        ({"name": "x" * 51}, "name", "max_length"),
    ],
)
def test_bad_members_are_refused_naming_the_field(client_for, extra, field, code):
    response = client_for("demo-province").post(GROUPS, _member(**extra), format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][field][0]["code"] == code
    assert not GroupMember.objects.exists()


def test_the_organisations_that_filed_a_group(client_for):
    GroupMemberFactory(role="leader", name="王建国", office_phone="0931-1")
    GroupMemberFactory(role="liaison", name="张敏", office_phone="0931-3")
    GroupMemberFactory(organisation=Organisation.objects.get(code="110000"), role="leader", name="京组长")
    rows = client_for("demo-central").get(f"{GROUPS}organisations/").json()
    assert [(r["code"], r["members"], r["contact"]) for r in rows] == [
        ("110000", 1, "京组长 0931-8880000"),
        ("620000", 2, "张敏 0931-3"),
    ]
