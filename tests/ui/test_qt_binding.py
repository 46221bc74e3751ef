"""The Qt binding must not leak references to None.

PySide6 6.12 on Python 3.11 drops one reference to ``None`` on every call of a Qt
method that returns nothing, and CPython aborts after a few thousand calls
("Fatal Python error: none_dealloc"). pyproject.toml keeps 3.11 below 6.12; this test
fails if a leaking binding is installed again.
"""

import sys

from PySide6.QtWidgets import QWidget


def test_void_qt_calls_keep_none_alive(qapp):
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(5000):
        widget.update()
    # Python 3.12+ reports a constant for immortal None; 3.11 counts for real, and
    # other threads may move it a little, never by thousands.
    assert sys.getrefcount(None) - before > -100
