"""Render the application icon resources/icons/ipaid.svg into the files the packages need.

    python installer/make_icons.py

writes resources/icons/ipaid-256.png and ipaid-48.png (Linux desktop entry, window icon) and
ipaid.ico (Windows executable and installer). The outputs are committed; run this again only after
changing the SVG. Needs PySide6 (QtSvg); runs offscreen.
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (256, 48)
# Windows picks the nearest size for the title bar, taskbar, Start menu and Explorer.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding one PNG-compressed image per size (read by Windows Vista and later).
    Qt's own ICO writer stores a single uncompressed image, hence this small writer."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "ipaid.svg"))
    if not renderer.isValid():
        print(f"cannot read {ICONS / 'ipaid.svg'}", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        (ICONS / f"ipaid-{size}.png").write_bytes(png_bytes(render(renderer, size)))
    (ICONS / "ipaid.ico").write_bytes(ico_bytes({s: png_bytes(render(renderer, s)) for s in ICO_SIZES}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
