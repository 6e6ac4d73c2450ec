"""The consultation summary as a PDF: ``report.summary`` blocks laid out with reportlab platypus.

This is the only module that imports reportlab; the app imports it when the person exports.
``build_summary_pdf`` returns the whole document as bytes; ``write_summary_pdf`` writes them
atomically, so a failed export leaves no partial file and any earlier file untouched.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as _canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepInFrame,
    KeepTogether,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import BalancedColumns

from decisionaid.atomic import WriteError, write_bytes_atomic
from decisionaid.paths import resource_path
from decisionaid.report import summary as s
from decisionaid.report.paper import (  # noqa: F401 (re-exported)
    LETTER_TERRITORIES,
    default_paper,
    paper_for_locale,
)
from decisionaid.textsafety import printable

if TYPE_CHECKING:
    from reportlab.pdfgen.pathobject import PDFPathObject

    from decisionaid.rules import Result


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """Every text for the PDF: control characters removed, and text the font cannot show or
    order correctly replaced by a visible note (textsafety.printable), then XML-escaped."""
    return _xml_escape(printable(text), entities or {})


PAPERS = {"a4": A4, "letter": LETTER}

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e4e4e4")
GROUP_FILL = colors.HexColor("#f2f2f2")
NOTICE_FILL = colors.HexColor("#f4f4f4")

MARGIN_X = 12 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 15 * mm


class ReportError(WriteError):
    """The summary could not be made (for example, the bundled font is missing)."""


# --- fonts and styles -----------------------------------------------------------------------

_fonts_ready = False


def register_fonts() -> None:
    """Register the bundled DejaVu fonts once. Raises ReportError if a font file is missing."""
    global _fonts_ready
    if _fonts_ready:
        return
    for name, filename in FONT_FILES.items():
        path = resource_path("fonts", filename)
        if not path.exists():
            raise ReportError(
                f"The font file {path} is missing, so the summary cannot be made. "
                "Please reinstall DecisionAid."
            )
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as exc:  # a damaged font file: reportlab raises several kinds
            raise ReportError(
                f"The font file {path} cannot be read ({exc}). Please reinstall DecisionAid."
            ) from exc
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    _fonts_ready = True


BODY_SIZE = 10.0  # body text; nothing a person reads is set below TABLE_SIZE
TABLE_SIZE = 9.0  # the smallest size: dense grids (comparison, claims, rules) and references
CARD_SIZE = 10.0  # option cards and page 1's tables
REFERENCE_SIZE = TABLE_SIZE  # a compact numbered list, like a table


def _styles(tight: int = 0) -> dict[str, ParagraphStyle]:
    """The paragraph styles. ``tight`` sets the same sizes with a little less space between
    lines and blocks: used only when it saves a page (no near-empty last page)."""
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=BODY_SIZE,
        leading=12.8,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=3,
        splitLongWords=0,  # never "FDA-cleare d": a word too long for its cell overflows instead
        uriWasteReduce=0.3,  # long web addresses may break after a slash, not inside a word
    )
    cell = dict(fontSize=CARD_SIZE, leading=12.2, spaceAfter=0)
    dense = dict(fontSize=TABLE_SIZE, leading=11.2, spaceAfter=0)
    st = {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=10, leading=12.8),
        "note": ParagraphStyle("note", base, fontSize=10, leading=12.8, textColor=GREY),
        "lead": ParagraphStyle("lead", base, fontName=FONT_BOLD),
        "warning": ParagraphStyle("warning", base, fontName=FONT_BOLD),
        "title": ParagraphStyle(
            "title", base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=3
        ),
        "name": ParagraphStyle("name", base, fontSize=11, leading=14, spaceAfter=2),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=17,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            # Not keepWithNext: that would move a whole table with its heading to the next page.
            # A NeedSpace before each heading keeps it with the start of what follows instead.
        ),
        "h2card": ParagraphStyle(
            "h2card",
            base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=14,
            spaceBefore=4,
            spaceAfter=2,
        ),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD, spaceAfter=1, keepWithNext=1),
        "cell": ParagraphStyle("cell", base, **cell),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=FONT_BOLD, **cell),
        "cell_head": ParagraphStyle("cell_head", base, fontName=FONT_BOLD, **cell),
        "dense": ParagraphStyle("dense", base, **dense),
        "dense_bold": ParagraphStyle("dense_bold", base, fontName=FONT_BOLD, **dense),
        "dense_head": ParagraphStyle("dense_head", base, fontName=FONT_BOLD, **dense),
        "bullet": ParagraphStyle("bullet", base, leftIndent=11, bulletIndent=1, spaceAfter=2),
        "bullet_small": ParagraphStyle(
            "bullet_small",
            base,
            fontSize=10,
            leading=12.8,
            leftIndent=11,
            bulletIndent=1,
            spaceAfter=1.5,
        ),
        "ref": ParagraphStyle(
            "ref",
            base,
            fontSize=REFERENCE_SIZE,
            leading=11.0,
            leftIndent=16,
            firstLineIndent=-16,
            spaceAfter=0.5,
        ),
        "record": ParagraphStyle("record", base, fontSize=10, leading=13, spaceAfter=0),
        "caption": ParagraphStyle("caption", base, fontSize=TABLE_SIZE, leading=11.5, spaceAfter=0),
        "grid_label": ParagraphStyle(
            "grid_label", base, fontName=FONT_BOLD, fontSize=TABLE_SIZE, leading=11.2, spaceAfter=2
        ),
    }
    if tight:
        # level 1: a little less space; level 2 (only to avoid a near-empty last page): less
        leading, least, space = {1: (0.95, 1.15, 0.6)}.get(int(tight), (0.9, 1.12, 0.35))
        for style in st.values():
            style.leading = round(max(style.fontSize * least, style.leading * leading), 2)
            style.spaceBefore = style.spaceBefore * space
            style.spaceAfter = style.spaceAfter * space
    return st


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _markup(text: str) -> str:
    """Plain text to Paragraph markup: escaped, line breaks kept, control characters dropped."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\t", " "))
    return "<br/>".join(escape(line) for line in text.split("\n"))


