"""The graph view and its analyses, on small hand-built maps whose answers are known."""

from __future__ import annotations

import pytest

from cxmapper.model.document import (
    EmotionPoint,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    Persona,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.graph import (
    DEFAULT_SEVERITY,
    build_graph,
    findings,
    flow_order,
    handoffs,
    orphans,
    pain_chain,
    stages_by_emotion,
    stages_by_pain,
    unanswered_actions,
)

L = LaneKind


class MapBuilder:
    """Builds a MapDocument with readable ids: steps s0…, lanes named by kind."""

    def __init__(self, stages: dict[str, int], lanes=(L.CUSTOMER_ACTIONS, L.FRONTSTAGE, L.BACKSTAGE,
                                                       L.SUPPORT_PROCESSES, L.PAIN_POINTS, L.OPPORTUNITIES)):
        self.doc = MapDocument()
        column = 0
        for index, (name, steps) in enumerate(stages.items()):
            self.doc.stages.append(Stage(id=f"stage{index}", name=name, steps=[
                Step(id=f"s{column + i}", name=f"第{column + i}步") for i in range(steps)
            ]))
            column += steps
        for kind in lanes:
            self.doc.lanes.append(Lane(id=kind.value, kind=kind, name=kind.value))

    def card(self, card_id, lane: LaneKind, column: int, title: str, kind=None, **fields):
        from cxmapper.model.document import DEFAULT_CARD_KIND

        kind = kind or DEFAULT_CARD_KIND[lane]
        self.doc.cards.append(make_card(kind, id=card_id, lane=lane.value, step=f"s{column}", title=title, **fields))
        return card_id

    def link(self, kind: LinkKind, source: str, target: str):
        self.doc.links.append(Link(id=f"{kind.value}-{source}-{target}", kind=kind, source=source, target=target))


def ids(refs):
    return [r.id for r in refs]


# --- the graph itself -------------------------------------------------------------------


def test_graph_nodes_carry_place_owner_and_title_and_edges_their_kind():
    m = MapBuilder({"认知": 1, "办理": 2})
    m.card("a", L.CUSTOMER_ACTIONS, 2, "提交开户申请", owner="客户")
    m.card("f", L.FRONTSTAGE, 1, "柜员核对身份证", owner="柜员")
    m.link(LinkKind.FLOW, "a", "f")
    m.link(LinkKind.SUPPORTS, "a", "f")  # a second link between the same cards: a multigraph keeps both
    graph = build_graph(m.doc)
    assert graph.nodes["a"] == {
        "kind": "action", "lane": "customer_actions", "lane_kind": L.CUSTOMER_ACTIONS, "row": 0,
        "stage": "stage1", "step": "s2", "column": 2, "order": 0, "owner": "客户", "title": "提交开户申请",
        "decision_point": False,
    }
    assert graph.nodes["f"]["row"] == 1 and graph.nodes["f"]["column"] == 1
    assert sorted(d["kind"] for _, _, d in graph.edges(data=True)) == ["flow", "supports"]
    assert set(graph["a"]["f"]) == {"flow-a-f", "supports-a-f"}


def test_graph_tolerates_an_unvalidated_map():
    m = MapBuilder({"认知": 1})
    m.doc.cards.append(make_card("note", id="lost", lane="nowhere", step="never", title="迷路的卡片"))
    m.card("a", L.CUSTOMER_ACTIONS, 0, "看广告")
    m.link(LinkKind.FLOW, "a", "missing")
    graph = build_graph(m.doc)
    assert graph.nodes["lost"]["lane_kind"] is None and graph.nodes["lost"]["column"] is None
    assert graph.number_of_edges() == 0
    assert findings(m.doc) == []  # nothing to say, and no exception


# --- flow order and cycles -------------------------------------------------------------------


def test_flow_order_follows_the_links_not_the_columns():
    m = MapBuilder({"认知": 2, "考虑": 2})
    m.card("late", L.FRONTSTAGE, 3, "发送确认短信")
    m.card("early", L.FRONTSTAGE, 0, "接待客户")
    m.card("mid", L.FRONTSTAGE, 1, "介绍产品")
    m.card("alone", L.FRONTSTAGE, 2, "没有连线")
    m.link(LinkKind.FLOW, "late", "early")
    m.link(LinkKind.FLOW, "early", "mid")
    result = flow_order(m.doc)
    assert ids(result.order) == ["late", "early", "mid"]  # "alone" has no flow link
    assert result.acyclic and result.cycles == ()


def test_flow_order_breaks_ties_by_step_then_lane():
    m = MapBuilder({"认知": 3})
    m.card("x2", L.BACKSTAGE, 2, "审核")
    m.card("y1", L.BACKSTAGE, 1, "建档")
    m.card("z1", L.FRONTSTAGE, 1, "答复")
    m.card("end", L.SUPPORT_PROCESSES, 0, "归档")
    for source in ("x2", "y1", "z1"):
        m.link(LinkKind.FLOW, source, "end")
    # three independent sources: column 1 before column 2; in column 1 frontstage (row 1)
    # before backstage (row 2); the sink last although it sits in column 0
    assert ids(flow_order(m.doc).order) == ["z1", "y1", "x2", "end"]


def test_cycles_are_found_with_their_cards_and_one_loop_through_them():
    m = MapBuilder({"办理": 4})
    m.card("start", L.FRONTSTAGE, 0, "受理申请")
    m.card("check", L.BACKSTAGE, 1, "审核资料")
    m.card("reject", L.FRONTSTAGE, 2, "退回补件")
    m.card("resubmit", L.CUSTOMER_ACTIONS, 3, "重新提交")
    m.card("done", L.FRONTSTAGE, 3, "开户完成")
    m.link(LinkKind.FLOW, "start", "check")
    m.link(LinkKind.FLOW, "check", "reject")
    m.link(LinkKind.FLOW, "reject", "resubmit")
    m.link(LinkKind.FLOW, "resubmit", "check")
    m.link(LinkKind.FLOW, "check", "done")
    m.link(LinkKind.SUPPORTS, "done", "start")  # not a flow link: no second cycle
    result = flow_order(m.doc)
    assert not result.acyclic
    [cycle] = result.cycles
    assert ids(cycle.cards) == ["check", "reject", "resubmit"]
    assert ids(cycle.path) == ["check", "reject", "resubmit"]
    # the loop sits where it falls in the flow: after its entry, before what follows
    order = ids(result.order)
    assert order[0] == "start" and set(order[1:4]) == {"check", "reject", "resubmit"} and order[4] == "done"

    [finding] = [f for f in findings(m.doc) if f.code == "flow-cycle"]
    assert finding.level == "warning"
    assert "“审核资料” → “退回补件” → “重新提交” → “审核资料”" in finding.message
    assert set(finding.card_ids) == {"check", "reject", "resubmit"}


def test_a_loop_through_a_decision_point_is_a_note_listed_after_the_warnings():
    m = MapBuilder({"办理": 3})
    m.card("submit", L.CUSTOMER_ACTIONS, 0, "提交资料")
    m.card("check", L.BACKSTAGE, 1, "资料齐全？", decision_point=True)
    m.card("more", L.FRONTSTAGE, 2, "通知补件")
    m.card("idle", L.OPPORTUNITIES, 2, "上门服务")
    m.link(LinkKind.FLOW, "submit", "check")
    m.link(LinkKind.FLOW, "check", "more")
    m.link(LinkKind.FLOW, "more", "submit")
    result = findings(m.doc)
    assert [(f.level, f.code) for f in result][:2] == [("warning", "orphan"), ("note", "flow-cycle")]
    assert result[1].message == (
        "the flow loops back: “提交资料” → “资料齐全？” → “通知补件” → “提交资料”; "
        "a rework loop at the decision point “资料齐全？”"
    )


def test_a_flow_link_from_a_card_to_itself_is_a_cycle():
    m = MapBuilder({"使用": 1})
    m.card("retry", L.CUSTOMER_ACTIONS, 0, "反复刷新页面")
    m.link(LinkKind.FLOW, "retry", "retry")
    [cycle] = flow_order(m.doc).cycles
    assert ids(cycle.cards) == ["retry"] and ids(cycle.path) == ["retry"]


def test_two_separate_loops_are_two_cycles_in_canvas_order():
    m = MapBuilder({"使用": 4})
    for i in range(4):
        m.card(f"c{i}", L.FRONTSTAGE, i, f"环节{i}")
    m.link(LinkKind.FLOW, "c3", "c2")
    m.link(LinkKind.FLOW, "c2", "c3")
    m.link(LinkKind.FLOW, "c1", "c0")
    m.link(LinkKind.FLOW, "c0", "c1")
    assert [ids(c.cards) for c in flow_order(m.doc).cycles] == [["c0", "c1"], ["c2", "c3"]]


# --- orphans ---------------------------------------------------------------------------------


def test_orphan_rules_per_kind():
    m = MapBuilder({"办理": 3})
    m.card("front", L.FRONTSTAGE, 0, "柜员办理")
    m.card("b_direct", L.BACKSTAGE, 0, "系统建档")  # supports frontstage directly
    m.card("b_via_flow", L.BACKSTAGE, 1, "风控初审")  # flows into b_direct
    m.card("s_support", L.SUPPORT_PROCESSES, 1, "征信查询")  # supports b_via_flow
    m.card("b_idle", L.BACKSTAGE, 2, "月末对账")  # supports only another hidden card
    m.card("s_idle", L.SUPPORT_PROCESSES, 2, "系统维护")
    m.link(LinkKind.SUPPORTS, "b_direct", "front")
    m.link(LinkKind.FLOW, "b_via_flow", "b_direct")
    m.link(LinkKind.SUPPORTS, "s_support", "b_via_flow")
    m.link(LinkKind.SUPPORTS, "s_idle", "b_idle")

    m.card("p_caused", L.PAIN_POINTS, 0, "排队太久", severity=4)
    m.card("p_addressed", L.PAIN_POINTS, 1, "表格看不懂")
    m.card("p_alone", L.PAIN_POINTS, 2, "不知道进度")
    m.card("o_good", L.OPPORTUNITIES, 1, "填表引导")
    m.card("o_idle", L.OPPORTUNITIES, 2, "会员积分")
    m.link(LinkKind.CAUSES, "front", "p_caused")
    m.link(LinkKind.ADDRESSES, "o_good", "p_addressed")

    m.card("action", L.CUSTOMER_ACTIONS, 2, "离开网点")  # no links: not an orphan by rule

    found = orphans(m.doc)
    assert [(o.card.id, o.reason) for o in found] == [
        ("b_idle", "supports nothing the customer meets"),  # canvas order: backstage row first
        ("s_idle", "supports nothing the customer meets"),
        ("p_alone", "has no cause and no opportunity addressing it"),
        ("o_idle", "addresses no pain point"),
    ]
    messages = [f.message for f in findings(m.doc) if f.code == "orphan"]
    assert "process “月末对账” supports nothing the customer meets" in messages
    assert "pain point “不知道进度” has no cause and no opportunity addressing it" in messages
    assert "opportunity “会员积分” addresses no pain point" in messages


# --- customer actions with no frontstage response ----------------------------------------------


def test_customer_actions_without_a_frontstage_response():
    m = MapBuilder({"办理": 4})
    m.card("same_step", L.CUSTOMER_ACTIONS, 0, "递交身份证")
    m.card("f0", L.FRONTSTAGE, 0, "柜员核验")
    m.card("linked", L.CUSTOMER_ACTIONS, 1, "在手机上签名")
    m.card("f2", L.FRONTSTAGE, 2, "推送签约结果")
    m.link(LinkKind.FLOW, "linked", "f2")
    m.card("answered_from", L.CUSTOMER_ACTIONS, 3, "查看短信")
    m.link(LinkKind.SUPPORTS, "f2", "answered_from")
    m.card("unanswered", L.CUSTOMER_ACTIONS, 1, "打电话问进度")
    m.card("only_backstage", L.BACKSTAGE, 1, "后台审核")
    m.link(LinkKind.FLOW, "unanswered", "only_backstage")  # a link, but not to frontstage
    m.card("causes_only", L.CUSTOMER_ACTIONS, 3, "投诉")
    m.link(LinkKind.CAUSES, "causes_only", "f2")  # causes is not a response
    assert ids(unanswered_actions(m.doc)) == ["unanswered", "causes_only"]
    [first, _] = [f for f in findings(m.doc) if f.code == "no-frontstage-response"]
    assert first.level == "warning" and "“打电话问进度”" in first.message


def test_a_journey_map_without_frontstage_expects_no_response():
    m = MapBuilder({"认知": 1}, lanes=(L.CUSTOMER_ACTIONS, L.TOUCHPOINTS))
    m.card("a", L.CUSTOMER_ACTIONS, 0, "刷到广告")
    assert unanswered_actions(m.doc) == []


# --- the chain behind a pain point --------------------------------------------------------------


def test_chain_behind_a_pain_point_in_blueprint_order():
    m = MapBuilder({"考虑": 1, "办理": 3})
    m.card("pain", L.PAIN_POINTS, 3, "等了四十分钟")
    m.card("front", L.FRONTSTAGE, 3, "柜员手工录入")
    m.card("b_late", L.BACKSTAGE, 3, "人工复核")
    m.card("b_early", L.BACKSTAGE, 2, "资料扫描")
    m.card("support", L.SUPPORT_PROCESSES, 0, "核心系统批处理")
    m.card("action", L.CUSTOMER_ACTIONS, 2, "填写纸质表格")
    m.card("front_before", L.FRONTSTAGE, 1, "发放号码牌")  # only behind the customer's action
    m.card("unrelated", L.BACKSTAGE, 1, "营销活动")
    m.link(LinkKind.CAUSES, "front", "pain")
    m.link(LinkKind.SUPPORTS, "b_late", "front")
    m.link(LinkKind.FLOW, "b_early", "b_late")
    m.link(LinkKind.SUPPORTS, "support", "b_early")
    m.link(LinkKind.FLOW, "action", "front")
    m.link(LinkKind.FLOW, "front_before", "action")
    m.link(LinkKind.ADDRESSES, "unrelated", "b_late")  # addresses is not walked
    chain = pain_chain(m.doc, "pain")
    assert ids(chain.causes) == ["front"]
    # frontstage, then backstage left to right, then support
    assert ids(chain.chain) == ["front", "b_early", "b_late", "support"]

    [finding] = [f for f in findings(m.doc) if f.code == "pain-chain"]
    assert finding.level == "note"
    assert finding.message == (
        "pain point “等了四十分钟” traces back to “柜员手工录入”, “资料扫描”, “人工复核”, “核心系统批处理”"
    )


def test_chain_walks_on_from_a_customer_action_that_causes_the_pain_point():
    m = MapBuilder({"使用": 2})
    m.card("pain", L.PAIN_POINTS, 1, "验证码收不到")
    m.card("action", L.CUSTOMER_ACTIONS, 1, "点击获取验证码")
    m.card("sms", L.SUPPORT_PROCESSES, 0, "短信网关")
    m.link(LinkKind.CAUSES, "action", "pain")
    m.link(LinkKind.SUPPORTS, "sms", "action")
    chain = pain_chain(m.doc, "pain")
    assert ids(chain.causes) == ["action"] and ids(chain.chain) == ["sms"]


def test_chain_of_an_unknown_card_is_a_key_error():
    with pytest.raises(KeyError):
        pain_chain(MapBuilder({"使用": 1}).doc, "nope")


# --- handoffs -------------------------------------------------------------------------------------


def test_handoffs_cross_visibility_or_change_owner():
    m = MapBuilder({"办理": 3})
    m.card("front", L.FRONTSTAGE, 0, "柜员受理", owner="柜员")
    m.card("back", L.BACKSTAGE, 1, "后台审批", owner="柜员")
    m.card("support", L.SUPPORT_PROCESSES, 1, "系统记账", owner="IT 部")
    m.card("back2", L.BACKSTAGE, 2, "归档", owner=" it 部 ")
    m.card("front2", L.FRONTSTAGE, 2, "交付银行卡", owner="")
    m.card("pain", L.PAIN_POINTS, 2, "卡片寄错", owner="客服")
    m.link(LinkKind.FLOW, "front", "back")  # crosses, same owner
    m.link(LinkKind.SUPPORTS, "support", "back")  # does not cross, owner changes
    m.link(LinkKind.FLOW, "support", "back2")  # same owner after trimming and case folding
    m.link(LinkKind.FLOW, "front2", "front")  # owner not recorded: not a change; same side
    m.link(LinkKind.CAUSES, "back2", "pain")  # causes links are not handoffs
    found = handoffs(m.doc)
    assert [(h.link_id, h.crosses_visibility, h.owners) for h in found] == [
        ("flow-front-back", True, None),
        ("supports-support-back", False, ("IT 部", "柜员")),
    ]
    messages = [f.message for f in findings(m.doc) if f.code == "handoff"]
    assert messages == [
        "handoff “柜员受理” → “后台审批” (flow) crosses the line of visibility",
        "handoff “系统记账” → “后台审批” (supports) passes from IT 部 to 柜员",
    ]


# --- stages ranked ---------------------------------------------------------------------------------


def test_stages_ranked_by_severity_weighted_pain_points():
    m = MapBuilder({"认知": 1, "办理": 1, "使用": 1})
    m.card("u1", L.PAIN_POINTS, 0, "广告看不懂")
    m.card("u2", L.PAIN_POINTS, 0, "找不到网点")
    m.card("sev5", L.PAIN_POINTS, 1, "排队太久", severity=5)
    m.card("sev4", L.PAIN_POINTS, 1, "材料反复提交", severity=4)
    m.card("not_pain", L.OPPORTUNITIES, 2, "线上预约", severity=5)
    ranked = stages_by_pain(m.doc)
    assert [(s.stage_name, s.count, s.weighted) for s in ranked] == [
        ("办理", 2, 9),
        ("认知", 2, 2 * DEFAULT_SEVERITY),
        ("使用", 0, 0),
    ]
    assert ids(ranked[0].pain_points) == ["sev5", "sev4"]
    [hot] = [f for f in findings(m.doc) if f.code == "hot-stage"]
    assert hot.message == "stage “办理” has the most pain points: 2 (severity-weighted 9): “排队太久”, “材料反复提交”"
    assert hot.card_ids == ("sev5", "sev4")


def test_no_hot_stage_without_pain_points():
    m = MapBuilder({"认知": 1})
    assert all(f.code != "hot-stage" for f in findings(m.doc))


def test_stages_ranked_by_lowest_mean_emotion_per_persona():
    m = MapBuilder({"认知": 2, "办理": 2, "忠诚": 1})
    m.doc.personas.extend([
        Persona(id="zhang", name="张女士", as_is=[
            EmotionPoint(step="s0", score=1), EmotionPoint(step="s1", score=0),
            EmotionPoint(step="s2", score=-2), EmotionPoint(step="s3", score=-2),
        ], to_be=[EmotionPoint(step="s2", score=2)]),  # the to-be curve is not counted
        # one point in 办理 for 李先生 weighs as much as 张女士's two
        Persona(id="li", name="李先生", as_is=[EmotionPoint(step="s2", score=0), EmotionPoint(step="s0", score=2)]),
    ])
    ranked = stages_by_emotion(m.doc)
    assert [(s.stage_name, s.mean) for s in ranked] == [("办理", -1.0), ("认知", 1.25)]  # 忠诚 has no points
    assert ranked[0].per_persona == {"zhang": -2.0, "li": 0.0}
    [low] = [f for f in findings(m.doc) if f.code == "low-emotion"]
    assert low.level == "note"
    assert low.message == "stage “办理” has the lowest emotion: mean -1.0 on -2…2 (张女士 -2.0; 李先生 +0.0)"


def test_no_low_emotion_note_when_every_stage_is_positive():
    m = MapBuilder({"认知": 1, "使用": 1})
    m.doc.personas.append(Persona(name="王", as_is=[EmotionPoint(step="s0", score=1), EmotionPoint(step="s1", score=2)]))
    assert stages_by_emotion(m.doc)[0].stage_name == "认知"
    assert all(f.code != "low-emotion" for f in findings(m.doc))


# --- findings as a whole ------------------------------------------------------------------------------


def test_findings_list_warnings_before_notes_and_name_untitled_cards():
    m = MapBuilder({"办理": 2})
    m.card("front", L.FRONTSTAGE, 0, "受理", owner="柜员")
    m.card("back", L.BACKSTAGE, 0, "", owner="后台")
    m.card("opp", L.OPPORTUNITIES, 1, "")
    m.link(LinkKind.SUPPORTS, "back", "front")
    result = findings(m.doc)
    assert [(f.level, f.code) for f in result] == [("warning", "orphan"), ("note", "handoff")]
    assert result[0].message == "opportunity (untitled opportunity opp) addresses no pain point"
    assert result[1].message == (
        "handoff (untitled process back) → “受理” (supports) crosses the line of visibility and passes from 后台 to 柜员"
    )
    assert result[1].link_ids == ("supports-back-front",)


def test_messages_stay_on_one_line_whatever_the_titles_hold():
    m = MapBuilder({"办理\n阶段": 1})
    m.card("opp", L.OPPORTUNITIES, 0, "  线上\n预约\t取号 ")
    m.card("pain", L.PAIN_POINTS, 0, "排队", severity=2)
    [orphan_pain, orphan_opp, hot] = findings(m.doc)  # pain points lane above opportunities
    assert orphan_opp.message == "opportunity “线上 预约 取号” addresses no pain point"
    assert hot.message.startswith("stage “办理 阶段” has the most pain points")
    assert all("\n" not in f.message for f in (orphan_opp, orphan_pain, hot))


# --- properties on generated maps -------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cxmapper.model.graph import CHAIN_LANES, CUSTOMER_FACING_LANES, HIDDEN_LANES, blueprint_key  # noqa: E402
from tests.strategies import documents  # noqa: E402

_GRAPH_LANES = (L.PHYSICAL_EVIDENCE, L.CUSTOMER_ACTIONS, L.FRONTSTAGE, L.BACKSTAGE, L.SUPPORT_PROCESSES,
                L.TOUCHPOINTS, L.PAIN_POINTS, L.OPPORTUNITIES)


@st.composite
def dense_maps(draw):
    """Small blueprints with many links of every kind: the cases the analyses must
    reason about (chains through hidden lanes, loops) come up often, which the
    general document strategy, with few links, rarely gives."""
    m = MapBuilder({"认知": 2, "办理": 2}, lanes=_GRAPH_LANES)
    count = draw(st.integers(2, 14))
    for i in range(count):
        lane = draw(st.sampled_from(_GRAPH_LANES))
        m.card(f"c{i}", lane, draw(st.integers(0, 3)), f"卡片{i}", decision_point=draw(st.booleans()))
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1))
    links = st.lists(st.tuples(st.sampled_from(list(LinkKind)), pairs), min_size=count, max_size=3 * count)
    for kind, (a, b) in draw(links):
        m.doc.links.append(Link(id=f"l{len(m.doc.links)}", kind=kind, source=f"c{a}", target=f"c{b}"))
    return m.doc


