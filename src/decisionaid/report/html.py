"""The consultation summary as one self-contained web page: the accessible copy.

reportlab cannot write a tagged PDF, so a screen-reader user gets this page instead. It lays out
the same ``report.summary`` blocks as the PDF (the same words, numbers and order) with real
headings, table headers, a text alternative for every icon array, the document language and
print styles. No scripts, no web fonts, nothing fetched: the file works offline, and the
person's answers never leave the computer.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from decisionaid import presentation as pr
from decisionaid.atomic import write_text_atomic
from decisionaid.report import summary as s

if TYPE_CHECKING:
    from decisionaid.rules import Result

CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 1.05rem;
  line-height: 1.5; color: #1a1a1a; background: #fff; max-width: 52rem; margin: 0 auto;
  padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
h3 .note { font-weight: normal; color: #4a4a4a; }
.disclaimer { border: 2px solid #1a1a1a; background: #f4f4f4; padding: .5rem .75rem;
  font-weight: bold; }
.notice { font-weight: normal; margin: .3rem 0 0; }
.note { color: #4a4a4a; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #8a8a8a; padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
thead th { background: #e4e4e4; }
th[scope=row] { background: #f2f2f2; width: 22%; }
tr.group th { background: #f2f2f2; }
tr.flag td, tr.flag th { border: 3px solid #1a1a1a; font-weight: bold; }
.cell-line { display: block; }
.record { border: 2px solid #1a1a1a; padding: .5rem .75rem; white-space: pre-wrap;
  font-family: inherit; }
figure { margin: 1rem 0; }
.grids { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.grid p { margin: .2rem 0; font-weight: bold; }
svg { width: 9rem; height: 9rem; }
.write { border-bottom: 1px solid #8a8a8a; height: 2rem; }
a { color: #0b4a8b; }
ol.refs { padding-left: 2.5rem; }
ol.refs li { margin-bottom: .4rem; overflow-wrap: anywhere; }
footer { margin-top: 2rem; color: #4a4a4a; font-size: .95rem; }
@media print {
  body { max-width: none; font-size: 10.5pt; padding: 0; }
  h2 { break-before: auto; break-after: avoid; }
  h3 { break-after: avoid; }
  section.today { break-after: page; }
  table, figure, .card { break-inside: avoid; }
  a { color: #1a1a1a; }
  a[href^="http"]::after { content: ""; }
}
"""


def _text(text: str) -> str:
    """Escaped text; line breaks become separate lines."""
    lines = [escape(line) for line in text.replace("\r\n", "\n").split("\n")]
    if len(lines) == 1:
        return lines[0]
    return "".join(f'<span class="cell-line">{line}</span>' for line in lines)


def _svg(affected: int, label: str) -> str:
    """A 10 x 10 grid of people: the affected filled, row by row from the top left."""
    people = []
    for i in range(100):
        row, col = divmod(i, 10)
        x, y = col * 10 + 5, row * 10
        fill = "#1a1a1a" if i < affected else "#ffffff"
        people.append(
            f'<circle cx="{x}" cy="{y + 3}" r="1.8" fill="{fill}" stroke="#1a1a1a" '
            f'stroke-width=".6"/><rect x="{x - 2.8}" y="{y + 5.2}" width="5.6" height="4" '
            f'rx="1.2" fill="{fill}" stroke="#1a1a1a" stroke-width=".6"/>'
        )
    return (
        f'<svg viewBox="0 0 100 100" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
        + "".join(people)
        + "</svg>"
    )


