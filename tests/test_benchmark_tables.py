"""benchmarks/tables.py prints every results file's table, each row as wide as its header."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_tables():  # benchmarks/ is not a package
    spec = importlib.util.spec_from_file_location("tables", ROOT / "benchmarks" / "tables.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_results_file_prints_a_table_of_even_rows(capsys: pytest.CaptureFixture) -> None:
    tables = load_tables()
    names = sorted(p.stem for p in tables.RESULTS.glob("*.json")
                   if p.stem.split("-")[0] in tables.TABLES)
    assert {"regimes", "robust-large", "robust-sample", "sample", "solve"} <= set(names)
    assert tables.main([]) == 0
    printed = capsys.readouterr().out
    for name in names:
        assert f"{name} (`benchmarks/results/{name}.json`" in printed
    blocks = [block for block in printed.split("\n\n") if block.startswith("|")]
    assert len(blocks) >= len(names)
    for block in blocks:
        rows = [line for line in block.splitlines() if line.startswith("|")]
        widths = {row.count("|") for row in rows}
        assert len(widths) == 1, rows[0]
