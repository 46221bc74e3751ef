"""Comment threads in the document (schema version 2): migration from version 1,
round trip, validation on load, editor operations with undo and change records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxmapper.model.comments import (
    AddComment,
    RemoveComment,
    UpdateComment,
    new_comment,
    open_threads,
    threads,
)
from cxmapper.model.document import SCHEMA_VERSION, Comment
from cxmapper.model.editor import EditError, Editor, RemoveCard, RemoveStage
from cxmapper.model.fileformat import MapFileError, dumps, load_file, loads
from tests.strategies import small_bank_map

FORMATS = Path(__file__).parents[1] / "model" / "formats"


def test_a_version_1_file_opens_migrated_with_nothing_lost():
    path = FORMATS / "v1-online-order-and-return.en.cxmap"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["schema_version"] == 1 and "comments" not in raw
    doc = load_file(path)
    assert doc.schema_version == SCHEMA_VERSION == 2 and doc.comments == []
    saved = json.loads(dumps(doc))
    assert saved["schema_version"] == 2 and saved["comments"] == []
    del saved["comments"]
    saved["schema_version"] = 1
    assert saved == raw  # everything else exactly as it was


def with_comments():
    doc = small_bank_map()
    editor = Editor(doc)
    first = new_comment("排队要多久？", "card-wait", "张伟")
    editor.apply(AddComment(first))
    editor.apply(AddComment(new_comment("平均 40 分钟", "card-wait", "王芳", thread=first.id)))
    editor.apply(AddComment(new_comment("整个阶段要重新设计", "stage-apply", "Alex")))
    editor.apply(AddComment(new_comment("General remark", None, "Alex")))
    return editor, first


def test_comments_round_trip_through_the_file():
    editor, _ = with_comments()
    data = dumps(editor.doc)
    back = loads(data)
    assert back == editor.doc and dumps(back) == data
    assert [len(thread) for thread in threads(back)] == [2, 1, 1]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda c: c[0].update(target="card-gone"), "$.comments[0].target", "no card, step or stage with id 'card-gone'"),
        (lambda c: c[1].update(thread="nope"), "$.comments[1].thread", "no thread started by comment 'nope'"),
        (lambda c: c[1].update(resolved=True), "$.comments[1].resolved", "only a thread's first comment"),
        (lambda c: c[1].update(target="stage-apply"), "$.comments[1].target", "a reply must have its thread's target"),
    ],
)
def test_a_comment_that_points_nowhere_is_refused_on_load_with_its_place(change, path, words):
    editor, _ = with_comments()
    raw = json.loads(dumps(editor.doc))
    change(raw["comments"])
    with pytest.raises(MapFileError) as caught:
        loads(json.dumps(raw, ensure_ascii=False, indent=2))
    problem = caught.value.problems[0]
    assert problem.path == path and words in problem.message and problem.line is not None


def test_comment_operations_are_undoable_and_announce_comment_ids():
    editor = Editor(small_bank_map())
    records = []
    editor.subscribe(records.append)
    before = dumps(editor.doc)
    comment = new_comment("要带身份证", "step-form", "张伟")
    undo_add = editor.apply(AddComment(comment))
    assert records[-1].added["comment"] == {comment.id}
    reply = new_comment("还有户口本", "step-form", "王芳", thread=comment.id)
    undo_reply = editor.apply(AddComment(reply))
    undo_edit = editor.apply(UpdateComment(comment.id, {"text": "要带身份证原件"}))
    assert editor.doc.comments[0].edited is not None and records[-1].updated["comment"] == {comment.id}
    undo_resolve = editor.apply(UpdateComment(comment.id, {"resolved": True}))
    assert open_threads(editor.doc) == []
    after_all = dumps(editor.doc)
    undo_remove = editor.apply(RemoveComment(comment.id))  # the thread with its reply
    assert editor.doc.comments == [] and records[-1].removed["comment"] == {comment.id, reply.id}
    redo = editor.apply(undo_remove)
    assert dumps(editor.doc) == after_all
    editor.apply(redo)
    editor.apply(undo_remove)
    for undo in (undo_resolve, undo_edit, undo_reply, undo_add):
        editor.apply(undo)
    assert dumps(editor.doc) == before


def test_removing_a_card_or_stage_takes_its_threads_and_undo_brings_them_back():
    editor, first = with_comments()
    before = dumps(editor.doc)
    undo = editor.apply(RemoveCard("card-wait"))
    assert [c.target for c in editor.doc.comments] == ["stage-apply", None]
    editor.apply(undo)
    assert dumps(editor.doc) == before
    undo = editor.apply(RemoveStage("stage-apply"))  # its steps, their cards, their threads
    assert [c.target for c in editor.doc.comments] == [None]
    editor.apply(undo)
    assert dumps(editor.doc) == before


@pytest.mark.parametrize(
    ("comment", "words"),
    [
        (Comment(text="x", target="nothing"), "no card, step or stage"),
        (Comment(text="x", target="card-ad", thread="missing"), "does not exist"),
        (Comment(id="card-ad", text="x"), "already used"),
    ],
)
def test_a_bad_comment_is_refused_before_anything_changes(comment, words):
    editor = Editor(small_bank_map())
    before = dumps(editor.doc)
    with pytest.raises(EditError, match=words):
        editor.apply(AddComment(comment))
    assert dumps(editor.doc) == before


def test_a_reply_to_a_reply_or_on_another_target_is_refused():
    editor, first = with_comments()
    reply = editor.doc.comments[1]
    with pytest.raises(EditError, match="not to a reply"):
        editor.apply(AddComment(new_comment("x", "card-wait", "A", thread=reply.id)))
    with pytest.raises(EditError, match="thread's target"):
        editor.apply(AddComment(new_comment("x", "card-ad", "A", thread=first.id)))
    with pytest.raises(EditError, match="only"):
        editor.apply(UpdateComment(first.id, {"author": "someone else"}))


def test_the_pdf_lists_open_threads_and_leaves_out_resolved_ones(tmp_path):
    from pypdf import PdfReader

    from cxmapper.export.pdf import export_pdf

    editor, first = with_comments()
    resolved = new_comment("已经处理好了", "step-form", "王芳")
    editor.apply(AddComment(resolved))
    editor.apply(UpdateComment(resolved.id, {"resolved": True}))
    out = tmp_path / "report.pdf"
    export_pdf(editor.doc, out)
    pages = [page.extract_text() or "" for page in PdfReader(out).pages]
    last = pages[-1]
    assert "未解决的评论" in last  # the map is Chinese: so is the section
    for words in ("排队要多久", "平均 40 分钟", "整个阶段要重新设计", "General remark", "张伟", "王芳"):
        assert words in last.replace("\n", "")
    assert "已经处理好了" not in "".join(pages)

    editor.apply(UpdateComment(first.id, {"resolved": True}))
    for comment in list(editor.doc.comments):
        if comment.thread is None and not comment.resolved:
            editor.apply(UpdateComment(comment.id, {"resolved": True}))
    export_pdf(editor.doc, out)
    assert not any("未解决的评论" in (page.extract_text() or "") for page in PdfReader(out).pages)
