"""The matching rules: plain functions from (answers, catalogue) to a result.

Every treatment in the catalogue appears in the result with a status and the reasons that led
there. The rules never pick a "best" option: priorities only order options within a status, and
each option carries the parts of its score so the ordering can be explained.

Statuses:
- ``excluded``  ("Not for you"): an absolute contraindication; not used for this kind of hair
  loss; only available in research; a cost well beyond the budget; a risk beyond the stated
  tolerance; something the person said they want to avoid.
- ``caution`` ("Discuss with care"): a relative contraindication; a cost just beyond the budget;
  a daily routine the person said would be hard; health questions answered "I don't know";
  warning signs with an option that means waiting.
- ``suitable`` ("Fits your answers"): none of the above.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from decisionaid.answers import Answers
from decisionaid.costs import CostTotals, format_range, format_total, totals
from decisionaid.models import (
    Catalogue,
    Evidence,
    HairLossType,
    Treatment,
    expand_implied,
)
from decisionaid.rulebook import (
    EXTENT_WORDS,
    ORDERING_LEAD,
    RULES,
    WELL_BEYOND_FACTOR,
    YOUR_EXTENT,
    effect_of,
    extent_words,
    first_person,
    status_of,
)
from decisionaid.vocabulary import (
    CERTAINTIES,
    CERTAINTY_WORDS,
    INVASIVENESS,
    INVASIVENESS_WORDS,
    REGULATORY_WORDS,
    SCALP_LOSS_EXTENTS,
)
from decisionaid.vocabulary import (
    HAIR_LOSS_TYPES as HAIR_LOSS_TYPE_IDS,
)

STATUSES = ("suitable", "caution", "excluded")
STATUS_WORDS = {
    "suitable": "Fits your answers",
    "caution": "Discuss with care",
    "excluded": "Not for you",
}


@dataclass(frozen=True)
class RiskLevel:
    id: str
    label: str
    description: str
    max_invasiveness: str
    regulatory: frozenset[str]
    min_certainty: str  # for medical options; "not a medicine" options are exempt


RISK_LEVELS = {
    "low": RiskLevel(
        "low",
        "Low: only well-tested and approved",
        "Only medicines and devices approved or cleared for hair loss, or options that are not "
        "medicines at all. Nothing that goes through the skin. The evidence must be at least "
        "moderate. Examples: minoxidil lotion, finasteride tablets, a wig, or waiting.",
        "oral",
        frozenset({"approved", "cleared_device", "not_a_medicine"}),
        "moderate",
    ),
    "medium": RiskLevel(
        "medium",
        "Medium: also off-label, injections and surgery",
        "Also medicines used off-label, injections, minor procedures and surgery, as long as the "
        "evidence is at least low. Examples: low-dose minoxidil tablets, PRP injections, a hair "
        "transplant.",
        "surgery",
        frozenset({"approved", "cleared_device", "not_a_medicine", "off_label"}),
        "low",
    ),
    "high": RiskLevel(
        "high",
        "High: also unproven and unapproved",
        "Also products that regulators have not approved, and options with very low or no "
        "evidence. Examples: stem-cell or exosome injections. Options only offered in research "
        "studies are still left out, because clinics cannot offer them.",
        "surgery",
        frozenset({"approved", "cleared_device", "not_a_medicine", "off_label", "unapproved"}),
        "none",
    ),
}

PRIORITY_WORDS = {
    "evidence": "Strength of evidence",
    "benefit": "Size of benefit",
    "side_effects": "Fewer side effects",
    "cost": "Lower cost",
    "convenience": "Less effort",
    "speed": "Faster results",
    "permanence": "Lasting results",
}

NEEDLE_INVASIVENESS = {"injection", "minor_procedure"}
INVOLVES = {
    "none": "nothing to take",
    "topical": "something put on the skin",
    "oral": "a medicine by mouth",
    "injection": "injections",
    "minor_procedure": "a minor procedure with needles or cuts",
    "surgery": "surgery",
}
# Kinds of hair loss where waiting can mean losing hair for good: "no treatment" needs care.
URGENT_TYPES = {"scarring"}


@dataclass(frozen=True)
class Reason:
    """Why an option is where it is: the words, and the structure behind them (the rule, its
    source, the catalogue references, and the answer that led here)."""

    kind: str  # fit | hair_loss_type | contraindication | cost | risk | preference | routine | warning | info
    effect: str  # excluded | caution | fit | info
    rule: str  # a stable id for the rule (rulebook.RULES), shown to clinicians
    text: str
    refs: tuple[str, ...] = ()  # catalogue reference ids
    # The answer behind the reason: a field of ``answers.Answers`` ("age", "sex", "conditions",
    # "budget", "risk_tolerance"...), or '' when no answer can change it. The GUI maps it to
    # its own page; the core knows no pages.
    question: str = ""
    # For a contraindication: the catalogue condition id it is about ('' otherwise), so the
    # summary can group options by condition without reading the English text.
    condition: str = ""
    # The reason in one line, as the person would say it, for the summary they bring to their
    # doctor ("Needs care: I am pregnant."); '' = the summary shortens ``text``. Written here,
    # beside ``text``, so that a change of wording is one edit.
    short: str = ""

    @property
    def source(self) -> str:
        """Where the rule's facts come from (the rulebook's words; '' for an unknown rule)."""
        rule = RULES.get(self.rule)
        return rule.source if rule is not None else ""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "kind": self.kind,
            "effect": self.effect,
            "rule": self.rule,
            "text": self.text,
        }
        if self.refs:
            out["refs"] = list(self.refs)
        if self.question:
            out["question"] = self.question
        if self.condition:
            out["condition"] = self.condition
        if self.short:
            out["short"] = self.short
        return out


def _reason(
    rule_id: str,
    text: str,
    refs: tuple[str, ...] = (),
    question: str | None = None,
    condition: str = "",
    short: str = "",
) -> Reason:
    """A reason citing a rule of the rulebook, with that rule's kind, effect and answer (or the
    more exact ``question`` given), the condition a contraindication is about, and its one-line
    form for the summary."""
    rule = RULES[rule_id]
    answer = rule.question if question is None else question
    return Reason(rule.kind, rule.effect, rule_id, text, refs, answer, condition, short)


def _known(scalp_loss: str | None) -> str:
    """The amount of scalp loss where ``extent_fit`` found it 'outside' or 'covered' by narrow
    evidence: it gives those only for an amount the person said."""
    assert scalp_loss is not None, "extent_fit judges only an amount the person said"
    return scalp_loss


def _amount_words(scalp_loss: str | None) -> str:
    """'half or more of the scalp': the person's amount of loss, outside the evidence."""
    return EXTENT_WORDS[_known(scalp_loss)].split(" (")[0]


