"""What the sample's input modules share: the horizon, the vessel type, the exchange
rate and the ``source`` column."""

from __future__ import annotations

from typing import Any

SOURCE = "source"  # the unknown column that says where a row's numbers come from
START_YEAR, END_YEAR = 2026, 2050
VESSEL_TYPE = "Container"
USD_PER_EUR = 1.10  # illustrative 2025 exchange rate

Row = dict[object, Any]  # one table row: column key -> cell value
