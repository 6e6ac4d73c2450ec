"""The data behind "Check a clinic's offer": ``data/offers/*.toml``, checked and built into the
catalogue's ``offer_patterns`` table (one row per pattern, product list, question and setting).

Every row is ``{"id", "kind", "body"}`` where ``body`` is the entry as JSON, so the table needs
no change when the data grows a field. ``decisionaid.offer_check`` turns the rows into a checker.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from decisionaid.catalogue.problems import Problem

CLAIM_KINDS = (
    "regulatory",
    "efficacy",
    "speed",
    "safety",
    "permanence",
    "mechanism",
    "price_pressure",
    "credentials",
)
JUDGES = ("", "approval", "evidence", "unapproved", "off_label", "permanence", "outcome")
QUESTION_WHEN = ("always", "unapproved", "cells")
PATTERN_FIELDS = {
    "id",
    "kind",
    "terms",
    "why",
    "refs",
    "judge",
    "requires",
    "unless",
    "hedges",
    "question",
    "flag",
    "pass",
    "why_by_status",
}


def _regexes(
    where: str, values: Any, problems: list[Any], Problem: Callable[[str, str], Any]
) -> None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        problems.append(Problem(where, "must be a list of regular expressions"))
        return
    for value in values:
        try:
            re.compile(value)
        except re.error as exc:
            problems.append(Problem(where, f"bad regular expression {value!r}: {exc}"))


def load_offer_sources(
    folder: Path, treatments: dict[str, Any], problems: list[Any]
) -> dict[str, Any]:
    """Read and check ``data/offers``. Returns {"patterns", "settings", "questions", "names"}."""
    out: dict[str, Any] = {"patterns": [], "questions": [], "settings": {}, "names": {}}
    folder = Path(folder)
    if not folder.is_dir():
        return out  # an older data folder without offers: the checker says it has no patterns
    files = {}
    for name in ("claim_patterns.toml", "product_names.toml"):
        path = folder / name
        try:
            with path.open("rb") as handle:
                files[name] = tomllib.load(handle)
        except FileNotFoundError:
            problems.append(Problem(f"offers/{name}", "is missing"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(f"offers/{name}", f"cannot be read: {exc}"))
    claims = files.get("claim_patterns.toml", {})
    seen: set[str] = set()
    for i, pat in enumerate(claims.get("pattern", []), 1):
        where = f"offers/claim_patterns.toml [pattern {i}]"
        unknown = sorted(set(pat) - PATTERN_FIELDS)
        if unknown:
            problems.append(Problem(where, f"unknown field(s) {', '.join(unknown)}"))
        pid = pat.get("id")
        if not isinstance(pid, str) or not re.match(r"^[a-z0-9_]+$", pid) or pid in seen:
            problems.append(Problem(where, f"id {pid!r} must be unique lower-case letters and _"))
        seen.add(str(pid))
        if pat.get("kind") not in CLAIM_KINDS:
            problems.append(Problem(where, f"kind must be one of {', '.join(CLAIM_KINDS)}"))
        if pat.get("judge", "") not in JUDGES:
            problems.append(Problem(where, f"judge must be one of {', '.join(JUDGES[1:])}"))
        for key in ("why",):
            if not isinstance(pat.get(key), str) or not pat[key].strip():
                problems.append(Problem(where, f"'{key}' is missing or empty"))
        if not pat.get("terms"):
            problems.append(Problem(where, "needs at least one term"))
        _regexes(where, pat.get("terms", []), problems, Problem)
        _regexes(where, pat.get("requires", []), problems, Problem)
        _regexes(where, pat.get("unless", []), problems, Problem)
        if not isinstance(pat.get("refs"), list) or not pat.get("refs"):
            problems.append(Problem(where, "needs at least one reference in 'refs'"))
        if not pat.get("flag") or not pat.get("pass"):
            problems.append(Problem(where, "needs examples in both 'flag' and 'pass'"))
        out["patterns"].append(pat)
    for i, q in enumerate(claims.get("question", []), 1):
        where = f"offers/claim_patterns.toml [question {i}]"
        if q.get("when") not in QUESTION_WHEN or not str(q.get("text", "")).strip():
            problems.append(Problem(where, f"needs text and when = one of {QUESTION_WHEN}"))
        out["questions"].append(dict(q, position=i))
    out["settings"] = {"hedges": claims.get("hedges", {}), "negation": claims.get("negation", {}),
                       "subjects": claims.get("subjects", {})}  # fmt: skip
    _regexes("offers/claim_patterns.toml [subjects]",
             out["settings"]["subjects"].get("phrases", []), problems, Problem)  # fmt: skip
    _regexes("offers/claim_patterns.toml [hedges]", out["settings"]["hedges"].get("phrases", []),
             problems, Problem)  # fmt: skip
    names = files.get("product_names.toml", {})
    for i, entry in enumerate(names.get("name", []), 1):
        if entry.get("treatment") not in treatments:
            problems.append(
                Problem(
                    f"offers/product_names.toml [name {i}]",
                    f"treatment '{entry.get('treatment')}' does not exist in data/treatments/",
                )
            )
    out["names"] = names
    return out


def offer_ref_users(offers: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, obj with "refs") for the cross-check that every reference exists and is used."""
    for i, pat in enumerate(offers.get("patterns", []), 1):
        yield f"offers/claim_patterns.toml [pattern {i}]", pat
    for i, other in enumerate(offers.get("names", {}).get("other", []), 1):
        yield f"offers/product_names.toml [other {i}]", other


def offer_rows(offers: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of the ``offer_patterns`` table."""
    rows = []

    def add(row_id: str, kind: str, body: Any) -> None:
        rows.append({"id": row_id, "kind": kind, "body": json.dumps(body, ensure_ascii=False)})

    for pat in offers.get("patterns", []):
        add(f"pattern:{pat['id']}", "pattern", pat)
    for q in offers.get("questions", []):
        add(f"question:{q['id']}", "question", q)
    if offers.get("settings"):
        add("settings", "settings", offers["settings"])
    if offers.get("names"):
        add("names", "names", offers["names"])
    return rows
