"""The summary is readable and navigable: page 1 holds what a
clinician needs first and is exactly one page; the median character is at least 10 pt; the PDF
has bookmarks, live links, a language and metadata; words are never split."""

from __future__ import annotations

import io
import statistics
from pathlib import Path

import pytest
from report_helpers import TODAY, patients, real_catalogue_or_skip, squash

from decisionaid.answers import Answers, Budget, Decision, load_answers
from decisionaid.report import pdf as report_pdf
from decisionaid.rules import recommend

pdfplumber = pytest.importorskip("pdfplumber")

PAGE_ONE = (
    "1. For today's visit",
    "Who",
    "My hair loss",
    "Health conditions",
    "Red flags",
    "Where I am leaning",
    "My worries and notes",
    "SURE score",
    "My top 3 priorities",
    "Options that fit my answers",
    "Options to discuss with care",
    "Questions I most want to ask:",
)


def realistic(catalogue) -> Answers:
    """Medium risk, a stated budget, one health condition, leaning on an option that fits."""
    return Answers(
        hair_loss_type="female_pattern",
        age=45,
        sex="female",
        budget=Budget(500, 600),
        risk_tolerance="medium",
        conditions=("low_blood_pressure",) if "low_blood_pressure" in catalogue.conditions else (),
        compare=tuple(
            t for t in ("minoxidil_topical", "minoxidil_oral_low_dose") if t in catalogue.treatments
        ),
        decision=Decision(
            leaning="Minoxidil lotion or foam (2% or 5%)",
            notes="My part is getting wider. I get dizzy when I stand up fast.",
        ),
    )


def leaning_on_excluded(catalogue) -> Answers:
    return Answers(
        name="Tom",
        hair_loss_type="male_pattern",
        age=58,
        sex="male",
        budget=Budget(1000, 500),
        risk_tolerance="medium",
        conditions=("anticoagulants",),
        compare=("hair_transplant", "prp", "minoxidil_topical"),
        decision=Decision(leaning_option="hair_transplant", notes="Worried about bleeding."),
    )


_cache: dict = {}


def _label_column(page):
    """Page 1's first table column (the labels), cropped so its lines are not interleaved
    with the answers beside them."""
    left = report_pdf.MARGIN_X
    right = left + 0.22 * (page.width - 2 * report_pdf.MARGIN_X)
    return page.crop((0, 0, right, page.height))


def _pdf(name: str, answers: Answers, catalogue, paper: str = "a4"):
    key = (name, paper, catalogue.meta.version)
    if key not in _cache:
        result = recommend(answers, catalogue)
        data = report_pdf.build_summary_pdf(result, paper=paper, today=TODAY)
        _cache[key] = (result, data)
    return _cache[key]


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


_opened: dict = {}


def _plumbed(name: str, answers: Answers, catalogue, paper: str = "a4"):
    """The PDF opened with pdfplumber, once per patient and paper: its pages keep the characters
    they have read, so the tests that measure the same pages share the work."""
    key = (name, paper, catalogue.meta.version)
    if key not in _opened:
        _, data = _pdf(name, answers, catalogue, paper)
        _opened[key] = pdfplumber.open(io.BytesIO(data))
    return _opened[key]


@pytest.fixture(scope="module", autouse=True)
def _close_opened():
    yield
    for pdf in _opened.values():
        pdf.close()
    _opened.clear()


def _cases(catalogue):
    """The four patients, the realistic one, the blood-thinner patient leaning on an excluded
    option, and two examples (one with extensive alopecia areata)."""
    cases = dict(patients(catalogue))
    cases["realistic"] = realistic(catalogue)
    if all(t in catalogue.treatments for t in ("hair_transplant", "prp")):
        cases["leaning_on_excluded"] = leaning_on_excluded(catalogue)
    for name in EXAMPLE_FILES:
        if (EXAMPLES / name).exists():
            cases[name] = load_answers(EXAMPLES / name)
    return cases


EXAMPLE_FILES = ("exosome-question.json", "alopecia-areata-extensive.json")
# The two examples are slow twins of the checks that render every case (about two seconds of
# PDFs): the default run takes the six patients, among them the two with the fullest page 1.
WHICH = ["patients", pytest.param("examples", marks=pytest.mark.slow)]


def _which(catalogue, which: str) -> dict[str, Answers]:
    return {
        n: a for n, a in _cases(catalogue).items() if (n in EXAMPLE_FILES) == (which != "patients")
    }


