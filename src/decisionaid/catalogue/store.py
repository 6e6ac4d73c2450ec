"""Open the built catalogue read-only, verify it, and turn it into ``models.Catalogue``.

A catalogue that is missing, empty, truncated, corrupted, from another program, of another
schema version, or whose content does not match its checksum raises ``CatalogueError`` with a
message a person can act on. The app never runs on a half-loaded catalogue.
"""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

from decisionaid import models as m
from decisionaid.catalogue.schema import SCHEMA_VERSION, TABLES, Rows, content_checksum
from decisionaid.catalogue.validate import (
    Invalid,
    fast_content_checksum,
    parse_text_list,
    validate_metadata,
    validate_rows,
)
from decisionaid.paths import BUNDLED_CATALOGUE, bundled_catalogue_path


class CatalogueError(Exception):
    """The catalogue file cannot be used. ``str(error)`` is a message for a person; ``kind`` says
    which problem: missing, unreadable (permissions), locked, damaged, changed or invalid."""

    def __init__(self, message: str, kind: str = "damaged"):
        super().__init__(message)
        self.kind = kind


SQLITE_HEADER = b"SQLite format 3\x00"
MAX_CATALOGUE_BYTES = 64 * 1024 * 1024
MAX_VALUE_BYTES = 1_000_000  # SQLite refuses to hand over any one value bigger than this
ALLOWED_OBJECTS = ("table", "index")


def is_bundled(path: Path | str | None) -> bool:
    """Whether ``path`` is the catalogue that came with this DecisionAid."""
    if not path:
        return False
    try:
        return Path(path).resolve() == BUNDLED_CATALOGUE.resolve()
    except OSError:
        return False


def another_catalogue_note(catalogue) -> str:
    """'Another catalogue: FILE' for any catalogue but the bundled one ('' for the bundled one),
    shown in the app's header and on every PDF page, so a doctored file never passes as ours."""
    path = getattr(catalogue, "path", "")
    if is_bundled(path):
        return ""
    if not path:
        return "Another catalogue: not the one that came with DecisionAid"
    try:
        path = Path(path).resolve()
    except OSError:
        pass
    return f"Another catalogue: {path}"


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: SQLite refuses every write. immutable=1: it takes no locks and never creates a
    # -wal, -shm or -journal file beside the catalogue (even one saved in WAL mode), so opening
    # it works in a read-only folder and leaves no trace.
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.execute("PRAGMA trusted_schema = OFF")  # no functions run from the file's own schema
    conn.execute("PRAGMA cache_size = -256")  # 256 KiB: each page is read once; less memory
    return conn


