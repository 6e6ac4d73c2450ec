"""The consultation summary PDF: everything that matters is on the page, readable, and safely written."""

from __future__ import annotations

import errno
import io
import os

import pytest
from report_helpers import (
    SPECIAL,
    TODAY,
    page_texts,
    patients,
    pdf_text,
    real_catalogue_or_skip,
    squash,
)

from decisionaid.atomic import WriteError
from decisionaid.costs import format_range
from decisionaid.presentation import without_working_notes
from decisionaid.report import DEFAULT_SECTIONS, SECTIONS
from decisionaid.report import pdf as report_pdf
from decisionaid.report.summary import (
    GENERAL_QUESTIONS,
    REGENERATIVE_QUESTIONS,
    _no_examples,
    build_summary,
    leaning_option,
    question_applies,
    question_options,
)
from decisionaid.rules import recommend

PATIENTS = (
    "pregnant_female_pattern",
    "blood_thinners_tight_budget",
    "unsure_with_warning_signs",
    "teenager_patchy",
)
_cache: dict = {}
_pages: dict = {}


def _catalogue(kind: str, synthetic_catalogue):
    return synthetic_catalogue if kind == "synthetic" else real_catalogue_or_skip()


def exported(kind: str, patient: str, synthetic_catalogue):
    """(result, summary, pdf bytes, extracted text), built once per catalogue and patient."""
    key = (kind, patient)
    if key not in _cache:
        catalogue = _catalogue(kind, synthetic_catalogue)
        result = recommend(patients(catalogue)[patient], catalogue)
        data = report_pdf.build_summary_pdf(result, paper="a4", today=TODAY)
        pages = page_texts(data)
        _cache[key] = (result, build_summary(result, today=TODAY), data, pdf_text(data, pages))
        _pages[key] = pages
    return _cache[key]


@pytest.fixture(params=["synthetic", "real"])
def kind(request):
    return request.param


@pytest.mark.parametrize("patient", PATIENTS)
def test_every_section_option_cost_reason_and_reference_is_in_the_text(
    kind, patient, synthetic_catalogue
):
    """pypdf finds every section title, every fitting/caution option with its costs and reasons,
    and the citation of every reference cited."""
    result, summary, data, text = exported(kind, patient, synthetic_catalogue)
    flat = squash(text)
    assert "Myhair-lossoptions:asummarytodiscusswithmydoctor" in flat
    assert squash("This is not a diagnosis and does not recommend any single option.") in flat
    shown = [k for k in DEFAULT_SECTIONS if k != "offer" or result.answers.offer is not None]
    assert [sec.key for sec in summary.sections] == shown
    for number, key in enumerate(shown, start=1):
        assert squash(f"{number}. {SECTIONS[key]}") in flat, key
    for option in result.by_status("suitable") + result.by_status("caution"):
        assert squash(option.treatment.name) in flat
        for years in (1, 5):
            total = option.costs.total(years)
            if total is not None:
                assert squash(format_range(total)) in flat, (option.id, years)
        for reason in option.reasons:
            if reason.effect == "caution":  # every caution, in full
                assert squash(_no_examples(reason.text)) in flat, (option.id, reason.rule)
    for option in result.options:
        assert squash(option.treatment.name) in flat
        for reason in option.reasons:
            if reason.effect in ("excluded", "caution"):
                assert squash(reason.rule) in flat  # the clinician's table of fired rules
    assert summary.references, "a summary with options cites its sources"
    for entry in summary.references:
        assert squash(entry.short.rstrip(".")) in flat, entry.id  # the compact printed list
        assert squash(f"[{entry.number}]") in flat
    assert squash(result.catalogue.meta.version) in flat
    assert squash("Checksum") not in flat  # noise for a clinician


