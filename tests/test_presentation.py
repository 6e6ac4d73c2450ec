"""presentation: the plain rows and texts shown by the results widgets and the PDF."""

from __future__ import annotations

import subprocess
import sys

import pytest

from decisionaid import presentation as pr
from decisionaid import rules
from decisionaid.answers import Answers, Budget, Decision
from decisionaid.models import Outcome, Reference


@pytest.fixture(scope="module")
def result(synthetic_catalogue):
    answers = Answers(
        hair_loss_type="male_pattern",
        age=40,
        sex="male",
        budget=Budget(upfront_usd=2000, yearly_usd=500),
        risk_tolerance="high",
    )
    return rules.recommend(answers, synthetic_catalogue)


def test_presentation_imports_without_qt():
    """The module is part of the Qt-free core: it imports with PySide6 unavailable."""
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import decisionaid.presentation\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_option_row_has_every_display_field(result):
    """option_row gives name, certainty and regulatory words, 1/3/5-year costs, effort and reasons."""
    for option in result.options:
        row = pr.option_row(option)
        assert row["name"] == option.treatment.name
        assert row["certainty_words"] and row["regulatory_words"] and row["effort_words"]
        for n in (1, 3, 5):
            assert row[f"cost_{n}"]
            if option.costs.total(n) is None:
                assert row[f"cost_{n}"] == "Price not known"
                assert row[f"cost_{n}_low"] == float("inf")
        assert row["reasons"], option.id
        assert row["status_words"] == rules.STATUS_WORDS[option.status]


def test_reason_summary_gives_the_reasons_for_the_group(result):
    """An excluded option's summary starts with why it is excluded, not with what fits."""
    excluded = result.by_status("excluded")[0]
    texts = {r.text for r in excluded.reasons if r.effect == "excluded"}
    assert pr.reason_summary(excluded)[0] in texts


def test_outcome_caption_uses_natural_frequencies():
    """The caption says 'N in 100 ... with X; M in 100 with a dummy pill'."""
    outcome = Outcome(
        text="t",
        refs=(),
        outcome="had more hair",
        treated_per_100=48,
        comparison_per_100=6,
        comparison="dummy pill",
    )
    assert (
        pr.outcome_caption(outcome, "Finasteride")
        == "48 in 100 had more hair with finasteride; 6 in 100 with a dummy pill."
    )
    assert pr.icon_counts(outcome) == (48, 6)
    assert pr.outcome_rounding_note(outcome) == "Each figure is one person."
    fractional = outcome._replace(treated_per_100=1.8, comparison_per_100=1.3)
    assert "1.8 in 100" in pr.outcome_caption(fractional, "PRP injections")
    assert "PRP injections" in pr.outcome_caption(fractional, "PRP injections")
    assert pr.icon_counts(fractional) == (2, 1)
    assert "round" in pr.outcome_rounding_note(fractional)


def test_outcome_without_numbers_says_so_plainly():
    """No invented precision: an outcome without two numbers gets the plain sentence."""
    outcome = Outcome(text="t", refs=(), frequency="unknown")
    assert pr.outcome_caption(outcome, "X") == pr.NO_COMPARABLE_NUMBERS
    assert pr.icon_counts(outcome) is None
    assert ("How often", "not known") in pr.outcome_facts(outcome, harm=True)
    assert [k for k, _ in pr.outcome_facts(outcome, harm=False)] == [
        "Who",
        "Over what time",
        "How often",
    ]


def test_comparison_rows_are_an_option_grid(result):
    """Seven questions, one plain-text cell per option, in the order given."""
    options = list(result.options[:4])
    rows = pr.comparison_rows(options)
    assert [q for q, _ in rows] == list(pr.COMPARE_QUESTIONS)
    for _, cells in rows:
        assert len(cells) == 4 and all(isinstance(c, str) and c for c in cells)
    cost_row = dict(rows)["What does it cost over 5 years?"]
    for option, cell in zip(options, cost_row):
        if option.costs.total(5) is None:
            assert cell.startswith("Price not known")


def test_grouped_always_has_three_groups(result):
    """Every group is listed, even an empty one."""
    assert [s for s, _, _ in pr.grouped(result)] == ["suitable", "caution", "excluded"]


