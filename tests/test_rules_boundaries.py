"""Fail-closed rules at their boundaries: unknown prices, the budget factor, labelled ages and the
amount of scalp alopecia areata has taken. Patient cases on the real catalogue, then boundaries
on hand-made options. Written so that an off-by-one change to any threshold fails a test (the
mutation run in docs/mutation-testing.md checks that)."""

import pytest

from decisionaid import models as m
from decisionaid.answers import Answers, Budget
from decisionaid.rulebook import WELL_BEYOND_FACTOR
from decisionaid.rules import cost_effect, extent_fit
from decisionaid.vocabulary import SCALP_LOSS_EXTENTS
from test_rules import (
    answers,
    recommend,  # checks the index and the reasons agree on every option
    treatment,
)
from test_rules import catalogue as hand_catalogue

JAK_PILLS = ("baricitinib", "ritlecitinib", "deuruxolitinib")
REFS = ("r1",)


def person(**kw):
    """test_rules' default person, with alopecia areata."""
    return answers(**{"hair_loss_type": "alopecia_areata", **kw})


def both(result, tid):
    """The status from the fast index and from the option's own reasons (they must agree)."""
    option = result.option(tid)
    assert result.statuses[tid] == option.status, (tid, option.reasons)
    return option.status


def rules_of(option):
    return [r.rule for r in option.reasons]


# --- patient cases on the real catalogue ------------------------------------------------------


def test_deuruxolitinib_never_fits_a_500_dollar_yearly_budget(catalogue):
    """A pill with a list price near $50,000 a year must not 'fit' $500 a year. If the catalogue
    has its price, that price has a source and the option is out; if not, it is discuss with care
    and says plainly that the price is not known."""
    t = catalogue.treatments["deuruxolitinib"]
    result = recommend(person(budget=Budget(500, 500)), catalogue)
    option = result.option("deuruxolitinib")
    assert both(result, "deuruxolitinib") != "suitable"
    assert "cost.within" not in rules_of(option)
    if t.cost.known and t.cost.yearly is not None:
        assert t.cost.refs, "a known price needs its source"
        assert option.status == "excluded"
        assert "cost.yearly.well_beyond" in rules_of(option)
    else:
        assert option.status == "caution"
        cost = [r for r in option.reasons if r.rule in ("cost.unknown", "cost.yearly.unknown")]
        assert cost and "not known" in cost[0].text


def test_every_unknown_price_is_at_least_discuss_with_care_under_a_budget(catalogue):
    """No option whose price (or repeat price) is unknown 'fits' a stated budget."""
    result = recommend(person(budget=Budget(100000, 100000)), catalogue)
    for tid, t in catalogue.treatments.items():
        unknown = not t.cost.known or t.cost.upfront is None or t.cost.yearly is None
        if unknown:
            assert both(result, tid) != "suitable", tid


def test_no_budget_limit_means_price_does_not_matter(catalogue):
    """With no budget limit an unknown price changes nothing, and says so."""
    result = recommend(person(age=40, scalp_loss="half_or_more"), catalogue)
    option = result.option("deuruxolitinib")
    assert not any(r.kind == "cost" and r.effect in ("caution", "excluded") for r in option.reasons)


def test_teen_with_small_patches_is_not_told_the_jak_pills_fit(catalogue):
    """A 15-year-old with small patches: JAK pills do not 'fit', their label ages exclude two of
    them, and none is described as high certainty for small patches; contact immunotherapy (for
    extensive disease) does not fit either; steroid injections are for small patches."""
    result = recommend(person(age=15, scalp_loss="less_than_half"), catalogue)
    expected = {"baricitinib": "excluded", "ritlecitinib": "caution", "deuruxolitinib": "excluded"}
    for tid in JAK_PILLS:
        option = result.option(tid)
        assert both(result, tid) == expected[tid], tid
        assert not option.certainty_words.startswith(("High", "Moderate")), option.certainty_words
        assert "not studied for less than half" in option.certainty_words.lower()
        type_reason = next(r for r in option.reasons if r.rule == "type.used")
        assert "only" in type_reason.text and "half or more" in type_reason.text
        outside = [r for r in option.reasons if r.rule == "extent.outside"]
        assert outside and "studied and approved only for extensive loss" in outside[0].text
        evidence_part = next(p for p in option.score_parts if p.priority == "evidence")
        assert evidence_part.value == 0.0
        assert evidence_part.described.startswith("not studied for less than half")
        assert "certainty" not in evidence_part.described
    for tid in ("baricitinib", "deuruxolitinib"):  # adults only, by their labels
        option = result.option(tid)
        assert option.status == "excluded"
        age = [r for r in option.reasons if r.rule == "contraindication.absolute"]
        assert any("you are 15" in r.text and r.refs for r in age), tid
    assert result.option("ritlecitinib").status == "caution"  # 12 and over: not out by age
    cit = result.option("contact_immunotherapy")
    assert both(result, "contact_immunotherapy") == "caution"
    assert "extent.outside" in rules_of(cit)
    steroid = result.option("steroid_injections")
    assert "extent.outside" not in rules_of(steroid)
    assert "extent.covered" in rules_of(steroid)


