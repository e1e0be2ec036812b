"""The national core set is what a complete archive needs (DOMAIN.md §1.2–1.4), and a field a rule can require is
in the form whenever the rule can apply, selected by the province or not."""

import pytest

from tmis.catalog.effective import build
from tmis.catalog.loader import load_indicators
from tmis.catalog.models import STAGES, CodeTable, Indicator, IndicatorGroup

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"  # a primary school of 甘肃, whose catalogue selects none of 学习经历's optional indicators
STUDY_REQUIRED = ("study_education", "study_major", "study_is_normal_major", "study_degree_level", "study_mode")


def test_every_field_marked_required_in_the_domain_is_core_for_its_school_kinds():
    core = dict(Indicator.objects.values_list("code", "core_stages"))
    for code in (*STUDY_REQUIRED, "post_category", "post_grade", "post_start_month", "school_duty", "title_appointed"):
        assert set(core[code]) == set(STAGES), code
    assert set(core["health"]) == {"secondary_vocational", "special"}
    assert core["marital_status"] == []  # optional in §1.2


def test_the_migration_brings_an_older_core_set_in_line():
    Indicator.objects.filter(code__in=STUDY_REQUIRED).update(core_stages=[])
    load_indicators(IndicatorGroup, Indicator, CodeTable)  # what catalog/0003 runs
    assert all(
        set(s) == set(STAGES)
        for s in Indicator.objects.filter(code__in=STUDY_REQUIRED).values_list("core_stages", flat=True)
    )


def test_a_field_a_rule_can_require_is_shown_although_the_province_did_not_select_it(client_for):
    schema = client_for("demo-province").get("/api/v1/catalog/schema/", {"org": SCHOOL}).json()
    study = next(g for g in schema["groups"] if g["code"] == "study")
    fields = study["ui"]["fields"]
    # 院校 is required by a rule when 学历 ≠ 0 (not core): shown, and required only by that rule
    assert "study_institution" in fields and fields["study_institution"]["required"] is False
    assert "study_degree" in fields  # required_if 学位层次 ∈ {2, 3, 4}
    for code in ("study_major", "study_is_normal_major", "study_mode"):
        assert code in fields, code
        assert fields[code]["required"] is False  # core, but 学历 0-无 clears them: required by their rule
    assert fields["study_education"]["required"] is True
    assert "study_country" not in fields  # optional, not selected, no rule requires it
    ethics = next(g for g in schema["groups"] if g["code"] == "ethics")
    assert {"sanction_reason", "sanction_date"} <= set(ethics["ui"]["fields"])


def test_a_rule_whose_condition_is_not_in_the_form_shows_nothing():
    catalogue = build(province=None, version=0, spec={}, stage="primary_secondary")
    post = catalogue.group("post")
    # 兼任岗位类别 is required when 是否兼任其他岗位 is 是, which is optional and not selected
    assert post.field("post_has_concurrent") is None and post.field("post_concurrent_category") is None
    spec = {"selected": {"post_has_concurrent": {}}}
    selected = build(province=None, version=0, spec=spec, stage="primary_secondary")
    assert selected.group("post").field("post_concurrent_category") is not None


def test_groups_with_a_core_indicator_of_the_school_kind_need_a_record(client_for):
    schema = client_for("demo-province").get("/api/v1/catalog/schema/", {"org": SCHOOL}).json()
    needs = {g["code"] for g in schema["groups"] if g["needs_record"]}
    assert {"study", "post", "title", "treatment", "assessment", "qualification", "ethics", "teaching"} <= needs
    assert not needs & {"basic", "contact", "work"}  # one-row groups, and a group without core indicators
    region = build(province=None, version=0, spec={}, stage=None)
    assert not any(g.needs_record for g in region.groups)  # a region holds every kind: no minimums
