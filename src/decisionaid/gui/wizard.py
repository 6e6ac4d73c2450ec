"""The questionnaire: nine steps with Back / Next, a step indicator and help on every page.

The answers live in one domain object (``answers.Answers``). Every change a page reports becomes
a new ``Answers`` through ``with_changes``; the pages only show it. When the results are on
screen, a change recomputes ``rules.recommend`` at once.

Step numbers (``Step``) are 0-based and are what ``ResultsPage.edit_answers(int)`` sends::

    0 WELCOME  1 HAIR_LOSS  2 ABOUT  3 HEALTH  4 BUDGET  5 RISK  6 PRIORITIES  7 RESULTS  8 DECIDE
"""

from __future__ import annotations

import textwrap
from enum import IntEnum

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QButtonGroup, QCheckBox, QFrame, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLayout, QLineEdit, QProgressBar, QPushButton, QRadioButton, QScrollArea,
    QSizePolicy, QSlider, QSpinBox, QStackedWidget, QToolButton, QVBoxLayout, QWidget,
)

from decisionaid import answers as A
from decisionaid import rules
from decisionaid.gui.style import Notice, accessible, heading, paragraph, scaled_font, scrolling, svg_icon
from decisionaid.models import Catalogue


class Step(IntEnum):
    WELCOME = 0
    HAIR_LOSS = 1
    ABOUT = 2
    HEALTH = 3
    BUDGET = 4
    RISK = 5
    PRIORITIES = 6
    RESULTS = 7
    DECIDE = 8


STEP_TITLES = {
    Step.WELCOME: "Welcome",
    Step.HAIR_LOSS: "Your hair loss",
    Step.ABOUT: "About you",
    Step.HEALTH: "Your health",
    Step.BUDGET: "Your budget",
    Step.RISK: "Risk and preferences",
    Step.PRIORITIES: "What matters most",
    Step.RESULTS: "Your options",
    Step.DECIDE: "Before you decide",
}
STEP_COUNT = len(Step)
QUESTION_STEPS = tuple(s for s in Step if s < Step.RESULTS)

HELP = {
    Step.WELCOME: (
        "This step tells you what the app does. Nothing you type leaves this computer.\n\n"
        "Move between steps with Back and Next, or press Enter for Next. You can change any "
        "answer later, even after you see your options.\n\n"
        "Your answers are saved as you go. If the app closes, it offers to pick up where you "
        "left off. Use File > Forget my answers to delete them."),
    Step.HAIR_LOSS: (
        "Pick the picture that looks most like your hair loss. It does not need to match exactly. "
        "If none fit, or you are not sure, choose \"not sure\": that is a fine answer. With the "
        "keyboard, use the arrow keys to move between the pictures.\n\n"
        "This is not a diagnosis. A doctor can tell which kind you have, and the right options "
        "depend on it.\n\n"
        "Then tick any warning signs you have. If you tick one, please see a doctor soon."),
    Step.ABOUT: (
        "We ask your age because some treatments are not tested in children or teenagers, and "
        "hair loss in young people should be checked by a doctor.\n\n"
        "We ask your sex because some medicines are only tested in men or in women, and some can "
        "harm an unborn baby.\n\n"
        "Your name is optional. It is only printed on the summary you can take to your doctor."),
    Step.HEALTH: (
        "Tick everything that applies to you. Some treatments are not safe with certain health "
        "problems or medicines. We use your answers to mark those options.\n\n"
        "Press \"Why we ask\" next to any item to see the reason.\n\n"
        "If you are not sure about some of them, tick \"I don't know\". Options that need a check "
        "will then be marked \"Discuss with care\"."),
    Step.BUDGET: (
        "Up-front is what you could pay at the start, for example for a procedure. Yearly is what "
        "you could keep paying each year, for example for a medicine.\n\n"
        "Prices are in US dollars. Options that cost a lot more than your budget are marked "
        "\"Not for you\"; options just above it are marked \"Discuss with care\". You can still "
        "see all of them.\n\n"
        "Tick \"No limit\" if cost does not matter to you."),
    Step.RISK: (
        "Risk here means how much you are willing to try options that are less tested, not "
        "approved, or that go through the skin.\n\n"
        "Low keeps to well-tested, approved options. High also shows unproven options, such as "
        "stem-cell or exosome injections. Options above your level are still listed, under "
        "\"Not for you\", with the reason.\n\n"
        "You can also say if you want to avoid needles or surgery, or if a daily routine would be "
        "hard for you."),
    Step.PRIORITIES: (
        "Rate how much each thing matters to you, from 1 (not important) to 5 (most important).\n\n"
        "This only changes the order of the options inside each group. It never hides an option, "
        "and the app never picks one best option for you."),
    Step.RESULTS: (
        "Every option is shown in one of three groups: \"Fits your answers\", \"Discuss with "
        "care\" and \"Not for you\". Each option says why it is where it is.\n\n"
        "Doing nothing is always one of the options.\n\n"
        "To change an answer, use the buttons on this page or Back. Your options update at once. "
        "Use File > Export PDF to make a summary for your doctor."),
    Step.DECIDE: (
        "These four questions (the SURE test) help you see if you are ready to decide. If you "
        "answer \"no\" to any of them, talk it over with your doctor or someone you trust.\n\n"
        "You do not have to decide today."),
}

GROUP_WORDS = {
    "pregnancy": "Pregnancy and babies",
    "blood": "Blood and bleeding",
    "immune": "Immune system and infections",
    "heart": "Heart and blood pressure",
    "organs": "Liver and kidneys",
    "mental": "Mood and mental health",
    "allergy": "Allergies",
    "skin": "Skin and scalp",
    "age": "Age",
    "sex": "Sex",
    "other": "Other health questions",
}

