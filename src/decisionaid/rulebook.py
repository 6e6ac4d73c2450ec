"""Every rule the matching applies, defined once.

Each rule has a stable id (carried by every reason that cites it), the reason kind, its effect on
an option's status, a plain description, its source and the answer it reads. From this one list
come: the effect of each reason (and so the statuses), the ordering explanation, the clinician
page of the PDF and the README's rule table (``python -m decisionaid.rulebook`` prints it; a
test checks the README).

Effects: ``excluded`` ("Not for you"), ``caution`` ("Discuss with care"), ``fit`` (a reason it
fits) and ``info`` (a note that does not change the status).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from decisionaid.vocabulary import INVASIVENESS_WORDS, SCALP_LOSS_EXTENTS

if TYPE_CHECKING:
    from collections.abc import Iterable, Set


class RiskLevelWords(Protocol):
    """What the clinician page says of a risk level (``rules.RiskLevel``; the rulebook does not
    import the rules, which import it)."""

    @property
    def label(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def max_invasiveness(self) -> str: ...
    @property
    def regulatory(self) -> Set[str]: ...
    @property
    def min_certainty(self) -> str: ...


EFFECTS = ("excluded", "caution", "fit", "info")
EFFECT_WORDS = {
    "excluded": "Not for you",
    "caution": "Discuss with care",
    "fit": "Fits",
    "info": "A note only",
}

# "Well beyond" the budget: the cheapest price is more than this many times the budget.
WELL_BEYOND_FACTOR = 1.5

# How much of the scalp alopecia areata has taken, in words (answers field ``scalp_loss``; the
# catalogue's evidence rows for alopecia areata list the amounts they cover as ``extent``).
EXTENT_WORDS = {
    "less_than_half": "less than half of the scalp (small patches)",
    "half_or_more": "half or more of the scalp",
    "total": "the whole scalp or body",
}
YOUR_EXTENT = {
    "less_than_half": "you have lost hair on less than half of your scalp",
    "half_or_more": "you have lost hair on half or more of your scalp",
    "total": "you have lost all the hair on your scalp or body",
}


def extent_words(extent: tuple[str, ...] | list[str]) -> str:
    """The amounts of loss an evidence row covers, in words."""
    covered = set(extent)
    if covered >= set(SCALP_LOSS_EXTENTS):
        return "any amount of hair loss"
    if covered == {"half_or_more", "total"}:
        return "extensive loss (half or more of the scalp)"
    return " or ".join(EXTENT_WORDS.get(e, e) for e in SCALP_LOSS_EXTENTS if e in covered)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # the reason kind: hair_loss_type, risk, cost, contraindication, preference, ...
    effect: str  # excluded | caution | fit | info
    description: str  # plain words, for the clinician page and the README
    source: str  # where the rule's facts come from
    # The answer the rule reads (a field of ``answers.Answers``: "budget", "risk_tolerance"...),
    # so that "change this answer" can go to it; '' when no answer can change it. A reason may
    # name a more exact one (an age or sex contraindication names "age" or "sex").
    question: str

    @property
    def effect_words(self) -> str:
        return EFFECT_WORDS[self.effect]


_F = WELL_BEYOND_FACTOR
_LIST: tuple[Rule, ...] = (
    Rule(
        "type.used",
        "hair_loss_type",
        "fit",
        "The option has an evidence entry for the kind of hair loss the person reported. If the "
        "person is unsure, only options listed as safe while finding out fit.",
        "each treatment's [[evidence]] rows",
        "hair_loss_type",
    ),
    Rule(
        "type.not_used",
        "hair_loss_type",
        "excluded",
        "The option has no evidence entry for that kind of hair loss.",
        "each treatment's [[evidence]] rows",
        "hair_loss_type",
    ),
    Rule(
        "extent.covered",
        "hair_loss_type",
        "fit",
        "Alopecia areata: the amount of scalp loss the person gave is one the evidence covers.",
        "the evidence row's extent (trial entry criteria, drug labels, guidelines)",
        "scalp_loss",
    ),
    Rule(
        "extent.outside",
        "hair_loss_type",
        "caution",
        "Alopecia areata: the amount of scalp loss the person gave is outside what the evidence "
        "covers (for example JAK pills and contact immunotherapy were studied, and the pills "
        "approved, only for half or more of the scalp; steroid injections are for small patches).",
        "the evidence row's extent (trial entry criteria, drug labels, guidelines)",
        "scalp_loss",
    ),
    Rule(
        "extent.unknown",
        "hair_loss_type",
        "caution",
        "Alopecia areata with no amount of scalp loss given, for an option whose evidence covers "
        "only some amounts: the amount decides whether it fits.",
        "the evidence row's extent",
        "scalp_loss",
    ),
    Rule(
        "risk.research_only",
        "risk",
        "excluded",
        "Only available in research studies: left out at every risk level.",
        "the treatment's regulatory status",
        "",
    ),
    Rule(
        "risk.invasiveness",
        "risk",
        "excluded",
        "The option is more invasive than the chosen risk level allows.",
        "the risk levels (What the risk levels mean) and the treatment's invasiveness",
        "risk_tolerance",
    ),
    Rule(
        "risk.regulatory",
        "risk",
        "excluded",
        "The option's regulatory status is beyond the chosen risk level.",
        "the risk levels and the treatment's regulatory status and its sources",
        "risk_tolerance",
    ),
    Rule(
        "risk.evidence",
        "risk",
        "excluded",
        "The certainty of the evidence is below what the chosen risk level asks for (options that "
        "are not medicines are exempt).",
        "the risk levels and the evidence row's GRADE certainty",
        "risk_tolerance",
    ),
    Rule(
        "risk.within",
        "risk",
        "fit",
        "Within the chosen risk level.",
        "the risk levels",
        "risk_tolerance",
    ),
    Rule(
        "cost.no_limit",
        "cost",
        "info",
        "No budget limit was given: the price does not change the status.",
        "the person's answers",
        "budget",
    ),
    Rule(
        "cost.unknown",
        "cost",
        "caution",
        "A budget was given but no reliable price is known: it never fits a budget, and is at "
        "least discuss with care.",
        "the treatment's [cost] entry (known = false)",
        "budget",
    ),
    Rule(
        "cost.yearly.unknown",
        "cost",
        "caution",
        "A yearly budget was given but the price of repeat treatments is not known: at least "
        "discuss with care.",
        "the treatment's [cost] entry (no yearly price)",
        "budget",
    ),
    Rule(
        "cost.upfront.well_beyond",
        "cost",
        "excluded",
        f"The cheapest up-front price is more than {_F:g} times the up-front budget.",
        "the treatment's [cost] entry and its sources",
        "budget",
    ),
    Rule(
        "cost.yearly.well_beyond",
        "cost",
        "excluded",
        f"The cheapest yearly price is more than {_F:g} times the yearly budget.",
        "the treatment's [cost] entry and its sources",
        "budget",
    ),
    Rule(
        "cost.upfront.just_beyond",
        "cost",
        "caution",
        f"The cheapest up-front price is above the up-front budget, but at most {_F:g} times it.",
        "the treatment's [cost] entry and its sources",
        "budget",
    ),
    Rule(
        "cost.yearly.just_beyond",
        "cost",
        "caution",
        f"The cheapest yearly price is above the yearly budget, but at most {_F:g} times it.",
        "the treatment's [cost] entry and its sources",
        "budget",
    ),
    Rule(
        "cost.upfront.may_exceed",
        "cost",
        "fit",
        "The low end of the up-front price is within the budget; the top of the range is beyond it.",
        "the treatment's [cost] entry and its sources",
        "budget",
    ),
    Rule(
        "cost.yearly.may_exceed",
        "cost",
        "fit",
        "The low end of the yearly price is within the budget; the top of the range is beyond it.",
        "the treatment's [cost] entry and its sources",
        "budget",
    ),
    Rule(
        "cost.within",
        "cost",
        "fit",
        "The whole price range is within the budget given.",
        "the treatment's [cost] entry and its sources",
        "budget",
    ),
    Rule(
        "cost.repeats_unknown",
        "cost",
        "info",
        "The up-front price is known but the price of repeat treatments is not (no yearly budget "
        "was given, so it does not change the status).",
        "the treatment's [cost] entry (no yearly price)",
        "budget",
    ),
    Rule(
        "contraindication.absolute",
        "contraindication",
        "excluded",
        "An absolute contraindication applies to something the person told us, to a condition it "
        "implies, or to their age or sex. A kind that is not exactly \u201crelative\u201d is "
        "read as absolute.",
        "the treatment's own and inherited (component) [[contraindications]] and their sources "
        "(labels, guidelines, studies)",
        "conditions",
    ),
    Rule(
        "contraindication.relative",
        "contraindication",
        "caution",
        "A relative contraindication applies (or an absolute one from a component used only by "
        "some clinics).",
        "the treatment's [[contraindications]] and their sources",
        "conditions",
    ),
    Rule(
        "contraindication.sex_unknown",
        "contraindication",
        "caution",
        "Sex given as \u201cother\u201d: the sex-linked entries of both sexes apply, as discuss "
        "with care, never as a reason to fit or to exclude.",
        "the treatment's [[contraindications]] for the sex-linked conditions",
        "sex",
    ),
    Rule(
        "contraindication.unknown_health",
        "contraindication",
        "caution",
        "Health questions answered \u201cI don't know\u201d, for an option with an absolute "
        "contraindication among those questions.",
        "the treatment's [[contraindications]]",
        "conditions_unknown",
    ),
    Rule(
        "preference.avoid_surgery",
        "preference",
        "excluded",
        "The person wants to avoid surgery and the option is surgery.",
        "the person's answers",
        "preferences",
    ),
    Rule(
        "preference.avoid_injections",
        "preference",
        "excluded",
        "The person wants to avoid needles and the option uses injections or a minor procedure.",
        "the person's answers",
        "preferences",
    ),
    Rule(
        "preference.daily_routine",
        "routine",
        "caution",
        "The person said a daily routine would be hard and the option needs one.",
        "the person's answers and the treatment's routine",
        "preferences",
    ),
    Rule(
        "no_treatment.natural_course",
        "info",
        "info",
        "Doing nothing always shows what happens without treatment.",
        "the hair-loss type's natural course and its sources",
        "hair_loss_type",
    ),
    Rule(
        "no_treatment.warning_signs",
        "warning",
        "caution",
        "Warning signs were noted: doing nothing is discuss with care, and a doctor visit is "
        "advised.",
        "the person's answers",
        "warning_signs",
    ),
    Rule(
        "no_treatment.urgent_type",
        "warning",
        "caution",
        "Scarring hair loss: doing nothing is discuss with care, and a skin doctor visit is advised.",
        "the hair-loss type's sources",
        "hair_loss_type",
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in _LIST}
assert len(RULES) == len(_LIST), "a rule id is defined twice"

# How options are ordered within a status (no rule; shown with every option and on the PDF).
ORDERING = (
    "Within a group, options are ordered by a weighted score from the person's own priorities "
    "(what matters most to them); unknowns score 0. The order never moves an option between "
    "groups, and no option is marked best."
)
ORDERING_LEAD = "Placed by what matters most to you."
COST_TOTALS = "Cost totals over 1, 3 and 5 years are up-front + yearly \u00d7 years, low and high."


def rule(rule_id: str) -> Rule:
    """The rule with this id. An unknown id is a programming error (KeyError)."""
    return RULES[rule_id]


def effect_of(rule_id: str) -> str:
    return RULES[rule_id].effect


def status_of(effects: Iterable[str]) -> str:
    """The status that a set of reason effects gives: any 'excluded' wins, then any 'caution'."""
    given = set(effects)
    if "excluded" in given:
        return "excluded"
    if "caution" in given:
        return "caution"
    return "suitable"


def readme_table() -> str:
    """The README's rule table (markdown), generated from the rules."""
    lines = ["| rule | effect | what it means | source |", "|---|---|---|---|"]
    for r in _LIST:
        lines.append(f"| `{r.id}` | {r.effect_words} | {r.description} | {r.source} |")
    return "\n".join(lines)


