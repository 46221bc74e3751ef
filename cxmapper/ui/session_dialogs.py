"""The Share menu's dialogs: start a session, join one, and the join link to hand out.

The dialogs are window-modal but opened with ``open()`` (never a nested ``exec``):
"Start" and "Join" call the session controller (``ui/session.py``) and, when it refuses
(a port in use, a wrong secret, an unreachable host), show its sentence in the dialog in
red and stay open with everything typed, so the person can fix the link and try again.

The participant's name and colour are a setting (``participant_settings``): asked in
the first dialog, remembered for the next.
"""

from __future__ import annotations

import getpass
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QSettings
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxmapper.ui.session_presence import PALETTE, swatch
from cxmapper.ui.settings import config_dir

NAME_KEY = "session/name"
COLOUR_KEY = "session/colour"
EXPIRY_KEY = "session/expires_hours"
MAX_NAME = 80
# What "Link expires" offers, in hours (0: never); 24 hours unless the person chose.
EXPIRY_HOURS = (0, 1, 8, 24, 24 * 7)
DEFAULT_EXPIRY_HOURS = 24


def _store() -> QSettings:
    return QSettings(str(config_dir() / "cxmapper.ini"), QSettings.Format.IniFormat)


def participant_settings() -> tuple[str, str]:
    """(name, colour) remembered from the last session; ("", first colour) never asked."""
    store = _store()
    name = str(store.value(NAME_KEY, "") or "")
    colour = str(store.value(COLOUR_KEY, "") or "")
    return name, colour if colour in PALETTE else PALETTE[0]


def remember_participant(name: str, colour: str) -> None:
    store = _store()
    store.setValue(NAME_KEY, name)
    store.setValue(COLOUR_KEY, colour)
    store.sync()


def remembered_expiry_hours() -> int:
    try:
        hours = int(_store().value(EXPIRY_KEY, DEFAULT_EXPIRY_HOURS))
    except (TypeError, ValueError):
        return DEFAULT_EXPIRY_HOURS
    return hours if hours in EXPIRY_HOURS else DEFAULT_EXPIRY_HOURS


def remember_expiry_hours(hours: int) -> None:
    store = _store()
    store.setValue(EXPIRY_KEY, hours)
    store.sync()


def expiry_sentence(expires_at: float | None, now: float | None = None) -> str:
    """When a join link stops admitting people, in words (local time; a date when not today)."""
    if expires_at is None:
        return QCoreApplication.translate(
            "SessionDialog", "This link does not expire: anyone who has it can join while the session runs."
        )
    now = time.time() if now is None else now
    when = QDateTime.fromSecsSinceEpoch(int(expires_at))
    locale = QLocale()
    if when.date() == QDateTime.fromSecsSinceEpoch(int(now)).date():
        at = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
    else:
        at = locale.toString(when, QLocale.FormatType.ShortFormat)
    if expires_at <= now:
        return QCoreApplication.translate(
            "SessionDialog",
            "This link expired at {time}: anyone new is refused (those already in stay). "
            "End the session and start a new one for a new link.",
        ).format(time=at)
    return QCoreApplication.translate(
        "SessionDialog",
        "This link admits people until {time}; after that it is refused (those already in stay).",
    ).format(time=at)


def network_interfaces() -> list[str]:
    """The machine's IPv4 addresses other than loopback (what "reachable from" offers)."""
    found = []
    for address in QNetworkInterface.allAddresses():
        if address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol and not address.isLoopback():
            found.append(address.toString())
    return sorted(set(found))


