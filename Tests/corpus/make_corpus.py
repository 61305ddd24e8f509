#!/usr/bin/env python3
"""Writes the malformed-input corpus (files/) used by Tests/e2e/corpus.sh.
The outputs are committed; rerun only to change the corpus:
    python3 Tests/corpus/make_corpus.py PANOPTTY_BIN   (Pillow needed for the JPEGs)
Every file is made here from scratch (or by panoptty's own demo)."""
import io, json, os, shutil, struct, subprocess, sys, zlib

BIN = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
F = os.path.join(HERE, "files")
shutil.rmtree(F, ignore_errors=True)
os.makedirs(F)

def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

SIG = b"\x89PNG\r\n\x1a\n"
def ihdr(w, h, depth=16, ctype=0, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))
def gray16(w, h, values):
    raw = b"".join(b"\x00" + b"".join(struct.pack(">H", values[y * w + x]) for x in range(w)) for y in range(h))
    return chunk(b"IDAT", zlib.compress(raw))
def png(*chunks):
    return SIG + b"".join(chunks) + chunk(b"IEND", b"")
def write(name, data):
    with open(os.path.join(F, name), "wb") as f:
        f.write(data)

# A small valid scene from panoptty itself: photo 64x48 + offset labels.
subprocess.run([BIN, "demo", "--size", "64x48", "--out", F], check=True, stdout=subprocess.DEVNULL)
subprocess.run([BIN, "demo", "--size", "80x48", "--out", os.path.join(F, "other")], check=True, stdout=subprocess.DEVNULL)
os.rename(os.path.join(F, "other", "demo.png"), os.path.join(F, "other80x48.png"))
shutil.rmtree(os.path.join(F, "other"))
good = open(os.path.join(F, "demo_labels.png"), "rb").read()

v = [100] * 16  # road everywhere, 4x4
write("not-png.png", b"this is not a png at all\n")
write("empty.png", b"")
write("truncated-header.png", SIG + ihdr(4, 4)[:10])
write("truncated-idat.png", png(ihdr(4, 4), gray16(4, 4, v))[:45])
bad = bytearray(png(ihdr(4, 4), gray16(4, 4, v))); bad[8 + 4 + 4 + 13] ^= 0xFF
write("bad-crc-ihdr.png", bytes(bad))
idat = gray16(4, 4, v); idat = idat[:-4] + bytes([idat[-4] ^ 0xFF]) + idat[-3:]
write("bad-crc-idat.png", png(ihdr(4, 4), idat))
write("bad-ihdr-depth.png", png(ihdr(4, 4, depth=7), gray16(4, 4, v)))
write("bad-ihdr-colortype.png", png(ihdr(4, 4, ctype=5), gray16(4, 4, v)))
write("zero-size.png", png(ihdr(0, 0), gray16(1, 1, [0])))
write("huge-100000.png", png(ihdr(100000, 100000), gray16(1, 1, [0])))
bomb = zlib.compress(b"\x00" * (4 << 20), 9)
write("huge-ztxt.png", png(ihdr(4, 4), chunk(b"zTXt", b"Comment\x00\x00" + bomb), gray16(4, 4, v)))
# Found by FuzzPNG: a 456-byte file whose tEXt chunk declares 2 GB (libpng
# allocated and zero-filled it before reading).
write("text-2gb.png", SIG + ihdr(64, 48) + struct.pack(">I", 2113929272) + b"tEXt" + b"panoptty\x00" + b"x" * 400)
write("huge-iccp.png", png(ihdr(4, 4), chunk(b"iCCP", b"bomb\x00\x00" + bomb), gray16(4, 4, v)))
write("palette-label.png", png(ihdr(4, 4, depth=8, ctype=3), chunk(b"PLTE", b"\x00\x00\x00\xff\x00\x00"),
                              chunk(b"IDAT", zlib.compress(b"".join(b"\x00" + b"\x01" * 4 for _ in range(4))))))
