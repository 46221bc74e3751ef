"""The user's preferences and the program's own folders.

Owns where settings and autosaves live and the few preferences the window keeps
(language, recent files, autosave timing). Everything goes through QSettings in INI
format in a folder we name, so tests and a second copy of the program can be pointed
elsewhere with ``CXMAPPER_CONFIG_DIR`` / ``CXMAPPER_DATA_DIR`` (a subprocess cannot
share pytest's monkeypatching, an environment variable it inherits works).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

ORGANIZATION = "CX Mapper"
APPLICATION = "cxmapper"
MAX_RECENT = 10

#: Language codes offered in the preferences; "" follows the system locale.
LANGUAGES = ("", "en", "zh_CN")


def _folder(env: str, location: QStandardPaths.StandardLocation) -> Path:
    override = os.environ.get(env)
    if override:
        path = Path(override)
    else:
        base = QStandardPaths.writableLocation(location)
        # Before QApplication has a name, Qt returns the generic folder: add ours.
        path = Path(base) if APPLICATION in base else Path(base) / APPLICATION
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """The user's data folder for this program (autosaves live under it)."""
    return _folder("CXMAPPER_DATA_DIR", QStandardPaths.StandardLocation.AppDataLocation)


def config_dir() -> Path:
    return _folder("CXMAPPER_CONFIG_DIR", QStandardPaths.StandardLocation.AppConfigLocation)


class Settings:
    """Typed access to the stored preferences. Cheap to create; reads through each time."""

    def __init__(self) -> None:
        self._qs = QSettings(str(config_dir() / "cxmapper.ini"), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    # -- language --------------------------------------------------------------
    @property
    def language(self) -> str:
        value = str(self._qs.value("ui/language", "") or "")
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}; expected one of {LANGUAGES}")
        self._qs.setValue("ui/language", value)

    # -- autosave --------------------------------------------------------------
    @property
    def autosave_seconds(self) -> int:
        return _int(self._qs.value("autosave/seconds", 30), 30, low=5, high=3600)

    @autosave_seconds.setter
    def autosave_seconds(self, value: int) -> None:
        self._qs.setValue("autosave/seconds", int(value))

    @property
    def autosave_edits(self) -> int:
        return _int(self._qs.value("autosave/edits", 5), 5, low=1, high=1000)

    # -- recent files ------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._qs.value("files/recent", [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [str(v) for v in (value or []) if v][:MAX_RECENT]

    def add_recent_file(self, path: str | Path) -> list[str]:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files() if f != path]
        self._qs.setValue("files/recent", files[:MAX_RECENT])
        return files[:MAX_RECENT]

    def remove_recent_file(self, path: str) -> None:
        self._qs.setValue("files/recent", [f for f in self.recent_files() if f != path])

    def clear_recent_files(self) -> None:
        self._qs.setValue("files/recent", [])

    # -- comments ----------------------------------------------------------------
    @property
    def comment_author(self) -> str:
        """The name comments are signed with ("" until the person has been asked)."""
        return str(self._qs.value("comments/author", "") or "").strip()

    @comment_author.setter
    def comment_author(self, value: str) -> None:
        self._qs.setValue("comments/author", str(value).strip())

    # -- window ----------------------------------------------------------------
    def window_state(self) -> tuple[bytes | None, bytes | None]:
        return self._qs.value("window/geometry"), self._qs.value("window/state")

    def set_window_state(self, geometry, state) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)


def _int(value, default: int, *, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)
