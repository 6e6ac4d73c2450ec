"""One definition per catalogue field (catalogue/spec.py): what is derived from it stays in step."""

import dataclasses
from pathlib import Path

import pytest

from decisionaid.catalogue import spec
from decisionaid.catalogue.check import format_doc_files
from decisionaid.catalogue.readability import patient_texts
from decisionaid.catalogue.sources import load_sources

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


@pytest.fixture(scope="module")
def sources():
    src, problems = load_sources(DATA)
    assert problems == []
    return src


def test_the_format_documents_field_tables_are_up_to_date():
    files = format_doc_files(REPO)
    assert files, "docs/catalogue-format.md lost its generated-field markers"
    stale = [str(p) for p, text in files.items() if p.read_text("utf-8") != text]
    assert not stale, "run: decisionaid catalogue matrix"


def test_every_entity_and_field_is_described_once():
    for ent in spec.ENTITIES:
        names = [f.name for f in ent.fields]
        assert len(names) == len(set(names)), ent.name
        for f in ent.fields:
            if f.entity:
                assert f.entity in spec.BY_NAME, (ent.name, f.name)
    assert len(spec.BY_NAME) == len(spec.ENTITIES)


def test_every_patient_text_is_scored_for_reading_level(sources):
    """Each text field a patient reads, in our own words, is in the reading-level list; among
    them routine.downtime, which a hand-kept list once forgot."""
    wheres = [where for where, _ in patient_texts(sources)]
    assert any(w.endswith(" routine.downtime") for w in wheres)
    # every required patient field of a treatment is found in the catalogue's data
    fields_found = {
        w.split(" ", 1)[1].split("[")[0].split(".")[0]
        for w in wheres
        if w.startswith("treatments/")
    }
    for path in spec.patient_fields("treatment"):
        if all(f.required for f in path):
            assert path[0].name in fields_found, [f.name for f in path]
    scored_names = {
        ".".join(f.name for f in path)
        for name, _ in spec.FOLDERS
        for path in spec.patient_fields(name)
    }
    # the texts the hand-kept list had, and those it missed
    for name in (
        "summary",
        "living_with",
        "questions",
        "regulatory.text",
        "cost.note",
        "routine.what_it_involves",
        "routine.time_to_results",
        "routine.on_stopping",
        "routine.downtime",
        "evidence.reason",
        "benefits.text",
        "harms.text",
        "contraindications.note",
        "claims.evidence_says",
        "description",
        "recognise",
        "natural_course",
        "why_we_ask",
        "warning_signs",
        "no_known_concern.reason",
    ):
        assert name in scored_names, name
    # controlled words, editors' records and other people's words are not scored
    for name in ("category", "evidence.certainty", "claims.claim", "id", "refs", "reviewed"):
        assert name not in scored_names, name


def test_the_sqlite_tables_come_from_the_spec():
    from decisionaid.catalogue.schema import TABLES

    assert spec.tables() == TABLES
    assert "downtime" in TABLES["routines"][0]
    # one name in the sources, another in a table: written once, in the spec
    assert spec.entity("harm").table == "side_effects"
    assert spec.entity("harm").field("group").column_name == "population"
    assert spec.entity("hair_loss_type").field("order").column_name == "position"


def _with_field(monkeypatch, entity_name: str, new: spec.Field) -> None:
    ent = spec.entity(entity_name)
    monkeypatch.setitem(
        spec.BY_NAME, entity_name, dataclasses.replace(ent, fields=ent.fields + (new,))
    )


def test_adding_a_field_is_one_edit(monkeypatch):
    """One Field(...) added to the spec appears in the TOML checks, the SQLite table, the
    format document's table and the reading-level list."""
    new = spec.Field(
        "aftercare", "text", True, reader="patient", doc="how to look after the scalp afterwards"
    )
    _with_field(monkeypatch, "routine", new)

    assert spec.source_fields("routine")["aftercare"] == (str, True, None)
    assert spec.tables()["routines"][0]["aftercare"] is str
    assert "| `aftercare` | text | yes |  | patient | `aftercare` |" in spec.render_field_tables()
    assert any(
        [f.name for f in path] == ["routine", "aftercare"]
        for path in spec.patient_fields("treatment")
    )
