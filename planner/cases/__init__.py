"""What-if cases as scenario edits: the Cases sheet, its parameters and changes (core, no solver).

Validation checks a Cases sheet with these modules; the what-if runner (planner.whatif)
solves the scenarios they make.
"""
