"""Run by the app (``CXMAPPER_TEST_HOOK``) once its first window is up: paint, report,
quit. ``window`` and ``app`` are given by ``cxmapper.ui.app.run_app``.

Prints one JSON line: the wall-clock time (``time.time()``) at which the first window
has painted, the watched packages already imported (matplotlib and reportlab must not
be: they load when a chart or PDF is first needed) and the peak RSS.
"""

import json
import sys
import time

from bench.probe import loaded_watched_modules, peak_rss_mb

app.processEvents()  # noqa: F821 - given by run_app
painted_at = time.time()
print(json.dumps({"painted_at": painted_at, "modules": loaded_watched_modules(), "window": type(window).__name__, **peak_rss_mb()}))  # noqa: F821
sys.stdout.flush()
app.quit()  # noqa: F821
