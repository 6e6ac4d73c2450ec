"""Fixtures for the app shell and questionnaire: windows, sample patients, and a walker that
answers every step through the real widgets (clicks and values, as a person would)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from decisionaid.paths import BUNDLED_CATALOGUE


@dataclass
class Patient:
    label: str
    hair_loss_type: str
    age: int
    sex: str
    conditions: tuple[str, ...] = ()
    unknown: bool = False
    none_of_these: bool = False
    signs: int = 0  # tick the first N warning signs
    upfront: int | None = None  # None: no limit
    yearly: int | None = None
    risk: str = "medium"
    avoid_injections: bool = False
    avoid_surgery: bool = False
    daily_routine_ok: bool = True
    priorities: dict = field(default_factory=dict)
    name: str = ""
    scalp_loss: str | None = None  # alopecia areata: the extent chosen (None: "I'm not sure")


PATIENTS = [
    Patient(
        "pregnant woman, female pattern",
        "female_pattern",
        31,
        "female",
        conditions=("pregnant",),
        upfront=2_000,
        yearly=300,
        risk="low",
        priorities={"side_effects": 5, "evidence": 4},
        name="Ana",
    ),
    Patient(
        "man on blood thinners",
        "male_pattern",
        58,
        "male",
        conditions=("anticoagulants",),
        upfront=10_000,
        yearly=1_000,
        risk="medium",
        avoid_surgery=True,
        priorities={"cost": 1, "permanence": 5},
    ),
    Patient(
        "teenager with patchy loss",
        "alopecia_areata",
        15,
        "other",
        none_of_these=True,
        signs=1,
        upfront=500,
        yearly=300,
        risk="low",
        avoid_injections=True,
        daily_routine_ok=False,
        scalp_loss="less_than_half",
    ),
    Patient(
        "not sure",
        "unsure",
        40,
        "male",
        unknown=True,
        risk="high",
        priorities={"speed": 5, "evidence": 2},
    ),
]


@pytest.fixture(params=PATIENTS, ids=lambda p: p.label)
def patient(request) -> Patient:
    """Each kind of sample patient in turn."""
    return request.param


@pytest.fixture(
    params=[
        pytest.param(p, marks=[] if i == 0 else [pytest.mark.slow]) for i, p in enumerate(PATIENTS)
    ],
    ids=lambda p: p.label,
)
def real_walk_patient(request) -> Patient:
    """The sample patients for walks on the real catalogue: the first (pregnant, female pattern)
    in the default run, the others slow (the synthetic walks take every patient, and
    tests/test_patient_cases.py checks each one's rules on the real catalogue)."""
    return request.param


@pytest.fixture
def shell():
    """The helpers below, for tests (test modules here are not a package)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        PATIENTS=PATIENTS,
        Patient=Patient,
        walk=walk,
        answer_step=answer_step,
        expected_answers=expected_answers,
    )


@pytest.fixture
def make_window(qtbot, synthetic_catalogue):
    """Build main windows (several per test when needed: a 'crash' and a restart)."""
    from decisionaid.gui.main_window import MainWindow

    made = []  # strong references: a window must not be garbage-collected mid-test

    def make(catalogue=None, autosave=True):
        window = MainWindow(catalogue or synthetic_catalogue, autosave=autosave)
        qtbot.addWidget(window)
        made.append(window)
        window.resize(1024, 700)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    qtbot.wait(10)  # let pending single-shot timers run while the widgets still exist
    import shiboken6

    for window in made:
        if shiboken6.isValid(window):
            window.autosave_enabled = False
            window.close()
    qtbot.wait(1)


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture(scope="session")
def real_catalogue():
    """The bundled catalogue, opened (and verified) once: nothing changes a Catalogue."""
    if not BUNDLED_CATALOGUE.exists():
        pytest.skip("the bundled catalogue has not been built")
    from decisionaid.catalogue import open_catalogue

    return open_catalogue()


def answer_step(wizard, step, patient: Patient) -> None:
    """Answer one questionnaire step for ``patient`` through its widgets."""
    from decisionaid.gui.wizard import Step

    page = wizard.page(step)
    if step == Step.HAIR_LOSS:
        page.cards[patient.hair_loss_type].click()
        if patient.hair_loss_type == "alopecia_areata":
            page.extent.buttons[patient.scalp_loss].click()
        for check in page.sign_checks[: patient.signs]:
            check.click()
    elif step == Step.ABOUT:
        page.age.setValue(patient.age)
        page.sex_buttons[patient.sex].click()
        page.name.setText(patient.name)
    elif step == Step.HEALTH:
        if patient.none_of_these:
            page.none_box.click()
        for cid in patient.conditions:
            page.checks[cid].click()
        if patient.unknown:
            page.unknown_box.click()
    elif step == Step.BUDGET:
        for row, value in ((page.upfront, patient.upfront), (page.yearly, patient.yearly)):
            if value is None:
                if not row.no_limit.isChecked():
                    row.no_limit.click()
            else:
                row.set_amount(value)
    elif step == Step.RISK:
        page.risk_buttons[patient.risk].click()
        for key, wanted in (
            ("avoid_injections", patient.avoid_injections),
            ("avoid_surgery", patient.avoid_surgery),
            ("daily_routine_ok", patient.daily_routine_ok),
        ):
            if page.pref_checks[key].isChecked() != wanted:
                page.pref_checks[key].click()
    elif step == Step.PRIORITIES:
        for key, value in patient.priorities.items():
            page.sliders[key].setValue(value)


def walk(wizard, patient: Patient, until=None):
    """From the welcome step to the results (or ``until``), pressing Next after each step."""
    from decisionaid.gui.wizard import QUESTION_STEPS, Step

    until = Step.RESULTS if until is None else until
    assert wizard.step == Step.WELCOME
    for step in QUESTION_STEPS:
        if step >= until:
            break
        answer_step(wizard, step, patient)
        wizard.next_button.click()
        assert wizard.step == step + 1, wizard.problem_notice.body.text()
    return wizard


def expected_answers(patient: Patient):
    """The Answers the walk should produce."""
    from decisionaid.answers import DEFAULT_PRIORITY, PRIORITY_KEYS, Answers, Budget

    return Answers(
        hair_loss_type=patient.hair_loss_type,
        scalp_loss=patient.scalp_loss,
        age=patient.age,
        sex=patient.sex,
        budget=Budget(
            None if patient.upfront is None else float(patient.upfront),
            None if patient.yearly is None else float(patient.yearly),
        ),
        risk_tolerance=patient.risk,
        conditions=tuple(patient.conditions),
        conditions_unknown=patient.unknown,
        preferences={
            "avoid_surgery": patient.avoid_surgery,
            "avoid_injections": patient.avoid_injections,
            "daily_routine_ok": patient.daily_routine_ok,
        },
        priorities={k: patient.priorities.get(k, DEFAULT_PRIORITY) for k in PRIORITY_KEYS},
        name=patient.name,
    )


@pytest.fixture
def shown():
    """The one visible window (dialogs included) whose title contains ``title``: tests find
    what the app opened as a person would, by its title."""
    from PySide6.QtWidgets import QApplication

    def find(title: str):
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        found = [w for w in windows if title in w.windowTitle()]
        assert len(found) == 1, (title, [w.windowTitle() for w in windows])
        return found[0]

    return find


@pytest.fixture
def messages(monkeypatch):
    """Record message boxes (critical, warning, information, about) instead of showing them:
    a modal box would wait forever in an offscreen test."""
    from PySide6.QtWidgets import QMessageBox

    seen = []

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return QMessageBox.Ok

        return show

    for kind in ("critical", "warning", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return seen


@pytest.fixture
def app_run(qapp):
    """Run ``run_app`` with the real event loop, a safety timer so a test can never hang, and
    every window it made closed (main windows also deleted) afterwards."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from decisionaid.gui import app as app_module

    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(lambda: qapp.exit(99))

    def run(**kwargs) -> int:
        safety.start(15000)
        try:
            return app_module.run_app(**kwargs)
        finally:
            safety.stop()

    yield run
    for window in QApplication.topLevelWidgets():
        if type(window).__name__ == "MainWindow":
            window.autosave_enabled = False
            window.close()
            window.deleteLater()
        elif window.isVisible():
            window.close()
    # Quitting can leave a Quit event posted; delivered outside exec() it would make every later
    # event loop (the next tests' waits) return at once. A last exec() absorbs it and resets that.
    QTimer.singleShot(0, lambda: qapp.exit(0))
    qapp.exec()
