#!/usr/bin/env python3
"""Render panoptty's ANSI half-block output (or a tmux capture-pane -e) to a
PNG, so a frame can be looked at or attached to a bug report.
Usage: ansi2png.py IN.ans OUT.png [--scale 4]  (needs Pillow)"""
import re, sys
from PIL import Image, ImageDraw

def xterm256(n):
    if n < 16:
        base = [(0,0,0),(205,0,0),(0,205,0),(205,205,0),(0,0,238),(205,0,205),(0,205,205),(229,229,229),
                (127,127,127),(255,0,0),(0,255,0),(255,255,0),(92,92,255),(255,0,255),(0,255,255),(255,255,255)]
        return base[n]
    if n >= 232:
        v = 8 + (n - 232) * 10
        return (v, v, v)
    n -= 16
    lv = [0, 95, 135, 175, 215, 255]
    return (lv[n // 36], lv[(n // 6) % 6], lv[n % 6])

def main():
    src, dst = sys.argv[1], sys.argv[2]
    scale = int(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 4
    text = open(src, encoding="utf-8", errors="replace").read()
    lines = text.split("\n")
    rows = []
    for line in lines:
        fg, bg = (200, 200, 200), (0, 0, 0)
        cells = []
        for m in re.finditer(r"\x1b\[([0-9;:]*)m|([^\x1b])", line):
            if m.group(1) is not None:
                p = [int(x) if x else 0 for x in re.split("[;:]", m.group(1))] if m.group(1) else [0]
                i = 0
                while i < len(p):
                    v = p[i]
                    if v == 0: fg, bg = (200, 200, 200), (0, 0, 0)
                    elif v in (38, 48) and i + 1 < len(p) and p[i + 1] == 5:
                        c = xterm256(p[i + 2]); i += 2
                        if v == 38: fg = c
                        else: bg = c
                    elif v in (38, 48) and i + 1 < len(p) and p[i + 1] == 2:
                        c = tuple(p[i + 2:i + 5]); i += 4
                        if v == 38: fg = c
                        else: bg = c
                    elif 30 <= v <= 37: fg = xterm256(v - 30)
                    elif 40 <= v <= 47: bg = xterm256(v - 40)
                    elif 90 <= v <= 97: fg = xterm256(v - 90 + 8)
                    elif 100 <= v <= 107: bg = xterm256(v - 100 + 8)
                    elif v == 39: fg = (200, 200, 200)
                    elif v == 49: bg = (0, 0, 0)
                    i += 1
            else:
                cells.append((m.group(2), fg, bg))
        rows.append(cells)
    w = max((len(r) for r in rows), default=1)
    img = Image.new("RGB", (w * scale, len(rows) * 2 * scale), (0, 0, 0))
    d = ImageDraw.Draw(img)
    for y, r in enumerate(rows):
        for x, (ch, fg, bg) in enumerate(r):
            x0, y0 = x * scale, y * 2 * scale
            if ch == "\u2580":
                d.rectangle([x0, y0, x0 + scale - 1, y0 + scale - 1], fill=fg)
                d.rectangle([x0, y0 + scale, x0 + scale - 1, y0 + 2 * scale - 1], fill=bg)
            elif ch == "\u2588":
                d.rectangle([x0, y0, x0 + scale - 1, y0 + 2 * scale - 1], fill=fg)
            else:
                d.rectangle([x0, y0, x0 + scale - 1, y0 + 2 * scale - 1], fill=bg)
                if ch.strip():
                    d.text((x0, y0), ch, fill=fg)
    img.save(dst)

main()