# --- special flowables ----------------------------------------------------------------------


class WritingLinesFlowable(Flowable):
    """Ruled lines to write on."""

    def __init__(self, count: int, gap: float = 8 * mm):
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.gap

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        for i in range(self.count):
            y = i * self.gap
            c.line(0, y, self.width, y)


def _add_person(p: PDFPathObject, x: float, y: float, size: float) -> None:
    """A simple person figure (a head and shoulders) in a size x size box at (x, y)."""
    p.circle(x + size / 2, y + size * 0.76, size * 0.17)
    left, right, top, bottom, r = (
        x + size * 0.22,
        x + size * 0.78,
        y + size * 0.54,
        y + size * 0.08,
        size * 0.1,
    )
    p.moveTo(left, bottom)
    p.lineTo(left, top - r)
    p.curveTo(left, top, left, top, left + r, top)
    p.lineTo(right - r, top)
    p.curveTo(right, top, right, top, right, top - r)
    p.lineTo(right, bottom)
    p.close()


class IconGrid(Flowable):
    """The same 10 x 10 grid of people for every option: the affected first, filled, row by row
    from the top left; everyone else outlined. All filled figures are one path and all outlined
    ones another, which keeps the file small and quick to make and to read."""

    def __init__(self, affected: int, cell: float = 4.1 * mm):
        super().__init__()
        self.affected = max(0, min(100, int(affected)))
        self.cell = cell
        self.width = self.height = cell * 10

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        cell, icon = self.cell, self.cell * 0.84
        filled, outlined = c.beginPath(), c.beginPath()
        for i in range(100):
            row, col = divmod(i, 10)
            _add_person(
                filled if i < self.affected else outlined,
                col * cell + cell * 0.08,
                self.height - (row + 1) * cell + cell * 0.06,
                icon,
            )
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.setFillColor(INK)
        if self.affected:
            c.drawPath(filled, stroke=1, fill=1)
        c.setFillColor(colors.white)
        if self.affected < 100:
            c.drawPath(outlined, stroke=1, fill=1)
        c.restoreState()


