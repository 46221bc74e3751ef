"""The PowerPoint deck, reopened with python-pptx: slides, shapes, text, fonts, charts.

LibreOffice is not needed here (CI must not depend on it); during development the
decks were converted with ``soffice --headless --convert-to pdf`` and looked at page
by page. What these tests hold the deck to: every card is a native shape carrying its
title, on some blueprint slide, inside the slide, at a readable size; every run names
a Latin and an East Asian typeface and Chinese runs say zh-CN; the emotion chart is a
native chart with the map's scores; the ranked table follows the model's ranking; and
hostile text never makes a file that is not well-formed XML.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from cxmapper.cli import main
from cxmapper.export.pptx import MAX_TITLE_LINES, SLIDE_H, SLIDE_W, export_pptx
from cxmapper.export.pptx_text import EA_FONT, deck_text, has_han
from cxmapper.model.document import (
    EmotionPoint,
    Lane,
    LaneKind,
    MapDocument,
    MapMeta,
    Persona,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.fileformat import load_file
from cxmapper.model.priority import rank_pain_points
from cxmapper.paths import EXAMPLES

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def export(doc: MapDocument, tmp_path: Path, **options) -> Presentation:
    path = tmp_path / "deck.pptx"
    report = export_pptx(doc, path, **options)
    deck = Presentation(str(path))
    assert report.slides == len(deck.slides)
    return deck


def card_shapes(deck) -> dict[str, list]:
    """card id -> [(slide index, shape)] for every card shape in the deck."""
    found: dict[str, list] = {}
    for index, slide in enumerate(deck.slides):
        for shape in slide.shapes:
            if shape.name.startswith("card "):
                found.setdefault(shape.name[5:], []).append((index, shape))
    return found


def all_runs(deck):
    for slide in deck.slides:
        for element in slide.shapes._spTree.iter(A + "r"):
            yield element
        for frame in (s for s in slide.shapes if s.has_table if hasattr(s, "has_table")):
            yield from frame._element.iter(A + "r")


def slide_text(slide) -> str:
    return "\n".join(t.text or "" for t in slide.shapes._spTree.iter(A + "t"))


BANK = EXAMPLES / "bank-account-opening.zh.cxmap"


@pytest.fixture(scope="module")
def bank_deck(tmp_path_factory):
    """The Chinese example's deck, exported once for the tests that only read it."""
    doc = load_file(BANK)
    return doc, export(doc, tmp_path_factory.mktemp("bank"))


@pytest.mark.parametrize("name", [BANK.name, "online-order-and-return.en.cxmap"])
def test_the_example_decks_hold_every_card_as_a_native_shape_with_its_title(tmp_path, name, bank_deck):
    doc, deck = bank_deck if name == BANK.name else (None, None)
    if doc is None:
        doc = load_file(EXAMPLES / name)
        deck = export(doc, tmp_path)
    shapes = card_shapes(deck)
    assert set(shapes) == {card.id for card in doc.cards}
    for card in doc.cards:
        [(index, shape)] = shapes[card.id]  # once, on one slide
        text = shape.text_frame.text
        assert text.startswith(deck_text(card.title)), (card.title, text)
        run = shape.text_frame.paragraphs[0].runs[0]
        assert run.font.size == Pt(10) and run.font.bold
        # inside the slide
        assert 0 <= shape.left and shape.left + shape.width <= Pt(SLIDE_W)
        assert 0 <= shape.top and shape.top + shape.height <= Pt(SLIDE_H)
    # title slide: the map's title and the headline figures
    first = slide_text(deck.slides[0])
    assert doc.meta.title in first
    for figure in (len(doc.stages), len(doc.steps()), len(doc.cards)):
        assert f"\n{figure}\n" in f"\n{first}\n"
    # each blueprint slide names its stage; every stage has one
    titles = [slide_text(s).split("\n")[0] for s in deck.slides]
    for stage in doc.stages:
        assert any(stage.name in t for t in titles)


