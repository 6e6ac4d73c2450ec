"""Cost maths: totals over 1, 3 and 5 years from a treatment's up-front and yearly ranges.

The catalogue's convention (docs/catalogue-format.md): ``upfront`` is paid once at the start,
``yearly`` is paid for every year of use from the first. The total over N years is
``upfront + yearly * N`` at the low and at the high end. An unknown cost stays unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from decisionaid.models import Cost, Range

YEARS = (1, 3, 5)


@dataclass(frozen=True)
class CostTotals:
    known: bool
    estimate: bool
    by_year: dict[int, Range]  # years -> (low, high); empty when unknown
    # True when the up-front price is known but repeat costs are not: totals are a floor.
    open_ended: bool = False

    def total(self, years: int) -> Range | None:
        return self.by_year.get(years)

    def midpoint(self, years: int) -> float | None:
        rng = self.by_year.get(years)
        return None if rng is None else (rng[0] + rng[1]) / 2


def total_over(cost: Cost, years: int) -> Range | None:
    """The total over ``years``; with unknown repeat costs, the up-front part alone (a floor)."""
    if not cost.known or cost.upfront is None:
        return None
    if cost.yearly is None:
        return cost.upfront
    return (cost.upfront[0] + cost.yearly[0] * years, cost.upfront[1] + cost.yearly[1] * years)


def totals(cost: Cost, years: tuple[int, ...] = YEARS) -> CostTotals:
    by_year = {}
    for n in years:
        rng = total_over(cost, n)
        if rng is not None:
            by_year[n] = rng
    return CostTotals(
        known=bool(by_year),
        estimate=cost.estimate,
        by_year=by_year,
        open_ended=bool(by_year) and cost.yearly is None,
    )


def format_total(costs: CostTotals, years: int) -> str:
    """A total for display: 'Not known', '$120 to $600', '$8,000 to $13,000 (estimate) + repeats not priced'."""
    text = format_range(costs.total(years), costs.estimate)
    if costs.open_ended and costs.total(years) is not None:
        text += " + repeats not priced"
    return text


def format_usd(value: float) -> str:
    return f"${value:,.0f}"


def format_range(rng: Range | None, estimate: bool = False) -> str:
    """'$0', '$120 to $1,440', 'Not known'; '(estimate)' where the price comes from sellers."""
    if rng is None:
        return "Not known"
    low, high = rng
    text = (
        format_usd(low) if round(low) == round(high) else f"{format_usd(low)} to {format_usd(high)}"
    )
    return f"{text} (estimate)" if estimate and high > 0 else text
