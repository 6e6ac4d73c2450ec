"""What the consultation summary says: a pure function from a ``rules.Result`` to plain blocks.

No reportlab and no Qt here. ``build_summary`` decides which sections, rows and sentences the
summary has; ``report.pdf`` and ``report.html`` only lay them out, so the paper and the web page
say the same thing. Every phrase, number and rounding rule shared with the app comes from
``presentation``. Reference numbers ``[n]`` are given in the order sources are first cited, so
the numbered list at the end holds exactly the sources the document cites.

Page 1, "For today's visit", is what a clinician with ten minutes reads first: who, the hair
loss in the person's words, health conditions and red flags, where they lean (flagged when that
option is not for them), their notes, the SURE score, their top priorities, the options that
fit or need care, and three questions.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from decisionaid import __version__
from decisionaid import presentation as pr
from decisionaid.answers import SURE_KEYS, Answers
from decisionaid.catalogue.store import another_catalogue_note
from decisionaid.models import Catalogue, Condition, Outcome, Reference, expand_implied
from decisionaid.report import DEFAULT_SECTIONS, SECTIONS
from decisionaid.report.blocks import (  # re-exported: report.pdf and report.html read them here
    Block as Block,
)
from decisionaid.report.blocks import (
    Bullets as Bullets,
)
from decisionaid.report.blocks import (
    Card as Card,
)
from decisionaid.report.blocks import (
    Heading as Heading,
)
from decisionaid.report.blocks import (
    IconArray as IconArray,
)
from decisionaid.report.blocks import (
    Para as Para,
)
from decisionaid.report.blocks import (
    RecordNote as RecordNote,
)
from decisionaid.report.blocks import (
    ReferenceEntry as ReferenceEntry,
)
from decisionaid.report.blocks import (
    ReferenceList as ReferenceList,
)
from decisionaid.report.blocks import (
    Section as Section,
)
from decisionaid.report.blocks import (
    Table as Table,
)
from decisionaid.report.blocks import (
    WritingLines as WritingLines,
)
from decisionaid.report.offer_section import offer_section
from decisionaid.rulebook import RULES, first_person
from decisionaid.rules import (
    PRIORITY_WORDS,
    RISK_LEVELS,
    STATUS_WORDS,
    OptionResult,
    Reason,
    Result,
)
from decisionaid.vocabulary import CERTAINTY_VERBS, INVASIVENESS_WORDS

TITLE = "My hair-loss options: a summary to discuss with my doctor"
DISCLAIMER = "This is not a diagnosis and does not recommend any single option."
FOOTER = "DecisionAid \u2014 not a diagnosis"
SUBJECT = "Hair-loss options: a summary to discuss with a doctor. Not a diagnosis."
LANGUAGE = "en"

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
SURE_ANSWER_WORDS = {True: "yes", False: "no", None: "not answered"}

# Neutral questions: they ask, they never assert something the person did not say.
GENERAL_QUESTIONS = (
    "What kind of hair loss is this? Could something else, such as the thyroid, iron levels or "
    "a medicine, be causing it?",
    "What is likely to happen if I wait and do nothing for now?",
    "What would each option cost over 5 years, counting every repeat visit and product?",
    "How long before we can tell whether an option is working? What happens on stopping?",
    "Which side effects should make me stop and call you?",
)
# Personal questions name what they are about: on page 1 there is no option for "this".
PREGNANCY_QUESTION = (
    "Are the options I am looking at safe if I become pregnant, or while breastfeeding?"
)
PREGNANT_NOW_QUESTION = "Which options are safe for me now, and which must wait until later?"
CONDITIONS_QUESTION = "Do my health conditions ({}) change which options are safe for me?"
CONDITIONS_UNKNOWN_QUESTION = "Which health questions should we go through before I start anything?"
WARNING_QUESTION = "Should the warning signs I noted be checked before anything else?"
YOUNG_QUESTION = "Are the options I am looking at used for people of my age?"
REGENERATIVE_QUESTIONS = (
    "Has the FDA reviewed this product? Is there an IND (investigational new drug) number, and "
    "can I see the FDA letter?",
    "Is this part of a registered clinical trial? If so, what is its number, and do I pay to take "
    "part?",
    "Where do the cells or exosomes come from, who made them, and how are they tested for germs?",
    "What happens, and who pays, if something goes wrong?",
)
# A catalogue question that states a fact about the person ("I have had depression before...")
# is shown only to a person who said so: these words point to the answer that makes it true.
ASSERTING_START = re.compile(r"^(I have|I've|I am|I'm|I take|I had|My )", re.IGNORECASE)
QUESTION_CONDITIONS = {
    "depression": ("depression_history",),
    "heart": ("heart_disease",),
    "blood thinner": ("anticoagulants",),
    "pregnan": ("pregnant", "trying_to_conceive"),
    "breastfeed": ("breastfeeding",),
    "kidney": ("kidney_disease",),
    "liver": ("liver_disease",),
    "smok": ("smoker",),
}
PREGNANCY_WORDS = re.compile(r"pregnan|breastfeed|conceiv", re.IGNORECASE)
MAX_OPTION_QUESTIONS = 2
MAX_CLAIM_OPTIONS = 3
MAX_CLAIMS = 1  # per option (two for the one I lean towards): the app shows them all
MAX_QUESTION_OPTIONS = 3

LIMITATIONS = (
    "The kind of hair loss is the person's own description, not a diagnosis.",
    "The app knows only what the person told it, not their history, medicines or test results.",
    "Evidence summaries are by the catalogue's authors from the sources listed, not systematic "
    "reviews.",
    "Prices are US dollar estimates, many from clinics or sellers.",
    "Options follow the person's own priorities; none is recommended.",
)

MAX_NOTES_PAGE_ONE = 260
MAX_TODAY_OPTIONS = {"suitable": 7, "caution": 5}  # on page 1; all are in the cards


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
    another_catalogue: str = ""  # "Another catalogue: FILE" on every page; "" for the bundled one
    subject: str = SUBJECT
    language: str = LANGUAGE


# --- helpers --------------------------------------------------------------------------------

format_date = pr.format_date
first_sentence = pr.first_sentence


def reference_links(ref: Reference) -> tuple[tuple[str, str, str], ...]:
    """(label, text, address) for each way to open a source: DOI, PubMed, web."""
    out = []
    if ref.doi:
        out.append(("DOI", ref.doi, f"https://doi.org/{ref.doi}"))
    if ref.pmid:
        out.append(("PMID", ref.pmid, f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"))
    if ref.url and ref.url.startswith(("https://", "http://")):
        out.append(("Web", ref.url, ref.url))
    return tuple(out)


MAX_SHORT_CITATION = 56
MAX_SHORT_CONFLICT = 80
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_AUTHORS = re.compile(r"^[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)* [A-Z]{1,3},")


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-– ") + "…"


def short_citation(citation: str) -> str:
    """'Olsen EA et al. A randomized clinical trial of 5% topical minoxidil versus 2%… (2002)':
    the first author, the start of the title and the year, for the compact printed list."""
    text = pr.without_working_notes(citation) or citation.strip()
    head, sep, rest = text.partition(". ")
    if sep and _AUTHORS.match(head) and len(head) > 30:  # a list of authors
        text = f"{head.split(',')[0].strip()} et al. {rest}"
    year = _YEAR.search(citation)
    out = _clip(text, MAX_SHORT_CITATION)
    if year and year.group(0) not in out:
        out += f" ({year.group(0)})"
    return out


def short_conflict(text: str) -> str:
    """The conflict of interest in a few words: its first sentence, clipped."""
    text = _conflict(text)
    return _clip(pr.first_sentence(text), MAX_SHORT_CONFLICT)


def _conflict(text: str) -> str:
    """A source's conflict of interest; "not stated" said shortly (unknown is not "none")."""
    text = pr.without_working_notes(text)
    if not text or text.lower().startswith("not stated"):
        return "Not stated."
    return text


