"""Shared look-and-feel helpers: fonts relative to the system font, palette-aware pictures,
notices that carry meaning in words and an icon (never colour alone), and the palettes used by
the tests and screenshots.

Nothing here hard-codes a colour for text or backgrounds: everything comes from the palette, so
the app follows the system's light or dark theme and its font size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def accessible(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give ``widget`` a name and description for screen readers; returns it for chaining."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description or name)
    return widget


def scaled_font(base: QFont, factor: float = 1.0, bold: bool = False) -> QFont:
    """A font ``factor`` times the size of ``base`` (never a fixed pixel size)."""
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def heading(text: str, factor: float = 1.35, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(scaled_font(label.font(), factor, bold=True))
    label.setWordWrap(True)
    label.setAccessibleName(text)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def paragraph(text: str, parent: QWidget | None = None, rich: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.RichText if rich else Qt.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.LinksAccessibleByMouse)
    label.setOpenExternalLinks(False)
    label.setAccessibleName(text[:80] if not rich else "")
    return label


def scrolling(
    widget: QWidget | None = None,
    *,
    wrap: bool = False,
    name: str = "",
    parent: QWidget | None = None,
) -> QScrollArea:
    """Wrap long content so it still fits a 1024x700 window. ``wrap``: the content reflows to
    the width, so there is never a horizontal scroll bar."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)  # first: else setWidget lays the widget out at its own size
    if widget is not None:
        area.setWidget(widget)
    area.setFrameShape(QFrame.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff if wrap else Qt.ScrollBarAsNeeded)
    if wrap:  # never shifted sideways (bringing a control into view must not hide the left)
        bar = area.horizontalScrollBar()
        bar.valueChanged.connect(lambda value, bar=bar: value and bar.setValue(0))
    # Not a Tab stop of its own (a container is not a control): the controls inside are, and
    # the area scrolls to show whichever has the focus.
    area.setFocusPolicy(Qt.NoFocus)
    _follow_focus(area)
    for scroll_bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
        scroll_bar.valueChanged.connect(lambda *_, a=area: _move_ring(a))
    if name:
        area.setAccessibleName(name)
    return area


def _follow_focus(area: QScrollArea) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return

    def follow(_old, new, area=area):
        import shiboken6

        if not shiboken6.isValid(area) or new is None or not shiboken6.isValid(new):
            return
        inner = area.widget()
        if inner is not None and inner.isAncestorOf(new) and area.isVisible():
            margin = area.fontMetrics().height()
            area.ensureWidgetVisible(new, margin, margin)

    app.focusChanged.connect(follow)
    area.destroyed.connect(lambda *_: _disconnect(app, follow))


def _move_ring(area: QScrollArea) -> None:
    """The content scrolled: the focus ring moves with the focused control at once."""
    window = area.window()
    ring = window.findChild(FocusRing, "focusRing") if window is not None else None
    if ring is not None:
        ring.follow()


def _disconnect(app, slot) -> None:
    try:
        app.focusChanged.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


class Notice(QFrame):
    """A boxed message with an icon and a bold title: the meaning never rests on colour."""

    ICONS = {
        "warning": "SP_MessageBoxWarning",
        "info": "SP_MessageBoxInformation",
        "error": "SP_MessageBoxCritical",
    }  # names: QStyle's enums load on first use

    def __init__(self, kind: str, title: str, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setFrameShape(QFrame.StyledPanel)
        self.setFrameShadow(QFrame.Plain)
        self.setLineWidth(2)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.AlternateBase)
        row = QHBoxLayout(self)
        self.icon = QLabel()
        size = max(24, int(self.fontMetrics().height() * 1.8))
        from PySide6.QtWidgets import QStyle

        pixmap = getattr(QStyle.StandardPixmap, self.ICONS[kind])
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.icon.setAlignment(Qt.AlignTop)
        self.icon.setAccessibleName(
            {"warning": "Warning", "info": "Information", "error": "Problem"}[kind]
        )
        row.addWidget(self.icon)
        texts = QVBoxLayout()
        # Labels get their parent at once: showing a label that has none yet (setVisible below)
        # would open it as a window of its own and take the focus from the real one.
        self.title = QLabel(title, self)
        self.title.setFont(scaled_font(self.font(), 1.1, bold=True))
        self.title.setWordWrap(True)
        self.body = QLabel(text, self)
        self.body.setWordWrap(True)
        texts.addWidget(self.title)
        texts.addWidget(self.body)
        row.addLayout(texts, 1)
        self.body.setVisible(bool(text))
        self.setAccessibleName(title)
        self.setAccessibleDescription(text or title)

    def set_text(self, title: str, text: str = "") -> None:
        self.title.setText(title)
        self.body.setText(text)
        self.body.setVisible(bool(text))
        self.setAccessibleName(title)
        self.setAccessibleDescription(text or title)


