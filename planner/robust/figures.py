"""The risk measures and comparisons of robust.md, as plain functions of numbers."""

from __future__ import annotations

from collections.abc import Sequence


def cvar(values: Sequence[float], probabilities: Sequence[float], alpha: float) -> float:
    """min over eta of eta + 1/(1-alpha) sum_s p_s max(0, v_s - eta), attained at a v_s."""
    if not values:
        raise ValueError("the CVaR of no value")
    return min(eta + sum(p * max(0.0, v - eta) for v, p in zip(values, probabilities,
                                                                strict=True)) / (1.0 - alpha)
               for eta in values)


def risk_objective(values: Sequence[float], probabilities: Sequence[float], risk_weight: float,
                   alpha: float) -> float:
    """(1 - lambda) sum_s p_s v_s + lambda CVaR_alpha(v)."""
    expected = sum(p * v for v, p in zip(values, probabilities, strict=True))
    if risk_weight == 0:
        return expected
    return (1.0 - risk_weight) * expected + risk_weight * cvar(values, probabilities, alpha)


def expected(values: Sequence[float], probabilities: Sequence[float]) -> float:
    return sum(p * v for v, p in zip(values, probabilities, strict=True))


def all_known(values: Sequence[float | None]) -> bool:
    return bool(values) and all(value is not None for value in values)
