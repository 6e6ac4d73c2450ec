"""A small valid copy of the catalogue sources (data/) for tests that break one thing in it.

The copy keeps every hair-loss type and condition, a few treatments and their components, chosen to have
each kind of table (a known cost, numbers per 100, alopecia areata rows with an extent, a
component only some clinics use, a relaxation), the offers data naming only those treatments (and a few of its claim patterns),
and only the references still used. Loading it takes a fraction of the time the whole of data/
takes, so each broken copy can be loaded on its own.

Files are held parsed (``Tree``) so that a test edits values, not text, and written back with
``dumps``, a TOML writer for the plain values the sources use.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tomllib
from pathlib import Path

from decisionaid.catalogue.sources import load_sources

DATA = Path(__file__).resolve().parents[2] / "data"
TREATMENTS = (
    "minoxidil_topical",
    "steroid_injections",
    "topical_adsc_extract",
    "growth_factor_serums",
)
PATTERNS = 3  # claim patterns kept of the offers data

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_tables(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(path: list[str], table: dict, out: list[str]) -> None:
    for key, value in table.items():
        if not isinstance(value, dict) and not _is_tables(value):
            out.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        here = [*path, _key(key)]
        if isinstance(value, dict):
            out += ["", f"[{'.'.join(here)}]"]
            _table(here, value, out)
        elif _is_tables(value):
            for item in value:
                out += ["", f"[[{'.'.join(here)}]]"]
                _table(here, item, out)


def dumps(data: dict) -> str:
    """TOML text that ``tomllib`` reads back as ``data``."""
    out: list[str] = []
    _table([], data, out)
    return "\n".join(out) + "\n"


class Tree:
    """Source files by path relative to the data folder: parsed TOML (dict) or raw bytes.

    A copy (``copy``) shares its files with the original until one is looked up, so a test
    pays only for the files it changes."""

    def __init__(self, files: dict[str, dict | bytes], base: Tree | None = None):
        self.files = files
        self.base = base
        self.touched: set[str] = set()

    def __getitem__(self, rel: str) -> dict:
        if self.base is not None and rel not in self.touched:
            self.files[rel] = copy.deepcopy(self.files[rel])
            self.touched.add(rel)
        return self.files[rel]

    def __setitem__(self, rel: str, value: dict | bytes) -> None:
        self.files[rel] = value
        self.touched.add(rel)

    def __delitem__(self, rel: str) -> None:
        del self.files[rel]

    def remove_folder(self, folder: str) -> None:
        for rel in [r for r in self.files if r.startswith(folder + "/")]:
            del self.files[rel]

    def rename(self, old: str, new: str) -> None:
        self[new] = self[old]
        del self[old]

    def copy(self) -> Tree:
        return Tree(dict(self.files), base=self)

    def write_over(self, base_folder: Path, root: Path) -> Path:
        """Write this copy into ``root``, given ``base_folder`` where the original was written:
        a folder with no change is a symbolic link to the original's, an unchanged file in a
        changed folder a hard link, and only the changed files are written (few files are made:
        pytest removes old temporary folders file by file)."""
        base = self.base.files if self.base is not None else {}
        changed = {
            rel
            for rel in self.touched
            if rel in self.files and repr(base.get(rel)) != repr(self.files[rel])
        }
        changed |= base.keys() - self.files.keys()  # removed
        dirty = {rel.split("/", 1)[0] for rel in changed}
        root.mkdir(parents=True)
        for entry in sorted({rel.split("/", 1)[0] for rel in base}):
            if entry not in dirty:
                (root / entry).symlink_to(base_folder / entry)
        for rel, content in self.files.items():
            if rel.split("/", 1)[0] not in dirty:
                continue
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if rel in changed:
                Tree({rel: content}).write(root)
            else:
                os.link(base_folder / rel, path)
        return root

    def write(self, root: Path) -> Path:
        for rel, content in self.files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(dumps(content), encoding="utf-8")
        return root


def read_tree(data: Path = DATA) -> Tree:
    return Tree(
        {
            path.relative_to(data).as_posix(): tomllib.loads(path.read_text(encoding="utf-8"))
            for path in sorted(data.glob("**/*.toml"))
        }
    )


def mini_tree(work: Path) -> Tree:
    """The small valid copy (``work`` is a scratch folder used to find the unused references)."""
    tree = read_tree()
    for rel in list(tree.files):
        if rel.startswith("treatments/") and Path(rel).stem not in TREATMENTS:
            del tree[rel]
    used = {c for rel, t in tree.files.items() if rel.startswith("treatments/")
            for key in ("components", "components_some_clinics") for c in t.get(key, [])}  # fmt: skip
    for rel in list(tree.files):
        if rel.startswith("components/") and Path(rel).stem not in used:
            del tree[rel]
    claims = tree["offers/claim_patterns.toml"]
    claims["pattern"] = claims["pattern"][:PATTERNS]
    names = tree["offers/product_names.toml"]
    names["name"] = [n for n in names["name"] if n["treatment"] in TREATMENTS]
    _, problems = load_sources(tree.write(work))
    for problem in problems:
        if problem.message == "reference is not used by any fact":
            del tree[problem.where]
    return tree
