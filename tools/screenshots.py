"""Screenshots of the app at 1280x800 for docs/screenshots (run under Xvfb: xvfb-run -a).

Solves the sample (and a generated 60-ship fleet) once, caches the plans in a folder
(--cache, default /tmp/planner-screenshots) and grabs the main window on the results,
retrofit schedule, cases and robust views.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fleetgen import generate_fleet  # noqa: E402

import planner  # noqa: E402
from planner.gui import dialogs  # noqa: E402
from planner.gui.document import Document  # noqa: E402
from planner.sample import load_sample, regimes_switched, without_regimes  # noqa: E402
from planner.whatif.runner import run_cases  # noqa: E402

SIZE = (1280, 800)
ROBUST_FUTURES = 6  # a small robust run: six futures sampled from the sample's Uncertainty


def cached(cache: Path, name: str, make: Callable[[], Any]) -> Any:
    """The pickled result of make(), computed once per cache folder."""
    path = cache / f"{name}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    value = make()
    path.write_bytes(pickle.dumps(value))
    return value


def _settle(app: Any, rounds: int = 6) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(60, loop.quit)
        loop.exec()
        app.processEvents()


def _window(document: Any) -> Any:
    from PySide6.QtCore import QSettings

    from planner.gui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(document, settings)
    window.resize(*SIZE)
    window.show()
    return window


def _grab(app: Any, window: Any, out: Path, name: str) -> None:
    _settle(app)
    window.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


class Shots:
    """The screenshots, one method each, of the sample solved once (plans cached)."""

    def __init__(self, app: Any, out: Path, cache: Path) -> None:
        self.app, self.out, self.cache = app, out, cache
        self.sample = load_sample()
        self.plan = cached(cache, "sample-plan", lambda: planner.solve(self.sample))

    def grab(self, window: Any, name: str) -> None:
        _grab(self.app, window, self.out, name)

    def results(self) -> None:
        window = _window(Document(self.sample))
        window.document.set_plan(self.plan)
        window.tabs.setCurrentWidget(window.results_view)
        self.grab(window, "results-overview")
        for index, name in ((1, "results-costs"), (2, "results-fuel-mix")):
            window.results_view.tabs.setCurrentIndex(index)
            self.grab(window, name)
        window.results_view.tabs.setCurrentIndex(3)
        self.grab(window, "retrofit-schedule")
        window.close()

    def schedule_60(self) -> None:
        big = generate_fleet(60, seed=3)
        big_plan = cached(self.cache, "fleet60-plan", lambda: planner.solve(big))
        window = _window(Document(big))
        window.document.set_plan(big_plan)
        window.tabs.setCurrentWidget(window.results_view)
        window.results_view.tabs.setCurrentIndex(3)
        self.grab(window, "retrofit-schedule-60-ships")
        window.close()

    def cases(self) -> None:
        run = cached(self.cache, "sample-cases", lambda: run_cases(self.sample, jobs=1))
        window = _window(Document(self.sample))
        window.document.set_plan(self.plan)
        window.document.set_cases_run(run)
        window.tabs.setCurrentWidget(window.cases_view)
        self.grab(window, "cases-overview")
        window.cases_view.results.tabs.setCurrentIndex(1)
        self.grab(window, "cases-emissions")
        window.cases_view.results.tabs.setCurrentIndex(2)
        self.grab(window, "cases-schedule")
        window.close()

    def editing(self) -> None:
        window = _window(Document(self.sample))
        window.tabs.setCurrentWidget(window.pages["Fleet"].widget)
        self.grab(window, "editing-fleet")
        window.tabs.setCurrentWidget(window.pages["FuelPrices"].widget)
        self.grab(window, "editing-prices")
        window.close()

    def studies(self) -> None:
        from planner.gui.cases_results import TAB_SWEEP, TAB_TORNADO
        from planner.whatif.studies import sensitivity, sweep

        plain = without_regimes(self.sample)
        tornado = cached(self.cache, "plain-sensitivity",
                         lambda: sensitivity(plain, jobs=2, mip_gap=0.005, time_limit=120))
        swept = cached(self.cache, "plain-sweep", lambda: sweep(
            plain, "FuelPrices", [0.5, 0.7, 0.85, 1.0, 1.2], item="e-Methanol",
            change="scale", jobs=2, mip_gap=0.005, time_limit=120))
        window = _window(Document(plain))
        window.tabs.setCurrentWidget(window.cases_view)
        results = window.cases_view.results
        for run, tab, name in ((tornado, TAB_TORNADO, "cases-tornado"),
                               (swept, TAB_SWEEP, "cases-sweep")):
            window.document.set_cases_run(run)
            results.tabs.setCurrentWidget(results.pages[tab])
            self.grab(window, name)
        window.close()

    def cases_editing(self) -> None:
        import threading

        from PySide6.QtWidgets import QAbstractItemView

        plain = without_regimes(self.sample)
        run = cached(self.cache, "plain-cases", lambda: run_cases(plain, jobs=2,
                                                                   mip_gap=0.005))
        window = _window(Document(plain))
        view = window.cases_view
        window.tabs.setCurrentWidget(view)
        table = view.editor.view  # shows the model through a sort/filter proxy
        index = table.model().index(1, view.editor.model.column_index("parameter"))
        table.setCurrentIndex(index)
        table.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None)
        self.grab(window, "cases-editing")
        table.closePersistentEditor(index)
        table.setFocus()
        done = threading.Event()

        def halfway(scenario: Any, progress: Any = None, should_stop: Any = None,
                    **_options: Any) -> Any:  # three cases in, the rest still solving
            for number, result in enumerate(run.results[:3], start=1):
                progress(result.name, number, len(run.results), result)
            done.set()
            while not should_stop():
                threading.Event().wait(0.05)
            return run

        view.runner.start(plain, halfway, [result.name for result in run.results])
        done.wait(10)
        self.grab(window, "cases-progress")
        view.cancel()
        view.shutdown()
        window.close()

    def editing_issues(self) -> None:
        window = _window(Document(self.sample))
        page = window.pages["Fleet"]
        window.tabs.setCurrentWidget(page.widget)
        model = page.editor.model  # a build year typed with the letter O for a zero
        model.setData(model.index(2, model.column_index("build_year")), "20O5")
        window.document.revalidate()
        self.grab(window, "editing-issues")
        window.close()


    def diagnosis(self) -> None:
        short = self.sample.copy()
        targets = short.tables["Targets"]
        targets["cap_tco2e"] = targets["cap_tco2e"] * 0.5  # caps the fleet cannot meet
        short_plan = cached(self.cache, "sample-short-plan", lambda: planner.solve(short))
        window = _window(Document(short))
        window.document.set_plan(short_plan)
        window.tabs.setCurrentWidget(window.results_view)
        self.grab(window, "diagnosis-infeasible")
        window.close()

    def robust(self) -> None:
        from planner.robust.run import solve_robust
        from planner.robust.sampler import sample_futures

        # A small run: the sample's plain model (regime switches off) over six futures.
        plain = without_regimes(self.sample)
        futures = sample_futures(plain, ROBUST_FUTURES, seed=7)
        result = cached(self.cache, "sample-plain-robust", lambda: solve_robust(
            futures, jobs=2, mip_gap=0.005, time_limit=120))
        plain_plan = cached(self.cache, "sample-plain-plan", lambda: planner.solve(futures))
        window = _window(Document(futures))
        window.document.set_plan(plain_plan)
        window.document.set_robust_result(result)
        view = window.robust_view
        window.tabs.setCurrentWidget(view)
        for index, name in enumerate(("robust-sign-now", "robust-npv", "robust-futures",
                                      "robust-frequencies")):
            view.results.setCurrentIndex(index)
            self.grab(window, name)
        view.inputs.setCurrentWidget(view.uncertainty_editor)
        view.results.setCurrentIndex(1)
        self.grab(window, "robust-uncertainty")
        # A run under way (progress, Stop), then stopped: the results shown stay.
        view.inputs.setCurrentWidget(view.futures_editor)
        view.runner.jobs = 2
        view.run()
        _settle(self.app, rounds=150)  # about 9 s: the futures alone are being solved
        self.grab(window, "robust-progress")
        view.runner.cancel()
        for _ in range(1000):
            if not view.runner.is_running:
                break
            _settle(self.app, rounds=1)
        window.close()

    def regimes(self) -> None:
        from planner.gui.results_view import TAB_COMPLIANCE, TAB_COSTS

        on = regimes_switched(self.sample, "on")  # whatever the bundled switches
        on_plan = cached(self.cache, "sample-regimes-plan",
                         lambda: planner.solve(on, time_limit=300))
        window = _window(Document(on))
        window.tabs.setCurrentWidget(window.pages["Regimes"].widget)
        self.grab(window, "editing-regimes")
        window.document.set_plan(on_plan)
        window.tabs.setCurrentWidget(window.results_view)
        tabs = window.results_view.tabs
        for tab, name in ((TAB_COMPLIANCE, "results-compliance"),
                          (TAB_COSTS, "results-costs-regimes")):
            tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index(tab))
            self.grab(window, name)
        window.close()


SHOTS = ("results", "schedule_60", "cases", "editing", "studies", "cases_editing",
         "editing_issues", "diagnosis", "robust", "regimes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir())
                        / "planner-screenshots")
    parser.add_argument("--only", default="", help="comma list of screenshot names")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    only = {name for name in args.only.split(",") if name}
    if only - set(SHOTS):  # a mistyped name would grab nothing and say nothing
        parser.error(f"unknown screenshot set: {', '.join(sorted(only - set(SHOTS)))} "
                     f"(known: {', '.join(SHOTS)})")

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    # The windows close with their plans unsaved: no "Save changes?" question.
    dialogs.ask_save_changes = lambda *_args: dialogs.SaveChoice.DISCARD
    shots = Shots(app, args.out, args.cache)
    for name in SHOTS:
        if not only or name in only:
            getattr(shots, name)()
    sys.stdout.flush()
    os._exit(0)  # skip PySide6's teardown at exit: the shots are written


if __name__ == "__main__":
    raise SystemExit(main())
