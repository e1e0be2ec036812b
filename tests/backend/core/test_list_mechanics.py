"""The pieces every list request goes through: keys-first cursor pages, the FilterSet base, the orjson renderer."""

from __future__ import annotations

import datetime as dt
import decimal
from collections import Counter

import pytest
from django.db import connection
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict

from tmis.core.renderers import FastJSONRenderer
from tmis.teachers.demo import load_demo_teachers
from tmis.teachers.filters import TeacherFilter
from tmis.teachers.models import Teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def teachers():
    load_demo_teachers(per_school=10)
    return Teacher.objects.filter(org_path__startswith="/000000/620000/")


def _walk(client, params: dict) -> list[list[int]]:
    pages, url, query = [], "/api/v1/teachers/", params
    while url:
        body = client.get(url, query).json()
        pages.append([row["id"] for row in body["results"]])
        url, query = body["next"], None
    return pages


def _most_common(values) -> str:
    return Counter(values).most_common(1)[0][0]


@pytest.mark.parametrize("search", ["substring", "initials", "prefix by name, descending"])
def test_search_pages_read_keys_first_and_walk_like_plain_pages(client_for, teachers, search):
    names = list(teachers.values_list("name", "name_initials"))
    if search == "substring":
        term = _most_common(name[-1] for name, _ in names)
        params, expected = {"q": term}, teachers.filter(name__contains=term).order_by("id")
    elif search == "initials":
        term = _most_common(initials[0] for _, initials in names)
        params, expected = {"q": term}, teachers.filter(name_initials__startswith=term).order_by("id")
    else:
        term = _most_common(name[0] for name, _ in names)
        params = {"name": term, "ordering": "-name"}
        expected = teachers.filter(name__startswith=term).order_by("-name_pinyin", "id")
    client = client_for("demo-province")
    want = list(expected.values_list("id", flat=True))
    assert len(want) > 4, "the demo data should give several pages"
    pages = _walk(client, {**params, "page_size": 2})
    assert [i for page in pages for i in page] == want
    assert all(len(page) == 2 for page in pages[:-1])
    # and back again from the last page
    last = client.get("/api/v1/teachers/", {**params, "page_size": 2})
    while last.json()["next"]:
        last = client.get(last.json()["next"])
    url, seen = last.json()["previous"], []
    while url:
        body = client.get(url).json()
        seen[:0] = [row["id"] for row in body["results"]]
        url = body["previous"]
    assert seen + pages[-1] == want


def _sql_of(client, params: dict) -> list[str]:
    statements: list[str] = []

    def record(execute, sql, params_, many, context):
        statements.append(sql)
        return execute(sql, params_, many, context)

    with connection.execute_wrapper(record):
        assert client.get("/api/v1/teachers/", params).status_code == 200
    return statements


def test_only_searches_read_keys_first(client_for, teachers):
    client = client_for("demo-county-a")
    some = teachers.order_by("id").first()
    searched = _sql_of(client, {"q": "zw"})
    assert len(searched) == 2  # the caller, the page with its schools joined
    assert 'IN (SELECT U0."id"' in searched[1]
    for params in ({}, {"teacher_no": some.teacher_no}, {"gender": "2"}):
        plain = _sql_of(client, params)
        assert len(plain) == 2 and "IN (SELECT" not in plain[1], params


def test_filtersets_do_not_share_their_filters():
    one, two = TeacherFilter(data={"q": "zw"}), TeacherFilter(data={"q": "张"})
    for name in TeacherFilter.base_filters:
        assert one.filters[name] is not two.filters[name]
        assert one.filters[name] is not TeacherFilter.base_filters[name]
        assert one.filters[name].parent is one and two.filters[name].parent is two
        assert getattr(TeacherFilter.base_filters[name], "parent", None) is None
    # the method filter runs on its own FilterSet
    assert one.filters["q"].filter.f is one.filters["q"]
    assert one.get_form_class() is two.get_form_class()  # built once per class
    assert "name_initials" in str(one.qs.query) and "name" in str(two.qs.query)
    assert one.is_valid() and two.is_valid()


def test_invalid_filter_values_still_answer_400(client_for):
    response = client_for("demo-county-a").get("/api/v1/teachers/", {"record_state": "nonsense", "age_min": "x"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"record_state", "age_min"}


@pytest.mark.parametrize("size", ["0", "501", "abc", "-5", "1e3", "١٠"])
@pytest.mark.parametrize("path", ["/api/v1/teachers/", "/api/v1/orgs/", "/api/v1/reviews/"])
def test_a_page_size_out_of_range_is_refused_naming_it(client_for, path, size):
    """Issue 20: out of range or not a whole number is a 400 — never silently the default or the maximum."""
    response = client_for("demo-county-a").get(path, {"page_size": size}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    problem = response.json()["errors"]["page_size"][0]
    assert problem["code"] == "invalid_page_size" and "1 to 500" in problem["message"]


def test_page_sizes_in_range_are_served(client_for):
    client = client_for("demo-county-a")
    assert len(client.get("/api/v1/orgs/", {"page_size": "1"}).json()["results"]) == 1
    assert client.get("/api/v1/orgs/", {"page_size": "500"}).status_code == 200
    jobs = client.get("/api/v1/jobs/", {"page_size": "101"}, HTTP_ACCEPT_LANGUAGE="en")
    assert jobs.status_code == 400 and "1 to 100" in jobs.json()["errors"]["page_size"][0]["message"]


def test_an_ordering_the_list_does_not_offer_is_refused(client_for):
    client = client_for("demo-county-a")
    response = client.get("/api/v1/teachers/", {"ordering": "id_digest"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400, response.content
    problem = response.json()["errors"]["ordering"][0]
    assert problem["code"] == "invalid_ordering" and "teacher_no" in problem["message"]
    assert client.get("/api/v1/teachers/", {"ordering": "-name,teacher_no"}).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"a": 1, "b": [1, 2.5, None, True], "c": "张伟 \u00e9"},
        ReturnDict({"at": dt.datetime(2026, 11, 29, 8, 1, 2, 345678, tzinfo=dt.UTC)}, serializer=None),
        {"day": dt.date(2026, 11, 29), "amount": decimal.Decimal("12.50"), "lazy": gettext_lazy("Not found.")},
        {1: "integer key", "nested": [{"x": {"y": []}}]},
    ],
)
def test_fast_renderer_writes_what_drf_writes(data):
    ours = FastJSONRenderer().render(data, "application/json")
    drf = JSONRenderer().render(data, "application/json")
    assert ours == drf


def test_fast_renderer_honours_indent():
    body = FastJSONRenderer().render({"a": 1}, "application/json; indent=2", {})
    assert body == b'{\n  "a": 1\n}'


def test_every_list_may_ask_for_its_count(client_for, monkeypatch):
    """Issue 20: `?count=true` on any list — exact up to the limit, the planner's estimate above it, marked so."""
    from tmis.core import pagination

    client = client_for("demo-county-a")
    plain = client.get("/api/v1/orgs/", {"page_size": 2}).json()
    assert "count" not in plain
    counted = client.get("/api/v1/orgs/", {"page_size": 2, "count": "true"}).json()
    assert counted["count"] > 2 and counted["count_estimated"] is False and len(counted["results"]) == 2
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 1)
    estimated = client.get("/api/v1/orgs/", {"page_size": 2, "count": "1"}).json()
    assert estimated["count_estimated"] is True and estimated["count"] >= 2
    wrong = client.get("/api/v1/orgs/", {"count": "yes"})
    assert wrong.status_code == 400 and "count" in wrong.json()["errors"]
