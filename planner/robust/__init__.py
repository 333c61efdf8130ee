"""Robust planning (robust.md): one retrofit schedule to commit to now, good across many futures."""
