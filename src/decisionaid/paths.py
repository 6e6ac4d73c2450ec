"""Where things live: bundled files (from source, an installed wheel or a frozen build) and the
person's own data folder.

One helper finds bundled files in all three layouts, in the manner of Dangerzone's
``get_resource_path``: a PyInstaller bundle keeps them under ``sys._MEIPASS``; an installed
wheel under the package; a source checkout in the repository's top-level ``resources/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent.parent  # only meaningful in a source checkout
BUNDLED_CATALOGUE = PACKAGE_DIR / "bundled" / "catalogue.sqlite"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "decisionaid" / "resources")
    candidates += [PACKAGE_DIR / "resources", REPO_ROOT / "resources"]
    for root in candidates:
        path = root.joinpath(*parts)
        if path.exists():
            return path
    return candidates[-1].joinpath(*parts)


def bundled_catalogue_path() -> Path:
    """The catalogue in use unless ``--catalogue`` or DECISIONAID_CATALOGUE says otherwise."""
    override = os.environ.get("DECISIONAID_CATALOGUE")
    return Path(override) if override else BUNDLED_CATALOGUE


def source_data_dir() -> Path:
    """The ``data/`` folder of a source checkout (what ``catalogue build`` reads by default)."""
    return REPO_ROOT / "data"


def user_data_dir() -> Path:
    """The person's private data folder (autosave, logs). Created on first use."""
    override = os.environ.get("DECISIONAID_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path("DecisionAid", appauthor=False)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by the person only (0700), and tighten
    it to 0700 if it already exists: the data and log folders hold health data. Raises OSError."""
    path = Path(path)
    missing = []
    parent = path
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):  # every folder made here is private, not only the last
        folder.mkdir(mode=0o700, exist_ok=True)
    if not path.is_dir():
        path.mkdir(mode=0o700)  # raises the right OSError (a file is in the way, ...)
    if os.name == "posix":
        st = path.stat()
        if st.st_mode & 0o077 and st.st_uid == os.getuid():
            path.chmod(0o700)
    return path
