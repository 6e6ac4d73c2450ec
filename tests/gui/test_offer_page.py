"""The "Check a clinic's offer" page: paste, check, read the marks and explanations side by side,
open a product's details, compare a price; reached from the welcome page and the results; the
text lives only in the answers, so Forget removes it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QPushButton

from decisionaid.gui.offer import TITLE, WARNING_SIGN, OfferPage, open_offer_checker

OFFER = (
    "Our XoFlo exosomes are FDA-approved and 100% safe. Results in two weeks, guaranteed! "
    "Exosomes are not approved by the FDA for hair loss at other clinics. Today only: 30% off."
)


@pytest.fixture
def page(qtbot, real_catalogue):
    widget = OfferPage(real_catalogue)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    return widget


def test_paste_check_marks_and_explains(page, qtbot):
    got = []
    page.offer_changed.connect(got.append)
    assert not page.check_button.isEnabled()
    page.editor.setPlainText(OFFER)
    assert page.check_button.isEnabled()
    page.check_button.click()
    # Marked in the text with a numbered warning sign and the kind in words, not colour alone.
    shown = page.viewer.toPlainText()
    assert f"[{WARNING_SIGN} 1: Rules and approval" in shown
    assert "Pressure to buy" in shown
    # The honest denial is not marked.
    assert (
        f"{WARNING_SIGN} 3" not in shown
        or "other clinics" not in shown.split(f"{WARNING_SIGN} 3")[1][:120]
    )
    assert len(page.cards) == 3
    assert all("Why this is a warning sign" in c.why.text() for c in page.cards)
    assert "not thereby true" in page.limits.body.text()
    # The offer goes to the answers.
    assert got and got[-1].text == OFFER and got[-1].price_usd is None


def test_products_link_to_details_and_price_compares(page, qtbot, shown):
    page.editor.setPlainText(OFFER)
    page.run_check()
    assert set(page.product_buttons) == {"exosomes"}
    page.product_buttons["exosomes"].click()
    dialog = shown("Exosome injections")
    assert (
        dialog is not None and dialog.isVisible() and "Exosome injections" in dialog.windowTitle()
    )
    dialog.close()
    page.price.setValue(25_000)
    assert "above this range" in page.price_text.text()
    assert "$2,000 to $10,000" in page.price_text.text()


def test_show_in_text_and_bad_input(page, tmp_path):
    page.editor.setPlainText(OFFER)
    page.run_check()
    page.cards[1].button.click()
    assert page.text_stack.currentWidget() is page.viewer
    bad = tmp_path / "x.html"
    bad.write_bytes(b"\x00\x01" * 50)
    assert page.load_file(str(bad)) is False
    assert page.problem.isVisible() and "not a text" in page.problem.body.text()
    good = tmp_path / "offer.html"
    good.write_text(f"<html><body><p>{OFFER}</p></body></html>", encoding="utf-8")
    assert page.load_file(str(good)) is True and len(page.cards) == 3


def test_reached_from_welcome_and_results_and_forgotten(
    make_window, real_catalogue, monkeypatch, messages, shown
):
    """The welcome page's button opens the page; the offer is kept in the answers; Forget
    removes it."""
    window = make_window(real_catalogue)
    welcome_button = next(
        b
        for b in window.wizard.page(0).findChildren(QPushButton)
        if "offer" in b.text().replace("&", "")
    )
    welcome_button.click()
    dialog = shown(f"DecisionAid: {TITLE}")
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    dialog.page.editor.setPlainText(OFFER)
    dialog.page.run_check()
    assert window.wizard.answers.offer.text == OFFER
    monkeypatch.setattr(window, "_confirm", lambda *a, **k: True)
    window.forget_answers()
    assert window.wizard.answers.offer is None
    assert dialog.page.editor.toPlainText() == ""
    dialog.close()


def test_results_page_has_the_button(qtbot):
    from decisionaid.gui.results import ResultsPage

    results = ResultsPage()
    qtbot.addWidget(results)
    assert any("offer" in b.text().replace("&", "") for b in results.findChildren(QPushButton))
    assert open_offer_checker(results) is None  # no wizard around it: nothing opens


def test_the_welcome_page_does_not_load_the_offer_page():
    """The first window must stay quick: gui/offer.py loads on the first click."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from decisionaid.gui.wizard import WelcomePage\n"
        "WelcomePage(None)\n"
        "print('decisionaid.gui.offer' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
