"""The desktop editor (PySide6). The only package that imports Qt, with export.picture.

Importing this package first works around a PySide6 6.12 (abi3 wheel) bug on Python
3.11: every call of a Qt method that returns nothing drops one reference to ``None``
without taking it (measured: ``sys.getrefcount(None)`` falls by exactly 1 per
``QWidget.update()``), so after a few thousand calls CPython aborts with "Fatal Python
error: none_dealloc". Python 3.12+ makes ``None`` immortal (PEP 683) and is immune; on
3.11 we give ``None`` the same practically-infinite reference count.
"""

import sys

if sys.version_info < (3, 12):  # pragma: no cover - depends on the interpreter
    import ctypes

    _none_refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt comes first
    if _none_refcount.value < 1 << 40:
        _none_refcount.value += 1 << 40
    del ctypes, _none_refcount
