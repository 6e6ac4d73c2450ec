"""Opening the catalogue: read-only, verified, and a clear error for every kind of bad file."""

import hashlib
import shutil
import sqlite3

import pytest

from decisionaid.catalogue import CatalogueError, open_catalogue
from decisionaid.catalogue.schema import SCHEMA_VERSION


def test_synthetic_catalogue_opens_and_round_trips(synthetic_catalogue):
    """A built catalogue opens, passes its checksum, and gives back every treatment."""
    made = int(synthetic_catalogue.meta.version.removeprefix("synthetic-"))
    assert len(synthetic_catalogue.treatments) == made + 1  # and waiting
    assert synthetic_catalogue.meta.schema_version == SCHEMA_VERSION
    t = synthetic_catalogue.treatments["synthetic_00001"]
    assert t.evidence and t.benefits and t.contraindications


def test_opening_never_changes_the_file(synthetic_path):
    """Running the app never changes the catalogue file (opened with mode=ro)."""
    before = hashlib.sha256(synthetic_path.read_bytes()).hexdigest()
    open_catalogue(synthetic_path)
    assert hashlib.sha256(synthetic_path.read_bytes()).hexdigest() == before


def _copy(synthetic_path, tmp_path):
    target = tmp_path / "cat.sqlite"
    shutil.copy(synthetic_path, target)
    return target


@pytest.mark.parametrize(
    "damage, message",
    [
        ("missing", "does not exist"),
        ("empty", "is empty"),
        ("truncated", ""),
        ("garbage", ""),
        ("foreign", "not a DecisionAid catalogue"),
        ("schema", "schema version"),
        ("edited", "checksum"),
        ("dropped", "incomplete"),
        ("folder", "folder"),
    ],
)
def test_bad_catalogues_get_a_clear_error(synthetic_path, tmp_path, damage, message):
    """Missing, empty, truncated, corrupted, foreign, wrong-schema or edited files are refused."""
    path = _copy(synthetic_path, tmp_path)
    if damage == "missing":
        path.unlink()
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: 4096 + 100])
    elif damage == "garbage":
        data = bytearray(path.read_bytes())
        data[5000:9000] = b"\x00garbage" * 500
        path.write_bytes(bytes(data))
    elif damage == "foreign":
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("create table photos (id integer)")
    elif damage in ("schema", "edited", "dropped"):
        with sqlite3.connect(path) as db:
            if damage == "schema":
                db.execute("update metadata set value = '999' where key = 'schema_version'")
            elif damage == "edited":
                db.execute(
                    "update treatments set name = 'Miracle cure' where id = 'synthetic_00001'"
                )
            else:
                db.execute("drop table claims")
    elif damage == "folder":
        path.unlink()
        path.mkdir()
    with pytest.raises(CatalogueError) as err:
        open_catalogue(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)
