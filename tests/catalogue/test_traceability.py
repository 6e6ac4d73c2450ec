"""No editors' working notes in what people read, and every decision number quoted."""

from decisionaid.catalogue.sources import (
    Sources,
    numbers_in,
    quote_problems,
    unquoted_numbers,
    working_note_problems,
)


def _src(**kw) -> Sources:
    src = Sources()
    for key, value in kw.items():
        setattr(src, key, value)
    return src


def test_working_notes_in_visible_texts_are_problems():
    src = _src(
        references={
            "a": {"id": "a", "citation": "A page.", "conflict_of_interest": "Not read."},
            "b": {"id": "b", "citation": "B", "locator": "Project seed page 002"},
            "c": {"id": "c", "citation": "C", "locator": "abstract read through booksci.cn"},
        },
        treatments={
            "t": {
                "id": "t",
                "claims": [{"claimed_by": "A clinic (seed page 004)"}],
                "summary": "Fine text.",
            }
        },
        files={"references:a": "references/a.toml", "treatments:t": "treatments/t.toml"},
    )
    problems = working_note_problems(src)
    where = [p.where for p in problems]
    assert "references/a.toml conflict_of_interest" in where
    assert any(w.startswith("references/b") for w in where)
    assert any(w.startswith("references/c") for w in where)
    assert "treatments/t.toml claims[1] claimed_by" in where
    assert len(problems) == 4


def test_honest_disclosures_and_hidden_quotes_pass():
    src = _src(
        references={
            "a": {
                "id": "a",
                "citation": "A study.",
                "locator": "We could read only the summary (abstract).",
                "conflict_of_interest": "Not stated in the summary we read.",
            }
        },
        treatments={
            "t": {
                "id": "t",
                "summary": "US pharmacies mix their own versions, which the FDA has not checked.",
                "benefits": [
                    {"text": "x", "quotes": [{"ref": "a", "read": "second-hand", "text": "x"}]}
                ],
            }
        },
    )
    assert working_note_problems(src) == []


def test_the_catalogue_has_no_working_notes(real_sources):
    src, _ = real_sources
    assert working_note_problems(src) == []


def test_numbers_in_skips_years_and_names():
    assert numbers_in("In 2022, 11.5% of 71 people paid $2,000 (Kenalog-10, K060305).") == [
        "11.5",
        "71",
        "$2,000",
    ]


def test_unquoted_numbers_are_listed_until_a_quote_is_given():
    row = {"text": "17 more hairs", "treated_per_100": 40.0, "comparison_per_100": 20.0}
    src = _src(treatments={"t": {"id": "t", "summary": "No numbers here.", "benefits": [row]}})
    assert unquoted_numbers(src) == [
        ("treatments/t benefits[1]", "17"),
        ("treatments/t benefits[1]", "treated_per_100=40"),
        ("treatments/t benefits[1]", "comparison_per_100=20"),
    ]
    row["quotes"] = [{"ref": "r", "read": "abstract", "text": "17.2 hairs"}]
    assert unquoted_numbers(src) == []


def test_zero_cost_of_doing_nothing_needs_no_quote_but_a_treatments_does():
    cost = {"known": True, "upfront_usd": [0, 0], "yearly_usd": [0, 0], "note": "Free."}
    waiting = {"id": "w", "category": "no_treatment", "summary": "Wait.", "cost": dict(cost)}
    pill = {"id": "p", "category": "standard", "summary": "A pill.", "cost": dict(cost)}
    src = _src(treatments={"w": waiting, "p": pill})
    assert unquoted_numbers(src) == [
        ("treatments/p cost", "upfront_usd=[0, 0]"),
        ("treatments/p cost", "yearly_usd=[0, 0]"),
    ]
    waiting["cost"]["yearly_usd"] = [0, 50]
    assert unquoted_numbers(src)[-1] == ("treatments/w cost", "yearly_usd=[0, 50]")


def test_quotes_must_name_a_cited_reference_and_how_it_was_read():
    row = {"text": "1 in 100", "refs": ["r"], "quotes": [{"ref": "s", "read": "heard", "text": ""}]}
    src = _src(
        references={"r": {"id": "r"}, "s": {"id": "s"}},
        treatments={"t": {"id": "t", "harms": [row]}},
    )
    messages = " | ".join(str(p) for p in quote_problems(src))
    assert "not among this fact's refs" in messages
    assert "'read'" in messages
    assert "'text' is empty" in messages


def test_check_reports_the_unquoted_count(real_check):
    assert "Decision numbers in fields with no quoted source passage:" in real_check[1]


def test_every_icon_array_row_has_a_quoted_passage(real_sources):
    """Rows with treated/comparison numbers are drawn as icon arrays: each must carry the
    passage its numbers come from."""
    src, _ = real_sources
    missing = [
        f"{tid} {group} {i}"
        for tid, t in src.treatments.items()
        for group in ("benefits", "harms")
        for i, row in enumerate(t.get(group) or [], 1)
        if "treated_per_100" in row and not row.get("quotes")
    ]
    assert not missing, missing


def test_every_entry_has_a_checked_field_for_the_second_editor(real_sources):
    src, _ = real_sources
    for item in list(src.treatments.values()) + list(src.hair_loss_types.values()):
        assert "checked" in item, item["id"]


def test_numbers_missing_from_their_quotes_are_reported_within_rounding():
    from decisionaid.catalogue.sources import numbers_not_in_quotes

    row = {
        "text": "About 19 in 100 had it; 7 more hairs; $600 a year.",
        "quotes": [{"ref": "r", "read": "abstract", "text": "18.6% had it (n=393)"}],
    }
    src = _src(treatments={"t": {"id": "t", "benefits": [row]}})
    # 19 matches 18.6 within rounding; 100 ("in 100") is never flagged; 7 and $600 are.
    assert numbers_not_in_quotes(src) == [
        ("treatments/t benefits[1]", "7"),
        ("treatments/t benefits[1]", "$600"),
    ]
    row["quotes"].append({"ref": "r", "read": "full text", "text": "$50 a month; 7.1 hairs"})
    assert numbers_not_in_quotes(src) == [("treatments/t benefits[1]", "$600")]


def test_check_reports_numbers_missing_from_quotes_without_failing(real_check):
    status, report = real_check
    assert status == 0
    assert "Decision numbers not found in their own quotes" in report