def test_alopecia_areata_with_no_amount_given_the_extent_decides(catalogue):
    """On the command line the amount may be missing: JAK pills and contact immunotherapy are at
    most discuss with care, with a reason saying the amount decides."""
    result = recommend(person(age=40, scalp_loss=None, risk_tolerance="high"), catalogue)
    for tid in (*JAK_PILLS, "contact_immunotherapy"):
        option = result.option(tid)
        assert both(result, tid) == "caution", tid
        unknown = [r for r in option.reasons if r.rule == "extent.unknown"]
        assert unknown and "amount decides" in unknown[0].text, tid
        assert "only for" in option.certainty_words
    waiting = result.option("watchful_waiting")
    assert "extent.unknown" not in rules_of(waiting)


def test_adult_with_extensive_loss_sees_the_pills_fit_their_label(catalogue):
    """Half or more of the scalp, an adult, low risk, no budget: the approved pills fit."""
    for scalp in ("half_or_more", "total"):
        result = recommend(person(age=40, scalp_loss=scalp, risk_tolerance="low"), catalogue)
        for tid in JAK_PILLS:
            option = result.option(tid)
            assert both(result, tid) == "suitable", (tid, option.reasons)
            assert "extent.covered" in rules_of(option)
            assert option.certainty_words in ("High certainty", "Moderate certainty")
            used = next(r for r in option.reasons if r.rule == "type.used")
            assert "patchy" not in used.text and "extensive loss" in used.text
        steroid = result.option("steroid_injections")  # for small patches
        assert both(result, "steroid_injections") != "suitable"
        assert "extent.outside" in rules_of(steroid)


def test_every_alopecia_areata_evidence_row_says_which_extent_it_covers(catalogue):
    for tid, t in catalogue.treatments.items():
        for row in t.evidence:
            if row.hair_loss_type == "alopecia_areata":
                assert row.extent and set(row.extent) <= set(SCALP_LOSS_EXTENTS), tid
            else:
                assert not row.extent, tid
    for tid in (*JAK_PILLS, "contact_immunotherapy"):
        assert set(catalogue.treatments[tid].evidence_for("alopecia_areata").extent) == {
            "half_or_more",
            "total",
        }
    assert catalogue.treatments["steroid_injections"].evidence_for("alopecia_areata").extent == (
        "less_than_half",
    )


@pytest.mark.parametrize(
    "tid, age, out",
    [
        ("baricitinib", 17, True),
        ("baricitinib", 18, False),
        ("deuruxolitinib", 17, True),
        ("deuruxolitinib", 18, False),
        ("ritlecitinib", 11, True),
        ("ritlecitinib", 12, False),
    ],
)
def test_labelled_ages_of_the_jak_pills(catalogue, tid, age, out):
    """Baricitinib and deuruxolitinib from 18, ritlecitinib from 12 (their labels)."""
    result = recommend(person(age=age, scalp_loss="half_or_more"), catalogue)
    option = result.option(tid)
    by_age = [
        r
        for r in option.reasons
        if r.rule == "contraindication.absolute" and f"you are {age}" in r.text
    ]
    if out:
        assert both(result, tid) == "excluded"
        assert by_age and all(r.refs for r in by_age)
    else:
        assert not by_age
        assert both(result, tid) == "suitable", option.reasons


# --- boundaries on hand-made options ---------------------------------------------------------


def priced(low, high=None, upfront=(0, 0)):
    high = low if high is None else high
    return treatment("a", cost=m.Cost(True, upfront, (low, high), False, "", REFS))


