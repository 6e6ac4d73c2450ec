"""Open the built catalogue read-only, verify it, and turn it into ``models.Catalogue``.

A catalogue that is missing, empty, truncated, corrupted, from another program, of another
schema version, or whose content does not match its checksum raises ``CatalogueError`` with a
message a person can act on. The app never runs on a half-loaded catalogue.
"""

from __future__ import annotations

import json
import sqlite3
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from decisionaid import models as m
from decisionaid.catalogue import spec
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


def another_catalogue_note(catalogue: object) -> str:
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


def _range(lo: Any, hi: Any) -> m.Range | None:
    return None if lo is None or hi is None else (float(lo), float(hi))


# The app's model of each entity the catalogue stores (the models' attributes are the spec's
# field names, or a field's ``attr``).
MODELS: dict[str, type[tuple[Any, ...]]] = {  # NamedTuple classes
    "reference": m.Reference,
    "hair_loss_type": m.HairLossType,
    "condition": m.Condition,
    "implication": m.Implication,
    "component": m.Component,
    "treatment": m.Treatment,
    "regulatory": m.Regulatory,
    "evidence": m.Evidence,
    "benefit": m.Outcome,
    "harm": m.Outcome,
    "contraindication": m.Contraindication,
    "no_known_concern": m.NoConcern,
    "relaxation": m.Relaxation,
    "cost": m.Cost,
    "routine": m.Routine,
    "claim": m.Claim,
}


Builder = Callable[..., Any]


def _reader(kind: str, column: str) -> Callable[[Mapping[str, Any]], Any] | None:
    """How to read one column as the model holds it (the reverse of ``schema.field_values``);
    None: as it is."""
    if kind == "range":
        lo, hi = f"{column}_min", f"{column}_max"
        return lambda row: _range(row[lo], row[hi])
    if kind in ("list", "refs"):
        return lambda row: _t(row[column])
    if kind == "yes/no":
        return lambda row: bool(row[column])
    return None


def _builder(entity: str, prefix: str = "") -> Builder:
    """A function turning one row into the entity's model (``prefix``: a table flattened into
    its parent's row); worked out once per entity, then applied to every row."""
    ent = spec.entity(entity)
    cls = MODELS[entity]
    attrs = set(cls._fields)  # type: ignore[attr-defined]  # every model is a NamedTuple
    plain: list[tuple[str, str]] = []  # (attribute, column) taken as they are
    readers: list[tuple[str, Callable[[Mapping[str, Any]], Any]]] = []

    def add(attr: str, kind: str, column: str) -> None:
        read = _reader(kind, column)
        if read is None:
            plain.append((attr, column))
        else:
            readers.append((attr, read))

    for f in ent.fields:
        if f.attr_name not in attrs:
            continue
        sub = spec.entity(f.entity) if f.entity else None
        if f.kind == "table" and sub is not None and sub.flatten_prefix:
            readers.append((f.attr_name, _builder(sub.name, prefix + sub.flatten_prefix)))
            continue
        column = f.column_name
        if column is None:
            continue
        if sub is not None and f.kind == "list":  # a list of tables, stored as rows of texts
            readers.append((f.attr_name, _table_list_reader(sub, prefix + column)))
            continue
        add(f.attr_name, f.stored_as or f.kind, prefix + column)
    for c in ent.columns_before + ent.columns_after:
        if c.name in attrs:
            add(c.name, c.kind, c.name)

    def build(row: Mapping[str, Any], **more: Any) -> Any:
        kwargs = {attr: row[column] for attr, column in plain}
        for attr, read in readers:
            kwargs[attr] = read(row)
        return cls(**kwargs, **more)

    return build


def _table_list_reader(sub: spec.Entity, column: str) -> Callable[[Mapping[str, Any]], Any]:
    names = [g.attr_name for g in sub.fields]
    cls = MODELS[sub.name]

    def read(row: Mapping[str, Any]) -> tuple[Any, ...]:
        items = json.loads(row[column] or "[]")
        return tuple(cls(**dict(zip(names, item, strict=True))) for item in items)

    return read


def catalogue_from_rows(meta: dict[str, str], rows: Rows, path: str = "") -> m.Catalogue:
    reference, hair_loss_type = _builder("reference"), _builder("hair_loss_type")
    condition, component = _builder("condition"), _builder("component")
    refs = {r["id"]: reference(r) for r in rows["references"]}
    types = {
        r["id"]: hair_loss_type(r)
        for r in sorted(rows["hair_loss_types"], key=lambda r: (r["position"], r["id"]))
    }
    conditions = {r["id"]: condition(r) for r in rows["conditions"]}
    components = {r["id"]: component(r) for r in rows["components"]}

    # A treatment's tables: one per treatment (cost, routine) or a list of rows (evidence ...).
    one: dict[str, dict[Any, Any]] = {}
    many: dict[str, dict[Any, list[Any]]] = {}
    nested: list[tuple[spec.Field, spec.Entity]] = []
    for f in spec.entity("treatment").fields:
        child = spec.entity(f.entity) if f.entity else None
        if child is None or not child.table:
            continue
        nested.append((f, child))
        build = _builder(child.name)
        if f.kind == "table":
            one[f.name] = {r["treatment_id"]: build(r) for r in rows[child.table]}
        else:
            grouped: dict[Any, list[Any]] = {}
            for r in rows[child.table]:
                grouped.setdefault(r["treatment_id"], []).append(build(r))
            many[f.name] = grouped

    treatment = _builder("treatment")
    treatments = {}
    for r in sorted(rows["treatments"], key=lambda r: (r["position"], r["id"])):
        kids: dict[str, Any] = {}
        for f, _child in nested:
            if f.kind == "table":
                kids[f.attr_name] = one[f.name][r["id"]]
            else:
                kids[f.attr_name] = tuple(many[f.name].get(r["id"], []))
        treatments[r["id"]] = treatment(r, **kids)
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
