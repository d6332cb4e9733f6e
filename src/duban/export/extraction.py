"""Extraction results as CSV rows: one row per indicator (qualitative targets get one row with
empty indicator columns, so that the sheet lists every target)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..records import Extraction

EXTRACT_COLUMNS = (
    "document", "target_id", "section", "target", "target_start", "target_end", "kind", "horizon",
    "metric", "op", "value", "value_high", "unit", "norm_value", "base_unit", "basis", "hedge",
    "indicator_text", "indicator_start", "indicator_end",
)


def extraction_rows(ex: Extraction) -> Iterable[dict]:
    doc = ex.document
    for t in ex.targets:
        base = {
            "document": doc.path or doc.title or doc.id,
            "target_id": t.id,
            "section": " / ".join(t.section),
            "target": t.text,
            "target_start": t.span[0],
            "target_end": t.span[1],
            "kind": t.kind,
            "horizon": t.horizon,
        }
        if not t.indicators:
            yield base
        for i in t.indicators:
            yield base | {
                "metric": i.metric,
                "op": i.op,
                "value": i.value,
                "value_high": i.value_high,
                "unit": i.unit,
                "norm_value": i.norm_value,
                "base_unit": i.base_unit,
                "basis": i.basis,
                "hedge": i.hedge,
                "indicator_text": doc.text[i.span[0]:i.span[1]],
                "indicator_start": i.span[0],
                "indicator_end": i.span[1],
            }


def extraction_csv(extractions: Iterable[Extraction]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXTRACT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for ex in extractions:
        writer.writerows(extraction_rows(ex))
    return buf.getvalue()
