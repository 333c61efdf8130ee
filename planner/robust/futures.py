"""The Futures sheet as the robust run uses it; read and checked in planner.robust_inputs."""

from planner.robust_inputs.futures import Future, FuturesSheet, read_futures

__all__ = ["Future", "FuturesSheet", "read_futures"]
