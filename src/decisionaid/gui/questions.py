"""The question pages of the questionnaire (steps 2 to 7): hair loss, about you, health, budget,
risk and priorities.

They are imported on first use, not at start-up, so the first window (the welcome page) shows
sooner; ``Wizard.page()`` builds each page the first time it is needed.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid import answers as A
from decisionaid import presentation, rules
from decisionaid.gui.pictures import svg_icon
from decisionaid.gui.steps import Step, StepPage, missing_answer
from decisionaid.gui.style import (
    FlowLayout,
    KeyGroup,
    Notice,
    WrapCheckBox,
    WrapRadioButton,
    accessible,
    heading,
    paragraph,
    scaled_font,
)
from decisionaid.textsafety import problem as text_problem
from decisionaid.vocabulary import HAIR_LOSS_TYPES, SCALP_LOSS_TYPE

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

# resources/pictures/<id with - for _>.svg for each hair-loss type ("I'm not sure": not-sure.svg)
PICTURES = {
    type_id: "not-sure" if type_id == "unsure" else type_id.replace("_", "-")
    for type_id in HAIR_LOSS_TYPES
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
IMPORTANCE_WORDS = presentation.IMPORTANCE_WORDS  # one source with the PDF and the web page

# Alopecia areata: how much hair is lost (answers field ``scalp_loss``; None is "not sure").
# (id, words on the button, picture, description for screen readers)
SCALP_LOSS_CHOICES = (
    (
        "less_than_half",
        "Less than half of my scalp",
        "scalp-less-than-half",
        "One or a few bald patches. All together, they cover less than half of your scalp.",
    ),
    (
        "half_or_more",
        "Half of my scalp or more",
        "scalp-half-or-more",
        "Half of your scalp hair or more is gone.",
    ),
    (
        "total",
        "All the hair on my scalp, or on my whole body",
        "scalp-total",
        "All of your scalp hair is gone, or all the hair on your body.",
    ),
    (None, "I'm not sure", "not-sure", "Choose this if you cannot tell. That is a fine answer."),
)
SCALP_LOSS_MISSING = 'Please say how much hair you have lost, or choose "I\'m not sure".'

UPFRONT_PRESETS = (0, 500, 2_000, 10_000)
YEARLY_PRESETS = (0, 300, 1_000, 5_000)


def wrapped(text: str, width: int = 72) -> str:
    """Check boxes and radio buttons do not wrap by themselves."""
    return "\n".join(textwrap.wrap(text, width)) or text


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
        mark = "\u2714 Chosen: " if checked else ""
        self.setText(wrapped(mark + self.name, 22))
        self.setAccessibleDescription(
            ("Chosen. " if checked else "")
            + f"Choose this if your hair loss looks most like: {self.name}."
        )

    def paintEvent(self, event):
        super().paintEvent(event)
        if self.isChecked():
            # The choice shows as a thick frame in the highlight colour (and the tick in the
            # words), not only as a slightly different grey, which is hard to see when dark.
            from PySide6.QtGui import QPainter, QPalette, QPen

            painter = QPainter(self)
            width = max(3, self.fontMetrics().height() // 5)
            pen = QPen(self.palette().color(QPalette.Active, QPalette.Highlight), width)
            painter.setPen(pen)
            half = width // 2 + 1
            painter.drawRoundedRect(self.rect().adjusted(half, half, -half, -half), 4, 4)
            painter.end()

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


class ScalpLossBox(QGroupBox):
    """For alopecia areata: how much hair is lost, in plain words with a picture for each.

    Nothing is chosen until the person chooses; "I'm not sure" is an answer (it stays None in
    the answers, and the rules treat it as not known). Arrow keys move between the choices."""

    chosen = Signal(object)  # an extent id, or None for "I'm not sure"

    def __init__(self, parent=None):
        super().__init__("How much hair have you lost?", parent)
        accessible(self, "How much hair have you lost?")
        layout = QVBoxLayout(self)
        layout.addWidget(
            paragraph(
                "Think of all your bald patches together, and compare them with your whole "
                "scalp. Choose the picture that is closest."
            )
        )
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str | None, QRadioButton] = {}
        for key, text, picture, description in SCALP_LOSS_CHOICES:
            button = QRadioButton(wrapped(text, 30))
            button.words = text
            button.picture = picture
            accessible(button, text, description)
            self.group.addButton(button)
            self.buttons[key] = button
            button.toggled.connect(lambda on, k=key: self._toggled(k, on))
        self._columns = 0
        self._reflow(2)
        self.why = paragraph(
            "Why we ask: some medicines were tested and approved only for people who have lost "
            "half of their scalp hair or more. Other treatments are meant for small patches."
        )
        layout.addWidget(self.why)
        self._draw_pictures()

    def _toggled(self, key: str | None, on: bool) -> None:
        if on:
            self.chosen.emit(key)

    @property
    def answered(self) -> bool:
        return self.group.checkedButton() is not None

    def show_answer(self, extent: str | None) -> None:
        """Show ``extent`` (None: nothing chosen yet) without emitting ``chosen``."""
        self.group.setExclusive(False)
        for key, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(extent is not None and key == extent)
            button.blockSignals(False)
        self.group.setExclusive(True)

    def first_control(self) -> QRadioButton:
        return self.group.checkedButton() or self.buttons["less_than_half"]

    def _reflow(self, columns: int) -> None:
        """Two columns when there is room, one at large text sizes or in a narrow window."""
        if columns == self._columns:
            return
        self._columns = columns
        for i, button in enumerate(self.buttons.values()):
            self.grid.removeWidget(button)
            self.grid.addWidget(button, i // columns, i % columns)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._reflow(2 if self._two_columns_width() <= self.contentsRect().width() else 1)

    def _two_columns_width(self) -> int:
        fm = self.fontMetrics()
        text = max(
            fm.horizontalAdvance(line)
            for button in self.buttons.values()
            for line in wrapped(button.words, 30).split("\n")
        )
        one = fm.height() * 3 + self.picture_size().width() + text  # indicator, picture, words
        margins = self.layout().contentsMargins()
        return one * 2 + max(0, self.grid.horizontalSpacing()) + margins.left() + margins.right()

    def picture_size(self) -> QSize:
        side = self.fontMetrics().height() * 4
        return QSize(round(side * 1.1), side)

    def changeEvent(self, event):
        if event.type() in (QEvent.PaletteChange, QEvent.FontChange):
            self._draw_pictures()
        super().changeEvent(event)

    def _draw_pictures(self) -> None:
        size = self.picture_size()
        for button in getattr(self, "buttons", {}).values():
            button.setIconSize(size)
            button.setIcon(svg_icon(button.picture, size, self.palette(), self.devicePixelRatioF()))


class HairLossPage(StepPage):
    step = Step.HAIR_LOSS

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(
            paragraph(
                "Which picture looks most like your hair loss? Choose the closest one. This is not a "
                "diagnosis: only a doctor can tell for sure."
            )
        )
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
        self._reflow(1)  # widened to fit the room at the first resize
        # One Tab stop; the arrow keys move between the pictures and choose.
        self.keys = KeyGroup(
            list(self.cards.values()), columns=lambda: self._columns, select=True, parent=self
        )
        self.layout_.addLayout(self.grid)
        self._draw_pictures()
        self.extent = ScalpLossBox(self)  # alopecia areata only: asked just under the pictures
        self.extent.chosen.connect(self._extent_chosen)
        self.extent.hide()
        self.layout_.addWidget(self.extent)

        self.details = QGroupBox("About this kind of hair loss", self)
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
        self.doctor = Notice(
            "warning",
            "See a doctor soon",
            "You ticked a warning sign. Some kinds of hair loss need care quickly "
            "to stop lasting damage. You can still use this app, but please book a "
            "visit with a doctor soon.",
            parent=self.details,
        )
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
            # The room the scroll area shows (the page itself is as wide as its columns).
            parent = self.parentWidget()
            width = parent.width() if parent is not None else event.size().width()
            room = min(event.size().width(), width) - margins.left() - margins.right()
            self._reflow(max(1, min(4, room // max(1, need))))

    def _draw_pictures(self) -> None:
        for type_id, card in self.cards.items():
            card.set_picture(PICTURES.get(type_id, "not-sure"))

    def _choose(self, type_id: str) -> None:
        hl = self.catalogue.hair_loss_types.get(type_id)
        self.emit_choice("hair_loss_type")
        self.keys.update_stops()  # the chosen card is the group's Tab stop
        self._show_type(type_id, ())
        signs = hl.warning_signs if hl else ()
        changes = {"hair_loss_type": type_id}
        if type_id != SCALP_LOSS_TYPE:  # the extent is asked (and kept) for alopecia areata only
            self.extent.show_answer(None)
            changes["scalp_loss"] = None
        self.emit_change(
            **changes,
            warning_signs=tuple(s for s in self._checked_signs() if s in signs),
        )

    def _extent_chosen(self, extent: str | None) -> None:
        self.emit_change(scalp_loss=extent)

    def _show_type(self, type_id: str, checked: tuple[str, ...]) -> None:
        hl = self.catalogue.hair_loss_types.get(type_id)
        card = self.cards.get(type_id)
        if card is not None and not card.isChecked():
            card.setChecked(True)
        self.details.setVisible(hl is not None)
        self.extent.setVisible(hl is not None and type_id == SCALP_LOSS_TYPE)
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
                check = WrapCheckBox(sign)
                check.sign = sign
                accessible(check, sign, "A warning sign. Tick it if you have it.")
                check.toggled.connect(self._signs_changed)
                self.signs_box.addWidget(check)
                self.sign_checks.append(check)
            # Made after the Back/Next buttons: put them in reading order for Tab.
            previous = list(self.extent.buttons.values())[-1]  # the last control above them
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
        if "hair_loss_type" in self.chosen:
            self._show_type(answers.hair_loss_type, answers.warning_signs)
        else:  # nothing chosen for the person: no picture is ticked until they choose one
            self.group.setExclusive(False)
            for card in self.cards.values():
                card.setChecked(False)
            self.group.setExclusive(True)
            self.details.hide()
        self.extent.show_answer(answers.scalp_loss)
        self.keys.update_stops()

    def problem(self, answers):
        """Next waits for a kind of hair loss; for alopecia areata, also until the person says
        how much hair is lost (or that they are not sure)."""
        message = missing_answer(self.step, answers, self.chosen)
        if message:
            return message, self.first_control()
        if answers.hair_loss_type == SCALP_LOSS_TYPE and not self.extent.answered:
            return SCALP_LOSS_MISSING, self.extent.first_control()
        return "", None

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
        form.addWidget(
            paragraph(
                "Why we ask: some treatments are not tested in children or "
                "teenagers, and hair loss in young people should be checked by a "
                "doctor."
            ),
            row,
            1,
        )
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
        self.sex_keys = KeyGroup(list(self.sex_buttons.values()), select=True, parent=self)
        row += 1
        why = catalogue.conditions.get("female")
        why_text = (
            why.why_we_ask
            if why
            else (
                "Some medicines are only tested or approved for one sex, or can harm a baby in the womb."
            )
        )
        form.addWidget(
            paragraph(
                f'Why we ask: {why_text} Choose "Other" if neither fits; the app '
                'then applies the cautions for both sexes, as "Discuss with care".'
            ),
            row,
            1,
        )
        row += 1
        self.name = QLineEdit()
        self.name.setMaxLength(A.MAX_NAME)
        self.name.setPlaceholderText("Optional")
        accessible(
            self.name,
            "Your name (optional)",
            "Only printed on the summary you can take to your doctor. You can leave it empty.",
        )
        name_label = QLabel("&Your name:")
        name_label.setBuddy(self.name)
        form.addWidget(name_label, row, 0)
        form.addWidget(self.name, row, 1)
        row += 1
        form.addWidget(
            paragraph(
                "Optional. It is only printed on your summary, so your doctor knows whose it is."
            ),
            row,
            1,
        )
        form.setColumnStretch(1, 1)
        self.layout_.addLayout(form)
        self.age.valueChanged.connect(lambda v: self.emit_change(age=v or None))
        self.name.textChanged.connect(lambda t: self.emit_change(name=A.clean_text(t).strip()))

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
        self.sex_keys.update_stops()
        if A.clean_text(self.name.text()).strip() != answers.name:
            self.name.setText(answers.name)

    def problem(self, answers):
        message = missing_answer(self.step, answers, self.chosen)
        widget = self.age if answers.age is None else self.sex_buttons["male"]
        if not message and answers.name:  # what the PDF cannot print is refused here
            message = text_problem(answers.name, "Your name")
            widget = self.name
        return message, (widget if message else None)

    def first_control(self):
        return self.age


class HealthPage(StepPage):
    step = Step.HEALTH

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(
            paragraph(
                "Do any of these apply to you? Tick all that do. Some treatments are not safe with "
                'them. Press "Show why we ask" to see the reason for each item. In each group, '
                "the arrow keys move between items and Space ticks one."
            )
        )
        # One disclosure for the page, not one per item: a short way through with Tab.
        self.why_button = QPushButton("Show &why we ask")
        self.why_button.setCheckable(True)
        accessible(
            self.why_button,
            "Show why we ask",
            "Shows or hides the reason for every health question on this page.",
        )
        self.why_button.toggled.connect(self._why_toggled)
        why_row = QHBoxLayout()
        why_row.addWidget(self.why_button)
        why_row.addStretch(1)
        self.layout_.addLayout(why_row)
        top = FlowLayout()
        self.none_box = WrapCheckBox("N&one of these")
        accessible(
            self.none_box, "None of these", "Tick if none of the health questions apply to you."
        )
        self.unknown_box = WrapCheckBox("I &don't know about some of these")
        accessible(
            self.unknown_box,
            "I don't know",
            "Tick if you are not sure about some of these. Options that need a check will be "
            "marked to discuss with care.",
        )
        top.addWidget(self.none_box)
        top.addWidget(self.unknown_box)
        self.checks: dict[str, QCheckBox] = {}
        self.why_labels: dict[str, QLabel] = {}
        self.group_keys: list[KeyGroup] = []
        groups: dict[str, list] = {}
        for cond in catalogue.asked_conditions():
            groups.setdefault(cond.group, []).append(cond)
        order = {g: i for i, g in enumerate(GROUP_WORDS)}
        for group in sorted(groups, key=lambda g: order.get(g, len(order))):
            box = QGroupBox(GROUP_WORDS.get(group, group.replace("_", " ").capitalize()))
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 1)
            row = 0
            group_checks = []
            for cond in groups[group]:
                check = WrapCheckBox(cond.name)
                check.setToolTip(f"Why we ask: {cond.why_we_ask}")
                accessible(check, cond.name, f"Why we ask: {cond.why_we_ask}")
                reason = paragraph(f"Why we ask: {cond.why_we_ask}")
                reason.setIndent(self.fontMetrics().horizontalAdvance("    "))
                reason.hide()
                grid.addWidget(check, row, 0)
                grid.addWidget(reason, row + 1, 0)
                row += 2
                self.checks[cond.id] = check
                self.why_labels[cond.id] = reason
                group_checks.append(check)
                check.toggled.connect(self._conditions_changed)
            # Each group is one Tab stop; the arrow keys move inside it.
            self.group_keys.append(KeyGroup(group_checks, parent=self))
            self.layout_.addWidget(box)
        self.layout_.addLayout(top)
        self.none_box.toggled.connect(self._none_toggled)
        self.unknown_box.toggled.connect(self._unknown_toggled)

    def _why_toggled(self, on: bool) -> None:
        self.why_button.setText("Hide &why we ask" if on else "Show &why we ask")
        self.why_button.setAccessibleName("Hide why we ask" if on else "Show why we ask")
        for label in self.why_labels.values():
            label.setVisible(on)

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


class AmountSpinBox(QSpinBox):
    """Dollars, or "Not given" (the minimum, -1) until the person gives an amount."""

    NOT_GIVEN = -1

    def stepBy(self, steps: int) -> None:
        if self.value() == self.NOT_GIVEN and steps > 0:
            self.setValue(0)
            steps -= 1
        super().stepBy(steps)

    def focusInEvent(self, event):
        super().focusInEvent(event)
        if self.value() == self.NOT_GIVEN:
            QTimer.singleShot(0, self, self.selectAll)


class BudgetRow(QGroupBox):
    def __init__(
        self, title: str, explain: str, presets: tuple[int, ...], no_limit_text: str, parent=None
    ):
        super().__init__(title, parent)
        self.spin = AmountSpinBox()
        self.spin.setRange(AmountSpinBox.NOT_GIVEN, A.MAX_BUDGET_USD)
        self.spin.setSpecialValueText("Not given")
        self.spin.setPrefix("$")
        self.spin.setSingleStep(100)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setMinimumWidth(round(self.fontMetrics().horizontalAdvance("$10,000,000") * 1.4))
        accessible(self.spin, f"{title} in US dollars", explain)
        self.no_limit = QCheckBox(no_limit_text)
        accessible(
            self.no_limit,
            f"No limit for {title.lower()}",
            "Tick if cost does not matter to you. The amount is then ignored.",
        )
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
        presets_row = FlowLayout()
        presets_row.addWidget(QLabel("Quick choices:"))
        self.preset_buttons = []
        for value in presets:
            button = QPushButton(f"${value:,}")
            accessible(button, f"Set {title.lower()} to ${value:,}")
            button.clicked.connect(lambda _=False, v=value: self.set_amount(v))
            presets_row.addWidget(button)
            self.preset_buttons.append(button)
        self.preset_keys = KeyGroup(self.preset_buttons, parent=self)
        layout.addLayout(presets_row)
        self.no_limit.toggled.connect(lambda on: self.spin.setEnabled(not on))

    def set_amount(self, value: int) -> None:
        self.no_limit.setChecked(False)
        self.spin.setValue(value)

    def given(self) -> bool:
        """An amount or "No limit" is given."""
        return self.no_limit.isChecked() or self.spin.value() != AmountSpinBox.NOT_GIVEN

    def value(self) -> float | None:
        if self.no_limit.isChecked() or self.spin.value() == AmountSpinBox.NOT_GIVEN:
            return None
        return float(self.spin.value())

    def display(self, value: float | None, chosen: bool = True) -> None:
        self.no_limit.setChecked(chosen and value is None)
        self.spin.setEnabled(not self.no_limit.isChecked())
        self.spin.setValue(AmountSpinBox.NOT_GIVEN if value is None else round(value))


class BudgetPage(StepPage):
    step = Step.BUDGET

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(
            paragraph(
                "How much could you spend? Prices are in US dollars. This never hides an option: ones "
                "that cost more are shown with the reason."
            )
        )
        self.upfront = BudgetRow(
            "Up-front budget",
            "What you could pay at the start, for example "
            "for a procedure or a course of injections.",
            UPFRONT_PRESETS,
            "No &limit",
        )
        self.yearly = BudgetRow(
            "Yearly budget",
            "What you could keep paying every year, for example "
            "for a medicine you take for as long as it works.",
            YEARLY_PRESETS,
            "No l&imit",
        )
        self.layout_.addWidget(self.upfront)
        self.layout_.addWidget(self.yearly)
        for row in (self.upfront, self.yearly):
            row.spin.valueChanged.connect(self._changed)
            row.no_limit.toggled.connect(self._changed)

    def _changed(self, *_):
        for key, row in (("budget_upfront", self.upfront), ("budget_yearly", self.yearly)):
            if row.given():
                self.emit_choice(key)
        self.emit_change(
            budget=A.Budget(upfront_usd=self.upfront.value(), yearly_usd=self.yearly.value())
        )

    def _load(self, answers):
        self.upfront.display(answers.budget.upfront_usd, "budget_upfront" in self.chosen)
        self.yearly.display(answers.budget.yearly_usd, "budget_yearly" in self.chosen)

    def problem(self, answers):
        message = missing_answer(self.step, answers, self.chosen)
        row = self.upfront if "budget_upfront" not in self.chosen else self.yearly
        return message, (row.spin if message else None)

    def first_control(self):
        return self.upfront.spin if self.upfront.spin.isEnabled() else self.upfront.no_limit


class RiskPage(StepPage):
    step = Step.RISK

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(
            paragraph(
                "How much risk are you willing to take? Options above your level are still listed, "
                'under "Not for you", with the reason.'
            )
        )
        box = QGroupBox("Risk you are willing to take")
        col = QVBoxLayout(box)
        self.risk_group = QButtonGroup(self)
        self.risk_buttons: dict[str, QRadioButton] = {}
        for key, mnemonic in (("low", "&Low"), ("medium", "&Medium"), ("high", "H&igh")):
            level = rules.RISK_LEVELS[key]
            text = (
                level.label.replace(key.capitalize(), mnemonic, 1)
                if level.label.startswith(key.capitalize())
                else level.label
            )
            button = WrapRadioButton(text)
            accessible(button, level.label, level.description)
            self.risk_group.addButton(button)
            self.risk_buttons[key] = button
            col.addWidget(button)
            desc = paragraph(level.description)
            desc.setIndent(self.fontMetrics().horizontalAdvance("      "))
            col.addWidget(desc)
            button.toggled.connect(lambda on, k=key: self._risk_toggled(k, on))
        self.layout_.addWidget(box)
        self.risk_keys = KeyGroup(list(self.risk_buttons.values()), select=True, parent=self)
        prefs = QGroupBox("Your preferences")
        pcol = QVBoxLayout(prefs)
        self.pref_checks: dict[str, QCheckBox] = {}
        for key, text, desc in (
            (
                "avoid_injections",
                "I want to avoid n&eedles (injections)",
                "Options that use needles will be marked not for you.",
            ),
            (
                "avoid_surgery",
                "I want to avoid &surgery",
                "Surgery, such as a hair transplant, will be marked not for you.",
            ),
            (
                "daily_routine_ok",
                "A daily routine is &OK for me (for example a lotion or a tablet every day)",
                "If you untick this, options that need doing every day are marked to discuss with care.",
            ),
        ):
            check = WrapCheckBox(text)
            accessible(check, text.replace("&", ""), desc)
            check.toggled.connect(lambda on, k=key: self._pref(k, on))
            self.pref_checks[key] = check
            pcol.addWidget(check)
        self.layout_.addWidget(prefs)
        self._prefs = dict(A.PREFERENCE_DEFAULTS)

    def _risk_toggled(self, key: str, on: bool) -> None:
        if on:
            self.emit_choice("risk_tolerance")
            self.emit_change(risk_tolerance=key)

    def _pref(self, key: str, on: bool) -> None:
        self._prefs = {**self._prefs, key: on}
        self.emit_change(preferences=dict(self._prefs))

    def _load(self, answers):
        self._prefs = {**A.PREFERENCE_DEFAULTS, **answers.preferences}
        chosen = "risk_tolerance" in self.chosen  # no level is chosen for the person
        self.risk_group.setExclusive(False)
        for key, button in self.risk_buttons.items():
            button.setChecked(chosen and answers.risk_tolerance == key)
        self.risk_group.setExclusive(True)
        self.risk_keys.update_stops()
        for key, check in self.pref_checks.items():
            check.setChecked(bool(self._prefs.get(key)))

    def problem(self, answers):
        message = missing_answer(self.step, answers, self.chosen)
        return message, (self.first_control() if message else None)

    def first_control(self):
        return self.risk_group.checkedButton() or self.risk_buttons["low"]


class PrioritiesPage(StepPage):
    step = Step.PRIORITIES

    def __init__(self, catalogue, parent=None):
        super().__init__(catalogue, parent)
        self.layout_.addWidget(
            paragraph(
                "How much does each of these matter to you? From 1 (not important) to 5 (most "
                "important). This only changes the order of options inside each group; it never hides "
                "one."
            )
        )
        grid = QGridLayout()
        self.sliders: dict[str, QSlider] = {}
        self.value_labels: dict[str, QLabel] = {}
        for index, key in enumerate(A.PRIORITY_KEYS):
            row = 2 * index  # the words on a line of their own, the slider under them
            name = rules.PRIORITY_WORDS[key]
            label = QLabel(f"<b>{name}</b><br>{PRIORITY_HINTS.get(key, '')}")
            label.setWordWrap(True)
            slider = QSlider(Qt.Horizontal)
            slider.setRange(A.PRIORITY_MIN, A.PRIORITY_MAX)
            slider.setPageStep(1)
            slider.setTickPosition(QSlider.TicksBelow)
            slider.setTickInterval(1)
            slider.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
            accessible(
                slider,
                f"Importance of {name.lower()}",
                f"{PRIORITY_HINTS.get(key, '')}. From 1, not important, to 5, most important.",
            )
            label.setBuddy(slider)
            value = QLabel()
            value.setMinimumWidth(
                max(
                    self.fontMetrics().horizontalAdvance(f"5: {w}")
                    for w in IMPORTANCE_WORDS.values()
                )
                + 8
            )
            grid.addWidget(label, row, 0, 1, 2)
            grid.addWidget(slider, row + 1, 0)
            grid.addWidget(value, row + 1, 1)
            self.sliders[key] = slider
            self.value_labels[key] = value
            slider.valueChanged.connect(lambda v, k=key: self._changed(k, v))
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(self.fontMetrics().height() // 4)
        self.layout_.addLayout(grid)
        self._priorities = {k: A.DEFAULT_PRIORITY for k in A.PRIORITY_KEYS}

    def _show_value(self, key: str, value: int) -> None:
        words = f"{value}: {IMPORTANCE_WORDS.get(value, '')}"
        self.value_labels[key].setText(words)
        self.sliders[key].setAccessibleDescription(
            f"{PRIORITY_HINTS.get(key, '')}. Now {words}. From 1, not important, to 5, most important."
        )

    def _changed(self, key: str, value: int) -> None:
        self._show_value(key, value)
        self._priorities = {**self._priorities, key: value}
        self.emit_change(priorities=dict(self._priorities))

    def _load(self, answers):
        self._priorities = {k: A.DEFAULT_PRIORITY for k in A.PRIORITY_KEYS} | dict(
            answers.priorities
        )
        for key, slider in self.sliders.items():
            slider.setValue(self._priorities[key])
            self._show_value(key, self._priorities[key])

    def first_control(self):
        return self.sliders[A.PRIORITY_KEYS[0]]


PAGE_CLASSES = {
    page.step: page
    for page in (HairLossPage, AboutYouPage, HealthPage, BudgetPage, RiskPage, PrioritiesPage)
}