@pytest.mark.parametrize(
    "low, expected, rule",
    [
        (100, "suitable", "cost.within"),  # exactly the budget fits
        (100.01, "caution", "cost.yearly.just_beyond"),  # just above the budget
        (150, "caution", "cost.yearly.just_beyond"),  # exactly 1.5 times: still "a little"
        (150.01, "excluded", "cost.yearly.well_beyond"),  # just above 1.5 times: well beyond
    ],
)
def test_budget_factor_boundaries(low, expected, rule):
    assert WELL_BEYOND_FACTOR == 1.5
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=Budget(None, 100)),
        hand_catalogue(priced(low)),
    )
    assert both(result, "a") == expected
    assert rule in rules_of(result.option("a"))


@pytest.mark.parametrize(
    "low, expected",
    [(100, "suitable"), (100.01, "caution"), (150, "caution"), (150.01, "excluded")],
)
def test_upfront_budget_factor_boundaries(low, expected):
    t = priced(0, upfront=(low, low))
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=Budget(100, None)),
        hand_catalogue(t),
    )
    assert both(result, "a") == expected


def test_cost_effect_thresholds():
    assert cost_effect(0, 0) is None
    assert cost_effect(100, 100) is None
    assert cost_effect(100.01, 100) == "caution"
    assert cost_effect(150, 100) == "caution"
    assert cost_effect(150.01, 100) == "excluded"
    assert cost_effect(0.01, 0) == "excluded"  # any price is well beyond a budget of 0


def test_top_of_range_beyond_budget_is_one_consistent_sentence():
    """Low end within, top beyond: one 'fit' reason that says both, no 'fits the budget' beside it."""
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=Budget(None, 150)),
        hand_catalogue(priced(100, 200)),
    )
    option = result.option("a")
    assert both(result, "a") == "suitable"
    cost = [r for r in option.reasons if r.kind == "cost"]
    assert [r.rule for r in cost] == ["cost.yearly.may_exceed"]
    assert "low end fits" in cost[0].text and "top of the range is beyond" in cost[0].text
    assert cost[0].refs == REFS


@pytest.mark.parametrize(
    "budget, expected, rule",
    [
        (Budget(None, None), "suitable", "cost.no_limit"),
        (Budget(1000, None), "suitable", "cost.repeats_unknown"),  # up-front fits; no yearly limit
        (Budget(None, 1000), "caution", "cost.yearly.unknown"),
        (Budget(1000, 1000), "caution", "cost.yearly.unknown"),
        (Budget(0, None), "excluded", "cost.upfront.well_beyond"),
    ],
)
def test_unknown_repeat_price_against_a_yearly_budget(budget, expected, rule):
    """Up-front price known, repeat price unknown: a yearly budget cannot be said to fit."""
    t = treatment("a", cost=m.Cost(True, (500, 500), None, False, "repeats unknown", REFS))
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=budget),
        hand_catalogue(t),
    )
    assert both(result, "a") == expected
    assert rule in rules_of(result.option("a"))


@pytest.mark.parametrize(
    "budget", [Budget(0, None), Budget(None, 0), Budget(10**7, 10**7), Budget(5, None)]
)
def test_unknown_price_is_caution_under_any_stated_budget(budget):
    t = treatment("a", cost=m.Cost(False, None, None, False, "no price", ()))
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=budget),
        hand_catalogue(t),
    )
    assert both(result, "a") == "caution"
    assert "cost.unknown" in rules_of(result.option("a"))


def aa_option(extent):
    return treatment(
        "a",
        evidence=(m.Evidence("alopecia_areata", "high", "moderate", "r", "", REFS, extent),),
    )


EXTENSIVE = ("half_or_more", "total")


