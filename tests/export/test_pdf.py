"""The PDF report: pages, text, fonts, bookmarks, metadata, splitting, hostile text."""

from __future__ import annotations

import re
import warnings
from datetime import date

import pytest
from pypdf import PdfReader

from cxmapper.export import fonts
from cxmapper.export.pdf import export_pdf
from cxmapper.model.document import Lane, LaneKind, MapDocument, MapMeta, Stage, Step, make_card

TODAY = date(2026, 11, 25)


def _text(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def _outline_titles(reader: PdfReader) -> list[str]:
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)

    walk(reader.outline)
    return out


def _font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            names.add((str(font.get("/BaseFont")), str(font.get("/Subtype")), "/FontDescriptor" in font and "/FontFile2" in font["/FontDescriptor"]))
    return names


@pytest.fixture
def sample_pdf(tmp_path, sample_map):
    path = tmp_path / "旅程.pdf"
    report = export_pdf(sample_map, path, today=TODAY)
    return report, PdfReader(str(path))


def test_sections_pages_and_chinese_text(sample_pdf, sample_map):
    report, reader = sample_pdf
    pages = _text(reader)
    # cover, one blueprint page, emotion chart, pain points + metrics on one page
    assert report.pages == len(reader.pages) == 4
    cover, blueprint, emotions, ranked = pages
    assert "网购旅程 Online shopping" in cover
    assert "李女士" in cover and "50% of steps positive (3 of 6)" in cover
    for stage in sample_map.stages:
        assert stage.name in blueprint
    for card in sample_map.cards:
        assert card.title in blueprint, card.title
    for lane in sample_map.lanes:
        assert lane.name in blueprint
    for label in ("Line of interaction", "Line of visibility", "Line of internal interaction"):
        assert label in blueprint
    assert "Emotion curves" in emotions
    # 李女士's lowest point is the login step (−2): listed under the chart
    assert re.search(r"李女士\s*决策 Purchase › 登录\s*-2", emotions)
    assert "Metrics per stage" in ranked


def test_pain_points_appear_in_ranked_order(sample_pdf):
    _, reader = sample_pdf
    text = _text(reader)[3]
    positions = [text.index(title) for title in ("验证码收不到", "价格不透明", "配送太慢")]
    assert positions == sorted(positions)
    assert re.search(r"1\s*验证码收不到", text)
    assert "Must-be" in text and "App 登录页" in text