class FlowTable(LongTable):
    """A table whose rows move to the next page whole, and are cut only when they must be: at
    the top of a page (a row taller than the page) or when a row is very tall (a third of a
    page), so short rows are never split and no header repeats halfway down a page."""

    fresh_height = 700.0  # the frame height; set per document by _Layout
    splitInRow: int  # reportlab's

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        allow = self.splitInRow
        self.splitInRow = 0
        try:
            parts: list[Flowable] = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = allow
        for part in parts:
            part.splitInRow = allow
        if parts or not allow:
            return parts
        if (
            availHeight >= 0.8 * self.fresh_height
            or self._next_row_height() > self.fresh_height / 3
        ):
            cut: list[Flowable] = super().split(availWidth, availHeight)
            return cut
        return []

    def _next_row_height(self) -> float:
        heights = getattr(self, "_rowHeights", None) or []
        first = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        return heights[first] if len(heights) > first else 0.0


# --- page furniture -------------------------------------------------------------------------


def _numbered_canvas(
    footer_left: str, footer_centre: str, banner: str = ""
) -> type[_canvas.Canvas]:
    class NumberedCanvas(_canvas.Canvas):
        """Holds every page until the end, so each footer can say 'Page N of M'. Bookmarks are
        held with their page and bound when it is written: bound at once, every one of them
        would point to page 1."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("initialFontName", FONT)  # no stray Helvetica in the file
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []
            self._page_marks: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

        def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> None:
            self._page_marks.append((key, args, kwargs))

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._page_marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                for key, args, kwargs in self._page_marks:
                    super().bookmarkPage(key, *args, **kwargs)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            y = MARGIN_BOTTOM - 9 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, y + 4 * mm, width - MARGIN_X, y + 4 * mm)
            self.setFont(FONT, 8)
            self.setFillColor(GREY)
            self.drawString(MARGIN_X, y, footer_left)
            right = f"Page {self._pageNumber} of {total}"
            if footer_centre:  # beside the page number, so a long name never overlaps
                right = f"{footer_centre} \u00b7 {right}"
            self.drawRightString(width - MARGIN_X, y, right)
            if banner:  # "Another catalogue: FILE", on every page, at the top
                text = banner if len(banner) <= 95 else banner[:19] + "\u2026" + banner[-75:]
                self.setFont(FONT_BOLD, 9)
                self.setFillColor(INK)
                self.drawCentredString(width / 2, self._pagesize[1] - MARGIN_TOP + 4 * mm, text)
            self.restoreState()

    return NumberedCanvas


# --- blocks to flowables --------------------------------------------------------------------


class NeedSpace(CondPageBreak):
    """A page break unless the given flowables fit in the space left (at most ``limit``)."""

    def __init__(self, flowables: list[Flowable], limit: float):
        super().__init__(0)
        self.flowables, self.limit = flowables, limit

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        needed = 0.0
        for f in self.flowables:
            needed += f.wrapOn(self.canv, avail_width, avail_height)[1]
            needed += f.getSpaceBefore() + f.getSpaceAfter()
        self.height = min(needed, self.limit)
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        return size


class Bookmark(Flowable):
    """An invisible mark: a PDF bookmark (outline entry) for the section that follows."""

    def __init__(self, key: str, title: str, level: int = 0):
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 12)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class _Layout:
    def __init__(self, frame_width: float, frame_height: float, tight: int = 0):
        self.width = frame_width
        self.height = frame_height
        self.st = _styles(tight)
        self.Table = type("FlowTable", (FlowTable,), {"fresh_height": frame_height})
        self._marks = 0

    def para(self, text: str, style: str = "body", label: str = "") -> Paragraph:
        body = _markup(text)
        if label:
            body = f"<b>{escape(label)}</b> {body}"
        return Paragraph(body, self.st[style])

    def cell(self, text: str, style: str = "cell") -> Paragraph:
        return Paragraph(_markup(text), self.st[style])

    def mark(self, title: str, level: int) -> Bookmark:
        self._marks += 1
        return Bookmark(f"s{self._marks}", title, level)

    def block(self, block: s.Block | _CompactRun) -> list[Flowable]:
        if isinstance(block, s.Para):
            return [self.para(block.text, block.style, block.label)]
        if isinstance(block, s.Heading):
            text = escape(block.text)
            if block.note:
                text += f' <font name="{FONT}" size="10" color="#555555">\u2014 {escape(block.note)}</font>'
            return [self.mark(block.text, 1), Paragraph(text, self.st["h2"])]
        if isinstance(block, s.Bullets):
            out = []
            if block.label:
                out.append(Paragraph(escape(block.label), self.st["label"]))
            style = self.st["bullet_small" if block.style == "small" else "bullet"]
            out += [Paragraph(_markup(item), style, bulletText="\u2022") for item in block.items]
            out.append(Spacer(1, 2))
            return out
        if isinstance(block, s.Table):
            return [self.table(block), Spacer(1, 5)]
        if isinstance(block, s.Card):
            return self.card(block)
        if isinstance(block, _CompactRun):
            return self.compact_cards(list(block.cards))
        if isinstance(block, s.RecordNote):
            return self.record(block)
        if isinstance(block, s.IconArray):
            return [self.icon_array(block)]
        if isinstance(block, s.WritingLines):
            out = []
            if block.label:
                out.append(Paragraph(escape(block.label), self.st["label"]))
            out += [Spacer(1, 4 * mm), WritingLinesFlowable(block.count)]
            return [KeepTogether(out), Spacer(1, 4)]
        if isinstance(block, s.ReferenceList):
            # Two balanced columns: the short entries fill the page, not one long column.
            entries = [self.reference(entry) for entry in block.entries]
            if len(entries) < 6:
                return entries
            return [
                BalancedColumns(
                    entries,
                    nCols=2,
                    innerPadding=12,
                    leftPadding=0,
                    rightPadding=0,
                    topPadding=0,
                    bottomPadding=0,
                )
            ]
        raise TypeError(f"unknown summary block {type(block).__name__}")  # pragma: no cover

    def card(self, block: s.Card, measure: bool = False) -> list[Flowable]:
        """An option card: its heading and its labelled rows. The heading keeps with the first
        two rows; a card may go on over a page break between rows (never inside one), which
        keeps pages full. A compact card is one row: the name on the left, its rows beside it."""
        if block.compact:
            return self.compact_cards([block], measure)
        title = escape(block.title)
        if block.note:
            title += (
                f' <font name="{FONT}" size="10" color="#555555">\u2014 {escape(block.note)}</font>'
            )
        rows = [[self.cell(label, "cell_bold"), self.cell(text)] for label, text in block.rows]
        table = self.Table(
            rows,
            colWidths=[0.135 * self.width, 0.865 * self.width],
            hAlign="LEFT",
            splitInRow=1,
            style=_card_grid(top=1, bottom=2),
        )
        head = Paragraph(title, self.st["h2card"])
        if measure:
            return [head, table]
        # A card (at most half a page) is kept whole on one page; cards share pages.
        start = self.card(block, measure=True)
        return [
            NeedSpace(start, limit=self.height * 0.5),
            self.mark(block.title, 1),
            head,
            table,
            Spacer(1, 5),
        ]

    def compact_cards(self, cards: list[s.Card], measure: bool = False) -> list[Flowable]:
        """Compact cards in a row: one table, one row per option (the name and its bookmark on
        the left, its rows beside it). Rows move to the next page whole."""
        data = []
        for block in cards:
            name = f"<b>{escape(block.title)}</b>"
            if block.note:
                name += f'<br/><font color="#555555">{escape(block.note)}</font>'
            lines: list[str] = []
            for label, body in block.rows:
                part = f"<b>{escape(label)}:</b> {_markup(body)}"
                if label in COMPACT_SIDE:  # under the name: the left column has room
                    name += f"<br/>{escape(label)}: {_markup(body)}"
                elif label in COMPACT_SAME_LINE and lines:
                    lines[-1] += " " + part
                else:
                    lines.append(part)
            text = "<br/>".join(lines)
            left = Paragraph(name, self.st[COMPACT_STYLE])
            data.append(
                [
                    left if measure else [self.mark(block.title, 1), left],
                    Paragraph(text, self.st[COMPACT_STYLE]),
                ]
            )
        table = self.Table(
            data,
            colWidths=[0.2 * self.width, 0.8 * self.width],
            hAlign="LEFT",
            splitInRow=1,
            style=_card_grid(top=1.5, bottom=2.5),
        )
        return [table] if measure else [table, Spacer(1, 5)]

    def record(self, block: s.RecordNote, measure: bool = False) -> list[Flowable]:
        """The note for the record in a box, one row per line: at a page foot it goes on over
        the break between two lines (a box on each part) instead of leaving the space empty."""
        rows = [[Paragraph(_markup(line), self.st["record"])] for line in block.lines]
        last = len(rows) - 1
        box = LongTable(
            rows,
            colWidths=[self.width],
            splitInRow=0,
            style=TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, INK),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, 0), 4),
                    ("BOTTOMPADDING", (0, last), (-1, last), 5),
                    ("NOSPLIT", (0, 0), (-1, min(2, last))),
                ]
            ),
        )
        return box if measure else [box, Spacer(1, 6)]

    def table(self, block: s.Table) -> LongTable:
        ncols = len(block.header)
        widths = [w * self.width for w in block.widths]
        kind = "dense" if block.dense else "cell"
        data = [[self.cell(h, f"{kind}_head") for h in block.header]]
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if block.keep_rows > 0:
            style.append(("NOSPLIT", (0, 0), (-1, min(block.keep_rows, len(block.rows)))))
        for i, row in enumerate(block.rows, start=1):
            if (i - 1) in block.note_rows:
                data.append([self.cell(row[0], kind)] + [""] * (ncols - 1))
                style.append(("SPAN", (0, i), (-1, i)))
                continue
            if (i - 1) in block.group_rows:
                data.append([self.cell(row[0], f"{kind}_bold")] + [""] * (ncols - 1))
                style += [("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), GROUP_FILL)]
                continue
            cells = [_fit_token(c, w - 6, kind) for c, w in zip(row, widths)]
            cells += [""] * (ncols - len(cells))
            bold_row = (i - 1) in block.warning_rows
            data.append(
                [
                    self.cell(
                        text,
                        f"{kind}_bold"
                        if bold_row or (j == 0 and (block.label_column or block.group_rows))
                        else kind,
                    )
                    for j, text in enumerate(cells)
                ]
            )
            if bold_row:
                style += [("BOX", (0, i), (-1, i), 1.4, INK)]
        return self.Table(
            data,
            colWidths=widths,
            repeatRows=1,
            splitInRow=1,
            style=TableStyle(style),
            hAlign="LEFT",
        )

    def icon_array(self, block: s.IconArray) -> KeepTogether:
        """Two grids side by side, labels above and counts below on shared rows so the grids
        line up, and the caption beside them."""
        grid_w = 41 * mm
        gap = 5 * mm
        label = self.st["grid_label"]
        legend = (
            f"<b>Filled figure:</b> {escape(block.legend_filled)}. "
            f"<b>Outlined figure:</b> {escape(block.legend_outlined)}."
        )
        caption = [
            Paragraph(legend, self.st["caption"]),
            Spacer(1, 3),
            Paragraph(_markup(block.caption), self.st["caption"]),
        ]
        data = [
            [
                Paragraph(escape(block.treated_label), label),
                Paragraph(escape(block.comparison_label), label),
                caption,
            ],
            [IconGrid(block.treated_icons), IconGrid(block.comparison_icons), ""],
            [
                Paragraph(f"<b>{_num(block.treated_per_100)} in 100</b>", self.st["caption"]),
                Paragraph(f"<b>{_num(block.comparison_per_100)} in 100</b>", self.st["caption"]),
                "",
            ],
        ]
        rest = self.width - 2 * (grid_w + gap)
        table = LongTable(
            data,
            colWidths=[grid_w + gap, grid_w + gap, rest],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("VALIGN", (2, 0), (2, -1), "TOP"),
                    ("VALIGN", (0, 2), (1, 2), "TOP"),
                    ("SPAN", (2, 0), (2, -1)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (1, -1), gap),
                    ("RIGHTPADDING", (2, 0), (2, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            ),
        )
        kind = "Benefit" if block.kind == "benefit" else "Harm"
        title = Paragraph(f"<b>{kind}.</b> {escape(block.title)}", self.st["label"])
        return KeepTogether([title, Spacer(1, 2), table, Spacer(1, 8)])

    def reference(self, entry: s.ReferenceEntry) -> Paragraph:
        """One compact entry: a short citation, one live link (DOI, else PubMed, else the web
        page, shown by its site name) and the conflict of interest in a few words. The full
        citation is in the app and in the web-page copy."""
        citation = entry.short or entry.citation
        if not citation.endswith(("\u2026", ".", "?", "!")):
            citation += "."
        parts = [f"<b>[{entry.number}]</b>\u00a0{escape(citation)}"]
        if entry.links:
            label, text, href = entry.links[0]
            if label == "Web":
                site = re.sub(r"^https?://(www\.)?", "", href).split("/", 1)[0]
                text = f"Web: {site}"
            else:
                text = f"{'PubMed' if label == 'PMID' else label} {text}"
            parts.append(
                f'<a href="{escape(href, {chr(34): "&quot;"})}" color="#1a4f8a">{escape(text)}</a>.'
            )
        conflict = entry.short_conflict or entry.conflict_of_interest
        if conflict:
            parts.append(f"<i>COI:</i> {escape(conflict[:1].lower() + conflict[1:])}")
        return Paragraph(" ".join(parts), self.st["ref"])

    def header(self, summary: s.Summary) -> list[Flowable]:
        out = [Paragraph(escape(summary.title), self.st["title"])]
        line = f"<b>Date:</b> {escape(summary.date)}"
        if summary.name:
            line = f"<b>Prepared by:</b> {escape(summary.name)} \u00b7 " + line
        out.append(Paragraph(line + f" \u00b7 {escape(summary.version_line)}", self.st["note"]))
        box = [[Paragraph(escape(summary.disclaimer), self.st["lead"])]]
        for notice in summary.notices:
            box.append([Paragraph("<b>Please note:</b> " + escape(notice), self.st["body"])])
        out.append(Spacer(1, 3))
        out.append(
            LongTable(
                box,
                colWidths=[self.width],
                style=TableStyle(
                    [
                        ("BOX", (0, 0), (-1, -1), 1.2, INK),
                        ("BACKGROUND", (0, 0), (-1, -1), NOTICE_FILL),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                        ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                ),
            )
        )
        out.append(Spacer(1, 2))
        return out

    def story(self, summary: s.Summary) -> list[Flowable]:
        story: list[Flowable] = []
        first: list[Flowable] = self.header(summary)
        rest: list[Flowable] = []
        for number, section in enumerate(summary.sections, start=1):
            title = Paragraph(f"{number}. {escape(section.title)}", self.st["h1"])
            mark = self.mark(f"{number}. {section.title}", 0)
            flowables = self.section(title, section.blocks)
            if section.key == "today":
                story.append(mark)  # outside the frame below, where marks are not drawn
                first += flowables
            else:
                rest += [mark, *flowables]
        # Page 1 is always exactly one page: the header and "For today's visit" in one frame
        # (shrunk only if a very long answer would push it over), then a page break.
        story.append(KeepInFrame(self.width, self.height, first, mode="shrink"))
        if rest:
            story.append(PageBreak())
        story += rest
        return story

    def section(self, title: Paragraph, blocks: Sequence[s.Block]) -> list[Flowable]:
        """Blocks to flowables, never leaving a heading alone at the foot of a page: before each
        heading, a NeedSpace asks for room for the heading, its introductory notes and the
        start of what follows (a table's header and first rows, a list's first item)."""
        out: list[Flowable] = []
        head: list[Flowable] = [title]
        runs = _runs_of_compact_cards(blocks)
        i = 0
        while i < len(runs):
            block = runs[i]
            if isinstance(block, s.Heading):
                out += head  # a heading directly followed by another: nothing to keep with
                head = self.block(block)
                i += 1
                continue
            if not head:
                out += self.block(block)
                i += 1
                continue
            notes = []
            while i < len(runs) and _is_note(runs[i]):
                notes += self.block(runs[i])
                i += 1
            lead = runs[i] if i < len(runs) and not isinstance(runs[i], s.Heading) else None
            after: list[Flowable] = self.start_of(lead) if lead is not None else []
            if isinstance(lead, s.Para) and i + 1 < len(runs):  # an introductory line
                if not isinstance(runs[i + 1], s.Heading):  # keeps with what it introduces
                    after += self.start_of(runs[i + 1])
            if lead is None and i < len(runs):  # a sub-heading next: keep with it and its start
                after = self.block(runs[i])
                if i + 1 < len(runs) and not isinstance(runs[i + 1], s.Heading):
                    after += self.start_of(runs[i + 1])
            out.append(NeedSpace(head + notes + after, limit=self.height * 0.6))
            out += head + notes
            if lead is not None:
                out += self.block(lead)
                i += 1
            head = []
        return out + head

    def start_of(self, block: s.Block | _CompactRun) -> list[Flowable]:
        """Flowables as tall as the start of a block (only measured, never drawn)."""
        if isinstance(block, s.Table):
            keep = max(1, block.keep_rows)
            return [self.table(dataclasses.replace(block, rows=block.rows[:keep], keep_rows=0))]
        if isinstance(block, s.Bullets):
            return self.block(dataclasses.replace(block, items=block.items[:1]))
        if isinstance(block, s.ReferenceList):
            return [self.reference(e) for e in block.entries[:2]]
        if isinstance(block, s.Card):
            return self.card(dataclasses.replace(block, rows=block.rows[:2]), measure=True)
        if isinstance(block, _CompactRun):
            return self.compact_cards(list(block.cards[:1]), measure=True)
        if isinstance(block, s.RecordNote):
            return [self.record(dataclasses.replace(block, lines=block.lines[:3]), measure=True)]
        return self.block(block)


COMPACT_STYLE = "cell"  # 10 pt, like the full cards
COMPACT_SIDE = ("Certainty",)  # rows set under its name (that column has room)
COMPACT_SAME_LINE = ("Cost",)  # rows set on the line before (after the regulator)


@dataclasses.dataclass(frozen=True)
class _CompactRun:
    """Compact cards that follow one another: laid out as one table."""

    cards: tuple[s.Card, ...]


def _runs_of_compact_cards(blocks: Iterable[s.Block]) -> list[s.Block | _CompactRun]:
    out: list[s.Block | _CompactRun] = []
    for block in blocks:
        if isinstance(block, s.Card) and block.compact:
            if out and isinstance(out[-1], _CompactRun):
                out[-1] = _CompactRun(out[-1].cards + (block,))
            else:
                out.append(_CompactRun((block,)))
        else:
            out.append(block)
    return out


def _fit_token(text: str, width: float, kind: str) -> str:
    """A single word too wide for its cell (a rule id such as "no_treatment.warning_signs")
    goes on over lines after its dots: words are never split, and must not overflow."""
    size = TABLE_SIZE if kind == "dense" else CARD_SIZE
    if " " in text or "." not in text or stringWidth(text, FONT_BOLD, size) <= width:
        return text
    lines = [""]
    for part in re.findall(r"[^.]*\.?", text):
        if lines[-1] and stringWidth(lines[-1] + part, FONT_BOLD, size) > width:
            lines.append("")
        lines[-1] += part
    return "\n".join(line for line in lines if line)


def _card_grid(top: float, bottom: float) -> TableStyle:
    """A card's grid: labels on a tinted left column, rows aligned to the top (full cards and
    compact cards differ only in their vertical padding)."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (0, -1), GROUP_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ]
    )


