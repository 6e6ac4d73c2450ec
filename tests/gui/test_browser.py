"""The catalogue browser: every treatment and kind of hair loss, search, and the About tab."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from decisionaid.gui.browser import CatalogueBrowser


@pytest.fixture
def browser(qtbot, synthetic_catalogue):
    widget = CatalogueBrowser(synthetic_catalogue)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    return widget


def test_lists_everything(browser, synthetic_catalogue):
    """Every treatment and every kind of hair loss is listed; the first is shown in detail."""
    assert sorted(browser.shown_treatment_ids()) == sorted(synthetic_catalogue.treatments)
    assert sorted(browser.shown_type_ids()) == sorted(synthetic_catalogue.hair_loss_types)
    assert browser.detail.treatment is not None


def test_search_filters_both_lists(browser, qtbot):
    """Typing words keeps only matching entries; a nonsense word says nothing matches."""
    browser.show()
    browser.search.setText("option 12")
    assert browser.shown_treatment_ids() == ["synthetic_00012"]
    assert browser.detail.treatment.id == "synthetic_00012"
    browser.search.setText("WAITING")
    assert browser.shown_treatment_ids() == ["synthetic_waiting"]
    browser.search.setText("areata")
    assert browser.shown_type_ids() == ["alopecia_areata"]
    browser.search.setText("zzzz-no-such-thing")
    assert browser.shown_treatment_ids() == []
    assert browser.treatment_empty.isVisible()
    assert "zzzz-no-such-thing" in browser.treatment_empty.text()
    assert browser.detail.treatment is None
    browser.search.clear()
    assert len(browser.shown_treatment_ids()) > 1
    assert not browser.treatment_empty.isVisible()


def test_select_treatment_and_types(browser, synthetic_catalogue):
    """A treatment can be shown by id; choosing a kind of hair loss shows its page."""
    assert browser.select_treatment("synthetic_00005")
    assert browser.detail.treatment.id == "synthetic_00005"
    assert not browser.select_treatment("no-such-id")
    assert "Without treatment" in [s.title for s in browser.type_view.sections]


def test_about_tab_shows_about_version_and_date(browser, synthetic_catalogue):
    """The About tab shows the catalogue's about text, version and review date."""
    texts = "\n".join(label.text() for label in browser.about.findChildren(QLabel))
    meta = synthetic_catalogue.meta
    assert meta.version in texts and meta.reviewed in texts
    assert meta.about.strip().split("\n")[0] in texts


def test_very_long_search_is_cut_not_crashing(browser):
    """A pasted wall of text is limited to the box's maximum length."""
    browser.search.setText("x" * 10_000)
    assert len(browser.search.text()) <= 200
    assert browser.shown_treatment_ids() == []