# Letter: the same check, slow (each paper renders every patient again); the default run keeps
# A4, the Letter page budget of the realistic case and test_report_pdf's page-size test.
LETTER_SLOW = pytest.param("letter", marks=pytest.mark.slow)


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize("paper", ["a4", LETTER_SLOW])
def test_page_one_holds_the_visit_and_is_exactly_one_page(paper, which):
    """Every item of "For today's visit" is on page 1, set at full size (not shrunk to fit),
    and section 2 starts page 2."""
    catalogue = real_catalogue_or_skip()
    for name, answers in _which(catalogue, which).items():
        pdf = _plumbed(name, answers, catalogue, paper)
        first, second = pdf.pages[0], pdf.pages[1]
        text = squash(first.extract_text()) + squash(_label_column(first).extract_text())
        for item in PAGE_ONE:
            assert squash(item) in text, (name, paper, item)
        body = [c["size"] for c in first.chars if c["text"].strip() and c["size"] > 8.5]
        assert min(body) >= 8.9, (name, paper, "page 1 was shrunk to fit")
        assert second.extract_text().lstrip().startswith("2. "), (name, paper)


def test_leaning_on_an_option_that_is_not_for_them_is_flagged_with_the_reason():
    catalogue = real_catalogue_or_skip()
    result, _ = _pdf("leaning_on_excluded", leaning_on_excluded(catalogue), catalogue)
    assert result.option("hair_transplant").status == "excluded"
    page = _plumbed("leaning_on_excluded", leaning_on_excluded(catalogue), catalogue).pages[0]
    text = squash(
        page.crop((_label_column(page).bbox[2], 0, page.width, page.height)).extract_text()
    )
    assert squash("The app says this option is NOT for me") in text
    assert "budget" in text and squash("Also needs care: I take blood thinners.") in text


# Reading every character of every page takes about a second per patient: the default run
# measures two patients (the realistic one and the unsure one with warning signs), the slow
# twin the others.
MEDIAN_FAST = ("realistic", "unsure_with_warning_signs")


def _median_character_size(names) -> None:
    catalogue = real_catalogue_or_skip()
    cases = _cases(catalogue)
    for name in names:
        pdf = _plumbed(name, cases[name], catalogue)
        sizes = [c["size"] for p in pdf.pages for c in p.chars if c["text"].strip()]
        assert statistics.median(sizes) >= 10, (name, statistics.median(sizes))
        assert sum(1 for x in sizes if x < 9) / len(sizes) < 0.05, name  # only page footers


def test_median_character_size_is_at_least_10_pt():
    """Measured on every character of every page, for two patients."""
    _median_character_size(MEDIAN_FAST)


@pytest.mark.slow
def test_median_character_size_is_at_least_10_pt_for_the_other_patients():
    catalogue = real_catalogue_or_skip()
    _median_character_size([n for n in _cases(catalogue) if n not in MEDIAN_FAST])


def test_realistic_case_is_at_most_six_pages():
    catalogue = real_catalogue_or_skip()
    for paper in ("a4", "letter"):
        pdf = _plumbed("realistic", realistic(catalogue), catalogue, paper)
        assert len(pdf.pages) <= 6, (paper, len(pdf.pages))


def test_bookmarks_links_language_and_metadata():
    from pypdf import PdfReader

    catalogue = real_catalogue_or_skip()
    result, data = _pdf("leaning_on_excluded", leaning_on_excluded(catalogue), catalogue)
    reader = PdfReader(io.BytesIO(data))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0] == "1. For today's visit"
    assert any(t.endswith("For the clinician") for t in titles)
    assert any(t.endswith("References") for t in titles)
    nested = [o for o in reader.outline if isinstance(o, list)]
    assert nested, "each option card has its own bookmark under its section"
    # each bookmark opens its own page (pages held back for "Page N of M" sent all to page 1)
    number = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}

    def pages(outline) -> list[int]:
        out = []
        for o in outline:
            out += pages(o) if isinstance(o, list) else [number[o.page.idnum]]
        return out

    opened = pages(reader.outline)
    assert opened == sorted(opened) and opened[0] == 1 and opened[-1] >= len(reader.pages) - 1
    assert len(set(opened)) >= len(reader.pages) - 1
    meta = reader.metadata
    assert meta.title.startswith("My hair-loss options") and meta.author == "Tom"
    assert "not a diagnosis" in meta.subject.lower()
    assert reader.trailer["/Root"].get("/Lang") == "en"
    uris = [
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots", []) or []
        if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]
    ]
    assert any(u.startswith("https://doi.org/10.") for u in uris)
    assert any(u.startswith("https://pubmed.ncbi.nlm.nih.gov/") for u in uris)


def test_no_style_splits_words():
    """splitLongWords is off everywhere: never "FDA-cleare d"."""
    for name, style in report_pdf._styles().items():
        assert style.splitLongWords == 0, name


def high_risk_unlimited() -> Answers:
    return Answers(
        hair_loss_type="male_pattern",
        age=40,
        sex="male",
        budget=Budget(None, None),
        risk_tolerance="high",
    )


