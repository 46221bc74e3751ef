"""Starting the desktop app: ``run_app(argv)``, called by the ``cxmapper`` command.

``argv`` is ``[]`` (a new map from the journey template) or ``[FILE]``. Before Qt is
started, the platform is checked where it can be: on Linux, Qt's xcb plugin aborts the
whole process with a cryptic message when a system library is missing (since Qt 6.5,
``libxcb-cursor0``), so we look for those libraries first and say what to install.

Test hook: when ``CXMAPPER_TEST_HOOK`` names a Python file, it is run once the window
is up, with ``window`` and ``app`` defined (the crash-recovery test drives a real
process this way). Without the variable nothing happens.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import runpy
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_NO_DISPLAY = 2

# (soname, Debian package) of the libraries Qt 6's xcb plugin cannot start without.
XCB_LIBRARIES = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-image.so.0", "libxcb-image0"),
)


def missing_xcb_libraries() -> list[tuple[str, str]]:
    missing = []
    for soname, package in XCB_LIBRARIES:
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append((soname, package))
    return missing


def platform_problem(environ=os.environ, platform: str = sys.platform) -> str | None:
    """Why the window cannot open here, in words a user can act on; None when it can."""
    if platform != "linux":
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None  # offscreen, wayland, vnc…: Qt reports its own problems clearly
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return None
    if not environ.get("DISPLAY"):
        return (
            "cxmapper: no display to open the window on (DISPLAY is not set).\n"
            "Run it in a desktop session, or use the command line: cxmapper --help"
        )
    missing = missing_xcb_libraries()
    if missing:
        names = ", ".join(soname for soname, _ in missing)
        packages = " ".join(package for _, package in missing)
        return (
            f"cxmapper: cannot open the window: Qt's X11 (xcb) platform plugin needs {names}, "
            "which is not installed.\n"
            f"On Debian or Ubuntu install it with:  sudo apt install {packages}"
        )
    return None


#: The Qt-free modules the first window needs (with pydantic and the standard library
#: modules they use).
MODEL_MODULES = (
    "cxmapper.model.editor",
    "cxmapper.model.fileformat",
    "cxmapper.model.templates",
    "cxmapper.model.layout",
    "cxmapper.model.metrics",
    "cxmapper.model.kano",
    "cxmapper.model.priority",
)


def _import_model_before_qt() -> None:
    """Import ``MODEL_MODULES`` before the first Qt module.

    Once PySide6 is imported, its import hook reads the source of every module imported
    (or named in an ``import`` statement) for the first time after it, looking for
    "PySide6" (``shibokensupport/feature.py``, for ``from __feature__ import``): some
    tens of milliseconds of start-up for pydantic and the model, spent for nothing.
    """
    for name in MODEL_MODULES:
        importlib.import_module(name)


def run_app(argv: Sequence[str]) -> int:
    """Open the main window on ``argv[0]`` (or a new map) and run until it closes."""
    argv = list(argv)
    if len(argv) > 1:
        print("cxmapper: give at most one map file to open", file=sys.stderr)
        return EXIT_FAILED
    problem = platform_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    if argv and not Path(argv[0]).exists():
        print(f"cxmapper: {argv[0]}: no such file", file=sys.stderr)
        return EXIT_FAILED

    _import_model_before_qt()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cxmapper.ui import collector
    from cxmapper.ui.i18n import choose_language, install_translators
    from cxmapper.ui.mainwindow import MainWindow
    from cxmapper.ui.settings import APPLICATION, ORGANIZATION, Settings

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "cxmapper"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("CX Mapper")
    collector.install()
    settings = Settings()
    translators = install_translators(choose_language(settings.language))  # noqa: F841 (kept alive)
    window = MainWindow(settings, path=argv[0] if argv else None)
    window.show()
    QTimer.singleShot(0, window.offer_recovery)
    hook = os.environ.get("CXMAPPER_TEST_HOOK")
    if hook:
        QTimer.singleShot(0, lambda: runpy.run_path(hook, init_globals={"window": window, "app": app}))
    return app.exec()