write("gamma-label.png", png(ihdr(4, 4), chunk(b"gAMA", struct.pack(">I", 45455)), gray16(4, 4, v)))
# Adam7-interlaced 16-bit gray, every pixel road (100): passes of a 4x4 image.
def adam7(w, h, val):
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    raw = b""
    for x0, y0, dx, dy in passes:
        cols = len(range(x0, w, dx)); rows = len(range(y0, h, dy))
        if cols and rows:
            raw += b"".join(b"\x00" + struct.pack(">H", val) * cols for _ in range(rows))
    return chunk(b"IDAT", zlib.compress(raw))
write("interlaced.png", png(ihdr(4, 4, interlace=1), adam7(4, 4, 100)))
write("one-bit.png", png(ihdr(8, 2, depth=1), chunk(b"IDAT", zlib.compress(b"\x00\xf0\x00\x0f"))))
write("unknown-class.png", png(ihdr(4, 4), gray16(4, 4, [150] * 16)))
write("stuff-with-instance.png", png(ihdr(4, 4), gray16(4, 4, [1100] * 16)))
write("non-global-instance.png", png(ihdr(4, 1), gray16(4, 1, [7002, 7002, 7000, 7000])))
rgb = b"".join(b"\x00" + bytes([1, 2, 3]) * 4 for _ in range(4))
write("rgb-no-json.png", png(ihdr(4, 4, depth=8, ctype=2), chunk(b"IDAT", zlib.compress(rgb))))

# Files without panoptty's tEXt chunk, as other tools write them (issue 12:
# never guess silently). Detection goes by evidence: names, alpha, values.
def png8(w, h, values, ctype=0):
    n = 3 if ctype == 2 else 1  # values holds n bytes a pixel
    return png(ihdr(w, h, depth=8, ctype=ctype),
               chunk(b"IDAT", zlib.compress(b"".join(b"\x00" + bytes(values[y * w * n:(y + 1) * w * n]) for y in range(h)))))
city = [7, 7, 8, 26, 26, 24, 11, 23]  # Cityscapes labelIds: road, sidewalk, car, person, building, sky
write("aachen_000000_000019_gtFine_labelIds.png", png8(8, 1, city))
write("aachen_000000_000019_gtFine_labelTrainIds.png", png8(8, 1, [0, 0, 1, 13, 13, 11, 2, 10]))
write("aachen_000000_000019_gtFine_instanceTrainIds.png", png(ihdr(4, 1), gray16(4, 1, [0, 13000, 13001, 11000])))
write("semantic-untagged.png", png8(8, 1, city))            # the same labelIds, renamed
write("detectron2-ids.png", png(ihdr(6, 1), gray16(6, 1, [0, 1, 2, 3, 4, 5])))  # a segment-index map
write("cityscapes-untagged.png", png(ihdr(4, 1), gray16(4, 1, [7, 26000, 26001, 24000])))
write("both-fit.png", png(ihdr(2, 1), gray16(2, 1, [24000, 26000])))  # offset persons 24, 26 or a person and a car
write("offset-untagged.png", png(ihdr(4, 1), gray16(4, 1, [100, 1002, 2000, 133])))  # MMDetection-style output
# An OpenCV re-save of a 16-bit panoptty file with cv2.imread's default flag:
# 8-bit BGR, R = G = B = the value's high byte.
write("opencv-default-resave.png", png8(4, 1, [v >> 8 for v in [100, 1002, 2000, 133] for _ in range(3)], ctype=2))
# 2-channel layout (R = category, G = instance, B = 0) in a file not named *_2ch*.
write("rgb-rg-layout.png", png8(2, 1, [1, 1, 0, 3, 2, 0], ctype=2))
def rgba(w, h, pixels):
    return png(ihdr(w, h, depth=8, ctype=6),
               chunk(b"IDAT", zlib.compress(b"".join(b"\x00" + b"".join(bytes(p) for p in pixels[y * w:(y + 1) * w]) for y in range(h)))))
# A Segments.ai-style bitmap with a transparent pixel: the alpha would be lost.
write("rgba-mask.png", rgba(2, 1, [(1, 0, 0, 255), (2, 0, 0, 0)]))

