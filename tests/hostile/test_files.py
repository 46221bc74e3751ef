"""Hostile map files: each is refused (or opened) with a clean message naming the
place and the limit, in bounded time and memory, and no file is changed."""

from __future__ import annotations

import json
import os
import threading

import pytest

from cxmapper.model import jsonscan
from cxmapper.model.editor import EditError, Editor, UpdateCard
from cxmapper.model.fileformat import MapFileError, dumps, load_file, loads, save_file
from tests.hostile import corpus


def refused(data: bytes) -> str:
    with pytest.raises(MapFileError) as info:
        loads(data, "hostile.cxmap")
    text = str(info.value)
    text.encode("utf-8")  # printable: no raw surrogate reaches a terminal
    assert "Traceback" not in text
    return text


# --- text that could never be saved ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [('"\\udfff"', "\\udfff"), ('"x\\ud83d y"', "x\\ud83d y"), ('["ok", {"deep": "\\udc00"}]', "\\udc00")],
)
def test_a_lone_surrogate_in_an_extension_value_is_refused_at_load_with_its_path(value, shown):
    text = refused(corpus.with_extension(value))
    assert "hostile.cxmap: $.extensions.k" in text
    assert "lone surrogate" in text and shown in text
    assert "(line " in text


def test_a_lone_surrogate_in_a_key_is_refused_not_rewritten():
    text = refused(corpus.with_extension("1", key="\\udfff"))
    assert '$.extensions["\\udfff"]' in text and "lone surrogate" in text


def test_pairs_and_escaped_backslashes_are_not_surrogates():
    doc = loads(corpus.with_extension('["\\ud83d\\ude00", "\\\\udfff"]'))
    assert doc.extensions["k"] == ["😀", "\\udfff"]
    assert loads(dumps(doc)).extensions == doc.extensions  # and it saves


def test_a_map_with_a_lone_surrogate_never_opens_so_every_save_works(tmp_path):
    """The old failure: opened, then Save, Save As and autosave all raised."""
    path = tmp_path / "m.cxmap"
    path.write_bytes(corpus.with_extension('"\\udfff"'))
    before = path.read_bytes()
    with pytest.raises(MapFileError):
        load_file(path)
    assert path.read_bytes() == before


def test_an_edit_cannot_put_a_lone_surrogate_into_the_document():
    editor = Editor(corpus.bank_map())
    before = dumps(editor.doc)
    with pytest.raises(EditError, match="title"):  # the model's own string check
        editor.apply(UpdateCard("p0", {"title": "bad \udfff"}))
    with pytest.raises(EditError, match=r"extensions\.k\[0\] holds a lone surrogate"):  # free-form data
        editor.apply(UpdateCard("p0", {"extensions": {"k": ["\ud800"]}}))
    with pytest.raises(EditError, match="lone surrogate"):
        editor.apply(UpdateCard("p0", {"extensions": {"\udfff": 1}}))
    assert dumps(editor.doc) == before


@pytest.mark.parametrize("number", ["0.1000000000000000055511151231257827", "123456789012345678901234567890.5"])
def test_an_extension_number_a_float_cannot_keep_is_refused_not_rounded(number):
    text = refused(corpus.with_extension(f"[1, {number}]"))
    assert "$.extensions.k[1]" in text and number[:20] in text and "as a string" in text


@pytest.mark.parametrize("number", ["0.1", "1E2", "-2.5e-3", "12345678901234567890", "3"])
def test_extension_numbers_are_kept_exactly(number):
    doc = loads(corpus.with_extension(number))
    again = loads(dumps(doc))
    assert again.extensions["k"] == doc.extensions["k"] == json.loads(number)


# --- limits before anything is built ----------------------------------------------------------


@pytest.fixture
def low_limits(monkeypatch):
    """The real limits lowered 1000×, so a case of 1,000 cards stands for one of 10⁶."""
    monkeypatch.setattr(jsonscan, "MAX_CONTAINERS", 400)
    monkeypatch.setattr(jsonscan, "MAX_VALUES", 2000)
    monkeypatch.setattr(jsonscan, "MAX_MEMBERS", 100)
    monkeypatch.setattr(jsonscan, "MAX_STRING_BYTES", 1000)


