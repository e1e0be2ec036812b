"""A subject kind the engine has never heard of — a school notice kept in memory by the test — registered the way an
app registers its kinds, goes through every step of the engine over HTTP: submit, two levels of approval, return
with a reason, resubmission, withdrawal, bulk decisions, notifications, the item's decisions and the subject's
history. Nothing in `tmis.reviews` is written for it; only the subject app's own submit is a direct call."""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tmis.orgs.models import Organisation
from tmis.reviews import registry
from tmis.reviews import services as engine
from tmis.reviews.models import Submission

pytestmark = pytest.mark.django_db
REVIEWS = "/api/v1/reviews/"
KIND = "test_school_notice"
SCHOOL = "2162010201"  # 城关区第一实验小学, under 城关区 620102


@dataclass
class Notice:
    title: str
    school_code: str
    state: str = "draft"  # draft → pending → published; a return or withdrawal puts it back to draft
    published_title: str = ""


class NoticeHandler:
    """The subject app's side: its subjects live in `store`, not in the database."""

    def __init__(self) -> None:
        self.store: dict[int, Notice] = {}
        self.events: list[tuple[int, str]] = []
        self._ids = itertools.count(1)

    def create(self, title: str, school_code: str = SCHOOL) -> int:
        subject_id = next(self._ids)
        self.store[subject_id] = Notice(title=title, school_code=school_code)
        return subject_id

    def label(self, subject_id: int) -> str:
        return f"通知：{self.store[subject_id].title}"

    def origin(self, subject_id: int) -> Organisation:
        return Organisation.objects.get(code=self.store[subject_id].school_code)

    def may_submit(self, actor: Any, subject_id: int) -> bool:
        return f"/{self.store[subject_id].school_code}/" in (actor.organisation.path if actor.organisation else "")

    def describe(self, submission: Submission) -> dict[str, Any] | None:
        notice = self.store[submission.subject_id]
        return {"fields": {"title": [notice.published_title or None, notice.title]}}

    def state_changed(self, submission: Submission) -> None:
        self.events.append((submission.subject_id, submission.state))
        notice = self.store[submission.subject_id]
        if submission.state in ("returned", "withdrawn"):
            notice.state = "draft"  # undo what submitting did
        elif submission.state in ("submitted", "in_review"):
            notice.state = "pending"

    def apply(self, submission: Submission) -> None:
        notice = self.store[submission.subject_id]
        notice.state, notice.published_title = "published", notice.title


@pytest.fixture
def notices():
    """The kind, registered as an app's ready() would, and unregistered after the test."""
    handler = NoticeHandler()
    registry.register(
        registry.SubjectKind(
            key=KIND,
            label="学校通知",
            subject_type="notice",
            handler=handler,
            default_levels=("school", "county"),
            required_levels=("school",),
            allowed_levels=("school", "county", "city"),
        )
    )
    yield handler
    registry.unregister(KIND)
    assert KIND not in registry.kind_keys()


def _submit(handler: NoticeHandler, subject_id: int, username: str = "demo-school-a") -> int:
    """The subject app's own submit (a service of that app, here the test): the engine asks the handler the rest."""
    from tmis.accounts.models import User

    return engine.submit(actor=User.objects.get(username=username), kind=KIND, subject_id=subject_id).pk


def _queue(client) -> dict[int, dict]:
    response = client.get(REVIEWS, {"kind": KIND})
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["results"]}


def _messages(client) -> list[str]:
    return [n["message"] for n in client.get("/api/v1/notifications/").json()["results"]]


