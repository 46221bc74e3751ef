"""kill -9 during autosave: whatever the moment, the autosave folder offers whole maps.

A child process autosaves the bank example again and again (each write a new title,
so a recovered map says which write it is); the test kills it with SIGKILL at five
moments and reads the folder as the next start would. Every entry offered must load
and be one of the versions written; a temporary the kill left behind is never taken
for an entry.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cxmapper.model.fileformat import load_file
from cxmapper.paths import EXAMPLES

REPO = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from pathlib import Path
from cxmapper.model.fileformat import dumps, load_file
from cxmapper.ui.autosave import AutosaveStore

store = AutosaveStore(Path(sys.argv[1]))
doc = load_file(sys.argv[2])
n = 0
print("ready", flush=True)
while True:  # ended by the test's SIGKILL (and by a timeout in the test)
    n += 1
    doc.meta = doc.meta.model_copy(update={"title": f"write {n}"})
    store.write("k", dumps(doc), source=sys.argv[2], title=doc.meta.title, edits=n)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.timeout(120)
def test_kill_9_during_autosave_leaves_whole_maps(tmp_path, qapp):
    from cxmapper.ui.autosave import AutosaveStore

    example = EXAMPLES / "bank-account-opening.zh.cxmap"
    rng = random.Random(17)
    recovered = 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for round_ in range(5):
        folder = tmp_path / f"autosave{round_}"
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(example)],
            cwd=REPO, stdout=subprocess.PIPE, env=env,
        )
        try:
            assert child.stdout.readline().strip() == b"ready"
            time.sleep(rng.uniform(0.05, 0.6))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        store = AutosaveStore(folder)
        entries = store.recoverable()  # the writer is dead: its entry is offered
        assert store.problems == []
        for entry in entries:
            doc = load_file(entry.document)  # whole: loads, validates
            assert doc.meta.title.startswith("write ")
            assert entry.title.startswith("write ") and entry.edits >= 1
        assert len(entries) <= 1
        recovered += len(entries)
        leftovers = [p.name for p in folder.iterdir() if p.suffix not in (".cxmap", ".lock")]
        assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers), leftovers
    assert recovered >= 1  # the kills did land after whole writes, not only before the first