def _is_note(block: s.Block | _CompactRun) -> bool:
    return isinstance(block, s.Para) and block.style == "note"


def _num(value: float) -> str:
    return f"{value:g}"


# --- the public API -------------------------------------------------------------------------


def build_summary_pdf(
    result: Result,
    *,
    paper: str | None = None,
    sections: Iterable[str] | None = None,
    today: _dt.date | None = None,
) -> bytes:
    """The whole consultation summary as PDF bytes. Pure: nothing is written anywhere."""
    paper = (paper or default_paper()).lower()
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use one of {', '.join(PAPERS)}")
    summary = s.build_summary(result, sections=sections, today=today)
    cap = 7
    while cap > 2 and not page_one_fits(summary, paper):
        cap -= 1  # fewer option rows on page 1; every option is still in the cards
        summary = s.build_summary(result, sections=sections, today=today, page_one_options=cap)
    data, fill = _render(summary, paper)
    # A last page with a few lines is wasted paper: the same sizes with slightly tighter
    # spacing (level 1), or tighter still (level 2) when the last page is at most half full
    # (at level 0 or at level 1), each kept only when it saves that page.
    for level in (1, 2):
        if level == 2 and fill > 0.5:
            break
        tight, tight_fill = _render(summary, paper, tight=level)
        if page_count(tight) < page_count(data):
            return tight
        fill = min(fill, tight_fill)
    return data


