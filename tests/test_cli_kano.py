"""``cxmapper kano import|report`` and ``cxmapper metrics`` end to end, in process."""

import json

import pytest

from cxmapper.cli import main
from cxmapper.cli.kano import map_files
from cxmapper.model.document import (
    EmotionPoint,
    KanoCategory,
    Lane,
    LaneKind,
    MapDocument,
    MapMeta,
    Metrics,
    Persona,
    Stage,
    Step,
    make_card,
)


@pytest.fixture
def map_path(tmp_path):
    doc = MapDocument(
        meta=MapMeta(title="银行开户", locale="zh-CN"),
        stages=[
            Stage(id="st1", name="到店", steps=[Step(id="s1", name="取号"), Step(id="s2", name="排队")]),
            Stage(id="st2", name="办理", steps=[Step(id="s3", name="签字")]),
        ],
        lanes=[
            Lane(id="tp", kind=LaneKind.TOUCHPOINTS),
            Lane(id="pain", kind=LaneKind.PAIN_POINTS),
            Lane(id="opp", kind=LaneKind.OPPORTUNITIES),
        ],
        cards=[
            make_card("touchpoint", id="t1", lane="tp", step="s1", title="取号机",
                      metrics=Metrics(nps_answers=[2, 0, 0, 1, 0, 0, 3, 2, 2, 4, 6])),
            make_card("touchpoint", id="t2", lane="tp", step="s3", title="柜台",
                      metrics=Metrics(csat=40, sample_size=60)),
            make_card("pain_point", id="queue", lane="pain", step="s2", title="排队等候 40 分钟",
                      severity=4, frequency=5),
            make_card("pain_point", id="gift", lane="pain", step="s3", title="开户礼品用不上",
                      kano=KanoCategory.INDIFFERENT),
            make_card("opportunity", id="video", lane="opp", step="s2", title="视频远程开户"),
        ],
        personas=[
            Persona(id="p", name="王阿姨", as_is=[
                EmotionPoint(step="s1", score=1),
                EmotionPoint(step="s2", score=-2, reason="排队 40 分钟"),
                EmotionPoint(step="s3", score=0),
            ])
        ],
    )
    path = tmp_path / "bank.cxmap"
    _, save_file, _ = map_files()
    save_file(doc, path)
    return path


ANSWERS = """feature,functional,dysfunctional,importance,respondent
排队等候 40 分钟,理所当然,不喜欢,5,r1
排队等候 40 分钟,must-be,I dislike it,4,r2
排队等候 40 分钟,2,5,,r3
视频远程开户,喜欢,无所谓,4,r1
视频远程开户,I like it,能忍受,3,r2
开户礼品用不上,喜欢,不喜欢,2,r1
不存在,喜欢,不喜欢,2,r9
视频远程开户,喜欢,???,2,r3
"""


