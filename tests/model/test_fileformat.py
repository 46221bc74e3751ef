"""Loading and saving .cxmap files: every bad input is a MapFileError naming where and why;
saving is atomic and keeps a backup."""

import json
from pathlib import Path
import os
import stat
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmapper.model import fileformat
from cxmapper.model.document import SCHEMA_VERSION, MapDocument
from cxmapper.model.fileformat import (
    MapFileError,
    NewerVersionError,
    dumps,
    load_file,
    loads,
    locate_lines,
    save_file,
)
from cxmapper.model.validation import Problem, format_path
from tests.strategies import documents, small_bank_map

# A guard against hangs only (no timing is asserted): hostile input must fail fast.
hang_guard = pytest.mark.timeout(120)


def raw_map() -> dict:
    return json.loads(dumps(small_bank_map()))


def encode(raw: dict) -> bytes:
    return json.dumps(raw, indent=2, ensure_ascii=False).encode("utf-8")


def load_error(data, source="bank.cxmap") -> MapFileError:
    with pytest.raises(MapFileError) as info:
        loads(data, source)
    return info.value


def line_containing(data: bytes, fragment: str) -> int:
    lines = data.decode("utf-8").split("\n")
    matches = [n for n, line in enumerate(lines, start=1) if fragment in line]
    assert len(matches) == 1, (fragment, matches)
    return matches[0]


# --- good files -------------------------------------------------------------------


def test_load_file_reads_what_save_file_wrote(tmp_path):
    path = tmp_path / "开户.cxmap"
    save_file(small_bank_map(), path)
    assert load_file(path) == small_bank_map()
    assert load_file(str(path)) == small_bank_map()


def test_a_utf8_bom_and_text_input_are_accepted():
    data = dumps(small_bank_map())
    assert loads(b"\xef\xbb\xbf" + data) == small_bank_map()
    assert loads(data.decode("utf-8")) == small_bank_map()
    assert loads("\ufeff" + data.decode("utf-8")) == small_bank_map()


def test_keys_in_any_order_and_defaults_left_out_are_fine():
    raw = raw_map()
    card = raw["cards"][0]
    raw["cards"][0] = {"title": card["title"], "kind": "action", "step": card["step"], "lane": card["lane"], "id": card["id"]}
    doc = loads(encode(dict(reversed(list(raw.items())))))
    assert doc == small_bank_map()


# --- the message reads like the brief's example ----------------------------------------


def test_a_reference_problem_names_file_path_line_and_reason():
    raw = raw_map()
    raw["cards"][2]["lane"] = "lane-x"
    data = encode(raw)
    error = load_error(data)
    line = line_containing(data, '"lane": "lane-x"')
    assert error.source == "bank.cxmap"
    assert error.problems == [
        Problem("$.cards[2].lane", "pain point '排队太久，等了40分钟': no lane with id 'lane-x'", line)
    ]
    assert str(error) == f"bank.cxmap: $.cards[2].lane (line {line}): pain point '排队太久，等了40分钟': no lane with id 'lane-x'"


def test_a_type_error_inside_a_card_points_at_its_line():
    raw = raw_map()
    raw["cards"][2]["severity"] = "很严重"
    data = encode(raw)
    [problem] = load_error(data).problems
    assert problem.path == "$.cards[2].severity"
    assert problem.line == line_containing(data, '"severity": "很严重"')
    assert "valid integer" in problem.message and "很严重" in problem.message


def test_an_unknown_key_is_refused_at_its_line():
    raw = raw_map()
    raw["lanes"][1]["colour"] = "#ff0000"
    data = encode(raw)
    [problem] = load_error(data).problems
    assert problem.path == "$.lanes[1].colour"
    assert problem.line == line_containing(data, '"colour"')
    assert "unknown key 'colour'" in problem.message and "extensions" in problem.message


def test_third_party_data_under_extensions_is_kept():
    raw = raw_map()
    raw["extensions"] = {"miro": {"board": "uXjV", "坐标": [1, 2]}}
    raw["cards"][0]["extensions"] = {"jira": "CX-12"}
    doc = loads(encode(raw))
    assert doc.extensions == {"miro": {"board": "uXjV", "坐标": [1, 2]}}
    assert doc.cards[0].extensions == {"jira": "CX-12"}


