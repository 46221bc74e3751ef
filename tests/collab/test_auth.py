"""Join links and the session registry: parsing with reasons, secrets hashed, expiry."""

from __future__ import annotations

import json

import pytest

from cxmapper.collab.auth import (
    CLOSE_BAD_ROOM,
    CLOSE_EXPIRED,
    CLOSE_NO_SECRET,
    CLOSE_WRONG_SECRET,
    FINAL_CLOSE_CODES,
    JoinLink,
    LinkError,
    SessionRegistry,
    refusal_sentence,
)


def test_a_join_link_round_trips_and_names_its_websocket_url():
    link = JoinLink("10.0.0.5", 9000, "map-7Qx", "s3cr/et+=")
    text = str(link)
    assert text == "cxmap+ws://10.0.0.5:9000/map-7Qx#secret=s3cr/et%2B%3D"
    assert JoinLink.parse(text) == link
    assert link.websocket_url == "ws://10.0.0.5:9000/map-7Qx?secret=s3cr%2Fet%2B%3D"
    tls = JoinLink("::1", 443, "r", "x", tls=True)
    assert str(tls) == "cxmap+wss://[::1]:443/r#secret=x"
    assert JoinLink.parse(str(tls)) == tls


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("https://host/room#secret=x", r"starts with cxmap\+ws://"),
        ("cxmap+ws://host:1/room", "no secret"),
        ("cxmap+ws://host:1/bad room!#secret=x", "not a room name"),
        ("cxmap+ws:///room#secret=x", "no host"),
        ("cxmap+ws://host:99999/room#secret=x", "not a join link"),
    ],
)
def test_a_bad_join_link_says_which_part_is_wrong(text, words):
    with pytest.raises(LinkError, match=words):
        JoinLink.parse(text)


def test_the_registry_admits_the_right_secret_only_and_says_why_not():
    now = [1000.0]
    registry = SessionRegistry(clock=lambda: now[0])
    room, secret = registry.open("map-1", ttl=60)
    assert len(secret) >= 40 and secret != registry.open("other")[1]
    assert registry.check(room, secret).ok
    assert registry.check(room, None).code == CLOSE_NO_SECRET
    assert registry.check(room, secret[:-1]).code == CLOSE_WRONG_SECRET
    assert registry.check("nobody-here", secret).code == CLOSE_WRONG_SECRET  # no hint the room is unknown
    assert registry.check("../etc", secret).code == CLOSE_BAD_ROOM
    now[0] += 61
    assert registry.check(room, secret).code == CLOSE_EXPIRED
    registry.close("other")
    assert registry.rooms() == ["map-1"]


def test_a_reopened_room_gets_a_new_secret_and_old_links_stop_working():
    registry = SessionRegistry()
    _, old = registry.open("map-1")
    _, new = registry.open("map-1")
    assert not registry.check("map-1", old).ok
    assert registry.check("map-1", new).ok


def test_the_session_file_keeps_hashes_only_and_a_second_registry_reads_it(tmp_path):
    path = tmp_path / "sessions.json"
    first = SessionRegistry(path)
    room, secret = first.open("map-1")
    stored = path.read_text()
    assert secret not in stored
    assert json.loads(stored)["rooms"]["map-1"]["expires"] is None
    assert (path.stat().st_mode & 0o777) == 0o600
    second = SessionRegistry(path)
    assert second.check(room, secret).ok
    # A room added through another registry (``serve --new-room``) is seen without restart.
    other_room, other_secret = SessionRegistry(path).open("map-2")
    assert first.check(other_room, other_secret).ok


def test_a_damaged_session_file_is_named_in_the_error(tmp_path):
    path = tmp_path / "sessions.json"
    path.write_text("{not json")
    with pytest.raises(ValueError, match="sessions.json: not a session file"):
        SessionRegistry(path)


def test_every_final_close_code_has_a_sentence_and_others_keep_the_reason():
    for code in FINAL_CLOSE_CODES:
        assert refusal_sentence(code).endswith(".")
    assert refusal_sentence(4999, "custom reason") == "The server closed the session: custom reason."
    assert "1006" in refusal_sentence(1006)
