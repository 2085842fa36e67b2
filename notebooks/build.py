#!/usr/bin/env python3
"""Writes the notebooks from their sources: notebooks/src/NAME.md -> NAME.ipynb.

A source is plain Markdown. Each fenced ```java block becomes a code cell; the text between two
blocks becomes one Markdown cell. The .ipynb files are outputs of this script (and of run.sh,
which executes them): edit the source, never the notebook.

    build.py [--out DIR]        write every notebook, without outputs, into DIR (default: notebooks/.build)
    build.py --tidy IN... DIR   copy executed notebooks into DIR without the per-run timing metadata
    build.py --check            fail if a committed notebook's cells differ from its source

Python 3 standard library only.
"""

import argparse
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
SOURCES = HERE / "src"
KERNEL_NAME = "dl4j-zoo"
KERNEL_DISPLAY_NAME = "Java (dl4j-zoo)"
FENCE = re.compile(r"^```java[ \t]*\n(.*?)^```[ \t]*$\n?", re.MULTILINE | re.DOTALL)


def cells_of(text, stem):
    """The cells of one source, in order: Markdown between fences, code inside them."""
    cells, at = [], 0
    for m in FENCE.finditer(text):
        markdown(cells, text[at : m.start()])
        cells.append(("code", m.group(1).rstrip("\n")))
        at = m.end()
    markdown(cells, text[at:])
    if "```" in FENCE.sub("", text):
        sys.exit(f"build.py: {stem}.md: a fence that is not a ```java block, or one left open")
    return [cell(kind, source, f"{stem}-{i:02d}") for i, (kind, source) in enumerate(cells)]


def markdown(cells, text):
    text = text.strip("\n")
    if text.strip():
        cells.append(("markdown", text))


def cell(kind, source, cell_id):
    lines = source.splitlines(keepends=True)
    c = {"cell_type": kind, "id": cell_id, "metadata": {}, "source": lines}
    if kind == "code":
        c["execution_count"] = None
        c["outputs"] = []
    return c


def notebook(source_file):
    stem = source_file.stem
    return {
        "cells": cells_of(source_file.read_text(encoding="utf-8"), stem),
        "metadata": {
            "kernelspec": {"name": KERNEL_NAME, "display_name": KERNEL_DISPLAY_NAME, "language": "java"},
            "language_info": {"name": "java"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write(nb, path):
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def sources():
    found = sorted(SOURCES.glob("*.md"))
    if not found:
        sys.exit(f"build.py: no sources in {SOURCES}")
    return found


def generate(out):
    out.mkdir(parents=True, exist_ok=True)
    for src in sources():
        target = out / (src.stem + ".ipynb")
        write(notebook(src), target)
        print(f"build.py: wrote {target}")


def tidy(inputs, out):
    """Executed notebooks without what changes on every run and says nothing (cell timestamps)."""
    out.mkdir(parents=True, exist_ok=True)
    for path in inputs:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for c in nb["cells"]:
            c["metadata"].pop("execution", None)
        nb["metadata"].pop("widgets", None)
        write(nb, out / path.name)
        print(f"build.py: wrote {out / path.name}")


def check():
    """Each committed notebook has exactly its source's cells (outputs aside)."""
    stale = []
    for src in sources():
        committed = HERE / (src.stem + ".ipynb")
        if not committed.exists():
            stale.append(f"{committed.name}: missing (run notebooks/run.sh)")
            continue
        have = [(c["cell_type"], "".join(c["source"])) for c in json.loads(committed.read_text("utf-8"))["cells"]]
        want = [(c["cell_type"], "".join(c["source"])) for c in notebook(src)["cells"]]
        if have != want:
            stale.append(f"{committed.name}: its cells differ from src/{src.name} (run notebooks/run.sh)")
    for line in stale:
        print("build.py: " + line, file=sys.stderr)
    return 1 if stale else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=pathlib.Path, default=HERE / ".build")
    p.add_argument("--tidy", nargs="+", metavar="PATH", help="executed notebooks, then the folder to copy them to")
    p.add_argument("--check", action="store_true")
    a = p.parse_args()
    if a.check:
        return check()
    if a.tidy:
        if len(a.tidy) < 2:
            p.error("--tidy: expected one or more notebooks, then a folder")
        tidy([pathlib.Path(x) for x in a.tidy[:-1]], pathlib.Path(a.tidy[-1]))
        return 0
    generate(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