def test_a_missing_field_gets_the_line_of_its_object():
    raw = raw_map()
    del raw["lanes"][0]["kind"]
    data = encode(raw)
    [problem] = load_error(data).problems
    assert problem.path == "$.lanes[0].kind"
    assert problem.message == "lane '客户行为': required, but missing"
    # The path is not in the text; the line is that of the lane object, just above its id.
    assert problem.line == line_containing(data, '"id": "lane-actions"') - 1


def test_a_wrong_type_for_a_whole_list():
    raw = raw_map()
    raw["cards"] = {"card-ad": raw["cards"][0]}
    [problem] = load_error(encode(raw)).problems
    assert problem.path == "$.cards"
    assert "valid list" in problem.message


def test_many_problems_are_all_kept_but_the_text_is_capped():
    raw = raw_map()
    raw["cards"] = [dict(raw["cards"][0], id=f"c{i}", lane="nowhere") for i in range(30)]
    raw["links"] = []
    error = load_error(encode(raw))
    assert len(error.problems) == 30
    lines = str(error).splitlines()
    assert len(lines) == fileformat.MAX_PROBLEMS_SHOWN + 1
    assert lines[-1] == "bank.cxmap: … and 10 more problems"


def test_beyond_the_kept_problems_the_rest_are_counted(monkeypatch):
    monkeypatch.setattr(fileformat, "MAX_PROBLEMS_KEPT", 25)
    raw = raw_map()
    raw["cards"] = [dict(raw["cards"][0], id=f"c{i}", lane="nowhere") for i in range(30)]
    raw["links"] = []
    error = load_error(encode(raw))
    assert (len(error.problems), error.omitted) == (25, 5)
    assert str(error).splitlines()[-1] == "bank.cxmap: … and 10 more problems"


@given(documents(max_cards=12), st.data())
def test_every_path_finds_the_line_where_its_key_is_written(doc, data):
    text = dumps(doc).decode("utf-8")
    lines = text.split("\n")  # as JSON and editors count lines (splitlines also splits at U+0085)
    paths = [("cards", i, "id") for i in range(len(doc.cards))]
    paths += [("stages", i, "steps", j, "name") for i, stage in enumerate(doc.stages) for j in range(len(stage.steps))]
    paths += [("personas", i, "as_is", j, "score") for i, p in enumerate(doc.personas) for j in range(len(p.as_is))]
    paths += [("links", i, "target") for i in range(len(doc.links))] + [("extensions",), ("meta", "title")]
    chosen = data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=5, unique=True))
    problems = [Problem(format_path(parts), "问题") for parts in chosen]
    for parts, problem in zip(chosen, locate_lines(problems, text)):
        line = lines[problem.line - 1]
        assert line.lstrip().startswith(f'"{parts[-1]}": '), (parts, line)
        value = doc
        for part in parts:
            value = value[part] if isinstance(part, int) else getattr(value, part)
        if isinstance(value, (str, int)):  # a one-line value: the line holds exactly it
            assert json.loads("{" + line.rstrip(",") + "}")[parts[-1]] == value


# --- the envelope and versions -------------------------------------------------------------


def test_a_file_from_a_newer_version_is_refused_by_name():
    raw = raw_map()
    raw["schema_version"] = SCHEMA_VERSION + 4
    raw["hologram"] = {"new": "things"}
    with pytest.raises(NewerVersionError) as info:
        loads(encode(raw), "future.cxmap")
    error = info.value
    assert isinstance(error, MapFileError)
    assert (error.version, error.newest) == (SCHEMA_VERSION + 4, SCHEMA_VERSION)
    assert error.problems[0].path == "$.schema_version" and error.problems[0].line == 3
    assert f"schema version {SCHEMA_VERSION + 4}" in str(error)
    assert f"reads schema versions up to {SCHEMA_VERSION}" in str(error)
    assert str(error).startswith("future.cxmap: $.schema_version (line 3): ")


