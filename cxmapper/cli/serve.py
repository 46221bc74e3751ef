"""``cxmapper serve``: a standalone live-session server for a team that wants one always on.

    cxmapper serve [--host H] [--port P] [--store DIR] [--cert FILE --key FILE]
    cxmapper serve --store DIR --new-room [NAME] [--ttl HOURS] [--public-host NAME]

Rooms and their secrets: with ``--store``, the admitted rooms live in
``DIR/sessions.json`` (secret hashes only) beside one update store per room, so a
restart keeps every link and every acknowledged edit. ``--new-room`` adds a room to
that file and prints its join link, also while a server runs on the same store (the
server re-reads the file). Without a store, or with a store that admits no room yet,
the server opens one room when it starts and prints its link.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cxmapper.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE

SESSIONS_FILE = "sessions.json"


def register(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="run a live-session server (Yjs rooms over WebSocket)",
        description=(
            "Serve live co-editing rooms over WebSocket with the standard Yjs sync and awareness "
            "protocols. Each room admits only join links with its secret."
        ),
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    p.add_argument("--store", type=Path, metavar="DIR", help="keep rooms, secrets and updates in DIR across restarts")
    p.add_argument("--cert", type=Path, metavar="FILE", help="TLS certificate (PEM); serve wss:// with --key")
    p.add_argument("--key", type=Path, metavar="FILE", help="TLS private key (PEM)")
    p.add_argument("--ttl", type=float, metavar="HOURS", help="a new room's link expires after HOURS (default: never)")
    p.add_argument("--public-host", metavar="NAME", help="host name to put in printed join links (default: --host)")
    p.add_argument(
        "--new-room",
        nargs="?",
        const="",
        metavar="NAME",
        help="add a room to --store's sessions, print its join link and exit",
    )
    p.set_defaults(func=run)


def _link(args, room: str, secret: str, port: int) -> str:
    from cxmapper.collab.auth import JoinLink

    host = args.public_host or (args.host if args.host not in ("0.0.0.0", "::") else "127.0.0.1")
    return str(JoinLink(host, port, room, secret, tls=args.cert is not None))


def run(args: argparse.Namespace) -> int:
    from cxmapper.collab.auth import SessionRegistry

    if (args.cert is None) != (args.key is None):
        print("cxmapper serve: --cert and --key go together (a PEM certificate and its key)", file=sys.stderr)
        return EXIT_USAGE
    if args.ttl is not None and not args.ttl > 0:  # also NaN
        print(f"cxmapper serve: --ttl {args.ttl:g}: a link must live for some time; give the hours, e.g. --ttl 8", file=sys.stderr)
        return EXIT_USAGE
    ttl = None if args.ttl is None else args.ttl * 3600
    try:
        registry = SessionRegistry(args.store / SESSIONS_FILE if args.store else None)
    except ValueError as exc:
        print(f"cxmapper serve: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.new_room is not None:
        if args.store is None:
            print("cxmapper serve: --new-room needs --store DIR (where the server keeps its rooms)", file=sys.stderr)
            return EXIT_USAGE
        if args.port == 0:
            print("cxmapper serve: --new-room prints a link with the port the server listens on: give it with "
                  "--port (0 picks a free port only when serving)", file=sys.stderr)
            return EXIT_USAGE
        try:
            room, secret = registry.open(args.new_room or None, ttl=ttl)
        except ValueError as exc:
            print(f"cxmapper serve: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(_link(args, room, secret, args.port))
        return EXIT_OK
    return _serve(args, registry, ttl)


def _serve(args, registry, ttl) -> int:
    import asyncio
    import logging
    import signal

    from cxmapper.collab.server import CollabServer, ssl_context_from_files

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        context = ssl_context_from_files(args.cert, args.key) if args.cert else None
    except ValueError as exc:
        print(f"cxmapper serve: {exc}", file=sys.stderr)
        return EXIT_INVALID

    async def main() -> int:
        server = CollabServer(registry, host=args.host, port=args.port, store_dir=args.store, ssl_context=context)
        try:
            await server.start()
        except OSError as exc:
            print(f"cxmapper serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_INVALID
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        print(f"Serving live sessions on {server.url}" + (f", store {args.store}" if args.store else ""), flush=True)
        if not registry.rooms():
            room, secret = registry.open(ttl=ttl)
            print(f"Join link: {_link(args, room, secret, server.port)}", flush=True)
        else:
            print(f"{len(registry.rooms())} room(s) admitted; add one with: cxmapper serve --store {args.store} --new-room", flush=True)
        await stop.wait()
        print("Stopping: closing connections and the stores.", flush=True)
        await server.stop()
        return EXIT_OK

    return asyncio.run(main())
