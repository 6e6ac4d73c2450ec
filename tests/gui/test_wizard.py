"""The questionnaire: every step through the real widgets, for several kinds of patient; answers
kept in the domain object; changes from the results screen; keyboard only; accessibility."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from decisionaid import rules
from decisionaid.answers import Answers
from decisionaid.gui.wizard import HELP, STEP_COUNT, STEP_TITLES, Step, all_controls


def _signs(catalogue, patient):
    return tuple(catalogue.hair_loss_types[patient.hair_loss_type].warning_signs[: patient.signs])


def test_walk_whole_questionnaire(window, synthetic_catalogue, patient, shell):
    """Each kind of patient reaches the results; the answers object holds exactly what was given."""
    wizard = shell.walk(window.wizard, patient)
    assert wizard.step == Step.RESULTS
    want = shell.expected_answers(patient).with_changes(
        warning_signs=_signs(synthetic_catalogue, patient)
    )
    assert wizard.answers == want
    assert wizard.result is not None
    assert wizard.result.answers == want
    assert [o.id for o in wizard.result.options] == [
        o.id for o in rules.recommend(want, synthetic_catalogue).options
    ]
    assert type(wizard.results_page).__name__ == "ResultsPage"
    wizard.next_button.click()
    assert wizard.step == Step.DECIDE
    assert not wizard.next_button.isVisible()


def test_walk_with_real_catalogue(make_window, real_catalogue, real_walk_patient, shell):
    """The same walks work on the real catalogue, and its safety rules show in the results."""
    patient = real_walk_patient
    window = make_window(real_catalogue)
    wizard = shell.walk(window.wizard, patient)
    result = wizard.result
    assert any(o.treatment.category == "no_treatment" for o in result.options)
    if "pregnant" in patient.conditions:
        finasteride = [o for o in result.options if "finasteride" in o.id]
        assert finasteride and all(o.status == "excluded" for o in finasteride)
    if patient.hair_loss_type == "unsure" or patient.signs:
        assert result.see_doctor_soon
    for condition in patient.conditions:
        flagged = [
            o
            for o in result.options
            for r in o.reasons
            if r.kind == "contraindication"
            and condition in {c.condition for c in o.treatment.contraindications}
        ]
        assert flagged, f"no option was flagged for {condition}"
    if patient.age < 18:
        assert any("teenagers" in notice for notice in result.notices)
    if patient.avoid_injections:
        assert all(
            o.status == "excluded"
            for o in result.options
            if o.treatment.invasiveness in ("injection", "minor_procedure")
        )


def test_step_indicator_and_help_on_every_page(window, shell):
    """Every step shows 'Step N of 9: title' and its own help text."""
    wizard = window.wizard
    shell.walk(wizard, shell.PATIENTS[0])
    wizard.next_button.click()
    for step in reversed(list(Step)):
        wizard.go_to(step)
        assert wizard.step == step
        assert (
            wizard.step_label.text() == f"Step {int(step) + 1} of {STEP_COUNT}: {STEP_TITLES[step]}"
        )
        assert wizard.help_text.text() == HELP[step] and HELP[step]
    assert not wizard.back_button.isEnabled()


def test_help_toggles_with_f1(window, qtbot):
    """The help panel can be hidden and shown again (F1 or the Help button)."""
    wizard = window.wizard
    assert wizard.help_panel.isVisible()
    wizard.help_button.click()
    assert not wizard.help_panel.isVisible()
    wizard.help_button.click()
    assert wizard.help_panel.isVisible()


def test_about_you_needs_age_and_sex(window, shell):
    """Next on 'About you' without age or sex stays put and says what is missing."""
    wizard = shell.walk(window.wizard, shell.PATIENTS[0], until=Step.ABOUT)
    wizard.next_button.click()
    assert wizard.step == Step.ABOUT
    assert wizard.problem_notice.isVisible() and "age" in wizard.problem_notice.body.text()
    wizard.page(Step.ABOUT).age.setValue(30)
    assert "male, female or other" in wizard.problem_notice.body.text()
    wizard.next_button.click()
    assert (
        wizard.step == Step.ABOUT and "male, female or other" in wizard.problem_notice.body.text()
    )
    wizard.page(Step.ABOUT).sex_buttons["other"].click()
    assert not wizard.problem_notice.isVisible()
    wizard.next_button.click()
    assert wizard.step == Step.HEALTH


def test_cannot_jump_to_results_with_missing_answers(window):
    """Going straight to the results with nothing chosen lands on the first step that needs an
    answer; with the type chosen, on the age."""
    wizard = window.wizard
    wizard.go_to(Step.RESULTS)
    assert wizard.step == Step.HAIR_LOSS
    assert wizard.problem_notice.isVisible()
    wizard.page(Step.HAIR_LOSS).cards["unsure"].click()  # "not sure" is a deliberate choice
    assert not wizard.problem_notice.isVisible()
    wizard.go_to(Step.RESULTS)
    assert wizard.step == Step.ABOUT
    assert wizard.problem_notice.isVisible()


def test_no_answer_is_chosen_for_the_person(window, qtbot):
    """Type of hair loss, budget and risk start empty; Next (or Enter) waits for a choice, and
    "not sure" and "No limit" count as choices."""
    wizard = window.wizard
    wizard.go_to(Step.HAIR_LOSS)
    hair = wizard.page(Step.HAIR_LOSS)
    assert not any(card.isChecked() for card in hair.cards.values())
    wizard.next_button.click()
    assert wizard.step == Step.HAIR_LOSS and "picture" in wizard.problem_notice.body.text()
    hair.cards["unsure"].click()
    wizard.next_button.click()
    about = wizard.page(Step.ABOUT)
    about.age.setValue(40)
    about.sex_buttons["female"].click()
    wizard.next_button.click()
    wizard.next_button.click()  # health: nothing ticked is an answer
    assert wizard.step == Step.BUDGET
    budget = wizard.page(Step.BUDGET)
    assert not budget.upfront.no_limit.isChecked() and budget.upfront.spin.text() == "Not given"
    wizard.next_button.click()
    assert wizard.step == Step.BUDGET and "up-front" in wizard.problem_notice.body.text()
    budget.upfront.no_limit.click()
    wizard.next_button.click()
    assert wizard.step == Step.BUDGET and "yearly" in wizard.problem_notice.body.text()
    budget.yearly.set_amount(0)  # $0 is an amount
    assert wizard.answers.budget.yearly_usd == 0
    wizard.next_button.click()
    assert wizard.step == Step.RISK
    risk = wizard.page(Step.RISK)
    assert risk.risk_group.checkedButton() is None
    wizard.next_button.click()
    assert wizard.step == Step.RISK and "risk" in wizard.problem_notice.body.text()
    risk.risk_buttons["medium"].click()
    wizard.next_button.click()
    assert wizard.step == Step.PRIORITIES
    # Start over clears the choices again.
    window.reset()
    wizard.go_to(Step.RESULTS)
    assert wizard.step == Step.HAIR_LOSS


def test_warning_sign_shows_see_a_doctor(window, synthetic_catalogue, shell):
    """Ticking a warning sign shows a 'See a doctor soon' notice with an icon and words."""
    wizard = shell.walk(window.wizard, shell.PATIENTS[0], until=Step.HAIR_LOSS)
    page = wizard.page(Step.HAIR_LOSS)
    page.cards["scarring"].click()
    assert page.type_name.text() == synthetic_catalogue.hair_loss_types["scarring"].name
    assert not page.doctor.isVisible()
    page.sign_checks[0].click()
    assert page.doctor.isVisible()
    assert page.doctor.title.text() == "See a doctor soon"
    assert not page.doctor.icon.pixmap().isNull()
    assert wizard.answers.warning_signs == (page.sign_checks[0].sign,)
    page.sign_checks[0].click()
    assert not page.doctor.isVisible() and wizard.answers.warning_signs == ()


def test_changing_type_drops_signs_of_the_old_type(window, real_catalogue, make_window):
    """Warning signs belong to a kind of hair loss; choosing another kind keeps only its own."""
    wizard = make_window(real_catalogue).wizard
    wizard.go_to(Step.HAIR_LOSS)
    page = wizard.page(Step.HAIR_LOSS)
    page.cards["male_pattern"].click()
    page.sign_checks[0].click()
    page.cards["traction"].click()
    signs = set(real_catalogue.hair_loss_types["traction"].warning_signs)
    assert set(wizard.answers.warning_signs) <= signs


def test_health_none_and_dont_know(window, synthetic_catalogue, shell):
    """'None of these' clears every condition; 'I don't know' sets conditions_unknown."""
    wizard = shell.walk(window.wizard, shell.PATIENTS[1], until=Step.HEALTH)
    page = wizard.page(Step.HEALTH)
    ids = list(page.checks)
    page.checks[ids[0]].click()
    page.checks[ids[1]].click()
    assert wizard.answers.conditions == (ids[0], ids[1])
    page.none_box.click()
    assert wizard.answers.conditions == () and not any(c.isChecked() for c in page.checks.values())
    page.unknown_box.click()
    assert wizard.answers.conditions_unknown and not page.none_box.isChecked()
    page.checks[ids[2]].click()
    assert wizard.answers.conditions == (ids[2],)
    assert len(page.checks) == len(synthetic_catalogue.asked_conditions())


