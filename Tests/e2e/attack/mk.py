#!/usr/bin/env python3
"""Hostile PNG/JSON/record makers for attack.sh (stdlib only)."""
import struct, sys, zlib, json, os
SIG = b"\x89PNG\r\n\x1a\n"
def chunk(t, d, crc=None):
    c = zlib.crc32(t + d) & 0xFFFFFFFF if crc is None else crc
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", c)
def ihdr(w, h, depth, ctype, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))
CH = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
def raw(w, h, depth, ctype, val=0):
    bpp = CH[ctype] * depth
    rowbytes = (w * bpp + 7) // 8
    return (b"\x00" + bytes([val]) * rowbytes) * h
def png(out, w, h, depth, ctype, extra=b"", text=None, idat=None, tail=b"", plte=False, val=0):
    d = SIG + ihdr(w, h, depth, ctype)
    if plte: d += chunk(b"PLTE", b"\x00\x00\x00" * 256)
    if text is not None: d += chunk(b"tEXt", b"panoptty\x00" + text.encode())
    d += extra
    d += chunk(b"IDAT", zlib.compress(raw(w, h, depth, ctype, val)) if idat is None else idat)
    d += chunk(b"IEND", b"") + tail
    open(out, "wb").write(d)
a = sys.argv[1:]
k = a[0]
if k == "png":   # png OUT W H DEPTH CTYPE [text]
    png(a[1], int(a[2]), int(a[3]), int(a[4]), int(a[5]), text=a[6] if len(a) > 6 else None, plte=a[5] == "3")
elif k == "twotext":
    png(a[1], 64, 48, 16, 0, text="format=offset;offset=1000;void=133;catalog=coco",
        extra=chunk(b"tEXt", b"panoptty\x00format=cityscapes;catalog=cityscapes"))
elif k == "ztxt":
    png(a[1], 64, 48, 16, 0, extra=chunk(b"zTXt", b"panoptty\x00\x00" + zlib.compress(b"format=offset;offset=7;void=1")))
elif k == "twoihdr":
    open(a[1], "wb").write(SIG + ihdr(4, 4, 16, 0) + ihdr(8, 8, 16, 0) + chunk(b"IDAT", zlib.compress(raw(4, 4, 16, 0))) + chunk(b"IEND", b""))
elif k == "noiend":
    open(a[1], "wb").write(SIG + ihdr(4, 4, 16, 0) + chunk(b"IDAT", zlib.compress(raw(4, 4, 16, 0))))
elif k == "trailing":
    png(a[1], 4, 4, 16, 0, tail=os.urandom(1000))
elif k == "badzlib":
    png(a[1], 4, 4, 16, 0, idat=b"\x78\x9c" + os.urandom(30))
elif k == "emptyidat":
    png(a[1], 4, 4, 16, 0, idat=b"")
elif k == "shortidat":   # valid zlib but too few rows
    png(a[1], 64, 48, 16, 0, idat=zlib.compress(raw(64, 2, 16, 0)))
elif k == "longidat":    # more data than the rows
    png(a[1], 4, 4, 16, 0, idat=zlib.compress(raw(4, 400, 16, 0)))
elif k == "bomb":        # W H: declared size with a full, highly compressible stream (decompression bomb)
    w, h = int(a[2]), int(a[3]); z = zlib.compressobj(9); row = b"\x00" + b"\x00" * (w * 2)
    body = b"".join(z.compress(row) for _ in range(h)) + z.flush()
    open(a[1], "wb").write(SIG + ihdr(w, h, 16, 0) + chunk(b"IDAT", body) + chunk(b"IEND", b""))
elif k == "manychunks":  # N tiny ancillary chunks
    n = int(a[2]); extra = chunk(b"tIME", b"\x07\xe0\x01\x01\x00\x00\x00") * 0 + b"".join(chunk(b"xxXx", b"a") for _ in range(n))
    png(a[1], 4, 4, 16, 0, extra=extra)
elif k == "manyidat":    # the pixel stream split into N one-byte IDATs
    n = int(a[2]); data = zlib.compress(raw(64, 48, 16, 0)); extra = b""
    d = SIG + ihdr(64, 48, 16, 0) + b"".join(chunk(b"IDAT", data[i:i+1]) for i in range(len(data))) + b"".join(chunk(b"IDAT", b"") for _ in range(n)) + chunk(b"IEND", b"")
    open(a[1], "wb").write(d)
elif k == "apng":
    png(a[1], 64, 48, 16, 0, extra=chunk(b"acTL", struct.pack(">II", 1, 0)))
elif k == "gama":
    png(a[1], 64, 48, 16, 0, extra=chunk(b"gAMA", struct.pack(">I", 100000)) + chunk(b"sRGB", b"\x00"), val=0)
elif k == "crit":        # unknown critical chunk
    png(a[1], 4, 4, 16, 0, extra=chunk(b"ABCD", b"zz"))
elif k == "sparse":      # a big sparse file with a valid header
    f = open(a[1], "wb"); f.write(SIG + ihdr(16, 16, 16, 0)); f.seek(int(a[2]) - 1); f.write(b"\0"); f.close()
elif k == "deepjson":
    n = int(a[2]); open(a[1], "w").write("[" * n + "]" * n)
elif k == "json":        # json OUT PYTHON-EXPR-TEXT (raw text)
    open(a[1], "w").write(a[2])
elif k == "cocoset":     # cocoset JSON PATH VALUE(json): set annotations[0].segments_info[0][PATH]
    o = json.load(open(a[1])); s = o["annotations"][0]["segments_info"][0]
    s[a[2]] = json.loads(a[3]); json.dump(o, open(a[1], "w"))
elif k == "commit":      # commit OUT TEMP TARGET [TEMP TARGET...]: a whole, checksummed commit record
    out = b"panoptty-commit 1\n"
    for i in range(2, len(a), 2):
        out += b"rename " + json.dumps([a[i], a[i + 1]]).encode() + b"\n"
    h = 0xcbf29ce484222325
    for byte in out:
        h ^= byte; h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    out += b"end %016x\n" % h
    open(a[1], "wb").write(out)
elif k == "flip":        # flip OUT OFFSETFRAC: flip one bit
    b = bytearray(open(a[1], "rb").read()); i = int(len(b) * float(a[2])); i = min(max(i, 0), len(b) - 1); b[i] ^= 1 << (int(a[3]) if len(a) > 3 else 0)
    open(a[1], "wb").write(bytes(b))
