"""Hostile catalogues: each is generated here from a good synthetic
catalogue, most of them re-signed with a freshly computed checksum (anyone can compute one), and
each must be refused on open with a clear, specific message, never a traceback, a half-loaded
catalogue, or a file written beside it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading

import pytest

from decisionaid.catalogue import CatalogueError, open_catalogue
from decisionaid.catalogue.schema import TABLES, content_checksum
from decisionaid.catalogue.store import another_catalogue_note, is_bundled


def resign(path):
    """Recompute the checksum the way the build does: what any forger can do."""
    with sqlite3.connect(path) as db:
        meta = dict(db.execute("select key, value from metadata"))
        rows = {}
        for table, (columns, pk) in TABLES.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            cur = db.execute(f'select {cols} from "{table}" order by "{pk}"')
            rows[table] = [dict(zip(columns, r, strict=True)) for r in cur]
        db.execute(
            "update metadata set value = ? where key = 'checksum'",
            (content_checksum(rows, meta),),
        )
    return path


def sql(*statements, sign=True):
    def damage(path):
        with sqlite3.connect(path) as db:
            for statement in statements:
                if isinstance(statement, tuple):
                    db.execute(*statement)
                else:
                    db.execute(statement)
        if sign:
            resign(path)

    return damage


T1 = "where id = 'synthetic_00001'"
T1C = "where treatment_id = 'synthetic_00001'"
AA = "where hair_loss_type = 'alopecia_areata'"
PREG = "where id = 'pregnant'"
RELAX = "'absolute', 'approved', 'the clinic says so', '[]'"  # from_kind ... refs

HOSTILE = {
    "unknown certainty": (
        sql(f"update evidence set certainty = 'super_high' {T1C}"),
        "unknown word 'super_high'",
    ),
    "unknown regulatory word": (
        sql(f"update treatments set regulatory_status = 'fda_approved_miracle' {T1}"),
        "column regulatory_status has the unknown word",
    ),
    "unknown hair-loss type": (
        sql(f"update evidence set hair_loss_type = 'baldness' {T1C}"),
        "unknown word 'baldness'",
    ),
    "BLOB where text is expected": (
        sql(f"update treatments set summary = x'00ff00ff' {T1}"),
        "column summary should be text but holds binary data",
    ),
    "text where a number is expected": (
        sql(f"update costs set upfront_min = 'cheap', upfront_max = 'cheap' {T1C}"),
        "should be a number but holds str",
    ),
    "deeply nested JSON": (
        sql((f"update evidence set refs = ? {T1C}", ("[" * 5_000 + "]" * 5_000,))),
        "column refs should be",
    ),
    "nested list in a list of texts": (
        sql(f"""update treatments set questions = '[["a", ["b"]]]' {T1}"""),
        "flat list of texts",
    ),
    "infinite cost": (
        sql(f"update costs set known = 1, upfront_min = 0, upfront_max = 9e999 {T1C}"),
        "is not a finite number",
    ),
    "negative cost": (
        sql(f"update costs set known = 1, upfront_min = -500, upfront_max = 100 {T1C}"),
        "column upfront_min is -500, outside 0 to",
    ),
    "cost range upside down": (
        sql(f"update costs set known = 1, upfront_min = 900, upfront_max = 100 {T1C}"),
        "not low to high",
    ),
    "unknown cost with numbers": (
        sql(f"update costs set known = 0, yearly_min = 1, yearly_max = 2 {T1C}"),
        "a cost marked unknown has numbers",
    ),
    "chance over 100 in 100": (
        sql(f"update benefits set treated_per_100 = 250 {T1C}"),
        "treated_per_100 is 250, outside 0 to 100",
    ),
    "absurdly long text": (
        sql((f"update treatments set summary = ? {T1}", ("word " * 10_000,))),
        "is too long (50,000 characters",
    ),
    "value far too large to read": (
        sql((f"update treatments set living_with = ? {T1}", ("x" * 3_000_000,))),
        "far too large",
    ),
    "huge whole number": (
        sql(f"update treatments set position = 9223372036854775807 {T1}"),
        "column position is",
    ),
    "reference that does not exist": (
        sql(f"""update evidence set refs = '["made-up-study"]' {T1C}"""),
        "cites 'made-up-study', which is not in the list of sources",
    ),
    "row pointing to no treatment": (
        sql(
            "PRAGMA foreign_keys = OFF",
            "update contraindications set treatment_id = 'ghost' where id = 1",
        ),
        "points to 'ghost'",
    ),
    "reviewed in 2099, re-signed": (
        sql("update metadata set value = '2099-01-01' where key = 'reviewed'"),
        "reviewed on 2099-01-01, a date in the future",
    ),
    "metadata edited, not re-signed": (
        sql("update metadata set value = 'Official NHS catalogue' where key = 'title'", sign=False),
        "does not match its checksum",
    ),
    "unknown metadata entry": (
        sql("insert into metadata values ('approved_by', 'FDA')"),
        "metadata has entries DecisionAid does not know (approved_by)",
    ),
    "exosomes approved, not re-signed": (
        sql(f"update treatments set regulatory_status = 'approved' {T1}", sign=False),
        "does not match its checksum",
    ),
    "trigger": (
        sql("create trigger t after insert on claims begin select 1; end"),
        "trigger t",
    ),
    "view": (
        sql("create view v as select * from treatments"),
        "view v",
    ),
    "generated column": (
        sql(
            "alter table claims add column boom text generated always as "
            "(zeroblob(2000000000)) virtual"
        ),
        "computed column (claims.boom)",
    ),
    "pregnancy condition removed": (
        sql(
            "PRAGMA foreign_keys = OFF",
            "delete from contraindications where condition_id = 'pregnant'",
            "delete from conditions where id = 'pregnant'",
        ),
        "the table conditions lacks 'pregnant'",
    ),
    "unknown table": (
        sql("create table approvals (id text)"),
        "tables DecisionAid does not know (approvals)",
    ),
    "missing column": (
        sql("alter table claims drop column claimed_by"),
        "other columns than DecisionAid expects",
    ),
    "relaxation to a kind the spec does not know": (
        sql(f"insert into relaxations values (1, 'synthetic_00001', 'c', 'pregnant', {RELAX})"),
        "column to_kind has the unknown word 'approved' (allowed: relative, none)",
    ),
    "relaxation to an empty kind": (
        sql(
            "insert into relaxations values "
            "(1, 'synthetic_00001', 'c', 'pregnant', 'absolute', '', 'safe', '[]')"
        ),
        "column to_kind has the unknown word ''",
    ),
    "unknown scalp-loss extent": (
        sql(f"""update evidence set extent = '["total", "most"]' {AA}"""),
        "column extent has the unknown word 'most' (allowed: less_than_half, half_or_more, total)",
    ),
    "scalp-loss extent that is not a list": (
        sql(f"""update evidence set extent = '"total"' {AA}"""),
        "column extent should be a flat list of texts",
    ),
    "scalp-loss extent nested": (
        sql(f"""update evidence set extent = '[["total"]]' {AA}"""),
        "column extent should be a flat list of texts (nothing nested)",
    ),
    "alopecia areata evidence without an extent": (
        sql(f"update evidence set extent = '[ ]' {AA}"),
        "a row for alopecia_areata must list the amounts of scalp loss it covers",
    ),
    "extent on evidence for another type": (
        sql("""update evidence set extent = '["total"]' where hair_loss_type = 'male_pattern'"""),
        "a row for male_pattern cannot list the amounts of scalp loss it covers",
    ),
    "implied condition that does not exist": (
        sql(f"""update conditions set implies = '[["ghost", "ghosts are real"]]' {PREG}"""),
        "column implies points to 'ghost', which is not in the table conditions",
    ),
    "implication without its reason": (
        sql(f"""update conditions set implies = '[["female"]]' {PREG}"""),
        "column implies should be a list of entries [condition, because], each a text",
    ),
    "implication as an object": (
        sql(f"""update conditions set implies = '[{{"condition": "female"}}]' {PREG}"""),
        "column implies should be a list of entries [condition, because], each a text",
    ),
    "implication with a blank reason": (
        sql(f"""update conditions set implies = '[["female", "  "]]' {PREG}"""),
        "column implies has an entry whose because is empty",
    ),
    "implies that is not JSON": (
        sql(f"update conditions set implies = 'female' {PREG}"),
        "column implies should be a list of entries [condition, because] but cannot be read",
    ),
    "implies deeply nested": (
        sql((f"update conditions set implies = ? {PREG}", ("[" * 5_000 + "]" * 5_000,))),
        "column implies should be a list of entries [condition, because] but cannot be read",
    ),
    "not SQLite at all": (
        lambda path: path.write_bytes(b"%PDF-1.4 this is not a catalogue" * 100),
        "not an SQLite database",
    ),
}


def _copy(synthetic_path, tmp_path):
    folder = tmp_path / "cat"
    folder.mkdir()
    target = folder / "hostile.sqlite"
    shutil.copy(synthetic_path, target)
    return target


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_catalogue_is_refused_with_a_specific_message(synthetic_path, tmp_path, name):
    damage, expected = HOSTILE[name]
    path = _copy(synthetic_path, tmp_path)
    damage(path)
    before = sorted(os.listdir(path.parent))
    with pytest.raises(CatalogueError) as err:
        open_catalogue(path)
    message = str(err.value)
    assert expected in message, message
    assert str(path) in message
    assert len(message) < 600 and "Traceback" not in message
    assert sorted(os.listdir(path.parent)) == before  # nothing written beside it


def test_the_synthetic_catalogue_itself_passes(synthetic_path):
    assert open_catalogue(synthetic_path).treatments


def test_good_implications_relaxations_and_extents_still_open(synthetic_path, tmp_path):
    """The new checks refuse only bad values: a real implication, a relaxation to each of the
    spec's kinds and every scalp-loss extent open as before."""
    path = _copy(synthetic_path, tmp_path)
    sql(
        f"""update conditions set implies = '[["female", "only a woman can be"]]' {PREG}""",
        "insert into relaxations values "
        "(1, 'synthetic_00001', 'c', 'pregnant', 'absolute', 'relative', 'milder', '[]')",
        "insert into relaxations values "
        "(2, 'synthetic_00001', 'c', 'under_18', 'relative', 'none', 'studied', '[]')",
        f"""update evidence set extent = '["less_than_half", "half_or_more", "total"]' {AA}""",
    )(path)
    opened = open_catalogue(path)
    assert [i.condition for i in opened.conditions["pregnant"].implies] == ["female"]
    kinds = [rx.to_kind for rx in opened.treatments["synthetic_00001"].relaxations]
    assert sorted(kinds) == ["none", "relative"]


