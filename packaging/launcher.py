"""Entry point of the frozen app (PyInstaller): does what the ``decisionaid`` command does.

With no arguments it opens the desktop app; ``DecisionAid --self-test``, ``DecisionAid --version``
and ``DecisionAid catalogue path`` work as from a source checkout.

A windowed build has no console on Windows (and none when macOS starts the app from Finder):
there ``sys.stdout`` and ``sys.stderr`` are ``None``. Then everything the command would print,
followed by a last line ``exit code: N``, goes to a text file instead, so that
``DecisionAid.exe --self-test`` can still be checked by its exit code and its output read:
the file named by ``DECISIONAID_OUTPUT`` if set, else ``last-output.txt`` in the person's data
folder (the same folder as the autosave).
"""

from __future__ import annotations

import os
import sys


def _output_file_path():
    from pathlib import Path

    override = os.environ.get("DECISIONAID_OUTPUT")
    if override:
        return Path(override)
    from decisionaid.paths import user_data_dir

    return user_data_dir() / "last-output.txt"


def _redirect_missing_streams():
    """Give a windowed build somewhere to print; returns the file opened, or None."""
    if sys.stdout is not None and sys.stderr is not None:
        return None
    try:
        path = _output_file_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = open(path, "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - never crash for it
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream
    return stream


def main() -> int:
    stream = _redirect_missing_streams()
    code = 1
    try:
        from decisionaid.cli import main as cli_main

        code = cli_main()
    except SystemExit as exc:  # argparse: --version, --help, usage errors
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    finally:
        if stream is not None:
            print(f"exit code: {code}", file=stream)
            stream.flush()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