def _check_file(path: Path) -> None:
    """Refuse what is not a readable, plausibly-sized SQLite file, naming the real problem."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise CatalogueError(f"The catalogue file {path} does not exist.", "missing") from None
    except PermissionError:
        raise CatalogueError(
            f"The catalogue file {path} cannot be read here: DecisionAid is not allowed to open "
            "it or its folder. Check the permissions, or use the catalogue that came with "
            "DecisionAid.",
            "unreadable",
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise CatalogueError(f"The catalogue path {path} is a folder, not a file.", "invalid")
    if not stat.S_ISREG(st.st_mode):
        raise CatalogueError(
            f"The catalogue path {path} is not an ordinary file (a pipe or a device).", "invalid"
        )
    if st.st_size == 0:
        raise CatalogueError(f"The catalogue file {path} is empty.", "damaged")
    if st.st_size > MAX_CATALOGUE_BYTES:
        raise CatalogueError(
            f"The catalogue file {path} is far too large to be a DecisionAid catalogue "
            f"({st.st_size // (1024 * 1024)} MB).",
            "invalid",
        )
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise CatalogueError(
            f"The catalogue file {path} cannot be read here: DecisionAid is not allowed to read "
            "it. Check the file's permissions, or use the catalogue that came with DecisionAid.",
            "unreadable",
        ) from None
    except OSError as exc:
        raise CatalogueError(
            f"The catalogue file {path} cannot be read ({exc.strerror or exc}).", "unreadable"
        ) from None
    if header != SQLITE_HEADER:
        raise CatalogueError(
            f"The file {path} is not a DecisionAid catalogue (it is not an SQLite database), or "
            "it is damaged.",
            "damaged",
        )


def _check_structure(conn: sqlite3.Connection, path: Path) -> set[str]:
    """Only plain tables and indexes: no views, triggers or generated columns, which would run
    the file's own SQL when read. Returns the table names."""
    objects = conn.execute("select type, name from sqlite_master").fetchall()
    odd = [
        f"{kind} {name}"
        for kind, name in objects
        if kind not in ALLOWED_OBJECTS and not str(name).startswith("sqlite_")
    ]
    if odd:
        raise CatalogueError(
            f"The catalogue file {path} contains things a DecisionAid catalogue never has "
            f"({', '.join(odd[:3])}), so it is not trusted.",
            "invalid",
        )
    names = {name for kind, name in objects if kind == "table"}
    if "metadata" not in names:
        raise CatalogueError(f"The file {path} is not a DecisionAid catalogue.", "invalid")
    for table in names:
        if table.startswith("sqlite_"):
            continue
        for column in conn.execute(f'pragma table_xinfo("{table}")').fetchall():
            if column[-1] not in (0,):  # 1 hidden, 2 or 3 generated
                raise CatalogueError(
                    f"The catalogue file {path} has a computed column ({table}.{column[1]}), "
                    "which a DecisionAid catalogue never has, so it is not trusted.",
                    "invalid",
                )
    return names


