"""``decisionaid catalogue check``: every problem in the sources, and their reading level."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from decisionaid.catalogue.readability import median_grade, score_texts
from decisionaid.catalogue.sources import (
    Problem,
    Sources,
    load_sources,
    numbers_not_in_quotes,
    unquoted_numbers,
)
from decisionaid.models import Catalogue

MAX_MEDIAN_GRADE = 8.0
WORST_SHOWN = 10


def model_from_sources(src: Sources) -> Catalogue:
    """The catalogue model the build would write (contraindications resolved), without a file."""
    from decisionaid.catalogue.build import rows_for
    from decisionaid.catalogue.store import catalogue_from_rows

    meta = {"catalogue_version": str(src.catalogue.get("version", ""))}
    return catalogue_from_rows(meta, rows_for(src))


def matrix_files(source: Path) -> dict[Path, str]:
    """The decision table's files and their generated text, and the format document with its
    field tables generated from the spec. Raises ValueError on bad sources."""
    from decisionaid.catalogue.matrix import render_csv, render_markdown

    source = Path(source)
    src, problems = load_sources(source)
    if problems:
        raise ValueError(
            f"{len(problems)} problem(s) in {source}: run 'decisionaid catalogue check'"
        )
    catalogue = model_from_sources(src)
    root = source.resolve().parent
    files = {
        root / "docs" / "safety-matrix.md": render_markdown(catalogue),
        source / "safety-matrix.csv": render_csv(catalogue),
    }
    files.update(format_doc_files(root))
    return files


def format_doc_files(root: Path) -> dict[Path, str]:
    """docs/catalogue-format.md with its field tables generated from ``spec`` (nothing when the
    document or its markers are not there, as in a copy of data/ alone)."""
    from decisionaid.catalogue.spec import DOC_BEGIN, DOC_END, with_field_tables

    path = Path(root) / "docs" / "catalogue-format.md"
    if not path.exists():
        return {}
    text = path.read_text("utf-8")
    if DOC_BEGIN not in text or DOC_END not in text:
        return {}
    return {path: with_field_tables(text)}


def safety_report(src: Sources, out: TextIO) -> list[str]:
    """Undecided treatment x condition pairs (problems) and the relaxations (listed)."""
    from decisionaid.catalogue.matrix import decisions

    try:
        catalogue = model_from_sources(src)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        return [
            f"safety decisions: cannot be worked out until the problems below are fixed ({exc})"
        ]
    rows = decisions(catalogue)
    counts = {k: sum(1 for d in rows if d.outcome == k) for k in ("absolute", "relative", "none")}
    out.write(
        f"Safety decisions: {len(rows)} treatment x condition pairs: {counts['absolute']} absolute, "
        f"{counts['relative']} relative, {counts['none']} no known concern\n"
    )
    relaxations = [(t, rx) for t in catalogue.treatments.values() for rx in t.relaxations]
    if relaxations:
        out.write(f"  Relaxations of inherited entries ({len(relaxations)}):\n")
        for t, rx in relaxations:
            to = "no known concern" if rx.to_kind == "none" else rx.to_kind
            out.write(
                f"    {t.id}: {rx.condition} from {rx.component}, {rx.from_kind} -> {to}: "
                f"{rx.reason} [{', '.join(rx.refs)}]\n"
            )
    return [
        f"treatments/{d.treatment}.toml: no decision for condition '{d.condition}' (add a "
        "[[contraindications]] or [[no_known_concern]] entry, here or in a component)"
        for d in rows
        if d.outcome == "undecided"
    ]


def run_check(source: Path, out: TextIO) -> int:
    src, found = load_sources(Path(source))
    problems: list[Problem | str] = list(found)
    scored = score_texts(src)
    median = median_grade(scored)
    if scored and median > MAX_MEDIAN_GRADE:
        problems.append(
            f"reading level: the median Flesch-Kincaid grade is {median:.1f}; "
            f"it must be {MAX_MEDIAN_GRADE:g} or below"
        )
    out.write(f"Catalogue sources: {source}\n")
    out.write(
        f"  {len(src.treatments)} treatments, {len(src.hair_loss_types)} hair-loss types, "
        f"{len(src.conditions)} conditions, {len(src.references)} references\n"
    )
    out.write(
        f"Reading level (Flesch-Kincaid grade) of {len(scored)} patient texts: "
        f"median {median:.1f} (goal: {MAX_MEDIAN_GRADE:g} or below)\n"
    )
    problems += safety_report(src, out)
    worst = sorted(scored, key=lambda s: -s.grade)[:WORST_SHOWN]
    if worst:
        out.write("  Hardest to read:\n")
        for s in worst:
            out.write(f"    {s.grade:5.1f}  {s.where}\n")
    unquoted = unquoted_numbers(src)
    out.write(
        f"Decision numbers in fields with no quoted source passage: {len(unquoted)} (goal: none)\n"
    )
    for where, number in unquoted:
        out.write(f"    {where}: {number}\n")
    unmatched = numbers_not_in_quotes(src)
    out.write(
        f"Decision numbers not found in their own quotes (a second editor confirms each; "
        f"rounded, per-100 and summed figures are expected here): {len(unmatched)}\n"
    )
    for where, number in unmatched:
        out.write(f"    {where}: {number}\n")
    if problems:
        out.write(f"{len(problems)} problem(s):\n")
        for problem in problems:
            out.write(f"  {problem}\n")
        return 1
    out.write("No problems found.\n")
    return 0
