"""Plain rows and texts for showing results: what the GUI's tables and views and the PDF display.

Pure functions from the domain objects (``rules.OptionResult``, ``models.Treatment``...) to dicts,
tuples and strings. No Qt here (the import-linter contract keeps the core Qt-free): widgets only
lay these texts out, so the desktop app and the PDF say exactly the same thing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from decisionaid.answers import SURE_KEYS, Decision
from decisionaid.costs import YEARS, CostTotals, format_total, totals
from decisionaid.models import (
    Catalogue,
    Evidence,
    Outcome,
    Reference,
    Treatment,
    expand_implied,
)
from decisionaid.rules import PRIORITY_WORDS, STATUS_WORDS, STATUSES, OptionResult, Result
from decisionaid.vocabulary import (
    CATEGORIES,
    CERTAINTIES,
    CERTAINTY_VERBS,
    CERTAINTY_WORDS,
    FREQUENCY_WORDS,
    INVASIVENESS,
    INVASIVENESS_WORDS,
    PERMANENCE_WORDS,
    REGULATORY,
    REGULATORY_WORDS,
)

MAX_COMPARE = 4

CATEGORY_WORDS = {
    "standard": "Standard treatment",
    "regenerative": "Regenerative (cell-based or injected) treatment",
    "cosmetic": "Cosmetic option",
    "no_treatment": "No treatment",
    "research": "Research only",
}
CATEGORY_SHORT = {
    "standard": "Standard",
    "regenerative": "Regenerative",
    "cosmetic": "Cosmetic",
    "no_treatment": "No treatment",
    "research": "Research",
}
EFFORT_WORDS = {"low": "Low effort", "medium": "Medium effort", "high": "High effort"}
EFFECT_WORDS = {
    "large": "a large benefit",
    "moderate": "a moderate benefit",
    "small": "a small benefit",
    "none": "no clear benefit",
    "unknown": "a benefit of unknown size",
}
STATUS_MEANING = {
    "suitable": "Nothing in your answers rules these out. They are not ranked as best.",
    "caution": "Something in your answers means you should talk these over with a doctor first.",
    "excluded": "Something in your answers rules these out. They are shown so you can see why.",
}

NOT_RANKED = (
    'These options are not ranked: the app never picks a "best" one for you. Within '
    "each group, options that score higher on what you said matters most to you come "
    "first."
)
NO_COMPARABLE_NUMBERS = "No study gives comparable numbers for this."
PRICE_NOT_KNOWN = "Price not known"

COMPARE_QUESTIONS = (
    "Does it work?",
    "How sure are we?",
    "What are the risks?",
    "What does it cost over 5 years?",
    "How much effort?",
    "What if I stop?",
    "Is it approved?",
)


# How important a priority is, 1 to 5: the words the question page, the PDF and the web page use.
IMPORTANCE_WORDS = {
    1: "Not important",
    2: "A little important",
    3: "Quite important",
    4: "Very important",
    5: "Most important",
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# --- small helpers ----------------------------------------------------------------------------


def format_date(day: datetime.date) -> str:
    """'21 November 2026': the same for readers in every country."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def first_sentence(text: str) -> str:
    """The first sentence (two when the first is very short), for table cells and one-liners."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"\u201c(])", text.strip())
    out = parts[0] if parts else ""
    if len(out) < 50 and len(parts) > 1:
        out = f"{out} {parts[1]}"
    return out


# Editors' working notes in catalogue text ("(seed page 001)", "Not read.", "abstract read
# through booksci.cn"): they never reach a patient or a clinician.
_NOTE_ASIDE = re.compile(r"\s*\((?:project )?seed page[^)]*\)", re.IGNORECASE)
_NOTE_SENTENCE = re.compile(
    r"seed page|project seed|booksci|\bnot read\b|\bwas not read\b|not checked|"
    r"\bread only as a copy\b|\bread through\b|\bpart read\b",
    re.IGNORECASE,
)


def without_working_notes(text: str) -> str:
    """The text without editors' working notes: asides such as "(seed page 001)" removed, and
    any sentence that is a note about how the editors read the source dropped."""
    text = _NOTE_ASIDE.sub("", text or "").strip()
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"\u201c(])", text)
    return " ".join(p for p in parts if p and not _NOTE_SENTENCE.search(p)).strip()


def importance_words(value: int) -> str:
    return IMPORTANCE_WORDS.get(value, "")


def ranked_priorities(priorities: dict[str, int]) -> list[tuple[str, int]]:
    """(priority id, importance) most important first; ties in the question page's order."""
    order = list(PRIORITY_WORDS)
    return sorted(
        priorities.items(),
        key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else 99),
    )


