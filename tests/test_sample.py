"""The bundled corridor sample: built from the MRV extract, valid, round-trips, solves."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planner.paths import resource
from planner.resolve import resolve
from planner.sample import SAMPLE_WORKBOOK, build_sample, main
from planner.sample_inputs.cases import CASES
from planner.sample_inputs.fleet import HOURS_AT_SEA_PER_YEAR, MRV_EXTRACT, NEWBUILDS, SIZE_CLASSES
from planner.sample_inputs.targets import IMO_REDUCTION
from planner.schema import normalize

# The shared folder lies beside the checkout (CI lays a copy of it there, too).
SHARED_EXTRACT = (Path(__file__).resolve().parents[2] / "shared" / "data"
                  / "eu_mrv_2022_container_sample.csv")


@pytest.fixture(scope="module")
def sample():
    return build_sample()


@pytest.fixture(scope="module")
def data(sample):
    return resolve(sample)


@pytest.fixture(scope="module")
def mrv_rows() -> dict[str, dict[str, str]]:
    with resource(MRV_EXTRACT).open(newline="", encoding="utf-8") as handle:
        return {str(int(float(row["imo"]))): row for row in csv.DictReader(handle)}


def test_bundled_extract_is_the_shared_one():
    assert SHARED_EXTRACT.is_file(), f"the shared data folder is not at {SHARED_EXTRACT}"
    assert resource(MRV_EXTRACT).read_bytes() == SHARED_EXTRACT.read_bytes()


def test_fleet_is_twenty_real_mrv_ships_and_two_newbuilds_in_four_classes(sample, data,
                                                                          mrv_rows):
    assert len(data.vessels) == 20
    newbuild_ids = {vessel_id for vessel_id, _name, _year in NEWBUILDS}
    real = [v for v in data.vessels if v.vessel_id not in newbuild_ids]
    assert len(real) == 18
    for vessel in real:
        assert vessel.vessel_id in mrv_rows, vessel.vessel_id
        assert vessel.name == mrv_rows[vessel.vessel_id]["name"]
    classes = {}
    for row in sample.fleet.to_dict("records"):
        classes.setdefault(row["size_class"], []).append(row["vessel_id"])
    assert len(classes) == 4
    assert sorted(len(ids) for ids in classes.values()) == [2, 6, 6, 6]
    # Within a class every ship has the class's engine; classes differ.
    powers = {name: {v.main_engine_kw for v in data.vessels if v.vessel_id in ids}
              for name, ids in classes.items()}
    assert all(len(kw) == 1 for kw in powers.values())
    assert len({next(iter(kw)) for kw in powers.values()}) == 3  # newbuilds as class C


def test_each_class_takes_the_ships_with_most_hours_at_sea(sample, mrv_rows):
    chosen = {}
    for row in sample.fleet.to_dict("records"):
        chosen.setdefault(row["size_class"], set()).add(row["vessel_id"])
    for size in SIZE_CLASSES:
        band = [imo for imo, row in mrv_rows.items()
                if size.min_kg_per_nm <= float(row["fuel_kg_per_nm"]) < size.max_kg_per_nm]
        band.sort(key=lambda imo: -float(mrv_rows[imo]["time_at_sea_h"]))
        assert chosen[size.name] == set(band[:size.ships])
        assert len(band) >= size.ships


def test_annual_fuel_is_mrv_fuel_scaled_to_a_full_year_at_sea(data, mrv_rows):
    for vessel in data.vessels:
        row = mrv_rows.get(vessel.vessel_id)
        if row is None:
            continue
        expected = float(row["total_fuel_t"]) * HOURS_AT_SEA_PER_YEAR / float(
            row["time_at_sea_h"])
        assert vessel.annual_fuel_t == pytest.approx(expected, abs=0.5)
    # The recipe of the reference (6.2): roughly 14,000-28,000 t VLSFO per ship-year;
    # the scaled MRV rates land at 13.4-29.9 kt.
    assert all(13_000 <= v.annual_fuel_t <= 30_000 for v in data.vessels)
    assert 18_000 <= sum(v.annual_fuel_t for v in data.vessels) / len(data.vessels) <= 24_000


def test_build_years_agree_with_the_mrv_eedi_or_eiv(data, mrv_rows):
    for vessel in data.vessels:
        row = mrv_rows.get(vessel.vessel_id)
        if row is None:
            assert vessel.build_year > data.settings.start_year  # a newbuild
            continue
        eedi = row["technical_efficiency"].startswith("EEDI")
        assert (vessel.build_year >= 2013) == eedi, vessel.name
        assert vessel.retire_year == vessel.build_year + 25
        assert vessel.dock_year(vessel.next_drydock_year)
        assert (vessel.next_drydock_year - vessel.build_year) % 5 == 0


def test_newbuilds_are_methanol_dual_fuel_and_cannot_be_converted(data):
    newbuilds = [v for v in data.vessels if v.build_year > data.settings.start_year]
    assert len(newbuilds) == 2
    conversions = [t for t in data.technologies if t.is_conversion]
    assert {t.key for t in conversions} == {"methanol dual-fuel conversion",
                                            "lng dual-fuel conversion",
                                            "ammonia dual-fuel conversion"}
    for vessel in newbuilds:
        assert vessel.families == {"oil", "methanol"}
        assert vessel.baseline_fuel == "vlsfo"
        assert not any(t.fits(vessel) for t in conversions)
    assert all(t.fits(v) for t in conversions for v in data.vessels if v not in newbuilds)


def test_fossil_factors_reproduce_the_reference_figures(data):
    # TtW / WtW as published in the reference (section 2, GWP 25/298).
    published = {
        "vlsfo": (78.24, 91.74),  # HFO row
        "mgo": (76.37, 90.77),
        "lng": (57.58, 76.08),  # Diesel dual-fuel slow speed, slip 0.2%
        "grey methanol": (71.85, 103.15),  # with the TBM defaults 0.00005/0.00018
        "grey ammonia": (2.88, 123.88),  # N2O 0.00018
    }
    for key, (ttw, wtw) in published.items():
        fuel = data.fuel(key)
        assert fuel.ttw_gco2e_per_mj == pytest.approx(ttw, abs=0.01), key
        assert fuel.wtt_gco2e_per_mj + fuel.ttw_gco2e_per_mj == pytest.approx(wtw, abs=0.01)


def test_renewable_fuels_keep_the_fueleu_well_to_wake_and_zero_rate_their_co2(data):
    # FuelEU: WtT = E - Cf/LCV, TtW includes Cf/LCV; the sample moves Cf/LCV into WtT so
    # that the carbon price (on ttw) zero-rates biogenic and captured CO2.
    examples = {"bio-methanol": (-58.35, 1.375, 0.0199), "e-methanol": (-67.1, 1.375, 0.0199),
                "bio-lng": (-38.9, 2.750, 0.05), "fame (b100)": (-26.1, 2.834, 0.0372),
                "hvo": (-20.7, 3.115, 0.044), "e-ammonia": (0.0, 0.0, 0.0186)}
    for key, (default_wtt, cf_co2, lcv) in examples.items():
        fuel = data.fuel(key)
        assert fuel.ttw_gco2e_per_mj < 3.0, key
        assert fuel.wtt_gco2e_per_mj == pytest.approx(default_wtt + cf_co2 / lcv, abs=1e-3)
    wtw = {f.key: f.wtt_gco2e_per_mj + f.ttw_gco2e_per_mj for f in data.fuels}
    assert wtw["e-ammonia"] < wtw["e-methanol"] < wtw["bio-methanol"] < wtw["bio-lng"]
    assert wtw["bio-lng"] < wtw["hvo"] < wtw["lng"] < wtw["vlsfo"] < wtw["grey methanol"]


def test_blend_limits_supplies_and_availability(data):
    fame = data.fuel("fame (b100)")
    assert fame.max_blend_share == pytest.approx(0.3)
    assert data.fuel("e-ammonia").available_from == 2030
    for key in ("fame (b100)", "hvo", "bio-lng", "bio-methanol", "e-methanol", "e-ammonia"):
        assert all(value is not None for value in data.supply[key].values()), key
    for key in ("vlsfo", "mgo", "lng", "grey methanol", "grey ammonia"):
        assert all(value is None for value in data.supply[key].values()), key
    assert data.price["e-methanol"][2035] == pytest.approx(1_000.0)
    assert data.price["e-methanol"][2050] < data.price["e-methanol"][2026]


def test_caps_follow_the_imo_checkpoints_against_the_fleets_own_baseline(data):
    def baseline(year: int) -> float:
        return sum(v.annual_fuel_t * data.fuel(v.baseline_fuel).lcv_mj_per_kg
                   * (data.fuel(v.baseline_fuel).wtt_gco2e_per_mj
                      + data.fuel(v.baseline_fuel).ttw_gco2e_per_mj) / 1000.0
                   for v in data.vessels if v.active(year))

    assert all(data.cap[year] is None for year in range(2026, 2030))
    for year, reduction in IMO_REDUCTION.items():
        assert data.cap[year] == pytest.approx((1 - reduction) * baseline(year), abs=1.0)
    assert data.cap[2035] == pytest.approx(0.55 * baseline(2035), abs=1.0)
    # Hard caps to 2039, then soft at the NZF tier-2 remedial unit price.
    assert all(data.penalty[year] is None for year in range(2026, 2040))
    assert all(data.penalty[year] == 380.0 for year in range(2040, 2051))
    prices = [data.carbon_price[year] for year in data.years]
    assert prices == sorted(prices) and 80 <= prices[0] <= 90


def test_build_sample_is_deterministic(sample):
    assert build_sample().fingerprint(include_cases=True) == sample.fingerprint(
        include_cases=True)


def test_sample_validates_without_errors(sample):
    from planner.validation import validate

    assert [str(issue) for issue in validate(sample) if issue.is_error] == []


def test_every_case_applies_and_changes_what_it_says(sample):
    from planner.cases.sheet import apply_case

    base = resolve(sample)
    assert {normalize(name) for name, *_rest in CASES} == {
        normalize(name) for name in sample.cases["case"]}
    doubled = resolve(apply_case(sample, "EU ETS price doubled"))
    assert doubled.carbon_price[2030] == pytest.approx(2 * base.carbon_price[2030])
    cheap = resolve(apply_case(sample, "Cheap e-methanol from 2035"))
    assert cheap.price["e-methanol"][2034] == pytest.approx(base.price["e-methanol"][2034])
    assert cheap.price["e-methanol"][2035] == pytest.approx(0.7 * base.price["e-methanol"][2035])
    yard = resolve(apply_case(sample, "Yard takes two retrofits a year"))
    assert yard.settings.yard_capacity_per_year == 2
    late = resolve(apply_case(sample, "Second newbuild two years late"))
    assert [v.build_year for v in late.vessels if v.vessel_id == "NB-2028"] == [2030]
    tight = resolve(apply_case(sample, "IMO caps 10% tighter"))
    assert tight.cap[2040] == pytest.approx(0.9 * base.cap[2040])


def test_bundled_workbook_equals_build_sample(sample):
    from planner.sample import load_sample

    loaded = load_sample()
    assert loaded.fingerprint(include_cases=True) == sample.fingerprint(include_cases=True)
    # The source notes (an unknown column) travel with the rows.
    assert list(loaded.fleet["source"]) == list(sample.fleet["source"])
    assert resource(SAMPLE_WORKBOOK).is_file()


def test_module_command_writes_the_sample(tmp_path, capsys):
    from planner.workbook.reader import load_scenario

    out = tmp_path / "corridor.xlsx"
    assert main([str(out)]) == 0
    assert "corridor" in capsys.readouterr().out
    assert load_scenario(str(out)).fingerprint(include_cases=True) == build_sample(
    ).fingerprint(include_cases=True)
    assert main([]) == 2


@pytest.fixture(scope="module")
def plain_plan(sample):
    """The sample with its regime switches off: the plain model of model.md."""
    from planner import solve
    from planner.sample import without_regimes

    return solve(without_regimes(sample), mip_gap=0.001, time_limit=60)  # its timing: bench_sample.py


@pytest.fixture(scope="module")
def bundled_plan(sample):
    """The sample as it ships: every regime on, FuelEU pooled over the fleet."""
    from planner import solve

    return solve(sample, mip_gap=0.001, time_limit=300)  # its timing: bench_regimes.py


def _assert_the_corridor_plan(plan) -> None:
    """Conversions, fuel switches and the caps: what either plan of the sample must show."""
    from planner.plan import Status

    assert plan.status is Status.OPTIMAL, plan
    assert plan.gap is None or plan.gap <= 0.001 + 1e-9
    retrofits = plan.retrofits
    conversions = retrofits[retrofits["technology"].str.contains("conversion")]
    assert len(conversions) >= 2
    fuels = set(plan.fuel_use.loc[plan.fuel_use["energy_gj"] > 1.0, "fuel"])
    assert {"VLSFO", "FAME (B100)"} <= fuels
    assert len(fuels & {"Bio-methanol", "e-Methanol", "e-Ammonia", "Bio-LNG"}) >= 2
    # The hard caps of 2030-2039 are met: the sample is feasible as it stands.
    annual = plan.annual.set_index("year")
    for year in range(2030, 2040):
        assert annual.at[year, "emissions_tco2e"] <= annual.at[year, "cap_tco2e"] * (1 + 1e-6)
    assert annual["penalty"].sum() > 0  # net zero in 2050 is soft and not fully met


def test_the_bundled_sample_has_its_regimes_on(sample):
    settings = {name: sample.setting(name) for name in ("fueleu", "ets", "nzf", "fueleu_pooling",
                                                         "nzf_surplus_units")}
    assert settings == {"fueleu": "on", "ets": "on", "nzf": "on", "fueleu_pooling": "fleet",
                        "nzf_surplus_units": "fleet"}


def test_sample_without_its_regimes_solves_to_optimal_with_conversions_and_fuel_switches(
        plain_plan):
    _assert_the_corridor_plan(plain_plan)
    assert not plain_plan.has_regimes


@pytest.mark.slow
def test_bundled_sample_prices_the_nzf_fueleu_and_ets_and_still_converts(plain_plan,
                                                                         bundled_plan):
    _assert_the_corridor_plan(bundled_plan)
    assert bundled_plan.has_regimes
    annual = bundled_plan.annual.set_index("year")
    # The NZF is in force from 2028: remedial units before it are none, after it the
    # fleet's older ships buy Tier 1 units and the converted ones earn surplus units that
    # the fleet uses against Tier 2 deficits.
    assert (annual.loc[:2027, ["nzf_tier1_units", "nzf_tier2_units"]] == 0).all().all()
    assert annual.loc[2028:, "nzf_tier1"].sum() > 0
    assert annual["nzf_surplus_earned"].sum() > 0
    assert annual["nzf_surplus_used"].sum() <= annual["nzf_surplus_earned"].sum() + 1e-6
    # FuelEU and the ETS see only the EU share (5-7.5% of the energy): the ETS charges
    # tank-to-wake emissions of that share every year, at most 7.5% of the well-to-wake
    # total, and the pool's balance is written every year.
    assert (annual["ets_tco2e"] > 0).all()
    assert (annual["ets_tco2e"] <= 0.075 * annual["emissions_tco2e"] * (1 + 1e-6)).all()
    assert annual["fueleu_balance_tco2e"].notna().all()
    assert bundled_plan.objective_literal is not None
    # Every regime line is a cost added to the plain model's (the ETS share is at least
    # the plain ets_share): the bundled optimum cannot lie below the plain bound.
    assert bundled_plan.objective >= plain_plan.best_bound
