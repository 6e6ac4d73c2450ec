"""Accessibility across the whole app, in-process: every page and view is visited;
every Tab stop has a name, every picture a name or none at all (icons are painted beside their
words), no page traps the keyboard, Next is at most 25 Tab presses from the top, arrow keys
choose in groups of choices, and the focus ring is on screen where the focus is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolBar

from decisionaid.answers import Answers, Budget
from decisionaid.gui.style import FocusRing
from decisionaid.gui.wizard import Step

MAX_TABS_TO_NEXT = 25


def _answers(catalogue) -> Answers:
    ids = list(catalogue.treatments)
    return Answers(
        hair_loss_type="female_pattern",
        age=34,
        sex="female",
        conditions=tuple(c for c in ("anticoagulants",) if c in catalogue.conditions),
        budget=Budget(2000, 300),
        risk_tolerance="high",
        compare=tuple(ids[:4]),
    )


def _views(window):
    """Every page and view: (name, a function that shows it, the control Tab should reach)."""
    wizard = window.wizard

    def step(s):
        return lambda: wizard.go_to(s)

    def results(view):
        def show():
            wizard.go_to(Step.RESULTS)
            page = wizard.results_page
            page.show_overview()
            page.as_cards.setChecked(True)
            if view == "table":
                page.as_table.setChecked(True)
            elif view == "detail":
                page.open_detail(page.result.options[0].id)
            elif view == "compare":
                page.show_compare()

        return show

    views = [(s.name.lower(), step(s), wizard.next_button) for s in Step if s < Step.RESULTS]
    for view in ("cards", "table", "detail", "compare"):
        views.append((f"results-{view}", results(view), wizard.next_button))
    views.append(("decide", step(Step.DECIDE), None))  # Next is Export there
    return views


def _settle(qtbot):
    QApplication.processEvents()
    qtbot.wait(5)


def _top(window):
    toolbar = window.findChild(QToolBar)
    return toolbar.widgetForAction(toolbar.actions()[0])


@pytest.fixture
def full_window(make_window, real_catalogue, qtbot):
    window = make_window(real_catalogue)
    window.wizard.set_answers(_answers(real_catalogue), Step.WELCOME, chosen=True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_every_page_is_named_and_leaves_by_tab(full_window, qtbot):
    """Every visible Tab stop has a name; every picture shown by a label has a name; Tab
    moves on from every stop (no trap); Next (Export on the last step) is at most 25 presses
    from the top of the window; the focus ring surrounds the focused control."""
    window = full_window
    wizard = window.wizard
    counts = {}
    for name, show, target in _views(window):
        show()
        _settle(qtbot)
        target = target or wizard.decide_page.export_button
        stops = [w for w in wizard.tab_stops() if w.isVisible() and w.isEnabled()]
        assert stops, name
        unnamed = [w for w in stops if not w.accessibleName().strip()]
        assert not unnamed, (name, [type(w).__name__ for w in unnamed])
        for label in window.findChildren(QLabel):
            if label.isVisible() and label.pixmap() is not None and not label.pixmap().isNull():
                assert label.accessibleName().strip(), (name, label.parentWidget())
        # From the top of the window, Tab reaches Next; every press moves the focus.
        _top(window).setFocus(Qt.TabFocusReason)
        presses = 0
        while QApplication.focusWidget() is not target:
            before = QApplication.focusWidget()
            qtbot.keyClick(before, Qt.Key_Tab)
            presses += 1
            assert QApplication.focusWidget() is not before, (name, "Tab is trapped", before)
            assert presses <= MAX_TABS_TO_NEXT, (name, presses)
            ring = window.findChild(FocusRing, "focusRing")
            focus = QApplication.focusWidget()
            if ring is not None and focus is not None:
                ring.follow()
                assert ring.isVisible(), (name, focus)
        counts[name] = presses
        # And on past Next (or Export): the page lets the focus go.
        qtbot.keyClick(target, Qt.Key_Tab)
        assert QApplication.focusWidget() is not target
    print("Tab presses from the top to Next:", counts)


def test_arrow_keys_choose_in_radio_groups(full_window, qtbot):
    """Sex and each SURE question: the arrow keys choose as they move (no "moved but not
    chosen" state)."""
    wizard = full_window.wizard
    wizard.set_answers(wizard.answers.with_changes(sex=None), Step.ABOUT)
    _settle(qtbot)
    about = wizard.page(Step.ABOUT)
    about.sex_buttons["male"].setFocus(Qt.TabFocusReason)
    qtbot.keyClick(about.sex_buttons["male"], Qt.Key_Right)
    assert wizard.answers.sex == "female" and about.sex_buttons["female"].hasFocus()
    qtbot.keyClick(about.sex_buttons["female"], Qt.Key_Right)
    assert wizard.answers.sex == "other"
    wizard.go_to(Step.DECIDE)
    _settle(qtbot)
    decide = wizard.decide_page
    for key in decide.buttons:
        current = decide.groups[key].checkedButton()
        current.setFocus(Qt.TabFocusReason)
        qtbot.keyClick(current, Qt.Key_Left)
        chosen = decide.groups[key].checkedButton()
        assert chosen is not current and chosen.hasFocus()
        assert wizard.answers.decision.sure[key] in (True, False)
        assert decide.buttons[key][True].accessibleName().startswith("Question")


def test_escape_returns_focus_with_its_ring(full_window, qtbot):
    """After Escape from the details or the comparison, the button the person used has the
    focus, shown as a keyboard focus (its ring is drawn)."""
    window = full_window
    wizard = window.wizard
    wizard.go_to(Step.RESULTS)
    _settle(qtbot)
    page = wizard.results_page
    card = page.cards()[0]
    card.details.setFocus(Qt.TabFocusReason)
    qtbot.keyClick(card.details, Qt.Key_Space)
    assert page.stack.currentIndex() == page.DETAIL
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert page.stack.currentIndex() == page.OVERVIEW
    assert QApplication.focusWidget() is card.details
    assert window.testAttribute(Qt.WA_KeyboardFocusChange)
    page.compare_button.setFocus(Qt.TabFocusReason)
    qtbot.keyClick(page.compare_button, Qt.Key_Space)
    assert page.stack.currentIndex() == page.COMPARE
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert QApplication.focusWidget() is page.compare_button
    ring = window.findChild(FocusRing, "focusRing")
    ring.follow()
    assert ring.isVisible() and ring.geometry().contains(
        page.compare_button.mapTo(window, page.compare_button.rect().center())
    )


def _tab_to(qtbot, target, limit=MAX_TABS_TO_NEXT * 2):
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is target, f"Tab never reached {target.accessibleName()}"


def test_keyboard_only_from_welcome_to_a_saved_pdf(
    make_window, real_catalogue, qtbot, tmp_path, monkeypatch
):
    """Welcome to a saved PDF with the keyboard alone, through Compare and Before you decide."""
    pytest.importorskip("decisionaid.report.pdf")
    from PySide6.QtWidgets import QFileDialog

    window = make_window(real_catalogue)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    wizard = window.wizard

    def key(k, text=None):
        widget = QApplication.focusWidget()
        if text:
            qtbot.keyClicks(widget, text)
        else:
            qtbot.keyClick(widget, k)
        _settle(qtbot)

    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.next_button)
    key(Qt.Key_Return)
    hair = wizard.page(Step.HAIR_LOSS)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in hair.cards.values())
    key(Qt.Key_Right)  # choose the second picture
    key(Qt.Key_Return)
    assert wizard.step == Step.ABOUT
    qtbot.wait(20)
    key(None, "34")
    key(Qt.Key_Tab)
    key(Qt.Key_Right)  # female
    key(Qt.Key_Return)
    assert wizard.step == Step.HEALTH and wizard.answers.sex == "female"
    key(Qt.Key_Return)  # nothing ticked
    assert wizard.step == Step.BUDGET
    qtbot.wait(20)
    key(None, "2000")
    key(Qt.Key_Tab)  # No limit (up-front): leave it
    budget = wizard.page(Step.BUDGET)
    _tab_to(qtbot, budget.yearly.no_limit)
    key(Qt.Key_Space)
    key(Qt.Key_Return)
    assert wizard.step == Step.RISK
    key(Qt.Key_Down)  # from low to medium: chosen as it moves
    assert wizard.answers.risk_tolerance == "medium"
    key(Qt.Key_Return)
    key(Qt.Key_Return)  # priorities as they are
    assert wizard.step == Step.RESULTS
    page = wizard.results_page
    # Tick two options for comparison, open the comparison, leave it by Tab and Escape.
    first = page.groups["suitable"].cards[0]
    _tab_to(qtbot, first.compare)
    key(Qt.Key_Space)
    key(Qt.Key_Down)  # the next card's "Compare"
    key(Qt.Key_Space)
    assert len(page.compare_ids()) == 2
    _tab_to(qtbot, page.compare_button)
    key(Qt.Key_Space)
    assert page.stack.currentIndex() == page.COMPARE
    assert QApplication.focusWidget() is page.compare_view.table
    key(Qt.Key_Down)
    key(Qt.Key_Tab)
    assert QApplication.focusWidget() is not page.compare_view.table  # no trap
    key(Qt.Key_Escape)
    assert page.stack.currentIndex() == page.OVERVIEW
    assert QApplication.focusWidget() is page.compare_button
    _tab_to(qtbot, wizard.next_button)
    key(Qt.Key_Space)
    assert wizard.step == Step.DECIDE
    decide = wizard.decide_page
    _tab_to(qtbot, decide.buttons["sure_of_myself"][None])
    key(Qt.Key_Left)  # "No"
    assert wizard.answers.decision.sure["sure_of_myself"] is False
    _tab_to(qtbot, decide.notes)
    key(None, "Ask about side effects")
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _tab_to(qtbot, decide.export_button)
    key(Qt.Key_Space)
    assert target.read_bytes()[:5] == b"%PDF-"
    assert wizard.answers.decision.notes == "Ask about side effects"