def extent_fit(evidence: Evidence | None, scalp_loss: str | None) -> str:
    """How the person's amount of scalp loss meets the evidence row's extent: '' (the row has
    none), 'covered', 'outside', or 'unknown' (not said, and the row covers only some amounts)."""
    if evidence is None or not evidence.extent:
        return ""
    if scalp_loss not in SCALP_LOSS_EXTENTS:  # not said (or a word we do not know): not known
        return "covered" if set(SCALP_LOSS_EXTENTS) <= set(evidence.extent) else "unknown"
    return "covered" if scalp_loss in evidence.extent else "outside"


@dataclass(frozen=True)
class ScorePart:
    priority: str
    importance: int
    value: float  # 0..1, higher is better for the person
    described: str  # e.g. "high certainty", "$1,200 to $3,000 over 5 years"


@dataclass(frozen=True)
class OptionResult:
    treatment: Treatment
    status: str
    reasons: tuple[Reason, ...]
    evidence: Evidence | None
    costs: CostTotals
    score: float
    score_parts: tuple[ScorePart, ...]
    scalp_loss: str | None = None  # the person's answer, for the evidence's extent

    @property
    def id(self) -> str:
        return self.treatment.id

    @property
    def certainty(self) -> str:
        return self.evidence.certainty if self.evidence else "none"

    @property
    def certainty_words(self) -> str:
        if self.evidence is None:
            return "Not used for this kind of hair loss"
        fit = extent_fit(self.evidence, self.scalp_loss)
        if fit == "outside":
            return f"Not studied for {_amount_words(self.scalp_loss)}"
        if fit == "unknown":
            return (
                f"{CERTAINTY_WORDS[self.evidence.certainty]} only for "
                f"{extent_words(self.evidence.extent)}"
            )
        return CERTAINTY_WORDS[self.evidence.certainty]

    @property
    def regulatory_words(self) -> str:
        return REGULATORY_WORDS.get(
            self.treatment.regulatory.status, self.treatment.regulatory.status
        )

    def ordering_explanation(self) -> str:
        parts = sorted(self.score_parts, key=lambda p: (-p.importance, p.priority))
        shown = "; ".join(
            f"{PRIORITY_WORDS[p.priority]} (importance {p.importance}): {p.described}"
            for p in parts
        )
        return f"{ORDERING_LEAD} {shown}."


class Result:
    """Every option's status and place, for one set of answers.

    Statuses and order are computed for all options at once (fast, from the catalogue's index);
    each option's full reasons are worked out the first time it is looked at.
    """

    def __init__(
        self,
        answers: Answers,
        catalogue: Catalogue,
        hair_loss_type: HairLossType | None,
        notices: tuple[str, ...],
        see_doctor_soon: bool,
        order: list[str],
        statuses: dict[str, str],
        context: tuple[dict[str, str], str],
    ):
        self.answers = answers
        self.catalogue = catalogue
        self.hair_loss_type = hair_loss_type
        self.notices = notices
        self.see_doctor_soon = see_doctor_soon
        self.order = order  # treatment ids, grouped by status, ordered within
        self.statuses = statuses  # treatment id -> status
        self._context = context  # (person's conditions, type name) for the reasons
        self._options: dict[str, OptionResult] = {}

    def option(self, treatment_id: str) -> OptionResult | None:
        if treatment_id not in self.statuses:
            return None
        return self._option(treatment_id)

    def _option(self, treatment_id: str) -> OptionResult:
        """The option of a treatment id in the result, worked out on first use."""
        if treatment_id not in self._options:
            conditions, type_name = self._context
            self._options[treatment_id] = evaluate_option(
                self.catalogue.treatments[treatment_id],
                self.answers,
                self.catalogue,
                conditions,
                type_name,
            )
        return self._options[treatment_id]

    @property
    def options(self) -> tuple[OptionResult, ...]:
        return tuple(self._option(tid) for tid in self.order)

    def by_status(self, status: str) -> list[OptionResult]:
        return [self._option(tid) for tid in self.order if self.statuses[tid] == status]

    def count(self, status: str) -> int:
        return sum(1 for s in self.statuses.values() if s == status)

    @property
    def risk_level(self) -> RiskLevel:
        return RISK_LEVELS[self.answers.risk_tolerance]


def _scalp(answers: Answers) -> str | None:
    """The amount of scalp loss as the index keys it (None when not said or not a known word)."""
    return answers.scalp_loss if answers.scalp_loss in SCALP_LOSS_EXTENTS else None


