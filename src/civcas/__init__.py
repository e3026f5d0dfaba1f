"""civcas: monitoring and assessing civilian harm from military operations."""

__version__ = "0.1.0"
