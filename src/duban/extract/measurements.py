"""Measurements: figures a document reports as achieved, with the flags a careful reader raises."""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..lexicon import alt
from ..records import Measurement, Quantity, Sentence
from ..segment import Segmented
from .clauses import CLAUSE_SEP
from .readings import read_all


def measurements_of(seg: Segmented, sent: Sentence, qs: list[Quantity]) -> list[Measurement]:
    if not qs:
        return []
    sh, text = seg.shadow, seg.text
    s, e = sent.span
    out = []
    section = seg.path(sent.section)
    for q, reading, value, high in read_all(seg, (s, e), qs):
        start = reading.metric_span[0] if reading.metric_span and reading.metric_span[0] < q.span[0] else q.span[0]
        clause_start = max([s, *[m.end() for m in CLAUSE_SEP.finditer(sh, s, q.span[0])]])
        start = min(start, clause_start) if start >= clause_start else start
        end = max(q.span[1], reading.metric_span[1] if reading.metric_span else q.span[1])
        out.append(
            Measurement(
                metric=reading.metric,
                value=value,
                value_high=high,
                op=q.op,
                unit=q.unit,
                norm_value=None if q.norm_value is None else q.norm_value * (-1 if reading.negative else 1),
                base_unit=q.base_unit,
                basis=reading.basis,
                text=text[start:end],
                span=(start, end),
                value_span=q.span,
                flags=measurement_flags(sh, s, clause_start, q, reading.basis),
                negative=reading.negative,
                metric_span=reading.metric_span,
                section=section,
                sentence=(s, e),
            )
        )
    return out


_ESTIMATE = re.compile(alt(lx.ESTIMATE_WORDS))
_APPLIED = re.compile(rf"(?:{alt(lx.APPLIED_WORDS)})(?!.*(?:获批|通过|成功|入选))")
_PARTIAL = re.compile("|".join(lx.PARTIAL_PERIOD_PATTERNS))


def measurement_flags(sh: str, sentence_start: int, clause_start: int, q: Quantity, basis: str) -> list[str]:
    flags: list[str] = []
    before_sentence = sh[sentence_start:q.span[0]]
    before_clause = sh[clause_start:q.span[0]]
    if _ESTIMATE.search(before_sentence) or q.approx in ("约", "大约"):
        flags.append("estimate")
    if basis == "cumulative":
        flags.append("cumulative")
    if _APPLIED.search(before_clause):
        flags.append("applied")
    if _PARTIAL.search(before_sentence):
        flags.append("partial_period")
    return flags

