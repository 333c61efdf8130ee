"""ResultsView: the solved plan at a glance: key figures, diagnosis, charts, schedule and tables."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner import reports, schema
from planner.gui import charts
from planner.gui.chart_parts import PlanChartView
from planner.gui.compliance_charts import compliance_charts
from planner.gui.results_parts import (
    ChartTabs,
    chart_page,
    charts_over_table,
    clear_page,
    empty_state_label,
    escape_html,
    page_export_target,
    stale_banner,
)
from planner.gui.results_tables import ReadOnlyFrameModel, make_table_view
from planner.gui.schedule_grid import ScheduleGrid
from planner.plan import LIMIT_WORDS, Method, Plan, Status
from planner.reports import format_money, format_number, format_share

STALE_TEXT = ("Out of date: the inputs have changed since this plan was solved. "
              "Solve again (F5) to update it.")
EMPTY_TEXT = "No plan yet. Solve (F5) to find the least-cost plan for this scenario."
GOOD, BAD, NEUTRAL = "#1E7B34", "#B3261E", "#202020"
DIAGNOSIS_MAX_HEIGHT = 200

TAB_EMISSIONS, TAB_COSTS, TAB_FUEL_MIX, TAB_SCHEDULE = ("Emissions", "Costs", "Fuel mix",
                                                        "Retrofit schedule")
TAB_COMPLIANCE = "Compliance"  # per vessel and year, with a regime on (regimes.md)
TAB_VESSELS, TAB_YEARS, TAB_RETROFITS, TAB_FUEL_USE = ("Vessels", "Years", "Retrofits",
                                                       "Fuel use")


class KeyFigureCard(QFrame):
    """One key figure: a small title, the value in large type, a note below."""

    def __init__(self, title: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyFigureCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#keyFigureCard { background: #FAFAFA; border: 1px solid #D8D8D8;"
                           " border-radius: 6px; }")
        self.setToolTip(tooltip)
        self.title_label = QLabel(title, self)
        self.title_label.setStyleSheet("color: #5F5F5F;")
        self.value_label = QLabel(self)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() + 5)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_label = QLabel(self)
        self.note_label.setStyleSheet("color: #5F5F5F;")
        self.note_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        for label in (self.title_label, self.value_label, self.note_label):
            layout.addWidget(label)
        layout.addStretch(1)  # cards stretched to the tallest keep their text at the top
        # Preferred height: the cards of a row stretch to the tallest one.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_figure(self, value: str, note: str = "", color: str = NEUTRAL) -> None:
        self.value_label.setText(value)
        self.value_label.setStyleSheet(f"color: {color};")
        self.note_label.setText(note)

    @property
    def value(self) -> str:
        return self.value_label.text()

    @property
    def note(self) -> str:
        return self.note_label.text()


STATUS_LABELS = {
    Status.OPTIMAL: "Least-cost plan", Status.FEASIBLE: "Plan (solver stopped early)",
    Status.INFEASIBLE: "Caps cannot be met (closest plan shown)",
    Status.INVALID: "No plan: the inputs have errors", Status.ERROR: "No plan: the solve failed",
}


def _status_words(plan: Plan) -> str:
    if plan.status is Status.OPTIMAL:
        gap = f", within {format_share(plan.gap, 2)} of the optimum" if plan.gap else ""
        return f"Least-cost plan (optimal{gap})"
    if plan.status is Status.FEASIBLE:
        gap = f" {format_share(plan.gap, 2)}" if plan.gap is not None else ""
        return (f"Best plan found before the solver stopped (gap{gap or ' unknown'}): "
                "a cheaper plan may exist")
    if plan.status is Status.INFEASIBLE:
        return "The caps cannot be met: this is the plan that comes closest"
    return plan.message or str(plan.status)


def diagnosis_html(plan: Plan, currency: str) -> str:
    """The diagnosis as a short headline and one bullet per short year."""
    diagnosis = plan.diagnosis
    if diagnosis is None:
        return ""
    years = ", ".join(str(y.year) for y in diagnosis.years)
    limits = [LIMIT_WORDS[name] for name in diagnosis.limits]
    lines = [f"<b>The caps cannot be met</b>: at best the fleet emits "
             f"{format_number(diagnosis.shortfall_total, 0, 'tCO2e')} more than the hard caps "
             f"allow in total{f' (in {years})' if years else ''}."]
    if limits:
        lines.append("Limits to lift: <b>" + ", ".join(limits) + "</b>.")
    items = "".join(f"<li>{escape_html(sentence)}</li>" for sentence in diagnosis.sentences(currency))
    return "<p>" + " ".join(lines) + f"</p><ul style='margin-left: 12px'>{items}</ul>"


class DiagnosisBox(QTextBrowser):
    """The diagnosis text, as tall as its text up to DIAGNOSIS_MAX_HEIGHT (then it scrolls)."""

    def setHtml(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setHtml(text)
        self._fit_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        text = self.document()
        text.setTextWidth(self.viewport().width())
        height = min(int(text.size().height()) + 2 * self.frameWidth() + 4,
                     DIAGNOSIS_MAX_HEIGHT)
        if height != self.height():
            self.setFixedHeight(height)


class ResultsView(QWidget):
    """Shows the document's plan; marks it out of date when the inputs change."""

    def __init__(self, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._currency = ""
        self.chart_views: dict[str, PlanChartView] = {}
        self._build()
        document.plan_changed.connect(self._on_document_plan_changed)
        document.scenario_changed.connect(self._on_document_scenario_changed)
        if hasattr(document, "plan_stale_changed"):
            document.plan_stale_changed.connect(self._on_document_plan_stale_changed)
        self.refresh()

    # --- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        self.stale_banner = stale_banner(STALE_TEXT, "staleBanner", self)
        self.empty_label = empty_state_label(EMPTY_TEXT, self)
        self.headline_label = QLabel(self)
        self.headline_label.setWordWrap(True)
        self.headline_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cards = {
            "npv": KeyFigureCard("Net present cost", "Discounted costs minus salvage over "
                                 "the horizon (the objective)"),
            "vs_bau": KeyFigureCard("Against business as usual", "Net present cost of the "
                                    "plan minus that of business as usual (no retrofits, "
                                    "baseline fuels, caps ignored)"),
            "abatement": KeyFigureCard("Abatement cost", "Extra net present cost per tCO2e "
                                       "avoided against business as usual (BAU)"),
            "emissions": KeyFigureCard("Cumulative emissions", "Emissions over the horizon, "
                                       "by the caps' scope"),
            "short": KeyFigureCard("Years above a cap", "Two counts: years short of a hard "
                                   "cap (the caps cannot be met) and years above a soft "
                                   "cap (the penalty is paid)"),
            "retrofits": KeyFigureCard("Retrofits", "Technologies installed over the horizon"),
        }
        cards_row = QHBoxLayout()
        cards_row.setSpacing(8)
        for card in self.cards.values():
            cards_row.addWidget(card)
        self.diagnosis_box = DiagnosisBox(self)
        self.diagnosis_box.setObjectName("diagnosisBox")
        self.diagnosis_box.setOpenLinks(False)
        self.diagnosis_box.setStyleSheet("#diagnosisBox { background: #FDECEA; "
                                         "border: 1px solid #E6A19B; border-radius: 4px; }")
        self.tabs = ChartTabs(self.exportable_widget, self)
        self.save_png_button = self.tabs.save_png_button
        self._build_tabs()

        self.content = QWidget(self)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.headline_label)
        content_layout.addLayout(cards_row)
        content_layout.addWidget(self.diagnosis_box)
        content_layout.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale_banner)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.content, 1)

    def _build_tabs(self) -> None:
        self.chart_pages: dict[str, QWidget] = {}
        for name in (TAB_EMISSIONS, TAB_COSTS, TAB_FUEL_MIX):
            page = chart_page()
            self.chart_pages[name] = page
            self.tabs.addTab(page, name)
        self.schedule_grid = ScheduleGrid()
        scroll = QScrollArea()
        scroll.setWidget(self.schedule_grid)
        scroll.setWidgetResizable(True)  # the grid widens its cells when there is room
        scroll.setStyleSheet("QScrollArea { background: white; }")
        self.tabs.addTab(scroll, TAB_SCHEDULE)
        self.table_models = {
            TAB_VESSELS: ReadOnlyFrameModel(reports.PER_VESSEL_COLUMNS, parent=self),
            TAB_YEARS: ReadOnlyFrameModel(schema.PLAN_ANNUAL.columns, parent=self),
            TAB_RETROFITS: ReadOnlyFrameModel(with_ship_name(schema.PLAN_RETROFITS.columns),
                                              parent=self),
            TAB_FUEL_USE: ReadOnlyFrameModel(with_ship_name(schema.PLAN_FUEL_USE.columns),
                                             parent=self),
            TAB_COMPLIANCE: ReadOnlyFrameModel(with_ship_name(schema.PLAN_COMPLIANCE.columns),
                                               parent=self),
        }
        self.table_views: dict[str, QTableView] = {}
        for name, model in self.table_models.items():
            view = make_table_view(model, self)
            self.table_views[name] = view
            if name == TAB_COMPLIANCE:  # compliance at a glance: the charts above the table
                self.chart_pages[name] = chart_page()
                self.tabs.addTab(charts_over_table(self.chart_pages[name], view), name)
            else:
                self.tabs.addTab(view, name)

    # --- updating -------------------------------------------------------------------
    @property
    def currency(self) -> str:
        return str(self.document.scenario.settings.currency or "USD")

    def refresh(self) -> None:
        """Show the document's plan (or the empty state) from scratch."""
        plan = self.document.plan
        self._currency = self.currency
        shown = plan is not None and plan.has_plan
        self.empty_label.setVisible(not shown)
        self.content.setVisible(shown)
        if plan is not None and not shown:
            self.empty_label.setText(f"{plan.message or 'The last solve found no plan.'}\n\n"
                                     + EMPTY_TEXT)
        else:
            self.empty_label.setText(EMPTY_TEXT)
        self._update_banner()
        if not shown:
            self._clear_charts()
            self.schedule_grid.set_plan(None, None, self._currency)
            for model in self.table_models.values():
                model.set_frame(None, self._currency)
            return
        self._show_headline(plan)
        self._show_cards(plan)
        html = diagnosis_html(plan, self._currency) if plan.status is Status.INFEASIBLE else ""
        self.diagnosis_box.setHtml(html)
        self.diagnosis_box.setVisible(bool(html))
        self._show_charts(plan)
        self.schedule_grid.set_plan(plan, self.document.scenario, self._currency)
        self._show_tables(plan)
        self.tabs.update_save_button()

    def _update_banner(self) -> None:
        self.stale_banner.setVisible(self.document.plan is not None
                                     and bool(self.document.plan_stale))

    def _show_headline(self, plan: Plan) -> None:
        parts = [_status_words(plan)]
        if plan.solver:
            parts.append(f"solver {Method.words_of(plan.solver.lower())}")
        if plan.provenance:
            parts.append(plan.provenance)
        if plan.solve_seconds:
            parts.append(f"{plan.solve_seconds:,.1f} s")
        if plan.solved_at:
            parts.append(f"solved {solved_at_words(plan.solved_at)}")
        self.headline_label.setText(" · ".join(parts))
        color = BAD if plan.status is Status.INFEASIBLE else NEUTRAL
        self.headline_label.setStyleSheet(f"color: {color}; font-weight: bold;")

    def _show_cards(self, plan: Plan) -> None:
        figures = reports.key_figures(plan)
        currency = self._currency
        bau_note = f"BAU: {format_money(figures['bau_npv'], currency)}"
        if plan.has_regimes and plan.objective_literal is not None:  # regimes.md
            bau_note += (f"; with the literal FuelEU penalty "
                         f"{format_money(plan.objective_literal, currency)}")
        self.cards["npv"].set_figure(
            format_money(figures["npv"], currency),
            f"closest plan; {bau_note}" if figures["npv_is_elastic"] else bau_note)
        difference = figures["npv_vs_bau"]
        share = figures["npv_vs_bau_share"]
        self.cards["vs_bau"].set_figure(
            format_money(difference, currency, signed=True),
            "" if share is None else
            f"{format_share(abs(share))} {'more' if share > 0 else 'less'} than BAU")
        abatement = figures["abatement_cost"]
        avoided = figures["emissions_avoided_tco2e"]
        if abatement is not None:
            note = "per tCO2e avoided" + (" (closest plan)" if figures["npv_is_elastic"]
                                          else "")
        else:
            note = "no emissions avoided" if avoided is not None and avoided <= 0 else ""
        self.cards["abatement"].set_figure(format_number(abatement, 0, f"{currency}/tCO2e"),
                                           note)
        avoided_share = figures["emissions_avoided_share"]
        self.cards["emissions"].set_figure(
            format_number(figures["cumulative_emissions_tco2e"], 0, "tCO2e"),
            "" if avoided_share is None else
            f"{format_share(abs(avoided_share))} {'below' if avoided_share >= 0 else 'above'} BAU")
        self._show_short_card(figures)
        self.cards["retrofits"].set_figure(
            str(figures["retrofit_count"]),
            f"{format_money(figures['retrofit_capex'], currency)} invested")

    def _show_short_card(self, figures: dict[str, Any]) -> None:
        """Both counts, named: years short of a hard cap and years above a soft cap (the
        emissions chart marks the same years)."""
        card = self.cards["short"]
        hard = list(figures["shortfall_years"])
        soft = [year for year in figures["years_over_cap"] if year not in set(hard)]
        if not hard and not soft:
            card.set_figure("None", "every cap is met", GOOD)
            return
        notes = []
        if hard:
            notes.append(f"short of a hard cap: {year_ranges(hard)}")
        if soft:
            notes.append(f"above a soft cap: {year_ranges(soft)} (penalty "
                         f"{format_money(figures['penalty_total'], self._currency)})")
        # red only for a hard cap missed: a soft cap passed is paid for, as the plan chose
        card.set_figure(f"{len(hard)} hard · {len(soft)} soft", "; ".join(notes),
                        BAD if hard else NEUTRAL)

    def _clear_charts(self) -> None:
        for page in self.chart_pages.values():
            clear_page(page)
        self.chart_views = {}

    def _show_charts(self, plan: Plan) -> None:
        self._clear_charts()
        families = reports.fuel_families(self.document.scenario)
        built = {"emissions": charts.emissions_chart(plan)}
        if charts.has_intensity_caps(plan):
            built["intensity"] = charts.intensity_chart(plan)
        built["costs"] = charts.costs_chart(plan, self._currency)
        built["fuel_mix"] = charts.fuel_mix_chart(plan, families)
        pages = {"emissions": TAB_EMISSIONS, "intensity": TAB_EMISSIONS, "costs": TAB_COSTS,
                 "fuel_mix": TAB_FUEL_MIX}
        for view in compliance_charts(plan, self._currency):
            built[view.stem] = view
            pages[view.stem] = TAB_COMPLIANCE
        for name, view in built.items():
            self.chart_pages[pages[name]].addWidget(view)
        self.chart_views = built
        compliance = self.chart_pages[TAB_COMPLIANCE]
        compliance.setVisible(compliance.count() > 0)  # no regime: the table alone

    def _show_tables(self, plan: Plan) -> None:
        frames = {
            TAB_VESSELS: reports.per_vessel(plan, self.document.scenario),
            TAB_YEARS: plan.annual,
            TAB_RETROFITS: self._named(plan.retrofits.sort_values(["year", "vessel_id"],
                                                                  kind="stable")
                                       if not plan.retrofits.empty else plan.retrofits),
            TAB_FUEL_USE: self._named(plan.fuel_use),
            TAB_COMPLIANCE: self._named(plan.compliance),
        }
        for name, frame in frames.items():
            self.table_models[name].set_frame(frame, self._currency)
            view = self.table_views[name]
            view.resizeColumnsToContents()
            for column in range(self.table_models[name].columnCount()):
                view.setColumnWidth(column, min(max(view.columnWidth(column), 80), 320))

    def _named(self, frame: Any) -> Any:
        """The frame with each vessel's name beside its id (from the Fleet sheet)."""
        names = reports.vessel_names(self.document.scenario)
        return frame.assign(name=[names.get(str(v).strip(), "") for v in frame["vessel_id"]])

    def exportable_widget(self) -> tuple[QWidget, str] | None:
        """The current tab's chart (or charts) and a file name stem; None for a table."""
        name = self.tabs.tabText(self.tabs.currentIndex())
        if name == TAB_SCHEDULE:
            return self.schedule_grid, self.schedule_grid.stem
        return page_export_target(self.chart_pages.get(name), name.lower().replace(" ", "-"))

    # --- slots ----------------------------------------------------------------------
    @Slot()
    def _on_document_plan_changed(self) -> None:
        self.refresh()

    @Slot()
    def _on_document_scenario_changed(self) -> None:
        if self.document.plan is not None and self.currency != self._currency:
            self.refresh()  # money labels follow the scenario's currency
        else:
            self._update_banner()

    @Slot(bool)
    def _on_document_plan_stale_changed(self, _stale: bool) -> None:
        self._update_banner()


def with_ship_name(columns: tuple[schema.Column, ...]) -> list[schema.Column]:
    """A plan table's columns with the Fleet's ship name after the vessel id."""
    shown = list(columns)
    shown.insert(1, schema.FLEET.column("name"))
    return shown


def year_ranges(years: list[int]) -> str:
    """``[2040, 2041, 2042, 2046]`` -> ``'2040–2042, 2046'``."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def solved_at_words(stamp: str) -> str:
    """``'2026-11-24T05:14:42+00:00'`` -> ``'24 Nov 2026 05:14 UTC'`` (as given if unreadable)."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    zone = " UTC" if when.utcoffset() == timedelta(0) else ""
    return when.strftime("%d %b %Y %H:%M").lstrip("0") + zone