class Citations:
    """Numbers sources in the order they are first cited; unknown ids are skipped."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.numbers: dict[str, int] = {}

    def cite(self, refs: Iterable[str]) -> str:
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
            # A paper's DOI or PubMed link is enough; its web address too would repeat it.
            paper = bool(ref.doi or ref.pmid)
            details = [
                f"{label}: {value}"
                for label, value in ref.identifiers()
                if label != "Where" and not (label == "Web" and paper)
            ]
            if ref.accessed and (ref.url or not (ref.doi or ref.pmid)):
                details.append(f"Accessed: {ref.accessed}")  # web pages change; papers do not
            out.append(
                ReferenceEntry(
                    number,
                    ref.id,
                    ref.citation,
                    tuple(details),
                    _conflict(ref.conflict_of_interest),
                    reference_links(ref),
                    short_citation(ref.citation),
                    short_conflict(ref.conflict_of_interest),
                )
            )
        return tuple(out)


def _hl(option: OptionResult, fallback: str) -> str:
    return option.evidence.hair_loss_type if option.evidence else fallback


def applicable_benefits(option: OptionResult, hair_loss_type: str) -> list[Outcome]:
    return pr.outcomes_for(option.treatment.benefits, hair_loss_type)


def applicable_harms(option: OptionResult, hair_loss_type: str) -> list[Outcome]:
    return pr.ranked_harms(option.treatment, hair_loss_type)


def main_benefit(option: OptionResult, hair_loss_type: str) -> Outcome | None:
    """The same benefit the app shows first (``presentation.main_benefit_outcome``)."""
    return pr.main_benefit_outcome(option.treatment, hair_loss_type)


def main_harm(option: OptionResult, hair_loss_type: str) -> Outcome | None:
    """The same "main risk" the app shows (``presentation.main_harm_outcome``)."""
    return pr.main_harm_outcome(option.treatment, hair_loss_type)


_WOMEN = re.compile(r"\b(women|woman|female|girls)\b", re.IGNORECASE)
_MEN = re.compile(r"\b(men|man|male|boys)\b", re.IGNORECASE)


def group_note(outcome: Outcome, answers: Answers) -> str:
    """Said when the number comes from another group than the person's (women's results for a
    man, men's for a woman)."""
    group = outcome.group or ""
    if answers.sex == "male" and _WOMEN.search(group) and not _MEN.search(group):
        return " This number comes from women, not men."
    if answers.sex == "female" and _MEN.search(group) and not _WOMEN.search(group):
        return " This number comes from men, not women."
    return ""


def _first_two(text: str) -> str:
    """The first sentence, and the second when the first is short and has no number."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"\u201c(])", text.strip())
    short = len(parts[0]) < 60 and not re.search(r"\d", parts[0])
    return " ".join(parts[:2]) if short else parts[0]


def outcome_sentence(
    outcome: Outcome, answers: Answers, *, harm: bool, studied: bool = True
) -> str:
    """'26 in 100 with this, 14 in 100 without (a dummy lotion), over 48 weeks; studied in
    women with female pattern hair loss.' The same form for benefits and harms. Without
    ``studied`` (a compact card) the group is said only when it is not the person's own sex."""
    who = f" Studied in {outcome.group}." if outcome.group and studied else ""
    treated, untreated = outcome.treated_per_100, outcome.comparison_per_100
    if treated is not None and untreated is not None:  # outcome.has_icon_array
        what = outcome.outcome or ("were affected" if harm else "had this benefit")
        comparison = pr.with_article(outcome.comparison) if outcome.comparison else "without it"
        text = f"{pr.per_100(treated)} {what} with this, {pr.per_100(untreated)} with {comparison}"
        if outcome.timeframe:
            text += f", over {outcome.timeframe}"
        text += "."
    else:
        # A benefit's whole text, as the app shows it: a first sentence alone can be the study's
        # design without its result, or a result without the caveat that follows ("no untreated
        # group", "by 12 months the gain was gone").
        # A compact card keeps a harm to its first sentence (the app has the rest), and a serious
        # harm to two when the first is short: one alone can name a harm without saying what it
        # is ("The label has a boxed warning, the FDA's strongest kind.").
        full = not harm or studied
        short = _first_two(outcome.text) if outcome.serious else first_sentence(outcome.text)
        text = pr.sentence(outcome.text.strip() if full else short)
        has_number = re.search(r"\d+ in \d+|\d+ (?:of|out of) \d+", text)
        said = "not known" in text or "how often" in text.lower()  # not said twice
        if harm and outcome.frequency and not has_number and not said:
            how = pr.frequency_text(outcome.frequency)
            text += " How often is not known." if "not known" in how else f" How often: {how}."
    if harm and outcome.serious:
        text = pr.mark_serious(text)
    note = group_note(outcome, answers)
    if note and not re.search(r"\d", text):  # "No side effects were reported": no number
        note = note.replace("This number comes from", "This was studied in")
    return pr.sentence(text) + who + note


def _no_examples(text: str) -> str:
    """A reason without its "(for example ...)" aside: the clinician knows the examples."""
    return re.sub(r"\s*\(for example[^)]*\)", "", text)


def short_reason(reason: Reason, limit: int = 110) -> str:
    """One line from a reason: the rule's own one-line form when it has one ("Needs care: I am
    pregnant."), else its first sentence without "(for example ...)" asides, cut at a word."""
    if reason.short:
        return reason.short
    text = first_sentence(_no_examples(reason.text))
    if len(text) > limit:
        # Cut where the sentence turns ("Its price is not known: we found...") before a word.
        turn = re.search(r":\s|, so\b", text[: limit + 1])
        if turn and turn.start() >= 15:
            return pr.sentence(text[: turn.start()])
        return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "\u2026"
    return pr.sentence(text)


def reason_line(reason: Reason, cite: Citations) -> str:
    refs = reason.refs[:1]  # the main source; the app lists them all
    return f"{REASON_LABELS.get(reason.effect, 'Note')}: {reason.text}{cite.cite(refs)}"


