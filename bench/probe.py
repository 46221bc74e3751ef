"""Measurements that need a fresh process: start-up and peak memory.

``python -m bench.probe bare-window``: a bare ``QApplication`` and an empty
``QMainWindow``, shown and painted once, then exit (the start-up baseline).
``python -m bench.probe floor-window``: the same after what any first window showing a
map must also pay and the bare one does not: importing pydantic (the document is a
pydantic model) and the Python enums of the Qt namespace and of ``QStyle`` (alignment,
dock areas, standard icons), which PySide creates on first use (the start-up floor).
``python -m bench.probe memory FILE``: open FILE in the window (the main window when
this branch has it, else the canvas), paint, and print the peak RSS.
``python -m bench.probe memory-bare``: the same for a bare window (the floor).

Each prints one JSON object on stdout. ``startup_hook.py`` is the other half: the real
app runs it once its first window is up.
"""

from __future__ import annotations

import json
import resource
import sys
import time

WATCHED_MODULES = ("matplotlib", "reportlab", "networkx", "openpyxl", "PIL", "numpy")


def loaded_watched_modules() -> list[str]:
    """Top-level packages from ``WATCHED_MODULES`` that are imported."""
    return sorted({name.split(".")[0] for name in sys.modules} & set(WATCHED_MODULES))


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory: ``ru_maxrss`` (KB on Linux) and /proc's VmHWM when present."""
    peak = {"ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    key = "hwm_mb" if line.startswith("VmHWM") else "rss_now_mb"
                    peak[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return {k: round(v, 1) for k, v in peak.items()}


def bare_window() -> dict:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    return {"painted_at": time.time(), "modules": loaded_watched_modules(), **peak_rss_mb()}


def floor_window() -> dict:
    from pydantic import BaseModel  # noqa: F401 - the import is the point
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle

    _ = Qt.AlignmentFlag.AlignLeft, QStyle.StandardPixmap.SP_DialogSaveButton
    return bare_window()


def memory(path: str | None) -> dict:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    start = time.perf_counter()
    how = "bare window"
    keep = []
    if path is None:
        from PySide6.QtWidgets import QMainWindow

        window = QMainWindow()
        window.resize(1600, 1000)
        window.show()
        keep.append(window)
    else:
        try:
            from cxmapper.ui.mainwindow import MainWindow

            window = MainWindow()
            window.resize(1600, 1000)
            window.show()
            window.open_path(path, ask=False)
            keep.append(window)
            how = "main window"
            app.processEvents()
            # The scene's idle work (row overviews, the cards' and links' preparation)
            # belongs to the map being open: counted.
            from bench.qt_bench import wait_until_prepared

            wait_until_prepared(window.view.scene())
            how = "main window, after the canvas's idle preparation"
        except ImportError:
            from bench.qt_bench import OpenCanvas, canvas_available

            missing = canvas_available()
            if missing:
                return {"error": f"neither the main window nor the canvas is on this branch: {missing}"}
            keep.append(OpenCanvas(path))
            how = "canvas (scene + view); the main window is not on this branch"
    app.processEvents()
    return {"how": how, "seconds": round(time.perf_counter() - start, 3), **peak_rss_mb()}


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare-window"]:
        result = bare_window()
    elif argv[:1] == ["floor-window"]:
        result = floor_window()
    elif argv[:1] == ["memory"] and len(argv) == 2:
        result = memory(argv[1])
    elif argv[:1] == ["memory-bare"]:
        result = memory(None)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
