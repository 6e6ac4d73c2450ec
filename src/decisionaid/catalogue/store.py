"""Open the built catalogue read-only, verify it, and turn it into ``models.Catalogue``.

A catalogue that is missing, empty, truncated, corrupted, from another program, of another
schema version, or whose content does not match its checksum raises ``CatalogueError`` with a
message a person can act on. The app never runs on a half-loaded catalogue.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from decisionaid import models as m
from decisionaid.catalogue.schema import SCHEMA_VERSION, TABLES, Rows, content_checksum
from decisionaid.paths import bundled_catalogue_path


class CatalogueError(Exception):
    """The catalogue file cannot be used. ``str(error)`` is a message for a person."""


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: SQLite refuses every write, so running the app never changes the file.
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def read_rows(path: Path) -> tuple[dict[str, str], Rows]:
    """Read the metadata and every content table. Raises CatalogueError."""
    path = Path(path)
    if not path.exists():
        raise CatalogueError(f"The catalogue file {path} does not exist.")
    if path.is_dir():
        raise CatalogueError(f"The catalogue path {path} is a folder, not a file.")
    if path.stat().st_size == 0:
        raise CatalogueError(f"The catalogue file {path} is empty.")
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        raise CatalogueError(f"The catalogue file {path} cannot be opened ({exc}).") from exc
    try:
        conn.row_factory = sqlite3.Row
        names = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        if "metadata" not in names:
            raise CatalogueError(f"The file {path} is not a DecisionAid catalogue.")
        meta = {r["key"]: r["value"] for r in conn.execute("select key, value from metadata")}
        schema = meta.get("schema_version", "")
        if schema != str(SCHEMA_VERSION):
            raise CatalogueError(
                f"The catalogue file {path} uses schema version {schema or 'unknown'}, but this "
                f"version of DecisionAid reads version {SCHEMA_VERSION}. Install a matching version."
            )
        missing = [t for t in TABLES if t not in names]
        if missing:
            raise CatalogueError(
                f"The catalogue file {path} is incomplete (missing {', '.join(missing)})."
            )
        rows: Rows = {}
        for table, (columns, pk) in TABLES.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            rows[table] = [
                dict(r) for r in conn.execute(f'select {cols} from "{table}" order by "{pk}"')
            ]
        return meta, rows
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(f"The catalogue file {path} is damaged ({exc}).") from exc
    finally:
        conn.close()


def open_catalogue(path: Path | str | None = None, verify: bool = True) -> m.Catalogue:
    """Open, verify and load a catalogue. ``path`` defaults to the bundled one."""
    path = Path(path) if path else bundled_catalogue_path()
    meta, rows = read_rows(path)
    if verify:
        expected = meta.get("checksum", "")
        if not expected or content_checksum(rows) != expected:
            raise CatalogueError(
                f"The catalogue file {path} has been changed or damaged: its content does not "
                "match its checksum. Reinstall DecisionAid to get a good copy."
            )
    if not rows["treatments"]:
        raise CatalogueError(f"The catalogue file {path} has no treatments.")
    try:
        return catalogue_from_rows(meta, rows, str(path))
    except (KeyError, ValueError, TypeError) as exc:
        raise CatalogueError(
            f"The catalogue file {path} has content this version cannot read ({exc})."
        ) from exc


def _t(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text or "[]"))


def _range(lo, hi) -> m.Range | None:
    return None if lo is None or hi is None else (float(lo), float(hi))


def catalogue_from_rows(meta: dict[str, str], rows: Rows, path: str = "") -> m.Catalogue:
    refs = {
        r["id"]: m.Reference(
            id=r["id"],
            citation=r["citation"],
            kind=r["kind"],
            accessed=r["accessed"],
            conflict_of_interest=r["conflict_of_interest"],
            doi=r["doi"],
            pmid=r["pmid"],
            url=r["url"],
            locator=r["locator"],
        )
        for r in rows["references"]
    }
    types = {
        r["id"]: m.HairLossType(
            id=r["id"],
            name=r["name"],
            order=r["position"],
            description=r["description"],
            recognise=r["recognise"],
            natural_course=r["natural_course"],
            natural_course_refs=_t(r["natural_course_refs"]),
            warning_signs=_t(r["warning_signs"]),
            scale=r["scale"],
            refs=_t(r["refs"]),
            reviewed=r["reviewed"],
        )
        for r in sorted(rows["hair_loss_types"], key=lambda r: (r["position"], r["id"]))
    }
    conditions = {
        r["id"]: m.Condition(
            id=r["id"],
            name=r["name"],
            group=r["condition_group"],
            why_we_ask=r["why_we_ask"],
            derived=r["derived"],
        )
        for r in rows["conditions"]
    }

    by_treatment: dict[str, dict[str, list]] = {}

    def child(table: str, row: dict, value) -> None:
        by_treatment.setdefault(row["treatment_id"], {}).setdefault(table, []).append(value)

    for r in rows["evidence"]:
        child(
            "evidence",
            r,
            m.Evidence(
                hair_loss_type=r["hair_loss_type"],
                certainty=r["certainty"],
                effect=r["effect"],
                reason=r["reason"],
                guidelines=r["guidelines"],
                refs=_t(r["refs"]),
                extent=_t(r["extent"]),
            ),
        )
    for table in ("benefits", "side_effects"):
        for r in rows[table]:
            child(
                table,
                r,
                m.Outcome(
                    text=r["text"],
                    refs=_t(r["refs"]),
                    hair_loss_type=r["hair_loss_type"],
                    group=r["population"],
                    timeframe=r["timeframe"],
                    outcome=r["outcome"],
                    treated_per_100=r["treated_per_100"],
                    comparison_per_100=r["comparison_per_100"],
                    comparison=r["comparison"],
                    serious=bool(r.get("serious", 0)),
                    frequency=r.get("frequency", ""),
                ),
            )
    for r in rows["contraindications"]:
        child(
            "contraindications",
            r,
            m.Contraindication(
                condition=r["condition_id"], kind=r["kind"], note=r["note"], refs=_t(r["refs"])
            ),
        )
    for r in rows["claims"]:
        child(
            "claims",
            r,
            m.Claim(
                claim=r["claim"],
                claimed_by=r["claimed_by"],
                conflict_of_interest=r["conflict_of_interest"],
                evidence_says=r["evidence_says"],
                refs=_t(r["refs"]),
            ),
        )
    costs = {
        r["treatment_id"]: m.Cost(
            known=bool(r["known"]),
            upfront=_range(r["upfront_min"], r["upfront_max"]),
            yearly=_range(r["yearly_min"], r["yearly_max"]),
            estimate=bool(r["estimate"]),
            note=r["note"],
            refs=_t(r["refs"]),
        )
        for r in rows["costs"]
    }
    routines = {
        r["treatment_id"]: m.Routine(
            what_it_involves=r["what_it_involves"],
            time_to_results=r["time_to_results"],
            on_stopping=r["on_stopping"],
            downtime=r["downtime"],
            months_to_results=r["months_to_results"],
            refs=_t(r["refs"]),
        )
        for r in rows["routines"]
    }

    treatments = {}
    for r in sorted(rows["treatments"], key=lambda r: (r["position"], r["id"])):
        kids = by_treatment.get(r["id"], {})
        treatments[r["id"]] = m.Treatment(
            id=r["id"],
            name=r["name"],
            category=r["category"],
            invasiveness=r["invasiveness"],
            effort=r["effort"],
            permanence=r["permanence"],
            daily_routine=bool(r["daily_routine"]),
            reviewed=r["reviewed"],
            summary=r["summary"],
            living_with=r["living_with"],
            regulatory=m.Regulatory(
                status=r["regulatory_status"],
                text=r["regulatory_text"],
                date=r["regulatory_date"],
                refs=_t(r["regulatory_refs"]),
            ),
            cost=costs[r["id"]],
            routine=routines[r["id"]],
            also_known_as=_t(r["also_known_as"]),
            questions=_t(r["questions"]),
            contraindications_note=r["contraindications_note"],
            evidence=tuple(kids.get("evidence", [])),
            benefits=tuple(kids.get("benefits", [])),
            harms=tuple(kids.get("side_effects", [])),
            contraindications=tuple(kids.get("contraindications", [])),
            claims=tuple(kids.get("claims", [])),
        )
    catalogue_meta = m.CatalogueMeta(
        version=meta.get("catalogue_version", ""),
        reviewed=meta.get("reviewed", ""),
        title=meta.get("title", ""),
        about=meta.get("about", ""),
        schema_version=int(meta.get("schema_version", 0)),
        checksum=meta.get("checksum", ""),
        built=meta.get("built_with", ""),
    )
    return m.Catalogue(
        meta=catalogue_meta,
        hair_loss_types=types,
        conditions=conditions,
        treatments=treatments,
        references=refs,
        path=path,
    )
