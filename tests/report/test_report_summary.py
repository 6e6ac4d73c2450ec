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
from decisionaid.report import DEFAULT_SECTIONS, SECTIONS
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
    """The default sections by default, in SECTIONS order; a chosen subset keeps that order;
    unknown names fail. Without a checked offer, "What the clinic told me" is left out (it
    would only say there is none), unless it is the one section chosen."""
    result = results["blood_thinners_tight_budget"]
    assert result.answers.offer is None
    keys = [sec.key for sec in s.build_summary(result, today=TODAY).sections]
    assert keys == [k for k in DEFAULT_SECTIONS if k != "offer"] and keys[0] == "today"
    every = [sec.key for sec in s.build_summary(result, sections=SECTIONS, today=TODAY).sections]
    assert every == [k for k in SECTIONS if k != "offer"]
    alone = s.build_summary(result, sections={"offer"}, today=TODAY)
    assert [sec.key for sec in alone.sections] == ["offer"]
    chosen = s.build_summary(result, sections={"references", "options"}, today=TODAY)
    assert [sec.key for sec in chosen.sections] == ["options", "references"]
    with pytest.raises(ValueError, match="unknown section"):
        s.build_summary(result, sections={"gossip"})


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
    the importance words are the question page's."""
    result = results["unsure_with_warning_signs"]
    text = all_text(s.build_summary(result, sections={"answers"}, today=TODAY))
    assert "I am not sure what kind of hair loss I have." in text
    assert "I don't know" in text
    assert result.risk_level.label in text
    assert "no limit given" in text
    assert "Quite important".lower() in text  # presentation.IMPORTANCE_WORDS[3]
    preg = all_text(
        s.build_summary(results["pregnant_female_pattern"], sections={"answers"}, today=TODAY)
    )
    assert "I think my hair loss is: Female pattern" in preg
    assert "(My own description, not a diagnosis.)" in preg


def test_question_list_uses_compared_and_caution_options(results, synthetic_catalogue):
    """The leaning option, compared and 'discuss with care' options add their own questions;
    with none, the first fitting ones. Questions are neutral and fit the person."""
    result = results["blood_thinners_tight_budget"]
    chosen = s.question_options(result)
    assert len(chosen) <= s.MAX_QUESTION_OPTIONS
    plain = recommend(
        Answers(hair_loss_type="male_pattern", age=40, sex="male", risk_tolerance="high"),
        synthetic_catalogue,
    )
    if not plain.by_status("caution"):
        assert s.question_options(plain) == plain.by_status("suitable")[:3]
    text = all_text(s.build_summary(result, sections={"questions"}, today=TODAY))
    for question in s.GENERAL_QUESTIONS:
        assert question in text
    man = Answers(sex="male", age=40)
    assert not s.question_applies("Is it safe if I get pregnant?", man)
    assert not s.question_applies("I have had depression before. Is it still an option?", man)
    sad = Answers(sex="male", age=40, conditions=("depression_history",))
    assert s.question_applies("I have had depression before. Is it still an option?", sad)
    assert s.question_applies("Is this safe if I become pregnant?", Answers(sex="female", age=30))
    assert not s.question_applies(
        "Is this safe if I become pregnant?", Answers(sex="female", age=70)
    )


def test_sure_score_wording():
    """4 of 4 reads as ready; 3 or less says what it suggests; unanswered says how many."""
    yes = dict.fromkeys(
        ("sure_of_myself", "understand_information", "risk_benefit_clear", "enough_support"), True
    )

    def line(sure):
        return s.sure_line(Answers(decision=Decision(sure=sure)))

    assert line(yes).startswith("4 of 4 (S yes") and "ready to decide" in line(yes)
    assert "3 or less: I may want more time" in line({**yes, "enough_support": False})
    assert line({**yes, "enough_support": None}).startswith("Not all answered (3 of 4)")
    assert line({}) == "Not answered."


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
    block = s.icon_array(option, outcome, "harm", cite)
    assert (block.treated_icons, block.comparison_icons) == (2, 1)
    assert "1.8 in 100 had lower sex drive; 98.2 did not" in block.caption
    assert "1.8 is shown as 2; 1.3 is shown as 1" in block.caption
    assert "Who and how long: men; 1 year." in block.caption
    assert block.alt.startswith("Two pictures of 100 people each.")


