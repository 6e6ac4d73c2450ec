"""Shared fixtures. GUI tests run offscreen unless --onscreen is given (as in Dangerzone)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# The test run keeps its compiled test files and code in __pycache__ (git-ignored) even where
# PYTHONDONTWRITEBYTECODE is set: otherwise each of the parallel workers rewrites the asserts of
# every test file and compiles the code again on every run, about 4 seconds each.
sys.dont_write_bytecode = False


def pytest_addoption(parser):
    parser.addoption(
        "--onscreen",
        action="store_true",
        default=False,
        help="show GUI test windows on a real display",
    )


def pytest_configure(config):
    if not config.getoption("--onscreen", default=False):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(scope="session")
def _user_data_folders(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("userdata")


@pytest.fixture(autouse=True)
def private_data_dir(_user_data_folders, monkeypatch):
    """Every test gets its own user data folder: no test touches the real autosave. (Made with
    mkdtemp in one folder per session: pytest's mktemp lists its whole folder each time, which
    for a thousand tests cost seconds.)"""
    folder = Path(tempfile.mkdtemp(prefix="userdata-", dir=_user_data_folders))
    monkeypatch.setenv("DECISIONAID_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def real_sources():
    """(sources, problems) read from data/ once: several test files look at them."""
    from decisionaid.catalogue.sources import load_sources
    from decisionaid.paths import source_data_dir

    return load_sources(source_data_dir())


@pytest.fixture(scope="session")
def real_check() -> tuple[int, str]:
    """(exit status, report) of `decisionaid catalogue check` on data/, run once."""
    import io

    from decisionaid.catalogue.check import run_check
    from decisionaid.paths import source_data_dir

    out = io.StringIO()
    return run_check(source_data_dir(), out), out.getvalue()


@pytest.fixture(scope="session")
def catalogue():
    """The real bundled catalogue, verified on open."""
    from decisionaid.catalogue import open_catalogue

    return open_catalogue()


# Treatments in the synthetic catalogue: enough for every kind of option and status; each GUI
# test that reaches the results lays out one card per treatment, so not more.
SYNTHETIC_TREATMENTS = 20


@pytest.fixture(scope="session")
def synthetic_path(tmp_path_factory) -> Path:
    from decisionaid.catalogue.synthetic import write_synthetic_catalogue

    return write_synthetic_catalogue(
        tmp_path_factory.mktemp("syn") / "synthetic.sqlite", SYNTHETIC_TREATMENTS
    )


@pytest.fixture(scope="session")
def synthetic_catalogue(synthetic_path):
    from decisionaid.catalogue import open_catalogue

    return open_catalogue(synthetic_path)