def test_why_we_ask_is_visible_on_click_and_in_tooltip(window, synthetic_catalogue):
    """Each health question explains why it is asked: a tooltip and text shown on request."""
    page = window.wizard.page(Step.HEALTH)
    window.wizard.go_to(Step.HEALTH)
    for cond in synthetic_catalogue.asked_conditions():
        assert cond.why_we_ask in page.checks[cond.id].toolTip()
        assert not page.why_labels[cond.id].isVisible()
    page.why_button.click()  # one disclosure for the page: a short Tab path
    assert all(label.isVisible() for label in page.why_labels.values())
    assert page.why_button.text().replace("&", "") == "Hide why we ask"
    page.why_button.click()
    assert page.why_button.text().replace("&", "") == "Show why we ask"
    assert not any(label.isVisible() for label in page.why_labels.values())


def test_budget_presets_and_no_limit(window):
    """Preset buttons set the amount; 'No limit' gives None in the answers."""
    wizard = window.wizard
    wizard.go_to(Step.BUDGET)
    page = wizard.page(Step.BUDGET)
    assert wizard.answers.budget.upfront_usd is None and not page.upfront.no_limit.isChecked()
    page.upfront.preset_buttons[3].click()
    page.yearly.preset_buttons[1].click()
    assert (wizard.answers.budget.upfront_usd, wizard.answers.budget.yearly_usd) == (10_000, 300)
    assert [b.text() for b in page.upfront.preset_buttons] == ["$0", "$500", "$2,000", "$10,000"]
    assert [b.text() for b in page.yearly.preset_buttons] == ["$0", "$300", "$1,000", "$5,000"]
    page.yearly.no_limit.click()
    assert wizard.answers.budget.yearly_usd is None and not page.yearly.spin.isEnabled()


