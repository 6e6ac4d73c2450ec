"""Measure "Check a clinic's offer" on annotated clinic pages (tests/fixtures/offers/).

Recall: the share of sentences annotated `red` that the checker flags. False-flag rate: the share
of flagged sentences that are not annotated `red` (annotated `fair`, or not annotated at all).
A flagged sentence and an annotation match when one contains the other (after lower-casing and
joining spaces), so an annotation may quote the clause that carries the claim.

    python benchmarks/offer_benchmark.py [--verbose] [--set tuning|held_out_1|held_out_2|held_out_3|held_out_4|held_out_5]

Sets: ``tuning`` pages were tuned on from the start; ``held_out_1`` pages were held out in round 1
(measured once, then used for tuning in round 2); ``held_out_2`` pages were collected and
annotated after round 1 and measured once, after the last change for round 2 (then used for
tuning in round 3); ``held_out_3`` pages were annotated after round 2 and measured once, after
the last change for round 3. ``held_out_4`` pages (f*) were collected and annotated in round 4
before the checker ever ran on them, and measured once, after the last change for round 4; all
other sets were tuned on in round 4. In round 5 ``held_out_4`` joined the tuning pages and
``held_out_5`` pages (g*), annotated and committed before any run, were measured once.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "offers"
sys.path.insert(0, str(REPO / "src"))


def _n(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class PageResult:
    name: str
    set: str
    seller: str
    url: str
    red: int = 0
    found: int = 0
    flagged: int = 0
    false: int = 0
    misses: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)


def load_pages() -> list[tuple[str, str, dict]]:
    pages = []
    order = {"t": 0, "h": 1, "r": 2, "n": 3, "f": 4, "g": 5}
    for meta_path in sorted(
        FIXTURES.glob("*.toml"), key=lambda p: (order.get(p.name[0], 9), p.name)
    ):
        text = meta_path.with_suffix(".txt").read_text(encoding="utf-8")
        with meta_path.open("rb") as handle:
            pages.append((meta_path.stem, text, tomllib.load(handle)))
    return pages


def measure(catalogue) -> list[PageResult]:
    from decisionaid.offer_check import check_offer

    results = []
    for name, text, meta in load_pages():
        report = check_offer(text, catalogue)
        flagged = [_n(report.text[s:e]) for s, e, _ in report.flagged_sentences()]
        claims = meta.get("claim", [])
        r = PageResult(name, meta["set"], meta.get("seller", ""), meta.get("url", ""))
        for c in claims:
            if c["label"] != "red":
                continue
            r.red += 1
            ct = _n(c["text"])
            if any(ct in f or f in ct for f in flagged):
                r.found += 1
            else:
                r.misses.append(c["text"])
        red_texts = [_n(c["text"]) for c in claims if c["label"] == "red"]
        for f in flagged:
            r.flagged += 1
            if not any(ct in f or f in ct for ct in red_texts):
                r.false += 1
                r.false_flags.append(f)
        results.append(r)
    return results


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "n/a"


def table(results: list[PageResult]) -> str:
    lines = [
        "| set | page (seller) | red flags annotated | found | sentences flagged | false flags |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.set} | [{r.name}]({r.url}) ({r.seller}) | {r.red} | {r.found} | {r.flagged} "
            f"| {r.false} |"
        )
    for s in dict.fromkeys(r.set for r in results):
        rs = [r for r in results if r.set == s]
        red, found = sum(r.red for r in rs), sum(r.found for r in rs)
        flagged, false = sum(r.flagged for r in rs), sum(r.false for r in rs)
        lines.append(
            f"| **{s}** | {len(rs)} pages | {red} | {found} (recall {_pct(found, red)}) "
            f"| {flagged} | {false} ({_pct(false, flagged)} false) |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="list misses and false flags")
    parser.add_argument("--set", help="only pages of this set (tuning, held_out_1, held_out_2)")
    args = parser.parse_args(argv)
    from decisionaid.catalogue import open_catalogue

    results = [r for r in measure(open_catalogue()) if not args.set or r.set == args.set]
    print(table(results))
    if args.verbose:
        for r in results:
            for m in r.misses:
                print(f"MISS  {r.name}: {m}")
            for f in r.false_flags:
                print(f"FALSE {r.name}: {f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
