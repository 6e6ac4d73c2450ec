"""The results page: every option in one of three groups, each with its reasons.

"Fits your answers", "Discuss with care" and "Not for you" are always all shown (excluded options
show why). Doing nothing is always visible with the natural course. Options are not ranked as
"best": a line says how they are ordered within a group. Each option shows its certainty and
regulatory status in words with an icon, its cost over 1, 3 and 5 years, and why it is where it
is. From here a person opens an option's details, compares up to four side by side, goes back
to change an answer, or exports the PDF.

What the main window uses: ``set_result``, ``compare_ids``, ``set_compare_ids`` and the
signals ``edit_answers(int)``, ``export_pdf()``,
``compare_changed(list)``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid import presentation as pr
from decisionaid.gui.compare import CompareView
from decisionaid.gui.detail import DetailView
from decisionaid.gui.icons import IconText, icon, pixmap
from decisionaid.gui.steps import EDIT_STEPS
from decisionaid.gui.style import (
    FlowLayout,
    KeyGroup,
    Notice,
    keyboard_focus,
    scaled_font,
    scrolling,
)
from decisionaid.gui.table_models import ID_ROLE, SORT_ROLE, OptionsTableModel
from decisionaid.rules import STATUS_WORDS, OptionResult, Result


def _label(text: str, bold: bool = False, factor: float = 1.0) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.PlainText)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if bold or factor != 1.0:
        label.setFont(scaled_font(label.font(), factor, bold=bold))
    label.setAccessibleName(text[:200])
    return label


class OptionCard(QFrame):
    """One option: name, evidence and approval in words with icons, costs, why, and actions."""

    def __init__(self, option: OptionResult, compare_checked: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.option = option
        row = pr.option_row(option)
        self.row = row
        self.setFrameShape(QFrame.StyledPanel)
        self.setObjectName(f"card-{option.id}")
        grid = QGridLayout(self)
        fm = self.fontMetrics().height()
        grid.setContentsMargins(fm // 2, fm // 3, fm // 2, fm // 3)
        grid.setVerticalSpacing(fm // 4)
        self.name = _label(row["name"], bold=True, factor=1.15)
        grid.addWidget(self.name, 0, 0, 1, 2)
        actions_box = QWidget()
        actions = FlowLayout(actions_box)
        self.compare = QCheckBox("Compare")
        self.compare.setChecked(compare_checked)
        self.compare.setAccessibleName(f"Compare {row['name']}")
        self.compare.setAccessibleDescription(
            "Add this option to the side-by-side comparison (up to 4)."
        )
        self.details = QPushButton("More about this option")
        self.details.setAccessibleName(f"More about {row['name']}")
        self.details.setAccessibleDescription(
            "Benefits, harms, costs, claims and sources for this option."
        )
        actions.addWidget(self.compare)
        actions.addWidget(self.details)
        grid.addWidget(actions_box, 4, 0, 1, 2)

        badges_box = QWidget()
        badges = FlowLayout(badges_box, spacing=fm)
        self.certainty = IconText(
            "certainty",
            row["certainty"] or "none",
            row["certainty_words"],
            prefix="Evidence: ",
        )
        self.regulatory = IconText("regulatory", row["regulatory"], prefix="Status: ")
        badges.addWidget(self.certainty)
        badges.addWidget(self.regulatory)
        grid.addWidget(badges_box, 1, 0, 1, 2)

        if option.costs.known:
            costs = "Cost over " + "  ·  ".join(
                f"{years}: {text}" for years, text in pr.cost_lines(option.costs)
            )
        else:
            costs = f"Cost: {pr.PRICE_NOT_KNOWN}. Ask for a written quote."
        self.costs = _label(costs)
        grid.addWidget(self.costs, 2, 0, 1, 2)
        why = "\n".join(f"\u2022 {pr.plain_terms(text)}" for text in row["reasons"])
        self.why = _label(f"Why it is here:\n{why}")
        grid.addWidget(self.why, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.setAccessibleName(f"{row['name']}: {row['status_words']}")
        self.setAccessibleDescription(
            f"{row['certainty_words']}. {row['regulatory_words']}. Cost over 5 years: {row['cost_5']}. "
            f"Why: {row['why']}"
        )


class GroupSection(QWidget):
    """A collapsible group ("Fits your answers" ...), expanded unless the person collapses it."""

    def __init__(self, status: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = status
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.DownArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setFont(scaled_font(self.toggle.font(), 1.3, bold=True))
        self.toggle.toggled.connect(self._toggled)
        self.icon = QLabel()
        size = int(self.toggle.fontMetrics().height())
        self.icon.setPixmap(pixmap("status", status, size, self.palette()))
        self.icon.setAccessibleName(f"{STATUS_WORDS[status]} (icon)")
        head.addWidget(self.toggle)
        head.addWidget(self.icon)
        head.addStretch(1)
        box.addLayout(head)
        self.meaning = _label(pr.STATUS_MEANING[status])
        box.addWidget(self.meaning)
        self.body = QWidget()
        self.list = QVBoxLayout(self.body)
        self.list.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.body)
        self.cards: list[OptionCard] = []
        self.keys = KeyGroup([], columns=2, row_stops=True, parent=self)
        self.set_count(0)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.PaletteChange, QEvent.FontChange):
            size = int(self.toggle.fontMetrics().height())
            self.icon.setPixmap(pixmap("status", self.status, size, self.palette()))
        super().changeEvent(event)

    def set_count(self, count: int) -> None:
        text = pr.group_heading(self.status, count)
        self.toggle.setText(text)
        self.toggle.setAccessibleName(text)
        self.toggle.setAccessibleDescription("Press to show or hide this group's options.")

    def _toggled(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)
        self.body.setVisible(shown)

    def set_cards(self, cards: list[OptionCard]) -> None:
        while self.list.count():
            item = self.list.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.cards = cards
        for card in cards:
            self.list.addWidget(card)
        # The group's cards take two Tab stops (one card's "Compare" and "More about"); the
        # arrow keys move to the card above or below.
        self.keys.set_widgets([w for card in cards for w in (card.compare, card.details)])
        if not cards:
            self.list.addWidget(_label("No options are in this group for your answers."))
        self.set_count(len(cards))


class ResultsPage(QWidget):
    """Every option, grouped; details, comparison, changing answers and the PDF."""

    edit_answers = Signal(int)
    export_pdf = Signal()
    option_viewed = Signal(str)  # a treatment id whose details were opened
    compare_changed = Signal(list)
    view_changed = Signal(int)  # OVERVIEW, DETAIL or COMPARE

    OVERVIEW, DETAIL, COMPARE = range(3)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: Result | None = None
        self._compare: list[str] = []
        self._returning_focus: QWidget | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)

        # Overview.
        self.overview = QWidget()
        ov = QVBoxLayout(self.overview)
        ov.setContentsMargins(0, 0, 0, 0)
        self.scroll = scrolling(wrap=True, name="Your options")
        self.views = QStackedWidget()
        self.views.addWidget(self.scroll)
        self.views.addWidget(self._table_page())
        ov.addWidget(self.views, 1)
        self.action_bar = self._action_bar()  # after the page in the Tab order (Wizard)
        ov.addWidget(self.action_bar)
        self.content = QWidget()
        self.page = QVBoxLayout(self.content)
        fm = self.fontMetrics().height()
        self.page.setContentsMargins(fm, fm // 2, fm, fm)
        self.page.setSpacing(fm // 2)
        self.title = _label("Your options", bold=True, factor=1.5)
        self.page.addWidget(self.title)
        self.notices = Notice("warning", "Please note")
        self.page.addWidget(self.notices)
        self.not_ranked = _label(pr.NOT_RANKED)
        self.page.addWidget(self.not_ranked)
        self.page.addWidget(self._change_row())
        self.waiting = self._waiting_box()
        self.page.addWidget(self.waiting)
        self.groups = {
            status: GroupSection(status) for status in ("suitable", "caution", "excluded")
        }
        for group in self.groups.values():
            self.page.addWidget(group)
        self.page.addStretch(1)
        self.scroll.setWidget(self.content)
        self.stack.addWidget(self.overview)

        # Detail.
        self.detail_page = QWidget()
        dv = QVBoxLayout(self.detail_page)
        dv.setContentsMargins(0, 0, 0, 0)
        self.detail_back = QPushButton("\u2190 Back to all options")
        self.detail_back.setAccessibleName("Back to all options")
        self.detail_back.clicked.connect(self.show_overview)
        bar = QHBoxLayout()
        bar.addWidget(self.detail_back)
        self.detail_compare = QCheckBox("Compare")
        self.detail_compare.setAccessibleName("Compare this option")
        self.detail_compare.toggled.connect(self._detail_compare_toggled)
        bar.addWidget(self.detail_compare)
        bar.addStretch(1)
        dv.addLayout(bar)
        self.detail = DetailView()
        self.detail.edit_answers.connect(self.edit_answers)
        dv.addWidget(self.detail, 1)
        self.stack.addWidget(self.detail_page)

        # Compare.
        self.compare_page = QWidget()
        cv = QVBoxLayout(self.compare_page)
        cv.setContentsMargins(fm // 2, fm // 2, fm // 2, fm // 2)
        self.compare_back = QPushButton("\u2190 Back to all options")
        self.compare_back.setAccessibleName("Back to all options")
        self.compare_back.clicked.connect(self.show_overview)
        cbar = QHBoxLayout()
        cbar.addWidget(self.compare_back)
        cbar.addStretch(1)
        cv.addLayout(cbar)
        self.compare_view = CompareView(grow=True)
        self.compare_scroll = scrolling(self.compare_view, wrap=True, name="Comparison")
        self.compare_view.table.current_moved = self._compare_cell_moved
        cv.addWidget(self.compare_scroll, 1)
        self.stack.addWidget(self.compare_page)

        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        # Escape goes back to all options from anywhere in the window (also after Tab has
        # left the details or the grid for Back or Next).
        escape = QShortcut(QKeySequence(Qt.Key_Escape), self)
        escape.setContext(Qt.WindowShortcut)
        escape.activated.connect(self._escape)
        self.set_result(None)

    def _compare_cell_moved(self, rect) -> None:
        """Keep the current cell of the grid in view (the whole page scrolls, not the grid)."""
        table = self.compare_view.table
        top_left = table.viewport().mapTo(self.compare_view, rect.topLeft())
        x = top_left.x() + rect.width() // 2
        header = table.horizontalHeader().height()
        # As much of the cell as fits, and always its top with the options' names above it.
        self.compare_scroll.ensureVisible(x, top_left.y() + rect.height(), 0, 0)
        self.compare_scroll.ensureVisible(x, max(0, top_left.y() - header), 0, 0)

    def _escape(self) -> None:
        if self.isVisible() and self.stack.currentIndex() != self.OVERVIEW:
            self.show_overview()

    # --- building blocks ----------------------------------------------------------------
    def _action_bar(self) -> QWidget:
        bar = QFrame()
        bar.setFrameShape(QFrame.NoFrame)
        column = QVBoxLayout(bar)
        fm = self.fontMetrics().height()
        column.setContentsMargins(fm, fm // 3, fm, fm // 3)
        row = FlowLayout(spacing=fm // 2)
        self.compare_message = QLabel()
        self.compare_message.setWordWrap(True)
        self.compare_message.setAccessibleName("Comparison message")
        self.compare_message.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.compare_button = QPushButton()
        self.compare_button.setAccessibleDescription("Show the options you ticked side by side.")
        self.compare_button.clicked.connect(self.show_compare)
        self.export_button = QPushButton("Export PDF\u2026")
        self.export_button.setAccessibleName("Export PDF")
        self.export_button.setAccessibleDescription("Save a summary to take to your doctor.")
        self.export_button.clicked.connect(self.export_pdf)
        shown_as = QLabel("Show as:")
        self.as_cards = QRadioButton("&Cards")
        self.as_table = QRadioButton("&Table")
        self.as_cards.setChecked(True)
        self.as_cards.setAccessibleName("Show the options as cards, in three groups")
        self.as_table.setAccessibleName("Show the options as one table you can sort")
        self.as_table.toggled.connect(self._show_table)
        self.view_keys = KeyGroup([self.as_cards, self.as_table], select=True, parent=self)
        views = QWidget()
        views_row = QHBoxLayout(views)
        views_row.setContentsMargins(0, 0, 0, 0)
        views_row.addWidget(shown_as)
        views_row.addWidget(self.as_cards)
        views_row.addWidget(self.as_table)
        row.addWidget(views)
        row.addWidget(self.compare_button)
        from decisionaid.gui.offer import offer_button  # "Check a clinic's offer" (gui/offer.py)

        row.addWidget(offer_button(self, "Check a clinic's o&ffer\u2026"))
        row.addWidget(self.export_button)
        column.addWidget(self.compare_message)
        column.addLayout(row)
        self.compare_message.hide()  # shown with a message
        return bar

    def _table_page(self) -> QWidget:
        """Every option in one sortable table (the cards' alternative); Enter opens details."""
        page = QWidget()
        box = QVBoxLayout(page)
        fm = self.fontMetrics().height()
        box.setContentsMargins(fm, fm // 2, fm, 0)
        self.table_notice = Notice("warning", "Please note")
        box.addWidget(self.table_notice)
        intro = _label(
            "All options in one table, in their groups. Click a column title to sort. "
            "Press Enter or double-click a row to see the details."
        )
        box.addWidget(intro)
        self.table_model = OptionsTableModel(parent=self)
        self.table_model.icon_for = self._table_icon
        self.table_proxy = QSortFilterProxyModel(self)
        self.table_proxy.setSourceModel(self.table_model)
        self.table_proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.table_proxy)
        self.table.setSortingEnabled(True)
        # Start in the groups' order (the proxy's sort is stable, so the order within a group stays).
        self.table.sortByColumn(OptionsTableModel.GROUP, Qt.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setCornerButtonEnabled(False)
        self.table.verticalHeader().hide()
        # Rows fit their contents while the table is shown (_show_table); while it is hidden,
        # Qt would measure every cell again after each change of the results for nothing.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        header = self.table.horizontalHeader()
        for col in (OptionsTableModel.COST_1, OptionsTableModel.COST_3, OptionsTableModel.EFFORT):
            self.table.setColumnHidden(col, True)
        for col in range(self.table_model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self.table.viewport().installEventFilter(self)  # columns fit the width (_fit_columns)
        self.table.setAccessibleName("All options")
        self.table.setAccessibleDescription(
            "Use the arrow keys to move, Enter to see an option's details."
        )
        self.table.activated.connect(self._table_activated)
        self.table.doubleClicked.connect(self._table_activated)
        box.addWidget(self.table, 1)
        return page

    # Shares of the table's width; "Why" takes the rest. With large text, when even these
    # leave "Why" too narrow to read, it is hidden (the cards and details give every reason).
    COLUMN_SHARES = {
        OptionsTableModel.NAME: 0.22,
        OptionsTableModel.GROUP: 0.17,
        OptionsTableModel.CERTAINTY: 0.17,
        OptionsTableModel.REGULATORY: 0.17,
        OptionsTableModel.COST_5: 0.13,
    }

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Resize and watched is self.table.viewport():
            QTimer.singleShot(0, self._fit_columns)
        return False

    def _fit_columns(self) -> None:
        width = self.table.viewport().width()
        if width <= 0:
            return
        em = self.table.fontMetrics().averageCharWidth()
        wide = width >= em * 110  # room for the reasons as well
        self.table.setColumnHidden(OptionsTableModel.WHY, not wide)
        scale = 0.8 if wide else 1.0 / sum(self.COLUMN_SHARES.values())
        for column, share in self.COLUMN_SHARES.items():
            self.table.setColumnWidth(column, int(width * share * scale) - 1)
        self.table.resizeRowsToContents()

    def _table_icon(self, column: int, row: dict):
        size = self.fontMetrics().height()
        if column == OptionsTableModel.GROUP:
            return icon("status", row["status"], size, self.palette())
        if column == OptionsTableModel.CERTAINTY:
            return icon("certainty", row["certainty"] or "none", size, self.palette())
        if column == OptionsTableModel.REGULATORY:
            return icon("regulatory", row["regulatory"], size, self.palette())
        return None

    def _table_activated(self, index) -> None:
        treatment_id = self.table_proxy.data(index, ID_ROLE)
        if treatment_id:
            self._returning_focus = self.table
            self.open_detail(treatment_id)

    def _show_table(self, on: bool) -> None:
        self.views.setCurrentIndex(1 if on else 0)
        mode = QHeaderView.ResizeToContents if on else QHeaderView.Fixed
        self.table.verticalHeader().setSectionResizeMode(mode)
        if on:
            self.table.resizeRowsToContents()

    def _change_row(self) -> QWidget:
        w = QWidget()
        row = FlowLayout(w)
        label = QLabel("Change my answers:")
        row.addWidget(label)
        self.change_buttons: dict[int, QPushButton] = {}
        for step, topic in EDIT_STEPS:
            button = QPushButton(topic)
            button.setFlat(True)
            button.setCursor(Qt.PointingHandCursor)
            font = button.font()
            font.setUnderline(True)
            button.setFont(font)
            button.setForegroundRole(QPalette.Link)
            button.setAccessibleName(f"Change my answers: {topic}")
            button.setAccessibleDescription(
                f"Go back to the \u201c{topic}\u201d step of the questions."
            )
            button.clicked.connect(lambda _=False, s=int(step): self.edit_answers.emit(s))
            self.change_buttons[int(step)] = button
            row.addWidget(button)
        # One Tab stop; the arrow keys move along the row.
        self.change_keys = KeyGroup(list(self.change_buttons.values()), parent=self)
        return w

    def _waiting_box(self) -> QFrame:
        box = QFrame()
        box.setFrameShape(QFrame.Box)
        box.setAutoFillBackground(True)
        box.setBackgroundRole(QPalette.AlternateBase)
        lay = QVBoxLayout(box)
        self.waiting_title = _label("If you do nothing (watchful waiting)", bold=True, factor=1.15)
        self.waiting_text = _label("")
        self.waiting_where = _label("")
        row = QHBoxLayout()
        row.addWidget(self.waiting_where, 1)
        self.waiting_button = QPushButton("More about waiting")
        self.waiting_button.setAccessibleName("More about doing nothing (watchful waiting)")
        self.waiting_button.clicked.connect(lambda: self._open_waiting())
        row.addWidget(self.waiting_button, 0, Qt.AlignTop)
        lay.addWidget(self.waiting_title)
        lay.addWidget(self.waiting_text)
        lay.addLayout(row)
        box.setAccessibleName("If you do nothing")
        return box

    # --- what the wizard and the main window use -----------------------------------------
    def set_result(self, result: Result | None) -> None:
        """Show a new result (None: nothing yet). Ticked comparisons that still exist are kept."""
        self.result = result
        if result is not None:
            known = {o.id for o in result.options}
            self._compare = [i for i in self._compare if i in known]
        self._rebuild()
        if self.stack.currentIndex() == self.DETAIL and self.detail.option is not None and result:
            option = result.option(self.detail.option.id)
            if option is not None:
                self.open_detail(option.id)
            else:
                self.show_overview()
        elif self.stack.currentIndex() == self.COMPARE:
            self._refresh_compare()

    def compare_ids(self) -> list[str]:
        return list(self._compare)

    def set_compare_ids(self, ids: list) -> None:
        """Tick these options for comparison (unknown ids dropped, at most 4). Does not emit."""
        known = {o.id for o in self.result.options} if self.result else None
        out: list[str] = []
        for i in ids or []:
            if isinstance(i, str) and (known is None or i in known) and i not in out:
                out.append(i)
        self._compare = out[: pr.MAX_COMPARE]
        self._sync_checkboxes()
        self._refresh_compare()

    def tab_order(self, stops: list[QWidget]) -> list[QWidget]:
        """``stops`` (this page's Tab stops, in Qt's order) in reading order: the page from
        top to bottom, each group's cards under its heading, then the bar of actions. Cards
        are rebuilt after the rest, so Qt's own order would put them last."""
        first = [*self.change_buttons.values(), self.waiting_button]
        for group in self.groups.values():
            first += [group.toggle, *(w for c in group.cards for w in (c.compare, c.details))]
        first.append(self.table)
        wanted = set(first)
        bar = [w for w in stops if self.action_bar.isAncestorOf(w)]
        middle = [w for w in stops if w not in wanted and w not in bar]
        return [w for w in first if w in set(stops)] + middle + bar

    # --- navigation ---------------------------------------------------------------------
    def show_overview(self) -> None:
        self.stack.setCurrentIndex(self.OVERVIEW)
        self.view_changed.emit(self.OVERVIEW)
        import shiboken6

        target = self._returning_focus
        if target is not None and shiboken6.isValid(target) and target.isVisible():
            keyboard_focus(target)  # with its focus ring, where the person left off
        self._returning_focus = None

    def open_detail(self, treatment_id: str) -> None:
        if self.result is None:
            return
        option = self.result.option(treatment_id)
        if option is None:
            return
        self.detail.show_option(option, self.result.catalogue, self.result.answers.hair_loss_type)
        self.option_viewed.emit(option.id)
        self.detail_compare.blockSignals(True)
        self.detail_compare.setChecked(option.id in self._compare)
        self.detail_compare.blockSignals(False)
        self.stack.setCurrentIndex(self.DETAIL)
        self.view_changed.emit(self.DETAIL)
        keyboard_focus(self.detail_back)

    def show_compare(self) -> None:
        if self.stack.currentIndex() == self.OVERVIEW and self._returning_focus is None:
            self._returning_focus = self.compare_button
        self._refresh_compare()
        self.stack.setCurrentIndex(self.COMPARE)
        self.view_changed.emit(self.COMPARE)
        keyboard_focus(self.compare_view.table)

    def keyPressEvent(self, event) -> None:
        """Escape goes back from the details or the comparison to the list."""
        if event.key() == Qt.Key_Escape and self.stack.currentIndex() != self.OVERVIEW:
            self.show_overview()
            event.accept()
            return
        super().keyPressEvent(event)

    def _open_waiting(self) -> None:
        if self.result is None:
            return
        waiting = pr.no_treatment_options(self.result)
        if waiting:
            self._returning_focus = self.waiting_button
            self.open_detail(waiting[0].id)

    # --- internals ----------------------------------------------------------------------
    def cards(self) -> list[OptionCard]:
        return [card for group in self.groups.values() for card in group.cards]

    def card(self, treatment_id: str) -> OptionCard | None:
        for card in self.cards():
            if card.option.id == treatment_id:
                return card
        return None

    def _rebuild(self) -> None:
        result = self.result
        self.compare_message.clear()
        self.table_model.set_rows([pr.option_row(o) for o in result.options] if result else [])
        if self.views.currentIndex() == 1:  # else done when the table is shown (_show_table)
            self.table.resizeRowsToContents()
        if result is None:
            self.table_notice.hide()
            self.notices.hide()
            self.waiting_text.setText("Answer the questions to see your options.")
            self.waiting_where.clear()
            self.waiting_button.hide()
            for group in self.groups.values():
                group.set_cards([])
            self._update_compare_button()
            return
        if result.notices:
            title = "Please see a doctor soon" if result.see_doctor_soon else "Please note"
            for notice in (self.notices, self.table_notice):
                notice.set_text(title, "\n".join(f"\u2022 {n}" for n in result.notices))
                notice.show()
        else:
            self.notices.hide()
            self.table_notice.hide()
        type_name = pr.hair_loss_type_name(result.catalogue, result.answers.hair_loss_type)
        self.waiting_title.setText(
            f"If you do nothing (watchful waiting): {type_name.lower()}"
            if type_name
            else "If you do nothing (watchful waiting)"
        )
        self.waiting_text.setText(pr.natural_course(result))
        waiting = pr.no_treatment_options(result)
        if waiting:
            where = "; ".join(
                f"\u201c{o.treatment.name}\u201d is in \u201c{STATUS_WORDS[o.status]}\u201d below"
                for o in waiting
            )
            self.waiting_where.setText(f"Doing nothing is always an option. {where}.")
            self.waiting_button.show()
        else:
            self.waiting_where.setText(
                "Doing nothing is always an option. Ask your doctor what to watch for."
            )
            self.waiting_button.hide()
        for status, group in self.groups.items():
            cards = []
            for option in result.by_status(status):
                card = OptionCard(option, option.id in self._compare)
                card.compare.toggled.connect(
                    lambda on, i=option.id, c=card: self._compare_toggled(i, on, c.compare)
                )
                card.details.clicked.connect(
                    lambda _=False, i=option.id, c=card: self._card_details(i, c)
                )
                cards.append(card)
            group.set_cards(cards)
        self._update_compare_button()
        QTimer.singleShot(0, lambda: self.scroll.verticalScrollBar().setValue(0))

    def _card_details(self, treatment_id: str, card: OptionCard) -> None:
        self._returning_focus = card.details
        self.open_detail(treatment_id)

    def _compare_toggled(self, treatment_id: str, on: bool, box: QCheckBox | None) -> None:
        if on and treatment_id not in self._compare:
            if len(self._compare) >= pr.MAX_COMPARE:
                if box is not None:
                    box.blockSignals(True)
                    box.setChecked(False)
                    box.blockSignals(False)
                self.compare_message.setText("\u26a0 " + pr.compare_limit_message())
                self.compare_message.show()
                self.compare_message.setAccessibleDescription(pr.compare_limit_message())
                QApplication.beep()
                return
            self._compare.append(treatment_id)
        elif not on and treatment_id in self._compare:
            self._compare.remove(treatment_id)
        else:
            return
        self.compare_message.clear()
        self.compare_message.hide()
        self._sync_checkboxes()
        self._update_compare_button()
        self.compare_changed.emit(list(self._compare))

    def _detail_compare_toggled(self, on: bool) -> None:
        if self.detail.option is not None:
            self._compare_toggled(self.detail.option.id, on, self.detail_compare)
            if self.compare_message.text():
                self.detail_compare.setToolTip(pr.compare_limit_message())

    def _sync_checkboxes(self) -> None:
        for card in self.cards():
            card.compare.blockSignals(True)
            card.compare.setChecked(card.option.id in self._compare)
            card.compare.blockSignals(False)
        self._update_compare_button()

    def _update_compare_button(self) -> None:
        n = len(self._compare)
        self.compare_button.setText(f"Compare side by side ({n} of {pr.MAX_COMPARE})")
        self.compare_button.setAccessibleName(
            f"Compare side by side, {n} of {pr.MAX_COMPARE} chosen"
        )
        self.compare_button.setEnabled(n >= 1)
        self.compare_button.setToolTip(
            "" if n else "Tick \u201cCompare\u201d on the options you want to compare."
        )

    def _refresh_compare(self) -> None:
        options = []
        if self.result is not None:
            options = [o for o in (self.result.option(i) for i in self._compare) if o is not None]
        self.compare_view.set_options(options)

    def _focus_changed(self, old, new) -> None:
        if (
            new is not None
            and self.stack.currentIndex() == self.OVERVIEW
            and self.content.isAncestorOf(new)
        ):
            self.scroll.ensureWidgetVisible(new, 8, self.fontMetrics().height() * 3)
