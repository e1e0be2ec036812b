from __future__ import annotations

import datetime as dt
import itertools

import factory

from tmis.core import idnumbers
from tmis.orgs.models import Organisation
from tmis.teachers.models import Teacher
from tmis.teachers.writes import stamp_change

_serial = itertools.count(1)


def resident_id(birth: str = "19850312", region: str = "620102", male: bool = True) -> str:
    """A valid GB 11643 number (unique per call)."""
    n = next(_serial)
    sequence = (n * 2 + (1 if male else 0)) % 1000
    first17 = f"{region}{birth}{sequence:03d}"
    return first17 + idnumbers.check_char(first17)


def teacher_payload(school: str = "2162010201", **overrides: object) -> dict:
    """Key information of a draft archive (valid; the rest of the catalogue comes back as warnings)."""
    return {
        "school": school,
        "name": "张伟",
        "gender": "1",
        "nationality": "156",
        "id_type": "1",
        "id_number": resident_id(),
        "birth_date": "1985-03-12",
    } | overrides


SENSIBLE = {  # values a real clerk would choose where the first code of a list would be odd
    "ethnicity": "01",
    "political_status": ["13"],
    "personnel_status": "100",
    "contract_status": "1",
    "grassroots_project": "0",
    "free_normal_student": "0",
    "work_start_month": "2008-09",
    "school_entry_month": "2012-09",
    "on_establishment": True,
}


def complete_payload(school: str = "2162010201", **overrides: object) -> dict:
    """Key information plus every required indicator of the school's 基本信息, so the archive can be submitted."""
    from tmis.catalog.selectors import effective_for_organisation
    from tmis.orgs.models import Organisation

    catalogue, _tables = effective_for_organisation(organisation=Organisation.objects.get(code=school))
    data = teacher_payload(school)
    basic = catalogue.group("basic")
    codes = {field.code for field in basic.fields}
    data |= {code: value for code, value in SENSIBLE.items() if code in codes}  # some are required by rules
    for field in basic.fields:
        if not field.required or field.extension or field.code in data:
            continue
        if field.code in SENSIBLE:
            data[field.code] = SENSIBLE[field.code]
        elif field.data_type == "year_month":
            data[field.code] = "2012-09"
        elif field.data_type == "boolean":
            data[field.code] = False
        elif field.data_type == "code" and field.codes:
            data[field.code] = field.codes[0]
        elif field.data_type == "multi_code" and field.codes:
            data[field.code] = [field.codes[0]]
    return data | overrides


def _candidates(field, year: int) -> list:
    """Values to try for a field of a group record, the likeliest valid first (无 where the list has it)."""
    found: list = []
    if field.default not in (None, "", []):
        found.append(field.default)
    codes = list(field.codes or ())
    none = [code for code in ("0", "00") if code in codes]
    if field.data_type == "code":
        found += none + codes[:3]
    elif field.data_type == "multi_code":
        found += [[code] for code in [c for c in codes[:3] if c not in none] + none]
    elif field.data_type == "boolean":
        found.append(False)
    elif field.data_type == "integer":
        found += [year - 1, 1] if "year" in field.code else [1, year - 1]
    elif field.data_type == "decimal":
        found.append(0)
    elif field.data_type == "year_month":
        found.append("2012-09")
    elif field.data_type == "date":
        found.append("2012-09-01")
    else:
        found += [f"{year - 1}-{year}", "测试"]
    return found


def required_record(group) -> dict:
    """A valid record of a group of an effective catalogue with its required fields (and those its rules require)
    filled — 无 where the group's list has it."""
    import datetime as dt

    from tmis.catalog.validation import validate_row

    year = dt.date.today().year
    row: dict = {}
    tried: dict[str, int] = {}
    for field in group.fields:
        if field.required:
            row[field.code] = _candidates(field, year)[0]
    for _round in range(12):
        errors = validate_row(group, row)
        if not errors:
            return row
        for code, found in errors.items():
            if all(problem["code"] == "must_be_empty" for problem in found):
                row.pop(code)
                continue
            field = group.field(code)
            options = _candidates(field, year) if field else []
            tried[code] = tried.get(code, -1) + 1
            if tried[code] >= len(options):
                raise AssertionError(f"no valid {group.code} record: {errors}")
            row[code] = options[tried[code]]
    raise AssertionError(f"no valid {group.code} record: {validate_row(group, row)}")


def add_required_records(teacher_id: int) -> list[str]:
    """One valid record in each group the archive's school kind requires (DOMAIN.md §1.4 core set), so a complete
    archive can be submitted; returns the groups it filled. Groups that already have a record are left alone."""
    from tmis.catalog.selectors import effective_for_organisation
    from tmis.teachers.group_records import group_record_save
    from tmis.teachers.models import GROUP_MODELS, Teacher

    teacher = Teacher.objects.select_related("school", "created_by").get(pk=teacher_id)
    catalogue, _tables = effective_for_organisation(organisation=teacher.school)
    filled = []
    for group in catalogue.groups:
        if not group.needs_record or GROUP_MODELS[group.code].objects.filter(teacher=teacher).exists():
            continue
        row = required_record(group)
        extensions = {f.code for f in group.fields if f.extension}
        data = {k: v for k, v in row.items() if k not in extensions} | {
            "extra": {k: v for k, v in row.items() if k in extensions}
        }
        group_record_save(actor=teacher.created_by, teacher=teacher, group_code=group.code, data=data)
        filled.append(group.code)
    return filled


def complete_archive(client, school: str = "2162010201", **overrides: object) -> int:
    """A complete draft created over the API by `client` (a school's filler), with the records its school kind
    requires: ready to be submitted. Returns its id."""
    created = client.post("/api/v1/teachers/", complete_payload(school, **overrides), format="json")
    assert created.status_code == 201, created.json()
    teacher_id = created.json()["id"]
    add_required_records(teacher_id)
    return teacher_id


class TeacherRowFactory(factory.django.DjangoModelFactory):
    """An archive row written directly (no catalogue check, no review): for tests of what reads the archive in bulk
    (reports), where thousands of varied rows matter more than each one's history. The ID columns are placeholders;
    `change_seq` is stamped from the sequence as every real write does."""

    class Meta:
        model = Teacher

    school = factory.LazyFunction(lambda: Organisation.objects.get(code="2162010201"))
    org_path = factory.LazyAttribute(lambda o: o.school.path)
    province_code = factory.LazyAttribute(lambda o: o.school.province_code)
    teacher_no = factory.Sequence(lambda n: f"62{2026}{n + 500_000_000:09d}X"[:16])
    name = factory.Sequence(lambda n: f"测试{n}")
    gender = factory.Iterator(["1", "2"])
    nationality = "156"
    id_type = "1"
    id_key = "test"
    id_cipher = b""
    id_digest = factory.Sequence(lambda n: f"report-test-{n}")
    id_masked = "620102********0000"
    birth_date = factory.Sequence(lambda n: dt.date(1960 + n % 42, 1 + n % 12, 1 + n % 28))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        teacher = super()._create(model_class, *args, **kwargs)
        stamp_change(teacher)
        return teacher
