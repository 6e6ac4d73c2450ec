"""The summary section "What the clinic told me, and what the evidence says".

Built from the offer the person pasted into "Check a clinic's offer" (kept in the answers):
the products it names with their status, the price they were quoted against the catalogue's
range, each flagged sentence with why it overstates and its source, and the questions to ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from decisionaid.report.blocks import Block, Bullets, Para, Table

if TYPE_CHECKING:
    from decisionaid.rules import Result


class _Citations(Protocol):
    def cite(self, refs: Iterable[str]) -> str: ...


class _Context(Protocol):
    """What this section reads of the summary's context (report.summary._Context)."""

    @property
    def result(self) -> Result: ...
    @property
    def cite(self) -> _Citations: ...


MAX_QUOTE = 400  # characters of one sentence quoted in the table


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1] + "\u2026"
    return "\u201c" + text + "\u201d"


def offer_section(ctx: _Context) -> tuple[Block, ...]:
    from decisionaid.offer_check import (
        LIMITS_TEXT,
        OfferError,
        check_offer,
        compare_price,
        priced_product,
    )

    offer = ctx.result.answers.offer
    catalogue = ctx.result.catalogue
    if offer is None or not offer.text.strip():
        return (
            Para(
                "I did not check a clinic's offer in the app. To add one, use "
                "\u201cI have an offer from a clinic\u201d and paste the clinic's text.",
                "note",
            ),
        )
    try:
        report = check_offer(offer.text, catalogue)
    except OfferError as exc:
        return (Para(f"The offer I pasted could not be checked: {exc}.", "note"),)
    blocks: list[Block] = [
        Para(
            f"I pasted a clinic's offer ({len(report.text):,} characters) into DecisionAid. "
            "Below are the sentences it found that claim more than the evidence or the rules "
            "support, and why. " + LIMITS_TEXT,
            "note",
        )
    ]
    if report.products:
        blocks.append(
            Bullets(
                tuple(f"{p.name}: {p.regulatory_words}." for p in report.products),
                label="Products the offer names:",
            )
        )
    else:
        blocks.append(Para("The offer names no product the catalogue knows.", "small"))
    if offer.price_usd is not None:
        priced = priced_product(report, catalogue)
        text = (
            compare_price(catalogue, priced.id, offer.price_usd)
            if priced
            else f"I was quoted ${offer.price_usd:,.0f}. The offer names no product with a "
            "catalogue price to compare."
        )
        blocks.append(Para(text, label="The price I was quoted:"))
    flagged = report.flagged_sentences()
    if flagged:
        rows = []
        for start, end, flags in flagged:
            kinds = "; ".join(dict.fromkeys(f.kind_words for f in flags))
            whys = " ".join(
                f.why + ctx.cite.cite(f.refs) for f in {f.why: f for f in flags}.values()
            )
            rows.append((_quote(report.text[start:end]), kinds, whys))
        blocks.append(
            Table(
                ("What the clinic said", "Kind of claim", "What the evidence and the rules say"),
                tuple(rows),
                (0.38, 0.16, 0.46),
            )
        )
    else:
        blocks.append(
            Para(
                "The check found none of the claims it knows. This does not mean that "
                "everything in the offer is true.",
                "small",
            )
        )
    blocks.append(Bullets(report.questions, label="Questions to ask this clinic:"))
    return tuple(blocks)
