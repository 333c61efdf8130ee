"""Compliance regimes (FuelEU Maritime, EU ETS, IMO Net-Zero Framework): rules and inputs, Qt- and solver-free."""
