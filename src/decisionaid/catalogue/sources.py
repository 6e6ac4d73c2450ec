"""Read and validate the catalogue's reviewable TOML sources in ``data/``.

``load_sources`` never raises for bad content: it returns what it could read together with a
list of problems, so that ``decisionaid catalogue check`` can report every problem at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from decisionaid import models as m
from decisionaid.catalogue import spec
from decisionaid.catalogue.problems import Problem as Problem  # re-exported for the build
from decisionaid.vocabulary import (
    REQUIRED_CONDITIONS as REQUIRED_CONDITIONS,  # re-exported for the synthetic catalogue
)
from decisionaid.vocabulary import SCALP_LOSS_EXTENTS, SCALP_LOSS_TYPE

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
REF_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# Editors' working notes that must never reach a reader: checked in every text a
# patient or clinician sees (see ``working_note_problems``).
WORKING_NOTE_RE = re.compile(
    r"\bseed (?:page|document|doc)s?\b|\bproject seed\b|\bbooksci\b|\bdoi not checked\b"
    r"|(?:^|[:;.]\s*)not read\b|\bread through\b|\bsecond[- ]hand\b|\bscribd\b"
    r"|\b(?:was|were) not (?:checked|reviewed)\b|\bnot reviewed here\b|\(memory\)|\[comm\.\]"
    r"|\bTODO\b|\bFIXME\b|\bworking note|\beditor'?s note\b|\[R\d+[a-z]?\]",
    re.IGNORECASE,
)
# Keys whose values no reader sees (ids, links, dates and the reviewers' quotes).
HIDDEN_KEYS = frozenset(
    {
        "id",
        "refs",
        "natural_course_refs",
        "url",
        "doi",
        "pmid",
        "accessed",
        "kind",
        "ref",
        "read",
        "checked",
        "quotes",
        "summary_quotes",
        "natural_course_quotes",
    }
)


@dataclass
class Sources:
    """Everything read from ``data/``, as plain dicts keyed by id."""

    catalogue: dict[str, Any] = field(default_factory=dict)
    hair_loss_types: dict[str, dict[str, Any]] = field(default_factory=dict)
    conditions: dict[str, dict[str, Any]] = field(default_factory=dict)
    treatments: dict[str, dict[str, Any]] = field(default_factory=dict)
    references: dict[str, dict[str, Any]] = field(default_factory=dict)
    components: dict[str, dict[str, Any]] = field(default_factory=dict)
    offers: dict[str, Any] = field(default_factory=dict)  # data/offers: the offer checker's data
    files: dict[str, str] = field(default_factory=dict)  # "kind:id" -> file path, for messages


# Marks a table's references as used (and reports unknown ones), in cross_check.
Use = Callable[[str, dict[str, Any]], None]


def _fields(entity: str) -> dict[str, spec.FieldSpec]:
    """The checks of one entity's TOML keys, from the catalogue's spec (catalogue/spec.py):
    key -> (type, required, allowed values or None). Types: str, int, float, bool, dict, list (of
    str or tables), "refs" (list of reference ids), "date", "checked", "range" ([low, high])."""
    return spec.source_fields(entity)


def _entity_of(parent: str, key: str) -> str:
    """The entity describing the table(s) under ``key`` of a ``parent`` (e.g. harms -> harm)."""
    return spec.entity(parent).field(key).entity


def _check_fields(
    where: str, obj: dict[str, Any], fields: dict[str, spec.FieldSpec], problems: list[Problem]
) -> None:
    for key in obj:
        if key not in fields:
            problems.append(Problem(where, f"unknown field '{key}'"))
    for key, (kind, required, allowed) in fields.items():
        if key not in obj:
            if required:
                problems.append(Problem(where, f"missing field '{key}'"))
            continue
        value = obj[key]
        if kind is str:
            ok = isinstance(value, str)
            if ok and required and not value.strip():
                problems.append(Problem(where, f"'{key}' is empty"))
        elif kind is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif kind is bool:
            ok = isinstance(value, bool)
        elif kind is dict:
            ok = isinstance(value, dict)
        elif kind is list:
            ok = isinstance(value, list) and all(isinstance(v, (str, dict)) for v in value)
        elif kind == "refs":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            if ok and required and not value:
                problems.append(Problem(where, f"'{key}' needs at least one reference"))
        elif kind == "date":
            ok = isinstance(value, str) and bool(DATE_RE.match(value))
        elif kind == "checked":  # a second editor's date; empty until one has checked it
            ok = isinstance(value, str) and (not value or bool(DATE_RE.match(value)))
        elif kind == "range":
            ok = (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
            )
            if ok and not (0 <= value[0] <= value[1]):
                problems.append(
                    Problem(where, f"'{key}' must be [low, high] with 0 <= low <= high")
                )
        else:  # pragma: no cover - a mistake in the specs above
            raise AssertionError(kind)
        if not ok:
            problems.append(Problem(where, f"'{key}' has the wrong type ({type(value).__name__})"))
            continue
        if allowed is not None and value not in allowed:
            problems.append(
                Problem(
                    where, f"'{key}' = {value!r} is not one of {', '.join(a for a in allowed if a)}"
                )
            )


def _read_toml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(str(path), f"not valid TOML: {exc}"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), f"cannot be read: {exc}"))
    return None


def _read_folder(
    folder: Path,
    kind: str,
    entity: str,
    into: dict[str, Any],
    src: Sources,
    problems: list[Problem],
    id_re: re.Pattern[str] = ID_RE,
) -> None:
    if not folder.is_dir():
        problems.append(Problem(str(folder), "folder is missing"))
        return
    for path in sorted(folder.glob("*.toml")):
        data = _read_toml(path, problems)
        if data is None:
            continue
        where = f"{kind}/{path.name}"
        _check_fields(where, data, _fields(entity), problems)
        item_id = data.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id != path.stem:
            problems.append(Problem(where, f"id '{item_id}' does not match the file name"))
        if not id_re.match(item_id):
            problems.append(
                Problem(where, f"id '{item_id}' must be lower-case letters, digits and _")
            )
        into[item_id] = data
        src.files[f"{kind}:{item_id}"] = where


def load_sources(data_dir: Path) -> tuple[Sources, list[Problem]]:
    """Read every source file under ``data_dir`` and check each one on its own."""
    problems: list[Problem] = []
    src = Sources()
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return src, [Problem(str(data_dir), "the catalogue source folder does not exist")]
    meta = (
        _read_toml(data_dir / "catalogue.toml", problems)
        if (data_dir / "catalogue.toml").exists()
        else None
    )
    if meta is None:
        problems.append(Problem("catalogue.toml", "missing or unreadable"))
    else:
        _check_fields("catalogue.toml", meta, _fields("catalogue"), problems)
        src.catalogue = meta
    _read_folder(
        data_dir / "references",
        "references",
        "reference",
        src.references,
        src,
        problems,
        REF_ID_RE,
    )
    _read_folder(data_dir / "conditions", "conditions", "condition", src.conditions, src, problems)
    _read_folder(
        data_dir / "hair_loss_types",
        "hair_loss_types",
        "hair_loss_type",
        src.hair_loss_types,
        src,
        problems,
    )
    _read_folder(data_dir / "components", "components", "component", src.components, src, problems)
    _read_folder(data_dir / "treatments", "treatments", "treatment", src.treatments, src, problems)
    from decisionaid.catalogue.offers import load_offer_sources

    src.offers = load_offer_sources(data_dir / "offers", src.treatments, problems)
    problems += cross_check(src)
    problems += quote_problems(src)
    problems += working_note_problems(src)
    return src, problems


def _refs_in(obj: dict[str, Any]) -> list[str]:
    refs = []
    for key in ("refs", "natural_course_refs"):
        value = obj.get(key)
        if isinstance(value, list):
            refs += [r for r in value if isinstance(r, str)]
    return refs


def cross_check(src: Sources) -> list[Problem]:
    """Checks that span files: links between treatments, conditions, types and references."""
    problems: list[Problem] = []
    used_refs: set[str] = set()

    def use(where: str, obj: dict[str, Any]) -> None:
        for ref in _refs_in(obj):
            used_refs.add(ref)
            if ref not in src.references:
                problems.append(
                    Problem(where, f"reference '{ref}' does not exist in data/references/")
                )

    for ref_id, ref in src.references.items():
        where = src.files.get(f"references:{ref_id}", ref_id)
        if not any(ref.get(k) for k in ("doi", "pmid", "url", "locator")):
            problems.append(Problem(where, "needs at least one of doi, pmid, url or locator"))

    for missing in sorted(set(m.HAIR_LOSS_TYPES) - set(src.hair_loss_types)):
        problems.append(Problem("hair_loss_types", f"type '{missing}' has no file"))
    for type_id, item in src.hair_loss_types.items():
        use(src.files.get(f"hair_loss_types:{type_id}", type_id), item)

    for missing in sorted(set(REQUIRED_CONDITIONS) - set(src.conditions)):
        problems.append(Problem("conditions", f"condition '{missing}' has no file"))

    for cond_id, cond in src.conditions.items():
        where = src.files.get(f"conditions:{cond_id}", cond_id)
        for i, row in enumerate(cond.get("implies") or [], 1):
            if not isinstance(row, dict):
                problems.append(Problem(where, "[[implies]] must be a table"))
                continue
            _check_fields(
                f"{where} [implies {i}]", row, _fields(_entity_of("condition", "implies")), problems
            )
            target = row.get("condition")
            if target == cond_id:
                problems.append(Problem(where, "a condition cannot imply itself"))
            elif target not in src.conditions:
                problems.append(
                    Problem(where, f"implies '{target}', which does not exist in data/conditions/")
                )

    for comp_id, comp in src.components.items():
        where = src.files.get(f"components:{comp_id}", comp_id)
        problems += _check_safety_rows(where, comp, src, use)
        if not comp.get("contraindications") and not comp.get("no_known_concern"):
            problems.append(
                Problem(where, "a component needs [[contraindications]] or [[no_known_concern]]")
            )

    for tid, t in src.treatments.items():
        where = src.files.get(f"treatments:{tid}", tid)
        problems += _check_treatment(where, t, src, use)
        problems += _check_components(where, t, src, use)

    from decisionaid.catalogue.offers import offer_ref_users

    for where, obj in offer_ref_users(src.offers):
        use(where, obj)
    for ref_id in sorted(set(src.references) - used_refs):
        problems.append(
            Problem(
                src.files.get(f"references:{ref_id}", ref_id), "reference is not used by any fact"
            )
        )
    return problems


def _check_extent(where: str, row: dict[str, Any]) -> list[Problem]:
    """Evidence rows for alopecia areata say which amounts of scalp loss they cover; others don't."""
    extent = row.get("extent")
    if row.get("hair_loss_type") != SCALP_LOSS_TYPE:
        if extent is not None:
            return [Problem(where, f"'extent' is only for {SCALP_LOSS_TYPE} rows")]
        return []
    if not isinstance(extent, list) or not extent:
        return [
            Problem(
                where,
                f"an {SCALP_LOSS_TYPE} row needs 'extent', a list of "
                + ", ".join(SCALP_LOSS_EXTENTS),
            )
        ]
    problems = []
    for value in extent:
        if value not in SCALP_LOSS_EXTENTS:
            problems.append(
                Problem(
                    where, f"'extent' value {value!r} is not one of {', '.join(SCALP_LOSS_EXTENTS)}"
                )
            )
    if len(set(map(str, extent))) != len(extent):
        problems.append(Problem(where, "'extent' repeats a value"))
    return problems


