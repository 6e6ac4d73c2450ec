"""The README stays true: its test command is what CI runs, and every command is documented."""

import re
from pathlib import Path

import pytest

from decisionaid.cli import main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()


def setup_commands():
    block = README.split("## Set up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second():
    """Two commands: install-and-start, and install-tests-and-run; .ci/run runs the second verbatim."""
    commands = setup_commands()
    assert len(commands) == 2
    assert commands[0].endswith("decisionaid") and "pytest" in commands[1]
    assert commands[1] in (REPO / ".ci" / "run").read_text()


def help_of(capsys, *command) -> str:
    """What `decisionaid COMMAND --help` prints."""
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def commands_in(help_text: str) -> list[str]:
    """The commands a help text lists: the indented names under its COMMAND or ACTION line."""
    block = re.split(r"^  (?:COMMAND|ACTION)\n", help_text, maxsplit=1, flags=re.M)[1]
    block = block.split("\n\n", 1)[0]
    return re.findall(r"^    ([a-z][a-z-]*)", block, flags=re.M)


def test_every_command_and_option_is_documented(capsys):
    """Each subcommand and each long option of the command line appears in the README."""
    top = help_of(capsys)
    options = set(re.findall(r"--[a-z][a-z-]+", top))
    names = commands_in(top)
    assert {"recommend", "export", "check-offer", "catalogue"} <= set(names)
    for name in names:
        assert f"decisionaid {name}" in README, name
        text = help_of(capsys, name)
        options |= set(re.findall(r"--[a-z][a-z-]+", text))
        inner_names = commands_in(text) if re.search(r"^  ACTION$", text, re.M) else []
        for inner in inner_names:
            assert f"decisionaid {name} {inner}" in README, inner
            options |= set(re.findall(r"--[a-z][a-z-]+", help_of(capsys, name, inner)))
    assert {"build", "check", "path", "list"} <= set(commands_in(help_of(capsys, "catalogue")))
    missing = sorted(o for o in options if o not in README and o != "--help")
    assert not missing, missing


def test_readme_has_a_privacy_section_naming_where_data_is_kept():
    """The privacy section says where the autosave lives and how to forget it."""
    privacy = README.split("## Privacy", 1)[1]
    assert "autosave" in privacy and "Forget my answers" in privacy
