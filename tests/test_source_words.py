"""The source says what the code does, not how the project was organised while writing it: no
issue numbers, no "agreed interface", no paths to notes outside the repository."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "decisionaid"
PROCESS_WORDS = re.compile(
    r"\bissue \d+|agreed interface|app shell|coord/|decision-aid-standards\.md", re.IGNORECASE
)


def test_no_process_words_in_the_source():
    found = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PROCESS_WORDS.search(line)
    ]
    assert not found, "\n".join(found)
