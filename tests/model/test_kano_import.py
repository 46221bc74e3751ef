"""Importing Kano answers: wordings, encodings, delimiters, bad rows by line number."""

import pytest

from cxmapper.model.document import KanoAnswer, KanoCategory, Lane, LaneKind, MapDocument, Stage, Step, make_card
from cxmapper.model.kano import analyse_survey, apply_analysis, replace_cards
from cxmapper.model.kano_import import KanoImportError, read_answers, surveys_for


@pytest.fixture
def doc():
    return MapDocument(
        stages=[Stage(id="st1", name="到店", steps=[Step(id="s1", name="排队")])],
        lanes=[
            Lane(id="tp", kind=LaneKind.TOUCHPOINTS),
            Lane(id="pain", kind=LaneKind.PAIN_POINTS),
            Lane(id="opp", kind=LaneKind.OPPORTUNITIES),
        ],
        cards=[
            make_card("touchpoint", id="t1", lane="tp", step="s1", title="取号机"),
            make_card("pain_point", id="p-queue", lane="pain", step="s1", title="排队等候 40 分钟"),
            make_card("pain_point", id="p-ocr", lane="pain", step="s1", title="身份证 OCR 识别失败"),
            make_card("opportunity", id="o-video", lane="opp", step="s1", title="Video account opening"),
            make_card("pain_point", id="dup1", lane="pain", step="s1", title="重复标题"),
            make_card("pain_point", id="dup2", lane="pain", step="s1", title="重复标题"),
        ],
    )


MIXED = """功能,正向,反向,重要性,受访者
排队等候 40 分钟,理所当然,不喜欢,5,r1
排队等候 40 分钟,I expect it,I dislike it,4,r2
排队等候 40 分钟,2,5,,r3
p-ocr,应该的,dislike,3,r1
身份证 OCR 识别失败,无所谓,能忍受,2,r2
video account opening,喜欢,无所谓,4,r1
Video Account Opening,1,3,,r2
不存在的痛点,喜欢,不喜欢,3,r4
排队等候 40 分钟,也许吧,不喜欢,3,r5
排队等候 40 分钟,喜欢,,3,r6
t1,喜欢,不喜欢,3,r7
重复标题,喜欢,不喜欢,3,r8
排队等候 40 分钟,喜欢,不喜欢,很重要,r9

p-ocr,Must-be,I can live with it,1,r3
"""


def _write(tmp_path, text, name="answers.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_mixed_wordings_good_rows_count_bad_rows_reported_by_line(tmp_path, doc):
    result = read_answers(_write(tmp_path, MIXED), doc)
    assert result.rows_read == 14  # the blank line is not a row
    assert result.rows_accepted == 8
    assert {card: len(answers) for card, answers in result.responses.items()} == {
        "p-queue": 3,
        "p-ocr": 3,
        "o-video": 2,
    }
    problems = {p.line: p.reason for p in result.problems}
    assert sorted(problems) == [9, 10, 11, 12, 13, 14]
    assert "unknown feature '不存在的痛点'" in problems[9]
    assert "functional answer" in problems[10] and "也许吧" in problems[10]
    assert "missing dysfunctional value" in problems[11]
    assert "touchpoint" in problems[12]
    assert "matches 2 cards" in problems[13]
    assert "importance '很重要' is not a number" in problems[14]
    assert "6 row(s) not imported" in result.summary()

    queue = result.responses["p-queue"]
    assert [r.functional for r in queue] == [KanoAnswer.MUST_BE] * 3
    assert [r.dysfunctional for r in queue] == [KanoAnswer.DISLIKE] * 3
    assert [r.importance for r in queue] == [5.0, 4.0, None]
    assert [r.respondent for r in queue] == ["r1", "r2", "r3"]


def test_imported_answers_become_surveys_and_categories(tmp_path, doc):
    result = read_answers(_write(tmp_path, MIXED), doc)
    updated = replace_cards(doc, surveys_for(doc, result))
    assert doc.card("p-queue").kano_survey is None  # the original is untouched
    survey = updated.card("p-queue").kano_survey
    assert survey.source == "answers.csv"
    assert analyse_survey(survey).category is KanoCategory.MUST_BE
    changes = {c.card_id: c.after.kano for c in apply_analysis(updated)}
    assert changes == {
        "p-queue": KanoCategory.MUST_BE,  # M/D three times: M M M
        "p-ocr": KanoCategory.INDIFFERENT,  # M/D = M, N/LW = I, M/LW = I
        "o-video": KanoCategory.ATTRACTIVE,  # L/N = A twice
    }


def test_reimport_replaces_the_earlier_answers(tmp_path, doc):
    path = _write(tmp_path, "feature,functional,dysfunctional\np-queue,like,dislike\n")
    once = replace_cards(doc, surveys_for(doc, read_answers(path, doc)))
    twice = replace_cards(once, surveys_for(once, read_answers(path, once)))
    assert len(twice.card("p-queue").kano_survey.responses) == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_encodings_utf8_with_and_without_bom_and_gb18030(tmp_path, doc, encoding):
    text = "功能,正向,反向\n排队等候 40 分钟,喜欢,不喜欢\n身份证 OCR 识别失败,理所当然,不喜欢\n"
    result = read_answers(_write(tmp_path, text, encoding=encoding), doc)
    assert result.problems == []
    assert set(result.responses) == {"p-queue", "p-ocr"}


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path, doc, delimiter):
    rows = [["feature", "functional", "dysfunctional", "respondent id"],
            ["p-queue", "I like it", "I dislike it", "r1"],
            ["p-ocr", "must-be", "dislike", "r1"]]
    text = "\n".join(delimiter.join(row) for row in rows) + "\n"
    result = read_answers(_write(tmp_path, text), doc)
    assert result.rows_accepted == 2 and result.problems == []
    assert result.responses["p-queue"][0].respondent == "r1"


