#!/usr/bin/env bash
# Reruns every benchmark behind docs/performance.md; each writes its raw results (date,
# commit, machine, library versions, load) to benchmarks/results/*.json.
#   bash benchmarks/run_all.sh           # the sizes of docs/performance.md (an hour or more)
#   QUICK=1 bash benchmarks/run_all.sh   # small sizes, a few minutes (say so when quoting)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
if [ -n "${QUICK:-}" ]; then
  "$PY" benchmarks/bench_sample.py --repeat 1
  "$PY" benchmarks/bench_solve.py --sizes 20 100 --time-limit 60
  "$PY" benchmarks/bench_cases.py --vessels 10 --years 8
  "$PY" benchmarks/bench_workbook.py --repeat 1 --vessels 200 --validate-sizes 200 \
    --fuel-rows 5000 --open-vessels 200 --paste-rows 100 --plan-vessels 50
  "$PY" benchmarks/bench_report.py --sizes 20 --repeat 1
  "$PY" benchmarks/bench_robust.py growth --vessels 10 --futures 5 10
  "$PY" benchmarks/bench_regimes.py --sizes 20 --time-limit 60
else
  "$PY" benchmarks/bench_sample.py --repeat 3
  "$PY" benchmarks/bench_solve.py
  "$PY" benchmarks/bench_cases.py
  "$PY" benchmarks/bench_workbook.py
  "$PY" benchmarks/bench_report.py --repeat 3
  "$PY" benchmarks/bench_robust.py sample
  "$PY" benchmarks/bench_robust.py large --dask
  "$PY" benchmarks/bench_robust.py growth
  "$PY" benchmarks/bench_regimes.py
  "$PY" benchmarks/bench_regime_bound.py
fi
"$PY" benchmarks/tables.py   # the tables of docs/performance.md, from the files