@pytest.mark.parametrize("patient", PATIENTS)
def test_compared_options_claims_questions_and_footer(kind, patient, synthetic_catalogue):
    """Compared options head the comparison; claims and each listed option's questions are there;
    every page says 'Page N of M' and 'not a diagnosis'."""
    result, summary, data, text = exported(kind, patient, synthetic_catalogue)
    flat = squash(text)
    for tid in result.answers.compare:
        assert squash(result.option(tid).treatment.name) in flat
    for tid in result.answers.compare:  # the claims of every option I compared
        for claim in result.option(tid).treatment.claims[:1]:  # the first claim of each
            assert squash(claim.claim) in flat
            assert squash(without_working_notes(claim.conflict_of_interest)) in flat
    lean = leaning_option(result)
    for option in question_options(result):
        # two for the option I lean towards, one for the others (the app lists them all)
        for question in option.treatment.questions[: 2 if option is lean else 1]:
            repeat = question[:25].lower() in {
                q[:25].lower() for q in REGENERATIVE_QUESTIONS + GENERAL_QUESTIONS
            }
            if question_applies(question, result.answers) and not repeat:
                assert squash(question) in flat
    pages = _pages[(kind, patient)]
    for n, page in enumerate(pages, start=1):
        page_text = squash(page)
        assert f"Page{n}of{len(pages)}" in page_text
        assert squash("DecisionAid — not a diagnosis") in page_text


def test_pregnant_woman_sees_why_options_were_left_out(synthetic_catalogue):
    """Pregnancy: every option ruled out by it is listed as not fitting, with the rule."""
    result, _, _, text = exported("synthetic", "pregnant_female_pattern", synthetic_catalogue)
    flat = squash(text)
    assert squash("I think my hair loss is: Female pattern") in flat
    assert squash("not a diagnosis") in flat
    ruled_out = [
        o
        for o in result.by_status("excluded")
        if any(r.rule == "contraindication.absolute" for r in o.reasons)
    ]
    for option in ruled_out:
        assert squash(option.treatment.name) in flat
    assert "contraindication.absolute" in flat or not ruled_out


def test_unsure_person_with_warning_signs_is_told_to_see_a_doctor(synthetic_catalogue):
    """Warning signs and an unsure type: the notices and the signs themselves are printed."""
    result, _, _, text = exported("synthetic", "unsure_with_warning_signs", synthetic_catalogue)
    flat = squash(text)
    for notice in result.notices:
        assert squash(notice) in flat
    assert squash("Your scalp hurts, burns or itches") in flat
    assert squash("I am not sure what kind of hair loss I have.") in flat
    assert squash("Health conditions I don't know") in flat
    assert squash("Should the warning signs I noted be checked before anything else?") in flat


def test_sure_score_and_blank_note_lines(synthetic_catalogue):
    """Page 1 has the SURE answers and score, the leaning and the notes."""
    _, _, _, text = exported("synthetic", "blood_thinners_tight_budget", synthetic_catalogue)
    page1 = squash(_pages[("synthetic", "blood_thinners_tight_budget")][0])
    assert squash("Not all answered (3 of 4): S yes · U no · R yes · E not answered") in page1
    assert squash("Where I am leaning") in page1 and squash("None written.") in page1
    _, _, _, teen = exported("synthetic", "teenager_patchy", synthetic_catalogue)
    teen1 = squash(_pages[("synthetic", "teenager_patchy")][0])
    assert squash("4 of 4 (S yes") in teen1
    assert squash("Ask about school.") in teen1


def test_font_renders_special_characters(synthetic_catalogue):
    """≤ ≥ µ × dashes, curly quotes and accents survive the round trip, in an embedded DejaVu font."""
    _, _, data, text = exported("synthetic", "teenager_patchy", synthetic_catalogue)
    assert SPECIAL in text
    assert b"DejaVuSans" in data and b"/FontFile2" in data


def test_every_character_the_real_catalogue_uses_is_in_the_font():
    """The bundled font has a glyph for every character in the real catalogue's texts."""
    catalogue = real_catalogue_or_skip()
    from reportlab.pdfbase.ttfonts import TTFont

    from decisionaid.paths import resource_path

    chars = set()

    def walk(value):
        if isinstance(value, str):
            chars.update(value)
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(
        [
            catalogue.meta,
            catalogue.treatments,
            catalogue.references,
            catalogue.conditions,
            catalogue.hair_loss_types,
        ]
    )
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font = TTFont(name, str(resource_path("fonts", name)))
        missing = sorted(
            c for c in chars if c.isprintable() and ord(c) not in font.face.charToGlyph
        )
        assert not missing, f"{name} lacks {missing}"


