"""Mermaid journey text read as Mermaid reads it, and written so that Mermaid reads back
the same sections, tasks, scores and actors.

The inputs are written from Mermaid's grammar (``journey.jison``: its lexer rules, case-
insensitive, and its statements), its preprocessing (front matter, directives, comment
lines, entity codes) and the examples of its documentation and parser tests -- not
from our own export.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxmapper.export.mermaid import (
    MermaidError,
    from_mermaid,
    journey_tasks,
    parse_mermaid,
    read_mermaid,
    to_mermaid,
)
from cxmapper.export.mermaid_syntax import escape, js_number, preprocess, restore, tokens
from cxmapper.model.document import (
    CardKind,
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
from cxmapper.model.validation import validate_references

# The example of Mermaid's user-journey documentation page.
DOCS_EXAMPLE = """journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""


def tasks(text: str):
    return [(t.section, t.name, t.score, t.actors) for t in parse_mermaid(text)[1]]


def scores(doc: MapDocument) -> dict[str, list[int]]:
    return {p.name: [e.score for e in p.as_is] for p in doc.personas}


def test_the_documentation_example():
    doc = from_mermaid(DOCS_EXAMPLE)
    assert doc.meta.title == "My working day"
    assert [s.name for s in doc.stages] == ["Go to work", "Go home"]
    assert [c.title for c in doc.cards] == ["Make tea", "Go upstairs", "Do work", "Go downstairs", "Sit down"]
    assert scores(doc) == {"Me": [5, 3, 1, 5, 5], "Cat": [1]}
    assert (doc.scale.min, doc.scale.max) == (1, 5)


def test_the_parser_test_tasks():
    """Mermaid's own parser test: actors after a second colon, none, and an empty one."""
    text = ("journey\ntitle Adding journey diagram functionality to mermaid\nsection Documentation\n"
            "A task: 5: Alice, Bob, Charlie\nB task: 3:Bob, Charlie\nC task: 5\nD task: 5: Charlie, Alice\n"
            "E task: 5:\nsection Another section\nP task: 5:\nQ task: 5:\nR task: 5:")
    got = tasks(text)
    assert len(got) == 8
    assert got[0] == ("Documentation", "A task", 5, ("Alice", "Bob", "Charlie"))
    assert got[1] == ("Documentation", "B task", 3, ("Bob", "Charlie"))
    assert got[2] == ("Documentation", "C task", 5, ())
    assert got[4] == ("Documentation", "E task", 5, ("",))  # Mermaid: people ['']
    assert got[7] == ("Another section", "R task", 5, ("",))
    doc = from_mermaid(text)
    # an empty actor is no one: the task's score goes to the default persona
    assert scores(doc)["Customer"] == [5, 5, 5, 5, 5]


def test_front_matter_gives_the_title_and_the_config_which_are_written_back():
    text = "---\ntitle: 来自前言的标题\nconfig:\n  theme: forest\n  journey:\n    useMaxWidth: false\n---\n" + DOCS_EXAMPLE.replace("    title My working day\n", "")
    result = read_mermaid(text)
    assert result.doc.meta.title == "来自前言的标题"
    assert result.doc.extensions["mermaid"]["config"] == {"theme": "forest", "journey": {"useMaxWidth": False}}
    again = read_mermaid(to_mermaid(result.doc))
    assert again.doc.extensions["mermaid"]["config"] == result.doc.extensions["mermaid"]["config"]
    assert again.doc.meta.title == "来自前言的标题"


def test_a_title_statement_overrides_the_front_matter_title():
    # Mermaid sets the front matter's title first, then parses the body
    assert from_mermaid("---\ntitle: Front\n---\njourney\n  title Body\n").meta.title == "Body"


def test_indented_front_matter_and_blank_lines_after_it():
    text = "  ---\n  title: Indented\n  ---\n\n\njourney\n section S\n  T: 4: A\n"
    assert from_mermaid(text).meta.title == "Indented"


def test_front_matter_errors_name_the_line():
    with pytest.raises(MermaidError) as info:
        from_mermaid("---\ntitle: [unclosed\n---\njourney\n", "fm.mmd")
    assert info.value.line >= 2 and "not valid YAML" in str(info.value)