def clinician_lines(level: RiskLevelWords | None = None) -> tuple[str, ...]:
    """The clinician page's list of rules: the chosen risk level, every rule, the ordering."""
    lines = []
    if level is not None:
        lines.append(
            f"Risk level chosen: {level.label}. {level.description} Allowed: up to "
            f"{INVASIVENESS_WORDS[level.max_invasiveness].lower()}; regulatory status "
            f"{', '.join(sorted(level.regulatory)).replace('_', ' ')}; evidence at least "
            f"{level.min_certainty.replace('_', ' ')} (options that are not medicines are exempt). "
            "Research-only options are always excluded."
        )
    for r in _LIST:
        lines.append(f"{r.id} \u2192 {r.effect_words.lower()}: {r.description}")
    lines.append(COST_TOTALS)
    lines.append(ORDERING)
    return tuple(lines)


if __name__ == "__main__":  # pragma: no cover - prints the README table
    print(readme_table())


def first_person(said: str) -> str:
    """What the person said, as they would say it (the summary speaks in their voice):
    'you are pregnant' -> 'I am pregnant'; 'your immune system is weak' -> 'my immune ...'."""
    text = re.sub(r"\b([Yy])ou are\b", lambda m: "I am", said)
    if re.match(r"[Yy]ou\b", said):  # "you had a transplant or are on a list": "or am on"
        text = re.sub(r"\b(or|and) are\b", r"\1 am", text)
    text = re.sub(r"\b[Yy]ou\b", "I", text)
    return re.sub(r"\b([Yy])our\b", lambda m: "My" if m[1] == "Y" else "my", text)
