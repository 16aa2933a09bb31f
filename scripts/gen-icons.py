#!/usr/bin/env python3
"""Draws the app icon (a pipe on a rounded square) as RGBA PNGs in icons/.

Pure standard library so it runs anywhere; Tauri needs RGBA PNGs, which this writes directly.
Run: python3 scripts/gen-icons.py
"""
import pathlib
import struct
import zlib

BG, FG = (9, 105, 218, 255), (255, 255, 255, 255)


def pixel(x: float, y: float) -> tuple:
    # Coordinates in 0..1. Rounded square with corner radius 0.18.
    r = 0.18
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    # A pipe: horizontal run, elbow down, horizontal run (the "flow" of a pipeline).
    w = 0.09
    if 0.18 < x < 0.55 and abs(y - 0.35) < w:
        return FG
    if abs(x - 0.5) < w and 0.35 - w < y < 0.65 + w:
        return FG
    if 0.45 < x < 0.82 and abs(y - 0.65) < w:
        return FG
    return BG


def png(size: int) -> bytes:
    rows = b"".join(
        b"\0" + b"".join(bytes(pixel((i + 0.5) / size, (j + 0.5) / size)) for i in range(size))
        for j in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


out = pathlib.Path(__file__).resolve().parent.parent / "icons"
out.mkdir(exist_ok=True)
for name, size in [("icon.png", 256), ("128x128.png", 128), ("32x32.png", 32)]:
    (out / name).write_bytes(png(size))
    print(out / name)
