"""Join links, session secrets and the reasons a server refuses a participant.

A live session is a *room* (the map's document id or a random token) plus a random
secret (``secrets.token_urlsafe``). The join link a host hands out carries both::

    cxmap+ws://HOST:PORT/ROOM#secret=SECRET        (plain WebSocket)
    cxmap+wss://HOST:PORT/ROOM#secret=SECRET       (TLS)

The secret sits in the fragment so that a link pasted into a browser or a chat preview
never sends it anywhere. On the wire, clients pass it as the ``secret`` query
parameter of the WebSocket URL (``ws://HOST:PORT/ROOM?secret=SECRET``); that is what
the reference JavaScript client does with y-websocket's ``params`` option.

The server keeps only a SHA-256 hash of each secret (a stolen session file does not
let anyone in) and compares in constant time (``hmac.compare_digest``). A participant
without a secret, with a wrong one, or for an expired session is refused right after
the WebSocket handshake, before anything of the map is sent: the server closes the
connection with one of the close codes below and a short reason, and
:func:`refusal_sentence` turns a code into the sentence a person reads.

No Qt and no networking here: this module is plain data and checks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

# Close codes: 4000-4999 are the application's range (RFC 6455, section 7.4.2).
# The last three digits echo the HTTP status a person may know.
CLOSE_NO_SECRET = 4401
CLOSE_WRONG_SECRET = 4403
CLOSE_EXPIRED = 4410
CLOSE_BAD_ROOM = 4400
CLOSE_MALFORMED = 4422
CLOSE_ROOM_FULL = 4413
CLOSE_RATE_LIMIT = 4429
CLOSE_TOO_SLOW = 4408  # recorded for the host; the dropped peer sees an abrupt close
CLOSE_TOO_BIG = 1009  # the standard "message too big", sent by the websockets library
CLOSE_SERVER_STOPPING = 1001

#: Close codes after which a client must not reconnect by itself: trying again would
#: be refused the same way.
FINAL_CLOSE_CODES = frozenset(
    {
        CLOSE_NO_SECRET,
        CLOSE_WRONG_SECRET,
        CLOSE_EXPIRED,
        CLOSE_BAD_ROOM,
        CLOSE_MALFORMED,
        CLOSE_ROOM_FULL,
        CLOSE_RATE_LIMIT,
        CLOSE_TOO_BIG,
    }
)

_SENTENCES = {
    CLOSE_NO_SECRET: "The join link has no secret: ask the host for the full link.",
    CLOSE_WRONG_SECRET: (
        "The session refused the secret in this join link: ask the host for a new link."
    ),
    CLOSE_EXPIRED: "This session has expired: ask the host to start a new one.",
    CLOSE_BAD_ROOM: "The join link names no valid room.",
    CLOSE_MALFORMED: "The server refused an update from this copy of the map as malformed.",
    CLOSE_ROOM_FULL: "The shared map has reached the server's size limit.",
    CLOSE_RATE_LIMIT: "Too many changes were sent too quickly; the server disconnected you.",
    CLOSE_TOO_BIG: "A change was larger than the server accepts in one message.",
    CLOSE_TOO_SLOW: "This copy of the map stopped keeping up with the session and was disconnected.",
    CLOSE_SERVER_STOPPING: "The session's server stopped.",
}

ROOM_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,128}")
SCHEMES = {"cxmap+ws": "ws", "cxmap+wss": "wss"}
DEFAULT_PORT = 8765


class LinkError(ValueError):
    """A join link that cannot be used; the message says which part and why."""


def refusal_sentence(code: int | None, reason: str = "") -> str:
    """The sentence a person reads when the server closed the connection with ``code``.

    Unknown codes fall back to the server's reason, so nothing is hidden.
    """
    if code in _SENTENCES:
        return _SENTENCES[code]
    if reason:
        return f"The server closed the session: {reason}."
    return f"The connection to the session closed (code {code})."


def new_room() -> str:
    """A random room name for a map that has no document id to use."""
    return secrets.token_urlsafe(12)


def new_secret() -> str:
    """A fresh session secret: 256 random bits, URL-safe text."""
    return secrets.token_urlsafe(32)


def valid_room(room: str) -> bool:
    return bool(ROOM_PATTERN.fullmatch(room))


@dataclass(frozen=True)
class JoinLink:
    """Where a session is and how to get in: host, port, room, secret, TLS or not."""

    host: str
    port: int
    room: str
    secret: str
    tls: bool = False

    def __str__(self) -> str:
        scheme = "cxmap+wss" if self.tls else "cxmap+ws"
        return f"{scheme}://{_netloc(self.host, self.port)}/{self.room}#secret={quote(self.secret)}"

    @property
    def websocket_url(self) -> str:
        """The URL a client connects to: the secret as the ``secret`` query parameter."""
        scheme = "wss" if self.tls else "ws"
        return (
            f"{scheme}://{_netloc(self.host, self.port)}/{self.room}"
            f"?secret={quote(self.secret, safe='')}"
        )

    @classmethod
    def parse(cls, text: str) -> JoinLink:
        """Read a join link; :class:`LinkError` names the part that is wrong."""
        text = text.strip()
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError as exc:
            raise LinkError(f"not a join link ({exc}): {text!r}") from None
        if parts.scheme not in SCHEMES:
            raise LinkError(
                f"a join link starts with cxmap+ws:// or cxmap+wss://, not {parts.scheme or text!r}"
            )
        if not parts.hostname:
            raise LinkError(f"the join link names no host: {text!r}")
        room = unquote(parts.path.lstrip("/"))
        if not valid_room(room):
            raise LinkError(
                f"the join link's room {room!r} is not a room name "
                "(1-128 letters, digits, '-' or '_')"
            )
        fragment = parse_qs(parts.fragment)
        secret = (fragment.get("secret") or [""])[0]
        if not secret:
            raise LinkError("the join link has no secret (…#secret=…): ask the host for the full link")
        return cls(
            host=parts.hostname,
            port=port or DEFAULT_PORT,
            room=room,
            secret=secret,
            tls=parts.scheme == "cxmap+wss",
        )


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking a participant's secret: ``ok`` or a close code + reason."""

    ok: bool
    code: int = 1000
    reason: str = ""


