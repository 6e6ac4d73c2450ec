"""What the consultation summary says: a pure function from a ``rules.Result`` to plain blocks.

No reportlab and no Qt here. ``build_summary`` decides which sections, rows and sentences the
summary has; ``report.pdf`` only lays them out. Reference numbers ``[n]`` are given in the order
sources are first cited, so the numbered list at the end matches every citation above it.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from decisionaid import __version__
from decisionaid.answers import SURE_KEYS, Answers
from decisionaid.costs import format_range
from decisionaid.models import (
    CERTAINTY_VERBS,
    FREQUENCY_WORDS,
    Catalogue,
    Outcome,
    Treatment,
)
from decisionaid.presentation import comparison_rows as screen_rows
from decisionaid.report import SECTIONS
from decisionaid.rulebook import clinician_lines
from decisionaid.rules import (
    PRIORITY_WORDS,
    RISK_LEVELS,
    STATUS_WORDS,
    OptionResult,
    Result,
)

TITLE = "My hair-loss options: a summary to discuss with my doctor"
DISCLAIMER = "This is not a diagnosis and does not recommend any single option."
FOOTER = "DecisionAid \u2014 not a diagnosis"

# The status words as the person says them in their own summary.
GROUP_TITLES = {
    "suitable": "Options that fit my answers",
    "caution": "Options to discuss with care",
}
REASON_LABELS = {"excluded": "Rules it out", "caution": "Needs care", "fit": "Fits", "info": "Note"}

# The SURE test (Légaré et al., Can Fam Physician 2010;56:e308), in the person's own voice.
SURE_QUESTIONS = {
    "sure_of_myself": "Do I feel sure about the best choice for me?",
    "understand_information": "Do I know the benefits and risks of each option?",
    "risk_benefit_clear": "Am I clear about which benefits and risks matter most to me?",
    "enough_support": "Do I have enough support and advice to make a choice?",
}
SURE_LETTERS = {
    "sure_of_myself": "S",
    "understand_information": "U",
    "risk_benefit_clear": "R",
    "enough_support": "E",
}

GENERAL_QUESTIONS = (
    "What kind of hair loss do I have? Could it be caused by something else, such as my thyroid, "
    "iron levels or a medicine?",
    "What is likely to happen if I wait and do nothing for now?",
    "What would each option cost me over 5 years, counting every repeat visit and product?",
    "How long before we can tell whether an option is working? What happens if I stop?",
    "Which side effects should make me stop and call you?",
)
REGENERATIVE_QUESTIONS = (
    "Has the FDA reviewed this product? Is there an IND (investigational new drug) number, and "
    "can I see the FDA letter?",
    "Is this part of a registered clinical trial? If so, what is its number, and do I pay to take part?",
    "Where do the cells or exosomes come from, who made them, and how are they tested for germs?",
    "What happens, and who pays, if something goes wrong?",
)

LIMITATIONS = (
    "The kind of hair loss is the person's own description, not a diagnosis. No one has examined them.",
    "The app knows only what the person told it. It does not know their full history, other medicines "
    "or test results.",
    "The evidence summaries were written by the catalogue's authors from the sources listed. They are "
    "not systematic reviews.",
    "Prices are estimates in US dollars. Many come from clinics or sellers. Local prices differ.",
    "The order of options within a group follows the person's own priorities. It is not a ranking by "
    "the app, and no single option is recommended.",
)

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
PRIORITY_IMPORTANCE = {
    1: "not important",
    2: "a little important",
    3: "somewhat important",
    4: "important",
    5: "very important",
}


# --- the blocks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """A paragraph. ``label`` is a bold lead-in; ``style`` is body, small, note, warning or lead."""

    text: str
    style: str = "body"
    label: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    note: str = ""  # a short line shown after the heading, such as the option's group


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    label: str = ""
    style: str = "body"


@dataclass(frozen=True)
class Table:
    """A table of text cells. ``widths`` are fractions of the page width; rows listed in
    ``group_rows`` are one label spanning every column (a group title inside the table)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    group_rows: tuple[int, ...] = ()
    label_column: bool = False  # the first column is a row label (bold)
    note_rows: tuple[int, ...] = ()  # one plain line spanning every column ("None.")
    keep_rows: int = 1  # body rows kept on the same page as the header


