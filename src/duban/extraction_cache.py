"""Extractions kept in the ledger for reuse: a document is read and extracted once per engine version, and
assessing a pair takes the plan's targets from the ledger instead of extracting the plan again.

* The key is the engine version (``duban.assess.ENGINE``) and a fingerprint of the code that turns a
  document's text into targets (segment/, extract/, lang/ with its word lists and metric vocabulary,
  records.py). An extraction stored by other code is never reused: it is extracted again (and stored under
  the new key), so `duban assess` on the files and `duban ingest` give the same result.
* Targets are stored as JSON (orjson: docs/libraries.md) — never pickles, so that a compromised database
  cannot become code execution.
  The payload names the record fields it was written with; a payload written for other fields is ignored
  (extracted again). A target's text is left out when it is the document's text at its span, and section
  paths are stored once each.
* A document that may be assessed as a completion report (a completion or progress report, a work report
  reviewing its year) also keeps its measurements, grouped by the sentence they stand in: assessing the pair
  takes the figures of a result cell or review passage from there (``KeptMeasurements``) instead of reading
  its sentences again. A sentence without kept measurements is read as ``measurements_in`` reads it — unless
  the payload's list of the sentences that hold a figure (``quantified``, format 3) leaves it out: then it has
  none, and the document's figures are not scanned again unless a sentence needs them.
* What is cheap is derived again: the document comes from its stored row and is segmented again (≈ 3.9 M
  chars/s); only extraction, the cost, is reused.
"""

from __future__ import annotations

import dataclasses
import hashlib
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson  # the same compact UTF-8 JSON as json.dumps(ensure_ascii=False), ≈ 10× faster

from .records import Indicator, Measurement, Span, Target

FORMAT = 3  # 2: measurements kept too; 3: and the sentences that hold a figure
# the code that makes a document's targets from its text (relative to the duban package)
_CODE = ("segment", "extract", "lang", "records.py")


def _fields(cls) -> list[dataclasses.Field]:
    return list(dataclasses.fields(cls))


def _span_kind(f: dataclasses.Field) -> str | None:
    """How a field holds spans (from its annotation: records.py writes ``Span``, ``Span | None``,
    ``list[Span]``): JSON gives lists, the records hold tuples."""
    kind = str(f.type).replace(" ", "")
    if kind in ("Span", "Span|None", "tuple[int,int]", "tuple[int,int]|None"):
        return "span"
    if kind in ("list[Span]", "list[tuple[int,int]]"):
        return "spans"
    return None


_TARGET_FIELDS = [f.name for f in _fields(Target) if f.name != "indicators"]
_INDICATOR_FIELDS = [f.name for f in _fields(Indicator)]
_TARGET_SPANS = {f.name: _span_kind(f) for f in _fields(Target) if _span_kind(f)}
_INDICATOR_SPANS = {f.name: _span_kind(f) for f in _fields(Indicator) if _span_kind(f)}
_MEASUREMENT_FIELDS = [f.name for f in _fields(Measurement)]
_MEASUREMENT_SPANS = {f.name: _span_kind(f) for f in _fields(Measurement) if _span_kind(f)}


_TARGET_VALUES = attrgetter(*_TARGET_FIELDS)
_INDICATOR_VALUES = attrgetter(*_INDICATOR_FIELDS)
_MEASUREMENT_VALUES = attrgetter(*_MEASUREMENT_FIELDS)
_T_TEXT, _T_SECTION = _TARGET_FIELDS.index("text"), _TARGET_FIELDS.index("section")
_M_TEXT, _M_SECTION = _MEASUREMENT_FIELDS.index("text"), _MEASUREMENT_FIELDS.index("section")


@cache
def cache_key() -> str:
    """``<engine>+<fingerprint>``: the engine version and the first 12 hex digits of a SHA-256 over the
    extraction code (file names and bytes)."""
    from .assess import ENGINE

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in _CODE:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in (".py", ".toml"))
        for f in files:
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return f"{ENGINE}+{h.hexdigest()[:12]}"


def encode_targets(targets: list[Target], text: str, *, kind: str, year: int | None,
                   measurements: list[Measurement] | None = None, quantified: list[Span] | None = None) -> str:
    """The targets (and, when given, the measurements) as compact JSON (one list of values per record, in
    the order the payload names), with the document's kind and year they were extracted under.
    ``quantified``: the spans of the sentences that hold a figure (``duban.extract.quantified_sentences``),
    kept with the measurements."""
    paths: dict[tuple[str, ...], int] = {}
    rows = []
    for t in targets:  # (the fields by one attrgetter each: a record is a tuple, written as a JSON list)
        row: list[Any] = list(_TARGET_VALUES(t))
        if row[_T_TEXT] == text[t.span[0]:t.span[1]]:
            row[_T_TEXT] = None  # the document's own text at the span
        row[_T_SECTION] = paths.setdefault(tuple(row[_T_SECTION]), len(paths))
        row.append([_INDICATOR_VALUES(ind) for ind in t.indicators])
        rows.append(row)
    kept = None
    if measurements is not None and all(m.sentence is not None for m in measurements):
        kept = []
        for m in measurements:
            row = list(_MEASUREMENT_VALUES(m))
            if row[_M_TEXT] == text[m.span[0]:m.span[1]]:
                row[_M_TEXT] = None
            row[_M_SECTION] = paths.setdefault(tuple(row[_M_SECTION]), len(paths))
            kept.append(row)
    payload = {"format": FORMAT, "target_fields": _TARGET_FIELDS, "indicator_fields": _INDICATOR_FIELDS,
               "measurement_fields": _MEASUREMENT_FIELDS, "document": {"kind": kind, "year": year},
               "sections": [list(p) for p in paths], "targets": rows, "measurements": kept,
               "quantified": [list(q) for q in quantified] if kept is not None and quantified is not None else None}
    return orjson.dumps(payload).decode()


