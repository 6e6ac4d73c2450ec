"""Check a clinic's offer: every pattern's own examples, product names whatever their
spelling, sentences that deny a claim, the judgement of "FDA-approved" against the product
named, and the command line's text, JSON and one-line errors."""

import json
from pathlib import Path

import pytest

from decisionaid.cli import main
from decisionaid.offer_check import (
    MAX_CHARS,
    OfferChecker,
    OfferError,
    check_offer,
    compare_price,
    html_to_text,
    read_offer_file,
    split_sentences,
)

SEEDS = Path("/work/shared/seeds")


@pytest.fixture(scope="module")
def checker(catalogue):
    return OfferChecker.for_catalogue(catalogue)


def flagged_by(checker, sentence):
    return [pat.id for pat, *_ in checker.check_sentence(sentence)]


def test_the_catalogue_carries_the_patterns_and_every_kind(checker):
    """The patterns come from the built catalogue and cover the eight kinds of claim the checker knows."""
    assert checker.ready
    kinds = {p.kind for p in checker.patterns}
    assert kinds == {
        "regulatory",
        "efficacy",
        "speed",
        "safety",
        "permanence",
        "mechanism",
        "price_pressure",
        "credentials",
    }
    for p in checker.patterns:
        assert p.flag and p.passes and p.refs and p.why


def test_every_pattern_example_passes(checker, catalogue):
    """Each 'flag' example is flagged by its pattern, each 'pass' example is not; every source
    exists in the catalogue."""
    problems = []
    for p in checker.patterns:
        for ref in p.refs:
            assert ref in catalogue.references, (p.id, ref)
        for s in p.flag:
            if p.id not in flagged_by(checker, s):
                problems.append(f"{p.id} missed: {s}")
        for s in p.passes:
            if p.id in flagged_by(checker, s):
                problems.append(f"{p.id} wrongly flagged: {s}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "text, product",
    [
        ("We inject exosomes.", "exosomes"),
        ("One exosome treatment.", "exosomes"),
        ("XoFlo is used here.", "exosomes"),
        ("xo-flo vials", "exosomes"),
        ("Wharton's jelly injections", "perinatal_stem_cells_prp"),
        ("Whartons jelly", "perinatal_stem_cells_prp"),
        ("WHARTON\u2019S JELLY", "perinatal_stem_cells_prp"),
        ("stromal vascular fraction (SVF)", "adipose_svf"),
        ("Growth Factor Concentrate", "prp"),
        ("Regenera Activa sessions", "follicle_micrografts"),
        ("a Capillus laser cap", "low_level_light"),
        ("platelet-rich plasma", "prp"),
        ("Platelet Rich Plasma", "prp"),
    ],
)
def test_products_are_found_whatever_the_spelling(checker, text, product):
    assert product in [k for k, _ in checker.products_in(text)]


def test_longest_name_wins_and_outside_products_are_listed(catalogue):
    """'topical finasteride' is not also oral finasteride; Nutrafol is the catalogue's hair
    supplements entry; 'no treatment side effects' does not name watchful waiting."""
    r = check_offer("We sell topical finasteride. Nutrafol helps too. No treatment side effects.",
                    catalogue)  # fmt: skip
    ids = [p.id for p in r.products]
    assert "finasteride_topical" in ids and "finasteride_oral" not in ids
    assert "hair_supplements" in ids and "watchful_waiting" not in ids
    nutrafol = next(p for p in r.products if p.id == "hair_supplements")
    assert nutrafol.in_catalogue and nutrafol.regulatory == "not_a_medicine"


def test_fda_approved_is_judged_against_the_product_named(checker):
    assert "fda_approved" not in flagged_by(checker, "Rogaine is FDA-approved for hair loss.")
    assert "fda_approved" in flagged_by(checker, "Our FDA-approved exosomes regrow hair.")
    assert "fda_approved" in flagged_by(checker, "Our FDA-approved Capillus cap.")
    # A product this sentence does not name is taken from the sentences just before it...
    assert not checker.check_sentence("It is FDA-approved.", context=["minoxidil_topical"])
    # ...and with none at all, the unknown never counts as approved.
    assert "fda_approved" in flagged_by(checker, "It is FDA-approved.")


def test_registered_facility_is_flagged_even_with_an_approved_product(checker):
    s = "Our minoxidil is made in an FDA-registered facility."
    assert "fda_registered" in flagged_by(checker, s)


@pytest.mark.parametrize(
    "sentence",
    [
        "Exosomes are not approved by the FDA.",
        "No study has shown that stem cells regrow hair.",
        "Results vary from person to person.",
        "Individual results vary and no guarantees can be made.",
        "There is no cure for pattern hair loss.",
        "Is it a cure for hair loss?",
        "This product is not intended to diagnose, treat, cure or prevent any disease.",
    ],
)
def test_denials_and_honest_hedges_are_not_flagged(checker, sentence):
    assert flagged_by(checker, sentence) == []


def test_sentences_keep_their_place_in_the_text():
    text = "Dr. Lee offers PRP. Results in 2 weeks!\n\n\u2022 It is 100% safe.\nPrice: $500"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Dr. Lee offers PRP.",
        "Results in 2 weeks!",
        "It is 100% safe.",
        "Price: $500",
    ]


