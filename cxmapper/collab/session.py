"""The session API a window calls: host, join, leave, presence, callbacks; thread-safe.

A :class:`Session` runs the network (our :class:`~cxmapper.collab.server.CollabServer`
when hosting, our :class:`~cxmapper.collab.client.CollabClient` always) on a background
thread with its own asyncio loop, and keeps the caller's ``pycrdt.Doc`` in sync with it.

The caller's Doc is only ever touched on the caller's thread (the Qt GUI thread). The
two threads exchange Y update *bytes*, never objects:

- a transaction on the caller's Doc → its update is posted to the loop → applied to the
  network replica → sent to the room by the Provider;
- an update from the room → applied to the network replica on the loop → posted to the
  caller → applied to the caller's Doc inside a transaction with origin
  :data:`REMOTE_ORIGIN`, so the Doc's observers (the document mapping) know it is a
  remote participant's change.

What is posted to the caller's thread (remote updates, presence, status, refusals) goes
through ``dispatch(fn)``: a Qt app passes a function that queues ``fn`` on the GUI
thread (e.g. a queued signal, or ``QTimer.singleShot(0, context, fn)``). Without
``dispatch`` the work waits in a queue until the caller runs :meth:`process_pending`
(tests, scripts). Every public method may be called from any thread; they return
quickly or with a bounded ``timeout``.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
from pycrdt import Doc

from .auth import JoinLink, SessionRegistry
from .client import CollabClient, state_clocks
from .server import CollabServer, Refusal, ServerLimits, ssl_context_from_files

log = logging.getLogger(__name__)

#: The origin of transactions that apply a remote participant's changes to the
#: caller's Doc.
REMOTE_ORIGIN = "cxmapper.collab.remote"

ANY_INTERFACE = ("0.0.0.0", "::", "")


class SessionError(RuntimeError):
    """A session could not start or join; the message is a sentence for a person."""


class Session:
    """One live session of one map, hosted here or joined elsewhere."""

    def __init__(
        self,
        doc: Doc,
        *,
        name: str = "",
        colour: str = "",
        dispatch: Callable[[Callable[[], None]], None] | None = None,
        on_remote_change: Callable[[], None] | None = None,
        on_presence: Callable[[dict[int, dict[str, Any]]], None] | None = None,
        on_status: Callable[[str, str], None] | None = None,
        on_refusal: Callable[[Refusal], None] | None = None,
        receive: Callable[[bytes], None] | None = None,
    ) -> None:
        self.doc = doc
        # How a remote update enters the caller's Doc: a window bound by collab.ydoc's
        # SharedMap passes SharedMap.apply_update (its inbox handles out-of-order input).
        self._receive = receive
        self._dispatch = dispatch
        self._pending: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self.on_remote_change = on_remote_change
        self.on_presence = on_presence
        self.on_status = on_status
        self.on_refusal = on_refusal
        self._presence_lock = threading.Lock()
        self._presence: dict[int, dict[str, Any]] = {}
        self._local_presence: dict[str, Any] = {"name": name, "colour": colour}
        self._net_doc = Doc()
        self._applying_remote = False  # on the caller's thread
        self._applying_local = False  # on the loop's thread
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: CollabServer | None = None
        self._client: CollabClient | None = None
        self._done: asyncio.Event | None = None
        self.link: JoinLink | None = None
        #: When the hosted room stops admitting people (``time.time()`` seconds; None: never).
        self.expires_at: float | None = None
        self.registry: SessionRegistry | None = None
        self._doc_subscription = None

    # -- starting and leaving ------------------------------------------------------------

    def host(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        room: str | None = None,
        ttl: float | None = None,
        store_dir: str | Path | None = None,
        cert: str | Path | None = None,
        key: str | Path | None = None,
        limits: ServerLimits | None = None,
        public_host: str | None = None,
        timeout: float = 15.0,
    ) -> JoinLink:
        """Serve this map (localhost unless ``host`` names an interface) and join it.

        Returns the join link to hand out (``public_host`` is the name others use to
        reach this machine when ``host`` is ``0.0.0.0`` or similar).
        """
        try:
            ssl_server = ssl_context_from_files(cert, key) if cert and key else None
            self.registry = SessionRegistry()
            # Taken before the registry's own clock: the time shown is never later than the real one.
            self.expires_at = None if ttl is None else time.time() + ttl
            room, secret = self.registry.open(room, ttl=ttl)
        except ValueError as exc:
            raise SessionError(f"Could not start the session: {exc}") from None
        server = CollabServer(
            self.registry,
            host=host,
            port=port,
            store_dir=store_dir,
            ssl_context=ssl_server,
            limits=limits,
            on_refusal=self._refused_by_server,
        )
        self._start_thread()
        try:
            self._call(server.start(), timeout)
        except Exception as exc:
            self._stop_thread(timeout)
            raise SessionError(f"Could not start the session on {host}:{port}: {exc}") from exc
        self._server = server
        tls = ssl_server is not None
        # The host's own client goes the shortest way; the link names the way in for others.
        local = host if host not in ANY_INTERFACE else "127.0.0.1"
        self.link = JoinLink(public_host or local, server.port, room, secret, tls=tls)
        client_ssl = None
        if tls:
            client_ssl = ssl.create_default_context(cafile=str(cert))
            client_ssl.check_hostname = False  # the certificate names the public host
        self._connect(JoinLink(local, server.port, room, secret, tls=tls), client_ssl, timeout)
        # Hand out the link once the room holds the map: a guest who joins at once must
        # not see an empty map first.
        try:
            self._call(self._until_room_holds(room), timeout)
        except TimeoutError:
            self.leave()
            raise SessionError(f"The session did not receive this map within {timeout:g} s.") from None
        return self.link

    async def _until_room_holds(self, room: str) -> None:
        assert self._server is not None
        mine = state_clocks(self._net_doc.get_state())
        while True:
            doc = self._server.room_doc(room)
            if doc is not None:
                theirs = state_clocks(doc.get_state())
                if all(theirs.get(client, 0) >= clock for client, clock in mine.items()):
                    return
            await asyncio.sleep(0.005)

    def join(self, link: str | JoinLink, *, ssl_context: ssl.SSLContext | None = None, timeout: float = 15.0) -> None:
        """Join a session by its link; returns once this copy holds the room's map.

        Raises :class:`SessionError` with the reason (refused, unreachable, bad link).
        """
        if isinstance(link, str):
            try:
                link = JoinLink.parse(link)
            except ValueError as exc:
                raise SessionError(f"This is not a join link: {exc}") from None
        self.link = link
        self._start_thread()
        self._connect(link, ssl_context, timeout)

    def leave(self, timeout: float = 10.0) -> None:
        """Leave the session (and stop serving it when hosting). The Doc stays as it is."""
        if self._loop is None:
            return
        if self._doc_subscription is not None:
            self.doc.unobserve(self._doc_subscription)
            self._doc_subscription = None
        self._stop_thread(timeout)

    @property
    def active(self) -> bool:
        return self._loop is not None

    @property
    def server(self) -> CollabServer | None:
        """The server when hosting (its figures and refusals; read-only from here)."""
        return self._server

    # -- presence ------------------------------------------------------------------------

    @property
    def client_id(self) -> int:
        return self._net_doc.client_id

    def set_presence(self, **fields: Any) -> None:
        """Merge into my presence: ``name``, ``colour``, ``selection`` (ids), ``cell``."""
        self._local_presence.update(fields)
        if self._loop is not None and self._client is not None:
            client = self._client
            self._loop.call_soon_threadsafe(lambda: client.set_presence(**fields))

    def presence(self) -> dict[int, dict[str, Any]]:
        """Everyone here, by client id (mine included): a snapshot, safe from any thread."""
        with self._presence_lock:
            return {cid: dict(state) for cid, state in self._presence.items()}

    def process_pending(self) -> int:
        """Run what the network posted for the caller's thread (when no ``dispatch``)."""
        count = 0
        while True:
            try:
                job = self._pending.get_nowait()
            except queue.Empty:
                return count
            job()
            count += 1

    # -- inside ----------------------------------------------------------------------------

    def _post(self, job: Callable[[], None]) -> None:
        if self._dispatch is not None:
            self._dispatch(job)
        else:
            self._pending.put(job)

    def _start_thread(self) -> None:
        if self._loop is not None:
            raise SessionError("This map is already in a session: leave it first.")
        ready = threading.Event()

        def run() -> None:
            async def main() -> None:
                self._loop = asyncio.get_running_loop()
                self._done = asyncio.Event()
                ready.set()
                await self._done.wait()
                if self._client is not None:
                    self._client.stop()
                    with anyio.move_on_after(5):
                        await self._client.stopped.wait()
                if self._server is not None:
                    with anyio.move_on_after(5):
                        await self._server.stop()

            asyncio.run(main())

        self._thread = threading.Thread(target=run, name="cxmapper-collab", daemon=True)
        self._thread.start()
        ready.wait(10)

    def _stop_thread(self, timeout: float) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and self._done is not None:
            loop.call_soon_threadsafe(self._done.set)
        if thread is not None:
            thread.join(timeout)
        self._loop = None
        self._thread = None
        self._client = None
        self._server = None

    def _call(self, coro, timeout: float):
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _connect(self, link: JoinLink, ssl_context: ssl.SSLContext | None, timeout: float) -> None:
        # The caller's state goes to the replica first, so that offline work and a
        # host's map reach the room with the first exchange.
        self._net_doc.apply_update(self.doc.get_update())
        self._doc_subscription = self.doc.observe(self._local_transaction)
        self._net_doc.observe(self._network_transaction)

        async def start() -> CollabClient:
            client = CollabClient(
                self._net_doc,
                link,
                presence=dict(self._local_presence),
                ssl_context=ssl_context,
                on_status=lambda status, detail: self._post(lambda: self._status(status, detail)),
                on_presence=self._presence_changed,
            )
            self._client = client
            asyncio.get_running_loop().create_task(client.run())
            with anyio.move_on_after(timeout):
                async with anyio.create_task_group() as tg:

                    async def synced() -> None:
                        await client.synced.wait()
                        tg.cancel_scope.cancel()

                    async def stopped() -> None:
                        await client.stopped.wait()
                        tg.cancel_scope.cancel()

                    tg.start_soon(synced)
                    tg.start_soon(stopped)
            return client

        client = self._call(start(), timeout + 5)
        if not client.synced.is_set():
            reason = client.refusal or f"Could not reach the session at {link.host}:{link.port} within {timeout:g} s."
            self.leave()
            raise SessionError(reason)
        self._presence_changed(client.presence())

    def _local_transaction(self, event) -> None:
        """On the caller's thread: a change to the caller's Doc goes to the network."""
        if self._applying_remote or self._loop is None:
            return
        update = event.update
        self._loop.call_soon_threadsafe(self._apply_local, update)

    def _apply_local(self, update: bytes) -> None:
        self._applying_local = True
        try:
            self._net_doc.apply_update(update)
        finally:
            self._applying_local = False

    def _network_transaction(self, event) -> None:
        """On the loop: a change from the room goes to the caller's Doc."""
        if self._applying_local:
            return
        update = event.update
        self._post(lambda: self._apply_remote(update))

    def _apply_remote(self, update: bytes) -> None:
        self._applying_remote = True
        try:
            if self._receive is not None:
                self._receive(update)
            else:
                with self.doc.transaction(origin=REMOTE_ORIGIN):
                    self.doc.apply_update(update)
        finally:
            self._applying_remote = False
        if self.on_remote_change is not None:
            self.on_remote_change()

    def _presence_changed(self, states: dict[int, dict[str, Any]]) -> None:
        with self._presence_lock:
            self._presence = {cid: dict(s) for cid, s in states.items()}
        if self.on_presence is not None:
            snapshot = self.presence()
            self._post(lambda: self.on_presence(snapshot))

    def _status(self, status: str, detail: str) -> None:
        if self.on_status is not None:
            self.on_status(status, detail)

    def _refused_by_server(self, refusal: Refusal) -> None:
        if self.on_refusal is not None:
            self._post(lambda: self.on_refusal(refusal))