def _check_treatment(where: str, t: dict[str, Any], src: Sources, use: Use) -> list[Problem]:
    problems: list[Problem] = []

    def sub(name: str, obj: Any, key: str) -> bool:
        """Check one table of the treatment's ``key`` (named ``name`` in messages)."""
        if not isinstance(obj, dict):
            problems.append(Problem(where, f"[{name}] must be a table"))
            return False
        _check_fields(f"{where} [{name}]", obj, _fields(_entity_of("treatment", key)), problems)
        use(f"{where} [{name}]", obj)
        return True

    if isinstance(t.get("regulatory"), dict):
        sub("regulatory", t["regulatory"], "regulatory")
    if isinstance(t.get("routine"), dict):
        sub("routine", t["routine"], "routine")
    cost = t.get("cost")
    if isinstance(cost, dict) and sub("cost", cost, "cost"):
        if cost.get("known") is True:
            if "upfront_usd" not in cost:
                problems.append(Problem(f"{where} [cost]", "a known cost needs upfront_usd"))
            if "yearly_usd" not in cost and not str(cost.get("note", "")).strip():
                problems.append(
                    Problem(
                        f"{where} [cost]",
                        "without yearly_usd (repeat costs unknown), the note must say why",
                    )
                )
            if not cost.get("refs"):
                problems.append(Problem(f"{where} [cost]", "a known cost needs refs"))
        elif cost.get("known") is False:
            if "upfront_usd" in cost or "yearly_usd" in cost:
                problems.append(Problem(f"{where} [cost]", "an unknown cost must not give numbers"))
            if not str(cost.get("note", "")).strip():
                problems.append(
                    Problem(f"{where} [cost]", "an unknown cost needs a note saying why")
                )

    evidence: list[Any] = t["evidence"] if isinstance(t.get("evidence"), list) else []
    if not evidence:
        problems.append(Problem(where, "needs at least one [[evidence]] row"))
    seen_types: set[str] = set()
    for i, row in enumerate(evidence, 1):
        if sub(f"evidence {i}", row, "evidence"):
            type_id = row.get("hair_loss_type")
            if type_id in seen_types:
                problems.append(Problem(where, f"two [[evidence]] rows for '{type_id}'"))
            seen_types.add(type_id)
            problems += _check_extent(f"{where} [evidence {i}]", row)

    for group in ("benefits", "harms"):
        rows: list[Any] = t[group] if isinstance(t.get(group), list) else []
        for i, row in enumerate(rows, 1):
            if not sub(f"{group} {i}", row, group):
                continue
            type_id = row.get("hair_loss_type")
            if type_id and type_id not in seen_types:
                problems.append(
                    Problem(
                        f"{where} [{group} {i}]",
                        f"hair_loss_type '{type_id}' has no [[evidence]] row",
                    )
                )
            has_t, has_c = "treated_per_100" in row, "comparison_per_100" in row
            if has_t != has_c:
                problems.append(
                    Problem(
                        f"{where} [{group} {i}]",
                        "give treated_per_100 and comparison_per_100 together",
                    )
                )
            for key in ("treated_per_100", "comparison_per_100"):
                value = row.get(key)
                if isinstance(value, (int, float)) and not 0 <= value <= 100:
                    problems.append(Problem(f"{where} [{group} {i}]", f"'{key}' must be 0 to 100"))
            if (
                has_t
                and has_c
                and not (row.get("outcome") and row.get("timeframe") and row.get("group"))
            ):
                problems.append(
                    Problem(
                        f"{where} [{group} {i}]",
                        "numbers per 100 need outcome, group and timeframe",
                    )
                )

    contras = t.get("contraindications") if isinstance(t.get("contraindications"), list) else []
    if (
        not contras
        and not t.get("components")
        and not str(t.get("contraindications_note", "")).strip()
    ):
        problems.append(
            Problem(
                where,
                "no [[contraindications]]: add contraindications_note (e.g. 'None established')",
            )
        )

    for i, row in enumerate(t.get("claims") or [], 1):
        sub(f"claims {i}", row, "claims")

    if isinstance(t.get("questions"), list) and not t["questions"]:
        problems.append(Problem(where, "needs at least one question to ask"))
    return problems


