"""The web page export: export time, file size and first paint in headless Chromium.

Baseline, measured in the same run: a plain page with one absolutely placed ``<div>``
per card holding its escaped title (what any page showing the cards must at least
carry), written with one ``str.join``, and opened in the same browser. The page's own
figures: ``export_html`` (layout, analyses, JSON, the file) and the browser's
``first-contentful-paint`` of the page opened from file://, the minimum of several
loads interleaved with the baseline's. Targets (issue 15): file < 10 MB, first paint
< 2 s at 5,000 cards.

``chromium_driver()`` is also the browser of ``tests/export/test_html_browser.py``.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.timing import Result, interleaved_min
from cxmapper.model.document import MapDocument

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1600,1000")
SIZE_TARGET_MB = 10.0
PAINT_TARGET_MS = 2000.0


@contextmanager
def chromium_driver(*extra_flags: str) -> Iterator:
    """Debian's headless Chromium through selenium, given the driver's and the browser's
    paths (otherwise selenium tries to download a driver), with a fresh profile that is
    removed afterwards; the browser's console log is kept (``get_log("browser")``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, *extra_flags):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="cxm-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def first_paint_ms(driver, path: Path) -> float:
    """Load ``path`` afresh and wait for its first contentful paint (ms from navigation)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(path.resolve().as_uri())
    return float(WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)[0]")))


def plain_page(doc: MapDocument) -> str:
    """The baseline page: a div per card with its title, placed on a grid."""
    steps = {s.id: k for k, s in enumerate(doc.steps())}
    lanes = {lane.id: k for k, lane in enumerate(doc.lanes)}
    css = "div{position:absolute;width:190px;height:40px;border:1px solid #888;overflow:hidden;font:13px sans-serif}"
    rows = "".join(
        f'<div class="c{k % 7}" data-lane="{lanes.get(c.lane, 0)}" data-step="{steps.get(c.step, 0)}">{html.escape(c.title)}</div>'
        for k, c in enumerate(doc.cards)
    )
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style></head><body>{rows}</body></html>'


def measure_html(doc: MapDocument, cards: int, repeat: int, folder: Path) -> list[Result]:
    from cxmapper.export.html import export_html

    page, plain = folder / f"map-{cards}.html", folder / f"plain-{cards}.html"
    t_page, t_plain = interleaved_min(
        lambda: export_html(doc, page), lambda: plain.write_text(plain_page(doc), encoding="utf-8"), repeat
    )
    size, plain_size = page.stat().st_size / 1e6, plain.stat().st_size / 1e6
    results = [
        Result(group="html", name=f"web page export {cards:,} cards", size=cards, figure=t_page * 1000,
               baseline=t_plain * 1000, baseline_name="plain page, a div per card", target="none (for scale)",
               how=f"min of {repeat}, interleaved"),
        Result(group="html", name=f"web page file {cards:,} cards", size=cards, figure=size, unit="MB",
               baseline=plain_size, baseline_name="plain page, a div per card", target=f"< {SIZE_TARGET_MB:g} MB",
               passed=size < SIZE_TARGET_MB, how="bytes on disk"),
    ]
    if not (CHROMIUM.exists() and DRIVER.exists()):
        results.append(Result(group="html", name=f"web page first paint {cards:,} cards", size=cards, figure=None,
                              note="chromium and chromium-driver not installed (scripts/setup)"))
        return results
    paints, plains = [], []
    with chromium_driver() as driver:
        first_paint_ms(driver, plain)  # the browser's own start-up is in neither figure
        for _ in range(repeat):
            paints.append(first_paint_ms(driver, page))
            plains.append(first_paint_ms(driver, plain))
    paint = min(paints)
    results.append(Result(
        group="html", name=f"web page first paint {cards:,} cards", size=cards, figure=paint,
        baseline=min(plains), baseline_name="plain page, a div per card", target=f"< {PAINT_TARGET_MS / 1000:g} s",
        passed=paint < PAINT_TARGET_MS, how=f"min of {repeat} loads from file://, interleaved, headless Chromium",
        extra={"paints_ms": paints, "plain_ms": plains},
    ))
    return results
