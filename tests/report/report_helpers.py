"""Patients for the consultation-summary tests, on the synthetic and on the real catalogue."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from decisionaid.answers import Answers, Budget, Decision
from decisionaid.paths import BUNDLED_CATALOGUE

TODAY = dt.date(2026, 11, 21)
SPECIAL = "Zoë ≤ ≥ µ × – — ’ “ ” é ö ü"


def _pick(catalogue, wanted: list[str], category: str | None = None, n: int = 3) -> tuple[str, ...]:
    """The wanted ids that exist; topped up from the catalogue (a regenerative one first)."""
    ids = [t for t in wanted if t in catalogue.treatments]
    pool = sorted(catalogue.treatments)
    if category:
        pool = sorted(t for t in pool if catalogue.treatments[t].category == category) + pool
    for tid in pool:
        if len(ids) >= n:
            break
        if tid not in ids:
            ids.append(tid)
    return tuple(ids[:n])


def patients(catalogue) -> dict[str, Answers]:
    """The four required patients, with ids that exist in ``catalogue``."""
    return {
        "pregnant_female_pattern": Answers(
            name="Maria",
            hair_loss_type="female_pattern",
            age=33,
            sex="female",
            budget=Budget(1500, 500),
            risk_tolerance="medium",
            conditions=("pregnant",),
            compare=_pick(catalogue, ["minoxidil_topical", "spironolactone"], n=2),
        ),
        "blood_thinners_tight_budget": Answers(
            hair_loss_type="male_pattern",
            age=64,
            sex="male",
            budget=Budget(200, 300),
            risk_tolerance="high",
            conditions=("anticoagulants",),
            compare=_pick(catalogue, ["exosomes", "prp", "minoxidil_topical"], "regenerative", 3),
            decision=Decision(
                sure={
                    "sure_of_myself": True,
                    "understand_information": False,
                    "risk_benefit_clear": True,
                    "enough_support": None,
                },
                leaning="Minoxidil lotion",
                notes="",
            ),
        ),
        "unsure_with_warning_signs": Answers(
            hair_loss_type="unsure",
            age=47,
            sex="other",
            budget=Budget(None, None),
            risk_tolerance="low",
            conditions_unknown=True,
            warning_signs=("Your scalp hurts, burns or itches", "Hair falls out in round patches"),
        ),
        "teenager_patchy": Answers(
            name=SPECIAL,
            hair_loss_type="alopecia_areata",
            age=15,
            sex="male",
            budget=Budget(500, 500),
            risk_tolerance="medium",
            preferences={
                "avoid_surgery": True,
                "avoid_injections": True,
                "daily_routine_ok": False,
            },
            decision=Decision(
                sure={
                    "sure_of_myself": True,
                    "understand_information": True,
                    "risk_benefit_clear": True,
                    "enough_support": True,
                },
                leaning="Waiting a few months",
                notes="Ask about school.",
            ),
        ),
    }


FOOTER_LINE = re.compile(
    r"^(\d+ \w+ \d{4} · DecisionAid — not a diagnosis|Summary for .*|Page \d+ of \d+"
    r"|Another catalogue: .*)\s*$"  # the banner at the top of every page (a test catalogue)
)


def page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes, pages: list[str] | None = None) -> str:
    """The text pypdf extracts, pages joined, without the running footers (so a sentence that
    runs over a page break reads as one)."""
    lines = []
    for page in page_texts(data) if pages is None else pages:
        lines += [line for line in page.splitlines() if not FOOTER_LINE.match(line)]
    return "\n".join(lines)


def squash(text: str) -> str:
    """Text with all white space removed: line breaks inside table cells do not matter."""
    return re.sub(r"\s+", "", text)


def real_catalogue_or_skip():
    if not BUNDLED_CATALOGUE.exists():
        pytest.skip("the bundled catalogue has not been built")
    from decisionaid.catalogue import open_catalogue

    return open_catalogue(BUNDLED_CATALOGUE)