def _quote_problems(where: str, quotes: Any, allowed_refs: set[str], src: Sources) -> list[Problem]:
    """Each quote names a reference the fact cites, how it was read, and the passage."""
    problems: list[Problem] = []
    if quotes is None:
        return problems
    if not isinstance(quotes, list):
        return [Problem(where, "'quotes' must be a list of tables")]
    for i, q in enumerate(quotes, 1):
        here = f"{where} quote {i}"
        if not isinstance(q, dict):
            problems.append(Problem(here, "must be a table with ref, read and text"))
            continue
        _check_fields(here, q, _fields("quote"), problems)
        ref = q.get("ref")
        if isinstance(ref, str) and ref not in src.references:
            problems.append(Problem(here, f"reference '{ref}' does not exist in data/references/"))
        elif isinstance(ref, str) and allowed_refs and ref not in allowed_refs:
            problems.append(Problem(here, f"reference '{ref}' is not among this fact's refs"))
    return problems


def quote_problems(src: Sources) -> list[Problem]:
    """Check every quote table (the reviewers' record of where each number comes from)."""
    problems: list[Problem] = []
    for tid, t in src.treatments.items():
        where = src.files.get(f"treatments:{tid}", tid)
        all_refs = {r for obj in _tables_of(t) for r in _refs_in(obj)}
        problems += _quote_problems(f"{where} [summary]", t.get("summary_quotes"), all_refs, src)
        for group in ("benefits", "harms"):
            for i, row in enumerate(t.get(group) or [], 1):
                if isinstance(row, dict):
                    problems += _quote_problems(
                        f"{where} [{group} {i}]", row.get("quotes"), set(_refs_in(row)), src
                    )
        cost = t.get("cost")
        if isinstance(cost, dict):
            problems += _quote_problems(
                f"{where} [cost]", cost.get("quotes"), set(_refs_in(cost)), src
            )
    for type_id, item in src.hair_loss_types.items():
        where = src.files.get(f"hair_loss_types:{type_id}", type_id)
        problems += _quote_problems(
            f"{where} [natural_course]",
            item.get("natural_course_quotes"),
            set(item.get("natural_course_refs") or []) | set(item.get("refs") or []),
            src,
        )
    return problems