# --- palettes for tests and screenshots ---------------------------------------------------


def dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.Window: "#2b2b2b",
        QPalette.WindowText: "#eeeeee",
        QPalette.Base: "#1e1e1e",
        QPalette.AlternateBase: "#333333",
        QPalette.ToolTipBase: "#3a3a3a",
        QPalette.ToolTipText: "#eeeeee",
        QPalette.Text: "#eeeeee",
        QPalette.Button: "#353535",
        QPalette.ButtonText: "#eeeeee",
        QPalette.BrightText: "#ffffff",
        QPalette.Link: "#8ab4f8",
        QPalette.Highlight: "#3d6fb4",
        QPalette.HighlightedText: "#ffffff",
        QPalette.PlaceholderText: "#9a9a9a",
        QPalette.Light: "#505050",
        QPalette.Midlight: "#424242",
        QPalette.Mid: "#2f2f2f",
        QPalette.Dark: "#1a1a1a",
        QPalette.Shadow: "#000000",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#7a7a7a"))
    return p


def light_palette() -> QPalette:
    from PySide6.QtWidgets import QApplication

    return QApplication.style().standardPalette()


# --- keyboard -----------------------------------------------------------------------------


def keyboard_focus(widget: QWidget) -> None:
    """Give ``widget`` the focus as a keyboard move does, so the style draws its focus ring
    (a plain ``setFocus`` after Escape or Enter would leave the ring off)."""
    window = widget.window()
    if window is not None:
        window.setAttribute(Qt.WA_KeyboardFocusChange, True)
    widget.setFocus(Qt.ShortcutFocusReason)


