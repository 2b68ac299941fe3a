"""Draw the site-wide social card (og:image, 1200 x 630 PNG) without any imaging library.

Run once when the design changes: `python tools/make-social-card.py`; the PNG is committed and
shipped with the theme. The wordmark is drawn from a 5 x 7 pixel font, scaled up.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT, SCALE = 1200, 630, 18
TARGET = Path(__file__).resolve().parent.parent / "site_theme/overrides/assets/casebook-card.png"
BACKGROUND, INK = (16, 42, 67), (255, 255, 255)
# Police blue, fire red, ambulance green: the three services, as stripes along the foot.
STRIPES = ((0, 94, 184), (218, 41, 28), (0, 122, 61))
GLYPHS = {
    "C": ("01111", "10000", "10000", "10000", "10000", "10000", "01111"),
    "A": ("01110", "10001", "10001", "11111", "10001", "10001", "10001"),
    "S": ("01111", "10000", "10000", "01110", "00001", "00001", "11110"),
    "E": ("11111", "10000", "10000", "11110", "10000", "10000", "11111"),
    "B": ("11110", "10001", "10001", "11110", "10001", "10001", "11110"),
    "O": ("01110", "10001", "10001", "10001", "10001", "10001", "01110"),
    "K": ("10001", "10010", "10100", "11000", "10100", "10010", "10001"),
}


def _pixels() -> list[bytearray]:
    rows = [bytearray(bytes(BACKGROUND) * WIDTH) for _ in range(HEIGHT)]
    word = "CASEBOOK"
    advance = 6 * SCALE
    left = (WIDTH - (len(word) * advance - SCALE)) // 2
    top = (HEIGHT - 7 * SCALE) // 2 - 40
    for index, letter in enumerate(word):
        for y, line in enumerate(GLYPHS[letter]):
            for x, bit in enumerate(line):
                if bit == "1":
                    for row in rows[top + y * SCALE: top + (y + 1) * SCALE]:
                        start = (left + index * advance + x * SCALE) * 3
                        row[start:start + SCALE * 3] = bytes(INK) * SCALE
    stripe = WIDTH // len(STRIPES)
    for row in rows[HEIGHT - 60:]:
        for index, colour in enumerate(STRIPES):
            row[index * stripe * 3:(index + 1) * stripe * 3] = bytes(colour) * stripe
    return rows


def png(rows: list[bytearray]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    TARGET.write_bytes(png(_pixels()))
    print(f"wrote {TARGET}")