class CatalogueIndex:
    """Sets and columns built once per catalogue, so that a new set of answers is sorted into
    statuses with set operations instead of a pass of Python over every rule of every option.
    It uses the same predicates as the reasons (risk_violations, cost_effect, score_values)."""

    def __init__(self, catalogue: Catalogue):
        treatments = list(catalogue.treatments.values())
        self.ids = [t.id for t in treatments]
        everyone = frozenset(range(len(treatments)))
        self.everyone = everyone
        # Sorting by name once here lets a stable sort by (status, score) keep name order on ties.
        self.by_name = sorted(range(len(treatments)), key=lambda i: treatments[i].name.lower())
        self.without_type = {}
        self.risk_excluded = {}
        self.scores = {}
        self.extent_caution = {}
        for type_id in catalogue.hair_loss_types.keys() | set(HAIR_LOSS_TYPE_IDS):
            evidence = [t.evidence_for(type_id) for t in treatments]
            self.without_type[type_id] = frozenset(i for i, e in enumerate(evidence) if e is None)
            for level in RISK_LEVELS.values():
                self.risk_excluded[(type_id, level.id)] = frozenset(
                    i
                    for i, (t, e) in enumerate(zip(treatments, evidence))
                    if risk_violations(t, e, level)
                )
            for scalp in (None, *SCALP_LOSS_EXTENTS):
                fits = [extent_fit(e, scalp) for e in evidence]
                self.extent_caution[(type_id, scalp)] = {
                    fit: frozenset(i for i, f in enumerate(fits) if f == fit)
                    for fit in ("outside", "unknown")
                }
                self.scores[(type_id, scalp)] = [
                    score_values(t, e, totals(t.cost), scalp) for t, e in zip(treatments, evidence)
                ]
        self.absolute: dict[str, set[int]] = {}
        self.relative: dict[str, set[int]] = {}
        self.asked_absolute: dict[int, frozenset[str]] = {}
        for i, t in enumerate(treatments):
            # Effective entries (own and inherited). Only exactly "relative" is relative: an
            # unknown kind is read as absolute, never as the milder value.
            for c in t.contraindications:
                (self.relative if c.kind == "relative" else self.absolute).setdefault(
                    c.condition, set()
                ).add(i)
            asked = frozenset(
                c.condition
                for c in t.contraindications
                if c.kind != "relative"
                and c.condition in catalogue.conditions
                and not catalogue.conditions[c.condition].derived
            )
            if asked:
                self.asked_absolute[i] = asked
        self.surgery = frozenset(i for i, t in enumerate(treatments) if t.invasiveness == "surgery")
        self.needles = frozenset(
            i for i, t in enumerate(treatments) if t.invasiveness in NEEDLE_INVASIVENESS
        )
        self.daily = frozenset(i for i, t in enumerate(treatments) if t.daily_routine)
        self.no_treatment = frozenset(
            i for i, t in enumerate(treatments) if t.category == "no_treatment"
        )
        # Unknown prices never fit a stated budget: any budget for an unknown up-front price, a
        # yearly budget for unknown repeat prices.
        self.price_unknown = frozenset(
            i for i, t in enumerate(treatments) if not t.cost.known or t.cost.upfront is None
        )
        self.yearly_unknown = frozenset(
            i
            for i, t in enumerate(treatments)
            if t.cost.known and t.cost.upfront is not None and t.cost.yearly is None
        )
        # Cheapest prices, sorted, for bisecting against a budget.
        self.upfront_low = sorted(
            (t.cost.upfront[0], i)
            for i, t in enumerate(treatments)
            if t.cost.known and t.cost.upfront is not None
        )
        self.yearly_low = sorted(
            (t.cost.yearly[0], i)
            for i, t in enumerate(treatments)
            if t.cost.known and t.cost.upfront is not None and t.cost.yearly is not None
        )

    @classmethod
    def of(cls, catalogue: Catalogue) -> CatalogueIndex:
        index = catalogue.extra.get("rules_index")
        if index is None:
            index = catalogue.extra["rules_index"] = cls(catalogue)
        return index

    @staticmethod
    def _above(column: list[tuple[float, int]], value: float) -> set[int]:
        return {i for _, i in column[bisect.bisect_right(column, (value, float("inf"))) :]}

    def _cost_sets(
        self, column: list[tuple[float, int]], limit: float | None
    ) -> tuple[set[int], set[int]]:
        if limit is None:
            return set(), set()
        # The same thresholds as cost_effect(): above the limit, and above 1.5 times it.
        beyond = self._above(column, limit)
        well_beyond = self._above(column, max(limit * WELL_BEYOND_FACTOR, limit))
        return well_beyond, beyond - well_beyond

    def statuses(self, answers: Answers, conditions: dict[str, str]) -> list[str]:
        type_id = answers.hair_loss_type
        excluded = set(self.without_type.get(type_id, self.everyone))
        excluded |= self.risk_excluded.get((type_id, answers.risk_tolerance), frozenset())
        caution: set[int] = set()
        caution_only: frozenset[str] = getattr(conditions, "caution_only", frozenset())
        for cond in conditions:
            if cond in caution_only:  # e.g. sex "other": both sexes' entries, as caution
                caution |= self.absolute.get(cond, set())
            else:
                excluded |= self.absolute.get(cond, set())
            caution |= self.relative.get(cond, set())
        if answers.conditions_unknown:
            caution |= {
                i for i, asked in self.asked_absolute.items() if not asked <= conditions.keys()
            }
        marks = {"excluded": excluded, "caution": caution}  # the index marks no fit or info rule
        for fit, ids in self.extent_caution.get((type_id, _scalp(answers)), {}).items():
            marks[effect_of(f"extent.{fit}")] |= ids
        upfront, yearly = answers.budget.upfront_usd, answers.budget.yearly_usd
        if upfront is not None or yearly is not None:
            marks[effect_of("cost.unknown")] |= self.price_unknown
        if yearly is not None:
            marks[effect_of("cost.yearly.unknown")] |= self.yearly_unknown
        for label, column, limit in (
            ("upfront", self.upfront_low, upfront),
            ("yearly", self.yearly_low, yearly),
        ):
            well, just = self._cost_sets(column, limit)
            marks[effect_of(f"cost.{label}.well_beyond")] |= well
            marks[effect_of(f"cost.{label}.just_beyond")] |= just
        prefs = answers.preferences
        if prefs.get("avoid_surgery"):
            excluded |= self.surgery
        if prefs.get("avoid_injections"):
            excluded |= self.needles
        if not prefs.get("daily_routine_ok", True):
            caution |= self.daily
        if answers.warning_signs or type_id in URGENT_TYPES:
            caution |= self.no_treatment
        return [
            "excluded" if i in excluded else "caution" if i in caution else "suitable"
            for i in range(len(self.ids))
        ]

    def order(self, answers: Answers, statuses: list[str]) -> list[str]:
        """Ids grouped by status, then by score (highest first), then by name."""
        total = sum(int(answers.priorities.get(key, 3)) for key in PRIORITY_ORDER) or 1
        w0, w1, w2, w3, w4, w5, w6 = (
            int(answers.priorities.get(key, 3)) / total for key in PRIORITY_ORDER
        )
        rank = {"suitable": 0.0, "caution": 10.0, "excluded": 20.0}
        # One float per option: the status rank, less the score (a weighted mean in 0..1).
        keys = [
            rank[status] - (a * w0 + b * w1 + c * w2 + d * w3 + e * w4 + f * w5 + g * w6)
            for (a, b, c, d, e, f, g), status in zip(
                self.scores.get(
                    (answers.hair_loss_type, _scalp(answers)), self.scores[("unsure", None)]
                ),
                statuses,
            )
        ]
        ids = self.ids
        return [ids[i] for i in sorted(self.by_name, key=keys.__getitem__)]