@pytest.fixture
def answers_path(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text(ANSWERS, encoding="utf-8-sig")
    return path


def _load(path):
    load_file, _, _ = map_files()
    return load_file(path)


def test_import_saves_surveys_and_computed_categories_and_reports_bad_rows(map_path, answers_path, capsys):
    code = main(["kano", "import", str(map_path), str(answers_path), "--rule", "aom"])
    out, err = capsys.readouterr()
    assert code == 1  # some rows were rejected; the good ones were imported
    assert "6 of 8 rows imported for 3 card(s); 2 row(s) not imported" in out
    assert "line 8: unknown feature '不存在'" in err
    assert "line 9: dysfunctional answer: unreadable Kano answer '???'" in err
    assert "开户礼品用不上: set by hand to I, the answers say O; kept" in out
    assert "1 card(s) keep a category set by hand; the answers agree for 0" in out
    doc = _load(map_path)
    assert doc.analysis.kano_rule.value == "aom"  # the method is recorded in the map
    queue, gift, video = doc.card("queue"), doc.card("gift"), doc.card("video")
    assert (queue.kano, queue.kano_computed) == (KanoCategory.MUST_BE, True)
    assert [r.respondent for r in queue.kano_survey.responses] == ["r1", "r2", "r3"]
    assert (video.kano, video.kano_computed) == (KanoCategory.ATTRACTIVE, True)
    assert (gift.kano, gift.kano_computed) == (KanoCategory.INDIFFERENT, False)
    assert len(gift.kano_survey.responses) == 1  # answers stored even when the category is kept


def test_dry_run_changes_nothing(map_path, answers_path, capsys):
    before = map_path.read_bytes()
    main(["kano", "import", str(map_path), str(answers_path), "--dry-run"])
    out, _ = capsys.readouterr()
    assert "排队等候 40 分钟: Kano - -> M" in out and "dry run" in out
    assert map_path.read_bytes() == before


def test_unreadable_answers_file_imports_nothing(map_path, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("名称,答案\n排队,喜欢\n", encoding="utf-8")
    before = map_path.read_bytes()
    assert main(["kano", "import", str(map_path), str(bad)]) == 1
    assert "nothing imported" in capsys.readouterr().err
    assert map_path.read_bytes() == before


def test_report_prints_the_method_and_one_row_per_feature(map_path, answers_path, capsys):
    main(["kano", "import", str(map_path), str(answers_path), "--table", "pouliot"])
    capsys.readouterr()
    assert main(["kano", "report", str(map_path)]) == 0
    out = capsys.readouterr().out
    assert "Pouliot's modified evaluation table" in out
    assert "most frequent category, ties M > O > A > I" in out
    row = next(line for line in out.splitlines() if line.startswith("排队等候 40 分钟"))
    # n 3: M 3; strength 100, total 100, Fong yes, Better 0.00, Worse -1.00, func 2.00, dysf 4.00
    assert row.split() == ["排队等候", "40", "分钟", "3", "0", "0", "3", "0", "0", "0", "M", "M",
                           "100.0", "100.0", "yes", "0.00", "-1.00", "2.00", "4.00", "4.5"]
    assert "开户礼品用不上" in out and "I*" in out  # the hand-set category is marked
    assert "importance-weighted" in out


def test_report_on_a_map_without_answers_and_on_a_missing_file(map_path, tmp_path, capsys):
    assert main(["kano", "report", str(map_path)]) == 0
    assert "no pain point or opportunity has Kano answers yet" in capsys.readouterr().out
    assert main(["kano", "report", str(tmp_path / "nope.cxmap")]) == 1
    assert "nope.cxmap" in capsys.readouterr().err


def test_metrics_command(map_path, capsys):
    assert main(["metrics", str(map_path)]) == 0
    out = capsys.readouterr().out
    assert "CSAT: % of 4–5 answers on 1–5" in out and "CES: mean answer on 1–7" in out
    assert "到店 / 取号: NPS +20.0 n=20" in out
    assert "办理: NPS - | CSAT 40.0 n=60" in out
    assert "whole map: NPS +20.0 n=20 | CSAT 40.0 n=60 | CES -" in out
    assert "王阿姨 (as-is): 33% of steps positive (1 of 3 above neutral 0)" in out
    assert "moment of pain: 排队 (-2) — 排队 40 分钟" in out


def test_saved_file_is_valid_json_with_the_new_fields(map_path, answers_path):
    main(["kano", "import", str(map_path), str(answers_path)])
    raw = json.loads(map_path.read_text(encoding="utf-8"))
    card = next(c for c in raw["cards"] if c["id"] == "queue")
    assert card["kano"] == "must_be" and card["kano_computed"] is True
    assert card["kano_survey"]["responses"][0]["functional"] == "must_be"
    assert raw["analysis"]["kano_table"] == "standard"


def test_the_shipped_example_answers_match_the_chinese_example_map(tmp_path, capsys):
    from pathlib import Path

    from cxmapper.model.kano import analyse_survey, replace_cards
    from cxmapper.model.kano_import import read_answers, surveys_for

    root = Path(__file__).resolve().parents[1] / "resources" / "examples"
    answers = root / "kano-answers.zh.csv"
    doc = _load(root / "bank-account-opening.zh.cxmap")
    text = answers.read_text(encoding="utf-8-sig")
    for wording in ("理所当然", "应该的", "无所谓", "能忍受", "不喜欢", "I like it", ",5,"):
        assert wording in text  # mixed wordings: Chinese, English, codes
    result = read_answers(answers, doc)
    assert result.problems == [] and result.rows_read == result.rows_accepted > 0
    kano_cards = [c for c in doc.cards if c.kind.value in ("pain_point", "opportunity")]
    assert set(result.responses) == {c.id for c in kano_cards}
    updated = replace_cards(doc, surveys_for(doc, result))
    for card in kano_cards:  # the answers back the categories the map's authors chose
        assert analyse_survey(updated.card(card.id).kano_survey).category is card.kano, card.title
    copy = tmp_path / "bank.cxmap"
    copy.write_bytes((root / "bank-account-opening.zh.cxmap").read_bytes())
    assert main(["kano", "import", str(copy), str(answers)]) == 0
    assert "the answers agree for 28" in capsys.readouterr().out


def test_rank_prints_pain_points_in_priority_order_with_reasons(map_path, answers_path, capsys):
    main(["kano", "import", str(map_path), str(answers_path)])
    capsys.readouterr()
    assert main(["kano", "rank", str(map_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    first = next(k for k, line in enumerate(lines) if line.startswith("  1."))
    # queue: must-be, Worse −1, 4 × 5: 100 × 1.0 × 1.5 × 20/25 = 120
    assert lines[first].split() == ["1.", "120.0", "[M]", "排队等候", "40", "分钟", "(到店", "/", "排队)"]
    assert "touchpoints" not in lines[first + 1]  # no touchpoint in that step or linked
    assert any("severity 4 × frequency 5 = 20 of 25" in line for line in lines[first:first + 6])
    assert "  2." in out and "开户礼品用不上" in out