def test_risk_levels_use_the_rules_words(window):
    """The risk step shows each level's label and description from the rules."""
    page = window.wizard.page(Step.RISK)
    for key, button in page.risk_buttons.items():
        assert button.accessibleName() == rules.RISK_LEVELS[key].label
        assert button.accessibleDescription() == rules.RISK_LEVELS[key].description
    texts = [label.text() for label in page.findChildren(type(page.title))]
    for level in rules.RISK_LEVELS.values():
        assert level.description in texts


def test_priorities_one_slider_per_key(window):
    """'What matters most' has a 1 to 5 control for every priority, labelled in words."""
    from decisionaid.answers import PRIORITY_KEYS

    page = window.wizard.page(Step.PRIORITIES)
    assert list(page.sliders) == list(PRIORITY_KEYS)
    page.sliders["cost"].setValue(1)
    assert window.wizard.answers.priorities["cost"] == 1
    assert page.value_labels["cost"].text() == "1: Not important"


def test_change_answer_from_results_updates_them(window, shell):
    """From the results, 'change' jumps to a step; 'Back to results' returns with new results."""
    wizard = shell.walk(window.wizard, shell.PATIENTS[1])
    before = wizard.result
    wizard.results_page.edit_answers.emit(int(Step.BUDGET))
    assert wizard.step == Step.BUDGET
    assert wizard.to_results_button.isVisible()
    page = wizard.page(Step.BUDGET)
    page.upfront.set_amount(0)
    page.yearly.set_amount(0)
    wizard.to_results_button.click()
    assert wizard.step == Step.RESULTS
    assert not wizard.to_results_button.isVisible()
    after = wizard.result
    assert after is not before
    assert after.answers.budget.upfront_usd == 0
    assert len(after.by_status("excluded")) > len(before.by_status("excluded"))
    shown = [c.option.id for c in wizard.results_page.groups["excluded"].cards]
    assert shown == [o.id for o in after.by_status("excluded")]


