"""The synonym data of spreadsheet imports (catalog/data/code_synonyms.yaml and header_synonyms.yaml): every value
synonym resolves to its code, none shadows a name, every header synonym belongs to a real indicator and names no
other indicator of its group. Reads the data files only (no database)."""

import csv
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tmis.catalog import synonyms
from tmis.catalog.synonyms import code_synonym_slugs, code_synonyms, header_synonyms
from tmis.imports.code_values import CodeNames
from tmis.imports.normalise import CellProblem, clean_text

DATA = Path(synonyms.__file__).parent / "data"
TABLES = {t["slug"]: t for t in yaml.safe_load((DATA / "code_tables.yaml").read_text(encoding="utf-8"))}
GROUPS = yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))["groups"]
RAW = yaml.safe_load((DATA / "code_synonyms.yaml").read_text(encoding="utf-8"))
SLUGS = list(code_synonym_slugs())


def rows(slug):
    with (DATA / "code_tables" / TABLES[slug]["file"]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def items(slug):
    return [(row["code"], row["name"], row["name_en"]) for row in rows(slug)]


def folded(text):
    return clean_text(text).casefold()


def header_key(text):
    """At least as loose as the importer's header matching: width-folded, any case, letters and digits only."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def test_the_file_covers_the_tables_clerks_type_most():
    expected = {"gender", "ethnicity", "political-status", "id-type", "nationality", "education", "degree-level"}
    expected |= {"degree", "marital-status", "health", "yes-no", "professional-title", "post-category"}
    expected |= {"staff-category", "personnel-status", "urban-rural", "teacher-qualification-type"}
    expected |= {"teaching-stage", "employment-form", "staff-source"}
    assert expected <= set(SLUGS)


def test_every_slug_is_a_code_table():
    assert set(SLUGS) <= set(TABLES)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_synonym_resolves_to_its_code(slug):
    names = CodeNames(items(slug), synonyms=code_synonyms(slug))
    found = {text: sorted(names.candidates(clean_text(text))) for text in code_synonyms(slug)}
    assert {text: codes for text, codes in found.items() if codes != [code_synonyms(slug)[text]]} == {}
    assert all(names.resolve(text) == code for text, code in code_synonyms(slug).items())


@pytest.mark.parametrize("slug", SLUGS)
def test_synonyms_name_existing_codes_once(slug):
    codes = {row["code"] for row in rows(slug)}
    listed = RAW[slug]
    assert all(isinstance(code, str) for code in listed), "quote the codes: 01 reads as the number 1"
    assert set(listed) <= codes
    counts = Counter(folded(str(text)) for texts in listed.values() for text in texts)
    assert [text for text, count in counts.items() if count > 1] == []
    assert len(code_synonyms(slug)) == sum(counts.values())


@pytest.mark.parametrize("slug", SLUGS)
def test_no_synonym_is_a_name_or_a_code_of_its_table(slug):
    taken = {folded(value) for row in rows(slug) for value in (row["code"], row["name"], row["name_en"])}
    assert [text for text in code_synonyms(slug) if folded(text) in taken] == []


@pytest.mark.parametrize("slug", [s for s in SLUGS if TABLES[s]["leaf_only"]])
def test_synonyms_of_a_leaf_only_table_name_leaves(slug):
    parents = {row["parent"] for row in rows(slug)}
    assert [text for text, code in code_synonyms(slug).items() if code in parents] == []


def test_the_synonyms_asked_for_most():
    assert code_synonyms("political-status")["党员"] == "01"
    assert code_synonyms("id-type")["二代身份证"] == "1"
    assert code_synonyms("nationality")["中国香港"] == "344"
    assert code_synonyms("education")["本科"] == "21"
    assert code_synonyms("ethnicity")["维吾尔"] == "05"


def test_a_table_without_synonyms_has_none():
    assert code_synonyms("school-type") == {}
    assert code_synonyms("no-such-table") == {}
    assert code_synonyms("gender") is code_synonyms("gender")  # read once


def test_an_unknown_value_lists_the_three_closest_names():
    names = CodeNames(items("ethnicity"), synonyms=code_synonyms("ethnicity"))
    with pytest.raises(CellProblem) as raised:
        names.resolve("汉人族")
    assert raised.value.code == "unknown_code"
    closest = names.closest("汉人族")
    assert len(closest) == 3
    assert closest[0] == {"zh-hans": "汉族", "en": "Han"}  # both languages: the message is read in the reader's
    assert all(name["zh-hans"] in raised.value.message for name in closest)


# Column headers

INDICATORS = {i["code"]: (group["code"], i) for group in GROUPS for i in group["indicators"]}


def test_every_header_synonym_key_is_an_indicator():
    assert set(header_synonyms()) - set(INDICATORS) == set()


@pytest.mark.parametrize("group", ["basic", "contact"])
def test_every_indicator_of_the_single_groups_has_header_synonyms(group):
    codes = [code for code, (g, _i) in INDICATORS.items() if g == group]
    assert [code for code in codes if not header_synonyms().get(code)] == []


@pytest.mark.parametrize("group", [g["code"] for g in GROUPS])
def test_header_synonyms_name_no_other_indicator_of_their_group(group):
    own = {code: i for code, (g, i) in INDICATORS.items() if g == group}
    keys = {code: {header_key(v) for v in (i["name"], i.get("name_en") or "", code) if v} for code, i in own.items()}
    clashes = []
    for code, texts in header_synonyms().items():
        if code not in own:
            continue
        for text in texts:
            clashes += [(code, text, other) for other, names in keys.items() if header_key(text) in names]
    assert clashes == []  # another indicator's name, or the indicator's own (redundant)


def test_a_header_synonym_means_one_indicator_of_a_sheet():
    sheets = [[g["code"]] for g in GROUPS if g["many"]] + [[g["code"] for g in GROUPS if not g["many"]]]
    for sheet in sheets:
        counts = Counter(
            text
            for code, texts in header_synonyms().items()
            if INDICATORS[code][0] in sheet
            for text in {header_key(text) for text in texts}
        )
        assert [text for text, count in counts.items() if count > 1] == [], sheet
