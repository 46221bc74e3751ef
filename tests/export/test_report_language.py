"""The PDF report in the map's language: Chinese for a zh map, English otherwise, --lang overrides."""

from __future__ import annotations

import re
import string

import pytest
from pypdf import PdfReader

from cxmapper.cli import main
from cxmapper.export.pdf import export_pdf
from cxmapper.export.report_text import REASON_ZH, ZH, ReportText, report_language
from cxmapper.model.document import KanoCategory
from cxmapper.model.fileformat import load_file
from cxmapper.model.priority import REASON_TEXT, rank_pain_points
from cxmapper.paths import EXAMPLES
from tests.export.test_pdf import _outline_titles

BANK = EXAMPLES / "bank-account-opening.zh.cxmap"

#: What the English report prints as headings, labels, legends and table headers.
ENGLISH_WORDS = [
    "Cover", "Blueprint", "Emotion curves", "Pain points ranked", "Metrics per stage",
    "Kano analysis", "Appendix", "Personas", "Line of interaction", "Line of visibility",
    "Line of internal interaction", "Must-be", "One-dimensional", "Attractive", "Indifferent",
    "Cards:", "Marks:", "Border:", "Severity", "Frequency", "Priority", "Stage › step",
    "Touchpoint", "Report date", "page ", "Moments of pain", "Survey category", "Decision",
    "Fail", "Wait", "observed", "pain points", "Cards measured", "Evaluation table",
]


def _pdf_text(path) -> tuple[str, list[str]]:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages), _outline_titles(reader)


@pytest.fixture(scope="module")
def bank_reports(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lang")
    doc = load_file(BANK)
    zh, en = tmp / "zh.pdf", tmp / "en.pdf"
    export_pdf(doc, zh)  # the map is zh_CN: Chinese by default
    export_pdf(doc, en, lang="en")
    return doc, _pdf_text(zh), _pdf_text(en)


def test_chinese_map_gets_a_chinese_report(bank_reports):
    _, (text, outline), _ = bank_reports
    for heading in ("封面", "服务蓝图", "情绪曲线", "痛点优先级排序", "各阶段指标", "Kano 分析"):  # no card is cut: no appendix
        assert any(title.startswith(heading) for title in outline), heading
    for word in ("互动分界线", "可视分界线", "内部互动分界线", "基本型", "期望型", "兴奋型", "无差异型",
                 "卡片：", "标记：", "边框：", "严重度", "阶段 › 步骤", "报告日期",
                 "痛苦时刻", "问卷类别", "第 1 页"):
        assert word in text, word
    leftovers = [w for w in ENGLISH_WORDS if w in text]
    assert not leftovers, f"English left in the Chinese report: {leftovers}"
    assert not [t for t in outline if re.search(r"[A-Za-z]{4,}", t) and not t.startswith("Kano")], outline


def test_english_override_of_a_chinese_map(bank_reports):
    doc, _, (text, outline) = bank_reports
    assert outline[:2] == ["Cover", "Blueprint"]
    for word in ("Pain points ranked", "Line of visibility", "Must-be", "Kano analysis", "Severity"):
        assert word in text, word
    assert "互动分界线" not in text and "痛点优先级排序" not in text
    # the user's own words stay as written
    assert doc.stages[0].name in text


def test_cli_lang_flag(tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert main(["export", str(BANK), "--pdf", str(out), "--lang", "en"]) == 0
    assert _pdf_text(out)[1][0] == "Cover"
    with pytest.raises(SystemExit):
        main(["export", str(BANK), "--pdf", str(out), "--lang", "fr"])
    assert "--lang" in capsys.readouterr().err


def test_language_follows_the_locale():
    assert report_language("zh_CN") == report_language("zh-Hant-TW") == report_language("ZH") == "zh"
    assert report_language("en") == report_language("") == report_language(None) == report_language("ja") == "en"
    assert report_language("zh_CN", "en") == "en" and report_language("en", "zh") == "zh"
    with pytest.raises(ValueError):
        report_language("en", "de")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_chinese_template_has_the_english_fields():
    for english, chinese in ZH.items():
        assert _fields(english) == _fields(chinese), english
    for key, english in REASON_TEXT.items():
        assert _fields(english) - {"kano_reason", "survey"} <= _fields(REASON_ZH[key]) | {"survey"}, key


def test_priority_reasons_in_both_languages():
    doc = load_file(BANK)
    ranked = rank_pain_points(doc)
    zh, en = ReportText("zh"), ReportText("en")
    for item in ranked:
        assert [en.reason(r) for r in item.reason_parts] == item.reasons
        chinese = [zh.reason(r) for r in item.reason_parts]
        assert all(not re.search(r"\b(severity|frequency|respondents|weight)\b", line) for line in chinese), chinese
    top = ranked[0]
    assert any(line.startswith("Kano：") for line in map(zh.reason, top.reason_parts))
    assert any("严重度" in line for line in map(zh.reason, top.reason_parts))
    surveyed = [r for item in ranked for r in item.reason_parts if r.key == "worse"]
    assert surveyed, "the bank example carries Kano answers"
    assert "位明确作答" in zh.reason(surveyed[0])


def test_kano_names_and_lines():
    zh = ReportText("zh")
    assert {zh.kano(k) for k in KanoCategory} == {"基本型", "期望型", "兴奋型", "无差异型", "反向型", "可疑型"}
    assert zh.kano(None) == "未分类"
    assert zh.wait(30) == "等待 30 分钟" and zh.wait(180) == "等待 3 小时" and zh.wait(None) == "等待"
    assert ReportText("en").wait(3 * 1440) == "Wait 3 d"


def test_chinese_appendix_and_no_english_left_in_a_cut_card_report(tmp_path):
    from tests.export.conftest import build_sample_map

    doc = build_sample_map()
    doc.meta = doc.meta.model_copy(update={"locale": "zh_CN"})
    long = "这张卡片的描述非常长，" * 40
    doc.cards = [c.model_copy(update={"description": long}) if c.id == "c-sms" else c for c in doc.cards]
    path = tmp_path / "a.pdf"
    export_pdf(doc, path)
    text, outline = _pdf_text(path)
    assert outline[-1] == "附录：卡片全文"
    assert "附录：蓝图上被截断的卡片全文" in text and "流程" in text  # the card's kind, in Chinese
    assert not [w for w in ENGLISH_WORDS if w in text]
