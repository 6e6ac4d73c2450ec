"""Free text for the PDF: control characters removed everywhere, and text the
embedded font cannot show or order (right-to-left) refused at entry or printed as a visible
note, never as boxes or reversed."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from decisionaid import textsafety as t

sys.path.insert(0, str(Path(__file__).parent / "report"))

HEBREW = "\u05e9\u05dc\u05d5\u05dd"  # shalom
ARABIC = "\u0633\u0644\u0627\u0645"  # salam


def test_coverage_table_matches_the_bundled_fonts():
    """The glyph table in textsafety is exactly what both DejaVu fonts can draw."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from decisionaid.paths import resource_path

    fonts = [
        set(TTFontFile(str(resource_path("fonts", n))).charToGlyph)
        for n in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    ]
    both = fonts[0] & fonts[1]
    table = {c for s, e in zip(t._STARTS, t._ENDS, strict=True) for c in range(s, e + 1)}
    assert table == both


def test_clean_removes_controls_overrides_and_surrogates():
    assert t.clean("Ana\x00\x07\x1b\x7f\u202eB\ud800ob\u2066") == "AnaBob"
    assert t.clean("line one\r\nline two\tend") == "line one line two end"
    assert t.clean("line one\r\nline two", keep_newlines=True) == "line one\nline two"
    assert t.clean("e\u0301") == "\u00e9"  # composed: one glyph, never a floating accent
    assert t.clean("\x1b[31mRed\x1b[0m \x1b[2JAna") == "Red Ana"  # terminal escapes, whole


@pytest.mark.parametrize(
    "text, words",
    [
        (HEBREW, "right-to-left"),
        (f"Dana {ARABIC}", "right-to-left"),
        ("Li \u4e2d\u6587", "cannot print (\u4e2d \u6587)"),
        ("\U0001f9ec DNA", "cannot print"),
    ],
)
def test_problem_names_what_the_pdf_cannot_print(text, words):
    message = t.problem(text, "Your name")
    assert message.startswith("Your name") and words in message


def test_text_the_font_can_print_has_no_problem():
    for text in (
        "Zo\u00eb \u00c5ngstr\u00f6m",
        "\u041e\u043b\u044f",
        "\u0394\u03ae\u03bc\u03b7\u03c4\u03c1\u03b1",
        "O\u2019Brien \u2264 5 \u00b5g",
    ):
        assert t.problem(text) == "", text
        assert t.printable(text) == text


def test_printable_replaces_runs_with_a_visible_note():
    assert t.printable(f"Dana {HEBREW} {ARABIC} ok") == f"Dana {t.UNPRINTABLE_NOTE} ok"
    assert t.printable("\u4e2d\u6587") == t.UNPRINTABLE_NOTE


def test_pdf_never_prints_controls_boxes_or_reversed_text(synthetic_catalogue):
    """Name (header and footer), leaning and notes with control characters, Hebrew and CJK: the
    PDF has no control character and no right-to-left or glyph-less character anywhere, and
    says plainly where text could not be printed."""
    from report_helpers import TODAY, page_texts, patients

    from decisionaid.answers import Decision
    from decisionaid.report import pdf as report_pdf
    from decisionaid.rules import recommend

    answers = replace(
        patients(synthetic_catalogue)["pregnant_female_pattern"],
        name="Maria\x1b[2J\x00\u202e Evil",
        decision=Decision(leaning=f"PRP {HEBREW}", notes=f"Ask \x07about {ARABIC}\nand \u4e2d"),
    )
    data = report_pdf.build_summary_pdf(
        recommend(answers, synthetic_catalogue), paper="a4", today=TODAY
    )
    pages = page_texts(data)
    text = "\n".join(pages)
    assert "Summary for Maria Evil" in text  # footer: controls gone
    assert "Maria Evil" in pages[0]  # header
    assert not [c for c in text if ord(c) < 32 and c not in "\n\t"]
    assert not [c for c in text if t.is_right_to_left(c)]
    assert HEBREW[::-1] not in text and "\u4e2d" not in text
    assert t.UNPRINTABLE_NOTE in text
    assert "\u202e" not in text


def test_another_catalogue_is_named_on_every_pdf_page(synthetic_catalogue, catalogue):
    from report_helpers import TODAY, page_texts, patients

    from decisionaid.report import pdf as report_pdf
    from decisionaid.rules import recommend

    answers = patients(synthetic_catalogue)["pregnant_female_pattern"]
    data = report_pdf.build_summary_pdf(
        recommend(answers, synthetic_catalogue), paper="a4", today=TODAY
    )
    pages = page_texts(data)
    assert len(pages) > 1
    assert all("Another catalogue:" in page for page in pages)
    real = report_pdf.build_summary_pdf(
        recommend(patients(catalogue)["pregnant_female_pattern"], catalogue),
        paper="a4",
        today=TODAY,
        sections={"answers"},
    )
    assert not any("Another catalogue" in page for page in page_texts(real))
