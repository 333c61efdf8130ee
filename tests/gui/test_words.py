"""Words, not identifiers (issue 13): every screen of a solved plan with what-if results
shows the schema's labels; the workbook's column names appear only in tooltips."""

from __future__ import annotations

import re

from hand_cases import cases_scenario, hand_run, hand_sensitivity
from hand_plans import hand_plan
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView, QTabWidget, QWidget

from planner import schema
from planner.gui import dialogs
from planner.gui.dialogs import SaveChoice
from planner.gui.main_window import MainWindow

# Every snake_case column name of the schema, and Sheet.column parameters.
IDENTIFIERS = sorted({column.name for sheet in schema.ALL_SHEETS for column in sheet.columns
                      if "_" in column.name} | {s.name for s in schema.SETTINGS if "_" in s.name})
PATTERN = re.compile(r"\b(" + "|".join(map(re.escape, IDENTIFIERS)) + r")\b|\b[A-Z][A-Za-z]+\.[a-z_]+\b")


def _texts(widget: QWidget) -> list[str]:
    """What a planner reads on a widget tree: labels, buttons, tab titles, table headers,
    chart titles, axis titles and legends (cell contents are the planner's own data)."""
    found: list[str] = []
    for label in widget.findChildren(QLabel):
        found.append(label.text())
    for button in widget.findChildren(QAbstractButton):
        found.append(button.text())
    for tabs in widget.findChildren(QTabWidget):
        found += [tabs.tabText(i) for i in range(tabs.count())]
    for table in widget.findChildren(QTableView):
        model = table.model()
        found += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                  for c in range(model.columnCount())]
    for view in widget.findChildren(QChartView):
        chart = view.chart()
        found.append(chart.title())
        found += [axis.titleText() for axis in chart.axes()]
        found += [marker.label() for marker in chart.legend().markers()]
    return found


def test_no_screen_shows_a_workbook_identifier(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: SaveChoice.DISCARD)
    scenario = cases_scenario()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.document.load(scenario, hand_plan(scenario), untitled_name="Hand fleet")
    window.document.set_cases_run(hand_run(scenario))
    window.resize(1280, 800)
    window.show()
    texts = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        texts += _texts(window.tabs.widget(index))
    window.document.set_cases_run(hand_sensitivity(scenario))
    texts += _texts(window.cases_view)
    texts += [window.plan_label.text(), window.issue_label.text()]
    shown = sorted({f"{match.group(0)} in {text!r}" for text in texts
                    for match in PATTERN.finditer(text)})
    assert shown == [], "\n".join(shown)
    currency = window.document.scenario.settings.currency
    assert "Annual fuel\n(t per year)" in texts
    assert f"Carbon price\n({currency}/tCO2e)" in texts
    assert "Optimality gap" in texts  # the settings form's label of mip_gap


def test_tooltips_keep_the_workbook_name(qtbot, document) -> None:
    from planner.gui.settings_form import SettingsForm

    form = SettingsForm(document)
    qtbot.addWidget(form)
    labels = {label.text(): label for label in form.findChildren(QLabel)}
    assert "Workbook column: mip_gap" in labels["Optimality gap"].toolTip()


def test_the_cases_table_reads_its_parameters_in_words(qtbot) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from planner.gui.cases_view import CasesView
    from planner.gui.document import Document

    document = Document(cases_scenario())
    view = CasesView(document)
    qtbot.addWidget(view)
    table = view.editor.view
    model = view.editor.model
    parameter = model.column_index("parameter")
    shown = []
    for row in range(model.rowCount()):
        index = table.proxy.mapFromSource(model.index(row, parameter))
        option = QStyleOptionViewItem()
        table.itemDelegate().initStyleOption(option, index)
        shown.append(option.text)
    assert shown == ["Carbon price", "Yard capacity", "Emissions cap"]
    raw = model.data(model.index(0, parameter), Qt.ItemDataRole.EditRole)
    assert raw == "Targets.carbon_price_per_tco2e"  # the cell keeps the workbook's name
