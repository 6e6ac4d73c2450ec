"""Answers are health data: a full session opens no network connection."""

import subprocess
import sys
import textwrap

import pytest

GUARD = textwrap.dedent(r"""
    import socket, sys
    attempts = []
    real_socket = socket.socket

    class NoNetwork(real_socket):
        def connect(self, address):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                attempts.append(address)
                raise OSError("network blocked by test")
            return super().connect(address)
        connect_ex = connect
        def sendto(self, *args):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                attempts.append(args[-1])
                raise OSError("network blocked by test")
            return super().sendto(*args)

    def no_lookup(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("network blocked by test")

    socket.socket = NoNetwork
    socket.getaddrinfo = no_lookup
    socket.create_connection = lambda *a, **k: no_lookup(*a)
    import atexit
    atexit.register(lambda: attempts and sys.stderr.write(f"NETWORK ATTEMPTS: {attempts}\n"))
""")


def run_blocked(code: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", GUARD + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.slow  # a whole session in a child process
def test_full_session_makes_no_network_connection(tmp_path):
    """Questionnaire → results → PDF (the self-test) with sockets blocked: no attempt at all."""
    pytest.importorskip("decisionaid.gui.selftest")
    proc = run_blocked(
        """
        from decisionaid.cli import main
        code = main(["--self-test"])
        sys.stderr.flush()
        raise SystemExit(code)
    """,
        tmp_path,
    )
    assert "NETWORK ATTEMPTS" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow  # a whole session in a child process
def test_command_line_session_makes_no_network_connection(tmp_path):
    """recommend, export and catalogue check with sockets blocked: no attempt at all."""
    (tmp_path / "a.json").write_text(
        open(
            __import__("pathlib").Path(__file__).parent.parent / "examples" / "sample-answers.json"
        ).read()
    )
    proc = run_blocked(
        """
        from decisionaid.cli import main
        codes = [main(["recommend", "a.json", "--json"]), main(["catalogue", "check"])]
        try:
            import decisionaid.report.pdf
            codes.append(main(["export", "a.json", "-o", "s.pdf"]))
        except ImportError:
            pass
        raise SystemExit(max(codes))
    """,
        tmp_path,
    )
    assert "NETWORK ATTEMPTS" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
