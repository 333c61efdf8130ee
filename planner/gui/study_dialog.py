"""The dialogs that set up a sensitivity (tornado) or a sweep, each behind a function
tests can patch (ask_sensitivity, ask_sweep)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.cases.parameters import PARAMETERS, find_parameter, parameter_words
from planner.errors import PlannerError
from planner.gui.cases_delegate import items_for, parameter_tooltip
from planner.scenario import Scenario
from planner.schema import CASE_CHANGES, normalize
from planner.whatif.studies import DEFAULT_SWING, Varied, default_parameters, parse_values

YEAR_PATTERN = QRegularExpression(r"^\s*[0-9]{0,4}\s*$")
VARIED_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class SensitivityRequest:
    """What the planner asked for: the swing and the parameters (scaled together per bar)."""

    swing: float = DEFAULT_SWING
    parameters: list[Varied] = field(default_factory=list)


@dataclass
class SweepRequest:
    parameter: str
    values: list[float]
    item: str = ""
    change: str = "set"
    from_year: int | None = None
    to_year: int | None = None


def _parameter_combo(parent: QWidget, currency: str) -> QComboBox:
    combo = QComboBox(parent)
    for parameter in PARAMETERS:
        combo.addItem(parameter.name)
        combo.setItemData(combo.count() - 1, parameter_tooltip(parameter, currency),
                          Qt.ItemDataRole.ToolTipRole)
    combo.setMaxVisibleItems(20)
    return combo


def _fill_items(combo: QComboBox, scenario: Scenario, parameter: str) -> None:
    """The items the parameter takes ('' = every row); disabled when it takes none."""
    found = find_parameter(parameter)
    combo.clear()
    takes = found is not None and found.items is not None
    combo.addItem("" if takes else "(no item)")
    if takes:
        combo.addItems(items_for(scenario, parameter))
    combo.setEnabled(takes)
    combo.setToolTip(f"Blank = every row; or {found.items.words}" if takes and found
                     and found.items else "This parameter takes no item")


class SensitivityDialog(QDialog):
    """Swing and the parameters of the tornado (the defaults of whatif.md, ticked)."""

    def __init__(self, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sensitivity (tornado)")
        self.scenario = scenario
        currency = str(scenario.settings.currency or "USD")
        self.swing = QDoubleSpinBox(self)
        self.swing.setRange(1.0, 90.0)
        self.swing.setDecimals(0)
        self.swing.setSuffix(" %")
        self.swing.setValue(DEFAULT_SWING * 100)
        self.swing.setToolTip("Each parameter is scaled by 1 − swing and by 1 + swing: two "
                              "cases per parameter")
        self.list = QListWidget(self)
        self.list.setToolTip("Ticked parameters get a bar; parameters on one line are "
                             "scaled together")
        for varied in default_parameters(scenario):
            self._add(varied)
        self.parameter = _parameter_combo(self, currency)
        self.item = QComboBox(self)
        self.parameter.currentTextChanged.connect(
            lambda text: _fill_items(self.item, scenario, text))
        _fill_items(self.item, scenario, self.parameter.currentText())
        add = QPushButton("Add", self)
        add.setToolTip("Add this parameter (and item) to the tornado")
        add.clicked.connect(self._on_add_clicked)
        adder = QHBoxLayout()
        adder.addWidget(self.parameter, 2)
        adder.addWidget(self.item, 1)
        adder.addWidget(add)
        form = QFormLayout()
        form.addRow("Swing:", self.swing)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Run")
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #B3261E;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Parameters (each one scaled down and up, Base unchanged):",
                                self))
        layout.addWidget(self.list, 1)
        layout.addLayout(adder)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 440)

    def _add(self, varied: Varied) -> None:
        item = QListWidgetItem(parameter_words("+".join(varied.parameters), varied.item))
        item.setToolTip(f"In the workbook: {varied.title}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        item.setData(VARIED_ROLE, varied)
        self.list.addItem(item)

    def _on_add_clicked(self) -> None:
        item = self.item.currentText() if self.item.isEnabled() else ""
        varied = Varied((self.parameter.currentText(),), item.strip())
        if all(self.list.item(i).data(VARIED_ROLE) != varied for i in range(self.list.count())):
            self._add(varied)

    def request(self) -> SensitivityRequest:
        chosen = [self.list.item(i).data(VARIED_ROLE) for i in range(self.list.count())
                  if self.list.item(i).checkState() == Qt.CheckState.Checked]
        return SensitivityRequest(self.swing.value() / 100.0, chosen)

    def _on_accepted(self) -> None:
        if not self.request().parameters:
            self.error.setText("Tick at least one parameter.")
            return
        self.accept()


class SweepDialog(QDialog):
    """One parameter (item, change, years) over a list of values."""

    def __init__(self, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sweep")
        self.scenario = scenario
        currency = str(scenario.settings.currency or "USD")
        self.parameter = _parameter_combo(self, currency)
        self.item = QComboBox(self)
        self.change = QComboBox(self)
        self.change.addItems(list(CASE_CHANGES))
        self.change.setCurrentText("set")
        self.change.setToolTip("scale multiplies, add adds, set replaces the value")
        self.values = QLineEdit(self)
        self.values.setPlaceholderText("e.g. 50, 100, 150, 200  or  50:300:50")
        self.values.setToolTip("Numbers separated by commas, or START:STOP:STEP (STOP "
                               "included); one case per value")
        self.from_year = QLineEdit(self)
        self.to_year = QLineEdit(self)
        for box, words in ((self.from_year, "blank = start_year"),
                           (self.to_year, "blank = end_year")):
            box.setValidator(QRegularExpressionValidator(YEAR_PATTERN, box))
            box.setPlaceholderText(words)
        self.parameter.currentTextChanged.connect(self._on_parameter_changed)
        self.parameter.setCurrentText("Targets.carbon_price_per_tco2e")
        self._on_parameter_changed(self.parameter.currentText())
        form = QFormLayout()
        form.addRow("Parameter:", self.parameter)
        form.addRow("Item:", self.item)
        form.addRow("Change:", self.change)
        form.addRow("Values:", self.values)
        form.addRow("From year:", self.from_year)
        form.addRow("To year:", self.to_year)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B3261E;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Run")
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 300)

    def _on_parameter_changed(self, text: str) -> None:
        _fill_items(self.item, self.scenario, text)
        found = find_parameter(text)
        yearly = found is not None and found.is_yearly
        for box in (self.from_year, self.to_year):
            box.setEnabled(yearly)
            if not yearly:
                box.clear()

    def request(self) -> SweepRequest:
        """The sweep asked for; PlannerError in plain words when something is amiss."""
        parameter = self.parameter.currentText().strip()
        if find_parameter(parameter) is None:
            raise PlannerError(f'"{parameter}" is not a parameter a case can change')
        values = parse_values(self.values.text())
        years = []
        for box, name in ((self.from_year, "from year"), (self.to_year, "to year")):
            text = box.text().strip()
            years.append(int(text) if text else None)
            if text and not 1900 <= int(text) <= 2300:
                raise PlannerError(f"the {name} must be a year between 1900 and 2300")
        item = self.item.currentText().strip() if self.item.isEnabled() else ""
        return SweepRequest(parameter, values, item, normalize(self.change.currentText()),
                            years[0], years[1])

    def _on_accepted(self) -> None:
        try:
            self.request()
        except PlannerError as error:
            text = str(error).replace("--values", "The values")
            self.error.setText(text[:1].upper() + text[1:] + ".")
            return
        self.accept()


def ask_sensitivity(parent: QWidget | None, scenario: Scenario) -> SensitivityRequest | None:
    """The tornado the planner sets up, or None when cancelled."""
    dialog = SensitivityDialog(scenario, parent)
    return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_sweep(parent: QWidget | None, scenario: Scenario) -> SweepRequest | None:
    """The sweep the planner sets up, or None when cancelled."""
    dialog = SweepDialog(scenario, parent)
    return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
