"""The CBC backend: PuLP's bundled CBC binary run so that it can be stopped (SIGINT)
and watched (its log read while it runs)."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import numpy as np
import pulp
from pulp import constants

from planner.optimize.backends.cbc_log import (
    cbc_outcome,
    completed_bound,
    read_new,
    solution_objective,
    timed_out_not_infeasible,
)
from planner.optimize.backends.settings import (
    CBC,
    SolverMonitor,
    SolverSettings,
    credit,
    relative_gap,
)
from planner.optimize.outcomes import SolverOutcome, SolverStatus

# Seconds between two SIGINTs to a CBC that has not ended yet (see CbcSolver._run).
INTERRUPT_REPEAT_S = 0.5


def bundled_cbc_path() -> str:
    """The CBC binary that ships with PuLP (read without instantiating the deprecated class)."""
    return pulp.PULP_CBC_CMD.pulp_cbc_path


class CbcSolver(pulp.COIN_CMD):  # type: ignore[misc,valid-type]
    """PuLP's CBC (the bundled binary) run so that it can be stopped and watched.

    The command line is PuLP's own (MPS in, solution file out); the process is kept
    so that a stop request sends it SIGINT, on which CBC ends its search and writes
    the best plan it has. Its log is read while it runs for the incumbent and bound.
    """

    def __init__(self, settings: SolverSettings | None = None,
                 monitor: SolverMonitor | None = None) -> None:
        settings = settings or SolverSettings(name=CBC)
        super().__init__(path=bundled_cbc_path(), msg=False, gapRel=settings.mip_gap,
                         gapAbs=settings.abs_gap, threads=settings.threads,
                         timeLimit=settings.time_limit, timeMode="elapsed")
        self.monitor = monitor
        self.outcome = SolverOutcome(status=SolverStatus.ERROR)
        self.start: np.ndarray | None = None  # a plan to start from, by var.index

    def actualSolve(self, lp: pulp.LpProblem, **_ignored: object) -> int:  # noqa: N802
        started = time.perf_counter()
        mps, solution, log_path, start = self.create_tmp_files(lp.name, "mps", "sol", "log",
                                                               "mst")
        try:
            self._solve_files(lp, mps, solution, log_path, start)
        finally:
            self.delete_tmp_files(mps, solution, log_path, start)
        self.outcome.seconds = time.perf_counter() - started
        has_solution = self.outcome.objective is not None
        lp.assignStatus(constants.LpStatusOptimal if has_solution
                        else constants.LpStatusNotSolved,
                        constants.LpSolutionOptimal if self.outcome.status == SolverStatus.OPTIMAL
                        else constants.LpSolutionIntegerFeasible if has_solution
                        else constants.LpSolutionNoSolutionFound)
        return lp.status

    def _solve_files(self, lp: pulp.LpProblem, mps: str, solution: str, log_path: str,
                     start: str) -> None:
        """Write the model, run CBC on it and read its outcome into ``self.outcome``."""
        names = lp.writeMPS(mps, rename=1)
        columns, variable_names, constraint_names, _objective = names
        args = [self.path, mps]
        if self.start is not None:
            for var in columns:
                var.varValue = float(self.start[var.index])
            self.writesol(start, lp, columns, variable_names, constraint_names)
            args += ["-mips", start]
        if self.timeLimit is not None:
            args += ["-sec", f"{max(self.timeLimit, 0.01):g}"]
        for option in self.getOptions():  # "ratio 0.005" -> -ratio 0.005
            name, *value = option.split()
            args += [f"-{name}", *value]
        args += ["-solve" if self.mip else "-initialSolve", "-solution", solution]
        log_text = self._run(args, log_path)
        status, sol_status = constants.LpStatusNotSolved, constants.LpSolutionNoSolutionFound
        if os.path.exists(solution) and os.path.getsize(solution) > 0:
            status, values, _dj, _pi, _slack, sol_status = self.readsol_MPS(
                solution, lp, columns, variable_names, constraint_names)
            lp.assignVarsVals(values)
        outcome = timed_out_not_infeasible(cbc_outcome(log_text, status, sol_status),
                                           log_text, self.timeLimit)
        if outcome.status in (SolverStatus.OPTIMAL, SolverStatus.FEASIBLE):
            # The solution file gives the objective to 8 decimals (its values only to
            # 8 significant digits, so the objective is not recomputed from them).
            outcome.objective = solution_objective(solution)
            if outcome.objective is None and lp.objective is not None:
                outcome.objective = float(lp.objective.value() or 0.0)
            if outcome.status == SolverStatus.OPTIMAL and outcome.bound is None \
                    and outcome.objective is not None:
                integer = self.mip and any(var.cat == constants.LpInteger
                                           for var in columns)
                ratio = float(self.optionsDict.get("gapRel") or 0.0) if integer else 0.0
                outcome.bound = completed_bound(log_text, outcome.objective, ratio)
            outcome.gap = relative_gap(outcome.objective, outcome.bound)
        self.outcome = credit(outcome, CBC)

    def _run(self, args: list[str], log_path: str) -> str:
        """Run CBC to its end, relaying progress and turning a stop request into SIGINT."""
        with open(log_path, "w") as log:
            process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL)
        interrupted_at: float | None = None
        read = 0
        text = ""
        try:
            while process.poll() is None:
                time.sleep(0.05)
                text, read = read_new(log_path, text, read, self.monitor)
                now = time.monotonic()
                # CBC's handler only flags a search in progress: a SIGINT that arrives
                # before its branch-and-bound model exists is dropped, so it is sent
                # again until CBC ends (a repeated one is harmless).
                if (interrupted_at is None or now - interrupted_at >= INTERRUPT_REPEAT_S) \
                        and self.monitor is not None and self.monitor.stop_requested():
                    interrupted_at = now
                    _interrupt(process)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        text, read = read_new(log_path, text, read, self.monitor)
        return text


def _interrupt(process: subprocess.Popen) -> None:
    if os.name == "nt":  # no SIGINT for a process without a console
        process.terminate()
    else:
        process.send_signal(signal.SIGINT)