# Issue 12 interop: class-major layouts (class × divisor + instance) as the datasets' own tools write
# them, with no tEXt chunk (read only with --format), and a 16-bit-per-channel RGB PNG (refused).
# DeepLab2 / Cityscapes-DVPS: trainId × 1000 + instance (road, car 1, car 2, person crowd).
write("deeplab2-trainids.png", png(ihdr(4, 1), gray16(4, 1, [0, 13001, 13002, 11000])))
# KITTI-STEP: R = trainId, G = instance // 256, B = instance % 256 (road, car 1, car 258, void R = 255).
write("kitti-step.png", png8(4, 1, [0, 0, 0, 13, 0, 1, 13, 1, 2, 255, 0, 0], ctype=2))
# VIPSeg raw panomask: 0 void, stuff = category id + 1 (wall 1), things (id + 1) × 100 + k from 0 (person 6100, 6101).
write("vipseg-raw.png", png(ihdr(4, 1), gray16(4, 1, [0, 1, 6100, 6101])))
json.dump([{"id": 0, "name": "wall", "isthing": 0, "color": [120, 120, 120]},
           {"id": 60, "name": "person", "isthing": 1, "color": [11, 200, 200]}],
          open(os.path.join(F, "vipseg-categories.json"), "w"))
# Red channels 256 and 300: equal high bytes, so folding to 8 bits would merge them.
write("rgb16.png", png(ihdr(2, 1, depth=16, ctype=2),
                       chunk(b"IDAT", zlib.compress(b"\x00" + struct.pack(">HHHHHH", 256, 0, 0, 300, 0, 0)))))

# detectron2 panoptic_seg dumps as users save them: np.save / np.savez_compressed + json.dump(segments_info).
import numpy as np
d2 = np.array([[0, 1, 1, 2], [3, 3, 2, 0]], dtype=np.int32)
d2segs = [{"id": 1, "isthing": True, "category_id": 0, "score": 0.9, "instance_id": 0},
          {"id": 2, "isthing": True, "category_id": 2, "score": 0.8, "instance_id": 1},
          {"id": 3, "isthing": False, "category_id": 100, "area": 2}]
np.save(os.path.join(F, "d2-pred.npy"), d2)
json.dump(d2segs, open(os.path.join(F, "d2-pred.json"), "w"))
np.savez_compressed(os.path.join(F, "d2-pred-z.npz"), d2)
json.dump({"segments_info": d2segs}, open(os.path.join(F, "d2-pred-z.json"), "w"))
np.save(os.path.join(F, "d2-nojson.npy"), d2)
# PanopticFPN numbers stuff apart from things: stuff category_id 0 collides with person.
np.save(os.path.join(F, "d2-fpn.npy"), d2)
json.dump(d2segs[:2] + [{"id": 3, "isthing": False, "category_id": 0, "area": 2}], open(os.path.join(F, "d2-fpn.json"), "w"))

# COCO: a valid 2-segment PNG + JSON, then JSON variants.
os.makedirs(os.path.join(F, "coco"))
subprocess.run([BIN, "convert", os.path.join(F, "demo_labels.png"), os.path.join(F, "coco", "a.png"), "--to", "coco",
                "--out-annotations", os.path.join(F, "good.json")], check=True, stdout=subprocess.DEVNULL)
g = json.load(open(os.path.join(F, "good.json")))
def variant(name, fn):
    d = json.loads(json.dumps(g)); fn(d)
    json.dump(d, open(os.path.join(F, name), "w"))
