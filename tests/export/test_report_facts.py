"""The three reports (PDF, web page, deck) share what they show from one public module,
``cxmapper.export.report_facts``: no export reaches into another's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import cxmapper.export as export_package
from cxmapper.export import html, pdf, pdf_blueprint, pptx, report_facts
from cxmapper.export.html import PageText, _badges
from cxmapper.export.report_text import ReportText
from cxmapper.model.document import CardKind, KanoCategory
from tests.ui.conftest import build_small_map

EXPORT = Path(export_package.__file__).parent


def _private_imports(path: Path) -> list[str]:
    """``from cxmapper.export.other import _name`` in ``path`` (another module's private names)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cxmapper."):
            if node.module == f"cxmapper.export.{path.stem}":
                continue
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{path.name}:{node.lineno} imports {node.module}.{alias.name}")
    return found


def test_no_export_module_imports_another_modules_private_names():
    found = [hit for path in sorted(EXPORT.glob("*.py")) for hit in _private_imports(path)]
    assert found == []


def test_the_three_reports_use_the_one_shared_piece():
    # Not copies: the very objects of report_facts, wherever an export uses them.
    for module in (pdf, html, pptx):
        assert module.KANO_COUNT_ORDER is report_facts.KANO_COUNT_ORDER
        assert module.TILE_LABEL is report_facts.TILE_LABEL
        assert module.metric_text is report_facts.metric_text
        assert module.KANO_COLOR is report_facts.KANO_COLOR
    assert pptx.card_badges is pdf_blueprint.card_badges is report_facts.card_badges
    assert pptx.select is pdf.select is report_facts.select
    assert pptx.translate_kano_axes is pdf.translate_kano_axes is report_facts.translate_kano_axes
    assert pptx.CONVENTION is pdf.CONVENTION is report_facts.CONVENTION
    assert html.KIND_FILL is pptx.KIND_FILL is pdf_blueprint.KIND_FILL is report_facts.KIND_FILL


def test_a_cards_badges_read_the_same_on_the_page_as_in_the_pdf_and_deck():
    doc = build_small_map()
    card = next(c for c in doc.cards if c.kind is CardKind.PAIN_POINT)
    card = card.model_copy(update={"kano": KanoCategory.MUST_BE, "severity": 4, "frequency": 2,
                                   "fail_point": True, "wait_point": True, "wait_minutes": 15,
                                   "decision_point": True})
    for lang in ("en", "zh"):
        shared = report_facts.card_badges(card, ReportText(lang))
        assert [b.text for b in shared][1] == "S4 F2"
        assert len(shared) == 5
        assert _badges(card, PageText(ReportText(lang))) == [(b.text, b.fill, b.ink) for b in shared]
    zh = [b.text for b in report_facts.card_badges(card, ReportText("zh"))]
    assert zh[0].startswith("M ") and zh[0] != "M Must-be", zh
    assert "✕ 失败点" in zh and "◇ 决策点" in zh


def test_select_names_the_unknown_and_what_the_map_has():
    doc = build_small_map()
    first = doc.personas[0]
    assert report_facts.select(doc.personas, [first.name], "persona") == [first]
    assert report_facts.select(doc.personas, None, "persona") is None
    try:
        report_facts.select(doc.personas, ["nobody"], "persona")
    except ValueError as exc:
        assert "'nobody'" in str(exc) and repr(first.name) in str(exc)
    else:
        raise AssertionError("an unknown persona was accepted")
