"""The fast paths of opening a catalogue (goal: open and validate under 30 ms) give the same
answers as the reference code: the column-by-column checksum is the same digest as
schema.content_checksum, and the column-by-column validation is never more lenient than the
row-by-row check, which still names the first bad value."""

from __future__ import annotations

import copy
import random

import pytest

from decisionaid.catalogue import validate
from decisionaid.catalogue.schema import TABLES, content_checksum
from decisionaid.catalogue.store import read_rows
from decisionaid.catalogue.validate import Invalid, fast_content_checksum, validate_rows
from decisionaid.paths import BUNDLED_CATALOGUE

TODAY = "2026-12-02"


@pytest.fixture(scope="module")
def bundled():
    return read_rows(BUNDLED_CATALOGUE)


def test_fast_checksum_is_the_reference_digest_of_the_bundled_catalogue(bundled):
    meta, rows = bundled
    assert fast_content_checksum(rows, meta) == content_checksum(rows, meta) == meta["checksum"]


def test_fast_checksum_is_the_reference_digest_of_a_synthetic_catalogue(synthetic_path):
    meta, rows = read_rows(synthetic_path)
    assert fast_content_checksum(rows, meta) == content_checksum(rows, meta)


TRICKY_TEXTS = [
    'a "quoted" word',
    "back\\slash",
    "tab\there",
    "new\nline",
    "\x00\x1f\x7f",
    "percent %s %d %%",
    "non-breaking\u00a0space, line\u2028separator",
    "accents é, dashes – and emoji 🧴",
    "",
    "{}[],: null",
]
TRICKY_NUMBERS = [0, 1, -1, 2**53, 0.1 + 0.2, 1e16, -0.0, 1e-7, 123456.789, None]


@pytest.mark.parametrize("seed", range(6))
def test_fast_checksum_matches_for_tricky_values(bundled, seed):
    meta, rows = bundled
    rows = copy.deepcopy(rows)
    rng = random.Random(seed)
    for table, (columns, pk) in TABLES.items():
        for row in rows[table]:
            for column, kind in columns.items():
                if column != pk and rng.random() < 0.2:
                    row[column] = rng.choice(TRICKY_TEXTS if kind is str else TRICKY_NUMBERS)
    assert fast_content_checksum(rows, meta) == content_checksum(rows, meta)


@pytest.mark.parametrize(
    "change",
    [
        lambda row: row.__setitem__("summary", b"\x00\xff"),  # bytes: the reference uses repr
        lambda row: row.__setitem__("extra", "x"),  # a key no table has
        lambda row: row.__setitem__("position", float("nan")),
        lambda row: row.__setitem__("position", True),
    ],
)
def test_fast_checksum_leaves_odd_rows_to_the_reference(bundled, change):
    meta, rows = bundled
    rows = copy.deepcopy(rows)
    change(rows["treatments"][0])
    assert fast_content_checksum(rows, meta) is None


def _outcome(rows):
    try:
        validate_rows(rows, TODAY)
    except Invalid as exc:
        return str(exc)
    return None


