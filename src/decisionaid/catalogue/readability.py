"""Reading level of the patient-facing texts (Flesch-Kincaid grade, via textstat)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from decisionaid.catalogue.sources import Sources

# Per treatment: the fields a patient reads. Nested: (table, field).
TREATMENT_TEXTS = ("summary", "living_with")
NESTED_TEXTS = (
    ("regulatory", "text"),
    ("cost", "note"),
    ("routine", "what_it_involves"),
    ("routine", "time_to_results"),
    ("routine", "on_stopping"),
)
LIST_TEXTS = (
    ("evidence", "reason"),
    ("benefits", "text"),
    ("harms", "text"),
    ("contraindications", "note"),
    ("claims", "evidence_says"),
)
TYPE_TEXTS = ("description", "recognise", "natural_course")
# Very short texts (a few words) give meaningless grades; they are read but not scored.
MIN_WORDS = 8


@dataclass(frozen=True)
class ScoredText:
    where: str
    text: str
    grade: float


def patient_texts(src: Sources):
    """Yield (where, text) for every patient-facing text in the sources."""
    for tid, t in sorted(src.treatments.items()):
        for key in TREATMENT_TEXTS:
            if isinstance(t.get(key), str):
                yield f"treatments/{tid} {key}", t[key]
        for table, key in NESTED_TEXTS:
            value = (t.get(table) or {}).get(key) if isinstance(t.get(table), dict) else None
            if isinstance(value, str):
                yield f"treatments/{tid} {table}.{key}", value
        for table, key in LIST_TEXTS:
            for i, row in enumerate(t.get(table) or [], 1):
                if isinstance(row, dict) and isinstance(row.get(key), str):
                    yield f"treatments/{tid} {table}[{i}].{key}", row[key]
        for i, q in enumerate(t.get("questions") or [], 1):
            if isinstance(q, str):
                yield f"treatments/{tid} questions[{i}]", q
    for comp_id, comp in sorted(src.components.items()):
        for key in ("description",):
            if isinstance(comp.get(key), str):
                yield f"components/{comp_id} {key}", comp[key]
        for table, key in (("contraindications", "note"), ("no_known_concern", "reason")):
            for i, row in enumerate(comp.get(table) or [], 1):
                if isinstance(row, dict) and isinstance(row.get(key), str):
                    yield f"components/{comp_id} {table}[{i}].{key}", row[key]
    for type_id, t in sorted(src.hair_loss_types.items()):
        for key in TYPE_TEXTS:
            if isinstance(t.get(key), str):
                yield f"hair_loss_types/{type_id} {key}", t[key]
    for cid, c in sorted(src.conditions.items()):
        if isinstance(c.get("why_we_ask"), str):
            yield f"conditions/{cid} why_we_ask", c["why_we_ask"]
    if isinstance(src.catalogue.get("about"), str):
        yield "catalogue.toml about", src.catalogue["about"]


def grade(text: str) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def score_texts(src: Sources) -> list[ScoredText]:
    scored = []
    for where, text in patient_texts(src):
        if len(text.split()) < MIN_WORDS:
            continue
        scored.append(ScoredText(where, text, grade(text)))
    return scored


def median_grade(scored: list[ScoredText]) -> float:
    return statistics.median(s.grade for s in scored) if scored else 0.0
