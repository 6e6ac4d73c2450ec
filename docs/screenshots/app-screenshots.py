"""Make the questionnaire screenshots: every wizard step, light and dark, at 1024 x 700.

Run from the repository: ``python docs/screenshots/app-screenshots.py [--catalogue FILE] [--out DIR]``.
It uses the bundled catalogue when it exists, else a synthetic one, renders offscreen with the
Fusion style, and answers with a fixed sample patient, so the pictures are reproducible. Files:
``wizard-<step>-<light|dark>.png`` plus ``app-results-<theme>.png`` (the whole window on the
results step) and ``wizard-see-a-doctor-<theme>.png``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DECISIONAID_DATA_DIR"] = tempfile.mkdtemp(
    prefix="decisionaid-shots-"
)  # no real autosave

from PySide6.QtWidgets import QApplication

# 200% text: run with QT_FONT_DPI=192 QT_ENABLE_HIGHDPI_SCALING=0; files get "-200" added.
TEXT = "-200" if os.environ.get("QT_FONT_DPI") == "192" else ""

SIZE = (1024, 700)
NAMES = ["welcome", "hair-loss", "about-you", "health", "budget", "risk", "priorities"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--catalogue", default="")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent))
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication(["screenshots"])
    app.setStyle("Fusion")

    from decisionaid.answers import Answers, Budget
    from decisionaid.catalogue import open_catalogue
    from decisionaid.gui.app import make_application
    from decisionaid.gui.main_window import MainWindow
    from decisionaid.gui.style import dark_palette, light_palette
    from decisionaid.gui.wizard import Step
    from decisionaid.paths import BUNDLED_CATALOGUE

    make_application()
    path = args.catalogue or (str(BUNDLED_CATALOGUE) if BUNDLED_CATALOGUE.exists() else "")
    if not path:
        from decisionaid.catalogue.synthetic import write_synthetic_catalogue

        path = str(write_synthetic_catalogue(Path(tempfile.mkdtemp()) / "syn.sqlite", 40))
    cat = open_catalogue(path)
    conditions = tuple(c for c in ("anticoagulants",) if c in cat.conditions)
    answers = Answers(
        hair_loss_type="female_pattern",
        age=44,
        sex="female",
        name="Sam Sample",
        conditions=conditions,
        budget=Budget(upfront_usd=2000, yearly_usd=300),
        risk_tolerance="medium",
        priorities={
            "evidence": 5,
            "benefit": 4,
            "side_effects": 4,
            "cost": 3,
            "convenience": 2,
            "speed": 2,
            "permanence": 3,
        },
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    for theme, palette in (("light" + TEXT, light_palette()), ("dark" + TEXT, dark_palette())):
        app.setPalette(palette)
        window = MainWindow(cat, autosave=False)
        window.resize(*SIZE)
        window.show()
        app.processEvents()
        wizard = window.wizard
        wizard.set_answers(answers, Step.WELCOME, chosen=True)
        for step, name in zip(Step, NAMES):
            wizard.go_to(step)
            if step == Step.HEALTH:
                wizard.page(step).why_button.setChecked(True)
            app.processEvents()
            window.grab().save(str(out / f"wizard-{int(step) + 1}-{name}-{theme}.png"))
        # A warning sign ticked: the "See a doctor soon" notice.
        wizard.go_to(Step.HAIR_LOSS)
        wizard.page(Step.HAIR_LOSS).sign_checks[0].click()
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(out / f"wizard-see-a-doctor-{theme}.png"))
        wizard.page(Step.HAIR_LOSS).sign_checks[0].click()
        # A missing answer: the "Please answer this first" notice.
        wizard.set_answers(answers.with_changes(sex=None), Step.ABOUT)
        wizard.next_button.click()
        app.processEvents()
        window.grab().save(str(out / f"wizard-missing-answer-{theme}.png"))
        wizard.set_answers(answers, Step.RESULTS)
        app.processEvents()
        window.grab().save(str(out / f"app-results-{theme}.png"))
        window.close()
        window.deleteLater()
        app.processEvents()
    print(f"Wrote the questionnaire screenshots to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