def _tables_of(t: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield t
    for value in t.values():
        if isinstance(value, dict):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, dict))


def visible_texts(src: Sources) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every text a patient or clinician can see, in every source."""

    def walk(where: str, value: Any) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, list):
            for i, item in enumerate(value, 1):
                yield from walk(f"{where}[{i}]", item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in HIDDEN_KEYS:
                    yield from walk(f"{where} {key}" if where else key, item)

    yield from walk("catalogue.toml", src.catalogue)
    for kind, items in (
        ("references", src.references),
        ("conditions", src.conditions),
        ("hair_loss_types", src.hair_loss_types),
        ("treatments", src.treatments),
    ):
        for item_id, item in sorted(items.items()):
            yield from walk(src.files.get(f"{kind}:{item_id}", f"{kind}/{item_id}"), item)


def working_note_problems(src: Sources) -> list[Problem]:
    """Editors' working notes ("seed page 004", "DOI not checked", ...) in what people read."""
    problems = []
    for where, text in visible_texts(src):
        found = WORKING_NOTE_RE.search(text)
        if found:
            problems.append(
                Problem(
                    where,
                    f"editors' working note '{found.group(0).strip(' :;.')}' in a text people "
                    "read: name the source as readers know it, or say plainly what we could read",
                )
            )
    return problems


