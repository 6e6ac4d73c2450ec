"""Make the results-side screenshots (results, detail, compare, browser, decide), light and dark.

Run from the repository: ``python docs/screenshots/results-screenshots.py [--catalogue FILE] [--out DIR]``.
It uses the bundled catalogue when it exists, else a synthetic one, and renders offscreen at
1024 x 700. The answers used are fixed below, so the pictures are reproducible.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

# 200% text: run with QT_FONT_DPI=192 QT_ENABLE_HIGHDPI_SCALING=0; files get "-200" added.
TEXT = "-200" if os.environ.get("QT_FONT_DPI") == "192" else ""

SIZE = (1024, 700)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--catalogue", default="")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent))
    ap.add_argument("--full", action="store_true", help="also save whole-page (tall) pictures")
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication(["screenshots"])
    app.setStyle("Fusion")

    from decisionaid import rules
    from decisionaid.answers import Answers, Budget, Decision
    from decisionaid.catalogue import open_catalogue
    from decisionaid.gui.browser import CatalogueBrowser
    from decisionaid.gui.decide import DecidePage
    from decisionaid.gui.results import ResultsPage
    from decisionaid.gui.style import dark_palette, light_palette
    from decisionaid.paths import BUNDLED_CATALOGUE

    path = args.catalogue or (str(BUNDLED_CATALOGUE) if BUNDLED_CATALOGUE.exists() else "")
    if not path:
        from decisionaid.catalogue.synthetic import write_synthetic_catalogue

        path = str(write_synthetic_catalogue(Path(tempfile.mkdtemp()) / "syn.sqlite", 40))
    cat = open_catalogue(path)
    answers = Answers(
        hair_loss_type="male_pattern",
        age=34,
        sex="male",
        budget=Budget(upfront_usd=3000, yearly_usd=800),
        risk_tolerance="medium",
    )
    result = rules.recommend(answers, cat)
    ids = [o.id for o in result.options]
    regen = next(
        (i for i in ("exosomes", "adipose_svf") if i in ids),
        next((o.id for o in result.options if o.treatment.category == "regenerative"), ids[0]),
    )
    fin = "finasteride_oral" if "finasteride_oral" in ids else ids[-1]
    compare = [
        i
        for i in ("finasteride_oral", "minoxidil_topical", "exosomes", "watchful_waiting")
        if i in ids
    ]
    compare = (compare + [i for i in ids if i not in compare])[:4]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    for theme, palette in (("light" + TEXT, light_palette()), ("dark" + TEXT, dark_palette())):
        app.setPalette(palette)

        def save(widget, name):
            widget.resize(*SIZE)
            widget.show()
            app.processEvents()
            app.processEvents()
            widget.grab().save(str(out / f"{name}-{theme}.png"))
            print(out / f"{name}-{theme}.png")

        page = ResultsPage()
        page.set_result(result)
        page.set_compare_ids(compare)
        save(page, "results")
        page.as_table.click()
        save(page, "results-table")
        page.as_cards.click()
        page.open_detail(regen)
        save(page, f"detail-{regen}")
        page.open_detail(fin)
        save(page, f"detail-{fin}")
        page.detail.scroll_to_section("Benefits and harms")
        app.processEvents()
        page.detail.scroll_to_section("Benefits and harms")
        save(page, f"detail-{fin}-benefits-harms")
        page.show_compare()
        save(page, "compare")
        page.close()

        browser = CatalogueBrowser(cat)
        save(browser, "browser")
        browser.close()

        decide = DecidePage()
        decide.set_decision(
            Decision(
                sure={
                    "sure_of_myself": False,
                    "understand_information": True,
                    "risk_benefit_clear": True,
                    "enough_support": None,
                },
                leaning="Still deciding",
                notes="Ask about the cost of repeat sessions.",
            ),
            [o.treatment.name for o in result.options if o.status != "excluded"],
        )
        save(decide, "decide")
        decide.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
