"""One definition per catalogue field (catalogue/spec.py): what is derived from it stays in step."""

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
    monkeypatch.setitem(spec.BY_NAME, entity_name, ent._replace(fields=ent.fields + (new,)))


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


def test_an_added_field_is_checked_in_the_sources(monkeypatch):
    """The TOML check reads the spec: the new required field is missing in every [routine]."""
    _with_field(monkeypatch, "routine", spec.Field("aftercare", "text", True, reader="patient"))
    _, problems = load_sources(DATA)
    missing = [p for p in problems if p.message == "missing field 'aftercare'"]
    assert missing and all(p.where.endswith(" [routine]") for p in missing)
    assert len(missing) == len(list((DATA / "treatments").glob("*.toml")))


ONE_EDIT = """
import sqlite3, sys
from decisionaid.catalogue import spec

routine = spec.entity("routine")
new = spec.Field("aftercare", "text", True, reader="patient", doc="after a session")
spec.BY_NAME["routine"] = routine._replace(fields=routine.fields + (new,))

# importing spec imported the package, whose modules read the spec once, at import: load them
# again, as a fresh start after editing spec.py would
import importlib
from decisionaid.catalogue import build, schema, store, validate
for module in (schema, validate, store, build):
    importlib.reload(module)
write_catalogue, rows_from_sources = build.write_catalogue, schema.rows_from_sources
open_catalogue = store.open_catalogue
from decisionaid.catalogue.synthetic import synthetic_sources

src = synthetic_sources(3)
for t in src["treatments"].values():
    t["routine"]["aftercare"] = "Keep the scalp clean for a day."
rows = rows_from_sources(
    src["catalogue"], src["hair_loss_types"], src["conditions"], src["treatments"],
    src["references"],
)
write_catalogue(rows, src["catalogue"], sys.argv[1])
values = sqlite3.connect(sys.argv[1]).execute("select aftercare from routines").fetchall()
assert values and {v for (v,) in values} == {"Keep the scalp clean for a day."}, values
open_catalogue(sys.argv[1])  # the new column is checked and the catalogue opens
print("ok")
"""


def test_adding_a_field_reaches_the_built_catalogue(tmp_path):
    """With the field added to the spec before the catalogue modules load (as an edit of
    spec.py would), the build writes its column and the app opens the result."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", ONE_EDIT, str(tmp_path / "c.sqlite")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def _column_fields():
    """(table, column, field) for every stored field (lists too)."""
    for ent in spec.entities():
        if not ent.table:
            continue
        for f in ent.fields:
            sub = spec.entity(f.entity) if f.entity else None
            if sub is not None and sub.flatten_prefix:
                for g in sub.fields:
                    if g.column_name:
                        yield ent.table, sub.flatten_prefix + g.column_name, g
            elif f.column_name:
                yield ent.table, f.column_name, f


def test_the_check_on_opening_agrees_with_the_spec():
    """validate.py keeps its own rules per column (for speed); they must allow exactly the
    spec's words (in a column, or in each entry of a list), check every date the spec stores,
    and check every list of tables entry by entry. No gaps."""
    from decisionaid.catalogue import validate

    checked = {"words": 0, "list words": 0, "tables": 0}
    for table, column, f in _column_fields():
        rule = validate._rule(table, column)
        where = f"{table}.{column}"
        kind = f.stored_as or f.kind
        if f.words and kind == "list":
            assert isinstance(rule, validate.TextList), where
            assert rule.words == f.words and not rule.ids_in, where
            checked["list words"] += 1
        elif f.words:
            assert isinstance(rule, validate.Words), where
            assert set(rule.allowed) - {""} == set(f.words) - {""}, where
            if "" in rule.allowed:
                assert not f.required, where
            checked["words"] += 1
        if f.kind == "date":
            assert isinstance(rule, validate.Date), where
        if f.entity and kind == "list":  # a list of tables
            assert isinstance(rule, validate.TableList), where
            assert rule.fields == tuple(g.name for g in spec.entity(f.entity).fields), where
            assert rule.ids_in in spec.tables(), where
            checked["tables"] += 1
    assert checked["words"] > 10 and checked["list words"] and checked["tables"], checked
    assert isinstance(validate._rule("relaxations", "to_kind"), validate.Words)
