"""One participant as a process of its own, for tests/collab/test_server_process.py.

    python -m tests.collab.participant_process LINK NAME COUNT DELAY

Joins the room of LINK, adds COUNT cards (``NAME-0``, ``NAME-1``, …) one every DELAY
seconds, printing ``added I`` after each, keeps going through drops (our client
reconnects by itself), prints ``done``. Then, for each ``report N`` line on stdin, waits
(at most 20 s) until it holds at least N cards and prints its card ids in order as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys

import anyio
from pycrdt import Array, Doc

from cxmapper.collab.client import CollabClient
from tests.collab.collab_net import add_card, card_fields


async def main(link: str, name: str, count: int, delay: float) -> None:
    doc = Doc()
    client = CollabClient(doc, link, backoff_initial=0.05, backoff_max=0.5)
    async with anyio.create_task_group() as tg:
        tg.start_soon(client.run)
        await client.synced.wait()
        for i in range(count):
            add_card(doc, card_fields(f"{name}-{i}", f"{name} 卡片 {i}"))
            print(f"added {i}", flush=True)
            await anyio.sleep(delay)
        print("done", flush=True)
        while True:
            line = await asyncio.to_thread(sys.stdin.readline)
            if not line.startswith("report"):
                break
            want = int(line.split()[1])
            with anyio.move_on_after(20):
                while len(doc.get("cards", type=Array)) < want:
                    await anyio.sleep(0.01)
            print(json.dumps(list(doc.get("cards", type=Array))), flush=True)
        client.stop()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