@dataclass(frozen=True)
class IconArray:
    """One comparable outcome drawn twice on the same 100-person grid."""

    title: str
    kind: str  # "benefit" or "harm"
    treated_label: str
    comparison_label: str
    treated_per_100: float
    comparison_per_100: float
    treated_icons: int
    comparison_icons: int
    legend_filled: str
    legend_outlined: str
    caption: str


@dataclass(frozen=True)
class WritingLines:
    count: int
    label: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple


@dataclass(frozen=True)
class ReferenceEntry:
    number: int
    id: str
    citation: str
    details: tuple[str, ...]  # "DOI: ...", "PMID: ...", "Web: ...", "Where: ...", "Accessed: ..."
    conflict_of_interest: str


@dataclass(frozen=True)
class ReferenceList:
    entries: tuple[ReferenceEntry, ...]


@dataclass(frozen=True)
class Summary:
    title: str
    name: str
    date: str
    version_line: str
    disclaimer: str
    notices: tuple[str, ...]
    sections: tuple[Section, ...]
    references: tuple[ReferenceEntry, ...]
    footer: str
    metadata_title: str = TITLE


# --- helpers --------------------------------------------------------------------------------


def format_date(day: _dt.date) -> str:
    """'21 November 2026': the same for readers in every country."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def first_sentence(text: str) -> str:
    """The first sentence (two when the first is very short), for table cells."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"\u201c(])", text.strip())
    out = parts[0] if parts else ""
    if len(out) < 50 and len(parts) > 1:
        out = f"{out} {parts[1]}"
    return out