segs = lambda d: d["annotations"][0]["segments_info"]
open(os.path.join(F, "malformed.json"), "w").write('{"annotations": [ {"file_name": ')
open(os.path.join(F, "not-object.json"), "w").write("[]")
open(os.path.join(F, "no-annotations.json"), "w").write('{"images": []}')
variant("wrong-type-category.json", lambda d: segs(d)[0].__setitem__("category_id", "car"))
variant("wrong-type-bbox.json", lambda d: segs(d)[0].__setitem__("bbox", "0,0,1,1"))
variant("wrong-type-iscrowd.json", lambda d: segs(d)[0].__setitem__("iscrowd", 3))
variant("duplicate-ids.json", lambda d: segs(d).append(dict(segs(d)[0])))
variant("id-missing-from-png.json", lambda d: segs(d).append({"id": 999999, "category_id": 1, "iscrowd": 0}))
variant("png-id-missing-from-json.json", lambda d: segs(d).pop(0))
variant("unknown-category.json", lambda d: segs(d)[0].__setitem__("category_id", 999))
variant("wrong-area.json", lambda d: segs(d)[0].__setitem__("area", segs(d)[0]["area"] + 1))
variant("no-entry.json", lambda d: d["annotations"][0].__setitem__("file_name", "zzz.png"))
variant("segments-not-list.json", lambda d: d["annotations"][0].__setitem__("segments_info", {}))
variant("categories-not-list.json", lambda d: d.__setitem__("categories", "x"))
variant("dup-file-name.json", lambda d: d["annotations"].append(dict(d["annotations"][0], image_id=2)))
# datumaro's coco_panoptic export: categories renumbered 1..N, isthing 0, no colour, own keys (issue 12).
def datumaro(d):
    new = {c["id"]: i + 1 for i, c in enumerate(d["categories"])}
    d["categories"] = [{"id": new[c["id"]], "name": c["name"], "isthing": 0, "supercategory": ""} for c in d["categories"]]
    for s in segs(d):
        s["category_id"] = new[s["category_id"]]; s["attributes"] = {}
variant("datumaro.json", datumaro)
# The COCO PNG as RGBA with alpha 255 everywhere (Segments.ai, image editors): read as RGB.
from PIL import Image
os.makedirs(os.path.join(F, "rgba"))
Image.open(os.path.join(F, "coco", "a.png")).convert("RGBA").save(os.path.join(F, "rgba", "a.png"))

# Catalogs.
open(os.path.join(F, "cat-not-json.json"), "w").write("id,name\n1,car\n")
# A catalog saved as UTF-16 (Windows editors do): named as such, with the iconv line.
open(os.path.join(F, "cat-utf16.json"), "wb").write(json.dumps([{"id": 1, "name": "car", "isthing": 1}]).encode("utf-16"))
open(os.path.join(F, "cat-empty.json"), "w").write("[]")
open(os.path.join(F, "cat-bad-color.json"), "w").write('[{"id": 1, "name": "car", "isthing": 1, "color": [1, 2]}]')
# No colours at all (datumaro's exports): accepted, colours generated (issue 12).
json.dump([{k: v for k, v in c.items() if k != "color"} for c in g["categories"]],
          open(os.path.join(F, "cat-no-color.json"), "w"))
open(os.path.join(F, "cat-dup-id.json"), "w").write(
    '[{"id": 1, "name": "a", "isthing": 1, "color": [1,2,3]}, {"id": 1, "name": "b", "isthing": 0, "color": [1,2,3]}]')
open(os.path.join(F, "cat-isthing.json"), "w").write('[{"id": 1, "name": "a", "isthing": 2, "color": [1,2,3]}]')

# Keymaps and scripts.
open(os.path.join(F, "unknown-key.keymap"), "w").write("# mine\n<Hyper-x> undo\n")
open(os.path.join(F, "unknown-command.keymap"), "w").write("x teleport\n")
open(os.path.join(F, "no-command.keymap"), "w").write("x\n")
open(os.path.join(F, "unknown-command.script"), "w").write("class car\nfill 10 30\njump 1 2\n")
open(os.path.join(F, "bad-args.script"), "w").write("class car\nfill 10\n")
open(os.path.join(F, "outside.script"), "w").write("class car\nfill 999 999\n")
open(os.path.join(F, "unknown-class.script"), "w").write("class unicorn\n")
open(os.path.join(F, "quit-unsaved.script"), "w").write("class road\nfill 5 40\nq\n")