ADMITTED = Verdict(True)


class SessionRegistry:
    """The rooms a server admits participants to, each with its secret's hash and expiry.

    Thread-safe: the app's window opens and closes sessions while the server's loop
    checks joins on another thread. With ``path``, the registry is kept in a JSON file
    (hashes only, written atomically) so a restarted ``cxmapper serve`` still admits the
    links it handed out; the file is read again when it changes on disk, so
    ``cxmapper serve --new-room`` can add a room to a running server.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, clock=time.time) -> None:
        self._path = Path(path) if path is not None else None
        self._clock = clock
        self._lock = threading.Lock()
        self._rooms: dict[str, tuple[str, float | None]] = {}
        self._loaded_mtime: float | None = None
        self._reload()

    def open(self, room: str | None = None, *, ttl: float | None = None) -> tuple[str, str]:
        """Admit a room (a new random one without ``room``); return ``(room, secret)``.

        Opening a room that is already open replaces its secret: old links stop working.
        ``ttl`` in seconds; ``None`` never expires.
        """
        room = room or new_room()
        if not valid_room(room):
            raise ValueError(f"{room!r} is not a room name (1-128 letters, digits, '-' or '_')")
        secret = new_secret()
        expires = None if ttl is None else self._clock() + ttl
        with self._lock:
            self._reload_locked()
            self._rooms[room] = (_digest(secret), expires)
            self._save_locked()
        return room, secret

    def close(self, room: str) -> None:
        """Stop admitting anyone to ``room`` (those already in stay until they leave)."""
        with self._lock:
            self._reload_locked()
            self._rooms.pop(room, None)
            self._save_locked()

    def rooms(self) -> list[str]:
        with self._lock:
            self._reload_locked()
            return sorted(self._rooms)

    def check(self, room: str, secret: str | None) -> Verdict:
        """Whether a participant with ``secret`` may enter ``room``, and if not, why."""
        if not valid_room(room):
            return Verdict(False, CLOSE_BAD_ROOM, "invalid room name")
        if not secret:
            return Verdict(False, CLOSE_NO_SECRET, "no secret")
        with self._lock:
            self._reload_locked()
            entry = self._rooms.get(room)
        # An unknown room is answered like a wrong secret, after the same amount of
        # work, so the answer does not tell whether a room exists.
        expected, expires = entry if entry is not None else (_digest(new_secret()), None)
        matches = hmac.compare_digest(_digest(secret), expected)
        if entry is None or not matches:
            return Verdict(False, CLOSE_WRONG_SECRET, "wrong secret")
        if expires is not None and self._clock() >= expires:
            return Verdict(False, CLOSE_EXPIRED, "session expired")
        return ADMITTED

    def _reload(self) -> None:
        with self._lock:
            self._reload_locked()

    def _reload_locked(self) -> None:
        if self._path is None:
            return
        try:
            mtime = self._path.stat().st_mtime_ns
        except FileNotFoundError:
            return
        if mtime == self._loaded_mtime:
            return
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
            rooms = {
                str(name): (str(entry["sha256"]), entry.get("expires"))
                for name, entry in raw.get("rooms", {}).items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{self._path}: not a session file ({exc})") from None
        self._rooms = rooms
        self._loaded_mtime = mtime

    def _save_locked(self) -> None:
        if self._path is None:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "rooms": {
                name: {"sha256": digest, "expires": expires}
                for name, (digest, expires) in sorted(self._rooms.items())
            }
        }
        tmp = self._path.with_name(self._path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        os.chmod(tmp, 0o600)
        os.replace(tmp, self._path)
        self._loaded_mtime = self._path.stat().st_mtime_ns