class Citations:
    """Numbers sources in the order they are first cited; unknown ids are skipped."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.numbers: dict[str, int] = {}

    def cite(self, refs) -> str:
        numbers = []
        for ref in refs:
            if ref not in self.catalogue.references:
                continue
            if ref not in self.numbers:
                self.numbers[ref] = len(self.numbers) + 1
            if self.numbers[ref] not in numbers:
                numbers.append(self.numbers[ref])
        return f" [{', '.join(str(n) for n in numbers)}]" if numbers else ""

    def entries(self) -> tuple[ReferenceEntry, ...]:
        out = []
        for ref_id, number in sorted(self.numbers.items(), key=lambda item: item[1]):
            ref = self.catalogue.references[ref_id]
            details = [f"{label}: {value}" for label, value in ref.identifiers()]
            if ref.accessed and (ref.url or not (ref.doi or ref.pmid)):
                details.append(f"Accessed: {ref.accessed}")  # web pages change; papers do not
            out.append(
                ReferenceEntry(
                    number, ref.id, ref.citation, tuple(details), ref.conflict_of_interest
                )
            )
        return tuple(out)


def applicable_benefits(option: OptionResult, hair_loss_type: str) -> list[Outcome]:
    return [b for b in option.treatment.benefits if b.applies_to(hair_loss_type)]


def applicable_harms(option: OptionResult, hair_loss_type: str) -> list[Outcome]:
    return [h for h in option.treatment.harms if h.applies_to(hair_loss_type)]


_FREQUENCY_RANK = {"very_common": 0, "common": 1, "uncommon": 2, "rare": 3, "unknown": 4, "": 5}


def main_benefit(option: OptionResult, hair_loss_type: str) -> Outcome | None:
    """The benefit with comparable numbers first, then one with any number, then the first."""
    benefits = applicable_benefits(option, hair_loss_type)
    ranked = sorted(benefits, key=lambda b: (not b.has_icon_array, b.treated_per_100 is None))
    return ranked[0] if ranked else None


def main_harm(option: OptionResult, hair_loss_type: str) -> Outcome | None:
    """Serious harms first, then the most frequent."""
    harms = applicable_harms(option, hair_loss_type)
    ranked = sorted(harms, key=lambda h: (not h.serious, _FREQUENCY_RANK.get(h.frequency, 5)))
    return ranked[0] if ranked else None


def outcome_numbers(outcome: Outcome) -> str:
    """'26 in 100 said their hair grew back, compared with 14 in 100 with a dummy lotion'."""
    text = f"{_number(outcome.treated_per_100)} in 100 {outcome.outcome or 'had this'}".strip()
    if outcome.comparison_per_100 is not None:
        text += f", compared with {_number(outcome.comparison_per_100)} in 100"
        if outcome.comparison:
            text += f" with {outcome.comparison}"
    return text


def outcome_cell(outcome: Outcome | None, cite: Citations, *, harm: bool) -> str:
    if outcome is None:
        return "None recorded" if harm else "No benefit recorded"
    if outcome.treated_per_100 is not None:
        text = outcome_numbers(outcome) + "."
    else:
        text = first_sentence(outcome.text)
    if harm:
        prefix = "Serious. " if outcome.serious else ""
        freq = FREQUENCY_WORDS.get(outcome.frequency, "")
        if freq and outcome.treated_per_100 is None:
            text = f"{text}\n{freq}."
        text = prefix + text
    return text + cite.cite(outcome.refs)


def cost_cell(option: OptionResult) -> str:
    costs = option.costs
    if not costs.known:
        return "Not known"
    lines = [f"1 year: {format_range(costs.total(1))}", f"5 years: {format_range(costs.total(5))}"]
    if costs.open_ended:
        lines.append("+ repeats not priced")
    if costs.estimate:
        lines.append("(estimate)")
    return "\n".join(lines)


def effort_cell(treatment: Treatment) -> str:
    text = f"{treatment.effort.capitalize()} effort"
    if treatment.daily_routine:
        text += "\nEvery day"
    return text


def status_cell(option: OptionResult) -> str:
    return option.regulatory_words


def certainty_cell(option: OptionResult) -> str:
    words = option.certainty_words
    if option.evidence is not None:
        return f"{words}: {CERTAINTY_VERBS[option.evidence.certainty]}"
    return words


def reason_line(reason, cite: Citations) -> str:
    return f"{REASON_LABELS.get(reason.effect, 'Note')}: {reason.text}{cite.cite(reason.refs)}"


def type_description(answers: Answers, catalogue: Catalogue) -> str:
    if answers.hair_loss_type == "unsure":
        return "I am not sure what kind of hair loss I have."
    hl_type = catalogue.hair_loss_types.get(answers.hair_loss_type)
    name = hl_type.name if hl_type else answers.hair_loss_type.replace("_", " ")
    return f"I think my hair loss is: {name}. (This is my own description, not a diagnosis.)"


def _money(value: float | None) -> str:
    return "no limit given" if value is None else f"${value:,.0f}"


# --- comparison rows (Option Grid style) ----------------------------------------------------


def option_refs(o: OptionResult, hair_loss_type: str) -> list[str]:
    """The sources behind what the comparison says about one option, in first-use order."""
    t = o.treatment
    groups = [o.evidence.refs if o.evidence else ()]
    groups += [b.refs for b in applicable_benefits(o, hair_loss_type)]
    groups += [h.refs for h in applicable_harms(o, hair_loss_type)]
    groups += [t.cost.refs, t.routine.refs, t.regulatory.refs]
    return list(dict.fromkeys(ref for refs in groups for ref in refs))


def comparison_rows(
    options: list[OptionResult], hair_loss_type: str, cite: Citations
) -> list[tuple[str, list[str]]]:
    """Rows are the questions patients ask; each row has one answer per option.

    The answers are the app's own (``presentation.comparison_rows``, the compare screen), so the
    screen and the paper say the same thing; the page adds the person's group first and the
    numbered sources last.
    """
    rows = [("Does it fit my answers?", [STATUS_WORDS[o.status] for o in options])]
    rows += [(q, list(cells)) for q, cells in screen_rows(options)]
    rows.append(
        (
            "Sources",
            [cite.cite(option_refs(o, hair_loss_type)).strip() or "None listed" for o in options],
        )
    )
    return rows


# --- the sections ---------------------------------------------------------------------------


@dataclass
class _Context:
    result: Result
    cite: Citations
    today: _dt.date
    hair_loss_type: str
    shown: list[OptionResult] = field(default_factory=list)  # fitting, caution, then compared


def _answers_section(ctx: _Context) -> tuple:
    a = ctx.result.answers
    cat = ctx.result.catalogue
    conditions = [cat.conditions[c].name if c in cat.conditions else c for c in a.conditions]
    if a.conditions_unknown:
        health = "I don't know" + (f" (also: {', '.join(conditions)})" if conditions else "")
    else:
        health = ", ".join(conditions) if conditions else "None"
    prefs = a.preferences
    pref_lines = [
        f"Avoid surgery: {'yes' if prefs.get('avoid_surgery') else 'no'}",
        f"Avoid needles and injections: {'yes' if prefs.get('avoid_injections') else 'no'}",
        f"A daily routine is OK: {'yes' if prefs.get('daily_routine_ok', True) else 'no, it would be hard'}",
    ]
    prios = sorted(
        a.priorities.items(),
        key=lambda kv: (
            -kv[1],
            list(PRIORITY_WORDS).index(kv[0]) if kv[0] in PRIORITY_WORDS else 99,
        ),
    )
    prio_lines = [
        f"{PRIORITY_WORDS.get(k, k)}: {v} of 5 ({PRIORITY_IMPORTANCE.get(v, '')})" for k, v in prios
    ]
    level = RISK_LEVELS[a.risk_tolerance]
    rows = [
        ("My hair loss", type_description(a, cat)),
        ("Age", "Not given" if a.age is None else f"{a.age} years"),
        ("Sex", (a.sex or "Not given").capitalize()),
        ("Health conditions", health),
        ("Warning signs I noted", "\n".join(a.warning_signs) if a.warning_signs else "None"),
        (
            "Budget",
            f"Up-front: {_money(a.budget.upfront_usd)}. Each year: {_money(a.budget.yearly_usd)}.",
        ),
        ("Risk I am willing to take", f"{level.label}. {level.description}"),
        ("Preferences", "\n".join(pref_lines)),
        ("What matters most to me", "\n".join(prio_lines)),
    ]
    return (Table(("Question", "My answer"), tuple(rows), (0.26, 0.74), label_column=True),)


def _options_section(ctx: _Context) -> tuple:
    r = ctx.result
    blocks: list = []
    groups = [(s, r.by_status(s)) for s in ("suitable", "caution")]
    rows: list[tuple[str, ...]] = []
    group_rows: list[int] = []
    note_rows: list[int] = []
    for status, options in groups:
        group_rows.append(len(rows))
        count = f"{len(options)} option{'s' if len(options) != 1 else ''}"
        rows.append((f"{GROUP_TITLES[status]} ({count})",))
        if not options:
            note_rows.append(len(rows))
            rows.append(("None.",))
        for o in options:
            rows.append(
                (
                    o.treatment.name,
                    certainty_cell(o) + (ctx.cite.cite(o.evidence.refs) if o.evidence else ""),
                    status_cell(o),
                    cost_cell(o),
                    effort_cell(o.treatment),
                    outcome_cell(main_benefit(o, ctx.hair_loss_type), ctx.cite, harm=False),
                    outcome_cell(main_harm(o, ctx.hair_loss_type), ctx.cite, harm=True),
                )
            )
    blocks.append(
        Para(
            "Within each group, options are in the order of what I said matters most "
            "to me. The app does not pick a best option. Costs are totals in US "
            "dollars.",
            "note",
        )
    )
    blocks.append(
        Table(
            (
                "Option",
                "How sure (evidence)",
                "Regulator",
                "Cost in total",
                "Effort",
                "Main benefit",
                "Main risk",
            ),
            tuple(rows),
            (0.15, 0.14, 0.10, 0.15, 0.08, 0.19, 0.19),
            tuple(group_rows),
            note_rows=tuple(note_rows),
            keep_rows=2,
        )
    )
    why = []
    for _status, options in groups:
        for o in options:
            why.append(
                (f"{o.treatment.name}\n{STATUS_WORDS[o.status]}", _reasons_text(o, ctx.cite))
            )
    if why:
        blocks.append(Heading("Why each option is in its group"))
        blocks.append(
            Para(
                "The app's reasons, in its own words. A reason marked \u201cNeeds care\u201d "
                "is what put an option in \u201cDiscuss with care\u201d.",
                "note",
            )
        )
        blocks.append(
            Table(
                ("Option", "Why it is in this group"), tuple(why), (0.24, 0.76), label_column=True
            )
        )
    return tuple(blocks)


def _reasons_text(o: OptionResult, cite: Citations) -> str:
    return "\n".join(f"\u2022 {reason_line(x, cite)}" for x in o.reasons) or "No reasons recorded."


ALSO_WORDS = {
    "contraindication": "a health condition",
    "hair_loss_type": "the kind of hair loss",
    "risk": "the chosen risk level",
    "preference": "something to avoid",
    "routine": "the daily routine",
    "cost": "the budget",
}


def _not_fitting_section(ctx: _Context) -> tuple:
    """One line per option: the main reason in full, the others named, every rule and source."""
    excluded = ctx.result.by_status("excluded")
    if not excluded:
        return (Para("Every option in the catalogue fits my answers or needs care.", "body"),)
    rows = []
    for o in excluded:
        why = [x for x in o.reasons if x.effect == "excluded"]
        if not why:  # pragma: no cover - an excluded option always has an excluded reason
            continue
        text = why[0].text
        others = list(
            dict.fromkeys(ALSO_WORDS.get(x.kind, x.kind) for x in why[1:] if x.kind != why[0].kind)
        )
        if others:
            text += " Also ruled out by " + _and_list(others) + "."
        refs = [ref for x in why for ref in x.refs]
        rules = "\n".join(dict.fromkeys(x.rule for x in why))
        rows.append((o.treatment.name, text + ctx.cite.cite(refs), rules))
    return (
        Para(
            "These options were left out because of a rule. The main reason is given in full; "
            "the rule ids and sources let my doctor check every one.",
            "note",
        ),
        Table(("Option", "Why it did not fit", "Rule"), tuple(rows), (0.22, 0.55, 0.23)),
    )


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _compared(ctx: _Context) -> list[OptionResult]:
    out = []
    for tid in ctx.result.answers.compare:
        o = ctx.result.option(tid)
        if o is not None:
            out.append(o)
    return out


def _comparison_section(ctx: _Context) -> tuple:
    options = _compared(ctx)
    if not options:
        return (
            Para(
                "I did not choose any options to compare side by side. (The app lets you "
                "compare up to 4.)"
            ),
        )
    rows = [(q, *answers) for q, answers in comparison_rows(options, ctx.hair_loss_type, ctx.cite)]
    n = len(options)
    first = 0.16
    widths = (first,) + tuple((1 - first) / n for _ in options)
    return (
        Para("The questions people ask most, answered for each option I chose to compare.", "note"),
        Table(
            ("Question", *(o.treatment.name for o in options)),
            tuple(rows),
            widths,
            label_column=True,
            keep_rows=2,
        ),
    )


def _icon_arrays_section(ctx: _Context) -> tuple:
    blocks: list = []
    for o in ctx.shown:
        for kind, outcomes in (
            ("benefit", applicable_benefits(o, ctx.hair_loss_type)),
            ("harm", applicable_harms(o, ctx.hair_loss_type)),
        ):
            for out in outcomes:
                if out.has_icon_array:
                    blocks.append(_icon_array(o, out, kind, ctx.cite))
    if not blocks:
        return (
            Para(
                "None of the options in this summary has numbers from a fair comparison "
                "(the same kind of people, with and without the option, over the same time). "
                "Without such numbers we do not draw a picture."
            ),
        )
    intro = Para(
        "Each picture shows 100 people. A filled figure is a person who had the outcome; "
        "an outlined figure is a person who did not. Every picture uses the same 100-person "
        "grid, so the pictures can be compared.",
        "note",
    )
    return (intro, *blocks)


def _icons(value: float) -> int:
    """Whole figures, rounding halves up (0.5 in 100 is drawn as 1 person, not as nobody)."""
    return max(0, min(100, int(value + 0.5)))


def in_sentence(name: str) -> str:
    """'Finasteride tablets' -> 'finasteride tablets' inside a sentence; 'PRP' stays 'PRP'."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _icon_array(o: OptionResult, out: Outcome, kind: str, cite: Citations) -> IconArray:
    treated, comparison = float(out.treated_per_100), float(out.comparison_per_100)
    what = out.outcome or "had this outcome"
    comp_name = out.comparison or "the comparison group"
    t_icons, c_icons = _icons(treated), _icons(comparison)
    parts = []
    if out.group or out.timeframe:
        parts.append(
            "Who and how long: " + "; ".join(x for x in (out.group, out.timeframe) if x) + "."
        )
    parts.append(
        f"With {in_sentence(o.treatment.name)}: {_number(treated)} in 100 {what}; "
        f"{_number(round(100 - treated, 2))} did not."
    )
    parts.append(
        f"With {comp_name}: {_number(comparison)} in 100 {what}; "
        f"{_number(round(100 - comparison, 2))} did not."
    )
    rounded = [
        f"{_number(v)} is shown as {n}"
        for v, n in ((treated, t_icons), (comparison, c_icons))
        if v != n
    ]
    if rounded:
        parts.append("Whole figures only: " + "; ".join(rounded) + ".")
    parts.append(f"Certainty of the evidence: {o.certainty_words.lower()}.")
    title = f"{o.treatment.name}: {what}"
    return IconArray(
        title=title,
        kind=kind,
        treated_label=f"With {in_sentence(o.treatment.name)}",
        comparison_label=f"With {comp_name}",
        treated_per_100=treated,
        comparison_per_100=comparison,
        treated_icons=t_icons,
        comparison_icons=c_icons,
        legend_filled=what,
        legend_outlined="did not",
        caption=" ".join(parts) + cite.cite(out.refs),
    )


