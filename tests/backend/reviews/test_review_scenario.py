"""Issue 5's scenario over the HTTP API: school → county review, a return and resubmission, change requests that
keep the approved values in force until approved, key information climbing to the province, scope, timeline."""

import pytest

from tests.factories.teachers import complete_archive
from tmis.notifications.models import Notification
from tmis.reviews.models import Decision, Submission

pytestmark = pytest.mark.django_db
TEACHERS = "/api/v1/teachers/"
REVIEWS = "/api/v1/reviews/"


def _queue_ids(client) -> list[int]:
    response = client.get(REVIEWS)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def _submission_of(teacher_id: int) -> int:
    return Submission.objects.filter(subject_id=teacher_id).latest("id").pk


def _etag(client, teacher_id: int) -> str:
    return client.get(f"{TEACHERS}{teacher_id}/")["ETag"]


def test_the_whole_review_scenario(client_for):
    filler = client_for("demo-school-a")
    school_reviewer = client_for("demo-school-a-reviewer")
    county = client_for("demo-county-a")
    province = client_for("demo-province")
    other_county = client_for("demo-county-b")

    # demo-school-a creates three teachers and submits them.
    ids = []
    for name in ("张伟", "李娜", "王芳"):
        ids.append(complete_archive(filler, name=name, gender="1"))
    for teacher_id in ids:
        submitted = filler.post(f"{TEACHERS}{teacher_id}/submit/")
        assert submitted.status_code == 201, submitted.json()
        assert submitted.json()["level"] == "school"
    assert {filler.get(f"{TEACHERS}{i}/").json()["record_state"] for i in ids} == {"submitted"}
    assert (
        filler.patch(
            f"{TEACHERS}{ids[0]}/", {"remarks": "x"}, format="json", HTTP_IF_MATCH=_etag(filler, ids[0])
        ).json()["code"]
        == "record_locked"
    )

    # The school reviewer's queue holds the three; approves two, returns one with a reason.
    queue = _queue_ids(school_reviewer)
    assert len(queue) == 3
    assert Notification.objects.filter(user__username="demo-school-a-reviewer", kind="review_waiting").count() == 3
    first, second, third = (_submission_of(i) for i in ids)
    assert school_reviewer.post(f"{REVIEWS}{first}/approve/").status_code == 200
    assert school_reviewer.post(f"{REVIEWS}{second}/approve/").status_code == 200
    short = school_reviewer.post(f"{REVIEWS}{third}/return/", {"reason": "太短"}, format="json")
    assert short.status_code == 400 and "reason" in short.json()["errors"]
    returned = school_reviewer.post(f"{REVIEWS}{third}/return/", {"reason": "联系电话缺失，请补充"}, format="json")
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    assert filler.get(f"{TEACHERS}{ids[2]}/").json()["record_state"] == "returned"
    notice = filler.get("/api/v1/notifications/").json()
    assert notice["unread"] == 1 and "联系电话缺失" in notice["results"][0]["message"]
    assert filler.get(f"{TEACHERS}{ids[0]}/").json()["record_state"] == "in_review"

    # demo-county-b sees and decides none of it.
    assert _queue_ids(other_county) == []
    assert other_county.post(f"{REVIEWS}{first}/approve/").status_code == 404
    assert other_county.get(f"{REVIEWS}{first}/").status_code == 404
    assert other_county.get(f"{TEACHERS}{ids[0]}/timeline/").status_code == 404

    # demo-county-a approves both; they are approved.
    assert sorted(_queue_ids(county)) == sorted([first, second])
    for submission in (first, second):
        decided = county.post(f"{REVIEWS}{submission}/approve/")
        assert decided.status_code == 200 and decided.json()["state"] == "approved"
    assert {filler.get(f"{TEACHERS}{i}/").json()["record_state"] for i in ids[:2]} == {"approved"}

    # The filler fixes and resubmits the third: a second round at the school level.
    fixed = filler.patch(
        f"{TEACHERS}{ids[2]}/", {"mobile": "13912345678"}, format="json", HTTP_IF_MATCH=_etag(filler, ids[2])
    )
    assert fixed.status_code == 200
    again = filler.post(f"{TEACHERS}{ids[2]}/submit/")
    assert again.status_code == 201 and again.json()["round"] == 2 and again.json()["id"] == third

    # An approved teacher's political status: the old value stays until demo-county-a approves the change.
    before = filler.get(f"{TEACHERS}{ids[0]}/").json()["political_status"]
    change = filler.patch(
        f"{TEACHERS}{ids[0]}/", {"political_status": ["01"]}, format="json", HTTP_IF_MATCH=_etag(filler, ids[0])
    )
    assert change.status_code == 202 and change.json()["political_status"] == before
    assert change.json()["pending_change"] is True
    assert filler.get(f"{TEACHERS}{ids[0]}/").json()["political_status"] == before
    second_change = filler.patch(
        f"{TEACHERS}{ids[0]}/", {"remarks": "y"}, format="json", HTTP_IF_MATCH=_etag(filler, ids[0])
    )
    assert second_change.status_code == 409 and second_change.json()["code"] == "change_pending"
    change_id = Submission.objects.filter(subject_id=ids[0], kind="teacher_change").get().pk
    item = next(i for i in school_reviewer.get(REVIEWS).json()["results"] if i["id"] == change_id)
    assert item["diff"]["fields"]["political_status"] == [before, ["01"]]
    assert school_reviewer.post(f"{REVIEWS}{change_id}/approve/").status_code == 200
    assert filler.get(f"{TEACHERS}{ids[0]}/").json()["political_status"] == before  # the county has not decided
    assert county.post(f"{REVIEWS}{change_id}/approve/").status_code == 200
    assert filler.get(f"{TEACHERS}{ids[0]}/").json()["political_status"] == ["01"]

    # A name change (key information) climbs to demo-province before it applies.
    renamed = filler.patch(
        f"{TEACHERS}{ids[1]}/", {"name": "李娜娜"}, format="json", HTTP_IF_MATCH=_etag(filler, ids[1])
    )
    assert renamed.status_code == 202
    key_change = Submission.objects.get(subject_id=ids[1], kind="teacher_key_change")
    assert key_change.step_levels == ["school", "county", "province"]
    for reviewer in (school_reviewer, county):
        assert reviewer.post(f"{REVIEWS}{key_change.pk}/approve/").status_code == 200
        assert filler.get(f"{TEACHERS}{ids[1]}/").json()["name"] == "李娜"
    assert province.post(f"{REVIEWS}{key_change.pk}/approve/").status_code == 200
    assert filler.get(f"{TEACHERS}{ids[1]}/").json()["name"] == "李娜娜"
    assert filler.get(TEACHERS, {"q": "lnn"}).json()["results"][0]["id"] == ids[1]  # pinyin follows the new name

    # The timeline lists every step with user and time.
    timeline = filler.get(f"{TEACHERS}{ids[2]}/timeline/").json()
    steps = [
        (e["action"], e["level"], (e["actor"] or {}).get("display_name"))
        for e in timeline
        if e["action"] in {"filled", "submit", "return"}
    ]
    steps = [step for n, step in enumerate(steps) if n == 0 or step != steps[n - 1]]  # one per record filled
    assert steps == [
        ("filled", "", "城关区第一实验小学填报员"),
        ("submit", "", "城关区第一实验小学填报员"),
        ("return", "school", "城关区第一实验小学审核员"),
        ("submit", "", "城关区第一实验小学填报员"),
    ]
    assert next(e for e in timeline if e["action"] == "return")["reason"] == "联系电话缺失，请补充"
    assert all(e["at"] for e in timeline)
    # Row history (pghistory): the fix, field by field, and the state the reviewer's decision set, by whom.
    fix = next(e for e in timeline if e["action"] == "changed" and "mobile" in e["changes"])
    assert fix["changes"]["mobile"] == {"old": "", "new": "13912345678"}
    assert fix["actor"]["display_name"] == "城关区第一实验小学填报员"
    to_returned = next(e for e in timeline if e["changes"].get("record_state", {}).get("new") == "returned")
    assert to_returned["actor"]["display_name"] == "城关区第一实验小学审核员"
    changed = filler.get(f"{TEACHERS}{ids[0]}/timeline/").json()
    submit_change = next(e for e in changed if e["kind"] == "teacher_change" and e["action"] == "submit")
    assert submit_change["changes"]["political_status"] == {"old": before, "new": ["01"]}
    assert [e["action"] for e in changed if e["kind"] == "teacher_change"] == ["submit", "approve", "approve"]
    applied = next(e for e in changed if e["action"] == "changed" and "political_status" in e["changes"])
    assert applied["changes"]["political_status"] == {"old": before, "new": ["01"]}
    assert applied["submission"] == change_id  # the row change names the review item that applied it


