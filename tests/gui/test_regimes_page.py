"""The Regimes tab shows the values in force each year under the editor: the planner's own
values in black, the regulations' defaults greyed, the NZF extrapolations marked, the NZF
as a draft; an edit shows at once."""

from __future__ import annotations

import pytest

from planner.gui.document import Document
from planner.gui.input_tabs import table_pages
from planner.gui.regimes_page import DEFAULT_COLOR, EXTRAPOLATED_MARK, RegimesPage
from planner.regimes import rules
from planner.workbook.reader import read_workbook


@pytest.fixture
def page(qtbot, checks_dir):  # noqa: ANN001, ANN201
    scenario = read_workbook(checks_dir / "regimes-tiny-9402.xlsx").scenario
    scenario.set_setting("end_year", 2040)  # past the NZF prices the IMO set (2030)
    document = Document(scenario)
    shown = RegimesPage(document)
    qtbot.addWidget(shown)
    return document, shown


def _cell(page: RegimesPage, year: int, column: str):  # noqa: ANN202
    table = page.in_force
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    years = [table.item(row, 0).text() for row in range(table.rowCount())]
    label = page.editor.sheet.column(column).title
    position = next(i for i, text in enumerate(headers) if text.startswith(label + "\n")
                    or text == label)
    return table.item(years.index(str(year)), position)


def test_the_regimes_tab_is_the_editor_over_the_values_in_force(qtbot, document) -> None:
    pages = {page.title: page for page in table_pages(document)}
    assert isinstance(pages["Regimes"].widget, RegimesPage)
    assert pages["Regimes"].editor is pages["Regimes"].widget.editor


def test_given_values_black_defaults_grey_extrapolations_marked(page) -> None:
    _document, shown = page
    assert shown.in_force.rowCount() == 2040 - 2025 + 1
    given = _cell(shown, 2027, "fueleu_limit_gco2e_per_mj")  # 2026's 86.858 held into 2027
    assert given.text() == "86.858" and given.foreground().color() != DEFAULT_COLOR
    penalty = _cell(shown, 2027, "fueleu_penalty_per_t_vlsfo")  # default: 2400 EUR x 1.08
    assert penalty.text() == "2,592" and penalty.foreground().color() == DEFAULT_COLOR
    assert "Default: 2400 EUR" in penalty.toolTip()
    set_price = _cell(shown, 2030, "nzf_tier2_price_per_tco2e")
    assert set_price.text() == "380" and not set_price.font().italic()
    guessed = _cell(shown, 2031, "nzf_tier2_price_per_tco2e")
    assert guessed.text() == "380" + EXTRAPOLATED_MARK and guessed.font().italic()
    assert "extrapolation" in guessed.toolTip()
    # the NZF targets are given in this workbook: the planner's, not extrapolated
    target = _cell(shown, 2040, "nzf_base_target_gco2e_per_mj")
    assert EXTRAPOLATED_MARK not in target.text()
    assert _cell(shown, 2027, "nzf_tier1_price_per_tco2e").text() == "–"  # none before 2028
    assert "draft" in shown.note.text() and str(rules.NZF_PRICES_SET_UNTIL) in shown.note.text()


def test_an_edit_shows_in_the_values_in_force(page) -> None:
    document, shown = page
    table = document.table("Regimes")
    row = [int(y) for y in table["year"]].index(2028)
    if "fueleu_penalty_per_t_vlsfo" not in table.columns:
        document.insert_column("Regimes", len(table.columns), "fueleu_penalty_per_t_vlsfo",
                               [None] * len(table))
    document.write_cells("Regimes", [(row, "fueleu_penalty_per_t_vlsfo", 5000.0)])
    cell = _cell(shown, 2029, "fueleu_penalty_per_t_vlsfo")
    assert cell.text() == "5,000" and cell.foreground().color() != DEFAULT_COLOR
    assert _cell(shown, 2027, "fueleu_penalty_per_t_vlsfo").text() == "–"  # before the first


def test_the_longest_horizon_shows_and_a_longer_one_shows_nothing(page) -> None:
    """The checks allow end_year up to start_year + MAX_HORIZON_YEARS (61 years); a
    longer horizon is refused there and leaves the table empty (the longest showed none)."""
    from planner import schema

    document, shown = page
    start = document.scenario.settings.start_year
    document.scenario.set_setting("end_year", start + schema.MAX_HORIZON_YEARS)
    shown.in_force.show_scenario(document.scenario)
    assert shown.in_force.rowCount() == schema.MAX_HORIZON_YEARS + 1
    document.scenario.set_setting("end_year", start + schema.MAX_HORIZON_YEARS + 1)
    shown.in_force.show_scenario(document.scenario)
    assert shown.in_force.rowCount() == 0