@given(st.one_of(dense_maps(), documents(max_cards=25)))
def test_analyses_hold_on_generated_maps(doc):
    """One generated map feeds all three checks: generating maps is the slow part."""
    check_flow_order_respects_every_flow_link_outside_a_cycle(doc)
    check_orphans_agree_with_a_card_by_card_reading_of_the_rules(doc)
    check_findings_name_real_cards_and_chains_lead_to_their_pain_point(doc)


def check_flow_order_respects_every_flow_link_outside_a_cycle(doc):
    result = flow_order(doc)
    position = {ref.id: i for i, ref in enumerate(result.order)}
    flow_links = [(l.source, l.target) for l in doc.links if l.kind is LinkKind.FLOW]
    assert set(position) == {card for link in flow_links for card in link}
    assert len(position) == len(result.order)  # each card once
    loop_of = {ref.id: i for i, cycle in enumerate(result.cycles) for ref in cycle.cards}
    for source, target in flow_links:
        if source in loop_of and loop_of[source] == loop_of.get(target):
            continue
        assert position[source] < position[target]
    for cycle in result.cycles:  # each reported loop is a real loop of flow links
        path = ids(cycle.path)
        assert set(path) <= set(ids(cycle.cards))
        assert all((a, b) in flow_links for a, b in zip(path, path[1:] + path[:1]))