# A number in a decision text; four-digit years (not prices) are dates, not decision numbers.
NUMBER_RE = re.compile(r"(?<![\w\-.])(\$?)(\d[\d,]*(?:\.\d+)?)")


def numbers_in(text: str) -> list[str]:
    found = []
    for dollar, number in NUMBER_RE.findall(text):
        number = number.rstrip(",.")
        if not dollar and re.fullmatch(r"(19|20)\d\d", number):
            continue
        found.append(dollar + number)
    return found


def decision_numbers(src: Sources) -> Iterator[tuple[str, list[str], Any]]:
    """Yield (where, numbers, quotes) for every field holding numbers a person decides on."""

    def fmt(value: Any) -> str:
        return f"{value:g}" if isinstance(value, float) else str(value)

    for tid, t in sorted(src.treatments.items()):
        where = f"treatments/{tid}"
        if isinstance(t.get("summary"), str):
            yield f"{where} summary", numbers_in(t["summary"]), t.get("summary_quotes")
        for group in ("benefits", "harms"):
            for i, row in enumerate(t.get(group) or [], 1):
                if not isinstance(row, dict):
                    continue
                numbers = numbers_in(str(row.get("text", "")))
                numbers += [
                    f"{key}={fmt(row[key])}"
                    for key in ("treated_per_100", "comparison_per_100")
                    if key in row
                ]
                yield f"{where} {group}[{i}]", numbers, row.get("quotes")
        cost = t.get("cost")
        if isinstance(cost, dict):
            numbers = numbers_in(str(cost.get("note", "")))
            for key in ("upfront_usd", "yearly_usd"):
                value = cost.get(key)
                # Doing nothing costs nothing by definition: no source gives that zero.
                if t.get("category") == "no_treatment" and value == [0, 0]:
                    continue
                if isinstance(value, list):
                    numbers.append(f"{key}={value}")
            yield f"{where} cost", numbers, cost.get("quotes")
    for type_id, item in sorted(src.hair_loss_types.items()):
        if isinstance(item.get("natural_course"), str):
            yield (
                f"hair_loss_types/{type_id} natural_course",
                numbers_in(item["natural_course"]),
                item.get("natural_course_quotes"),
            )


def unquoted_numbers(src: Sources) -> list[tuple[str, str]]:
    """(where, number) for each decision number whose field has no quoted source passage."""
    missing = []
    for where, numbers, quotes in decision_numbers(src):
        if numbers and not quotes:
            missing += [(where, n) for n in numbers]
    return missing


def _number_value(text: str) -> float | None:
    try:
        return float(text.replace(",", "").lstrip("$"))
    except ValueError:
        return None