# --- the rules ----------------------------------------------------------------------------


class PersonConditions(dict[str, str]):
    """Condition id -> the words that say why it applies ("you said ..."), for the reasons.

    ``caution_only`` holds conditions that may only give "discuss with care": the sex-linked
    entries of both sexes when the person's sex is neither male nor female. ``questions`` maps
    each condition to the answer it comes from ("conditions", "age" or "sex"; an implied one to
    the answer at the start of its chain)."""

    caution_only: frozenset[str] = frozenset()
    questions: dict[str, str]
    # Condition id -> what the person said, in their words ("you are pregnant", "you are 16"),
    # for the one-line forms of the reasons.
    said: dict[str, str]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def person_conditions(answers: Answers, catalogue: Catalogue) -> PersonConditions:
    """Every condition that applies, mapped to the answer that triggered it (for reasons):
    the conditions stated, those derived from age and sex, and every condition they imply
    (transitively; the words say the chain)."""
    found = PersonConditions()
    found.questions = questions = {}
    found.said = said = {}  # the person's words; ``found`` puts how they came before them
    lead: dict[str, str] = {}
    caution_only: set[str] = set()
    for cond_id in answers.conditions:
        questions[cond_id] = "conditions"
        cond = catalogue.conditions.get(cond_id)
        if cond is not None and cond.said:
            said[cond_id], lead[cond_id] = cond.said, "you said "
        else:
            said[cond_id] = _lower_first(cond.name) if cond else cond_id
            lead[cond_id] = "you told us: "
    age, sex = answers.age, answers.sex
    for cond in catalogue.conditions.values():
        if not cond.derived:
            continue
        if (cond.derived == "age_under_18" and age is not None and age < 18) or (
            cond.derived == "age_under_12" and age is not None and age < 12
        ):
            said[cond.id], lead[cond.id] = f"you are {age}", "you said "
            questions[cond.id] = "age"
        elif cond.derived == "sex_female" and sex == "female":
            said[cond.id], lead[cond.id] = "you are female", "you said "
            questions[cond.id] = "sex"
        elif cond.derived == "sex_male" and sex == "male":
            said[cond.id], lead[cond.id] = "you are male", "you said "
            questions[cond.id] = "sex"
        elif (
            cond.derived in ("sex_female", "sex_male")
            and sex is not None
            and sex
            not in (
                "female",
                "male",
            )
        ):
            # Fail closed: neither sex is known, so the cautions for both sexes apply.
            said[cond.id], lead[cond.id] = 'you chose "Other" for sex', ""
            questions[cond.id] = "sex"
            caution_only.add(cond.id)
    # Implied conditions: firm ones first, so that a firm chain overrides a caution-only one.
    for roots in (
        [c for c in said if c not in caution_only],
        [c for c in said if c in caution_only],
    ):
        for cond_id, chain in expand_implied(catalogue.conditions, roots).items():
            from_caution = chain[0] in caution_only
            if cond_id in said and not (cond_id in caution_only and not from_caution):
                continue
            words = said[chain[0]]
            for before, after in pairwise(chain):
                cond = catalogue.conditions.get(before)
                because = next(
                    (i.because for i in (cond.implies if cond else ()) if i.condition == after),
                    after.replace("_", " "),
                )
                words += f", and {because}"
            said[cond_id], lead[cond_id] = words, lead[chain[0]]
            questions[cond_id] = questions[chain[0]]
            if from_caution:
                caution_only.add(cond_id)
            else:
                caution_only.discard(cond_id)
    found.update((cond_id, lead[cond_id] + words) for cond_id, words in said.items())
    found.caution_only = frozenset(caution_only)
    return found


def _rank(seq: tuple[str, ...], value: str) -> int:
    return seq.index(value) if value in seq else len(seq)