def test_a_reviewer_cannot_decide_their_own_submission(client_for):
    from tmis.accounts.models import User

    both = User.objects.get(username="demo-school-a")
    both.roles = ["filler", "reviewer"]
    both.save()
    client = client_for(both)
    teacher = complete_archive(client)
    submission = client.post(f"{TEACHERS}{teacher}/submit/").json()
    response = client.post(f"{REVIEWS}{submission['id']}/approve/")
    assert response.status_code == 403 and response.json()["code"] == "own_submission"
    assert not Decision.objects.filter(action="approve").exists()


def _approved_teacher(client_for) -> int:
    filler = client_for("demo-school-a")
    teacher = complete_archive(filler)
    submission = filler.post(f"{TEACHERS}{teacher}/submit/").json()["id"]
    client_for("demo-school-a-reviewer").post(f"{REVIEWS}{submission}/approve/")
    client_for("demo-county-a").post(f"{REVIEWS}{submission}/approve/")
    return teacher


def test_group_record_changes_of_an_approved_archive_wait_for_review(client_for):
    filler = client_for("demo-school-a")
    teacher = _approved_teacher(client_for)
    url = f"{TEACHERS}{teacher}/study/"
    response = filler.post(url, {"study_education": "21", "study_major": "数学"}, format="json")
    assert response.status_code == 202 and response.json()["pending_change"] is True
    submitted_with = filler.get(url).json()["results"]
    assert len(submitted_with) == 1  # the record the archive was submitted with; the new one is not in force yet
    change = response.json()["change_request"]
    item = client_for("demo-school-a-reviewer").get(f"{REVIEWS}{change}/").json()
    assert item["diff"]["group"]["op"] == "create" and item["diff"]["group"]["data"]["study_major"] == "数学"
    for login in ("demo-school-a-reviewer", "demo-county-a"):
        assert client_for(login).post(f"{REVIEWS}{change}/approve/").status_code == 200
    rows = filler.get(url).json()["results"]
    assert [row["study_major"] for row in rows] == [submitted_with[0]["study_major"], "数学"]
    # Deleting it is a change request too.
    deleting = filler.delete(f"{url}{rows[-1]['id']}/", HTTP_IF_MATCH=rows[-1]["etag"])
    assert deleting.status_code == 202
    assert len(filler.get(url).json()["results"]) == 2


