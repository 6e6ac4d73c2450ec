"""Make the "Check a clinic's offer" screenshots, light and dark, at 1024 x 700 (offscreen).

Run from the repository: ``python docs/screenshots/offer-screenshots.py [--text FILE] [--out DIR]``.
The text defaults to the project's seed page 004 (a clinic calling an exosome product
"FDA-approved") when it is on this machine, else to a clinic page from tests/fixtures/offers/.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

SIZE = (1024, 700)
REPO = Path(__file__).resolve().parents[2]
SEED = Path("/work/shared/seeds/004_b5ea88ea4074e8da.txt")
FALLBACK = REPO / "tests" / "fixtures" / "offers" / "t1_haircenter_exosome.txt"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", default=str(SEED if SEED.exists() else FALLBACK))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent))
    ap.add_argument("--price", type=int, default=4500)
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication(["screenshots"])
    app.setStyle("Fusion")

    from decisionaid.catalogue import open_catalogue
    from decisionaid.gui.offer import OfferPage
    from decisionaid.gui.style import dark_palette, light_palette

    catalogue = open_catalogue()
    text = Path(args.text).read_text(encoding="utf-8")
    out = Path(args.out)
    for theme, palette in (("light", light_palette()), ("dark", dark_palette())):
        app.setPalette(palette)
        page = OfferPage(catalogue)
        page.resize(*SIZE)
        page.show()
        app.processEvents()
        page.editor.setPlainText(text)
        page.run_check()
        page.price.setValue(args.price)
        for _ in range(3):
            app.processEvents()
        fda = next((c for c in page.cards if "Rules" in c.title.text()), None)
        if fda is not None:  # show the "FDA-approved" sentence and its explanation side by side
            fda.button.click()
            page.side_scroll.ensureWidgetVisible(fda, 0, 0)
            page.side_scroll.verticalScrollBar().setValue(fda.y())
        for _ in range(3):
            app.processEvents()
        path = out / f"offer-check-{theme}.png"
        page.grab().save(str(path))
        print(path)
        page.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
