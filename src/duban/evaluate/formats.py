"""`duban eval formats`: the extraction gold scored on the same reports in other formats.

The gold files annotate the .txt samples; tests/fixtures/formats/ holds the same reports rendered as .docx,
.doc, .pdf and a government-site .html page (scripts/make_format_fixtures.py). Every gold span is found
again in the other rendering by its text with spaces and punctuation ignored, in document order, and the
rendering is scored as the .txt is: target precision/recall, indicator (figure) recall, headline recall.
A gold target that cannot be found in the rendering at all counts as missed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..extract import extract
from ..read import read_document
from .extraction import FileScore, resolve_document, score_file

_DROP = re.compile(r"[\s\u3000，。、；：:,;.!！？?“”\"'（）()《》—\-]")


@dataclass
class Compact:
    """A text without spaces and punctuation, with each of its characters' offset in the original."""

    text: str
    offsets: list[int]

    @classmethod
    def of(cls, text: str) -> Compact:
        keep = [(i, ch) for i, ch in enumerate(text) if not _DROP.match(ch)]
        return cls("".join(ch for _, ch in keep), [i for i, _ in keep])

    def find(self, needle: str, start: int) -> tuple[int, int] | None:
        """Original (start, end) of the first occurrence of compacted ``needle`` at compact position ≥ start."""
        k = self.text.find(needle, start)
        if k < 0 or not needle:
            return None
        return k, k + len(needle)

    def span(self, k: int, n: int) -> tuple[int, int]:
        return self.offsets[k], self.offsets[k + n - 1] + 1


def map_gold(gold: dict, source: str, target: str) -> dict:
    """The gold file re-located in another rendering of its document (spans that cannot be found dropped)."""
    src, dst = Compact.of(source), Compact.of(target)
    out = dict(gold)

    def relocate(span: list[int], after: int) -> tuple[list[int] | None, int]:
        piece = Compact.of(source[span[0]:span[1]]).text
        found = dst.find(piece, after)
        if found is None:
            return None, after
        k, end = found
        s, e = dst.span(k, len(piece))
        return [s, e], end

    scope = []
    for a, b in gold["scope"]:
        first, last = src.text[:0], None
        start_piece = Compact.of(source[a:b]).text[:12]
        end_piece = Compact.of(source[a:b]).text[-12:]
        s = dst.text.find(start_piece)
        e = dst.text.find(end_piece, max(s, 0))
        if s >= 0 and e >= 0:
            first, last = dst.offsets[s], dst.offsets[e + len(end_piece) - 1] + 1
            scope.append([first, last])
    out["scope"] = scope
    targets, pos = [], 0
    for t in gold.get("targets", []):
        span, pos = relocate(t["span"], pos)
        if span is None:
            continue
        indicators, ipos = [], max(0, pos - len(Compact.of(t["text"]).text))
        for ind in t.get("indicators", []):
            ispan, ipos = relocate(ind["span"], ipos)
            if ispan is not None:
                indicators.append(ind | {"span": ispan})
        targets.append(t | {"span": span, "indicators": indicators})
    out["targets"] = targets
    out["measurements"] = None if gold.get("measurements") is None else []
    return out


@dataclass
class FormatScore:
    document: str
    fmt: str
    score: FileScore
    gold_targets: int
    found_in_rendering: int

    def to_json(self) -> dict:
        s = self.score
        ind = s.indicators.get("value") if s.indicators else None
        return {"document": self.document, "format": self.fmt, "held_out": s.held_out,
                "target_precision": round(s.targets.precision, 4), "target_recall": round(s.targets.recall, 4),
                "figure_recall": round(ind.recall, 4) if ind else None,
                "gold_targets": self.gold_targets, "located": self.found_in_rendering}


def score_renderings(gold_path: Path, renderings: list[Path], tmp: Path) -> list[FormatScore]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = read_document(resolve_document(gold, gold_path)).text
    out = []
    for path in renderings:
        doc = read_document(path)
        mapped = map_gold(gold, source, doc.text)
        mapped_path = tmp / f"{gold_path.stem}.{path.name}.json"
        mapped_path.write_text(json.dumps(mapped, ensure_ascii=False), encoding="utf-8")
        score = score_file(mapped_path, extract(doc))
        fmt = "wrapped.txt" if path.name.endswith(".wrapped.txt") else path.suffix.lstrip(".")
        out.append(FormatScore(gold_path.stem, fmt, score, len(gold.get("targets", [])), len(mapped["targets"])))
    return out


# gold file → the rendering's name in tests/fixtures/formats/
RENDERED = {"000_7912c8cfdbfe249d": "plan_2022", "004_895883010a6915ba": "plan_2024",
            "gwr-national-2009-tasks": "national_2009"}
FORMATS = ("txt", "wrapped.txt", "docx", "doc", "pdf", "html")


def run(gold_dir: Path, formats_dir: Path, tmp: Path) -> list[FormatScore]:
    scores: list[FormatScore] = []
    for stem, name in RENDERED.items():
        gold_path = gold_dir / f"{stem}.json"
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        txt = resolve_document(gold, gold_path)
        renderings = [txt] + [formats_dir / f"{name}.{fmt}" for fmt in FORMATS[1:]
                              if (formats_dir / f"{name}.{fmt}").is_file()]
        scores += score_renderings(gold_path, renderings, tmp)
    return scores
