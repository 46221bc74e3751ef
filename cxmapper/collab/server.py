"""Rooms served over WebSocket: the standard Yjs sync and awareness protocols, secrets, limits, a store.

The protocol is pycrdt-websocket's :class:`~pycrdt.websocket.YRoom` (the same messages
as the reference JavaScript y-websocket server, so JS clients interoperate); this module
adds what a room on a network needs around it:

- **Transport**: the ``websockets`` library, through :class:`_ServerChannel`, the small
  adapter that turns a connection into a ``pycrdt.Channel``. TLS with a cert and a key.
- **Admission**: the room is the URL's path and the secret its ``secret`` query
  parameter, checked by a :class:`~cxmapper.collab.auth.SessionRegistry` before anything
  of the map is sent; a refusal is a close code + reason (see ``auth``).
- **Limits** (:class:`ServerLimits`): one message at most ``max_message_bytes`` (the
  websockets library refuses a bigger frame from its header, before reading it, so a
  100 MB update costs no memory), a room's document at most ``max_room_bytes``, a token
  bucket of messages and bytes per connection, and every update decoded before the
  room applies it. Whatever breaks a limit or does not decode is refused: the connection
  is closed with a code, the room is left as it was, the refusal is logged and reported
  through ``on_refusal`` (a :class:`Refusal`), so the host can show it.
- **Persistence**: with a store directory, each room's updates go to a pycrdt-store
  SQLite file (one per room) *before* the room applies and broadcasts them. An update
  another participant has received is therefore on disk, and a restarted server loses
  nothing that anyone saw acknowledged.

The trap: everything here runs on one asyncio loop. ``on_refusal`` is called on that
loop's thread; a Qt app must hand it to its own thread (the session module does).
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import anyio
from pycrdt import (
    Decoder,
    Doc,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_update_message,
    get_state,
    read_message,
    write_message,
)
from pycrdt.store import SQLiteYStore, YDocNotFound
from pycrdt.websocket import WebsocketServer, YRoom
from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed, PayloadTooBig

from .auth import (
    CLOSE_MALFORMED,
    CLOSE_RATE_LIMIT,
    CLOSE_ROOM_FULL,
    CLOSE_TOO_BIG,
    CLOSE_TOO_SLOW,
    SessionRegistry,
    valid_room,
)

log = logging.getLogger(__name__)

MiB = 1024 * 1024


@dataclass(frozen=True)
class ServerLimits:
    """What one participant may send; the defaults suit a workshop on a big map.

    A 5,000-card map is about 5 MB as a Y update, so the first sync of a big map fits
    in one message with room to spare.
    """

    max_message_bytes: int = 16 * MiB
    max_room_bytes: int = 64 * MiB
    #: Token bucket per connection: a burst of this many messages, refilled at
    #: ``messages_per_second``. Typing sends one update per keystroke (and awareness
    #: with it), far below this.
    message_burst: int = 600
    messages_per_second: float = 200.0
    #: Bytes per connection: a burst of two full messages, refilled at this rate.
    bytes_per_second: float = 8 * MiB
    max_participants_per_room: int = 1000
    #: Messages waiting to be sent to one participant before it counts as not
    #: reading and is dropped (its socket buffers are full by then).
    max_pending_sends: int = 256
    #: How often the participants' secrets are checked again, so that a session that
    #: expires or is closed (``registry.close``) ends for those already in it too.
    recheck_seconds: float = 5.0


@dataclass(frozen=True)
class Refusal:
    """One thing the server refused: who, which room, the close code, and why."""

    room: str
    peer: str
    code: int
    reason: str
    detail: str = ""
    time: float = field(default_factory=time.time)

    def __str__(self) -> str:
        where = f"room {self.room!r}" if self.room else "no room"
        text = f"{self.peer} in {where}: {self.reason} (code {self.code})"
        return f"{text}: {self.detail}" if self.detail else text


class _Refused(Exception):
    def __init__(self, code: int, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.detail = detail


class _TokenBucket:
    def __init__(self, capacity: float, rate: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.level = capacity
        self.stamp = time.monotonic()

    def take(self, amount: float) -> bool:
        now = time.monotonic()
        self.level = min(self.capacity, self.level + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.level < amount:
            return False
        self.level -= amount
        return True


class _Room:
    """A served room: pycrdt-websocket's YRoom, its store, its size estimate, its users."""

    def __init__(self, name: str, yroom: YRoom, store: SQLiteYStore | None) -> None:
        self.name = name
        self.yroom = yroom
        self.store = store
        self.users = 0
        #: How often the whole document was encoded (tests check the cache below).
        self.encodes = 0
        self._full_state: bytes | None = None
        self._full_size = 0
        # Any transaction on the room's document (an update applied, the store loaded)
        # drops the cached answer; an observer sees deletions too, which leave the state
        # vector unchanged.
        self._subscription = yroom.ydoc.observe(self._changed)
        # An upper bound of the document's encoded size: what was loaded plus every
        # update accepted since. Encoding the real size costs a full encode, so it is
        # measured only when this bound passes the cap.
        self.size_bound = self._state_size()

    def _changed(self, _event) -> None:
        self._full_state = None

    def full_state(self) -> bytes:
        """Sync step 2 with the whole document: the answer to a newcomer's empty state
        vector. Encoded once per state of the room, not once per participant who joins
        (a 5,000-card room: ~7 ms and 3.8 MB each time)."""
        if self._full_state is None:
            self.encodes += 1
            update = self.yroom.ydoc.get_update()
            self._full_state = bytes([YMessageType.SYNC, YSyncMessageType.SYNC_STEP2]) + write_message(update)
            self._full_size = len(update)
        return self._full_state

    def _state_size(self) -> int:
        self.full_state()
        return self._full_size

    def admit_update(self, size: int, cap: int) -> bool:
        if self.size_bound + size <= cap:
            self.size_bound += size
            return True
        self.size_bound = self._state_size()
        if self.size_bound + size <= cap:
            self.size_bound += size
            return True
        return False

    def close(self) -> None:
        if self._subscription is not None:
            self.yroom.ydoc.unobserve(self._subscription)
            self._subscription = None
        self._full_state = None


