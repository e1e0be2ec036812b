"""The resources two people can edit, each as: who edits it, where, how one write looks, and what it changed.
Shared by the If-Match tests (tests/backend/core/test_etag.py) and the race test (test_etag_race.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from tests.factories.accounts import UserFactory
from tests.factories.teachers import teacher_payload
from tmis.accounts.models import User
from tmis.catalog.models import ProvinceCatalogue
from tmis.orgs.models import Organisation
from tmis.reviews.models import ReviewFlow
from tmis.teachers.checks import group_record_columns
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.owned_groups import OWNED_GROUPS

SCHOOL = "2162010201"


@dataclass
class Resource:
    """`write(client, n, headers)` makes the n-th change (each sets a different value); `state()` reads what the
    changes set from the database; `etag(client)` reads the current ETag the way the SPA does."""

    login: str
    url: str
    write: Callable[..., Any]
    state: Callable[[], Any]
    etag: Callable[[Any], str]
    status: int = 200


def _header_etag(url: str) -> Callable[[Any], str]:
    def read(client: Any) -> str:
        response = client.get(url)
        assert response.status_code == 200, response.content
        assert response["ETag"] == response.json()["etag"]  # the header and the field agree
        return response["ETag"]

    return read


def _plain_column(model: type[models.Model]) -> tuple[str, Callable[[int], Any]]:
    """A plain text (or integer) indicator of a group and the n-th value for it: at worst a catalogue warning."""
    for name in group_record_columns(model):
        field = model._meta.get_field(name)
        if type(field) is models.CharField:
            return name, str
        if type(field) is models.IntegerField:
            return name, lambda n: 2000 + n
    raise AssertionError(f"{model.__name__} has no plain column")


def teacher(make_client: Callable) -> Resource:
    client = make_client("demo-school-a")
    created = client.post("/api/v1/teachers/", teacher_payload(), format="json").json()
    url = f"/api/v1/teachers/{created['id']}/"
    return Resource(
        login="demo-school-a",
        url=url,
        write=lambda c, n, **h: c.patch(url, {"former_name": f"曾用名{n}"}, format="json", **h),
        state=lambda: Teacher.objects.get(pk=created["id"]).former_name,
        etag=_header_etag(url),
    )


def group_record(make_client: Callable, group: str, *, delete: bool = False) -> Resource:
    client = make_client("demo-school-a")
    teacher_id = client.post("/api/v1/teachers/", teacher_payload(), format="json").json()["id"]
    model = GROUP_MODELS[group]
    column, value = _plain_column(model)
    created = client.post(f"/api/v1/teachers/{teacher_id}/{group}/", {column: value(0)}, format="json")
    assert created.status_code == 201, created.content
    assert created["ETag"] == created.json()["etag"]
    url = f"/api/v1/teachers/{teacher_id}/{group}/{created.json()['id']}/"
    if delete:
        return Resource(
            login="demo-school-a",
            url=url,
            write=lambda c, n, **h: c.delete(url, **h),
            state=lambda: model.objects.filter(pk=created.json()["id"]).exists(),
            etag=_header_etag(url),
            status=204,
        )
    return Resource(
        login="demo-school-a",
        url=url,
        write=lambda c, n, **h: c.patch(url, {column: value(n)}, format="json", **h),
        state=lambda: getattr(model.objects.get(pk=created.json()["id"]), column),
        etag=_header_etag(url),
    )


def user(make_client: Callable) -> Resource:
    account = UserFactory(organisation=Organisation.objects.get(code=SCHOOL))
    url = f"/api/v1/users/{account.pk}/"
    return Resource(
        login="demo-county-a",
        url=url,
        write=lambda c, n, **h: c.patch(url, {"display_name": f"名字{n}"}, format="json", **h),
        state=lambda: User.objects.get(pk=account.pk).display_name,
        etag=_header_etag(url),
    )


def organisation(make_client: Callable) -> Resource:
    url = f"/api/v1/orgs/{SCHOOL}/"
    return Resource(
        login="demo-county-a",
        url=url,
        write=lambda c, n, **h: c.patch(url, {"name": f"城关区第{n}实验小学"}, format="json", **h),
        state=lambda: Organisation.objects.get(code=SCHOOL).name,
        etag=_header_etag(url),
    )


def _spec(n: int) -> dict[str, Any]:
    extension = {"code": f"ext_note_{n}", "group": "basic", "name": f"备注{n}", "type": "text"}
    return {"selected": {}, "code_tables": [], "extensions": [extension]}


def catalogue_draft(make_client: Callable) -> Resource:
    url = "/api/v1/catalog/provinces/620000/draft/"
    started = make_client("demo-province").put(url, _spec(0), format="json", HTTP_IF_NONE_MATCH="*")
    assert started.status_code == 200, started.content
    return Resource(
        login="demo-province",
        url=url,
        write=lambda c, n, **h: c.put(url, _spec(n), format="json", **h),
        state=lambda: ProvinceCatalogue.objects.get(province__code="620000", status="draft").spec["extensions"][0][
            "code"
        ],
        etag=_header_etag(url),
    )


def review_chain(make_client: Callable) -> Resource:
    """A chain has no GET of its own: the list's `etag` is what the chain editor sends."""
    url = "/api/v1/reviews/flows/teacher_info/"
    chains = [["school", "county", "city"], ["school", "county", "province"], ["school", "county", "city", "province"]]

    def etag(client: Any) -> str:
        flows = client.get("/api/v1/reviews/flows/").json()
        return next(flow["etag"] for flow in flows if flow["kind"] == "teacher_info")

    def state() -> list[str] | None:
        flow = ReviewFlow.objects.filter(province__code="620000", kind="teacher_info").first()
        return flow.levels if flow else None

    return Resource(
        login="demo-province",
        url=url,
        write=lambda c, n, **h: c.patch(url, {"levels": chains[n % 3]}, format="json", **h),
        state=state,
        etag=etag,
    )


def build(name: str, make_client: Callable) -> Resource:
    if name.startswith("group:"):
        return group_record(make_client, name.removeprefix("group:"))
    if name.startswith("delete:"):
        return group_record(make_client, name.removeprefix("delete:"), delete=True)
    return {
        "teacher": teacher,
        "user": user,
        "organisation": organisation,
        "catalogue_draft": catalogue_draft,
        "review_chain": review_chain,
    }[name](make_client)


RESOURCES = [
    "teacher",
    *(f"group:{group}" for group in GROUP_MODELS if group not in OWNED_GROUPS),  # owned groups: no person's writes
    "user",
    "organisation",
    "catalogue_draft",
    "review_chain",
]
