"""The catalogue's SQLite schema, the conversion from sources to rows, and the content checksum.

Rows are the pivot between the three places the catalogue lives: the build writes them, the store
reads them back, and the checksum is computed over them, so the check on open compares like with
like. Every value is a str, int, float or None (lists are JSON text), which SQLite round-trips
exactly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from decisionaid.catalogue import spec
from decisionaid.catalogue.safety import resolve_treatment

# SHA-256 from Python's own module: hashlib would load OpenSSL (about 3.6 MB of memory at
# start-up) for this one digest. hashlib's is the same function, used where the module is absent.
if TYPE_CHECKING:
    from hashlib import sha256 as sha256
else:
    try:
        from _sha256 import sha256
    except ImportError:  # pragma: no cover - Python 3.12 renamed it; every build has hashlib
        from hashlib import sha256

SCHEMA_VERSION = 2  # 2: components, inherited contraindications, no-concern decisions, extents

# table -> (columns with SQLite types, primary key), and table -> [(column, other table, its key)]
# for the foreign keys: both derived from the one description of the catalogue's fields.
TABLES: dict[str, tuple[dict[str, type], str]] = spec.tables()
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = spec.foreign_keys()

Value = str | int | float | None  # what the build writes in a column
# A table row. Read back from a file, a value is whatever the file holds until validate.py has
# checked it, hence Any.
Row = dict[str, Any]
Rows = dict[str, list[Row]]
# Tables whose rows are each treatment's resolved safety entries (own and inherited), worked out
# by safety.resolve_treatment rather than copied from the treatment's own tables.
RESOLVED_TABLES = ("contraindications", "no_concerns", "relaxations")


def _j(value: Any) -> str:
    return json.dumps(list(value or []), ensure_ascii=False)


def _s(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _f(value: Any) -> float | None:
    return None if value is None else float(value)


def field_values(f: spec.Field, obj: Mapping[str, Any], prefix: str = "") -> Row:
    """The column value(s) of one field of a source table, as the spec stores it: texts
    stripped, lists as JSON, yes/no as 0/1, a range as two numbers, a flattened table as its
    prefixed columns. A missing value is "" (or the field's default), 0 or None."""
    sub = spec.entity(f.entity) if f.entity else None
    if f.kind == "table" and sub is not None and sub.flatten_prefix:
        inner = obj.get(f.name)
        inner = inner if isinstance(inner, dict) else {}
        out: Row = {}
        for g in sub.fields:
            out.update(field_values(g, inner, prefix + sub.flatten_prefix))
        return out
    name = f.column_name
    if name is None:
        return {}
    column = prefix + name
    value = obj.get(f.name)
    if f.kind == "range":
        pair = value if isinstance(value, list) and len(value) == 2 else None
        return {
            f"{column}_min": _f(pair[0]) if pair else None,
            f"{column}_max": _f(pair[1]) if pair else None,
        }
    if f.kind == "whole":
        return {column: int(value or 0)}
    if f.kind == "number":
        return {column: _f(value)}
    if f.kind == "yes/no":
        return {column: int(bool(value))}
    if f.kind in ("list", "refs"):
        if sub is not None:  # a list of tables: each stored as the list of its fields' texts
            items = [
                [_s(i, g.name) for g in sub.fields] for i in value or [] if isinstance(i, dict)
            ]
            return {column: json.dumps(items, ensure_ascii=False)}
        return {column: _j(value)}
    return {column: _s(obj, f.name) or f.default}


def entity_row(entity: str, obj: Mapping[str, Any], **built: Value) -> Row:
    """One table row of a source table of ``entity``; ``built`` gives the columns the build works
    out (an id, a parent id, a position)."""
    row: Row = {}
    for f in spec.entity(entity).fields:
        row.update(field_values(f, obj))
    row.update(built)
    return row


def rows_from_sources(
    catalogue: Mapping[str, Any],
    hair_loss_types: Mapping[str, Mapping[str, Any]],
    conditions: Mapping[str, Mapping[str, Any]],
    treatments: Mapping[str, Mapping[str, Any]],
    references: Mapping[str, Mapping[str, Any]],
    components: Mapping[str, Mapping[str, Any]] | None = None,
) -> Rows:
    """Turn validated source dicts into table rows (the build's input), as the spec describes
    them. Each treatment's contraindications are resolved here: its own and those inherited from
    its components."""
    components = components or {}
    rows: Rows = {name: [] for name in spec.tables()}
    for ref_id in sorted(references):
        rows["references"].append(entity_row("reference", references[ref_id], id=ref_id))
    for type_id, t in sorted(
        hair_loss_types.items(), key=lambda kv: (kv[1].get("order", 0), kv[0])
    ):
        rows["hair_loss_types"].append(entity_row("hair_loss_type", t, id=type_id))
    for cond_id in sorted(conditions):
        rows["conditions"].append(entity_row("condition", conditions[cond_id], id=cond_id))
    for comp_id in sorted(components):
        rows["components"].append(entity_row("component", components[comp_id], id=comp_id))
    counters: dict[str, int] = {}

    def next_id(table: str) -> int:
        counters[table] = counters.get(table, 0) + 1
        return counters[table]

    for position, tid in enumerate(sorted(treatments), 1):
        t = treatments[tid]
        rows["treatments"].append(entity_row("treatment", t, id=tid, position=position))
        for f in spec.entity("treatment").fields:
            child = spec.entity(f.entity) if f.entity else None
            if child is None or not child.table or child.table in RESOLVED_TABLES:
                continue
            if f.kind == "table":  # one per treatment, keyed by the treatment's id
                value = t.get(f.name)
                row = entity_row(
                    child.name, value if isinstance(value, dict) else {}, treatment_id=tid
                )
                if child.name == "cost" and not row["known"]:  # an unknown cost has no numbers
                    row.update(
                        {c: None for c, kind in spec.columns_of(child).items() if kind is float}
                    )
                rows[child.table].append(row)
                continue
            for item in t.get(f.name) or []:
                rows[child.table].append(
                    entity_row(child.name, item, id=next_id(child.table), treatment_id=tid)
                )
        resolved = resolve_treatment(t, components)
        for c in resolved["contraindications"]:
            rows["contraindications"].append(
                {
                    "id": next_id("contraindications"),
                    "treatment_id": tid,
                    "condition_id": _s(c, "condition"),
                    "kind": _s(c, "kind"),
                    "note": _s(c, "note"),
                    "refs": _j(c.get("refs")),
                    "via": c["via"],
                    "some_clinics": int(c["some_clinics"]),
                    "relaxed_from": c["relaxed_from"],
                    "relax_reason": c["relax_reason"],
                    "relax_refs": _j(c["relax_refs"]),
                }
            )
        for nc in resolved["no_concerns"]:
            rows["no_concerns"].append(
                {
                    "id": next_id("no_concerns"),
                    "treatment_id": tid,
                    "condition_id": nc["condition"],
                    "reason": nc["reason"],
                    "refs": _j(nc["refs"]),
                    "via": nc["via"],
                }
            )
        for rx in resolved["relaxations"]:
            rows["relaxations"].append(
                {
                    "id": next_id("relaxations"),
                    "treatment_id": tid,
                    "component_id": rx["component"],
                    "condition_id": rx["condition"],
                    "from_kind": rx["from_kind"],
                    "to_kind": _s(rx, "to_kind"),
                    "reason": rx["reason"],
                    "refs": _j(rx["refs"]),
                }
            )
    return rows


def content_checksum(rows: Rows, meta: dict[str, str] | None = None) -> str:
    """SHA-256 over every metadata entry but the checksum itself (its review date too) and every
    content table, its rows in primary-key order, as canonical JSON."""
    digest = sha256()
    if meta is not None:
        for key in sorted(k for k in meta if k != "checksum"):
            digest.update(b"metadata")
            digest.update(json.dumps([key, meta[key]], ensure_ascii=False).encode())
    for table in sorted(TABLES):
        pk = TABLES[table][1]
        ordered = sorted(rows.get(table, []), key=lambda r: r[pk])
        digest.update(table.encode())  # one JSON text per table: a third faster than per row
        digest.update(
            json.dumps(ordered, sort_keys=True, ensure_ascii=False, default=repr).encode()
        )
    return digest.hexdigest()
