"""Every user command of the main window, defined once.

An action is registered here with its text, shortcut, icon and what it does; the
menus, the toolbar, the shortcuts and the context menus all show the same QAction, so
an action is enabled, disabled or renamed in one place (the idea of Excalidraw's
action registry). The handlers live on the window; this module only wires them.

Trap: a shortcut on a QAction that sits in no visible widget does nothing. Every
action is added to the window itself (``addAction``) so its shortcut works in full
screen with the menu bar and toolbar hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle, QWidget

Shortcut = QKeySequence.StandardKey | str | None


@dataclass
class ActionEntry:
    action: QAction
    enabled_when: Callable[[], bool] | None = None
    checked_when: Callable[[], bool] | None = None
    tags: frozenset[str] = field(default_factory=frozenset)


class ActionRegistry(QObject):
    """Named QActions owned by one window; ``update_states()`` re-evaluates them."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._entries: dict[str, ActionEntry] = {}

    def define(
        self,
        name: str,
        text: str,
        triggered: Callable[[], object],
        *,
        shortcut: Shortcut | list[Shortcut] = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
        icon_text: str = "",
        checkable: bool = False,
        enabled_when: Callable[[], bool] | None = None,
        checked_when: Callable[[], bool] | None = None,
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        if name in self._entries:
            raise ValueError(f"action {name!r} is defined twice")
        action = QAction(text, self._window)
        action.setObjectName(f"action_{name}")
        if icon_text:  # the toolbar's short label, without the menu's accelerator
            action.setIconText(icon_text)
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        keys: list[QKeySequence] = []
        for key in shortcuts:
            if isinstance(key, QKeySequence.StandardKey):
                keys.extend(QKeySequence.keyBindings(key))
            elif key:
                keys.append(QKeySequence(key))
        # One key once: the same key twice (Ctrl+Q as StandardKey.Quit and by name) is
        # an "Ambiguous shortcut overload" and does nothing.
        unique: dict[str, QKeySequence] = {}
        for key in keys:
            unique.setdefault(key.toString(), key)
        keys = list(unique.values())
        if keys:
            action.setShortcuts(keys)
            action.setShortcutContext(context)
        if icon is not None:
            action.setIcon(QApplication.style().standardIcon(icon))
        if tip or keys:
            shown = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
            action.setToolTip(f"{tip or text.replace('&', '')}" + (f" ({shown})" if shown else ""))
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(lambda _checked: triggered())
        else:
            action.triggered.connect(lambda _checked=False: triggered())
        self._window.addAction(action)
        self._entries[name] = ActionEntry(action, enabled_when, checked_when)
        return action

    def __getitem__(self, name: str) -> QAction:
        return self._entries[name].action

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def names(self) -> list[str]:
        return list(self._entries)

    def shortcut_clashes(self) -> list[str]:
        """Every key two actions (or one action twice) claim, as "Ctrl+Q: quit, close"."""
        owners: dict[str, list[str]] = {}
        for name, entry in self._entries.items():
            for key in entry.action.shortcuts():
                owners.setdefault(key.toString(QKeySequence.SequenceFormat.PortableText), []).append(name)
        return [f"{key}: {', '.join(names)}" for key, names in owners.items() if len(names) > 1]

    def update_states(self) -> None:
        """Enable/disable and check/uncheck every action from its predicates."""
        for entry in self._entries.values():
            if entry.enabled_when is not None:
                entry.action.setEnabled(bool(entry.enabled_when()))
            if entry.checked_when is not None:
                checked = bool(entry.checked_when())
                if entry.action.isChecked() != checked:
                    entry.action.blockSignals(True)
                    entry.action.setChecked(checked)
                    entry.action.blockSignals(False)
