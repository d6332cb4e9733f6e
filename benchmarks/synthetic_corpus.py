"""A synthetic corpus of report-sized documents made from the bundled samples (deterministic with a seed).

Two kinds of synthetic jurisdiction, both with invented names (see SYNTHETIC NAMES below; they are built
from parts and are not meant to be real places — the folder's README says so):

  * a district ``<城>市<区>区`` gets, for every year 2019–2026, a plan made from sample 004 and its
    completion table made from 001 (title and header carry the district and the year, so ``duban ingest``
    pairs them), plus five-year goals made from 003 for 2021 and 2026;
  * a county-level city ``<县级>市`` gets, for every year, a plan made from 000 and a work report made from
    002 (a work report of year Y reviews Y-1, so it pairs with the city's plan of Y-1).

Place names (镇海, 宁波, 慈溪, XX …) and years are replaced consistently; Arabic figures are multiplied by a
random factor in [0.8, 1.25] keeping their format (integers stay integers, one decimal stays one decimal).
The same figure gets the same new value everywhere in one jurisdiction-year, so a completion row that
restates a plan sentence still restates it.

    .venv/bin/python benchmarks/synthetic_corpus.py --docs 10000 --out /tmp/duban-synth --seed 7
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "duban" / "samples"
TEMPLATES = {
    "004": ("004_895883010a6915ba.txt", 2024),  # plan (district, masked as XX / 区人民政府)
    "001": ("001_4d200cc9c1cf9e8d.txt", 2024),  # completion table answering 004
    "003": ("003_9f1f7c57f7a65a70.txt", 2021),  # five-year goals (district)
    "000": ("000_7912c8cfdbfe249d.txt", 2022),  # plan (宁波市镇海区 → a county-level city here)
    "002": ("002_c3731563950f55ea.txt", 2021),  # work report (慈溪市)
}
ALL_KINDS = tuple(TEMPLATES)
YEARS = range(2019, 2027)
# SYNTHETIC NAMES: first and second characters, chosen so that the names read as places to duban's
# jurisdiction finder (none of the second characters is one that makes 园区/城市 … a common noun).
FIRST = "璟霁珩琇璞瑄澈沄岫峤砚筠棠樾榆蘅芷漪澜玥琬珂瑷瑜"
SECOND = "岚屿皋汀涔溆沣淇浔渌溱湄沅泮澧瀛"
CITY_FIRST = "禾苇棣楠椿槿枫桐"
CITY_SECOND = "阳宁平安丰和兴昌"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年|-\d|—)")
_NUMBER = re.compile(r"(?<![\d.A-Za-z/\-])(\d+)(?:\.(\d+))?(?![\d.A-Za-z/]|年|月|日|号|时|-\d)")
_ROW = re.compile(r"^\d+ \|", re.M)


@dataclass(frozen=True)
class Place:
    full: str  # 璟岚市霁屿区 or 禾阳市
    short: str  # 霁屿 or 禾阳 (replaces 镇海 / 慈溪 / XX)
    city: str  # 璟岚 (replaces 宁波)


def _names(seed: int) -> tuple[list[Place], list[Place]]:
    rng = random.Random(seed)
    two = [a + b for a in FIRST for b in SECOND]
    rng.shuffle(two)
    cities = [a + b for a in CITY_FIRST for b in CITY_SECOND]
    rng.shuffle(cities)
    prefectures, rest = two[:40], two[40:]
    districts = [Place(f"{prefectures[i % 40]}市{d}区", d, prefectures[i % 40]) for i, d in enumerate(rest)]
    counties = [Place(f"{c}市", c, prefectures[(i + 7) % 40]) for i, c in enumerate(cities + rest[::-1])]
    return districts, counties


def _perturb(text: str, rng_seed: str, memo: dict[str, str]) -> str:
    def new(m: re.Match[str]) -> str:
        s = m.group(0)
        if (m.start() == 0 or text[m.start() - 1] == "\n") and _ROW.match(text, m.start()):
            return s  # a table row number
        if s not in memo:
            value = float(s)
            factor = random.Random(f"{rng_seed}:{s}").uniform(0.8, 1.25)
            if m.group(2) is None:
                memo[s] = str(max(1, round(value * factor))) if value else s
            else:
                memo[s] = f"{value * factor:.{len(m.group(2))}f}"
        return memo[s]

    return _NUMBER.sub(new, text)


def render(kind: str, place: Place, year: int, seed: int, memo: dict[str, str]) -> str:
    """One synthetic document: template ``kind`` moved to ``place`` and ``year``."""
    name, base = TEMPLATES[kind]
    text = (SAMPLES / name).read_text(encoding="utf-8")
    delta = year - base
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)
    if kind == "004":
        text = re.sub(rf"^区人民政府{year}年工作计划$", f"{place.full}人民政府{year}年工作计划", text, flags=re.M)
        text = text.replace("XX", place.short)
    elif kind == "001":
        text = text.replace(f"\n{year}年政府工作报告年度完成情况", f"\n{place.full}{year}年政府工作报告年度完成情况")
        text = text.replace("| 区政府办公室 |", f"| {place.full}政府办公室 |")
    elif kind in ("000", "002"):
        text = text.replace("宁波市镇海区", place.full).replace("慈溪市", place.full).replace("镇海区", place.full)
        text = text.replace("慈溪", place.short)
    text = text.replace("镇海", place.short).replace("宁波", place.city)
    return _perturb(text, f"{seed}:{place.full}:{year}", memo)


def plan(n_docs: int, seed: int = 7, kinds: tuple[str, ...] = ALL_KINDS) -> Iterator[tuple[str, str, Place, int]]:
    """(file name, template kind, place, year) for ``n_docs`` documents, jurisdiction by jurisdiction, so that a
    prefix of the sequence keeps its plan/completion pairs."""
    districts, counties = _names(seed)
    produced = 0
    for i in range(max(len(districts), len(counties))):
        groups = []
        if i < len(districts):
            groups.append((districts[i], [("004", y) for y in YEARS] + [("001", y) for y in YEARS]
                           + [("003", 2021), ("003", 2026)]))
        if i < len(counties):
            groups.append((counties[i], [("000", y) for y in YEARS] + [("002", y) for y in YEARS]))
        for place, docs in groups:
            docs = sorted((d for d in docs if d[0] in kinds), key=lambda d: (d[1], d[0]))
            for kind, year in docs:
                if produced >= n_docs:
                    return
                yield f"{i:04d}-{kind}-{year}-{produced:05d}.txt", kind, place, year
                produced += 1
    raise SystemExit(f"only {produced} documents can be made with these names; ask for fewer")


def generate(out: Path, n_docs: int, seed: int = 7, kinds: tuple[str, ...] = ALL_KINDS,
             clean: bool = True) -> dict:
    """Write the corpus; returns a manifest (also written as MANIFEST.json beside the documents)."""
    if clean and out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    digests: set[str] = set()
    counts: dict[str, int] = {}
    chars = 0
    memos: dict[tuple[str, int], dict[str, str]] = {}
    for fname, kind, place, year in plan(n_docs, seed, kinds):
        memo = memos.setdefault((place.full, year), {})
        text = render(kind, place, year, seed, memo)
        data = text.encode("utf-8")
        digests.add(hashlib.sha256(data).hexdigest())
        (out / fname).write_bytes(data)
        counts[kind] = counts.get(kind, 0) + 1
        chars += len(text)
        if len(memos) > 64:  # a jurisdiction-year's documents are adjacent: keep the memo small
            memos.pop(next(iter(memos)))
    manifest = {"documents": n_docs, "distinct_sha256": len(digests), "by_template": counts, "chars": chars,
                "seed": seed, "kinds": list(kinds), "years": [YEARS.start, YEARS.stop - 1]}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "README.md").write_text(
        "Synthetic corpus made by benchmarks/synthetic_corpus.py from duban's sample reports. Every place name "
        "in it is invented (synthetic), every figure is perturbed: nothing here is a real government's "
        "report.\n", encoding="utf-8")
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000, help="number of documents (default 10000)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/duban-synth"), help="folder (emptied first)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--kinds", default=",".join(ALL_KINDS), help="templates to use, e.g. 004,001,000")
    args = ap.parse_args()
    t0 = time.perf_counter()
    manifest = generate(args.out, args.docs, args.seed, tuple(args.kinds.split(",")))
    took = time.perf_counter() - t0
    print(f"{manifest['documents']} documents ({manifest['distinct_sha256']} distinct sha256, "
          f"{manifest['chars'] / 1e6:.1f} M chars) in {args.out} in {took:.1f} s")
    for kind, n in sorted(manifest["by_template"].items()):
        print(f"  from {TEMPLATES[kind][0]}: {n}")


if __name__ == "__main__":
    main()
