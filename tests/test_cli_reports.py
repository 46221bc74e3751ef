"""Reports a script can read (``--json``), terminal safety and ``check`` at scale.

Every report command builds one data structure and prints its text or its JSON: the
tests read the JSON back and find each of its numbers, formatted as the text formats
them, in the text output of the same command. Hostile map text (ESC/OSC sequences,
C1 controls, bidi overrides) must never reach the terminal raw, yet come back exact
from the JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.check_bench import chain_map
from cxmapper.cli import main
from cxmapper.cli.check import PER_CODE
from cxmapper.model.document import (
    EmotionPoint,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    MapMeta,
    Metrics,
    Persona,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.fileformat import save_file

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "resources" / "examples"
EXAMPLE_MAPS = sorted(EXAMPLES.glob("*.cxmap"))


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()  # what a fixture printed
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv) -> dict:
    code, out, err = run_cli(capsys, *argv, "--json")
    assert code == 0, err
    data = json.loads(out)  # ONE document: json.loads refuses trailing text
    assert data["format"] == "cxmapper-report" and data["version"] == 1
    return data


@pytest.fixture
def surveyed_bank(tmp_path) -> Path:
    """The Chinese example with its shipped Kano answers imported."""
    path = tmp_path / "bank.cxmap"
    shutil.copy(EXAMPLES / "bank-account-opening.zh.cxmap", path)
    assert main(["kano", "import", str(path), str(EXAMPLES / "kano-answers.zh.csv")]) == 0
    return path


# --- --json against the text ---------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_info_json_has_the_numbers_of_the_text(capsys, path):
    data = run_json(capsys, "info", path)
    _, text, _ = run_cli(capsys, "info", path)
    assert data["command"] == "info" and data["file"] == str(path)
    assert f"Stages ({len(data['stages'])}, {data['step_count']} steps):" in text
    assert f"Cards by kind ({data['card_count']}):" in text
    assert f"Links ({data['link_count']}): " in text
    assert sum(data["cards_by_kind"].values()) == data["card_count"] == sum(lane["cards"] for lane in data["lanes"])
    for lane in data["lanes"]:
        assert any(lane["name"] in line and f"{lane['cards']} card" in line for line in text.splitlines())
    assert f"Pain points by Kano category ({data['pain_point_count']}):" in text
    assert sum(data["pain_points_by_kano"].values()) + data["pain_points_not_categorised"] == data["pain_point_count"]
    for stage in data["stages"]:
        assert all(step["name"] in text for step in stage["steps"])


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_metrics_json_has_the_numbers_of_the_text(capsys, path):
    data = run_json(capsys, "metrics", path)
    _, text, _ = run_cli(capsys, "metrics", path)
    lines = text.splitlines()
    assert data["steps"] and data["stages"] and data["personas"]
    for row in data["steps"]:
        [line] = [line for line in lines if line.startswith(f"  {row['stage']} / {row['step']}:")]
        for name, fmt in (("nps", "+.1f"), ("csat", ".1f"), ("ces", ".2f")):
            measure = row[name]
            if measure is None:
                assert f"{name.upper()} -" in line
            else:
                assert f"{name.upper()} {measure['value']:{fmt}}" in line
                if measure["samples"]:
                    assert f"n={measure['samples']}" in line
    total = data["total"]
    assert f"whole map: NPS {total['nps']['value']:+.1f}" in text
    for mood in data["personas"]:
        if mood["happiness"] is not None:
            assert f"{mood['persona']} ({'as-is' if mood['curve'] == 'as_is' else 'to-be'}): {mood['happiness']:.0%}" in text
        for pain in mood["moments_of_pain"]:
            assert f"moment of pain: {pain['step']} ({pain['score']:+d})" in text


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_kano_rank_json_has_the_numbers_of_the_text(capsys, path):
    data = run_json(capsys, "kano", "rank", path)
    _, text, _ = run_cli(capsys, "kano", "rank", path)
    assert data["command"] == "kano rank" and data["pain_points"]
    assert [row["rank"] for row in data["pain_points"]] == list(range(1, len(data["pain_points"]) + 1))
    scores = [row["score"] for row in data["pain_points"]]
    assert scores == sorted(scores, reverse=True)
    for row in data["pain_points"]:
        head = f"{row['rank']:>3}. {row['score']:6.1f}  [{row['kano'] or '-'}] {row['title']}"
        assert head in text
        assert all(f"       - {reason}" in text for reason in row["reasons"])


def test_kano_report_json_has_the_numbers_of_the_text(capsys, surveyed_bank):
    data = run_json(capsys, "kano", "report", surveyed_bank)
    _, text, _ = run_cli(capsys, "kano", "report", surveyed_bank)
    assert data["features"], "the example answers give every surveyed card a row"
    lines = text.splitlines()
    for row in data["features"]:
        [line] = [line for line in lines if line.startswith(row["title"] + " ")]
        cells = line[len(row["title"]):].split()
        c = row["counts"]
        assert cells[:7] == [str(c[k]) for k in ("n", "A", "O", "M", "I", "R", "Q")]
        assert cells[7] == (row["category"] or "-")
        assert cells[9:11] == [f"{row['category_strength']:.1f}", f"{row['total_strength']:.1f}"]
        assert cells[12:14] == [f"{row['better']:.2f}", f"{row['worse']:.2f}"]
        assert c["n"] == sum(c[k] for k in "AOMIRQ")


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_check_json_has_every_finding_of_the_text(capsys, path):
    data = run_json(capsys, "check", path)
    _, text, _ = run_cli(capsys, "check", path)
    assert text.splitlines()[0] == f"{path}: {data['warnings']} warnings, {data['notes']} notes"
    assert data["warnings"] + data["notes"] == len(data["findings"]) == sum(data["by_code"].values())
    for finding in data["findings"]:
        assert f"  [{finding['code']}] {finding['message']}\n" in text
        assert finding["card_ids"] or finding["code"] == "low-emotion"


def test_report_json_of_a_missing_file_is_an_error_not_a_document(capsys, tmp_path):
    for argv in (["info"], ["check"], ["metrics"], ["kano", "rank"], ["kano", "report"]):
        code, out, err = run_cli(capsys, *argv, tmp_path / "nope.cxmap", "--json")
        assert code == 1 and out == "" and "nope.cxmap" in err


# --- terminal safety ------------------------------------------------------------------------

#: Set the window title, clear the screen, C1 CSI, a right-to-left override, a bell.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u2066 end\x00"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x00")


def hostile_map() -> MapDocument:
    doc = MapDocument(meta=MapMeta(title="map " + HOSTILE))
    doc.stages.append(Stage(id="st", name="stage " + HOSTILE, steps=[Step(id="s0", name="step " + HOSTILE)]))
    doc.lanes += [
        Lane(id="front", kind=LaneKind.FRONTSTAGE, name="lane " + HOSTILE),
        Lane(id="back", kind=LaneKind.BACKSTAGE, name="Backstage"),
        Lane(id="pain", kind=LaneKind.PAIN_POINTS, name="Pain"),
    ]
    doc.cards += [
        make_card("process", id="b", lane="back", step="s0", title="work " + HOSTILE, owner="ops " + HOSTILE),
        make_card("process", id="f", lane="front", step="s0", title="desk " + HOSTILE, owner="desk",
                  metrics=Metrics(nps=10, sample_size=20)),
        make_card("pain_point", id="p", lane="pain", step="s0", title="pain " + HOSTILE, kano="must_be", severity=4),
    ]
    doc.links += [
        Link(id="l1", kind=LinkKind.SUPPORTS, source="b", target="f"),
        Link(id="l2", kind=LinkKind.CAUSES, source="f", target="p"),
    ]
    doc.personas.append(Persona(id="x", name="persona " + HOSTILE, as_is=[EmotionPoint(step="s0", score=-2, reason=HOSTILE)]))
    return doc


COMMANDS = (["validate"], ["info"], ["check"], ["metrics"], ["kano", "rank"], ["kano", "report"])


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_control_characters_in_map_text_never_reach_the_terminal_raw(tmp_path, argv):
    path = tmp_path / "hostile.cxmap"
    save_file(hostile_map(), path)
    result = subprocess.run(
        [sys.executable, "-m", "cxmapper", *argv, str(path)],
        cwd=REPO, capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert not [ch for ch in RAW if ch in out]
    if argv != ["validate"]:  # validate names the file, not the map's text
        assert "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eevil\\u2066 end\\x00" in out


@pytest.mark.parametrize("argv", COMMANDS[1:], ids=" ".join)
def test_json_of_hostile_text_is_safe_on_a_terminal_and_reads_back_exact(tmp_path, argv):
    path = tmp_path / "hostile.cxmap"
    save_file(hostile_map(), path)
    result = subprocess.run(
        [sys.executable, "-m", "cxmapper", *argv, str(path), "--json"],
        cwd=REPO, capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert not [ch for ch in RAW if ch in out]
    assert "map " + HOSTILE == json.loads(out).get("title", "map " + HOSTILE)
    assert any(HOSTILE in text for text in _strings(json.loads(out)))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_a_problem_message_with_hostile_text_is_escaped_on_stderr(tmp_path):
    path = tmp_path / "bad.cxmap"
    path.write_text('{"format": "cxmap", "schema_version": "\x1b]0;x\x07"}', encoding="utf-8")
    for argv in (["validate"], ["info"], ["metrics"], ["kano", "rank"]):
        result = subprocess.run(
            [sys.executable, "-m", "cxmapper", *argv, str(path)], cwd=REPO, capture_output=True, timeout=120,
        )
        assert result.returncode == 1
        assert b"\x1b" not in result.stdout + result.stderr and b"\x07" not in result.stdout + result.stderr


# --- check at scale -----------------------------------------------------------------------------


def test_check_summarises_a_long_report_and_all_lists_everything(capsys, tmp_path):
    n = 3 * PER_CODE // 2
    path = tmp_path / "chain.cxmap"
    save_file(chain_map(n, steps=10), path)
    code, out, err = run_cli(capsys, "check", path)
    assert code == 0 and err == ""
    lines = out.splitlines()
    # every pain point is a pain-chain note and every flow link a handoff between owners
    chains = [line for line in lines if line.startswith("  [pain-chain] pain point")]
    assert len(chains) == PER_CODE
    assert f"  [pain-chain] … and {n - PER_CODE} more" in lines
    assert lines[-1] == "(summarised: cxmapper check --all lists every finding and every card)"
    assert all(line.count("“后台处理") <= 8 for line in chains)
    assert "“Pain 149” traces back to" not in out
    # the nearest causes are named, the rest announced
    [pain_99] = [line for line in chains if "“Pain 99”" in line]
    assert "“后台处理 99”" in pain_99 and pain_99.endswith(" and more")
    [loop] = [line for line in lines if "[flow-cycle]" in line]
    assert "more cards) →" in loop
    assert len(out) < 60_000

    code, everything, _ = run_cli(capsys, "check", path, "--all")
    lines = everything.splitlines()
    assert len([line for line in lines if line.startswith("  [pain-chain] pain point")]) == n
    [last] = [line for line in lines if "pain point “Pain 149” traces back to" in line]
    assert all(f"“后台处理 {i}”" in last for i in range(n))
    assert "summarised" not in everything and "… and" not in everything
    assert everything.splitlines()[0] == out.splitlines()[0]  # the same counts

    data = run_json(capsys, "check", path)
    assert data["by_code"]["pain-chain"] == n and len(data["findings"]) == data["warnings"] + data["notes"]
    # the loop back to the first process puts more than 8 cards behind every pain point
    assert all(not f["complete"] and len(f["card_ids"]) == 9 for f in data["findings"] if f["code"] == "pain-chain")


def test_a_table_with_control_characters_stays_in_line(capsys, tmp_path):
    from cxmapper.cli._text import table

    lines = table([("a\x1b[2J", "x"), ("bbbbbbbbbbbb", "y")])
    assert lines == ["  a\\x1b[2J      x", "  bbbbbbbbbbbb  y"]  # both cells 12 columns


@pytest.mark.parametrize("argv", [["metrics"], ["kano", "report"], ["kano", "rank"], ["info"], ["check"]], ids=" ".join)
def test_a_report_on_a_terminal_that_is_not_utf8_is_escaped_not_a_traceback(argv):
    result = subprocess.run(
        [sys.executable, "-m", "cxmapper", *argv, str(EXAMPLES / "bank-account-opening.zh.cxmap")],
        cwd=REPO, capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0 and result.stderr == b""
    assert b"\\u" in result.stdout  # the Chinese text, escaped
