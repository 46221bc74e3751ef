"""Grid geometry: columns, rows, card stacking, blueprint lines, emotion mapping, hits,
and incremental updates that touch only the cells an edit touched."""

from dataclasses import dataclass, field

import pytest

from cxmapper.model.document import (
    BlueprintLine,
    Lane,
    LaneKind,
    MapDocument,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.layout import LayoutStyle, MapLayout

STYLE = LayoutStyle()


def measure(card, width):
    # A stand-in for font metrics: 20 points per started 10 characters of title.
    return 20.0 * (1 + len(card.title) // 10)


@pytest.fixture
def doc():
    stages = [
        Stage(id="s1", name="认知", steps=[Step(id="a", name="看到广告"), Step(id="b", name="搜索")]),
        Stage(id="s2", name="办理", steps=[Step(id="c", name="排队")]),
    ]
    lanes = [
        Lane(id="ca", name="顾客行为", kind=LaneKind.CUSTOMER_ACTIONS),
        Lane(id="fs", name="前台", kind=LaneKind.FRONTSTAGE),
        Lane(id="bs", name="后台", kind=LaneKind.BACKSTAGE),
        Lane(id="sp", name="支持流程", kind=LaneKind.SUPPORT_PROCESSES),
        Lane(id="em", name="情绪", kind=LaneKind.EMOTIONS),
    ]
    cards = [
        make_card("action", id="c1", lane="ca", step="a", title="看广告"),
        make_card("action", id="c2", lane="ca", step="a", title="一个很长很长很长很长很长很长的标题"),
        make_card("process", id="c3", lane="fs", step="c", title="柜员叫号"),
        make_card("process", id="c4", lane="bs", step="c", title="风控审核"),
    ]
    return MapDocument(stages=stages, lanes=lanes, cards=cards)


def test_columns_and_headers(doc):
    layout = MapLayout(doc, measure)
    assert [s.id for s in layout.steps] == ["a", "b", "c"]
    assert layout.column("a").x == STYLE.lane_header_width
    assert layout.column("c").x == STYLE.lane_header_width + 2 * STYLE.column_width
    s1 = layout.stage_header("s1")
    assert (s1.x, s1.w) == (STYLE.lane_header_width, 2 * STYLE.column_width)
    assert layout.width == STYLE.lane_header_width + 3 * STYLE.column_width
    assert layout.step_header("b").y == STYLE.stage_header_height


def test_cards_stack_in_document_order_and_rows_fit_them(doc):
    layout = MapLayout(doc, measure)
    r1, r2 = layout.card_rect("c1"), layout.card_rect("c2")
    assert r1.y == layout.row("ca").y + STYLE.cell_padding
    assert r2.y == r1.bottom + STYLE.card_gap
    assert r2.h == 20.0 * (1 + len("一个很长很长很长很长很长很长的标题") // 10)
    assert layout.row("ca").h == r2.bottom - layout.row("ca").y + STYLE.cell_padding
    assert layout.row("fs").y == layout.row("ca").bottom
    assert layout.card_ids("ca", "a") == ["c1", "c2"]
    assert r1.w == STYLE.card_width


def test_min_heights_and_emotion_lane(doc):
    layout = MapLayout(doc, measure)
    assert layout.row("sp").h == STYLE.min_row_height
    assert layout.card_rect("c3").h == STYLE.card_min_height
    em = layout.row("em")
    assert em.h >= STYLE.emotion_lane_height
    top, bottom = layout.emotion_y("em", doc.scale.max), layout.emotion_y("em", doc.scale.min)
    assert em.y < top < bottom < em.bottom
    assert layout.emotion_y("em", 0) == pytest.approx((top + bottom) / 2)
    for score in range(doc.scale.min, doc.scale.max + 1):
        assert layout.emotion_score_at("em", layout.emotion_y("em", score)) == score
    assert layout.emotion_score_at("em", em.y - 500) == doc.scale.max


def test_blueprint_lines_sit_between_the_right_lanes(doc):
    layout = MapLayout(doc, measure)
    lines = dict(layout.blueprint_lines())
    assert lines[BlueprintLine.INTERACTION] == layout.row("fs").y
    assert lines[BlueprintLine.VISIBILITY] == layout.row("bs").y
    assert lines[BlueprintLine.INTERNAL_INTERACTION] == layout.row("sp").y


def test_no_line_when_lanes_are_not_adjacent(doc):
    doc.lanes[:] = [doc.lanes[0], doc.lanes[4], doc.lanes[1]]  # emotions between them
    layout = MapLayout(doc, measure)
    assert layout.blueprint_lines() == []


def test_filters_hide_lanes_and_steps(doc):
    layout = MapLayout(doc, measure, lane_ids={"ca", "fs"}, step_ids={"c"})
    assert [lane.id for lane in layout.lanes] == ["ca", "fs"]
    assert layout.stage_header("s1") is None
    assert layout.has_card("c3") and not layout.has_card("c1") and not layout.has_card("c4")
    assert layout.width == STYLE.lane_header_width + STYLE.column_width


def test_hit_and_drop_index(doc):
    layout = MapLayout(doc, measure)
    cell = layout.cell("ca", "a")
    assert layout.hit(cell.x + 5, cell.y + 5) == ("ca", "a")
    assert layout.hit(5, cell.y + 5) is None  # the lane-header column
    assert layout.hit(cell.x, layout.height + 1) is None
    r1, r2 = layout.card_rect("c1"), layout.card_rect("c2")
    assert layout.drop_index("ca", "a", r1.y) == 0
    assert layout.drop_index("ca", "a", r2.bottom) == 2
    assert layout.drop_index("ca", "a", r2.bottom, ignore={"c1"}) == 1


@dataclass
class FakeChange:
    """The two things MapLayout.update reads from an editor ChangeRecord."""

    cards: set = field(default_factory=set)
    structure: bool = False

    def ids(self, kind):
        return frozenset(self.cards) if kind == "card" else frozenset()


def test_update_retitle_touches_one_cell_and_shifts_rows_below(doc):
    layout = MapLayout(doc, measure)
    fs_offset = layout.card_offset("c3")
    bs_y = layout.row("bs").y
    i = next(i for i, c in enumerate(doc.cards) if c.id == "c3")
    doc.cards[i] = doc.cards[i].model_copy(update={"title": "柜员叫号" * 10})
    delta = layout.update(FakeChange({"c3"}))
    assert not delta.full
    assert delta.cards_resized == {"c3"}
    assert delta.rows_resized == {"fs"}
    assert delta.rows_moved == {"bs", "sp", "em"}
    assert layout.card_offset("c3") == fs_offset  # its place in the row is unchanged
    assert layout.row("bs").y > bs_y
    assert layout.card_offset("c4")[1] == STYLE.cell_padding  # offsets are row-relative


def test_update_move_and_remove(doc):
    layout = MapLayout(doc, measure)
    i = next(i for i, c in enumerate(doc.cards) if c.id == "c1")
    doc.cards[i] = doc.cards[i].model_copy(update={"step": "b"})
    delta = layout.update(FakeChange({"c1"}))
    assert "c1" in delta.cards_moved and "c2" in delta.cards_moved
    assert layout.card_ids("ca", "a") == ["c2"] and layout.card_ids("ca", "b") == ["c1"]
    del doc.cards[i]
    delta = layout.update(FakeChange({"c1"}))
    assert delta.cards_removed == {"c1"} and not layout.has_card("c1")


def test_update_matches_a_fresh_layout(doc):
    layout = MapLayout(doc, measure)
    doc.cards.append(make_card("pain_point", id="c9", lane="ca", step="a", title="等太久了" * 8))
    layout.update(FakeChange({"c9"}))
    fresh = MapLayout(doc, measure)
    for card in doc.cards:
        assert layout.card_rect(card.id) == fresh.card_rect(card.id)
    for lane in doc.lanes:
        assert layout.row(lane.id) == fresh.row(lane.id)
    assert (layout.width, layout.height) == (fresh.width, fresh.height)


def test_structural_change_regrids(doc):
    layout = MapLayout(doc, measure)
    doc.lanes.insert(0, Lane(id="tp", name="触点", kind=LaneKind.TOUCHPOINTS))
    delta = layout.update(FakeChange(structure=True))
    assert delta.grid and delta.lanes_added == {"tp"} and delta.rows_moved == {lane.id for lane in doc.lanes[1:]}
    assert layout.lanes[0].id == "tp"


# --- with the real editor: every change record keeps the layout equal to a fresh one ---

from cxmapper.model.editor import (  # noqa: E402
    AddCard,
    AddLane,
    Editor,
    MoveCard,
    RemoveCard,
    UpdateCard,
)


def _assert_same_as_fresh(layout, doc):
    fresh = MapLayout(doc, measure)
    for card in doc.cards:
        assert layout.card_rect(card.id) == fresh.card_rect(card.id), card.title
    for lane in doc.lanes:
        assert layout.row(lane.id) == fresh.row(lane.id)
        for step in doc.steps():
            assert layout.card_ids(lane.id, step.id) == fresh.card_ids(lane.id, step.id)
    assert (layout.width, layout.height) == (fresh.width, fresh.height)


def test_layout_follows_editor_changes(doc):
    editor = Editor(doc)
    layout = MapLayout(doc, measure, index=editor)
    deltas = []
    editor.subscribe(lambda change: deltas.append(layout.update(change)))
    editor.apply(UpdateCard("c3", {"title": "柜员叫号，顾客等了很久很久很久很久" * 3}))
    _assert_same_as_fresh(layout, doc)
    assert deltas[-1].cards_resized == {"c3"} and not deltas[-1].full
    editor.apply(MoveCard("c2", "fs", "c", 0))
    _assert_same_as_fresh(layout, doc)
    inverse = editor.apply(AddCard(make_card("note", id="n1", lane="ca", step="a", title="备注")))
    _assert_same_as_fresh(layout, doc)
    editor.apply(inverse)
    _assert_same_as_fresh(layout, doc)
    inverse = editor.apply(RemoveCard("c4"))
    _assert_same_as_fresh(layout, doc)
    editor.apply(inverse)
    _assert_same_as_fresh(layout, doc)
    editor.apply(AddLane(Lane(id="tp", name="触点", kind=LaneKind.TOUCHPOINTS), 0))
    assert deltas[-1].grid and deltas[-1].lanes_added == {"tp"}
    _assert_same_as_fresh(layout, doc)