def test_every_run_names_an_east_asian_typeface_and_chinese_runs_are_zh_cn(bank_deck):
    _, deck = bank_deck
    runs = list(all_runs(deck))
    assert len(runs) > 300
    han = 0
    for run in runs:
        r_pr = run.find(A + "rPr")
        text = run.find(A + "t").text or ""
        assert r_pr is not None and r_pr.find(A + "latin") is not None, text
        assert r_pr.find(A + "ea").get("typeface") == EA_FONT, text
        # schema order inside rPr: fill, latin, ea
        tags = [child.tag for child in r_pr]
        assert tags.index(A + "latin") + 1 == tags.index(A + "ea")
        if has_han(text):
            han += 1
            assert r_pr.get("lang") == "zh-CN", text
    assert han > 100
    # the chart's text too
    for slide in deck.slides:
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                default = shape.chart._chartSpace.find(".//" + A + "defRPr")
                assert default.find(A + "ea").get("typeface") == EA_FONT


def test_the_emotion_chart_is_native_with_the_scores_and_gaps(tmp_path, sample_map):
    deck = export(sample_map, tmp_path)
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if getattr(shape, "has_chart", False)]
    assert len(charts) == 1
    plot = charts[0].plots[0]
    steps = sample_map.steps()
    assert list(plot.categories)[0].endswith(steps[0].name)
    series = {s.name: s for s in plot.series}
    li = sample_map.personas[0]
    scores = {p.step: p.score for p in li.as_is}
    assert list(series[li.name].values) == [scores.get(s.id) for s in steps]
    to_be = {p.step: p.score for p in li.to_be}
    assert list(series[li.name + " (to-be)"].values) == [to_be.get(s.id) for s in steps]
    assert series["Tom"].values[1] is None  # a gap, not a zero
    axis = charts[0].value_axis
    assert (axis.minimum_scale, axis.maximum_scale) == (sample_map.scale.min, sample_map.scale.max)


def test_the_ranked_table_follows_the_model_and_continues_over_slides(bank_deck):
    doc, deck = bank_deck
    ranked = rank_pain_points(doc)
    rows = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table and shape.table.cell(0, 0).text == "#":
                header = [c.text for c in shape.table.rows[0].cells]
                if "优先级" in header:
                    rows += [[c.text for c in row.cells] for row in list(shape.table.rows)[1:]]
    assert [r[0] for r in rows] == [str(item.rank) for item in ranked]
    assert [r[1] for r in rows] == [item.card.title for item in ranked]
    assert [r[5] for r in rows] == [f"{item.score:g}" for item in ranked]
    # 15 pain points: two slides of 8 and 7 rows, not 14 and a "(continued)" slide of one
    per_slide = [
        len(shape.table.rows) - 1
        for slide in deck.slides for shape in slide.shapes
        if shape.has_table and "优先级" in [c.text for c in shape.table.rows[0].cells]
    ]
    assert per_slide == [8, 7]


@pytest.mark.parametrize(("count", "sizes"), [(0, []), (1, [1]), (14, [14]), (15, [8, 7]), (28, [14, 14]), (29, [10, 10, 9])])
def test_table_rows_are_shared_evenly_over_the_fewest_slides(count, sizes):
    from cxmapper.export.pptx import table_pages

    pages = table_pages(list(range(count)))
    assert [len(page) for page in pages] == sizes
    assert [row for page in pages for row in page] == list(range(count))


def test_kano_and_metrics_slides(tmp_path, bank_deck):
    doc, deck = bank_deck
    titles = [slide_text(s).split("\n")[0] for s in deck.slides]
    assert "各阶段指标" in titles and "Kano 分析：顾客期望什么" in titles
    kano = deck.slides[titles.index("Kano 分析：顾客期望什么")]
    assert any(shape.shape_type == 13 and shape.name == "kano chart" for shape in kano.shapes)  # a picture
    english = export(doc, tmp_path, lang="en")
    assert "Metrics per stage" in [slide_text(s).split("\n")[0] for s in english.slides]