class KeyGroup(QObject):
    """A list of controls that is one Tab stop; the arrow keys move within it (a "roving"
    focus, as in the ARIA authoring practices).

    ``columns``: controls per row (an int, or a function for grids that reflow). Left/Right
    move by one, Up/Down by a row. ``select``: moving also chooses (radio buttons, picture
    cards), so what has the focus is always what is chosen. ``row_stops``: every control of the
    current row is a Tab stop (a card's "Compare" and "More about"), else only the current one.
    """

    def __init__(
        self,
        widgets,
        *,
        columns=1,
        select: bool = False,
        row_stops: bool = False,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.select = select
        self.row_stops = row_stops
        self._columns = columns
        self.widgets: list[QWidget] = []
        self.current = 0
        self.set_widgets(widgets)

    def columns(self) -> int:
        value = self._columns() if callable(self._columns) else self._columns
        return max(1, int(value))

    def set_widgets(self, widgets) -> None:
        for widget in self.widgets:
            try:
                widget.removeEventFilter(self)
            except RuntimeError:  # already deleted
                pass
        self.widgets = [w for w in widgets if w is not None]
        for widget in self.widgets:
            widget.installEventFilter(self)
        self.current = 0
        self.update_stops()

    def _checked_index(self) -> int | None:
        for i, widget in enumerate(self.widgets):
            if getattr(widget, "isChecked", None) and widget.isCheckable() and widget.isChecked():
                return i
        return None

    def update_stops(self, current: int | None = None) -> None:
        """Only the current control (or row) is a Tab stop; a chosen radio is the current one."""
        if current is None and self.select:
            current = self._checked_index()
        if current is not None:
            self.current = current
        if not self.widgets:
            return
        self.current = max(0, min(self.current, len(self.widgets) - 1))
        cols = self.columns() if self.row_stops else 1
        row = self.current // cols
        for i, widget in enumerate(self.widgets):
            stop = (i // cols == row) if self.row_stops else i == self.current
            widget.setFocusPolicy(Qt.StrongFocus if stop else Qt.ClickFocus)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.FocusIn and watched in self.widgets:
            index = self.widgets.index(watched)
            if index != self.current:
                self.update_stops(index)
        elif (
            kind == QEvent.KeyPress
            and watched in self.widgets
            and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
        ):
            step = {
                Qt.Key_Left: -1,
                Qt.Key_Right: 1,
                Qt.Key_Up: -self.columns(),
                Qt.Key_Down: self.columns(),
            }.get(event.key())
            if step is not None:
                self.move(self.widgets.index(watched), step)
                return True
        return False

    def move(self, index: int, step: int) -> None:
        visible = [i for i, w in enumerate(self.widgets) if w.isVisibleTo(w.window())]
        target = index + step
        if abs(step) == 1:  # wrap round in a plain list, as radio buttons do
            if visible:
                pos = visible.index(index) if index in visible else 0
                target = visible[(pos + step) % len(visible)]
        elif target < 0 or target >= len(self.widgets):
            return
        widget = self.widgets[target]
        self.update_stops(target)
        keyboard_focus(widget)
        if self.select and widget.isCheckable() and not widget.isChecked():
            widget.click()


class FocusRing(QWidget):
    """A clear ring round whatever has the keyboard focus in a window, in the palette's
    highlight colour and thick enough to see, on every kind of control (some styles draw none
    on text boxes, radio buttons or table cells, or only after a Tab key press).

    It is a see-through layer over the window: it takes no clicks and no focus, and is not
    part of what a screen reader reads."""

    WIDTH = 3

    @classmethod
    def install(cls, window: QWidget) -> FocusRing:
        ring = window.findChild(FocusRing, "focusRing")
        if ring is None:
            from PySide6.QtWidgets import QApplication

            ring = cls(window)
            focus = QApplication.focusWidget()  # installed late (start-up): ring it at once
            if focus is not None and focus.window() is window:
                ring._focus_changed(None, focus)
        return ring

    def __init__(self, window: QWidget):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.setAttribute(Qt.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.NoFocus)
        self.setAccessibleName("")
        self.target: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(150)  # follow scrolling and layout changes
        self._timer.timeout.connect(self.follow)
        self.hide()
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old, new) -> None:
        import shiboken6
        from PySide6.QtCore import QTimer

        if not shiboken6.isValid(self):
            return
        if new is not None and shiboken6.isValid(new) and new.window() is self.window():
            if self.target is not None and shiboken6.isValid(self.target):
                self.target.removeEventFilter(self)
            self.target = new
            new.installEventFilter(self)  # moves and resizes of the control itself
            self.follow()
            QTimer.singleShot(0, self, self.follow)  # after the layouts have settled
            self._timer.start()
        elif new is None or new.window() is not self.window():
            self.target = None
            self._timer.stop()
            self.hide()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.target and event.type() in (
            QEvent.Move,
            QEvent.Resize,
            QEvent.Show,
            QEvent.Hide,
        ):
            self.follow()
        return False

    def ring_rect(self):
        """The ring's place in the window, clipped to what is on screen (or an empty rect)."""
        import shiboken6
        from PySide6.QtCore import QPoint, QRect
        from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

        target, window = self.target, self.window()
        if target is None or not shiboken6.isValid(target) or not target.isVisible():
            return QRect()
        if target.focusProxy() is None and isinstance(target.parentWidget(), QAbstractSpinBox):
            target = target.parentWidget()  # a spin box's text part: ring the whole box
        if isinstance(target.parentWidget(), QComboBox):
            target = target.parentWidget()
        w = self.WIDTH
        rect = QRect(target.mapTo(window, QPoint(0, 0)), target.size()).adjusted(-w, -w, w, w)
        parent = target.parentWidget()
        while parent is not None and parent is not window:
            if (
                isinstance(parent, QAbstractScrollArea)
                or parent.objectName() == "qt_scrollarea_viewport"
            ):
                area = QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
                rect &= area
            parent = parent.parentWidget()
        return rect & window.rect()

    def follow(self) -> None:
        from PySide6.QtGui import QRegion

        rect = self.ring_rect()
        if rect.isEmpty() or rect.width() < 2 * self.WIDTH or rect.height() < 2 * self.WIDTH:
            self.hide()
            return
        if rect != self.geometry() or not self.isVisible():
            self.setGeometry(rect)
            inner = self.rect().adjusted(self.WIDTH, self.WIDTH, -self.WIDTH, -self.WIDTH)
            self.setMask(QRegion(self.rect()).subtracted(QRegion(inner)))
            self.raise_()
            self.show()
            self.update()

    def paintEvent(self, _event) -> None:
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.Active, QPalette.Highlight))
        painter.end()


