"""What the first window costs: modules it must not import, validators it must not build.

Runs the real ``python -m cxmapper`` in a fresh process (``CXMAPPER_TEST_HOOK``) and
looks at it once the first window is up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: Loaded on first use (a chart, a PDF, an import, a graph check), never at start-up.
LAZY_PACKAGES = ("matplotlib", "reportlab", "networkx", "openpyxl", "PIL", "numpy")

HOOK = """
import json, sys
import pydantic
from cxmapper.model import document, editor, fileformat

app.processEvents()
models = [c for c in (*vars(document).values(), *vars(fileformat).values())
          if isinstance(c, type) and issubclass(c, pydantic.BaseModel) and c is not pydantic.BaseModel]
print(json.dumps({
    "window": type(window).__name__,
    "lanes": len(window.editor.doc.lanes),
    "packages": sorted({name.split(".")[0] for name in sys.modules}),
    "modules": sorted(sys.modules),
    "built": sorted(c.__name__ for c in models if c.__pydantic_complete__),
    "card_adapter_built": not isinstance(editor._CARD_ADAPTER.validator, pydantic._internal._mock_val_ser.MockValSer),
}))
sys.stdout.flush()
app.quit()
"""


#: The same report a second after the first window, the event loop running meanwhile.
LATER_HOOK = """
import json, sys
from PySide6.QtCore import QTimer

def report():
    print(json.dumps({"packages": sorted({name.split(".")[0] for name in sys.modules}),
                      "modules": sorted(sys.modules), "charts_drawn": window.kano.chart.render_count}))
    sys.stdout.flush()
    app.quit()

QTimer.singleShot(1000, report)
"""


def _first_window(tmp_path: Path, *args: str, hook_text: str = HOOK) -> dict:
    hook = tmp_path / "hook.py"
    hook.write_text(hook_text, encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CXMAPPER_TEST_HOOK": str(hook),
        "CXMAPPER_DATA_DIR": str(tmp_path / "data"),
        "CXMAPPER_CONFIG_DIR": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "cxmapper", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stderr[-3000:]
    return json.loads(lines[-1])


def test_the_first_window_imports_no_heavy_package_and_builds_no_validator(tmp_path):
    seen = _first_window(tmp_path)
    assert seen["window"] == "MainWindow" and seen["lanes"] == 6
    assert not set(LAZY_PACKAGES) & set(seen["packages"])
    # The new map comes from the template without validation (templates.new_map), so no
    # pydantic validator is built, and pydantic's plugin loader (importlib.metadata,
    # email: ~30 ms) is not imported.
    assert seen["built"] == []
    assert not seen["card_adapter_built"]
    assert "pydantic.plugin._loader" not in seen["modules"]
    # The Kano chart's render thread: its pool (concurrent.futures, ~7 ms) waits for a chart.
    assert "concurrent.futures" not in seen["modules"]
    assert "cxmapper.ui.dialogs" not in seen["modules"]  # preferences, recovery: when asked for


def test_opening_a_file_at_start_validates_it(tmp_path):
    example = REPO / "resources" / "examples" / "bank-account-opening.zh.cxmap"
    seen = _first_window(tmp_path, str(example))
    assert "MapDocument" in seen["built"]
    assert not set(LAZY_PACKAGES) & set(seen["packages"])


def test_a_second_after_start_up_the_hidden_kano_chart_has_not_loaded_matplotlib(tmp_path):
    # The Kano dock is tabbed behind the inspector: its chart waits until it is shown.
    example = REPO / "resources" / "examples" / "bank-account-opening.zh.cxmap"
    seen = _first_window(tmp_path, str(example), hook_text=LATER_HOOK)
    assert seen["charts_drawn"] == 0
    assert not {"matplotlib", "numpy"} & set(seen["packages"])
    assert "concurrent.futures" not in seen["modules"]
