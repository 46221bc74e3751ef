"""Where the program finds its bundled resources (examples, templates, translations).

The repository layout keeps ``resources/`` beside the package; the README installs the
package in editable mode, so this path holds for every supported way of running it.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
EXAMPLES = RESOURCES / "examples"
SCHEMA_FILE = RESOURCES / "cxmap.schema.json"