# JPEGs (Pillow).
from PIL import Image
photo = Image.open(os.path.join(F, "demo.png")).convert("RGB")
buf = io.BytesIO(); photo.save(buf, "JPEG", quality=90); jpg = buf.getvalue()
write("truncated.jpg", jpg[: len(jpg) // 2])
photo.convert("CMYK").save(os.path.join(F, "cmyk.jpg"), "JPEG")
photo.save(os.path.join(F, "progressive.jpg"), "JPEG", progressive=True, quality=90)
write("not-jpeg.jpg", b"\xff\xd8 garbage that stops here")
write("garbage.jpg", b"GIF89a not a jpeg")
print("corpus written to", F, "-", len(os.listdir(F)), "entries")

# Issue 12 interop: Label Studio brush exports. The RLE is what label-studio-converter's
# mask2rle writes for a 4x2 mask (columns 0-1 and pixel (3, 1) painted).
LS_RLE = [0, 0, 0, 32, 57, 27, 252, 255, 243, 128, 79, 255, 24, 4, 127, 224]
def ls_export(name, rle=LS_RLE, w=4, h=2, tasks=1):
    brush = {"id": "r1", "type": "brushlabels", "from_name": "tag", "to_name": "image", "original_width": w,
             "original_height": h, "image_rotation": 0, "value": {"format": "rle", "rle": rle, "brushlabels": [name]}}
    return [{"id": t + 1, "data": {"image": "x.jpg"}, "annotations": [{"id": 1, "result": [brush]}]} for t in range(tasks)]
def write_ls():
    for fname, export in [("ls-good.json", ls_export("car")), ("ls-unknown-class.json", ls_export("unicorn")),
                          ("ls-bad-rle.json", ls_export("car", rle=LS_RLE[:9])),
                          ("ls-wrong-size.json", ls_export("car", w=5)), ("ls-two-tasks.json", ls_export("car", tasks=2))]:
        json.dump(export, open(os.path.join(F, fname), "w"))
write_ls()

# Issue 12 interop: labelme files and a CVAT "Segmentation mask 1.1" folder.
def write_labelme_cvat():
    def lm(shapes):
        return {"version": "5.4.1", "flags": {}, "shapes": shapes, "imagePath": "x.jpg", "imageData": None,
                "imageHeight": 4, "imageWidth": 4}
    def shape(label, kind="polygon", points=((0, 0), (3, 0), (3, 3))):
        return {"label": label, "points": [list(p) for p in points], "group_id": None, "shape_type": kind, "flags": {}}
    json.dump(lm([shape("car"), shape("unicorn")]), open(os.path.join(F, "labelme-unknown-class.json"), "w"))
    json.dump(lm([shape("car", "mask", ((0, 0), (1, 1)))]), open(os.path.join(F, "labelme-mask.json"), "w"))
    json.dump(lm([shape("car", "polygon", ((0, 0), (3, 0)))]), open(os.path.join(F, "labelme-two-points.json"), "w"))
    root = os.path.join(F, "cvat-bad")
    for sub in ["SegmentationClass", "SegmentationObject", "ImageSets/Segmentation"]:
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    open(os.path.join(root, "labelmap.txt"), "w").write("# label:color_rgb:parts:actions\nbackground:0,0,0::\ncar:0,0,142::\n")
    open(os.path.join(root, "ImageSets/Segmentation/default.txt"), "w").write("a\n")
    def rgb_png(pixels):  # one row
        raw = b"\x00" + bytes(v for p in pixels for v in p)
        return png(ihdr(len(pixels), 1, depth=8, ctype=2), chunk(b"IDAT", zlib.compress(raw)))
    open(os.path.join(root, "SegmentationClass/a.png"), "wb").write(rgb_png([(0, 0, 142), (1, 2, 3)]))
    open(os.path.join(root, "SegmentationObject/a.png"), "wb").write(rgb_png([(128, 0, 0), (0, 0, 0)]))
write_labelme_cvat()