def test_report_text_is_the_input_and_questions_are_asked(catalogue):
    text = "Our exosomes are FDA-approved.  Results in two weeks, guaranteed."
    r = check_offer(text, catalogue)
    d = r.to_dict()
    assert set(d) == {"products", "flags", "questions"}
    assert d["products"][0] == {"id": "exosomes", "name": "Exosome injections",
                                "regulatory": "unapproved"}  # fmt: skip
    for f in d["flags"]:
        assert f["text"] in text and set(f) == {"text", "kind", "why", "refs"}
    kinds = {f["kind"] for f in d["flags"]}
    assert {"regulatory", "speed", "efficacy"} <= kinds
    joined = " ".join(d["questions"])
    for words in ("IND", "sterility", "who pays", "total cost"):
        assert words.lower() in joined.lower()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages are not on this machine")
def test_seed_four_fda_claim_is_found(catalogue):
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    r = check_offer(text, catalogue)
    assert any(f.pattern == "fda_approved" for f in r.flags)
    assert any(f.kind == "speed" for f in r.flags)


def test_price_is_compared_with_the_catalogue_range(catalogue):
    assert "within this range" in compare_price(catalogue, "exosomes", 5000)
    assert "above this range" in compare_price(catalogue, "exosomes", 50000)
    assert "$2,000 to $10,000" in compare_price(catalogue, "exosomes", None)
    assert "has no price" in compare_price(catalogue, "hair_supplements", 90)


def test_html_is_stripped_to_text(tmp_path):
    page = tmp_path / "offer.html"
    page.write_text(
        "<html><head><title>x</title><style>p{}</style></head><body><script>var a=1;</script>"
        "<h1>Exosomes</h1><p>Results in 2 weeks &amp; <b>guaranteed</b>.</p></body></html>",
        encoding="utf-8",
    )
    text = read_offer_file(page)
    assert "var a" not in text and "p{}" not in text
    assert "Results in 2 weeks & guaranteed." in text
    assert html_to_text("<p>a</p><p>b</p>").split() == ["a", "b"]


def test_bad_inputs_give_one_clear_line(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text("word " * (MAX_CHARS // 4), encoding="utf-8")
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    for path, words in (
        (big, "too long"),
        (binary, "not a text"),
        (empty, "no text"),
        (tmp_path / "missing.txt", "does not exist"),
        (tmp_path, "folder"),
    ):
        with pytest.raises(OfferError, match=words):
            read_offer_file(path)
        code = main(["check-offer", str(path)])
        err = capsys.readouterr().err
        assert code == 1 and words in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_cli_text_and_json(tmp_path, capsys, monkeypatch):
    offer = tmp_path / "offer.txt"
    offer.write_text("Our XoFlo exosomes are FDA approved. Book now and save!", encoding="utf-8")
    assert main(["check-offer", str(offer)]) == 0
    out = capsys.readouterr().out
    assert "PRODUCTS FOUND (1)" in out and "Exosome injections" in out
    assert "Rules and approval" in out and "Pressure to buy" in out
    assert "QUESTIONS TO ASK THIS CLINIC" in out and "Source:" in out
    assert main(["check-offer", str(offer), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in data["products"]] == ["exosomes"]
    assert {f["kind"] for f in data["flags"]} == {"regulatory", "price_pressure"}

    import io

    class Stdin(io.StringIO):
        pass

    monkeypatch.setattr("sys.stdin", Stdin("Completely safe and permanent."))
    assert main(["check-offer", "-", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["kind"] for f in data["flags"]} == {"safety", "permanence"}


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("Nutrafol thickens thinning hair.", True),  # a supplement never counts as fair
        ("Exosomes reboot the hair growth cycle.", True),  # unapproved
        ("PRP reboots the hair growth cycle.", True),  # off-label: still a promise
        ("Minoxidil foam regrows hair.", False),  # an approved medicine
        ("A hair transplant restores hair to bald areas.", False),  # lasting surgery
        ("Stress can trigger hair loss.", False),  # no product, not about a treatment
        ("It thickens thinning hair.", True),  # no product named, but about a treatment
        ("Exosomes may boost hair density.", False),  # hedged
        ("Exosomes do not boost hair density.", False),  # denied
    ],
)
def test_outcome_promises_are_judged_against_the_product(checker, sentence, flagged):
    """Round 4: an unhedged promise of outcome is flagged unless the product is an approved
    medicine or lasting surgery; an unknown or a supplement is never the permissive side."""
    assert ("outcome_promise" in flagged_by(checker, sentence)) is flagged


def test_outcome_promise_uses_the_product_named_just_before(catalogue):
    text = "We offer exosome therapy. They reboot the hair growth cycle."
    report = check_offer(text, catalogue)
    assert [f.pattern for f in report.flags if f.text.startswith("They")] == ["outcome_promise"]
    text = "We offer minoxidil foam. It regrows hair in some men and boosts hair density."
    assert not [f for f in check_offer(text, catalogue).flags if f.pattern == "outcome_promise"]


def test_a_catch_all_family_does_not_repeat_a_specific_explanation(checker):
    """'Patients will have thicker hair' is a promise (specific) and an outcome (catch-all): the
    card shows one explanation of that kind, not two saying the same thing."""
    ids = flagged_by(checker, "So once injected into the scalp, patients will have thicker hair.")
    assert "promise" in ids and "outcome_promise" not in ids
    assert "outcome_promise" in flagged_by(checker, "Exosomes thicken thinning hair.")