def test_main_benefit_prefers_comparable_numbers_and_main_harm_prefers_serious(results):
    """The card's benefit is one with numbers when there is one; its first harm a serious one.
    Rare numbers are said in words; a result from women is flagged for a man."""
    option = results["blood_thinners_tight_budget"].by_status("suitable")[0]
    plain = Outcome(text="Plain words. More.", refs=())
    numbered = Outcome(
        text="n",
        refs=(),
        outcome="had more hair",
        treated_per_100=40,
        comparison_per_100=10,
        comparison="dummy pill",
        timeframe="1 year",
        group="women with thinning hair",
    )
    mild = Outcome(text="Itch.", refs=(), frequency="very_common")
    serious = Outcome(text="Bad thing.", refs=(), serious=True, frequency="rare")
    rare = Outcome(
        text="r", refs=(), outcome="had a rash", treated_per_100=0.4, comparison_per_100=0.1
    )
    t = option.treatment._replace(benefits=(plain, numbered), harms=(mild, serious))
    o = dataclasses.replace(option, treatment=t)
    assert s.main_benefit(o, "male_pattern") is numbered
    assert s.main_harm(o, "male_pattern") is serious
    man = Answers(sex="male")
    text = s.outcome_sentence(numbered, man, harm=False)
    assert text.startswith(
        "40 in 100 had more hair with this, 10 in 100 with a dummy pill, over 1 year."
    )
    assert "This number comes from women, not men." in text
    assert s.outcome_sentence(serious, man, harm=True).startswith("Serious: Bad thing.")
    assert "0.4 in 100 (fewer than 1 in 100)" in s.outcome_sentence(rare, man, harm=True)
    none = Outcome(text="No side effects were reported.", refs=(), group="women")
    text = s.outcome_sentence(none, man, harm=True)
    assert "This was studied in women, not men." in text and "number" not in text


def test_a_benefit_in_words_keeps_its_result_and_caveat_even_in_short():
    """A first sentence alone can be the study's design without its result, or a result
    without its caveat ("rated 'very good'" without "no untreated group"): a benefit in words
    is given whole on every card, as the app shows it. A compact card keeps a harm short, and
    "how often" is not said twice."""
    man = Answers(sex="male")
    benefit = Outcome(
        text="In 40 people treated once, the study rated the improvement as 'very good'. "
        "With no untreated group, we cannot tell how much was due to the cells.",
        refs=(),
    )
    for studied in (True, False):
        text = s.outcome_sentence(benefit, man, harm=False, studied=studied)
        assert "With no untreated group, we cannot tell" in text
    first = "A review found only short-lived problems: swelling, redness and pain."
    harm = Outcome(text=f"{first} It did not say how often.", refs=(), frequency="unknown")
    short = s.outcome_sentence(harm, man, harm=True, studied=False)
    assert short == f"{first} How often is not known."
    full = s.outcome_sentence(harm, man, harm=True)
    assert "It did not say how often." in full and "How often is not known" not in full


def test_a_short_serious_harm_says_what_it_is_even_in_short():
    """'The label has a boxed warning, the FDA's strongest kind.' alone does not say what the
    warning is about: a compact card adds the next sentence to a short serious harm."""
    man = Answers(sex="male")
    boxed = Outcome(
        text="The label has a boxed warning, the FDA's strongest kind. It covers serious "
        "infections, death, cancer, heart attack and stroke, and blood clots. More.",
        refs=(),
        serious=True,
        frequency="unknown",
    )
    text = s.outcome_sentence(boxed, man, harm=True, studied=False)
    assert "It covers serious infections" in text and "More." not in text


def test_waiting_card_keeps_the_caveat_for_wide_loss():
    """For alopecia areata with half or more of the scalp bare, the waiting card does not stop
    at 'up to 80 in 100 with a few small patches regrow': the sentences after it say that wide
    loss rarely grows back."""
    from pathlib import Path

    from report_helpers import real_catalogue_or_skip

    from decisionaid.answers import load_answers

    catalogue = real_catalogue_or_skip()
    example = Path(__file__).parents[2] / "examples" / "alopecia-areata-extensive.json"
    result = recommend(load_answers(example), catalogue)
    reason = result.option("watchful_waiting").evidence.reason.strip()
    text = all_text(s.build_summary(result, today=TODAY))
    assert reason in text