def _type_reason(
    treatment: Treatment,
    evidence: Evidence | None,
    type_name: str,
    hair_loss_type: str,
) -> Reason:
    if evidence is None:
        if hair_loss_type == "unsure":
            text = (
                "You are not sure which kind of hair loss you have. This option is only used for "
                "some kinds, so it is best to get a diagnosis first."
            )
        else:
            text = f"It is not used for {type_name[:1].lower() + type_name[1:]}."
        return _reason("type.not_used", text)
    words = (
        "no human evidence"
        if evidence.certainty == "none"
        else f"{CERTAINTY_WORDS[evidence.certainty].lower()} evidence"
    )
    if hair_loss_type == "unsure":
        return _reason(
            "type.used",
            f"It is safe to consider while you find out what kind of hair loss you have: {words}.",
            evidence.refs,
        )
    if evidence.extent and not set(SCALP_LOSS_EXTENTS) <= set(evidence.extent):
        # Say which amount of loss the evidence is for, without the type's "(patchy hair loss)".
        name = type_name.split(" (")[0]
        return _reason(
            "type.used",
            f"It is used for {name[:1].lower() + name[1:]} with "
            f"{extent_words(evidence.extent)}: {words} for that amount of loss only.",
            evidence.refs,
        )
    return _reason(
        "type.used",
        f"It is used for {type_name[:1].lower() + type_name[1:]}: {words}.",
        evidence.refs,
    )


def _extent_reasons(
    treatment: Treatment, evidence: Evidence | None, scalp_loss: str | None
) -> list[Reason]:
    """Alopecia areata: does the amount of scalp loss the person gave match what the evidence
    (and any approval) covers? The extent and its sources are on the evidence row."""
    fit = extent_fit(evidence, scalp_loss)
    if not fit or evidence is None:
        return []
    studied = "studied and approved" if treatment.regulatory.status == "approved" else "studied"
    covered = extent_words(evidence.extent)
    if fit == "outside":
        return [
            _reason(
                "extent.outside",
                f"Because {YOUR_EXTENT[_known(scalp_loss)]}: it was {studied} only for {covered}. "
                "How well it works, and whether it is worth its risks, for your amount of hair "
                "loss is not known.",
                evidence.refs,
                short=f"{studied.capitalize()} only for {covered}.",
            )
        ]
    if fit == "unknown":
        return [
            _reason(
                "extent.unknown",
                "You did not say how much of your scalp has lost hair. This option was "
                f"{studied} only for {covered}, so the amount decides whether it fits. "
                "Ask your doctor how much hair you have lost.",
                evidence.refs,
            )
        ]
    if set(evidence.extent) >= set(SCALP_LOSS_EXTENTS):
        return []  # the evidence is for any amount: nothing to say
    return [
        _reason(
            "extent.covered",
            f"Because {YOUR_EXTENT[_known(scalp_loss)]}: it was {studied} for {covered}.",
            evidence.refs,
        )
    ]


def risk_violations(treatment: Treatment, evidence: Evidence | None, level: RiskLevel) -> list[str]:
    """The risk rules an option breaks at ``level`` (rule ids). Shared by the reasons and the index."""
    if treatment.regulatory.status == "research_only":
        return ["risk.research_only"]
    broken = []
    if _rank(INVASIVENESS, treatment.invasiveness) > _rank(INVASIVENESS, level.max_invasiveness):
        broken.append("risk.invasiveness")
    if treatment.regulatory.status not in level.regulatory:
        broken.append("risk.regulatory")
    if (
        treatment.regulatory.status != "not_a_medicine"
        and evidence is not None
        and _rank(CERTAINTIES, evidence.certainty) > _rank(CERTAINTIES, level.min_certainty)
    ):
        broken.append("risk.evidence")
    return broken


def cost_effect(low: float, limit: float) -> str | None:
    """'excluded' when the cheapest price is well beyond the limit, 'caution' when a little beyond."""
    if low > limit * WELL_BEYOND_FACTOR and low > limit:
        return "excluded"
    if low > limit:
        return "caution"
    return None


_CERTAINTY_PLAIN = {
    "high": "work",
    "moderate": "probably work",
    "low": "may work",
    "very_low": "might work",
    "none": "were tested in people",
}


def _evidence_says(certainty: str) -> str:
    return {
        "high": "the studies show it works",
        "moderate": "the studies show it probably works",
        "low": "the studies only show it may work",
        "very_low": "we are very uncertain whether it works",
        "none": "it has not been tested in people",
    }.get(certainty, "how well it works is not known")


def _risk_reasons(
    treatment: Treatment, evidence: Evidence | None, level: RiskLevel
) -> list[Reason]:
    reasons = []
    you = f"you chose {level.id} risk"
    broken = risk_violations(treatment, evidence, level)
    if "risk.research_only" in broken:
        return [
            _reason(
                "risk.research_only",
                "It is only available in research studies. No clinic can offer it to you today.",
                treatment.regulatory.refs,
            )
        ]
    if "risk.invasiveness" in broken:
        reasons.append(
            _reason(
                "risk.invasiveness",
                f"Because {you}: it involves {INVOLVES[treatment.invasiveness]}, "
                "which is beyond that level.",
            )
        )
    if "risk.regulatory" in broken:
        reasons.append(
            _reason(
                "risk.regulatory",
                f'Because {you}: its status is "{REGULATORY_WORDS[treatment.regulatory.status].lower()}", '
                "which is beyond that level.",
                treatment.regulatory.refs,
            )
        )
    if "risk.evidence" in broken and evidence is not None:
        reasons.append(
            _reason(
                "risk.evidence",
                # Plain words first, the GRADE words after them.
                f"Because {you}: {_evidence_says(evidence.certainty)} "
                f"({CERTAINTY_WORDS[evidence.certainty].lower()}), and that level asks for "
                f"options that at least {_CERTAINTY_PLAIN[level.min_certainty]} "
                f"({CERTAINTY_WORDS[level.min_certainty].lower()}).",
                evidence.refs,
            )
        )
    if not reasons:
        reasons.append(_reason("risk.within", f"It is within the {level.id} risk level you chose."))
    return reasons