def _claims_section(ctx: _Context) -> tuple:
    chosen = [o for o in ctx.shown if o.treatment.category == "regenerative" or o.treatment.claims]
    # The options I compared first, then the regenerative ones, then the rest.
    compared = list(ctx.result.answers.compare)
    chosen.sort(
        key=lambda o: (
            compared.index(o.id) if o.id in compared else len(compared),
            o.treatment.category != "regenerative",
        )
    )
    if not chosen:
        return (
            Para(
                "None of the options in this summary is a stem-cell, exosome or other "
                "regenerative product, and none has clinic claims recorded."
            ),
        )
    blocks: list = [
        Para(
            "Some clinics sell these options with strong claims. Here is each claim, "
            "who makes it, whether they earn money from it, and what the evidence says.",
            "note",
        )
    ]
    for o in chosen:
        reg = o.treatment.regulatory
        blocks.append(Heading(o.treatment.name, STATUS_WORDS[o.status]))
        blocks.append(
            Para(f"{o.regulatory_words}. {reg.text}{ctx.cite.cite(reg.refs)}", label="Regulator:")
        )
        if not o.treatment.claims:
            blocks.append(
                Para("No clinic claims are recorded in the catalogue for this option.", "small")
            )
            continue
        rows = tuple(
            (
                c.claim,
                f"{c.claimed_by}\nTheir interest: {c.conflict_of_interest}",
                c.evidence_says + ctx.cite.cite(c.refs),
            )
            for c in o.treatment.claims
        )
        blocks.append(
            Table(
                ("What is claimed", "Who claims it, and their interest", "What the evidence says"),
                rows,
                (0.30, 0.30, 0.40),
            )
        )
    return tuple(blocks)