def type_name(answers: Answers, catalogue: Catalogue) -> str:
    if answers.hair_loss_type == "unsure":
        return "not sure"
    h = catalogue.hair_loss_types.get(answers.hair_loss_type)
    return h.name if h else answers.hair_loss_type.replace("_", " ")


SCALP_WORDS = {
    "less_than_half": "less than half of the scalp bare",
    "half_or_more": "half of the scalp or more bare",
    "total": "the whole scalp bare",
}


def type_description(answers: Answers, catalogue: Catalogue) -> str:
    if answers.hair_loss_type == "unsure":
        return "I am not sure what kind of hair loss I have."
    extent = SCALP_WORDS.get(answers.scalp_loss or "", "")
    extent = f", with {extent}" if extent else ""
    return (
        f"I think my hair loss is: {type_name(answers, catalogue)}{extent}. "
        "(My own description, not a diagnosis.)"
    )


def _money(value: float | None) -> str:
    return "no limit given" if value is None else f"${value:,.0f}"


def condition_names(answers: Answers, catalogue: Catalogue) -> list[str]:
    return [
        _no_examples(catalogue.conditions[c].name)
        if c in catalogue.conditions
        else c.replace("_", " ")
        for c in answers.conditions
    ]


def health_text(answers: Answers, catalogue: Catalogue) -> str:
    names = condition_names(answers, catalogue)
    if answers.conditions_unknown:
        return "I don't know" + (f" (also: {'; '.join(names)})" if names else "")
    return "; ".join(names) if names else "None"


def sex_text(sex: str | None) -> str:
    return {"male": "Male", "female": "Female", "other": "Other or prefer not to say"}.get(
        sex or "", "Not given"
    )


def leaning_option(result: Result) -> OptionResult | None:
    """The option the person leans towards: the recorded id, or an option whose name (or
    another name for it) is what they typed."""
    d = result.answers.decision
    if d.leaning_option:
        return result.option(d.leaning_option)
    typed = d.leaning.strip().lower()
    if not typed:
        return None
    for tid in result.order:
        t = result.catalogue.treatments[tid]
        names = [t.name.lower(), *(n.lower() for n in t.also_known_as)]
        if typed in names or any(
            n.startswith(typed) or typed.startswith(n)
            for n in names
            if min(len(n), len(typed)) >= 5
        ):
            return result.option(tid)
    return None


def _care_line(reason: Reason, limit: int) -> str:
    """A short reason after "Discuss with care:", without saying "Needs care:" twice."""
    return short_reason(reason, limit).removeprefix("Needs care: ")


def leaning_text(result: Result, cite: Citations | None = None) -> tuple[str, bool]:
    """(what to print, flagged): flagged when the option is not for them or needs care."""
    d = result.answers.decision
    option = leaning_option(result)
    if option is None:
        typed = d.leaning.strip()
        if not typed or typed.lower() in ("still deciding", "not sure yet"):
            return "Not sure yet.", False
        return typed, False
    name = option.treatment.name
    extra = (
        f" (\u201c{d.leaning.strip()}\u201d)" if d.leaning.strip() and not d.leaning_option else ""
    )
    if option.status == "excluded":
        why = [r for r in option.reasons if r.effect == "excluded"]
        cares = [r for r in option.reasons if r.effect == "caution"]
        text = f"{name}{extra}. \u26a0 The app says this option is NOT for me: " + " ".join(
            short_reason(r, 120) for r in why[:1]
        )
        if cares:
            text += " Also needs care: " + " ".join(_care_line(r, 70) for r in cares[:1])
        return text, True
    if option.status == "caution":
        cares = [r for r in option.reasons if r.effect == "caution"]
        return (
            f"{name}{extra}. \u26a0 Discuss with care: "
            + " ".join(_care_line(r, 110) for r in cares[:2]),
            True,
        )
    return f"{name}{extra}. It fits my answers ({option.certainty_words.lower()}).", False


def sure_line(answers: Answers) -> str:
    d = answers.decision
    letters = " \u00b7 ".join(
        f"{SURE_LETTERS[k]} {SURE_ANSWER_WORDS[d.sure.get(k)]}" for k in SURE_KEYS
    )
    score = d.sure_score
    if score is None:
        answered = sum(1 for k in SURE_KEYS if d.sure.get(k) is not None)
        if not answered:  # not "S not answered · U not answered · ..." four times
            return "Not answered."
        return f"Not all answered ({answered} of 4): {letters}."
    meaning = (
        "3 or less: I may want more time, information or support."
        if score <= 3
        else "I feel ready to decide, with my doctor."
    )
    return f"{score} of 4 ({letters}). {meaning}"


def top_priorities_line(answers: Answers, n: int = 3) -> str:
    """'Size of benefit (5 of 5), Lasting results (5 of 5), Strength of evidence (4 of 5).'"""
    top = pr.ranked_priorities(answers.priorities)[:n]
    return ", ".join(f"{PRIORITY_WORDS.get(k, k)} ({v} of 5)" for k, v in top) + "."


def top_priorities(answers: Answers, n: int = 3) -> list[str]:
    return [pr.priority_line(k, v) for k, v in pr.ranked_priorities(answers.priorities)[:n]]


def short_certainty(option: OptionResult) -> str:
    """'High', 'Very low', 'No human evidence': the column header already says certainty."""
    return option.certainty_words.replace(" certainty", "")


def option_why(option: OptionResult) -> str:
    """One line: why an option is in its group."""
    cares = [r for r in option.reasons if r.effect == "caution"]
    if option.status == "caution" and cares:
        return " ".join(short_reason(r, 60) for r in cares[:1]) + (
            f" (+{len(cares) - 1} more)" if len(cares) > 1 else ""
        )
    if option.costs.total(1) is None:
        return "Fits. Price not known."
    notes = [r for r in option.reasons if r.rule.endswith(".may_exceed")]
    if notes:
        return "Fits. The top of its price range is above my budget."
    return "Fits. Nothing in my answers rules it out."


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
    rows += [(q, list(cells)) for q, cells in pr.comparison_rows(options, document=True)]
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
    shown: list[OptionResult] = field(default_factory=list)  # fitting, then caution
    page_one_options: int | None = None  # fewer option rows on page 1, so it stays one page
    with_page_one: bool = True  # page 1 is in the summary (its questions are not repeated)

    @property
    def answers(self) -> Answers:
        return self.result.answers

    def looked_at(self) -> list[OptionResult]:
        """Options the person leans towards, compared or opened, in that order."""
        out: list[OptionResult] = []
        lean = leaning_option(self.result)
        if lean is not None:
            out.append(lean)
        for tid in (*self.answers.compare, *self.answers.viewed):
            o = self.result.option(tid)
            if o is not None and o not in out:
                out.append(o)
        return out


