"""The layers hold: cli above ui above export above model; the model imports no Qt.

``lint-imports`` checks both contracts of ``pyproject.toml`` ([tool.importlinter]); the
AST tests below say the same without it, naming the file and line that breaks a rule.
"""

import ast
import subprocess
import sys
from pathlib import Path

import cxmapper

PACKAGE = Path(cxmapper.__file__).parent
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "cxmapper.ui")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def test_model_source_imports_no_qt():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: imports {name}"
        for path in sorted((PACKAGE / "model").rglob("*.py"))
        for line, name in _imports(path)
        if name.split(".")[0] in QT_MODULES or name.startswith("cxmapper.ui")
    ]
    assert offenders == []


def test_importing_every_model_module_loads_no_qt():
    # Catches indirect imports too: a model module that imports a helper that imports Qt.
    modules = sorted(
        "cxmapper.model." + p.stem
        for p in (PACKAGE / "model").glob("*.py")
        if p.stem != "__init__"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, check=True
    )
    assert out.stdout.strip() == ""


def test_import_linter_contract_holds():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():  # the test extras install it; the AST test above still runs
        import pytest

        pytest.skip("import-linter is not installed")
    out = subprocess.run([str(lint)], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_export_module_imports_the_window():
    # The picture of the canvas lives in cxmapper/ui/picture.py for this reason.
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: imports {name}"
        for path in sorted((PACKAGE / "export").rglob("*.py"))
        for line, name in _imports(path)
        if name.startswith(("cxmapper.ui", "cxmapper.cli"))
    ]
    assert offenders == []


def test_the_layers_contract_is_declared():
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    layers = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    assert [c["layers"] for c in layers] == [
        ["cxmapper.cli", "cxmapper.ui", "cxmapper.export | cxmapper.collab", "cxmapper.model"]
    ]


def test_only_the_edit_channel_pushes_undo_steps():
    # ui/edit_channel.py is where every edit starts (issue 13); commands.py defines the
    # command (and push_edit for benchmarks with a bare stack). Nothing else in the
    # package may build a command or call push_edit / an undo stack's push.
    allowed = {PACKAGE / "ui" / "edit_channel.py", PACKAGE / "ui" / "commands.py"}
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = getattr(func, "attr", getattr(func, "id", ""))
                receiver = getattr(getattr(func, "value", None), "attr", getattr(getattr(func, "value", None), "id", ""))
                if name in ("EditCommand", "push_edit", "try_edit") and receiver != "channel":
                    offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {name}")
                elif name == "push" and "stack" in str(receiver):
                    offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {receiver}.push")
    assert offenders == []


def test_operations_use_the_editors_primitive_layer_not_its_private_members():
    # Issue 13: operations call Editor's lookups and primitive changes (public names),
    # never ``editor._indexes``: so they can move to other modules.
    # The operations live in model/operations/ (one family per module) since the split.
    paths = [PACKAGE / "model" / "editor.py", *sorted((PACKAGE / "model" / "operations").glob("*.py"))]
    assert len(paths) > 2
    offenders = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name in ("Editor", "_OrderedIds"):
                continue
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Attribute)
                    and isinstance(sub.value, ast.Name)
                    and sub.value.id == "editor"
                    and sub.attr.startswith("_")
                ):
                    offenders.append(f"{path.name}:{sub.lineno}: editor.{sub.attr}")
    assert offenders == []


def test_docstrings_point_only_at_files_that_exist():
    import re

    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(PACKAGE.parent)
        missing += [f"{where}: {ref}" for ref in re.findall(r"/work/[\w./-]+", text)]
        for ref in re.findall(r"``(?:cxmapper/)?((?:ui|model|export|cli)/[\w/]+\.py)``", text):
            if not (PACKAGE / ref).exists():
                missing.append(f"{where}: {ref}")
    assert missing == []
