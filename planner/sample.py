"""The bundled sample: a trans-Pacific container fleet on the Shanghai/Yantian - LA/LB corridor.

``build_sample()`` builds the scenario in code, deterministically, from the EU MRV 2022
extract in ``resources/data`` and the numbers of ``planner.sample_inputs``; every number names its source in
a ``source`` column of its sheet (an unknown column, kept by the workbook) and in
docs/sample-scenario.md, which also says which numbers are illustrative.
``load_sample()`` reads the bundled workbook; ``python -m planner.sample OUT.xlsx``
writes ``build_sample()`` (this is how resources/sample-fleet.xlsx is made).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from planner import schema
from planner.convert import Percent
from planner.optimize.bau import business_as_usual
from planner.optimize.params import derive_params
from planner.paths import resource
from planner.resolve import resolve
from planner.sample_inputs.cases import CASE_COLUMNS, CASES, UNCERTAINTY, UNCERTAINTY_COLUMNS
from planner.sample_inputs.common import END_YEAR, START_YEAR, USD_PER_EUR, Row
from planner.sample_inputs.fleet import derive_classes, fleet_rows
from planner.sample_inputs.fuels import fuel_rows, series_rows
from planner.sample_inputs.targets import target_rows
from planner.sample_inputs.technologies import technology_rows
from planner.scenario import Scenario, make_table, new_scenario

SAMPLE_WORKBOOK = "sample-fleet.xlsx"

# Compliance regimes (docs/sample-scenario.md "Regimes"): the NZF on every ship from 2028,
# FuelEU and the ETS on the EU-linked share; the carrier pools its fleet under FuelEU
# (Art. 21) and moves NZF surplus units between its ships (the default).
REGIME_SETTINGS = {**dict.fromkeys(schema.REGIME_SWITCHES, "on"), "fueleu_pooling": "fleet"}
YARD_CAPACITY_PER_YEAR = 4
MIP_GAP = 0.001
# With its regimes the sample takes 30-50 s to 0.1% on two idle cores (docs/performance.md);
# the default minute is not enough on a busy machine.
TIME_LIMIT_S = 180.0
# Robust planning (robust.md): the retrofits of the next docking rounds are signed now.
COMMIT_UNTIL_YEAR = 2030


def baseline_emissions(scenario: Scenario) -> dict[int, float]:
    """Business as usual's tCO2e of each year by the caps' scope (optimize.bau): every
    vessel in service on its baseline fuel. The sample's caps are set against it."""
    return business_as_usual(derive_params(resolve(scenario))).emissions_by_year


def regimes_switched(scenario: Scenario, state: str) -> Scenario:
    """A copy with every regime switched ``state`` ("on" or "off"), the rest as it was."""
    switched = scenario.copy()
    for name in schema.REGIME_SWITCHES:
        switched.set_setting(name, state)
    return switched


def without_regimes(scenario: Scenario) -> Scenario:
    """A copy with every regime switched off: the plain model of model.md."""
    return regimes_switched(scenario, "off")


def build_sample() -> Scenario:
    """The corridor sample scenario, built in code from the MRV extract and the numbers above."""
    scenario = new_scenario(START_YEAR, END_YEAR)
    scenario.set_setting("discount_rate", Percent(0.08))
    scenario.set_setting("currency", "USD")
    scenario.set_setting("emission_scope", "wtw")
    scenario.set_setting("yard_capacity_per_year", YARD_CAPACITY_PER_YEAR)
    scenario.set_setting("mip_gap", Percent(MIP_GAP))
    scenario.set_setting("time_limit_s", TIME_LIMIT_S)
    for name, value in REGIME_SETTINGS.items():
        scenario.set_setting(name, value)
    scenario.set_setting("currency_per_eur", USD_PER_EUR)
    scenario.set_setting("commit_until_year", COMMIT_UNTIL_YEAR)
    classes = derive_classes()
    tables: dict[schema.Sheet, list[Row]] = {
        schema.FLEET: fleet_rows(classes),
        schema.FUELS: fuel_rows(),
        schema.FUEL_PRICES: series_rows(prices=True),
        schema.FUEL_SUPPLY: series_rows(prices=False),
        schema.TECHNOLOGIES: technology_rows(classes[-1].engine_kw),
        schema.CASES: [dict(zip(CASE_COLUMNS, case, strict=True)) for case in CASES],
        schema.UNCERTAINTY: [dict(zip(UNCERTAINTY_COLUMNS, row, strict=True))
                             for row in UNCERTAINTY],
    }
    for sheet, rows in tables.items():
        scenario.set_table(sheet.name, make_table(sheet, rows))
    scenario.set_table(schema.TARGETS.name,
                       make_table(schema.TARGETS, target_rows(baseline_emissions(scenario))))
    scenario.present_sheets = {sheet.name for sheet in schema.INPUT_SHEETS
                               if sheet is not schema.FUTURES}
    return scenario


def load_sample() -> Scenario:
    """The bundled sample workbook (resources/sample-fleet.xlsx), read like any workbook."""
    from planner.workbook.reader import load_scenario

    return load_scenario(str(resource(SAMPLE_WORKBOOK)))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m planner.sample OUT.xlsx``: write build_sample() to OUT.xlsx."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m planner.sample OUT.xlsx", file=sys.stderr)
        return 2
    from planner.errors import PlannerError
    from planner.exit_codes import ExitCode
    from planner.workbook.writer import save_scenario

    try:
        save_scenario(build_sample(), args[0])
    except PlannerError as error:
        print(f"planner.sample: {error}", file=sys.stderr)
        return ExitCode.INPUT
    print(f"Wrote the sample corridor fleet to {args[0]}")
    return ExitCode.OK


if __name__ == "__main__":
    sys.exit(main())