def _today_section(ctx: _Context) -> tuple[Block, ...]:
    a = ctx.answers
    cat = ctx.result.catalogue
    who = []
    if a.name.strip():
        who.append(a.name.strip())
    who.append("age not given" if a.age is None else f"{a.age} years")
    who.append(sex_text(a.sex).lower() if a.sex else "sex not given")
    flags = [first_person(sign) for sign in a.warning_signs]  # "My scalp hurts", as I say it
    if ctx.result.see_doctor_soon:
        flags.append("The app advises seeing a doctor soon.")
    lean, flagged = leaning_text(ctx.result)
    notes = a.decision.notes.strip()
    if len(notes) > MAX_NOTES_PAGE_ONE:
        notes = notes[:MAX_NOTES_PAGE_ONE].rsplit(" ", 1)[0] + "\u2026 (in full with the questions)"
    rows = [
        ("Who", ", ".join(who)),
        ("My hair loss", type_description(a, cat)),
        ("Health conditions", health_text(a, cat)),
        ("Red flags", "\n".join(flags) if flags else "None noted."),
        ("Where I am leaning", lean),
        ("My worries and notes", notes or "None written."),
        ("SURE score", sure_line(a)),
        ("My top 3 priorities", top_priorities_line(a)),
    ]
    warning_rows = (4,) if flagged else ()
    blocks: list[Block] = [
        Table(
            ("About me", "In my own words"),
            tuple(rows),
            (0.22, 0.78),
            label_column=True,
            warning_rows=warning_rows,
            keep_rows=len(rows),
        )
    ]
    opt_rows: list[tuple[str, ...]] = []
    group_rows: list[int] = []
    note_rows: list[int] = []
    for status in ("suitable", "caution"):
        options = ctx.result.by_status(status)
        group_rows.append(len(opt_rows))
        opt_rows.append((f"{GROUP_TITLES[status]} ({len(options)})",))
        if not options:
            note_rows.append(len(opt_rows))
            opt_rows.append(("None.",))
        limit = MAX_TODAY_OPTIONS[status]
        if ctx.page_one_options is not None:
            limit = min(limit, ctx.page_one_options)
        for o in options[:limit]:
            opt_rows.append((o.treatment.name, short_certainty(o), option_why(o)))
        if len(options) > limit:
            note_rows.append(len(opt_rows))
            opt_rows.append((f"And {len(options) - limit} more: see the option cards.",))
    excluded = ctx.result.count("excluded")
    blocks.append(
        Table(
            ("Option", "Certainty", "Why, in one line"),
            tuple(opt_rows),
            (0.40, 0.12, 0.48),
            group_rows=tuple(group_rows),
            note_rows=tuple(note_rows),
            keep_rows=len(opt_rows),
            dense=True,
        )
    )
    blocks.append(
        Para(
            f"{excluded} other option{'s' if excluded != 1 else ''} did not fit my answers "
            "(listed later with the reasons). Doing nothing is always an option.",
            "small",
        )
    )
    blocks.append(Bullets(tuple(top_questions(ctx)), label="Questions I most want to ask:"))
    return tuple(blocks)


MAX_CARD_REFS = 1  # sources cited per row of a card: the main ones, so the list stays short
MAX_CARD_SOURCES = 3  # different sources per card
MAX_COMPACT_SOURCES = 2  # different sources per compact card


def _harm_cite(harm: Outcome, cite: Callable[[Iterable[str]], str]) -> str:
    """A harm with comparable numbers cites its source; one in words only points to the
    option's evidence row (the app shows its quoted passage), which keeps the list short."""
    return cite(harm.refs) if harm.has_icon_array or harm.serious else ""


def shared_cautions(options: list[OptionResult]) -> dict[str, tuple[Reason, list[str]]]:
    """Cautions worded the same for two or more of ``options`` (such as "Its price is not
    known..."): {text: (the reason, option names)}, said once above the cards, not on each."""
    seen: dict[str, tuple[Reason, list[str]]] = {}
    for o in options:
        for r in o.reasons:
            if r.effect == "caution":
                names = seen.setdefault(_no_examples(r.text), (r, []))[1]
                if o.treatment.name not in names:
                    names.append(o.treatment.name)
    return {text: seen[text] for text in seen if len(seen[text][1]) > 1}


def caution_pointer(reason: Reason) -> str:
    """A shared caution on a card: what it is about in a few words ("Needs care: I smoke now",
    "Its price is not known"), pointing to the note above the cards."""
    text = _no_examples(reason.text)
    if reason.short:  # the card's row already says "Needs care:"
        head = _care_line(reason, 110)
    else:
        head = text.split(":", 1)[0] if ":" in text[:70] else first_sentence(text)
    head = head.rstrip(".")
    return f"{head[:1].upper()}{head[1:]} (see the note above the cards)."


def _card(
    o: OptionResult, ctx: _Context, compact: bool = False, shared: frozenset[str] = frozenset()
) -> Card:
    """An option's card. ``compact`` (an option the person did not look at): the caution, the
    main benefit and the main harm in the same form, certainty and cost; cautions in
    ``shared`` are said once above the cards, and the card points to them."""
    t = o.treatment
    hl = _hl(o, ctx.hair_loss_type)
    a = ctx.answers

    used: list[str] = []
    most = MAX_COMPACT_SOURCES if compact else MAX_CARD_SOURCES

    def cite(refs: Iterable[str]) -> str:
        """At most ``most`` different sources per card (the app lists them all)."""
        refs = [r for r in tuple(refs)[:MAX_CARD_REFS] if r in ctx.cite.catalogue.references]
        refs = [r for r in refs if r in used or len(used) < most]
        used.extend(r for r in refs if r not in used)
        return ctx.cite.cite(tuple(refs))

    cares = [r for r in o.reasons if r.effect == "caution"]
    # A budget reason's price sources are in the app with the prices; a safety reason cites.
    why = "\n".join(
        f"{_no_examples(r.text)}{'' if r.kind == 'cost' else cite(r.refs)}"
        for r in cares
        if _no_examples(r.text) not in shared
    )
    pointers = [caution_pointer(r) for r in cares if _no_examples(r.text) in shared]
    benefit = main_benefit(o, hl)
    if t.category == "no_treatment" and o.evidence is not None:
        # Whole: "up to 80 in 100 with a few small patches regrow" needs the sentences after it
        # ("if more than half the hair is lost, a full recovery is unlikely").
        benefit_text = o.evidence.reason.strip()
    elif benefit is None:
        benefit_text = "No benefit has been measured."
    else:
        benefit_text = outcome_sentence(benefit, a, harm=False, studied=not compact)
        benefit_text += cite(benefit.refs)
    harms = applicable_harms(o, hl)
    # The main harm; a second one only when it has comparable numbers (the same form).
    harms = harms[:1] + [h for h in harms[1:2] if h.has_icon_array and not compact]
    harm_text = (
        "\n".join(
            outcome_sentence(h, a, harm=True, studied=not compact) + _harm_cite(h, cite)
            for h in harms
        )
        if harms
        else "No harms are listed."
    )
    certainty = compact_certainty = short_certainty(o)
    if o.evidence is not None:
        verb = pr.certainty_verb(o.evidence, o.scalp_loss)
        refs = cite(o.evidence.refs)
        certainty = f"{certainty}: {verb}" + refs
        # In short, the GRADE word alone, unless the verb says who the evidence covers.
        plain = verb in CERTAINTY_VERBS.values()
        compact_certainty = certainty if not plain else compact_certainty.lower() + refs
    regulator = pr.regulatory_status(o) + "."
    one, five = pr.cost_text(o.costs, 1), pr.cost_text(o.costs, 5)
    estimate = " (estimate)"
    if one.endswith(estimate) and five.endswith(estimate):  # said once, not twice
        one, five = one[: -len(estimate)], five[: -len(estimate)] + " (estimates)"
    costs = f"1 year: {one}. 5 years: {five}. "
    if compact:
        if o.costs.total(1) is None and o.costs.total(5) is None:
            costs = f"{pr.PRICE_NOT_KNOWN}."
        why = "\n".join([*pointers, *([why] if why else [])])
        rows = (
            *((("Needs care", why),) if why else ()),
            ("Benefit", benefit_text),
            ("Main harm", harm_text),
            ("Certainty", f"{compact_certainty}."),
            ("Regulator", regulator),
            ("Cost", costs.strip()),
        )
        return Card(t.name, STATUS_WORDS[o.status], rows, compact=True)
    certainty += f". {regulator}"
    effort = (
        f"{pr.EFFORT_WORDS.get(t.effort, t.effort)}; "
        f"{INVASIVENESS_WORDS.get(t.invasiveness, '').lower()}"
        + ("; every day." if t.daily_routine else ".")
    )
    stopping = first_sentence(t.routine.on_stopping.strip()) or "Not known."
    rows = (
        # Only "discuss with care" needs a why: an option that fits has nothing against it.
        *((("Needs care", why),) if why else ()),
        ("Benefit", benefit_text),
        ("Main harms", harm_text),
        ("Certainty", certainty),
        ("Cost, effort", costs + effort),
        ("If I stop", stopping),
    )
    return Card(t.name, STATUS_WORDS[o.status], rows)