def question_options(result: Result, fallback: int = 3) -> list[OptionResult]:
    """Whose own questions go on the list: the options I compared and those to discuss with
    care; if there are none, the first few that fit. A list of 100 questions helps no one."""
    chosen: list[OptionResult] = []
    for tid in result.answers.compare:
        o = result.option(tid)
        if o is not None and o not in chosen:
            chosen.append(o)
    for o in result.by_status("caution"):
        if o not in chosen:
            chosen.append(o)
    if not chosen:
        chosen = result.by_status("suitable")[:fallback]
    return chosen


def _questions_section(ctx: _Context) -> tuple:
    blocks: list = [
        Bullets(GENERAL_QUESTIONS, label="About my hair loss and my options:"),
        Bullets(
            REGENERATIVE_QUESTIONS,
            label="If I am offered a stem-cell, exosome or other cell product:",
        ),
    ]
    for o in question_options(ctx.result):
        if o.treatment.questions:
            blocks.append(Bullets(tuple(o.treatment.questions), label=f"About {o.treatment.name}:"))
    blocks.append(Para("The app lists questions for every option.", "note"))
    blocks.append(WritingLines(3, "My own questions:"))
    return tuple(blocks)


def _decision_section(ctx: _Context) -> tuple:
    d = ctx.result.answers.decision
    words = {True: "Yes", False: "No", None: "Not answered"}
    rows = tuple(
        (f"{SURE_LETTERS[k]}. {SURE_QUESTIONS[k]}", words[d.sure.get(k)]) for k in SURE_KEYS
    )
    score = d.sure_score
    if score is None:
        answered = sum(1 for k in SURE_KEYS if d.sure.get(k) is not None)
        score_text = (
            f"Not all four questions are answered ({answered} of 4 answered). "
            "A score of 3 or less out of 4 suggests I may not be ready to decide yet."
        )
    elif score <= 3:
        score_text = (
            f"My score: {score} of 4. A score of 3 or less suggests I may not feel ready to "
            "decide yet. That is common. Talking it through with my doctor can help."
        )
    else:
        score_text = "My score: 4 of 4. I feel ready to decide, with my doctor."
    blocks: list = [
        Para("The SURE test: four yes-or-no questions about how ready I feel.", "note"),
        Table(("Question", "My answer"), rows, (0.78, 0.22)),
        Para(score_text, "lead"),
    ]
    blocks.append(Para(d.leaning.strip() or "I have not said yet.", label="Where I am leaning:"))
    if d.notes.strip():
        blocks.append(Para(d.notes.strip(), label="My notes:"))
    else:
        blocks.append(WritingLines(4, "My notes:"))
    return tuple(blocks)


