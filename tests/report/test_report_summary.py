"""The summary's content builder: which sections, rows and sentences, with no reportlab involved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys

import pytest
from report_helpers import TODAY, patients

from decisionaid.answers import Answers, Decision
from decisionaid.models import Outcome
from decisionaid.report import SECTIONS
from decisionaid.report import summary as s
from decisionaid.rules import recommend


@pytest.fixture(scope="module")
def results(synthetic_catalogue):
    return {
        name: recommend(a, synthetic_catalogue) for name, a in patients(synthetic_catalogue).items()
    }


def all_text(summary: s.Summary) -> str:
    """Every string in the summary's blocks, joined."""
    out = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    walk(summary.sections)
    return "\n".join(out)


def test_builder_imports_neither_reportlab_nor_qt():
    """report.summary is plain Python: importing it loads no reportlab and no Qt."""
    code = (
        "import sys; import decisionaid.report.summary\n"
        "bad = [m for m in sys.modules if m.startswith(('reportlab', 'PySide6'))]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_sections_follow_SECTIONS_and_can_be_chosen(results):
    """All sections by default, in SECTIONS order; a chosen subset keeps that order; unknown names fail."""
    result = results["blood_thinners_tight_budget"]
    assert [sec.key for sec in s.build_summary(result, today=TODAY).sections] == list(SECTIONS)
    chosen = s.build_summary(result, sections={"references", "answers"}, today=TODAY)
    assert [sec.key for sec in chosen.sections] == ["answers", "references"]
    assert [sec.title for sec in chosen.sections] == [SECTIONS["answers"], SECTIONS["references"]]
    with pytest.raises(ValueError, match="unknown section"):
        s.build_summary(result, sections={"nope"})


def test_citation_numbers_are_in_first_use_order_and_all_listed(results):
    """Every [n] in the text points to a listed source, numbers run 1..N, each is used."""
    for result in results.values():
        summary = s.build_summary(result, today=TODAY)
        text = all_text(
            dataclasses.replace(
                summary, sections=tuple(sec for sec in summary.sections if sec.key != "references")
            )
        )
        used = [int(n) for group in re.findall(r"\[([\d, ]+)\]", text) for n in group.split(",")]
        numbers = [e.number for e in summary.references]
        assert numbers == list(range(1, len(numbers) + 1))
        assert set(used) == set(numbers)
        firsts = list(dict.fromkeys(used))
        assert firsts == sorted(firsts), "sources are numbered in the order they are first cited"


def test_unknown_reference_ids_are_skipped(synthetic_catalogue):
    """A reference id the catalogue lacks gets no number rather than a broken one."""
    cite = s.Citations(synthetic_catalogue)
    assert cite.cite(["not-a-ref"]) == ""
    first = next(iter(synthetic_catalogue.references))
    assert cite.cite([first, "not-a-ref", first]) == " [1]"


def test_answers_section_speaks_in_the_persons_voice(results):
    """The type is the person's own description; unknown health answers read 'I don't know';
    the risk level comes with its definition."""
    result = results["unsure_with_warning_signs"]
    text = all_text(s.build_summary(result, sections={"answers"}, today=TODAY))
    assert "I am not sure what kind of hair loss I have." in text
    assert "I don't know" in text
    assert result.risk_level.description in text
    assert "no limit given" in text
    preg = all_text(
        s.build_summary(results["pregnant_female_pattern"], sections={"answers"}, today=TODAY)
    )
    assert (
        "I think my hair loss is: Female pattern. (This is my own description, not a diagnosis.)"
        in preg
    )


def test_question_list_uses_compared_and_caution_options(results, synthetic_catalogue):
    """Each compared or 'discuss with care' option adds its own questions; with none, the first fitting."""
    result = results["blood_thinners_tight_budget"]
    chosen = s.question_options(result)
    assert [o.id for o in chosen[: len(result.answers.compare)]] == list(result.answers.compare)
    assert all(o in chosen for o in result.by_status("caution"))
    plain = recommend(
        Answers(hair_loss_type="male_pattern", age=40, sex="male", risk_tolerance="high"),
        synthetic_catalogue,
    )
    if not plain.by_status("caution"):
        assert s.question_options(plain) == plain.by_status("suitable")[:3]
    text = all_text(s.build_summary(result, sections={"questions"}, today=TODAY))
    for question in s.GENERAL_QUESTIONS + s.REGENERATIVE_QUESTIONS:
        assert question in text


def test_sure_score_wording():
    """4 of 4 reads as ready; 3 or less says what it suggests; unanswered says how many are answered."""

    def decision_text(sure):
        answers = Answers(decision=Decision(sure=sure))
        result = type("R", (), {"answers": answers})()
        return all_text(
            s.Summary(
                "",
                "",
                "",
                "",
                "",
                (),
                (
                    s.Section(
                        "d", "", s._decision_section(s._Context(result, None, TODAY, "unsure"))
                    ),
                ),
                (),
                "",
            )
        )

    yes = dict.fromkeys(
        ("sure_of_myself", "understand_information", "risk_benefit_clear", "enough_support"), True
    )
    assert "My score: 4 of 4" in decision_text(yes)
    low = decision_text({**yes, "enough_support": False})
    assert "My score: 3 of 4. A score of 3 or less suggests" in low
    assert "(3 of 4 answered)" in decision_text({**yes, "enough_support": None})


def test_icon_array_says_how_fractions_are_drawn(results):
    """1.8 in 100 is drawn as 2 figures and the caption says so, with both framings."""
    option = results["blood_thinners_tight_budget"].by_status("suitable")[0]
    outcome = Outcome(
        text="x",
        refs=(),
        outcome="had lower sex drive",
        treated_per_100=1.8,
        comparison_per_100=1.3,
        comparison="dummy pill (placebo)",
        group="men",
        timeframe="1 year",
    )
    cite = s.Citations(results["blood_thinners_tight_budget"].catalogue)
    block = s._icon_array(option, outcome, "harm", cite)
    assert (block.treated_icons, block.comparison_icons) == (2, 1)
    assert "1.8 in 100 had lower sex drive; 98.2 did not" in block.caption
    assert "1.8 is shown as 2; 1.3 is shown as 1" in block.caption
    assert "Who and how long: men; 1 year." in block.caption


def test_main_benefit_prefers_comparable_numbers_and_main_harm_prefers_serious(results):
    """The table's benefit is one with numbers when there is one; its risk is a serious one first."""
    option = results["blood_thinners_tight_budget"].by_status("suitable")[0]
    plain = Outcome(text="Plain words. More.", refs=())
    numbered = Outcome(
        text="n", refs=(), outcome="had more hair", treated_per_100=40, comparison_per_100=10
    )
    mild = Outcome(text="Itch.", refs=(), frequency="very_common")
    serious = Outcome(text="Bad thing.", refs=(), serious=True, frequency="rare")
    t = dataclasses.replace(option.treatment, benefits=(plain, numbered), harms=(mild, serious))
    o = dataclasses.replace(option, treatment=t)
    assert s.main_benefit(o, "male_pattern") is numbered
    assert s.main_harm(o, "male_pattern") is serious
    cite = s.Citations(results["blood_thinners_tight_budget"].catalogue)
    assert s.outcome_cell(numbered, cite, harm=False).startswith(
        "40 in 100 had more hair, compared with 10 in 100"
    )
    assert s.outcome_cell(serious, cite, harm=True).startswith("Serious. Bad thing.")


def test_no_comparison_and_no_notes(results):
    """Without compared options the section says so; without notes there are lines to write on."""
    result = results["unsure_with_warning_signs"]
    summary = s.build_summary(result, sections={"comparison", "decision"}, today=TODAY)
    assert "I did not choose any options to compare" in all_text(summary)
    assert any(isinstance(b, s.WritingLines) for b in summary.sections[1].blocks)


def test_stale_catalogue_is_flagged(results):
    """More than a year after the catalogue's review date, the header says newer evidence may exist."""
    result = results["teenager_patchy"]
    later = dt.date(2028, 1, 2)
    assert any("more than a year" in n for n in s.build_summary(result, today=later).notices)
    assert not any("more than a year" in n for n in s.build_summary(result, today=TODAY).notices)


def test_header_facts(results):
    """Title, name, date, versions and the disclaimer are in the header; the footer says not a diagnosis."""
    summary = s.build_summary(results["pregnant_female_pattern"], today=TODAY)
    assert summary.title == "My hair-loss options: a summary to discuss with my doctor"
    assert summary.name == "Maria" and summary.date == "21 November 2026"
    assert "synthetic-40" in summary.version_line and "2026-11-21" in summary.version_line
    assert summary.disclaimer == "This is not a diagnosis and does not recommend any single option."
    assert summary.footer == "DecisionAid \u2014 not a diagnosis"


def test_clinician_section_states_the_rules(results):
    """The clinician page gives the cost factor, contraindication handling, checksum and limits."""
    result = results["blood_thinners_tight_budget"]
    text = all_text(s.build_summary(result, sections={"clinician"}, today=TODAY))
    assert "more than 1.5 times the yearly budget" in text  # the rulebook's words
    assert "contraindication.absolute \u2192 not for you" in text
    assert "contraindication.relative \u2192 discuss with care" in text
    assert result.catalogue.meta.checksum[:16] in text
    for limitation in s.LIMITATIONS:
        assert limitation in text
    for option in result.options:
        assert option.treatment.name in text


def test_first_sentence():
    """Table cells take the first sentence, or two when the first is very short."""
    assert (
        s.first_sentence(
            "In a 48-week trial of 393 men, hair counts rose by about 19 hairs. "
            "Men rated it better."
        )
        == "In a 48-week trial of 393 men, hair counts rose by about 19 hairs."
    )
    assert (
        s.first_sentence("Rare. About 1 in 1,000 people had it.")
        == "Rare. About 1 in 1,000 people had it."
    )


def test_not_fitting_gives_the_main_reason_names_the_others_and_lists_every_rule(results):
    """One row per excluded option: the first reason in full, the other kinds named, all rule ids."""
    result = results["teenager_patchy"]
    section = s.build_summary(result, sections={"not_fitting"}, today=TODAY).sections[0]
    table = next(b for b in section.blocks if isinstance(b, s.Table))
    rows = {row[0]: row for row in table.rows}
    multi = 0
    for option in result.by_status("excluded"):
        why = [r for r in option.reasons if r.effect == "excluded"]
        _, text, rules = rows[option.treatment.name]
        assert text.startswith(why[0].text)
        assert all(r.rule in rules.split("\n") for r in why)
        for other in {r.kind for r in why[1:]} - {why[0].kind}:
            multi += 1
            assert s.ALSO_WORDS[other] in text
    assert multi, "the teenager's answers rule some options out for more than one kind of reason"