def test_reference_text_has_identifiers():
    """DOI, PMID, web address and locator all appear, with the conflict of interest separately."""
    ref = Reference(
        id="r",
        citation="Smith J. A trial",
        kind="trial",
        accessed="2026-01-01",
        conflict_of_interest="Funded by the maker",
        doi="10.1/x",
        pmid="123",
        url="https://example.invalid/a",
        locator="Table 2",
    )
    text = pr.reference_text(ref)
    for part in (
        "Smith J. A trial.",
        "DOI: 10.1/x",
        "PMID: 123",
        "https://example.invalid/a",
        "Table 2",
    ):
        assert part in text
    assert pr.conflict_text(ref) == "Conflict of interest: Funded by the maker."


def test_sure_score_text():
    """3 or less out of 4 says more time, information or support may help; partial says answer all."""
    yes = {k: True for k in pr.SURE_KEYS}
    assert pr.sure_score_text(Decision(sure=yes))[0] == "Your score: 4 of 4"
    three = dict(yes, enough_support=False)
    score, meaning = pr.sure_score_text(Decision(sure=three))
    assert score == "Your score: 3 of 4" and "more time, information or support" in meaning
    partial = dict(yes, enough_support=None)
    assert pr.sure_score_text(Decision(sure=partial))[0] == "Answered 3 of 4 questions"


def test_catalogue_about_splits_paragraphs(synthetic_catalogue):
    """The about text, version and review date are there for the About tab."""
    about = pr.catalogue_about(synthetic_catalogue)
    assert about["version"] == synthetic_catalogue.meta.version
    assert about["reviewed"] == synthetic_catalogue.meta.reviewed
    assert about["about"]


def test_screen_and_document_show_the_same_numbers_harms_and_words(result):
    """One presentation layer: the screen's rows and the summary's blocks agree on the main
    harm, the main benefit, the icon-array counts (halves round up: 0.5 in 100 is 1 person
    everywhere) and the importance words."""
    from decisionaid.report import summary as s

    cite = s.Citations(result.catalogue)
    for option in result.options:
        hl = option.evidence.hair_loss_type if option.evidence else None
        row = pr.option_row(option)
        harm = s.main_harm(option, hl)
        assert row["main_harm"] == pr.main_harm(option.treatment, hl)
        if harm is not None:
            assert row["main_harm"].endswith(harm.text)
        benefit = s.main_benefit(option, hl)
        assert benefit is pr.main_benefit_outcome(option.treatment, hl)
        for outcome in option.treatment.benefits + option.treatment.harms:
            if outcome.has_icon_array:
                block = s.icon_array(option, outcome, "benefit", cite)
                assert (block.treated_icons, block.comparison_icons) == pr.icon_counts(outcome)
    half = Outcome(text="h", refs=(), treated_per_100=0.5, comparison_per_100=2.5)
    assert pr.icon_counts(half) == (1, 3)
    assert pr.is_rare(half) and not pr.draws_icon_array(half)
    for value, words in pr.IMPORTANCE_WORDS.items():
        assert pr.priority_line("cost", value).endswith(f"({words.lower()})")
    from decisionaid.gui import questions

    assert questions.IMPORTANCE_WORDS is pr.IMPORTANCE_WORDS


def test_main_harm_is_serious_first_then_most_frequent(result):
    """Minoxidil's case: "more shedding" (very common) comes before "itchy scalp" (common)."""
    itch = Outcome(text="Itchy scalp.", refs=(), frequency="common")
    shed = Outcome(text="Shedding.", refs=(), frequency="very_common")
    bad = Outcome(text="Bad.", refs=(), frequency="rare", serious=True)
    t = result.options[0].treatment._replace(harms=(itch, shed))
    assert pr.main_harm_outcome(t, None) is shed
    assert pr.main_harm(t, None) == "Shedding."
    t = t._replace(harms=(itch, shed, bad))
    assert pr.ranked_harms(t, None) == [bad, shed, itch]


def test_the_regulators_date_says_what_it_is(result):
    """'Approved for this use (since 1988)', 'Not approved (as of 2021-06-03)': a bare date in
    brackets did not say what it dated."""
    for option in result.options:
        date = option.treatment.regulatory.date
        text = pr.regulatory_status(option)
        if not date:
            continue
        if option.treatment.regulatory.status in ("approved", "cleared_device"):
            assert f"(since {date})" in text, text
        else:
            assert f"(as of {date})" in text, text
