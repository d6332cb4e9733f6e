"""Cutting a sentence into clauses at ，：: (each separator one character), the cut extract/clauses.py reads
clause roles by and extract/measurements.py finds a figure's clause by."""

from __future__ import annotations

import re

from ..records import Span

CLAUSE_SEP = re.compile(r"[，：:]")


def clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last CLAUSE_SEP in ``text[start:pos]``, else ``start``
    (three ``rfind`` instead of a scan listing every separator)."""
    return max(start, text.rfind("，", start, pos) + 1, text.rfind("：", start, pos) + 1,
               text.rfind(":", start, pos) + 1)


def clause_spans(text: str) -> list[Span]:
    """The (start, end) of each clause of a sentence that is not empty once its leading spaces are left out (the
    sentence cut at every ，：: — a clause is followed by a colon when ``text[end]`` is one)."""
    out: list[Span] = []
    pos = 0
    for piece in CLAUSE_SEP.split(text):  # (a separator is one character)
        ce = pos + len(piece)
        cs = ce - len(piece.lstrip(" ")) if piece[:1] == " " else pos
        pos = ce + 1
        if cs < ce:
            out.append((cs, ce))
    return out


__all__ = ["CLAUSE_SEP", "clause_spans", "clause_start"]
