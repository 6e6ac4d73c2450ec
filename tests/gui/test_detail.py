"""The detail view: claims, references, equal benefits and harms, pictures or a plain 'no numbers'."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from decisionaid import rules
from decisionaid.answers import Answers
from decisionaid.gui.detail import DetailView, HairLossTypeView
from decisionaid.gui.icon_array import OutcomePictures
from decisionaid.models import Claim, Outcome
from decisionaid.paths import BUNDLED_CATALOGUE


@pytest.fixture
def view(qtbot):
    widget = DetailView()
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    return widget


def _regenerative(catalogue):
    """A synthetic treatment made regenerative, with a seller's claim and mixed outcomes."""
    base = catalogue.treatments["synthetic_00001"]
    ref = next(iter(catalogue.references))
    claim = Claim(
        claim="Regrows hair in every patient.",
        claimed_by="A clinic that sells it",
        conflict_of_interest="Sells the treatment.",
        evidence_says="No trial shows this.",
        refs=(ref,),
    )
    harm = Outcome(
        text="Infection after injection.", refs=(ref,), serious=True, frequency="unknown"
    )
    return base._replace(category="regenerative", claims=(claim,), harms=(harm,))


def test_regenerative_option_shows_claims_first_and_prominently(view, synthetic_catalogue):
    """For regenerative options the claims panel comes straight after the summary, boxed."""
    t = _regenerative(synthetic_catalogue)
    view.show_treatment(t, synthetic_catalogue, "male_pattern")
    titles = view.section_titles()
    assert titles[0] == "In short"
    assert titles[1] == "What sellers claim, and what the evidence says"
    claims = view.sections[1]
    assert claims.lineWidth() == 2
    text = view.all_text()
    for part in (
        "Regrows hair in every patient.",
        "A clinic that sells it",
        "Sells the treatment.",
        "No trial shows this.",
    ):
        assert part in text


def test_references_are_numbered_with_conflicts(view, synthetic_catalogue):
    """Every cited reference is listed once, numbered, with its conflict of interest."""
    t = synthetic_catalogue.treatments["synthetic_00002"]
    view.show_treatment(t, synthetic_catalogue)
    refs = t.all_refs()
    assert sorted(view.ref_labels) == list(range(1, len(refs) + 1))
    for n, ref_id in enumerate(refs, 1):
        label = view.ref_labels[n].text()
        assert label.startswith(f"{n}. ")
        assert "Conflict of interest:" in label
        assert synthetic_catalogue.references[ref_id].citation.rstrip(".") in label
    view.scroll_to_reference(len(refs))  # a source link jumps there without error


def test_benefits_and_harms_get_equal_width(view, qtbot, synthetic_catalogue):
    """The two columns are exactly as wide as each other."""
    view.show()
    view.show_treatment(
        synthetic_catalogue.treatments["synthetic_00003"], synthetic_catalogue, "male_pattern"
    )
    qtbot.waitExposed(view)
    columns = [
        w
        for w in view.scroll.widget().findChildren(QLabel)
        if w.text() in ("What it can do (benefits)", "What harm it can do (harms)")
    ]
    assert len(columns) == 2
    widths = [c.parentWidget().width() for c in columns]
    assert abs(widths[0] - widths[1]) <= 1


def test_outcomes_have_pictures_or_say_no_numbers(view, synthetic_catalogue):
    """Every outcome with two numbers gets the icon arrays; the others say so in words."""
    t = _regenerative(synthetic_catalogue)
    view.show_treatment(t, synthetic_catalogue, "male_pattern")
    pictures = view.scroll.widget().findChildren(OutcomePictures)
    with_numbers = [o for o in t.benefits + t.harms if o.has_icon_array]
    assert sum(1 for p in pictures if p.arrays) == len(with_numbers)
    assert any(p.caption.text() == "No study gives comparable numbers for this." for p in pictures)
    assert "How often: not known" in view.all_text()
    assert "Serious" in view.all_text()


def test_option_detail_shows_why_and_change_links(view, qtbot, synthetic_catalogue):
    """An excluded option explains why, and a button goes back to the answer behind it."""
    answers = Answers(hair_loss_type="male_pattern", age=30, sex="male", risk_tolerance="low")
    result = rules.recommend(answers, synthetic_catalogue)
    option = next(
        o
        for o in result.by_status("excluded")
        if any(r.question == "risk_tolerance" and r.effect == "excluded" for r in o.reasons)
    )
    view.show_option(option, synthetic_catalogue, "male_pattern")
    assert "Why it is in \u201cNot for you\u201d" in view.section_titles()
    assert option.reasons[0].text in view.all_text()
    assert option.ordering_explanation() in view.all_text()
    buttons = view.scroll.widget().findChildren(QPushButton)
    risk = [b for b in buttons if b.text() == "Change: Risk and preferences"]
    assert risk
    with qtbot.waitSignal(view.edit_answers) as blocker:
        risk[0].click()
    assert blocker.args == [5]


def test_sections_cover_everything_a_person_needs(view, synthetic_catalogue):
    """Certainty, approval, benefits and harms, living with it, cost, who should not, questions, references."""
    view.show_treatment(
        synthetic_catalogue.treatments["synthetic_00004"], synthetic_catalogue, "male_pattern"
    )
    for title in (
        "How sure are we?",
        "Is it approved?",
        "Benefits and harms",
        "Living with it",
        "What it costs",
        "Who should not use it, or needs care",
        "Questions to ask",
        "References",
    ):
        assert title in view.section_titles()
    assert "Last reviewed: 2026-11-21" in view.all_text()
    view.clear()
    assert view.section_titles() == []


def test_hair_loss_type_view(qtbot, synthetic_catalogue):
    """A kind of hair loss shows its natural course, warning signs and the options used for it."""
    v = HairLossTypeView()
    qtbot.addWidget(v)
    v.show_type(synthetic_catalogue.hair_loss_types["alopecia_areata"], synthetic_catalogue)
    text = v.all_text()
    assert "Without treatment" in [s.title for s in v.sections]
    assert "Synthetic sign" in text
    assert "not a diagnosis" in text


# Each detail view takes a fifth of a second: the default run looks at the two most sold (exosomes
# and PRP), the slow twin at every regenerative option with claims.
CLAIMS_FAST = ("exosomes", "prp")


def _claims_come_early(view, catalogue, wanted) -> None:
    # (every treatment's detail view is built in test_results.py, slow:
    # test_real_catalogue_results_and_every_detail_view)
    regenerative = [t for t in catalogue.treatments.values() if t.category == "regenerative"]
    assert any(t.claims for t in regenerative)
    for t in regenerative:
        if t.claims and wanted(t.id):
            view.show_treatment(t, catalogue)
            assert view.section_titles()[1] == "What sellers claim, and what the evidence says"


@pytest.mark.skipif(not BUNDLED_CATALOGUE.exists(), reason="the real catalogue is not built yet")
def test_real_regenerative_options_show_claims(view, catalogue):
    """In the real catalogue, the regenerative options sold most show the claims panel early."""
    assert all(catalogue.treatments[t].claims for t in CLAIMS_FAST)
    _claims_come_early(view, catalogue, lambda tid: tid in CLAIMS_FAST)


@pytest.mark.slow
@pytest.mark.skipif(not BUNDLED_CATALOGUE.exists(), reason="the real catalogue is not built yet")
def test_every_real_regenerative_option_shows_claims(view, catalogue):
    """In the real catalogue, every regenerative option with claims shows the claims panel early."""
    _claims_come_early(view, catalogue, lambda tid: True)
