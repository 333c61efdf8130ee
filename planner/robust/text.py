"""The robust result in a planner's words, for the terminal (``planner robust``)."""

from __future__ import annotations

from planner.reports import format_money
from planner.robust.result import RobustResult
from planner.robust.words import value_sentences


def format_robust(result: RobustResult) -> str:
    """The outcome, what to commit to now, the futures and what hedging costs and is worth."""
    money = result.currency
    lines = [f"Robust plan: {result.status}. {result.message}".strip()]
    if not result.futures:
        return "\n".join(lines)
    if result.commit_until_year is not None:
        lines.append(f"Commit until {result.commit_until_year}: "
                     f"{len(result.committed_retrofits)} retrofit(s) to sign now")
    for vessel, technology, year in result.committed_retrofits:
        lines.append(f"  {year}  {vessel}: {technology}")
    lines.append("")
    lines.append(f"{'future':<28}{'prob.':>7}{'NPV':>18}{'alone':>18}{'hedging':>14}")
    for name, future in result.futures.items():
        npv = "" if future.npv is None else format_money(future.npv, money)
        alone = "" if future.alone_objective is None else format_money(
            future.alone_objective, money)
        hedge = "" if future.hedging_cost is None else format_money(future.hedging_cost, money)
        lines.append(f"{name[:27]:<28}{future.probability:>7.1%}{npv:>18}{alone:>18}{hedge:>14}")
    for name in result.excluded_futures:
        lines.append(f"{name[:27]:<28}{0:>7.1%}  (excluded)")
    lines.append("")
    if result.expected_npv is not None:
        lines.append(f"Expected NPV {format_money(result.expected_npv, money)}; CVaR "
                     f"({result.cvar_alpha:.0%}) {format_money(result.cvar or 0.0, money)}")
    lines += value_sentences(result)  # the app's sentences: one wording of VSS and EVPI
    return "\n".join(lines)
