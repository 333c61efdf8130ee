"""The bundled sample's inputs, one sheet family a module: fleet, fuels, technologies,
targets, cases (``planner.sample`` builds the scenario from them)."""