#: Sync step 1 with an empty state vector: a participant that holds nothing yet.
_EMPTY_STEP1 = bytes([YMessageType.SYNC, YSyncMessageType.SYNC_STEP1, 1, 0])
_STEP2_HEAD = bytes([YMessageType.SYNC, YSyncMessageType.SYNC_STEP2])


class _FanOutRoom(YRoom):
    """pycrdt-websocket's YRoom with the fan-out of ``_fan_out``: one encoded message per
    update (as YRoom), written at once to every participant that is not behind,
    instead of one task per participant per update."""

    async def _broadcast_updates(self) -> None:  # YRoom's loop, without a store (ours is in _check)
        if self.ystore is not None:  # not how this server keeps rooms: YRoom's own loop then
            await super()._broadcast_updates()
            return
        async with self._update_receive_stream:
            async for update in self._update_receive_stream:
                if self._task_group.cancel_scope.cancel_called:
                    return
                if self.clients:
                    _fan_out(self.clients, create_update_message(update), self._task_group)


def _fan_out(clients, message: bytes, task_group) -> None:
    """Send ``message`` to ``clients``: those ``idle`` in one synchronous pass
    (websockets' ``broadcast``: no task, no await per participant; at 200 participants
    an update was 200 tasks), the others through their ``send`` in a task, which keeps
    their order and their limit."""
    now = []
    for client in clients:
        if isinstance(client, _ServerChannel) and client.idle():
            now.append(client)
        elif isinstance(client, _ServerChannel):
            client.send_later(task_group, message)
        else:
            task_group.start_soon(client.send, message)
    if now:
        broadcast([client._ws for client in now], message)
        for client in now:
            client.written(len(message))


