"""Render the app icon from its SVG source into every size and format the installers need.

    python packaging/make_icons.py            # writes resources/icons/app/*
    python packaging/make_icons.py --check    # exit 1 if the committed files are missing

Qt's QSvgRenderer draws the PNGs (PySide6-Essentials has QtSvg); Pillow (the ``build`` extra)
writes the Windows .ico; the macOS .icns is a simple chunked file written here. Small sizes (16-32 px) are drawn from a simpler
source, ``decisionaid-small.svg``, so that they stay readable. The outputs are committed, so
the app and the packaging scripts use them without running this.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ICON_DIR = REPO / "resources" / "icons" / "app"
SOURCE = ICON_DIR / "decisionaid.svg"
SMALL_SOURCE = ICON_DIR / "decisionaid-small.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
SMALL_MAX = 32  # sizes up to this use the simplified drawing
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
MAIN_PNG_SIZE = 256  # resources/icons/app/decisionaid.png, what the GUI loads


def expected_files() -> list[Path]:
    """Every file this script writes (what packaging checks look for)."""
    return [ICON_DIR / f"decisionaid-{size}.png" for size in SIZES] + [
        ICON_DIR / "decisionaid.png",
        ICON_DIR / "decisionaid.ico",
        ICON_DIR / "decisionaid.icns",
    ]


# macOS icons leave a margin round the tile (Apple's grid: an 824 px tile on a 1024 px canvas).
# The SVG's tile fills 240 of its 256 units, so the .icns images draw the SVG this much smaller.
MACOS_SCALE = (824 / 1024) / (240 / 256)


def render_png(svg: Path, size: int, scale: float = 1.0) -> bytes:
    """PNG bytes of ``svg`` drawn at ``size`` x ``size`` pixels on a transparent background,
    shrunk by ``scale`` about the centre."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    margin = size * (1 - scale) / 2
    renderer.render(painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


# The PNG-based .icns slots: type code -> pixel size. Pillow's own ICNS writer leaves out the
# 16 and 32 px (1x) slots, where the simplified small drawing matters most, so the file is
# written here: "icns", total length, then (type, length, PNG data) chunks, big-endian.
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic10", 1024),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .icns file holding ``pngs`` (pixel size -> PNG bytes) in every slot it can fill."""
    import struct

    chunks = b"".join(
        type_code.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for type_code, size in ICNS_TYPES
        if size in pngs
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def build(out_dir: Path = ICON_DIR) -> list[Path]:
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    images: dict[int, Image.Image] = {}
    written = []
    for size in SIZES:
        svg = SMALL_SOURCE if size <= SMALL_MAX and SMALL_SOURCE.exists() else SOURCE
        png = render_png(svg, size)
        images[size] = Image.open(io.BytesIO(png)).convert("RGBA")
        path = out_dir / f"decisionaid-{size}.png"
        path.write_bytes(png)
        written.append(path)
    main_png = out_dir / "decisionaid.png"
    main_png.write_bytes((out_dir / f"decisionaid-{MAIN_PNG_SIZE}.png").read_bytes())
    written.append(main_png)

    # Windows: one .ico holding each size drawn separately (not scaled from the largest).
    ico = out_dir / "decisionaid.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico)

    # macOS: .icns with every slot, 16 px to 1024 px (512@2x), with Apple's margin.
    icns = out_dir / "decisionaid.icns"
    icns.write_bytes(
        icns_bytes(
            {
                size: render_png(
                    SMALL_SOURCE if size <= SMALL_MAX and SMALL_SOURCE.exists() else SOURCE,
                    size,
                    MACOS_SCALE,
                )
                for size in SIZES
            }
        )
    )
    written.append(icns)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only check that every generated file exists"
    )
    parser.add_argument("--out", type=Path, default=ICON_DIR, help="output folder")
    args = parser.parse_args(argv)
    if args.check:
        missing = [p for p in expected_files() if not p.exists()]
        for path in missing:
            print(f"missing: {path.relative_to(REPO)}", file=sys.stderr)
        return 1 if missing else 0
    for path in build(args.out):
        print(
            f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path} "
            f"({path.stat().st_size:,} bytes)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
