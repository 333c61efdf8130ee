#!/usr/bin/env bash
# Builds the standalone one-folder bundle in dist/planner on a fresh Linux machine,
# then runs the smoke test on it. Usage: bash packaging/build.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # binutils: PyInstaller inspects shared libraries with objdump; the rest are Qt's.
  $SUDO apt-get install -y -qq --no-install-recommends binutils \
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
    libglib2.0-0 fonts-dejavu-core libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 \
    libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 \
    >/dev/null
fi

VENV="$ROOT/build/venv"
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
# A non-editable install, so that the bundle holds the package as users get it.
"$VENV/bin/python" -m pip install -q "$ROOT" "pyinstaller>=6.10,<7" 2>&1 | grep -v '^WARNING: Location' || true

rm -rf "$ROOT/dist/planner" "$ROOT/build/planner"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build" "$ROOT/packaging/planner.spec"

# Desktop integration files travel with the bundle.
cp "$ROOT/packaging/fleet-transition-planner.desktop" "$ROOT/dist/planner/"
cp "$ROOT/resources/icons/planner-256.png" "$ROOT/dist/planner/fleet-transition-planner.png"

echo "Built $(du -sh "$ROOT/dist/planner" | cut -f1) in dist/planner"
bash "$ROOT/packaging/smoke_test.sh" "$ROOT/dist/planner/planner"