def _load(payload: str, kind: str, year: int | None) -> dict | None:
    data = orjson.loads(payload)
    if (data.get("format") != FORMAT or data.get("target_fields") != _TARGET_FIELDS
            or data.get("indicator_fields") != _INDICATOR_FIELDS
            or data.get("measurement_fields") != _MEASUREMENT_FIELDS
            or data.get("document") != {"kind": kind, "year": year}):
        return None
    return data


def decode_targets(payload: str, text: str, *, kind: str, year: int | None) -> list[Target] | None:
    """The targets of ``encode_targets``; None when the payload was written for other record fields or
    for a document of another kind or year (a reviewer's correction): the caller extracts again."""
    data = _load(payload, kind, year)
    if data is None:
        return None
    sections = data["sections"]
    out = []
    for row in data["targets"]:
        *values, indicators = row
        kw = dict(zip(_TARGET_FIELDS, values, strict=True))
        _spans(kw, _TARGET_SPANS)
        kw["section"] = list(sections[kw["section"]])
        if kw["text"] is None:
            kw["text"] = text[kw["span"][0]:kw["span"][1]]
        inds = []
        for values in indicators:
            ikw = dict(zip(_INDICATOR_FIELDS, values, strict=True))
            _spans(ikw, _INDICATOR_SPANS)
            inds.append(Indicator(**ikw))
        out.append(Target(indicators=inds, **kw))
    return out


class KeptMeasurements:
    """A document's kept measurements by sentence: ``measurements_in`` as duban.extract reads it, with the
    sentences read at extraction taken from the payload (new records at every call, as a new reading gives)."""

    def __init__(self, rows: list[list], sections: list[list[str]], text: str,
                 quantified: list[list[int]] | None = None) -> None:
        self._by_sentence: dict[Span, list[list]] = {}
        for row in rows:
            sentence = tuple(row[_SENTENCE])
            self._by_sentence.setdefault(sentence, []).append(row)  # type: ignore[arg-type]
        self._sections = sections
        self._text = text
        # the sentences that hold a figure (None: not known, every sentence without kept measurements is read)
        self._quantified = None if quantified is None else {(a, b) for a, b in quantified}

    def _of(self, sentence: Span) -> list[Measurement] | None:
        rows = self._by_sentence.get(sentence)
        if rows is None:
            return None
        out = []
        for row in rows:
            kw = dict(zip(_MEASUREMENT_FIELDS, row, strict=True))
            _spans(kw, _MEASUREMENT_SPANS)
            kw["section"] = list(self._sections[kw["section"]])
            if kw["text"] is None:
                kw["text"] = self._text[kw["span"][0]:kw["span"][1]]
            out.append(Measurement(**kw))
        return out

    def measurements_in(self, seg, spans: list[Span]) -> list[Measurement]:
        # duban.extract.measurements_in, sentence by sentence (its helpers, unchanged)
        from .extract import _quantity_starts, _sentence_quantities, _within, measurements_of

        starts = None  # the document's figures, scanned only for a sentence that needs them
        out: list[Measurement] = []
        for sent in _within(seg, spans):
            kept = self._of(sent.span)
            if kept is None:
                if self._quantified is not None and sent.span not in self._quantified:
                    continue  # no figure: measurements_of reads nothing
                if starts is None:
                    starts = _quantity_starts(seg)
                kept = measurements_of(seg, sent, _sentence_quantities(seg, sent, starts))
            out.extend(kept)
        return out


_SENTENCE = _MEASUREMENT_FIELDS.index("sentence")


def decode_measurements(payload: str, text: str, *, kind: str, year: int | None) -> KeptMeasurements | None:
    """The measurements of ``encode_targets`` by sentence; None when none were kept or the payload is stale."""
    data = _load(payload, kind, year)
    if data is None or data.get("measurements") is None:
        return None
    return KeptMeasurements(data["measurements"], data["sections"], text, data.get("quantified"))


def _spans(kw: dict, kinds: dict[str, str | None]) -> None:
    for name, kind in kinds.items():
        value = kw.get(name)
        if value is None:
            continue
        kw[name] = tuple(value) if kind == "span" else [tuple(s) for s in value]