def test_above_my_budget_only_when_a_budget_is_beyond_the_top_of_the_range():
    """With no budget limit nothing is 'above my budget' (the check read every cost note, 'You set
    no budget limit' included); with a yearly budget of $300, finasteride at $146 to $1,450 a
    year says so on page 1."""
    from pathlib import Path

    from report_helpers import real_catalogue_or_skip

    from decisionaid.answers import load_answers

    catalogue = real_catalogue_or_skip()
    unsure = patients(catalogue)["unsure_with_warning_signs"]
    assert unsure.budget.upfront_usd is None and unsure.budget.yearly_usd is None
    text = all_text(s.build_summary(recommend(unsure, catalogue), today=TODAY))
    assert "above my budget" not in text
    example = Path(__file__).parents[2] / "examples" / "blood-thinners-tight-budget.json"
    result = recommend(load_answers(example), catalogue)
    assert s.option_why(result.option("finasteride_oral")) == (
        "Fits. The top of its price range is above my budget."
    )


def test_not_sure_of_the_kind_groups_options_under_a_true_label(results):
    """An option used for some kinds of hair loss is not 'not listed for any kind'."""
    text = all_text(s.build_summary(results["unsure_with_warning_signs"], today=TODAY))
    assert "Not listed for any kind" not in text
    assert "Used only for some kinds of hair loss, so a diagnosis comes first:" in text


def test_one_line_reasons_on_page_one_say_something():
    """Page 1's 'Why, in one line' never stops at "it needs care. It has\u2026" or "so we\u2026": it
    is the rule's own one line (what the person said, in their voice), or the reason cut where
    its sentence turns."""
    from report_helpers import real_catalogue_or_skip

    from decisionaid.answers import Budget
    from decisionaid.rules import Reason

    def short(text: str) -> str:
        return s.short_reason(Reason("x", "caution", "r", text), 60)

    # Reasons with no one-line form of their own: the first sentence, cut where it turns.
    assert (
        short("Its price is not known: we found no reliable price, so we cannot tell if it fits.")
        == "Its price is not known."
    )
    assert (
        short("The price of repeat treatments is not known, so we cannot tell if it fits.")
        == "The price of repeat treatments is not known."
    )
    # The rules' own one lines, from real answers.
    catalogue = real_catalogue_or_skip()
    answers = Answers(
        hair_loss_type="alopecia_areata",
        scalp_loss="half_or_more",
        age=40,
        sex="female",
        conditions=("pregnant", "anticoagulants"),
        budget=Budget(upfront_usd=50, yearly_usd=50),
        preferences={"daily_routine_ok": False},
    )
    lines = {
        s.short_reason(r, 60): r.rule
        for o in recommend(answers, catalogue).options
        for r in o.reasons
    }
    assert lines.get("Not for me: I am pregnant.", "").startswith("contraindication."), lines
    assert lines.get("Not for me: I take blood thinners.") or lines.get(
        "Needs care: I take blood thinners."
    ), lines
    assert lines.get("This option needs doing every day.") == "preference.daily_routine", lines
    assert any(
        line.startswith("Studied and approved only for less than half of the scalp")
        for line, rule in lines.items()
        if rule == "extent.outside"
    ), lines
    budget = [line for line, rule in lines.items() if rule.endswith("beyond")]
    assert budget, lines
    assert all(
        re.fullmatch(r"[A-Z][\w-]* cost .+: the top is above my \$50 budget\.", line)
        for line, rule in lines.items()
        if rule.endswith("may_exceed")
    ), lines
    roomy = Answers(hair_loss_type="male_pattern", age=40, sex="male")
    roomy = roomy.with_changes(budget=Budget(upfront_usd=100_000, yearly_usd=100_000))
    within = {
        s.short_reason(r)
        for o in recommend(roomy, catalogue).options
        for r in o.reasons
        if r.rule == "cost.within"
    }
    assert within and within <= {"Its cost fits my budget.", "Its up-front cost fits my budget."}
    assert all(
        re.fullmatch(r"[A-Z][\w-]* cost .+: (well|a little) above my \$50 budget\.", b)
        for b in budget
    ), budget


def test_leaning_flag_says_needs_care_once():
    """'\u26a0 Discuss with care: I have heart disease.', not 'Discuss with care: Needs care: ...'."""
    from pathlib import Path

    from report_helpers import real_catalogue_or_skip

    from decisionaid.answers import load_answers

    catalogue = real_catalogue_or_skip()
    example = Path(__file__).parents[2] / "examples" / "blood-thinners-tight-budget.json"
    text, flagged = s.leaning_text(recommend(load_answers(example), catalogue))
    assert flagged and "\u26a0 Discuss with care: I have heart disease." in text, text
    assert "Needs care" not in text


