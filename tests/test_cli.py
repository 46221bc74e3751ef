"""The command line: validate, info, check and new, in process, with real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cxmapper.cli import main
from cxmapper.cli._text import display_width, table
from cxmapper.model.document import (
    EmotionPoint,
    KanoCategory,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    MapMeta,
    Persona,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.fileformat import load_file, save_file

REPO = Path(__file__).resolve().parent.parent


def bank_blueprint() -> MapDocument:
    """A small Chinese blueprint with one finding of each kind ``check`` reports."""
    doc = MapDocument(meta=MapMeta(title="银行开户服务蓝图", locale="zh_CN"))
    doc.stages += [
        Stage(id="aware", name="认知", steps=[Step(id="s0", name="看到广告")]),
        Stage(id="apply", name="办理", steps=[Step(id="s1", name="取号排队"), Step(id="s2", name="提交资料")]),
    ]
    doc.lanes += [
        Lane(id=kind.value, kind=kind, name=name)
        for kind, name in [
            (LaneKind.CUSTOMER_ACTIONS, "顾客行为"),
            (LaneKind.FRONTSTAGE, "前台行为"),
            (LaneKind.BACKSTAGE, "后台行为"),
            (LaneKind.PAIN_POINTS, "痛点"),
            (LaneKind.OPPORTUNITIES, "机会点"),
        ]
    ]

    def card(kind, card_id, lane, step, title, **fields):
        doc.cards.append(make_card(kind, id=card_id, lane=lane.value, step=step, title=title, **fields))

    card("action", "see_ad", LaneKind.CUSTOMER_ACTIONS, "s0", "看到朋友圈广告")  # nobody answers it
    card("action", "queue", LaneKind.CUSTOMER_ACTIONS, "s1", "取号")
    card("process", "teller", LaneKind.FRONTSTAGE, "s1", "柜员叫号", owner="柜员")
    card("process", "review", LaneKind.BACKSTAGE, "s2", "人工审核资料", owner="运营中心")
    card("pain_point", "wait", LaneKind.PAIN_POINTS, "s2", "排队四十分钟", severity=5, kano=KanoCategory.MUST_BE)
    card("pain_point", "forms", LaneKind.PAIN_POINTS, "s1", "表格太多", kano=KanoCategory.MUST_BE)
    card("pain_point", "lonely", LaneKind.PAIN_POINTS, "s0", "不知道要带什么")
    card("opportunity", "online", LaneKind.OPPORTUNITIES, "s2", "线上预填", kano=KanoCategory.ATTRACTIVE)
    doc.links += [
        Link(id="l1", kind=LinkKind.FLOW, source="queue", target="teller"),
        Link(id="l2", kind=LinkKind.SUPPORTS, source="review", target="teller"),
        Link(id="l3", kind=LinkKind.CAUSES, source="teller", target="wait"),
        Link(id="l4", kind=LinkKind.ADDRESSES, source="online", target="forms"),
    ]
    doc.personas.append(Persona(id="zhang", name="张女士", as_is=[
        EmotionPoint(step="s0", score=1), EmotionPoint(step="s1", score=-2), EmotionPoint(step="s2", score=-1),
    ]))
    return doc


@pytest.fixture
def bank_file(tmp_path) -> Path:
    path = tmp_path / "银行开户.cxmap"
    save_file(bank_blueprint(), path)
    return path


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# --- validate -----------------------------------------------------------------------------


def test_validate_valid_files_exit_zero(capsys, bank_file, tmp_path):
    other = tmp_path / "空白.cxmap"
    save_file(MapDocument(), other)
    code, out, err = run_cli(capsys, "validate", bank_file, other)
    assert code == 0 and err == ""
    assert out.splitlines() == [f"{bank_file}: valid (8 cards, 4 links)", f"{other}: valid (0 cards, 0 links)"]


def test_validate_lists_every_problem_with_file_path_line_and_reason(capsys, bank_file, tmp_path):
    data = json.loads(bank_file.read_text(encoding="utf-8"))
    data["cards"][4]["severity"] = 9
    data["links"][0]["target"] = "ghost"
    bad = write_json(tmp_path / "坏的.cxmap", data)
    lines = bad.read_text(encoding="utf-8").splitlines()
    severity_line = next(i for i, text in enumerate(lines, 1) if '"severity": 9' in text)
    not_json = tmp_path / "broken.cxmap"
    not_json.write_text('{"format": "cxmapper",\n  "stages": [', encoding="utf-8")

    code, out, _ = run_cli(capsys, "validate", bank_file, bad, not_json, tmp_path / "missing.cxmap")
    assert code == 1
    printed = out.splitlines()
    assert printed[0] == f"{bank_file}: valid (8 cards, 4 links)"
    assert any(
        line.startswith(f"{bad}: $.cards[4].severity (line {severity_line}): ") and "5" in line for line in printed
    ), printed
    assert all(not line.startswith(f"{bad}: $.links") for line in printed)  # pydantic failed first
    assert any(line.startswith(f"{not_json}: ") and "line 2" in line for line in printed), printed
    assert f"{tmp_path / 'missing.cxmap'}: no such file" in printed


def test_validate_reports_every_broken_reference(capsys, bank_file, tmp_path):
    data = json.loads(bank_file.read_text(encoding="utf-8"))
    data["links"][0]["target"] = "ghost"
    data["cards"][0]["lane"] = "no_lane"
    bad = write_json(tmp_path / "refs.cxmap", data)
    code, out, _ = run_cli(capsys, "validate", bad)
    assert code == 1
    paths = [line.split(": ")[1].split(" (line")[0] for line in out.splitlines()]
    assert "$.cards[0].lane" in paths and "$.links[0].target" in paths
    assert all(line.startswith(f"{bad}: $.") and "(line " in line for line in out.splitlines())


def test_validate_needs_a_file(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    assert exit_info.value.code == 2
    assert "FILE" in capsys.readouterr().err


# --- info -------------------------------------------------------------------------------------


def test_display_width_counts_chinese_as_two_columns():
    assert display_width("认知") == 4
    assert display_width("App 下载") == 8
    assert display_width("Café") == display_width("Cafe\u0301") == 4  # a combining accent takes no column
    assert display_width("ＡＢ") == 4  # full-width letters


def test_table_aligns_mixed_chinese_and_latin_columns():
    lines = table([("认知阶段", "a", "x"), ("Use", "长一点的", "y")], indent="")
    assert lines == ["认知阶段  a         x", "Use       长一点的  y"]
    assert display_width(lines[0].split("x")[0]) == display_width(lines[1].split("y")[0])


def test_info_summarises_the_map(capsys, bank_file):
    code, out, err = run_cli(capsys, "info", bank_file)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Title:          银行开户服务蓝图"
    assert f"File:           {bank_file}" in lines
    assert "Stages (2, 3 steps):" in lines
    assert "  1.  认知  看到广告" in lines and "  2.  办理  取号排队, 提交资料" in lines
    assert "  顾客行为  customer actions  2 cards" in lines
    assert "  痛点      pain points       3 cards" in lines
    assert "  前台行为  frontstage        1 card" in lines
    kinds = lines[lines.index("Cards by kind (8):") + 1:]
    assert kinds[:4] == ["  action       2", "  process      2", "  pain point   3", "  opportunity  1"]
    assert "Links (4): addresses 1, causes 1, flow 1, supports 1" in lines
    assert "  张女士  as-is 3 points  no to-be curve" in lines
    kano = lines[lines.index("Pain points by Kano category (3):") + 1:]
    assert kano == ["  must-be (M)      2", "  not categorised  1"]


def test_info_on_an_invalid_file_prints_the_problem_to_stderr(capsys, tmp_path):
    empty = tmp_path / "empty.cxmap"
    empty.write_bytes(b"")
    code, out, err = run_cli(capsys, "info", empty)
    assert code == 1 and out == ""
    assert err.startswith(f"{empty}: ") and "empty" in err


# --- check --------------------------------------------------------------------------------------


def test_check_prints_warnings_then_notes_with_card_titles(capsys, bank_file):
    code, out, err = run_cli(capsys, "check", bank_file)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{bank_file}: 2 warnings, 4 notes"
    warnings = lines[lines.index("Warnings:") + 1: lines.index("Notes:") - 1]
    notes = lines[lines.index("Notes:") + 1:]
    assert warnings == [
        "  [orphan] pain point “不知道要带什么” has no cause and no opportunity addressing it",
        "  [no-frontstage-response] customer action “看到朋友圈广告” gets no frontstage response "
        "(no frontstage card in its step and no flow or supports link to one)",
    ]
    assert notes == [
        "  [handoff] handoff “人工审核资料” → “柜员叫号” (supports) crosses the line of visibility and passes from 运营中心 to 柜员",
        "  [pain-chain] pain point “排队四十分钟” traces back to “柜员叫号”, “人工审核资料”",
        "  [hot-stage] stage “办理” has the most pain points: 2 (severity-weighted 8): “表格太多”, “排队四十分钟”",
        "  [low-emotion] stage “办理” has the lowest emotion: mean -1.5 on -2…2 (张女士 -1.5)",
    ]


def test_check_strict_fails_on_warnings_only(capsys, bank_file, tmp_path):
    assert run_cli(capsys, "check", "--strict", bank_file)[0] == 1
    doc = bank_blueprint()
    doc.cards = [c for c in doc.cards if c.id not in ("see_ad", "lonely")]  # the two warnings
    clean = tmp_path / "clean.cxmap"
    save_file(doc, clean)
    code, out, _ = run_cli(capsys, "check", "--strict", clean)
    assert code == 0
    assert out.splitlines()[0] == f"{clean}: 0 warnings, 4 notes" and "Warnings:" not in out


def test_check_on_a_map_with_nothing_to_say(capsys, tmp_path):
    path = tmp_path / "new.cxmap"
    assert run_cli(capsys, "new", "--template", "journey", path)[0] == 0
    assert run_cli(capsys, "check", "--strict", path) == (0, f"{path}: no findings\n", "")


def test_check_on_an_invalid_file_exits_one_even_without_strict(capsys, tmp_path):
    bad = write_json(tmp_path / "v2.cxmap", {"format": "cxmapper", "schema_version": 99})
    code, out, err = run_cli(capsys, "check", bad)
    assert code == 1 and out == ""
    assert err.startswith(f"{bad}: $.schema_version (line 3): ") and "newer" in err


# --- new -----------------------------------------------------------------------------------------


def test_new_offers_exactly_the_model_templates():
    from cxmapper.cli.new import TEMPLATE_CHOICES
    from cxmapper.model.templates import TEMPLATES

    assert TEMPLATE_CHOICES == TEMPLATES


def test_new_writes_a_map_that_loads(capsys, tmp_path):
    out_path = tmp_path / "蓝图.cxmap"
    code, out, err = run_cli(capsys, "new", "--template", "blueprint", "--title", "开户蓝图", "--locale", "zh_CN", out_path)
    assert code == 0 and err == ""
    assert out == f"{out_path}: new blueprint map “开户蓝图” with 5 stages, 8 steps, 8 lanes\n"
    doc = load_file(out_path)
    assert doc.meta.title == "开户蓝图" and doc.meta.locale == "zh_CN"
    assert [s.name for s in doc.stages] == ["认知", "考虑", "决策", "使用", "忠诚"]
    assert doc.lanes[2].kind is LaneKind.FRONTSTAGE


def test_new_refuses_to_overwrite_unless_forced(capsys, bank_file):
    before = bank_file.read_bytes()
    code, out, err = run_cli(capsys, "new", "--template", "journey", bank_file)
    assert code == 1 and out == ""
    assert err == f"{bank_file}: already exists; not overwritten (use --force to replace it)\n"
    assert bank_file.read_bytes() == before

    code, _, _ = run_cli(capsys, "new", "--template", "journey", "--force", bank_file)
    assert code == 0
    assert load_file(bank_file).meta.title == "New customer journey"


def test_new_reports_bad_arguments_and_unwritable_places(capsys, tmp_path):
    code, _, err = run_cli(capsys, "new", "--template", "journey", "--locale", "中文", tmp_path / "x.cxmap")
    assert code == 2 and "--locale" in err and not (tmp_path / "x.cxmap").exists()
    code, _, err = run_cli(capsys, "new", "--template", "journey", tmp_path)
    assert code == 1 and "is a directory" in err
    code, _, err = run_cli(capsys, "new", "--template", "journey", tmp_path / "no" / "such" / "x.cxmap")
    assert code == 1 and err.startswith(f"{tmp_path / 'no' / 'such' / 'x.cxmap'}: ")
    with pytest.raises(SystemExit):
        main(["new", "--template", "storyboard", str(tmp_path / "y.cxmap")])
    assert "invalid choice" in capsys.readouterr().err


def test_output_to_an_ascii_pipe_is_escaped_not_a_traceback(bank_file):
    result = subprocess.run(
        [sys.executable, "-m", "cxmapper", "check", str(bank_file)],
        cwd=REPO, capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0 and result.stderr == b""
    # “不知道要带什么” escaped as \u201c\u4e0d...
    assert b"[orphan] pain point \\u201c\\u4e0d\\u77e5" in result.stdout


def test_a_closed_pipe_ends_the_command_quietly(bank_file):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "cxmapper", "info", str(bank_file)],
            cwd=REPO, stdout=write_end, stderr=subprocess.PIPE, timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 141  # 128 + SIGPIPE, as a shell reports a closed pipe
    assert result.stderr == b""


def test_these_commands_import_no_model_until_they_run():
    # Every start-up (the desktop app's too) builds the parser, importing each command.
    code = (
        "import sys\n"
        "import cxmapper.cli.validate, cxmapper.cli.info, cxmapper.cli.check, cxmapper.cli.new\n"
        "print(sorted(m for m in ('networkx', 'pydantic', 'cxmapper.model.document') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr


@pytest.mark.parametrize(
    ("argv", "opens_app", "parses"),
    [
        ([], True, False),
        (["map.cxmap"], True, False),
        (["some/dir/map"], True, False),
        (["not-a-command"], True, True),  # a bare name is a file only when no command has it
        (["check"], False, True),
        (["--help"], False, True),
    ],
)
def test_the_app_opens_a_file_without_building_the_command_parser(monkeypatch, argv, opens_app, parses):
    import cxmapper.cli as cli

    built, opened = [], []
    real_build = cli.build_parser

    def build():
        built.append(True)
        return real_build()

    monkeypatch.setattr(cli, "build_parser", build)
    monkeypatch.setattr(cli, "_open_app", lambda args: opened.append(args) or 0)
    try:
        cli.main(argv)
    except SystemExit:  # --help, or "check" with no file
        pass
    assert bool(opened) == opens_app
    assert bool(built) == parses


def test_importing_the_command_line_imports_no_argument_parser():
    # The desktop app starts through cxmapper.cli; argparse is for commands only.
    code = "import sys, cxmapper.cli\nprint(sorted(m for m in ('argparse', 'pkgutil') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr


def test_python_dash_m_runs_check(bank_file):
    result = subprocess.run(
        [sys.executable, "-m", "cxmapper", "check", "--strict", str(bank_file)],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 1
    assert "[orphan] pain point “不知道要带什么”" in result.stdout


# --- the bundled examples ----------------------------------------------------------------------

EXAMPLES = REPO / "resources" / "examples"


def _check_lines(capsys, path: Path) -> tuple[list[str], list[str]]:
    code, out, err = run_cli(capsys, "check", path)
    assert code == 0 and err == ""
    lines = out.splitlines()
    notes_at = lines.index("Notes:")
    return lines[:notes_at], lines[notes_at:]


def test_check_on_the_chinese_bank_blueprint_points_at_what_a_workshop_would(capsys):
    warnings, notes = _check_lines(capsys, EXAMPLES / "bank-account-opening.zh.cxmap")
    # the monthly NPS report is internal work nothing customer-facing depends on
    assert "  [orphan] process “月度 NPS 报表汇总” supports nothing the customer meets" in warnings
    # feedback sent in the app goes nowhere a customer can see
    assert any(
        line.startswith("  [no-frontstage-response] customer action “在 APP 提交意见反馈（限额、排队）”")
        for line in warnings
    )
    # the account-opening visit is where it hurts, by pain points and by emotion
    assert any(line.startswith("  [hot-stage] stage “办理” has the most pain points: 7 ") for line in notes)
    assert any(line.startswith("  [low-emotion] stage “办理” has the lowest emotion") for line in notes)
    # the failed ID scan traces back to the teller's check and the recognition service
    [ocr] = [line for line in notes if line.startswith("  [pain-chain] pain point “身份证 OCR 识别失败")]
    assert "“柜员读取身份证并做人脸比对”" in ocr and "“身份证 OCR 与人脸识别服务”" in ocr
    # the manual risk review hands the case from the teller to the risk department
    assert any(
        "“柜员问询开户用途，要求工作证明” → “风控人工复核开户合理性” (flow) crosses the line of visibility "
        "and passes from 柜员 to 风控部" in line
        for line in notes
    )


def test_check_on_the_english_order_and_return_journey(capsys):
    warnings, notes = _check_lines(capsys, EXAMPLES / "online-order-and-return.en.cxmap")
    assert "  [orphan] opportunity “Loyalty points on every order” addresses no pain point" in warnings
    assert "  [orphan] process “Weekly returns-reason report” supports nothing the customer meets" in warnings
    assert any("customer action “Tries on both sizes and keeps one” gets no frontstage response" in w for w in warnings)
    assert any(line.startswith("  [hot-stage] stage “Return” has the most pain points") for line in notes)
    assert any(line.startswith("  [low-emotion] stage “Return” has the lowest emotion") for line in notes)
    [refund] = [line for line in notes if "pain point “The refund arrives 14 days after drop-off”" in line]
    assert "“Inspects and grades the returned item”" in refund and "“Returns grading standard”" in refund
    assert any(
        "“Inspects and grades the returned item” → “Issues the refund after inspection” (flow) "
        "passes from Returns centre to Finance" in line
        for line in notes
    )


def test_the_examples_validate_and_info_counts_their_cards(capsys):
    paths = sorted(EXAMPLES.glob("*.cxmap"))
    assert len(paths) >= 2
    code, out, _ = run_cli(capsys, "validate", *paths)
    assert code == 0 and all(": valid (" in line for line in out.splitlines())
    code, out, _ = run_cli(capsys, "info", paths[0])
    assert code == 0 and "Pain points by Kano category" in out