def test_sections_switch_off(synthetic_catalogue):
    """Only the chosen sections are printed; the header and its disclaimer always are."""
    result, *_ = exported("synthetic", "blood_thinners_tight_budget", synthetic_catalogue)
    data = report_pdf.build_summary_pdf(
        result, paper="a4", sections={"answers", "questions"}, today=TODAY
    )
    flat = squash(pdf_text(data))
    assert squash("1. Questions to ask") in flat and squash("2. What I told the app") in flat
    for key, title in SECTIONS.items():
        if key not in ("answers", "questions"):
            assert squash(f". {title}") not in flat, key
    assert squash("does not recommend any single option") in flat
    none = squash(
        pdf_text(report_pdf.build_summary_pdf(result, paper="a4", sections=set(), today=TODAY))
    )
    assert (
        squash("does not recommend any single option") in none
        and squash("What I told the app") not in none
    )
    with pytest.raises(ValueError, match="unknown section"):
        report_pdf.build_summary_pdf(result, sections={"answers", "gossip"})


def test_letter_and_a4_page_sizes(synthetic_catalogue, monkeypatch):
    """--paper letter gives 612 x 792 pt, a4 gives 595 x 842 pt; no choice follows the locale."""
    from pypdf import PdfReader

    result, *_ = exported("synthetic", "unsure_with_warning_signs", synthetic_catalogue)

    def size(**kw):
        page = PdfReader(
            io.BytesIO(report_pdf.build_summary_pdf(result, sections={"answers"}, **kw))
        ).pages[0]
        return round(float(page.mediabox.width)), round(float(page.mediabox.height))

    assert size(paper="letter") == (612, 792)
    assert size(paper="a4") == (595, 842)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_CA.UTF-8")
    assert size() == (612, 792)
    monkeypatch.setenv("LC_PAPER", "de_DE.UTF-8")
    assert size() == (595, 842)
    with pytest.raises(ValueError):
        report_pdf.build_summary_pdf(result, paper="tabloid")


@pytest.mark.parametrize(
    "value, paper",
    [
        ("en_US.UTF-8", "letter"),
        ("es_MX", "letter"),
        ("fil_PH.utf8", "letter"),
        ("fr_CA@euro", "letter"),
        ("English_United States", "letter"),
        ("en_GB.UTF-8", "a4"),
        ("de_DE", "a4"),
        ("C", "a4"),
        ("C.UTF-8", "a4"),
        ("POSIX", "a4"),
        ("", "a4"),
        (None, "a4"),
        ("\udcff_garbage..@", "a4"),
    ],
)
def test_paper_for_locale(value, paper):
    """Letter for the US, Canada, Mexico, the Philippines and their neighbours; A4 otherwise."""
    assert report_pdf.paper_for_locale(value) == paper


def test_default_paper_reads_lc_all_then_lc_paper_then_lang():
    """LC_ALL wins over LC_PAPER, which wins over LANG; nothing set means A4."""
    assert (
        report_pdf.default_paper({"LC_ALL": "en_US", "LC_PAPER": "de_DE", "LANG": "de_DE"})
        == "letter"
    )
    assert report_pdf.default_paper({"LC_PAPER": "de_DE", "LANG": "en_US"}) == "a4"
    assert report_pdf.default_paper({"LANG": "en_PH.UTF-8"}) == "letter"
    assert report_pdf.default_paper({}) == "a4"


def test_failed_build_leaves_an_earlier_file_untouched(synthetic_catalogue, tmp_path, monkeypatch):
    """If building fails, the old summary is still there and no temporary file is left."""
    result, *_ = exported("synthetic", "teenager_patchy", synthetic_catalogue)
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"%PDF old summary")

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(report_pdf, "build_summary_pdf", broken)
    with pytest.raises(RuntimeError):
        report_pdf.write_summary_pdf(result, target)
    assert target.read_bytes() == b"%PDF old summary"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