def test_results_recompute_when_answers_change_while_visible(window, shell):
    """A change that arrives while the results are on screen recomputes them at once."""
    wizard = shell.walk(window.wizard, shell.PATIENTS[3])
    assert wizard.step == Step.RESULTS
    wizard.page(Step.RISK).risk_buttons["low"].click()  # the page is built but not on screen
    assert wizard.step == Step.RESULTS
    assert wizard.result.answers.risk_tolerance == "low"


def test_compare_and_decision_go_into_the_answers(window, shell):
    """Ticking options to compare and the 'Before you decide' answers are kept in Answers."""
    wizard = shell.walk(window.wizard, shell.PATIENTS[0])
    ids = [o.id for o in wizard.result.options[:2]]
    wizard.results_page.compare_changed.emit(ids)
    assert wizard.answers.compare == tuple(ids)
    wizard.next_button.click()
    decide = wizard.decide_page
    from decisionaid.answers import Decision

    decision = Decision(
        sure={
            "sure_of_myself": True,
            "understand_information": True,
            "risk_benefit_clear": False,
            "enough_support": None,
        },
        leaning="Still deciding",
        notes="Ask about costs",
    )
    decide.decision_changed.emit(decision)
    assert wizard.answers.decision == decision


def _focus():
    return QApplication.focusWidget()


def _key(qtbot, key, text=None):
    widget = _focus()
    assert widget is not None, "nothing has the keyboard focus"
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, key)


def test_keyboard_only(window, qtbot, synthetic_catalogue):
    """The whole questionnaire can be done with Tab, arrows, Space, typing and Enter alone; the
    arrow keys choose in every group of choices."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    wizard = window.wizard
    qtbot.waitUntil(lambda: _focus() is wizard.next_button)  # "Start" has the focus
    _key(qtbot, Qt.Key_Return)
    assert wizard.step == Step.HAIR_LOSS
    page = wizard.page(Step.HAIR_LOSS)
    first = next(iter(page.cards.values()))
    qtbot.waitUntil(lambda: _focus() is first)
    assert wizard.answers.hair_loss_type == "unsure" and not first.isChecked()
    _key(qtbot, Qt.Key_Return)  # nothing chosen yet: Enter does not go on
    assert wizard.step == Step.HAIR_LOSS and wizard.problem_notice.isVisible()
    # The cards are one group: arrow keys move between them and choose (catalogue order).
    _key(qtbot, Qt.Key_Right)
    _key(qtbot, Qt.Key_Left)
    assert _focus() is first and first.isChecked()
    _key(qtbot, Qt.Key_Right)
    assert wizard.answers.hair_loss_type == list(page.cards)[1]
    qtbot.wait(10)  # the new kind's warning signs appear
    _key(qtbot, Qt.Key_Return)
    assert wizard.step == Step.ABOUT
    qtbot.waitUntil(lambda: _focus() is wizard.page(Step.ABOUT).age)
    qtbot.wait(10)
    _key(qtbot, None, "42")
    assert wizard.answers.age == 42
    _key(qtbot, Qt.Key_Tab)
    assert _focus() is wizard.page(Step.ABOUT).sex_buttons["male"]
    _key(qtbot, Qt.Key_Right)  # the arrow keys choose, not only move
    assert wizard.answers.sex == "female"
    assert _focus() is wizard.page(Step.ABOUT).sex_buttons["female"]
    _key(qtbot, Qt.Key_Return)
    assert wizard.step == Step.HEALTH
    health = wizard.page(Step.HEALTH)
    qtbot.waitUntil(lambda: _focus() is next(iter(health.checks.values())))
    _key(qtbot, Qt.Key_Space)
    assert wizard.answers.conditions == (next(iter(health.checks)),)
    _key(qtbot, Qt.Key_Return)
    assert wizard.step == Step.BUDGET
    budget = wizard.page(Step.BUDGET)
    qtbot.waitUntil(lambda: _focus() is budget.upfront.spin)
    qtbot.wait(10)  # "Not given" is selected, so typing replaces it
    _key(qtbot, None, "1500")
    assert wizard.answers.budget.upfront_usd == 1500
    _key(qtbot, Qt.Key_Return)
    assert wizard.step == Step.BUDGET  # the yearly budget is not given yet
    budget.yearly.spin.setFocus()
    _key(qtbot, Qt.Key_Tab)
    assert _focus() is budget.yearly.no_limit
    _key(qtbot, Qt.Key_Space)
    _key(qtbot, Qt.Key_Return)
    assert wizard.step == Step.RISK
    qtbot.waitUntil(lambda: _focus() is wizard.page(Step.RISK).risk_buttons["low"])
    assert wizard.answers.risk_tolerance == "medium"  # the blank answer, not shown as chosen
    _key(qtbot, Qt.Key_Down)
    _key(qtbot, Qt.Key_Up)
    assert wizard.page(Step.RISK).risk_buttons["low"].isChecked()
    assert wizard.answers.risk_tolerance == "low"
    _key(qtbot, Qt.Key_Return)
    assert wizard.step == Step.PRIORITIES
    qtbot.waitUntil(lambda: _focus() is wizard.page(Step.PRIORITIES).sliders["evidence"])
    _key(qtbot, Qt.Key_Right)
    _key(qtbot, Qt.Key_Right)
    assert wizard.answers.priorities["evidence"] == 5
    _key(qtbot, Qt.Key_Return)
    assert wizard.step == Step.RESULTS
    assert wizard.result.answers.risk_tolerance == "low"


def test_mnemonics_move_between_steps(window, qtbot):
    """Alt+N is Next and Alt+B is Back."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    wizard = window.wizard
    wizard.go_to(Step.HAIR_LOSS)
    wizard.page(Step.HAIR_LOSS).cards["unsure"].click()
    qtbot.keyClick(window, Qt.Key_N, Qt.AltModifier)
    qtbot.waitUntil(lambda: wizard.step == Step.ABOUT)  # a mnemonic "animates" its click
    qtbot.keyClick(window, Qt.Key_B, Qt.AltModifier)
    qtbot.waitUntil(lambda: wizard.step == Step.HAIR_LOSS)


