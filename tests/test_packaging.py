"""The packaging inputs: spec and build script name files that exist, the desktop entry,
the icons, one version. Fast checks only; the bundle itself is built and smoke-tested by
packaging/build.sh (about 1-2 minutes, docs/install.md)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ElementTree
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest

from planner.paths import resource
from planner.version import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "planner.spec"
BUILD_SCRIPT = PACKAGING / "build.sh"
DESKTOP_FILE = PACKAGING / "fleet-transition-planner.desktop"
INSTALL_SCRIPT = PACKAGING / "install-desktop-entry.sh"
ICONS = ROOT / "resources" / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SOURCE_FOLDERS = ("packaging/", "resources/", "planner/", "docs/")


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --- the spec and the build script ---------------------------------------------------

def _spec_paths(tree: ast.AST) -> set[Path]:
    """Every path the spec builds as ROOT / "..." / "..." or ICONS / "..."."""
    bases = {"ROOT": ROOT, "ICONS": ICONS}
    found: set[Path] = set()

    def evaluate(node: ast.AST) -> Path | None:
        if isinstance(node, ast.Name):
            return bases.get(node.id)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left = evaluate(node.left)
            if left is not None and isinstance(node.right, ast.Constant):
                return left / node.right.value
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            path = evaluate(node)
            if path is not None:
                found.add(path)
    # Intermediate folders of a longer path are named too; they exist if it does.
    return {path for path in found if not any(path in other.parents for other in found)}


def test_the_spec_is_python_that_names_only_files_that_exist() -> None:
    tree = ast.parse(SPEC.read_text(), str(SPEC))
    paths = _spec_paths(tree)
    assert PACKAGING / "planner_entry.py" in paths
    assert ICONS / "planner.ico" in paths
    missing = [str(path.relative_to(ROOT)) for path in paths if not path.exists()]
    assert missing == []


def test_the_spec_takes_the_version_and_name_from_the_package_metadata() -> None:
    tree = ast.parse(SPEC.read_text(), str(SPEC))
    constants = {node.targets[0].id: node.value for node in ast.walk(tree)
                 if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    assert ast.literal_eval(constants["DISTRIBUTION"]) == _pyproject()["project"]["name"]
    assert ast.unparse(constants["VERSION"]) == "metadata.version(DISTRIBUTION)"


def _spec_filter() -> dict:
    """The spec's _dropped() with the lists it reads, run outside PyInstaller."""
    tree = ast.parse(SPEC.read_text(), str(SPEC))
    wanted = {"QT_PLUGINS_DROPPED", "QT_LIBRARIES_DROPPED", "SYSTEM_LIBRARIES_DROPPED",
              "_dropped"}
    body = [node for node in tree.body
            if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id in wanted)
            or (isinstance(node, ast.FunctionDef) and node.name in wanted)]
    assert len(body) == len(wanted)
    namespace: dict = {"re": re}
    exec(compile(ast.Module(body=body, type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace


@pytest.mark.parametrize("destination", [
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/plugins/imageformats/qwebp.dll",  # Windows wheels have no Qt/ folder
    "PySide6/Qt/lib/libQt6Quick.so.6", "libQt6QmlModels.so.6", "PySide6/Qt6Network.dll",
    "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",  # macOS
    "PySide6/Qt/translations/qtbase_de.qm", "PySide6/translations/qt_fr.qm",
    "libgtk-3.so.0", "libcairo-gobject.so.2",
])
def test_the_spec_drops_qt_parts_the_app_never_loads(destination: str) -> None:
    assert _spec_filter()["_dropped"](destination)


@pytest.mark.parametrize("destination", [
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/plugins/imageformats/qico.dll",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/lib/libQt6Charts.so.6", "libQt6Svg.so.6", "libQt6Widgets.so.6",
    "libQt6XcbQpa.so.6", "libQt6WaylandClient.so.6", "libQt6DBus.so.6", "Qt6Gui.dll",
    "libharfbuzz.so.0", "libfontconfig.so.1",
    "resources/icons/planner.svg", "pulp/solverdir/cbc/linux/i64/cbc",
])
def test_the_spec_keeps_what_the_app_needs(destination: str) -> None:
    assert not _spec_filter()["_dropped"](destination)


def _build_script_inputs() -> set[str]:
    text = BUILD_SCRIPT.read_text()
    named = set(re.findall(r'"\$ROOT/([^"$*]+)"', text))
    return {path for path in named if path.startswith(SOURCE_FOLDERS)}


def test_every_input_the_build_script_names_exists() -> None:
    inputs = _build_script_inputs()
    assert {"packaging/planner.spec", "packaging/smoke_test.py",
            "packaging/fleet-transition-planner.desktop"} <= inputs
    assert [path for path in sorted(inputs) if not (ROOT / path).exists()] == []


def test_the_build_script_is_valid_bash() -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    for script in (BUILD_SCRIPT, INSTALL_SCRIPT):
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_the_bundle_holds_every_file_the_desktop_installer_copies() -> None:
    copied = {destination or Path(source).name
              for source, destination in re.findall(
                  r'cp "\$ROOT/([^"]+)" "\$ROOT/dist/planner/([^"]*)"',
                  BUILD_SCRIPT.read_text())}
    used = set(re.findall(r'"\$HERE/([\w.-]+)"', INSTALL_SCRIPT.read_text())) - {"planner"}
    assert "install-desktop-entry.sh" in copied
    assert used and used <= copied


def test_the_build_output_is_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "build/" in ignored and "dist/" in ignored


# --- the desktop entry ---------------------------------------------------------------

def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text())
    assert parser.sections()[0] == "Desktop Entry"
    return parser["Desktop Entry"]


def test_the_desktop_file_has_the_keys_a_menu_needs() -> None:
    entry = _desktop_entry(DESKTOP_FILE)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Fleet Transition Planner"
    assert entry["Exec"].split()[:2] == ["planner", "gui"] and "%f" in entry["Exec"]
    assert entry["Terminal"] == "false"
    # The icon is looked up by name in the icon theme, where the installer puts it.
    assert entry["Icon"] == "fleet-transition-planner"
    assert f'apps/{entry["Icon"]}.svg' in INSTALL_SCRIPT.read_text()
    # GNOME matches the window (WM_CLASS class = the app's name) to this entry.
    assert entry["StartupWMClass"] == "Planner"
    assert 'APPLICATION = "Planner"' in (ROOT / "planner" / "gui" / "app.py").read_text()


def _validate(path: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (apt install desktop-file-utils)")
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True,
                            text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    _validate(DESKTOP_FILE)


def _fake_bundle(folder: Path) -> Path:
    """A bundle folder as build.sh leaves it, with a stand-in planner executable."""
    bundle = folder / "Fleet planner"  # a space, as in a user's folder name
    bundle.mkdir()
    shutil.copy(INSTALL_SCRIPT, bundle)
    shutil.copy(DESKTOP_FILE, bundle)
    shutil.copy(ICONS / "planner.svg", bundle / "fleet-transition-planner.svg")
    shutil.copy(ICONS / "planner-256.png", bundle / "fleet-transition-planner.png")
    executable = bundle / "planner"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    return bundle


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_desktop_installer_points_the_menu_at_this_bundle_and_removes_it(
        tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path)
    data = tmp_path / "share"
    environment = {**os.environ, "XDG_DATA_HOME": str(data)}
    script = str(bundle / INSTALL_SCRIPT.name)
    subprocess.run(["bash", script], check=True, capture_output=True, env=environment)
    installed = data / "applications" / "fleet-transition-planner.desktop"
    assert _desktop_entry(installed)["Exec"] == f'"{bundle}/planner" gui %f'
    svg = data / "icons" / "hicolor" / "scalable" / "apps" / "fleet-transition-planner.svg"
    png = data / "icons" / "hicolor" / "256x256" / "apps" / "fleet-transition-planner.png"
    assert svg.read_bytes() == (ICONS / "planner.svg").read_bytes()
    assert _png_size(png.read_bytes()) == (256, 256)
    if shutil.which("desktop-file-validate"):
        _validate(installed)
    subprocess.run(["bash", script, "--remove"], check=True, capture_output=True,
                   env=environment)
    assert not installed.exists() and not svg.exists() and not png.exists()


# --- icons ---------------------------------------------------------------------------

def test_every_png_icon_size_is_there_and_square() -> None:
    sizes = _module(PACKAGING / "make_icons.py").SIZES
    assert {16, 32, 48, 256} <= set(sizes)
    for size in sizes:
        assert _png_size((ICONS / f"planner-{size}.png").read_bytes()) == (size, size)


def test_the_windows_icon_holds_every_size_up_to_256() -> None:
    wanted = _module(PACKAGING / "make_icons.py").ICO_SIZES
    data = (ICONS / "planner.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(wanted))
    sizes = []
    for index in range(count):
        width, height, _colours, _reserved, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        image = data[offset:offset + length]
        assert len(image) == length
        assert _png_size(image) == (width or 256, height or 256)
        sizes.append(width or 256)
    assert sorted(sizes) == sorted(wanted)


def test_the_svg_icon_is_square_and_is_the_one_the_window_uses() -> None:
    root = ElementTree.parse(ICONS / "planner.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = map(float, root.attrib["viewBox"].split())
    assert width == height
    assert resource("icons/planner.svg") == ICONS / "planner.svg"
    assert 'resource("icons/planner.svg")' in (ROOT / "planner" / "gui" / "app.py").read_text()


def test_the_png_icon_encoder_writes_what_windows_reads() -> None:
    make_icons = _module(PACKAGING / "make_icons.py")
    pngs = {size: (ICONS / f"planner-{size}.png").read_bytes() for size in (16, 256)}
    data = make_icons.ico_bytes(pngs)
    assert struct.unpack("<HHH", data[:6]) == (0, 1, 2)
    # 256 px is written as 0 in the one-byte width and height fields.
    assert struct.unpack("<BB", data[6 + 16:8 + 16]) == (0, 0)


# --- the version ---------------------------------------------------------------------

def test_the_version_is_set_in_pyproject_only() -> None:
    version = _pyproject()["project"]["version"]
    assert metadata.version("fleet-transition-planner") == version, \
        "the installed metadata is stale: pip install -e . again"
    assert __version__ == version
    # Nowhere else is the number written down (a bump in pyproject.toml is enough).
    literal = re.compile(rf"""["']v?{re.escape(version)}["']""")
    sources = [*(ROOT / "planner").rglob("*.py"), *PACKAGING.iterdir()]
    offenders = [str(path.relative_to(ROOT)) for path in sources
                 if path.is_file() and literal.search(path.read_text(errors="replace"))]
    assert offenders == []


# --- the smoke test's own logic ------------------------------------------------------

def test_the_smoke_test_tells_a_solver_worker_from_the_helpers() -> None:
    smoke = _module(PACKAGING / "smoke_test.py")
    app = "/opt/planner/planner"
    forkserver = f"{app} -B -S -I -c from multiprocessing.forkserver import main; main(10)"
    tracker = f"{app} -B -S -I -c from multiprocessing.resource_tracker import main;main(7)"
    watch = smoke.ProcessWatch(100)
    watch.seen = {101: (100, tracker), 102: (100, forkserver), 103: (102, forkserver),
                  104: (103, "/opt/planner/_internal/pulp/solverdir/cbc/linux/i64/cbc x")}
    assert watch.workers() == [103]  # the forkserver's child, not the server or tracker
    watch.seen = {101: (100, tracker), 102: (100, forkserver)}
    assert watch.workers() == []  # started, but nothing solved in a worker
    watch.seen = {105: (100, f"{app} --multiprocessing-fork tracker_fd=5 pipe_handle=7")}
    assert watch.workers() == [105]  # spawn (macOS, Windows)