class _SessionDialog(QDialog):
    """Name and colour fields, an error line, OK/Cancel; ``submit`` returns an error or None."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        name, colour = participant_settings()
        self.name_edit = QLineEdit(name or getpass.getuser())
        self.name_edit.setObjectName("session_name")
        self.name_edit.setMaxLength(MAX_NAME)
        self.colour_box = QComboBox()
        self.colour_box.setObjectName("session_colour")
        for value in PALETTE:
            self.colour_box.addItem(swatch(QColor(value)), value, value)
        self.colour_box.setCurrentIndex(PALETTE.index(colour))
        self.error_label = QLabel()
        self.error_label.setObjectName("session_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _participant_rows(self) -> None:
        self.form.addRow(QCoreApplication.translate("SessionDialog", "Your &name:"), self.name_edit)
        self.form.addRow(QCoreApplication.translate("SessionDialog", "Your &colour:"), self.colour_box)

    def participant(self) -> tuple[str, str]:
        return self.name_edit.text().strip(), self.colour_box.currentData()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _try(self) -> None:
        name, colour = self.participant()
        if not name:
            self.show_error(QCoreApplication.translate("SessionDialog", "Enter your name: the others see it beside your colour."))
            self.name_edit.setFocus()
            return
        self.error_label.hide()
        error = self.submit()
        if error:
            self.show_error(error)
            return
        remember_participant(name, colour)
        self.accept()

    def submit(self) -> str | None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class StartSessionDialog(_SessionDialog):
    """Share ▸ Start Session…: who I am, where the session is reachable from, and how
    long its link admits people (``start(interface, name, colour, ttl_seconds or None)``)."""

    def __init__(self, start: Callable[[str, str, str, float | None], str | None], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Start a live session"), self.tr("&Start"), parent)
        self.setObjectName("start_session_dialog")
        self._start = start
        self.interface_box = QComboBox()
        self.interface_box.setObjectName("session_interface")
        self.interface_box.addItem(self.tr("This computer only (127.0.0.1)"), "127.0.0.1")
        for address in network_interfaces():
            self.interface_box.addItem(self.tr("The network of {address}").format(address=address), address)
        self.expiry_box = QComboBox()
        self.expiry_box.setObjectName("session_expiry")
        labels = {
            0: self.tr("Never"),
            1: self.tr("In 1 hour"),
            8: self.tr("In 8 hours"),
            24: self.tr("In 24 hours"),
            24 * 7: self.tr("In 7 days"),
        }
        for hours in EXPIRY_HOURS:
            self.expiry_box.addItem(labels[hours], hours)
        self.expiry_box.setCurrentIndex(EXPIRY_HOURS.index(remembered_expiry_hours()))
        self._participant_rows()
        self.form.addRow(self.tr("&Reachable from:"), self.interface_box)
        self.form.addRow(self.tr("Link &expires:"), self.expiry_box)
        note = QLabel(
            self.tr(
                "Others join with the link shown next; it carries a secret. Keep it in the team. "
                "An expired link is refused; those already in stay."
            )
        )
        note.setWordWrap(True)
        self.form.addRow(note)

    def ttl(self) -> float | None:
        """The link's lifetime in seconds (None: it never expires)."""
        hours = self.expiry_box.currentData()
        return float(hours) * 3600 if hours else None

    def submit(self) -> str | None:
        name, colour = self.participant()
        error = self._start(self.interface_box.currentData(), name, colour, self.ttl())
        if not error:
            remember_expiry_hours(int(self.expiry_box.currentData()))
        return error


class JoinSessionDialog(_SessionDialog):
    """Share ▸ Join Session…: paste the link the host gave, say who I am."""

    def __init__(self, join: Callable[[str, str, str], str | None], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Join a live session"), self.tr("&Join"), parent)
        self.setObjectName("join_session_dialog")
        self._join = join
        self.link_edit = QLineEdit()
        self.link_edit.setObjectName("session_link")
        self.link_edit.setPlaceholderText(self.tr("cxmap+ws://host:port/room#secret=…"))
        self.form.addRow(self.tr("Join &link:"), self.link_edit)
        self._participant_rows()
        self.link_edit.setFocus()

    def submit(self) -> str | None:
        link = self.link_edit.text().strip()
        if not link:
            self.link_edit.setFocus()
            return self.tr("Paste the join link the host gave you.")
        name, colour = self.participant()
        return self._join(link, name, colour)


class LinkDialog(QDialog):
    """The join link to hand out, with a Copy button, and until when it admits people."""

    def __init__(self, link: str, parent: QWidget | None = None, *, expires_at: float | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("session_link_dialog")
        self.setWindowTitle(self.tr("Join link"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("Send this link to the people who should edit this map with you:"))
        text.setWordWrap(True)
        layout.addWidget(text)
        row = QHBoxLayout()
        self.link_edit = QLineEdit(link)
        self.link_edit.setObjectName("session_link_out")
        self.link_edit.setReadOnly(True)
        self.link_edit.setCursorPosition(0)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("session_copy")
        self.copy_button.clicked.connect(self.copy)
        row.addWidget(self.link_edit, 1)
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        self.expiry_label = QLabel(expiry_sentence(expires_at))
        self.expiry_label.setObjectName("session_expiry_note")
        self.expiry_label.setWordWrap(True)
        layout.addWidget(self.expiry_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.link_edit.text())
        self.copy_button.setText(self.tr("Copied"))