@pytest.mark.parametrize(
    "change, path, words",
    [
        (lambda raw: raw.pop("format"), "$", 'no "format": "cxmapper"'),
        (lambda raw: raw.update(format="miro"), "$.format", '"format" is "miro", expected "cxmapper"'),
        (lambda raw: raw.pop("schema_version"), "$", 'no "schema_version"'),
        (lambda raw: raw.update(schema_version="1"), "$.schema_version", 'whole number, got "1"'),
        (lambda raw: raw.update(schema_version=1.5), "$.schema_version", "whole number, got 1.5"),
        (lambda raw: raw.update(schema_version=True), "$.schema_version", "whole number, got true"),
        (lambda raw: raw.update(schema_version=0), "$.schema_version", "schema version 0 is not one CX Mapper ever wrote"),
    ],
)
def test_the_envelope_is_checked(change, path, words):
    raw = raw_map()
    change(raw)
    [problem] = load_error(encode(raw)).problems
    assert problem.path == path
    assert words in problem.message
    assert problem.line is not None


def test_a_fake_migration_runs_on_the_raw_dict_before_validation(monkeypatch):
    # A made-up version 0 before the real ones, to test the machinery.
    def from_0(raw):
        raw["meta"]["title"] = raw["meta"].pop("name")  # version 0 called it "name"
        return raw

    monkeypatch.setattr(fileformat, "MIGRATIONS", {**fileformat.MIGRATIONS, 0: from_0})
    raw = raw_map()
    raw["schema_version"] = 0
    raw["meta"]["name"] = raw["meta"].pop("title")
    doc = loads(encode(raw))
    assert doc == small_bank_map()
    assert doc.schema_version == SCHEMA_VERSION


def test_migrations_run_one_version_at_a_time_in_order(monkeypatch):
    seen = []

    def step(n):
        def migrate(raw):
            seen.append((n, raw["schema_version"]))
            return raw

        return migrate

    monkeypatch.setattr(fileformat, "MIGRATIONS", {**fileformat.MIGRATIONS, -1: step(-1), 0: step(0)})
    raw = raw_map()
    raw["schema_version"] = -1
    assert loads(encode(raw)) == small_bank_map()
    assert seen == [(-1, -1), (0, 0)]


def test_a_gap_in_the_migrations_and_a_failing_migration(monkeypatch):
    def broken(raw):
        return raw["stages_v0"]

    raw = raw_map()
    raw["schema_version"] = -1
    monkeypatch.setattr(fileformat, "MIGRATIONS", {**fileformat.MIGRATIONS, -1: lambda raw: raw})
    assert "no upgrade from schema version 0 to 1" in str(load_error(encode(raw)))
    monkeypatch.setattr(fileformat, "MIGRATIONS", {**fileformat.MIGRATIONS, -1: lambda raw: raw, 0: broken})
    message = str(load_error(encode(raw)))
    assert "could not upgrade this map from schema version 0 to 1: KeyError" in message


def test_a_problem_in_a_migrated_file_still_names_the_place(monkeypatch):
    monkeypatch.setattr(fileformat, "MIGRATIONS", {**fileformat.MIGRATIONS, 0: lambda raw: raw})
    raw = raw_map()
    raw["schema_version"] = 0
    raw["cards"][0]["step"] = "step-gone"
    [problem] = load_error(encode(raw)).problems
    assert problem.path == "$.cards[0].step" and "no step with id 'step-gone'" in problem.message


# --- hostile input ------------------------------------------------------------------------


@hang_guard
def test_not_json():
    error = load_error(b"title: my map\nstages: []\n")
    assert str(error) == "bank.cxmap: line 1: not valid JSON: Expecting value at column 1"


@hang_guard
def test_latin1_bytes_name_the_byte_offset_and_line():
    raw = raw_map()
    raw["meta"]["title"] = "Café"
    data = encode(raw).decode("utf-8").encode("latin-1", errors="replace")
    [problem] = load_error(data).problems
    offset = data.index(b"Caf") + 3
    assert problem.line == line_containing(encode(raw), "Café")
    assert f"not UTF-8 text: byte 0xe9 at byte offset {offset}" in problem.message


