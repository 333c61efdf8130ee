"""A robust run in a planner's words: what to sign now, what it costs, what hedging costs,
what planning for Base alone would cost more (VSS) and what knowing the future would be
worth (EVPI)."""

from __future__ import annotations

from planner.reports import format_money, within_gap
from planner.robust.result import RobustResult


def planner_words(result: RobustResult) -> str:
    """The run's outcome as sentences a planner reads, one per line."""
    if not result.futures:
        return result.message
    money = result.currency
    lines = [result.message] if result.message else []
    lines.append(_sign_now(result))
    if result.expected_npv is not None:
        tail = f"{1 - result.cvar_alpha:.0%}"
        cost = f"Expected cost (NPV) {format_money(result.expected_npv, money)}"
        if result.cvar is not None:
            cost += f"; {format_money(result.cvar, money)} on average in the worst {tail} of " \
                    "the futures (CVaR)"
        lines.append(cost + ".")
    if result.short_futures:
        lines.append("Some futures cannot meet their hard caps: "
                     f"{', '.join(result.short_futures)}; the plan shown comes closest.")
    lines += value_sentences(result)
    return "\n".join(lines)


def value_sentences(result: RobustResult) -> list[str]:
    """What hedging costs, what knowing the future would be worth (EVPI) and what planning
    for Base alone would cost more (VSS), a sentence each."""
    return _hedging(result) + _against_base(result)


def _sign_now(result: RobustResult) -> str:
    year = result.commit_until_year
    count = len(result.committed_retrofits)
    until = f" up to {year}" if year is not None else ""
    if count == 0:
        return f"Nothing to sign now{until}: every retrofit waits until the future is known."
    return (f"Sign now: {count} retrofit{'s' if count != 1 else ''}{until}, the same in every "
            "future; later ones adapt to the future that comes.")


def _base_future(result: RobustResult) -> str | None:
    return next((name for name in result.futures if name.strip().lower() == "base"), None)


def _hedging(result: RobustResult) -> list[str]:
    """Hedging's price (in Base, else on average) and the worth of knowing the future."""
    money = result.currency
    lines = []
    base = _base_future(result)
    hedge = result.futures[base].hedging_cost if base is not None else None
    if hedge is not None and within_gap(hedge, result.gap, result.objective):
        lines.append(f"If Base comes, hedging costs nothing the solves can measure: "
                     f"{format_money(hedge, money)} against Base's own best plan lies within "
                     f"the plans' gap of {result.gap:.2%}.")
    elif hedge is not None:
        lines.append(f"If Base comes, hedging costs {format_money(hedge, money)} more than "
                     "Base's own best plan.")
    if result.evpi is not None and within_gap(result.evpi, result.gap, result.objective):
        lines.append(f"Knowing the future in advance would be worth nothing the solves can "
                     f"measure: the EVPI, {format_money(result.evpi, money)}, lies within "
                     f"the plans' gap of {result.gap:.2%}.")
    elif result.evpi is not None:
        sentence = f"Knowing the future in advance would be worth {format_money(result.evpi, money)}"
        sentence += (" on average (EVPI): what the robust plan pays over each future's own "
                     "best plan made with hindsight")
        if hedge is None:
            sentence = (f"Hedging costs {format_money(result.evpi, money)} on average over "
                        "each future's own best plan made with hindsight: that is what "
                        "knowing the future in advance would be worth (EVPI)")
        lines.append(sentence + ".")
    return lines


def _against_base(result: RobustResult) -> list[str]:
    """The Base plan held beside the robust plan: its committed part (VSS) and all of it."""
    money = result.currency
    lines = []
    year = result.commit_until_year
    until = f" up to {year}" if year is not None else ""
    if result.vss is not None:
        if within_gap(result.vss, result.gap, result.objective):
            lines.append(f"Planning for Base alone, signing its retrofits{until} and adapting "
                         "later, would cost no more than the solves can measure: the VSS, "
                         f"{format_money(result.vss, money)}, lies within the plans' gap of "
                         f"{result.gap:.2%}.")
        elif result.vss >= 0:
            lines.append(f"Planning for Base alone, signing its retrofits{until} and adapting "
                         f"later, would cost {format_money(result.vss, money)} more on "
                         "average (VSS).")
        else:
            lines.append(f"Signing Base's retrofits{until} instead would cost "
                         f"{format_money(-result.vss, money)} less on average, but the robust "
                         "plan cuts the cost of the worst futures (risk weight above 0).")
    if result.base_plan_expected_npv is not None and result.expected_npv is not None:
        more = result.base_plan_expected_npv - result.expected_npv
        if more >= 0:
            lines.append(f"Holding all of Base's plan in every future would cost "
                         f"{format_money(more, money)} more on average.")
    return lines