def test_wal_catalogue_in_a_read_only_folder_leaves_nothing_beside_it(synthetic_path, tmp_path):
    """A catalogue saved in WAL mode opens without creating -wal or -shm files, and works in a
    folder DecisionAid may not write to."""
    path = _copy(synthetic_path, tmp_path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    for extra in ("-wal", "-shm"):
        p = path.with_name(path.name + extra)
        if p.exists():
            p.unlink()
    os.chmod(path.parent, 0o555)
    try:
        assert open_catalogue(path).treatments
        assert os.listdir(path.parent) == [path.name]
    finally:
        os.chmod(path.parent, 0o755)


def test_catalogue_locked_by_another_program_still_opens(synthetic_path, tmp_path):
    """Another program holding a write lock does not make the catalogue 'damaged'."""
    path = _copy(synthetic_path, tmp_path)
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = {}

        def open_it():
            try:
                result["ok"] = bool(open_catalogue(path).treatments)
            except CatalogueError as exc:
                result["error"] = exc

        thread = threading.Thread(target=open_it)
        thread.start()
        thread.join(10)
        assert not thread.is_alive(), "opening hung on the lock"
        if "error" in result:
            assert result["error"].kind == "locked" and "locked" in str(result["error"])
        else:
            assert result["ok"]
    finally:
        holder.rollback()
        holder.close()


def test_unreadable_catalogue_is_not_called_damaged(synthetic_path, tmp_path, monkeypatch):
    """A file the person may not read is 'cannot be read here', not 'damaged'."""
    import builtins

    path = _copy(synthetic_path, tmp_path)
    real_open = builtins.open

    def denied(file, *a, **k):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", denied)
    with pytest.raises(CatalogueError) as err:
        open_catalogue(path)
    assert err.value.kind == "unreadable"
    assert "cannot be read here" in str(err.value) and "damaged" not in str(err.value)


def test_fifo_catalogue_is_refused_at_once(tmp_path):
    fifo = tmp_path / "cat.sqlite"
    os.mkfifo(fifo)
    with pytest.raises(CatalogueError, match="not an ordinary file"):
        open_catalogue(fifo)


def test_any_catalogue_but_the_bundled_one_is_named(synthetic_catalogue, catalogue):
    """A catalogue that is not the bundled one is always labelled 'Another catalogue: FILE'."""
    assert is_bundled(catalogue.path) and another_catalogue_note(catalogue) == ""
    note = another_catalogue_note(synthetic_catalogue)
    assert note == f"Another catalogue: {synthetic_catalogue.path}"


def test_metadata_is_covered_by_the_checksum(synthetic_path):
    """Changing the review date changes the checksum (finding 7: it did not before)."""
    with sqlite3.connect(synthetic_path) as db:
        meta = dict(db.execute("select key, value from metadata"))
    rows = {t: [] for t in TABLES}
    assert content_checksum(rows, meta) != content_checksum(
        rows, {**meta, "reviewed": "2099-01-01"}
    )
    assert json.dumps(meta)  # plain text only
