"""A robust run's VSS and EVPI in words: a value below 0 within the solves' gap is nothing
measurable (robust.md: "0" under a gap g is "at least -g * |objective|")."""

from __future__ import annotations

from planner.board_report.robust_pages import _gap_note
from planner.plan import Status
from planner.reports import within_gap
from planner.robust.result import FutureResult, RobustResult
from planner.robust.text import format_robust
from planner.robust.words import planner_words, value_sentences


def result_with(evpi: float, vss: float, gap: float = 0.004) -> RobustResult:
    result = RobustResult(Status.OPTIMAL, commit_until_year=2030)
    result.futures = {"High": FutureResult("High", 0.5, npv=1010.0, alone_objective=1005.0),
                      "Low": FutureResult("Low", 0.5, npv=990.0, alone_objective=996.0)}
    result.expected_npv = result.objective = 1000.0
    result.gap, result.evpi, result.vss = gap, evpi, vss
    return result


def test_within_gap_is_below_zero_by_at_most_the_gap() -> None:
    assert within_gap(-4.0, 0.004, 1000.0)
    assert not within_gap(-4.1, 0.004, 1000.0)
    assert not within_gap(0.0, 0.004, 1000.0) and not within_gap(3.0, 0.004, 1000.0)
    assert not within_gap(-1.0, None, 1000.0)


def test_a_negative_evpi_and_vss_within_the_gap_read_as_nothing_measurable() -> None:
    words = planner_words(result_with(evpi=-1.3, vss=-0.5))
    assert ("Knowing the future in advance would be worth nothing the solves can measure: "
            "the EVPI, -1 USD, lies within the plans' gap of 0.40%.") in words
    assert "would cost no more than the solves can measure: the VSS" in words
    assert "worth -1 USD" not in words and "risk weight above 0" not in words


def test_beyond_the_gap_the_figures_are_told_as_they_are() -> None:
    words = planner_words(result_with(evpi=2.0, vss=-30.0))
    assert "Hedging costs 2 USD on average" in words and "(EVPI)" in words
    assert "instead would cost 30 USD less on average" in words


def test_the_terminal_tells_the_same_sentences_as_the_app() -> None:
    result = result_with(evpi=-1.3, vss=3.0)
    text = format_robust(result)
    for sentence in value_sentences(result):
        assert sentence in text


def test_the_board_report_marks_a_negative_figure_within_the_gap() -> None:
    metrics: dict[str, object] = {"evpi": -1.3, "vss": 3.0, "gap": 0.004, "objective": 1000.0}
    assert _gap_note("evpi", metrics) == " (within the gap: none)"
    assert _gap_note("vss", metrics) == ""
    assert _gap_note("objective", metrics) == ""


def test_a_negative_hedging_cost_in_base_within_the_gap_reads_as_nothing_measurable() -> None:
    result = result_with(evpi=2.0, vss=3.0)
    result.futures["Base"] = FutureResult("Base", 0.0, npv=999.0, alone_objective=1001.0)
    words = planner_words(result)
    assert ("If Base comes, hedging costs nothing the solves can measure: -2 USD against "
            "Base's own best plan lies within the plans' gap of 0.40%.") in words
    result.futures["Base"].npv = 1003.0
    assert "If Base comes, hedging costs 2 USD more than Base's own best plan." in \
        planner_words(result)
