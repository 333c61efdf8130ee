#!/usr/bin/env bash
# Builds the standalone one-folder bundle dist/planner on a fresh Linux (or macOS) machine
# and runs the smoke test on it. Safe to run again: it reuses build/venv and rebuilds
# dist/planner from scratch. Usage: bash packaging/build.sh   (PYTHON=python3.11 to choose)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
started=$SECONDS

# --- system packages (Debian/Ubuntu): only those missing, so a second run needs no network
# binutils: PyInstaller reads shared libraries with objdump; python3-venv: the build venv;
# the libraries the Qt platform plugins load (xcb, offscreen); xvfb/xauth: the smoke test
# opens the app on a virtual X display as well as offscreen.
APT_PACKAGES=(binutils python3-venv libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0
  libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 fonts-dejavu-core libxcb-icccm4
  libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libwayland-client0 libwayland-cursor0
  libwayland-egl1 xvfb xauth)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null || { echo "build.sh: run as root or install sudo to add: ${missing[*]}" >&2; exit 1; }
      SUDO="sudo"
    fi
    echo "== apt-get install ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "build.sh: needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2; exit 1; }

# --- build venv: the planner installed as users get it (not editable) plus PyInstaller
VENV="$ROOT/build/venv"
if [ ! -x "$VENV/bin/python" ]; then
  echo "== venv $VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
# setuptools builds the wheel through build/lib; a stale copy would bring back deleted modules.
rm -rf "$ROOT/build/lib" "$ROOT"/build/bdist.*
echo "== pip install the planner and PyInstaller"
extra=()
if [ "$(uname)" = Darwin ]; then extra+=("pillow"); fi  # PNG -> .icns for the .app
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  "$ROOT" "pyinstaller>=6.10,<7" ${extra[@]+"${extra[@]}"}
# The same version number would let pip keep an older build of the planner: reinstall it.
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
  --force-reinstall "$ROOT"
rm -rf "$ROOT/build/lib" "$ROOT"/build/bdist.*

# --- the bundle
echo "== pyinstaller packaging/planner.spec"
rm -rf "$ROOT/dist/planner" "$ROOT/build/planner"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build" "$ROOT/packaging/planner.spec"

if [ "$(uname)" = Linux ]; then
  # Desktop integration files travel with the bundle (docs/install.md installs them).
  cp "$ROOT/packaging/fleet-transition-planner.desktop" "$ROOT/dist/planner/"
  cp "$ROOT/resources/icons/planner.svg" "$ROOT/dist/planner/fleet-transition-planner.svg"
  cp "$ROOT/resources/icons/planner-256.png" "$ROOT/dist/planner/fleet-transition-planner.png"
  cp "$ROOT/packaging/install-desktop-entry.sh" "$ROOT/dist/planner/"
fi

echo "== built dist/planner: $(du -sh "$ROOT/dist/planner" | cut -f1) in $((SECONDS - started)) s"
"$VENV/bin/python" "$ROOT/packaging/smoke_test.py" "$ROOT/dist/planner"

# --- the archive a planner downloads (only of a bundle that passed the smoke test)
VERSION="$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("fleet-transition-planner"))')"
case "$(uname)" in
  Linux) SYSTEM=linux ;;
  Darwin) SYSTEM=macos ;;
  *) SYSTEM="$(uname | tr '[:upper:]' '[:lower:]')" ;;
esac
ARCHIVE="$ROOT/dist/fleet-transition-planner-$VERSION-$SYSTEM-$(uname -m).tar.gz"
rm -f "$ARCHIVE"
tar -C "$ROOT/dist" -czf "$ARCHIVE" planner
echo "== $(basename "$ARCHIVE"): $(du -h "$ARCHIVE" | cut -f1)"
echo "== build.sh done in $((SECONDS - started)) s"
