"""The catalogue's SQLite schema, the conversion from sources to rows, and the content checksum.

Rows are the pivot between the three places the catalogue lives: the build writes them, the store
reads them back, and the checksum is computed over them, so the check on open compares like with
like. Every value is a str, int, float or None (lists are JSON text), which SQLite round-trips
exactly.
"""

from __future__ import annotations

import hashlib
import json

from decisionaid.catalogue import spec
from decisionaid.catalogue.safety import resolve_treatment

SCHEMA_VERSION = 2  # 2: components, inherited contraindications, no-concern decisions, extents

# table -> (columns with SQLite types, primary key), and table -> [(column, other table, its key)]
# for the foreign keys: both derived from the one description of the catalogue's fields.
TABLES: dict[str, tuple[dict[str, type], str]] = spec.tables()
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = spec.foreign_keys()

Rows = dict[str, list[dict]]


def _j(value) -> str:
    return json.dumps(list(value or []), ensure_ascii=False)


def _s(obj: dict, key: str) -> str:
    value = obj.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _f(value) -> float | None:
    return None if value is None else float(value)


def rows_from_sources(
    catalogue: dict,
    hair_loss_types: dict,
    conditions: dict,
    treatments: dict,
    references: dict,
    components: dict | None = None,
) -> Rows:
    """Turn validated source dicts into table rows (the build's input). Each treatment's
    contraindications are resolved here: its own and those inherited from its components."""
    components = components or {}
    rows: Rows = {name: [] for name in TABLES}
    for ref_id in sorted(references):
        r = references[ref_id]
        rows["references"].append({k: _s(r, k) for k in TABLES["references"][0]})
    for type_id, t in sorted(
        hair_loss_types.items(), key=lambda kv: (kv[1].get("order", 0), kv[0])
    ):
        rows["hair_loss_types"].append(
            {
                "id": type_id,
                "position": int(t.get("order", 0)),
                "name": _s(t, "name"),
                "description": _s(t, "description"),
                "recognise": _s(t, "recognise"),
                "natural_course": _s(t, "natural_course"),
                "natural_course_refs": _j(t.get("natural_course_refs")),
                "warning_signs": _j(t.get("warning_signs")),
                "scale": _s(t, "scale"),
                "refs": _j(t.get("refs")),
                "reviewed": _s(t, "reviewed"),
            }
        )
    for cond_id in sorted(conditions):
        c = conditions[cond_id]
        rows["conditions"].append(
            {
                "id": cond_id,
                "name": _s(c, "name"),
                "condition_group": _s(c, "group"),
                "why_we_ask": _s(c, "why_we_ask"),
                "derived": _s(c, "derived"),
                "said": _s(c, "said"),
                "implies": json.dumps(
                    [
                        [_s(i, "condition"), _s(i, "because")]
                        for i in c.get("implies", [])
                        if isinstance(i, dict)
                    ],
                    ensure_ascii=False,
                ),
            }
        )
    for comp_id in sorted(components):
        comp = components[comp_id]
        rows["components"].append(
            {
                "id": comp_id,
                "name": _s(comp, "name"),
                "description": _s(comp, "description"),
                "reviewed": _s(comp, "reviewed"),
            }
        )
    counters = {
        "evidence": 0,
        "benefits": 0,
        "side_effects": 0,
        "contraindications": 0,
        "no_concerns": 0,
        "relaxations": 0,
        "claims": 0,
    }

    def next_id(table: str) -> int:
        counters[table] += 1
        return counters[table]

    for position, tid in enumerate(sorted(treatments), 1):
        t = treatments[tid]
        reg = t.get("regulatory", {})
        rows["treatments"].append(
            {
                "id": tid,
                "position": position,
                "name": _s(t, "name"),
                "also_known_as": _j(t.get("also_known_as")),
                "category": _s(t, "category"),
                "invasiveness": _s(t, "invasiveness"),
                "effort": _s(t, "effort"),
                "permanence": _s(t, "permanence"),
                "daily_routine": int(bool(t.get("daily_routine"))),
                "reviewed": _s(t, "reviewed"),
                "summary": _s(t, "summary"),
                "living_with": _s(t, "living_with"),
                "questions": _j(t.get("questions")),
                "contraindications_note": _s(t, "contraindications_note"),
                "regulatory_status": _s(reg, "status"),
                "regulatory_text": _s(reg, "text"),
                "regulatory_date": _s(reg, "date"),
                "regulatory_refs": _j(reg.get("refs")),
                "components": _j(t.get("components")),
                "components_some_clinics": _j(t.get("components_some_clinics")),
            }
        )
        for e in t.get("evidence", []):
            rows["evidence"].append(
                {
                    "id": next_id("evidence"),
                    "treatment_id": tid,
                    "hair_loss_type": _s(e, "hair_loss_type"),
                    "certainty": _s(e, "certainty"),
                    "effect": _s(e, "effect"),
                    "reason": _s(e, "reason"),
                    "guidelines": _s(e, "guidelines"),
                    "refs": _j(e.get("refs")),
                    "extent": _j(e.get("extent")),
                }
            )
        for table, group in (("benefits", "benefits"), ("side_effects", "harms")):
            for o in t.get(group, []):
                row = {
                    "id": next_id(table),
                    "treatment_id": tid,
                    "hair_loss_type": _s(o, "hair_loss_type"),
                    "text": _s(o, "text"),
                    "population": _s(o, "group"),
                    "timeframe": _s(o, "timeframe"),
                    "outcome": _s(o, "outcome"),
                    "treated_per_100": _f(o.get("treated_per_100")),
                    "comparison_per_100": _f(o.get("comparison_per_100")),
                    "comparison": _s(o, "comparison"),
                    "refs": _j(o.get("refs")),
                }
                if table == "side_effects":
                    row["serious"] = int(bool(o.get("serious")))
                    row["frequency"] = _s(o, "frequency") or "unknown"
                rows[table].append(row)
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
        cost = t.get("cost", {})
        known = bool(cost.get("known"))
        up = cost.get("upfront_usd") if known else None
        yr = cost.get("yearly_usd") if known else None
        rows["costs"].append(
            {
                "treatment_id": tid,
                "known": int(known),
                "upfront_min": _f(up[0]) if up else None,
                "upfront_max": _f(up[1]) if up else None,
                "yearly_min": _f(yr[0]) if yr else None,
                "yearly_max": _f(yr[1]) if yr else None,
                "estimate": int(bool(cost.get("estimate"))),
                "note": _s(cost, "note"),
                "refs": _j(cost.get("refs")),
            }
        )
        routine = t.get("routine", {})
        rows["routines"].append(
            {
                "treatment_id": tid,
                "what_it_involves": _s(routine, "what_it_involves"),
                "time_to_results": _s(routine, "time_to_results"),
                "months_to_results": _f(routine.get("months_to_results")),
                "on_stopping": _s(routine, "on_stopping"),
                "downtime": _s(routine, "downtime"),
                "refs": _j(routine.get("refs")),
            }
        )
        for c in t.get("claims", []):
            rows["claims"].append(
                {
                    "id": next_id("claims"),
                    "treatment_id": tid,
                    "claim": _s(c, "claim"),
                    "claimed_by": _s(c, "claimed_by"),
                    "conflict_of_interest": _s(c, "conflict_of_interest"),
                    "evidence_says": _s(c, "evidence_says"),
                    "refs": _j(c.get("refs")),
                }
            )
    return rows


def content_checksum(rows: Rows, meta: dict[str, str] | None = None) -> str:
    """SHA-256 over every metadata entry but the checksum itself (its review date too) and every
    content table, its rows in primary-key order, as canonical JSON."""
    digest = hashlib.sha256()
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