@pytest.mark.parametrize(
    "extent, scalp, fit, expected",
    [
        (EXTENSIVE, "less_than_half", "outside", "caution"),
        (EXTENSIVE, "half_or_more", "covered", "suitable"),
        (EXTENSIVE, "total", "covered", "suitable"),
        (EXTENSIVE, None, "unknown", "caution"),
        (EXTENSIVE, "some_new_word", "unknown", "caution"),  # an unknown word is not an answer
        (("less_than_half",), "less_than_half", "covered", "suitable"),
        (("less_than_half",), "half_or_more", "outside", "caution"),
        (("less_than_half",), "total", "outside", "caution"),
        (("less_than_half",), None, "unknown", "caution"),
        (("half_or_more",), "total", "outside", "caution"),
        (SCALP_LOSS_EXTENTS, None, "covered", "suitable"),
        (SCALP_LOSS_EXTENTS, "less_than_half", "covered", "suitable"),
        ((), "less_than_half", "", "suitable"),  # no extent on the row: nothing to check
    ],
)
def test_extent_values(extent, scalp, fit, expected):
    t = aa_option(tuple(extent))
    assert extent_fit(t.evidence[0], scalp) == fit
    answers = Answers(hair_loss_type="alopecia_areata", age=35, sex="male", scalp_loss=scalp)
    result = recommend(answers, hand_catalogue(t))
    assert both(result, "a") == expected
    rules = rules_of(result.option("a"))
    if fit in ("outside", "unknown"):
        assert f"extent.{fit}" in rules
        assert result.option("a").score_parts[0].value == (0.0 if fit == "outside" else 1.0)


def test_extent_never_applies_to_other_kinds_of_hair_loss():
    t = treatment("a")  # male_pattern evidence, no extent
    answers = Answers(hair_loss_type="male_pattern", age=35, sex="male", scalp_loss="total")
    result = recommend(answers, hand_catalogue(t))
    assert both(result, "a") == "suitable"
    assert not any(r.startswith("extent.") for r in rules_of(result.option("a")))


# --- what the reasons say (so that a changed word or a lost source is caught) ----------------


@pytest.mark.parametrize(
    "sex, hair_loss_type, tid, said, status",
    [
        ("male", "female_pattern", "spironolactone", "you said you are male", "excluded"),
        ("female", "male_pattern", "finasteride_oral", "you said you are female", "caution"),
    ],
)
def test_sex_linked_entries_apply_to_the_sex_given(
    catalogue, sex, hair_loss_type, tid, said, status
):
    result = recommend(person(sex=sex, hair_loss_type=hair_loss_type), catalogue)
    option = result.option(tid)
    assert option.status == status
    assert any(
        r.text.startswith(f"Because {said} (") and r.refs
        for r in option.reasons
        if r.kind == "contraindication"
    )
    other = recommend(
        person(sex="female" if sex == "male" else "male", hair_loss_type=hair_loss_type),
        catalogue,
    ).option(tid)
    assert not any(said in r.text for r in other.reasons)


def test_a_stated_condition_is_named_in_its_reason(catalogue):
    result = recommend(
        person(hair_loss_type="male_pattern", conditions=("anticoagulants",)), catalogue
    )
    cond = catalogue.conditions["anticoagulants"]
    said = cond.said or cond.name[:1].lower() + cond.name[1:]
    texts = [r.text for o in result.options for r in o.reasons if r.kind == "contraindication"]
    assert any(f"you said {said}" in t or f"you told us: {said}" in t for t in texts)


def test_extent_reasons_say_why_and_cite_the_evidence(catalogue):
    small = recommend(person(age=40, scalp_loss="less_than_half"), catalogue)
    cit = next(
        r for r in small.option("contact_immunotherapy").reasons if r.rule == "extent.outside"
    )
    assert "it was studied only for extensive loss" in cit.text  # not approved: no "approved"
    assert cit.text.endswith("for your amount of hair loss is not known.")
    assert "How well it works" in cit.text
    assert cit.refs == catalogue.treatments["contact_immunotherapy"].evidence[0].refs
    covered = next(
        r for r in small.option("steroid_injections").reasons if r.rule == "extent.covered"
    )
    assert covered.text.startswith("Because you have lost hair on less than half of your scalp")
    assert covered.refs
    unknown = recommend(person(age=40), catalogue).option("ritlecitinib")
    reason = next(r for r in unknown.reasons if r.rule == "extent.unknown")
    assert reason.text.startswith("You did not say how much of your scalp has lost hair.")
    assert reason.text.endswith("Ask your doctor how much hair you have lost.")
    assert "studied and approved only for extensive loss" in reason.text
    assert reason.refs


def test_cost_reasons_cite_the_price_source_and_say_what_to_ask():
    unknown = treatment("a", cost=m.Cost(False, None, None, False, "no price", ("r1",)))
    for budget, rule, start in (
        (Budget(None, None), "cost.no_limit", "No reliable price is known. You set no budget"),
        (Budget(100, None), "cost.unknown", "Its price is not known: we found no reliable price"),
    ):
        result = recommend(
            Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=budget),
            hand_catalogue(unknown),
        )
        reason = next(r for r in result.option("a").reasons if r.rule == rule)
        assert reason.text.startswith(start)
        assert reason.text.endswith("Ask what it will cost in total before you start.")
        assert reason.refs == ("r1",)