class _ServerChannel:
    """A websockets connection as a ``pycrdt.Channel``, with this server's checks on receive.

    Each message is checked before the room sees it: the rate, the encoding of a sync
    message, the room's size, then the update is written to the store. A message that
    fails is never yielded: the connection is closed with the reason and the room's
    ``serve`` loop ends as for any departure.
    """

    def __init__(self, server: CollabServer, ws: ServerConnection, room: _Room, peer: str, secret: str) -> None:
        self._server = server
        self.secret = secret
        self._ws = ws
        self._room = room
        self._peer = peer
        limits = server.limits
        self._messages = _TokenBucket(limits.message_burst, limits.messages_per_second)
        self._bytes = _TokenBucket(2 * limits.max_message_bytes, limits.bytes_per_second)
        self._send_lock = anyio.Lock()
        self._pending_sends = 0
        self._scheduled = 0  # sends started as tasks that have not begun yet
        #: Whether this participant was sent its sync step 2 (the room's state): until
        #: then an update written at once could overtake it (see ``idle``).
        self.answered = False
        self.closed = False
        #: The awareness (presence) client ids this connection spoke for: removed for
        #: everyone when it goes, instead of lingering until they time out.
        self.awareness_ids: set[int] = set()

    @property
    def path(self) -> str:
        return self._room.name

    def __aiter__(self) -> _ServerChannel:
        return self

    async def __anext__(self) -> bytes:
        while True:
            message = await self._next()
            if message != _EMPTY_STEP1:
                return message
            # A newcomer: the room's whole state, encoded once per state (see _Room);
            # the room would answer the same with ydoc.get_update(). Sent in the
            # background as the room sends its replies.
            self.send_later(self._server._task_group, self._room.full_state())

    async def _next(self) -> bytes:
        if self.closed:
            raise StopAsyncIteration
        try:
            message = await self._ws.recv(decode=False)
        except ConnectionClosed as exc:
            self.closed = True
            sent = exc.sent or self._ws.protocol.close_sent
            too_big = isinstance(exc.__cause__, PayloadTooBig) or isinstance(
                getattr(self._ws.protocol, "parser_exc", None), PayloadTooBig
            )
            if too_big or (sent is not None and sent.code == CLOSE_TOO_BIG):
                self._server._report(
                    Refusal(self._room.name, self._peer, CLOSE_TOO_BIG, "message too big", sent.reason if sent else "")
                )
            raise StopAsyncIteration from None
        try:
            await self._check(message)
        except _Refused as refused:
            await self.refuse(refused.code, refused.reason, refused.detail)
            raise StopAsyncIteration from None
        self._server.messages_received += 1
        self._server.bytes_received += len(message)
        return message

    async def recv(self) -> bytes:
        return await self.__anext__()

    def idle(self) -> bool:
        """Whether a message may be written to this participant at once, in order: its
        state was sent, no send is waiting or under way, and its socket took everything
        written so far (a participant that is behind goes through ``send``, which counts
        what waits and drops one that stopped reading)."""
        if self.closed or not self.answered or self._pending_sends or self._scheduled or self._send_lock.locked():
            return False
        transport = self._ws.transport
        return transport is not None and not transport.is_closing() and transport.get_write_buffer_size() == 0

    def send_later(self, task_group, message: bytes) -> None:
        """``send`` in a task of ``task_group``, counted as waiting from now on."""
        self._scheduled += 1

        async def scheduled() -> None:
            self._scheduled -= 1
            await self.send(message)

        task_group.start_soon(scheduled)

    def written(self, size: int) -> None:
        """Count a message written at once (``_fan_out``)."""
        self._server.messages_sent += 1
        self._server.bytes_sent += size

    async def send(self, message: bytes) -> None:
        """Send, unless this participant has stopped reading.

        Every update of the room is one send per participant, started as its own task;
        a participant that does not read would gather them without end. Past
        ``max_pending_sends`` waiting, the connection is dropped (TCP abort: a closing
        handshake would wait behind the same full buffer).
        """
        if self.closed:
            return
        limit = self._server.limits.max_pending_sends
        if self._pending_sends >= limit:
            self.closed = True
            self._server._report(
                Refusal(self._room.name, self._peer, CLOSE_TOO_SLOW, "not reading", f"{limit} messages waiting")
            )
            self._ws.transport.abort()
            return
        self._pending_sends += 1
        try:
            async with self._send_lock:
                await self._ws.send(message)
            if message[:2] == _STEP2_HEAD:
                self.answered = True
            self._server.messages_sent += 1
            self._server.bytes_sent += len(message)
        except ConnectionClosed:
            pass  # the receiving side finds out why, and reports it
        finally:
            self._pending_sends -= 1

    async def refuse(self, code: int, reason: str, detail: str = "") -> None:
        self.closed = True
        self._server._report(Refusal(self._room.name, self._peer, code, reason, detail))
        await self._ws.close(code, reason)

    async def _check(self, message: bytes) -> None:
        if not isinstance(message, bytes):
            raise _Refused(CLOSE_MALFORMED, "malformed message", "a text frame, not binary")
        if not self._messages.take(1) or not self._bytes.take(len(message)):
            raise _Refused(CLOSE_RATE_LIMIT, "too many messages", f"over {self._server.limits.messages_per_second:g}/s")
        if len(message) < 2:
            raise _Refused(CLOSE_MALFORMED, "malformed message", f"{len(message)} byte(s)")
        kind = message[0]
        if kind == YMessageType.AWARENESS:
            try:
                self.awareness_ids.update(_awareness_client_ids(read_message(message[1:])))
            except Exception as exc:
                raise _Refused(CLOSE_MALFORMED, "malformed awareness", f"{type(exc).__name__}: {exc}") from None
            return
        if kind != YMessageType.SYNC:
            # Other message types of the Yjs protocol family (auth, query awareness)
            # are ignored by the room; they carry nothing to check.
            return
        step = message[1]
        try:
            payload = read_message(message[2:])
            if step == YSyncMessageType.SYNC_STEP1:
                return  # a state vector; the room answers with what it is missing
            if step not in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
                raise _Refused(CLOSE_MALFORMED, "malformed message", f"unknown sync step {step}")
            if payload == b"\x00\x00":
                return
            get_state(payload)  # decodes the whole update: raises on anything malformed
        except _Refused:
            raise
        except Exception as exc:  # Yrs raises several kinds for undecodable bytes
            raise _Refused(CLOSE_MALFORMED, "malformed update", f"{type(exc).__name__}: {exc}") from None
        if not self._room.admit_update(len(payload), self._server.limits.max_room_bytes):
            raise _Refused(
                CLOSE_ROOM_FULL,
                "room full",
                f"the document would pass {self._server.limits.max_room_bytes} bytes",
            )
        if self._room.store is not None:
            await self._room.store.write(payload)


