"""Test-wide settings: Qt offscreen, matplotlib without a display, hypothesis profiles."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

# CI runs on a shared 2-core machine: keep example counts moderate and never fail on
# timing alone.
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _collector_as_in_the_app(request):
    """Qt tests run with the garbage collector as the app runs it: never automatic,
    only between events on the GUI thread (``cxmapper.ui.collector``); and once more
    between two tests, a safe point."""
    uses_qt = "qapp" in request.fixturenames or "qtbot" in request.fixturenames
    if uses_qt:
        from cxmapper.ui import collector

        request.getfixturevalue("qapp")
        collector.install()
    yield
    if uses_qt:
        collector.collect_now()
