"""Build the SQLite catalogue from the TOML sources with sqlite-utils."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import sqlite_utils

from decisionaid import __version__
from decisionaid.catalogue.schema import (
    FOREIGN_KEYS,
    SCHEMA_VERSION,
    TABLES,
    Rows,
    content_checksum,
    rows_from_sources,
)
from decisionaid.catalogue.sources import Problem, Sources, load_sources


class BuildError(Exception):
    """The sources have problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the catalogue sources")


def rows_for(src: Sources) -> Rows:
    from decisionaid.catalogue.offers import offer_rows

    rows = rows_from_sources(
        src.catalogue,
        src.hair_loss_types,
        src.conditions,
        src.treatments,
        src.references,
        src.components,
    )
    rows["offer_patterns"] = offer_rows(src.offers)
    return rows


def write_catalogue(rows: Rows, meta: dict[str, Any], output: Path) -> str:
    """Write ``rows`` to a new SQLite file at ``output`` (atomically). Returns the checksum."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    metadata = {
        "catalogue_version": str(meta.get("version", "")),
        "reviewed": str(meta.get("reviewed", "")),
        "title": str(meta.get("title", "")),
        "about": str(meta.get("about", "")).strip(),
        "schema_version": str(SCHEMA_VERSION),
        "built_with": f"decisionaid {__version__}",
    }
    checksum = content_checksum(rows, metadata)  # covers the metadata too
    fd, tmp_name = tempfile.mkstemp(prefix=".catalogue-", suffix=".sqlite", dir=output.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # sqlite-utils creates the file itself
        db = sqlite_utils.Database(tmp)
        db.execute("PRAGMA journal_mode = DELETE")
        # No sync per insert batch (a file nobody reads yet): one fsync before it is moved in.
        db.execute("PRAGMA synchronous = OFF")
        db.table("metadata").create({"key": str, "value": str}, pk="key")
        for table, (columns, pk) in TABLES.items():
            db.table(table).create(columns, pk=pk, foreign_keys=FOREIGN_KEYS.get(table, []))
            if rows.get(table):
                db.table(table).insert_all(rows[table])
        for table, keys in FOREIGN_KEYS.items():
            for column, _, _ in keys:
                db.table(table).create_index([column])
        db.table("metadata").insert_all(
            [{"key": k, "value": v} for k, v in {**metadata, "checksum": checksum}.items()]
        )
        db.conn.commit()
        db.execute("VACUUM")
        db.close()
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, output)
    finally:
        if tmp.exists():
            tmp.unlink()
    return checksum


def build_catalogue(data_dir: Path, output: Path) -> str:
    """Validate the sources in ``data_dir`` and build ``output``. Raises BuildError on problems."""
    src, problems = load_sources(data_dir)
    if problems:
        raise BuildError(problems)
    return write_catalogue(rows_for(src), src.catalogue, output)
