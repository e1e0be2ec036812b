"""teachers.writes: the form path and the import's COPY path store the same rows, one dedup key for every spelling of
an ID document, and the group-record writes (saved at once, or a change request that is returned)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction

from tests.factories.teachers import complete_payload, resident_id, teacher_payload
from tmis.accounts.models import User
from tmis.core.errors import AppError
from tmis.orgs.models import Organisation
from tmis.reviews.models import Submission
from tmis.teachers.bulk import teachers_bulk_create
from tmis.teachers.checks import teacher_check
from tmis.teachers.group_records import group_record_edit, group_record_remove
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.services import teacher_create
from tmis.teachers.writes import (
    ARCHIVE_ROW_COLUMNS,
    archive_row,
    id_columns,
    id_dedup_key,
    id_number_of,
)

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"
#: Columns that must differ between two writes of the same data, and why:
IGNORED = {
    "id": "the primary key: another row",
    "teacher_no": "a new national number is allocated for every archive (sequences never give a number twice)",
    "change_seq": "teacher_change_seq stamps every write with the next value",
    "created_at": "the time of the write",
    "updated_at": "the time of the write",
    "id_cipher": "AES-GCM with a fresh nonce per encryption: compared decrypted instead (see `id_number` below)",
}
NAMES = [
    "张伟",
    "李娜",
    "王芳",
    "刘强",
    "陈静",
    "单于飞",
    "曾小贤",
    "欧阳娜娜",
    "乐嘉",
    "解晓东",
]  # 单/曾/乐/解: 多音字


def _fifty_rows() -> list[dict[str, Any]]:
    """50 new archives of one school: half with only key information (every other column takes its default), half
    with the whole of 基本信息; names with polyphonic surnames; ID numbers spelled as people type them."""
    rows = []
    for n in range(50):
        male = n % 3 == 0
        birth = dt.date(1970 + n % 25, 1 + n % 12, 1 + n % 28)
        number = resident_id(birth=f"{birth:%Y%m%d}", male=male)
        if n % 5 == 0:
            number = number.lower()  # a lower-case x, where there is one
        elif n % 5 == 1:
            number = " ".join([number[:6], number[6:14], number[14:]])  # spaced
        maker = complete_payload if n % 2 else teacher_payload
        row = maker(SCHOOL, name=NAMES[n % len(NAMES)], gender="1" if male else "2", id_number=number)
        row["birth_date"] = birth
        if n % 2 and n % 4 == 1:
            row |= {"political_status": ["01", "13"], "mobile": f"1390000{n:04d}", "remarks": "备注"}
        if n % 7 == 0:
            row["on_establishment"] = None
        row.pop("school")
        rows.append(row)
    return rows


def _stored() -> dict[str, dict[str, Any]]:
    """Every stored archive as column → value, keyed by its (decrypted) ID number."""
    found = {}
    for teacher in Teacher.objects.all():
        values = {column: getattr(teacher, column) for column in ARCHIVE_ROW_COLUMNS}
        values["id_cipher"] = bytes(values["id_cipher"])
        values["id_number"] = id_number_of(teacher)  # the ciphertext, decrypted
        found[values["id_number"]] = values
    return found


def _written(write) -> dict[str, dict[str, Any]]:
    """What `write` stores, then rolled back (both paths write the same ID documents)."""
    with transaction.atomic():
        assert not Teacher.objects.exists()
        write()
        stored = _stored()
        transaction.set_rollback(True)
    return stored


def test_the_copy_path_stores_what_the_form_path_stores():
    actor = User.objects.get(username="demo-school-a")
    school = Organisation.objects.get(code=SCHOOL)
    rows = _fifty_rows()

    def through_the_form() -> None:
        for row in rows:
            teacher_create(actor=actor, school_code=SCHOOL, data=row)

    def through_copy() -> None:
        checked = [teacher_check(school=school, data=row) for row in rows]
        assert not any(c.errors for c in checked)
        assert teachers_bulk_create(actor=actor, rows=checked) == 50

    form, copy = _written(through_the_form), _written(through_copy)
    assert len(form) == len(copy) == 50
    assert set(form) == set(copy), "the same ID numbers, normalised alike"
    compared = set(ARCHIVE_ROW_COLUMNS) - set(IGNORED) | {"id_number"}
    assert {"name_pinyin", "name_initials", "political_status", "extra", "version", "record_state"} <= compared
    for number, stored in form.items():
        other = copy[number]
        for column in sorted(compared):
            assert stored[column] == other[column], (column, number, stored[column], other[column])
        assert stored["teacher_no"][:6] == other["teacher_no"][:6]  # same province prefix and year
        assert stored["change_seq"] > 0 and other["change_seq"] > 0
    assert {s["name_pinyin"] for s in form.values()} >= {"chanyufei", "zengxiaoxian", "yuejia", "xiexiaodong"}


@pytest.mark.parametrize(
    "spelling",
    [
        lambda n: n.lower(),
        lambda n: f"  {n[:6]} {n[6:14]}\t{n[14:]} ",
        lambda n: n.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),  # full-width ０-９ and Ｘ
        lambda n: n.lower().translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),  # full-width ｘ
    ],
)
def test_one_dedup_key_for_every_spelling_of_a_number(spelling):
    number = "11010519491231002X"
    assert spelling(number) != number
    assert id_dedup_key("1", spelling(number)) == id_dedup_key("1", number)
    assert id_dedup_key("A", number) != id_dedup_key("1", number), "the document type is part of the key"
    assert id_dedup_key("1", "110105194912310036") != id_dedup_key("1", number)


def test_a_number_typed_another_way_is_a_duplicate_and_found_by_the_id_filter(client_for):
    filler = client_for("demo-school-a")
    number = resident_id()
    created = filler.post("/api/v1/teachers/", teacher_payload(id_number=number), format="json")
    assert created.status_code == 201
    full_width = number.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    again = filler.post("/api/v1/teachers/", teacher_payload(id_number=full_width), format="json")
    assert again.status_code == 409 and again.json()["code"] == "duplicate_id_document"
    found = filler.get("/api/v1/teachers/", {"id_number": " ".join(number)})
    assert [t["id"] for t in found.json()["results"]] == [created.json()["id"]]


def test_id_columns_protect_the_normalised_number():
    columns = id_columns("1", "11010519491231002x ")
    assert columns["id_digest"] == id_dedup_key("1", "11010519491231002X")
    assert columns["id_masked"] == "110105********002X"
    assert b"11010519491231002X" not in columns["id_cipher"]
    assert id_number_of(Teacher(id_key=columns["id_key"], id_cipher=columns["id_cipher"])) == "11010519491231002X"


def test_archive_row_has_every_column_and_fresh_defaults():
    school = Organisation.objects.get(code=SCHOOL)
    first, second = (teacher_check(school=school, data=teacher_payload()) for _ in range(2))
    one, two = (archive_row(c, teacher_no="6220260000000010", by_id=None) for c in (first, second))
    assert tuple(one) == ARCHIVE_ROW_COLUMNS and "id" not in one
    assert one["political_status"] == [] and one["political_status"] is not two["political_status"]
    assert one["school_id"] == school.pk and one["org_path"] == school.path and one["name_pinyin"] == "zhangwei"


def _archive(approved: bool) -> Teacher:
    actor = User.objects.get(username="demo-school-a")
    teacher, _warnings = teacher_create(
        actor=actor, school_code=SCHOOL, data=teacher_payload(birth_date=dt.date(1985, 3, 12))
    )
    if approved:
        Teacher.objects.filter(pk=teacher.pk).update(record_state="approved", ever_approved=True)
    return Teacher.objects.select_related("school").get(pk=teacher.pk)


ROW = {"assessment_year": 2024, "assessment_result": "1", "assessment_unit": "城关区第一实验小学"}


def test_a_draft_archives_record_is_saved_at_once():
    actor, teacher = User.objects.get(username="demo-school-a"), _archive(approved=False)
    done = group_record_edit(actor=actor, teacher=teacher, group_code="assessment", data=ROW)
    assert done.change_request is None and done.record.pk is not None
    assert Teacher.objects.get(pk=teacher.pk).version == teacher.version + 1
    assert group_record_remove(actor=actor, teacher=teacher, record=done.record) is None
    assert not GROUP_MODELS["assessment"].objects.filter(teacher=teacher).exists()


def test_an_approved_archives_record_write_returns_its_change_request():
    actor = User.objects.get(username="demo-school-a")
    teacher = _archive(approved=False)
    record = group_record_edit(actor=actor, teacher=teacher, group_code="assessment", data=ROW).record
    Teacher.objects.filter(pk=teacher.pk).update(record_state="approved", ever_approved=True)
    teacher = Teacher.objects.select_related("school").get(pk=teacher.pk)

    done = group_record_edit(
        actor=actor, teacher=teacher, group_code="assessment", data=ROW | {"assessment_year": 2023}
    )
    assert done.record is None and isinstance(done.change_request, Submission)
    assert done.change_request.payload["group"]["op"] == "create"
    assert GROUP_MODELS["assessment"].objects.filter(teacher=teacher).count() == 1, "nothing written yet"

    teacher = Teacher.objects.select_related("school").get(pk=teacher.pk)
    with pytest.raises(AppError) as pending:  # the open request locks the archive
        group_record_remove(actor=actor, teacher=teacher, record=record)
    assert pending.value.code == "change_pending"
    Submission.objects.filter(pk=done.change_request.pk).update(state="withdrawn")
    Teacher.objects.filter(pk=teacher.pk).update(pending_change=False)
    teacher = Teacher.objects.select_related("school").get(pk=teacher.pk)

    deleting = group_record_remove(actor=actor, teacher=teacher, record=record)
    assert isinstance(deleting, Submission) and deleting.payload["group"] == {
        "op": "delete",
        "group": "assessment",
        "record": record.pk,
    }
    assert GROUP_MODELS["assessment"].objects.filter(pk=record.pk).exists()
