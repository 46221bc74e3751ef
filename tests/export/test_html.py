"""The web page export without a browser: the embedded data, its escaping, the CSP,
the geometry from the shared layout, the report's tables, the words, the command.

The page in a real browser is ``test_html_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys

import pytest

from cxmapper.export import html as page
from cxmapper.model.document import MapMeta, make_card
from cxmapper.model.fileformat import load_file
from cxmapper.model.layout import MapLayout
from cxmapper.model.priority import rank_pain_points
from tests.export.conftest import build_sample_map

XSS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"'><svg onload=alert(3)>",
    "javascript:alert(4)",
    "<!-- </script --> \u2028\u2029 & &amp; <style>*{display:none}</style>",
]


def hostile_map():
    """The sample map with hostile text in every kind of name the page shows."""
    doc = build_sample_map()
    doc.meta = MapMeta(title=XSS[1], description=XSS[0], locale="zh_CN")
    doc.lanes[0] = doc.lanes[0].model_copy(update={"name": XSS[2]})
    first = doc.stages[0]
    doc.stages[0] = first.model_copy(update={
        "name": XSS[0], "description": XSS[1],
        "steps": [first.steps[0].model_copy(update={"name": XSS[3], "description": XSS[2]}), *first.steps[1:]],
    })
    doc.personas[0] = doc.personas[0].model_copy(update={"name": XSS[0]})
    doc.links[2] = doc.links[2].model_copy(update={"label": XSS[2]})
    doc.cards = [
        *doc.cards,
        *(
            make_card("action", id=f"c-xss{k}", lane="l-actions", step="st-deliver", title=text,
                      description=XSS[(k + 1) % len(XSS)], owner=XSS[(k + 2) % len(XSS)], tags=[XSS[3]])
            for k, text in enumerate(XSS)
        ),
    ]
    return doc


def _data(text: str) -> dict:
    match = re.search(r'<script type="application/json" id="cxm-data">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


def test_hostile_text_never_appears_as_markup():
    text = page.page_html(hostile_map())
    # Exactly the page's own three elements of each kind: nothing a title closed or opened.
    assert text.count("<script") == 2 and text.count("</script>") == 2
    assert text.count("<style>") == 1 and "<img" not in text and "<svg" not in text
    assert "\u2028" not in text and "\u2029" not in text
    data = _data(text)
    titles = {c["t"] for c in data["cards"]}
    assert set(XSS) <= titles  # read back exactly, nothing lost or changed
    assert data["title"] == XSS[1]
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>" in text


def test_embed_json_escapes_what_could_end_the_block():
    value = {"a": "</script><!--", "b": "x\u2028y\u2029z & >"}
    text = page.embed_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_content_security_policy_names_exactly_the_inline_blocks():
    text = page.page_html(build_sample_map())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in csp

    def digest(block: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"

    script = re.search(r"<script>(.*?)</script>", text, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    assert directives["script-src"] == digest(script)
    assert directives["style-src"] == digest(style)
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script


def test_geometry_is_the_shared_layout():
    doc = build_sample_map()
    data = page.build_payload(doc)
    layout = MapLayout(doc, page._CardMeasure(doc, page.PageText(page.report_text("en"))), page.STYLE)
    assert [lane["h"] for lane in data["lanes"]] == [layout.row(lane.id).h for lane in layout.lanes]
    for card in data["cards"]:
        rect = layout.card_rect(card["id"])
        lane = layout.lanes[card["l"]]
        assert (card["h"], card["y"]) == (rect.h, rect.y - layout.row(lane.id).y)
        assert page.STYLE.lane_header_width + card["s"] * page.STYLE.column_width + page.STYLE.cell_padding == rect.x
    # The page draws a blueprint line between two lanes of the pairs named, as the layout does.
    kinds = [lane["k"] for lane in data["lanes"]]
    pairs = {(line["up"], line["down"]) for line in data["lines"]}
    drawn = [k + 1 for k in range(len(kinds) - 1) if (kinds[k], kinds[k + 1]) in pairs]
    assert [layout.row(layout.lanes[k].id).y for k in drawn] == [y for _, y in layout.blueprint_lines()]
    assert len(drawn) == 3


def test_card_heights_grow_with_text_and_markers():
    doc = build_sample_map()
    measure = page._CardMeasure(doc, page.PageText(page.report_text("en")))
    short = make_card("action", lane="l", step="s", title="Pay")
    long = make_card("action", lane="l", step="s", title="Pay " * 40)
    chinese = make_card("action", lane="l", step="s", title="验证码" * 20)
    marked = make_card("action", lane="l", step="s", title="Pay", fail_point=True)
    width = page.STYLE.card_width
    assert measure(short, width) < measure(marked, width)
    assert measure(long, width) == measure(chinese, width) == 2 * (page.CARD_PAD + page.BORDER) + page.MAX_TITLE_LINES * page.TITLE_LH
    assert page._wrapped_lines("验证码" * 10, 100, 6.6) == 5  # 30 wide characters, 13.2 px each, 7 a line
    assert page._wrapped_lines("abcdef abcdef", 60, 6.6) == 2  # a word moves whole to the next line
    assert page._wrapped_lines("a\nb", 60, 6.6) == 2


def test_report_tables_follow_the_model():
    doc = load_file("resources/examples/bank-account-opening.zh.cxmap")
    data = page.build_payload(doc)
    ranked = rank_pain_points(doc)
    rows = data["report"]["pains"]["rows"]
    assert [r[10] for r in rows] == [item.card.id for item in ranked]
    assert [r[6] for r in rows] == [f"{item.score:g}" for item in ranked]
    assert [r[2] for r in rows] == [page.report_text("zh").kano(item.kano) for item in ranked]
    assert data["report"]["pains"]["head"][1] == "痛点"
    assert data["report"]["metrics"]["rows"], "the example carries metrics"
    assert len(data["report"]["metrics"]["rows"]) == len(doc.stages)
    figures = data["report"]["figures"]
    assert figures[:4] == [[str(len(doc.stages)), "个阶段"], [str(len(doc.steps())), "个步骤"],
                           [str(len(doc.cards)), "张卡片"], [str(len(ranked)), "个痛点"]]
    by_id = {c["id"]: c for c in data["cards"]}
    first = by_id[ranked[0].card.id]
    assert first["r"][0] == 1 and first["r"][2][0].startswith("Kano：")


def test_words_follow_the_map_locale():
    zh = page.build_payload(load_file("resources/examples/bank-account-opening.zh.cxmap"))
    en = page.build_payload(load_file("resources/examples/online-order-and-return.en.cxmap"))
    assert zh["lang"] == "zh" and zh["words"]["Search cards"] == "搜索卡片"
    assert zh["words"]["{count} found"] == "找到 {count} 张"
    assert zh["evidence"]["observed"] == "已观察" and zh["words"]["Cards:"] == "卡片："
    assert en["lang"] == "en" and en["words"]["Search cards"] == "Search cards"
    assert page.build_payload(load_file("resources/examples/online-order-and-return.en.cxmap"), "zh")["lang"] == "zh"
    # Every word the script asks for is in the table it receives.
    script = (page.resources.files("cxmapper.export") / "html" / "page.js").read_text(encoding="utf-8")
    asked = set(re.findall(r'\bw\("([^"]+)"', script))
    assert asked <= set(zh["words"]), asked - set(zh["words"])


def commented_map():
    """The sample map with real comments (schema v2), added through the editor: a thread
    with a reply on a card, a resolved one on a step, one on a stage, one on the map."""
    from datetime import datetime, timezone

    from cxmapper.model.comments import AddComment, UpdateComment, new_comment
    from cxmapper.model.editor import Editor

    editor = Editor(build_sample_map())
    at = datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc)

    def add(text, target, author, thread=None, minutes=0):
        comment = new_comment(text, target, author, thread=thread).model_copy(update={"created": at.replace(minute=minutes)})
        editor.apply(AddComment(comment))
        return comment.id

    first = add("验证码问题<img src=x onerror=alert(1)>很严重", "c-pain-sms", "王芳")
    add("短信网关要换", "c-pain-sms", "Tom", thread=first, minutes=30)
    step = add("步骤评论", "st-login", "Li", minutes=5)
    editor.apply(UpdateComment(step, {"resolved": True}))
    add("阶段评论", "s-buy", "Li", minutes=6)
    add("整张地图：下周评审", None, "王芳", minutes=7)
    return editor.doc


def test_comments_come_from_the_documents_threads():
    assert page.comment_threads(build_sample_map()) == []
    doc = commented_map()
    assert page.comment_threads(doc) == [
        {"target": "c-pain-sms", "resolved": False, "messages": [
            {"author": "王芳", "time": "2026-12-06 10:00 UTC", "text": "验证码问题<img src=x onerror=alert(1)>很严重"},
            {"author": "Tom", "time": "2026-12-06 10:30 UTC", "text": "短信网关要换"},
        ]},
        {"target": "st-login", "resolved": True, "messages": [{"author": "Li", "time": "2026-12-06 10:05 UTC", "text": "步骤评论"}]},
        {"target": "s-buy", "resolved": False, "messages": [{"author": "Li", "time": "2026-12-06 10:06 UTC", "text": "阶段评论"}]},
        {"target": "", "resolved": False, "messages": [{"author": "王芳", "time": "2026-12-06 10:07 UTC", "text": "整张地图：下周评审"}]},
    ]
    assert page.build_payload(doc)["comments"] == page.comment_threads(doc)


def test_cli_writes_the_page_and_says_why_it_cannot(tmp_path):
    out = tmp_path / "map.html"
    run = subprocess.run(
        [sys.executable, "-m", "cxmapper", "export", "resources/examples/online-order-and-return.en.cxmap", "--html", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "wrote" in run.stdout and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    blocked = tmp_path / "no-such-dir" / "map.html"
    run = subprocess.run(
        [sys.executable, "-m", "cxmapper", "export", "resources/examples/online-order-and-return.en.cxmap", "--html", str(blocked)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 1
    assert "cannot write web page to" in run.stderr and str(blocked) in run.stderr


@pytest.mark.parametrize("name", ["page.js", "page.css"])
def test_assets_ship_as_package_data(name):
    text = open("pyproject.toml", encoding="utf-8").read()
    assert '"cxmapper.export" = ["html/*.js", "html/*.css"]' in text
    assert (page.resources.files("cxmapper.export") / "html" / name).is_file()


def test_curly_quotes_and_dots_are_measured_as_wide_as_a_cjk_font_draws_them():
    # Columns are half-width: 12 CJK characters and the two quotes make 28 columns, so
    # the bank example's thought card needs a second line at 27 (counted narrow: 26).
    title = "“会不会扣小额账户管理费？”"
    assert page._wrapped_lines(title, 28 * 13, 13) == 1
    assert page._wrapped_lines(title, 27 * 13, 13) == 2
    assert page._wrapped_lines("王阿姨 · 访谈", 13 * 13, 13) == 2  # the middle dot too: 14 columns
    assert page._wrapped_lines("Привет мир", 10 * 13, 13) == 1  # letters stay narrow