def test_truetype_font_is_embedded_as_a_subset(sample_pdf):
    report, reader = sample_pdf
    assert report.font.endswith("wqy-microhei.ttc#0")
    embedded = [name for name, subtype, file2 in _font_names(reader) if subtype == "/TrueType" and file2]
    assert any(re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei.*", name) for name in embedded), embedded


def test_bookmarks_and_metadata(sample_pdf, sample_map):
    _, reader = sample_pdf
    titles = _outline_titles(reader)
    assert titles[:2] == ["Cover", "Blueprint"]
    for stage in sample_map.stages:
        assert stage.name in titles
    assert {"Emotion curves", "Pain points ranked", "Metrics per stage"} <= set(titles)
    meta = reader.metadata
    assert meta.title == "网购旅程 Online shopping"
    assert meta.author == "体验设计组"
    assert meta.creator == "CX Mapper"
    assert "网购旅程" in meta.subject


def _wide_map(steps_per_stage=4, stages=5, extra_lanes=0) -> MapDocument:
    doc = MapDocument(meta=MapMeta(title="宽地图"))
    doc.stages = [
        Stage(id=f"s{i}", name=f"阶段{i}", steps=[Step(id=f"s{i}t{j}", name=f"步骤{i}.{j}") for j in range(steps_per_stage)])
        for i in range(stages)
    ]
    doc.lanes = [Lane(id="act", name="客户行为", kind=LaneKind.CUSTOMER_ACTIONS), Lane(id="front", name="前台", kind=LaneKind.FRONTSTAGE)]
    doc.lanes += [Lane(id=f"x{k}", name=f"附加{k}", kind=LaneKind.BACKSTAGE) for k in range(extra_lanes)]
    doc.cards = [
        make_card("action", lane="act", step=step.id, title=f"卡片 {step.name}") for step in doc.steps()
    ]
    doc.cards += [
        make_card("process", lane=f"x{k}", step=step.id, title=f"后台 {k} {step.name}", description="说明 " * 30)
        for k in range(extra_lanes) for step in doc.steps()
    ]
    return doc


def test_wide_map_splits_with_headers_repeated(tmp_path):
    doc = _wide_map()
    report = export_pdf(doc, tmp_path / "wide.pdf", today=TODAY)
    reader = PdfReader(str(tmp_path / "wide.pdf"))
    blueprint = [t for t in _text(reader) if "Blueprint — page" in t]
    joined = "\n".join(blueprint)
    # 20 columns, at most 6 on an A4 page: four slices, each under its own headers; two
    # lanes are short, so the slices share a page instead of taking one each.
    assert len(blueprint) == 1
    assert joined.count("客户行为") == joined.count("前台") == joined.count("Line of interaction") == 4
    assert "steps 1–5 of 20 · steps 6–10 of 20 · steps 11–15 of 20 · steps 16–20 of 20" in joined
    for step in doc.steps():
        assert f"卡片 {step.name}" in joined
    assert report.pages == len(reader.pages)
    # A tall map: a page per slice or more, each page repeating the lane names.
    tall = _wide_map(extra_lanes=4)
    export_pdf(tall, tmp_path / "tall.pdf", today=TODAY)
    pages = [t for t in _text(PdfReader(str(tmp_path / "tall.pdf"))) if "Blueprint — page" in t]
    assert len(pages) >= 4
    assert all("附加" in t for t in pages)
    # A3 holds more columns per page.
    a4 = export_pdf(tall, tmp_path / "tall-a4.pdf", today=TODAY)
    a3 = export_pdf(tall, tmp_path / "tall-a3.pdf", paper="a3", today=TODAY)
    assert a3.pages < a4.pages


def test_fit_uses_one_page_or_says_why_not(tmp_path):
    doc = _wide_map(steps_per_stage=2, stages=4, extra_lanes=3)  # 8 columns: two A4 pages, one when fitted
    split = export_pdf(doc, tmp_path / "split.pdf", today=TODAY)
    fitted = export_pdf(doc, tmp_path / "fit.pdf", fit=True, today=TODAY)

    def blueprint_pages(name):
        return sum("Blueprint — page" in t for t in _text(PdfReader(str(tmp_path / name))))

    assert blueprint_pages("split.pdf") == 2 and blueprint_pages("fit.pdf") == 1
    assert split.notes == [] and all("split" not in note for note in fitted.notes)
    huge = _wide_map(steps_per_stage=6, stages=8)
    report = export_pdf(huge, tmp_path / "huge.pdf", fit=True, today=TODAY)
    assert any("--fit" in note and "split" in note for note in report.notes)
    text = "\n".join(_text(PdfReader(str(tmp_path / "huge.pdf"))))
    assert "Blueprint — page 2 of" in text


def test_long_card_is_cut_with_a_reference_to_the_appendix(tmp_path, hostile_map):
    path = tmp_path / "hostile.pdf"
    export_pdf(hostile_map, path, today=TODAY)
    pages = _text(PdfReader(str(path)))
    blueprint = next(t for t in pages if "Blueprint — page" in t)
    assert "A1" in blueprint and "…" in blueprint
    appendix = "\n".join(pages[pages.index(blueprint) + 1:])
    assert "Appendix" in appendix
    # the full description, all 300 repetitions, is in the appendix
    assert appendix.replace("\n", "").count("很长的描述。") == 300


def test_hostile_text_survives(tmp_path, hostile_map):
    path = tmp_path / "hostile.pdf"
    export_pdf(hostile_map, path, today=TODAY)
    text = "\n".join(_text(PdfReader(str(path))))
    assert 'A <b>bold</b> & "quoted"' in text.replace("\n", " ")
    assert "<title> &" in text
    assert "&amp;" in text  # user text that looks like an entity is printed as typed


def test_lane_and_persona_filters(tmp_path, sample_map):
    path = tmp_path / "f.pdf"
    export_pdf(sample_map, path, lanes=["痛点", "l-actions"], personas=["Tom"], today=TODAY)
    pages = _text(PdfReader(str(path)))
    blueprint = next(t for t in pages if "Blueprint — page" in t)
    assert "痛点" in blueprint and "客户行为" in blueprint
    assert "前台" not in blueprint and "发送验证码" not in blueprint
    assert "Tom" in pages[0] and "李女士" not in pages[0]
    with pytest.raises(ValueError, match="no lane named 'nope'"):
        export_pdf(sample_map, path, lanes=["nope"])


def test_failed_export_leaves_the_old_file(tmp_path, sample_map, monkeypatch):
    path = tmp_path / "keep.pdf"
    path.write_bytes(b"old")
    import cxmapper.export.pdf as pdf

    def boom(*args, **kwargs):
        raise RuntimeError("chart failed")

    monkeypatch.setattr(pdf, "emotion_chart_figures", boom)
    with pytest.raises(RuntimeError):
        export_pdf(sample_map, path)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]


