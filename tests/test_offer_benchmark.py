"""The annotated clinic pages (tests/fixtures/offers/) stay consistent, the checker keeps its
measured level on the pages it was tuned on, and its explanations stay at a plain reading level.
The held-out numbers are reported in docs/benchmarks.md, not asserted here."""

from __future__ import annotations

import importlib.util
import re
import statistics
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "offers"
TUNED = ("tuning", "held_out_1", "held_out_2", "held_out_3", "held_out_4")  # tuned on (round 5)


def _bench():
    spec = importlib.util.spec_from_file_location(
        "offer_benchmark", REPO / "benchmarks" / "offer_benchmark.py"
    )
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _n(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip()


def test_every_page_has_text_source_and_annotations():
    sidecars = sorted(FIXTURES.glob("*.toml"))
    assert len(sidecars) >= 10
    sets = set()
    for meta_path in sidecars:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
        text = _n(meta_path.with_suffix(".txt").read_text(encoding="utf-8"))
        assert meta["url"].startswith("http") and meta["seller"] and meta["accessed"]
        sets.add(meta["set"])
        assert meta["claim"], meta_path.name
        for claim in meta["claim"]:
            assert claim["label"] in ("red", "fair"), meta_path.name
            assert _n(claim["text"]) in text, (meta_path.name, claim["text"])
    assert {"tuning", "held_out_1", "held_out_2", "held_out_3", "held_out_4", "held_out_5"} <= sets


def test_tuned_pages_keep_their_measured_level(catalogue):
    """A guard against regressions: on the pages tuned on, at least 85% of red flags found and
    at most 10% of flags false (measured in round 5 on these 50 pages: 92% and 3%)."""
    results = [r for r in _bench().measure(catalogue) if r.set in TUNED]
    red, found = sum(r.red for r in results), sum(r.found for r in results)
    flagged, false = sum(r.flagged for r in results), sum(r.false for r in results)
    assert found / red >= 0.85, (found, red)
    assert false / flagged <= 0.10, (false, flagged)


def test_explanations_are_plain(catalogue):
    """The 'why' texts and questions are written for a reading age of about 13 to 14."""
    from decisionaid.catalogue.readability import grade
    from decisionaid.offer_check import OfferChecker

    checker = OfferChecker.for_catalogue(catalogue)
    texts = [p.why for p in checker.patterns] + [q["text"] for q in checker.questions]
    grades = [grade(t) for t in texts]
    assert statistics.median(grades) <= 8.0, sorted(zip(grades, texts, strict=True))[-3:]


@pytest.mark.parametrize("name", ["t1_haircenter_exosome", "n6_hairmax_studies"])
def test_a_page_checks_from_the_command_line(name, capsys):
    from decisionaid.cli import main

    assert main(["check-offer", str(FIXTURES / f"{name}.txt"), "--json"]) == 0
    assert '"flags"' in capsys.readouterr().out
