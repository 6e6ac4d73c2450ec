"""The "Check a clinic's offer" page: paste a clinic's text or open a file, see each
flagged sentence marked in the text (a numbered warning sign and words, never colour alone) with
its explanation beside it, the products named (each opens its detail view), the price compared
with the catalogue's range, and the questions to ask. The checking is ``offer_check`` (no Qt);
this module only lays it out. Nothing is sent anywhere.

The page keeps the pasted text and the price in the answers (``Answers.offer``), so saving the
answers saves them and "Forget my answers" deletes them.
"""

from __future__ import annotations

from pathlib import Path

# Widget classes the first window does not need are used as QtWidgets.X: each costs time the
# first time it is touched, and this module is imported when the welcome page is built.
from PySide6 import QtWidgets
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from decisionaid.gui.style import Notice, heading, paragraph, scaled_font, scrolling

TITLE = "Check a clinic's offer"
WARNING_SIGN = "\u26a0"
OPEN_FILTER = "Text or web pages (*.txt *.html *.htm);;All files (*)"
MAX_PRICE = 10_000_000


def _label(text: str, rich: bool = False) -> QLabel:
    label = paragraph(text, rich=rich)
    if rich:
        label.setTextInteractionFlags(
            Qt.TextSelectableByMouse | Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard
        )
    return label


class FlagCard(QFrame):
    """One flagged sentence's explanation, shown beside the text."""

    show_in_text = Signal(int)

    def __init__(self, number: int, sentence: str, flags, catalogue, parent=None):
        super().__init__(parent)
        self.number = number
        self.setFrameShape(QFrame.StyledPanel)
        box = QVBoxLayout(self)
        kinds = "; ".join(dict.fromkeys(f.kind_words for f in flags))
        self.title = QLabel(f"{WARNING_SIGN} {number}. {kinds}")
        self.title.setFont(scaled_font(self.title.font(), 1.05, bold=True))
        self.title.setWordWrap(True)
        box.addWidget(self.title)
        quoted = " ".join(sentence.split())
        if len(quoted) > 220:
            quoted = quoted[:219] + "\u2026"
        self.quote = _label(f"The clinic says: \u201c{quoted}\u201d")
        box.addWidget(self.quote)
        whys = list(dict.fromkeys(f.why for f in flags))
        self.why = _label("Why this is a warning sign: " + " ".join(whys))
        box.addWidget(self.why)
        refs = list(dict.fromkeys(r for f in flags for r in f.refs))
        cites = [catalogue.references[r].citation for r in refs if r in catalogue.references]
        self.sources = _label("Sources: " + " | ".join(cites)) if cites else None
        if self.sources is not None:
            self.sources.setFont(scaled_font(self.sources.font(), 0.9))
            box.addWidget(self.sources)
        self.button = QPushButton("Show in the text")
        self.button.setAccessibleName(f"Show sentence {number} in the text")
        self.button.clicked.connect(lambda: self.show_in_text.emit(self.number))
        box.addWidget(self.button, 0, Qt.AlignLeft)
        self.setAccessibleName(f"Warning {number}: {kinds}")
        self.setAccessibleDescription(f"{quoted} {' '.join(whys)}")


