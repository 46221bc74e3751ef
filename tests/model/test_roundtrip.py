"""Saving and loading give back the same map, and the bytes are stable and diff well."""

import difflib
import json

from hypothesis import given

from cxmapper.model.document import MapDocument
from cxmapper.model.fileformat import dumps, load_file, loads, save_file
from tests.strategies import documents, small_bank_map


@given(documents())
def test_load_of_save_is_the_same_document_and_resaving_gives_the_same_bytes(doc):
    data = dumps(doc)
    again = loads(data)
    assert again == doc
    assert dumps(again) == data


@given(documents(max_cards=8))
def test_the_file_is_indented_utf8_json_in_model_field_order(doc):
    data = dumps(doc)
    text = data.decode("utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.splitlines()[1] == '  "format": "cxmapper",'
    assert json.loads(text) == doc.model_dump(mode="json")
    assert list(json.loads(text)) == list(MapDocument.model_fields)
    for card in json.loads(text)["cards"]:
        assert list(card)[:4] == ["id", "kind", "lane", "step"]


def test_chinese_and_emoji_are_written_as_themselves():
    text = dumps(small_bank_map()).decode("utf-8")
    assert '"title": "排队太久，等了40分钟"' in text
    assert "线上预约 📱" in text
    assert "\\u" not in text


def test_changing_one_card_changes_only_its_lines():
    doc = small_bank_map()
    before = dumps(doc).decode().splitlines()
    doc.cards[2] = doc.cards[2].model_copy(update={"title": "排队二十分钟", "severity": 3})
    after = dumps(doc).decode().splitlines()
    changed = [
        line for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(changed) == sorted([
        '-      "title": "排队太久，等了40分钟",',
        '+      "title": "排队二十分钟",',
        '-      "severity": 4,',
        '+      "severity": 3,',
    ])


def test_moving_a_card_in_the_list_moves_only_its_block(tmp_path):
    doc = small_bank_map()
    doc.cards.insert(0, doc.cards.pop(3))
    path = tmp_path / "银行.cxmap"
    save_file(doc, path)
    loaded = load_file(path)
    assert [card.id for card in loaded.cards] == ["card-book", "card-ad", "card-queue", "card-wait"]
    assert path.read_bytes() == dumps(doc)
