"""The change feed (`GET /api/v1/changes-feed/`): random writes, state changes, transfers and deletions; a replay
from 0 equals what the reader can see; resuming from any cursor loses and duplicates nothing; an open transaction
holds the feed back instead of being skipped. Transactional: the feed serves finished transactions only."""

from __future__ import annotations

import random
import threading

import pytest
from django.db import connection, transaction

from tests.factories.teachers import TeacherRowFactory
from tmis.feed.services import record_existing
from tmis.orgs.models import Organisation
from tmis.teachers.models import GROUP_MODELS, Teacher

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COUNTY_A_SCHOOL = "2162010201"  # 城关区
COUNTY_B_SCHOOL = "2162010301"  # 七里河区


def read_all(client, after: str = "0", page_size: int = 7, types: str = "") -> list[dict]:
    events: list[dict] = []
    while True:
        query = f"/api/v1/changes-feed/?after={after}&page_size={page_size}" + (f"&types={types}" if types else "")
        response = client.get(query)
        assert response.status_code == 200, response.json()
        body = response.json()
        events += body["results"]
        assert body["next"] == (body["results"][-1]["cursor"] if body["results"] else after)
        after = body["next"]
        if not body["has_more"]:
            return events


def current_records(teacher_id: int) -> dict[tuple[str, int], int]:
    """What a consumer reads when an archive moves into its scope (`GET /teachers/{id}/<group>/`)."""
    return {
        (key, pk): teacher_id
        for key, model in GROUP_MODELS.items()
        for pk in model.objects.filter(teacher_id=teacher_id).values_list("id", flat=True)
    }


def replay(events: list[dict]) -> tuple[set[int], set[tuple[str, int]], set[int]]:
    """What a consumer holds after applying the events: archives, group records (with their archive), organisations.
    An archive deleted or moved out takes its records along; one moved in is read whole."""
    teachers: set[int] = set()
    records: dict[tuple[str, int], int] = {}
    orgs: set[int] = set()
    for event in events:
        if event["type"] == "teacher":
            if event["op"] == "delete":
                teachers.discard(event["id"])
                records = {key: owner for key, owner in records.items() if owner != event["id"]}
            else:
                teachers.add(event["id"])
                if event["reason"] == "moved_in":
                    records |= current_records(event["id"])
        elif event["type"] == "group_record":
            key = (event["group"], event["id"])
            if event["op"] == "delete":
                records.pop(key, None)
            elif event["teacher_id"] in teachers:
                records[key] = event["teacher_id"]
        elif event["type"] == "organisation":
            orgs.discard(event["id"]) if event["op"] == "delete" else orgs.add(event["id"])
    return teachers, set(records), orgs


def random_history(seed: int) -> None:
    rng = random.Random(seed)
    schools = [Organisation.objects.get(code=COUNTY_A_SCHOOL), Organisation.objects.get(code=COUNTY_B_SCHOOL)]
    teachers = [TeacherRowFactory(school=rng.choice(schools)) for _ in range(30)]
    groups = list(GROUP_MODELS.items())[:4]
    for _ in range(80):
        teacher = rng.choice(teachers)
        if not Teacher.objects.filter(pk=teacher.pk).exists():
            continue
        roll = rng.random()
        if roll < 0.25:
            Teacher.objects.filter(pk=teacher.pk).update(name=f"改名{rng.randint(0, 999)}")
        elif roll < 0.4:
            Teacher.objects.filter(pk=teacher.pk).update(record_state=rng.choice(["submitted", "approved", "returned"]))
        elif roll < 0.55:  # a transfer to the other county's school
            current = Teacher.objects.get(pk=teacher.pk)
            target = schools[1] if current.school_id == schools[0].pk else schools[0]
            Teacher.objects.filter(pk=teacher.pk).update(school=target, org_path=target.path)
        elif roll < 0.8:
            _key, model = rng.choice(groups)
            model.objects.create(teacher_id=teacher.pk, province_code="62")
        elif roll < 0.9:
            _key, model = rng.choice(groups)
            record = model.objects.filter(teacher_id=teacher.pk).first()
            if record:
                record.delete()
        else:
            for _key, model in GROUP_MODELS.items():
                model.objects.filter(teacher_id=teacher.pk).delete()
            Teacher.objects.filter(pk=teacher.pk).delete()


def visible(scope: str) -> tuple[set[int], set[tuple[str, int]]]:
    teachers = set(Teacher.objects.filter(org_path__startswith=scope).values_list("id", flat=True))
    records = {
        (key, pk)
        for key, model in GROUP_MODELS.items()
        for pk in model.objects.filter(teacher__org_path__startswith=scope).values_list("id", flat=True)
    }
    return teachers, records


@pytest.mark.parametrize("seed", [1, 2])
def test_a_replay_from_zero_rebuilds_what_the_reader_sees(demo_logins, client_for, seed):
    random_history(seed)
    for username, code in (("demo-county-a", "620102"), ("demo-county-b", "620103"), ("demo-city", "620100")):
        scope = Organisation.objects.get(code=code).path
        events = read_all(client_for(username))
        teachers, records, orgs = replay(events)
        expected_teachers, expected_records = visible(scope)
        assert expected_teachers and teachers == expected_teachers, username
        assert expected_records and records == expected_records, username
        assert orgs == set(Organisation.objects.filter(path__startswith=scope).values_list("id", flat=True))


def test_resuming_from_any_cursor_loses_and_duplicates_nothing(demo_logins, client_for):
    random_history(3)
    client = client_for("demo-city")
    everything = read_all(client, page_size=1000)
    cursors = [event["cursor"] for event in everything]
    assert len(set(cursors)) == len(cursors)
    for index in random.Random(4).sample(range(len(everything)), 12):
        rest = read_all(client, after=cursors[index], page_size=5)
        assert [e["cursor"] for e in rest] == cursors[index + 1 :]


