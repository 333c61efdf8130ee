"""The desktop app (PySide6): the only package of the planner that imports Qt."""
