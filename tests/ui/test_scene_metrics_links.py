"""Metrics on cards and stage headers; links routed, emphasised and filtered by mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QUndoStack

from cxmapper.model.document import CesConvention, CsatConvention, Metrics
from cxmapper.model.editor import Editor, MoveCard, UpdateAnalysis, UpdateCard
from cxmapper.model.metrics import card_metrics, map_metrics
from cxmapper.ui.canvas import JourneyScene
from cxmapper.ui.canvas.scene import LinkMode
from cxmapper.ui.commands import push_edit
from tests.ui.coords import near

# 0–10 answers: 9 promoters, 6 passives, 5 detractors of 20 -> NPS +20.
NPS_ANSWERS = [1, 0, 1, 0, 1, 1, 1, 3, 3, 4, 5]
SITE_METRICS = Metrics(nps_answers=NPS_ANSWERS, csat=78.0, ces=3.4, sample_size=120)
PAY_METRICS = Metrics(csat=61.0, sample_size=40)  # 支付 step, the other stage
AD_METRICS = Metrics(csat=50.0, ces=5.0, sample_size=80)  # 看到广告, same stage as c-site


def push(scene, op, text="edit"):
    assert push_edit(scene.undo_stack, scene.editor, op, text)


@pytest.fixture
def metric_scene(edit):
    editor, stack = edit
    editor.apply(UpdateCard("c-site", {"metrics": SITE_METRICS}))
    editor.apply(UpdateCard("c-pay", {"metrics": PAY_METRICS}))
    editor.apply(UpdateCard("c-see", {"metrics": AD_METRICS}))
    scene = JourneyScene(editor, stack)
    yield scene
    scene.detach()


def _signed(value: float) -> str:
    return f"{round(value):+d}".replace("-", "\u2212")


def test_a_touchpoint_shows_its_figures_in_the_maps_conventions(metric_scene):
    card = metric_scene.editor.card("c-site")
    figures = card_metrics(card.metrics, metric_scene.editor.doc.analysis)
    shown = metric_scene.card_item("c-site").metric_text().replace("\n", " · ")
    assert f"NPS {_signed(figures.nps.value)}" in shown
    assert f"CSAT {figures.csat.value:.0f}%" in shown
    assert f"CES {figures.ces.value:.1f}" in shown
    # The NPS rests on its 20 answers, the entered CSAT and CES on the sample size.
    assert f"n={figures.nps.samples}\u2013{figures.csat.samples}" in shown
    # A card without metrics has no line; its height is the plain text's.
    assert metric_scene.card_item("c-open").metric_text() == ""


def test_the_card_is_tall_enough_for_its_metrics_line(metric_scene):
    item = metric_scene.card_item("c-site")
    texts = metric_scene.texts
    needed = texts.text_top(item.card) + item._text.height + texts.metric_gap + texts.metric_line_height + texts.pad_y
    assert item.rect().height() >= needed - 0.01


def test_conventions_change_the_wording_and_only_metric_items_are_refreshed(metric_scene):
    before = {i.card_id: i.refreshes for i in metric_scene.card_items()}
    push(metric_scene, UpdateAnalysis({"csat": CsatConvention.MEAN, "ces": CesConvention.AGREE_PERCENT}))
    # 78 % read as a 1–5 mean does not fit: the card says why instead of a figure.
    site = metric_scene.card_item("c-site")
    assert "CSAT 78" in site.toolTip() and site.metric_text().startswith("\u26a0 CSAT 78")
    assert metric_scene.card_item("c-see").metric_text()  # 50 is no 1–5 mean either
    changed = {i.card_id for i in metric_scene.card_items() if i.refreshes != before[i.card_id]}
    assert changed == {"c-site", "c-pay", "c-see"}
    metric_scene.undo_stack.undo()
    assert "CSAT 78%" in metric_scene.card_item("c-site").metric_text()


def test_stage_header_shows_the_stage_aggregate_of_model_metrics(metric_scene):
    report = map_metrics(metric_scene.editor.doc)
    for stage, expected in report.stages:
        figures = metric_scene.stage_figures(stage.id)
        for name in ("nps", "csat", "ces"):
            want, got = getattr(expected, name), getattr(figures, name)
            assert (want is None) == (got is None), (stage.name, name)
            if want is not None:
                assert got.value == pytest.approx(want.value) and got.samples == want.samples
    aware = dict((s.id, m) for s, m in report.stages)["s-aware"]
    header = metric_scene._stage_headers["s-aware"].metrics_text
    assert f"CSAT {aware.csat.value:.0f}%" in header
    assert f"CES {aware.ces.value:.1f}" in header
    assert f"NPS {_signed(aware.nps.value)}" in header
    # Weighted by sample size: (78·120 + 50·80) / 200 = 66.8, not the plain mean 64.
    assert aware.csat.value == pytest.approx(66.8)


def test_editing_a_touchpoints_metrics_updates_that_card_and_its_stage_header_only(metric_scene):
    scene = metric_scene
    cards = {i.card_id: i.refreshes for i in scene.card_items()}
    headers = {k: h.refreshes for k, h in scene._stage_headers.items()}
    rebuilds = scene.stats["rebuilds"]
    push(scene, UpdateCard("c-site", {"metrics": Metrics(csat=90.0, sample_size=300)}))
    assert scene.stats["rebuilds"] == rebuilds
    assert {k for k, i in ((i.card_id, i) for i in scene.card_items()) if i.refreshes != cards[k]} == {"c-site"}
    assert {k for k, h in scene._stage_headers.items() if h.refreshes != headers[k]} == {"s-aware"}
    assert "CSAT 90%" in scene.card_item("c-site").metric_text()
    # (90·300 + 50·80) / 380
    assert f"CSAT {(90 * 300 + 50 * 80) / 380:.0f}%" in scene._stage_headers["s-aware"].metrics_text

    # A retitle touches no stage header; a move to the other stage touches both.
    headers = {k: h.refreshes for k, h in scene._stage_headers.items()}
    push(scene, UpdateCard("c-site", {"title": "官网首页（新版）"}))
    assert {k: h.refreshes for k, h in scene._stage_headers.items()} == headers
    push(scene, MoveCard("c-site", "l-front", "t-pay", 0))
    assert {k for k, h in scene._stage_headers.items() if h.refreshes != headers[k]} == {"s-aware", "s-buy"}
    assert "CSAT 90%" not in scene._stage_headers["s-aware"].metrics_text


def test_the_last_metrics_removed_drops_the_header_line(metric_scene):
    scene = metric_scene
    tall = scene.layout.style.stage_header_height
    for card_id in ("c-site", "c-pay", "c-see"):
        push(scene, UpdateCard(card_id, {"metrics": None}))
    assert scene.layout.style.stage_header_height < tall
    assert all(h.metrics_text == "" for h in scene._stage_headers.values())


# -- links ---------------------------------------------------------------------------


def test_link_modes(scene, qtbot):
    links = {i.link_id: i for i in scene.link_items()}
    assert scene.link_mode() is LinkMode.ALL and all(i.isVisible() for i in links.values())
    with qtbot.waitSignal(scene.link_mode_changed) as blocker:
        scene.set_link_mode("selected")
    assert blocker.args == ["selected"]
    assert not any(i.isVisible() for i in links.values())
    scene.select_cards(["c-pay"])
    assert {k for k, i in links.items() if i.isVisible()} == {"k-sup", "k-cause"}
    scene.set_link_mode(LinkMode.NONE)
    assert not any(i.isVisible() for i in links.values())
    scene.set_link_mode(LinkMode.ALL)
    assert all(i.isVisible() for i in links.values())
    with pytest.raises(ValueError):
        scene.set_link_mode("some")
    assert scene.undo_stack.count() == 0


def test_selected_cards_links_are_strong_and_selecting_is_no_undo_step(scene):
    faint = scene.link_item("k-cause").pen()
    scene.select_cards(["c-slow"])
    assert scene.emphasised_link_ids() == {"k-cause", "k-addr"}
    strong = scene.link_item("k-cause")
    assert strong.pen().widthF() > faint.widthF() and strong.pen().color().alpha() > faint.color().alpha()
    assert strong.zValue() > scene.link_item("k-flow").zValue()
    assert not scene.link_item("k-flow").emphasised
    assert scene.undo_stack.count() == 0
    # A link added to a selected card is strong at once; one that stays after an edit too.
    push(scene, MoveCard("c-slow", "l-pain", "t-ad", 0))
    assert scene.emphasised_link_ids() == {"k-cause", "k-addr"}
    scene.select_cards([])
    assert scene.emphasised_link_ids() == frozenset()
    assert not scene.link_item("k-cause").emphasised


def _crosses(route, rect: QRectF) -> bool:
    inner = rect.adjusted(1, 1, -1, -1)
    for (x0, y0), (x1, y1) in zip(route, route[1:]):
        seg = QRectF(min(x0, x1), min(y0, y1), abs(x1 - x0) + 1e-3, abs(y1 - y0) + 1e-3)
        if seg.intersects(inner):
            return True
    return False


@pytest.mark.parametrize("name", ["bank-account-opening.zh.cxmap", "online-order-and-return.en.cxmap"])
def test_no_link_crosses_a_card_on_the_example_maps(qapp, example_map, name):
    doc = example_map(name)
    scene = JourneyScene(Editor(doc), QUndoStack())
    rects = {i.card_id: i.scene_rect() for i in scene.card_items()}
    assert scene.link_items()
    for link in doc.links:
        route = scene.link_item(link.id).route()
        for card_id, rect in rects.items():
            assert not _crosses(route, rect), (link.kind, link.source, link.target, card_id)
        # It starts on the source's edge and ends on the target's.
        assert rects[link.source].adjusted(-1, -1, 1, 1).contains(*route[0])
        assert rects[link.target].adjusted(-1, -1, 1, 1).contains(*route[-1])
    scene.detach()


def test_metric_edits_match_a_fresh_build_through_undo_and_redo(metric_scene):
    from tests.ui.test_scene import snapshot

    scene = metric_scene
    editor, stack = scene.editor, scene.undo_stack

    def shown(s) -> dict:
        return {
            **snapshot(s),
            "metrics": {i.card_id: i.metric_text() for i in s.card_items()},
            "stage_metrics": {k: h.metrics_text for k, h in s._stage_headers.items()},
            "routes": {i.link_id: [near(*p) for p in i.route()] for i in s.link_items()},
        }

    def fresh() -> dict:
        built = JourneyScene(editor, QUndoStack())
        built.detach()
        return shown(built)

    ops = [
        UpdateCard("c-open", {"metrics": Metrics(nps=-35.0, sample_size=12)}),
        UpdateCard("c-site", {"metrics": Metrics(csat=88.0, ces=6.9, sample_size=1000)}),
        UpdateAnalysis({"ces": CesConvention.AGREE_PERCENT}),
        MoveCard("c-see", "l-act", "t-pay", 0),
        UpdateCard("c-pay", {"metrics": None}),
    ]
    for op in ops:
        push(scene, op)
        assert shown(scene) == fresh(), op
    for _ in ops:
        stack.undo()
        assert shown(scene) == fresh()
    for _ in ops:
        stack.redo()
    assert shown(scene) == fresh()


def test_chinese_headers_that_fit_are_not_marked_cut(scene):
    # Chinese glyphs come from a fallback font with taller lines; a name that fits
    # must not get the "cut" tooltip (nor an ellipsis).
    for header in list(scene._stage_headers.values()) + list(scene._step_headers.values()):
        assert header.toolTip() == "", header._name
        assert header._shown == header._name


def test_a_kano_badge_alone_sits_on_the_first_line_without_covering_it(scene):
    push(scene, UpdateCard("c-slow", {"title": "支付页面加载太慢，用户等了很久以后放弃了支付"}))
    item = scene.card_item("c-slow")  # a must-be pain point without markers
    texts = scene.texts
    assert texts.inline_badge(item.card) and item._text_top == texts.pad_y
    first = item._text.layout.lineAt(0)
    badge_left = item.rect().width() - texts.pad_x - texts.badge_width
    assert texts.stripe + texts.pad_x + first.naturalTextWidth() < badge_left
    short = item.rect().height()
    # A marker row: the badge joins it, the card grows by that row.
    push(scene, UpdateCard("c-slow", {"fail_point": True, "title": "支付太慢"}))
    push(scene, UpdateCard("c-slow", {"fail_point": False}))
    short = scene.card_item("c-slow").rect().height()
    push(scene, UpdateCard("c-slow", {"fail_point": True}))
    item = scene.card_item("c-slow")
    assert not texts.inline_badge(item.card) and item.rect().height() > short


def test_a_links_tooltip_is_its_label_or_its_kinds_name_and_follows_edits(scene):
    from cxmapper.model.editor import UpdateLink
    from cxmapper.ui import names

    editor = scene.editor
    for link in editor.doc.links:
        assert scene.link_item(link.id).toolTip() == (link.label or names.link_kind_name(link.kind))
    link = editor.doc.links[0]
    push_edit(scene.undo_stack, editor, UpdateLink(link.id, {"label": "转交 handoff"}), "label")
    assert scene.link_item(link.id).toolTip() == "转交 handoff"
    scene.undo_stack.undo()
    assert scene.link_item(link.id).toolTip() == (link.label or names.link_kind_name(link.kind))