def test_a_known_cost_without_an_up_front_price_is_an_unknown_price():
    """known = true but no up-front range (the check refuses it; the rules still fail closed)."""
    t = treatment("a", cost=m.Cost(True, None, (10, 20), False, "", REFS))
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=Budget(None, 1000)),
        hand_catalogue(t),
    )
    assert both(result, "a") == "caution"
    assert "cost.unknown" in rules_of(result.option("a"))


@pytest.mark.parametrize(
    "budget, low, rule, words",
    [
        (Budget(100, None), 120, "cost.upfront.just_beyond", "its up-front cost is $120"),
        (Budget(100, None), 200, "cost.upfront.well_beyond", "its up-front cost is $200"),
        (Budget(None, 100), 120, "cost.yearly.just_beyond", "its yearly cost is $120"),
        (Budget(None, 100), 200, "cost.yearly.well_beyond", "its yearly cost is $200"),
    ],
)
def test_cost_reasons_name_the_budget_and_the_price(budget, low, rule, words):
    t = treatment("a", cost=m.Cost(True, (low, low), (low, low), False, "", REFS))
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=budget),
        hand_catalogue(t),
    )
    reason = next(r for r in result.option("a").reasons if r.rule == rule)
    assert words in reason.text and "budget is $100" in reason.text
    assert reason.refs == REFS


def test_well_beyond_budget_mentions_insurance_only_for_approved_medicines():
    approved = treatment("a", cost=m.Cost(True, (0, 0), (900, 900), True, "", REFS))
    unapproved = treatment(
        "b",
        cost=m.Cost(True, (0, 0), (900, 900), True, "", REFS),
        regulatory=m.Regulatory("unapproved", "Not approved.", "2000", REFS),
    )
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=Budget(None, 100)),
        hand_catalogue(approved, unapproved),
    )
    a = next(r for r in result.option("a").reasons if r.rule == "cost.yearly.well_beyond")
    b = next(r for r in result.option("b").reasons if r.rule == "cost.yearly.well_beyond")
    assert a.text == (
        "Because you said your yearly budget is $100: its yearly cost is $900 (estimate), well "
        "beyond that. If insurance would pay for it, your own cost may be much lower: change "
        "your budget to see it."
    )
    assert b.text == (
        "Because you said your yearly budget is $100: its yearly cost is $900 (estimate), well "
        "beyond that."
    )


def test_an_unknown_kind_of_hair_loss_fails_closed():
    """A kind of hair loss the catalogue does not know: nothing fits (never the permissive side)."""
    answers = Answers(hair_loss_type="not_a_known_type", age=35, sex="male")
    result = recommend(answers, hand_catalogue(treatment("a")))
    assert {both(result, tid) for tid in result.order} == {"excluded"}


def test_every_rule_adds_to_the_others_in_the_index():
    """Each preference, warning and health rule adds its options to a status; none replaces the
    options already placed there by another rule (checked by the index/reasons agreement)."""
    cat = hand_catalogue(
        treatment("surgical", invasiveness="surgery"),
        treatment("needles", invasiveness="injection"),
        treatment("daily", daily_routine=True),
        treatment(
            "not_used", evidence=(m.Evidence("scarring", "high", "moderate", "r", "", REFS),)
        ),
        treatment(
            "relative",
            contraindications=(m.Contraindication("anticoagulants", "relative", "n", REFS),),
        ),
        treatment(
            "absolute",
            contraindications=(m.Contraindication("pregnant", "absolute", "n", REFS),),
        ),
        treatment("pricey", cost=m.Cost(True, (0, 0), (120, 130), False, "", REFS)),
    )
    answers = Answers(
        hair_loss_type="male_pattern",
        age=35,
        sex="male",
        budget=Budget(None, 100),
        conditions=("anticoagulants",),
        conditions_unknown=True,
        warning_signs=("Sudden patches",),
        preferences={"avoid_surgery": True, "avoid_injections": True, "daily_routine_ok": False},
    )
    result = recommend(answers, cat)
    expected = {
        "surgical": "excluded",
        "needles": "excluded",
        "daily": "caution",
        "not_used": "excluded",
        "relative": "caution",
        "absolute": "caution",  # "I don't know" to the health questions
        "pricey": "caution",
        "watchful_waiting": "caution",  # warning signs
    }
    assert {tid: both(result, tid) for tid in expected} == expected


