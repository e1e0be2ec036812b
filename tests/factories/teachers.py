from __future__ import annotations

import itertools

from tmis.core import idnumbers

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