def test_every_control_is_named_for_screen_readers(window, shell):
    """Every button, box, slider and text field in the questionnaire has a name and description."""
    wizard = shell.walk(window.wizard, shell.PATIENTS[2])
    missing = []
    for widget in [*wizard.pages, wizard.back_button.parentWidget()]:
        for control in all_controls(widget):
            if control.parentWidget() is not None and control.objectName().startswith("qt_"):
                continue
            if control in (wizard.results_page, wizard.decide_page):
                continue
            if wizard.results_holder.isAncestorOf(control) or wizard.decide_holder.isAncestorOf(
                control
            ):
                continue
            if not control.accessibleName() or not control.accessibleDescription():
                missing.append(
                    f"{type(control).__name__} {control.text() if hasattr(control, 'text') else ''!r}"
                )
    assert not missing


def test_no_fixed_pixel_fonts(window):
    """Text scales with the system font: no widget uses a pixel-sized font."""
    from PySide6.QtWidgets import QWidget

    for widget in window.findChildren(QWidget):
        assert widget.font().pixelSize() == -1 or widget.font().pointSizeF() > 0, widget


def test_fits_1024_by_700(window):
    """The window's minimum size fits a 1024x700 screen, and long pages scroll instead of clipping."""
    assert window.minimumWidth() <= 1024 and window.minimumHeight() <= 700
    assert window.windowTitle().startswith("DecisionAid")  # + "Another catalogue: FILE"
    for area in window.wizard.scrolls:
        assert area.widgetResizable()
    window.wizard.go_to(Step.HEALTH)
    assert window.wizard.scrolls[int(Step.HEALTH)].verticalScrollBar().maximum() > 0


