#!/usr/bin/env python3
"""Markdown posts from HTML documentation, for held-out measuring sets.

Usage: doc-sections.py [--letters cyrillic|vietnamese|hangul] OUT_DIR PREFIX FILE.html...

Converts each page with html2text (`pip install html2text`), splits it at
its level-1 and level-2 headings, and writes every section of 1,500 chars
or more as OUT_DIR/<PREFIX><n>.md with a YAML title. Feed OUT_DIR to
`../shared/eval/synth.py` (README, "How to measure").

`--letters` keeps only the sections written in that script (some pages of
the translated packages are untranslated English): more than half of the
letters Cyrillic (or Hangul), or more than 12% of them accented Latin
(Vietnamese).
"""
import os
import re
import sys

import html2text


LETTERS = {
    "cyrillic": (re.compile("[\u0400-\u04ff]"), 0.5),
    "vietnamese": (re.compile("[\u00c0-\u1ef9]"), 0.12),
    "hangul": (re.compile("[\uac00-\ud7a3]"), 0.5),
}


def written_in(text, pattern, share):
    """Are more than `share` of the letters of `text` matched by `pattern`?"""
    letters = sum(1 for c in text if c.isalpha())
    return letters > 0 and len(pattern.findall(text)) / letters > share


def main():
    args = sys.argv[1:]
    letters = None
    if args[:1] == ["--letters"]:
        letters, args = LETTERS[args[1]], args[2:]
    out, prefix, files = args[0], args[1], args[2:]
    os.makedirs(out, exist_ok=True)
    n = 0
    for name in sorted(files):
        conv = html2text.HTML2Text()
        conv.body_width = 0
        conv.ignore_images = True
        md = conv.handle(open(name, encoding="utf-8", errors="replace").read())
        md = re.sub(r"\n{3,}", "\n\n", "\n".join(l.rstrip() for l in md.split("\n")))
        for part in re.split(r"(?m)^(?=#{1,2} )", md):
            if not part.startswith("#") or "\n" not in part:
                continue
            title, body = part.split("\n", 1)
            body = body.strip() + "\n"
            if len(body) < 1500:
                continue
            n += 1
            if letters and not written_in(body, *letters):
                continue
            title = title.lstrip("#").strip().replace('"', "'")
            with open(os.path.join(out, "%s%03d.md" % (prefix, n)), "w", encoding="utf-8") as f:
                f.write('---\ntitle: "%s"\n---\n\n%s' % (title, body))
    print(prefix, n)


if __name__ == "__main__":
    main()
