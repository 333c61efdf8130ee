"""The core stays Qt-free: no PySide6 below planner/gui, checked statically and at run time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "planner"


def _core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "gui" not in p.relative_to(PACKAGE).parts]


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """(module, at top level) for every import in a module."""
    found = []
    top = set(map(id, getattr(tree, "body", [])))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, id(node) in top))
    return found


def test_no_core_module_imports_qt() -> None:
    offenders = []
    for path in _core_modules():
        for module, _top in _imports(ast.parse(path.read_text(), str(path))):
            if module.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offenders == []


def test_core_reaches_the_gui_only_lazily_from_the_command_line() -> None:
    offenders = []
    for path in _core_modules():
        for module, top in _imports(ast.parse(path.read_text(), str(path))):
            if module.startswith("planner.gui") and (top or path.name != "cli.py"):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offenders == []


def test_importing_the_core_loads_no_qt() -> None:
    code = (
        "import sys, importlib, pkgutil, planner\n"
        "for info in pkgutil.walk_packages(planner.__path__, 'planner.'):\n"
        "    if '.gui' not in info.name and info.name != 'planner.__main__':\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_every_top_level_module_has_a_layer() -> None:
    """lint-imports checks only what the layers contract names: a new module joins it."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["type"] == "layers")
    layered = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    modules |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    # regimes: schema reads its rules while its inputs module reads cells with convert
    # (which reads schema), so it has no single place between them yet.
    assert modules - layered == {"regimes"}