def _options_section(ctx: _Context) -> tuple[Block, ...]:
    """A full card for each option the person looked at, compared or leans towards; a compact
    one for the others (the app has every row). Cautions worded the same for several compact
    cards are said once, above the cards."""
    if not ctx.shown:
        return (
            Para(
                "No option fits my answers or needs care. Waiting and seeing a doctor is "
                "always possible."
            ),
        )
    looked = {o.id for o in ctx.looked_at()}
    short = [o for o in ctx.shown if o.id not in looked]
    shared = shared_cautions(short)
    intro = (
        "Numbers are \u201cin 100 people\u201d; costs are totals in US dollars. Within each "
        "group, options follow what matters most to me; the app does not pick a best option."
    )
    if short:
        intro += " Options I did not look at are in short (the app has every row)."
    blocks: list[Block] = [Para(intro, "note")]
    for text, (reason, names) in shared.items():
        cited = "" if reason.kind == "cost" else ctx.cite.cite(reason.refs[:1])
        blocks.append(
            Para(f"{text}{cited} This applies to: {', '.join(names)}.", label="Needs care:")
        )
    blocks += [
        _card(o, ctx, compact=True, shared=frozenset(shared)) if o in short else _card(o, ctx)
        for o in ctx.shown
    ]
    return tuple(blocks)


GROUP_LABELS = {
    "risk.research_only": "Only offered in research studies",
    "risk.invasiveness": "More invasive than the risk level I chose",
    "risk.regulatory": "Not approved for the risk level I chose",
    "risk.evidence": "Too little evidence for the risk level I chose",
    "cost.upfront.well_beyond": "Well beyond my up-front budget",
    "cost.yearly.well_beyond": "Well beyond my yearly budget",
    "preference.avoid_surgery": "Surgery, which I want to avoid",
    "preference.avoid_injections": "Needles, which I want to avoid",
}


DERIVED_GROUP_LABELS = {
    "sex_male": "Not for men",
    "sex_female": "Not for women",
    "age_under_18": "Not for people under 18",
    "age_under_12": "Not for children under 12",
}


def ruled_out_label(condition: Condition) -> str:
    """The title of a 'does not fit' group of options ruled out by one condition: 'Not for me
    because I take blood thinners', 'Not for men'."""
    if condition.derived in DERIVED_GROUP_LABELS:
        return DERIVED_GROUP_LABELS[condition.derived]
    if condition.said:
        return f"Not for me because {first_person(condition.said)}"
    return f"Not for me because of \u201c{condition.name.split(' (')[0]}\u201d"


def _group_label(reason: Reason, ctx: _Context) -> str:
    if reason.kind == "hair_loss_type":
        if ctx.answers.hair_loss_type == "unsure":
            # Not "not listed for any kind": minoxidil is listed, for kinds not yet known here.
            return "Used only for some kinds of hair loss, so a diagnosis comes first"
        return f"Not used for {type_name(ctx.answers, ctx.result.catalogue).lower()}"
    if reason.rule in GROUP_LABELS:
        return GROUP_LABELS[reason.rule]
    if reason.kind == "contraindication":
        condition = ctx.result.catalogue.conditions.get(reason.condition)
        if condition is not None:
            return ruled_out_label(condition)
        return "A health condition rules it out"
    return first_sentence(reason.text).rstrip(".")


def _not_fitting_section(ctx: _Context) -> tuple[Block, ...]:
    """One line per reason group; options the person looked at get every reason in full."""
    excluded = ctx.result.by_status("excluded")
    if not excluded:
        return (Para("Every option in the catalogue fits my answers or needs care.", "body"),)
    looked = {o.id for o in ctx.looked_at()}
    groups: dict[str, list[OptionResult]] = {}
    for o in excluded:
        why = [x for x in o.reasons if x.effect == "excluded"]
        if not why:  # pragma: no cover - an excluded option always has an excluded reason
            continue
        label = _group_label(why[0], ctx)
        groups.setdefault(label, []).append(o)
    lines = tuple(
        f"{label}: {', '.join(o.treatment.name for o in options)}."
        for label, options in groups.items()
    )
    blocks: list[Block] = [
        Para("Grouped by the main reason. Every reason is in the app.", "note"),
        Bullets(lines),
    ]
    for o in [o for o in ctx.looked_at() if o.status == "excluded" and o.id in looked]:
        reasons = [r for r in o.reasons if r.effect in ("excluded", "caution")]
        reasons += [r for r in o.reasons if r.effect == "info"][:1]
        blocks.append(Heading(o.treatment.name, "I looked at this option: every reason"))
        blocks.append(Bullets(tuple(reason_line(r, ctx.cite) for r in reasons)))
    return tuple(blocks)


def _compared(ctx: _Context) -> list[OptionResult]:
    out = []
    for tid in ctx.answers.compare:
        o = ctx.result.option(tid)
        if o is not None:
            out.append(o)
    return out