def priority_line(key: str, value: int) -> str:
    """'Fewer side effects: 5 of 5 (most important)'."""
    return f"{PRIORITY_WORDS.get(key, key)}: {value} of 5 ({importance_words(value).lower()})"


def number(value: float) -> str:
    """'48', '1.8', '0.3': a per-100 number without trailing zeros."""
    return f"{value:g}" if value < 1000 else f"{value:,.0f}"


def sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".!?\"'":
        text += "."
    return text[:1].upper() + text[1:] if text else text


def with_article(comparison: str) -> str:
    first = comparison.split(" ", 1)[0].lower() if comparison else ""
    if first in ("dummy", "placebo", "sham", "vehicle", "fake", "inactive"):
        return f"a {comparison}"
    return comparison


def frequency_text(frequency: str) -> str:
    """'very common (10 or more in 100)', 'how often is not known'."""
    if not frequency or frequency == "unknown":
        return "how often is not known"
    words = FREQUENCY_WORDS.get(frequency, frequency)
    return words[:1].lower() + words[1:]


def cost_text(costs: CostTotals, years: int) -> str:
    """'$120 to $600', '$2,000 (estimate) + repeats not priced' or 'Price not known'."""
    if costs.total(years) is None:
        return PRICE_NOT_KNOWN
    return format_total(costs, years)


def cost_lines(costs: CostTotals) -> list[tuple[str, str]]:
    """[('1 year', '$120 to $240'), ('3 years', ...), ('5 years', ...)]."""
    return [(f"{n} year{'s' if n > 1 else ''}", cost_text(costs, n)) for n in YEARS]


def certainty_words(certainty: str | None) -> str:
    if certainty is None:
        return "Not used for this kind of hair loss"
    return CERTAINTY_WORDS.get(certainty, certainty)


def outcomes_for(outcomes: tuple[Outcome, ...], hair_loss_type: str | None) -> list[Outcome]:
    """The outcomes that apply to a kind of hair loss (all of them when no kind is given)."""
    if not hair_loss_type:
        return list(outcomes)
    return [o for o in outcomes if o.applies_to(hair_loss_type)]


