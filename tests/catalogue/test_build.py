"""Building the catalogue from data/: the bundled file is what the sources say."""

import pytest

from decisionaid.catalogue.build import BuildError, build_catalogue
from decisionaid.catalogue.store import read_rows
from decisionaid.paths import BUNDLED_CATALOGUE, source_data_dir


def test_bundled_catalogue_matches_the_sources(tmp_path):
    """The shipped SQLite file is up to date with data/ (rebuild with 'decisionaid catalogue build')."""
    checksum = build_catalogue(source_data_dir(), tmp_path / "fresh.sqlite")
    meta, _ = read_rows(BUNDLED_CATALOGUE)
    assert meta["checksum"] == checksum, "run: decisionaid catalogue build"


def test_build_refuses_bad_sources_and_writes_nothing(tmp_path):
    """Sources with problems raise BuildError and leave no output file."""
    (tmp_path / "data").mkdir()
    out = tmp_path / "out.sqlite"
    with pytest.raises(BuildError) as err:
        build_catalogue(tmp_path / "data", out)
    assert err.value.problems
    assert not out.exists()
