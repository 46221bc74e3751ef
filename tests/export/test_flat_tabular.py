"""Flat JSON and CSV carry the map's facts, read back; CSV is safe in a spreadsheet."""

from __future__ import annotations

import csv
import json

import pytest

from cxmapper.export.flat import FLAT_FORMAT, FLAT_VERSION, export_flat_json
from cxmapper.export.tabular import CARD_COLUMNS, PAIN_POINT_COLUMNS, export_csv, guard, unguard


def test_flat_json_round_trips_the_facts(tmp_path, sample_map):
    path = export_flat_json(sample_map, tmp_path / "flat.json")
    flat = json.loads(path.read_text(encoding="utf-8"))
    assert flat["format"] == FLAT_FORMAT and flat["version"] == FLAT_VERSION
    assert flat["title"] == "网购旅程 Online shopping"
    assert [s["name"] for s in flat["stages"]] == [s.name for s in sample_map.stages]
    stage_of = sample_map.stage_of_step()
    lanes = {lane.id: lane for lane in sample_map.lanes}
    by_id = {c["id"]: c for c in flat["cards"]}
    assert list(by_id) == [c.id for c in sample_map.cards]
    for card in sample_map.cards:
        row = by_id[card.id]
        assert row["title"] == card.title and row["kind"] == card.kind.value
        assert row["stage_name"] == stage_of[card.step].name
        assert row["lane_name"] == lanes[card.lane].name
        assert row["fail_point"] == card.fail_point and row["wait_minutes"] == card.wait_minutes
    assert by_id["c-pain-sms"]["kano"] == "must_be" and by_id["c-pain-sms"]["kano_code"] == "M"
    assert by_id["c-pain-sms"]["priority_rank"] == 1
    assert by_id["c-app"]["metrics"] == {"nps": -20, "csat": 55, "ces": 4.5, "sample_size": 120}
    link = next(x for x in flat["links"] if x["id"] == "k1")
    assert (link["kind"], link["source_title"], link["target_title"]) == ("causes", "App 登录页", "验证码收不到")
    li = next(p for p in flat["personas"] if p["name"] == "李女士")
    as_is = [(e["step_name"], e["score"]) for e in li["emotions"] if e["curve"] == "as_is"]
    assert as_is == [("看到广告", 1), ("Search", 0), ("比较价格", -1), ("登录", -2), ("支付", 1), ("收货", 2)]
    assert li["positive_share"] == 0.5
    buy = next(s for s in flat["stage_metrics"] if s["stage_id"] == "s-buy")
    assert buy["nps"] == -20 and buy["nps_samples"] == 120 and buy["csat_samples"] == 120


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return [{k: unguard(v) for k, v in row.items()} for row in csv.DictReader(stream)]


def test_csv_round_trips_cards_and_pain_points(tmp_path, hostile_map):
    cards_path, pains_path = export_csv(hostile_map, tmp_path / "out")
    raw = cards_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 Chinese correctly
    rows = _read(cards_path)
    assert tuple(rows[0]) == CARD_COLUMNS
    assert [r["id"] for r in rows] == [c.id for c in hostile_map.cards]
    for row, card in zip(rows, hostile_map.cards):
        assert row["title"] == card.title
        assert row["description"] == card.description
    login = next(r for r in rows if r["id"] == "c-login")
    assert (login["stage_name"], login["step_name"], login["lane_name"]) == ("决策 Purchase", "登录", "客户行为")
    assert login["wait_point"] == "true" and float(login["wait_minutes"]) == 1
    app = next(r for r in rows if r["id"] == "c-app")
    assert float(app["nps"]) == -20 and float(app["csat"]) == 55
    pains = _read(pains_path)
    assert tuple(pains[0]) == PAIN_POINT_COLUMNS
    assert [(p["rank"], p["title"], p["kano_code"]) for p in pains] == [
        ("1", "验证码收不到", "M"), ("2", "价格不透明", "O"), ("3", "配送太慢", "A")
    ]
    assert pains[0]["touchpoints"] == "App 登录页"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=x", "''+y"])
def test_formula_like_cells_are_guarded_and_round_trip(text):
    assert guard(text).startswith("'")
    assert unguard(guard(text)) == text


@pytest.mark.parametrize("text", ["plain", "中文", "'quoted", "a=b", ""])
def test_harmless_cells_are_untouched(text):
    assert guard(text) == text and unguard(text) == text


def test_csv_file_has_no_live_formula(tmp_path, sample_map):
    from cxmapper.model.document import make_card

    sample_map.cards = [
        *sample_map.cards,
        make_card("note", lane="l-actions", step="st-ad", title="=cmd|'/c calc'!A1", owner="@admin", tags=["-x"]),
    ]
    cards_path, _ = export_csv(sample_map, tmp_path)
    with open(cards_path, encoding="utf-8-sig", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    text_cells = [c for c in cells if c and not _is_number(c)]
    assert not [c for c in text_cells if c[0] in "=+-@\t\r"]
    assert "'=cmd|'/c calc'!A1" in cells and "'@admin" in cells and "'-x" in cells
    assert "-20.0" in cells  # a number we wrote stays a number


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