def test_too_many_cards_are_refused_before_any_card_is_built(low_limits, monkeypatch):
    built = []
    from cxmapper.model import document

    original = document.MapDocument.model_validate_json
    monkeypatch.setattr(document.MapDocument, "model_validate_json", lambda *a, **k: built.append(1) or original(*a, **k))
    text = refused(corpus.minimal_card_flood(1000))
    assert "hostile.cxmap: $.cards[" in text and "400 objects and lists" in text
    assert built == []


def test_too_many_values_are_refused_with_the_place_where_the_count_passed(low_limits):
    text = refused(corpus.with_extension("[" + ",".join(["1"] * 2500) + "]"))
    assert "$.extensions.k[" in text and "more than 2,000 values" in text


def test_a_long_list_is_refused_with_its_path_and_size(low_limits):
    # Commas inside a text push the quick upper bound over the totals, so the exact
    # scan runs; it finds the totals fine and one list too long.
    commas = ", ".join(['"' + "," * 700 + '"'] * 3)
    text = refused(corpus.with_extension("[" + commas + ", [" + ",".join(["1"] * 150) + "]]"))
    assert "$.extensions.k[3]" in text and "150 items" in text and "at most 100" in text


def test_a_long_string_is_refused_when_the_file_is_big(low_limits):
    text = refused(corpus.with_extension('["' + "字" * 400 + '", ' + ",".join(["[]"] * 450) + "]"))
    assert "$.extensions.k[0]" in text and "KiB" in text


def test_deep_nesting_is_refused_with_its_path(low_limits, monkeypatch):
    monkeypatch.setattr(jsonscan, "MAX_DEPTH", 20)
    text = refused(corpus.with_extension("[" * 30 + "]" * 30 + "," + ",".join(["[]"] * 450)))
    assert "$.extensions.k" in text and "nested more than 20 levels" in text


def test_brackets_and_commas_inside_text_do_not_count(low_limits):
    doc = corpus.bank_map()
    text = "{[,]}" * 199  # 995 brackets and commas in each of 3 texts, each under 1,000 bytes
    doc = doc.model_copy(update={"cards": [card.model_copy(update={"description": text}) for card in doc.cards]})
    data = dumps(doc)
    assert not jsonscan.within_totals(data)  # the quick count is over: the exact scan runs
    assert jsonscan.scan(data) is None
    assert [card.description for card in loads(data).cards] == [text] * 3


def test_a_5000_card_map_is_far_below_every_limit():
    """The real limits: a 5,000-card map counts 27,000 objects and 160,000 values
    (bench/generate.py; figures in bench/README.md), 15× and 12× below."""
    assert jsonscan.MAX_CONTAINERS >= 14 * 27_054 and jsonscan.MAX_VALUES >= 12 * (27_054 + 135_605)
    data = corpus.minimal_card_flood(20_000)  # 20,000 cards: within the totals, loads
    assert jsonscan.within_totals(data)
    assert len(loads(data).cards) == 20_000


def test_the_scan_gives_up_on_text_that_is_not_json():
    assert jsonscan.scan(b'{"a": "unterminated]') is None
    assert jsonscan.scan(b"[[[") is None
    assert jsonscan.scan(b'{"a": "\\\\"}') is None  # an escaped backslash closes the string


def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.cxmap"
    os.mkfifo(fifo)
    result: list = []
    reader = threading.Thread(target=lambda: result.append(_error_of(fifo)), daemon=True)
    reader.start()
    reader.join(10)
    assert result and "not a regular file" in result[0]


def _error_of(path) -> str:
    try:
        load_file(path)
    except MapFileError as exc:
        return str(exc)
    return "opened"


def test_what_loads_also_saves(tmp_path):
    """Every accepted hostile-looking case can be written back (the round trip)."""
    for value in ('"\\u0001\\ufffe\\uffff"', '{"\\u00e9": [1.5, "😀", null]}', '"' + "長" * 5000 + '"'):
        doc = loads(corpus.with_extension(value))
        save_file(doc, tmp_path / "ok.cxmap")
        assert load_file(tmp_path / "ok.cxmap").extensions == doc.extensions


@pytest.mark.parametrize("levels", [2_000, 300_000])
def test_nesting_too_deep_for_the_parser_names_its_place(levels):
    text = refused(corpus.deep_extension(levels))
    assert "$.extensions.k[0][0]" in text and "(line " in text and "nested more than 48 levels" in text
