#!/usr/bin/env python3
"""Regenerates the binding tables of docs/keymaps.md from keymaps/*.keymap.
A test (keymapDocListsTheSameBindings) fails when the doc falls behind."""
import pathlib, re
root = pathlib.Path(__file__).resolve().parent.parent
doc = root / "docs" / "keymaps.md"
MODES = ("normal", "help")
def table(name):
    rows = ["| mode | key | command |", "| --- | --- | --- |"]
    for line in (root / "keymaps" / f"{name}.keymap").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("name "):
            continue
        if line.startswith("map "):
            line = line[4:]
        words = line.split()
        mode = "normal"
        if len(words) >= 3 and words[0] in MODES:
            mode = words[0]
            line = line.split(" ", 1)[1].lstrip()
        key, cmd = line.split(" ", 1)
        if key == "|":
            key = "\\|"
        rows.append(f"| {mode} | `{key}` | `{cmd.strip()}` |")
    return "\n".join(rows)
text = doc.read_text()
for name in ["default", "vim"]:
    text = re.sub(rf"<!-- {name}:begin -->.*?<!-- {name}:end -->",
                  f"<!-- {name}:begin -->\n{table(name)}\n<!-- {name}:end -->", text, flags=re.S)
doc.write_text(text)
