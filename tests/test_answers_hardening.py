"""The answers loader against special files, huge numbers, duplicate keys and text that cannot
be saved: each is refused with AnswersError naming the file or field,
nothing blocks, and whatever is accepted can be saved and read back."""

import json
import os
import sys
import threading

import pytest

from decisionaid import answers as A
from decisionaid import session
from decisionaid.answers import (
    Answers,
    AnswersError,
    Decision,
    clean_text,
    load_answers,
    loads_answers,
    parse_answers,
    read_limited,
)

VALID = {
    "format": "decisionaid-answers",
    "version": 2,
    "hair_loss_type": "male_pattern",
    "age": 35,
    "sex": "male",
    "budget": {"upfront_usd": 2000, "yearly_usd": 600},
    "risk_tolerance": "low",
    "conditions": [],
}
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev need POSIX")


def text_with(field_text: str) -> str:
    """VALID as JSON text with one raw piece of text spliced in place of the age."""
    return json.dumps(VALID).replace('"age": 35', field_text)


def _in_thread(func, timeout=5.0):
    """Run ``func`` in a thread; fail (rather than hang the suite) if it blocks."""
    outcome = {}

    def run():
        try:
            outcome["value"] = func()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "reading blocked"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


# --- special files ------------------------------------------------------------------------


@POSIX
def test_a_fifo_is_refused_without_blocking(tmp_path):
    """A FIFO is never opened for reading (that would wait for a writer forever)."""
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    with pytest.raises(AnswersError) as err:
        _in_thread(lambda: load_answers(fifo))
    assert "pipe (FIFO)" in str(err.value) and "answers.json" in str(err.value)


@POSIX
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused_without_reading_them(device):
    """/dev/zero reports a size of 0, so a size check alone would read it until memory runs out."""
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    with pytest.raises(AnswersError) as err:
        _in_thread(lambda: load_answers(device))
    assert "device" in str(err.value) and device in str(err.value)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(AnswersError, match="is a folder"):
        load_answers(tmp_path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(AnswersError, match="does not exist"):
        load_answers(tmp_path / "nothing.json")


def test_at_most_the_limit_plus_one_byte_is_read(tmp_path, monkeypatch):
    """A file that grows after its size was checked is still cut off at the limit + 1 byte."""
    path = tmp_path / "a.json"
    path.write_bytes(b" " * 5000)
    small = tmp_path / "small.json"
    small.write_bytes(b"{}")
    real_stat = os.stat
    monkeypatch.setattr(A.os, "stat", lambda _p: real_stat(small))  # it was small when checked
    reads = []
    real_read = os.read

    def counting_read(fd, n):
        data = real_read(fd, n)
        reads.append(len(data))
        return data

    monkeypatch.setattr(A.os, "read", counting_read)
    with pytest.raises(AnswersError, match="too large"):
        read_limited(path, limit=1000)
    assert sum(reads) == 1001


def test_a_file_just_at_the_limit_is_read(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 1000)
    assert read_limited(path, limit=1000) == b"x" * 1000


def test_a_huge_file_is_refused_by_its_size(tmp_path):
    path = tmp_path / "a.json"
    with open(path, "wb") as handle:
        handle.truncate(A.MAX_FILE_BYTES * 50)  # sparse: costs no disk
    with pytest.raises(AnswersError, match="too large"):
        load_answers(path)


@POSIX
def test_a_fifo_autosave_does_not_hang_start_up(tmp_path):
    """The app reads its autosave through the same reader: a FIFO there is 'damaged', at once."""
    os.mkfifo(tmp_path / session.DRAFT_NAME)
    with pytest.raises(AnswersError, match="pipe"):
        _in_thread(lambda: session.load_draft(tmp_path))
    assert session.set_aside_damaged_draft(tmp_path) is not None


@POSIX
def test_a_device_autosave_is_refused(tmp_path):
    (tmp_path / session.DRAFT_NAME).symlink_to("/dev/zero")
    with pytest.raises(AnswersError, match="device"):
        _in_thread(lambda: session.load_draft(tmp_path))


# --- numbers ------------------------------------------------------------------------------


def splice(key: str, raw: str) -> str:
    """VALID as JSON text with the raw JSON ``raw`` as the value of ``key``."""
    return json.dumps({**VALID, key: "@@"}).replace('"@@"', raw)


@pytest.mark.parametrize(
    "key, raw, field",
    [
        ("age", "9" * 500, "age"),
        ("age", "9" * 5000, "age"),  # beyond Python's 4,300-digit conversion limit
        ("age", "-" + "9" * 400, "age"),
        ("age", "1e400", "age"),
        ("age", "-1e999", "age"),
        ("priorities", '{"cost": ' + "1" * 450 + "}", "priorities.cost"),
        ("budget", '{"upfront_usd": 1e400, "yearly_usd": 1}', "budget.upfront_usd"),
        (
            "decision",
            '{"sure": {"sure_of_myself": ' + "7" * 400 + "}}",
            "decision.sure.sure_of_myself",
        ),
        ("conditions", "[1, " + "2" * 400 + "]", "conditions[1]"),
    ],
)
def test_huge_numbers_name_their_field(key, raw, field):
    with pytest.raises(AnswersError) as err:
        loads_answers(splice(key, raw))
    assert err.value.field == field
    assert f"field '{field}'" in str(err.value)
    assert "too large" in str(err.value)


def test_huge_python_integers_are_refused_too():
    """parse_answers (used on decoded JSON) copes with big ints given directly."""
    with pytest.raises(AnswersError) as err:
        parse_answers({**VALID, "age": 10**400})
    assert err.value.field == "age"
    with pytest.raises(AnswersError) as err:
        parse_answers({**VALID, "budget": {"upfront_usd": 10**40, "yearly_usd": 1}})
    assert err.value.field == "budget.upfront_usd"


def test_a_huge_version_number_is_named():
    with pytest.raises(AnswersError) as err:
        loads_answers(json.dumps(VALID).replace('"version": 2', '"version": ' + "9" * 600))
    assert err.value.field == "version"


# --- duplicate keys -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, key",
    [
        ('"age": 35, "age": 70', "age"),
        (
            '"age": 35, "budget": {"upfront_usd": 1, "upfront_usd": 2, "yearly_usd": 3}',
            "upfront_usd",
        ),
        ('"age": 35, "format": "x"', "format"),
    ],
)
def test_duplicate_keys_are_refused_naming_the_key(raw, key):
    """The last one does not silently win."""
    with pytest.raises(AnswersError) as err:
        loads_answers(text_with(raw))
    assert err.value.field == key
    assert "twice" in str(err.value)


