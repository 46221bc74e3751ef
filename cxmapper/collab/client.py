"""Our client of a room: a pycrdt Provider over websockets, reconnecting, with presence.

:class:`CollabClient` keeps one ``pycrdt.Doc`` in sync with a room, on an asyncio loop:

- **Sync**: the standard Yjs sync protocol (step 1, step 2, updates; pycrdt's message
  functions) through :class:`_ClientChannel` (the adapter from a websockets connection
  to a ``pycrdt.Channel``), run by :class:`_RoomSync`: what ``pycrdt.Provider`` does,
  except that an update received from the room is not sent back to it (as the
  reference y-websocket client). It works against our server and the reference Node
  y-websocket server alike.
- **Offline**: when the connection drops, the document stays editable; the client
  reconnects with exponential backoff (``backoff_initial`` doubling up to
  ``backoff_max``, with jitter) and the Provider's first exchange (state vector, then
  what the other side is missing) merges both ways. Nothing made offline is lost.
- **Refusals**: a close code the server will give again (no secret, wrong secret,
  expired, a limit) stops the client; :attr:`refusal` holds the sentence for a person
  (:func:`~cxmapper.collab.auth.refusal_sentence`) and ``on_status`` hears it.
- **Presence**: pycrdt's :class:`~pycrdt.Awareness` over the awareness protocol. Set
  the local state with :meth:`set_presence` (name, colour, selection, the cell being
  typed in: plain JSON); read everyone's with :meth:`presence`; ``on_presence`` hears
  changes.

The trap: the Doc is touched on the client's loop only (the Provider applies remote
updates there). A Qt app keeps its own Doc and goes through ``session.Session``, which
bridges the two with update bytes.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
from collections.abc import Callable
from typing import Any

import anyio
from anyio import TASK_STATUS_IGNORED
from anyio.abc import TaskStatus
from pycrdt import (
    Awareness,
    Decoder,
    Doc,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
    read_message,
)
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from .auth import FINAL_CLOSE_CODES, JoinLink, refusal_sentence

log = logging.getLogger(__name__)

# Status names passed to ``on_status(status, detail)``.
CONNECTING = "connecting"
SYNCED = "synced"
DISCONNECTED = "disconnected"
REFUSED = "refused"
STOPPED = "stopped"


def state_clocks(state: bytes) -> dict[int, int]:
    """A Yjs state vector as {client id: clock} (its bytes list clients in any order)."""
    decoder = Decoder(state)
    return dict((decoder.read_var_uint(), decoder.read_var_uint()) for _ in range(decoder.read_var_uint()))


class _ClientChannel:
    """A websockets client connection as a ``pycrdt.Channel``.

    Awareness messages are applied to the client's Awareness here and not passed on:
    the Provider reads sync messages only.
    """

    def __init__(self, ws: ClientConnection, path: str, client: CollabClient) -> None:
        self._ws = ws
        self._path = path
        self._client = client
        self.close_code: int | None = None
        self.close_reason = ""
        self.closed = anyio.Event()
        self._send_lock = anyio.Lock()

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> _ClientChannel:
        return self

    async def __anext__(self) -> bytes:
        while True:
            try:
                message = await self._ws.recv(decode=False)
            except ConnectionClosed as exc:
                if exc.rcvd is not None:
                    self.close_code, self.close_reason = exc.rcvd.code, exc.rcvd.reason
                elif exc.sent is not None:
                    self.close_code, self.close_reason = exc.sent.code, exc.sent.reason
                self.closed.set()
                raise StopAsyncIteration from None
            if not isinstance(message, bytes) or not message:
                continue
            self._client.bytes_received += len(message)
            if message[0] == YMessageType.AWARENESS:
                try:
                    self._client.awareness.apply_awareness_update(read_message(message[1:]), "remote")
                except Exception:
                    log.warning("ignored a malformed awareness message from %s", self._path)
                continue
            if message[0] == YMessageType.SYNC:
                return message

    async def recv(self) -> bytes:
        return await self.__anext__()

    async def send(self, message: bytes) -> None:
        if self.closed.is_set():
            return
        try:
            async with self._send_lock:
                await self._ws.send(message)
            self._client.bytes_sent += len(message)
            self._client.messages_sent += 1
        except ConnectionClosed:
            self.closed.set()


class _RoomSync:
    """The Yjs sync protocol between ``doc`` and the room on one connection.

    The same messages as ``pycrdt.Provider`` (our state vector first, step 2 in answer
    to the room's step 1, every local transaction as an update), with one difference:
    what arrives from the room is applied while this class does not observe the Doc,
    so it is not sent back. ``Provider`` sends every transaction of the Doc, the ones
    it received included: a participant joining a 5,000-card room sent the whole 3.8 MB
    back (and Yrs encoded it again for the event, ~7 ms, before the join could go on),
    and every update of a session came back to the server from every participant. The
    reference JavaScript client does not echo either (it skips its own origin).

    The trap: nothing else may change the Doc between the unobserve and the observe
    around a received message; everything runs on one loop, and applying is synchronous.
    """

    def __init__(self, doc: Doc, channel: _ClientChannel) -> None:
        self._doc = doc
        self._channel = channel
        self.synced = anyio.Event()
        self._outgoing_send, self._outgoing = anyio.create_memory_object_stream[bytes](float("inf"))
        self._subscription = None
        self._scope: anyio.CancelScope | None = None

    def _local(self, event) -> None:
        self._outgoing_send.send_nowait(event.update)

    async def start(self, *, task_status: TaskStatus[None] = TASK_STATUS_IGNORED) -> None:
        """Run until the connection ends or :meth:`stop`; started once the first message is out."""
        self._subscription = self._doc.observe(self._local)
        try:
            with anyio.CancelScope() as self._scope:
                await self._channel.send(create_sync_message(self._doc))
                task_status.started()
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self._send_local)
                    await self._receive()
                    tg.cancel_scope.cancel()
        finally:
            self._unobserve()
            self._outgoing_send.close()

    async def _send_local(self) -> None:
        async with self._outgoing:
            async for update in self._outgoing:
                await self._channel.send(create_update_message(update))

    async def _receive(self) -> None:
        async for message in self._channel:
            if message[0] != YMessageType.SYNC or len(message) < 2:
                continue
            self._unobserve()
            try:
                reply = handle_sync_message(message[1:], self._doc)
            finally:
                self._subscription = self._doc.observe(self._local)
            if message[1] == YSyncMessageType.SYNC_STEP2:
                self.synced.set()
            if reply is not None:
                await self._channel.send(reply)

    def _unobserve(self) -> None:
        if self._subscription is not None:
            self._doc.unobserve(self._subscription)
            self._subscription = None

    async def stop(self) -> None:
        """Stop at once; local updates not yet sent stay in the Doc (the next sync sends them)."""
        if self._scope is not None:
            self._scope.cancel()
        self._unobserve()


class CollabClient:
    """Keep ``doc`` in sync with the room of a join link (or a plain ``ws://…/room`` URL).

    Run :meth:`run` in a task (it returns after :meth:`stop` or a refusal); wait for
    :attr:`synced` before reading what others made. Callbacks run on this loop.
    """

    def __init__(
        self,
        doc: Doc,
        link: JoinLink | str,
        *,
        presence: dict[str, Any] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        on_status: Callable[[str, str], None] | None = None,
        on_presence: Callable[[dict[int, dict[str, Any]]], None] | None = None,
        backoff_initial: float = 0.1,
        backoff_max: float = 5.0,
        max_message_bytes: int = 64 * 1024 * 1024,
        open_timeout: float = 10.0,
    ) -> None:
        self.doc = doc
        if isinstance(link, str) and link.startswith("cxmap+"):
            link = JoinLink.parse(link)
        self.url = link.websocket_url if isinstance(link, JoinLink) else link
        self.path = self.url.split("?", 1)[0].rsplit("/", 1)[-1]
        self.ssl_context = ssl_context
        if ssl_context is None and self.url.startswith("wss://"):
            self.ssl_context = ssl.create_default_context()
        self.on_status = on_status
        self.on_presence = on_presence
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.max_message_bytes = max_message_bytes
        self.open_timeout = open_timeout
        self.synced = anyio.Event()
        self.stopped = anyio.Event()
        self.refusal: str | None = None
        self.refusal_code: int | None = None
        self.connections = 0
        self.bytes_sent = 0
        self.bytes_received = 0
        self.messages_sent = 0
        self._channel: _ClientChannel | None = None
        self._stop = anyio.Event()
        self._rng = random.Random()
        self._task_group = None
        self._tasks: set[asyncio.Task] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._backoff: anyio.CancelScope | None = None  # the wait before the next attempt
        self.awareness = Awareness(doc)
        self.awareness.observe(self._awareness_changed)
        if presence is not None:
            self.awareness.set_local_state(dict(presence))

    # -- presence ----------------------------------------------------------------------

    def set_presence(self, **fields: Any) -> None:
        """Merge ``fields`` into this participant's presence (name, colour, selection, cell)."""
        state = dict(self.awareness.get_local_state() or {})
        state.update(fields)
        self.awareness.set_local_state(state)

    def presence(self) -> dict[int, dict[str, Any]]:
        """Everyone's presence by Yjs client id, this participant's included."""
        return {cid: dict(state) for cid, state in self.awareness.states.items() if state}

    def _awareness_changed(self, topic: str, changes: tuple[dict[str, Any], Any]) -> None:
        delta, origin = changes
        if topic == "update" and origin == "local" and self._channel is not None:
            ids = [cid for ids in delta.values() for cid in ids]
            message = create_awareness_message(self.awareness.encode_awareness_update(ids))
            self._spawn(self._channel.send, message)
        if topic == "change" and self.on_presence is not None:
            self.on_presence(self.presence())

    # -- life cycle ----------------------------------------------------------------------

    def stop(self) -> None:
        """Leave: say goodbye (presence removed for the others), close, and end :meth:`run`."""
        self._stop.set()

    def retry_now(self) -> bool:
        """Cut the wait before the next attempt short: it starts at once (a person's "Try
        Now"). From any thread. False when no wait is under way (connected, or trying)."""
        scope, loop = self._backoff, self._loop
        if scope is None or loop is None:
            return False
        loop.call_soon_threadsafe(scope.cancel)
        return True

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        delay = self.backoff_initial
        try:
            async with anyio.create_task_group() as tg:
                self._task_group = tg
                await tg.start(self.awareness.start)
                while not self._stop.is_set():
                    self._status(CONNECTING, self.url.split("?", 1)[0])
                    try:
                        synced_once = await self._connect_once()
                    except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
                        if isinstance(exc, ssl.SSLCertVerificationError):
                            self._refuse(None, f"the server's certificate is not trusted: {exc.verify_message}")
                            break
                        detail = f"{type(exc).__name__}: {exc}"
                        synced_once = False
                    else:
                        channel = self._channel
                        self._channel = None
                        code = channel.close_code if channel else None
                        if code in FINAL_CLOSE_CODES:
                            self._refuse(code, channel.close_reason)
                            break
                        detail = f"closed (code {code})"
                    if self._stop.is_set():
                        break
                    if synced_once:
                        delay = self.backoff_initial
                    wait = min(delay, self.backoff_max) * (0.75 + 0.5 * self._rng.random())
                    self._status(DISCONNECTED, f"{detail}; reconnecting in {wait:.1f} s")
                    with anyio.move_on_after(wait) as self._backoff:
                        await self._stop.wait()
                    self._backoff = None
                    delay = min(delay * 2, self.backoff_max)
                tg.cancel_scope.cancel()
        finally:
            self._status(STOPPED if self.refusal is None else REFUSED, self.refusal or "")
            self.stopped.set()

    async def _connect_once(self) -> bool:
        """One connection: sync until it closes or :meth:`stop`; whether it synced."""
        synced_here = False
        async with connect(
            self.url,
            ssl=self.ssl_context,
            max_size=self.max_message_bytes,
            compression=None,
            open_timeout=self.open_timeout,
            proxy=None,
        ) as ws:
            channel = _ClientChannel(ws, self.path, self)
            self._channel = channel
            self.connections += 1
            provider = _RoomSync(self.doc, channel)
            async with anyio.create_task_group() as tg:
                await tg.start(provider.start)
                if self.awareness.get_local_state() is not None:
                    # Announce ourselves on every (re)connection.
                    self.awareness.set_local_state(self.awareness.get_local_state())

                async def watch_synced() -> None:
                    nonlocal synced_here
                    await provider.synced.wait()
                    synced_here = True
                    self.synced.set()
                    self._status(SYNCED, "")

                tg.start_soon(watch_synced)
                with anyio.CancelScope() as scope:

                    async def stop_on_leave() -> None:
                        await self._stop.wait()
                        scope.cancel()

                    tg.start_soon(stop_on_leave)
                    await channel.closed.wait()
                if self._stop.is_set() and not channel.closed.is_set():
                    # Tell the others we left, then close politely.
                    goodbye = create_awareness_message(self._goodbye())
                    with anyio.move_on_after(1):
                        await channel.send(goodbye)
                await provider.stop()
                tg.cancel_scope.cancel()
        return synced_here

    def _goodbye(self) -> bytes:
        # A null state with a newer clock: the standard way to say "left". Sent once,
        # by the caller, not by the observer.
        self._channel = None
        self.awareness.set_local_state(None)
        return self.awareness.encode_awareness_update([self.awareness.client_id])

    def _spawn(self, func, *args) -> None:
        # Called from awareness callbacks, which may run outside any task (a
        # ``call_soon`` from another thread): plain asyncio tasks, kept until done.
        if self._task_group is None or self._task_group.cancel_scope.cancel_called:
            return
        task = asyncio.get_running_loop().create_task(func(*args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _refuse(self, code: int | None, reason: str) -> None:
        self.refusal_code = code
        self.refusal = refusal_sentence(code, reason) if code is not None else reason
        log.warning("session refused: %s", self.refusal)

    def _status(self, status: str, detail: str) -> None:
        log.info("%s %s %s", self.path, status, detail)
        if self.on_status is not None:
            try:
                self.on_status(status, detail)
            except Exception:
                log.exception("on_status callback failed")