def _cost_reasons(treatment: Treatment, answers: Answers) -> list[Reason]:
    """Price against budget. An unknown price never fits a stated budget (it is at least
    "discuss with care"); with no budget limit, price does not change the status."""
    cost = treatment.cost
    budget = answers.budget
    no_limit = budget.upfront_usd is None and budget.yearly_usd is None
    if not cost.known or cost.upfront is None:
        if no_limit:
            return [
                _reason(
                    "cost.no_limit",
                    "No reliable price is known. You set no budget limit, so this does not "
                    "change where it is placed. Ask what it will cost in total before you start.",
                    cost.refs,
                )
            ]
        return [
            _reason(
                "cost.unknown",
                "Its price is not known: we found no reliable price, so we cannot tell if it "
                "fits your budget. Ask what it will cost in total before you start.",
                cost.refs,
            )
        ]
    reasons = []
    checks = (
        ("up-front", budget.upfront_usd, cost.upfront),
        ("yearly", budget.yearly_usd, cost.yearly),
    )
    for label, limit, rng in checks:
        if limit is None or rng is None:
            continue
        low, high = rng
        key = label.replace("-", "")
        said = f"you said your {label} budget is ${limit:,.0f}"
        price = format_range((low, high), cost.estimate)
        effect = cost_effect(low, limit)
        if effect == "excluded":
            insured = (
                " If insurance would pay for it, your own cost may be much lower: "
                "change your budget to see it."
                if treatment.regulatory.status == "approved"
                else ""
            )
            reasons.append(
                _reason(
                    f"cost.{key}.well_beyond",
                    f"Because {said}: its {label} cost is {price}, well beyond that.{insured}",
                    cost.refs,
                    short=f"{label.capitalize()} cost {price}: well above my ${limit:,.0f} budget.",
                )
            )
        elif effect == "caution":
            reasons.append(
                _reason(
                    f"cost.{key}.just_beyond",
                    f"Because {said}: its {label} cost is {price}, a little beyond that.",
                    cost.refs,
                    short=f"{label.capitalize()} cost {price}: a little above my ${limit:,.0f} budget.",
                )
            )
        elif high > limit:
            reasons.append(
                _reason(
                    f"cost.{key}.may_exceed",
                    f"Its {label} cost is {price}. The low end fits your {label} budget of "
                    f"${limit:,.0f}, but the top of the range is beyond it.",
                    cost.refs,
                    short=f"{label.capitalize()} cost {price}: the top is above my "
                    f"${limit:,.0f} budget.",
                )
            )
    if cost.yearly is None:
        if budget.yearly_usd is not None:
            reasons.append(
                _reason(
                    "cost.yearly.unknown",
                    "The price of repeat treatments is not known, so we cannot tell if it fits "
                    f"your yearly budget of ${budget.yearly_usd:,.0f}. Ask how many you may need "
                    "and what they cost.",
                    cost.refs,
                )
            )
        else:
            reasons.append(
                _reason(
                    "cost.repeats_unknown",
                    "The price of repeat treatments is not known. Ask how many you may need.",
                    cost.refs,
                )
            )
    if no_limit:
        reasons.append(
            _reason(
                "cost.no_limit",
                "You set no budget limit, so its price does not change where it is placed.",
                cost.refs,
            )
        )
    elif not any(r.effect != "info" for r in reasons):
        what = "Its up-front cost" if cost.yearly is None else "Its cost"
        reasons.append(
            _reason(
                "cost.within",
                f"{what} fits the budget you gave.",
                cost.refs,
                short=f"{what} fits my budget.",
            )
        )
    return reasons


def _contraindication_reasons(
    treatment: Treatment, conditions: dict[str, str], catalogue: Catalogue, answers: Answers
) -> list[Reason]:
    """One reason per effective contraindication (own or inherited from a component) whose
    condition applies. Only exactly "relative" is relative: any other kind excludes."""
    reasons = []
    caution_only: frozenset[str] = getattr(conditions, "caution_only", frozenset())
    questions: dict[str, str] = getattr(conditions, "questions", {})
    said: dict[str, str] = getattr(conditions, "said", {})
    for contra in treatment.contraindications:
        if contra.condition not in conditions:
            continue
        absolute = contra.kind != "relative"
        cond = catalogue.conditions.get(contra.condition)
        why = conditions[contra.condition]
        if contra.condition in caution_only:
            group = _lower_first(cond.name) if cond else contra.condition
            reasons.append(
                _reason(
                    "contraindication.sex_unknown",
                    f"Because {why}: this option has a caution for people who are {group}. "
                    "We do not know your sex at birth or your body's hormones, so we show the "
                    f"cautions for both sexes. Discuss it with your doctor. {contra.note}",
                    contra.refs,
                    condition=contra.condition,
                )
            )
            continue
        own = said.get(contra.condition, "")
        if cond is not None and cond.derived:  # say which rule the age or sex answer met
            why = f"{why} ({_lower_first(cond.name)})"
            own = f"{own} ({_lower_first(cond.name)})" if own else ""
        kind_word = "should not be used" if absolute else "needs care"
        lead = "Not for me" if absolute else "Needs care"
        in_my_words = first_person(own)
        reasons.append(
            _reason(
                "contraindication.absolute" if absolute else "contraindication.relative",
                f"Because {why}: it {kind_word}. {contra.note}",
                contra.refs + contra.relax_refs,
                questions.get(contra.condition, "conditions"),
                contra.condition,
                short=f"{lead}: {in_my_words[:1].upper()}{in_my_words[1:]}." if own else "",
            )
        )
    if answers.conditions_unknown:
        asked = [
            c
            for c in treatment.contraindications
            if c.kind != "relative"
            and c.condition in catalogue.conditions
            and not catalogue.conditions[c.condition].derived
            and c.condition not in conditions
        ]
        if asked:
            names = ", ".join(
                _lower_first(catalogue.conditions[c.condition].name) for c in asked[:6]
            )
            reasons.append(
                _reason(
                    "contraindication.unknown_health",
                    "You said you are not sure about some health questions. This option must "
                    f"not be used with: {names}. Check with your doctor first.",
                )
            )
    return reasons