def crowded_map() -> MapDocument:
    """One stage of 12 steps; one cell with 40 cards, one with a very long title."""
    steps = [Step(id=f"s{i}", name=f"步骤 {i}") for i in range(12)]
    doc = MapDocument(meta=MapMeta(title="Crowded", locale="zh_CN"))
    doc.stages.append(Stage(id="st", name="办理", steps=steps))
    doc.lanes += [
        Lane(id=f"l{k.value}", name=k.value, kind=k)
        for k in (LaneKind.CUSTOMER_ACTIONS, LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE, LaneKind.EMOTIONS, LaneKind.PAIN_POINTS)
    ]
    for i in range(40):
        doc.cards.append(make_card("process", id=f"b{i}", lane=f"l{LaneKind.BACKSTAGE.value}", step="s3", title=f"后台任务 {i} 需要核对"))
    for i, step in enumerate(steps):
        doc.cards.append(make_card("action", id=f"a{i}", lane=f"l{LaneKind.CUSTOMER_ACTIONS.value}", step=step.id, title=f"Action {i}"))
    doc.cards.append(make_card("pain_point", id="long", lane=f"l{LaneKind.PAIN_POINTS.value}", step="s0",
                               title="很长的标题" * 60, description="详细说明"))
    doc.personas.append(Persona(id="p", name="张女士", as_is=[EmotionPoint(step=s.id, score=(i % 5) - 2) for i, s in enumerate(steps)]))
    return doc


def test_a_stage_too_wide_and_a_cell_too_tall_are_split_across_slides_never_shrunk(tmp_path):
    doc = crowded_map()
    report = export_pptx(doc, tmp_path / "crowded.pptx")
    assert report.notes == ["1 card title(s) longer than 5 lines are cut on the blueprint slides; each slide's notes hold them whole"]
    deck = Presentation(str(report.path))
    shapes = card_shapes(deck)
    assert set(shapes) == {c.id for c in doc.cards} and all(len(v) == 1 for v in shapes.values())
    blueprint = [i for i, s in enumerate(deck.slides) if slide_text(s).startswith("服务蓝图")]
    assert len(blueprint) >= 4  # 12 steps in groups of at most 5, and the 40 cards continue
    steps_of = {}
    for i in blueprint:
        steps_of[i] = [n for n in re.findall(r"步骤 \d+", slide_text(deck.slides[i]))]
    assert all(len(set(v)) <= 5 for v in steps_of.values())
    for card_id, [(index, shape)] in shapes.items():
        assert shape.top + shape.height <= Pt(SLIDE_H)
        assert shape.text_frame.paragraphs[0].runs[0].font.size == Pt(10)
    # the 40 backstage cards go on over more than one slide of the same steps
    assert len({shapes[f"b{i}"][0][0] for i in range(40)}) >= 2
    assert any("（续）" in slide_text(deck.slides[i]).split("\n")[0] for i in blueprint)
    # the long title is cut on the card and whole in the slide's notes
    [(index, long_shape)] = shapes["long"]
    assert long_shape.text_frame.text.split("\n")[0].endswith("…")
    assert len(long_shape.text_frame.text) < len(doc.card("long").title)
    assert doc.card("long").title in deck.slides[index].notes_slide.notes_text_frame.text
    assert MAX_TITLE_LINES == 5


def test_hostile_text_makes_a_well_formed_deck_with_the_controls_visible(tmp_path, hostile_map):
    evil = "\x1b]0;pwned\x07\x1b[2J\x0b\x0c\ufffe\uffff\x9b bell\x07 \u202eRTL"
    hostile_map.meta = MapMeta(title="标题 " + evil, description=evil * 3, authors=[evil])
    hostile_map.cards[0] = hostile_map.cards[0].model_copy(update={"title": "卡片 " + evil, "description": evil})
    hostile_map.stages[0] = hostile_map.stages[0].model_copy(update={"name": evil + "长" * 5000})
    hostile_map.personas[0] = hostile_map.personas[0].model_copy(update={"name": evil})
    path = tmp_path / "hostile.pptx"
    export_pptx(hostile_map, path)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))  # well-formed, or this raises
                assert b"\x1b" not in archive.read(name)
    deck = Presentation(str(path))
    text = "\n".join(slide_text(s) for s in deck.slides)
    assert "标题 ␛]0;pwned␇␛[2J" in text and "\ufffe" not in text
    assert "卡片 ␛]0;pwned" in text
    assert max(len(line) for line in text.split("\n") if line.startswith("␛]0;pwned")) < 200  # names cut to their room
    assert {shape.name for _, shape in sum(card_shapes(deck).values(), [])} >= {f"card {c.id}" for c in hostile_map.cards}


