"""The canonical metric vocabulary (lang/metrics.toml): one id per indicator with the direction in which its
target is judged, and two matchers over it — ``canonical`` for an extracted metric phrase, ``mentions`` for
free text. The file format and the matching rules are described in docs/metrics.md.
"""

from __future__ import annotations

import re
import string
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["BASES", "DIRECTIONS", "MetricDef", "Vocabulary", "load", "normalise", "vocabulary"]

DIRECTIONS = ("output", "ceiling", "reduction", "floor", "band")
BASES = ("growth_rate", "level", "increment", "cumulative", "share", "count")
_ID = re.compile(r"[a-z][a-z0-9_]*")
_OPTIONAL = ("excludes", "note", "part_of")
_KEYS = ("id", "label", "aliases", "direction", "units", "bases", "domain", "headline", *_OPTIONAL)
_DROP = re.compile(r"[\s的\"'“”‘’「」『』]")  # never part of a metric's identity
# Length-preserving fold: full-width ASCII to ASCII, letters upper-cased (offsets into raw text stay valid).
_FOLD = str.maketrans({**{chr(c + 0xFEE0): chr(c).upper() for c in range(0x21, 0x7F)},
                       **{c: c.upper() for c in string.ascii_lowercase}})
_FOLDED = re.compile("[a-z\uff01-\uff5e]")  # the characters _FOLD changes
_ALNUM = frozenset(string.ascii_letters + string.digits)


@dataclass(frozen=True, slots=True)
class MetricDef:
    """One canonical indicator of the vocabulary."""

    id: str
    label: str
    aliases: tuple[str, ...]
    direction: str
    units: tuple[str, ...]
    bases: tuple[str, ...]
    domain: str
    headline: bool
    excludes: tuple[str, ...] = ()
    note: str = ""
    part_of: str | None = None  # the id of the indicator this one is a part of (城镇居民收入 of 居民收入)


_ASIDE = re.compile(r"在[\u4e00-\u9fff]{1,6}?(?=(?:成功|顺利|首次)?[\u4e00-\u9fff]{2}$)|成功|顺利|首次")


def normalise(phrase: str) -> str:
    """Matching form of a phrase: NFKC (full-width letters and digits to ASCII, （ to (, Ⅲ to III), whitespace,
    quotes and 的 dropped (占GDP的比重 = 占GDP比重), ASCII letters upper-cased."""
    q = _DROP.sub("", unicodedata.normalize("NFKC", phrase))
    return q.translate(_FOLD) if _FOLDED.search(q) else q  # (most phrases have nothing to fold: no translate)


