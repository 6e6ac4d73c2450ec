"""The README stays true: its test command is what CI runs, and every command is documented."""

import re
from pathlib import Path

from decisionaid.cli import build_parser

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


def test_every_command_and_option_is_documented():
    """Each subcommand and each long option of the command line appears in the README."""
    parser = build_parser()
    options = set(re.findall(r"--[a-z][a-z-]+", parser.format_help()))
    sub_actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    for action in sub_actions:
        for name, sub in action.choices.items():
            assert f"decisionaid {name}" in README or f"decisionaid catalogue {name}" in README, (
                name
            )
            options |= set(re.findall(r"--[a-z][a-z-]+", sub.format_help()))
            for inner in [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]:
                for inner_name, inner_sub in inner.choices.items():
                    assert f"decisionaid {name} {inner_name}" in README, inner_name
                    options |= set(re.findall(r"--[a-z][a-z-]+", inner_sub.format_help()))
    missing = sorted(o for o in options if o not in README and o != "--help")
    assert not missing, missing


def test_readme_has_a_privacy_section_naming_where_data_is_kept():
    """The privacy section says where the autosave lives and how to forget it."""
    privacy = README.split("## Privacy", 1)[1]
    assert "autosave" in privacy and "Forget my answers" in privacy