@pytest.mark.parametrize("paper", ["a4", LETTER_SLOW])
def test_page_budgets_on_the_real_catalogue(paper):
    """The page budgets with the default sections: at most 6 pages for a realistic case
    (medium risk, a stated budget, one health condition: the blood-thinner patient leaning on
    an excluded option) and at most 10 for a high-risk, unlimited-budget case. Options the
    person did not look at get compact cards, so the second stays short although 26 options
    fit it."""
    catalogue = real_catalogue_or_skip()
    budgets = {"high_risk_unlimited": (high_risk_unlimited(), 10)}
    if all(t in catalogue.treatments for t in ("hair_transplant", "prp")):
        budgets["leaning_on_excluded"] = (leaning_on_excluded(catalogue), 6)
    for name, (answers, most) in budgets.items():
        pdf = _plumbed(name, answers, catalogue, paper)
        assert len(pdf.pages) <= most, (name, paper, len(pdf.pages))


WORKING_NOTES = ("seed page", "project seed", "booksci", "not read", "part read", "registry mirror")


@pytest.mark.parametrize("which", WHICH)
def test_no_working_notes_reach_the_pdf_or_the_web_page(which):
    """Editors' notes in the catalogue ("(seed page 001)", "Not read.") never reach the summary,
    for the six patients and two examples. (data/ itself is checked for them by
    `catalogue check`, in the default run.)"""
    from report_helpers import pdf_text

    from decisionaid.report import html as report_html
    from decisionaid.report import summary as s

    catalogue = real_catalogue_or_skip()
    for name, answers in _which(catalogue, which).items():
        result, data = _pdf(name, answers, catalogue)
        page = report_html.render_html(s.build_summary(result, today=TODAY)).lower()
        text = pdf_text(data).lower().replace("\n", " ")
        for note in WORKING_NOTES:
            assert note not in text, (name, "pdf", note)
            assert note not in page, (name, "html", note)


def test_page_one_shows_the_ticked_questions_or_neutral_ones():
    """Ticked questions (answers version 2, decision.questions) are page 1's questions; with
    none ticked, page 1 falls back to neutral ones that apply."""
    import dataclasses

    from decisionaid.answers import loads_answers
    from decisionaid.report import summary as s

    catalogue = real_catalogue_or_skip()
    answers = leaning_on_excluded(catalogue)
    choices = s.question_choices(recommend(answers, catalogue))
    ticked = (choices[-1], choices[1])
    answers = answers.with_changes(decision=dataclasses.replace(answers.decision, questions=ticked))
    assert loads_answers(answers.to_json()).decision.questions == ticked  # saved and loaded
    result = recommend(answers, catalogue)
    today = s.build_summary(result, today=TODAY).sections[0]
    asked = next(b for b in today.blocks if isinstance(b, s.Bullets))
    assert asked.items == ticked
    data = report_pdf.build_summary_pdf(result, paper="a4", today=TODAY)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = squash(pdf.pages[0].extract_text())
    assert all(squash(q) in first for q in ticked)
    plain = s.build_summary(recommend(leaning_on_excluded(catalogue), catalogue), today=TODAY)
    neutral = next(b for b in plain.sections[0].blocks if isinstance(b, s.Bullets)).items
    assert len(neutral) == 3 and neutral != ticked


def test_compact_cards_for_options_not_looked_at_and_every_caution_kept():
    """Options the person leans towards, compared or opened get a full card (every row);
    the others a compact one (benefit and main harm in the same form, certainty, regulator,
    cost, and every caution). A caution worded the same for several compact cards is said once
    above them, with their names, and each card points to it. Doing nothing is always there."""
    from decisionaid.report import summary as s

    catalogue = real_catalogue_or_skip()
    for name, answers in _cases(catalogue).items():
        result = recommend(answers, catalogue)
        summary = s.build_summary(result, today=TODAY)
        cards = {
            b.title: b for sec in summary.sections for b in sec.blocks if isinstance(b, s.Card)
        }
        looked = {o.treatment.name for o in s._Context(result, None, TODAY, "").looked_at()}
        shown = result.by_status("suitable") + result.by_status("caution")
        assert set(cards) == {o.treatment.name for o in shown}, name
        notes = " ".join(
            b.text for b in summary.sections[1].blocks if isinstance(b, s.Para) and b.label
        )
        for o in shown:
            card = cards[o.treatment.name]
            labels = [label for label, _ in card.rows]
            assert card.compact == (o.treatment.name not in looked), (name, card.title)
            if card.compact:
                assert labels[-5:] == ["Benefit", "Main harm", "Certainty", "Regulator", "Cost"]
            else:
                assert "If I stop" in labels and "Cost, effort" in labels
            text = " ".join(body for _, body in card.rows)
            for r in o.reasons:
                if r.effect == "caution":
                    said = s._no_examples(r.text)
                    if said in text:
                        continue
                    assert card.compact and said in notes, (name, o.id, r.rule)
                    assert o.treatment.name in notes and "see the note above" in text
        everything = " ".join(repr(sec.blocks) for sec in summary.sections)
        nothing = [t for t in catalogue.treatments.values() if t.category == "no_treatment"]
        assert nothing and all(t.name in everything for t in nothing), name


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize("paper", ["a4", LETTER_SLOW])
def test_no_near_empty_last_page(paper, which):
    """The last page holds more than a few lines (a fifth of the page at least) for every
    patient and example; the layout uses slightly tighter spacing only when that saves it."""
    catalogue = real_catalogue_or_skip()
    for name, answers in _which(catalogue, which).items():
        pdf = _plumbed(name, answers, catalogue, paper)  # shared with the tests above
        page = pdf.pages[-1]
        body = [c["bottom"] for c in page.chars if c["text"].strip() and c["size"] > 8.5]
        top, bottom = report_pdf.MARGIN_TOP, page.height - report_pdf.MARGIN_BOTTOM
        assert (max(body) - top) / (bottom - top) > 0.2, (name, paper, len(pdf.pages))