def read_rows(path: Path) -> tuple[dict[str, str], Rows]:
    """Read the metadata and every content table. Raises CatalogueError."""
    path = Path(path)
    _check_file(path)
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        raise CatalogueError(f"The catalogue file {path} cannot be opened ({exc}).") from exc
    try:
        names = _check_structure(conn, path)
        meta = {}
        for key, value in conn.execute("select key, value from metadata"):
            if not isinstance(key, str) or not isinstance(value, str):
                raise CatalogueError(
                    f"The catalogue file {path} has metadata that is not text.", "invalid"
                )
            meta[key] = value
        schema = meta.get("schema_version", "")
        if schema != str(SCHEMA_VERSION):
            raise CatalogueError(
                f"The catalogue file {path} uses schema version {schema[:20] or 'unknown'}, but "
                f"this version of DecisionAid reads version {SCHEMA_VERSION}. Install a matching "
                "version.",
                "invalid",
            )
        missing = [t for t in TABLES if t not in names]
        extra = sorted(n for n in names - set(TABLES) - {"metadata"} if not n.startswith("sqlite_"))
        if missing:
            raise CatalogueError(
                f"The catalogue file {path} is incomplete (missing {', '.join(missing)}).",
                "invalid",
            )
        if extra:
            raise CatalogueError(
                f"The catalogue file {path} has tables DecisionAid does not know "
                f"({', '.join(extra[:3])}), so it is not trusted.",
                "invalid",
            )
        rows: Rows = {}
        for table, (columns, pk) in TABLES.items():
            have = {c[1] for c in conn.execute(f'pragma table_xinfo("{table}")')}
            if have != set(columns):
                raise CatalogueError(
                    f"The catalogue file {path} has a table {table} with other columns than "
                    "DecisionAid expects, so it is not trusted.",
                    "invalid",
                )
            cols = ", ".join(f'"{c}"' for c in columns)
            cursor = conn.execute(f'select {cols} from "{table}" order by "{pk}"')
            names_ = tuple(columns)
            rows[table] = [dict(zip(names_, r, strict=True)) for r in cursor]
        return meta, rows
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise CatalogueError(
                f"The catalogue file {path} is locked by another program. Close that program "
                "and try again.",
                "locked",
            ) from exc
        if "unable to open" in text or "readonly" in text or "permission" in text:
            raise CatalogueError(
                f"The catalogue file {path} cannot be read here ({exc}). Check its permissions.",
                "unreadable",
            ) from exc
        raise CatalogueError(f"The catalogue file {path} is damaged ({exc}).") from exc
    except sqlite3.DataError as exc:  # a value bigger than MAX_VALUE_BYTES
        raise CatalogueError(
            f"The catalogue file {path} holds a value far too large for a catalogue ({exc}), so "
            "it is not trusted.",
            "invalid",
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(f"The catalogue file {path} is damaged ({exc}).") from exc
    except MemoryError as exc:
        raise CatalogueError(f"The catalogue file {path} is too large to read.", "invalid") from exc
    finally:
        conn.close()


def open_catalogue(path: Path | str | None = None, verify: bool = True) -> m.Catalogue:
    """Open, verify, validate every value and load a catalogue. ``path`` defaults to the
    bundled one. Raises CatalogueError, and only CatalogueError."""
    path = Path(path) if path else bundled_catalogue_path()
    meta, rows = read_rows(path)
    try:
        validate_metadata(meta, _tomorrow())
        validate_rows(rows, _tomorrow())
    except Invalid as exc:
        raise CatalogueError(
            f"The catalogue file {path} cannot be used: {exc}. DecisionAid shows nothing from a "
            "catalogue it cannot check completely.",
            "invalid",
        ) from None
    if verify:
        expected = meta.get("checksum", "")
        if not expected or (
            fast_content_checksum(rows, meta) != expected  # the same digest, a third the work
            and content_checksum(rows, meta) != expected  # the reference decides a mismatch
        ):
            raise CatalogueError(
                f"The catalogue file {path} has been changed or damaged: its content does not "
                "match its checksum. Reinstall DecisionAid to get a good copy.",
                "changed",
            )
    if not rows["treatments"]:
        raise CatalogueError(f"The catalogue file {path} has no treatments.", "invalid")
    try:
        return catalogue_from_rows(meta, rows, str(path))
    except Exception as exc:  # never a half-loaded catalogue, never a traceback
        raise CatalogueError(
            f"The catalogue file {path} has content this version cannot read "
            f"({type(exc).__name__}: {str(exc)[:200]}).",
            "invalid",
        ) from None


def _tomorrow() -> str:
    import datetime as _dt

    return (_dt.date.today() + _dt.timedelta(days=1)).isoformat()


def _t(text: str) -> tuple[str, ...]:
    return parse_text_list(text or "[]")  # parsed once per distinct text (validation did)


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
            said=r["said"],
            implies=tuple(
                m.Implication(condition=c, because=b) for c, b in json.loads(r["implies"] or "[]")
            ),
        )
        for r in rows["conditions"]
    }
    components = {
        r["id"]: m.Component(id=r["id"], name=r["name"], description=r["description"])
        for r in rows["components"]
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
                condition=r["condition_id"],
                kind=r["kind"],
                note=r["note"],
                refs=_t(r["refs"]),
                via=r["via"],
                some_clinics=bool(r["some_clinics"]),
                relaxed_from=r["relaxed_from"],
                relax_reason=r["relax_reason"],
                relax_refs=_t(r["relax_refs"]),
            ),
        )
    for r in rows["no_concerns"]:
        child(
            "no_concerns",
            r,
            m.NoConcern(
                condition=r["condition_id"], reason=r["reason"], refs=_t(r["refs"]), via=r["via"]
            ),
        )
    for r in rows["relaxations"]:
        child(
            "relaxations",
            r,
            m.Relaxation(
                component=r["component_id"],
                condition=r["condition_id"],
                from_kind=r["from_kind"],
                to_kind=r["to_kind"],
                reason=r["reason"],
                refs=_t(r["refs"]),
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
            components=_t(r["components"]),
            components_some_clinics=_t(r["components_some_clinics"]),
            no_concerns=tuple(kids.get("no_concerns", [])),
            relaxations=tuple(kids.get("relaxations", [])),
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
        components=components,
        extra={"offer_patterns": list(rows.get("offer_patterns", []))},
    )
