"""The command line: readable output, documented JSON, and one clear line for every bad input."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from decisionaid.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sample-answers.json"


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_recommend_prints_a_readable_table(capsys):
    """The table shows the three groups, waiting, and says it is not a diagnosis."""
    code, out, _ = run(capsys, "recommend", str(EXAMPLE))
    assert code == 0
    for heading in ("FITS YOUR ANSWERS", "DISCUSS WITH CARE", "NOT FOR YOU"):
        assert heading in out
    assert "No treatment" in out and "Not a diagnosis" in out


def test_recommend_json_has_the_documented_shape(capsys, catalogue):
    """--json prints catalogue and options with the documented fields for every treatment."""
    code, out, _ = run(capsys, "recommend", str(EXAMPLE), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["catalogue"] == {
        "version": catalogue.meta.version,
        "reviewed": catalogue.meta.reviewed,
    }
    assert len(data["options"]) == len(catalogue.treatments)
    for option in data["options"]:
        assert option["status"] in ("suitable", "caution", "excluded")
        assert option["evidence"] in ("high", "moderate", "low", "very_low", "none")
        assert all(isinstance(r["kind"], str) and r["text"] for r in option["reasons"])
        for key in ("cost_upfront_usd", "cost_yearly_usd"):
            assert option[key] is None or (
                len(option[key]) == 2 and option[key][0] <= option[key][1]
            )
        assert option["summary"] and all("citation" in ref for ref in option["references"])


@pytest.mark.parametrize(
    "content, field",
    [
        ("{not json", "not valid JSON"),
        (
            '{"format": "decisionaid-answers", "version": 1, "hair_loss_type": "male_pattern", "age": -4, '
            '"sex": "male", "budget": {"upfront_usd": 1, "yearly_usd": 1}, "risk_tolerance": "low", "conditions": []}',
            "age",
        ),
        ('{"format": "decisionaid-answers", "version": 9}', "version"),
        (
            '{"format": "decisionaid-answers", "version": 1, "hair_loss_type": "male_pattern", "age": 30, '
            '"sex": "male", "budget": {"upfront_usd": 1, "yearly_usd": 1}, "risk_tolerance": "low", '
            '"conditions": ["werewolf"]}',
            "conditions[0]",
        ),
    ],
)
def test_bad_answers_file_gives_one_line_and_non_zero_exit(capsys, tmp_path, content, field):
    """A bad file: one message naming the file and the field, exit 1, no traceback."""
    path = tmp_path / "bad.json"
    path.write_text(content)
    code, out, err = run(capsys, "recommend", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "bad.json" in err and field in err
    assert "Traceback" not in err


def test_missing_answers_file(capsys, tmp_path):
    """A file that does not exist is named in one line."""
    code, _, err = run(capsys, "recommend", str(tmp_path / "nope.json"))
    assert code == 1 and "does not exist" in err


def test_damaged_catalogue_gives_one_line(capsys, tmp_path, synthetic_path):
    """--catalogue pointing at a damaged file: one line on stderr and exit 1."""
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(synthetic_path.read_bytes()[:3000])
    code, _, err = run(capsys, "recommend", str(EXAMPLE), "--catalogue", str(bad))
    assert code == 1 and err.count("\n") == 1 and "bad.sqlite" in err


def test_catalogue_commands(capsys, tmp_path):
    """path, list, list --json and build work. (check on data/: the slow twin below; the
    default run checks data/ once (the real_check fixture) and runs check on a broken copy.)"""
    code, out, _ = run(capsys, "catalogue", "path")
    assert code == 0 and out.strip().endswith("catalogue.sqlite")
    code, out, _ = run(capsys, "catalogue", "list")
    assert code == 0 and "watchful_waiting" in out and "pregnant" in out
    code, out, _ = run(capsys, "catalogue", "list", "--json")
    listing = json.loads(out)
    assert {"treatments", "hair_loss_types", "conditions"} <= set(listing)
    code, out, _ = run(capsys, "catalogue", "build", "--output", str(tmp_path / "c.sqlite"))
    assert code == 0 and (tmp_path / "c.sqlite").exists()


@pytest.mark.slow  # reading levels of every text in data/: over a second
def test_catalogue_check_command_passes_on_the_sources(capsys):
    code, out, _ = run(capsys, "catalogue", "check")
    assert code == 0 and "median" in out and "No problems found." in out


def test_catalogue_check_lists_problems_and_fails(capsys, tmp_path):
    """check exits non-zero with a list of problems (here: a condition that does not exist)."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    path = data / "treatments" / "prp.toml"
    path.write_text(
        path.read_text().replace('condition = "low_platelets"', 'condition = "no_such_thing"')
    )
    (data / "references" / "orphan.toml").write_text(
        'id = "orphan"\ncitation = "x"\nurl = "https://example.invalid"\naccessed = "2026-11-21"\n'
        'kind = "other"\nconflict_of_interest = "None"\n'
    )
    code, out, _ = run(capsys, "catalogue", "check", "--source", str(data))
    assert code == 1
    assert "no_such_thing" in out and "orphan" in out