def test_an_unknown_subject_kind_goes_through_the_whole_engine(notices, client_for):
    filler = client_for("demo-school-a")
    school = client_for("demo-school-a-reviewer")
    county = client_for("demo-county-a")

    # Submitted: waiting at the school, its reviewers notified, described by the handler in the queue.
    notice = notices.create("期末考试安排")
    item_id = _submit(notices, notice)
    assert notices.store[notice].state == "pending"
    queued = _queue(school)[item_id]
    assert queued["kind"] == KIND and queued["level"] == "school" and queued["step_levels"] == ["school", "county"]
    assert queued["subject"] == {"type": "notice", "id": notice, "name": "通知：期末考试安排"}
    assert queued["diff"] == {"fields": {"title": [None, "期末考试安排"]}}
    assert any("通知：期末考试安排" in m for m in _messages(school))
    assert _queue(county) == {}

    # Returned with a reason: the filler is told why, the handler undoes the submission.
    too_short = school.post(f"{REVIEWS}{item_id}/return/", {"reason": "不行"}, format="json")
    assert too_short.status_code == 400
    returned = school.post(f"{REVIEWS}{item_id}/return/", {"reason": "时间写错了，请改正"}, format="json")
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    assert notices.store[notice].state == "draft"
    assert any("时间写错了，请改正" in m for m in _messages(filler))
    mine = filler.get(f"{REVIEWS}mine/").json()["results"]
    assert [(m["id"], m["state"], m["return_reason"]) for m in mine] == [(item_id, "returned", "时间写错了，请改正")]

    # Resubmitted: the same item, round 2; approved at the school, then at the county, which applies it.
    notices.store[notice].title = "期末考试安排（修订）"
    assert _submit(notices, notice) == item_id
    assert school.post(f"{REVIEWS}{item_id}/approve/").json()["state"] == "in_review"
    assert notices.store[notice].state == "pending" and notices.store[notice].published_title == ""
    assert item_id in _queue(county)
    assert any("期末考试安排" in m for m in _messages(county))
    approved = county.post(f"{REVIEWS}{item_id}/approve/")
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert notices.store[notice].state == "published"
    assert notices.store[notice].published_title == "期末考试安排（修订）"

    # The item's decisions and the subject's history, with who, where and why.
    detail = filler.get(f"{REVIEWS}{item_id}/").json()
    steps = [
        (d["round"], d["action"], d["level"], d["actor"]["display_name"], d["reason"]) for d in detail["decisions"]
    ]
    assert steps == [
        (1, "submit", "", "城关区第一实验小学填报员", ""),
        (1, "return", "school", "城关区第一实验小学审核员", "时间写错了，请改正"),
        (2, "submit", "", "城关区第一实验小学填报员", ""),
        (2, "approve", "school", "城关区第一实验小学审核员", ""),
        (2, "approve", "county", "城关区审核员", ""),
    ]
    history = county.get(f"{REVIEWS}history/", {"subject_type": "notice", "subject_id": notice})
    assert history.status_code == 200
    assert [(h["id"], len(h["decisions"])) for h in history.json()] == [(item_id, 5)]
    assert client_for("demo-county-b").get(f"{REVIEWS}{item_id}/").status_code == 404
    assert (
        client_for("demo-county-b").get(f"{REVIEWS}history/", {"subject_type": "notice", "subject_id": notice}).json()
        == []
    )
    assert filler.get(f"{REVIEWS}history/", {"subject_type": "notice"}).status_code == 400
    assert [state for subject, state in notices.events if subject == notice] == [
        "submitted",
        "returned",
        "submitted",
        "in_review",
        "approved",
    ]