PICTURES = {
    "male_pattern": "male-pattern",
    "female_pattern": "female-pattern",
    "alopecia_areata": "alopecia-areata",
    "telogen_effluvium": "telogen-effluvium",
    "traction": "traction",
    "scarring": "scarring",
    "unsure": "not-sure",
}

PRIORITY_HINTS = {
    "evidence": "How sure we can be that it works",
    "benefit": "How much hair it may keep or bring back",
    "side_effects": "How few side effects and risks it has",
    "cost": "How little it costs",
    "convenience": "How little time and effort it takes",
    "speed": "How soon you may see a change",
    "permanence": "Whether the results last after you stop",
}
IMPORTANCE_WORDS = {1: "Not important", 2: "A little important", 3: "Quite important",
                    4: "Very important", 5: "Most important"}

UPFRONT_PRESETS = (0, 500, 2_000, 10_000)
YEARLY_PRESETS = (0, 300, 1_000, 5_000)


def wrapped(text: str, width: int = 72) -> str:
    """Check boxes and radio buttons do not wrap by themselves."""
    return "\n".join(textwrap.wrap(text, width)) or text


# --- the pages ----------------------------------------------------------------------------

class StepPage(QWidget):
    """One questionnaire step. It shows answers and reports changes; it never keeps them."""

    changed = Signal(dict)  # keyword arguments for Answers.with_changes
    step: Step = Step.WELCOME

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        self._loading = False
        self.layout_ = QVBoxLayout(self)
        self.layout_.setAlignment(Qt.AlignTop)
        self.layout_.setSizeConstraint(QLayout.SetNoConstraint)
        self.title = heading(STEP_TITLES[self.step], 1.5)
        self.layout_.addWidget(self.title)

    @property
    def help_text(self) -> str:
        return HELP[self.step]

    def emit_change(self, **changes) -> None:
        if not self._loading:
            self.changed.emit(changes)

    def load(self, answers: A.Answers) -> None:
        """Show ``answers`` in the widgets without reporting changes."""
        self._loading = True
        try:
            self._load(answers)
        finally:
            self._loading = False

    def _load(self, answers: A.Answers) -> None:
        pass

    def problem(self, answers: A.Answers) -> tuple[str, QWidget | None]:
        """What must be answered before going on ('' if nothing), and the widget to fix it."""
        return "", None

    def first_control(self) -> QWidget | None:
        return None


class WelcomePage(StepPage):
    step = Step.WELCOME

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.title.setText("Welcome to DecisionAid")
        meta = catalogue.meta
        sections = [
            ("What this app does",
             "It helps you think through the options for hair loss: medicines, devices, surgery, "
             "wigs, stem-cell and exosome injections, and doing nothing. For each one it shows how "
             "sure we can be that it works, what harm it can do, and what it costs. At the end you "
             "can save a summary to take to your doctor."),
            ("What it does not do",
             "It does not diagnose your hair loss. It does not pick one best option for you. It "
             "does not replace a doctor: it helps you talk with one."),
            ("Who made it",
             "The DecisionAid developers, an open-source project. No company that sells a "
             "hair-loss treatment paid for it or had any say in it. We earn nothing from any "
             "option."),
            ("The facts it uses",
             f"Catalogue version {meta.version or 'unknown'}, last reviewed {meta.reviewed or 'unknown'}. "
             "Every fact links to its source. See View > About this catalogue."),
            ("Your answers stay here",
             "Your answers stay on this computer. The app never uses the internet. You can delete "
             "your answers at any time with File > Forget my answers."),
        ]
        for title, text in sections:
            label = heading(title, 1.1)
            self.layout_.addWidget(label)
            self.layout_.addWidget(paragraph(text))
        self.layout_.addSpacing(self.fontMetrics().height())
        self.layout_.addWidget(paragraph("It takes about 10 minutes. Press Start (or Enter) to begin."))


class TypeCard(QToolButton):
    """A big picture button for one kind of hair loss."""

    def __init__(self, type_id: str, name: str, parent=None):
        super().__init__(parent)
        self.type_id = type_id
        self.name = name
        self.setCheckable(True)
        self.setToolButtonStyle(Qt.ToolButtonTextUnderIcon)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setFocusPolicy(Qt.StrongFocus)
        self.toggled.connect(self._show_state)
        self._show_state(False)
        accessible(self, name, f"Choose this if your hair loss looks most like: {name}.")

    def _show_state(self, checked: bool) -> None:
        # A tick in the text, not only a pressed look, shows the choice.
        mark = "\u2714 " if checked else ""
        self.setText(wrapped(mark + self.name, 22))
        self.setAccessibleDescription(("Chosen. " if checked else "")
                                      + f"Choose this if your hair loss looks most like: {self.name}.")

    def changeEvent(self, event):
        if event.type() == QEvent.PaletteChange and getattr(self, "picture", ""):
            self.set_picture(self.picture)
        super().changeEvent(event)

    def set_picture(self, name: str) -> None:
        self.picture = name
        side = self.fontMetrics().height() * 6
        size = QSize(round(side * 1.6), side)
        self.setIconSize(size)
        self.setIcon(svg_icon(name, size, self.palette(), self.devicePixelRatioF()))