def test_shared_caution_pointer_says_what_i_said_and_needs_care_once():
    """A caution shared by several cards points to the note above them in the person's words:
    'Needs care: I smoke now or smoked in the past (see the note above the cards).', never
    'Needs care: Needs care: ...' nor the reason's 'Because you said ...'."""
    from pathlib import Path

    from report_helpers import real_catalogue_or_skip

    from decisionaid.answers import load_answers

    catalogue = real_catalogue_or_skip()
    example = Path(__file__).parents[2] / "examples" / "exosome-question.json"
    answers = load_answers(example)
    assert "smoker" in answers.conditions
    summary = s.build_summary(recommend(answers, catalogue), today=TODAY)
    rows = [
        text
        for section in summary.sections
        for block in section.blocks
        if isinstance(block, s.Card)
        for label, text in block.rows
        if label == "Needs care"
    ]
    pointer = "I smoke now or smoked in the past (see the note above the cards)."
    assert any(pointer in text.split("\n") for text in rows), rows
    assert not any("Needs care:" in text or "Because you said" in text for text in rows), rows


def test_personal_questions_say_what_they_are_about():
    """A question on page 1 that is not under an option's name never asks about "this"."""
    for q in (s.YOUNG_QUESTION, s.PREGNANCY_QUESTION, s.PREGNANT_NOW_QUESTION):
        assert not re.match(r"Is this\b", q), q


def test_no_comparison_and_no_notes(results):
    """Without compared options the section says so; there are lines for my own questions."""
    result = results["unsure_with_warning_signs"]
    summary = s.build_summary(result, sections={"comparison", "questions"}, today=TODAY)
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
    assert re.search(r"\bsynthetic-\d+\b", summary.version_line)
    assert "2026-11-21" in summary.version_line
    assert summary.disclaimer == "This is not a diagnosis and does not recommend any single option."
    assert summary.footer == "DecisionAid \u2014 not a diagnosis"


def test_clinician_section_states_the_rules(results):
    """The clinician page opens with a ~10-line record note, lists only the rules that fired,
    the catalogue version and review date, and the limits; no checksum."""
    result = results["blood_thinners_tight_budget"]
    summary = s.build_summary(result, sections={"clinician"}, today=TODAY)
    text = all_text(summary)
    note = s.record_note(result, TODAY)
    assert 8 <= len(note.splitlines()) <= 12
    assert summary.sections[0].blocks[1] == s.RecordNote(tuple(note.splitlines()))
    fired = {
        r.rule for o in result.options for r in o.reasons if r.effect in ("excluded", "caution")
    }
    table = next(b for b in summary.sections[0].blocks if isinstance(b, s.Table))
    assert {row[0] for row in table.rows} == fired
    assert "type.used" not in text and "risk.within" not in text
    assert result.catalogue.meta.version in text and result.catalogue.meta.reviewed in text
    assert result.catalogue.meta.checksum[:16] not in text
    # what each fired rule means comes from the rulebook
    from decisionaid.rulebook import RULES

    for rule_id in fired & set(RULES):
        assert RULES[rule_id].description in text
    for limitation in s.LIMITATIONS:
        assert limitation in text


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


def test_not_fitting_is_one_line_per_reason_group_with_full_reasons_for_looked_at(results):
    """One line per main reason ("Not used for ...: A, B, C"); an option the person compared,
    opened or leans towards gets every reason, each caution included."""
    result = results["teenager_patchy"]
    section = s.build_summary(result, sections={"not_fitting"}, today=TODAY).sections[0]
    lines = next(b for b in section.blocks if isinstance(b, s.Bullets)).items
    excluded = result.by_status("excluded")
    assert len(lines) < len(excluded)
    for option in excluded:
        assert sum(option.treatment.name in line for line in lines) >= 1
    blood = results["blood_thinners_tight_budget"]
    looked = [o for o in s._Context(blood, None, TODAY, "").looked_at() if o.status == "excluded"]
    assert looked, "the blood-thinner patient compared an excluded option"
    text = all_text(s.build_summary(blood, sections={"not_fitting"}, today=TODAY))
    for o in looked:
        for r in o.reasons:
            if r.effect in ("excluded", "caution"):
                assert r.text in text, r.rule