def test_a_quoted_multiline_field_keeps_line_numbers_right(tmp_path, doc):
    text = 'feature,functional,dysfunctional\n"not\na card",like,dislike\np-queue,like,oops\n'
    result = read_answers(_write(tmp_path, text), doc)
    assert [p.line for p in result.problems] == [2, 4]


def test_header_without_needed_columns_imports_nothing(tmp_path, doc):
    path = _write(tmp_path, "名称,答案\n排队等候 40 分钟,喜欢\n")
    with pytest.raises(KanoImportError, match="no feature / functional / dysfunctional column"):
        read_answers(path, doc)


def test_unreadable_bytes_and_empty_files_import_nothing(tmp_path, doc):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"feature,functional,dysfunctional\n\xff\xfe\x00\xd8")
    with pytest.raises(KanoImportError, match="bad.csv: not UTF-8 or GB18030"):
        read_answers(bad, doc)
    with pytest.raises(KanoImportError, match="empty"):
        read_answers(_write(tmp_path, "\n\n", name="empty.csv"), doc)
    with pytest.raises(KanoImportError, match="missing.csv"):
        read_answers(tmp_path / "missing.csv", doc)


def test_xlsx_with_numeric_codes(tmp_path, doc):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["需求", "正向问题", "反向问题", "重要程度"])
    sheet.append(["排队等候 40 分钟", 2, 5, 4])
    sheet.append(["身份证 OCR 识别失败", 1.0, 5.0, None])
    sheet.append(["排队等候 40 分钟", 7, 5, 1])
    path = tmp_path / "answers.xlsx"
    book.save(path)
    result = read_answers(path, doc)
    assert result.rows_accepted == 2
    assert [(p.line, "'7'" in p.reason) for p in result.problems] == [(4, True)]
    assert result.responses["p-ocr"][0].functional is KanoAnswer.LIKE
    assert result.responses["p-queue"][0].importance == 4.0


def test_a_damaged_workbook_imports_nothing(tmp_path, doc):
    path = _write(tmp_path, "not a zip", name="answers.xlsx")
    with pytest.raises(KanoImportError, match="cannot read the workbook"):
        read_answers(path, doc)


def test_import_as_one_undoable_editor_batch(tmp_path, doc):
    from cxmapper.model.editor import Editor
    from cxmapper.model.kano_import import import_edit

    before = doc.model_dump()
    result = read_answers(_write(tmp_path, MIXED), doc)
    batch, changes = import_edit(doc, result)
    assert {c.card_id for c in changes} == {"p-queue", "p-ocr", "o-video"}
    editor = Editor(doc)
    inverse = editor.apply(batch)
    queue = editor.card("p-queue")
    assert (queue.kano, queue.kano_computed, len(queue.kano_survey.responses)) == (KanoCategory.MUST_BE, True, 3)
    assert editor.card("p-ocr").kano is KanoCategory.INDIFFERENT
    editor.apply(inverse)  # one undo step takes back answers and categories
    assert editor.doc.model_dump() == before


@pytest.mark.parametrize("importance", ["nan", "inf", "-1", "1e9"])
def test_impossible_importances_are_reported(tmp_path, doc, importance):
    text = f"feature,functional,dysfunctional,importance\np-queue,like,dislike,{importance}\np-queue,like,dislike,3,5\n"
    result = read_answers(_write(tmp_path, text), doc)
    assert [(p.line, "outside 0 … 1000" in p.reason) for p in result.problems] == [(2, True)]
    assert result.rows_accepted == 1