def check_orphans_agree_with_a_card_by_card_reading_of_the_rules(doc):
    import networkx as nx

    graph = build_graph(doc)
    forward = nx.DiGraph()
    forward.add_nodes_from(graph)
    forward.add_edges_from((l.source, l.target) for l in doc.links if l.kind in (LinkKind.SUPPORTS, LinkKind.FLOW))
    lane_kind = {lane.id: lane.kind for lane in doc.lanes}
    expected = set()
    for card in doc.cards:
        incoming = {l.kind for l in doc.links if l.target == card.id}
        outgoing = {l.kind for l in doc.links if l.source == card.id}
        if lane_kind[card.lane] in HIDDEN_LANES and card.kind == "process":
            if not any(lane_kind[doc.card(d).lane] in CUSTOMER_FACING_LANES for d in nx.descendants(forward, card.id)):
                expected.add(card.id)
        elif card.kind == "pain_point":
            if not {LinkKind.CAUSES, LinkKind.ADDRESSES} & incoming:
                expected.add(card.id)
        elif card.kind == "opportunity" and LinkKind.ADDRESSES not in outgoing:
            expected.add(card.id)
    assert {o.card.id for o in orphans(doc)} == expected


def check_findings_name_real_cards_and_chains_lead_to_their_pain_point(doc):
    import networkx as nx

    graph = build_graph(doc)
    result = findings(doc)
    card_ids = {c.id for c in doc.cards}
    assert all(set(f.card_ids) <= card_ids and "\n" not in f.message for f in result)
    levels = [f.level for f in result]
    assert levels == sorted(levels, key=lambda level: level != "warning")
    back = nx.DiGraph()
    back.add_edges_from(
        (l.source, l.target) for l in doc.links if l.kind in (LinkKind.CAUSES, LinkKind.SUPPORTS, LinkKind.FLOW)
    )
    for card in doc.cards:
        if card.kind != "pain_point":
            continue
        chain = ids(pain_chain(graph, card.id).chain)
        assert all(graph.nodes[c]["lane_kind"] in CHAIN_LANES and nx.has_path(back, c, card.id) for c in chain)
        assert chain == sorted(chain, key=lambda c: blueprint_key(graph, c))