@pytest.mark.timeout(20)  # a hang guard, not a performance target (the expansion is 10^9)
def test_a_yaml_alias_bomb_in_the_config_is_refused_quickly():
    bomb = "---\nconfig:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        bomb += f"  {level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    bomb += "---\njourney\n"
    with pytest.raises(MermaidError, match="over 10,000 values"):
        from_mermaid(bomb)


def test_accessible_title_and_description_single_line_and_block_are_kept_and_written_back():
    text = ("journey\n  accTitle: 开户旅程\n  accDescr {\n    A user journey for\n    family shopping\n  }\n"
            "  title T\n  section S\n    Task: 3: A\n")
    doc = from_mermaid(text)
    assert doc.extensions["mermaid"]["accTitle"] == "开户旅程"
    assert doc.meta.description == "A user journey for\nfamily shopping"
    written = to_mermaid(doc)
    assert "accTitle: 开户旅程" in written and "accDescr {" in written
    again = from_mermaid(written)
    assert again.meta.description == doc.meta.description
    assert again.extensions["mermaid"]["accTitle"] == "开户旅程"
    single = from_mermaid("journey\naccDescr: A user journey for family shopping\ntitle X\nsection Order from website")
    assert single.meta.description == "A user journey for family shopping"
    assert "accDescr: A user journey for family shopping" in to_mermaid(single)


def test_an_unclosed_description_block_is_refused_with_its_place():
    with pytest.raises(MermaidError) as info:
        from_mermaid("journey\n  accDescr {\n  never closed\n", "a.mmd")
    assert (info.value.line, info.value.column) == (2, 3)
    assert "never closed" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "JOURNEY\n  TITLE Upper\n  SECTION S\n    T: 4: A\n",
        "Journey\n  Title Upper\n  Section S\n    T: 4: A\n",
        "journey\n  tItLe Upper\n  sEcTiOn S\n    T: 4: A\n",
    ],
)
def test_keywords_in_any_case(text):
    doc = from_mermaid(text)
    assert doc.meta.title == "Upper" and [s.name for s in doc.stages] == ["S"]


def test_statements_need_no_newline_between_them():
    # blanks are skipped between tokens; a statement ends where its token ends, and
    # a title runs to the end of its line
    assert tasks("journey title T\n  section S\n  A: 3: X") == tasks("journey\ntitle T\nsection S\nA: 3: X")
    assert parse_mermaid("journey title T section S")[0] == "T section S"


def test_decimal_scores_are_rounded_and_noted():
    result = read_mermaid("journey\n  section S\n    A: 4.5: X\n    B: 2.4: X\n")
    assert scores(result.doc) == {"X": [5, 2]}
    assert any("line 3" in n and "4.5" in n and "rounded to 5" in n for n in result.notes)


def test_scores_off_one_to_five_widen_the_scale_and_keep_their_place():
    result = read_mermaid("journey\n  section S\n    Low: 0: X\n    High: 7: X\n    Mid: 3: X\n")
    assert (result.doc.scale.min, result.doc.scale.max) == (0, 7)
    assert scores(result.doc) == {"X": [0, 7, 3]}
    assert any("0 … 7" in n for n in result.notes)
    # written back as they were (not squeezed into 1…5), so the round trip holds
    assert "High: 7: X" in to_mermaid(result.doc)
    assert scores(from_mermaid(to_mermaid(result.doc))) == {"X": [0, 7, 3]}


@pytest.mark.parametrize(
    ("score", "value"),
    [(" 5", 5), ("", 0), ("   ", 0), ("0x5", 5), ("1e0", 1), (".5e1", 5), ("+3", 3), ("-2", -2),
     ("five", math.nan), ("5 stars", math.nan), ("Infinity", math.inf), ("1" * 5000, math.inf), ("0b101", 5)],
)
def test_scores_are_numbers_as_javascript_reads_them(score, value):
    got = js_number(score)
    assert (math.isnan(got) and math.isnan(value)) or got == value


def test_a_score_that_is_no_number_gives_no_point_and_a_note():
    result = read_mermaid("journey\n  section 认知\n    看广告: 九: 李女士\n    扫码: 4: 李女士\n")
    assert scores(result.doc) == {"李女士": [4]}
    assert [c.title for c in result.doc.cards] == ["看广告", "扫码"]  # the task is kept
    assert any("line 3" in n and "not a number" in n for n in result.notes)


def test_a_five_thousand_digit_score_is_noted_not_a_traceback():
    result = read_mermaid("journey\n  section S\n    A: " + "9" * 5000 + ": X\n")
    assert scores(result.doc) == {"X": [5]}  # Infinity: off the top of the chart
    assert any("infinite" in n and "kept as 5" in n for n in result.notes)


def test_comments_directives_and_stray_lines_are_skipped_as_mermaid_skips_them():
    text = (
        "%%{init: {'theme': 'base',\n  'themeVariables': {'primaryColor': '#ff0000'}}}%%\n"
        "%% a comment before the diagram\n"
        "journey\n"
        "  title Day # the rest of a line after # is a comment\n"
        "  # a whole-line comment\n"
        "  %% another comment\n"
        "\n"
        "  section Morning\n"
        "    Make tea: 5: Me # a comment after the actors\n"
        "    x%% a comment that swallows the character before it\n"
    )
    result = read_mermaid(text)
    assert result.doc.meta.title == "Day"
    assert tasks(text) == [("Morning", "Make tea", 5, ("Me",))]
    assert result.doc.extensions["mermaid"]["directives"][0].startswith("%%{init:")
    assert "%%{init:" in to_mermaid(result.doc)