def test_top_level_catalogue_option_is_kept_by_subcommands(capsys, synthetic_path):
    """`decisionaid --catalogue X recommend …` uses X (a subcommand must not reset it)."""
    code, out, _ = run(
        capsys, "--catalogue", str(synthetic_path), "recommend", str(EXAMPLE), "--json"
    )
    assert code == 0 and json.loads(out)["catalogue"]["version"].startswith("synthetic")


@pytest.mark.slow  # writing 1,000 treatments takes seconds; the same command runs on the
# synthetic and real catalogues in the default run
def test_recommend_works_on_a_big_synthetic_catalogue(capsys, tmp_path):
    """`recommend --catalogue BIG.sqlite` works on a generated catalogue of 1,000 treatments."""
    from decisionaid.catalogue.synthetic import write_synthetic_catalogue

    big = write_synthetic_catalogue(tmp_path / "big.sqlite", 1000)
    code, out, _ = run(capsys, "recommend", str(EXAMPLE), "--catalogue", str(big), "--json")
    assert code == 0 and len(json.loads(out)["options"]) == 1001


def test_python_dash_m_runs_the_same_command():
    """`python -m decisionaid` is the same program as `decisionaid`."""
    proc = subprocess.run(
        [sys.executable, "-m", "decisionaid", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and "DecisionAid" in proc.stdout


def test_export_writes_a_pdf(capsys, tmp_path):
    """export writes the consultation summary PDF."""
    pytest.importorskip("decisionaid.report.pdf")
    out_path = tmp_path / "summary.pdf"
    code, _, err = run(capsys, "export", str(EXAMPLE), "-o", str(out_path))
    assert code == 0, err
    assert out_path.read_bytes().startswith(b"%PDF")


def test_export_to_an_impossible_place_gives_one_line(capsys, tmp_path):
    """Exporting under a path that is a file: one clear line, nothing written."""
    pytest.importorskip("decisionaid.report.pdf")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "export", str(EXAMPLE), "-o", str(blocker / "s.pdf"))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("action", ["build", "check"])
def test_catalogue_author_tools_missing_get_one_clear_line(capsys, monkeypatch, action):
    """Installed without the catalogue extra, build and check name the extra to install."""
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("sqlite_utils", "textstat") else real_find_spec(name, *a),
    )
    code, out, err = run(capsys, "catalogue", action)
    assert code == 1
    assert "decisionaid[catalogue]" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_runtime_dependencies_leave_out_the_author_tools():
    """The app needs Qt, reportlab and platformdirs; sqlite-utils and textstat are an extra."""
    import tomllib

    project = tomllib.loads((EXAMPLE.parent.parent / "pyproject.toml").read_text())["project"]
    runtime = " ".join(project["dependencies"])
    assert "sqlite-utils" not in runtime and "textstat" not in runtime
    assert any("sqlite-utils" in d for d in project["optional-dependencies"]["catalogue"])


def test_qt_options_and_a_document_go_to_the_app(monkeypatch, tmp_path):
    """`decisionaid -platform xcb` passes Qt's options to Qt; `decisionaid FILE` opens it."""
    import decisionaid.gui.app as gui_app
    from decisionaid import cli

    assert cli.split_qt_options(["-platform", "xcb", "-reverse", "recommend", "a.json"]) == (
        ["-platform", "xcb", "-reverse"],
        ["recommend", "a.json"],
    )
    assert cli.split_qt_options(["--style=fusion", "-platform=offscreen"]) == (
        ["-style=fusion", "-platform=offscreen"],
        [],
    )
    calls = []
    monkeypatch.setattr(gui_app, "run_app", lambda **kw: calls.append(kw) or 0)
    assert cli.main(["-platform", "xcb"]) == 0
    assert calls[-1]["qt_args"] == ["-platform", "xcb"] and calls[-1]["document"] is None
    saved = tmp_path / "my answers.decisionaid"
    saved.write_text("{}")
    assert cli.main([str(saved), "-style", "fusion"]) == 0
    assert calls[-1]["document"] == str(saved) and calls[-1]["qt_args"] == ["-style", "fusion"]


def test_catalogue_check_without_a_source_folder_says_so(tmp_path, capsys):
    """As after `pip install .`: no data/ folder gives a clear message, not a failure inside."""
    from decisionaid import cli

    missing = tmp_path / "no-data"
    assert cli.main(["catalogue", "check", "--source", str(missing)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "no catalogue source folder" in err and "--source DIR" in err
    assert "Traceback" not in err