class _Page:
    def __init__(self) -> None:
        self.out: list[str] = []

    def add(self, html: str) -> None:
        self.out.append(html)

    def block(self, block: s.Block) -> None:
        if isinstance(block, s.Para):
            cls = {"note": "note", "small": "small", "lead": "lead", "warning": "warning"}.get(
                block.style, ""
            )
            label = f"<strong>{escape(block.label)}</strong> " if block.label else ""
            attr = f' class="{cls}"' if cls else ""
            self.add(f"<p{attr}>{label}{_text(block.text)}</p>")
        elif isinstance(block, s.Heading):
            note = f' <span class="note">\u2014 {escape(block.note)}</span>' if block.note else ""
            self.add(f"<h3>{escape(block.text)}{note}</h3>")
        elif isinstance(block, s.Bullets):
            if block.label:
                self.add(f"<p><strong>{escape(block.label)}</strong></p>")
            items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
            self.add(f"<ul>{items}</ul>")
        elif isinstance(block, s.Table):
            self.table(block)
        elif isinstance(block, s.Card):
            note = f' <span class="note">\u2014 {escape(block.note)}</span>' if block.note else ""
            rows = "".join(
                f'<tr><th scope="row">{escape(label)}</th><td>{_text(text)}</td></tr>'
                for label, text in block.rows
            )
            what = "in short" if block.compact else "the same rows for every option"
            self.add(
                f'<div class="card"><h3>{escape(block.title)}{note}</h3>'
                f'<table><caption class="note">{escape(block.title)}: '
                f"{what}</caption><tbody>{rows}</tbody></table></div>"
            )
        elif isinstance(block, s.RecordNote):
            self.add(f'<pre class="record">{escape(chr(10).join(block.lines))}</pre>')
        elif isinstance(block, s.IconArray):
            self.icon_array(block)
        elif isinstance(block, s.WritingLines):
            if block.label:
                self.add(f"<p><strong>{escape(block.label)}</strong></p>")
            self.add('<div class="write" aria-hidden="true"></div>' * block.count)
        elif isinstance(block, s.ReferenceList):
            self.references(block.entries)
        else:  # pragma: no cover
            raise TypeError(f"unknown summary block {type(block).__name__}")

    def table(self, block: s.Table) -> None:
        ncols = len(block.header)
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.header)
        body = []
        for i, row in enumerate(block.rows):
            if i in block.group_rows:
                body.append(
                    f'<tr class="group"><th scope="colgroup" colspan="{ncols}">'
                    f"{_text(row[0])}</th></tr>"
                )
                continue
            if i in block.note_rows:
                body.append(f'<tr><td colspan="{ncols}">{_text(row[0])}</td></tr>')
                continue
            cells = list(row) + [""] * (ncols - len(row))
            first = (
                f'<th scope="row">{_text(cells[0])}</th>'
                if block.label_column or block.group_rows
                else f"<td>{_text(cells[0])}</td>"
            )
            rest = "".join(f"<td>{_text(c)}</td>" for c in cells[1:])
            cls = ' class="flag"' if i in block.warning_rows else ""
            body.append(f"<tr{cls}>{first}{rest}</tr>")
        self.add(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")

    def icon_array(self, block: s.IconArray) -> None:
        kind = "Benefit" if block.kind == "benefit" else "Harm"
        grids = "".join(
            f'<div class="grid"><p>{escape(label)}</p>'
            f"{_svg(icons, f'{label}: {pr.number(value)} in 100 {block.legend_filled}')}"
            f"<p>{escape(pr.number(value))} in 100</p></div>"
            for label, icons, value in (
                (block.treated_label, block.treated_icons, block.treated_per_100),
                (block.comparison_label, block.comparison_icons, block.comparison_per_100),
            )
        )
        self.add(
            f'<figure aria-label="{escape(block.alt)}">'
            f"<h3>{kind}. {escape(block.title)}</h3>"
            f'<div class="grids">{grids}</div>'
            f"<figcaption><p><strong>Filled figure:</strong> {escape(block.legend_filled)}. "
            f"<strong>Outlined figure:</strong> {escape(block.legend_outlined)}.</p>"
            f"<p>{escape(block.caption)}</p></figcaption></figure>"
        )

    def references(self, entries: Iterable[s.ReferenceEntry]) -> None:
        items = []
        for e in entries:
            linked = {label: (text, href) for label, text, href in e.links}
            parts = [escape(e.citation)]
            for detail in e.details:
                label, _, _value = detail.partition(": ")
                if label in linked:
                    text, href = linked[label]
                    parts.append(f'{escape(label)}: <a href="{escape(href)}">{escape(text)}</a>.')
                else:
                    parts.append(escape(detail) + ("" if detail.endswith(".") else "."))
            if e.conflict_of_interest:
                parts.append(
                    f"<strong>Conflict of interest:</strong> {escape(e.conflict_of_interest)}"
                )
            items.append(f'<li id="ref-{e.number}" value="{e.number}">{" ".join(parts)}</li>')
        self.add(f'<ol class="refs">{"".join(items)}</ol>')


def render_html(summary: s.Summary) -> str:
    """The whole summary as one HTML document (a string)."""
    page = _Page()
    page.add("<header>")
    page.add(f"<h1>{escape(summary.title)}</h1>")
    who = f"<strong>Prepared by:</strong> {escape(summary.name)} \u00b7 " if summary.name else ""
    page.add(f"<p>{who}<strong>Date:</strong> {escape(summary.date)}</p>")
    notices = "".join(
        f'<p class="notice"><strong>Please note:</strong> {escape(n)}</p>' for n in summary.notices
    )
    page.add(f'<div class="disclaimer" role="note">{escape(summary.disclaimer)}{notices}</div>')
    if len(summary.sections) > 1:
        links = "".join(
            f'<li><a href="#{escape(sec.key)}">{escape(sec.title)}</a></li>'
            for sec in summary.sections
        )
        page.add(f'<nav aria-label="Sections"><ol>{links}</ol></nav>')
    page.add("</header><main>")
    for number, section in enumerate(summary.sections, start=1):
        page.add(
            f'<section id="{escape(section.key)}" class="{escape(section.key)}" '
            f'aria-labelledby="h-{escape(section.key)}">'
            f'<h2 id="h-{escape(section.key)}">{number}. {escape(section.title)}</h2>'
        )
        for block in section.blocks:
            page.block(block)
        page.add("</section>")
    page.add(
        f"</main><footer><p>{escape(summary.version_line)}</p>"
        f"<p>{escape(summary.date)} \u00b7 {escape(summary.footer)}</p></footer>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(summary.language)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(summary.metadata_title)}</title>\n"
        f'<meta name="description" content="{escape(summary.subject)}">\n'
        '<meta name="generator" content="DecisionAid">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(page.out) + "\n</body>\n</html>\n"
    )


def build_summary_html(
    result: Result, *, sections: Iterable[str] | None = None, today: _dt.date | None = None
) -> str:
    """The summary as a self-contained web page. Pure: nothing is written anywhere."""
    return render_html(s.build_summary(result, sections=sections, today=today))


def write_summary_html(
    result: Result,
    path: Path | str,
    *,
    sections: Iterable[str] | None = None,
    today: _dt.date | None = None,
) -> None:
    """Build the page in memory, then write it atomically (like the PDF)."""
    write_text_atomic(path, build_summary_html(result, sections=sections, today=today))