def test_duplicate_keys_in_the_autosave_are_refused(tmp_path):
    (tmp_path / session.DRAFT_NAME).write_text(
        '{"format": "decisionaid-session", "version": 1, "step": 1, "step": 2, "answers": {}}'
    )
    with pytest.raises(AnswersError, match="step"):
        session.load_draft(tmp_path)


# --- text that cannot be saved or printed -------------------------------------------------


@pytest.mark.parametrize(
    "extra, field",
    [
        ('"name": "Ana\\ud800"', "name"),
        ('"name": "\\udfff"', "name"),
        ('"name": "Ana\\u0007"', "name"),
        ('"name": "Ana\\u001b[31mred"', "name"),
        ('"name": "two\\nlines"', "name"),
        ('"warning_signs": ["ok", "bad\\ud83d"]', "warning_signs[1]"),
        ('"warning_signs": ["bell\\u0007"]', "warning_signs[0]"),
        ('"decision": {"notes": "fine\\n\\tthen \\ud800"}', "decision.notes"),
        ('"decision": {"notes": "form feed \\u000c"}', "decision.notes"),
        ('"decision": {"leaning": "x\\u0000"}', "decision.leaning"),
        ('"decision": {"leaning": "x\\udc80"}', "decision.leaning"),
        ('"viewed": ["preg\\ud800"]', "viewed[0]"),
        ('"compare": ["a\\u0001"]', "compare[0]"),
        ('"bad\\ud800key": 1', "bad\\ud800key"),
    ],
)
def test_text_that_cannot_be_saved_or_printed_is_refused_naming_the_field(extra, field):
    with pytest.raises(AnswersError) as err:
        loads_answers(text_with('"age": 35, ' + extra))
    assert err.value.field == field
    str(err.value).encode("utf-8")  # the message itself can be printed and saved


def test_notes_keep_newlines_and_tabs():
    answers = loads_answers(text_with('"age": 35, "decision": {"notes": "a\\n\\tb"}'))
    assert answers.decision.notes == "a\n\tb"


def test_messages_never_carry_raw_control_characters():
    with pytest.raises(AnswersError) as err:
        loads_answers(text_with('"age": 35, "\\u001b[2Jx": 1'))
    assert "\x1b" not in str(err.value) and "\\u001b" in str(err.value)


@pytest.mark.parametrize(
    "raw, multiline, expected",
    [
        ("Ana\ud800", False, "Ana"),
        ("A\x07n\x1ba", False, "Ana"),
        ("two\nlines\r\nthree\tfour", False, "two lines three four"),
        # tabs become spaces everywhere (the PDF has no tab stops); line breaks stay in notes
        ("keep\nlines\r\nand\ttabs\rok", True, "keep\nlines\nand tabs\nok"),
        ("para\u2029graph\u2028line", True, "para\ngraph\nline"),
        ("\x00\x7f\x85\x9f", False, " "),
        ("µ ≤ 500 – José 🙂 مرحبا", False, "µ ≤ 500 – José 🙂 مرحبا"),
        (None, False, ""),
    ],
)
def test_clean_text(raw, multiline, expected):
    """What the app's text entries store: nothing that cannot be saved or printed."""
    assert clean_text(raw, multiline=multiline) == expected


def test_cleaned_text_is_always_accepted_by_the_loader():
    dirty = "Ana\ud800\x07\u202e\n\tZ\r\n"
    answers = Answers(
        name=clean_text(dirty).strip(),
        decision=Decision(leaning=clean_text(dirty), notes=clean_text(dirty, multiline=True)),
    )
    text = answers.to_json()
    text.encode("utf-8")
    assert parse_answers(json.loads(text), partial=True) == answers


def test_what_is_accepted_can_always_be_saved(tmp_path):
    """Unicode beyond the BMP, combining marks and right-to-left text load and save fine."""
    answers = loads_answers(
        text_with('"age": 35, "name": "Zoë 🙂 שלום", "decision": {"notes": "e\\u0301\\n😀"}')
    )
    path = tmp_path / "a.json"
    A.save_answers(answers, path)
    assert load_answers(path) == answers