def _comparison_section(ctx: _Context) -> tuple[Block, ...]:
    options = _compared(ctx)
    if not options:
        return (Para("I did not choose any options to compare side by side."),)
    rows = [(q, *answers) for q, answers in comparison_rows(options, ctx.hair_loss_type, ctx.cite)]
    n = len(options)
    first = 0.16
    widths = (first,) + tuple((1 - first) / n for _ in options)
    return (
        Para("The questions people ask most, answered for each option I compared.", "note"),
        Table(
            ("Question", *(o.treatment.name for o in options)),
            tuple(rows),
            widths,
            label_column=True,
            keep_rows=2,
            dense=True,
        ),
    )


def _icon_arrays_section(ctx: _Context) -> tuple[Block, ...]:
    blocks: list[Block] = []
    rare: list[str] = []
    for o in ctx.shown:
        hl = _hl(o, ctx.hair_loss_type)
        for kind, outcomes in (
            ("benefit", applicable_benefits(o, hl)),
            ("harm", applicable_harms(o, hl)),
        ):
            for out in outcomes:
                if pr.draws_icon_array(out):
                    blocks.append(icon_array(o, out, kind, ctx.cite))
                elif out.has_icon_array:
                    rare.append(
                        f"{o.treatment.name}: {outcome_sentence(out, ctx.answers, harm=True)}"
                        + ctx.cite.cite(out.refs)
                    )
    if not blocks and not rare:
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
    if rare:
        blocks.append(Bullets(tuple(rare), label="Too rare to draw on 100 people (in words):"))
    return (intro, *blocks)


def icon_array(o: OptionResult, out: Outcome, kind: str, cite: Citations) -> IconArray:
    counts = pr.icon_counts(out)
    if out.treated_per_100 is None or out.comparison_per_100 is None or counts is None:
        # callers draw only what pr.draws_icon_array allows, which has both numbers
        raise ValueError(f"no numbers to draw for {out.text!r}")
    treated, comparison = float(out.treated_per_100), float(out.comparison_per_100)
    what = out.outcome or "had this outcome"
    comp_name = pr.with_article(out.comparison) if out.comparison else "the comparison group"
    t_icons, c_icons = counts
    name = pr.lower_name(o.treatment.name)
    parts = []
    if out.group or out.timeframe:
        parts.append(
            "Who and how long: " + "; ".join(x for x in (out.group, out.timeframe) if x) + "."
        )
    parts.append(
        f"With {name}: {pr.number(treated)} in 100 {what}; "
        f"{pr.number(round(100 - treated, 2))} did not."
    )
    parts.append(
        f"With {comp_name}: {pr.number(comparison)} in 100 {what}; "
        f"{pr.number(round(100 - comparison, 2))} did not."
    )
    rounded = [
        f"{pr.number(v)} is shown as {n}"
        for v, n in ((treated, t_icons), (comparison, c_icons))
        if v != n
    ]
    if rounded:
        parts.append("Whole figures only: " + "; ".join(rounded) + ".")
    parts.append(f"Certainty of the evidence: {o.certainty_words.lower()}.")
    return IconArray(
        title=f"{o.treatment.name}: {what}",
        kind=kind,
        treated_label=f"With {name}",
        comparison_label=f"With {comp_name}",
        treated_per_100=treated,
        comparison_per_100=comparison,
        treated_icons=t_icons,
        comparison_icons=c_icons,
        legend_filled=what,
        legend_outlined="did not",
        caption=" ".join(parts) + cite.cite(out.refs),
        alt=pr.icon_array_description(out, o.treatment.name),
    )


def _claims_section(ctx: _Context) -> tuple[Block, ...]:
    """Claims against evidence for the options the person looked at, compared or leans
    towards; with none of those, for the regenerative options that fit or need care."""
    chosen = [
        o for o in ctx.looked_at() if o.treatment.claims or o.treatment.category == "regenerative"
    ]
    chosen = chosen[:MAX_CLAIM_OPTIONS]
    if not chosen:
        chosen = [o for o in ctx.shown if o.treatment.category == "regenerative"][:2]
    if not chosen:
        return (
            Para(
                "I did not look at any stem-cell, exosome or other regenerative product, and none "
                "of the options I looked at has clinic claims recorded."
            ),
        )
    blocks: list[Block] = [
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
            Para(
                f"{o.regulatory_words}. {first_sentence(reg.text)}{ctx.cite.cite(reg.refs[:1])}",
                label="Regulator:",
            )
        )
        if not o.treatment.claims:
            blocks.append(Para("No clinic claims are recorded for this option.", "small"))
            continue
        rows = tuple(
            (
                c.claim,
                pr.without_working_notes(c.claimed_by)
                + f"\nTheir interest: {pr.without_working_notes(c.conflict_of_interest)}",
                pr.without_working_notes(c.evidence_says) + ctx.cite.cite(c.refs[:1]),
            )
            for c in o.treatment.claims[: MAX_CLAIMS + (o is leaning_option(ctx.result))]
        )
        blocks.append(
            Table(
                ("What is claimed", "Who claims it, and their interest", "What the evidence says"),
                rows,
                (0.25, 0.33, 0.42),
                dense=True,
            )
        )
    return tuple(blocks)


def question_options(result: Result, fallback: int = 3) -> list[OptionResult]:
    """Whose own questions go on the list: the option I lean towards, those I compared, those
    to discuss with care; if there are none, the first few that fit."""
    chosen: list[OptionResult] = []
    lean = leaning_option(result)
    if lean is not None:
        chosen.append(lean)
    for tid in result.answers.compare:
        o = result.option(tid)
        if o is not None and o not in chosen:
            chosen.append(o)
    for o in result.by_status("caution"):
        if o not in chosen:
            chosen.append(o)
    if not chosen:
        chosen = result.by_status("suitable")[:fallback]
    return chosen[:MAX_QUESTION_OPTIONS]


def could_become_pregnant(answers: Answers) -> bool:
    if answers.sex == "male":
        return False
    return answers.age is None or 12 <= answers.age <= 55


def question_applies(question: str, answers: Answers) -> bool:
    """A catalogue question shown only when it fits this person: no pregnancy questions for a
    man, no "I have had depression" unless they said so."""
    if PREGNANCY_WORDS.search(question) and not could_become_pregnant(answers):
        return False
    if ASSERTING_START.match(question):
        lowered = question.lower()
        wanted = [ids for word, ids in QUESTION_CONDITIONS.items() if word in lowered]
        return any(c in answers.conditions for ids in wanted for c in ids)
    return True


def _regenerative_in_view(ctx: _Context) -> bool:
    return any(o.treatment.category == "regenerative" for o in ctx.shown[:6] + ctx.looked_at())


