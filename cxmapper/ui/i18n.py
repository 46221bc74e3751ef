"""Which language the window speaks, and loading its translations.

English is the source language of every ``tr()`` string; Simplified Chinese comes from
``resources/translations/cxmapper_zh_CN.qm`` (made from the ``.ts`` catalogue with
``pyside6-lrelease``). Qt's own catalogue (``qtbase_zh_CN.qm``, from PySide6's
translations folder, found through QLibraryInfo) translates the standard buttons of
message boxes and file dialogs; ``qt_extra_zh_CN.qm`` (ours) fills the few Qt 6 texts
that catalogue lacks ("&Look in:", "Files of &type:", "Don't Save"), so a file dialog
reads Chinese from top to bottom. The choice is made once at start: a
language switched in the preferences applies on the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cxmapper.paths import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
CATALOGUE = "cxmapper"
#: Qt's own strings its shipped catalogue lacks (loaded after it: searched first).
QT_EXTRA = "qt_extra"
#: The languages we ship besides English (the source language).
SHIPPED = ("zh_CN",)

_current = "en"


def current_language() -> str:
    """The language installed by ``install_translators`` ("en" before or without it).

    New maps take their template language from here, so the names of a new map's
    stages and lanes are in the language of the menus around them.
    """
    return _current


def choose_language(preference: str, system: QLocale | None = None) -> str:
    """The language to use: the preference when set, else the system locale's.

    Any Chinese locale gets Simplified Chinese (the only Chinese we ship); anything
    else without a catalogue gets English.
    """
    if preference:
        return preference if preference in SHIPPED or preference == "en" else "en"
    locale = system or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def install_translators(language: str) -> list[QTranslator]:
    """Install our catalogue and Qt's for ``language`` on the running application.

    Returns the translators (the caller keeps them alive: a garbage-collected
    QTranslator silently stops translating). English installs nothing.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None or language not in SHIPPED:
        _current = "en"
        return []
    installed = []
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{language}", str(TRANSLATIONS)):
        app.installTranslator(ours)
        installed.append(ours)
        _current = language
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    qt_extra = QTranslator(app)
    if qt_extra.load(f"{QT_EXTRA}_{language}", str(TRANSLATIONS)):
        app.installTranslator(qt_extra)
        installed.append(qt_extra)
    return installed


def remove_translators(translators: list[QTranslator]) -> None:
    global _current
    _current = "en"
    app = QCoreApplication.instance()
    for translator in translators:
        if app is not None:
            app.removeTranslator(translator)
