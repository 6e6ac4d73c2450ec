"""The pasted offer lives only in the answers (so Save and Forget cover it), is validated like
every other field, and the summary carries "What the clinic told me, and what the evidence says"."""

import datetime as dt

import pytest

from decisionaid.answers import (
    MAX_OFFER_TEXT,
    Answers,
    AnswersError,
    Offer,
    loads_answers,
    parse_answers,
)
from decisionaid.report.summary import Bullets, Para, Table, build_summary
from decisionaid.rules import recommend

BASE = {
    "format": "decisionaid-answers",
    "version": 1,
    "hair_loss_type": "male_pattern",
    "age": 40,
    "sex": "male",
    "budget": {"upfront_usd": None, "yearly_usd": None},
    "risk_tolerance": "medium",
    "conditions": [],
}
OFFER = "Our XoFlo exosomes are FDA approved. Results in two weeks! Today only: 20% off."


def test_offer_round_trips_through_json():
    a = Answers(age=40, sex="male", offer=Offer(OFFER, 4500.0))
    again = loads_answers(a.to_json())
    assert again.offer == Offer(OFFER, 4500.0)
    assert "offer" not in Answers(age=40, sex="male").to_dict()


def test_offer_text_is_cleaned_on_entry_refused_from_a_file_and_limited():
    """The app cleans a paste (one function for every text entry); a file is never changed
    silently: like the notes, a control character in it is refused naming the field."""
    from decisionaid.answers import clean_text

    assert clean_text("a\r\nb\x00c\x07", multiline=True) == "a\nbc"
    got = parse_answers(dict(BASE, offer={"text": "a\nb\tc", "price_usd": None}))
    assert got.offer == Offer("a\nb\tc", None)
    with pytest.raises(AnswersError, match=r"offer\.text"):
        parse_answers(dict(BASE, offer={"text": "a\x00b"}))
    assert parse_answers(dict(BASE, offer={"text": "x" * MAX_OFFER_TEXT})).offer.text
    with pytest.raises(AnswersError, match=r"offer\.text"):
        parse_answers(dict(BASE, offer={"text": "x" * (MAX_OFFER_TEXT + 1)}))


@pytest.mark.parametrize(
    "offer, field",
    [
        ("text", "offer"),
        ({"text": 5}, "offer.text"),
        ({"text": "", "price_usd": "500"}, "offer.price_usd"),
        ({"text": "", "price_usd": -1}, "offer.price_usd"),
        ({"text": "", "colour": "red"}, "offer.colour"),
    ],
)
def test_bad_offers_name_the_field(offer, field):
    with pytest.raises(AnswersError) as info:
        parse_answers(dict(BASE, offer=offer))
    assert info.value.field == field


def _section(catalogue, answers):
    summary = build_summary(recommend(answers, catalogue), sections={"offer"},
                            today=dt.date(2026, 12, 1))  # fmt: skip
    (section,) = summary.sections
    assert section.title == "What the clinic told me, and what the evidence says"
    return section


def test_summary_section_lists_flags_questions_and_price(catalogue):
    answers = Answers(age=40, sex="male", hair_loss_type="male_pattern",
                      offer=Offer(OFFER, 4500.0))  # fmt: skip
    blocks = _section(catalogue, answers).blocks
    table = next(b for b in blocks if isinstance(b, Table))
    said = [row[0] for row in table.rows]
    assert any("FDA approved" in s for s in said) and any("Today only" in s for s in said)
    assert any("[" in row[2] for row in table.rows)  # every why carries its source number
    questions = [b for b in blocks if isinstance(b, Bullets) and "Questions" in b.label]
    assert questions and any("IND" in q for q in questions[0].items)
    price = [b for b in blocks if isinstance(b, Para) and b.label.startswith("The price")]
    assert price and "$4,500" in price[0].text and "Exosome injections" in price[0].text
    assert any("not thereby true" in b.text for b in blocks if isinstance(b, Para))


def test_summary_section_without_an_offer_says_so(catalogue):
    blocks = _section(catalogue, Answers(age=40, sex="male")).blocks
    assert len(blocks) == 1 and "did not check" in blocks[0].text