def test_chosen_card_stands_out_in_the_dark_palette(make_window, synthetic_catalogue, qapp):
    """In a dark palette the chosen picture card has a frame in the highlight colour, far from
    the other cards' grey, and says "Chosen" in words."""
    from decisionaid.gui.style import dark_palette

    before = qapp.palette()
    qapp.setPalette(dark_palette())
    try:
        window = make_window(synthetic_catalogue)
        wizard = window.wizard
        wizard.go_to(Step.HAIR_LOSS)
        page = wizard.page(Step.HAIR_LOSS)
        chosen, other = list(page.cards.values())[:2]
        chosen.click()
        QApplication.processEvents()
        assert "Chosen" in chosen.text()
        edge = lambda card: card.grab().toImage().pixelColor(card.width() // 2, 2)
        highlight = dark_palette().color(QPalette.Highlight)
        a, b = edge(chosen), edge(other)
        assert abs(a.lightness() - b.lightness()) + abs(a.blue() - b.blue()) > 60
        assert abs(a.blue() - highlight.blue()) < 30
    finally:
        qapp.setPalette(before)


def test_plain_words_and_one_back(full_window, qtbot, real_catalogue, shown):
    """Technical words are explained in place, plain words first; the glossary is under Help;
    importance words are the shared ones; the details have one Back; no bare ISO date."""
    from decisionaid import answers as A
    from decisionaid import presentation as pr
    from decisionaid.report import summary

    window = full_window
    wizard = window.wizard
    # the PDF's priority lines use the screen's importance words
    assert all(
        pr.importance_words(3).lower() in line for line in summary.top_priorities(A.Answers())
    )
    wizard.go_to(Step.PRIORITIES)
    assert (
        wizard.page(Step.PRIORITIES)
        .value_labels["evidence"]
        .text()
        .endswith(pr.IMPORTANCE_WORDS[3])
    )
    wizard.go_to(Step.RESULTS)
    page = wizard.results_page
    tid = "exosomes" if "exosomes" in real_catalogue.treatments else page.result.options[0].id
    page.open_detail(tid)
    _settle(qtbot)
    assert not wizard.back_button.isVisible() and page.detail_back.isVisible()
    text = page.detail.all_text()
    assert "Date: " not in text
    if "IND number" in text:
        assert "that is what \u201cIND number\u201d means" in text
    page.show_overview()
    assert wizard.back_button.isVisible()
    window.show_glossary()
    glossary = shown("Words used in this app")
    from PySide6.QtWidgets import QTextBrowser

    assert "off-label" in glossary.findChild(QTextBrowser).toPlainText()
    glossary.close()
    assert pr.plain_terms("That use is off-label.").startswith(
        "That use is off-label. (Used for something it is not approved for"
    )


def test_catalogue_browser_is_named_and_has_no_trap(full_window, qtbot, shown):
    """View > Browse the catalogue: every stop named, Tab moves on from each one."""
    window = full_window
    window.browse_catalogue()
    dialog = shown("DecisionAid: the catalogue")
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    stops, widget = [], dialog.nextInFocusChain()
    while widget is not dialog and len(stops) < 5000:
        if (
            widget.focusPolicy() & Qt.TabFocus
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusProxy() is None
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    assert stops
    for stop in stops:
        name = stop.accessibleName() or getattr(stop, "text", lambda: "")()
        assert name.strip(), type(stop).__name__
        stop.setFocus(Qt.TabFocusReason)
        qtbot.keyClick(stop, Qt.Key_Tab)
        assert QApplication.focusWidget() is not stop, type(stop).__name__
    dialog.close()
