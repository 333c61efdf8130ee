"""The sheets of robust planning, read and checked: Futures, Uncertainty and the robust
Settings rows (robust.md). Below validation, which runs their checks; planner.robust reads
them to solve."""