def _clinician_section(ctx: _Context) -> tuple:
    r = ctx.result
    meta = r.catalogue.meta
    level = r.risk_level
    rules = clinician_lines(level)  # every rule, from the rulebook
    rows = []
    for o in r.options:
        rules_applied = (
            ", ".join(dict.fromkeys(x.rule for x in o.reasons if x.effect != "info")) or "\u2014"
        )
        rows.append((o.treatment.name, STATUS_WORDS[o.status], rules_applied))
    checksum = meta.checksum[:16] if meta.checksum else "not recorded"
    versions = (
        f"DecisionAid {__version__}. Catalogue \u201c{meta.title}\u201d version {meta.version}, "
        f"reviewed {meta.reviewed}"
        + (_built(meta.built) if meta.built else "")
        + f". Checksum (SHA-256, first 16 characters): {checksum}."
    )
    return (
        Bullets(rules, label="Rules the app applied:", style="small"),
        Table(("Option", "Status", "Rules that applied"), tuple(rows), (0.34, 0.18, 0.48)),
        Para(versions, "small", label="Versions:"),
        Bullets(LIMITATIONS, label="Limitations:", style="small"),
    )


def _built(built: str) -> str:
    return f", built {built}" if built[:1].isdigit() else f", built with {built}"


def _references_section(ctx: _Context) -> tuple:
    # Built last, so every citation above already has its number.
    entries = ctx.cite.entries()
    if not entries:
        blocks: list = [Para("No sources were cited above.")]
    else:
        blocks = [
            Para(
                "The numbers in square brackets above point to this list. For each source we "
                "say whether the people behind it sell the treatment or have other ties "
                "(conflict of interest).",
                "note",
            ),
            ReferenceList(entries),
        ]
    about = [
        p.strip() for p in re.split(r"\n\s*\n", ctx.result.catalogue.meta.about or "") if p.strip()
    ]
    blocks.append(Heading("About this catalogue"))
    for paragraph in about:
        text = " ".join(paragraph.split())
        lead, _, rest = text.partition(". ")
        if rest and len(lead) <= 40:  # "Who paid for it. No company ..." -> a bold lead-in
            blocks.append(Para(rest, "small", label=lead + "."))
        else:
            blocks.append(Para(text, "small"))
    return tuple(blocks)


