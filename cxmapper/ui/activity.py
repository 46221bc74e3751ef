"""When the person last scrolled, zoomed, dragged or edited: work that would be felt
as a hitch (a full garbage collection, autosaving a large map) waits for a pause.

``touch()`` is called by the canvas (scroll, zoom, a drag's mouse moves) and by every
edit and undo step (``ui.commands``); it only stores the time, so it can be called on
every event.
"""

from __future__ import annotations

import time

_last = float("-inf")  # time.monotonic() of the last touch()


def touch() -> None:
    """The person is doing something now."""
    global _last
    _last = time.monotonic()


def idle_for(seconds: float) -> bool:
    """Whether nothing was done for at least ``seconds``."""
    return time.monotonic() - _last >= seconds