def _trie_regex(words: Iterable[str]) -> str:
    """One regex alternation of ``words`` (upper-cased ASCII) factored as a trie. At any start it matches the
    longest word, as a longest-first alternation would (the trie is deterministic, so its optional tails can
    be possessive); every branch begins with a literal, so ``re`` skips ahead by a first-character set and
    tries one branch per character instead of every word. ASCII letters match in either case."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, root: bool = False) -> str:
        alts = []
        for k, child in sorted(node.items()):
            if not k:
                continue
            tail, lower = emit(child), k.lower()
            if lower == k:
                alts.append(re.escape(k) + tail)
            elif len(lower) == 1 and lower not in node and not root:
                alts.append(f"[{re.escape(k)}{re.escape(lower)}]" + tail)  # one branch for both cases: smaller,
            else:  # faster to compile (but the first characters stay literals, for the skip)
                alts.extend((re.escape(k) + tail, re.escape(lower) + tail))
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")" if alts else ""
        return f"(?:{body})?+" if body and "" in node else body

    return emit(trie, root=True)


class Vocabulary:
    """The validated set of metrics, with lookups by id and by surface phrase."""

    def __init__(self, metrics: Iterable[MetricDef]) -> None:
        self._metrics = tuple(metrics)
        self._by_id: dict[str, MetricDef] = {}
        self._alias: dict[str, MetricDef] = {}  # normalise(alias) -> metric
        for m in self._metrics:
            if self._by_id.setdefault(m.id, m) is not m:
                raise ValueError(f"metric {m.id!r}: duplicate id")
            for a in m.aliases:
                if (other := self._alias.get(key := normalise(a))) is not None:
                    raise ValueError(f"metric {m.id!r}: duplicate alias {a!r} (also in {other.id!r})")
                self._alias[key] = m
        self._excl: dict[str, tuple[str, ...]] = {}  # metric id -> normalised excludes
        for m in self._metrics:
            for x in m.excludes:
                if (other := self._alias.get(normalise(x))) is not None:
                    raise ValueError(f"metric {m.id!r}: exclude {x!r} is an alias of {other.id!r}")
                if not any(normalise(a) in normalise(x) for a in m.aliases):
                    raise ValueError(f"metric {m.id!r}: exclude {x!r} contains none of its aliases")
            self._excl[m.id] = tuple(dict.fromkeys(map(normalise, m.excludes)))
        self._raw_excl = {m.id: tuple({x.translate(_FOLD) for x in m.excludes}) for m in self._metrics if m.excludes}
        self._parts: dict[str, tuple[str, ...]] = {}
        for m in self._metrics:
            if m.part_of is None:
                continue
            if m.part_of not in self._by_id or m.part_of == m.id:
                raise ValueError(f"metric {m.id!r}: part_of names no other metric ({m.part_of!r})")
            self._parts[m.part_of] = (*self._parts.get(m.part_of, ()), m.id)
        self._trie: dict = {}  # the normalised aliases, a character a level; "" holds the metric where one ends
        for a, m in self._alias.items():
            node = self._trie
            for ch in a:
                node = node.setdefault(ch, {})
            node[""] = m
        self._cache: dict[str, MetricDef | None] = {}
        self._rx: re.Pattern[str] | None = None
        self._form_metric: dict[str, MetricDef | None] = {}

    def get(self, metric_id: str) -> MetricDef:
        """The metric with this id; KeyError for an unknown id."""
        return self._by_id[metric_id]

    def parts(self, metric_id: str) -> tuple[str, ...]:
        """The ids of the indicators declared ``part_of`` this one (城镇/农村居民收入 of 居民收入), and their parts in
        turn (化学需氧量 of 主要污染物 of 节能减排), each once, nearest first."""
        out = list(self._parts.get(metric_id, ()))
        for part in out:  # (grows while it is read: breadth first)
            out += [p for p in self._parts.get(part, ()) if p not in out and p != metric_id]
        return tuple(out)

    def __iter__(self) -> Iterator[MetricDef]:
        return iter(self._metrics)

    def __len__(self) -> int:
        return len(self._metrics)

    def canonical(self, surface: str) -> MetricDef | None:
        """The metric of a metric phrase (全区生产总值, 城镇调查失业率, 单位国内生产总值能耗 …): the longest alias
        occurring in the normalised phrase wins, ties to the leftmost; an alias inside one of its own metric's
        ``excludes`` does not count, nor one glued to further ASCII letters or digits (M2 in PM2.5)."""
        if surface in self._cache:
            return self._cache[surface]
        p = normalise(surface)
        hits: list[tuple[int, int, MetricDef]] = []  # the longest alias at each start (start, end, metric)
        trie, size = self._trie, len(p)
        for i, ch in enumerate(p):
            node = trie.get(ch)
            if node is None:
                continue
            # the aliases starting here, by walking the trie of aliases (one step a character, as far as the
            # text follows a branch), then the longest that counts
            ends: list[tuple[int, MetricDef]] = []
            j = i + 1
            while True:
                if "" in node:
                    ends.append((j, node[""]))
                if j >= size or (node := node.get(p[j])) is None:
                    break
                j += 1
            for e, m in reversed(ends):
                if _bounded(p, i, e) and not _inside(p, i, e, self._excl[m.id]):
                    hits.append((i, e, m))
                    break
        best: tuple[int, int, MetricDef] | None = None
        for item, end in _items(p, hits) if hits else ():
            head = max(item, key=lambda h: (h[1], h[1] - h[0]))  # the alias ending last; the longest there
            if _SHARE_TAIL.search(p, head[1], end):
                continue  # 工业增加值占GDP比重: a share of it, not the indicator itself
            if best is None or head[1] - head[0] > best[1] - best[0]:
                best = head
        found = best[2] if best else None
        if found is None:  # 企业在境内外成功上市: where and how well, between the thing and its verb, said aside
            bare = _ASIDE.sub("", p)
            found = self.canonical(bare) if bare != p else None
        if len(self._cache) > 8192:
            self._cache.clear()
        self._cache[surface] = found
        return found

    def cache_clear(self) -> None:
        """Forget the metric phrases looked up so far (``canonical`` remembers up to 8,192)."""
        self._cache.clear()

    def mentions(self, text: str, start: int = 0) -> list[tuple[int, int, MetricDef]]:
        """Every alias occurrence in free text as (start, end, metric), leftmost-longest and non-overlapping,
        offsets into ``text`` as given: pass the same-length shadow of duban.lang.textnorm (full-width letters and
        digits already ASCII); ASCII letters match in either case. Excludes and ASCII boundaries apply as in
        canonical. ``start``: the scan begins there (the text before it still bounds the first occurrence)."""
        if self._rx is None:
            forms = {f.translate(_FOLD) for m in self._metrics for a in m.aliases
                     for f in (a, unicodedata.normalize("NFKC", a))}
            self._rx = re.compile(_trie_regex(forms))
            # each form's metric, read once (a match in another case of its ASCII letters is normalised when met)
            self._form_metric = {f: self._alias.get(normalise(f)) for f in forms}
        out: list[tuple[int, int, MetricDef]] = []
        search, pos, by_form = self._rx.search, start, self._form_metric
        while (hit := search(text, pos)) is not None:
            s, e = hit.span()
            form = hit.group()
            m = by_form[form] if form in by_form else self._alias.get(normalise(form))
            excl = self._raw_excl.get(m.id) if m is not None else None
            if m is None or not _bounded(text, s, e) or (excl and _inside(text, s, e, excl, fold=True)):
                pos = s + 1
                continue
            out.append((s, e, m))
            pos = e
        return out


_JOINER = re.compile(r"[、和及与()]")  # list joiners; a parenthesis sets off a gloss: 数字化车间(智能工厂)
# After the head alias, a share of something (占…比重, 占比, 比例): the phrase measures a share, not the alias.
_SHARE_TAIL = re.compile(r"比重|比例|占比|份额|占.{0,20}(?:比|率)")


def _items(p: str, hits: list[tuple[int, int, MetricDef]]) -> list[tuple[list[tuple[int, int, MetricDef]], int]]:
    """The alias occurrences grouped by list item, with the item's end: a 、/和/及/与 (or a parenthesis) that lies
    inside no alias occurrence (城镇居民医保和新农合补助标准 is one alias) separates two coordinate items."""
    cuts = [j.start() for j in _JOINER.finditer(p) if not any(s <= j.start() < e for s, e, _m in hits)]
    ends = [*cuts, len(p)]
    groups: dict[int, list[tuple[int, int, MetricDef]]] = {}
    for h in hits:
        groups.setdefault(sum(1 for c in cuts if c < h[0]), []).append(h)
    return [(groups[k], ends[k]) for k in sorted(groups)]


def _bounded(p: str, s: int, e: int) -> bool:
    """An alias that starts (ends) with an ASCII letter or digit must not continue one (M2 in PM2.5 or 5000m2)."""
    return not (p[s] in _ALNUM and s > 0 and p[s - 1] in _ALNUM) and not (
        p[e - 1] in _ALNUM and e < len(p) and p[e] in _ALNUM)


def _inside(p: str, s: int, e: int, phrases: tuple[str, ...], fold: bool = False) -> bool:
    """Whether p[s:e] lies inside an occurrence of one of ``phrases`` (in the folded text when ``fold``)."""
    if fold:
        lo, width = max(0, e - max(map(len, phrases))), max(map(len, phrases))
        p, s, e = p[lo:s + width].translate(_FOLD), s - lo, e - lo
    return any(0 <= p.find(x, max(0, e - len(x))) <= s for x in phrases)


def _metric(table: object, n: int) -> MetricDef:
    """One [[metric]] table, checked; errors name the metric id."""
    if not isinstance(table, dict):
        raise ValueError(f"metric #{n}: not a table")
    mid = table.get("id")
    if not isinstance(mid, str) or not _ID.fullmatch(mid):
        raise ValueError(f"metric {mid or f'#{n}'!r}: id must match ^[a-z][a-z0-9_]*$")

    def fail(why: str) -> ValueError:
        return ValueError(f"metric {mid!r}: {why}")

    if keys := sorted((set(table) - set(_KEYS)) | (set(_KEYS) - set(_OPTIONAL) - set(table))):
        raise fail(f"unknown or missing keys {keys}")
    if not isinstance(table.get("part_of", ""), str):
        raise fail("part_of must be a metric id")
    for key in ("label", "domain", "note"):
        if not isinstance(table.get(key, ""), str) or (key != "note" and not table[key].strip()):
            raise fail(f"{key} must be a non-empty string")
    lists = {k: table.get(k, []) for k in ("aliases", "units", "bases", "excludes")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(f"{key} must be a list of non-empty strings")
    if not lists["aliases"]:
        raise fail("aliases must not be empty")
    if bad := [a for a in lists["aliases"] if _DROP.search(a)]:
        raise fail(f"aliases must not contain whitespace, quotes or 的: {bad}")
    if table["direction"] not in DIRECTIONS:
        raise fail(f"unknown direction {table['direction']!r} (one of {', '.join(DIRECTIONS)})")
    if not lists["bases"] or any(b not in BASES for b in lists["bases"]):
        raise fail(f"unknown basis in {lists['bases']} (one or more of {', '.join(BASES)})")
    if not isinstance(table["headline"], bool):
        raise fail("headline must be true or false")
    return MetricDef(mid, table["label"], tuple(lists["aliases"]), table["direction"], tuple(lists["units"]),
                     tuple(lists["bases"]), table["domain"], table["headline"], tuple(lists["excludes"]),
                     table.get("note", ""), table.get("part_of"))


def load(path: str | Path | None = None) -> Vocabulary:
    """Read and validate a vocabulary file (by default the packaged lang/metrics.toml). A malformed file
    raises ValueError naming the offending metric (tomllib.TOMLDecodeError for bad TOML syntax)."""
    if path is None:
        raw = resources.files("duban.lang").joinpath("metrics.toml").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    tables = tomllib.loads(raw).get("metric")
    if not isinstance(tables, list) or not tables:
        raise ValueError("no [[metric]] tables")
    return Vocabulary(_metric(t, n) for n, t in enumerate(tables, 1))


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, loaded once."""
    return load()
