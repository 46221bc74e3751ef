"""The exported web page in a real browser: Debian's headless Chromium through selenium,
offline from file://, one browser for the whole module.

Checked: every card's title in the DOM, filters hide and show by real clicks, a Chinese
search, a click on a card opens its details, the report view, a 5,000-card map, and that
hostile text runs nothing (alert hooked before the page loads, no injected elements, no
CSP report caused by our own code), while the CSP really refuses injected markup.
Screenshots go to out/screenshots/html-*.png.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxmapper.export.html import export_html
from cxmapper.model.fileformat import load_file
from tests.export.test_html import XSS, hostile_map

webdriver = pytest.importorskip("selenium.webdriver")
from bench.html_bench import CHROMIUM, DRIVER, chromium_driver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

SHOTS = Path("out/screenshots")
EXAMPLES = {
    "zh": Path("resources/examples/bank-account-opening.zh.cxmap"),
    "en": Path("resources/examples/online-order-and-return.en.cxmap"),
}

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and DRIVER.exists()), reason="chromium and chromium-driver not installed (scripts/setup)"
)

# Runs before any script of the page: counts dialogs, so a script that ran is seen.
HOOK = "window.__alerts = []; window.alert = window.confirm = window.prompt = function (m) { window.__alerts.push(String(m)); };"


@pytest.fixture(scope="module")
def browser():
    with chromium_driver("--lang=en-US") as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
        SHOTS.mkdir(parents=True, exist_ok=True)
        yield driver


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    out = {}
    for lang, source in EXAMPLES.items():
        out[lang] = (load_file(source), export_html(load_file(source), folder / f"{lang}.html").path)
    doc = hostile_map()
    out["hostile"] = (doc, export_html(doc, folder / "hostile.html").path)
    return out


def open_page(driver, path: Path) -> list[dict]:
    """Load the page; return the browser log of the load (and clear it)."""
    driver.get_log("browser")
    driver.get(path.resolve().as_uri())
    assert driver.execute_script("return document.body.dataset.ready") == "1"
    return driver.get_log("browser")


def titles_in_dom(driver) -> list[str]:
    return driver.execute_script("return Array.from(document.querySelectorAll('#board .card .ttl'), e => e.textContent)")


def displayed(driver, card_id: str) -> bool:
    return driver.execute_script(
        "var e = document.querySelector('.card[data-id=\"' + arguments[0] + '\"]'); return !!e && e.offsetParent !== null;",
        card_id,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_shows_every_card(browser, pages, lang):
    doc, path = pages[lang]
    log = open_page(browser, path)
    assert [e for e in log if e["level"] == "SEVERE"] == []
    untitled = "（无标题）" if lang == "zh" else "(untitled)"
    assert sorted(titles_in_dom(browser)) == sorted(c.title or untitled for c in doc.cards)
    head = browser.execute_script("return Array.from(document.querySelectorAll('#colhead .step'), e => e.textContent)")
    assert head == [s.name or "—" for s in doc.steps()]
    lanes = browser.execute_script("return Array.from(document.querySelectorAll('.lanehead > span:first-child'), e => e.textContent)")
    assert lanes == [lane.name or "—" for lane in doc.lanes]
    # The emotion curves: one solid path per persona's as-is curve, a legend entry each.
    curves = browser.execute_script("return document.querySelectorAll('#emotions g.curve').length")
    assert curves == sum(1 + (p.to_be is not None) for p in doc.personas if p.as_is)
    legend = browser.find_element(By.ID, "legend").text
    assert all(p.name in legend for p in doc.personas)
    assert browser.execute_script("return document.querySelectorAll('#links path.link').length") == len(doc.links)
    assert browser.execute_script("return document.querySelectorAll('#emotions g.bpline').length") == 3
    # The heights measured in Python hold the text the browser lays out: nothing cut off.
    cut = browser.execute_script("""
        return Array.from(document.querySelectorAll('#board .card')).filter(function (c) {
          var s = getComputedStyle(c), inner = 0;
          Array.from(c.children).forEach(function (k) { if (k.className !== 'strip') inner += k.offsetHeight; });
          return inner + parseFloat(s.paddingTop) + parseFloat(s.paddingBottom) + 2 * parseFloat(s.borderTopWidth) > c.offsetHeight + 0.5;
        }).map(function (c) { return c.dataset.id; });""")
    assert cut == []
    browser.save_screenshot(str(SHOTS / f"html-map-{lang}.png"))


def test_filters_hide_and_show_by_clicks(browser, pages):
    doc, path = pages["zh"]
    open_page(browser, path)
    browser.find_element(By.ID, "toggle-filters").click()
    lane = doc.lanes[0]
    in_lane = [c.id for c in doc.cards if c.lane == lane.id]
    other = next(c.id for c in doc.cards if c.lane != lane.id)
    box = browser.find_element(By.CSS_SELECTOR, "#filter-lanes input[value='0']")
    box.click()
    assert not any(displayed(browser, cid) for cid in in_lane)
    assert displayed(browser, other)
    assert not browser.execute_script("return document.querySelectorAll('.lanehead')[0].offsetParent")
    box.click()
    assert all(displayed(browser, cid) for cid in in_lane)

    must_be = [c.id for c in doc.cards if getattr(c, "kano", None) == "must_be"]
    assert must_be, "the example has must-be pain points"
    browser.find_element(By.CSS_SELECTOR, "#filter-kano input[value='must_be']").click()
    assert not any(displayed(browser, cid) for cid in must_be)
    assert displayed(browser, other)

    assumed = [c.id for c in doc.cards if c.evidence == "assumed" and c.id not in must_be]
    browser.find_element(By.CSS_SELECTOR, "#filter-evidence input[value='assumed']").click()
    assert assumed and not any(displayed(browser, cid) for cid in assumed)
    persona = doc.personas[0]
    browser.find_element(By.CSS_SELECTOR, f"#filter-personas input[value='{persona.id}']").click()
    drawn = browser.execute_script("return Array.from(document.querySelectorAll('#emotions g.curve'), g => g.dataset.persona)")
    assert persona.id not in drawn and drawn
    browser.save_screenshot(str(SHOTS / "html-filtered-zh.png"))
    browser.find_element(By.ID, "show-all").click()
    assert all(displayed(browser, c.id) for c in doc.cards)


def test_search_finds_a_chinese_title_and_jumps_to_it(browser, pages):
    doc, path = pages["zh"]
    open_page(browser, path)
    word = "验证"
    expected = {c.id for c in doc.cards if word in "\n".join([c.title, c.description, c.owner, *c.tags]).lower()}
    assert expected
    field = browser.find_element(By.ID, "search")
    field.click()
    field.send_keys(word)
    hits = set(browser.execute_script("return Array.from(document.querySelectorAll('.card.hit'), e => e.dataset.id)"))
    assert hits == expected
    assert browser.find_element(By.ID, "found").text == f"找到 {len(expected)} 张"
    # The first hit is brought to the middle of the view.
    first = browser.find_element(By.CSS_SELECTOR, ".card.hit")
    box = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2, innerWidth, innerHeight]", first)
    assert 0 < box[0] < box[2] and 0 < box[1] < box[3]
    browser.save_screenshot(str(SHOTS / "html-search-zh.png"))
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACKSPACE)
    assert browser.execute_script("return document.querySelectorAll('.card.hit, .card.dim').length") == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clicking_a_card_opens_its_details(browser, pages, lang):
    doc, path = pages[lang]
    open_page(browser, path)
    card = next(c for c in doc.cards if c.kind == "pain_point" and c.description)
    # Bring it on screen with the page's own search, then a real click on it.
    field = browser.find_element(By.ID, "search")
    field.send_keys(card.title)
    element = browser.find_element(By.CSS_SELECTOR, f".card[data-id='{card.id}']")
    webdriver.ActionChains(browser).move_to_element(element).click().perform()
    panel = browser.find_element(By.ID, "details")
    assert panel.is_displayed() and panel.get_attribute("data-card") == card.id
    assert panel.find_element(By.TAG_NAME, "h2").text == card.title
    text = panel.text
    assert card.description.split("\n")[0] in text
    assert ("优先级第" if lang == "zh" else "Priority rank") in text
    browser.save_screenshot(str(SHOTS / f"html-details-{lang}.png"))
    assert browser.current_url.endswith("#" + card.id)  # a link to this card
    field.send_keys(Keys.ESCAPE)
    assert not panel.is_displayed() and "#" not in browser.current_url
    browser.get(path.resolve().as_uri() + "#" + card.id)  # opened from such a link
    browser.refresh()
    assert browser.find_element(By.ID, "details").get_attribute("data-card") == card.id


def test_report_view_lists_the_ranking(browser, pages):
    from cxmapper.model.priority import rank_pain_points

    doc, path = pages["zh"]
    open_page(browser, path)
    browser.find_element(By.ID, "tab-report").click()
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('#reportview table')[0].tBodies[0].rows, r => r.cells[1].querySelector('button').textContent)")
    assert rows == [item.card.title for item in rank_pain_points(doc)]
    assert browser.find_element(By.ID, "report-metrics").is_displayed()
    assert not browser.find_element(By.ID, "viewport").is_displayed()
    browser.save_screenshot(str(SHOTS / "html-report-zh.png"))
    # A pain point's title in the report opens it on the map.
    browser.find_element(By.CSS_SELECTOR, "#reportview td button.open").click()
    assert browser.find_element(By.ID, "viewport").is_displayed()
    assert browser.find_element(By.ID, "details").get_attribute("data-card") == rank_pain_points(doc)[0].card.id


def test_hostile_text_runs_nothing(browser, pages):
    doc, path = pages["hostile"]
    log = open_page(browser, path)
    assert browser.execute_script("return window.__alerts") == []
    injected = browser.execute_script(
        "return Array.from(document.querySelectorAll('*')).filter(e => e.tagName === 'IMG' || e.tagName === 'STYLE' && e.parentNode !== document.head"
        " || Array.from(e.attributes).some(a => a.name.startsWith('on') || /javascript:/i.test(a.value) && a.name === 'href')).length")
    assert injected == 0
    titles = titles_in_dom(browser)
    assert all(text in titles for text in XSS)
    assert browser.title == XSS[1]
    page_text = browser.find_element(By.TAG_NAME, "body").text
    assert XSS[0] in page_text and XSS[2] in page_text and XSS[3] in page_text  # stage, lane, step, persona
    # No report of a refused script or style: our own code stays inside the policy.
    assert [e for e in log if "Content Security Policy" in e["message"] or e["level"] == "SEVERE"] == []
    hostile = next(c for c in doc.cards if c.title == XSS[0])
    browser.find_element(By.ID, "search").send_keys("onerror")
    element = browser.find_element(By.CSS_SELECTOR, f".card[data-id='{hostile.id}']")
    webdriver.ActionChains(browser).move_to_element(element).click().perform()
    assert browser.find_element(By.CSS_SELECTOR, "#details h2").text == XSS[0]
    browser.find_element(By.ID, "tab-report").click()
    browser.find_element(By.ID, "tab-map").click()
    assert browser.execute_script("return window.__alerts") == []
    browser.save_screenshot(str(SHOTS / "html-hostile.png"))


def test_policy_refuses_markup_that_got_in(browser, pages, tmp_path):
    """The second line of defence: markup put into the file by hand still runs nothing."""
    _, path = pages["en"]
    text = path.read_text(encoding="utf-8")
    evil = ('<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'
            '<div id="styled" style="display:none">x</div>')
    bad = tmp_path / "tampered.html"
    bad.write_text(text.replace("<body>", "<body>" + evil, 1), encoding="utf-8")
    log = open_page(browser, bad)
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.find_element(By.ID, "styled").is_displayed()  # the style attribute was refused
    assert any("Content Security Policy" in e["message"] for e in log)


def test_five_thousand_cards(browser, tmp_path):
    from bench.generate import generate_map

    doc = generate_map(5000)
    report = export_html(doc, tmp_path / "big.html")
    assert report.size < 10_000_000
    open_page(browser, report.path)
    titles = titles_in_dom(browser)
    assert len(titles) == len(doc.cards) == 5000
    assert sorted(titles) == sorted(c.title or "（无标题）" for c in doc.cards)
    paint = WebDriverWait(browser, 20).until(lambda d: d.execute_script(
        "return performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)[0]"))
    assert paint > 0  # the figure and its target are in bench/ (python -m bench.run --only html)
    field = browser.find_element(By.ID, "search")
    word = next(c.title for c in doc.cards if c.title and ord(c.title[0]) > 0x3000)[:3]
    field.send_keys(word)
    expected = sum(word in "\n".join([c.title, c.description, c.owner, *c.tags]).lower() for c in doc.cards)
    assert browser.execute_script("return document.querySelectorAll('.card.hit').length") == expected
    browser.save_screenshot(str(SHOTS / "html-5000.png"))
    (SHOTS / "html-5000.json").write_text(json.dumps({"bytes": report.size, "first_contentful_paint_ms": paint}))


def test_printing_puts_the_whole_map_on_the_first_page_then_the_report(browser, pages, tmp_path):
    import base64

    from pypdf import PdfReader

    doc, path = pages["en"]
    open_page(browser, path)
    browser.find_element(By.ID, "tab-report").click()  # printing shows both views whichever is open
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"landscape": True, "printBackground": True, "paperWidth": 11.69, "paperHeight": 8.27})
    out = tmp_path / "printed.pdf"
    out.write_bytes(base64.b64decode(pdf["data"]))
    reader = PdfReader(out)
    first = reader.pages[0].extract_text()
    last_step = doc.steps()[-1].name
    bottom_lane = doc.lanes[-1].name
    assert last_step in first and bottom_lane in first  # the right and bottom edges are on the page
    rest = "".join(p.extract_text() for p in reader.pages[1:])
    assert "Pain points ranked: what to" in rest and "Search cards" not in first + rest
    # The screen is back as it was.
    assert browser.find_element(By.ID, "reportview").is_displayed()
    assert not browser.find_element(By.ID, "viewport").is_displayed()


def test_comments_show_on_cards_steps_and_stages(browser, tmp_path):
    """The document's own comment threads (schema v2, added through the editor): on a
    card with a reply, on a step (resolved, marked so), on a stage, and on the map
    itself in the report view; a hostile comment stays text."""
    from tests.export.test_html import commented_map

    path = export_html(commented_map(), tmp_path / "comments.html").path
    log = open_page(browser, path)
    assert [e for e in log if e["level"] == "SEVERE"] == []
    card = browser.find_element(By.CSS_SELECTOR, ".card[data-id='c-pain-sms']")
    assert card.find_element(By.CLASS_NAME, "cmark").text == "2"
    webdriver.ActionChains(browser).move_to_element(card).click().perform()
    text = browser.find_element(By.ID, "comments").text
    assert "验证码问题<img src=x onerror=alert(1)>很严重" in text and "短信网关要换" in text
    assert "王芳 · 2026-12-06 10:00 UTC" in text and "Tom · 2026-12-06 10:30 UTC" in text
    assert browser.execute_script("return document.querySelectorAll('#details img, #details [onerror]').length") == 0
    step = next(e for e in browser.find_elements(By.CSS_SELECTOR, "#colhead .step") if e.text.startswith("登录"))
    assert step.find_element(By.CLASS_NAME, "cmark").text == "1"
    webdriver.ActionChains(browser).move_to_element(step).click().perform()
    assert browser.find_element(By.CSS_SELECTOR, "#details h2").text == "登录"
    resolved = browser.find_element(By.CSS_SELECTOR, "#comments .thread.resolved")
    assert "步骤评论" in resolved.text and "resolved" in resolved.text
    stage = next(e for e in browser.find_elements(By.CSS_SELECTOR, "#colhead .stage") if e.text.startswith("决策"))
    webdriver.ActionChains(browser).move_to_element(stage).click().perform()
    assert "阶段评论" in browser.find_element(By.ID, "comments").text
    assert browser.find_elements(By.CSS_SELECTOR, "#comments .thread.resolved") == []
    browser.save_screenshot(str(SHOTS / "html-comments.png"))
    browser.find_element(By.ID, "tab-report").click()
    heading = browser.find_element(By.ID, "report-comments")
    assert heading.text == "Comments on the map"
    assert "整张地图：下周评审" in browser.find_element(By.CSS_SELECTOR, "#reportview .mapcomments").text
    browser.save_screenshot(str(SHOTS / "html-comments-report.png"))
    assert browser.execute_script("return window.__alerts") == []


def test_keyboard_and_the_browsers_own_scrolling_pan_the_map(browser, pages):
    """Tab reaches the cards and Enter opens one; when the browser scrolls the clipped
    view itself (focus, find in page), the map pans and the headers follow."""
    doc, path = pages["en"]
    open_page(browser, path)
    browser.find_element(By.ID, "viewport").click()
    webdriver.ActionChains(browser).send_keys(Keys.TAB).perform()
    focused = browser.switch_to.active_element
    assert "card" in focused.get_attribute("class")
    focused.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "details").get_attribute("data-card") == focused.get_attribute("data-id")
    far = browser.execute_script("""
        var cs = Array.from(document.querySelectorAll('#board .card')), v = document.getElementById('viewport').getBoundingClientRect();
        var off = cs.filter(function (c) { var r = c.getBoundingClientRect(); return r.left > v.right && r.top > v.bottom; });
        return off.length ? off[off.length - 1].dataset.id : null;""")
    assert far, "a card off screen to the right and below"
    browser.execute_script("document.querySelector('.card[data-id=\"' + arguments[0] + '\"]').focus()", far)

    def settled(d):
        return d.execute_script("""
            var v = document.getElementById('viewport'), c = document.activeElement.getBoundingClientRect(),
                r = v.getBoundingClientRect();
            function x(id) { return new DOMMatrix(getComputedStyle(document.getElementById(id)).transform).e; }
            function y(id) { return new DOMMatrix(getComputedStyle(document.getElementById(id)).transform).f; }
            return v.scrollLeft === 0 && v.scrollTop === 0 && c.left >= r.left - 1 && c.right <= r.right + 1
                && c.top >= r.top - 1 && c.bottom <= r.bottom + 1
                && x('colhead') === x('board') && y('rowhead') === y('board') && x('board') < 0 && y('board') < 0;""")

    WebDriverWait(browser, 5).until(settled)  # panned, not scrolled; headers with the board


def test_two_fingers_pinch_to_zoom(browser, pages):
    """Touch input (a tablet) through Chromium's own touch events: spreading two
    fingers zooms in around them, one finger pans."""
    _, path = pages["en"]
    open_page(browser, path)
    zoom = lambda: browser.execute_script("return new DOMMatrix(getComputedStyle(document.getElementById('board')).transform).a")  # noqa: E731
    before = zoom()
    box = browser.execute_script("var r = document.getElementById('viewport').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]")
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2

    def touch(kind, points):
        browser.execute_cdp_cmd("Input.dispatchTouchEvent", {
            "type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]})

    touch("touchStart", [(cx - 40, cy), (cx + 40, cy)])
    for step in range(1, 6):
        touch("touchMove", [(cx - 40 - 16 * step, cy), (cx + 40 + 16 * step, cy)])
    touch("touchEnd", [])
    after = zoom()
    assert after == pytest.approx(min(4, before * 240 / 80), rel=0.05)  # fingers 80 px apart, then 240
    x_before = browser.execute_script("return new DOMMatrix(getComputedStyle(document.getElementById('board')).transform).e")
    touch("touchStart", [(cx, cy)])
    for step in range(1, 6):
        touch("touchMove", [(cx - 30 * step, cy)])
    touch("touchEnd", [])
    x_after = browser.execute_script("return new DOMMatrix(getComputedStyle(document.getElementById('board')).transform).e")
    assert x_after == pytest.approx(x_before - 150, abs=2)
    assert browser.find_element(By.ID, "details").get_attribute("hidden") is not None  # a pan is not a click
