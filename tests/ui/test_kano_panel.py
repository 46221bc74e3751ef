"""The Kano panel: the table against the answers file, the method, recompute, import, refreshes."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from cxmapper.model.document import KanoCategory, KanoResponse, KanoRule, KanoSurvey
from cxmapper.model.editor import Editor, UpdateCard
from cxmapper.model.fileformat import load_file
from cxmapper.ui.commands import push_edit
from cxmapper.ui.panels.kano_panel import MARK_MANUAL, ImportResultDialog, KanoPanel

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "resources/examples/bank-account-opening.zh.cxmap"
ANSWERS = ROOT / "resources/examples/kano-answers.zh.csv"

# --- an independent reading of the answers file (not the model's parser) ---------------------

# Every wording the example file uses, by answer position 0..4 (like … dislike).
_WORDING = {
    0: {"like", "i like it", "喜欢", "我喜欢", "很喜欢", "1"},
    1: {"must-be", "i expect it", "理所当然", "应该的", "必须的", "2"},
    2: {"i am neutral", "无所谓", "没感觉", "一般", "3"},
    3: {"i can live with it", "能忍受", "可以忍受", "勉强接受", "4"},
    4: {"dislike", "i dislike it", "不喜欢", "讨厌", "不满意", "5"},
}
# Berger et al. 1993, rows functional, columns dysfunctional.
_STANDARD = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]


def _position(text: str) -> int:
    return next(k for k, words in _WORDING.items() if text.strip().lower() in words)


def expected_counts(feature: str) -> Counter:
    counts = Counter()
    with ANSWERS.open(encoding="utf-8-sig", newline="") as handle:
        for row in list(csv.reader(handle))[1:]:
            if row[0] == feature:
                counts[_STANDARD[_position(row[1])][_position(row[2])]] += 1
    return counts


def expected_mode(counts: Counter) -> str:
    return max("MOAIRQ", key=lambda code: counts[code])  # first of equals: M > O > A > I > R > Q


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture
def setup(qtbot):
    editor, stack = Editor(load_file(BANK)), QUndoStack()
    panel = KanoPanel(editor, stack)
    qtbot.addWidget(panel)
    panel.resize(1300, 650)
    panel.tabs.setCurrentIndex(1)  # the ranking: the chart (seconds of matplotlib) stays hidden
    panel.show()
    outcome = panel.import_file(ANSWERS, show_result=False)
    assert outcome.imported and not outcome.problems and stack.count() == 1
    panel.refresh()
    return panel, editor, stack


def row_of(panel: KanoPanel, title: str) -> dict[str, str]:
    model = panel.table_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == title:
            return {key: model.index(row, k).data() for k, (key, _, _) in enumerate(model.columns)}
    raise AssertionError(f"no row for {title!r}")


def card_titled(editor: Editor, title: str):
    return next(card for card in editor.doc.cards if card.title == title)


def settle(qtbot) -> None:
    qtbot.wait(1)  # let the panel's zero-delay refresh timer run


# --- tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["视频远程开户，免到店", "开户礼品是一把伞，用不上", "营销电话太多，感觉被打扰", "身份证 OCR 识别失败，只能手工录入"]
)
def test_table_counts_and_category_match_the_answers_file(setup, title):
    panel, _, _ = setup
    counts = expected_counts(title)
    assert sum(counts.values()) == 12  # twelve respondents in the example
    row = row_of(panel, title)
    assert row["n"] == "12"
    assert {code: int(row[code.lower()]) for code in "AOMIRQ"} == {code: counts[code] for code in "AOMIRQ"}
    assert row["category"].endswith(f"({expected_mode(counts)})")
    a, o, m, i = (counts[c] for c in "AOMI")
    assert row["better"] == f"{(a + o) / (a + o + m + i):.2f}"
    assert float(row["worse"]) == pytest.approx(-(o + m) / (a + o + m + i), abs=0.005)


def test_category_is_coloured_and_translated_name_shown(setup):
    panel, _, _ = setup
    model = panel.table_model
    column = model.column("category")
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "视频远程开户，免到店")
    index = model.index(row, column)
    assert index.data() == "Attractive (A)"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#15803d"


def test_hand_set_category_is_marked_and_recompute_keeps_it_unless_asked(setup, qtbot):
    panel, editor, stack = setup
    card = card_titled(editor, "视频远程开户，免到店")
    push_edit(stack, editor, UpdateCard(card.id, {"kano": KanoCategory.REVERSE, "kano_computed": False}), "Set")
    settle(qtbot)
    row = next(r for r in panel.table_model.rows if r.card.id == card.id)
    assert row.mark == MARK_MANUAL and row_of(panel, card.title)["card"].startswith("✎")
    assert panel.recompute_button.isEnabled()
    count = stack.count()
    assert panel.recompute(override_manual=False) == 0  # nothing else differs: nothing pushed
    assert stack.count() == count and editor.card(card.id).kano is KanoCategory.REVERSE
    kinds = {c.id: c.kano for c in editor.doc.cards if getattr(c, "kano_survey", None)}
    # Overwriting makes every hand-set category a computed one; only this one changes value.
    assert panel.recompute(override_manual=True) == len(kinds)
    assert stack.count() == count + 1
    changed = {c.id for c in editor.doc.cards if c.id in kinds and c.kano != kinds[c.id]}
    assert changed == {card.id}
    assert editor.card(card.id).kano is KanoCategory.ATTRACTIVE and editor.card(card.id).kano_computed
    stack.undo()
    assert editor.card(card.id).kano is KanoCategory.REVERSE and not editor.card(card.id).kano_computed


def _split_survey() -> KanoSurvey:
    """A = O = M = 2, I = 5: mode gives I; A+O+M (6) > I+R+Q (5) gives M under the aom rule."""
    pairs = [("like", "neutral")] * 2 + [("like", "dislike")] * 2 + [("neutral", "dislike")] * 2
    pairs += [("neutral", "neutral")] * 5
    return KanoSurvey(responses=[KanoResponse(functional=f, dysfunctional=d) for f, d in pairs])


def test_changing_the_rule_is_one_undo_step_and_undo_restores(setup, qtbot):
    panel, editor, stack = setup
    card = card_titled(editor, "开户礼品是一把伞，用不上")
    push_edit(stack, editor, UpdateCard(card.id, {"kano_survey": _split_survey()}), "Answers")
    settle(qtbot)
    assert row_of(panel, card.title)["category"] == "Indifferent (I)"
    count = stack.count()
    aom = panel.rule_combo.findData(KanoRule.AOM.value)
    panel.rule_combo.setCurrentIndex(aom)
    panel.rule_combo.activated.emit(aom)  # what a person's choice emits
    settle(qtbot)
    assert stack.count() == count + 1
    assert editor.doc.analysis.kano_rule is KanoRule.AOM
    assert row_of(panel, card.title)["category"] == "Must-be (M)"
    assert editor.card(card.id).kano is KanoCategory.INDIFFERENT  # the card itself is not changed
    stack.undo()
    settle(qtbot)
    assert editor.doc.analysis.kano_rule is KanoRule.MODE
    assert panel.rule_combo.currentData() == KanoRule.MODE.value
    assert row_of(panel, card.title)["category"] == "Indifferent (I)"


def test_import_with_bad_rows_reports_them_and_is_one_undo_step(setup, tmp_path, qtbot):
    panel, editor, stack = setup
    card = card_titled(editor, "视频远程开户，免到店")
    before = editor.card(card.id).kano_survey
    answers = tmp_path / "答卷.csv"
    answers.write_text(
        "功能,正向,反向,重要性\n"
        "视频远程开户，免到店,喜欢,不喜欢,5\n"  # line 2: good
        "没有这个功能,喜欢,不喜欢,3\n"  # line 3: unknown feature
        "视频远程开户，免到店,也许吧,不喜欢,3\n"  # line 4: unreadable answer
        "视频远程开户，免到店,无所谓,,2\n"  # line 5: missing dysfunctional
        "视频远程开户，免到店,like,能忍受,很重要\n"  # line 6: importance not a number
        "视频远程开户，免到店,1,5,4\n",  # line 7: good
        encoding="utf-8",
    )
    count = stack.count()
    outcome = panel.import_file(answers)
    assert [line for line, _ in outcome.problems] == [3, 4, 5, 6]
    assert "没有这个功能" in outcome.problems[0][1] and "也许吧" in outcome.problems[1][1]
    assert outcome.rows_accepted == 2 and stack.count() == count + 1
    settle(qtbot)
    assert row_of(panel, card.title)["n"] == "2" and row_of(panel, card.title)["o"] == "2"
    dialog = panel.last_dialog
    assert isinstance(dialog, ImportResultDialog) and dialog.isVisible()
    shown = [dialog.problems.item(k, 0).data(Qt.ItemDataRole.DisplayRole) for k in range(dialog.problems.rowCount())]
    assert shown == [3, 4, 5, 6]
    assert "2 of 6" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "import-dialog.png"))
    stack.undo()
    assert editor.card(card.id).kano_survey == before


def test_unreadable_file_imports_nothing(setup, tmp_path):
    panel, _, stack = setup
    bad = tmp_path / "坏.csv"
    bad.write_text("名字,年龄\n张三,3\n", encoding="utf-8")
    count = stack.count()
    outcome = panel.import_file(bad, show_result=False)
    assert outcome.error and "header" in outcome.error and stack.count() == count


def test_unrelated_edit_does_not_rebuild_but_a_kano_card_edit_does(setup, qtbot):
    panel, editor, stack = setup
    touchpoint = next(card for card in editor.doc.cards if card.kind.value == "touchpoint")
    refreshes = panel.refresh_count
    push_edit(stack, editor, UpdateCard(touchpoint.id, {"title": "柜台叫号屏"}), "Retitle")
    settle(qtbot)
    assert panel.refresh_count == refreshes
    pain = card_titled(editor, "开户礼品是一把伞，用不上")
    push_edit(stack, editor, UpdateCard(pain.id, {"title": "开户礼品没用"}), "Retitle")
    settle(qtbot)
    assert panel.refresh_count == refreshes + 1
    assert row_of(panel, "开户礼品没用")["n"] == "12"


def _ranking(panel: KanoPanel) -> dict[str, object]:
    return {entry.card.id: entry for entry in panel.ranking_model.rows}


def test_ranking_follows_ratings_and_explains(setup, qtbot):
    panel, editor, stack = setup
    title = "开户礼品是一把伞，用不上"
    pain = card_titled(editor, title)
    rank_before = _ranking(panel)[pain.id].rank
    push_edit(stack, editor, UpdateCard(pain.id, {"severity": 5, "frequency": 5, "kano": KanoCategory.MUST_BE}), "Rate")
    settle(qtbot)
    entry = _ranking(panel)[pain.id]
    counts = expected_counts(title)
    a, o, m, i = (counts[c] for c in "AOMI")
    # docs/KANO.md: 100 × must-be weight 1.0 × (0.5 + |Worse|) × 5 × 5 / 25
    row = panel.ranking_model.rows.index(entry)
    shown_score = panel.ranking_model.index(row, panel.ranking_model.column("score")).data()
    assert float(shown_score) == pytest.approx(100 * (0.5 + (o + m) / (a + o + m + i)), abs=0.05)
    assert entry.rank < rank_before
    panel.select_card(pain.id)
    reasons = panel.reasons.text()
    assert title in reasons and "set by hand" in reasons  # the answers say indifferent
    assert "5 × frequency 5" in reasons


def test_selecting_a_row_emits_the_card(setup, qtbot):
    panel, editor, _ = setup
    panel.tabs.setCurrentIndex(0)
    card = card_titled(editor, "电子签名板，一次签署全部文件")
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == card.title)
    with qtbot.waitSignal(panel.card_activated) as signal:
        panel.table.setCurrentIndex(panel.proxy.index(row, 0))
    assert signal.args == [card.id]
    panel.tabs.setCurrentIndex(1)
    pain = card_titled(editor, "开户礼品是一把伞，用不上")
    ranked = next(r for r in range(panel.ranking_proxy.rowCount())
                  if panel.ranking_proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) == pain.id)
    with qtbot.waitSignal(panel.card_activated) as signal:
        panel.ranking.setCurrentIndex(panel.ranking_proxy.index(ranked, 2))
    assert signal.args == [pain.id] and "开户礼品是一把伞" in panel.reasons.text()
    panel.select_card(card.id)
    with qtbot.assertNotEmitted(panel.card_activated):
        panel.refresh()  # re-selecting after a rebuild does not move the canvas
    assert panel.selected_card_id() == card.id


def test_chart_draws_and_follows_edits(setup, qtbot, tmp_path):
    panel, editor, stack = setup
    panel.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: panel.chart.render_count >= 1, timeout=120_000)
    assert panel.chart.pixmap is not None and not panel.chart.pixmap.isNull()
    drawn = panel.chart.render_count
    pain = card_titled(editor, "开户礼品是一把伞，用不上")
    push_edit(stack, editor, UpdateCard(pain.id, {"title": "开户礼品没用"}), "Retitle")
    qtbot.waitUntil(lambda: panel.chart.render_count > drawn, timeout=120_000)
    panel.grab().save(str(tmp_path / "kano-panel.png"))
    assert (tmp_path / "kano-panel.png").stat().st_size > 10_000


def test_a_chart_deleted_while_it_is_drawn_is_never_reached_from_the_render_thread(setup, qtbot):
    from cxmapper.ui.panels import kano_panel

    points = setup[0].chart._points
    chart = kano_panel.BetterWorseChart()  # not the bot's: this test deletes it
    chart.resize(600, 500)
    chart.show()
    chart.set_points(points)
    chart.render_now()
    (generation, future), *_ = chart._pending
    assert not future._done_callbacks  # nothing runs on the render thread once it is drawn
    chart.deleteLater()
    qtbot.wait(10)  # the chart is gone while it is being drawn
    kano_panel._render_pool_once().submit(lambda: None).result(timeout=120)  # the drawing is done
    qtbot.wait(50)  # a result delivered now would reach a deleted widget


def test_building_the_panel_does_not_import_matplotlib():
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtGui import QUndoStack\n"
        "app = QApplication([])\n"
        "from cxmapper.model.editor import Editor\n"
        "from cxmapper.model.fileformat import load_file\n"
        "from cxmapper.ui.panels.kano_panel import KanoPanel\n"
        f"panel = KanoPanel(Editor(load_file({str(BANK)!r})), QUndoStack())\n"
        "panel.refresh()\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == "False", result.stderr


def test_fill_substitutes_placeholders_once():
    from cxmapper.ui.panels.kano_panel import fill

    assert fill("从 %1 导入 %2 行", "答卷%2.csv", 3) == "从 答卷%2.csv 导入 3 行"


def test_columns_sort_by_number_not_text(setup):
    panel, _, _ = setup
    model = panel.table_model
    for key in ("worse", "m", "functional"):
        column = model.column(key)
        panel.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        shown = [float(panel.proxy.index(r, column).data()) for r in range(panel.proxy.rowCount())]
        assert shown == sorted(shown) and len(set(shown)) > 2, key


def test_recompute_button_asks_before_overwriting_hand_set_categories(setup, qtbot, monkeypatch):
    panel, editor, stack = setup
    card = card_titled(editor, "视频远程开户，免到店")
    push_edit(stack, editor, UpdateCard(card.id, {"kano": KanoCategory.REVERSE, "kano_computed": False}), "Set")
    settle(qtbot)
    asked = []
    monkeypatch.setattr(panel, "_ask_override", lambda count: asked.append(count))  # cancel
    count = stack.count()
    panel.recompute_button.click()
    assert asked == [1] and stack.count() == count
    monkeypatch.setattr(panel, "_ask_override", lambda count: True)
    panel.recompute_button.click()
    assert stack.count() == count + 1 and editor.card(card.id).kano is KanoCategory.ATTRACTIVE


def test_a_hidden_panel_refreshes_only_when_shown(qtbot):
    editor, stack = Editor(load_file(BANK)), QUndoStack()
    panel = KanoPanel(editor, stack)
    qtbot.addWidget(panel)
    pain = next(card for card in editor.doc.cards if card.kind.value == "pain_point")
    push_edit(stack, editor, UpdateCard(pain.id, {"severity": 5}), "Rate")
    settle(qtbot)
    assert panel.refresh_count == 0
    panel.show()
    with_answers = [card for card in editor.doc.cards if getattr(card, "kano_survey", None) is not None]
    assert panel.refresh_count == 1 and panel.table_model.rowCount() == len(with_answers)


def test_a_computed_category_out_of_date_after_a_method_change_is_marked_and_recomputed(setup, qtbot):
    panel, editor, stack = setup
    card = card_titled(editor, "开户礼品是一把伞，用不上")
    push_edit(stack, editor, UpdateCard(card.id, {"kano_survey": _split_survey(),
                                                  "kano": KanoCategory.INDIFFERENT, "kano_computed": True}), "Answers")
    assert panel.set_method(rule=KanoRule.AOM)
    settle(qtbot)
    assert row_of(panel, card.title)["card"] == "↻ Indifferent (I)"
    count = stack.count()
    assert panel.recompute() == 1  # the hand-set categories of the other cards are kept
    assert stack.count() == count + 1 and editor.card(card.id).kano is KanoCategory.MUST_BE
    settle(qtbot)
    assert row_of(panel, card.title)["card"] == "Must-be (M)"


def test_xlsx_answers_import_through_the_panel(setup, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    panel, editor, stack = setup
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["功能", "正向", "反向", "受访者"])
    for functional, dysfunctional in (("喜欢", "不喜欢"), ("应该的", "不喜欢"), (3, 5), ("喜欢", "???")):
        sheet.append(["电子签名板，一次签署全部文件", functional, dysfunctional, "R1"])
    path = tmp_path / "答卷.xlsx"
    book.save(path)
    outcome = panel.import_file(path, show_result=False)
    assert outcome.rows_accepted == 3 and [line for line, _ in outcome.problems] == [5]
    panel.refresh()
    row = row_of(panel, "电子签名板，一次签署全部文件")
    assert (row["n"], row["o"], row["m"]) == ("3", "1", "2")


def test_the_panel_speaks_chinese(qtbot):
    from cxmapper.ui.i18n import install_translators, remove_translators

    translators = install_translators("zh_CN")
    try:
        editor = Editor(load_file(BANK))
        panel = KanoPanel(editor, QUndoStack())
        qtbot.addWidget(panel)
        panel.show()
        panel.import_file(ANSWERS, show_result=False)
        panel.refresh()
        model = panel.table_model
        assert model.headerData(model.column("feature"), Qt.Orientation.Horizontal) == "功能"
        assert row_of(panel, "视频远程开户，免到店")["category"] == "兴奋型 (A)"
        assert panel.import_button.text() == "导入问卷答案…"
        assert panel.tabs.tabText(1) == "优先级"
    finally:
        remove_translators(translators)


def test_a_map_without_answers_says_how_to_get_them(qtbot):
    from tests.ui.shell_support import sample_document

    panel = KanoPanel(Editor(sample_document()), QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.table_model.rowCount() == 0 and not panel.recompute_button.isEnabled()
    assert "CSV or XLSX" in panel.summary_label.text()
    assert panel.ranking_model.rowCount() == 0  # the ranking tab is not open yet
    panel.tabs.setCurrentIndex(1)
    assert [entry.card.title for entry in panel.ranking_model.rows] == ["等待太久"]


def test_a_new_pain_point_without_answers_leaves_the_table_and_the_analyses_alone(setup, qtbot):
    from cxmapper.model.document import CardKind, make_card
    from cxmapper.model.editor import AddCard

    panel, editor, stack = setup
    rows_before = list(panel.table_model.rows)
    resets = []
    panel.table_model.modelReset.connect(lambda: resets.append(1))
    pain = next(c for c in editor.doc.cards if c.kind is CardKind.PAIN_POINT)
    push_edit(stack, editor, AddCard(make_card("pain_point", lane=pain.lane, step=pain.step, title="新的痛点")), "Add")
    before = panel.refresh_count
    qtbot.waitUntil(lambda: panel.refresh_count > before)
    assert resets == []  # no row changed: the table is not rebuilt
    assert all(a.analysis is b.analysis for a, b in zip(panel.table_model.rows, rows_before))
    # a surveyed card retitled: its row changes, its analysis is kept
    surveyed = rows_before[0].card
    push_edit(stack, editor, UpdateCard(surveyed.id, {"title": "改过的标题"}), "Retitle")
    qtbot.waitUntil(lambda: bool(resets))
    row = next(r for r in panel.table_model.rows if r.card.id == surveyed.id)
    assert row.card.title == "改过的标题" and row.analysis is rows_before[0].analysis