def test_an_update_names_its_fields_and_a_state_change_its_state(demo_logins, client_for):
    client = client_for("demo-county-a")
    start = client.get("/api/v1/changes-feed/?after=latest&types=teacher").json()["next"]
    teacher = TeacherRowFactory()
    Teacher.objects.filter(pk=teacher.pk).update(name="新名字", former_name="旧名")
    Teacher.objects.filter(pk=teacher.pk).update(version=9, change_seq=123456789)  # bookkeeping only: no event
    Teacher.objects.filter(pk=teacher.pk).update(record_state="submitted")
    teacher_id = teacher.pk
    teacher.delete()
    events = read_all(client, after=start, types="teacher")
    assert [(e["op"], e["fields"], e["state"]) for e in events] == [
        ("create", [], "draft"),
        ("update", ["former_name", "name"], "draft"),
        ("state", ["record_state"], "submitted"),
        ("delete", [], None),
    ]
    assert {e["id"] for e in events} == {teacher_id}


def test_a_transfer_is_a_deletion_for_the_old_county_and_a_creation_for_the_new(demo_logins, client_for):
    a, b = client_for("demo-county-a"), client_for("demo-county-b")
    start_a = a.get("/api/v1/changes-feed/?after=latest").json()["next"]
    start_b = b.get("/api/v1/changes-feed/?after=latest").json()["next"]
    teacher = TeacherRowFactory()
    target = Organisation.objects.get(code=COUNTY_B_SCHOOL)
    Teacher.objects.filter(pk=teacher.pk).update(school=target, org_path=target.path)
    seen_a = [(e["op"], e["reason"]) for e in read_all(a, after=start_a, types="teacher")]
    seen_b = [(e["op"], e["reason"]) for e in read_all(b, after=start_b, types="teacher")]
    assert seen_a == [("create", ""), ("delete", "moved_out")]
    assert seen_b == [("create", "moved_in")]
    city = [(e["op"], e["reason"]) for e in read_all(client_for("demo-city"), after=start_a, types="teacher")]
    assert city == [("create", ""), ("update", "moved")]


def test_an_open_transaction_holds_the_feed_back_instead_of_being_skipped(demo_logins, client_for):
    client = client_for("demo-county-a")
    start = client.get("/api/v1/changes-feed/?after=latest&types=teacher").json()["next"]
    written, release = threading.Event(), threading.Event()
    slow: dict[str, int] = {}

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                slow["id"] = TeacherRowFactory(name="慢事务").pk
                written.set()
                release.wait(20)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert written.wait(20)
    fast = TeacherRowFactory(name="快事务").pk  # commits first, with a later transaction id
    held = read_all(client, after=start, types="teacher")
    assert held == []  # not the fast one alone: a cursor past it would skip the slow one
    release.set()
    thread.join(20)
    events = read_all(client, after=start, types="teacher")
    assert [e["id"] for e in events] == [slow["id"], fast]


def test_other_scopes_and_types_stay_out(demo_logins, client_for):
    TeacherRowFactory(school=Organisation.objects.get(code=COUNTY_B_SCHOOL))
    events = read_all(client_for("demo-county-a"), types="teacher")
    assert all(
        Teacher.objects.get(pk=e["id"]).org_path.startswith(Organisation.objects.get(code="620102").path)
        for e in events
        if e["op"] != "delete"
    )
    assert not [e for e in events if Teacher.objects.filter(pk=e["id"], school__code=COUNTY_B_SCHOOL).exists()]


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("after=abc", "after", "invalid"),
        ("after=1.x", "after", "invalid"),
        ("types=teacher,salary", "types", "invalid_choice"),
        ("page_size=0", "page_size", "invalid_page_size"),
        ("page_size=5001", "page_size", "invalid_page_size"),
    ],
)
def test_bad_parameters_are_400s_naming_them(demo_logins, client_for, query, field, code):
    response = client_for("demo-county-a").get(f"/api/v1/changes-feed/?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][field][0]["code"] == code


def test_a_type_the_roles_do_not_read_is_refused(demo_logins, client_for):
    response = client_for("demo-auditor").get("/api/v1/changes-feed/?types=teacher")
    assert response.status_code == 400
    assert response.json()["errors"]["types"][0]["code"] == "not_permitted"
    assert client_for("demo-auditor").get("/api/v1/changes-feed/").json()["results"] == []


def test_every_group_table_is_captured(demo_logins):
    tables = {model._meta.db_table for model in GROUP_MODELS.values()} | {"teachers_teacher", "orgs_organisation"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'tmis_feed_%%' GROUP BY c.relname"
        )
        found = dict(cursor.fetchall())
    assert {table: found.get(table) for table in tables} == {table: 3 for table in tables}


def test_rows_written_with_the_capture_off_are_recorded_afterwards(demo_logins, client_for):
    teacher = TeacherRowFactory()
    with connection.cursor() as cursor:  # a bulk load with triggers off, as pg_restore and the bench loader do
        cursor.execute("ALTER TABLE teachers_teacher DISABLE TRIGGER USER")
        try:
            silent = TeacherRowFactory(name="无事件")
        finally:
            cursor.execute("ALTER TABLE teachers_teacher ENABLE TRIGGER USER")
    client = client_for("demo-county-a")
    assert silent.pk not in replay(read_all(client, page_size=500))[0]
    assert record_existing() > 0
    teachers, _records, _orgs = replay(read_all(client, page_size=500))
    assert {teacher.pk, silent.pk} <= teachers
    assert teachers == visible(Organisation.objects.get(code="620102").path)[0]
