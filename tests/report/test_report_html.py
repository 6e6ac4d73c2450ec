"""The summary as a web page: the same content as the PDF, accessible, checked by axe-core in a
real browser (Debian's headless Chromium) when one is installed."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_helpers import TODAY, patients, real_catalogue_or_skip

from decisionaid.report import SECTIONS
from decisionaid.report import summary as s
from decisionaid.report.html import build_summary_html, write_summary_html
from decisionaid.rules import recommend

AXE_PLACES = (
    os.environ.get("DECISIONAID_AXE_JS", ""),
    "node_modules/axe-core/axe.min.js",
    "/usr/lib/node_modules/axe-core/axe.min.js",
    "/usr/local/lib/node_modules/axe-core/axe.min.js",
)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _page(catalogue, patient: str) -> str:
    result = recommend(patients(catalogue)[patient], catalogue)
    return build_summary_html(result, sections=SECTIONS, today=TODAY)


def test_web_page_has_language_headings_table_headers_and_alt_text(synthetic_catalogue):
    """lang, one h1, a numbered h2 per section, th in every table, a text alternative for every
    icon-array picture, live links, print styles, and nothing fetched from the web."""
    page = _page(synthetic_catalogue, "pregnant_female_pattern")
    parser = _Tags()
    parser.feed(page)
    tags = parser.tags
    assert ("html", {"lang": "en"}) in tags
    assert [t for t, _ in tags].count("h1") == 1
    h2 = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    shown = [t for k, t in SECTIONS.items() if k != "offer"]  # no offer was checked
    assert h2 == [f"{n}. {html.escape(t)}" for n, t in enumerate(shown, start=1)]
    tables = re.findall(r"<table>(.*?)</table>", page, re.S)
    assert tables
    for table in tables:
        assert "<thead>" in table or '<th scope="row">' in table, table[:200]
    for tag, attrs in tags:
        if tag == "svg":
            assert attrs.get("role") == "img" and attrs.get("aria-label"), attrs
    assert "@media print" in page
    assert not re.search(r"""(src|href)=["']https?://[^"']*\.(js|css)""", page)
    assert "<script" not in page


def test_web_page_and_pdf_say_the_same(synthetic_catalogue):
    """Every paragraph and bullet of the summary is on the page, escaped."""
    result = recommend(patients(synthetic_catalogue)["teenager_patchy"], synthetic_catalogue)
    summary = s.build_summary(result, today=TODAY)
    page = html.unescape(build_summary_html(result, today=TODAY))
    for section in summary.sections:
        for block in section.blocks:
            if isinstance(block, s.Para):
                assert block.text.split("\n")[0] in page
            if isinstance(block, s.Bullets):
                for item in block.items:
                    assert item.split("\n")[0] in page
    assert "Zoë ≤ ≥ µ" in page


def test_cli_writes_the_web_page(synthetic_path, tmp_path, capsys):
    from decisionaid.catalogue import open_catalogue
    from decisionaid.cli import main

    answers = tmp_path / "a.json"
    answers.write_text(patients(open_catalogue(synthetic_path))["teenager_patchy"].to_json())
    out = tmp_path / "s.html"
    args = ["export", str(answers), "-o", str(out), "--format", "html"]
    code = main([*args, "--catalogue", str(synthetic_path)])
    assert code == 0, capsys.readouterr().err
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_is_atomic(synthetic_catalogue, tmp_path):
    result = recommend(patients(synthetic_catalogue)["teenager_patchy"], synthetic_catalogue)
    target = tmp_path / "summary.html"
    write_summary_html(result, target, today=TODAY)
    assert "For today" in target.read_text(encoding="utf-8")


def _axe_js() -> Path | None:
    for place in AXE_PLACES:
        if place and Path(place).is_file():
            return Path(place)
    return None


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


RUNNER = """<script>%s</script><script>
axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  var pre = document.createElement('pre'); pre.id = 'axe-result';
  pre.textContent = JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}; }));
  document.body.appendChild(pre);
});
</script>"""


def axe_violations(page: str, tmp_path: Path) -> list[dict]:
    """Run axe-core on the page in headless Chromium; its violations."""
    file = tmp_path / "page.html"
    file.write_text(page.replace("</body>", RUNNER % _axe_js().read_text() + "</body>"))
    proc = subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=30000",
            "--dump-dom",
            file.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', proc.stdout, re.S)
    assert found, f"axe did not report: {proc.stderr[-1500:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.skipif(
    _chromium() is None or _axe_js() is None,
    reason="needs chromium and axe-core (apt-get install chromium; npm install axe-core)",
)
@pytest.mark.parametrize("patient", ["blood_thinners_tight_budget", "teenager_patchy"])
def test_web_page_passes_axe_core_in_headless_chromium(patient, tmp_path):
    """Zero serious or critical accessibility violations, every section included."""
    catalogue = real_catalogue_or_skip()
    violations = axe_violations(_page(catalogue, patient), tmp_path)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, bad
    assert not violations, violations  # none at all today: keep it that way


def test_the_persons_text_cannot_inject_markup(synthetic_catalogue):
    """A name or note with markup is shown as text: no script, no tag from the person's input."""
    import dataclasses

    from decisionaid.answers import Decision

    answers = dataclasses.replace(
        patients(synthetic_catalogue)["teenager_patchy"],
        name='<script>alert("x")</script>',
        decision=Decision(notes='<img src=x onerror="alert(1)"> & more', leaning="<b>me</b>"),
    )
    page = build_summary_html(recommend(answers, synthetic_catalogue), today=TODAY)
    assert "<script" not in page and "<img" not in page and "<b>me" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x" in page
