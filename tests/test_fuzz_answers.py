"""Property-based: thousands of generated and mutated answers files never raise anything but
the project's own AnswersError, in the loader or in the rules; and whatever the loader accepts
can be saved and read back unchanged (huge integers, lone surrogates, control characters and
duplicate keys included)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionaid.answers import (
    AnswersError,
    answers_for_catalogue,
    clean_text,
    loads_answers,
    parse_answers,
)
from decisionaid.rules import recommend, result_to_dict

# Thousands of examples (about a minute): run by `pytest -m slow`, which .ci/run does.
pytestmark = pytest.mark.slow

VALID = {
    "format": "decisionaid-answers",
    "version": 2,
    "hair_loss_type": "male_pattern",
    "age": 35,
    "sex": "male",
    "budget": {"upfront_usd": 2000, "yearly_usd": 600},
    "risk_tolerance": "low",
    "conditions": ["pregnant"],
    "preferences": {"avoid_surgery": True, "avoid_injections": False, "daily_routine_ok": True},
    "priorities": {
        "evidence": 5,
        "cost": 3,
        "side_effects": 4,
        "convenience": 2,
        "speed": 1,
        "permanence": 3,
    },
}

# Text with anything in it: lone surrogates, control characters, right-to-left marks, emoji.
any_text = st.text(
    st.characters(codec=None, categories=["Cs", "Cc", "Cf", "L", "N", "Zs", "So"]), max_size=30
)
huge_integers = st.integers(min_value=10**25, max_value=10**4000).map(
    lambda n: n * (1 if n % 2 else -1)
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | huge_integers
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | any_text,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)
KEYS = list(VALID) + [
    "name",
    "compare",
    "decision",
    "warning_signs",
    "conditions_unknown",
    "scalp_loss",
    "viewed",
    "extra",
]
SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def round_trips(answers, **kwargs) -> None:
    """What was accepted can be saved (UTF-8) and reads back as the same answers."""
    text = answers.to_json()
    text.encode("utf-8")
    assert loads_answers(text, **kwargs) == answers


def check(obj, catalogue):
    """The only acceptable failure is AnswersError; a valid result must go through the rules,
    and be saved and read back unchanged."""
    ids = answers_for_catalogue(catalogue)
    try:
        answers = parse_answers(obj, **ids)
    except AnswersError as exc:
        assert str(exc)
        str(exc).encode("utf-8")  # the message can be shown and logged
        return
    round_trips(answers, **ids)
    result = recommend(answers, catalogue)
    assert len(result.options) == len(catalogue.treatments)
    json.dumps(result_to_dict(result))


@SETTINGS
@given(json_values)
def test_arbitrary_json_values(synthetic_catalogue, value):
    """Any JSON value at all is either a valid answers file or refused with AnswersError."""
    check(value, synthetic_catalogue)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(KEYS), json_values), max_size=4), st.data())
def test_mutated_valid_files(synthetic_catalogue, mutations, data):
    """A valid file with fields replaced, nested values changed or keys deleted never crashes."""
    obj = json.loads(json.dumps(VALID))
    for key, value in mutations:
        if data.draw(st.booleans()):
            obj[key] = value
        else:
            obj.pop(key, None)
    if data.draw(st.booleans()) and isinstance(obj.get("budget"), dict):
        obj["budget"][data.draw(st.sampled_from(["upfront_usd", "yearly_usd", "x"]))] = data.draw(
            json_values
        )
    if data.draw(st.booleans()):
        obj["decision"] = {
            "notes": data.draw(any_text),
            "leaning": data.draw(any_text),
            "leaning_option": data.draw(
                st.none() | st.sampled_from(sorted(synthetic_catalogue.treatments))
            ),
        }
    if data.draw(st.booleans()):
        obj["name"] = data.draw(any_text)
    check(obj, synthetic_catalogue)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(KEYS), json_values), max_size=4), st.data())
def test_mutated_valid_files_as_text(synthetic_catalogue, mutations, data):
    """The same as JSON text, with keys given twice: refused naming the key, or round-trips."""
    pairs = [(k, v) for k, v in json.loads(json.dumps(VALID)).items()]
    for key, value in mutations:
        pairs.insert(data.draw(st.integers(0, len(pairs))), (key, value))
    text = "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"
    keys = [k for k, _ in pairs]
    ids = answers_for_catalogue(synthetic_catalogue)
    try:
        answers = loads_answers(text, **ids)
    except AnswersError as exc:
        str(exc).encode("utf-8")
        dupes = {k for k in keys if keys.count(k) > 1}
        if dupes:
            assert "twice" in str(exc) and exc.field in dupes  # found before anything else
        return
    assert len(set(keys)) == len(keys), "a duplicate key was accepted"
    round_trips(answers, **ids)
    recommend(answers, synthetic_catalogue)


@settings(max_examples=500, deadline=None)
@given(any_text, st.booleans())
def test_cleaned_text_is_always_saved_and_read_back(text, multiline):
    """What the app's entries store (clean_text) is always accepted and round-trips."""
    cleaned = clean_text(text, multiline=multiline)
    cleaned.encode("utf-8")
    obj = dict(VALID, name=clean_text(text).strip()[:100])
    obj["decision"] = {"notes": cleaned, "leaning": clean_text(text)}
    answers = parse_answers(obj)
    round_trips(answers)


@SETTINGS
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_raw_bytes_and_text(value):
    """Raw junk as file content is refused with AnswersError only."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    try:
        loads_answers(text)
    except AnswersError:
        pass


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(
        [
            "male_pattern",
            "female_pattern",
            "alopecia_areata",
            "telogen_effluvium",
            "traction",
            "scarring",
            "unsure",
        ]
    ),
    st.integers(1, 120),
    st.sampled_from(["male", "female", "other"]),
    st.one_of(st.none(), st.floats(0, 1e7)),
    st.one_of(st.none(), st.floats(0, 1e7)),
    st.sampled_from(["low", "medium", "high"]),
    st.data(),
)
def test_every_valid_answer_set_gives_a_complete_result(
    synthetic_catalogue, type_id, age, sex, up, yearly, risk, data
):
    """Every valid combination lists every option, with waiting among them, and reasons for each."""
    conds = data.draw(
        st.lists(st.sampled_from(sorted(synthetic_catalogue.conditions)), max_size=5, unique=True)
    )
    obj = dict(
        VALID,
        hair_loss_type=type_id,
        age=age,
        sex=sex,
        risk_tolerance=risk,
        budget={"upfront_usd": up, "yearly_usd": yearly},
        conditions=conds,
    )
    answers = parse_answers(obj, **answers_for_catalogue(synthetic_catalogue))
    result = recommend(answers, synthetic_catalogue)
    assert all(o.reasons for o in result.options)
    assert result.option("synthetic_waiting") is not None
