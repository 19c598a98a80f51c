#!/usr/bin/env python3
"""Draws layouts/images/ridges.png, the built-in background photo: layered
hills at dusk under a low sun, made from fixed-seed noise so anyone can
regenerate the same file (standard library only; about half a minute).

    python3 scripts/make-photo.py layouts/images/ridges.png
"""
import math
import random
import struct
import sys
import zlib

W, H = 1600, 1000
SUN = (0.70, 0.47)  # the photo's focal point, as fractions


def lerp(a, b, t):
    return a + (b - a) * t


def mix(c1, c2, t):
    return tuple(lerp(a, b, t) for a, b in zip(c1, c2))


def hexc(s):
    return tuple(int(s[i:i + 2], 16) / 255 for i in (1, 3, 5))


def smooth_noise(seed, n):
    """1-D value noise with cosine interpolation, n control points."""
    rnd = random.Random(seed)
    pts = [rnd.uniform(-1, 1) for _ in range(n + 2)]

    def f(x):  # x in 0..1
        p = x * n
        i = int(p)
        t = p - i
        t = (1 - math.cos(t * math.pi)) / 2
        return lerp(pts[i], pts[i + 1], t)
    return f


def ridge(seed, base, amp):
    octaves = [(smooth_noise(seed * 10 + k, 3 * 2 ** k), 0.5 ** k) for k in range(6)]
    norm = sum(w for _, w in octaves)
    return [base + amp * sum(f(x / W) * w for f, w in octaves) / norm for x in range(W)]


SKY_TOP, SKY_MID, SKY_LOW = hexc("#27295A"), hexc("#8E5C8A"), hexc("#F4B27A")
LAYERS = [  # base height, amplitude, colour at the ridge, colour at the foot
    (0.50, 0.07, hexc("#C98A86"), hexc("#A77588")),
    (0.58, 0.09, hexc("#9C6C86"), hexc("#7C5A82")),
    (0.67, 0.10, hexc("#6F4E7A"), hexc("#553F6C")),
    (0.77, 0.11, hexc("#463560"), hexc("#35294D")),
    (0.88, 0.10, hexc("#261C3A"), hexc("#1B1429")),
]


def main(out):
    ridges = [ridge(i + 1, base * H, amp * H) for i, (base, amp, _, _) in enumerate(LAYERS)]
    sx, sy = SUN[0] * W, SUN[1] * H
    rows = []
    for y in range(H):
        row = bytearray([0])  # filter: none
        v = y / H
        sky = mix(SKY_TOP, SKY_MID, min(1, v / 0.32)) if v < 0.32 else \
            mix(SKY_MID, SKY_LOW, min(1, (v - 0.32) / 0.26))
        for x in range(W):
            d = math.hypot(x - sx, y - sy)
            glow = math.exp(-d / 170) * 0.55 + math.exp(-d / 520) * 0.25
            c = mix(sky, (1.0, 0.93, 0.78), min(1, glow))
            if d < 46:
                c = mix(c, (1.0, 0.97, 0.88), min(1, (46 - d) / 2))
            for (base, amp, top, foot), r in zip(LAYERS, ridges):
                cover = y - r[x] + 0.5
                if cover <= 0:
                    continue
                depth = min(1, (y - r[x]) / (0.35 * H))
                layer = mix(top, foot, depth)
                # Haze: light from the sun lifts the far side of each ridge.
                haze = math.exp(-abs(x - sx) / 600) * 0.18 * (1 - depth)
                layer = mix(layer, (1.0, 0.85, 0.7), haze)
                c = mix(c, layer, min(1, cover))
            row += bytes(max(0, min(255, round(ch * 255))) for ch in c)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
    png += chunk(b"sRGB", b"\x00") + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(out, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "layouts/images/ridges.png")