def test_options_ruled_out_by_a_condition_are_grouped_under_its_name():
    """The 'does not fit' lines group options by the condition their reason is about (the
    reason's structured condition id, not its English): each condition that rules an option out
    is named, and no option falls into an unnamed 'health condition' group."""
    from decisionaid.report import summary as s

    catalogue = real_catalogue_or_skip()
    for answers in patients(catalogue).values():
        result = recommend(answers, catalogue)
        lines = [
            line
            for section in s.build_summary(result, today=TODAY).sections
            for block in section.blocks
            if isinstance(block, s.Bullets)
            for line in block.items
        ]
        for option in result.by_status("excluded"):
            first = next(r for r in option.reasons if r.effect == "excluded")
            if first.kind != "contraindication" or first.rule in s.GROUP_LABELS:
                continue
            label = s.ruled_out_label(catalogue.conditions[first.condition]) + ": "
            assert any(line.startswith(label) and option.treatment.name in line for line in lines)
        assert not any("A health condition rules it out" in line for line in lines)


def test_ruled_out_groups_read_in_the_first_person():
    from decisionaid.report import summary as s

    catalogue = real_catalogue_or_skip()
    conditions = catalogue.conditions
    assert s.ruled_out_label(conditions["pregnant"]) == "Not for me because I am pregnant"
    assert s.ruled_out_label(conditions["anticoagulants"]) == (
        "Not for me because I take blood thinners"
    )
    assert s.ruled_out_label(conditions["male"]) == "Not for men"
    assert s.ruled_out_label(conditions["under_18"]) == "Not for people under 18"
    assert s.first_person("Your scalp hurts, burns or itches") == "My scalp hurts, burns or itches"
    assert s.first_person("you are pregnant") == "I am pregnant"
    assert s.first_person("you had an organ transplant or are on a transplant list") == (
        "I had an organ transplant or am on a transplant list"
    )
    assert s.first_person("your scalp is sore, and treatments are hard") == (
        "my scalp is sore, and treatments are hard"
    )


def test_a_serious_harm_row_that_says_none_was_seen_is_not_labelled_serious():
    from decisionaid import presentation as pr

    assert pr.mark_serious("Blood clots in the legs.") == "Serious: Blood clots in the legs."
    no_harm = "No serious side effects were seen in the trial of 65 people. Rare harms are unknown."
    assert pr.mark_serious(no_harm) == no_harm


def test_short_reasons_keep_what_the_person_said():
    """The rules write each reason's one line in the person's voice, from the answer itself (not
    by reading the long text): 'Needs care: My immune system is weak.', and a firm rule reads
    'Not for me'."""
    from report_helpers import real_catalogue_or_skip

    from decisionaid.answers import Answers, Budget
    from decisionaid.report import summary as s
    from decisionaid.rules import recommend

    catalogue = real_catalogue_or_skip()
    answers = Answers(
        hair_loss_type="female_pattern",
        age=33,
        sex="female",
        conditions=("immunocompromised", "pregnant", "cyp2c9_poor_metabolizer"),
        budget=Budget(upfront_usd=100_000, yearly_usd=100_000),
    )
    result = recommend(answers, catalogue)
    lines = {
        s.short_reason(r)
        for o in result.options
        for r in o.reasons
        if r.rule.startswith("contraindication.")
    }
    assert "Needs care: My immune system is weak." in lines
    assert "Not for me: I am pregnant." in lines
    assert (
        "Not for me: A gene test showed my body is slow to clear some medicines." in lines
        or "Needs care: A gene test showed my body is slow to clear some medicines." in lines
    )
    assert all(line.startswith(("Needs care: ", "Not for me: ")) for line in lines), lines
