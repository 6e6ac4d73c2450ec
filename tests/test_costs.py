"""Cost maths: 1-, 3- and 5-year totals from up-front and yearly ranges."""

from decisionaid.costs import format_range, format_total, totals
from decisionaid.models import Cost


def cost(upfront, yearly, known=True, estimate=False):
    return Cost(known=known, upfront=upfront, yearly=yearly, estimate=estimate, note="", refs=())


def test_totals_add_yearly_costs_to_the_upfront_cost():
    """Total over N years = upfront + yearly × N, at both ends of the range."""
    t = totals(cost((1500, 3500), (800, 2000)))
    assert t.total(1) == (2300, 5500)
    assert t.total(3) == (3900, 9500)
    assert t.total(5) == (5500, 13500)


def test_unknown_cost_stays_unknown():
    """No number is invented for an unknown price."""
    t = totals(cost(None, None, known=False))
    assert not t.known and t.total(5) is None
    assert format_total(t, 5) == "Not known"


def test_unknown_repeat_costs_give_a_floor_not_a_guess():
    """With only an up-front price, totals are that price and say repeats are not priced."""
    t = totals(cost((8000, 13000), None, estimate=True))
    assert t.open_ended and t.total(5) == (8000, 13000)
    assert format_total(t, 5) == "$8,000 to $13,000 (estimate) + repeats not priced"


def test_format_range_words():
    """Ranges read naturally and free options say $0."""
    assert format_range((0, 0)) == "$0"
    assert format_range((120, 1440)) == "$120 to $1,440"
    assert format_range((100, 200), estimate=True) == "$100 to $200 (estimate)"


def test_unknown_cost_is_not_open_ended_and_not_known():
    """Only a known up-front price with unknown repeats is 'open ended' (a floor)."""
    from decisionaid.costs import totals as _totals
    from decisionaid.models import Cost as _Cost

    unknown = _totals(_Cost(False, None, None, False, "", ()))
    assert (unknown.known, unknown.open_ended, unknown.by_year) == (False, False, {})
    floor = _totals(_Cost(True, (10, 20), None, False, "", ()))
    assert (floor.known, floor.open_ended) == (True, True)
    full = _totals(_Cost(True, (10, 20), (1, 2), False, "", ()))
    assert (full.known, full.open_ended) == (True, False)