def test_withdraw_before_the_first_decision_only(client_for):
    filler = client_for("demo-school-a")
    teacher = complete_archive(filler)
    submission = filler.post(f"{TEACHERS}{teacher}/submit/").json()["id"]
    assert client_for("demo-school-b").post(f"{REVIEWS}{submission}/withdraw/").status_code == 404
    withdrawn = filler.post(f"{REVIEWS}{submission}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
    assert filler.get(f"{TEACHERS}{teacher}/").json()["record_state"] == "draft"
    again = filler.post(f"{TEACHERS}{teacher}/submit/").json()["id"]
    client_for("demo-school-a-reviewer").post(f"{REVIEWS}{again}/approve/")
    late = filler.post(f"{REVIEWS}{again}/withdraw/")
    assert late.status_code == 409 and late.json()["code"] == "not_withdrawable"


def test_bulk_decisions_report_each_item(client_for):
    filler = client_for("demo-school-a")
    ids = []
    for _ in range(3):
        teacher = complete_archive(filler)
        ids.append(filler.post(f"{TEACHERS}{teacher}/submit/").json()["id"])
    reviewer = client_for("demo-school-a-reviewer")
    reviewer.post(f"{REVIEWS}{ids[0]}/approve/")  # already decided at this level
    response = reviewer.post(f"{REVIEWS}bulk/", {"action": "approve", "ids": [*ids, 999999]}, format="json")
    assert response.status_code == 200
    results = response.json()
    assert [(r["id"], r["ok"]) for r in results] == [(ids[0], False), (ids[1], True), (ids[2], True), (999999, False)]
    assert results[0]["code"] == "already_decided" and results[3]["code"] == "not_found"
    too_many = reviewer.post(f"{REVIEWS}bulk/", {"action": "approve", "ids": list(range(1001))}, format="json")
    assert too_many.status_code == 400
    no_reason = reviewer.post(f"{REVIEWS}bulk/", {"action": "return", "ids": ids[1:]}, format="json").json()
    assert {r["code"] for r in no_reason} == {"invalid"}


def test_a_province_configures_its_chain_for_new_submissions(client_for):
    province = client_for("demo-province")
    flows = {f["kind"]: f["levels"] for f in province.get(f"{REVIEWS}flows/").json()}
    assert flows["teacher_info"] == ["school", "county"]
    assert flows["teacher_key_change"] == ["school", "county", "province"]
    filler = client_for("demo-school-a")
    before = complete_archive(filler)
    early = filler.post(f"{TEACHERS}{before}/submit/").json()
    bad = province.patch(
        f"{REVIEWS}flows/teacher_info/", {"levels": ["county", "school"]}, format="json", HTTP_IF_MATCH="*"
    )
    assert bad.status_code == 400
    dropped = province.patch(
        f"{REVIEWS}flows/teacher_info/", {"levels": ["county", "province"]}, format="json", HTTP_IF_MATCH="*"
    )
    assert dropped.status_code == 400 and dropped.json()["errors"]["levels"][0]["code"] == "required_level"
    assert (
        client_for("demo-county-a")
        .patch(f"{REVIEWS}flows/teacher_info/", {"levels": ["school"]}, format="json", HTTP_IF_MATCH="*")
        .status_code
        == 403
    )
    changed = province.patch(
        f"{REVIEWS}flows/teacher_info/",
        {"levels": ["school", "county", "city"]},
        format="json",
        HTTP_IF_MATCH='"default"',
    )
    assert changed.status_code == 200 and changed.json()["levels"] == ["school", "county", "city"]
    after = complete_archive(filler)
    late = filler.post(f"{TEACHERS}{after}/submit/").json()
    assert early["step_levels"] == ["school", "county"] and late["step_levels"] == ["school", "county", "city"]


def test_submission_needs_a_valid_archive_and_the_queue_counts_queries(client_for, django_assert_max_num_queries):
    filler = client_for("demo-school-a")
    from tests.factories.teachers import teacher_payload

    draft = filler.post(TEACHERS, teacher_payload(), format="json").json()["id"]
    refused = filler.post(f"{TEACHERS}{draft}/submit/")
    assert refused.status_code == 400 and "staff_category" in refused.json()["errors"]
    for _ in range(5):
        teacher = complete_archive(filler)
        filler.post(f"{TEACHERS}{teacher}/submit/")
    reviewer = client_for("demo-school-a-reviewer")
    with django_assert_max_num_queries(3):
        assert len(reviewer.get(REVIEWS).json()["results"]) == 5