class HairLossPage(StepPage):
    step = Step.HAIR_LOSS

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(paragraph(
            "Which picture looks most like your hair loss? Choose the closest one. This is not a "
            "diagnosis: only a doctor can tell for sure."))
        self.grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.cards: dict[str, TypeCard] = {}
        self._columns = 0
        for hl in catalogue.hair_loss_types.values():
            card = TypeCard(hl.id, hl.name)
            self.cards[hl.id] = card
            self.group.addButton(card)
            card.clicked.connect(lambda _=False, t=hl.id: self._choose(t))
        self._reflow(4)
        self.layout_.addLayout(self.grid)
        self._draw_pictures()

        self.details = QGroupBox("About this kind of hair loss")
        box = QVBoxLayout(self.details)
        self.type_name = heading("", 1.15)
        self.description = paragraph("")
        self.recognise = paragraph("")
        box.addWidget(self.type_name)
        box.addWidget(self.description)
        box.addWidget(self.recognise)
        self.signs_title = QLabel("Warning signs. Tick any that you have:")
        self.signs_title.setFont(scaled_font(self.font(), 1.0, bold=True))
        self.signs_title.setWordWrap(True)
        box.addWidget(self.signs_title)
        self.signs_box = QVBoxLayout()
        box.addLayout(self.signs_box)
        self.sign_checks: list[QCheckBox] = []
        self.doctor = Notice("warning", "See a doctor soon",
                             "You ticked a warning sign. Some kinds of hair loss need care quickly "
                             "to stop lasting damage. You can still use this app, but please book a "
                             "visit with a doctor soon.")
        self.doctor.hide()
        box.addWidget(self.doctor)
        self.layout_.addWidget(self.details)
        self._current = None

    def _reflow(self, columns: int) -> None:
        """Lay the cards out in ``columns`` columns (fewer when the text is large)."""
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, i // columns, i % columns)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        cards = list(self.cards.values())
        if cards:
            need = max(c.sizeHint().width() for c in cards) + self.grid.horizontalSpacing()
            margins = self.layout_.contentsMargins()
            room = event.size().width() - margins.left() - margins.right()
            self._reflow(max(1, min(4, room // max(1, need))))

    def _draw_pictures(self) -> None:
        for type_id, card in self.cards.items():
            card.set_picture(PICTURES.get(type_id, "not-sure"))

    def _choose(self, type_id: str) -> None:
        hl = self.catalogue.hair_loss_types.get(type_id)
        self._show_type(type_id, ())
        signs = hl.warning_signs if hl else ()
        self.emit_change(hair_loss_type=type_id,
                         warning_signs=tuple(s for s in self._checked_signs() if s in signs))

    def _show_type(self, type_id: str, checked: tuple[str, ...]) -> None:
        hl = self.catalogue.hair_loss_types.get(type_id)
        card = self.cards.get(type_id)
        if card is not None and not card.isChecked():
            card.setChecked(True)
        self.details.setVisible(hl is not None)
        if hl is None:
            return
        self.type_name.setText(hl.name)
        self.description.setText(hl.description)
        self.recognise.setText(f"How to recognise it: {hl.recognise}" if hl.recognise else "")
        if type_id != self._current:
            for check in self.sign_checks:
                check.hide()
                self.signs_box.removeWidget(check)
                check.deleteLater()
            self.sign_checks = []
            for sign in hl.warning_signs:
                check = QCheckBox(wrapped(sign, 70))
                check.sign = sign
                accessible(check, sign, "A warning sign. Tick it if you have it.")
                check.toggled.connect(self._signs_changed)
                self.signs_box.addWidget(check)
                self.sign_checks.append(check)
            # Made after the Back/Next buttons: put them in reading order for Tab.
            previous = list(self.cards.values())[-1] if self.cards else None
            for check in self.sign_checks:
                if previous is not None:
                    QWidget.setTabOrder(previous, check)
                previous = check
            self._current = type_id
        for check in self.sign_checks:
            check.blockSignals(True)
            check.setChecked(check.sign in checked)
            check.blockSignals(False)
        self.signs_title.setVisible(bool(self.sign_checks))
        self.doctor.setVisible(any(c.isChecked() for c in self.sign_checks))

    def _checked_signs(self) -> tuple[str, ...]:
        return tuple(c.sign for c in self.sign_checks if c.isChecked())

    def _signs_changed(self) -> None:
        was_visible = self.doctor.isVisible()
        self.doctor.setVisible(any(c.isChecked() for c in self.sign_checks))
        if self.doctor.isVisible() and not was_visible:
            QTimer.singleShot(0, self.doctor, self._reveal_doctor)
        self.emit_change(warning_signs=self._checked_signs())

    def _reveal_doctor(self) -> None:
        """Scroll so the 'See a doctor soon' notice is on screen, not below the fold."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(self.doctor, 0, 0)

    def _load(self, answers):
        self._show_type(answers.hair_loss_type, answers.warning_signs)

    def first_control(self):
        checked = self.group.checkedButton()
        return checked or next(iter(self.cards.values()), None)


class AgeSpinBox(QSpinBox):
    """Shows "Not given" until an age is typed; typing replaces that text at once."""

    def focusInEvent(self, event):
        super().focusInEvent(event)
        if self.value() == self.minimum():
            QTimer.singleShot(0, self, self.selectAll)


class AboutYouPage(StepPage):
    step = Step.ABOUT

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        form = QGridLayout()
        row = 0
        self.age = AgeSpinBox()
        self.age.setRange(0, A.MAX_AGE)
        self.age.setSpecialValueText("Not given")
        self.age.setSuffix(" years")
        self.age.setMinimumWidth(self.fontMetrics().horizontalAdvance("Not given") * 2)
        accessible(self.age, "Your age in years", "Your age in whole years, from 1 to 120.")
        age_label = QLabel("&Age:")
        age_label.setBuddy(self.age)
        form.addWidget(age_label, row, 0)
        form.addWidget(self.age, row, 1, Qt.AlignLeft)
        row += 1
        form.addWidget(paragraph("Why we ask: some treatments are not tested in children or "
                                 "teenagers, and hair loss in young people should be checked by a "
                                 "doctor."), row, 1)
        row += 1
        form.addWidget(QLabel("Sex:"), row, 0, Qt.AlignTop)
        sexes = QHBoxLayout()
        self.sex_group = QButtonGroup(self)
        self.sex_buttons: dict[str, QRadioButton] = {}
        for key, text in (("male", "&Male"), ("female", "F&emale"), ("other", "&Other")):
            button = QRadioButton(text)
            accessible(button, f"Sex: {key}", f"Choose if you are {key}.")
            self.sex_group.addButton(button)
            self.sex_buttons[key] = button
            sexes.addWidget(button)
            button.toggled.connect(lambda on, k=key: self._sex_toggled(k, on))
        sexes.addStretch(1)
        form.addLayout(sexes, row, 1)
        row += 1
        why = catalogue.conditions.get("female")
        why_text = why.why_we_ask if why else (
            "Some medicines are only tested or approved for one sex, or can harm a baby in the womb.")
        form.addWidget(paragraph(f"Why we ask: {why_text} Choose \"Other\" if neither fits; the app "
                                 "then shows the cautions for both."), row, 1)
        row += 1
        self.name = QLineEdit()
        self.name.setMaxLength(A.MAX_NAME)
        self.name.setPlaceholderText("Optional")
        accessible(self.name, "Your name (optional)",
                   "Only printed on the summary you can take to your doctor. You can leave it empty.")
        name_label = QLabel("&Your name:")
        name_label.setBuddy(self.name)
        form.addWidget(name_label, row, 0)
        form.addWidget(self.name, row, 1)
        row += 1
        form.addWidget(paragraph("Optional. It is only printed on your summary, so your doctor "
                                 "knows whose it is."), row, 1)
        form.setColumnStretch(1, 1)
        self.layout_.addLayout(form)
        self.age.valueChanged.connect(lambda v: self.emit_change(age=v or None))
        self.name.textChanged.connect(lambda t: self.emit_change(name=t.strip()))

    def _sex_toggled(self, key: str, on: bool) -> None:
        # Slots return None: a bool returned into Qt upsets PySide's reference counts.
        if on:
            self.emit_change(sex=key)

    def _load(self, answers):
        self.age.setValue(answers.age or 0)
        self.sex_group.setExclusive(False)
        for key, button in self.sex_buttons.items():
            button.setChecked(answers.sex == key)
        self.sex_group.setExclusive(True)
        if self.name.text().strip() != answers.name:
            self.name.setText(answers.name)

    def problem(self, answers):
        if answers.age is None:
            return "Please give your age (1 to 120) to go on.", self.age
        if answers.sex is None:
            return "Please choose male, female or other to go on.", self.sex_buttons["male"]
        return "", None

    def first_control(self):
        return self.age


class HealthPage(StepPage):
    step = Step.HEALTH

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(paragraph(
            "Do any of these apply to you? Tick all that do. Some treatments are not safe with "
            "them. Press \"Why we ask\" to see the reason for any item."))
        top = QHBoxLayout()
        self.none_box = QCheckBox("N&one of these")
        accessible(self.none_box, "None of these", "Tick if none of the health questions apply to you.")
        self.unknown_box = QCheckBox("I &don't know about some of these")
        accessible(self.unknown_box, "I don't know",
                   "Tick if you are not sure about some of these. Options that need a check will be "
                   "marked to discuss with care.")
        top.addWidget(self.none_box)
        top.addWidget(self.unknown_box)
        top.addStretch(1)
        self.checks: dict[str, QCheckBox] = {}
        self.why_buttons: dict[str, QToolButton] = {}
        self.why_labels: dict[str, QLabel] = {}
        groups: dict[str, list] = {}
        for cond in catalogue.asked_conditions():
            groups.setdefault(cond.group, []).append(cond)
        order = {g: i for i, g in enumerate(GROUP_WORDS)}
        for group in sorted(groups, key=lambda g: order.get(g, len(order))):
            box = QGroupBox(GROUP_WORDS.get(group, group.replace("_", " ").capitalize()))
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 1)
            row = 0
            for cond in groups[group]:
                check = QCheckBox(wrapped(cond.name, 64))
                check.setToolTip(f"Why we ask: {cond.why_we_ask}")
                accessible(check, cond.name, f"Why we ask: {cond.why_we_ask}")
                why = QToolButton()
                why.setText("Why we ask")
                why.setCheckable(True)
                why.setToolTip(cond.why_we_ask)
                accessible(why, f"Why we ask about: {cond.name}",
                           "Shows or hides the reason for this question.")
                reason = paragraph(f"Why we ask: {cond.why_we_ask}")
                reason.setIndent(self.fontMetrics().horizontalAdvance("    "))
                reason.hide()
                why.toggled.connect(reason.setVisible)
                grid.addWidget(check, row, 0)
                grid.addWidget(why, row, 1, Qt.AlignTop)
                grid.addWidget(reason, row + 1, 0, 1, 2)
                row += 2
                self.checks[cond.id] = check
                self.why_buttons[cond.id] = why
                self.why_labels[cond.id] = reason
                check.toggled.connect(self._conditions_changed)
            self.layout_.addWidget(box)
        self.layout_.addLayout(top)
        self.none_box.toggled.connect(self._none_toggled)
        self.unknown_box.toggled.connect(self._unknown_toggled)

    def _selected(self) -> tuple[str, ...]:
        return tuple(cid for cid, c in self.checks.items() if c.isChecked())

    def _conditions_changed(self) -> None:
        if self._loading:
            return
        selected = self._selected()
        if selected and self.none_box.isChecked():
            self.none_box.blockSignals(True)
            self.none_box.setChecked(False)
            self.none_box.blockSignals(False)
        self.emit_change(conditions=selected)

    def _none_toggled(self, on: bool) -> None:
        if not on or self._loading:
            return
        self._loading = True
        for check in self.checks.values():
            check.setChecked(False)
        self.unknown_box.setChecked(False)
        self._loading = False
        self.emit_change(conditions=(), conditions_unknown=False)

    def _unknown_toggled(self, on: bool) -> None:
        if self._loading:
            return
        if on and self.none_box.isChecked():
            self.none_box.blockSignals(True)
            self.none_box.setChecked(False)
            self.none_box.blockSignals(False)
        self.emit_change(conditions_unknown=on)

    def _load(self, answers):
        for cid, check in self.checks.items():
            check.setChecked(cid in answers.conditions)
        self.unknown_box.setChecked(answers.conditions_unknown)
        if answers.conditions or answers.conditions_unknown:
            self.none_box.setChecked(False)

    def first_control(self):
        return next(iter(self.checks.values()), self.none_box)


class BudgetRow(QGroupBox):
    def __init__(self, title: str, explain: str, presets: tuple[int, ...], no_limit_text: str, parent=None):
        super().__init__(title, parent)
        self.spin = QSpinBox()
        self.spin.setRange(0, A.MAX_BUDGET_USD)
        self.spin.setPrefix("$")
        self.spin.setSingleStep(100)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setMinimumWidth(self.fontMetrics().horizontalAdvance("$10,000,000") * 2)
        accessible(self.spin, f"{title} in US dollars", explain)
        self.no_limit = QCheckBox(no_limit_text)
        accessible(self.no_limit, f"No limit for {title.lower()}",
                   "Tick if cost does not matter to you. The amount is then ignored.")
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(explain))
        row = QHBoxLayout()
        label = QLabel("Amount:")
        label.setBuddy(self.spin)
        row.addWidget(label)
        row.addWidget(self.spin)
        row.addWidget(self.no_limit)
        row.addStretch(1)
        layout.addLayout(row)
        presets_row = QHBoxLayout()
        presets_row.addWidget(QLabel("Quick choices:"))
        self.preset_buttons = []
        for value in presets:
            button = QPushButton(f"${value:,}")
            accessible(button, f"Set {title.lower()} to ${value:,}")
            button.clicked.connect(lambda _=False, v=value: self.set_amount(v))
            presets_row.addWidget(button)
            self.preset_buttons.append(button)
        presets_row.addStretch(1)
        layout.addLayout(presets_row)
        self.no_limit.toggled.connect(lambda on: self.spin.setEnabled(not on))

    def set_amount(self, value: int) -> None:
        self.no_limit.setChecked(False)
        self.spin.setValue(value)

    def value(self) -> float | None:
        return None if self.no_limit.isChecked() else float(self.spin.value())

    def display(self, value: float | None) -> None:
        self.no_limit.setChecked(value is None)
        self.spin.setEnabled(value is not None)
        if value is not None:
            self.spin.setValue(int(round(value)))


class BudgetPage(StepPage):
    step = Step.BUDGET

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(paragraph(
            "How much could you spend? Prices are in US dollars. This never hides an option: ones "
            "that cost more are shown with the reason."))
        self.upfront = BudgetRow("Up-front budget", "What you could pay at the start, for example "
                                 "for a procedure or a course of injections.", UPFRONT_PRESETS, "No &limit")
        self.yearly = BudgetRow("Yearly budget", "What you could keep paying every year, for example "
                                "for a medicine you take for as long as it works.", YEARLY_PRESETS, "No l&imit")
        self.layout_.addWidget(self.upfront)
        self.layout_.addWidget(self.yearly)
        for row in (self.upfront, self.yearly):
            row.spin.valueChanged.connect(self._changed)
            row.no_limit.toggled.connect(self._changed)

    def _changed(self, *_):
        self.emit_change(budget=A.Budget(upfront_usd=self.upfront.value(), yearly_usd=self.yearly.value()))

    def _load(self, answers):
        self.upfront.display(answers.budget.upfront_usd)
        self.yearly.display(answers.budget.yearly_usd)

    def first_control(self):
        return self.upfront.spin if self.upfront.spin.isEnabled() else self.upfront.no_limit


class RiskPage(StepPage):
    step = Step.RISK

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(paragraph(
            "How much risk are you willing to take? Options above your level are still listed, "
            "under \"Not for you\", with the reason."))
        box = QGroupBox("Risk you are willing to take")
        col = QVBoxLayout(box)
        self.risk_group = QButtonGroup(self)
        self.risk_buttons: dict[str, QRadioButton] = {}
        for key, mnemonic in (("low", "&Low"), ("medium", "&Medium"), ("high", "H&igh")):
            level = rules.RISK_LEVELS[key]
            text = level.label.replace(key.capitalize(), mnemonic, 1) if level.label.startswith(
                key.capitalize()) else level.label
            button = QRadioButton(wrapped(text, 70))
            accessible(button, level.label, level.description)
            self.risk_group.addButton(button)
            self.risk_buttons[key] = button
            col.addWidget(button)
            desc = paragraph(level.description)
            desc.setIndent(self.fontMetrics().horizontalAdvance("      "))
            col.addWidget(desc)
            button.toggled.connect(lambda on, k=key: self._risk_toggled(k, on))
        self.layout_.addWidget(box)
        prefs = QGroupBox("Your preferences")
        pcol = QVBoxLayout(prefs)
        self.pref_checks: dict[str, QCheckBox] = {}
        for key, text, desc in (
            ("avoid_injections", "I want to avoid n&eedles (injections)",
             "Options that use needles will be marked not for you."),
            ("avoid_surgery", "I want to avoid &surgery",
             "Surgery, such as a hair transplant, will be marked not for you."),
            ("daily_routine_ok", "A daily routine is &OK for me (for example a lotion or a tablet every day)",
             "If you untick this, options that need doing every day are marked to discuss with care."),
        ):
            check = QCheckBox(wrapped(text, 80))
            accessible(check, text.replace("&", ""), desc)
            check.toggled.connect(lambda on, k=key: self._pref(k, on))
            self.pref_checks[key] = check
            pcol.addWidget(check)
        self.layout_.addWidget(prefs)
        self._prefs = dict(A.PREFERENCE_DEFAULTS)

    def _risk_toggled(self, key: str, on: bool) -> None:
        if on:
            self.emit_change(risk_tolerance=key)

    def _pref(self, key: str, on: bool) -> None:
        self._prefs = {**self._prefs, key: on}
        self.emit_change(preferences=dict(self._prefs))

    def _load(self, answers):
        self._prefs = {**A.PREFERENCE_DEFAULTS, **answers.preferences}
        for key, button in self.risk_buttons.items():
            button.setChecked(answers.risk_tolerance == key)
        for key, check in self.pref_checks.items():
            check.setChecked(bool(self._prefs.get(key)))

    def first_control(self):
        return self.risk_group.checkedButton() or self.risk_buttons["low"]


class PrioritiesPage(StepPage):
    step = Step.PRIORITIES

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(paragraph(
            "How much does each of these matter to you? From 1 (not important) to 5 (most "
            "important). This only changes the order of options inside each group; it never hides "
            "one."))
        grid = QGridLayout()
        self.sliders: dict[str, QSlider] = {}
        self.value_labels: dict[str, QLabel] = {}
        for row, key in enumerate(A.PRIORITY_KEYS):
            name = rules.PRIORITY_WORDS[key]
            label = QLabel(f"<b>{name}</b><br>{PRIORITY_HINTS.get(key, '')}")
            label.setWordWrap(True)
            slider = QSlider(Qt.Horizontal)
            slider.setRange(A.PRIORITY_MIN, A.PRIORITY_MAX)
            slider.setPageStep(1)
            slider.setTickPosition(QSlider.TicksBelow)
            slider.setTickInterval(1)
            slider.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
            accessible(slider, f"Importance of {name.lower()}",
                       f"{PRIORITY_HINTS.get(key, '')}. From 1, not important, to 5, most important.")
            label.setBuddy(slider)
            value = QLabel()
            value.setMinimumWidth(self.fontMetrics().horizontalAdvance("5: A little important") + 8)
            grid.addWidget(label, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.sliders[key] = slider
            self.value_labels[key] = value
            slider.valueChanged.connect(lambda v, k=key: self._changed(k, v))
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        self.layout_.addLayout(grid)
        self._priorities = {k: A.DEFAULT_PRIORITY for k in A.PRIORITY_KEYS}

    def _show_value(self, key: str, value: int) -> None:
        words = f"{value}: {IMPORTANCE_WORDS.get(value, '')}"
        self.value_labels[key].setText(words)
        self.sliders[key].setAccessibleDescription(
            f"{PRIORITY_HINTS.get(key, '')}. Now {words}. From 1, not important, to 5, most important.")

    def _changed(self, key: str, value: int) -> None:
        self._show_value(key, value)
        self._priorities = {**self._priorities, key: value}
        self.emit_change(priorities=dict(self._priorities))

    def _load(self, answers):
        self._priorities = {k: A.DEFAULT_PRIORITY for k in A.PRIORITY_KEYS} | dict(answers.priorities)
        for key, slider in self.sliders.items():
            slider.setValue(self._priorities[key])
            self._show_value(key, self._priorities[key])

    def first_control(self):
        return self.sliders[A.PRIORITY_KEYS[0]]


PAGE_CLASSES = (WelcomePage, HairLossPage, AboutYouPage, HealthPage, BudgetPage, RiskPage, PrioritiesPage)


# --- stand-ins until the results widgets exist ---------------------------------------------

class FallbackResultsPage(QWidget):
    """A plain list of the options, used only if ``gui.results`` cannot be imported."""

    edit_answers = Signal(int)
    export_pdf = Signal()
    compare_changed = Signal(list)

    def __init__(self, catalogue=None, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.text = paragraph("")
        layout.addWidget(scrolling(self.text))
        buttons = QHBoxLayout()
        for step in QUESTION_STEPS[1:]:
            button = QPushButton(f"Change: {STEP_TITLES[step]}")
            accessible(button, f"Change your answers: {STEP_TITLES[step]}")
            button.clicked.connect(lambda _=False, s=int(step): self.edit_answers.emit(s))
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def set_result(self, result) -> None:
        lines = list(result.notices)
        for status in rules.STATUSES:
            lines.append(f"\n{rules.STATUS_WORDS[status]}:")
            lines += [f"  \u2022 {o.treatment.name} ({o.certainty_words})" for o in result.by_status(status)]
        self.text.setText("\n".join(lines))


class FallbackDecidePage(QWidget):
    decision_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph("The \"Before you decide\" questions are not available in this "
                                   "version."))

    def set_decision(self, decision, options) -> None:
        pass


# --- the wizard ---------------------------------------------------------------------------

class Wizard(QWidget):
    """All steps, the navigation and the one ``Answers`` object."""

    answers_changed = Signal(object)   # a new Answers
    step_changed = Signal(int)
    export_requested = Signal()

    def __init__(self, catalogue: Catalogue, answers: A.Answers | None = None, parent=None):
        super().__init__(parent)
        self.catalogue = catalogue
        self._answers = answers or A.Answers()
        self._step = Step.WELCOME
        self._result: rules.Result | None = None
        self._results_dirty = True
        self.editing_from_results = False
        self.results_page = None
        self.decide_page = None

        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.step_label = heading("", 1.1)
        self.step_label.setObjectName("stepIndicator")
        self.progress = QProgressBar()
        self.progress.setRange(0, STEP_COUNT)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        accessible(self.progress, "Progress through the steps")
        self.help_button = QToolButton()
        self.help_button.setText("Help")
        self.help_button.setCheckable(True)
        self.help_button.setChecked(True)
        self.help_button.setShortcut(QKeySequence(Qt.Key_F1))
        self.help_button.setToolTip("Show or hide help for this step (F1)")
        accessible(self.help_button, "Help for this step", "Shows or hides help for this step. Shortcut F1.")
        header.addWidget(self.step_label, 1)
        header.addWidget(self.progress)
        header.addWidget(self.help_button)
        outer.addLayout(header)

        middle = QHBoxLayout()
        self.stack = QStackedWidget()
        self.pages: list[StepPage] = []
        self.scrolls: list[QScrollArea] = []
        for cls in PAGE_CLASSES:
            page = cls(catalogue)
            page.changed.connect(self._apply)
            area = scrolling(page)
            if cls is not WelcomePage:  # controls there scroll into view; Welcome is only text
                area.setFocusPolicy(Qt.NoFocus)
            self.pages.append(page)
            self.scrolls.append(area)
            self.stack.addWidget(area)
            for key in (Qt.Key_Return, Qt.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), area)
                shortcut.setContext(Qt.WidgetWithChildrenShortcut)
                shortcut.activated.connect(self.go_next)
        self.results_holder = QWidget()
        QVBoxLayout(self.results_holder).setContentsMargins(0, 0, 0, 0)
        self.decide_holder = QWidget()
        QVBoxLayout(self.decide_holder).setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.results_holder)
        self.stack.addWidget(self.decide_holder)
        middle.addWidget(self.stack, 3)

        self.help_panel = QFrame()
        self.help_panel.setFrameShape(QFrame.StyledPanel)
        self.help_panel.setAutoFillBackground(True)
        self.help_panel.setBackgroundRole(QPalette.AlternateBase)
        help_layout = QVBoxLayout(self.help_panel)
        help_title = heading("Help", 1.1)
        self.help_text = paragraph("")
        self.help_text.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        help_layout.addWidget(help_title)
        help_scroll = scrolling(self.help_text)
        help_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        help_scroll.setFocusPolicy(Qt.NoFocus)
        help_layout.addWidget(help_scroll, 1)
        self.help_panel.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        self.help_panel.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 22)
        accessible(self.help_panel, "Help for this step")
        middle.addWidget(self.help_panel, 1)
        outer.addLayout(middle, 1)
        self.help_button.toggled.connect(self._help_toggled)

        self.problem_notice = Notice("info", "")
        self.problem_notice.hide()
        outer.addWidget(self.problem_notice)

        nav = QHBoxLayout()
        self.back_button = QPushButton("< &Back")
        accessible(self.back_button, "Back", "Go to the previous step. Your answers are kept.")
        self.to_results_button = QPushButton("Back to &results")
        accessible(self.to_results_button, "Back to results",
                   "Go straight back to your options, updated with your changes.")
        self.next_button = QPushButton("&Next >")
        self.next_button.setDefault(True)
        accessible(self.next_button, "Next", "Go to the next step. Shortcut: Enter.")
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.to_results_button)
        nav.addWidget(self.next_button)
        outer.addLayout(nav)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.to_results_button.clicked.connect(self.back_to_results)

        self._help_wanted = {True: True, False: False}  # per kind of page: questions / results
        for page in self.pages:
            page.load(self._answers)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        self._focus_pending = True
        self._show_step(Step.WELCOME)

    def showEvent(self, event):
        super().showEvent(event)
        if self._focus_pending:
            self._focus_pending = False
            self._focus_first()

    def _focus_first(self) -> None:
        if self._step < Step.RESULTS:
            control = self.page(self._step).first_control() or self.next_button
            QTimer.singleShot(0, control, lambda c=control: c.setFocus(Qt.TabFocusReason)
                              if c.isVisible() else None)

    # --- state ----------------------------------------------------------------------------
    @property
    def answers(self) -> A.Answers:
        return self._answers

    @property
    def step(self) -> Step:
        return self._step

    @property
    def result(self) -> rules.Result | None:
        return self._result

    def current_result(self) -> rules.Result:
        """The options for the answers as they are now (fresh: for export)."""
        return rules.recommend(self._answers, self.catalogue)

    def page(self, step: Step) -> StepPage:
        return self.pages[int(step)]

    def set_answers(self, answers: A.Answers, step: int | None = None) -> None:
        """Replace every answer (open a file, resume, start over)."""
        self._answers = answers
        self._results_dirty = True
        for page in self.pages:
            page.load(answers)
        self.answers_changed.emit(answers)
        if step is not None:
            self.editing_from_results = False
            self.go_to(step)
        elif self._step >= Step.RESULTS:
            self._show_step(self._step)

    def _apply(self, changes: dict) -> None:
        new = self._answers.with_changes(**changes)
        if new == self._answers:
            return
        self._answers = new
        if set(changes) - {"compare", "decision", "name"}:
            self._results_dirty = True
        if self.problem_notice.isVisible() and self._step < Step.RESULTS:
            message, _ = self.page(self._step).problem(new)
            if message:
                self.problem_notice.set_text("Please answer this first", message)
            else:
                self.problem_notice.hide()
        self.answers_changed.emit(new)
        if self._step == Step.RESULTS and self._results_dirty:
            self._refresh_results()

    # --- navigation -----------------------------------------------------------------------
    def go_next(self) -> None:
        if self._step >= Step.DECIDE:
            return
        if self._step < Step.RESULTS and not self._check(self._step):
            return
        self.go_to(self._step + 1)

    def go_back(self) -> None:
        if self._step > Step.WELCOME:
            self.go_to(self._step - 1)

    def back_to_results(self) -> None:
        if self._step < Step.RESULTS and not self._check(self._step):
            return
        self.go_to(Step.RESULTS)

    def edit_step(self, step: int) -> None:
        """From the results: jump to a question; a "Back to results" button returns."""
        step = max(int(Step.HAIR_LOSS), min(int(step), int(Step.PRIORITIES)))
        self.editing_from_results = True
        self.go_to(step)

    def go_to(self, step: int) -> None:
        step = Step(max(0, min(int(step), STEP_COUNT - 1)))
        if step >= Step.RESULTS:
            for earlier in QUESTION_STEPS:
                message, _ = self.page(earlier).problem(self._answers)
                if message:
                    self._show_step(earlier)
                    self._check(earlier)
                    return
            self.editing_from_results = False
        self._show_step(step)

    def _check(self, step: Step) -> bool:
        message, widget = self.page(step).problem(self._answers)
        if not message:
            self.problem_notice.hide()
            return True
        self.problem_notice.set_text("Please answer this first", message)
        self.problem_notice.show()
        if widget is not None:
            widget.setFocus(Qt.OtherFocusReason)
            self.scrolls[int(step)].ensureWidgetVisible(widget)
        return False

    def _show_step(self, step: Step) -> None:
        changed = step != self._step
        self._step = step
        self.problem_notice.hide()
        if step == Step.RESULTS:
            self._ensure_results_pages()
            if self._results_dirty or self._result is None:
                self._refresh_results()
            self.stack.setCurrentWidget(self.results_holder)
        elif step == Step.DECIDE:
            self._ensure_results_pages()
            if self._results_dirty or self._result is None:
                self._refresh_results()
            names = [o.treatment.name for o in self._result.options]
            self.decide_page.set_decision(self._answers.decision, names)
            self.stack.setCurrentWidget(self.decide_holder)
        else:
            self.stack.setCurrentIndex(int(step))
        title = STEP_TITLES[step]
        self.step_label.setText(f"Step {int(step) + 1} of {STEP_COUNT}: {title}")
        self.step_label.setAccessibleName(self.step_label.text())
        self.progress.setValue(int(step) + 1)
        self.progress.setAccessibleDescription(self.step_label.text())
        self.help_text.setText(HELP[step])
        question = step < Step.RESULTS
        self.help_button.blockSignals(True)
        self.help_button.setChecked(self._help_wanted[question])
        self.help_button.blockSignals(False)
        self.help_panel.setVisible(self._help_wanted[question])
        self.back_button.setEnabled(step > Step.WELCOME)
        self.to_results_button.setVisible(self.editing_from_results and question)
        self.next_button.setVisible(step < Step.DECIDE)
        self.next_button.setText({Step.WELCOME: "&Start >", Step.PRIORITIES: "&See my options >",
                                  Step.RESULTS: "&Next: Before you decide >"}.get(step, "&Next >"))
        self.next_button.setAccessibleName(self.next_button.text().replace("&", "").rstrip(" >"))
        if question:
            self.scrolls[int(step)].verticalScrollBar().setValue(0)
            if changed:
                self._focus_first()
        if changed:
            self.step_changed.emit(int(step))

    def _help_toggled(self, on: bool) -> None:
        self._help_wanted[self._step < Step.RESULTS] = on
        self.help_panel.setVisible(on)

    def _focus_changed(self, _old, new) -> None:
        # Keyboard users: keep the focused control in view inside long pages.
        if new is None or self._step >= Step.RESULTS:
            return
        area = self.scrolls[int(self._step)]
        if area.isAncestorOf(new):
            area.ensureWidgetVisible(new, 20, 20)

    # --- results --------------------------------------------------------------------------
    def _ensure_results_pages(self) -> None:
        if self.results_page is not None:
            return
        try:
            from decisionaid.gui.results import ResultsPage
            page = ResultsPage()
        except ImportError:
            page = FallbackResultsPage()
        try:
            from decisionaid.gui.decide import DecidePage
            decide = DecidePage()
        except ImportError:
            decide = FallbackDecidePage()
        self.results_page, self.decide_page = page, decide
        self.results_holder.layout().addWidget(page)
        self.decide_holder.layout().addWidget(decide)
        page.edit_answers.connect(self.edit_step)
        page.export_pdf.connect(self.export_requested)
        page.compare_changed.connect(lambda ids: self._apply({"compare": tuple(ids)[:4]}))
        decide.decision_changed.connect(lambda d: self._apply({"decision": d}))

    def _refresh_results(self) -> None:
        self._ensure_results_pages()
        self._result = rules.recommend(self._answers, self.catalogue)
        self._results_dirty = False
        self.results_page.set_result(self._result)
        wanted = list(self._answers.compare)
        if hasattr(self.results_page, "set_compare_ids") and self.results_page.compare_ids() != wanted:
            self.results_page.set_compare_ids(wanted)


def all_controls(widget: QWidget) -> list[QWidget]:
    """Every interactive control under ``widget`` (for accessibility checks)."""
    kinds = (QAbstractButton, QSpinBox, QSlider, QLineEdit)
    return [w for w in widget.findChildren(QWidget) if isinstance(w, kinds)]