def lower_name(name: str) -> str:
    """'Finasteride tablets' -> 'finasteride tablets' inside a sentence; 'PRP' stays."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def numbers_per_100(outcome: Outcome) -> tuple[float, float] | None:
    """(treated, comparison) in 100, or None when the outcome has no comparable numbers."""
    if outcome.treated_per_100 is None or outcome.comparison_per_100 is None:
        return None
    return outcome.treated_per_100, outcome.comparison_per_100


def outcome_caption(outcome: Outcome, treatment_name: str) -> str:
    """'48 in 100 had more hair with finasteride; 6 in 100 with a dummy pill', or the plain
    'no comparable numbers' sentence."""
    values = numbers_per_100(outcome)
    if values is None:
        return NO_COMPARABLE_NUMBERS
    what = outcome.outcome or "were affected"
    name = lower_name(treatment_name)
    comparison = with_article(outcome.comparison) if outcome.comparison else "the comparison group"
    return (
        f"{number(values[0])} in 100 {what} with {name}; "
        f"{number(values[1])} in 100 with {comparison}."
    )


def outcome_rounding_note(outcome: Outcome) -> str:
    """Said under a picture whose numbers are not whole people."""
    values = numbers_per_100(outcome)
    if values is None:
        return ""
    if all(float(v).is_integer() for v in values):
        return "Each figure is one person."
    return "Each figure is one person. The pictures round to whole people; the numbers are exact."


def outcome_facts(outcome: Outcome, harm: bool) -> list[tuple[str, str]]:
    """The same labelled facts for every benefit and harm: who, over what time, how often."""
    facts = [
        ("Who", outcome.group or "Not stated"),
        ("Over what time", outcome.timeframe or "Not stated"),
    ]
    values = numbers_per_100(outcome)
    if values is not None:
        facts.append(
            (
                "How often",
                f"{number(values[0])} in 100 with the treatment, "
                f"{number(values[1])} in 100 with "
                f"{with_article(outcome.comparison) or 'the comparison'}",
            )
        )
    elif harm and outcome.frequency:
        facts.append(
            (
                "How often",
                "not known"
                if outcome.frequency == "unknown"
                else frequency_text(outcome.frequency),
            )
        )
    else:
        facts.append(("How often", "not known"))
    return facts


def whole_people(value: float) -> int:
    """Whole figures out of 100, halves rounded up: 0.5 in 100 is drawn as 1 person, never as
    nobody (Python's round() would draw 0.5 as 0 and 2.5 as 2). The one rounding rule for the
    screen, the PDF and the web page."""
    return max(0, min(100, int(float(value) + 0.5)))


def icon_counts(outcome: Outcome) -> tuple[int, int] | None:
    """Whole people out of 100 for the two pictures (treated, comparison)."""
    values = numbers_per_100(outcome)
    if values is None:
        return None
    return whole_people(values[0]), whole_people(values[1])


def is_rare(outcome: Outcome) -> bool:
    """A number under 1 in 100 on either side: a 100-person grid would show (almost) nobody,
    so it is said in words ("fewer than 1 in 100") and not drawn."""
    values = numbers_per_100(outcome)
    if values is None:
        return False
    return any(0 < float(v) < 1 for v in values)


def draws_icon_array(outcome: Outcome) -> bool:
    """Whether this outcome gets the two 100-person pictures (comparable numbers, not rare)."""
    return outcome.has_icon_array and not is_rare(outcome)


def per_100(value: float) -> str:
    """'48 in 100'; under 1 in 100 also in words: '0.4 in 100 (fewer than 1 in 100)'."""
    text = f"{number(value)} in 100"
    if 0 < float(value) < 1:
        text += " (fewer than 1 in 100)"
    return text


def icon_array_description(outcome: Outcome, treatment_name: str) -> str:
    """What a screen reader says for the pictures."""
    counts = icon_counts(outcome)
    if counts is None:
        return NO_COMPARABLE_NUMBERS
    return (
        f"Two pictures of 100 people each. {outcome_caption(outcome, treatment_name)} "
        f"Filled figures are people who {outcome.outcome or 'were affected'}; outlined figures "
        "are people who did not."
    )


FREQUENCY_RANK = {"very_common": 0, "common": 1, "uncommon": 2, "rare": 3, "unknown": 4, "": 5}


def main_benefit_outcome(treatment: Treatment, hair_loss_type: str | None) -> Outcome | None:
    """The benefit shown first everywhere: one with comparable numbers, then one with any
    number, then the first listed."""
    benefits = outcomes_for(treatment.benefits, hair_loss_type)
    ranked = sorted(benefits, key=lambda b: (not b.has_icon_array, b.treated_per_100 is None))
    return ranked[0] if ranked else None


def ranked_harms(treatment: Treatment, hair_loss_type: str | None) -> list[Outcome]:
    """Harms in the order every view lists them: serious first, then the most frequent (by the
    catalogue's frequency word, then by the number in 100), then catalogue order."""
    harms = outcomes_for(treatment.harms, hair_loss_type)
    return sorted(
        harms,
        key=lambda h: (
            not h.serious,
            FREQUENCY_RANK.get(h.frequency, 5),
            -(h.treated_per_100 or 0.0),
        ),
    )


def main_harm_outcome(treatment: Treatment, hair_loss_type: str | None) -> Outcome | None:
    """The "main risk" on the screen, the PDF and the web page: the first of ``ranked_harms``."""
    harms = ranked_harms(treatment, hair_loss_type)
    return harms[0] if harms else None


def main_benefit(treatment: Treatment, hair_loss_type: str | None) -> str:
    benefit = main_benefit_outcome(treatment, hair_loss_type)
    if benefit is None:
        return "No benefit has been measured."
    if benefit.has_icon_array:
        return outcome_caption(benefit, treatment.name)
    return benefit.text


def mark_serious(text: str) -> str:
    """'Serious: ' before a serious harm's words, unless its first sentence already says
    'serious' ('No serious side effects were seen ...' is not labelled 'Serious:')."""
    if re.search(r"\bserious\b", first_sentence(text), re.IGNORECASE):
        return text
    return "Serious: " + text


def main_harm(treatment: Treatment, hair_loss_type: str | None) -> str:
    harm = main_harm_outcome(treatment, hair_loss_type)
    if harm is None:
        return "No harms are listed."
    return mark_serious(harm.text) if harm.serious else harm.text


def reason_summary(option: OptionResult, limit: int = 3) -> list[str]:
    """The reasons that put an option in its group, most important first."""
    wanted = {"excluded": ("excluded",), "caution": ("caution",), "suitable": ("fit",)}[
        option.status
    ]
    chosen = [r.text for r in option.reasons if r.effect in wanted]
    if not chosen:
        chosen = [r.text for r in option.reasons]
    return chosen[:limit]


# --- rows for tables --------------------------------------------------------------------------


def option_row(option: OptionResult) -> dict[str, Any]:
    """One option as plain values for a table row or a card."""
    t = option.treatment
    hl_type = option.evidence.hair_loss_type if option.evidence else None
    row = {
        "id": t.id,
        "name": t.name,
        "status": option.status,
        "status_words": STATUS_WORDS[option.status],
        "certainty": option.certainty if option.evidence else None,
        "certainty_words": option.certainty_words,
        "certainty_rank": len(CERTAINTIES) - CERTAINTIES.index(option.certainty),
        "regulatory": t.regulatory.status,
        "regulatory_words": option.regulatory_words,
        "regulatory_rank": len(REGULATORY)
        - (
            REGULATORY.index(t.regulatory.status)
            if t.regulatory.status in REGULATORY
            else len(REGULATORY)
        ),
        "effort": t.effort,
        "effort_words": EFFORT_WORDS.get(t.effort, t.effort),
        "invasiveness_words": INVASIVENESS_WORDS.get(t.invasiveness, t.invasiveness),
        "category": t.category,
        "estimate": option.costs.estimate,
        "main_benefit": main_benefit(t, hl_type),
        "main_harm": main_harm(t, hl_type),
        "reasons": reason_summary(option),
        "why": " ".join(reason_summary(option)),
        "score": option.score,
    }
    for n in YEARS:
        total = option.costs.total(n)
        row[f"cost_{n}"] = cost_text(option.costs, n)
        # Sorting puts unknown prices last.
        row[f"cost_{n}_low"] = total[0] if total is not None else float("inf")
    return row


def treatment_row(treatment: Treatment, catalogue: Catalogue) -> dict[str, Any]:
    """One treatment for the catalogue browser (no answers involved)."""
    costs = totals(treatment.cost)
    five = costs.total(5)
    types = [
        catalogue.hair_loss_types[h].name if h in catalogue.hair_loss_types else h
        for h in treatment.used_for
    ]
    search = " ".join(
        [
            treatment.name,
            *treatment.also_known_as,
            treatment.summary,
            CATEGORY_WORDS.get(treatment.category, ""),
            *types,
        ]
    ).lower()
    return {
        "id": treatment.id,
        "kind": "treatment",
        "name": treatment.name,
        "also_known_as": ", ".join(treatment.also_known_as),
        "category": treatment.category,
        "category_words": CATEGORY_WORDS.get(treatment.category, treatment.category),
        "category_short": CATEGORY_SHORT.get(treatment.category, treatment.category),
        "category_rank": CATEGORIES.index(treatment.category)
        if treatment.category in CATEGORIES
        else 99,
        "regulatory": treatment.regulatory.status,
        "regulatory_words": REGULATORY_WORDS.get(
            treatment.regulatory.status, treatment.regulatory.status
        ),
        "invasiveness_words": INVASIVENESS_WORDS.get(
            treatment.invasiveness, treatment.invasiveness
        ),
        "invasiveness_rank": INVASIVENESS.index(treatment.invasiveness)
        if treatment.invasiveness in INVASIVENESS
        else 99,
        "used_for": ", ".join(types) or "Not listed",
        "cost_5": cost_text(costs, 5),
        "cost_5_low": five[0] if five is not None else float("inf"),
        "reviewed": treatment.reviewed,
        "search": search,
    }


def hair_loss_type_row(catalogue: Catalogue, type_id: str) -> dict[str, Any]:
    h = catalogue.hair_loss_types[type_id]
    used = [t.name for t in catalogue.treatments.values() if type_id in t.used_for]
    return {
        "id": h.id,
        "kind": "hair_loss_type",
        "name": h.name,
        "order": h.order,
        "description": h.description,
        "treatments": len(used),
        "reviewed": h.reviewed,
        "search": " ".join([h.name, h.description, h.recognise, h.natural_course]).lower(),
    }


def treatments_for_type(catalogue: Catalogue, type_id: str) -> list[tuple[str, str]]:
    """(treatment name, certainty words) for every treatment used for a kind of hair loss."""
    out = []
    for t in sorted(catalogue.treatments.values(), key=lambda t: t.name.lower()):
        ev = t.evidence_for(type_id)
        if ev is not None:
            out.append((t.name, CERTAINTY_WORDS.get(ev.certainty, ev.certainty)))
    return out


# --- results page -----------------------------------------------------------------------------


def grouped(result: Result) -> list[tuple[str, str, list[OptionResult]]]:
    """[(status, heading, options)] for every group, in order, empty groups included."""
    return [(s, STATUS_WORDS[s], result.by_status(s)) for s in STATUSES]


def no_treatment_options(result: Result) -> list[OptionResult]:
    return [o for o in result.options if o.treatment.category == "no_treatment"]


def natural_course(result: Result) -> str:
    """What usually happens with no treatment, for the kind of hair loss chosen."""
    if result.hair_loss_type is None:
        return (
            "The natural course is not known here because the kind of hair loss is not known. "
            "A doctor can tell you what to expect."
        )
    return sentence(result.hair_loss_type.natural_course)


def group_heading(status: str, count: int) -> str:
    return f"{STATUS_WORDS[status]} ({count} option{'s' if count != 1 else ''})"


# --- references -------------------------------------------------------------------------------


def reference_numbers(treatment: Treatment, extra_refs: tuple[str, ...] = ()) -> dict[str, int]:
    """Reference id -> its number in the detail view (first use order, from 1)."""
    order = list(treatment.all_refs())
    for ref in extra_refs:
        if ref not in order:
            order.append(ref)
    return {ref: i for i, ref in enumerate(order, 1)}


def reference_text(ref: Reference) -> str:
    """The citation with its DOI, PMID, web address and where in the source."""
    parts = [sentence(ref.citation)]
    for label, value in ref.identifiers():
        parts.append(f"{label}: {value}" if label == "Web" else f"{label}: {sentence(value)}")
    if ref.accessed:
        parts.append(f"Accessed {ref.accessed}.")
    return " ".join(parts)


def conflict_text(ref: Reference) -> str:
    coi = ref.conflict_of_interest.strip()
    return f"Conflict of interest: {sentence(coi) if coi else 'Not stated.'}"


def source_numbers_text(refs: tuple[str, ...], numbers: dict[str, int]) -> str:
    nums = sorted({numbers[r] for r in refs if r in numbers})
    if not nums:
        return ""
    return ("Source " if len(nums) == 1 else "Sources ") + ", ".join(str(n) for n in nums)


# --- contraindications ------------------------------------------------------------------------


def contraindication_rows(treatment: Treatment, catalogue: Catalogue) -> list[dict[str, Any]]:
    """Absolute ones first: {'kind', 'kind_words', 'condition', 'note', 'refs'}."""
    rows = []
    # Only exactly "relative" is relative: an unknown kind is shown as absolute (fail closed).
    for c in sorted(treatment.contraindications, key=lambda c: (c.kind == "relative", c.condition)):
        cond = catalogue.conditions.get(c.condition)
        rows.append(
            {
                "kind": "relative" if c.kind == "relative" else "absolute",
                "kind_words": "Needs care" if c.kind == "relative" else "Must not be used",
                "condition": (cond.name if cond else c.condition.replace("_", " ").capitalize())
                + _implied_by(c.condition, catalogue),
                "note": c.note,
                "refs": c.refs,
            }
        )
    return rows


def _implied_by(cond_id: str, catalogue: Catalogue) -> str:
    """' (also: ...)' naming the conditions that imply this one (e.g. an organ transplant)."""
    names = [
        c.name[:1].lower() + c.name[1:]
        for c in catalogue.conditions.values()
        if c.id != cond_id and cond_id in expand_implied(catalogue.conditions, [c.id])
    ]
    return f" (this also applies if: {'; '.join(names)})" if names else ""


# --- the comparison grid ----------------------------------------------------------------------


def certainty_verb(evidence: Evidence | None, scalp_loss: str | None = None) -> str:
    """GRADE's plain verb for an evidence row ("probably works"), said only of the people it
    covers: for alopecia areata outside the row's extent, it says who was studied instead."""
    from decisionaid.rulebook import extent_words
    from decisionaid.rules import extent_fit

    if evidence is None:
        return ""
    if extent_fit(evidence, scalp_loss) == "outside":
        return f"it was studied only in people with {extent_words(evidence.extent)}"
    return CERTAINTY_VERBS.get(evidence.certainty, "")


def _does_it_work(option: OptionResult) -> str:
    t = option.treatment
    if option.evidence is None:
        return "Not used for this kind of hair loss."
    if t.category == "no_treatment":
        # Doing nothing does not "work": say what happens without treatment instead.
        return f"Nothing is done. {option.evidence.reason}"
    verb = certainty_verb(option.evidence, option.scalp_loss)
    if option.evidence.certainty in ("very_low", "none") or verb.startswith("it was studied"):
        head = sentence(verb)
    else:
        head = f"It {verb}: {EFFECT_WORDS.get(option.evidence.effect, 'a benefit')}."
        if option.evidence.effect == "none":
            head = "No clear benefit was found."
    benefits = outcomes_for(t.benefits, option.evidence.hair_loss_type)
    numbers = [b for b in benefits if b.has_icon_array]
    if numbers:
        return f"{head} {outcome_caption(numbers[0], t.name)}"
    if benefits:
        return f"{head} {benefits[0].text}"
    return head


def _risks(option: OptionResult, more: bool = True) -> str:
    hl = option.evidence.hair_loss_type if option.evidence else None
    harms = ranked_harms(option.treatment, hl)
    if not harms:
        return "No harms are listed."
    lines = []
    for h in harms[:3]:
        values = numbers_per_100(h)
        how_often = per_100(values[0]) if values else frequency_text(h.frequency)
        what = sentence(_what_happened(h.outcome) or h.text).rstrip(".")
        if h.serious:
            what = "Serious: " + (what if what[1:2].isupper() else what[:1].lower() + what[1:])
        lines.append(f"{what} ({how_often}).")
    if more and len(harms) > 3:
        lines.append(f"And {len(harms) - 3} more in the details.")
    return " ".join(lines)


def _what_happened(outcome: str) -> str:
    """'had lower sex drive' -> 'lower sex drive' (for a list of harms)."""
    text = outcome.strip()
    for lead in ("had ", "got ", "were ", "was "):
        if text.lower().startswith(lead):
            return text[len(lead) :]
    return text


def _cost_5(option: OptionResult) -> str:
    text = cost_text(option.costs, 5)
    if text == PRICE_NOT_KNOWN:
        return "Price not known. Ask for a written quote."
    return text


def _effort(option: OptionResult) -> str:
    t = option.treatment
    daily = " Every day." if t.daily_routine else ""
    return (
        f"{EFFORT_WORDS.get(t.effort, t.effort)}. {INVASIVENESS_WORDS.get(t.invasiveness, '')}.{daily} "
        f"{t.routine.what_it_involves}"
    ).strip()


def _on_stopping(option: OptionResult) -> str:
    t = option.treatment
    perm = PERMANENCE_WORDS.get(t.permanence, "")
    stop = t.routine.on_stopping.strip() or "Not known."
    return f"{stop} ({perm}.)" if perm and t.permanence != "not_applicable" else stop


def regulatory_status(option: OptionResult) -> str:
    """'Approved for this use (since 1988)', 'Not approved (as of 2021-06-03)': the status and
    the date of the regulator's decision or notice it rests on."""
    reg = option.treatment.regulatory
    if not reg.date:
        return option.regulatory_words
    since = "since" if reg.status in ("approved", "cleared_device") else "as of"
    return f"{option.regulatory_words} ({since} {reg.date})"


def _approved(option: OptionResult) -> str:
    return f"{regulatory_status(option)}. {option.treatment.regulatory.text}".strip()


def comparison_rows(
    options: list[OptionResult], *, document: bool = False
) -> list[tuple[str, list[str]]]:
    """An Option Grid: one row per question patients ask, one cell per option (plain text).
    ``document``: for paper, where there is no "details" view to point to."""
    makers: tuple[Callable[[OptionResult], str], ...] = (
        _does_it_work,
        lambda o: (
            f"{o.certainty_words}. {o.evidence.reason}"
            if o.evidence
            else "Not used for this kind of hair loss."
        ),
        lambda o: _risks(o, more=not document),
        _cost_5,
        _effort,
        _on_stopping,
        _approved,
    )
    return [(q, [make(o).strip() for o in options]) for q, make in zip(COMPARE_QUESTIONS, makers)]


# --- before you decide (SURE test) ------------------------------------------------------------

SURE_QUESTIONS = {
    "sure_of_myself": "Do you feel SURE about the best choice for you?",
    "understand_information": "Do you know the benefits and risks of each option?",
    "risk_benefit_clear": "Are you clear about which benefits and risks matter most to you?",
    "enough_support": "Do you have enough support and advice to make a choice?",
}
SURE_SOURCE = (
    "The SURE test: Légaré F et al. Can Fam Physician 2010;56:e308. A score of 3 or "
    "less suggests you may want more time, information or support."
)


def sure_score_text(decision: Decision) -> tuple[str, str]:
    """('Your score: 3 of 4', what it means) for the page and the PDF."""
    answered = sum(1 for k in SURE_KEYS if decision.sure.get(k) is not None)
    score = decision.sure_score
    if score is None:
        return (
            f"Answered {answered} of 4 questions",
            "Answer all four questions to see your score.",
        )
    if score == 4:
        return (
            "Your score: 4 of 4",
            "You feel ready to decide. You can still take your time and "
            "talk it over with your doctor.",
        )
    return (
        f"Your score: {score} of 4",
        "A score of 3 or less means you may want more time, "
        "information or support before you decide. That is normal. Take this page to your doctor.",
    )


def compare_limit_message(limit: int = MAX_COMPARE) -> str:
    return f"You can compare up to {limit} options at a time. Untick one first."


# --- catalogue facts --------------------------------------------------------------------------


def catalogue_about(catalogue: Catalogue) -> dict[str, Any]:
    meta = catalogue.meta
    return {
        "title": meta.title,
        "version": meta.version,
        "reviewed": meta.reviewed,
        "built": meta.built,
        "about": [p.strip() for p in re.split(r"\n\s*\n", meta.about.strip()) if p.strip()],
        "treatments": len(catalogue.treatments),
        "hair_loss_types": len(catalogue.hair_loss_types),
        "references": len(catalogue.references),
    }


def hair_loss_type_name(catalogue: Catalogue, type_id: str | None) -> str:
    if not type_id:
        return ""
    h = catalogue.hair_loss_types.get(type_id)
    return h.name if h else type_id.replace("_", " ")


# --- plain words ------------------------------------------------------------------------------

# Technical words, each with plain words to put first: "plain words (the term)". The glossary
# (Help > Words used in this app) lists the same entries.
GLOSSARY = (
    (
        "off-label",
        "used for something it is not approved for",
        "A doctor may prescribe a medicine for a use its approval does not cover. This is legal, "
        "but that use was not checked by the regulator.",
    ),
    (
        "IND number",
        "US permission to test a new product in people",
        "An Investigational New Drug number from the US FDA. A product tested under it is still "
        "being studied; it is not approved.",
    ),
    (
        "CYP2C9 poor metabolizer",
        "a body that breaks down some medicines slowly, found by a gene test",
        "Some people's livers clear certain medicines slowly, so the medicine builds up.",
    ),
    (
        "hyperkalaemia",
        "too much potassium in the blood",
        "Too much potassium can upset the heartbeat.",
    ),
    (
        "evidence level 1",
        "the strongest kind of evidence that guideline uses",
        "Guidelines grade the studies behind each advice; level 1 means good trials.",
    ),
    (
        "contraindication",
        "a reason not to use a treatment",
        "A health problem or medicine that makes a treatment unsafe or in need of care.",
    ),
    (
        "certainty",
        "how sure we can be",
        "How sure we can be that the numbers are right, in the GRADE words used by doctors: "
        "high, moderate, low or very low.",
    ),
)
PLAIN_SENTENCES = {
    "Grades taken from secondary summaries.": "We took these grades from summaries of the "
    "guidelines, not from the guidelines themselves.",
}


def plain_terms(text: str) -> str:
    """``text`` with each technical word explained in place, plain words first, the first time
    it comes: after its sentence, "(Used for something it is not approved for: that is what
    “off-label” means.)". A word already in brackets after its explanation is left alone."""
    import re

    for sentence, plain in PLAIN_SENTENCES.items():
        text = text.replace(sentence, plain)
    for term, plain, _ in GLOSSARY:
        if term in ("contraindication", "certainty"):
            continue  # explained in the glossary; common in headings, not rewritten
        match = re.search(rf"(?<![\w(-]){re.escape(term)}(?![\w-])", text, re.IGNORECASE)
        if match is None:
            continue
        found = match.group(0)
        end = text.find(". ", match.end())
        end = len(text) if end < 0 else end + 1
        gloss = f" ({plain[:1].upper()}{plain[1:]}: that is what \u201c{found}\u201d means.)"
        text = f"{text[:end]}{gloss}{text[end:]}"
    return text


def date_words(iso: str) -> str:
    """ "2019-12-06" as "6 December 2019" ('' stays '', other text is returned as it is)."""
    from datetime import date

    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"