class OfferPage(QWidget):
    """Paste or open, check, read. ``offer_changed`` carries an ``answers.Offer`` or None."""

    offer_changed = Signal(object)

    def __init__(self, catalogue, offer=None, parent: QWidget | None = None):
        super().__init__(parent)
        from decisionaid.offer_check import LIMITS_TEXT, MAX_CHARS

        self.catalogue = catalogue
        self.report = None
        self.cards: list[FlagCard] = []
        self.product_buttons: dict[str, QPushButton] = {}
        self._detail_dialog = None
        self._last_dir = ""
        fm = self.fontMetrics().height()
        outer = QVBoxLayout(self)
        outer.addWidget(heading(TITLE))
        outer.addWidget(
            _label(
                "Paste what a clinic sent you (a web page, an email, a brochure), or open a saved "
                "page. DecisionAid marks each sentence that claims more than the evidence or the "
                "rules support, and says why."
            )
        )
        self.limits = Notice("info", "What this check can and cannot do", LIMITS_TEXT)
        outer.addWidget(self.limits)

        split = QtWidgets.QSplitter(Qt.Horizontal)
        split.setChildrenCollapsible(False)
        outer.addWidget(split, 1)

        # Left: the text, to paste into, then marked up.
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.text_stack = QtWidgets.QStackedWidget()
        self.editor = QtWidgets.QPlainTextEdit()
        self.editor.setPlaceholderText("Paste the clinic's text here, then press Check.")
        self.editor.setAccessibleName("The clinic's text")
        self.editor.setAccessibleDescription(
            f"Paste up to {MAX_CHARS:,} characters. Nothing is sent anywhere."
        )
        self.editor.textChanged.connect(self._text_changed)
        self.viewer = QtWidgets.QTextBrowser()
        self.viewer.setOpenLinks(False)
        self.viewer.setAccessibleName("The clinic's text, with warning signs marked")
        self.text_stack.addWidget(self.editor)
        self.text_stack.addWidget(self.viewer)
        lv.addWidget(self.text_stack, 1)
        self.count = QLabel()
        self.count.setAccessibleName("Length of the text")
        lv.addWidget(self.count)
        buttons = QHBoxLayout()
        self.check_button = QPushButton("&Check this offer")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(lambda: self.run_check())
        self.edit_button = QPushButton("&Edit the text")
        self.edit_button.clicked.connect(self.edit_text)
        self.open_button = QPushButton("&Open a file\u2026")
        self.open_button.clicked.connect(self.open_file)
        self.clear_button = QPushButton("&Remove this offer")
        self.clear_button.setAccessibleDescription(
            "Clear the text and the price from your answers."
        )
        self.clear_button.clicked.connect(self.clear)
        for b in (self.check_button, self.edit_button, self.open_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lv.addLayout(buttons)
        split.addWidget(left)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(self.run_check)

        # Right: what was found, beside the text.
        self.side = QWidget()
        self.side_box = QVBoxLayout(self.side)
        self.side_box.setContentsMargins(fm // 2, 0, fm // 2, 0)
        self.problem = Notice("error", "This text cannot be checked")
        self.problem.hide()
        self.side_box.addWidget(self.problem)
        self.summary = _label("Paste or open a clinic's offer, then press Check.")
        self.side_box.addWidget(self.summary)
        self.flags_title = heading("Warning signs in the text", 1.1)
        self.side_box.addWidget(self.flags_title)
        self.flags_box = QVBoxLayout()
        self.side_box.addLayout(self.flags_box)
        self.products_title = heading("Products it names", 1.1)
        self.side_box.addWidget(self.products_title)
        self.products_box = QVBoxLayout()
        self.side_box.addLayout(self.products_box)
        self.price_title = heading("The price you were quoted", 1.1)
        self.side_box.addWidget(self.price_title)
        price_row = QHBoxLayout()
        self.price = QtWidgets.QSpinBox()
        self.price.setRange(0, MAX_PRICE)
        self.price.setSingleStep(100)
        self.price.setPrefix("$ ")
        self.price.setSpecialValueText("Not given")
        self.price.setAccessibleName("The price the clinic quoted, in US dollars")
        self.price.valueChanged.connect(self._price_changed)
        self.price_product = QtWidgets.QComboBox()
        self.price_product.setAccessibleName("Which product the price is for")
        self.price_product.setSizeAdjustPolicy(
            QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon
        )
        self.price_product.setMinimumContentsLength(10)
        self.price_product.currentIndexChanged.connect(self._price_changed)
        price_row.addWidget(self.price)
        price_row.addWidget(QLabel("for"))
        price_row.addWidget(self.price_product, 1)
        self.side_box.addLayout(price_row)
        self.price_text = _label("")
        self.side_box.addWidget(self.price_text)
        self.questions_title = heading("Questions to ask this clinic", 1.1)
        self.side_box.addWidget(self.questions_title)
        self.questions = _label("")
        self.side_box.addWidget(self.questions)
        self.kept = _label(
            "Nothing you paste is sent anywhere. The text and price are kept with your answers "
            "on this computer (and in their autosave), so saving your answers saves them, and "
            "File > Forget my answers deletes them. The summary PDF lists the warning signs."
        )
        self.kept.setFont(scaled_font(self.kept.font(), 0.9))
        self.side_box.addWidget(self.kept)
        self.side_box.addStretch(1)
        self.side_scroll = scrolling(self.side, wrap=True, name="What the check found")
        split.addWidget(self.side_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([6 * fm * 10, 4 * fm * 10])
        self._show_sections(False)
        if offer is not None:
            self.editor.setPlainText(offer.text)
            if offer.price_usd is not None:
                self.price.setValue(int(min(MAX_PRICE, offer.price_usd)))
            if offer.text.strip():
                self.run_check(emit=False)
        self._text_changed()

    # --- actions ------------------------------------------------------------------------
    def _text_changed(self) -> None:
        from decisionaid.offer_check import MAX_CHARS

        n = len(self.editor.toPlainText())
        over = " \u2014 too long: check the part with the offer" if n > MAX_CHARS else ""
        self.count.setText(f"{n:,} of {MAX_CHARS:,} characters{over}")
        self.check_button.setEnabled(bool(self.editor.toPlainText().strip()))

    def _show_sections(self, shown: bool) -> None:
        for w in (self.products_title, self.price_title, self.price, self.price_product,
                  self.price_text, self.flags_title, self.questions_title, self.questions):  # fmt: skip
            w.setVisible(shown)
        self.edit_button.setVisible(shown)

    def edit_text(self) -> None:
        self.text_stack.setCurrentWidget(self.editor)
        self.editor.setFocus()

    def open_file(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Open a clinic's page", self._last_dir,
                                              OPEN_FILTER)  # fmt: skip
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> bool:
        from decisionaid.offer_check import OfferError, read_offer_file

        self._last_dir = str(Path(path).parent)
        try:
            text = read_offer_file(path)
        except OfferError as exc:
            self._show_problem(str(exc))
            return False
        self.editor.setPlainText(text)
        self.run_check()
        return True

    def clear(self) -> None:
        self.editor.clear()
        self.price.setValue(0)
        self.report = None
        self.text_stack.setCurrentWidget(self.editor)
        self.problem.hide()
        self.summary.setText("Paste or open a clinic's offer, then press Check.")
        self._fill([], [], [])
        self._show_sections(False)
        self.offer_changed.emit(None)

    def _show_problem(self, message: str) -> None:
        self.problem.set_text("This text cannot be checked", message[:1].upper() + message[1:])
        self.problem.show()

    def current_offer(self):
        from decisionaid.answers import Offer, clean_text

        text = clean_text(self.editor.toPlainText(), multiline=True)
        if not text.strip():
            return None
        price = float(self.price.value()) if self.price.value() > 0 else None
        return Offer(text=text, price_usd=price)

    def run_check(self, emit: bool = True) -> None:
        from decisionaid.offer_check import OfferError, check_offer

        text = self.editor.toPlainText()
        if not text.strip():
            return
        try:
            report = check_offer(text, self.catalogue)
        except OfferError as exc:
            self._show_problem(str(exc))
            return
        self.problem.hide()
        self.report = report
        flagged = report.flagged_sentences()
        self.summary.setText(
            f"Found {len(flagged)} sentence{'s' if len(flagged) != 1 else ''} with warning signs "
            f"and {len(report.products)} product{'s' if len(report.products) != 1 else ''} "
            f"the catalogue knows, in {report.sentences} sentences. Each warning sign is marked "
            f"{WARNING_SIGN} with its number in the text."
        )
        self.viewer.setHtml(self._marked_html(report, flagged))
        self.text_stack.setCurrentWidget(self.viewer)
        self._fill(report.products, flagged, report.questions)
        self._show_sections(True)
        if emit:
            self.offer_changed.emit(self.current_offer())

    # --- showing results ----------------------------------------------------------------
    def _marked_html(self, report, flagged) -> str:
        import html

        text = report.text
        parts, pos = [], 0
        for n, (start, end, flags) in enumerate(flagged, 1):
            kinds = "; ".join(dict.fromkeys(f.kind_words for f in flags))
            parts.append(html.escape(text[pos:start]))
            parts.append(
                f'<a name="flag{n}"></a><b>[{WARNING_SIGN} {n}: {html.escape(kinds)}]</b> '
                f"<u><b>{html.escape(text[start:end])}</b></u>"
            )
            pos = end
        parts.append(html.escape(text[pos:]))
        body = "".join(parts).replace("\n", "<br>")
        return f"<div>{body}</div>"

    def _clear_box(self, box) -> None:
        while box.count():
            item = box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _fill(self, products, flagged, questions) -> None:
        from decisionaid.offer_check import priced_product

        self._clear_box(self.products_box)
        self._clear_box(self.flags_box)
        self.product_buttons = {}
        self.cards = []
        if not products:
            self.products_box.addWidget(_label("None that the catalogue knows."))
        for p in products:
            row = QWidget()
            rl = QHBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            about = _label(f"{p.name}: {p.regulatory_words}. Named as \u201c{p.found_as}\u201d.")
            rl.addWidget(about, 1)
            if p.in_catalogue:
                button = QPushButton("Details\u2026")
                button.setAccessibleName(f"More about {p.name}")
                button.clicked.connect(lambda _=False, tid=p.id: self.show_product(tid))
                rl.addWidget(button, 0, Qt.AlignTop)
                self.product_buttons[p.id] = button
            else:
                about.setText(f"{about.text()} Not in the catalogue. {p.regulatory_text}")
            self.products_box.addWidget(row)
        if not flagged:
            self.flags_box.addWidget(
                _label("None found. This does not mean that everything in the text is true.")
            )
        for n, (start, end, flags) in enumerate(flagged, 1):
            card = FlagCard(n, self.report.text[start:end], flags, self.catalogue)
            card.show_in_text.connect(self.show_flag)
            self.flags_box.addWidget(card)
            self.cards.append(card)
        self.questions.setText("\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1)))
        self.price_product.blockSignals(True)
        self.price_product.clear()
        priced = [
            p for p in products if p.in_catalogue and self.catalogue.treatments[p.id].cost.known
        ]
        for p in priced:
            self.price_product.addItem(p.name, p.id)
        best = priced_product(self.report, self.catalogue) if self.report else None
        if best is not None:
            self.price_product.setCurrentIndex(self.price_product.findData(best.id))
        self.price_product.setEnabled(bool(priced))
        self.price_product.blockSignals(False)
        self._update_price_text()

    def _update_price_text(self) -> None:
        from decisionaid.offer_check import compare_price

        tid = self.price_product.currentData()
        price = float(self.price.value()) if self.price.value() > 0 else None
        if tid:
            self.price_text.setText(compare_price(self.catalogue, tid, price))
        elif self.report is not None:
            self.price_text.setText(
                "The text names no product with a price in the catalogue to compare with."
            )
        else:
            self.price_text.setText("")

    def _price_changed(self, *_):
        self._update_price_text()
        if self.report is not None:
            self.offer_changed.emit(self.current_offer())

    def show_flag(self, number: int) -> None:
        self.text_stack.setCurrentWidget(self.viewer)
        self.viewer.scrollToAnchor(f"flag{number}")

    def show_product(self, treatment_id: str) -> None:
        """The product's detail view, as in the catalogue browser."""
        from decisionaid.gui.detail import DetailView

        t = self.catalogue.treatments[treatment_id]
        dialog = QtWidgets.QDialog(self)
        dialog.setWindowTitle(f"DecisionAid: {t.name}")
        box = QVBoxLayout(dialog)
        view = DetailView()
        view.show_treatment(t, self.catalogue)
        box.addWidget(view, 1)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Close)
        close.rejected.connect(dialog.close)
        box.addWidget(close)
        dialog.resize(self.window().size() * 0.85)
        dialog.show()
        self._detail_dialog = dialog


# --- opening the page from the welcome page and the results --------------------------------


def _wizard_of(widget: QWidget):
    """The wizard around ``widget``: the widget that holds the answers (``answers``,
    ``answers_changed``, ``_apply``). Found by what it offers, so that this module does not
    import gui/wizard.py, which imports the results page, which imports this module."""
    w = widget
    while w is not None and not (hasattr(w, "answers_changed") and hasattr(w, "_apply")):
        w = w.parentWidget()
    return w


def open_offer_checker(from_widget: QWidget) -> QtWidgets.QDialog | None:
    """Open (or bring back) the offer page for the wizard that holds ``from_widget``; the page
    reads and writes the wizard's answers (``Answers.offer``)."""
    wizard = _wizard_of(from_widget)
    if wizard is None or wizard.catalogue is None:
        return None  # the catalogue is still opening (a moment after start-up)
    dialog = getattr(wizard, "_offer_dialog", None)
    if dialog is None:
        dialog = QtWidgets.QDialog(wizard.window())
        dialog.setWindowTitle(f"DecisionAid: {TITLE}")
        box = QVBoxLayout(dialog)
        page = OfferPage(wizard.catalogue, wizard.answers.offer if wizard.answers else None)
        page.offer_changed.connect(lambda offer: wizard._apply({"offer": offer}))
        box.addWidget(page, 1)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Close)
        close.rejected.connect(dialog.close)
        box.addWidget(close)
        dialog.page = page
        dialog.resize(wizard.window().size() * 0.95)
        wizard._offer_dialog = dialog
        wizard.answers_changed.connect(lambda a: _forgotten(dialog, a))
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _forgotten(dialog, answers) -> None:
    """Start over, Forget or Open replaced the answers: show what they now hold."""
    page = dialog.page
    offer = answers.offer
    if offer is None and page.report is not None:
        page.blockSignals(True)
        page.clear()
        page.blockSignals(False)
    elif offer is not None and offer.text != page.editor.toPlainText():
        page.blockSignals(True)
        page.editor.setPlainText(offer.text)
        page.price.setValue(int(offer.price_usd or 0))
        page.run_check(emit=False)
        page.blockSignals(False)


def offer_button(parent: QWidget, text: str) -> QPushButton:
    """A button that opens the offer page (one for the welcome page, one for the results)."""
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("\u2026"))
    button.setAccessibleDescription(
        "Paste a clinic's offer and see which claims run ahead of the evidence."
    )
    button.clicked.connect(lambda: open_offer_checker(parent))
    return button