def numbers_not_in_quotes(src: Sources) -> list[tuple[str, str]]:
    """(where, number) for each decision number in a quoted field that none of its quotes
    contains, within rounding (5%, or 0.5).

    A report for the second editor, not a failure: patient text rightly rounds, turns a
    percentage into "in 100", adds a monthly price up to a yearly one or sums two groups, so
    a strict rule would flag correct numbers. "100" (as in "in 100 people") is never flagged.
    """
    missing = []
    for where, numbers, quotes in decision_numbers(src):
        if not numbers or not quotes:
            continue
        text = " ".join(str(q.get("text", "")) for q in quotes if isinstance(q, dict))
        quoted = [v for v in map(_number_value, numbers_in(text)) if v is not None]
        for number in numbers:
            value = None if "=" in number else _number_value(number)
            if value is None or value == 100:
                continue
            if not any(abs(q - value) <= max(0.5, 0.05 * value) for q in quoted):
                missing.append((where, number))
    return missing


def _check_safety_rows(where: str, obj: dict[str, Any], src: Sources, use: Use) -> list[Problem]:
    """[[contraindications]] and [[no_known_concern]] of a treatment or a component."""
    problems: list[Problem] = []
    for group in ("contraindications", "no_known_concern"):
        fields = _fields(_entity_of("component", group))
        rows: list[Any] = obj[group] if isinstance(obj.get(group), list) else []
        for i, row in enumerate(rows, 1):
            at = f"{where} [{group} {i}]"
            if not isinstance(row, dict):
                problems.append(Problem(at, "must be a table"))
                continue
            _check_fields(at, row, fields, problems)
            use(at, row)
            conds = (
                [row.get("condition")] if group == "contraindications" else row.get("conditions")
            )
            for cond in conds if isinstance(conds, list) else []:
                if cond not in src.conditions:
                    problems.append(
                        Problem(at, f"condition '{cond}' does not exist in data/conditions/")
                    )
    return problems


def _check_components(where: str, t: dict[str, Any], src: Sources, use: Use) -> list[Problem]:
    """A treatment's components, relaxations and own decisions."""
    from decisionaid.catalogue.safety import kind_rank, resolve_treatment

    problems = _check_safety_rows(where, t, src, use)
    always: list[Any] = t["components"] if isinstance(t.get("components"), list) else []
    some: list[Any] = (
        t["components_some_clinics"] if isinstance(t.get("components_some_clinics"), list) else []
    )
    if not always and not some:
        problems.append(Problem(where, "needs components = [...]: what the treatment may involve"))
    for comp_id in always + some:
        if comp_id not in src.components:
            problems.append(
                Problem(where, f"component '{comp_id}' does not exist in data/components/")
            )
    for comp_id in set(always) & set(some):
        problems.append(
            Problem(
                where, f"component '{comp_id}' is in both components and components_some_clinics"
            )
        )
    inherited: dict[tuple[Any, Any], Any] = {}
    for comp_id in always + some:
        for row in (src.components.get(comp_id) or {}).get("contraindications") or []:
            if isinstance(row, dict):
                kind = row.get("kind")
                if comp_id in some and kind == "absolute":
                    kind = "relative"
                inherited[(comp_id, row.get("condition"))] = kind
    for i, row in enumerate(t.get("relaxations") or [], 1):
        at = f"{where} [relaxations {i}]"
        if not isinstance(row, dict):
            problems.append(Problem(at, "must be a table"))
            continue
        _check_fields(at, row, _fields(_entity_of("treatment", "relaxations")), problems)
        use(at, row)
        key = (row.get("component"), row.get("condition"))
        if key not in inherited:
            problems.append(
                Problem(
                    at,
                    f"component '{key[0]}' of this treatment has no entry for '{key[1]}' to relax",
                )
            )
        elif row.get("kind") == "relative" and kind_rank(inherited[key]) <= kind_rank("relative"):
            problems.append(Problem(at, f"the inherited entry is already {inherited[key]}"))
    resolved = resolve_treatment(t, src.components)
    effective = {c["condition"]: c for c in resolved["contraindications"]}
    for row in t.get("no_known_concern") or []:
        for cond in row.get("conditions") or [] if isinstance(row, dict) else []:
            if cond in effective:
                c = effective[cond]
                problems.append(
                    Problem(
                        where,
                        f"says no known concern for '{cond}', but has a {c['kind']} entry "
                        f"({'own' if not c['via'] else 'via ' + c['via']}): remove one, or relax "
                        "the inherited entry with [[relaxations]]",
                    )
                )
    return problems