def personal_questions(ctx: _Context) -> list[str]:
    a = ctx.answers
    out = []
    if a.warning_signs or ctx.result.see_doctor_soon:
        out.append(WARNING_QUESTION)
    if a.conditions:
        out.append(CONDITIONS_QUESTION.format("; ".join(condition_names(a, ctx.result.catalogue))))
    elif a.conditions_unknown:
        out.append(CONDITIONS_UNKNOWN_QUESTION)
    if a.age is not None and a.age < 18:
        out.append(YOUNG_QUESTION)
    if any(c in a.conditions for c in ("pregnant", "breastfeeding", "trying_to_conceive")):
        out.append(PREGNANT_NOW_QUESTION)
    elif could_become_pregnant(a) and any(
        c.condition in ("pregnant", "trying_to_conceive", "breastfeeding")
        for o in ctx.shown
        for c in o.treatment.contraindications
    ):
        out.append(PREGNANCY_QUESTION)
    return out


def question_choices(result: Result) -> list[str]:
    """The questions the app offers to tick (the three the person most wants to ask): those
    about their own situation, those of the options they lean towards, compared or must
    discuss with care, and the general ones. All neutral, and only those that apply."""
    ctx = _Context(result, Citations(result.catalogue), _dt.date.today(), "")
    ctx.hair_loss_type = result.answers.hair_loss_type
    ctx.shown = result.by_status("suitable") + result.by_status("caution")
    out = list(personal_questions(ctx))
    for o in question_options(result):
        out += [
            f"About {o.treatment.name}: {q}"
            for q in o.treatment.questions
            if question_applies(q, result.answers)
        ][:MAX_OPTION_QUESTIONS]
    out += list(GENERAL_QUESTIONS)
    if _regenerative_in_view(ctx):
        out += list(REGENERATIVE_QUESTIONS)
    return list(dict.fromkeys(out))


def top_questions(ctx: _Context, n: int = 3) -> list[str]:
    """The questions the person ticked in the app (up to three); with none ticked, three
    neutral ones that apply to this person: their own situation first, then the option they
    lean towards, then the general ones."""
    ticked = [q.strip() for q in ctx.answers.decision.questions if q.strip()]
    if ticked:
        return ticked[:n]
    out = personal_questions(ctx)[:2]
    lean = leaning_option(ctx.result)
    if lean is not None:
        qs = [q for q in lean.treatment.questions if question_applies(q, ctx.answers)]
        if qs:
            out.append(f"About {lean.treatment.name}: {qs[0]}")
    for q in GENERAL_QUESTIONS[:2]:
        if len(out) >= n:
            break
        out.append(q)
    return out[:n]


def _questions_section(ctx: _Context) -> tuple[Block, ...]:
    a = ctx.answers
    # The ones on page 1 are not repeated here: the rest of the list follows them.
    page_one = top_questions(ctx) if ctx.with_page_one else []
    asked = {q.split(": ", 1)[-1][:25].lower() for q in page_one}
    blocks: list[Block] = []
    if page_one:
        blocks.append(Para("The questions I most want to ask are on page 1. Others:", "note"))

    def fresh(questions: Iterable[str]) -> tuple[str, ...]:
        return tuple(q for q in questions if q[:25].lower() not in asked)

    mine = fresh(personal_questions(ctx))
    if mine:
        blocks.append(Bullets(mine, label="About my own situation:"))
    blocks.append(Bullets(fresh(GENERAL_QUESTIONS), label="About my hair loss and my options:"))
    if _regenerative_in_view(ctx):
        blocks.append(
            Bullets(
                fresh(REGENERATIVE_QUESTIONS),
                label="If I am offered a stem-cell, exosome or other cell product:",
            )
        )
    asked |= {q[:25].lower() for b in blocks if isinstance(b, Bullets) for q in b.items}
    lean = leaning_option(ctx.result)
    for o in question_options(ctx.result):
        qs = [
            q
            for q in o.treatment.questions
            if question_applies(q, a) and q[:25].lower() not in asked  # no repeats
        ]
        # Two for the option I lean towards, one for each other (the app lists them all).
        most = MAX_OPTION_QUESTIONS if o is lean else 1
        if qs:
            blocks.append(Bullets(tuple(qs[:most]), label=f"About {o.treatment.name}:"))
    notes = a.decision.notes.strip()
    if len(notes) > MAX_NOTES_PAGE_ONE:
        blocks.append(Para(notes, label="My notes in full:"))
    blocks.append(WritingLines(2, "My own questions:"))
    return tuple(blocks)


def _answers_section(ctx: _Context) -> tuple[Block, ...]:
    a = ctx.answers
    cat = ctx.result.catalogue
    prefs = a.preferences
    pref_lines = [
        f"Avoid surgery: {'yes' if prefs.get('avoid_surgery') else 'no'}",
        f"Avoid needles and injections: {'yes' if prefs.get('avoid_injections') else 'no'}",
        "A daily routine is OK: "
        + ("yes" if prefs.get("daily_routine_ok", True) else "no, it would be hard"),
    ]
    prio_lines = [pr.priority_line(k, v) for k, v in pr.ranked_priorities(a.priorities)]
    level = RISK_LEVELS[a.risk_tolerance]
    d = a.decision
    sure_lines = [
        f"{SURE_LETTERS[k]}. {SURE_QUESTIONS[k]} {SURE_ANSWER_WORDS[d.sure.get(k)].capitalize()}."
        for k in SURE_KEYS
    ]
    rows = [
        ("My hair loss", type_description(a, cat)),
        ("Age", "Not given" if a.age is None else f"{a.age} years"),
        ("Sex", sex_text(a.sex)),
        ("Health conditions", health_text(a, cat)),
        (
            "Warning signs I noted",
            "\n".join(map(first_person, a.warning_signs)) if a.warning_signs else "None",
        ),
        (
            "Budget",
            f"Up-front: {_money(a.budget.upfront_usd)}. Each year: {_money(a.budget.yearly_usd)}.",
        ),
        ("Risk I am willing to take", level.label),
        ("Preferences", "\n".join(pref_lines)),
        ("What matters to me", "\n".join(prio_lines)),
        ("The SURE test", "\n".join(sure_lines)),
    ]
    if d.notes.strip():
        rows.append(("My notes", d.notes.strip()))
    return (Table(("Question", "My answer"), tuple(rows), (0.26, 0.74), label_column=True),)


def fired_rules(result: Result) -> list[tuple[str, str, list[str]]]:
    """(rule id, what it means, option names) for every rule that excluded an option or
    asked for care, in the order they first fired."""
    fired: dict[str, list[str]] = {}
    for o in result.options:
        for r in o.reasons:
            if r.effect in ("excluded", "caution"):
                names = fired.setdefault(r.rule, [])
                if o.treatment.name not in names:
                    names.append(o.treatment.name)
    # what each rule means comes from the rulebook, the one definition of every rule
    return [
        (rule, RULES[rule].description if rule in RULES else "", names)
        for rule, names in fired.items()
    ]


