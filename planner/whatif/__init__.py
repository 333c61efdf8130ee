"""What-if analysis (whatif.md): cases, their parallel runs, regret, sensitivity and sweeps."""

from __future__ import annotations
