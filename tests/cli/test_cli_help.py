from typer.testing import CliRunner

from civcas.cli import app

runner = CliRunner()
COMMANDS = ["ingest", "extract", "incidents", "show", "assess", "export", "init", "serve", "user", "audit"]


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_each_command_has_help_with_an_example() -> None:
    for name in ["ingest", "extract", "incidents", "show", "assess", "export", "init", "serve"]:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example: civcas" in result.output, name
    for group, sub in [("user", "add"), ("user", "token"), ("audit", "verify")]:
        result = runner.invoke(app, [group, sub, "--help"])
        assert "Example: civcas" in result.output, f"{group} {sub}"
