#!/usr/bin/env bash
# Adds the Fleet Transition Planner to the desktop's application menu for this user:
# the .desktop file (pointing at this folder's planner) and the icon under ~/.local/share.
# Run it from the unpacked bundle: ./install-desktop-entry.sh   (--remove to undo)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
ENTRY="$DATA/applications/fleet-transition-planner.desktop"
ICON_SVG="$DATA/icons/hicolor/scalable/apps/fleet-transition-planner.svg"
ICON_PNG="$DATA/icons/hicolor/256x256/apps/fleet-transition-planner.png"

if [ "${1:-}" = "--remove" ]; then
  rm -f "$ENTRY" "$ICON_SVG" "$ICON_PNG"
  echo "Removed the menu entry and the icon."
else
  if [ ! -x "$HERE/planner" ]; then
    echo "install-desktop-entry.sh: no planner executable next to this script" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$ENTRY")" "$(dirname "$ICON_SVG")" "$(dirname "$ICON_PNG")"
  cp "$HERE/fleet-transition-planner.svg" "$ICON_SVG"
  cp "$HERE/fleet-transition-planner.png" "$ICON_PNG"
  # Exec must name this copy of the planner: the bundle is not on PATH.
  sed "s|^Exec=planner |Exec=\"$HERE/planner\" |" "$HERE/fleet-transition-planner.desktop" \
    > "$ENTRY"
  chmod 644 "$ENTRY"
  echo "Added Fleet Transition Planner to the application menu ($ENTRY)."
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
# Refresh an icon cache only where there is one already (a new one would have to be kept
# up to date by every other program that installs icons here); otherwise a newer folder
# time makes the desktop look again.
if [ -f "$DATA/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
  gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
elif [ -d "$DATA/icons/hicolor" ]; then
  touch "$DATA/icons/hicolor"
fi
