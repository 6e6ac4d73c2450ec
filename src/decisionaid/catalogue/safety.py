"""Resolve what each treatment inherits from its components, at build time.

A treatment lists the components it may involve (``components``) and those only some clinics use
(``components_some_clinics``). It inherits their contraindications: the effective entry for a
condition is the most severe of its own entry and every inherited one (an absolute entry of a
some-clinics component becomes relative, and says so). A treatment may relax one inherited entry
only through ``[[relaxations]]``, with a reason and a source. "No known concern" decisions are
inherited the same way, and count only where no contraindication applies.

Works on the validated source dicts, so that the build, the check and the tests share one
resolution. An unknown kind ranks above "absolute": it is never read as the milder value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KIND_RANK = {"relative": 1, "absolute": 2}
UNKNOWN_KIND_RANK = 3


def kind_rank(kind: str) -> int:
    return KIND_RANK.get(kind, UNKNOWN_KIND_RANK)


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    return value if isinstance(value, list) else []


def _dicts(obj: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    return [row for row in _list(obj, key) if isinstance(row, dict)]


def _entry(row: dict[str, Any], via: str, some_clinics: bool = False) -> dict[str, Any]:
    return {
        "condition": row.get("condition", ""),
        "kind": row.get("kind", ""),
        "note": str(row.get("note", "")).strip(),
        "refs": [r for r in _list(row, "refs") if isinstance(r, str)],
        "via": via,
        "some_clinics": some_clinics,
        "relaxed_from": "",
        "relax_reason": "",
        "relax_refs": [],
    }


def _no_concerns(obj: Mapping[str, Any], via: str) -> list[dict[str, Any]]:
    out = []
    for row in _dicts(obj, "no_known_concern"):
        for cond in _list(row, "conditions"):
            if isinstance(cond, str):
                out.append(
                    {
                        "condition": cond,
                        "reason": str(row.get("reason", "")).strip(),
                        "refs": [r for r in _list(row, "refs") if isinstance(r, str)],
                        "via": via,
                    }
                )
    return out


def resolve_treatment(
    t: Mapping[str, Any], components: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """The effective contraindications, no-concern decisions and relaxations of one treatment.

    Returns {"contraindications": [...], "no_concerns": [...], "relaxations": [...]}, each a list
    of plain dicts (one effective contraindication per condition)."""
    candidates: list[dict[str, Any]] = [_entry(row, "") for row in _dicts(t, "contraindications")]
    no_concerns: list[dict[str, Any]] = _no_concerns(t, "")
    own_count = len(no_concerns)  # a relaxation's reason comes right after the treatment's own
    always = [c for c in _list(t, "components") if isinstance(c, str)]
    some = [c for c in _list(t, "components_some_clinics") if isinstance(c, str)]
    for comp_id, some_clinics in [(c, False) for c in always] + [(c, True) for c in some]:
        comp = components.get(comp_id)
        if comp is None:
            continue
        for row in _dicts(comp, "contraindications"):
            entry = _entry(row, comp_id, some_clinics)
            if some_clinics and entry["kind"] == "absolute":
                entry["kind"] = "relative"
            if some_clinics:
                name = str(comp.get("name", comp_id)).strip()
                entry["note"] = (
                    f"Only some clinics include this step ({name[:1].lower() + name[1:]}). "
                    + entry["note"]
                )
            candidates.append(entry)
        no_concerns += _no_concerns(comp, comp_id)

    relaxations = []
    for row in _dicts(t, "relaxations"):
        rx_comp, cond = row.get("component"), row.get("condition")
        to_kind = row.get("kind")
        reason = str(row.get("reason", "")).strip()
        refs = [r for r in _list(row, "refs") if isinstance(r, str)]
        for entry in candidates:
            if entry["via"] != rx_comp or entry["condition"] != cond or not rx_comp:
                continue
            relaxations.append(
                {
                    "component": rx_comp,
                    "condition": cond,
                    "from_kind": entry["kind"],
                    "to_kind": to_kind,
                    "reason": reason,
                    "refs": refs,
                }
            )
            if to_kind == "relative" and kind_rank("relative") < kind_rank(entry["kind"]):
                entry.update(
                    relaxed_from=entry["kind"],
                    kind="relative",
                    relax_reason=reason,
                    relax_refs=refs,
                )
            elif to_kind == "none":
                entry["dropped"] = True
                no_concerns.insert(
                    own_count, {"condition": cond, "reason": reason, "refs": refs, "via": rx_comp}
                )

    effective: dict[str, dict[str, Any]] = {}
    for entry in candidates:
        if entry.pop("dropped", False):
            continue
        cond = entry["condition"]
        best = effective.get(cond)
        # The most severe wins; on a tie the first (the treatment's own, then component order).
        if best is None or kind_rank(entry["kind"]) > kind_rank(best["kind"]):
            effective[cond] = entry
    decided: dict[str, dict[str, Any]] = {}
    for nc in no_concerns:
        if nc["condition"] not in effective:
            decided.setdefault(nc["condition"], nc)
    return {
        "contraindications": list(effective.values()),
        "no_concerns": list(decided.values()),
        "relaxations": relaxations,
    }
