"""A file to trust (issue 13): a saved plan says what inputs it belongs to, the figures of
a plan whose caps cannot be met survive save and reopen."""

from __future__ import annotations

from pathlib import Path

from hand_plans import hand_plan, hand_scenario, infeasible_plan

from planner import reports
from planner.gui import dialogs
from planner.gui.dialogs import StalePlanChoice
from planner.workbook import read_workbook
from planner.workbook.writer import save_scenario


def _summary(path: Path) -> dict[str, object]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True)["Plan Summary"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}


def _stale_window(main_window):  # noqa: ANN001, ANN202
    scenario = hand_scenario()
    plan = hand_plan(scenario)
    plan.input_fingerprint = scenario.fingerprint()
    main_window.document.load(scenario, plan, untitled_name="Hand")
    main_window.document.write_cells("Targets", [(0, "cap_tco2e", 150_000.0)])
    assert main_window.document.plan_stale
    return main_window.document


def test_the_plan_summary_says_in_words_whether_the_inputs_match(tmp_path) -> None:
    scenario = hand_scenario()
    plan = hand_plan(scenario)
    plan.input_fingerprint = scenario.fingerprint()
    save_scenario(scenario, tmp_path / "fresh.xlsx", plan)
    assert str(_summary(tmp_path / "fresh.xlsx")["inputs_match"]).startswith("Yes")
    scenario.tables["Targets"].at[0, "cap_tco2e"] = 150_000.0
    save_scenario(scenario, tmp_path / "stale.xlsx", plan)
    assert str(_summary(tmp_path / "stale.xlsx")["inputs_match"]).startswith(
        "NO, OUT OF DATE")


def test_saving_an_out_of_date_plan_asks_and_keeps_it_marked(qtbot, main_window, tmp_path,
                                                             monkeypatch) -> None:
    document = _stale_window(main_window)
    asked = []
    monkeypatch.setattr(dialogs, "ask_stale_plan",
                        lambda _parent, name: asked.append(name) or StalePlanChoice.KEEP)
    monkeypatch.setattr(dialogs, "save_workbook_path", lambda *_a: str(tmp_path / "k.xlsx"))
    with qtbot.waitSignal(main_window.files.saved, timeout=20_000):
        assert main_window.files.save()
    assert asked == ["k.xlsx"]
    assert str(_summary(tmp_path / "k.xlsx")["inputs_match"]).startswith("NO, OUT OF DATE")
    assert document.plan is not None and document.plan_stale


def test_saving_an_out_of_date_plan_can_drop_it_or_cancel(qtbot, main_window, tmp_path,
                                                          monkeypatch) -> None:
    document = _stale_window(main_window)
    monkeypatch.setattr(dialogs, "save_workbook_path", lambda *_a: str(tmp_path / "d.xlsx"))
    monkeypatch.setattr(dialogs, "ask_stale_plan", lambda *_a: StalePlanChoice.CANCEL)
    assert not main_window.files.save()
    assert not (tmp_path / "d.xlsx").exists()
    monkeypatch.setattr(dialogs, "ask_stale_plan", lambda *_a: StalePlanChoice.DROP)
    with qtbot.waitSignal(main_window.files.saved, timeout=20_000):
        assert main_window.files.save()
    assert document.plan is None
    assert read_workbook(tmp_path / "d.xlsx").plan is None


def test_solve_first_solves_then_saves_the_new_plan(qtbot, main_window, tmp_path,
                                                    monkeypatch) -> None:
    document = main_window.document
    plan = hand_plan(hand_scenario())  # another scenario's plan: out of date here
    plan.input_fingerprint = "other inputs"
    document.set_plan(plan)
    monkeypatch.setattr(dialogs, "save_workbook_path", lambda *_a: str(tmp_path / "s.xlsx"))
    monkeypatch.setattr(dialogs, "ask_stale_plan", lambda *_a: StalePlanChoice.SOLVE)
    with qtbot.waitSignal(main_window.files.saved, timeout=90_000):
        assert not main_window.files.save()  # not yet: the solve goes first
    assert not document.plan_stale
    assert str(_summary(tmp_path / "s.xlsx")["inputs_match"]).startswith("Yes")


def test_a_plan_whose_caps_cannot_be_met_keeps_its_figures(qtbot, main_window,
                                                           tmp_path) -> None:
    scenario = hand_scenario()
    plan = infeasible_plan(scenario)
    plan.input_fingerprint = scenario.fingerprint()
    before = reports.key_figures(plan)
    assert before["npv_is_elastic"] and before["npv"] is not None
    save_scenario(scenario, tmp_path / "short.xlsx", plan)
    read = read_workbook(tmp_path / "short.xlsx").plan
    after = reports.key_figures(read)
    assert after["npv_is_elastic"]
    assert after["npv"] == before["npv"]
    assert after["abatement_cost"] == before["abatement_cost"]
    main_window.document.load(read_workbook(tmp_path / "short.xlsx").scenario, read,
                              untitled_name="Short")
    cards = main_window.results_view.cards
    assert cards["npv"].value != "–" and "closest plan" in cards["npv"].note
    assert cards["abatement"].value != "–"
