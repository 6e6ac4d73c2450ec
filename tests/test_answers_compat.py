"""Answers format version 2: the new optional fields, version 1 files and autosaves written by
0.1.0 (real files in tests/fixtures/answers-0.1.0), newer versions and renamed ids."""

import json
from pathlib import Path

import pytest

from decisionaid import answers as A
from decisionaid import session
from decisionaid.answers import (
    Answers,
    AnswersError,
    Decision,
    answers_for_catalogue,
    load_answers,
    loads_answers,
    parse_answers,
    save_answers,
)
from decisionaid.rules import recommend

FIXTURES = Path(__file__).parent / "fixtures" / "answers-0.1.0"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OLD_FILES = sorted(p for p in FIXTURES.glob("*.json") if not p.name.startswith("autosave"))
OLD_AUTOSAVES = sorted(FIXTURES.glob("autosave-*.json"))

V2 = {
    "format": "decisionaid-answers",
    "version": 2,
    "hair_loss_type": "alopecia_areata",
    "scalp_loss": "half_or_more",
    "age": 30,
    "sex": "female",
    "budget": {"upfront_usd": None, "yearly_usd": None},
    "risk_tolerance": "medium",
    "conditions": [],
    "viewed": ["baricitinib", "steroid_injections"],
    "decision": {"leaning_option": "baricitinib", "leaning": "Baricitinib"},
}


def test_the_fixtures_really_are_version_1_files():
    """The fixtures were written by 0.1.0: version 1, and none of version 2's fields."""
    assert len(OLD_FILES) >= 7 and len(OLD_AUTOSAVES) == 2
    for path in OLD_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["version"] == 1, path.name
        assert not {"scalp_loss", "viewed"} & set(data), path.name
    for path in OLD_AUTOSAVES:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["format"] == "decisionaid-session" and data["answers"]["version"] == 1


@pytest.mark.parametrize("path", OLD_FILES, ids=lambda p: p.name)
def test_version_1_files_written_by_0_1_0_still_load(path, catalogue):
    """Every answers file 0.1.0 wrote or shipped loads against today's catalogue and goes
    through the rules; the fields version 2 added take their 'not known' values."""
    answers = load_answers(path, **answers_for_catalogue(catalogue))
    assert answers.scalp_loss is None and answers.viewed == ()
    assert answers.decision.leaning_option is None
    result = recommend(answers, catalogue)
    assert len(result.options) == len(catalogue.treatments)


def test_the_full_file_saved_by_0_1_0_keeps_every_answer(catalogue):
    """Nothing 0.1.0 wrote is lost on the way in, and saving it again writes version 2."""
    answers = load_answers(FIXTURES / "saved-by-0.1.0.json", **answers_for_catalogue(catalogue))
    assert answers.name == "Ana María" and answers.age == 34
    assert answers.conditions == ("breastfeeding",) and answers.conditions_unknown
    assert answers.compare == ("steroid_injections", "watchful_waiting")
    assert answers.decision.notes == "Ask about:\n- eyebrows\n- cost ≤ $500"
    assert answers.decision.sure["understand_information"] is False
    again = json.loads(answers.to_json())
    assert again["version"] == 2
    assert parse_answers(again) == answers


@pytest.mark.parametrize("path", OLD_AUTOSAVES, ids=lambda p: p.name)
def test_autosaves_written_by_0_1_0_still_resume(path, tmp_path, catalogue):
    """An autosave from 0.1.0 is offered for resuming, with its step."""
    (tmp_path / session.DRAFT_NAME).write_bytes(path.read_bytes())
    draft = session.load_draft(tmp_path, **answers_for_catalogue(catalogue))
    assert draft is not None
    if "half-done" in path.name:
        assert draft.step == 2 and draft.answers.age is None
    else:
        assert draft.step == 7 and draft.answers.hair_loss_type == "alopecia_areata"
        assert draft.answers.scalp_loss is None  # 0.1.0 never asked: the app asks again