class _EndMark(Flowable):
    """An invisible mark after the last block: records how far down its page it is drawn."""

    def __init__(self, frame_height: float):
        super().__init__()
        self.frame_height = frame_height
        self.fill = 1.0
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.fill = 1 - avail_height / self.frame_height
        return 0, 0

    def draw(self) -> None:
        pass


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page[^s]", data))


def _frame(paper: str) -> tuple[float, float]:
    width, height = PAPERS[paper]
    return width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM


def page_one_fits(summary: s.Summary, paper: str) -> bool:
    """Whether the header and "For today's visit" fit one page at full size."""
    register_fonts()
    width, height = _frame(paper)
    layout = _Layout(width, height)
    flowables = layout.header(summary)
    for number, section in enumerate(summary.sections, start=1):
        if section.key == "today":
            title = Paragraph(f"{number}. {escape(section.title)}", layout.st["h1"])
            flowables += layout.section(title, section.blocks)
    scratch = _canvas.Canvas(io.BytesIO())
    used = 0.0
    for f in flowables:
        if isinstance(f, CondPageBreak):
            continue
        used += f.wrapOn(scratch, width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return used <= height - 6


def render_pdf(summary: s.Summary, paper: str, tight: int = 0) -> bytes:
    return _render(summary, paper, tight)[0]


def _render(summary: s.Summary, paper: str, tight: int = 0) -> tuple[bytes, float]:
    """The PDF, and how far down its last page the text reaches (0 to 1)."""
    register_fonts()
    pagesize = PAPERS[paper]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=printable(summary.metadata_title),
        author=printable(summary.name) or "DecisionAid",
        subject=summary.subject,
        keywords="hair loss, decision aid, summary",
        creator="DecisionAid",
        lang=summary.language,
        allowSplitting=1,
        initialFontName=FONT,
    )
    x, y, w, h = doc.leftMargin, doc.bottomMargin, doc.width, doc.height
    no_padding = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("one_column", [Frame(x, y, w, h, id="body", **no_padding)])])
    layout = _Layout(w, h, tight)
    name = printable(summary.name)
    centre = f"Summary for {name}" if name else ""
    if len(centre) > 60:
        centre = centre[:57] + "..."
    end = _EndMark(h)
    try:
        doc.build(
            [*layout.story(summary), end],
            canvasmaker=_numbered_canvas(
                printable(f"{summary.date} \u00b7 {summary.footer}"),
                centre,
                printable(summary.another_catalogue),
            ),
        )
    except LayoutError as exc:  # a bug in the layout, not the person's fault: say so plainly
        raise ReportError(
            "The summary could not be laid out on the page. Nothing was saved. "
            f"Please report this problem ({str(exc)[:200]})."
        ) from exc
    return buffer.getvalue(), end.fill


def write_summary_pdf(
    result: Result,
    path: Path | str,
    *,
    paper: str | None = None,
    sections: Iterable[str] | None = None,
    today: _dt.date | None = None,
) -> None:
    """Build the summary in memory, then write it atomically. Raises WriteError with a
    message for a person; on any failure an earlier file at ``path`` is left untouched."""
    data = build_summary_pdf(result, paper=paper, sections=sections, today=today)
    write_bytes_atomic(path, data)