def test_a_daily_routine_is_fine_unless_the_person_says_otherwise():
    answers = Answers(hair_loss_type="male_pattern", age=35, sex="male", preferences={})
    result = recommend(answers, hand_catalogue(treatment("daily", daily_routine=True)))
    assert both(result, "daily") == "suitable"


@pytest.mark.parametrize(
    "cost, budget, expected",
    [
        (
            m.Cost(True, (500, 500), None, False, "", REFS),
            Budget(None, 1000),
            {
                "cost.yearly.unknown": "The price of repeat treatments is not known, so we cannot "
                "tell if it fits your yearly budget of $1,000. Ask how many you may need and what "
                "they cost."
            },
        ),
        (
            m.Cost(True, (500, 500), None, False, "", REFS),
            Budget(1000, None),
            {
                "cost.repeats_unknown": "The price of repeat treatments is not known. Ask how "
                "many you may need.",
                "cost.within": "Its up-front cost fits the budget you gave.",
            },
        ),
        (
            m.Cost(True, (500, 500), (10, 20), False, "", REFS),
            Budget(None, None),
            {
                "cost.no_limit": "You set no budget limit, so its price does not change where "
                "it is placed."
            },
        ),
        (
            m.Cost(True, (500, 500), (10, 20), False, "", REFS),
            Budget(1000, 1000),
            {"cost.within": "Its cost fits the budget you gave."},
        ),
    ],
)
def test_cost_reason_texts_and_sources(cost, budget, expected):
    result = recommend(
        Answers(hair_loss_type="male_pattern", age=35, sex="male", budget=budget),
        hand_catalogue(treatment("a", cost=cost)),
    )
    got = {r.rule: (r.text, r.refs) for r in result.option("a").reasons if r.kind == "cost"}
    assert got == {rule: (text, REFS) for rule, text in expected.items()}


def test_unknown_health_answers_name_only_the_absolute_entries():
    """'I don't know' to the health questions: options with an absolute entry among them need
    care, naming those conditions; an option with only a relative entry is not affected."""
    cat = hand_catalogue(
        treatment(
            "both",
            contraindications=(
                m.Contraindication("pregnant", "absolute", "n", REFS),
                m.Contraindication("anticoagulants", "relative", "n", REFS),
            ),
        ),
        treatment(
            "relative_only",
            contraindications=(m.Contraindication("anticoagulants", "relative", "n", REFS),),
        ),
        treatment(
            "age_only",  # derived conditions come from the age answer, not the health questions
            contraindications=(m.Contraindication("under_18", "absolute", "n", REFS),),
        ),
    )
    answers = Answers(hair_loss_type="male_pattern", age=35, sex="male", conditions_unknown=True)
    result = recommend(answers, cat)
    assert both(result, "both") == "caution"
    assert both(result, "relative_only") == "suitable"
    assert both(result, "age_only") == "suitable"
    reason = next(
        r for r in result.option("both").reasons if r.rule == "contraindication.unknown_health"
    )
    assert (reason.kind, reason.effect) == ("contraindication", "caution")
    assert "not sure about some health questions" in reason.text
    assert "pregnant" in reason.text
    assert "anticoagulants" not in reason.text


def test_contraindication_reasons_say_how_strong_and_which_age_rule():
    cat = hand_catalogue(
        treatment("a", contraindications=(m.Contraindication("under_18", "absolute", "n", REFS),)),
        treatment(
            "b", contraindications=(m.Contraindication("anticoagulants", "relative", "n", REFS),)
        ),
    )
    answers = Answers(
        hair_loss_type="male_pattern", age=17, sex="male", conditions=("anticoagulants",)
    )
    result = recommend(answers, cat)
    a = next(r for r in result.option("a").reasons if r.kind == "contraindication")
    b = next(r for r in result.option("b").reasons if r.kind == "contraindication")
    assert "should not be used" in a.text and "you said you are 17 (under 18)" in a.text
    assert "needs care" in b.text and "should not be used" not in b.text
    assert "(" not in b.text.split(":")[0]  # a stated condition is not labelled as an age rule