def _preference_reasons(treatment: Treatment, answers: Answers) -> list[Reason]:
    reasons = []
    prefs = answers.preferences
    if prefs.get("avoid_surgery") and treatment.invasiveness == "surgery":
        reasons.append(
            _reason(
                "preference.avoid_surgery",
                "Because you said you want to avoid surgery: this option is surgery.",
                short="This option is surgery.",
            )
        )
    if prefs.get("avoid_injections") and treatment.invasiveness in NEEDLE_INVASIVENESS:
        reasons.append(
            _reason(
                "preference.avoid_injections",
                "Because you said you want to avoid needles: this option uses needles.",
                short="This option uses needles.",
            )
        )
    if not prefs.get("daily_routine_ok", True) and treatment.daily_routine:
        reasons.append(
            _reason(
                "preference.daily_routine",
                "Because you said a daily routine would be hard: this option needs doing every day.",
                short="This option needs doing every day.",
            )
        )
    return reasons


PRIORITY_ORDER = (
    "evidence",
    "benefit",
    "side_effects",
    "cost",
    "convenience",
    "speed",
    "permanence",
)


def score_values(
    treatment: Treatment,
    evidence: Evidence | None,
    costs: CostTotals,
    scalp_loss: str | None = None,
) -> tuple[float, ...]:
    """One 0..1 value per priority (in PRIORITY_ORDER), higher is better. Unknowns score 0."""
    return tuple(v for v, _ in _described_values(treatment, evidence, costs, scalp_loss).values())


def weighted_score(values: tuple[float, ...], priorities: dict[str, int]) -> float:
    total = sum(int(priorities.get(key, 3)) for key in PRIORITY_ORDER) or 1
    return sum(v * (int(priorities.get(key, 3)) / total) for v, key in zip(values, PRIORITY_ORDER))


def _score(
    treatment: Treatment,
    evidence: Evidence | None,
    costs: CostTotals,
    priorities: dict[str, int],
    scalp_loss: str | None = None,
) -> tuple[float, tuple[ScorePart, ...]]:
    """A weighted mean of 0..1 values, one per priority. Unknowns score 0, never a guess."""
    described = _described_values(treatment, evidence, costs, scalp_loss)
    parts = tuple(
        ScorePart(key, int(priorities.get(key, 3)), described[key][0], described[key][1])
        for key in PRIORITY_ORDER
    )
    return weighted_score(tuple(p.value for p in parts), priorities), parts


def _described_values(
    treatment: Treatment,
    evidence: Evidence | None,
    costs: CostTotals,
    scalp_loss: str | None = None,
) -> dict[str, tuple[float, str]]:
    certainty = evidence.certainty if evidence else "none"
    certainty_value = {"high": 1.0, "moderate": 0.75, "low": 0.5, "very_low": 0.25, "none": 0.0}[
        certainty
    ]
    effect = evidence.effect if evidence else "unknown"
    effect_value = {"large": 1.0, "moderate": 0.67, "small": 0.33}.get(effect, 0.0)
    serious = any(h.serious for h in treatment.harms)
    invasive = _rank(INVASIVENESS, treatment.invasiveness) / (len(INVASIVENESS) - 1)
    harm_value = max(0.0, 1.0 - 0.5 * invasive - (0.4 if serious else 0.0))
    five = costs.midpoint(5)
    cost_value = 0.0 if five is None else 1.0 / (1.0 + five / 2000.0)
    effort_value = {"low": 1.0, "medium": 0.5, "high": 0.0}.get(treatment.effort, 0.0)
    months = treatment.routine.months_to_results
    speed_value = 0.0 if months is None else max(0.0, 1.0 - min(months, 12.0) / 12.0)
    permanence_value = {"lasting": 1.0, "while_used": 0.5, "temporary": 0.25}.get(
        treatment.permanence, 0.5
    )

    evidence_words = CERTAINTY_WORDS[certainty].lower()
    fit = extent_fit(evidence, scalp_loss)
    if fit == "outside":  # the evidence is for another amount of loss: not known for this one
        certainty_value = effect_value = 0.0
        evidence_words = f"not studied for {_amount_words(scalp_loss)}"
        effect = "unknown"
    elif fit == "unknown" and evidence is not None:
        evidence_words += f" only for {extent_words(evidence.extent)}"
    described = {
        "evidence": (certainty_value, evidence_words),
        "benefit": (
            effect_value,
            f"{effect} benefit"
            if effect in ("large", "moderate", "small")
            else ("no clear benefit" if effect == "none" else "size of benefit not known"),
        ),
        "side_effects": (
            harm_value,
            INVASIVENESS_WORDS[treatment.invasiveness].lower()
            + (", with some serious side effects" if serious else ""),
        ),
        "cost": (
            cost_value,
            "price not known" if five is None else f"{format_total(costs, 5)} over 5 years",
        ),
        "convenience": (effort_value, f"{treatment.effort} effort"),
        "speed": (
            speed_value,
            "time to results not known"
            if months is None
            else f"about {months:g} months to results",
        ),
        "permanence": (permanence_value, treatment.permanence.replace("_", " ")),
    }
    return described


