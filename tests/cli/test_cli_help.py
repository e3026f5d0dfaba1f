from typer.testing import CliRunner

from civcas.cli import app

runner = CliRunner()
COMMANDS = [
    "ingest",
    "extract",
    "eval",
    "link",
    "eval-link",
    "incidents",
    "show",
    "assess",
    "export",
    "propose",
    "review",
    "verdict",
    "commitments",
    "accountability",
    "report",
    "init",
    "backup",
    "restore",
    "serve",
]
GROUPS = [
    ("user", "add"),
    ("user", "token"),
    ("audit", "verify"),
    ("import", "airwars-incidents"),
    ("incidents", "merge"),
    ("incidents", "split"),
    ("incidents", "relink"),
]


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in [*COMMANDS, "user", "audit", "import"]:
        assert f" {name} " in result.output, name


def test_each_command_has_help_with_an_example() -> None:
    for name in COMMANDS:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example: civcas" in result.output, name
    for group, sub in GROUPS:
        result = runner.invoke(app, [group, sub, "--help"])
        assert result.exit_code == 0, f"{group} {sub}"
        assert "Example: civcas" in result.output, f"{group} {sub}"