def test_an_empty_map_still_makes_a_deck_that_says_what_is_missing(tmp_path):
    deck = export(MapDocument(meta=MapMeta(title="")), tmp_path)
    text = "\n".join(slide_text(s) for s in deck.slides)
    assert "Untitled map" in text
    assert "The map has no stages yet" in text
    assert "No persona has an emotion curve." in text and "The map has no pain points." in text
    no_lanes = MapDocument(meta=MapMeta(title="x"), stages=[Stage(id="st", name="S", steps=[Step(id="s", name="s")])])
    text = "\n".join(slide_text(s) for s in export(no_lanes, tmp_path).slides)
    assert "The map has no lanes yet: there is no grid to draw." in text


def test_the_command_writes_the_deck_and_reports_a_place_it_cannot_write(tmp_path, capsys):
    out = tmp_path / "bank.pptx"
    code = main(["export", str(EXAMPLES / "bank-account-opening.zh.cxmap"), "--pptx", str(out), "--personas", "小林 · 年轻白领"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert re.search(r"wrote .*bank\.pptx \(\d+ slides\)", captured.out)
    deck = Presentation(str(out))
    assert "王阿姨" not in slide_text(deck.slides[0]) and "小林" in slide_text(deck.slides[0])
    code = main(["export", str(EXAMPLES / "bank-account-opening.zh.cxmap"), "--pptx", str(tmp_path / "no" / "such" / "x.pptx")])
    captured = capsys.readouterr()
    assert code == 1 and "cannot write PowerPoint" in captured.err
    assert not (tmp_path / "no").exists()


def test_many_personas_are_counted_in_the_emotion_lane_not_a_row_taller_than_a_slide(tmp_path):
    doc = crowded_map()
    doc.personas = [
        Persona(id=f"p{i}", name=f"画像 {i}", as_is=[EmotionPoint(step="s0", score=-1)]) for i in range(20)
    ]
    deck = export(doc, tmp_path)
    text = next(slide_text(s) for s in deck.slides if "画像 0 -1" in slide_text(s))
    assert "画像 7 -1" in text and "画像 8 -1" not in text and "+12" in text
    assert set(card_shapes(deck)) == {c.id for c in doc.cards}


def test_links_between_cards_on_one_slide_are_connectors_glued_to_both(tmp_path, sample_map):
    from cxmapper.model.document import Link, LinkKind

    # and one between two stages, which no slide shows both ends of
    sample_map.links.append(Link(id="k4", kind=LinkKind.FLOW, source="c-see", target="c-pay"))
    deck = export(sample_map, tmp_path)
    connectors = {}
    for slide in deck.slides:
        ids = {shape.shape_id: shape.name for shape in slide.shapes}  # shape ids are per slide
        for shape in slide.shapes:
            if shape.name.startswith("link "):
                connectors[shape.name[5:]] = (shape, ids)
    ends = {"k1": ("c-app", "c-pain-sms"), "k2": ("c-sms", "c-login"), "k3": ("c-see", "c-search")}
    assert set(connectors) == set(ends)
    for link_id, (source, target) in ends.items():
        connector, ids = connectors[link_id]
        xml = connector._element
        start = xml.find(".//" + "{http://schemas.openxmlformats.org/drawingml/2006/main}stCxn")
        end = xml.find(".//" + "{http://schemas.openxmlformats.org/drawingml/2006/main}endCxn")
        assert ids[int(start.get("id"))] == f"card {source}" and ids[int(end.get("id"))] == f"card {target}"
        assert xml.find(".//" + A + "tailEnd").get("type") == "triangle"