def test_failed_write_raises_write_error_and_leaves_nothing(
    synthetic_catalogue, tmp_path, monkeypatch
):
    """A folder we may not write to: WriteError with a clear message; old file kept; no temp file."""
    result, *_ = exported("synthetic", "teenager_patchy", synthetic_catalogue)
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"%PDF old summary")

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteError, match="not allowed to write to"):
        report_pdf.write_summary_pdf(result, target, sections={"answers"})
    assert target.read_bytes() == b"%PDF old summary"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


def test_missing_folder_and_read_only_folder_give_clear_messages(synthetic_catalogue, tmp_path):
    """A folder that does not exist, or (when not root) one that is read-only: a WriteError that
    names the folder, and nothing written."""
    result, *_ = exported("synthetic", "teenager_patchy", synthetic_catalogue)
    with pytest.raises(WriteError, match="does not exist"):
        report_pdf.write_summary_pdf(result, tmp_path / "nowhere" / "s.pdf", sections={"answers"})
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(WriteError, match="not allowed to write"):
                report_pdf.write_summary_pdf(result, locked / "s.pdf", sections={"answers"})
            assert list(locked.iterdir()) == []
        finally:
            locked.chmod(0o700)


def test_write_summary_pdf_writes_a_readable_file(synthetic_catalogue, tmp_path):
    """The written file is the built PDF, and writing over an old one replaces it."""
    result, *_ = exported("synthetic", "pregnant_female_pattern", synthetic_catalogue)
    target = tmp_path / "s.pdf"
    target.write_bytes(b"old")
    report_pdf.write_summary_pdf(result, target, paper="letter", sections={"answers"}, today=TODAY)
    assert target.read_bytes().startswith(b"%PDF")
    assert "What I told the app" in pdf_text(target.read_bytes())


def test_hostile_and_huge_input_does_not_break_the_layout(synthetic_catalogue):
    """Markup-like text is printed literally; 5,000-character notes and unbroken words wrap."""
    result, *_ = exported("synthetic", "blood_thinners_tight_budget", synthetic_catalogue)
    from dataclasses import replace

    from decisionaid.answers import Decision

    answers = replace(
        result.answers,
        name="<b>Al & Bo</b> " + "x" * 80,
        warning_signs=("<font size=80>big</font>", "w" * 300),
        decision=Decision(leaning="<br/>" * 50, notes=("word " * 990) + "y" * 40),
    )
    data = report_pdf.build_summary_pdf(
        recommend(answers, result.catalogue),
        sections={"today", "answers"},
        paper="a4",
        today=TODAY,
    )
    flat = squash(pdf_text(data))
    assert squash("<b>Al & Bo</b>") in flat and squash("<font size=80>big</font>") in flat
    assert "w" * 300 in flat


def test_cli_export_uses_the_same_code(synthetic_path, tmp_path, capsys):
    """`decisionaid export --paper letter --sections ...` writes the same kind of summary."""
    from decisionaid.catalogue import open_catalogue
    from decisionaid.cli import main

    answers = tmp_path / "a.json"
    answers.write_text(
        patients(open_catalogue(synthetic_path))["blood_thinners_tight_budget"].to_json()
    )
    out = tmp_path / "s.pdf"
    code = main(
        [
            "export",
            str(answers),
            "-o",
            str(out),
            "--paper",
            "letter",
            "--sections",
            "answers,comparison",
            "--catalogue",
            str(synthetic_path),
        ]
    )
    assert code == 0, capsys.readouterr().err
    flat = squash(pdf_text(out.read_bytes()))
    assert squash("1. Side-by-side comparison") in flat and squash("Questions to ask") not in flat


def test_a_layout_failure_becomes_a_clear_write_error(synthetic_catalogue, monkeypatch, tmp_path):
    """If reportlab cannot lay the page out, the person gets a WriteError saying nothing was saved."""
    from reportlab.platypus.doctemplate import LayoutError

    result, *_ = exported("synthetic", "teenager_patchy", synthetic_catalogue)

    def fail(self, *args, **kwargs):
        raise LayoutError("Flowable too large")

    monkeypatch.setattr(report_pdf.BaseDocTemplate, "build", fail)
    with pytest.raises(WriteError, match="Nothing was saved"):
        report_pdf.write_summary_pdf(result, tmp_path / "s.pdf")
    assert not list(tmp_path.iterdir())
