"""The answers file format: valid files load, every bad one is refused naming its field."""

import json

import pytest

from decisionaid.answers import (
    FORMAT_VERSION,
    Answers,
    AnswersError,
    Budget,
    Decision,
    load_answers,
    loads_answers,
    parse_answers,
    save_answers,
)

VALID = {
    "format": "decisionaid-answers",
    "version": 1,
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


def with_(**changes):
    data = json.loads(json.dumps(VALID))
    data.update(changes)
    return data


def test_the_documented_example_loads():
    """The example in the issue and the README is a valid answers file."""
    a = parse_answers(VALID)
    assert a.hair_loss_type == "male_pattern" and a.age == 35 and a.sex == "male"
    assert a.budget == Budget(2000.0, 600.0)
    assert a.conditions == ("pregnant",)
    assert a.preferences["avoid_surgery"] is True
    assert a.priorities["evidence"] == 5 and a.priorities["benefit"] == 3  # default for the unsaid


def test_preferences_and_priorities_are_optional_with_defaults():
    """Leaving out preferences and priorities gives the documented defaults."""
    data = with_()
    del data["preferences"], data["priorities"]
    a = parse_answers(data)
    assert a.preferences == {
        "avoid_surgery": False,
        "avoid_injections": False,
        "daily_routine_ok": True,
    }
    assert set(a.priorities.values()) == {3}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"format": "something-else"}, "format"),
        ({"version": 3}, "version"),
        ({"version": "1"}, "version"),
        ({"hair_loss_type": "bald"}, "hair_loss_type"),
        ({"age": -3}, "age"),
        ({"age": 400}, "age"),
        ({"age": 35.5}, "age"),
        ({"age": True}, "age"),
        ({"sex": "unknown"}, "sex"),
        ({"budget": {"upfront_usd": -1, "yearly_usd": 0}}, "budget.upfront_usd"),
        ({"budget": {"upfront_usd": 1e12, "yearly_usd": 0}}, "budget.upfront_usd"),
        ({"budget": {"upfront_usd": "lots", "yearly_usd": 0}}, "budget.upfront_usd"),
        ({"budget": {"upfront_usd": 10}}, "budget.yearly_usd"),
        ({"budget": [1, 2]}, "budget"),
        ({"risk_tolerance": "extreme"}, "risk_tolerance"),
        ({"conditions": "pregnant"}, "conditions"),
        ({"conditions": [1]}, "conditions[0]"),
        ({"preferences": {"avoid_surgery": "yes"}}, "preferences.avoid_surgery"),
        ({"preferences": {"avoid_cats": True}}, "preferences.avoid_cats"),
        ({"priorities": {"evidence": 9}}, "priorities.evidence"),
        ({"priorities": {"looks": 2}}, "priorities.looks"),
        ({"budjet": {}}, "budjet"),
        ({"compare": ["a", "b", "c", "d", "e"]}, "compare"),
        ({"decision": {"sure": {"sure_of_myself": "maybe"}}}, "decision.sure.sure_of_myself"),
        ({"name": "x" * 1000}, "name"),
    ],
)
def test_bad_values_are_refused_naming_the_field(change, field):
    """Wrong types, unknown ids, absurd numbers and newer versions name the offending field."""
    with pytest.raises(AnswersError) as err:
        parse_answers(with_(**change))
    assert err.value.field == field
    assert field in str(err.value)


def test_a_newer_version_says_to_update_the_app():
    """A file from a newer app is refused with advice, not a cryptic error."""
    with pytest.raises(AnswersError, match="newer DecisionAid"):
        parse_answers(with_(version=FORMAT_VERSION + 1))


def test_missing_required_field_is_named():
    """A strict load needs the core answers; the autosave (partial) does not."""
    data = with_()
    del data["age"]
    with pytest.raises(AnswersError) as err:
        parse_answers(data)
    assert err.value.field == "age"
    assert parse_answers(data, partial=True).age is None


def test_unknown_condition_ids_are_refused_when_the_catalogue_is_known():
    """Condition ids come from the catalogue: an unknown one is named."""
    with pytest.raises(AnswersError, match=r"conditions\[0\]"):
        parse_answers(with_(conditions=["vampirism"]), condition_ids={"pregnant"})


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", "null", '{"format": 1}', "[" * 100000])
def test_garbage_text_gives_an_answers_error(text):
    """Anything that is not an answers file is refused with AnswersError only."""
    with pytest.raises(AnswersError):
        loads_answers(text)


def test_load_names_the_file(tmp_path):
    """Messages from a file name the file and the field."""
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(with_(age="old")))
    with pytest.raises(AnswersError) as err:
        load_answers(path)
    assert "mine.json" in str(err.value) and "age" in str(err.value)


@pytest.mark.parametrize("make", ["missing", "folder", "binary", "huge"])
def test_unreadable_files_are_refused_clearly(tmp_path, make):
    """Missing files, folders, binary junk and huge files each get a clear refusal."""
    path = tmp_path / "answers.json"
    if make == "folder":
        path.mkdir()
    elif make == "binary":
        path.write_bytes(b"\xff\xfe\x00\x81" * 50)
    elif make == "huge":
        path.write_text(" " * 2_000_000)
    with pytest.raises(AnswersError) as err:
        load_answers(path)
    assert "answers.json" in str(err.value)


def test_save_then_load_round_trips(tmp_path):
    """What the app saves is exactly what it reads back, including the decision notes."""
    a = Answers(
        hair_loss_type="female_pattern",
        age=52,
        sex="female",
        budget=Budget(500, None),
        risk_tolerance="medium",
        conditions=("breastfeeding",),
        conditions_unknown=True,
        warning_signs=("Itching or burning",),
        name="Ana",
        compare=("x", "y"),
        decision=Decision(
            sure={
                "sure_of_myself": True,
                "understand_information": False,
                "risk_benefit_clear": None,
                "enough_support": True,
            },
            leaning="Still deciding",
            notes="Ask about cost ≤ $500 – µ",
        ),
    )
    path = tmp_path / "a.json"
    save_answers(a, path)
    assert load_answers(path) == a


def test_sure_score_counts_yes_answers_only_when_complete():
    """The SURE score is N of 4, and unknown until all four are answered."""
    assert Decision().sure_score is None
    full = Decision(
        sure={
            "sure_of_myself": True,
            "understand_information": True,
            "risk_benefit_clear": False,
            "enough_support": True,
        }
    )
    assert full.sure_score == 3


def test_ticked_questions_round_trip_and_are_checked():
    """decision.questions (version 2): at most 3 different one-line texts."""
    import json

    from decisionaid.answers import AnswersError, Decision, loads_answers

    a = Answers(age=40, sex="male", decision=Decision(questions=("Is this safe for me?",)))
    assert loads_answers(a.to_json()).decision.questions == ("Is this safe for me?",)
    assert "questions" not in json.dumps(Answers(age=40, sex="male").to_dict())
    for bad, field in (
        (["a", "a"], "decision.questions[1]"),
        (["a", "b", "c", "d"], "decision.questions"),
        ("a", "decision.questions"),
        ([""], "decision.questions[0]"),
        ([3], "decision.questions[0]"),
        (["a\nb"], "decision.questions[0]"),
        (["x" * 301], "decision.questions[0]"),
    ):
        d = a.to_dict()
        d["decision"]["questions"] = bad
        with pytest.raises(AnswersError) as err:
            loads_answers(json.dumps(d))
        assert field in str(err.value), bad
