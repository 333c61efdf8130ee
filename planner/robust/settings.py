"""The robust Settings rows as the run and the app use them; read in planner.robust_inputs."""

from planner.robust_inputs.settings import RobustSettings, robust_settings

__all__ = ["RobustSettings", "robust_settings"]
