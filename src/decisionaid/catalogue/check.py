"""``decisionaid catalogue check``: every problem in the sources, and their reading level."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from decisionaid.catalogue.readability import median_grade, score_texts
from decisionaid.catalogue.sources import load_sources, numbers_not_in_quotes, unquoted_numbers

MAX_MEDIAN_GRADE = 8.0
WORST_SHOWN = 10


def run_check(source: Path, out: TextIO) -> int:
    src, problems = load_sources(Path(source))
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