def evaluate_option(
    treatment: Treatment,
    answers: Answers,
    catalogue: Catalogue,
    conditions: dict[str, str],
    type_name: str,
) -> OptionResult:
    evidence = treatment.evidence_for(answers.hair_loss_type)
    level = RISK_LEVELS[answers.risk_tolerance]
    reasons: list[Reason] = []
    reasons += _contraindication_reasons(treatment, conditions, catalogue, answers)
    reasons.append(_type_reason(treatment, evidence, type_name, answers.hair_loss_type))
    reasons += _extent_reasons(treatment, evidence, answers.scalp_loss)
    reasons += _risk_reasons(treatment, evidence, level)
    reasons += _preference_reasons(treatment, answers)
    reasons += _cost_reasons(treatment, answers)
    if treatment.category == "no_treatment":
        hl_type = catalogue.hair_loss_types.get(answers.hair_loss_type)
        if hl_type is not None:
            reasons.append(
                _reason(
                    "no_treatment.natural_course",
                    f"Without treatment: {hl_type.natural_course}",
                    hl_type.natural_course_refs,
                )
            )
        if answers.warning_signs:
            reasons.append(
                _reason(
                    "no_treatment.warning_signs",
                    "You noted warning signs. Do not just wait: see a doctor soon.",
                )
            )
        elif answers.hair_loss_type in URGENT_TYPES:
            reasons.append(
                _reason(
                    "no_treatment.urgent_type",
                    "Scarring hair loss can destroy hair roots for good. Do not just wait: "
                    "see a skin doctor soon.",
                    hl_type.refs if hl_type else (),
                )
            )
    status = status_of(r.effect for r in reasons)
    # Excluded and caution reasons first: they are why the option is where it is.
    order = {"excluded": 0, "caution": 1, "fit": 2, "info": 3}
    reasons.sort(key=lambda r: order[r.effect])
    costs = totals(treatment.cost)
    score, parts = _score(treatment, evidence, costs, answers.priorities, answers.scalp_loss)
    return OptionResult(
        treatment, status, tuple(reasons), evidence, costs, score, parts, answers.scalp_loss
    )


def recommend(answers: Answers, catalogue: Catalogue) -> Result:
    """Sort every treatment into a status. Within each status, options are ordered by the
    person's priorities (score, highest first), then by name. Reasons come with each option."""
    hl_type = catalogue.hair_loss_types.get(answers.hair_loss_type)
    type_name = hl_type.name if hl_type else answers.hair_loss_type.replace("_", " ")
    conditions = person_conditions(answers, catalogue)
    index = CatalogueIndex.of(catalogue)
    statuses = index.statuses(answers, conditions)
    order = index.order(answers, statuses)
    notices = []
    see_doctor = bool(answers.warning_signs) or answers.hair_loss_type in ("scarring", "unsure")
    if answers.warning_signs:
        notices.append(
            "You noted warning signs. Please see a doctor soon: some kinds of hair loss "
            "need care quickly to stop lasting damage."
        )
    if answers.hair_loss_type == "unsure":
        notices.append(
            "You are not sure what kind of hair loss you have. A doctor can usually tell, "
            "and the right options depend on it. Until then, only options that are safe "
            "for any kind are shown as fitting."
        )
    if answers.hair_loss_type == "scarring":
        notices.append(
            "Scarring hair loss can destroy hair roots for good. Please see a skin "
            "doctor (dermatologist) soon."
        )
    if answers.age is not None and answers.age < 18:
        notices.append("Hair loss in children and teenagers should be checked by a doctor.")
    return Result(
        answers,
        catalogue,
        hl_type,
        tuple(notices),
        see_doctor,
        order,
        dict(zip(index.ids, statuses)),
        (conditions, type_name),
    )


def option_to_dict(option: OptionResult, catalogue: Catalogue) -> dict[str, Any]:
    """The JSON shape of one option (used by ``recommend --json``)."""
    t = option.treatment
    cost = t.cost
    refs = []
    for ref_id in t.all_refs():
        ref = catalogue.references.get(ref_id)
        if ref is not None:
            refs.append(ref.as_dict())
    return {
        "id": t.id,
        "name": t.name,
        "status": option.status,
        "status_label": STATUS_WORDS[option.status],
        "reasons": [r.as_dict() for r in option.reasons],
        "evidence": option.certainty,
        "evidence_reason": option.evidence.reason if option.evidence else "",
        "regulatory": t.regulatory.status,
        "regulatory_text": t.regulatory.text,
        "invasiveness": t.invasiveness,
        "cost_upfront_usd": list(cost.upfront) if cost.known and cost.upfront is not None else None,
        "cost_yearly_usd": list(cost.yearly) if cost.known and cost.yearly is not None else None,
        "cost_is_estimate": cost.estimate,
        "cost_totals_usd": {str(n): list(r) for n, r in option.costs.by_year.items()} or None,
        "cost_repeats_unknown": option.costs.open_ended,
        "summary": t.summary,
        "score": round(option.score, 4),
        "ordering": option.ordering_explanation(),
        "references": refs,
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    meta = result.catalogue.meta
    return {
        "catalogue": {"version": meta.version, "reviewed": meta.reviewed},
        "hair_loss_type": result.answers.hair_loss_type,
        "risk_tolerance": {"level": result.risk_level.id, "means": result.risk_level.description},
        "notices": list(result.notices),
        "options": [option_to_dict(o, result.catalogue) for o in result.options],
    }
