"""The version, read from the package metadata (pyproject.toml is the one place it is set)."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("fleet-transition-planner")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
