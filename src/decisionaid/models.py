"""The catalogue as plain, immutable Python objects.

The store builds these from the SQLite file; the rules, the GUI's table models and the PDF read
them. Nothing here knows about Qt or SQLite.

The records are ``NamedTuple`` classes, not frozen dataclasses: they are made at every start,
and on Python 3.11 a frozen dataclass compiles six methods when its class is created (about
2 ms each class, 35 ms for these), where a NamedTuple takes about 0.4 ms. Both are immutable
and compare by value; change one with ``._replace(...)``. No ``from __future__ import
annotations`` here (nor in catalogue/spec.py and validate.py): with it, NamedTuple compiles every
annotation string when its class is made, which costs more than it saves. ``Catalogue``, made
once and holding dicts, stays a dataclass.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from decisionaid.vocabulary import (
    CATEGORIES,
    CERTAINTIES,
    CERTAINTY_VERBS,
    CERTAINTY_WORDS,
    CONDITION_GROUPS,
    CONTRA_KINDS,
    DERIVED_CONDITIONS,
    EFFECTS,
    EFFORTS,
    FREQUENCIES,
    FREQUENCY_WORDS,
    HAIR_LOSS_TYPES,
    INVASIVENESS,
    INVASIVENESS_WORDS,
    PERMANENCE,
    PERMANENCE_WORDS,
    REFERENCE_KINDS,
    REGULATORY,
    REGULATORY_WORDS,
)

Range = tuple[float, float]

# The controlled words are re-exported: models is where callers look for them.
__all__ = [
    "CATEGORIES",
    "CERTAINTIES",
    "CERTAINTY_VERBS",
    "CERTAINTY_WORDS",
    "CONDITION_GROUPS",
    "CONTRA_KINDS",
    "DERIVED_CONDITIONS",
    "EFFECTS",
    "EFFORTS",
    "FREQUENCIES",
    "FREQUENCY_WORDS",
    "HAIR_LOSS_TYPES",
    "INVASIVENESS",
    "INVASIVENESS_WORDS",
    "PERMANENCE",
    "PERMANENCE_WORDS",
    "REFERENCE_KINDS",
    "REGULATORY",
    "REGULATORY_WORDS",
    "Catalogue",
    "CatalogueMeta",
    "Claim",
    "Component",
    "Condition",
    "Contraindication",
    "Cost",
    "Evidence",
    "HairLossType",
    "Implication",
    "NoConcern",
    "Outcome",
    "Range",
    "Reference",
    "Regulatory",
    "Relaxation",
    "Routine",
    "Treatment",
    "expand_implied",
]


class Reference(NamedTuple):
    id: str
    citation: str
    kind: str
    accessed: str
    conflict_of_interest: str
    doi: str = ""
    pmid: str = ""
    url: str = ""
    locator: str = ""

    def identifiers(self) -> list[tuple[str, str]]:
        """How to find the source, as (label, value) pairs: DOI, PMID, web address, where."""
        pairs = [("DOI", self.doi), ("PMID", self.pmid), ("Web", self.url), ("Where", self.locator)]
        return [(label, value) for label, value in pairs if value]

    def as_dict(self) -> dict[str, str]:
        out = {
            "id": self.id,
            "citation": self.citation,
            "kind": self.kind,
            "conflict_of_interest": self.conflict_of_interest,
            "accessed": self.accessed,
        }
        for key in ("doi", "pmid", "url", "locator"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


class HairLossType(NamedTuple):
    id: str
    name: str
    order: int
    description: str
    recognise: str
    natural_course: str
    natural_course_refs: tuple[str, ...]
    warning_signs: tuple[str, ...]
    scale: str
    refs: tuple[str, ...]
    reviewed: str


class Implication(NamedTuple):
    """One condition implies another (e.g. an organ transplant implies a weak immune system)."""

    condition: str
    because: str  # completes "Because you said ..., and ...:"


class Condition(NamedTuple):
    id: str
    name: str
    group: str
    why_we_ask: str
    derived: str = ""
    said: str = ""  # completes "Because you said ..."; empty: the name is used
    implies: tuple[Implication, ...] = ()


def expand_implied(
    conditions: dict[str, Condition], stated: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """Every condition reached from ``stated`` through implications (transitively), mapped to
    its chain: the stated id first, the condition itself last. Stated ids map to themselves.
    The shortest chain wins; unknown ids are kept with no further implications."""
    chains: dict[str, tuple[str, ...]] = {}
    queue = []
    for cond_id in stated:
        if cond_id not in chains:
            chains[cond_id] = (cond_id,)
            queue.append(cond_id)
    while queue:
        cond_id = queue.pop(0)
        cond = conditions.get(cond_id)
        for imp in cond.implies if cond else ():
            if imp.condition not in chains:
                chains[imp.condition] = chains[cond_id] + (imp.condition,)
                queue.append(imp.condition)
    return chains


class Evidence(NamedTuple):
    hair_loss_type: str
    certainty: str
    effect: str
    reason: str
    guidelines: str
    refs: tuple[str, ...]
    # Alopecia areata only: the amounts of scalp loss (SCALP_LOSS_EXTENTS) the evidence covers.
    extent: tuple[str, ...] = ()


class Outcome(NamedTuple):
    """A benefit or a harm, in natural frequencies where a source gives them."""

    text: str
    refs: tuple[str, ...]
    hair_loss_type: str = ""
    group: str = ""
    timeframe: str = ""
    outcome: str = ""
    treated_per_100: float | None = None
    comparison_per_100: float | None = None
    comparison: str = ""
    serious: bool = False
    frequency: str = ""

    @property
    def has_icon_array(self) -> bool:
        return self.treated_per_100 is not None and self.comparison_per_100 is not None

    def applies_to(self, hair_loss_type: str) -> bool:
        return not self.hair_loss_type or self.hair_loss_type == hair_loss_type


class Contraindication(NamedTuple):
    """One effective contraindication of a treatment, with where it came from."""

    condition: str
    kind: str  # "absolute" or "relative"; the rules read anything else as absolute
    note: str
    refs: tuple[str, ...]
    via: str = ""  # "" = the treatment's own entry; else the component id it is inherited from
    some_clinics: bool = False  # from a component only some clinics use (absolute became relative)
    relaxed_from: str = ""  # the inherited kind before a relaxation
    relax_reason: str = ""
    relax_refs: tuple[str, ...] = ()

    @property
    def provenance(self) -> str:
        if not self.via:
            return "own"
        words = f"via {self.via}"
        if self.some_clinics:
            words += " (some clinics)"
        if self.relaxed_from:
            words += f" (relaxed from {self.relaxed_from})"
        return words


class NoConcern(NamedTuple):
    """An explicit "no known concern" for a condition, with a one-line reason."""

    condition: str
    reason: str
    refs: tuple[str, ...] = ()
    via: str = ""  # "" = the treatment's own decision; else a component id


class Relaxation(NamedTuple):
    """A treatment relaxes one inherited entry, with a written reason and a source."""

    component: str
    condition: str
    from_kind: str
    to_kind: str  # "relative" or "none" (no known concern)
    reason: str
    refs: tuple[str, ...]


class Component(NamedTuple):
    """Something a treatment involves (scalp injections, a pill, fat harvest ...)."""

    id: str
    name: str
    description: str


class Cost(NamedTuple):
    known: bool
    upfront: Range | None
    yearly: Range | None
    estimate: bool
    note: str
    refs: tuple[str, ...]


class Routine(NamedTuple):
    what_it_involves: str
    time_to_results: str
    on_stopping: str
    downtime: str
    months_to_results: float | None
    refs: tuple[str, ...]


class Claim(NamedTuple):
    claim: str
    claimed_by: str
    conflict_of_interest: str
    evidence_says: str
    refs: tuple[str, ...]


class Regulatory(NamedTuple):
    status: str
    text: str
    date: str
    refs: tuple[str, ...]


class Treatment(NamedTuple):
    id: str
    name: str
    category: str
    invasiveness: str
    effort: str
    permanence: str
    daily_routine: bool
    reviewed: str
    summary: str
    living_with: str
    regulatory: Regulatory
    cost: Cost
    routine: Routine
    also_known_as: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    contraindications_note: str = ""
    evidence: tuple[Evidence, ...] = ()
    benefits: tuple[Outcome, ...] = ()
    harms: tuple[Outcome, ...] = ()
    contraindications: tuple[Contraindication, ...] = ()  # effective: own and inherited
    claims: tuple[Claim, ...] = ()
    components: tuple[str, ...] = ()
    components_some_clinics: tuple[str, ...] = ()
    no_concerns: tuple[NoConcern, ...] = ()
    relaxations: tuple[Relaxation, ...] = ()

    def evidence_for(self, hair_loss_type: str) -> Evidence | None:
        for row in self.evidence:
            if row.hair_loss_type == hair_loss_type:
                return row
        return None

    @property
    def used_for(self) -> tuple[str, ...]:
        return tuple(row.hair_loss_type for row in self.evidence)

    def all_refs(self) -> list[str]:
        """Every reference id this treatment cites, in first-use order, without repeats."""
        seen: dict[str, None] = {}
        groups = [self.regulatory.refs, self.cost.refs, self.routine.refs]
        groups += [e.refs for e in self.evidence]
        groups += [o.refs for o in self.benefits + self.harms]
        groups += [c.refs + c.relax_refs for c in self.contraindications]
        groups += [c.refs for c in self.claims]
        for refs in groups:
            for ref in refs:
                seen.setdefault(ref, None)
        return list(seen)


class CatalogueMeta(NamedTuple):
    version: str
    reviewed: str
    title: str
    about: str
    schema_version: int
    checksum: str
    built: str = ""


@dataclass(frozen=True)
class Catalogue:
    meta: CatalogueMeta
    hair_loss_types: dict[str, HairLossType]
    conditions: dict[str, Condition]
    treatments: dict[str, Treatment]
    references: dict[str, Reference]
    path: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    components: dict[str, Component] = field(default_factory=dict)

    def asked_conditions(self) -> list[Condition]:
        """Conditions the health step asks about (derived ones come from age and sex)."""
        return [c for c in self.conditions.values() if not c.derived]