def _row_by_row_only(rows, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(validate, "_table_ok", lambda *a: None)
        return _outcome(rows)


BAD_VALUES = [
    None,
    b"\x00",
    "",
    "x" * (validate.MAX_TEXT + 1),
    "unknown_word",
    "[1]",
    '["a", ["b"]]',
    "[" * 50 + "]" * 50,
    '["no_such_reference"]',
    "2099-99",
    "not a date",
    -1,
    10**20,
    float("inf"),
    float("nan"),
    1.5,
    True,
    "12",
]


@pytest.mark.parametrize("seed", range(40))
def test_column_checks_are_never_more_lenient_than_row_checks(bundled, seed, monkeypatch):
    """One value anywhere replaced by something odd: both ways refuse it with the same
    message (the row-by-row check names it), or both accept it."""
    _, rows = bundled
    rng = random.Random(seed)
    rows = copy.deepcopy(rows)
    table = rng.choice([t for t in TABLES if rows[t]])
    row = rng.choice(rows[table])
    column = rng.choice(list(TABLES[table][0]))
    row[column] = rng.choice(BAD_VALUES)
    fast = _outcome(rows)
    assert fast == _row_by_row_only(rows, monkeypatch), (table, column, row[column])


LIST_RULE_CASES = [
    ("relaxations", "to_kind", "absolute", "unknown word 'absolute'"),
    ("relaxations", "to_kind", "", "unknown word ''"),
    ("evidence", "extent", '["total", "most"]', "unknown word 'most'"),
    ("evidence", "extent", '["total", 3]', "flat list of texts"),
    ("evidence", "extent", '{"total": 1}', "flat list of texts"),
    ("conditions", "implies", '[["ghost", "why"]]', "points to 'ghost'"),
    ("conditions", "implies", '[["female", "why", "more"]]', "[condition, because], each a text"),
    ("conditions", "implies", '[["female", 1]]', "[condition, because], each a text"),
    ("conditions", "implies", '[["female", ["why"]]]', "[condition, because], each a text"),
    ("conditions", "implies", '[["female", ""]]', "because is empty"),
    ("conditions", "implies", '[["", "why"]]', "condition is empty"),
    ("conditions", "implies", '["female"]', "[condition, because], each a text"),
    ("conditions", "implies", '{"female": "why"}', "cannot be read as one"),
    ("conditions", "implies", "[" * 50 + "]" * 50, "each a text"),
    ("conditions", "implies", "[" * 5_000 + "]" * 5_000, "cannot be read as one"),
    ("conditions", "implies", '[["female", "why"]' + ', ["female", "why"]' * 200 + "]", "many"),
]


@pytest.mark.parametrize("table, column, value, expected", LIST_RULE_CASES)
def test_list_and_kind_rules_refuse_the_same_way_on_both_paths(
    bundled, table, column, value, expected, monkeypatch
):
    """relaxations.to_kind, evidence.extent and conditions.implies: the column-by-column check
    refuses what the row-by-row check refuses, with its message."""
    _, rows = bundled
    rows = copy.deepcopy(rows)
    row = next(r for r in rows[table] if table != "evidence" or r["extent"] != "[]")
    row[column] = value
    fast = _outcome(rows)
    assert fast is not None and expected in fast, fast
    assert fast == _row_by_row_only(rows, monkeypatch)


def test_duplicate_ids_and_missing_columns_still_named(bundled):
    _, rows = bundled
    rows = copy.deepcopy(rows)
    rows["claims"].append(dict(rows["claims"][0]))
    with pytest.raises(Invalid, match="twice"):
        validate_rows(rows, TODAY)
    rows["claims"].pop()
    del rows["costs"][0]["note"]
    with pytest.raises(Invalid, match="column note is empty"):
        validate_rows(rows, TODAY)


def test_the_bundled_catalogue_passes_the_column_checks(bundled):
    """The fast path is taken for a good catalogue (else the speed-up would be lost unseen)."""
    _, rows = bundled
    ids = {}
    for table, (columns, pk) in TABLES.items():
        rules = {c: validate._rule(table, c) for c in columns}
        seen = validate._table_ok(rows[table], columns, pk, rules, ids, rows)
        assert seen is not None, table
        ids[table] = seen


def test_required_conditions_are_the_sources_list():
    """One list, in vocabulary: opening a catalogue checks the same ids as reading the sources."""
    from decisionaid.catalogue.sources import REQUIRED_CONDITIONS

    assert validate.REQUIRED_CONDITIONS == REQUIRED_CONDITIONS


def test_opening_a_catalogue_imports_no_build_code():
    import subprocess
    import sys

    code = (
        "import sys; from decisionaid.catalogue import open_catalogue; open_catalogue(); "
        "print(sorted(m for m in ('tomllib', 'decisionaid.catalogue.sources', 'reportlab') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