def test_a_limited_pain_chain_names_the_nearest_cards_and_says_there_are_more():
    from bench.check_bench import chain_map
    from cxmapper.model.graph import build_graph, findings, pain_chain

    graph = build_graph(chain_map(40, steps=4))
    full = pain_chain(graph, "x30")
    assert full.complete and [c.id for c in full.chain] == [f"p{i}" for i in range(31)]
    near = pain_chain(graph, "x30", limit=5)
    assert not near.complete
    assert {c.id for c in near.chain} == {"p30", "p29", "p28", "p27", "p26"}  # breadth first: nearest
    exact = pain_chain(graph, "x30", limit=31)  # exactly the limit behind it is not "more"
    assert exact.complete and exact.chain == full.chain
    # findings(names=None) is the whole story, the default names at most NAMES_SHOWN cards
    doc = chain_map(40, steps=4)
    everything = {f.card_ids[0]: f for f in findings(doc, names=None) if f.code == "pain-chain"}
    short = {f.card_ids[0]: f for f in findings(doc) if f.code == "pain-chain"}
    assert everything.keys() == short.keys()
    assert len(everything["x30"].card_ids) == 1 + 31 + 0 and everything["x30"].complete
    assert short["x30"].message.endswith(" and more") and len(short["x30"].card_ids) == 9
