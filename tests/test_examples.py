"""The bundled example maps: they load, they are as rich as the README promises, and the
committed files are exactly what ``scripts/build_examples.py`` writes.

Model-only: no Qt here.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter

import pytest

from cxmapper.model import graph
from cxmapper.model.document import (
    BLUEPRINT_ORDER,
    CardKind,
    Evidence,
    KanoCategory,
    LaneKind,
    LinkKind,
    MapDocument,
)
from cxmapper.model.fileformat import dumps, load_file
from cxmapper.model.validation import validate_references
from cxmapper.paths import EXAMPLES, ROOT

BANK = "bank-account-opening.zh.cxmap"
SHOP = "online-order-and-return.en.cxmap"
NAMES = [BANK, SHOP]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _load_script():
    path = ROOT / "scripts" / "build_examples.py"
    spec = importlib.util.spec_from_file_location("build_examples", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _load_script()


@pytest.fixture(scope="module", params=NAMES)
def example(request) -> tuple[str, MapDocument]:
    """The example as the program opens it: load_file parses, migrates and checks
    every cross-reference (validate_references), or raises."""
    return request.param, load_file(EXAMPLES / request.param)


def _lane_kinds(doc: MapDocument) -> dict[str, LaneKind]:
    return {lane.id: lane.kind for lane in doc.lanes}


# --- loading and cross-references -------------------------------------------------


def test_examples_are_listed_by_the_script(script):
    assert sorted(script.EXAMPLES) == sorted(NAMES)
    assert sorted(p.name for p in EXAMPLES.glob("*.cxmap")) == sorted(NAMES)


def test_loads_as_a_plain_model_and_saves_back_to_the_same_bytes(example):
    name, doc = example
    data = (EXAMPLES / name).read_bytes()
    assert MapDocument.model_validate_json(data) == doc
    assert dumps(doc) == data
    assert validate_references(doc) == []


def test_every_reference_points_at_something_that_exists(example):
    """Belt and braces beside validate_references: the checks the stories rely on."""
    _, doc = example
    ids = [s.id for s in doc.stages] + [s.id for s in doc.steps()] + [lane.id for lane in doc.lanes]
    ids += [c.id for c in doc.cards] + [link.id for link in doc.links]
    ids += [p.id for p in doc.personas]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    step_ids = {s.id for s in doc.steps()}
    lane_ids = set(_lane_kinds(doc))
    card_ids = {c.id for c in doc.cards}
    for card in doc.cards:
        assert card.lane in lane_ids and card.step in step_ids, card.title
    for link in doc.links:
        assert link.source in card_ids and link.target in card_ids, link
        assert link.source != link.target, link
    for persona in doc.personas:
        for curve in (persona.as_is, persona.to_be or []):
            for point in curve:
                assert point.step in step_ids and doc.scale.contains(point.score), persona.name


# --- richness --------------------------------------------------------------------


def test_structure_is_rich_enough(example):
    name, doc = example
    assert len(doc.stages) >= 5, name
    assert all(2 <= len(stage.steps) <= 3 for stage in doc.stages), name
    assert len(doc.cards) >= 40, name
    assert {c.kind for c in doc.cards} == set(CardKind), name
    assert {link.kind for link in doc.links} == set(LinkKind), name
    # the five blueprint lanes and the journey lanes, each holding cards
    used = Counter(_lane_kinds(doc)[c.lane] for c in doc.cards)
    for kind in (*BLUEPRINT_ORDER, LaneKind.TOUCHPOINTS, LaneKind.THOUGHTS, LaneKind.EMOTIONS,
                 LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES):
        assert used[kind] >= 1, (name, kind)


def test_blueprint_lanes_come_in_canonical_order(example):
    _, doc = example
    blueprint = [lane.kind for lane in doc.lanes if lane.kind in BLUEPRINT_ORDER]
    assert tuple(blueprint) == BLUEPRINT_ORDER


def test_two_personas_with_full_curves_and_reasons(example):
    name, doc = example
    steps = [s.id for s in doc.steps()]
    assert len(doc.personas) == 2, name
    for persona in doc.personas:
        assert [p.step for p in persona.as_is] == steps, persona.name
        assert all(p.reason.strip() for p in persona.as_is), persona.name
    to_be = [p for p in doc.personas if p.to_be is not None]
    assert len(to_be) >= 1
    assert [p.step for p in to_be[0].to_be] == steps
    # the curves tell a story: both ends of the scale are used, and the to-be improves
    scores = [p.score for persona in doc.personas for p in persona.as_is]
    assert min(scores) == doc.scale.min and max(scores) >= 1
    persona = to_be[0]
    assert sum(p.score for p in persona.to_be) > sum(p.score for p in persona.as_is)


def test_pain_points_carry_kano_severity_and_frequency(example):
    name, doc = example
    pains = [c for c in doc.cards if c.kind is CardKind.PAIN_POINT]
    assert len(pains) >= 8, name
    for pain in pains:
        assert pain.kano is not None and pain.severity and pain.frequency, pain.title
    # the Kano ranking has something to rank: five categories between pains and ideas
    kano = {c.kano for c in doc.cards if c.kind in (CardKind.PAIN_POINT, CardKind.OPPORTUNITY)}
    assert kano >= set(KanoCategory) - {KanoCategory.QUESTIONABLE}, name
    assert len({(p.severity, p.frequency) for p in pains}) >= 4, "priorities should differ"


def test_touchpoints_channels_metrics_markers_evidence_owners(example):
    name, doc = example
    touchpoints = [c for c in doc.cards if c.kind is CardKind.TOUCHPOINT]
    assert len({t.channel for t in touchpoints}) >= 5, name
    measured = [t for t in touchpoints if t.metrics is not None]
    assert len(measured) >= 6, name
    assert all(t.metrics.sample_size for t in measured), "every metric names its sample size"
    assert any(t.metrics.nps is not None for t in measured)
    assert any(t.metrics.csat is not None for t in measured)
    assert any(t.metrics.ces is not None for t in measured)
    assert any(c.fail_point for c in doc.cards)
    assert any(c.decision_point for c in doc.cards)
    waits = [c for c in doc.cards if c.wait_point]
    assert waits and all(c.wait_minutes for c in waits)
    assert {c.evidence for c in doc.cards} == set(Evidence)
    processes = [c for c in doc.cards if c.kind is CardKind.PROCESS]
    assert all(p.owner for p in processes), [p.title for p in processes if not p.owner]
    assert len({p.owner for p in processes}) >= 6
    assert sum(1 for c in doc.cards if c.tags) >= 10


def test_links_mean_what_their_kind_says(example):
    _, doc = example
    kinds = _lane_kinds(doc)
    by_id = {c.id: c for c in doc.cards}
    behind = {LaneKind.BACKSTAGE, LaneKind.SUPPORT_PROCESSES}
    actions = 0
    for link in doc.links:
        source, target = by_id[link.source], by_id[link.target]
        if link.kind is LinkKind.SUPPORTS:
            assert kinds[source.lane] in behind, source.title
            assert kinds[target.lane] in behind | {LaneKind.FRONTSTAGE}, target.title
        elif link.kind is LinkKind.CAUSES:
            assert target.kind is CardKind.PAIN_POINT, target.title
        elif link.kind is LinkKind.ADDRESSES:
            assert source.kind is CardKind.OPPORTUNITY and target.kind is CardKind.PAIN_POINT
        elif source.kind is CardKind.ACTION and target.kind is CardKind.ACTION:
            actions += 1
    assert actions >= 10, "the customer's path is a chain of flow links"
    # every pain point has a cause on the map
    caused = {link.target for link in doc.links if link.kind is LinkKind.CAUSES}
    assert all(c.id in caused for c in doc.cards if c.kind is CardKind.PAIN_POINT)


#: The gaps each story keeps on purpose, by card title: what ``cxmapper check`` should
#: warn about (customer actions nobody answers, hidden work that supports nothing
#: the customer meets, ideas that address no pain point) and nothing else.
GAPS = {
    BANK: {
        "unanswered": ["在 APP 提交意见反馈（限额、排队）"],
        "orphans": ["开户资料影像扫描归档", "月度 NPS 报表汇总"],
    },
    SHOP: {
        "unanswered": ["Tries on both sizes and keeps one"],
        "orphans": ["Weekly returns-reason report", "Loyalty points on every order"],
    },
}


def test_deliberate_gaps_for_the_facilitator_and_no_others(example):
    name, doc = example
    assert [c.title for c in graph.unanswered_actions(doc)] == GAPS[name]["unanswered"]
    assert [o.card.title for o in graph.orphans(doc)] == GAPS[name]["orphans"]
    # a rework loop is drawn only where a decision point says it is deliberate
    cycles = graph.flow_order(doc).cycles
    assert len(cycles) == (1 if name == BANK else 0)  # the bank's second visit
    for cycle in cycles:
        assert any(doc.card(ref.id).decision_point for ref in cycle.cards)


def test_languages(example):
    name, doc = example
    texts = [doc.meta.title] + [s.name for s in doc.stages] + [lane.name for lane in doc.lanes]
    texts += [c.title for c in doc.cards] + [p.name for p in doc.personas]
    if name == BANK:
        assert doc.meta.locale == "zh_CN"
        assert [s.name for s in doc.stages] == ["认知", "考虑", "办理", "使用", "忠诚"]
        assert all(CJK.search(t) for t in texts), [t for t in texts if not CJK.search(t)]
    else:
        assert doc.meta.locale == "en"
        assert not any(CJK.search(t) for t in texts)


# --- the script --------------------------------------------------------------------


def test_committed_files_are_what_the_script_writes(script, tmp_path):
    script.write_examples(tmp_path)  # over an existing file: no backup left beside it
    written = script.write_examples(tmp_path)
    assert [p.name for p in written] == list(script.EXAMPLES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(script.EXAMPLES)
    for path in written:
        assert path.read_bytes() == (EXAMPLES / path.name).read_bytes(), (
            f"{path.name} is stale: run scripts/build_examples.py"
        )
    assert script.stale_examples(EXAMPLES) == []


def test_check_mode_notices_a_stale_file(script, tmp_path):
    script.write_examples(tmp_path)
    path = tmp_path / BANK
    path.write_bytes(path.read_bytes().replace("排队等候 40 分钟".encode(), "排队等候 45 分钟".encode()))
    assert script.main(["--check", "--out", str(tmp_path)]) == 1
    assert script.stale_examples(tmp_path) == [BANK]


def test_ids_are_stable_uuid5_hex(script):
    doc = script.build_bank_account_opening()
    again = script.build_bank_account_opening()
    assert [c.id for c in doc.cards] == [c.id for c in again.cards]
    assert all(re.fullmatch(r"[0-9a-f]{32}", c.id) for c in doc.cards)
    builder = script.MapBuilder("bank-account-opening")
    assert doc.cards[0].id == builder.id("card", "tp_poster")


def test_builder_rejects_unknown_and_repeated_keys(script):
    b = script.MapBuilder("t")
    b.lane(LaneKind.CUSTOMER_ACTIONS, "顾客行为")
    b.stage("s", "办理", [("x", "排队", "")])
    b.action("x", "a1", "取号")
    with pytest.raises(ValueError, match="a1"):
        b.action("x", "a1", "再取号")
    with pytest.raises(KeyError, match="missing"):
        b.flow("a1", "missing")
    with pytest.raises(KeyError, match="nowhere"):
        b.curve({"nowhere": (1, "开心")})


def test_raw_answer_counts_agree_with_the_values_written_beside_them(example):
    """Where a touchpoint keeps its survey's raw answers, a reader of the file (or a
    tool that ignores the counts) sees the same NPS, CSAT and CES the program computes."""
    from cxmapper.model.metrics import ces_from_counts, csat_from_counts, nps_from_counts

    name, doc = example
    raw = [c for c in doc.cards if c.metrics is not None and c.metrics.nps_answers is not None]
    assert len(raw) >= 2, name
    for card in raw:
        m = card.metrics
        assert m.nps == pytest.approx(nps_from_counts(m.nps_answers), abs=0.05), card.title
        assert m.csat == pytest.approx(csat_from_counts(m.csat_answers), abs=0.05), card.title
        if m.ces_answers is not None:
            assert m.ces == pytest.approx(ces_from_counts(m.ces_answers), abs=0.005), card.title
        assert m.sample_size == sum(m.nps_answers) == sum(m.csat_answers), card.title


def test_bank_example_carries_its_kano_answers():
    """Every row of kano-answers.zh.csv is stored on the card it names (imported by the
    script through kano_import), and the map's categories agree with the answers."""
    import csv

    from cxmapper.model.kano import analyse_document

    doc = load_file(EXAMPLES / "bank-account-opening.zh.cxmap")
    with open(EXAMPLES / "kano-answers.zh.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    surveyed = {c.title: c for c in doc.cards if getattr(c, "kano_survey", None) is not None}
    features = {row["功能"] for row in rows}  # a card's title or its id
    assert {c.title for c in doc.cards if c.title in features or c.id in features} == set(surveyed)
    assert sum(len(c.kano_survey.responses) for c in surveyed.values()) == len(rows)
    queue = surveyed["排队等候 40 分钟"]
    respondents = {row["受访者"] for row in rows if row["功能"] in (queue.title, queue.id)}
    assert len(respondents) == 12
    assert {r.respondent for r in queue.kano_survey.responses} == respondents
    analyses = analyse_document(doc)
    assert len(analyses) == len(surveyed)
    assert all(a.analysis.category == a.card.kano for a in analyses if a.card.kano_computed)


def test_shop_example_has_no_kano_answers():
    doc = load_file(EXAMPLES / "online-order-and-return.en.cxmap")
    assert not [c for c in doc.cards if getattr(c, "kano_survey", None) is not None]