def test_cid_fallback_when_no_truetype_cjk_font(tmp_path, sample_map, monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    path = tmp_path / "cid.pdf"
    with pytest.warns(fonts.CJKFontWarning, match="STSong-Light"):
        report = export_pdf(sample_map, path, today=TODAY)
    assert any("STSong-Light" in note for note in report.notes)
    reader = PdfReader(str(path))
    names = {name for name, _, _ in _font_names(reader)}
    assert any("STSong-Light" in name for name in names), names
    assert not any("WenQuanYi" in name for name in names)
    assert "验证码收不到" in _text(reader)[1]


def test_matplotlib_fallback_substitutes_what_it_cannot_draw(monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    info = fonts.configure_matplotlib()
    assert not info.cjk
    assert info.printable("登录 login") == "?? login"


def test_kano_section_when_cards_have_survey_answers(tmp_path, sample_map):
    from cxmapper.model.document import KanoSurvey

    # functional rows x dysfunctional columns (like, must-be, neutral, live-with, dislike):
    # 6 answer "must-be / dislike" (M), 2 "like / dislike" (O): a must-be feature
    pairs = [[0, 0, 0, 0, 2], [0, 0, 0, 0, 6], [0] * 5, [0] * 5, [0] * 5]
    sample_map.cards = [
        c.model_copy(update={"kano_survey": KanoSurvey(pairs=pairs)}) if c.id == "c-pain-sms" else c
        for c in sample_map.cards
    ]
    path = tmp_path / "kano.pdf"
    export_pdf(sample_map, path, today=TODAY)
    reader = PdfReader(str(path))
    assert "Kano analysis" in _outline_titles(reader)
    text = "\n".join(_text(reader))
    table = text[text.index("Top two differ?"):]
    assert "验证码收不到" in table and "Must-be" in table
    assert "Evaluation table: standard" in text
    # Worse = -(O + M) / (A + O + M + I) = -1, shown with the ranking too
    assert "-1.00" in table and "Worse -1.00" in text


def test_a_crowded_kano_chart_says_how_many_points_carry_no_number(tmp_path, sample_map):
    from cxmapper.model.document import KanoSurvey

    # 60 features answered alike: one spot on the chart, room for a few numbers only
    pairs = [[0, 0, 0, 0, 2], [0, 0, 0, 0, 6], [0] * 5, [0] * 5, [0] * 5]
    sample_map.cards = [
        *sample_map.cards,
        *(make_card("pain_point", id=f"c-same{i}", lane="l-pain", step="st-pay", title=f"同类问题 {i}",
                    kano_survey=KanoSurvey(pairs=pairs)) for i in range(60)),
    ]
    path = tmp_path / "crowded.pdf"
    export_pdf(sample_map, path, today=TODAY)
    text = "\n".join(_text(PdfReader(str(path))))
    found = re.search(r"(\d+) of 60 points carry no number", text)
    assert found and 0 < int(found.group(1)) < 60
    assert "同类问题 59" in text  # the table still lists every feature


def test_stage_header_text_reads_on_its_colour():
    from reportlab.lib.colors import white

    from cxmapper.export.pdf_blueprint import INK, ink_on

    assert ink_on("#FFF59D") is INK  # pale yellow: dark text
    assert ink_on("#2F4858") is white  # the default dark band: white text


def test_streams_are_binary_and_reportlab_setting_is_restored(tmp_path, sample_map):
    from reportlab import rl_config

    before = rl_config.useA85
    path = tmp_path / "m.pdf"
    export_pdf(sample_map, path, today=TODAY)
    assert rl_config.useA85 == before
    data = path.read_bytes()
    assert b"/ASCII85Decode" not in data and b"/FlateDecode" in data
    # The emotion chart is embedded as an opaque RGB picture: no soft mask to carry.
    assert b"/Subtype /Image" in data and b"/SMask" not in data
    assert "看到广告" in "".join(_text(PdfReader(str(path))))


def test_blueprint_legend_is_one_form_shown_on_every_blueprint_page(tmp_path):
    path = tmp_path / "wide.pdf"
    export_pdf(_wide_map(extra_lanes=4), path, today=TODAY)
    reader = PdfReader(str(path))
    blueprint = [page for page in reader.pages if "Blueprint — page" in (page.extract_text() or "")]
    assert len(blueprint) >= 3
    forms = set()
    for page in blueprint:
        xobjects = page["/Resources"]["/XObject"]
        forms |= {x.idnum for x in xobjects.values() if x.get_object()["/Subtype"] == "/Form"}
        assert "Cards:" in page.extract_text() and "Kano:" in page.extract_text()
    assert len(forms) == 1


def test_dollar_signs_in_chart_labels_are_text_not_math(tmp_path, sample_map):
    stages = list(sample_map.stages)
    first = stages[0]
    stages[0] = first.model_copy(update={
        "name": "cost $5 or $6",
        "steps": [first.steps[0].model_copy(update={"name": "$$"}), *first.steps[1:]],
    })
    doc = sample_map.model_copy(update={"stages": stages})
    export_pdf(doc, tmp_path / "d.pdf", today=TODAY)  # "$$" made matplotlib raise


def test_short_cell_text_is_a_plain_string_and_anything_else_a_text_block(sample_map):
    from cxmapper.export.pdf import _Report
    from cxmapper.export.pdf_text import TextBlock
    from cxmapper.export.report_text import report_text

    report = _Report(sample_map, fonts.pdf_fonts(), (780, 530), [], None, TODAY, report_text("zh", None))
    assert report.num("12") == "12" and report.word("基本型", 88) == "基本型"
    assert report.word("<b> &", 88) == "<b> &"  # a string is drawn as is: no markup to escape
    for text in ("很长的阶段名称 › 很长很长的步骤名称，放不下一个单元格", "a  b", "😀 1"):
        assert isinstance(report.word(text, 88), TextBlock), text


def test_table_cells_break_mixed_text_between_words_not_inside_them(tmp_path, sample_map):
    # A narrow column (the pain-point table's touchpoints) of Chinese and English names
    # joined by "、": reportlab's Paragraph cut the run where the line was full, "H" / "elpful".
    names = ["密码取号老人老人", "Helpful courier delivery", "风", "Store confusing voucher", "风控审核", "Quickly refundable",
             "密码取", "Tracking return store", "老人老", "Customer damaged packing", "审核", "Confusing voucher order"]
    sample_map.cards = [
        *sample_map.cards,
        *(make_card("touchpoint", id=f"c-tp{i}", lane="l-touch", step="st-login", title=name) for i, name in enumerate(names)),
    ]
    path = tmp_path / "mixed.pdf"
    export_pdf(sample_map, path, today=TODAY, lang="zh")
    pages = _text(PdfReader(str(path)))
    (page,) = [p for p in pages if "痛点优先级排序：" in p]  # the section, not the cover naming it
    words = set(re.findall(r"[A-Za-z]+", page))
    assert {word for name in names for word in re.findall(r"[A-Za-z]+", name)} <= words
    assert not [line for line in page.splitlines() if line.startswith("、")]


def test_a_description_longer_than_a_page_flows_on_to_the_next_pages_whole(tmp_path, sample_map):
    # The appendix sets a cut card's full text; a very long one splits between lines.
    sentences = [f"第{i}句：客户等了很久，Staff asked for doc {i}." for i in range(400)]
    sample_map.cards = [
        *sample_map.cards,
        make_card("note", id="c-essay", lane="l-actions", step="st-compare", title="访谈记录 Interview notes",
                  description="".join(sentences)),
    ]
    path = tmp_path / "essay.pdf"
    export_pdf(sample_map, path, today=TODAY)
    pages = _text(PdfReader(str(path)))
    appendix = next(i for i, page in enumerate(pages) if "Appendix: full text" in page)
    holding = [i for i, page in enumerate(pages) if i >= appendix and "Staff asked" in page]
    assert len(holding) >= 3 and holding == list(range(holding[0], holding[-1] + 1))  # consecutive pages
    text = "".join(pages[i] for i in holding).replace("\n", "").replace(" ", "")
    for i in (0, 1, 199, 398, 399):
        assert f"第{i}句：客户等了很久，Staffaskedfordoc{i}." in text, i


def test_reportlab_draws_with_its_c_helpers():
    """rl_accel (a dependency) gives reportlab C number formatting, escaping and string
    widths; without it reportlab silently falls back to Python (a 5,000-card report
    took ~1.4x as long). A broken or missing install shows here."""
    import inspect

    from reportlab.lib import rl_accel

    for name in ("fp_str", "escapePDF", "instanceStringWidthTTF"):
        assert inspect.isbuiltin(getattr(rl_accel, name)), name