def record_note(result: Result, today: _dt.date | None = None) -> str:
    """About ten plain lines for the medical record (Option Grid's prefilled note): the
    concern, the options discussed with their certainty, flags, leaning and SURE score."""
    a = result.answers
    cat = result.catalogue
    today = today or _dt.date.today()

    def names(status: str, limit: int = 3) -> str:
        options = result.by_status(status)
        items = [f"{o.treatment.name} ({o.certainty_words.lower()})" for o in options[:limit]]
        if len(options) > limit:
            items.append(f"{len(options) - limit} more")
        return "; ".join(items) or "none"

    lean, _flagged = leaning_text(result)
    flags = list(a.warning_signs) + (
        ["app advises seeing a doctor soon"] if result.see_doctor_soon else []
    )
    score = a.decision.sure_score
    lines = [
        f"Patient-completed decision aid (DecisionAid {__version__}, catalogue "
        f"{cat.meta.version} reviewed {cat.meta.reviewed}), {format_date(today)}. "
        "Not a diagnosis.",
        f"Concern: hair loss, self-described as {type_name(a, cat).lower()}. "
        f"Age {a.age if a.age is not None else 'not given'}; sex {sex_text(a.sex).lower()}.",
        f"Reported conditions: {health_text(a, cat)}.",
        f"Red flags: {'; '.join(flags) if flags else 'none reported'}.",
        f"Options that fit: {names('suitable')}.",
        f"To discuss with care: {names('caution')}.",
        f"Leaning: {lean}",
        "SURE: "
        + (f"{score}/4" if score is not None else "not completed")
        + (" (may need more support)." if score is not None and score <= 3 else "."),
        "Priorities: " + "; ".join(top_priorities(a)) + ".",
        f"Risk level chosen: {RISK_LEVELS[a.risk_tolerance].label}. Budget: up-front "
        f"{_money(a.budget.upfront_usd)}, yearly {_money(a.budget.yearly_usd)}.",
    ]
    return "\n".join(lines)


def _safety_design_note(ctx: _Context) -> str:
    """How contraindications reach an option, and every inherited entry the catalogue relaxes
    (with its reason and numbered sources), for the clinician to weigh."""
    cat = ctx.result.catalogue
    relaxed = []
    # Only what concerns this person: options in this summary, or a condition they have.
    in_view = {o.id for o in ctx.shown + ctx.looked_at()}
    theirs = set(expand_implied(cat.conditions, ctx.answers.conditions))
    for t in sorted(cat.treatments.values(), key=lambda t: t.name):
        for rx in t.relaxations:
            if t.id not in in_view and rx.condition not in theirs:
                continue
            cond = cat.conditions.get(rx.condition)
            comp = cat.components.get(rx.component)
            to = "no known concern" if rx.to_kind == "none" else rx.to_kind
            relaxed.append(
                f"{t.name}: {cond.name.lower() if cond else rx.condition} "
                f"(from {comp.name.lower() if comp else rx.component}), {rx.from_kind} to {to}. "
                f"{rx.reason}{ctx.cite.cite(rx.refs)}"
            )
    other = ctx.answers.sex == "other"
    return (
        "Each option inherits the contraindications of what it involves (injections, a "
        "donor-derived product, a pill...), implied conditions included."
        + (
            " Sex \u201cother\u201d applies both sexes' entries as \u201cdiscuss with care\u201d."
            if other
            else ""
        )
        + (" Relaxed inherited entries: " + " ".join(relaxed) if relaxed else "")
    )


def _clinician_section(ctx: _Context) -> tuple[Block, ...]:
    r = ctx.result
    meta = r.catalogue.meta
    # The number of options in a column of its own, so most descriptions fit one line.
    rows = tuple(
        (rule, meaning + (f" Applied to: {names[0]}." if len(names) == 1 else ""), str(len(names)))
        for rule, meaning, names in fired_rules(r)
    )
    versions = f"Catalogue: \u201c{meta.title}\u201d."
    blocks: list[Block] = [
        Para("A note for the medical record (the app can copy it too):", "lead"),
        RecordNote(tuple(record_note(r, ctx.today).splitlines())),
        Heading("Rules that applied to this person"),
    ]
    if rows:
        blocks.append(
            Table(
                ("Rule", "What it does", "Options"),
                rows,
                (0.25, 0.66, 0.09),
                dense=True,
            )
        )
    else:
        blocks.append(Para("No rule excluded an option or asked for care."))
    blocks += [
        Para(_safety_design_note(ctx) + " " + versions, "small", label="How safety is decided:"),
        Para(" ".join(LIMITATIONS), "small", label="Limitations:"),
    ]
    return tuple(blocks)


def _references_section(ctx: _Context) -> tuple[Block, ...]:
    # Built last, so every citation above already has its number.
    entries = ctx.cite.entries()
    if not entries:
        return (Para("No sources were cited above."),)
    return (
        Para(
            "Only the sources cited above, by their numbers in square brackets. COI (conflict of "
            "interest): whether the people behind a source sell the treatment or have other ties.",
            "note",
        ),
        ReferenceList(entries),
    )


BUILDERS: dict[str, Callable[[_Context], tuple[Block, ...]]] = {
    "today": _today_section,
    "options": _options_section,
    "not_fitting": _not_fitting_section,
    "comparison": _comparison_section,
    "claims": _claims_section,
    "offer": offer_section,
    "icon_arrays": _icon_arrays_section,
    "questions": _questions_section,
    "answers": _answers_section,
    "clinician": _clinician_section,
    "references": _references_section,
}
assert set(BUILDERS) == set(SECTIONS), (
    "report.SECTIONS and the builders must name the same sections"
)


def check_sections(sections: Iterable[str] | None) -> set[str]:
    """The sections to include; ``None`` means the default ones. Unknown names raise ValueError."""
    if sections is None:
        return set(DEFAULT_SECTIONS)
    chosen = set(sections)
    unknown = sorted(chosen - set(SECTIONS))
    if unknown:
        raise ValueError(f"unknown section(s): {', '.join(unknown)}. Known: {', '.join(SECTIONS)}")
    return chosen


def build_summary(
    result: Result,
    *,
    sections: Iterable[str] | None = None,
    today: _dt.date | None = None,
    page_one_options: int | None = None,
) -> Summary:
    """Everything the summary says, in order. Pure: the same result and date give the same
    summary. ``page_one_options`` caps the option rows per group on page 1 (the layout lowers it
    when page 1 would not fit on one page)."""
    chosen = check_sections(sections)
    today = today or _dt.date.today()
    cite = Citations(result.catalogue)
    ctx = _Context(result, cite, today, result.answers.hair_loss_type)
    ctx.page_one_options = page_one_options
    ctx.with_page_one = "today" in chosen
    ctx.shown = result.by_status("suitable") + result.by_status("caution")
    offer = result.answers.offer
    if len(chosen) > 1 and (offer is None or not offer.text.strip()):
        chosen.discard("offer")  # no offer was checked: nothing to say to the clinician
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
    another = another_catalogue_note(result.catalogue)
    if another:
        notices.insert(0, another)
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
        another_catalogue=another,
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
