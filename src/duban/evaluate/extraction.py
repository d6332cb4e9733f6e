"""`duban eval extract`: score extracted targets, indicators and measurements against gold files.

Targets are matched one-to-one by character overlap (IoU ≥ 0.5; also strictly, identical spans);
indicators and measurements by overlapping figure spans. A field counts as correct for an indicator
when the indicator is matched and the field agrees; precision divides by the predicted indicators,
recall by the gold ones (see docs/annotation.md, Scoring).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..extract import extract
from ..extract.metric import hedge_before
from ..lang.textnorm import norm, shadow
from ..read import read_document
from ..records import Extraction, Target
from .scoring import PRF, char_overlap, iou, match, overlap

IND_FIELDS = ("span", "op", "value", "unit", "basis", "metric", "hedge")
MEAS_FIELDS = ("span", "value", "unit", "basis", "metric", "flags")


@dataclass
class FileScore:
    name: str
    held_out: bool
    targets: PRF = field(default_factory=PRF)
    targets_strict: PRF = field(default_factory=PRF)
    indicators: dict[str, PRF] = field(default_factory=dict)
    measurements: dict[str, PRF] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def resolve_document(gold: dict, gold_path: Path) -> Path:
    """Find the annotated document: relative to the working directory, to the gold file's
    repository, or among the bundled samples."""
    rel = gold.get("path") or gold["document"]
    candidates = [Path(rel)]
    candidates += [parent / rel for parent in gold_path.resolve().parents]
    samples = Path(__file__).resolve().parent.parent / "samples"
    candidates += [samples / gold["document"], samples / "national" / gold["document"]]
    for c in candidates:
        if c.is_file():
            return c
    raise FileNotFoundError(f"{gold_path}: cannot find the annotated document {rel}")


def _in_scope(span: tuple[int, int], scope: list[list[int]]) -> bool:
    length = max(1, span[1] - span[0])
    return any(overlap(span, (s, e)) * 2 >= length for s, e in scope)


def _value_ok(p: float | None, g: float | None) -> bool:
    if p is None or g is None:
        return p is None and g is None
    return abs(p - g) <= 1e-6 * max(1.0, abs(g))


def _agree(name: str, p: dict, g: dict) -> bool:
    if name == "span":
        return True
    if name == "value":
        return _value_ok(p["value"], g["value"]) and _value_ok(p.get("value_high"), g.get("value_high"))
    if name == "unit":
        return norm(p["unit"] or "") == norm(g["unit"] or "")
    if name == "metric":
        return char_overlap(p["metric"] or "", g["metric"] or "") >= 0.5
    if name == "flags":
        return sorted(p.get("flags") or []) == sorted(g.get("flags") or [])
    return (p.get(name) or None) == (g.get(name) or None)


def _score_items(pred: list[dict], gold: list[dict], fields: tuple[str, ...], key: str, errs: list[str],
                 text: str, label: str) -> dict[str, PRF]:
    pairs = match([tuple(p[key]) for p in pred], [tuple(g[key]) for g in gold], 1, measure=overlap)
    scores = {f: PRF(0, len(pred), len(gold)) for f in fields}
    for i, j in pairs:
        for f in fields:
            if _agree(f, pred[i], gold[j]):
                scores[f].tp += 1
            elif f not in ("hedge",):
                quoted = text[slice(*gold[j][key])]
                errs.append(f"{label} {f}: {quoted!r} pred={pred[i].get(f)!r} gold={gold[j].get(f)!r}")
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for i, p in enumerate(pred):
        if i not in matched_p:
            errs.append(f"{label} FP: {text[slice(*p[key])]!r} {p.get('metric')!r}")
    for j, g in enumerate(gold):
        if j not in matched_g:
            errs.append(f"{label} FN: {text[slice(*g[key])]!r} {g.get('metric')!r}")
    return scores


def _with_mentions(targets: list[Target], text: str) -> list[Target]:
    """Targets plus a copy at each place the report restates one (the annotation counts every place; duban
    keeps one target with several mentions): the copy's indicators are the same figures found there."""
    out: list[Target] = []
    sh = shadow(text)
    for t in targets:
        out.append(t)
        for ms, me in t.mentions:
            indicators = []
            for ind in t.indicators:
                figure = text[ind.span[0]:ind.span[1]]
                at = text.find(figure, ms, me)
                if at >= 0:  # the hedge as written at that place
                    indicators.append(replace(ind, span=(at, at + len(figure)), hedge=hedge_before(sh, ms, at)))
            out.append(replace(t, span=(ms, me), indicators=indicators, mentions=[]))
    return sorted(out, key=lambda t: t.span)


def score_file(gold_path: Path, extraction: Extraction | None = None) -> FileScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if extraction is None:
        extraction = extract(read_document(resolve_document(gold, gold_path)))
    text = extraction.document.text
    scope = gold["scope"]
    result = FileScore(gold_path.stem, bool(gold.get("held_out")))
    pred_targets = [t for t in _with_mentions(extraction.targets, text) if _in_scope(t.span, scope)]
    gold_targets = gold.get("targets", [])
    pspans = [t.span for t in pred_targets]
    gspans = [tuple(t["span"]) for t in gold_targets]
    pairs = match(pspans, gspans, 0.5, measure=iou)
    result.targets = PRF(len(pairs), len(pspans), len(gspans))
    strict = {tuple(s) for s in gspans} & set(pspans)
    result.targets_strict = PRF(len(strict), len(pspans), len(gspans))
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    result.errors += [f"target FP: {text[s:e]!r}" for i, (s, e) in enumerate(pspans) if i not in matched_p]
    result.errors += [f"target FN: {text[s:e]!r}" for j, (s, e) in enumerate(gspans) if j not in matched_g]
    if gold_targets:
        pred_ind = [i.to_json() | {"metric": i.metric} for t in pred_targets for i in t.indicators]
        gold_ind = [i for t in gold_targets for i in t["indicators"]]
        result.indicators = _score_items(pred_ind, gold_ind, IND_FIELDS, "span", result.errors, text, "indicator")
    if gold.get("measurements") is not None and not gold_targets:
        pred_m = [m.to_json() for m in extraction.measurements if _in_scope(m.value_span, scope)]
        result.measurements = _score_items(
            pred_m, gold["measurements"], MEAS_FIELDS, "value_span", result.errors, text, "measurement"
        )
    return result


def total(scores: list[FileScore]) -> dict:
    out: dict = {"targets": PRF(), "targets_strict": PRF(), "indicators": {}, "measurements": {}}
    for s in scores:
        out["targets"].add(s.targets)
        out["targets_strict"].add(s.targets_strict)
        for group in ("indicators", "measurements"):
            for f, prf in getattr(s, group).items():
                out[group].setdefault(f, PRF()).add(prf)
    return out


def report_json(scores: list[FileScore]) -> dict:
    def block(group: list[FileScore]) -> dict:
        t = total(group)
        return {
            "files": [s.name for s in group],
            "targets": t["targets"].to_json(),
            "targets_strict": t["targets_strict"].to_json(),
            "indicators": {f: p.to_json() for f, p in t["indicators"].items()},
            "measurements": {f: p.to_json() for f, p in t["measurements"].items()},
        }

    dev = [s for s in scores if not s.held_out]
    held = [s for s in scores if s.held_out]
    return {"dev": block(dev), "held_out": block(held), "per_file": {s.name: block([s]) for s in scores}}


def gold_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return out
