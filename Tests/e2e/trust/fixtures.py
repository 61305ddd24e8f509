#!/usr/bin/env python3
"""Hostile and edge-case fixtures for Tests/e2e/trust.sh, generated at test
time (stdlib only: struct + zlib). Every subcommand writes into the paths it
is given and nowhere else.

  png OUT W H KIND [--text T] [--bad-text-crc] [--fill V | --gradient | --distinct-bad
                   | --instances OFFSET CLASS | --one VOID V]     KIND: gray8, gray16, rgb8
  bomb OUT W H                     IHDR only + a tiny IDAT (no pixel data)
  text2gb OUT                      a tEXt chunk that declares 2 GB (truncated file)
  journal OUT LABELS W H RECORDS.. today's journal layout (EditJournal.swift, format 1);
                                   update to the new layout (with CRC32s) when it lands
  flipbit FILE NEEDLE DELTA        flip bit 0 of the byte DELTA bytes after NEEDLE ends
                                   (no NEEDLE: the byte at 60 % of the file)
  coco-dup JSON FILE_NAME          append a second annotation with the same file_name
  coco-set JSON KEY JSONVALUE      set a top-level key (e.g. categories to "x")
  coco-catname JSON ID NAME        rename category ID (NAME may hold control chars: \\e, \\a, \\n)
  coco-bloat JSON N                add N unrelated annotations (a big JSON)
  count-anns JSON                  print the number of annotations
  images-file-names JSON           print images[].file_name, one a line
  keymap OUT N                     a keymap binding N distinct keys
"""
import json
import os
import struct
import sys
import zlib

SIG = b"\x89PNG\r\n\x1a\n"


def chunk(t, d, bad_crc=False):
    crc = zlib.crc32(t + d) & 0xFFFFFFFF
    if bad_crc:
        crc ^= 0x1
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", crc)


def ihdr(w, h, depth, ctype):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 0))


def write_png(out, w, h, kind, values, text=None, bad_text_crc=False):
    """values: a function (x, y) -> int (gray value, or R + 256 G + 65536 B)."""
    depth, ctype = {"gray8": (8, 0), "gray16": (16, 0), "rgb8": (8, 2)}[kind]
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            v = values(x, y)
            if kind == "gray8":
                rows.append(v & 0xFF)
            elif kind == "gray16":
                rows += struct.pack(">H", v & 0xFFFF)
            else:
                rows += bytes((v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF))
    data = SIG + ihdr(w, h, depth, ctype)
    if text is not None:
        data += chunk(b"tEXt", b"panoptty\x00" + text.encode(), bad_crc=bad_text_crc)
    data += chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b"")
    with open(out, "wb") as f:
        f.write(data)


def cmd_png(a):
    out, w, h, kind = a[0], int(a[1]), int(a[2]), a[3]
    text = None
    bad = False
    fn = lambda x, y: 0
    i = 4
    while i < len(a):
        if a[i] == "--text":
            text = a[i + 1]
            i += 2
        elif a[i] == "--bad-text-crc":
            bad = True
            i += 1
        elif a[i] == "--fill":
            v = int(a[i + 1])
            fn = lambda x, y, v=v: v
            i += 2
        elif a[i] == "--gradient":
            # a smooth photo-like picture (gray or r = g = b)
            fn = (lambda x, y: (x * 7 + y * 3) & 0xFF) if kind != "rgb8" else (
                lambda x, y: ((x * 7 + y * 3) & 0xFF) * 0x010101)
            i += 1
        elif a[i] == "--distinct-bad":
            # offset 1000, COCO (133 classes, void 133): every pixel a different
            # value whose class part (134..999) is not in the catalog
            bad_vals = [v for v in range(65536) if v % 1000 >= 134]
            fn = lambda x, y, w=w: bad_vals[(y * w + x) % len(bad_vals)]
            i += 1
        elif a[i] == "--instances":
            # every pixel its own thing instance: value = (k + 1) * offset + class
            off, cls = int(a[i + 1]), int(a[i + 2])
            fn = lambda x, y, w=w, off=off, cls=cls: (y * w + x + 1) * off + cls
            i += 3
        elif a[i] == "--one":
            # void everywhere except pixel (0, 0) = value
            void, v = int(a[i + 1]), int(a[i + 2])
            fn = lambda x, y, void=void, v=v: v if x == 0 and y == 0 else void
            i += 3
        else:
            sys.exit("unknown png option " + a[i])
    write_png(out, w, h, kind, fn, text, bad)


def cmd_bomb(a):
    out, w, h = a[0], int(a[1]), int(a[2])
    data = SIG + ihdr(w, h, 16, 0) + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00")) + chunk(b"IEND", b"")
    with open(out, "wb") as f:
        f.write(data)


def cmd_text2gb(a):
    # IHDR 1x1, then a tEXt chunk that declares 2,113,929,272 bytes; the file ends soon after.
    body = SIG + ihdr(1, 1, 16, 0) + struct.pack(">I", 2113929272) + b"tEXt" + b"panoptty\x00" + b"A" * 400
    with open(a[0], "wb") as f:
        f.write(body)