def test_an_unclosed_directive_takes_the_rest_of_the_text():
    assert tasks("journey\n  section S\n    A: 3\n%%{init: {'x': 1}\n    B: 4\n") == [("S", "A", 3, ())]


def test_extra_colon_pieces_are_ignored_as_mermaid_ignores_them():
    assert tasks("journey\n section S\n  A: 5: Bob: extra\n") == [("S", "A", 5, ("Bob",))]


def test_entity_codes_are_decoded():
    got = tasks("journey\n section A#58; B\n  Pay #35;1 #quot;fast#quot;: 4: Smith#44; J\n")
    assert got == [("A: B", 'Pay #1 "fast"', 4, ("Smith, J",))]


def test_line_breaks_in_names_become_line_breaks():
    # Mermaid's parser test: section titles with several kinds of <br>
    got = tasks("journey\nsection Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5\n  T: 3\n")
    assert got[0][0] == "Line1\nLine2\nLine3\nLine4\nLine5"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("journey\n  section A\n    just words\n", 3, 5, "needs ': score'"),
        ("journey\n  section A\n    task: 5; other: 3\n", 3, 12, "cannot read ';'"),
        ("journey\n  section A: 5\n", 2, 12, "has no task name"),
        ("journey\n  section A\n    : 5\n", 3, 5, "has no task name"),
        ("journey\n  section A\n    Journey planning: 5\n", 3, 5, "only once"),
        ("journey\n  section A\n    Section 2 review: 5\n", 3, 21, "has no task name"),
        ("journey\n  section A\n    Task:\n", 3, 5, "needs ': score'"),
    ],
)
def test_only_what_mermaid_refuses_is_an_error_with_line_and_column(text, line, column, words):
    with pytest.raises(MermaidError) as info:
        from_mermaid(text, "j.mmd")
    assert (info.value.line, info.value.column) == (line, column), str(info.value)
    assert words in str(info.value)
    assert str(info.value).startswith(f"j.mmd:{line}:{column}:")


def test_a_task_that_starts_with_title_is_a_title_as_in_mermaid():
    doc = from_mermaid("journey\n  section A\n    Title page: 5\n")
    assert doc.meta.title == "page: 5" and doc.stages == []


# -- limits: bounded, clean messages, nothing built past them ------------------------


def _journey(sections: int, tasks_per_section: int, actors: int = 1) -> str:
    people = ", ".join(f"P{i}" for i in range(actors))
    lines = ["journey"]
    for s in range(sections):
        lines.append(f"  section S{s}")
        lines += [f"    T{s}.{t}: 3: {people}" for t in range(tasks_per_section)]
    return "\n".join(lines) + "\n"


def test_a_thousand_and_one_actors_is_a_clean_message():
    with pytest.raises(MermaidError, match="more than 1,000 actors"):
        from_mermaid(_journey(1, 1, actors=1001))


def test_a_section_of_more_than_a_thousand_tasks_continues_in_a_second_stage():
    result = read_mermaid(_journey(1, 1001))
    assert [len(s.steps) for s in result.doc.stages] == [1000, 1]
    assert [s.name for s in result.doc.stages] == ["S0", "S0"]
    assert any("more than 1000 tasks" in n for n in result.notes)
    assert validate_references(result.doc) == []


def test_ten_thousand_and_one_sections_is_a_clean_message():
    with pytest.raises(MermaidError, match="more than 10,000 sections"):
        from_mermaid(_journey(10_001, 1))


def test_actor_names_equal_in_their_first_500_characters_stay_two_personas():
    a, b = "x" * 600 + "a", "x" * 600 + "b"
    result = read_mermaid(f"journey\n  section S\n    T: 3: {a}, {b}\n")
    names = [p.name for p in result.doc.personas]
    assert len(names) == 2 and len(set(names)) == 2 and all(len(n) <= 500 for n in names)
    assert validate_references(result.doc) == []
    assert any("cut to 500" in n for n in result.notes)


def test_a_long_task_name_is_cut_with_the_whole_text_in_the_description():
    name = "长" * 800
    doc = from_mermaid(f"journey\n  section S\n    {name}: 3\n")
    assert len(doc.cards[0].title) == 500 and doc.cards[0].description == name


@pytest.mark.timeout(20)  # a hang guard; the growth is measured in bench (group mermaid)
def test_a_100_kb_line_is_read():
    # one regex used to backtrack on such a line for a minute; the lexer is linear
    with pytest.raises(MermaidError):
        from_mermaid("journey\n  section S\n    " + "a " * 50_000 + "\n")
    assert len(tasks("journey\n  section S\n    " + "a" * 100_000 + ": 3: " + "b," * 20_000 + "\n")[0][3]) == 20_001


