"""The editor: every operation changes what it says, names exactly that in its change
record, and its inverse brings back the identical document (order included). Refused
edits change nothing and notify nobody."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from cxmapper.model.document import (
    CardKind,
    EmotionPoint,
    KanoCategory,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    MapMeta,
    Persona,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.editor import (
    _OrderedIds,
    AddCard,
    AddLane,
    AddLink,
    AddPersona,
    AddStage,
    AddStep,
    Batch,
    ChangeRecord,
    EditError,
    Editor,
    MoveCard,
    MoveLane,
    MovePersona,
    MoveStage,
    MoveStep,
    RemoveCard,
    RemoveLane,
    RemoveLink,
    RemovePersona,
    RemoveStage,
    RemoveStep,
    SetEmotion,
    SetScale,
    UpdateAnalysis,
    UpdateCard,
    UpdateLane,
    UpdateLink,
    UpdateMeta,
    UpdatePersona,
    UpdateStage,
    UpdateStep,
)


def bank_blueprint() -> MapDocument:
    """A small but realistic service blueprint: opening a bank account, in Chinese."""
    stages = [
        Stage(id="s-aware", name="认知", steps=[Step(id="t-ad", name="看到广告"), Step(id="t-search", name="网上搜索")]),
        Stage(
            id="s-open",
            name="办理",
            color="#336699",
            steps=[Step(id="t-queue", name="取号排队"), Step(id="t-form", name="填写表格"), Step(id="t-check", name="身份审核")],
        ),
        Stage(id="s-use", name="使用", steps=[Step(id="t-app", name="下载手机银行"), Step(id="t-first", name="首次转账")]),
    ]
    lanes = [
        Lane(id="l-ev", name="有形展示", kind=LaneKind.PHYSICAL_EVIDENCE),
        Lane(id="l-ca", name="顾客行为", kind=LaneKind.CUSTOMER_ACTIONS),
        Lane(id="l-fs", name="前台", kind=LaneKind.FRONTSTAGE),
        Lane(id="l-bs", name="后台", kind=LaneKind.BACKSTAGE),
        Lane(id="l-sp", name="支持流程", kind=LaneKind.SUPPORT_PROCESSES),
        Lane(id="l-pp", name="痛点", kind=LaneKind.PAIN_POINTS),
    ]
    c = make_card
    cards = [
        c("evidence", id="c-poster", lane="l-ev", step="t-ad", title="地铁海报"),
        c("action", id="c-see", lane="l-ca", step="t-ad", title="看到开户送礼"),
        c("action", id="c-search", lane="l-ca", step="t-search", title="搜索附近网点"),
        c("action", id="c-take", lane="l-ca", step="t-queue", title="取号", tags=["线下"]),
        c("action", id="c-wait", lane="l-ca", step="t-queue", title="等候叫号", wait_point=True, wait_minutes=40),
        c("process", id="c-call", lane="l-fs", step="t-queue", title="柜员叫号", owner="柜员"),
        c("action", id="c-fill", lane="l-ca", step="t-form", title="填写开户申请表"),
        c("process", id="c-help", lane="l-fs", step="t-form", title="大堂经理协助填表", owner="大堂经理"),
        c("pain_point", id="c-pp-form", lane="l-pp", step="t-form", title="表格太复杂", kano=KanoCategory.MUST_BE, severity=4, frequency=5),
        c("process", id="c-kyc", lane="l-bs", step="t-check", title="联网核查身份证", owner="风控部", fail_point=True),
        c("process", id="c-sys", lane="l-sp", step="t-check", title="核心系统开户", owner="IT 运维"),
        c("action", id="c-sign", lane="l-ca", step="t-check", title="签字确认"),
        c("touchpoint", id="c-app", lane="l-fs", step="t-app", title="手机银行 App", channel="app"),
        c("pain_point", id="c-pp-sms", lane="l-pp", step="t-app", title="收不到验证码", kano=KanoCategory.ONE_DIMENSIONAL, severity=3),
        c("action", id="c-transfer", lane="l-ca", step="t-first", title="第一次转账"),
        c("note", id="c-note", lane="l-ca", step="t-queue", title="周末人多"),
    ]
    links = [
        Link(id="k-1", kind=LinkKind.FLOW, source="c-see", target="c-search"),
        Link(id="k-2", kind=LinkKind.FLOW, source="c-take", target="c-wait"),
        Link(id="k-3", kind=LinkKind.SUPPORTS, source="c-kyc", target="c-call", label="身份核查"),
        Link(id="k-4", kind=LinkKind.CAUSES, source="c-fill", target="c-pp-form"),
        Link(id="k-5", kind=LinkKind.SUPPORTS, source="c-sys", target="c-app"),
        Link(id="k-6", kind=LinkKind.FLOW, source="c-wait", target="c-fill"),
        Link(id="k-7", kind=LinkKind.CAUSES, source="c-app", target="c-pp-sms"),
    ]

    def curve(*scores, reasons=()):
        steps = ["t-ad", "t-search", "t-queue", "t-form", "t-check", "t-app", "t-first"]
        reasons = list(reasons) + [""] * len(steps)
        return [
            EmotionPoint(step=s, score=v, reason=r) for s, v, r in zip(steps, scores, reasons) if v is not None
        ]

    personas = [
        Persona(
            id="p-young",
            name="年轻白领",
            color="#1f77b4",
            as_is=curve(1, 0, -2, -1, None, 1, 2, reasons=["礼品吸引人", "", "排队太久"]),
            to_be=curve(1, 1, 0, 1, 1, 2, 2),
        ),
        Persona(id="p-old", name="退休老人", as_is=curve(0, None, -1, -2, -1, -2, 0, reasons=["", "", "", "看不懂表格"])),
    ]
    return MapDocument(
        meta=MapMeta(title="银行开户服务蓝图", authors=["工作坊"], locale="zh_CN"),
        personas=personas,
        stages=stages,
        lanes=lanes,
        cards=cards,
        links=links,
    )


class Recorder:
    def __init__(self, editor: Editor):
        self.records: list[ChangeRecord] = []
        self.stop = editor.subscribe(self.records.append)

    @property
    def last(self) -> ChangeRecord:
        assert len(self.records) == 1, f"expected one notification, got {len(self.records)}"
        return self.records[0]


def assert_indexes_fresh(editor: Editor) -> None:
    # Building an editor only reads the document, so a second one on it is a fresh index.
    assert editor.index_snapshot() == Editor(editor.doc).index_snapshot()


@pytest.fixture
def editor():
    return Editor(bank_blueprint())


def do(editor: Editor, op):
    """Apply op, check undo and redo exactly, leave the document edited; return the record."""
    before = editor.doc.model_dump()
    recorder = Recorder(editor)
    inverse = editor.apply(op)
    record = recorder.last
    after = editor.doc.model_dump()
    assert_indexes_fresh(editor)
    redo = editor.apply(inverse)
    assert editor.doc.model_dump() == before
    assert_indexes_fresh(editor)
    editor.apply(redo)
    assert editor.doc.model_dump() == after
    assert_indexes_fresh(editor)
    return record


def ids(items):
    return [item.id for item in items]


def cell(editor, lane, step):
    return ids(editor.cards_in(lane, step))


def points(doc, persona_id, curve="as_is"):
    persona = next(p for p in doc.personas if p.id == persona_id)
    return [(p.step, p.score) for p in (persona.curve(curve) or [])]


# --- cards -------------------------------------------------------------------------------


def test_lookups_match_the_document(editor):
    doc = editor.doc
    assert editor.card("c-wait").title == "等候叫号"
    assert cell(editor, "l-ca", "t-queue") == ["c-take", "c-wait", "c-note"]
    assert {link.id for link in editor.links_of("c-wait")} == {"k-2", "k-6"}
    stage, step = editor.step("t-form")
    assert (stage.name, step.name) == ("办理", "填写表格")
    assert editor.column("t-form") == 3
    assert editor.lane("l-bs").kind is LaneKind.BACKSTAGE
    assert editor.persona("p-old").name == "退休老人"
    assert editor.link("k-3").label == "身份核查"
    assert editor.cards_in("l-ev", "t-first") == [] and editor.links_of("c-poster") == []
    with pytest.raises(KeyError):
        editor.card("c-missing")
    assert len(doc.cards) == 16


def test_add_card_at_a_cell_position_lands_before_that_card_in_the_flat_list(editor):
    card = make_card("thought", id="c-new", lane="l-ca", step="t-queue", title="还要等多久？")
    record = do(editor, AddCard(card, index=1))
    assert cell(editor, "l-ca", "t-queue") == ["c-take", "c-new", "c-wait", "c-note"]
    flat = ids(editor.doc.cards)
    assert flat.index("c-new") == flat.index("c-wait") - 1
    assert record == ChangeRecord(added={"card": {"c-new"}})
    assert not record.structure


def test_add_card_last_in_cell_and_into_an_empty_cell(editor):
    do(editor, AddCard(make_card("note", id="c-n1", lane="l-ca", step="t-queue", title="备注")))
    flat = ids(editor.doc.cards)
    assert cell(editor, "l-ca", "t-queue")[-1] == "c-n1"
    assert flat.index("c-n1") == flat.index("c-note") + 1
    do(editor, AddCard(make_card("note", id="c-n2", lane="l-sp", step="t-ad", title="空格子")))
    assert ids(editor.doc.cards)[-1] == "c-n2"


def test_add_card_from_a_dict_is_validated(editor):
    op = AddCard({"kind": "pain_point", "id": "c-d", "lane": "l-pp", "step": "t-ad", "title": "广告看不懂", "severity": 2})
    do(editor, op)
    assert editor.card("c-d").kind is CardKind.PAIN_POINT
    with pytest.raises(EditError, match="severity"):
        AddCard({"kind": "pain_point", "lane": "l-pp", "step": "t-ad", "severity": 9})


def test_remove_card_takes_its_links_and_undo_puts_them_back_in_place(editor):
    record = do(editor, RemoveCard("c-wait"))
    assert not editor.has("card", "c-wait")
    assert ids(editor.doc.links) == ["k-1", "k-3", "k-4", "k-5", "k-7"]
    assert editor.links_of("c-fill") == [editor.link("k-4")]
    assert record == ChangeRecord(removed={"card": {"c-wait"}, "link": {"k-2", "k-6"}})


def test_retitle_names_only_that_card(editor):
    record = do(editor, UpdateCard("c-fill", {"title": "填写开户申请表（三页）"}))
    assert editor.card("c-fill").title == "填写开户申请表（三页）"
    assert record == ChangeRecord(updated={"card": {"c-fill"}})
    assert record.ids("card") == {"c-fill"} and not record.structure


def test_update_card_converts_kind_keeping_common_fields(editor):
    do(editor, UpdateCard("c-note", {"kind": "pain_point", "severity": 3, "kano": "must_be"}))
    card = editor.card("c-note")
    assert card.kind is CardKind.PAIN_POINT and card.title == "周末人多" and card.severity == 3
    # back to a note: the Kano fields go, the title, tags and markers stay
    do(editor, UpdateCard("c-pp-form", {"kind": "note"}))
    note = editor.card("c-pp-form")
    assert note.kind is CardKind.NOTE and note.title == "表格太复杂" and not hasattr(note, "kano")


def test_update_card_refuses_bad_values_naming_the_field(editor):
    with pytest.raises(EditError, match=r"c-pp-form.*'severity'.*less than or equal to 5"):
        editor.apply(UpdateCard("c-pp-form", {"severity": 7}))
    with pytest.raises(EditError, match=r"'lane'.*MoveCard"):
        editor.apply(UpdateCard("c-fill", {"lane": "l-fs"}))
    with pytest.raises(EditError, match=r"'kano'"):
        editor.apply(UpdateCard("c-fill", {"kano": "must_be"}))  # actions have no Kano category
    with pytest.raises(EditError, match=r"unknown card kind 'sticker'"):
        editor.apply(UpdateCard("c-fill", {"kind": "sticker"}))


def test_move_card_to_another_cell(editor):
    record = do(editor, MoveCard("c-note", "l-ca", "t-form", index=0))
    assert cell(editor, "l-ca", "t-form") == ["c-note", "c-fill"]
    assert cell(editor, "l-ca", "t-queue") == ["c-take", "c-wait"]
    assert editor.card("c-note").step == "t-form"
    assert record == ChangeRecord(moved={"card": {"c-note"}})


def test_move_card_within_its_cell_and_undo_restores_the_flat_order(editor):
    flat = ids(editor.doc.cards)
    do(editor, MoveCard("c-take", "l-ca", "t-queue"))  # to the end of its cell
    assert cell(editor, "l-ca", "t-queue") == ["c-wait", "c-note", "c-take"]
    # a move across cells and back would not restore the flat list without flat_index
    editor2 = Editor(bank_blueprint())
    inverse = editor2.apply(MoveCard("c-poster", "l-ca", "t-first"))
    editor2.apply(inverse)
    assert ids(editor2.doc.cards) == flat


# --- links ---------------------------------------------------------------------------------


def test_add_update_remove_link(editor):
    link = Link(id="k-new", kind=LinkKind.ADDRESSES, source="c-help", target="c-pp-form", label="协助填表")
    assert do(editor, AddLink(link)) == ChangeRecord(added={"link": {"k-new"}})
    assert "k-new" in ids(editor.links_of("c-help"))
    record = do(editor, UpdateLink("k-new", {"source": "c-fill"}))
    assert record == ChangeRecord(updated={"link": {"k-new"}})
    assert editor.links_of("c-help") == [] and "k-new" in ids(editor.links_of("c-fill"))
    assert do(editor, RemoveLink("k-3")) == ChangeRecord(removed={"link": {"k-3"}})


def test_bad_links_are_refused(editor):
    with pytest.raises(EditError, match="target card 'c-gone' does not exist"):
        editor.apply(AddLink(Link(kind=LinkKind.FLOW, source="c-see", target="c-gone")))
    with pytest.raises(EditError, match="to itself"):
        editor.apply(AddLink(Link(kind=LinkKind.FLOW, source="c-see", target="c-see")))
    with pytest.raises(EditError, match="already used by a link"):
        editor.apply(AddLink(Link(id="k-1", kind=LinkKind.FLOW, source="c-see", target="c-take")))
    with pytest.raises(EditError, match="to itself"):
        editor.apply(UpdateLink("k-1", {"target": "c-see"}))


# --- stages and steps ----------------------------------------------------------------------


def test_remove_stage_takes_cards_links_and_points_and_undo_restores_them(editor):
    record = do(editor, RemoveStage("s-open"))
    doc = editor.doc
    assert ids(doc.stages) == ["s-aware", "s-use"]
    assert not any(card.step in {"t-queue", "t-form", "t-check"} for card in doc.cards)
    assert ids(doc.links) == ["k-1", "k-7"]
    assert points(doc, "p-young") == [("t-ad", 1), ("t-search", 0), ("t-app", 1), ("t-first", 2)]
    assert points(doc, "p-young", "to_be") == [("t-ad", 1), ("t-search", 1), ("t-app", 2), ("t-first", 2)]
    assert record.removed["stage"] == {"s-open"}
    assert record.removed["step"] == {"t-queue", "t-form", "t-check"}
    assert "c-wait" in record.removed["card"] and "k-5" in record.removed["link"]
    assert ("p-old", "as_is", "t-form") in record.emotions
    assert record.structure and not record.updated["persona"]


def test_add_update_move_stage(editor):
    stage = Stage(id="s-loyal", name="忠诚", steps=[Step(id="t-refer", name="推荐朋友")])
    record = do(editor, AddStage(stage, index=1))
    assert ids(editor.doc.stages) == ["s-aware", "s-loyal", "s-open", "s-use"]
    assert record == ChangeRecord(added={"stage": {"s-loyal"}, "step": {"t-refer"}})
    assert editor.column("t-refer") == 2
    assert do(editor, UpdateStage("s-loyal", {"name": "忠诚度"})) == ChangeRecord(updated={"stage": {"s-loyal"}})
    with pytest.raises(EditError, match="'steps'"):
        editor.apply(UpdateStage("s-loyal", {"steps": []}))


def test_move_stage_keeps_curves_in_step_order(editor):
    record = do(editor, MoveStage("s-use", 0))
    doc = editor.doc
    assert ids(doc.stages) == ["s-use", "s-aware", "s-open"]
    order = [step.id for step in doc.steps()]
    for persona in doc.personas:
        for curve in ("as_is", "to_be"):
            steps = [p.step for p in persona.curve(curve) or []]
            assert steps == [s for s in order if s in steps]
    assert record.moved["stage"] == {"s-use"} and record.structure
    assert ("p-young", "as_is", "t-app") in record.emotions


def test_add_remove_step_and_refuse_removing_the_last(editor):
    record = do(editor, AddStep("s-use", Step(id="t-card", name="领取银行卡"), index=1))
    assert [s.id for s in editor.stage("s-use").steps] == ["t-app", "t-card", "t-first"]
    assert record == ChangeRecord(added={"step": {"t-card"}})
    record = do(editor, RemoveStep("t-queue"))
    assert not editor.cards_in("l-ca", "t-queue")
    assert "t-queue" not in {p.step for p in editor.persona("p-young").as_is}
    assert record.removed["card"] == {"c-take", "c-wait", "c-note", "c-call"}
    assert record.removed["link"] == {"k-2", "k-3", "k-6"}
    do(editor, RemoveStage("s-aware"))
    editor.apply(AddStage(Stage(id="s-one", name="单步", steps=[Step(id="t-only", name="唯一")])))
    with pytest.raises(EditError, match="only step of stage '单步'"):
        editor.apply(RemoveStep("t-only"))


def test_update_and_move_step(editor):
    assert do(editor, UpdateStep("t-form", {"name": "填表"})) == ChangeRecord(updated={"step": {"t-form"}})
    assert editor.step("t-form")[1].name == "填表"
    record = do(editor, MoveStep("t-check", "s-use", 0))
    assert [s.id for s in editor.stage("s-open").steps] == ["t-queue", "t-form"]
    assert [s.id for s in editor.stage("s-use").steps] == ["t-check", "t-app", "t-first"]
    assert editor.step("t-check")[0].id == "s-use"
    assert record.moved["step"] == {"t-check"} and record.structure
    do(editor, MoveStep("t-ad", "s-use", 3))  # to the end: the young persona's first point moves last
    assert points(editor.doc, "p-young")[-1] == ("t-ad", 1)
    with pytest.raises(EditError, match="only step"):
        editor.apply(MoveStep("t-search", "s-open", 0))


# --- lanes -----------------------------------------------------------------------------------


def test_lanes(editor):
    record = do(editor, AddLane(Lane(id="l-th", name="想法", kind=LaneKind.THOUGHTS), index=2))
    assert record == ChangeRecord(added={"lane": {"l-th"}}) and record.structure
    assert do(editor, UpdateLane("l-th", {"name": "顾客想法"})) == ChangeRecord(updated={"lane": {"l-th"}})
    assert do(editor, MoveLane("l-th", 0)) == ChangeRecord(moved={"lane": {"l-th"}})
    assert ids(editor.doc.lanes)[0] == "l-th"
    record = do(editor, RemoveLane("l-fs"))
    assert record.removed["card"] == {"c-call", "c-help", "c-app"}
    assert record.removed["link"] == {"k-3", "k-5", "k-7"}
    with pytest.raises(EditError, match="'kind'"):
        editor.apply(UpdateLane("l-ca", {"kind": "sideways"}))


# --- personas and emotions --------------------------------------------------------------------


def test_personas(editor):
    persona = Persona(id="p-boss", name="小微企业主", as_is=[EmotionPoint(step="t-form", score=-1, reason="材料太多")])
    assert do(editor, AddPersona(persona, index=0)) == ChangeRecord(added={"persona": {"p-boss"}})
    assert do(editor, UpdatePersona("p-boss", {"name": "个体户"})) == ChangeRecord(updated={"persona": {"p-boss"}})
    assert do(editor, MovePersona("p-boss", 2)) == ChangeRecord(moved={"persona": {"p-boss"}})
    assert do(editor, RemovePersona("p-young")) == ChangeRecord(removed={"persona": {"p-young"}})
    with pytest.raises(EditError, match=r"as_is\[0\]: score 5 is outside the map's scale -2…2"):
        editor.apply(AddPersona(Persona(name="乐观者", as_is=[EmotionPoint(step="t-ad", score=5)])))
    with pytest.raises(EditError, match="step 't-nowhere' does not exist"):
        editor.apply(AddPersona(Persona(name="迷路", as_is=[EmotionPoint(step="t-nowhere", score=0)])))


def test_set_emotion_new_point_goes_in_step_order(editor):
    record = do(editor, SetEmotion("p-young", "t-check", -1, "审核慢"))
    assert points(editor.doc, "p-young")[3:6] == [("t-form", -1), ("t-check", -1), ("t-app", 1)]
    assert editor.persona("p-young").as_is[4].reason == "审核慢"
    assert record == ChangeRecord(emotions={("p-young", "as_is", "t-check")})


def test_set_emotion_change_keeps_reason_and_place(editor):
    do(editor, SetEmotion("p-young", "t-queue", -1))
    point = editor.persona("p-young").as_is[2]
    assert (point.step, point.score, point.reason) == ("t-queue", -1, "排队太久")


def test_clear_emotion_point(editor):
    record = do(editor, SetEmotion("p-old", "t-form", None))
    assert "t-form" not in {s for s, _ in points(editor.doc, "p-old")}
    assert record.emotions == {("p-old", "as_is", "t-form")}
    # clearing a point that is not there changes nothing and notifies nobody
    recorder = Recorder(editor)
    editor.apply(SetEmotion("p-old", "t-search", None))
    assert recorder.records == []


def test_first_to_be_point_creates_the_curve_and_undo_removes_it(editor):
    assert editor.persona("p-old").to_be is None
    inverse = editor.apply(SetEmotion("p-old", "t-form", 1, "有人协助", curve="to_be"))
    assert points(editor.doc, "p-old", "to_be") == [("t-form", 1)]
    editor.apply(inverse)
    assert editor.persona("p-old").to_be is None
    assert editor.doc.model_dump() == bank_blueprint().model_dump()


def test_set_emotion_refusals(editor):
    with pytest.raises(EditError, match="score 3 is outside the map's scale -2…2"):
        editor.apply(SetEmotion("p-old", "t-form", 3))
    with pytest.raises(EditError, match="unknown curve 'wish'"):
        editor.apply(SetEmotion("p-old", "t-form", 1, curve="wish"))
    with pytest.raises(EditError, match="whole number"):
        editor.apply(SetEmotion("p-old", "t-form", 1.5))
    with pytest.raises(EditError, match="step 't-x' does not exist"):
        editor.apply(SetEmotion("p-old", "t-x", 1))


# --- map ---------------------------------------------------------------------------------------


def test_meta_and_scale(editor):
    assert do(editor, UpdateMeta({"title": "开户蓝图 v2"})) == ChangeRecord(updated={"map": {"meta"}})
    with pytest.raises(EditError, match="map meta: field 'locale'"):
        editor.apply(UpdateMeta({"locale": "中文"}))
    with pytest.raises(EditError, match="persona '年轻白领' has the score -2"):
        editor.apply(SetScale(-1, 2))
    assert do(editor, SetScale(-3, 3)) == ChangeRecord(updated={"map": {"scale"}})
    record = do(editor, UpdateAnalysis({"kano_table": "pouliot"}))
    assert record == ChangeRecord(updated={"map": {"analysis"}})
    assert editor.doc.analysis.kano_table == "pouliot"
    with pytest.raises(EditError, match="map analysis: field 'csat'"):
        editor.apply(UpdateAnalysis({"csat": "最高分"}))
    with pytest.raises(EditError, match="must be below"):
        editor.apply(SetScale(2, 2))


# --- batches and records ------------------------------------------------------------------------


def test_batch_is_one_notification_with_merged_records(editor):
    op = Batch(
        [
            AddCard(make_card("pain_point", id="c-b", lane="l-pp", step="t-queue", title="排队一小时")),
            AddLink(Link(id="k-b", kind=LinkKind.CAUSES, source="c-wait", target="c-b")),
            UpdateCard("c-wait", {"title": "等候叫号（一小时）"}),
        ],
        label="记录痛点",
    )
    record = do(editor, op)
    assert record == ChangeRecord(
        added={"card": {"c-b"}, "link": {"k-b"}}, updated={"card": {"c-wait"}}
    )


def test_a_refused_child_rolls_the_batch_back(editor):
    before = editor.doc.model_dump()
    recorder = Recorder(editor)
    op = Batch([RemoveStage("s-open"), UpdateCard("c-wait", {"title": "已删除"})], label="坏批次")
    with pytest.raises(EditError, match=r"'坏批次', edit 2 of 2: card 'c-wait' does not exist"):
        op.check(editor)
    with pytest.raises(EditError, match="edit 2 of 2"):
        editor.apply(op)
    assert editor.doc.model_dump() == before and recorder.records == []
    assert_indexes_fresh(editor)


def test_merged_records_cancel_and_combine():
    add = ChangeRecord(added={"card": {"a"}})
    remove = ChangeRecord(removed={"card": {"a"}})
    assert add.merged(remove).empty
    again = remove.merged(add)
    assert again.updated["card"] == {"a"} and again.moved["card"] == {"a"} and not again.added["card"]
    both = ChangeRecord(updated={"card": {"b"}}).merged(ChangeRecord(moved={"lane": {"l"}}))
    assert both.structure and both.ids("card") == {"b"}
    with pytest.raises(ValueError, match="unknown entity kind"):
        ChangeRecord(added={"cards": {"a"}})


def test_unsubscribe(editor):
    seen = []
    unsubscribe = editor.subscribe(seen.append)
    editor.apply(UpdateCard("c-see", {"title": "看到广告牌"}))
    unsubscribe()
    editor.apply(UpdateCard("c-see", {"title": "看到海报"}))
    assert len(seen) == 1


# --- refusals change nothing ---------------------------------------------------------------------

REFUSED = [
    (AddCard(make_card("note", lane="l-nowhere", step="t-ad")), "lane 'l-nowhere' does not exist"),
    (AddCard(make_card("note", lane="l-ca", step="t-nowhere")), "step 't-nowhere' does not exist"),
    (AddCard(make_card("note", id="c-see", lane="l-ca", step="t-ad")), "already used by a card"),
    (AddCard(make_card("note", id="s-open", lane="l-ca", step="t-ad")), "already used by a stage"),
    (AddCard(make_card("note", lane="l-ca", step="t-ad"), index=5), "index 5 is outside 0…1"),
    (RemoveCard("c-nowhere"), "card 'c-nowhere' does not exist"),
    (MoveCard("c-see", "l-ca", "t-queue", index=4), "index 4 is outside 0…3"),
    (MoveCard("c-see", "l-gone", "t-queue"), "lane 'l-gone' does not exist"),
    (UpdateCard("c-see", {"wait_minutes": 5}), "wait_minutes is set but wait_point is false"),
    (UpdateCard("c-see", {"colour": "#ff0000"}), "'colour': Extra inputs are not permitted"),
    (UpdateCard("c-see", {"color": "red"}), "'color': String should match pattern"),
    (AddStage(Stage(id="s-x", steps=[Step(id="t-ad")])), "already used by a step"),
    (AddStage(Stage(id="s-x", steps=[Step(id="t-y")]), index=9), "index 9 is outside 0…3"),
    (AddStep("s-gone", Step()), "stage 's-gone' does not exist"),
    (MoveStage("s-open", 3), "index 3 is outside 0…2"),
    (MoveStep("t-form", "s-gone", 0), "stage 's-gone' does not exist"),
    (RemoveLane("l-gone"), "lane 'l-gone' does not exist"),
    (MoveLane("l-ca", -1), "index -1 is outside"),
    (MovePersona("p-gone", 0), "persona 'p-gone' does not exist"),
    (UpdatePersona("p-old", {"as_is": [EmotionPoint(step="t-ad", score=1), EmotionPoint(step="t-ad", score=2)]}), "a second point"),
    (UpdateStep("t-ad", {"id": "t-other"}), "'id' cannot be changed"),
    (RemoveLink("k-gone"), "link 'k-gone' does not exist"),
    (UpdateLink("k-1", {"kind": "blames"}), "'kind'"),
    (SetEmotion("p-gone", "t-ad", 1), "persona 'p-gone' does not exist"),
    (Batch([AddLane(Lane(id="l-x", kind=LaneKind.NOTES)), AddLane(Lane(id="l-x", kind=LaneKind.NOTES))]), "edit 2 of 2"),
]


@pytest.mark.parametrize("op, message", REFUSED, ids=[type(op).__name__ + str(i) for i, (op, _) in enumerate(REFUSED)])
def test_refused_edits_change_nothing(editor, op, message):
    before = editor.doc.model_dump()
    indexes = editor.index_snapshot()
    recorder = Recorder(editor)
    with pytest.raises(EditError) as refused:
        op.check(editor)
    assert message in str(refused.value)
    with pytest.raises(EditError):
        editor.apply(op)
    assert editor.doc.model_dump() == before
    assert editor.index_snapshot() == indexes
    assert recorder.records == []


# --- flat-list positions ------------------------------------------------------------------------


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10_000), st.integers(0, 10_000)), max_size=300))
def test_ordered_ids_always_find_the_true_position(edits):
    """The remembered-position search agrees with list.index after any inserts and pops."""
    ordered = _OrderedIds(f"卡{i}" for i in range(40))
    fresh = 0
    for insert, where, probe in edits:
        if insert or not ordered.ids:
            fresh += 1
            ordered.insert(where % (len(ordered) + 1), f"新{fresh}")
        else:
            ordered.pop(where % len(ordered))
        if ordered.ids:
            item = ordered.ids[probe % len(ordered)]
            assert ordered.index(item) == ordered.ids.index(item)
    for i, item in enumerate(ordered.ids):
        assert ordered.index(item) == i


class NoScan(list):
    """A list that fails the test when something walks through all of it."""

    def __iter__(self):
        raise AssertionError("an edit of one card walked through every card")


def test_one_card_edits_never_walk_the_card_list(editor):
    editor.doc.cards = NoScan(editor.doc.cards)
    editor._card_ids.ids = NoScan(editor._card_ids.ids)
    editor.doc.links = NoScan(editor.doc.links)
    editor._link_ids.ids = NoScan(editor._link_ids.ids)
    undo = [
        editor.apply(UpdateCard("c-fill", {"title": "填表（加急）"})),
        editor.apply(MoveCard("c-note", "l-ca", "t-form", 0)),
        editor.apply(MoveCard("c-take", "l-ca", "t-queue")),
        editor.apply(AddCard(make_card("thought", id="c-t", lane="l-ca", step="t-queue", title="好慢"), 1)),
        editor.apply(RemoveCard("c-wait")),
        editor.apply(UpdateLink("k-4", {"label": "导致"})),
        editor.apply(AddLink(Link(id="k-t", kind=LinkKind.CAUSES, source="c-t", target="c-pp-form"))),
    ]
    for inverse in reversed(undo):
        editor.apply(inverse)
    editor.doc.cards, editor.doc.links = list.copy(editor.doc.cards), list.copy(editor.doc.links)
    assert editor.doc.model_dump() == bank_blueprint().model_dump()


def test_a_failing_subscriber_does_not_keep_the_others_uninformed(editor):
    seen = []

    def broken(record):
        raise RuntimeError("视图出错")

    editor.subscribe(broken)
    editor.subscribe(seen.append)
    with pytest.raises(RuntimeError, match="视图出错"):
        editor.apply(UpdateCard("c-see", {"title": "看到电视广告"}))
    assert seen == [ChangeRecord(updated={"card": {"c-see"}})]
    assert editor.card("c-see").title == "看到电视广告"
