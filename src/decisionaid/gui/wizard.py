"""The questionnaire: nine steps with Back / Next, a step indicator and help on every page.

The answers live in one domain object (``answers.Answers``). Every change a page reports becomes
a new ``Answers`` through ``with_changes``; the pages only show it. When the results are on
screen, a change recomputes ``rules.recommend`` at once.

The steps themselves (numbers, titles, help, the page base class) are in ``gui/steps.py``,
shared with the question pages (``gui/questions.py``).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut

# Classes only used after the first paint (Page Up/Down, the Tab order) are imported where they
# are used: PySide makes each Qt class on first touch, about a millisecond each.
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.gui.steps import (
    ALL_CHOICES,
    HELP,
    QUESTION_STEPS,
    STEP_COUNT,
    STEP_TITLES,
    Step,
    StepPage,
    chosen_before,
    missing_answer,
)
from decisionaid.gui.style import (
    FocusRing,
    Notice,
    accessible,
    heading,
    paragraph,
    scrolling,
)
from decisionaid.vocabulary import SCALP_LOSS_TYPE

if TYPE_CHECKING:
    from decisionaid import answers as A
    from decisionaid import rules
    from decisionaid.models import Catalogue


class WelcomePage(StepPage):
    step = Step.WELCOME

    def __init__(self, catalogue=None, parent=None):
        super().__init__(catalogue, parent)
        self.title.setText("Welcome to DecisionAid")
        sections = [
            (
                "What this app does",
                "It helps you think through the options for hair loss: medicines, devices, surgery, "
                "wigs, stem-cell and exosome injections, and doing nothing. For each one it shows how "
                "sure we can be that it works, what harm it can do, and what it costs. At the end you "
                "can save a summary to take to your doctor.",
            ),
            (
                "What it does not do",
                "It does not diagnose your hair loss. It does not pick one best option for you. It "
                "does not replace a doctor: it helps you talk with one.",
            ),
            (
                "Who made it",
                "The DecisionAid developers, an open-source project. No company that sells a "
                "hair-loss treatment paid for it or had any say in it. We earn nothing from any "
                "option.",
            ),
            ("The facts it uses", ""),
            (
                "Your answers stay here",
                "Your answers stay on this computer. The app never uses the internet. You can delete "
                "your answers at any time with File > Forget my answers.",
            ),
        ]
        texts = {}
        for title, text in sections:
            self.layout_.addWidget(heading(title, 1.1))
            texts[title] = paragraph(text)
            self.layout_.addWidget(texts[title])
        self.facts = texts["The facts it uses"]
        self.layout_.addSpacing(self.fontMetrics().height())
        self.layout_.addWidget(
            paragraph("It takes about 10 minutes. Press Start (or Enter) to begin.")
        )
        from importlib import import_module  # gui/offer.py loads on the first click, not at start

        offer = QPushButton("I have an &offer from a clinic\u2026")
        offer.setAccessibleName("I have an offer from a clinic")
        offer.setAccessibleDescription("Paste a clinic's offer and see which claims to question.")
        offer.clicked.connect(
            lambda: import_module("decisionaid.gui.offer").open_offer_checker(self)
        )
        self.layout_.addWidget(offer, 0, Qt.AlignLeft)
        self.show_catalogue(catalogue)

    def show_catalogue(self, catalogue: Catalogue | None) -> None:
        """The catalogue line: the app shows this page before the catalogue has finished opening."""
        self.catalogue = catalogue
        if catalogue is None:
            text = "Opening the catalogue of treatments\u2026"
        else:
            meta = catalogue.meta
            text = (
                f"Catalogue version {meta.version or 'unknown'}, last reviewed "
                f"{meta.reviewed or 'unknown'}. Every fact links to its source. "
                "See View > About this catalogue."
            )
        self.facts.setText(text)
        self.facts.setAccessibleName(text[:80])


# --- the wizard ---------------------------------------------------------------------------


class Wizard(QWidget):
    """All steps, the navigation and the one ``Answers`` object."""

    # Set by gui.app.run_app while the first window is built: the Tab order (a walk over every
    # widget) is then made just after the first paint, not before it (Startup.finish).
    hold_tab_order = False

    answers_changed = Signal(object)  # a new Answers
    step_changed = Signal(int)
    export_requested = Signal()

    def __init__(self, catalogue: Catalogue | None, answers: A.Answers | None = None, parent=None):
        """``catalogue`` may come later (``set_catalogue``): the app shows the welcome page first
        and opens the catalogue just after, so the window appears sooner."""
        super().__init__(parent)
        self.catalogue = catalogue
        self._answers = answers  # None: empty answers are made on first use (see _answers)
        self._chosen: set[str] = chosen_before(None if answers else Step.WELCOME, answers)
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
        accessible(
            self.help_button,
            "Help for this step",
            "Shows or hides help for this step. Shortcut F1.",
        )
        header.addWidget(self.step_label, 1)
        header.addWidget(self.progress)
        header.addWidget(self.help_button)
        outer.addLayout(header)

        middle = QHBoxLayout()
        self.stack = QStackedWidget()
        # Question pages are built the first time they are needed (``page()``): building all of
        # them up front would delay the first window.
        self._pages: dict[Step, StepPage] = {}
        self._scrolls: dict[Step, QScrollArea] = {}
        self.page(Step.WELCOME)
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

        self._problem_notice: Notice | None = None  # made on first use: it loads the style's icons
        self._notice_slot = QVBoxLayout()
        self._notice_slot.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._notice_slot)

        nav = QHBoxLayout()
        self.back_button = QPushButton("< &Back")
        accessible(self.back_button, "Back", "Go to the previous step. Your answers are kept.")
        self.to_results_button = QPushButton("Back to your &options")
        accessible(
            self.to_results_button,
            "Back to your options",
            "Go straight back to your options, updated with your changes.",
        )
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

        # Page Up / Page Down scroll the page from the keyboard (the scroll areas are not Tab
        # stops), unless the focused control uses those keys itself.
        for key, action in (
            (Qt.Key_PageDown, "SliderPageStepAdd"),
            (Qt.Key_PageUp, "SliderPageStepSub"),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda a=action: self._scroll_page(a))

        self._help_wanted = {True: True, False: False}  # per kind of page: questions / results
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        self._focus_pending = True
        self._show_step(Step.WELCOME)
        self.set_catalogue(catalogue)

    def showEvent(self, event):
        super().showEvent(event)
        if not Wizard.hold_tab_order:  # at start-up: just after the first paint (Startup.finish)
            FocusRing.install(self.window())
        if self._focus_pending:
            self._focus_pending = False
            self._focus_first()

    def _focus_first(self) -> None:
        if self._step < Step.RESULTS:
            control = self.page(self._step).first_control() or self.next_button
            QTimer.singleShot(
                0,
                control,
                lambda c=control: c.setFocus(Qt.TabFocusReason) if c.isVisible() else None,
            )

    # --- state ----------------------------------------------------------------------------
    @property
    def _answers(self) -> A.Answers | None:
        """The answers, made empty on first use once the catalogue is open: the answers module
        is not needed for the window to be ready (the welcome page asks nothing)."""
        if self._kept_answers is None and self.catalogue is not None:
            from decisionaid.answers import Answers

            self._kept_answers = Answers()
        return self._kept_answers

    @_answers.setter
    def _answers(self, answers: A.Answers | None) -> None:
        self._kept_answers = answers

    @property
    def answers(self) -> A.Answers | None:
        """The answers; None only in the moment before the catalogue is open (nothing can
        change them then: the question pages and the file actions wait for it)."""
        return self._answers

    @property
    def step(self) -> Step:
        return self._step

    @property
    def result(self) -> rules.Result | None:
        return self._result

    def current_result(self) -> rules.Result:
        """The options for the answers as they are now (fresh: for export)."""
        from decisionaid import rules

        return rules.recommend(self._answers, self.catalogue)

    @property
    def problem_notice(self) -> Notice:
        """The "Please answer this first" box under the page."""
        if self._problem_notice is None:
            self._problem_notice = Notice("info", "", parent=self)
            self._problem_notice.hide()
            self._notice_slot.addWidget(self._problem_notice)
        return self._problem_notice

    def _notice_showing(self) -> bool:
        return self._problem_notice is not None and self._problem_notice.isVisible()

    def _hide_notice(self) -> None:
        if self._problem_notice is not None:
            self._problem_notice.hide()

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Give the wizard its catalogue (once). Until then only the welcome page is usable."""
        if catalogue is not None and self.catalogue is not None and catalogue is not self.catalogue:
            raise ValueError("the wizard already has a catalogue")
        self.catalogue = catalogue
        self._pages[Step.WELCOME].show_catalogue(catalogue)
        self.next_button.setEnabled(catalogue is not None)
        if catalogue is not None and self.isVisible():
            self._focus_first()  # Start could not take the focus while it was off

    @property
    def ready(self) -> bool:
        return self.catalogue is not None

    def page(self, step: Step) -> StepPage:
        """The question page for ``step``, built on first use (needs the catalogue)."""
        step = Step(step)
        page = self._pages.get(step)
        if page is None:
            if step == Step.WELCOME:
                page = WelcomePage(self.catalogue)
            else:
                if step >= Step.RESULTS:  # a holder of results or of the decision, not a page
                    raise ValueError(
                        f"{step.name} has no question page: use results_page or decide_page"
                    )
                if self.catalogue is None:
                    raise RuntimeError("the catalogue is not open yet")
                from decisionaid.gui.questions import (
                    PAGE_CLASSES,
                )  # not needed for the first window

                page = PAGE_CLASSES[step](self.catalogue, self.stack)
                page.chosen = self._chosen
                page.load(self._answers)
            page.chosen = self._chosen
            page.changed.connect(self._apply)
            page.chose.connect(self._chose)
            # Pages reflow to the width (no sideways scrolling); no Tab stop: Page Up/Down scroll.
            area = scrolling(page, wrap=True, parent=self.stack)
            for key in (Qt.Key_Return, Qt.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), area)
                shortcut.setContext(Qt.WidgetWithChildrenShortcut)
                shortcut.activated.connect(self.go_next)
            self._pages[step] = page
            self._scrolls[step] = area
            self.stack.addWidget(area)
        return page

    def scroll_area(self, step: Step) -> QScrollArea:
        self.page(step)
        return self._scrolls[Step(step)]

    @property
    def pages(self) -> list[StepPage]:
        """Every question page, building any not built yet (for tests and checks)."""
        return [self.page(step) for step in QUESTION_STEPS]

    @property
    def scrolls(self) -> list[QScrollArea]:
        return [self.scroll_area(step) for step in QUESTION_STEPS]

    @property
    def chosen(self) -> frozenset[str]:
        """The choices (``CHOICES``) the person has made."""
        return frozenset(self._chosen)

    def set_answers(
        self, answers: A.Answers, step: int | None = None, chosen: bool | None = None
    ) -> None:
        """Replace every answer (open a file, resume, start over). ``chosen``: count every
        choice as made (True), none (False), or judge from ``step`` (None, see chosen_before)."""
        self._answers = answers
        self._chosen.clear()
        if chosen is None:
            self._chosen.update(chosen_before(step, answers))
        elif chosen:
            self._chosen.update(ALL_CHOICES)
        self._results_dirty = True
        for page in self._pages.values():  # pages not built yet load the answers when built
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
            if self._notice_showing() and self._step < Step.RESULTS:
                # An answer that changes nothing ("I'm not sure") may be the one asked for.
                if not self.page(self._step).problem(new)[0]:
                    self._hide_notice()
            return
        self._answers = new
        if set(changes) - {"compare", "decision", "name", "viewed"}:
            self._results_dirty = True
        if self._notice_showing() and self._step < Step.RESULTS:
            message, _ = self.page(self._step).problem(new)
            if message:
                self.problem_notice.set_text("Please answer this first", message)
            else:
                self._hide_notice()
        self.answers_changed.emit(new)
        if self._step == Step.RESULTS and self._results_dirty:
            self._refresh_results()
        self._schedule_order()  # a page may have made new controls (warning signs, cards)

    def _chose(self, key: str) -> None:
        self._chosen.add(key)
        if self._notice_showing() and self._step < Step.RESULTS:
            message, _ = self.page(self._step).problem(self._answers)
            if message:
                self.problem_notice.set_text("Please answer this first", message)
            else:
                self._hide_notice()

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
        if step > Step.WELCOME and not self.ready:
            return  # the catalogue is still opening (a fraction of a second after start-up)
        if step >= Step.RESULTS:
            for earlier in QUESTION_STEPS:
                if missing_answer(earlier, self._answers, self._chosen):
                    self._show_step(earlier)
                    self._check(earlier)
                    return
            if self._extent_unasked():
                self.editing_from_results = True  # "Back to results" once it is answered
                self._show_step(Step.HAIR_LOSS)
                self._check(Step.HAIR_LOSS)
                return
            self.editing_from_results = False
        self._show_step(step)

    def _extent_unasked(self) -> bool:
        """Alopecia areata with no extent that the person has not been asked about (an opened
        file or a draft from before the question existed). "I'm not sure" is an answer but is
        None in the answers, so only the page knows whether it was given."""
        answers = self._answers
        if answers.hair_loss_type != SCALP_LOSS_TYPE or answers.scalp_loss is not None:
            return False
        return bool(self.page(Step.HAIR_LOSS).problem(answers)[0])

    def _check(self, step: Step) -> bool:
        message, widget = self.page(step).problem(self._answers)
        if not message:
            self._hide_notice()
            return True
        self.problem_notice.set_text("Please answer this first", message)
        self.problem_notice.show()
        if widget is not None:
            widget.setFocus(Qt.OtherFocusReason)
            self.scroll_area(step).ensureWidgetVisible(widget)
        return False

    def _show_step(self, step: Step) -> None:
        changed = step != self._step
        self._step = step
        self._hide_notice()
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
            self.stack.setCurrentWidget(self.scroll_area(step))
        title = STEP_TITLES[step]
        self.step_label.setText(f"Step {int(step) + 1} of {STEP_COUNT}: {title}")
        self.step_label.setAccessibleName(self.step_label.text())
        self.progress.setUpdatesEnabled(False)  # painted with the rest of the step, not now
        self.progress.setValue(int(step) + 1)
        self.progress.setUpdatesEnabled(True)
        self.progress.setAccessibleDescription(self.step_label.text())
        self.help_text.setText(HELP[step])
        question = step < Step.RESULTS
        self.help_button.blockSignals(True)
        self.help_button.setChecked(self._help_wanted[question])
        self.help_button.blockSignals(False)
        self.help_panel.setVisible(self._help_wanted[question])
        self.back_button.setEnabled(step > Step.WELCOME)
        self.back_button.setVisible(
            step != Step.RESULTS or self.results_page.stack.currentIndex() == 0
        )
        self.to_results_button.setVisible(self.editing_from_results and question)
        self.next_button.setVisible(step < Step.DECIDE)
        self.next_button.setText(
            {
                Step.WELCOME: "&Start >",
                Step.PRIORITIES: "&See my options >",
                Step.RESULTS: "&Next: Before you decide >",
            }.get(step, "&Next >")
        )
        self.next_button.setAccessibleName(self.next_button.text().replace("&", "").rstrip(" >"))
        if question:
            self.scroll_area(step).verticalScrollBar().setValue(0)
            if changed:
                self._focus_first()
        self.order_tabs()
        if changed:
            self.step_changed.emit(int(step))

    def _scroll_page(self, action: str) -> None:
        from PySide6.QtWidgets import (
            QAbstractItemView,
            QAbstractSlider,
            QAbstractSpinBox,
            QPlainTextEdit,
        )

        action = getattr(QAbstractSlider.SliderAction, action)
        focus = QApplication.focusWidget()
        if focus is not None and (
            isinstance(
                focus, (QAbstractSpinBox, QAbstractSlider, QAbstractItemView, QPlainTextEdit)
            )
        ):
            return
        areas = [a for a in self.stack.currentWidget().findChildren(QScrollArea) if a.isVisible()]
        if isinstance(self.stack.currentWidget(), QScrollArea):
            areas.insert(0, self.stack.currentWidget())
        if focus is not None:  # the area holding the focus, else the first one shown
            holding = [a for a in areas if a.isAncestorOf(focus)]
            areas = holding[-1:] or areas
        if areas:
            areas[0].verticalScrollBar().triggerAction(action)

    # --- reading order for Tab ------------------------------------------------------------
    def tab_stops(self, members: bool = False) -> list[QWidget]:
        """The window's Tab stops in order (for ``order_tabs`` and the accessibility tests).
        ``members``: also the controls of arrow-key groups that are not the group's stop now,
        so that ordering keeps them beside it (the stop moves when the choice changes)."""
        # Compared as ints: the flag operators of Qt's enums cost more than the walk itself.
        wanted = (Qt.TabFocus | Qt.ClickFocus if members else Qt.TabFocus).value
        window = self.window()
        out, widget = [], window.nextInFocusChain()
        while widget is not window and widget is not None and len(out) < 20_000:
            if widget.focusPolicy().value & wanted and widget.focusProxy() is None:
                out.append(widget)
            widget = widget.nextInFocusChain()
        return out

    def order_tabs(self) -> None:
        """Tab follows the reading order: the toolbar, Help, the page from top to bottom, its
        own bar of actions, then Back and Next. (Pages and cards are built late, so Qt's
        order, which is the order of creation, would put them after Next.)"""
        if Wizard.hold_tab_order:
            self._order_pending = True
            return
        self._order_pending = False
        from PySide6.QtWidgets import QToolBar

        window = self.window()
        toolbar_stops = []
        for toolbar in window.findChildren(QToolBar):
            for action in toolbar.actions():
                button = toolbar.widgetForAction(action)
                if isinstance(button, QToolButton):
                    button.setFocusPolicy(Qt.TabFocus)  # the toolbar is reachable by Tab
                    button.setAccessibleName(action.text().replace("&", "").rstrip("\u2026."))
                    button.setAccessibleDescription(action.toolTip())
                    toolbar_stops.append(button)
        stops = self.tab_stops()
        nav = [self.back_button, self.to_results_button, self.next_button]
        page = [w for w in self.tab_stops(members=True) if self.stack.isAncestorOf(w)]
        if self.results_page is not None:
            inside = [w for w in page if self.results_page.isAncestorOf(w)]
            inside_set = set(inside)
            page = self.results_page.tab_order(inside) + [w for w in page if w not in inside_set]
        placed = set(toolbar_stops) | set(nav) | set(page) | {self.help_button}
        rest = [w for w in stops if w not in placed]
        order = [*toolbar_stops, self.help_button, *page, *rest, *nav]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _schedule_order(self) -> None:
        if not getattr(self, "_order_pending", False):
            self._order_pending = True
            QTimer.singleShot(0, self, self.order_tabs)

    def _help_toggled(self, on: bool) -> None:
        self._help_wanted[self._step < Step.RESULTS] = on
        self.help_panel.setVisible(on)

    def _focus_changed(self, _old, new) -> None:
        # Keyboard users: keep the focused control in view inside long pages.
        if new is None or self._step >= Step.RESULTS:
            return
        area = self._scrolls.get(self._step)
        if area is not None and area.isAncestorOf(new):
            area.ensureWidgetVisible(new, 20, 20)

    # --- results --------------------------------------------------------------------------
    def _ensure_results_pages(self) -> None:
        if self.results_page is not None:
            return
        from decisionaid.gui.decide import DecidePage
        from decisionaid.gui.results import ResultsPage

        page, decide = ResultsPage(), DecidePage()
        self.results_page, self.decide_page = page, decide
        self.results_holder.layout().addWidget(page)
        self.decide_holder.layout().addWidget(decide)
        page.edit_answers.connect(self.edit_step)
        # One Back on an option's details or the comparison: the page's own "Back to all
        # options" (the step's Back would leave the results altogether).
        page.view_changed.connect(
            lambda view: self.back_button.setVisible(
                view == page.OVERVIEW or self._step != Step.RESULTS
            )
        )
        page.export_pdf.connect(self.export_requested)
        page.compare_changed.connect(lambda ids: self._apply({"compare": tuple(ids)[:4]}))
        decide.decision_changed.connect(lambda d: self._apply({"decision": d}))
        decide.result_provider = self.current_result  # the export step
        page.option_viewed.connect(
            lambda tid: self._apply({"viewed": tuple(dict.fromkeys((*self._answers.viewed, tid)))})
        )

    def _refresh_results(self) -> None:
        from decisionaid import rules

        self._ensure_results_pages()
        self._result = rules.recommend(self._answers, self.catalogue)
        self._results_dirty = False
        self.results_page.set_result(self._result)
        self._schedule_order()
        wanted = list(self._answers.compare)
        if (
            hasattr(self.results_page, "set_compare_ids")
            and self.results_page.compare_ids() != wanted
        ):
            self.results_page.set_compare_ids(wanted)


def all_controls(widget: QWidget) -> list[QWidget]:
    """Every interactive control under ``widget`` (for accessibility checks)."""
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QSlider, QSpinBox

    kinds = (QAbstractButton, QSpinBox, QSlider, QLineEdit)
    return [w for w in widget.findChildren(QWidget) if isinstance(w, kinds)]
