"""Compare the start-up of several versions of DecisionAid, paired, in one run.

    git worktree add /tmp/da-before <commit>
    python benchmarks/compare_startup.py --rounds 45 src /tmp/da-before/src

Each round starts the bare PySide6 window (benchmarks/run.py's baseline), then each version's app
through ``python -m decisionaid`` with DECISIONAID_STARTUP_PROBE=1, in an order that rotates from
round to round. Every time is divided by the bare window's time of the same round, and the
medians of those ratios are printed. On a shared or throttled machine the speed drifts from
minute to minute (the bare window alone took 157 to 305 ms within ten minutes here); ratios made
within one round, with the order rotated, drift far less than medians taken run by run.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (benchmarks/ is not a package)

KEYS = ("painted_ms", "ready_ms", "settled_ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+", type=Path, help="a version's src/ folder")
    parser.add_argument("--rounds", type=int, default=45)
    args = parser.parse_args(argv)
    env = run.probe_env()
    commands = {"bare": ([sys.executable, "-c", run.BARE], env)}
    for src in args.sources:
        compileall.compile_dir(str(src / "decisionaid"), quiet=1)
        commands[str(src)] = ([sys.executable, "-m", "decisionaid"], dict(env, PYTHONPATH=str(src)))
    for command, child_env in commands.values():  # warm the file cache
        run.time_child(command, child_env)
    names = [str(src) for src in args.sources]
    ratios: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for i in range(args.rounds):
        bare = run.time_child(*commands["bare"])
        for name in names[i % len(names) :] + names[: i % len(names)]:
            app = run.time_child(*commands[name])
            row = {key: app[key] / bare["painted_ms"] for key in KEYS}
            row["memory"] = app["rss_mb"] / bare["rss_mb"]
            ratios[name].append(row)
    print(f"{args.rounds} rounds; medians of each round's ratio to the bare window")
    print("| version | first paint | ready | settled | peak memory |")
    print("|---|---|---|---|---|")
    for name in names:
        med = {key: statistics.median(row[key] for row in ratios[name]) for key in ratios[name][0]}
        print(
            f"| {name} | {med['painted_ms']:.2f}× | {med['ready_ms']:.2f}× | "
            f"{med['settled_ms']:.2f}× | {med['memory']:.2f}× |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
