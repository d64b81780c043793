#!/usr/bin/env python3
"""Keeps a benchmark's latest results in docs/PERFORMANCE.md, between its markers.

  put-section.py SCRIPT TABLE_FILE [HEADING]

replaces what lies between "<!-- SCRIPT: latest run -->" and "<!-- /SCRIPT -->" with the file's text,
or appends both markers (under "## HEADING" when given) if the document has none yet.
"""
import re
import sys

script, table = sys.argv[1], open(sys.argv[2]).read().strip()
heading = f"## {sys.argv[3]}\n\n" if len(sys.argv) > 3 else ""
doc = "docs/PERFORMANCE.md"
start, end = f"<!-- {script}: latest run -->", f"<!-- /{script} -->"
text = open(doc).read()
block = f"{start}\n{table}\n{end}"
if start in text:
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + heading + block + "\n"
open(doc, "w").write(text)
