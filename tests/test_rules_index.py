"""The fast path (the catalogue index) and the reasons always agree."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisionaid.answers import PRIORITY_KEYS, Answers, Budget
from decisionaid.models import HAIR_LOSS_TYPES
from decisionaid.rulebook import RULES
from decisionaid.rules import STATUSES, recommend
from decisionaid.vocabulary import SCALP_LOSS_EXTENTS

budgets = st.one_of(
    st.none(), st.sampled_from([0, 50, 100, 300, 500, 1000, 2000, 5000, 20000]), st.floats(0, 50000)
)


def answers_strategy(condition_ids):
    return st.builds(
        Answers,
        hair_loss_type=st.sampled_from(HAIR_LOSS_TYPES),
        scalp_loss=st.sampled_from((None, *SCALP_LOSS_EXTENTS)),
        age=st.one_of(st.none(), st.integers(1, 120)),
        sex=st.sampled_from([None, "male", "female", "other"]),
        budget=st.builds(Budget, budgets, budgets),
        risk_tolerance=st.sampled_from(["low", "medium", "high"]),
        conditions=st.lists(st.sampled_from(condition_ids), max_size=4, unique=True).map(tuple),
        conditions_unknown=st.booleans(),
        preferences=st.fixed_dictionaries(
            {
                "avoid_surgery": st.booleans(),
                "avoid_injections": st.booleans(),
                "daily_routine_ok": st.booleans(),
            }
        ),
        priorities=st.fixed_dictionaries({k: st.integers(1, 5) for k in PRIORITY_KEYS}),
        warning_signs=st.lists(st.text(min_size=1, max_size=5), max_size=1).map(tuple),
    )


def check_agreement(result):
    rank = {s: i for i, s in enumerate(STATUSES)}
    previous = None
    for tid in result.order:
        option = result.option(tid)
        assert option.status == result.statuses[tid], (tid, option.reasons)
        for r in option.reasons:  # every reason cites a defined rule, with that rule's effect
            assert r.rule in RULES, r
            assert (r.kind, r.effect) == (RULES[r.rule].kind, RULES[r.rule].effect), r
        key = (rank[option.status], -option.score)
        # within a status, scores never rise (allowing for float rounding between the two sums)
        assert previous is None or previous[0] < key[0] or previous[1] <= key[1] + 1e-9
        previous = key


def _on_the_real_catalogue(catalogue, data):
    answers = data.draw(answers_strategy(sorted(catalogue.conditions)))
    check_agreement(recommend(answers, catalogue))


def _on_a_synthetic_catalogue(synthetic_catalogue, data):
    answers = data.draw(answers_strategy(sorted(synthetic_catalogue.conditions)))
    check_agreement(recommend(answers, synthetic_catalogue))


# The default run tries a few dozen answers each; `pytest -m slow` tries hundreds.
QUICK = settings(max_examples=30, deadline=None)


@QUICK
@given(st.data())
def test_index_agrees_with_reasons_on_the_real_catalogue(catalogue, data):
    """For any answers, each option's status from the index is the one its reasons give, in order."""
    _on_the_real_catalogue(catalogue, data)


@QUICK
@given(st.data())
def test_index_agrees_with_reasons_on_a_synthetic_catalogue(synthetic_catalogue, data):
    """The same on a random synthetic catalogue with unknown prices and every kind of option."""
    _on_a_synthetic_catalogue(synthetic_catalogue, data)


@pytest.mark.slow  # fuzzing
@settings(max_examples=300, deadline=None)
@given(st.data())
def test_index_agrees_with_reasons_on_the_real_catalogue_fuzzed(catalogue, data):
    _on_the_real_catalogue(catalogue, data)


@pytest.mark.slow  # fuzzing
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_index_agrees_with_reasons_on_a_synthetic_catalogue_fuzzed(synthetic_catalogue, data):
    _on_a_synthetic_catalogue(synthetic_catalogue, data)
