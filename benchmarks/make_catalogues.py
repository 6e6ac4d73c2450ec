"""Write synthetic catalogues (valid, checksummed, clearly fake) for the benchmarks.

    python benchmarks/make_catalogues.py 1000 10000     # writes benchmarks/out/synthetic-N.sqlite

`decisionaid recommend ANSWERS.json --catalogue benchmarks/out/synthetic-10000.sqlite` opens them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from decisionaid.catalogue.synthetic import write_synthetic_catalogue

OUT = Path(__file__).resolve().parent / "out"


def make(n: int) -> Path:
    path = OUT / f"synthetic-{n}.sqlite"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        write_synthetic_catalogue(path, n)
    return path


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["1000", "10000"]:
        print(make(int(arg)))
