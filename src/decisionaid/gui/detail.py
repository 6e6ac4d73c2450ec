"""The detail view of one option (results page and catalogue browser) and of one kind of hair loss.

Everything shown comes from ``presentation`` as plain text; this module only lays it out. Long
text wraps and the whole view scrolls, so it works at 1024 x 700. Benefits and harms sit side by
side in two columns of exactly equal width, with the same facts (who, over what time, how often)
and the same 100-person pictures.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid import presentation as pr
from decisionaid.gui.icon_array import OutcomePictures
from decisionaid.gui.icons import IconText
from decisionaid.gui.steps import EDIT_STEPS, reason_step
from decisionaid.gui.style import FlowLayout, Notice, scaled_font, scrolling
from decisionaid.models import PERMANENCE_WORDS, Catalogue, HairLossType, Outcome, Treatment
from decisionaid.rules import STATUS_WORDS, OptionResult


def _label(text: str, rich: bool = False, selectable: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.RichText if rich else Qt.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    flags = Qt.TextSelectableByMouse if selectable else Qt.NoTextInteraction
    if rich:
        flags |= Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard
    label.setTextInteractionFlags(flags)
    if not rich:
        label.setAccessibleName(text[:200])
    return label


def _breakable(text: str) -> str:
    """Let long web addresses wrap (a zero-width space after each slash)."""
    return text.replace("/", "/\u200b").replace("?", "?\u200b").replace("&", "&\u200b")


def _heading(text: str, factor: float = 1.2) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(label.font(), factor, bold=True))
    label.setWordWrap(True)
    label.setAccessibleName(text)
    label.setProperty("heading", True)
    return label


class Section(QFrame):
    """A titled block of the detail view."""

    def __init__(self, title: str, prominent: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.setObjectName("section")
        if prominent:
            self.setFrameShape(QFrame.Box)
            self.setLineWidth(2)
            self.setAutoFillBackground(True)
            self.setBackgroundRole(QPalette.AlternateBase)
        self.box = QVBoxLayout(self)
        m = self.fontMetrics().height() // 2
        self.box.setContentsMargins(m if prominent else 0, m, m if prominent else 0, m)
        self.box.setSpacing(max(4, m // 2))
        self.heading = _heading(title)
        self.box.addWidget(self.heading)
        self.setAccessibleName(title)

    def add(self, widget: QWidget) -> QWidget:
        self.box.addWidget(widget)
        return widget

    def text(self, text: str, rich: bool = False) -> QLabel:
        """A paragraph; technical words get plain words in place (presentation.plain_terms)."""
        return self.add(_label(text if rich else pr.plain_terms(text), rich))


class DetailView(QWidget):
    """Shows one treatment: for a result (with its group and reasons) or from the catalogue."""

    edit_answers = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.treatment: Treatment | None = None
        self.option: OptionResult | None = None
        self.sections: list[Section] = []
        self.ref_labels: dict[int, QLabel] = {}
        self.numbers: dict[str, int] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = scrolling(wrap=True, name="Details")
        outer.addWidget(self.scroll)
        self._empty()

    # --- public -------------------------------------------------------------------------
    def clear(self) -> None:
        self.treatment = self.option = None
        self._empty()

    def show_option(
        self, option: OptionResult, catalogue: Catalogue, hair_loss_type: str = ""
    ) -> None:
        """``hair_loss_type``: the person's answer (the option may not be used for it)."""
        hl = hair_loss_type or (option.evidence.hair_loss_type if option.evidence else None)
        self.show_treatment(option.treatment, catalogue, hair_loss_type=hl, option=option)

    def show_treatment(
        self,
        treatment: Treatment,
        catalogue: Catalogue,
        hair_loss_type: str | None = None,
        option: OptionResult | None = None,
    ) -> None:
        self.treatment, self.option = treatment, option
        self._build(treatment, catalogue, hair_loss_type, option)

    def section_titles(self) -> list[str]:
        return [s.title for s in self.sections]

    def all_text(self) -> str:
        """Every label's text (tests and the self-test read it)."""
        widget = self.scroll.widget()
        return "\n".join(lbl.text() for lbl in widget.findChildren(QLabel)) if widget else ""

    def scroll_to_section(self, title: str) -> bool:
        """Bring a section (e.g. "Benefits and harms") to the top of the view."""
        for section in self.sections:
            if section.title == title:
                self.scroll.verticalScrollBar().setValue(section.y())
                return True
        return False

    def scroll_to_reference(self, number: int) -> None:
        label = self.ref_labels.get(number)
        if label is not None:
            self.scroll.ensureWidgetVisible(label, 0, self.fontMetrics().height() * 2)
            label.setFocus(Qt.OtherFocusReason)

    # --- building -----------------------------------------------------------------------
    def _empty(self) -> None:
        self.sections = []
        self.ref_labels = {}
        content = QWidget()
        box = QVBoxLayout(content)
        box.addWidget(_label("Choose an option to see its details."))
        box.addStretch(1)
        self.scroll.setWidget(content)

    def _sources(self, refs: tuple[str, ...]) -> QLabel | None:
        nums = sorted({self.numbers[r] for r in refs if r in self.numbers})
        if not nums:
            return None
        word = "Source" if len(nums) == 1 else "Sources"
        links = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in nums)
        label = _label(f"<small>{word}: {links}</small>", rich=True)
        # Not a Tab stop (the references are listed, numbered, at the end of the page).
        label.setTextInteractionFlags(Qt.LinksAccessibleByMouse)
        label.setFocusPolicy(Qt.NoFocus)
        label.setAccessibleName(pr.source_numbers_text(refs, self.numbers))
        label.linkActivated.connect(self._link)
        return label

    def _link(self, href: str) -> None:
        if href.startswith("#ref-"):
            try:
                self.scroll_to_reference(int(href[5:]))
            except ValueError:
                pass

    def _build(
        self, t: Treatment, catalogue: Catalogue, hl: str | None, option: OptionResult | None
    ) -> None:
        extra: tuple[str, ...] = ()
        if option is not None:
            extra = tuple(r for reason in option.reasons for r in reason.refs)
        self.numbers = pr.reference_numbers(t, extra)
        self.sections = []
        self.ref_labels = {}
        content = QWidget()
        content.setObjectName("detailContent")
        page = QVBoxLayout(content)
        fm = self.fontMetrics().height()
        page.setContentsMargins(fm, fm // 2, fm, fm)
        page.setSpacing(fm // 2)

        def add(section: Section) -> Section:
            self.sections.append(section)
            page.addWidget(section)
            return section

        # Title, badges, summary.
        title = _heading(t.name, 1.5)
        page.addWidget(title)
        if t.also_known_as:
            page.addWidget(_label("Also called: " + ", ".join(t.also_known_as)))
        badges = QWidget()
        row = FlowLayout(badges, spacing=self.fontMetrics().height())
        if option is not None:
            row.addWidget(IconText("status", option.status))
        cert = (
            option.certainty
            if option is not None and option.evidence
            else (t.evidence_for(hl).certainty if hl and t.evidence_for(hl) else "")
        )
        if cert:
            row.addWidget(IconText("certainty", cert, prefix="Evidence: "))
        row.addWidget(IconText("regulatory", t.regulatory.status, prefix="Status: "))
        page.addWidget(badges)
        page.addWidget(
            _label(f"{pr.CATEGORY_WORDS.get(t.category, t.category)}. Last reviewed: {t.reviewed}.")
        )
        summary = add(Section("In short"))
        summary.text(t.summary)

        regenerative = t.category == "regenerative"
        if regenerative and t.claims:
            self._claims(add, t, prominent=True)
        if option is not None:
            self._reasons(add, option)
        self._certainty(add, t, catalogue, hl)
        reg = add(Section("Is it approved?"))
        reg.add(IconText("regulatory", t.regulatory.status))
        reg.text(t.regulatory.text)
        if t.regulatory.date:
            reg.text(f"This was the status on {pr.date_words(t.regulatory.date)}.")
        self._add_sources(reg, t.regulatory.refs)
        self._benefits_harms(add, t, catalogue, hl)
        self._living(add, t)
        self._cost(add, t, option)
        self._contraindications(add, t, catalogue)
        if t.claims and not regenerative:
            self._claims(add, t, prominent=False)
        if t.questions:
            q = add(Section("Questions to ask"))
            for i, question in enumerate(t.questions, 1):
                q.text(f"{i}. {question}")
        self._references(add, catalogue)
        page.addWidget(
            _label(
                f"Last reviewed: {t.reviewed}. Catalogue version "
                f"{catalogue.meta.version}, reviewed {catalogue.meta.reviewed}."
            )
        )
        page.addStretch(1)
        self.scroll.setWidget(content)
        QTimer.singleShot(0, lambda: self.scroll.verticalScrollBar().setValue(0))

    def _add_sources(self, section: Section, refs: tuple[str, ...]) -> None:
        label = self._sources(refs)
        if label is not None:
            section.add(label)

    def _reasons(self, add, option: OptionResult) -> None:
        sec = add(Section(f"Why it is in \u201c{STATUS_WORDS[option.status]}\u201d"))
        sec.add(IconText("status", option.status))
        sec.text(pr.STATUS_MEANING[option.status])
        for reason in option.reasons:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            col = QVBoxLayout()
            col.addWidget(_label(f"\u2022 {pr.plain_terms(reason.text)}"))
            src = self._sources(reason.refs)
            if src is not None:
                col.addWidget(src)
            line.addLayout(col, 1)
            step = reason_step(reason)
            if step is not None and reason.effect in ("excluded", "caution"):
                topic = dict(EDIT_STEPS)[step]
                button = QPushButton(f"Change: {topic}")
                button.setAccessibleName(f"Change my answers about {topic.lower()}")
                button.setAccessibleDescription(reason.text)
                button.clicked.connect(lambda _=False, s=int(step): self.edit_answers.emit(s))
                line.addWidget(button, 0, Qt.AlignTop)
            sec.add(row)
        sec.text(option.ordering_explanation())

    def _certainty(self, add, t: Treatment, catalogue: Catalogue, hl: str | None) -> None:
        sec = add(Section("How sure are we?"))
        rows = [t.evidence_for(hl)] if hl else list(t.evidence)
        rows = [r for r in rows if r is not None]
        if not rows:
            sec.add(IconText("certainty", "none", "Not used for this kind of hair loss"))
            return
        for ev in rows:
            who = "" if hl else f"{pr.hair_loss_type_name(catalogue, ev.hair_loss_type)}: "
            sec.add(IconText("certainty", ev.certainty, prefix=who))
            scalp_loss = self.option.scalp_loss if self.option is not None else None
            verb = pr.sentence(pr.certainty_verb(ev, scalp_loss))
            sec.text(f"{verb} {ev.reason}".strip())
            if ev.guidelines:
                sec.text(f"What guidelines say: {ev.guidelines}")
            self._add_sources(sec, ev.refs)

    def _outcome(
        self, t: Treatment, catalogue: Catalogue, outcome: Outcome, harm: bool, show_type: bool
    ) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.StyledPanel)
        lay = QVBoxLayout(box)
        if harm and outcome.serious:
            lay.addWidget(IconText("serious", "", "Serious"))
        prefix = ""
        if show_type and outcome.hair_loss_type:
            prefix = f"For {pr.hair_loss_type_name(catalogue, outcome.hair_loss_type).lower()}: "
        lay.addWidget(_label(prefix + outcome.text))
        for key, value in pr.outcome_facts(outcome, harm):
            lay.addWidget(_label(f"{key}: {value}"))
        pictures = OutcomePictures(outcome, t.name)
        lay.addWidget(pictures)
        src = self._sources(outcome.refs)
        if src is not None:
            lay.addWidget(src)
        kind = "Harm" if harm else "Benefit"
        box.setAccessibleName(f"{kind}: {outcome.outcome or outcome.text[:60]}")
        return box

    def _benefits_harms(self, add, t: Treatment, catalogue: Catalogue, hl: str | None) -> None:
        sec = add(Section("Benefits and harms"))
        sec.text(
            "Both sides give the same facts: who was in the study, for how long, and how "
            "many out of 100 people, where a study says."
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(self.fontMetrics().height())
        for col in (0, 1):
            grid.setColumnStretch(col, 1)
        columns = (
            (pr.outcomes_for(t.benefits, hl), False, "What it can do (benefits)"),
            (pr.outcomes_for(t.harms, hl), True, "What harm it can do (harms)"),
        )
        for col, (outcomes, harm, heading) in enumerate(columns):
            column = QWidget()
            column.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
            v = QVBoxLayout(column)
            v.setContentsMargins(0, 0, 0, 0)
            v.addWidget(_heading(heading, 1.05))
            if not outcomes:
                v.addWidget(
                    _label(
                        "None measured for this kind of hair loss."
                        if not harm
                        else "No harms are listed for this kind of hair loss."
                    )
                )
            for outcome in outcomes:
                v.addWidget(self._outcome(t, catalogue, outcome, harm, show_type=not hl))
            v.addStretch(1)
            column.setAccessibleName(heading)
            grid.addWidget(column, 0, col)
        holder = QWidget()
        holder.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        sec.add(holder)

    def _living(self, add, t: Treatment) -> None:
        sec = add(Section("Living with it"))
        r = t.routine
        for label, text in (
            ("What it involves", r.what_it_involves),
            ("When you might see results", r.time_to_results),
            ("Downtime", r.downtime),
            ("If you stop", r.on_stopping),
            (
                "How long it lasts",
                "" if t.permanence == "not_applicable" else PERMANENCE_WORDS.get(t.permanence, ""),
            ),
            ("Day to day", t.living_with),
        ):
            if text:
                sec.text(f"{label}: {text}")
        if t.daily_routine:
            sec.text("It needs doing every day.")
        sec.text(
            pr.EFFORT_WORDS.get(t.effort, t.effort)
            + ". "
            + pr.INVASIVENESS_WORDS.get(t.invasiveness, t.invasiveness)
            + "."
        )
        self._add_sources(sec, r.refs)

    def _cost(self, add, t: Treatment, option: OptionResult | None) -> None:
        from decisionaid.costs import totals

        sec = add(Section("What it costs"))
        costs = option.costs if option is not None else totals(t.cost)
        grid = QGridLayout()
        for i, (years, text) in enumerate(pr.cost_lines(costs)):
            grid.addWidget(_label(f"Over {years}:"), i, 0)
            grid.addWidget(_label(text), i, 1)
        grid.setColumnStretch(1, 1)
        holder = QWidget()
        holder.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        sec.add(holder)
        if t.cost.estimate:
            sec.text(
                "These prices are estimates, mostly from clinics or sellers. Ask for a written quote."
            )
        if t.cost.note:
            sec.text(t.cost.note)
        self._add_sources(sec, t.cost.refs)

    def _contraindications(self, add, t: Treatment, catalogue: Catalogue) -> None:
        sec = add(Section("Who should not use it, or needs care"))
        rows = pr.contraindication_rows(t, catalogue)
        if not rows:
            sec.text(t.contraindications_note or "None are listed.")
            return
        for row in rows:
            kind = "excluded" if row["kind"] == "absolute" else "caution"
            sec.add(IconText("status", kind, f"{row['kind_words']}: {row['condition']}"))
            if row["note"]:
                sec.text(row["note"])
            self._add_sources(sec, row["refs"])
        if t.contraindications_note:
            sec.text(t.contraindications_note)

    def _claims(self, add, t: Treatment, prominent: bool) -> None:
        sec = add(Section("What sellers claim, and what the evidence says", prominent=prominent))
        if prominent:
            sec.add(
                IconText(
                    "claim",
                    "",
                    "Clinics that sell this make claims the evidence does "
                    "not support. Read these before you pay.",
                )
            )
        for claim in t.claims:
            box = QFrame()
            box.setFrameShape(QFrame.StyledPanel)
            grid = QGridLayout(box)
            rows = (
                ("They claim", f"\u201c{claim.claim}\u201d"),
                ("Who claims it", claim.claimed_by),
                ("Their conflict of interest", claim.conflict_of_interest or "Not stated"),
                ("What the evidence says", claim.evidence_says),
            )
            for i, (key, value) in enumerate(rows):
                k = _label(key)
                k.setFont(scaled_font(k.font(), 1.0, bold=True))
                k.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
                grid.addWidget(k, i, 0, Qt.AlignTop)
                grid.addWidget(_label(value), i, 1)
            grid.setColumnStretch(1, 1)
            src = self._sources(claim.refs)
            if src is not None:
                grid.addWidget(src, len(rows), 1)
            box.setAccessibleName(f"Claim: {claim.claim[:80]}")
            sec.add(box)

    def _references(self, add, catalogue: Catalogue) -> None:
        sec = add(Section("References"))
        if not self.numbers:
            sec.text("No references are listed.")
            return
        for ref_id, n in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            ref = catalogue.references.get(ref_id)
            text = (
                f"{n}. {pr.reference_text(ref)}\n{pr.conflict_text(ref)}"
                if ref is not None
                else f"{n}. {ref_id} (not found in this catalogue)"
            )
            label = _label(_breakable(text))
            label.setAccessibleName(text[:200])
            label.setFocusPolicy(Qt.ClickFocus)
            self.ref_labels[n] = label
            sec.add(label)


class HairLossTypeView(QWidget):
    """One kind of hair loss from the catalogue, for the browser."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = scrolling(wrap=True)
        outer.addWidget(self.scroll)
        self.sections: list[Section] = []
        self.scroll.setWidget(QWidget())

    def all_text(self) -> str:
        widget = self.scroll.widget()
        return "\n".join(lbl.text() for lbl in widget.findChildren(QLabel)) if widget else ""

    def show_type(self, h: HairLossType, catalogue: Catalogue) -> None:
        content = QWidget()
        page = QVBoxLayout(content)
        fm = self.fontMetrics().height()
        page.setContentsMargins(fm, fm // 2, fm, fm)
        self.sections = []

        def add(title: str, prominent: bool = False) -> Section:
            s = Section(title, prominent)
            self.sections.append(s)
            page.addWidget(s)
            return s

        page.addWidget(_heading(h.name, 1.5))
        page.addWidget(
            _label(
                "This describes the kind of hair loss. It is not a diagnosis: a doctor can tell you which kind you have."
            )
        )
        add("What it is").text(h.description)
        add("How to recognise it").text(h.recognise)
        add("Without treatment").text(h.natural_course)
        if h.warning_signs:
            warn = Notice(
                "warning",
                "See a doctor soon if you notice:",
                "\n".join(f"\u2022 {s}" for s in h.warning_signs),
            )
            page.addWidget(warn)
        if h.scale:
            add("How doctors measure it").text(h.scale)
        used = pr.treatments_for_type(catalogue, h.id)
        sec = add("Options used for it")
        if not used:
            sec.text("No options in this catalogue are listed for it.")
        for name, words in used:
            sec.text(f"\u2022 {name}: {words}")
        refs = list(dict.fromkeys(h.refs + h.natural_course_refs))
        sec = add("References")
        for n, ref_id in enumerate(refs, 1):
            ref = catalogue.references.get(ref_id)
            text = (
                f"{n}. {pr.reference_text(ref)}\n{pr.conflict_text(ref)}"
                if ref
                else f"{n}. {ref_id}"
            )
            sec.text(_breakable(text))
        page.addWidget(_label(f"Last reviewed: {h.reviewed}."))
        page.addStretch(1)
        self.scroll.setWidget(content)
