"""The `civcas` command line: a thin shell over the service layer."""

from civcas.cli.app import app, main

__all__ = ["app", "main"]
