"""The two MILP solvers behind PuLP, made stoppable and observable: HiGHS and CBC.

Both are PuLP solver classes with three things added: a ``SolverMonitor`` that is
asked whether to stop and told the incumbent, bound and gap as they change; a fast
hand-over of the model (HiGHS: one ``passModel`` of the whole matrix instead of a
call per row and column); and an honest outcome. PuLP reports "Optimal" for a run
stopped at its time limit with a plan, so the outcome here is read from the solver
itself (HiGHS model status and info, the CBC log) and never from PuLP's status alone.
One module a job: ``settings``, ``highs``, ``cbc`` (+ ``cbc_log``), ``choice``.
"""

from planner.optimize.backends.cbc import CbcSolver, bundled_cbc_path
from planner.optimize.backends.choice import available_solvers, choose_solver
from planner.optimize.backends.highs import HighsSolver, highs_lp
from planner.optimize.backends.settings import (
    CBC,
    HIGHS,
    SOLVER_NAMES,
    SolverMonitor,
    SolverSettings,
    credit,
    relative_gap,
)
from planner.optimize.outcomes import SolverOutcome, SolverStatus

__all__ = [
    "CBC", "HIGHS", "SOLVER_NAMES", "CbcSolver", "HighsSolver", "SolverMonitor",
    "SolverOutcome", "SolverSettings", "SolverStatus", "available_solvers",
    "bundled_cbc_path", "choose_solver", "credit", "highs_lp", "relative_gap",
]
