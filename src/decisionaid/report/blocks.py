"""The building blocks of a summary: what a section holds, laid out by report.pdf (paper) and
report.html (the web page). Plain data, no layout."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    """A paragraph. ``label`` is a bold lead-in; ``style`` is body, small, note, warning or lead."""

    text: str
    style: str = "body"
    label: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    note: str = ""  # a short line shown after the heading, such as the option's group


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    label: str = ""
    style: str = "body"


@dataclass(frozen=True)
class Table:
    """A table of text cells. ``widths`` are fractions of the page width; rows listed in
    ``group_rows`` are one label spanning every column (a group title inside the table)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    group_rows: tuple[int, ...] = ()
    label_column: bool = False  # the first column is a row label (bold)
    note_rows: tuple[int, ...] = ()  # one plain line spanning every column ("None.")
    keep_rows: int = 1  # body rows kept on the same page as the header
    dense: bool = False  # a wide grid set at the smallest table size (9 pt)
    warning_rows: tuple[int, ...] = ()  # rows set in bold: a flag for the clinician


@dataclass(frozen=True)
class Card:
    """One option on at most half a page: the same labelled rows for every option."""

    title: str
    note: str
    rows: tuple[tuple[str, str], ...]
    compact: bool = False  # an option the person did not look at: its main rows, set short


@dataclass(frozen=True)
class IconArray:
    """One comparable outcome drawn twice on the same 100-person grid."""

    title: str
    kind: str  # "benefit" or "harm"
    treated_label: str
    comparison_label: str
    treated_per_100: float
    comparison_per_100: float
    treated_icons: int
    comparison_icons: int
    legend_filled: str
    legend_outlined: str
    caption: str
    alt: str  # what a screen reader says for the two pictures


@dataclass(frozen=True)
class RecordNote:
    """Plain text for the medical record, line by line."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class WritingLines:
    count: int
    label: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ReferenceEntry:
    number: int
    id: str
    citation: str
    details: tuple[str, ...]  # "DOI: ...", "PMID: ...", "Web: ...", "Where: ...", "Accessed: ..."
    conflict_of_interest: str
    links: tuple[tuple[str, str, str], ...] = ()  # (label, shown text, address)
    short: str = ""  # a short citation for the compact printed list (first author, title, year)
    short_conflict: str = ""  # the conflict of interest in a few words


@dataclass(frozen=True)
class ReferenceList:
    entries: tuple[ReferenceEntry, ...]


# What a section holds: report.pdf and report.html lay out each of these.
Block = (
    Para | Heading | Bullets | Table | Card | IconArray | RecordNote | WritingLines | ReferenceList
)