@hang_guard
def test_a_truncated_file():
    data = dumps(small_bank_map())
    [problem] = load_error(data[: len(data) // 2]).problems
    assert problem.message.startswith("not valid JSON: ")
    assert problem.line is not None and problem.line > 1


@hang_guard
@pytest.mark.parametrize("opening", ["[", "{\"a\":"])
def test_100k_deep_nesting(opening):
    data = opening * 100_000
    error = load_error(data)
    assert "nested too deeply" in str(error)


@hang_guard
def test_deep_nesting_inside_extensions_is_refused():
    raw = raw_map()
    nested: list = []
    for _ in range(100):
        nested = [nested]
    raw["cards"][1]["extensions"] = {"deep": nested}
    [problem] = load_error(encode(raw)).problems
    assert problem.path == "$.cards[1].extensions"
    assert "nested more than 32 levels deep" in problem.message


@hang_guard
def test_a_50_mb_string():
    raw = raw_map()
    raw["cards"][0]["title"] = "排" * (50 * 1024 * 1024 // 3)
    error = load_error(encode(raw))
    [problem] = error.problems
    assert problem.path == "$.cards[0].title"
    assert "at most 500 characters" in problem.message
    assert len(str(error)) < 500


@hang_guard
@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_their_place(token):
    raw = raw_map()
    raw["cards"][2]["metrics"] = {"nps": 0.0}
    raw["extensions"] = {"miro_score": 1}
    for where in ("metrics", "extensions"):
        text = encode(raw).decode()
        if where == "metrics":
            text = text.replace('"nps": 0.0', f'"nps": {token}')
            path = "$.cards[2].metrics.nps"
        else:
            text = text.replace('"miro_score": 1', f'"miro_score": {token}')
            path = "$.extensions.miro_score"
        [problem] = load_error(text.encode()).problems
        assert problem.path == path
        assert problem.message == f"{token} is not a number JSON allows; write a number or null"
        assert problem.line == line_containing(text.encode(), token)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@given(documents(max_cards=6), st.data())
def test_damaged_bytes_give_a_map_or_a_map_file_error_and_nothing_else(doc, data):
    original = dumps(doc)
    damage = data.draw(st.sampled_from(["truncate", "overwrite", "insert", "delete"]))
    at = data.draw(st.integers(0, len(original)))
    junk = data.draw(st.binary(min_size=1, max_size=8) | st.sampled_from([b"NaN", b"[", b"}", b'"', b"\\", b"\xff", b",", b"\\u0000"]))
    if damage == "truncate":
        damaged = original[:at]
    elif damage == "overwrite":
        damaged = original[:at] + junk + original[at + len(junk):]
    elif damage == "insert":
        damaged = original[:at] + junk + original[at:]
    else:
        damaged = original[:at] + original[at + len(junk):]
    try:
        loaded = loads(damaged, "damaged.cxmap")
    except MapFileError as error:
        assert error.problems and str(error).startswith("damaged.cxmap")
        str(error).encode("utf-8")
    else:  # what the fast path accepts, the strict path builds the same way
        assert loaded == MapDocument.model_validate(json.loads(damaged))


@given(st.data())
def test_any_json_value_anywhere_gives_a_map_or_a_map_file_error(data):
    raw = raw_map()
    # Walk down a random path of the map and put a random JSON value there.
    node, key = raw, data.draw(st.sampled_from(sorted(raw)))
    while isinstance(node[key], (dict, list)) and node[key] and data.draw(st.booleans()):
        node = node[key]
        key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
    node[key] = data.draw(json_values)
    try:
        loads(json.dumps(raw, ensure_ascii=data.draw(st.booleans())))
    except MapFileError as error:
        assert all(problem.message for problem in error.problems)


@hang_guard
@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (b"[]", "JSON object {…} at the top level, not a list"),
        (b'"cxmapper"', "not a string"),
        (b"null", "not null"),
        (b"12", "not a number"),
        (b"1" * 5000, "not valid JSON"),
    ],
)
def test_things_that_are_not_a_map(data, words):
    assert words in str(load_error(data))


def test_a_lone_surrogate_escape_is_refused_and_the_message_can_be_printed():
    data = dumps(small_bank_map()).replace("在地铁".encode(), b"\\ud800")
    error = load_error(data, source="bad\udcff.cxmap")  # undecodable bytes in a file name
    [problem] = error.problems
    assert problem.path == "$.cards[0].title"
    text = str(error)
    text.encode("utf-8")  # would raise on a raw surrogate
    assert text.startswith("bad\\udcff.cxmap: $.cards[0].title")
    assert "\\ud800看到开户广告" in text


def test_a_deeply_nested_format_value_is_only_named():
    nested: list = []
    for _ in range(900):
        nested = [nested]
    raw = raw_map()
    raw["format"] = nested
    [problem] = load_error(json.dumps(raw)).problems
    assert problem.message == 'not a CX Mapper map: "format" is a list, expected "cxmapper"'


def test_a_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.cxmap"
    path.write_bytes(b" " * 2_000_000 + dumps(small_bank_map()))
    message = str(load_error(path.read_bytes()))
    assert "CX Mapper reads maps up to 0 MB" in message
    with pytest.raises(MapFileError, match="the file is 2 MB"):
        load_file(path)


def test_not_bytes_at_all():
    assert "expected the bytes or text of a map, got int" in str(load_error(42))


# --- files that cannot be read -------------------------------------------------------------


def test_a_missing_file(tmp_path):
    with pytest.raises(MapFileError) as info:
        load_file(tmp_path / "没有.cxmap")
    assert str(info.value) == f"{tmp_path / '没有.cxmap'}: no such file"


def test_a_directory(tmp_path):
    with pytest.raises(MapFileError, match="this is a folder, not a .cxmap file"):
        load_file(tmp_path)


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.cxmap"
    path.write_bytes(b"")
    with pytest.raises(MapFileError, match="empty.cxmap: the file is empty"):
        load_file(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
@hang_guard
def test_a_named_pipe_is_refused_without_waiting(tmp_path):
    path = tmp_path / "pipe.cxmap"
    os.mkfifo(path)
    with pytest.raises(MapFileError, match="not a regular file"):
        load_file(path)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_a_file_we_may_not_read(tmp_path):
    path = tmp_path / "secret.cxmap"
    path.write_bytes(dumps(small_bank_map()))
    path.chmod(0)
    with pytest.raises(MapFileError, match="no permission to read this file"):
        load_file(path)


def test_a_permission_error_however_it_arises(tmp_path, monkeypatch):
    # The test above is skipped when running as root; this one simulates the refusal.
    path = tmp_path / "secret.cxmap"
    path.write_bytes(dumps(small_bank_map()))

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileformat, "open", refused, raising=False)
    with pytest.raises(MapFileError) as info:
        load_file(path)
    assert str(info.value) == f"{path}: no permission to read this file"


def test_a_file_name_with_a_nul_byte():
    with pytest.raises(MapFileError, match="not a usable file name"):
        load_file("bad\0name.cxmap")


# --- saving -------------------------------------------------------------------------------


def folder_listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_save_writes_dumps_and_keeps_the_previous_version_as_bak(tmp_path):
    path = tmp_path / "bank.cxmap"
    first = small_bank_map()
    save_file(first, path)
    assert folder_listing(tmp_path) == ["bank.cxmap"]
    second = small_bank_map()
    second.meta = second.meta.model_copy(update={"title": "银行开户（第二版）"})
    save_file(second, path)
    assert folder_listing(tmp_path) == ["bank.cxmap", "bank.cxmap.bak"]
    assert path.read_bytes() == dumps(second)
    assert (tmp_path / "bank.cxmap.bak").read_bytes() == dumps(first)
    assert load_file(tmp_path / "bank.cxmap.bak") == first


def test_save_without_backup(tmp_path):
    path = tmp_path / "bank.cxmap"
    save_file(small_bank_map(), path, backup=False)
    save_file(small_bank_map(), path, backup=False)
    assert folder_listing(tmp_path) == ["bank.cxmap"]


def test_saving_twice_gives_identical_bytes(tmp_path):
    path = tmp_path / "bank.cxmap"
    save_file(small_bank_map(), path)
    once = path.read_bytes()
    save_file(load_file(path), path)
    assert path.read_bytes() == once


def test_save_flushes_then_replaces_then_syncs_the_folder(tmp_path, monkeypatch):
    path = tmp_path / "bank.cxmap"
    save_file(small_bank_map(), path)
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src, dst):
        events.append(f"replace->{os.path.basename(dst)}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    save_file(small_bank_map(), path)
    assert events == ["fsync-file", "replace->bank.cxmap.bak", "replace->bank.cxmap", "fsync-dir"]


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_crash_during_save_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, failing):
    path = tmp_path / "bank.cxmap"
    save_file(small_bank_map(), path, backup=False)
    old = path.read_bytes()
    changed = small_bank_map()
    changed.cards.clear()
    changed.links.clear()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    real_write = os.write

    def half_written(fd, data):
        """Writes half the bytes to the temporary file, then the disk is full."""
        real_write(fd, bytes(data[: len(data) // 2]))
        disk_full()

    monkeypatch.setattr(os, failing if failing != "write" else "write", half_written if failing == "write" else disk_full)
    with pytest.raises(MapFileError) as info:
        save_file(changed, path, backup=False)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert folder_listing(tmp_path) == ["bank.cxmap"]
    assert "could not save: No space left on device" in str(info.value)
    assert "the file on disk is unchanged" in str(info.value)


def test_an_interrupt_during_save_cleans_up_and_propagates(tmp_path, monkeypatch):
    path = tmp_path / "bank.cxmap"
    save_file(small_bank_map(), path)
    old = path.read_bytes()

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_file(small_bank_map(), path)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert folder_listing(tmp_path) == ["bank.cxmap"]


def test_a_backup_survives_a_file_system_without_hard_links(tmp_path, monkeypatch):
    path = tmp_path / "bank.cxmap"
    save_file(small_bank_map(), path)
    old = path.read_bytes()

    def no_links(*args):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    doc = small_bank_map()
    doc.personas.clear()
    save_file(doc, path)
    assert (tmp_path / "bank.cxmap.bak").read_bytes() == old
    assert load_file(path) == doc


def test_when_the_backup_cannot_be_kept_the_save_is_refused(tmp_path):
    path = tmp_path / "bank.cxmap"
    save_file(small_bank_map(), path)
    old = path.read_bytes()
    (tmp_path / "bank.cxmap.bak").mkdir()  # something in the backup's way
    changed = small_bank_map()
    changed.personas.clear()
    with pytest.raises(MapFileError, match="could not save: .*bank.cxmap.bak"):
        save_file(changed, path)
    assert path.read_bytes() == old
    assert folder_listing(tmp_path) == ["bank.cxmap", "bank.cxmap.bak"]
    save_file(changed, path, backup=False)  # the way out: save without a backup
    assert load_file(path) == changed


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_save_keeps_the_file_permissions(tmp_path):
    path = tmp_path / "bank.cxmap"
    save_file(small_bank_map(), path)
    path.chmod(0o640)
    save_file(small_bank_map(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX umask")
def test_a_new_file_gets_the_usual_permissions_not_a_private_temp_files(tmp_path):
    path = tmp_path / "bank.cxmap"
    umask = os.umask(0o022)
    try:
        save_file(small_bank_map(), path)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_saving_through_a_symbolic_link_keeps_the_link(tmp_path):
    real = tmp_path / "maps" / "bank.cxmap"
    real.parent.mkdir()
    save_file(small_bank_map(), real)
    link = tmp_path / "current.cxmap"
    link.symlink_to(real)
    doc = small_bank_map()
    doc.links.clear()
    save_file(doc, link)
    assert link.is_symlink()
    assert load_file(real) == doc
    assert (tmp_path / "maps" / "bank.cxmap.bak").exists()


def test_saving_into_a_missing_folder(tmp_path):
    with pytest.raises(MapFileError, match="could not save: No such file or directory"):
        save_file(small_bank_map(), tmp_path / "没有" / "bank.cxmap")


def test_saving_over_a_folder_leaves_it_alone(tmp_path):
    target = tmp_path / "bank.cxmap"
    target.mkdir()
    (target / "keep.txt").write_text("保留")
    with pytest.raises(MapFileError, match="could not save"):
        save_file(small_bank_map(), target)
    assert folder_listing(tmp_path) == ["bank.cxmap"]
    assert (target / "keep.txt").read_text() == "保留"


def test_a_map_built_to_last_skips_the_young_collections(tmp_path):
    # load_file and SharedMap.join build tens of thousands of objects that live as long
    # as the map is open: they go to the oldest generation at once (collector_paused's
    # ``lasting``), so the first young collection after an open does not traverse them.
    import gc

    from cxmapper.model.fileformat import collector_paused

    was = gc.isenabled()
    gc.enable()
    try:
        with collector_paused(lasting=True):
            kept = [[i] for i in range(1000)]  # lists are always tracked (a dict of ints is not)
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        assert all(id(o) in oldest for o in kept)
        doc = load_file(Path(__file__).resolve().parents[2] / "resources" / "examples" / "online-order-and-return.en.cxmap")
        assert any(o is doc for o in gc.get_objects(generation=2))
    finally:
        if not was:
            gc.disable()
