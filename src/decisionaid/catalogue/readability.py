"""Reading level of the patient-facing texts (Flesch-Kincaid grade, via textstat)."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from decisionaid.catalogue import spec
from decisionaid.catalogue.sources import Sources

# Very short texts (a few words) give meaningless grades; they are read but not scored.
MIN_WORDS = 8


@dataclass(frozen=True)
class ScoredText:
    where: str
    text: str
    grade: float


def patient_texts(src: Sources) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every patient-facing text in our own words in the sources: every
    field the catalogue's spec marks as read by a patient (``spec.Field.scored``)."""
    for name, folder in spec.FOLDERS:
        items: dict[str, dict[str, Any]] = getattr(src, folder)
        paths = list(spec.patient_fields(name))
        for item_id, item in sorted(items.items()):
            for path in paths:
                yield from spec.patient_texts_in(f"{folder}/{item_id} ", item, path)
    for path in spec.patient_fields("catalogue"):
        yield from spec.patient_texts_in("catalogue.toml ", src.catalogue, path)


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