def u32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


def cmd_journal(a):
    """journal OUT LABELS W H RECORD...; RECORD is one of
    E:DESC:start,len,before,after[;start,len,before,after...]
    H:u|r:DESC:runs   U   R      (values may be hex 0x..).
    Written in panoptty's journal format 2 (JournalRecords.swift) with valid
    checksums, so the editor's own validation, not the checksum, must refuse."""
    out, labels, w, h = a[0], a[1], int(a[2]), int(a[3])
    st = os.stat(labels)
    header = (f"labels={os.path.basename(labels)}\nwidth={w}\nheight={h}\nstarted=1000000000\n"
              f"base.device={st.st_dev}\nbase.inode={st.st_ino}\nbase.size={st.st_size}\n"
              f"base.mtime_ns={st.st_mtime_ns}\n").encode()

    def record(tag, payload):
        head = tag + u32(len(payload))
        head += u32(zlib.crc32(head))
        body = head + payload
        return body + u32(zlib.crc32(body))

    def runs(spec):
        rs = [r for r in spec.split(";") if r]
        b = u32(len(rs))
        for r in rs:
            s, l, bf, af = (int(v, 0) for v in r.split(","))
            b += u32(s) + u32(l) + u32(bf) + u32(af)
        return b

    data = b"panoptty-journal 2\n" + record(b"J", header)
    for rec in a[4:]:
        parts = rec.split(":")
        if parts[0] == "E":
            desc = parts[1].encode()
            data += record(b"E", u32(len(desc)) + desc + runs(parts[2]))
        elif parts[0] == "H":
            desc = parts[2].encode()
            data += record(b"H", parts[1].encode() + u32(len(desc)) + desc + runs(parts[3]))
        elif parts[0] in ("U", "R"):
            data += record(parts[0].encode(), b"")
        else:
            sys.exit("bad record " + rec)
    with open(out, "wb") as f:
        f.write(data)


def cmd_flipbit(a):
    path, needle, delta = a[0], a[1].encode(), int(a[2])
    b = bytearray(open(path, "rb").read())
    i = b.find(needle)
    # Without the needle (another journal layout), flip a byte at 60 % of the
    # file: inside the records, past any header.
    j = i + len(needle) + delta if i >= 0 else len(b) * 3 // 5
    j = min(j, len(b) - 1)
    b[j] ^= 0x01
    open(path, "wb").write(bytes(b))


def load(p):
    with open(p) as f:
        return json.load(f)


def save(p, o):
    with open(p, "w") as f:
        json.dump(o, f)


def cmd_coco_dup(a):
    o = load(a[0])
    first = next(x for x in o["annotations"] if x["file_name"] == a[1])
    dup = dict(first)
    dup["segments_info"] = [dict(s, id=s["id"] + 7) for s in first["segments_info"]]
    o["annotations"].append(dup)
    save(a[0], o)


def cmd_coco_set(a):
    o = load(a[0])
    o[a[1]] = json.loads(a[2])
    save(a[0], o)


def unescape(s):
    return s.replace("\\e", "\x1b").replace("\\a", "\x07").replace("\\n", "\n")


def cmd_coco_catname(a):
    o = load(a[0])
    if "categories" not in o:
        sys.exit("no categories")
    for c in o["categories"]:
        if c["id"] == int(a[1]):
            c["name"] = unescape(a[2])
    save(a[0], o)


def cmd_coco_bloat(a):
    o = load(a[0])
    n = int(a[1])
    for i in range(n):
        o["annotations"].append({
            "image_id": 10_000_000 + i, "file_name": "other%07d.png" % i,
            "segments_info": [{"id": 1000 + k, "category_id": 1, "iscrowd": 0, "area": 10 + k,
                               "bbox": [k, k, 3, 4]} for k in range(4)]})
    save(a[0], o)


def cmd_count_anns(a):
    print(len(load(a[0])["annotations"]))


def cmd_images(a):
    for im in load(a[0]).get("images", []):
        print(im.get("file_name"))


def cmd_keymap(a):
    out, n = a[0], int(a[1])
    lines = ["name huge"]
    k = 0
    cp = 0x4E00  # CJK ideographs: thousands of distinct one-character keys
    while k < n:
        lines.append("map %s class car" % chr(cp + k))
        k += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


COMMANDS = {
    "png": cmd_png, "bomb": cmd_bomb, "text2gb": cmd_text2gb, "journal": cmd_journal, "flipbit": cmd_flipbit,
    "coco-dup": cmd_coco_dup, "coco-set": cmd_coco_set, "coco-catname": cmd_coco_catname,
    "coco-bloat": cmd_coco_bloat, "count-anns": cmd_count_anns, "images-file-names": cmd_images,
    "keymap": cmd_keymap,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](sys.argv[2:])
