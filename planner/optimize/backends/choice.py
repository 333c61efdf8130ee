"""The choice of solver: which backends this installation has, and what ``auto`` runs."""

from __future__ import annotations

from planner.optimize.backends.cbc import CbcSolver
from planner.optimize.backends.highs import HighsSolver
from planner.optimize.backends.settings import CBC, HIGHS


def available_solvers() -> list[str]:
    """The backends that can run here, HiGHS first."""
    found = []
    if HighsSolver().available():
        found.append(HIGHS)
    if CbcSolver().available():
        found.append(CBC)
    return found


def choose_solver(requested: str | None) -> str:
    """The solver to run: the one asked for, or for ``auto`` HiGHS (CBC without highspy).

    Measured on this model (docs/model-notes.md, "Speed"): HiGHS proves the generated
    10 to 40 ship fleets that CBC cannot within 60 s, both are equal on 100 and 500
    ships once the LP dive starts them, and CBC is faster only on the small bundled
    sample (1.2-1.4 s against 1.9-2.3 s, both well inside 3 s). HiGHS also streams its
    plans and stops gracefully, where CBC must be interrupted by a signal.
    """
    name = (requested or "auto").strip().lower()
    if name in (HIGHS, CBC):
        return name
    found = available_solvers()
    return HIGHS if HIGHS in found or not found else found[0]
