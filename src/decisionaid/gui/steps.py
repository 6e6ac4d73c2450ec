"""The questionnaire's steps, shared by the wizard and its pages: their numbers and titles, the
help for each, the answers each must have before going on, the page base class, and which step
holds each answer (so that "change this answer" links go to the right page).

Step numbers (``Step``) are 0-based and are what ``ResultsPage.edit_answers(int)`` sends::

    0 WELCOME  1 HAIR_LOSS  2 ABOUT  3 HEALTH  4 BUDGET  5 RISK  6 PRIORITIES  7 RESULTS  8 DECIDE

The core (``rules``) names the answer behind each reason (``Reason.question``, a field of
``answers.Answers``); only this module knows on which page that answer is asked.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from decisionaid.gui.style import heading

if TYPE_CHECKING:
    from decisionaid import answers as A
    from decisionaid.models import Catalogue
    from decisionaid.rules import Reason


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
        "left off. Use File > Forget my answers to delete them."
    ),
    Step.HAIR_LOSS: (
        "Pick the picture that looks most like your hair loss. It does not need to match exactly. "
        'If none fit, or you are not sure, choose "not sure": that is a fine answer. With the '
        "keyboard, use the arrow keys to move between the pictures.\n\n"
        "This is not a diagnosis. A doctor can tell which kind you have, and the right options "
        "depend on it.\n\n"
        "Then tick any warning signs you have. If you tick one, please see a doctor soon."
    ),
    Step.ABOUT: (
        "We ask your age because some treatments are not tested in children or teenagers, and "
        "hair loss in young people should be checked by a doctor.\n\n"
        "We ask your sex because some medicines are only tested in men or in women, and some can "
        "harm an unborn baby.\n\n"
        "Your name is optional. It is only printed on the summary you can take to your doctor."
    ),
    Step.HEALTH: (
        "Tick everything that applies to you. Some treatments are not safe with certain health "
        "problems or medicines. We use your answers to mark those options.\n\n"
        'Press "Show why we ask" to see the reason for every item. Each group is one stop for '
        "Tab; the arrow keys move inside it and Space ticks.\n\n"
        'If you are not sure about some of them, tick "I don\'t know". Options that need a check '
        'will then be marked "Discuss with care".'
    ),
    Step.BUDGET: (
        "Up-front is what you could pay at the start, for example for a procedure. Yearly is what "
        "you could keep paying each year, for example for a medicine.\n\n"
        "Prices are in US dollars. Options that cost a lot more than your budget are marked "
        '"Not for you"; options just above it are marked "Discuss with care". You can still '
        "see all of them.\n\n"
        'Tick "No limit" if cost does not matter to you.'
    ),
    Step.RISK: (
        "Risk here means how much you are willing to try options that are less tested, not "
        "approved, or that go through the skin.\n\n"
        "Low keeps to well-tested, approved options. High also shows unproven options, such as "
        "stem-cell or exosome injections. Options above your level are still listed, under "
        '"Not for you", with the reason.\n\n'
        "You can also say if you want to avoid needles or surgery, or if a daily routine would be "
        "hard for you."
    ),
    Step.PRIORITIES: (
        "Rate how much each thing matters to you, from 1 (not important) to 5 (most important).\n\n"
        "This only changes the order of the options inside each group. It never hides an option, "
        "and the app never picks one best option for you."
    ),
    Step.RESULTS: (
        'Every option is shown in one of three groups: "Fits your answers", "Discuss with '
        'care" and "Not for you". Each option says why it is where it is.\n\n'
        "Doing nothing is always one of the options.\n\n"
        "To change an answer, use the buttons on this page or Back. Your options update at once. "
        "Use File > Export PDF to make a summary for your doctor."
    ),
    Step.DECIDE: (
        "These four questions (the SURE test) help you see if you are ready to decide. If you "
        'answer "no" to any of them, talk it over with your doctor or someone you trust.\n\n'
        'You do not have to decide today. When you are ready, press "Export my summary" to '
        "save a PDF to take to your doctor."
    ),
}


# The answers the person must choose themselves (no answer is chosen for them): the kind of hair
# loss, both budgets (an amount or "No limit") and the risk level. "I'm not sure" and "No limit"
# stay available, as deliberate choices.
CHOICES = {
    Step.HAIR_LOSS: ("hair_loss_type",),
    Step.BUDGET: ("budget_upfront", "budget_yearly"),
    Step.RISK: ("risk_tolerance",),
}
CHOICE_MESSAGES = {
    "hair_loss_type": 'Please choose the picture closest to your hair loss, or "I\'m not sure", '
    "to go on.",
    "budget_upfront": 'Please give an up-front amount, or tick "No limit", to go on.',
    "budget_yearly": 'Please give a yearly amount, or tick "No limit", to go on.',
    "risk_tolerance": "Please choose how much risk you are willing to take (low, medium or high) "
    "to go on.",
}
ALL_CHOICES = frozenset(key for keys in CHOICES.values() for key in keys)


def missing_answer(step: Step, answers: A.Answers, chosen=None) -> str:
    """What must be answered on ``step`` before going on ('' if nothing). Age and sex are
    always required; with ``chosen`` (the choices the person has made, see ``CHOICES``) so are
    the type of hair loss, the budgets and the risk level. Needs no page, so checking every step
    before the results does not build the pages."""
    if step == Step.ABOUT:
        if answers.age is None:
            return "Please give your age (1 to 120) to go on."
        if answers.sex is None:
            return "Please choose male, female or other to go on."
    if chosen is not None:
        for key in CHOICES.get(step, ()):
            if key not in chosen:
                return CHOICE_MESSAGES[key]
    return ""


def chosen_before(step: int | None, answers: A.Answers) -> set[str]:
    """The choices to count as made when answers come from a file or the autosave: every one
    for a finished questionnaire (``step`` None or the results), else those of the steps
    already passed, and any answer that differs from the blank one."""
    if step is None or step >= Step.RESULTS:
        return set(ALL_CHOICES)
    out = {key for s, keys in CHOICES.items() if s < step for key in keys}
    if answers is None:
        return out
    if answers.hair_loss_type != "unsure":
        out.add("hair_loss_type")
    if answers.budget.upfront_usd is not None:
        out.add("budget_upfront")
    if answers.budget.yearly_usd is not None:
        out.add("budget_yearly")
    if answers.risk_tolerance != "medium":
        out.add("risk_tolerance")
    return out


# --- the pages ----------------------------------------------------------------------------


class StepPage(QWidget):
    """One questionnaire step. It shows answers and reports changes; it never keeps them."""

    changed = Signal(dict)  # keyword arguments for Answers.with_changes
    chose = Signal(str)  # a key of CHOICES: the person made that choice
    step: Step = Step.WELCOME

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        self._loading = False
        self.chosen: set[str] = set()  # shared with the wizard: the choices made so far
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

    def emit_choice(self, key: str) -> None:
        if not self._loading:
            self.chosen.add(key)
            self.chose.emit(key)

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
        return missing_answer(self.step, answers, self.chosen), None

    def first_control(self) -> QWidget | None:
        return None


# --- where each answer is asked ---------------------------------------------------------------

# Each answer (a field of ``answers.Answers``, as ``Reason.question`` names it) -> its step.
QUESTION_STEP = {
    "hair_loss_type": Step.HAIR_LOSS,
    "scalp_loss": Step.HAIR_LOSS,
    "warning_signs": Step.HAIR_LOSS,
    "age": Step.ABOUT,
    "sex": Step.ABOUT,
    "name": Step.ABOUT,
    "conditions": Step.HEALTH,
    "conditions_unknown": Step.HEALTH,
    "budget": Step.BUDGET,
    "risk_tolerance": Step.RISK,
    "preferences": Step.RISK,
    "priorities": Step.PRIORITIES,
}
# The results page's "Change my answers" links: step -> its short label.
EDIT_STEPS = (
    (Step.HAIR_LOSS, "Hair loss"),
    (Step.ABOUT, "About you"),
    (Step.HEALTH, "Health"),
    (Step.BUDGET, "Budget"),
    (Step.RISK, "Risk and preferences"),
    (Step.PRIORITIES, "What matters"),
)


def reason_step(reason: Reason) -> Step | None:
    """The step where the answer behind a reason can be changed (None: no answer changes it)."""
    return QUESTION_STEP.get(reason.question)