class CollabServer:
    """Serve rooms on one host and port; an async context manager on an asyncio loop.

    ``port=0`` picks a free port (read :attr:`port` after start). ``store_dir`` keeps
    each room's updates across restarts. ``registry`` decides who may join which room.
    """

    def __init__(
        self,
        registry: SessionRegistry,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        store_dir: str | Path | None = None,
        ssl_context: ssl.SSLContext | None = None,
        limits: ServerLimits | None = None,
        on_refusal: Callable[[Refusal], None] | None = None,
    ) -> None:
        self.registry = registry
        self.host = host
        self.requested_port = port
        self.store_dir = Path(store_dir) if store_dir is not None else None
        self.ssl_context = ssl_context
        self.limits = limits or ServerLimits()
        self.on_refusal = on_refusal
        self.refusals: list[Refusal] = []
        self.messages_received = 0
        self.bytes_received = 0
        self.messages_sent = 0
        self.bytes_sent = 0
        self._rooms: dict[str, _Room] = {}
        self._room_locks: dict[str, anyio.Lock] = {}
        self._ws_server: WebsocketServer | None = None
        self._listener = None
        self._runner: asyncio.Task[None] | None = None
        self._stopping: asyncio.Event | None = None
        self._task_group = None

    # -- life cycle -------------------------------------------------------------------

    async def __aenter__(self) -> CollabServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()

    async def start(self) -> None:
        """Listen; returns once the port is open (raises ``OSError`` when it cannot be).

        The server's tasks live in a task of their own, so :meth:`stop` may be awaited
        from any task of the loop (anyio scopes must be left by the task that entered
        them).
        """
        if self._runner is not None:
            raise RuntimeError("the server is already running")
        if self.store_dir is not None:
            self.store_dir.mkdir(parents=True, exist_ok=True)
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._stopping = asyncio.Event()
        self._runner = asyncio.get_running_loop().create_task(self._run(ready))
        try:
            await ready
        except BaseException:
            self._runner = None
            raise
        log.info("serving rooms on %s", self.url)

    async def _run(self, ready: asyncio.Future[None]) -> None:
        try:
            async with AsyncExitStack() as stack:
                self._task_group = await stack.enter_async_context(anyio.create_task_group())
                self._ws_server = WebsocketServer(
                    rooms_ready=True, auto_clean_rooms=False, exception_handler=_log_exception, log=log
                )
                await stack.enter_async_context(self._ws_server)
                self._listener = await stack.enter_async_context(
                    serve(
                        self._handle,
                        self.host,
                        self.requested_port,
                        ssl=self.ssl_context,
                        max_size=self.limits.max_message_bytes,
                        # Frames buffered per connection before reading pauses: bounds a
                        # connection's memory to a few messages.
                        max_queue=4,
                        # A refused sender may still be pushing data: do not wait long for
                        # its side of the closing handshake.
                        close_timeout=2,
                        # Yjs updates are small and already compact: deflate would cost CPU
                        # per message per participant for little.
                        compression=None,
                        logger=log,
                    )
                )
                self._task_group.start_soon(self._recheck_secrets)
                ready.set_result(None)
                await self._stopping.wait()
                self._listener.close()
                for name in list(self._rooms):
                    await self._close_room(name, force=True)
                await self._listener.wait_closed()
                self._task_group.cancel_scope.cancel()
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(exc)
            else:
                raise

    async def stop(self) -> None:
        """Close every connection (code 1001), stop the rooms, close the stores."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        self._stopping.set()
        await runner

    @property
    def port(self) -> int:
        if self._listener is None:
            return self.requested_port
        return self._listener.sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        scheme = "wss" if self.ssl_context is not None else "ws"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    async def serve_forever(self) -> None:
        await anyio.sleep_forever()

    # -- what the host sees -----------------------------------------------------------

    def room_names(self) -> list[str]:
        return sorted(self._rooms)

    def participants(self, room: str) -> int:
        r = self._rooms.get(room)
        return 0 if r is None else len(r.yroom.clients)

    def room_doc(self, room: str) -> Doc | None:
        """The server's copy of a room's document (read it on the server's loop only)."""
        r = self._rooms.get(room)
        return None if r is None else r.yroom.ydoc

    def _report(self, refusal: Refusal) -> None:
        log.warning("refused %s", refusal)
        self.refusals.append(refusal)
        del self.refusals[:-1000]
        if self.on_refusal is not None:
            try:
                self.on_refusal(refusal)
            except Exception:  # a host's callback must not take the server down
                log.exception("on_refusal callback failed")

    # -- connections ------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        peer = _peer_name(ws)
        parts = urlsplit(ws.request.path)
        room_name = parts.path.lstrip("/")
        secret = (parse_qs(parts.query).get("secret") or [None])[0]
        verdict = self.registry.check(room_name, secret)
        if not verdict.ok:
            self._report(Refusal(room_name if valid_room(room_name) else "", peer, verdict.code, verdict.reason))
            await ws.close(verdict.code, verdict.reason)
            return
        room = await self._open_room(room_name)
        channel = _ServerChannel(self, ws, room, peer, secret)
        try:
            if len(room.yroom.clients) >= self.limits.max_participants_per_room:
                await channel.refuse(CLOSE_ROOM_FULL, "room full", "too many participants")
                return
            await self._send_presence(room, channel)
            await room.yroom.serve(channel)
        finally:
            room.users -= 1
            if not channel.closed:
                await ws.close()
            with anyio.CancelScope(shield=True):
                await self._forget_presence(room, channel)
            if room.users == 0:
                await self._close_room(room_name)

    async def _recheck_secrets(self) -> None:
        """Close the connections whose session has expired or was closed since they joined."""
        while True:
            await anyio.sleep(self.limits.recheck_seconds)
            for name, room in list(self._rooms.items()):
                for client in list(room.yroom.clients):
                    if not isinstance(client, _ServerChannel) or client.closed:
                        continue
                    verdict = self.registry.check(name, client.secret)
                    if not verdict.ok:
                        self._task_group.start_soon(client.refuse, verdict.code, verdict.reason)

    async def _send_presence(self, room: _Room, channel: _ServerChannel) -> None:
        """Who is already here, sent to a newcomer (the Node server does the same)."""
        awareness = room.yroom.awareness
        ids = [cid for cid, state in awareness.states.items() if state and cid != awareness.client_id]
        if ids:
            await channel.send(create_awareness_message(awareness.encode_awareness_update(ids)))

    async def _forget_presence(self, room: _Room, channel: _ServerChannel) -> None:
        """Tell everyone left that the departed connection's participants are gone."""
        awareness = room.yroom.awareness
        ids = [cid for cid in channel.awareness_ids if awareness.states.get(cid)]
        if not ids:
            return
        awareness.remove_awareness_states(ids, "disconnect")
        message = create_awareness_message(awareness.encode_awareness_update(ids))
        async with anyio.create_task_group() as tg:  # one stalled participant holds up no one
            for client in list(room.yroom.clients):
                if client is not channel:
                    tg.start_soon(client.send, message)

    async def _open_room(self, name: str) -> _Room:
        lock = self._room_locks.setdefault(name, anyio.Lock())
        async with lock:
            room = self._rooms.get(name)
            if room is None:
                room = await self._load_room(name)
                self._rooms[name] = room
            room.users += 1
            return room

    async def _load_room(self, name: str) -> _Room:
        doc = Doc()
        store = None
        if self.store_dir is not None:
            store = _store_for(self.store_dir / f"{name}.ystore.db", name)
            await self._task_group.start(store.start)
            try:
                await store.apply_updates(doc)
            except YDocNotFound:
                pass
        yroom = _FanOutRoom(ready=True, ydoc=doc, exception_handler=_log_exception, log=log)
        room = _Room(name, yroom, store)
        yroom.on_message_error = self._message_error
        assert self._ws_server is not None
        self._ws_server.rooms[name] = yroom
        await self._ws_server.start_room(yroom)
        return room

    async def _message_error(self, exc: Exception, message: bytes, channel) -> bool:
        """A message that decoded but failed inside the room (e.g. awareness): refuse its sender."""
        if isinstance(channel, _ServerChannel):
            await channel.refuse(CLOSE_MALFORMED, "malformed message", f"{type(exc).__name__}: {exc}")
        return True

    async def _close_room(self, name: str, *, force: bool = False) -> None:
        lock = self._room_locks.setdefault(name, anyio.Lock())
        async with lock:
            room = self._rooms.get(name)
            if room is None or (room.users and not force):
                return
            del self._rooms[name]
            assert self._ws_server is not None
            self._ws_server.rooms.pop(name, None)
            with anyio.CancelScope(shield=True):
                async with anyio.create_task_group() as tg:  # each closing handshake at once
                    for client in list(room.yroom.clients):
                        if isinstance(client, _ServerChannel) and not client.closed:
                            client.closed = True
                            tg.start_soon(client._ws.close, 1001, "server stopping")
                try:
                    await room.yroom.stop()
                except RuntimeError:
                    pass
                room.close()
                if room.store is not None:
                    await room.store.stop()
        self._room_locks.pop(name, None)


def _store_for(path: Path, room: str) -> SQLiteYStore:
    store_class = type("RoomStore", (SQLiteYStore,), {"db_path": str(path)})
    return store_class(path=room, log=log)


def _awareness_client_ids(update: bytes) -> list[int]:
    """The client ids in an awareness update (count, then id, clock, JSON state each)."""
    decoder = Decoder(update)
    count = decoder.read_var_uint()
    ids = []
    for _ in range(count):
        ids.append(decoder.read_var_uint())
        decoder.read_var_uint()
        json.loads(decoder.read_var_string())
    return ids


def _peer_name(ws: ServerConnection) -> str:
    try:
        host, port = ws.remote_address[:2]
        return f"{host}:{port}"
    except Exception:
        return "unknown peer"


def _log_exception(exception: Exception, logger: logging.Logger) -> bool:
    logger.error("room error", exc_info=exception)
    return True


def ssl_context_from_files(cert: str | Path, key: str | Path) -> ssl.SSLContext:
    """A server TLS context from a PEM certificate (chain) and its private key."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(str(cert), str(key))
    except (OSError, ssl.SSLError) as exc:
        raise ValueError(f"cannot use {cert} with {key} for TLS: {exc}") from None
    return context