def test_dark_palette_redraws_pictures(window, qtbot):
    """Under a dark palette the hair-loss pictures are redrawn in the palette's colours."""
    from decisionaid.gui.style import dark_palette

    page = window.wizard.page(Step.HAIR_LOSS)
    card = page.cards["male_pattern"]
    size = card.iconSize()
    light = card.icon().pixmap(size).toImage()
    page.setPalette(dark_palette())
    dark = card.icon().pixmap(size).toImage()
    assert light != dark
    centre = dark.pixelColor(dark.width() // 2, 4)
    assert centre.lightness() < 128  # the picture's background is the dark base colour


def test_answers_stay_in_domain_object(window):
    """Setting answers (open, resume) shows them in every page's widgets."""
    answers = Answers(
        hair_loss_type="traction",
        age=27,
        sex="female",
        conditions=("pregnant",),
        risk_tolerance="high",
        name="Jo",
        priorities={
            "evidence": 1,
            "benefit": 2,
            "side_effects": 3,
            "cost": 4,
            "convenience": 5,
            "speed": 1,
            "permanence": 2,
        },
    )
    wizard = window.wizard
    wizard.set_answers(answers, Step.HEALTH)
    assert wizard.step == Step.HEALTH
    assert wizard.page(Step.HAIR_LOSS).cards["traction"].isChecked()
    assert wizard.page(Step.ABOUT).age.value() == 27
    assert wizard.page(Step.ABOUT).name.text() == "Jo"
    assert wizard.page(Step.HEALTH).checks["pregnant"].isChecked()
    assert wizard.page(Step.RISK).risk_buttons["high"].isChecked()
    assert wizard.page(Step.PRIORITIES).sliders["convenience"].value() == 5
    assert wizard.answers == answers


def test_pages_are_built_when_first_needed(window):
    """Only the welcome page exists at start (the window appears sooner); a page built later shows
    the answers as they are then, and checking answers before the results builds no page."""
    wizard = window.wizard
    assert set(wizard._pages) == {Step.WELCOME}
    wizard.go_to(Step.RESULTS)  # nothing chosen yet: stops at the first step
    assert wizard.step == Step.HAIR_LOSS
    assert set(wizard._pages) == {Step.WELCOME, Step.HAIR_LOSS}
    answers = Answers(hair_loss_type="traction", age=30, sex="male", risk_tolerance="low")
    wizard.set_answers(answers)
    assert Step.RISK not in wizard._pages
    assert wizard.page(Step.RISK).risk_buttons["low"].isChecked()  # built now, with the answers
    assert wizard.page(Step.HAIR_LOSS).cards["traction"].isChecked()


def test_without_a_catalogue_only_the_welcome_page_works(qtbot, synthetic_catalogue):
    """While the catalogue is still opening, Next is off and navigation waits; then Start gets
    the keyboard focus and everything works."""
    from decisionaid.gui.main_window import MainWindow

    window = MainWindow(None, autosave=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    wizard = window.wizard
    assert not wizard.next_button.isEnabled() and not window.export_action.isEnabled()
    assert "Opening the catalogue" in wizard.page(Step.WELCOME).facts.text()
    wizard.go_to(Step.ABOUT)
    assert wizard.step == Step.WELCOME
    window.set_catalogue(synthetic_catalogue)
    assert wizard.next_button.isEnabled() and window.export_action.isEnabled()
    assert synthetic_catalogue.meta.version in wizard.page(Step.WELCOME).facts.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.next_button)
    wizard.go_to(Step.ABOUT)
    assert wizard.step == Step.ABOUT


def test_a_notice_made_while_the_window_is_up_keeps_the_focus(window, qtbot):
    """A notice created after start-up (pages are built late) never opens as a window of its own
    and never takes the keyboard focus from the person."""
    from decisionaid.gui.style import Notice

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.wizard.next_button.setFocus()
    notice = Notice("warning", "Title", "Some text", parent=window.wizard)
    qtbot.wait(50)
    assert QApplication.activeWindow() is window
    assert QApplication.focusWidget() is window.wizard.next_button
    assert not notice.body.isWindow()


def test_opened_details_are_recorded_as_viewed(window, shell):
    """Opening an option's details adds its id to Answers.viewed (once), without redoing the
    results; the summary then gives that option's claims and every reason."""
    wizard = shell.walk(window.wizard, shell.PATIENTS[0])
    result = wizard.result
    first, second = (o.id for o in result.options[:2])
    wizard.results_page.open_detail(first)
    wizard.results_page.open_detail(second)
    wizard.results_page.open_detail(first)
    assert wizard.answers.viewed == (first, second)
    assert wizard.result is result


def test_results_and_decide_steps_have_no_question_page_and_say_so(window):
    """Asking for the question page of a step that holds results or the decision is a clear
    error naming the step, not a KeyError from inside the page table."""
    import pytest

    for step in (Step.RESULTS, Step.DECIDE):
        with pytest.raises(ValueError, match=f"{step.name} has no question page"):
            window.wizard.page(step)
    assert window.wizard.page(Step.HAIR_LOSS) is window.wizard.page(Step.HAIR_LOSS)
