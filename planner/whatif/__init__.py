"""What-if analysis (whatif.md): cases from the Cases sheet, their parallel runs, sensitivity and sweeps."""

from __future__ import annotations
