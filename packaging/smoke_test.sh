#!/usr/bin/env bash
# Runs a built bundle headless: --version, solve on the sample with both solvers, and
# the GUI offscreen for a few seconds. Usage: bash packaging/smoke_test.sh dist/planner/planner
set -euo pipefail
APP="${1:-dist/planner/planner}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen

echo "== version";   "$APP" --version
echo "== example";   "$APP" example "$WORK/sample.xlsx"
echo "== validate";  "$APP" validate "$WORK/sample.xlsx"
for solver in highs cbc; do
  echo "== solve --solver $solver"
  "$APP" solve "$WORK/sample.xlsx" --solver "$solver" --json > "$WORK/$solver.json"
  python3 - "$WORK/$solver.json" "$solver" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
assert result["status"] in ("optimal", "feasible"), result["status"]
assert result["solver"].lower().startswith(sys.argv[2]), result["solver"]
print(f"   {result['status']}, NPV {result['objective']:,.0f}, {len(result['retrofits'])} retrofits,"
      f" {result['solve_seconds']:.1f} s")
PY
done
echo "== gui (offscreen, 8 s)"
set +e
timeout 8 "$APP" gui "$WORK/sample.xlsx" > "$WORK/gui.log" 2>&1
code=$?
set -e
if [ "$code" != 124 ] || grep -q "Traceback" "$WORK/gui.log"; then
  echo "the app did not stay open (exit $code):"; cat "$WORK/gui.log"; exit 1
fi
echo "   stayed open without error"
echo "smoke test passed"
