"""Helpers for end-to-end tests: an isolated installation driven through the real CLI."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from civcas.cli import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


class Installation:
    """A civcas installation in a temporary folder, configured through CIVCAS_* variables."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.runner = CliRunner()

    def cli(self, *args: str, ok: bool = True) -> Result:
        result = self.runner.invoke(app, list(args))
        if ok:
            assert result.exit_code == 0, f"civcas {' '.join(args)} failed:\n{result.output}"
        return result
