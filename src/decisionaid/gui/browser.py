"""The catalogue browser: every treatment and every kind of hair loss, searchable, with the same
detail view as the results, and an "About this catalogue" tab (what it is, who wrote and paid
for it, how the evidence was chosen, version and review date)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from decisionaid import presentation as pr
from decisionaid.gui.detail import DetailView, HairLossTypeView
from decisionaid.gui.style import heading, paragraph, scaled_font, scrolling
from decisionaid.gui.table_models import (
    ID_ROLE,
    SEARCH_ROLE,
    SORT_ROLE,
    HairLossTypesTableModel,
    TreatmentsTableModel,
)
from decisionaid.models import Catalogue

MAX_SEARCH = 200


class SearchProxy(QSortFilterProxyModel):
    """Keeps rows whose search text holds every word typed (any order, any case)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseInsensitive)

    def set_words(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._words = [w for w in text.lower().split() if w]
            self.endFilterChange()
        else:
            self._words = [w for w in text.lower().split() if w]
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        if not self._words:
            return True
        hay = self.sourceModel().data(self.sourceModel().index(row, 0, parent), SEARCH_ROLE) or ""
        return all(w in hay for w in self._words)


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    view.setTabKeyNavigation(False)
    view.setAccessibleName(name)
    view.setAccessibleDescription("Use the arrow keys to choose; the details show on the right.")
    return view


class CatalogueBrowser(QWidget):
    """``CatalogueBrowser(catalogue)``: browse everything in the catalogue, answers not needed."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        box = QVBoxLayout(self)
        fm = self.fontMetrics().height()
        box.setContentsMargins(fm // 2, fm // 2, fm // 2, fm // 2)
        box.addWidget(heading("Browse the catalogue", 1.35))
        box.addWidget(
            paragraph(
                "Here is every option and every kind of hair loss in the catalogue. "
                "It is facts, not advice for you."
            )
        )

        search_row = QHBoxLayout()
        label = QLabel("&Search:")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a word, e.g. exosome, tablet, patchy")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(MAX_SEARCH)
        self.search.setAccessibleName("Search the catalogue")
        self.search.setAccessibleDescription(
            "Shows only the entries that contain every word you type."
        )
        label.setBuddy(self.search)
        self.count = QLabel()
        self.count.setAccessibleName("How many entries are shown")
        search_row.addWidget(label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count)
        box.addLayout(search_row)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Catalogue sections")
        self.tabs.tabBar().setAccessibleName("Catalogue sections")
        box.addWidget(self.tabs, 1)

        # Treatments.
        self.treatments = TreatmentsTableModel(
            [pr.treatment_row(t, catalogue) for t in catalogue.treatments.values()], self
        )
        self.treatment_proxy = SearchProxy(self)
        self.treatment_proxy.setSourceModel(self.treatments)
        self.treatment_table = _table(self.treatment_proxy, "Options")
        self.treatment_table.sortByColumn(TreatmentsTableModel.NAME, Qt.AscendingOrder)
        for col in (
            TreatmentsTableModel.USED_FOR,
            TreatmentsTableModel.REGULATORY,
            TreatmentsTableModel.COST_5,
        ):
            self.treatment_table.setColumnHidden(col, True)
        self._fit_columns(self.treatment_table, TreatmentsTableModel.NAME)
        self.detail = DetailView()
        self.treatment_empty = QLabel()
        self.tabs.addTab(
            self._split(self.treatment_table, self.detail, self.treatment_empty), "&Options"
        )
        self.treatment_table.selectionModel().currentRowChanged.connect(self._treatment_chosen)

        # Kinds of hair loss.
        self.types = HairLossTypesTableModel(
            [pr.hair_loss_type_row(catalogue, t) for t in catalogue.hair_loss_types], self
        )
        self.type_proxy = SearchProxy(self)
        self.type_proxy.setSourceModel(self.types)
        self.type_table = _table(self.type_proxy, "Kinds of hair loss")
        self.type_table.sortByColumn(HairLossTypesTableModel.NAME, Qt.AscendingOrder)
        self._fit_columns(self.type_table, HairLossTypesTableModel.NAME)
        self.type_view = HairLossTypeView()
        self.type_empty = QLabel()
        self.tabs.addTab(
            self._split(self.type_table, self.type_view, self.type_empty), "&Kinds of hair loss"
        )
        self.type_table.selectionModel().currentRowChanged.connect(self._type_chosen)

        # About.
        self.about = self._about_page()
        self.tabs.addTab(self.about, "&About this catalogue")

        self.search.textChanged.connect(self._search)
        self._search("")
        self.select_treatment(self._first_id(self.treatment_proxy))
        self._select_first(self.type_table, self.type_proxy)

    # --- layout -------------------------------------------------------------------------
    @staticmethod
    def _fit_columns(table: QTableView, stretch: int) -> None:
        """The name column takes the spare width; rows grow so long names wrap in full."""
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        for col in range(table.model().columnCount()):
            header.setSectionResizeMode(
                col, QHeaderView.Stretch if col == stretch else QHeaderView.ResizeToContents
            )
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)

    def _split(self, table: QTableView, view: QWidget, empty: QLabel) -> QWidget:
        split = QSplitter(Qt.Horizontal)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(table, 1)
        empty.setWordWrap(True)
        empty.hide()
        lay.addWidget(empty)
        split.addWidget(left)
        split.addWidget(view)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        fm = self.fontMetrics().height()
        split.setSizes([fm * 20, fm * 36])
        return split

    def _about_page(self) -> QWidget:
        facts = pr.catalogue_about(self.catalogue)
        page = QWidget()
        box = QVBoxLayout(page)
        title = QLabel(facts["title"])
        title.setFont(scaled_font(title.font(), 1.3, bold=True))
        title.setWordWrap(True)
        box.addWidget(title)
        self.about_version = QLabel(
            f"Version {facts['version']}. Last reviewed {facts['reviewed']}. "
            f"{facts['treatments']} options, {facts['hair_loss_types']} kinds of hair loss, "
            f"{facts['references']} references."
        )
        self.about_version.setWordWrap(True)
        self.about_version.setTextInteractionFlags(Qt.TextSelectableByMouse)
        box.addWidget(self.about_version)
        for para in facts["about"]:
            label = QLabel(para)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            label.setAccessibleName(para[:200])
            box.addWidget(label)
        box.addStretch(1)
        area = scrolling(page)
        area.setAccessibleName("About this catalogue")
        return area

    # --- behaviour ----------------------------------------------------------------------
    @staticmethod
    def _first_id(proxy) -> str:
        return proxy.data(proxy.index(0, 0), ID_ROLE) if proxy.rowCount() else ""

    def _select_first(self, table: QTableView, proxy) -> None:
        if proxy.rowCount():
            table.selectionModel().setCurrentIndex(
                proxy.index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            )

    def select_treatment(self, treatment_id: str) -> bool:
        """Show one treatment (e.g. from a link elsewhere). False if it is not shown."""
        for row in range(self.treatment_proxy.rowCount()):
            index = self.treatment_proxy.index(row, 0)
            if self.treatment_proxy.data(index, ID_ROLE) == treatment_id:
                self.tabs.setCurrentIndex(0)
                self.treatment_table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
                )
                self.treatment_table.scrollTo(index)
                return True
        return False

    def _treatment_chosen(self, current, _previous=None) -> None:
        tid = self.treatment_proxy.data(current, ID_ROLE) if current.isValid() else ""
        treatment = self.catalogue.treatments.get(tid or "")
        if treatment is None:
            self.detail.clear()
        else:
            self.detail.show_treatment(treatment, self.catalogue)

    def _type_chosen(self, current, _previous=None) -> None:
        tid = self.type_proxy.data(current, ID_ROLE) if current.isValid() else ""
        h = self.catalogue.hair_loss_types.get(tid or "")
        if h is not None:
            self.type_view.show_type(h, self.catalogue)

    def shown_treatment_ids(self) -> list[str]:
        return [
            self.treatment_proxy.data(self.treatment_proxy.index(r, 0), ID_ROLE)
            for r in range(self.treatment_proxy.rowCount())
        ]

    def shown_type_ids(self) -> list[str]:
        return [
            self.type_proxy.data(self.type_proxy.index(r, 0), ID_ROLE)
            for r in range(self.type_proxy.rowCount())
        ]

    def _search(self, text: str) -> None:
        text = text[:MAX_SEARCH]
        for proxy in (self.treatment_proxy, self.type_proxy):
            proxy.set_words(text)
        n_t, n_h = self.treatment_proxy.rowCount(), self.type_proxy.rowCount()
        self.count.setText(
            f"{n_t} of {self.treatments.rowCount()} options, "
            f"{n_h} of {self.types.rowCount()} kinds of hair loss"
        )
        shown = text.strip()
        for empty, n, _table in (
            (self.treatment_empty, n_t, self.treatment_table),
            (self.type_empty, n_h, self.type_table),
        ):
            empty.setText(
                f"Nothing matches \u201c{shown}\u201d. Try another word, or clear the search."
                if shown
                else ""
            )
            empty.setVisible(n == 0)
        # Keep the detail in step with what is listed.
        current = self.treatment_table.currentIndex()
        if n_t and not current.isValid():
            self._select_first(self.treatment_table, self.treatment_proxy)
        elif not n_t:
            self.detail.clear()
        if n_h and not self.type_table.currentIndex().isValid():
            self._select_first(self.type_table, self.type_proxy)