BUILDERS = {
    "answers": _answers_section,
    "options": _options_section,
    "not_fitting": _not_fitting_section,
    "comparison": _comparison_section,
    "icon_arrays": _icon_arrays_section,
    "claims": _claims_section,
    "questions": _questions_section,
    "decision": _decision_section,
    "clinician": _clinician_section,
    "references": _references_section,
}
assert set(BUILDERS) == set(SECTIONS), (
    "report.SECTIONS and the builders must name the same sections"
)


def check_sections(sections) -> set[str]:
    """The sections to include; ``None`` means all. Unknown names raise ValueError."""
    if sections is None:
        return set(SECTIONS)
    chosen = set(sections)
    unknown = sorted(chosen - set(SECTIONS))
    if unknown:
        raise ValueError(f"unknown section(s): {', '.join(unknown)}. Known: {', '.join(SECTIONS)}")
    return chosen


def build_summary(result: Result, *, sections=None, today: _dt.date | None = None) -> Summary:
    """Everything the summary says, in order. Pure: the same result and date give the same summary."""
    chosen = check_sections(sections)
    today = today or _dt.date.today()
    cite = Citations(result.catalogue)
    ctx = _Context(result, cite, today, result.answers.hair_loss_type)
    seen: set[str] = set()
    for o in result.by_status("suitable") + result.by_status("caution") + _compared(ctx):
        if o.id not in seen:
            seen.add(o.id)
            ctx.shown.append(o)
    built = []
    for key, title in SECTIONS.items():
        if key in chosen:
            built.append(Section(key, title, BUILDERS[key](ctx)))
    references = cite.entries() if "references" in chosen else ()
    meta = result.catalogue.meta
    version_line = (
        f"Made with DecisionAid {__version__}. Catalogue version {meta.version}, "
        f"last reviewed {meta.reviewed}."
    )
    notices = list(result.notices)
    stale = _stale(meta.reviewed, today)
    if stale:
        notices.append(stale)
    return Summary(
        title=TITLE,
        name=result.answers.name.strip(),
        date=format_date(today),
        version_line=version_line,
        disclaimer=DISCLAIMER,
        notices=tuple(notices),
        sections=tuple(built),
        references=references,
        footer=FOOTER,
    )


def _stale(reviewed: str, today: _dt.date) -> str:
    try:
        day = _dt.date.fromisoformat(reviewed[:10])
    except ValueError:
        return ""
    if (today - day).days > 366:
        return (
            "The catalogue was last reviewed more than a year before this summary was made. "
            "Newer evidence may exist; look for an updated version of DecisionAid."
        )
    return ""