def wrap_to_width(text: str, metrics, width: int) -> str:
    """``text`` with line breaks so no line is wider than ``width`` pixels (words kept whole)."""
    lines: list[str] = []
    for paragraph_text in text.split("\n"):
        line = ""
        for word in paragraph_text.split(" "):
            trial = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(trial.replace("&", "")) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return "\n".join(lines)


class _Wrapping:
    """Check boxes and radio buttons that wrap their words to the width they are given (Qt's
    do not wrap at all, so long ones ran off the window at large text sizes). The text gets
    line breaks at each resize, so the height the layout gives always fits the lines."""

    def _setup(self, text: str) -> None:
        self._full = text
        self._width = -1

    def full_text(self) -> str:
        return self._full

    def _indicator(self) -> int:
        from PySide6.QtWidgets import QStyle

        style = self.style()
        return (
            style.pixelMetric(QStyle.PM_IndicatorWidth, None, self)
            + style.pixelMetric(QStyle.PM_CheckBoxLabelSpacing, None, self)
            + 8
        )

    def _rewrap(self, width: int) -> None:
        if width != self._width:
            self._width = width
            room = max(40, width - self._indicator())
            text = wrap_to_width(self._full, self.fontMetrics(), room)
            if text != self.text():
                QAbstractButton.setText(self, text)
                self.updateGeometry()

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        longest = max(
            (self.fontMetrics().horizontalAdvance(w) for w in self._full.split()), default=0
        )
        hint.setWidth(longest + self._indicator())
        return hint

    def sizeHint(self):
        hint = super().sizeHint()  # as tall as the lines the text has now
        full = self.fontMetrics().horizontalAdvance(self._full.replace("&", ""))
        hint.setWidth(min(full, self.fontMetrics().averageCharWidth() * 40) + self._indicator())
        return hint

    def resizeEvent(self, event) -> None:
        self._rewrap(event.size().width())
        super().resizeEvent(event)


class WrapCheckBox(_Wrapping, QCheckBox):
    def __init__(self, text: str, parent: QWidget | None = None):
        QCheckBox.__init__(self, text, parent)
        self._setup(text)


class WrapRadioButton(_Wrapping, QRadioButton):
    def __init__(self, text: str, parent: QWidget | None = None):
        QRadioButton.__init__(self, text, parent)
        self._setup(text)


class FlowLayout(QLayout):
    """Lays its items out in a row that wraps onto further rows when the width runs out (as
    words do), so a row of buttons never runs off the window at large text sizes."""

    def __init__(self, parent: QWidget | None = None, spacing: int = -1):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._live())

    def itemAt(self, index: int):
        items = self._live()
        return items[index] if 0 <= index < len(items) else None

    def takeAt(self, index: int):
        items = self._live()
        return items.pop(index) if 0 <= index < len(items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), test=True)

    def _live(self) -> list:
        """The items whose C++ side still exists (Qt deletes an item when its widget goes)."""
        import shiboken6

        self._items = [i for i in self._items if shiboken6.isValid(i)]
        return self._items

    def setGeometry(self, rect) -> None:
        super().setGeometry(rect)
        self._place(rect, test=False)

    def sizeHint(self):
        items = self._live()
        width = sum(i.sizeHint().width() for i in items) + self._gap() * max(0, len(items) - 1)
        height = max((i.sizeHint().height() for i in items), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self):
        size = QSize()
        for item in self._live():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        return max(6, parent.fontMetrics().height() // 3) if parent is not None else 6

    def _place(self, rect, test: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        gap = self._gap()
        for item in self._live():
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            if x > area.x() and x + width > area.right() + 1:
                x, y, line = area.x(), y + line + gap, 0
            if not test:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + gap
            line = max(line, height)
        return y + line - rect.y() + m.bottom()
