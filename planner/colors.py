"""The colours of every chart, the app's and the report's: colour-blind-safe (Okabe-Ito,
Paul Tol's muted set), fixed per cost kind, fuel family and case, as hex strings (Qt-free).

planner.gui.palette turns them into QColors and line styles; planner.board_report draws
its matplotlib charts with them, so a thing has the same colour on screen and on paper.
"""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design": distinguishable in every common form of
# colour blindness.
BLACK, ORANGE, SKY_BLUE, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
YELLOW, BLUE, VERMILLION, PURPLE = "#F0E442", "#0072B2", "#D55E00", "#CC79A7"
# Paul Tol's "muted" scheme: the further colours, also colour-blind-safe.
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
             "#882255", "#AA4499")

COST_COLORS = {
    "capex": BLUE, "offhire": SKY_BLUE, "opex": ORANGE, "fuel": "#8C8C8C",
    "carbon": PURPLE, "penalty": VERMILLION, "salvage": GREEN,
    # the FuelEU penalty dark wine, apart from the ETS's reddish purple beside it
    "fueleu_penalty": TOL_MUTED[7], "fueleu_rfnbo_penalty": TOL_MUTED[5],
    "nzf_tier1": TOL_MUTED[4], "nzf_tier2": TOL_MUTED[0],
}
FAMILY_COLORS = {
    "oil": "#6B6B6B", "lng": SKY_BLUE, "methanol": GREEN, "ammonia": PURPLE,
    "hydrogen": YELLOW, "electricity": ORANGE, "battery": ORANGE,
}
# For families without a colour of their own and for efficiency technologies.
OTHER_COLORS = TOL_MUTED
PLAN_COLOR = BLUE  # the plan, and Base among the cases: a thick solid line
BAU_COLOR = "#8C8C8C"  # business as usual: a dotted grey line
CAP_COLOR = BLACK  # caps: a dashed black line, drawn over the plan where it binds
SHORT_COLOR = VERMILLION  # years short of a hard cap: round markers
SOFT_COLOR = ORANGE  # years above a soft cap: square markers
LOW_COLOR, HIGH_COLOR = BLUE, ORANGE  # tornado: the parameter lowered, raised
EMISSIONS_COLOR = GREEN
CHANGE_COLOR = "#7F7F7F"

# Cases other than Base: colours away from Base's blue and the caps' black, each with
# its own line style, so two cases never differ by colour alone.
CASE_COLORS = (ORANGE, GREEN, PURPLE, VERMILLION, SKY_BLUE, "#882255", "#999933",
               "#332288", "#44AA99", "#CC6677")
