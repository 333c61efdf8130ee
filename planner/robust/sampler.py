"""Monte Carlo futures from the Uncertainty sheet: seeded Latin hypercube samples written as
ordinary Cases rows and a Futures sheet (robust.md "Sampling").

Each group of Uncertainty rows (rows with the same group, or a row of its own) is one
dimension of a Latin hypercube: over N samples every dimension has exactly one quantile
in each stratum ((i + U) / N, strata in random order). The rows of a group take the same
quantile (comonotone); different dimensions are independent. A row's multiplier is its
marginal's inverse distribution function at that quantile, clipped where the row says.
The same workbook, N, seed and program version give the same rows.
"""

from __future__ import annotations

import math
import re
from statistics import NormalDist

import numpy as np
import pandas as pd

from planner.convert import is_blank
from planner.errors import Issue, PlannerError, WorkbookError
from planner.robust_inputs.uncertainty import (
    LOGNORMAL,
    NORMAL,
    TRIANGULAR,
    UNIFORM,
    UncertainRow,
    read_uncertainty,
)
from planner.scenario import Scenario, make_table
from planner.schema import CASES, FUTURES, UNCERTAINTY, normalize

DEFAULT_PREFIX = "MC"
# Quantiles are kept this far inside (0, 1): the normal's inverse is infinite at the ends.
EDGE = 1e-12
_STANDARD = NormalDist()


def multiplier(row: UncertainRow, quantile: float) -> float:
    """The row's multiplier at a quantile of its marginal (clip included)."""
    q = min(max(quantile, EDGE), 1.0 - EDGE)
    if row.distribution == UNIFORM:
        return float(row.low) + q * (float(row.high) - float(row.low))  # type: ignore[arg-type]
    if row.distribution == TRIANGULAR:
        low, mode, high = float(row.low), float(row.mode), float(row.high)  # type: ignore
        if high == low:
            return low
        split = (mode - low) / (high - low)
        if q < split:
            return low + math.sqrt(q * (high - low) * (mode - low))
        return high - math.sqrt((1.0 - q) * (high - low) * (high - mode))
    z = _STANDARD.inv_cdf(q)
    mean, sd = float(row.mean), float(row.sd)  # type: ignore[arg-type]
    if row.distribution == NORMAL:
        value = mean + sd * z
        floor = row.low if row.low is not None else 0.0
    elif row.distribution == LOGNORMAL:
        sigma2 = math.log(1.0 + sd * sd / (mean * mean))
        value = math.exp(math.log(mean) - sigma2 / 2.0 + math.sqrt(sigma2) * z)
        floor = row.low if row.low is not None else 0.0
    else:
        raise ValueError(f"unknown distribution {row.distribution!r}")
    value = max(value, floor)
    if row.high is not None:
        value = min(value, row.high)
    return value


def latin_hypercube(n: int, dimensions: int, rng: np.random.Generator) -> np.ndarray:
    """n x dimensions quantiles, one per stratum of 1/n in every dimension."""
    quantiles = np.empty((n, dimensions))
    for d in range(dimensions):
        quantiles[:, d] = (rng.permutation(n) + rng.random(n)) / n
    return quantiles


def sample_multipliers(rows: list[UncertainRow], n: int, seed: int) -> np.ndarray:
    """n x len(rows) multipliers: a Latin hypercube over the groups, rows of a group comonotone."""
    dimension_of: dict[str, int] = {}
    columns = []
    for index, row in enumerate(rows):
        key = f"group:{row.group}" if row.group else f"row:{index}"
        columns.append(dimension_of.setdefault(key, len(dimension_of)))
    rng = np.random.default_rng(seed)
    quantiles = latin_hypercube(n, len(dimension_of), rng)
    values = np.empty((n, len(rows)))
    for index, row in enumerate(rows):
        values[:, index] = [multiplier(row, q) for q in quantiles[:, columns[index]]]
    return values


def sample_futures(scenario: Scenario, n: int, seed: int,
                   prefix: str = DEFAULT_PREFIX) -> Scenario:
    """A copy of the scenario with N sampled cases in Cases and a Futures sheet of them.

    Raises WorkbookError when the workbook has errors or no Uncertainty rows, PlannerError
    for a bad n or prefix.
    """
    from planner.validation import validate

    if n < 1:
        raise PlannerError(f"the number of samples must be 1 or more, got {n}")
    prefix = prefix.strip()
    if not prefix:
        raise PlannerError("the prefix of the sampled case names must not be blank")
    errors = [issue for issue in validate(scenario) if issue.is_error]
    if errors:
        raise WorkbookError(errors, headline=f"The workbook has {len(errors)} error"
                            f"{'s' * (len(errors) != 1)}; nothing was sampled")
    rows = read_uncertainty(scenario).rows
    if not rows:
        raise WorkbookError([Issue(UNCERTAINTY.name, "", "the workbook has no Uncertainty "
                                   "rows: nothing to sample")],
                            headline="No Uncertainty sheet; nothing was sampled")
    values = sample_multipliers(rows, n, seed)
    width = max(3, len(str(n)))
    sheet_rows = [_sheet_row(scenario, row) for row in rows]
    new_cases = []
    names = []
    for j in range(n):
        name = f"{prefix} {j + 1:0{width}d}"
        names.append(name)
        for index, row in enumerate(rows):
            change = row.change
            new_cases.append({
                "case": name, "parameter": change.parameter.name, "item": change.item or None,
                "change": "scale", "value": float(values[j, index]),
                "from_year": change.from_year, "to_year": change.to_year,
                "description": f"sample {j + 1} of {n}, seed {seed}, Uncertainty row "
                               f"{sheet_rows[index]}"})
    result = scenario.copy()
    kept = _other_cases(result.cases, prefix)
    result.set_table(CASES.name, pd.concat(
        [kept, make_table(CASES, new_cases)], ignore_index=True) if len(kept) else
        make_table(CASES, new_cases))
    result.set_table(FUTURES.name, make_table(FUTURES, [
        {"case": name, "probability": 1.0 / n} for name in names]))
    result.present_sheets.update({CASES.name, FUTURES.name})
    for sheet in (CASES.name, FUTURES.name):
        result.forget_layout(sheet)
    return result


def _sheet_row(scenario: Scenario, row: UncertainRow) -> int:
    """The worksheet row of an Uncertainty row (as the file had it, else where it is written)."""
    cell = scenario.cell(UNCERTAINTY.name, row.position, "parameter")
    return int(re.sub(r"^[A-Z]+", "", cell))


def _other_cases(table: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """The Cases rows that are not of an earlier sampling with this prefix."""
    pattern = re.compile(rf"^{re.escape(normalize(prefix))} \d+$")
    keep = [not (not is_blank(name) and pattern.match(normalize(name)))
            for name in table["case"]]
    return table[keep].reset_index(drop=True)
