"""The solve runs off the GUI thread, reports progress, can be cancelled, and lands in the document."""

from __future__ import annotations

import threading
import time

import pytest
from hand_plans import FakeDocument, hand_plan, hand_scenario
from PySide6.QtWidgets import QMainWindow, QWidget

from planner.errors import Issue, SolverError, WorkbookError
from planner.gui import solve_panel
from planner.gui.solve_panel import SolveController, format_elapsed
from planner.gui.solve_worker import SolveWorker, describe_failure
from planner.plan import Plan, Status

STOP_POLL_S = 0.02
RUNAWAY_S = 20.0  # a fake solve that is never stopped gives up after this


class FakeSolve:
    """Stands in for planner.optimize.solve.solve: reports progress, honours should_stop."""

    def __init__(self, block: bool = False, plan_after: float | None = 0.0,
                 error: Exception | None = None, result: Plan | None = None) -> None:
        self.block = block  # run until should_stop() is true
        self.plan_after = plan_after  # seconds into 'solving' when an incumbent appears
        self.error = error
        self.result = result
        self.scenarios: list = []
        self.thread_ids: list[int] = []
        self.stop_seen_at: float | None = None

    def __call__(self, scenario, progress=None, should_stop=None, **options) -> Plan:
        self.scenarios.append(scenario)
        self.thread_ids.append(threading.get_ident())
        progress("validating", {"elapsed": 0.0})
        progress("building", {"elapsed": 0.01, "message": "3 vessels, 10 years"})
        if self.error is not None:
            raise self.error
        if self.result is not None:
            return self.result
        began = time.monotonic()
        incumbent = None
        while True:
            waited = time.monotonic() - began
            if self.plan_after is not None and waited >= self.plan_after:
                incumbent = 1_234_567_890.0
            progress("solving", {"elapsed": waited, "incumbent": incumbent,
                                 "bound": 1_200_000_000.0, "gap": None})
            if should_stop():
                self.stop_seen_at = time.monotonic()
                break
            if not self.block or waited > RUNAWAY_S:
                break
            time.sleep(STOP_POLL_S)
        if incumbent is None:
            return Plan(status=Status.ERROR, message="Stopped before any plan was found.")
        plan = hand_plan(scenario)
        if self.stop_seen_at is not None:
            plan.status, plan.gap = Status.FEASIBLE, 0.028
        return plan


