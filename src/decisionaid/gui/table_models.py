"""Table models fed plain rows (in the manner of Vorta's archive table model).

Each model has column constants, a ``set_rows()`` that wraps ``beginResetModel()`` /
``endResetModel()``, a sort role carrying sortable values (unknown prices sort last), an
accessible-text role and a search role. The rows are plain dicts made by ``presentation``; the
models never touch the catalogue or the rules, so they are tested without any widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.UserRole + 1
ROW_ROLE = Qt.UserRole + 2
SEARCH_ROLE = Qt.UserRole + 3
ID_ROLE = Qt.UserRole + 4

Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Columns are (key for display, title, key for sorting); rows are dicts."""

    COLUMNS: tuple[tuple[str, str, str], ...] = ()

    def __init__(self, rows: list[dict] | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        # Optional: (column, row) -> QIcon, set by a view that wants icons (keeps painting out).
        self.icon_for: Callable[[int, dict], object] | None = None
        if rows:
            self.set_rows(rows)

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[dict]:
        return list(self._rows)

    def row(self, index: int) -> dict:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def _text(self, row: dict, column: int) -> str:
        value = row.get(self.COLUMNS[column][0], "")
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return self._text(row, column)
        if role == Qt.AccessibleTextRole:
            return f"{self.COLUMNS[column][1]}: {self._text(row, column)}"
        if role == SORT_ROLE:
            return row.get(self.COLUMNS[column][2], self._text(row, column))
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.get("id", "")
        if role == SEARCH_ROLE:
            return (
                row.get("search")
                or " ".join(self._text(row, c) for c in range(len(self.COLUMNS))).lower()
            )
        if role == Qt.DecorationRole and self.icon_for is not None:
            return self.icon_for(column, row)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            if role in (Qt.DisplayRole, Qt.ToolTipRole, Qt.AccessibleTextRole):
                return self.COLUMNS[section][1]
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def find(self, row_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.get("id") == row_id:
                return i
        return -1


class OptionsTableModel(RowTableModel):
    """Rows from ``presentation.option_row``."""

    NAME, GROUP, CERTAINTY, REGULATORY, COST_1, COST_3, COST_5, EFFORT, WHY = range(9)
    COLUMNS = (
        ("name", "Option", "name"),
        ("status_words", "Group", "status_rank"),
        ("certainty_words", "How sure are we?", "certainty_rank"),
        ("regulatory_words", "Approval", "regulatory_rank"),
        ("cost_1", "Cost over 1 year", "cost_1_low"),
        ("cost_3", "Cost over 3 years", "cost_3_low"),
        ("cost_5", "Cost over 5 years", "cost_5_low"),
        ("effort_words", "Effort", "effort"),
        ("why", "Why it is in its group", "why"),
    )

    def set_rows(self, rows) -> None:
        order = {"suitable": 0, "caution": 1, "excluded": 2}
        rows = [dict(r, status_rank=order.get(r.get("status"), 3)) for r in rows]
        super().set_rows(rows)


class TreatmentsTableModel(RowTableModel):
    """Rows from ``presentation.treatment_row`` (the catalogue browser)."""

    NAME, CATEGORY, USED_FOR, REGULATORY, COST_5 = range(5)
    COLUMNS = (
        ("name", "Option", "name"),
        ("category_short", "Kind", "category_rank"),
        ("used_for", "Used for", "used_for"),
        ("regulatory_words", "Approval", "regulatory_words"),
        ("cost_5", "Cost over 5 years", "cost_5_low"),
    )


class HairLossTypesTableModel(RowTableModel):
    """Rows from ``presentation.hair_loss_type_row``."""

    NAME, TREATMENTS = range(2)
    COLUMNS = (
        ("name", "Kind of hair loss", "order"),
        ("treatments", "Options listed", "treatments"),
    )


class CompareTableModel(QAbstractTableModel):
    """An Option Grid from ``presentation.comparison_rows``: rows are questions, columns options."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._names: list[str] = []
        self._rows: list[tuple[str, list[str]]] = []

    def set_rows(self, names: list[str], rows: list[tuple[str, list[str]]]) -> None:
        self.beginResetModel()
        self._names = list(names)
        self._rows = [(q, list(cells)) for q, cells in rows]
        self.endResetModel()

    def names(self) -> list[str]:
        return list(self._names)

    def questions(self) -> list[str]:
        return [q for q, _ in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        question, cells = self._rows[index.row()]
        if not 0 <= index.column() < len(cells):
            return None
        text = cells[index.column()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole, SORT_ROLE):
            return text
        if role == Qt.AccessibleTextRole:
            return f"{self._names[index.column()]}, {question} {text}"
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignLeft | Qt.AlignTop)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role not in (Qt.DisplayRole, Qt.ToolTipRole, Qt.AccessibleTextRole):
            return None
        if orientation == Qt.Horizontal and 0 <= section < len(self._names):
            return self._names[section]
        if orientation == Qt.Vertical and 0 <= section < len(self._rows):
            return self._rows[section][0]
        return None

    def flags(self, index: Index) -> Qt.ItemFlags:
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags
