"""The scene mirrors the document, and an edit touches only the items it concerns."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QUndoStack

from bench.generate import generate_map
from cxmapper.model.document import (
    BlueprintLine,
    CardKind,
    Channel,
    Evidence,
    KanoCategory,
    LaneKind,
    LinkKind,
    Metrics,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.editor import (
    AddCard,
    AddStep,
    Editor,
    MoveCard,
    RemoveCard,
    SetEmotion,
    UpdateCard,
    UpdateLane,
)
from cxmapper.ui import names
from cxmapper.ui.canvas import JourneyScene
from cxmapper.ui.canvas.cardtext import MAX_TITLE_LINES
from cxmapper.ui.canvas.items import CardItem, LinkItem
from cxmapper.ui.commands import push_edit
from tests.strategies import documents
from tests.ui.coords import Near, near

SHOTS = Path("/tmp/cxmapper-canvas")


def push(scene, op, text="edit"):
    assert push_edit(scene.undo_stack, scene.editor, op, text)


def test_scene_has_one_item_per_card_link_line_and_curve(scene, small_map):
    items = scene.items()
    cards = [i for i in items if isinstance(i, CardItem)]
    assert sorted(i.card_id for i in cards) == sorted(c.id for c in small_map.cards)
    assert sorted(i.link_id for i in items if isinstance(i, LinkItem)) == sorted(l.id for l in small_map.links)
    # customer actions sits directly above frontstage, frontstage above backstage
    lines = {item.line: item.label for item in scene.blueprint_line_items()}
    assert lines == {
        BlueprintLine.INTERACTION: names.blueprint_line_name(BlueprintLine.INTERACTION),
        BlueprintLine.VISIBILITY: names.blueprint_line_name(BlueprintLine.VISIBILITY),
    }
    # 李女士: as-is and to-be; Tom: as-is only
    curves = sorted((c.persona_id, c.curve) for c in scene.curve_items())
    assert curves == [("p-li", "as_is"), ("p-li", "to_be"), ("p-tom", "as_is")]


def test_cards_sit_in_their_cells_and_rows_parent_them(scene, small_map):
    for card in small_map.cards:
        item = scene.card_item(card.id)
        assert item.parentItem() is scene.row_item(card.lane)
        cell = scene.cell_rect(card.lane, card.step)
        assert cell.contains(item.scene_rect()), card.id


def test_curve_has_a_gap_where_a_step_has_no_point(scene):
    tom = next(c for c in scene.curve_items() if c.persona_id == "p-tom")
    li = next(c for c in scene.curve_items() if c.persona_id == "p-li" and c.curve == "as_is")
    # Tom has points on steps 1 and 3 only: two handles, no line between them.
    assert len(tom.handles) == 2 and tom.path().isEmpty()
    assert len(li.handles) == 3 and not li.path().isEmpty()


def test_to_be_curve_is_dashed_and_persona_colour_is_used(scene):
    to_be = next(c for c in scene.curve_items() if c.curve == "to_be")
    assert to_be._pen.style() == Qt.PenStyle.DashLine
    tom = next(c for c in scene.curve_items() if c.persona_id == "p-tom")
    assert tom.color == QColor("#059669")


def test_long_title_grows_the_card_and_a_huge_one_is_marked_truncated(edit):
    editor, stack = edit
    scene = JourneyScene(editor, stack)
    short = scene.card_item("c-see").rect().height()
    push(scene, UpdateCard("c-see", {"title": "顾客在地铁里看到广告，" * 4}))
    grown = scene.card_item("c-see")
    assert grown.rect().height() > short and not grown.truncated
    push(scene, UpdateCard("c-see", {"title": "非常长的标题" * 80}))
    huge = scene.card_item("c-see")
    assert huge.truncated
    assert "非常长的标题" * 80 in huge.toolTip()
    lines = huge._text.layout.lineCount()
    assert lines == MAX_TITLE_LINES
    scene.detach()


def test_retitle_on_a_5000_card_map_touches_one_card_item(qapp):
    doc = generate_map(5000, seed=3)
    editor, stack = Editor(doc), QUndoStack()
    scene = JourneyScene(editor, stack)
    items = scene.card_items()
    assert len(items) == len(doc.cards)
    before = dict(scene.stats)
    refreshes = sum(i.refreshes for i in items)
    card = doc.cards[len(doc.cards) // 2]
    push(scene, UpdateCard(card.id, {"title": card.title + "（改）"}))
    assert scene.stats["rebuilds"] == before["rebuilds"]
    assert scene.stats["cards_created"] == before["cards_created"]
    assert scene.stats["cards_refreshed"] - before.get("cards_refreshed", 0) == 1
    assert sum(i.refreshes for i in scene.card_items()) == refreshes + 1
    assert scene.card_item(card.id).card.title.endswith("（改）")
    assert scene.card_items() == items or set(map(id, scene.card_items())) == set(map(id, items))
    scene.detach()


def test_a_taller_cell_moves_the_rows_below_by_setpos_only(scene, small_map):
    rows_below = ["l-emo", "l-pain", "l-opp"]
    y_before = {lane: scene.row_item(lane).y() for lane in rows_below}
    pain = scene.card_item("c-slow")
    offset_before = pain.pos()
    created = scene.stats["cards_created"]
    card = make_card("process", lane="l-back", step="t-pay", title="人工审核订单")
    push(scene, AddCard(card))
    assert scene.stats["cards_created"] == created + 1
    grown = scene.row_item("l-back").height()
    assert all(scene.row_item(lane).y() > y_before[lane] for lane in rows_below)
    assert pain.pos() == offset_before  # moved with its row, not touched
    assert grown == scene.layout.row("l-back").h
    scene.undo_stack.undo()
    assert scene.card_item(card.id) is None
    assert all(scene.row_item(lane).y() == y_before[lane] for lane in rows_below)


def test_links_follow_a_moved_card_and_go_with_a_removed_one(scene):
    link = scene.link_item("k-flow")
    start = link.path().elementAt(0)
    push(scene, MoveCard("c-see", "l-act", "t-pay", 0))
    moved = link.path().elementAt(0)
    assert (moved.x, moved.y) != (start.x, start.y)
    card_rect = scene.card_item("c-see").scene_rect()
    assert card_rect.adjusted(-1, -1, 1, 1).contains(moved.x, moved.y)
    scene.undo_stack.undo()

    push(scene, RemoveCard("c-slow"))
    assert scene.link_item("k-cause") is None and scene.link_item("k-addr") is None
    scene.undo_stack.undo()
    assert scene.link_item("k-cause") is not None and scene.link_item("k-addr") is not None


def test_emotion_change_rebuilds_only_that_personas_curves(scene):
    tom_items = [c for c in scene.curve_items() if c.persona_id == "p-tom"]
    push(scene, SetEmotion("p-li", "t-web", 2))
    assert [c for c in scene.curve_items() if c.persona_id == "p-tom"] == tom_items
    li = next(c for c in scene.curve_items() if c.persona_id == "p-li" and c.curve == "as_is")
    assert [h.score for h in li.handles] == [1, 2, -2]


def test_a_step_added_is_followed_without_a_rebuild(scene, small_map):
    rebuilds = scene.stats["rebuilds"]
    push(scene, AddStep("s-buy", Step(id="t-new", name="评价")))
    assert scene.stats["rebuilds"] == rebuilds  # the grid follows (tests/ui/test_scene_grid*.py)
    assert "t-new" in scene._step_headers


def test_lane_kind_change_rebuilds_and_rename_does_not(scene):
    rebuilds = scene.stats["rebuilds"]
    push(scene, UpdateLane("l-back", {"name": "后台流程"}))
    assert scene.stats["rebuilds"] == rebuilds
    assert scene._lane_headers["l-back"]._name == "后台流程"
    push(scene, UpdateLane("l-back", {"kind": LaneKind.SUPPORT_PROCESSES}))
    assert scene.stats["rebuilds"] == rebuilds + 1
    assert {i.line for i in scene.blueprint_line_items()} == {BlueprintLine.INTERACTION}


def test_selection_is_never_an_undo_step(scene, qtbot):
    with qtbot.waitSignal(scene.card_selection_changed) as blocker:
        scene.select_cards(["c-pay", "c-see"])
    assert blocker.args == [["c-see", "c-pay"]]  # map order: column, then lane
    assert scene.selected_card_ids() == ["c-see", "c-pay"]
    assert scene.undo_stack.count() == 0
    scene.select_cards([])
    assert scene.selected_card_ids() == []


def test_selection_survives_a_rebuild(scene):
    scene.select_cards(["c-site"])
    push(scene, AddStep("s-buy", Step(name="售后")))
    assert scene.selected_card_ids() == ["c-site"]


def test_find_highlight(scene):
    scene.set_highlight({"c-slow", "c-fast"})
    assert {i.card_id for i in scene.card_items() if i.highlighted} == {"c-slow", "c-fast"}
    scene.set_highlight(set())
    assert not any(i.highlighted for i in scene.card_items())


def test_hidden_personas(scene):
    scene.set_hidden_personas({"p-li"})
    assert {c.persona_id for c in scene.curve_items()} == {"p-tom"}
    scene.set_hidden_personas(set())
    assert {c.persona_id for c in scene.curve_items()} == {"p-li", "p-tom"}


def test_presentation_hides_lanes_dims_stages_and_enlarges(scene):
    normal_height = scene.layout.row("l-emo").h
    normal_font = scene.fonts.card.pixelSize()
    scene.set_presentation("s-buy", {LaneKind.BACKSTAGE, LaneKind.FRONTSTAGE}, 1.5)
    assert scene.row_item("l-back") is None and scene.row_item("l-front") is None
    assert scene.card_item("c-stock") is None
    assert scene.fonts.card.pixelSize() > normal_font
    assert scene.layout.row("l-emo").h > normal_height * 1.5
    assert set(scene._dims) == {"s-aware"}
    scene.set_presentation("s-aware", {LaneKind.BACKSTAGE, LaneKind.FRONTSTAGE}, 1.5)
    assert set(scene._dims) == {"s-buy"}
    scene.set_presentation(None, set(), 1.0)
    assert scene.row_item("l-back") is not None and not scene._dims


def _render(scene, path: Path) -> QImage:
    rect = scene.sceneRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))
    return image


def test_screenshot_of_the_small_map(scene):
    image = _render(scene, SHOTS / "small-map.png")
    # Something was drawn in the card area: not a blank page.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20


@pytest.mark.parametrize("name", ["bank-account-opening.zh.cxmap", "online-order-and-return.en.cxmap"])
def test_screenshot_of_example_maps(qapp, example_map, name):
    doc = example_map(name)
    scene = JourneyScene(Editor(doc), QUndoStack())
    assert len(scene.card_items()) == sum(1 for c in doc.cards)
    _render(scene, SHOTS / (name.split(".")[0] + ".png"))
    scene.detach()


def test_every_stage_gets_a_header_spanning_its_steps(scene, small_map):
    for stage in small_map.stages:
        header = scene._stage_headers[stage.id].boundingRect()
        steps = [scene._step_headers[s.id].boundingRect() for s in stage.steps]
        assert header.left() == steps[0].left() and header.right() == steps[-1].right()


def test_a_stage_added_then_undone_leaves_the_scene_as_built(scene, small_map):
    before = sorted(i.card_id for i in scene.card_items())
    from cxmapper.model.editor import AddStage

    push(scene, AddStage(Stage(name="忠诚", steps=[Step(name="复购")])))
    assert len(scene._stage_headers) == 3
    scene.undo_stack.undo()
    assert len(scene._stage_headers) == 2
    assert sorted(i.card_id for i in scene.card_items()) == before


def test_a_retitle_invalidates_only_the_cards_own_area(scene, qtbot, qapp):
    """Paint invalidation, as Qt reports it: the changed region is the card, nothing else."""
    regions = []
    scene.changed.connect(lambda rects: regions.extend(rects))
    # Qt collects changed regions only once something listens; the first edit after
    # that also reports items construction left pending. Measure the second one.
    push(scene, UpdateCard("c-open", {"title": "Opens the website on a laptop"}))
    qapp.processEvents()
    regions.clear()
    height = scene.card_item("c-open").rect().height()
    push(scene, UpdateCard("c-open", {"title": "Opens the website on a tablet"}))
    assert scene.card_item("c-open").rect().height() == height  # same lines: nothing moves
    qapp.processEvents()
    assert regions
    allowed = scene.card_item("c-open").sceneBoundingRect()
    for rect in regions:
        assert allowed.adjusted(-1, -1, 1, 1).contains(rect), (rect, allowed)


@pytest.mark.parametrize(
    "function, enum",
    [
        (names.lane_kind_name, LaneKind),
        (names.card_kind_name, CardKind),
        (names.kano_name, KanoCategory),
        (names.channel_name, Channel),
        (names.evidence_name, Evidence),
        (names.link_kind_name, LinkKind),
        (names.blueprint_line_name, BlueprintLine),
    ],
)
def test_every_enum_value_has_a_distinct_display_name(qapp, function, enum):
    shown = [function(member) for member in enum]
    assert all(shown) and len(set(shown)) == len(shown)


def snapshot(scene) -> dict:
    """What the scene shows, in scene coordinates: to compare incremental with rebuilt."""
    def r(rect):
        return near(rect.x(), rect.y(), rect.width(), rect.height())

    return {
        "cards": {i.card_id: (r(i.scene_rect()), i.card.title, i.card.kind) for i in scene.card_items()},
        "links": {i.link_id: (i.kind, r(i.path().boundingRect())) for i in scene.link_items()},
        "curves": sorted(
            (c.persona_id, c.curve, tuple((h.step_id, h.score, Near(h.scenePos().y())) for h in c.handles))
            for c in scene.curve_items()
        ),
        "rows": {lane_id: near(row.y(), row.height()) for lane_id, row in scene._rows.items()},
        "lines": sorted((i.line, Near(i.y())) for i in scene.blueprint_line_items()),
        "headers": sorted(h._name for h in scene._stage_headers.values()),
        "scene_rect": r(scene.sceneRect()),
    }


def test_incremental_updates_match_a_fresh_build_through_edits_undo_and_redo(edit):
    from cxmapper.model.document import Link, Persona, EmotionPoint
    from cxmapper.model.editor import (
        AddLink, AddPersona, Batch, RemoveCard, RemoveLink, RemovePersona, SetScale, UpdateLink, UpdatePersona,
    )

    editor, stack = edit
    scene = JourneyScene(editor, stack)
    ops = [
        UpdateCard("c-see", {"title": "很长的标题，" * 12}),
        UpdateCard("c-site", {"kind": CardKind.PAIN_POINT}),
        UpdateCard("c-slow", {"kano": KanoCategory.ATTRACTIVE, "wait_point": True, "wait_minutes": 90}),
        MoveCard("c-stock", "l-front", "t-ad", 0),
        MoveCard("c-open", "l-act", "t-ad", 0),
        AddCard(make_card("thought", lane="l-pain", step="t-ad", title="想法")),
        RemoveCard("c-pay"),
        AddLink(Link(id="k-new", kind=LinkKind.FLOW, source="c-fast", target="c-see")),
        UpdateLink("k-addr", {"kind": LinkKind.CAUSES}),
        RemoveLink("k-flow"),
        SetEmotion("p-tom", "t-web", 2),
        SetEmotion("p-li", "t-ad", None),
        AddPersona(Persona(id="p-new", name="新用户", as_is=[EmotionPoint(step="t-pay", score=1)])),
        UpdatePersona("p-li", {"color": "#000000"}),
        RemovePersona("p-tom"),
        UpdateLane("l-pain", {"name": "Pain 痛点"}),
        AddStep("s-aware", Step(name="新步骤"), 1),
        Batch([MoveCard("c-slow", "l-pain", "t-ad", 0), UpdateCard("c-fast", {"title": "x"})], label="two"),
        SetScale(-3, 3),
    ]
    def fresh() -> dict:
        built = JourneyScene(editor, QUndoStack())
        built.detach()
        return snapshot(built)

    for op in ops:
        push(scene, op)
        assert snapshot(scene) == fresh(), op
    assert scene.stats["rebuilds"] < 1 + len(ops)  # most edits were incremental
    for _ in ops:
        stack.undo()
        assert snapshot(scene) == fresh()
    for _ in ops:
        stack.redo()
    assert snapshot(scene) == fresh()
    scene.detach()


def _edits(doc):
    """Edits on ``doc``: cards retitled (Chinese and English), moved, removed; links added;
    emotion points set or cleared; lanes renamed or re-kinded."""
    from cxmapper.model.document import Link
    from cxmapper.model.editor import AddLink

    cells = [(lane.id, step.id) for lane in doc.lanes for step in doc.steps()]
    card_ids = [c.id for c in doc.cards]
    edits = [
        st.builds(lambda c, t: UpdateCard(c, {"title": t}), st.sampled_from(card_ids),
                  st.text("短标题很长的标题 words wrap", max_size=120)),
        st.builds(lambda c, cell: MoveCard(c, cell[0], cell[1], 0), st.sampled_from(card_ids), st.sampled_from(cells)),
        st.builds(RemoveCard, st.sampled_from(card_ids)),
        st.builds(lambda a, b, k: AddLink(Link(kind=k, source=a, target=b)),
                  st.sampled_from(card_ids), st.sampled_from(card_ids), st.sampled_from(list(LinkKind))),
        st.builds(lambda lane, kind: UpdateLane(lane, {"kind": kind}),
                  st.sampled_from([lane.id for lane in doc.lanes]), st.sampled_from(list(LaneKind))),
        # Metrics set or cleared: the card's line and its stage header follow.
        st.builds(lambda c, m: UpdateCard(c, {"metrics": m}), st.sampled_from(card_ids), st.one_of(
            st.none(),
            st.builds(Metrics, nps=st.one_of(st.none(), st.floats(-100, 100)), csat=st.one_of(st.none(), st.floats(0, 100)),
                      sample_size=st.one_of(st.none(), st.integers(1, 5000))),
        )),
    ]
    if doc.personas:
        edits.append(st.builds(
            lambda p, step, score, curve: SetEmotion(p, step, score, None, curve),
            st.sampled_from([p.id for p in doc.personas]), st.sampled_from([s.id for s in doc.steps()]),
            st.one_of(st.none(), st.integers(doc.scale.min, doc.scale.max)), st.sampled_from(["as_is", "to_be"]),
        ))
    return st.lists(st.one_of(edits), min_size=1, max_size=5)


@settings(max_examples=25)
@given(st.data())
def test_random_maps_and_edits_match_a_fresh_build(qapp, data):
    doc = data.draw(documents(max_cards=12))
    editor, stack = Editor(doc), QUndoStack()
    scene = JourneyScene(editor, stack)
    visible = {lane.id for lane in doc.lanes}
    assert sorted(i.card_id for i in scene.card_items()) == sorted(c.id for c in doc.cards if c.lane in visible)
    if doc.cards:
        for op in data.draw(_edits(doc)):
            push_edit(stack, editor, op, "edit")  # a refused edit (card gone) pushes nothing
        fresh = JourneyScene(editor, QUndoStack())
        fresh.detach()
        assert snapshot(scene) == snapshot(fresh)
        assert {k: h.metrics_text for k, h in scene._stage_headers.items()} == {
            k: h.metrics_text for k, h in fresh._stage_headers.items()
        }
        assert {i.card_id: i.metric_text() for i in scene.card_items()} == {
            i.card_id: i.metric_text() for i in fresh.card_items()
        }
    scene.detach()


def test_removing_selected_cards_announces_the_new_selection_once(scene, qtbot):
    from cxmapper.model.editor import Batch

    scene.select_cards(["c-see", "c-open", "c-site"])
    announced = []
    scene.card_selection_changed.connect(announced.append)
    push(scene, Batch([RemoveCard("c-see"), RemoveCard("c-open")]))
    assert announced == [["c-site"]]
    assert scene.selected_card_ids() == ["c-site"]