@pytest.fixture
def errors_shown(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(solve_panel, "show_error",
                        lambda parent, headline, details: shown.append((headline, details)))
    return shown


@pytest.fixture
def window(qtbot):
    main = QMainWindow()
    main.setCentralWidget(QWidget())
    main.statusBar()  # the app's window has its status bar before it is shown
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def make_controller(window, errors_shown):
    made = []

    def make(fake: FakeSolve, document: FakeDocument | None = None):
        document = document or FakeDocument(hand_scenario())
        controller = SolveController(document, window, solve_function=fake)
        made.append(controller)
        return controller, document

    yield make
    for controller in made:
        controller.cancel()
        controller.shutdown()


# --- the worker alone ----------------------------------------------------------------

def test_worker_reports_every_phase_then_the_plan(qtbot):
    fake = FakeSolve()
    worker = SolveWorker(hand_scenario(), solve_function=fake)
    phases: list[tuple[str, dict]] = []
    worker.progress.connect(lambda phase, info: phases.append((phase, info)))

    with qtbot.waitSignal(worker.finished, timeout=2000) as finished:
        worker.run()

    assert [phase for phase, _ in phases] == ["validating", "building", "solving"]
    assert phases[1][1]["message"] == "3 vessels, 10 years"
    assert phases[2][1]["incumbent"] == 1_234_567_890.0
    assert finished.args[0].status is Status.OPTIMAL


def test_worker_turns_a_solver_error_into_a_headline_and_details(qtbot):
    worker = SolveWorker(hand_scenario(), solve_function=FakeSolve(
        error=SolverError("HiGHS is not installed")))

    with qtbot.waitSignal(worker.failed, timeout=2000) as failed:
        worker.run()

    headline, details = failed.args
    assert headline == "The solver could not be run: HiGHS is not installed"
    assert "Traceback" in details and "SolverError" in details


def test_an_unexpected_exception_is_reported_not_raised_in_the_thread():
    headline, details = describe_failure(ZeroDivisionError("float division by zero"))
    assert headline == "The solve stopped with an unexpected error: float division by zero"
    assert "ZeroDivisionError" in details


def test_workbook_errors_are_listed_with_their_cells_in_the_details():
    error = WorkbookError([Issue("Fleet", "D7", 'build_year must be a whole number, got "x"')])
    headline, details = describe_failure(error)
    assert headline == "The workbook has 1 error."
    assert 'Fleet!D7: build_year must be a whole number, got "x"' in details


def test_worker_cancel_is_seen_by_should_stop(qtbot):
    fake = FakeSolve(block=True)
    worker = SolveWorker(hand_scenario(), solve_function=fake)
    worker.cancel()
    with qtbot.waitSignal(worker.finished, timeout=2000) as finished:
        worker.run()
    assert worker.cancel_requested
    assert fake.stop_seen_at is not None
    assert finished.args[0].status is Status.FEASIBLE


# --- the controller: thread, progress panel, document --------------------------------

def test_solve_runs_in_another_thread_on_a_copy_and_sets_the_plan(qtbot, make_controller,
                                                                   window):
    fake = FakeSolve()
    controller, document = make_controller(fake)
    plan_signals: list = []
    document.plan_changed.connect(lambda: plan_signals.append(document.plan))

    with qtbot.waitSignal(controller.started, timeout=1000):
        assert controller.start()
    assert controller.is_running
    with qtbot.waitSignal(controller.finished, timeout=5000) as finished:
        pass

    plan = finished.args[0]
    assert document.plan is plan and plan_signals == [plan]
    assert fake.thread_ids[0] != threading.get_ident()
    assert fake.scenarios[0] is not document.scenario
    assert fake.scenarios[0].fingerprint() == document.scenario.fingerprint()
    assert not controller.is_running
    assert not controller.panel.isVisible()
    assert "least-cost plan" in window.statusBar().currentMessage()
    assert not document.plan_stale


def test_progress_panel_shows_phase_elapsed_time_best_plan_and_bound(qtbot, make_controller,
                                                                    window):
    fake = FakeSolve(block=True)
    controller, _document = make_controller(fake)
    panel = controller.panel
    controller.start()

    assert panel.isVisible() and panel.parent() is not None  # in the status bar
    qtbot.waitUntil(lambda: panel.incumbent_label.isVisible(), timeout=3000)
    assert panel.phase_label.text() == "Searching for the least-cost plan…"
    assert panel.incumbent_label.text() == "Best plan 1.23 bn EUR"
    # The gap is worked out from the incumbent and bound when the solver gives none.
    assert panel.bound_label.text() == "Bound 1.20 bn EUR (gap 2.80%)"
    # The clock ticks while the solver works: the GUI thread is free.
    qtbot.waitUntil(lambda: panel.elapsed_label.text() == "0:01 elapsed", timeout=3000)
    assert controller.is_running


def test_cancel_stops_the_solve_quickly_and_keeps_the_best_plan(qtbot, make_controller):
    fake = FakeSolve(block=True)
    controller, document = make_controller(fake)
    controller.start()
    qtbot.waitUntil(lambda: controller.panel.incumbent_label.isVisible(), timeout=3000)

    cancelled_at = time.monotonic()
    with qtbot.waitSignal(controller.finished, timeout=3000) as finished:
        controller.panel.cancel_button.click()
        assert controller.panel.phase_label.text() == "Stopping…"
        assert not controller.panel.cancel_button.isEnabled()

    assert time.monotonic() - cancelled_at < 1.0
    assert fake.stop_seen_at is not None
    assert finished.args[0].status is Status.FEASIBLE
    assert document.plan is finished.args[0]


def test_cancel_before_any_plan_keeps_the_previous_plan_without_an_error_dialog(
        qtbot, make_controller, errors_shown):
    previous = hand_plan(hand_scenario())
    document = FakeDocument(hand_scenario(), previous)
    controller, _ = make_controller(FakeSolve(block=True, plan_after=None), document)
    controller.start()
    qtbot.waitUntil(lambda: controller.panel.incumbent_label.text() == "No plan found yet",
                    timeout=3000)

    with qtbot.waitSignal(controller.failed, timeout=3000) as failed:
        controller.cancel()

    assert failed.args[0].startswith("Solve cancelled before any plan was found")
    assert document.plan is previous
    assert errors_shown == []
    assert not controller.is_running


def test_only_one_solve_at_a_time(qtbot, make_controller):
    fake = FakeSolve(block=True)
    controller, _ = make_controller(fake)
    assert controller.start()
    assert not controller.start()
    assert not controller.solve_action.isEnabled() and controller.cancel_action.isEnabled()
    with qtbot.waitSignal(controller.finished, timeout=3000):
        controller.cancel_action.trigger()
    assert len(fake.scenarios) == 1
    assert controller.solve_action.isEnabled() and not controller.cancel_action.isEnabled()
    # A new solve can start once the first has finished.
    with qtbot.waitSignal(controller.finished, timeout=3000):
        controller.start()
        controller.cancel()
    assert len(fake.scenarios) == 2


def test_input_errors_are_shown_and_the_previous_plan_stays(qtbot, make_controller,
                                                            errors_shown):
    issues = [Issue("Fleet", "D7", 'build_year must be a whole number, got "2015a"')]
    previous = hand_plan(hand_scenario())
    document = FakeDocument(hand_scenario(), previous)
    controller, _ = make_controller(
        FakeSolve(result=Plan(status=Status.INVALID, issues=issues)), document)

    with qtbot.waitSignal(controller.failed, timeout=3000) as failed:
        controller.start()

    headline, details = failed.args
    assert headline.startswith("The scenario has 1 error; nothing was solved")
    assert 'Fleet!D7: build_year must be a whole number, got "2015a"' in details
    assert errors_shown == [(headline, details)]
    assert document.plan is previous


def test_a_solver_crash_is_shown_as_an_error_and_ends_the_solve(qtbot, make_controller,
                                                                errors_shown):
    controller, document = make_controller(FakeSolve(error=SolverError("CBC crashed")))

    with qtbot.waitSignal(controller.failed, timeout=3000):
        controller.start()

    assert errors_shown[0][0] == "The solver could not be run: CBC crashed"
    assert document.plan is None
    assert not controller.is_running and not controller.panel.isVisible()


def test_without_a_main_window_the_panel_floats_as_a_tool_window(qtbot, errors_shown):
    parent = QWidget()
    qtbot.addWidget(parent)
    controller = SolveController(FakeDocument(hand_scenario()), parent,
                                 solve_function=FakeSolve(block=True))
    try:
        controller.start()
        assert controller.panel.isWindow() and controller.panel.isVisible()
    finally:
        controller.cancel()
        controller.shutdown()


def test_elapsed_time_reads_as_minutes_and_seconds():
    assert format_elapsed(0.4) == "0:00"
    assert format_elapsed(67.9) == "1:07"
    assert format_elapsed(3725) == "1:02:05"


# --- with the real optimizer -----------------------------------------------------------

def test_a_real_solve_through_the_controller_lands_in_the_document(qtbot, window,
                                                                   errors_shown):
    document = FakeDocument(hand_scenario())
    controller = SolveController(document, window)  # planner.optimize.solve.solve
    try:
        with qtbot.waitSignal(controller.finished, timeout=60_000) as finished:
            controller.start()
    finally:
        controller.shutdown()

    plan = finished.args[0]
    assert plan.status is Status.OPTIMAL, plan.message
    assert document.plan is plan and not document.plan_stale
    assert plan.input_fingerprint == document.scenario.fingerprint()
    assert not plan.retrofits.empty
    assert errors_shown == []
    assert "least-cost plan" in window.statusBar().currentMessage()


def test_cancelling_a_real_solve_keeps_the_best_plan_found(qtbot, window, errors_shown):
    from planner.sample import build_sample, without_regimes

    scenario = without_regimes(build_sample())  # the plain model: a bound from the first plan on
    scenario.set_setting("mip_gap", 0.0)  # proving optimality takes several seconds
    document = FakeDocument(scenario)
    controller = SolveController(document, window)
    try:
        controller.start()
        qtbot.waitUntil(lambda: controller.panel.incumbent_label.text().startswith("Best plan"),
                        timeout=60_000)
        assert controller.panel.bound_label.text().startswith("Bound ")
        cancelled_at = time.monotonic()
        with qtbot.waitSignal(controller.finished, timeout=10_000) as finished:
            controller.cancel()
        stopped_after = time.monotonic() - cancelled_at
    finally:
        controller.shutdown()

    assert stopped_after < 2.0
    plan = finished.args[0]
    assert plan.status is Status.FEASIBLE, plan.message
    assert plan.gap is not None and plan.gap > 0
    assert document.plan is plan
    assert errors_shown == []
