"""Remove the boilerplate that scraped article text carries.

Scraped news pages end their article with lists of teasers for related
articles ("Read More" plus a date), site blurbs, CMS field values and JSON
blobs.  None of it is the article, so none of it may become graph content.
The rules are about page structure, never about particular words of an article.

>>> clean_text("Real text here.\\n3/1/2026\\nAnother story teaser\\nRead More5/1/2026\\nTeaser two\\nRead More")
'Real text here.'
>>> clean_text('Body.\\n{\\n  "a": [1, 2]\\n}\\nstandard-article\\nfalse')
'Body.'
"""

from __future__ import annotations

import json
import re

__all__ = ["clean_text"]

_READ_MORE = re.compile(r"^\s*(read more|continue reading|related (articles|stories|posts))(?![a-z])(?!\s*(about|on)\b)(?!\s*:)",
                        re.I)
_DATE_LINE = re.compile(r"^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Z][a-z]+ \d{1,2}, \d{4})\s*$")
_TOKEN_LINE = re.compile(r"^\s*[\w:/-][\w.:/-]{0,39}(?<![.!?])\s*$")


def _json_block_end(lines: list[str], i: int) -> int | None:
    """Index after the JSON value that starts at line ``i``, or None if none does."""
    depth = 0
    for j in range(i, len(lines)):
        line = lines[j]
        depth += line.count("{") + line.count("[") - line.count("}") - line.count("]")
        if depth <= 0:
            try:
                json.loads("\n".join(lines[i:j + 1]))
            except ValueError:
                return None
            return j + 1
    return None


def _strip_json_blocks(lines: list[str]) -> list[str]:
    """Drop runs of lines that together parse as a JSON object or array."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _json_block_end(lines, i) if lines[i].lstrip().startswith(("{", "[")) else None
        if end is None:
            out.append(lines[i])
            i += 1
        else:
            i = end
    return out


def _cut_teaser_lists(lines: list[str]) -> list[str]:
    """Cut the page from the first related-article teaser list on.

    A teaser list is two or more "Read More" markers; the article ends at the
    teaser headline (and date line) just before the first marker.
    """
    marks = [i for i, line in enumerate(lines) if _READ_MORE.match(line)]
    if len(marks) < 2:
        return lines
    cut = marks[0]
    # the teaser headline before the first marker, and a date line before that
    k = cut - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k >= 0:
        cut = k
        if k - 1 >= 0 and _DATE_LINE.match(lines[k - 1]):
            cut = k - 1
    return lines[:cut]


def _drop_field_lines(lines: list[str]) -> list[str]:
    """Drop trailing CMS field values: single tokens such as ``standard-article`` or ``false``."""
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or _TOKEN_LINE.match(lines[end - 1])
                       or _DATE_LINE.match(lines[end - 1])):
        end -= 1
    return lines[:end]


def clean_text(text: str) -> str:
    """Article text without scraped-page boilerplate; line structure is kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _strip_json_blocks(lines)
    lines = _cut_teaser_lists(lines)
    lines = _drop_field_lines(lines)
    lines = [line for line in lines if not _DATE_LINE.match(line)]
    return "\n".join(line.rstrip() for line in lines).strip()