def test_withdraw_and_bulk_decisions_for_an_unknown_kind(notices, client_for):
    filler = client_for("demo-school-a")
    school = client_for("demo-school-a-reviewer")

    # Withdrawn before anyone decides: the handler undoes it; a withdrawn item is no longer in the queue.
    notice = notices.create("运动会通知")
    item_id = _submit(notices, notice)
    assert client_for("demo-school-b").post(f"{REVIEWS}{item_id}/withdraw/").status_code == 404
    withdrawn = filler.post(f"{REVIEWS}{item_id}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
    assert notices.store[notice].state == "draft" and item_id not in _queue(school)

    # Bulk: one result per id, in order (unknown and already decided ids reported); a return carries its reason.
    ids = [_submit(notices, notices.create(f"通知{n}")) for n in range(4)]
    results = school.post(f"{REVIEWS}bulk/", {"action": "approve", "ids": [*ids[:3], 999999]}, format="json")
    assert results.status_code == 200
    assert [(r["id"], r["ok"], r.get("state") or r.get("code")) for r in results.json()] == [
        (ids[0], True, "in_review"),
        (ids[1], True, "in_review"),
        (ids[2], True, "in_review"),
        (999999, False, "not_found"),
    ]
    again = school.post(f"{REVIEWS}bulk/", {"action": "approve", "ids": ids[:1]}, format="json").json()
    assert again[0]["code"] == "already_decided"
    back = school.post(
        f"{REVIEWS}bulk/", {"action": "return", "ids": ids[3:], "reason": "格式不对，请重写"}, format="json"
    )
    assert back.json() == [{"id": ids[3], "ok": True, "state": "returned"}]
    assert notices.store[Submission.objects.get(pk=ids[3]).subject_id].state == "draft"
    county = client_for("demo-county-a")
    done = county.post(f"{REVIEWS}bulk/", {"action": "approve", "ids": ids[:3]}, format="json").json()
    assert {r["state"] for r in done} == {"approved"}
    assert [n.state for n in notices.store.values()] == ["draft", "published", "published", "published", "draft"]


def test_who_may_submit_and_decide_is_the_kinds_business(notices, client_for):
    from tmis.core.errors import AppError

    other = notices.create("别校通知", school_code="2162010301")  # 七里河区建兰路小学
    with pytest.raises(AppError) as refused:
        _submit(notices, other)  # demo-school-a is not in that school
    assert refused.value.code == "not_submitter"
    with pytest.raises(AppError) as no_capability:
        _submit(notices, notices.create("审核员不能提交"), username="demo-school-a-reviewer")
    assert no_capability.value.code == "not_submitter"

    # A kind that names its own capability for deciding: a reviewer without it is refused.
    registry.register(
        registry.SubjectKind(
            key=KIND,
            label="学校通知",
            subject_type="notice",
            handler=notices,
            default_levels=("school",),
            decide_capability="catalog.manage",
        )
    )
    item_id = _submit(notices, notices.create("需特别权限"))
    refused_decision = client_for("demo-school-a-reviewer").post(f"{REVIEWS}{item_id}/approve/")
    assert refused_decision.status_code == 403 and refused_decision.json()["code"] == "permission_denied"


def test_a_registered_kind_has_a_chain_the_province_configures(notices, client_for):
    province = client_for("demo-province")
    flows = {flow["kind"]: flow for flow in province.get(f"{REVIEWS}flows/").json()}
    assert flows[KIND] == {
        "province": "620000",
        "kind": KIND,
        "kind_name": "学校通知",
        "levels": ["school", "county"],
        "required_levels": ["school"],
        "allowed_levels": ["school", "county", "city"],
        "derived_from": None,
        "editable": True,
        "updated_at": None,
        "etag": '"default"',
    }
    url = f"{REVIEWS}flows/{KIND}/"
    default = {"HTTP_IF_MATCH": '"default"'}  # the ETag of a chain still at its default
    not_allowed = province.patch(
        url, {"levels": ["school", "province"]}, format="json", HTTP_ACCEPT_LANGUAGE="zh-CN", **default
    )
    assert not_allowed.status_code == 400
    error = not_allowed.json()["errors"]["levels"][0]
    assert error["code"] == "invalid" and "学校" in error["message"] and "市" in error["message"]
    dropped = province.patch(url, {"levels": ["county"]}, format="json", HTTP_ACCEPT_LANGUAGE="zh-CN", **default)
    assert dropped.json()["errors"]["levels"][0]["code"] == "required_level"
    assert "学校" in dropped.json()["errors"]["levels"][0]["message"]
    twice = province.patch(url, {"levels": ["school", "school"]}, format="json", **default)
    assert twice.json()["errors"]["levels"][0]["code"] == "order"
    changed = province.patch(url, {"levels": ["school", "city"]}, format="json", **default)
    assert changed.status_code == 200 and changed.json()["levels"] == ["school", "city"]
    assert changed.json()["updated_at"] is not None and changed.json()["etag"] != '"default"'
    stale = province.patch(url, {"levels": ["school", "county"]}, format="json", **default)  # based on the old version
    assert stale.status_code == 412 and stale.json()["code"] == "stale"
    item = Submission.objects.get(pk=_submit(notices, notices.create("走市级")))
    assert item.step_levels == ["school", "city"]


def test_flows_errors_are_in_chinese(client_for):
    county = client_for("demo-county-a")
    response = county.get(f"{REVIEWS}flows/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 403 and response.json()["code"] == "not_province"
    assert "省" in response.json()["message"]
    province = client_for("demo-province")
    unknown = province.patch(f"{REVIEWS}flows/nothing/", {"levels": ["school"]}, format="json", HTTP_IF_MATCH="*")
    assert unknown.status_code == 404
    derived = province.patch(
        f"{REVIEWS}flows/teacher_key_change/",
        {"levels": ["school"]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-CN",
        HTTP_IF_MATCH='"default"',
    )
    assert derived.status_code == 400 and derived.json()["errors"]["kind"][0]["code"] == "derived"
    assert "教师信息" in derived.json()["errors"]["kind"][0]["message"]
    flows = {flow["kind"]: flow for flow in province.get(f"{REVIEWS}flows/", HTTP_ACCEPT_LANGUAGE="zh-CN").json()}
    assert flows["teacher_key_change"]["editable"] is False
    assert flows["teacher_key_change"]["derived_from"] == "teacher_info"
    assert flows["teacher_info"]["required_levels"] == ["school", "county"]


def test_the_engine_imports_no_subject_app():
    """ARCHITECTURE §12: `tmis.reviews` knows no subject; they register with it."""
    package = Path(registry.__file__).parent
    found = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.name}: {name}" for name in names if name.startswith("tmis.teachers")]
    assert found == []