# -- writing: what Mermaid reads back is what the map says ------------------------------


def _map(stage: str, task: str, persona: str) -> MapDocument:
    step = Step(name="step")
    lane = Lane(name="Touchpoints", kind=LaneKind.TOUCHPOINTS)
    doc = MapDocument(meta=MapMeta(title="t"))
    doc.stages = [Stage(name=stage, steps=[step])]
    doc.lanes = [lane]
    doc.cards = [make_card(CardKind.TOUCHPOINT, lane=lane.id, step=step.id, title=task)]
    doc.personas = [Persona(name=persona, as_is=[EmotionPoint(step=step.id, score=1)])]
    return doc


@pytest.mark.parametrize(
    "title",
    [
        "section 2 review", "Section Two", "title page", "Title: page", "journey planning",
        "JOURNEY", "accDescr { x }", "accDescr: x", "accTitle: x", "%% not a comment",
        "50%% off", "a%%b", "%%{init: {}}%%", "a: b", "#1 choice", "x; y", "<b>bold</b>",
        "<br> literal", "a\nb", "}%%", "  padded  ", "# only", ": colon first", "a,b",
        "登录：手机号#验证码;完成", "#35; already an entity", "\x1b[2J clear",
    ],
)
def test_any_task_title_is_read_back_as_the_same_task(title):
    doc = _map("Stage: #1; 100%% sure", title, "Smith, John; #2")
    written = to_mermaid(doc)
    want = [(t.section, t.name, t.score, t.actors) for t in journey_tasks(doc)]
    assert tasks(written) == want
    assert want[0][3] == ("Smith, John; #2",)


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(stage=names, task=names, persona=names)
def test_any_text_is_read_back_as_the_same_sections_tasks_and_actors(stage, task, persona):
    doc = _map(stage, task, persona)
    want = [(t.section, t.name, t.score, t.actors) for t in journey_tasks(doc)]
    assert tasks(to_mermaid(doc)) == want


def test_import_export_import_gives_the_same_map():
    text = ("---\ntitle: 网购\nconfig:\n  theme: neutral\n---\njourney\n  accTitle: 标题\n"
            "  accDescr: 描述\n  section 认知\n    看广告: 4.5: 李女士, Tom\n    扫码#58; 登录: 2: 李女士\n"
            "  Section 决策\n    支付: 7: Tom\n    无人: 3\n")
    first = from_mermaid(text)
    second = from_mermaid(to_mermaid(first))

    def shape(doc):
        steps = {s.id: s.name for s in doc.steps()}
        return (
            doc.meta.title, doc.meta.description, (doc.scale.min, doc.scale.max), doc.extensions,
            [(s.name, [st.name for st in s.steps]) for s in doc.stages],
            [(c.title, steps[c.step]) for c in doc.cards],
            [(p.name, [(steps[e.step], e.score) for e in p.as_is]) for p in doc.personas],
        )

    assert shape(second) == shape(first)


@pytest.mark.timeout(20)  # a hang guard; the growth is measured in bench (group mermaid)
def test_export_of_ten_thousand_steps():
    """10,000 steps of one card each: the writer groups cards by step once (it scanned
    every card for every step: 16 s at 10,000 × 10,000)."""
    lane = Lane(name="Touchpoints", kind=LaneKind.TOUCHPOINTS)
    stages, cards = [], []
    for s in range(10):
        steps = [Step(name=f"s{s}.{i}") for i in range(1000)]
        stages.append(Stage(name=f"S{s}", steps=steps))
        cards += [make_card(CardKind.TOUCHPOINT, lane=lane.id, step=st_.id, title=st_.name) for st_ in steps]
    doc = MapDocument(meta=MapMeta(title="big"))
    doc.stages, doc.lanes, doc.cards = stages, [lane], cards
    text = to_mermaid(doc)
    assert text.count("\n    ") == 10_000


def test_the_lexer_keeps_line_numbers_through_front_matter_and_directives():
    pre = preprocess("---\ntitle: x\n---\n%%{init: {}\n}%%\njourney\n  section S\n    bad\n")
    kinds = [(t.kind, t.line) for t in tokens(pre)]
    assert kinds == [("journey", 6), ("section", 7), ("task_name", 8)]
    assert restore("a", pre) == "a"


def test_escape_never_leaves_a_reserved_character():
    text = escape("a#b:c;d<e%%f,g", actor=True)
    assert not set("#:;<,") & set(text.replace("#35;", "").replace("#58;", "").replace("#59;", "")
                                        .replace("#60;", "").replace("#37;", "").replace("#44;", ""))