def test_version_2_fields_load_and_round_trip(tmp_path, catalogue):
    """scalp_loss, viewed and decision.leaning_option are read and written back."""
    answers = parse_answers(V2, **answers_for_catalogue(catalogue))
    assert answers.scalp_loss == "half_or_more"
    assert answers.viewed == ("baricitinib", "steroid_injections")
    assert answers.decision.leaning_option == "baricitinib"
    path = tmp_path / "a.json"
    save_answers(answers, path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["version"] == 2 and written["scalp_loss"] == "half_or_more"
    assert written["decision"]["leaning_option"] == "baricitinib"
    assert load_answers(path, **answers_for_catalogue(catalogue)) == answers


def test_writing_always_writes_version_2_and_leaves_out_unknowns():
    """Empty answers write version 2; an unknown extent, nothing viewed and no leaning option
    are left out, so the file reads the same in older and newer apps."""
    data = Answers().to_dict()
    assert data["version"] == A.FORMAT_VERSION == 2
    assert not {"scalp_loss", "viewed", "decision"} & set(data)
    data = Answers(decision=Decision(notes="x")).to_dict()
    assert "leaning_option" not in data["decision"]


@pytest.mark.parametrize("extent", ["less_than_half", "half_or_more", "total"])
def test_each_extent_is_accepted(extent):
    assert parse_answers({**V2, "scalp_loss": extent}).scalp_loss == extent


def test_not_sure_is_null_or_absent():
    """'I'm not sure' is null in the file and None in the answers: the rules treat it as unknown."""
    assert parse_answers({**V2, "scalp_loss": None}).scalp_loss is None
    data = dict(V2)
    del data["scalp_loss"]
    assert parse_answers(data).scalp_loss is None


@pytest.mark.parametrize(
    "change, field",
    [
        ({"scalp_loss": "most"}, "scalp_loss"),
        ({"scalp_loss": 50}, "scalp_loss"),
        ({"scalp_loss": ["total"]}, "scalp_loss"),
        ({"viewed": "baricitinib"}, "viewed"),
        ({"viewed": ["baricitinib", "snake_oil"]}, "viewed[1]"),
        ({"viewed": [7]}, "viewed[0]"),
        ({"decision": {"leaning_option": "snake_oil"}}, "decision.leaning_option"),
        ({"decision": {"leaning_option": 3}}, "decision.leaning_option"),
        ({"decision": {"leaning_optoin": "baricitinib"}}, "decision.leaning_optoin"),
        ({"compare": ["snake_oil"]}, "compare[0]"),
        ({"conditions": ["vampirism"]}, "conditions[0]"),
    ],
)
def test_bad_version_2_values_are_refused_naming_the_field(change, field, catalogue):
    with pytest.raises(AnswersError) as err:
        parse_answers({**V2, **change}, **answers_for_catalogue(catalogue))
    assert err.value.field == field
    assert f"field '{field}'" in str(err.value)


@pytest.mark.parametrize("version", [3, 99])
def test_a_newer_version_is_refused_with_advice(version):
    with pytest.raises(AnswersError) as err:
        parse_answers({**V2, "version": version})
    assert err.value.field == "version"
    assert "newer DecisionAid" in str(err.value) and "update" in str(err.value)


def test_renamed_ids_load_through_their_alias(monkeypatch, catalogue):
    """An id renamed in the catalogue keeps working in old files: the alias maps it on load,
    everywhere a treatment or condition id appears; saving writes the new id."""
    monkeypatch.setitem(A.ID_ALIASES, "treatments", {"old_barici": "baricitinib"})
    monkeypatch.setitem(A.ID_ALIASES, "conditions", {"expecting": "pregnant"})
    data = {
        **V2,
        "conditions": ["expecting"],
        "compare": ["old_barici", "baricitinib"],
        "viewed": ["old_barici"],
        "decision": {"leaning_option": "old_barici"},
    }
    answers = parse_answers(data, **answers_for_catalogue(catalogue))
    assert answers.conditions == ("pregnant",)
    assert answers.compare == ("baricitinib",)  # the alias and the new id are one option
    assert answers.viewed == ("baricitinib",)
    assert answers.decision.leaning_option == "baricitinib"
    assert "old_barici" not in answers.to_json() and "expecting" not in answers.to_json()


def test_the_aliases_are_consistent_with_the_catalogue(catalogue):
    """Every alias maps an id the catalogue no longer has to one it has."""
    for old, new in A.ID_ALIASES["treatments"].items():
        assert old not in catalogue.treatments and new in catalogue.treatments
    for old, new in A.ID_ALIASES["conditions"].items():
        assert old not in catalogue.conditions and new in catalogue.conditions


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_the_examples_are_version_2_and_load(path, catalogue):
    answers = load_answers(path, **answers_for_catalogue(catalogue))
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
    recommend(answers, catalogue)


def test_there_is_an_alopecia_areata_example_with_an_extent():
    extents = {
        json.loads(p.read_text(encoding="utf-8")).get("scalp_loss") for p in EXAMPLES.glob("*.json")
    }
    assert extents & {"less_than_half", "half_or_more", "total"}


def test_loads_answers_reads_version_2_text():
    assert loads_answers(json.dumps(V2)).scalp_loss == "half_or_more"
