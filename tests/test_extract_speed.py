"""The faster paths of extraction give what the slower ones gave (issue 11, item 2): each is checked against
the straightforward form it replaced, over every clause of the bundled samples, and on a table of sentences."""

from __future__ import annotations

import re
from functools import cache

import pytest
import rjieba

from duban.extract import clauses, cuts, extract, metric
from duban.lang import lexicon as lx
from duban.lang.metrics import load, vocabulary
from duban.read import read_bytes, read_document
from duban.segment import segment
from duban.segment.horizon import _FIVE_YEARS, _THIS_YEAR, five_year_span, year_part
from read_fixtures import SAMPLES


@cache
def _clauses() -> list[str]:
    """Every clause of the bundled .txt samples (shadow text), as _analyse cuts them."""
    out: list[str] = []
    for path in sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "national").glob("*.txt"))[:4]:
        seg = segment(read_document(path))
        for sent in seg.sentences:
            out.extend(c.strip() for c in clauses.CLAUSE_SEP.split(seg.shadow[sent.span[0]:sent.span[1]]) if c.strip())
    return out


# ---- the forms the fast paths replaced ---------------------------------------------------------------------
_MEASURABLE_END_RE = re.compile(
    r"(?:率|数|额|量|值|度|比|比重|指数|收入|总额|总量|规模|产值|增加值|投资|面积|支出|营收|成本|价格|人口|时间)$"
)


def _leading_pos_verb_before(text: str) -> int:
    if not text or _MEASURABLE_END_RE.search(text):
        return 0
    tokens = rjieba.tag(text[:8])
    if tokens and tokens[0][1] in ("v", "vd", "vi") and len(tokens[0][0]) < len(text):
        return len(tokens[0][0])
    return 0


def _word_ends_at_before(text: str, n: int) -> bool:
    words = rjieba.cut(text[: n + 6])
    return not (words and len(words[0]) > n)


def _suffix_before(ws: lx.WordSet, text: str) -> int:
    for k in range(min(ws.longest, len(text)), 0, -1):
        if text[-k:] in ws.words:
            return k
    return 0


def test_leading_pos_verb_and_word_ends_at_as_before() -> None:
    texts = _clauses()
    assert len(texts) > 5000
    for text in texts + [t + "\n" for t in texts[:300]] + ["", "\n", "共享需求满足率", "完成率\n", "实施"]:
        assert metric.leading_pos_verb(text) == _leading_pos_verb_before(text), text
        for n in (1, 2, 3):
            assert metric.word_ends_at(text, n) == _word_ends_at_before(text, n), (text, n)


@pytest.mark.parametrize(("text", "expected"), [
    ("共享需求满足率", 0),  # a measurable noun phrase keeps its first word
    ("城镇登记失业率\n", 0),  # (as the regex ending in $ read it: before a final newline too)
    ("实施重点项目", 2),
])
def test_leading_pos_verb_table(text: str, expected: int) -> None:
    assert metric.leading_pos_verb(text) == expected


def test_wordset_suffix_as_before() -> None:
    sets = [clauses._EVALUATIVE, clauses._VERBS, metric._END_VERBS]
    for text in _clauses()[:4000]:
        for ws in sets:
            for cut in (len(text), len(text) - 1, 1):
                assert ws.suffix(text[:cut]) == _suffix_before(ws, text[:cut]), text[:cut]
    assert clauses._EVALUATIVE.suffix("") == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("世界经济复苏的基础仍然脆弱", 2),  # 脆弱
    ("结构调整难度加大", 2),
    ("经济运行总体平稳", 0),
    ("大", 0),
])
def test_wordset_suffix_table(text: str, expected: int) -> None:
    assert clauses._EVALUATIVE.suffix(text) == expected


def _canonical_before(vocab, surface: str):
    """Vocabulary.canonical as it was: every alias length tried at every start."""
    from duban.lang.metrics import _SHARE_TAIL, _bounded, _inside, _items, normalise

    p = normalise(surface)
    lengths = sorted({len(a) for a in vocab._alias}, reverse=True)
    hits = []
    for i, ch in enumerate(p):
        if ch not in {a[0] for a in vocab._alias}:
            continue
        for n in lengths:
            m = vocab._alias.get(p[i:i + n]) if i + n <= len(p) else None
            if m is not None and _bounded(p, i, i + n) and not _inside(p, i, i + n, vocab._excl[m.id]):
                hits.append((i, i + n, m))
                break
    best = None
    for item, end in _items(p, hits):
        head = max(item, key=lambda h: (h[1], h[1] - h[0]))
        if _SHARE_TAIL.search(p, head[1], end):
            continue
        if best is None or head[1] - head[0] > best[1] - best[0]:
            best = head
    return best[2] if best else None


def test_canonical_as_before() -> None:
    vocab = load()
    phrases = [m.metric for path in sorted(SAMPLES.glob("*.txt"))[:3]
               for m in extract(read_document(path)).measurements]
    phrases += [c[:n] for c in _clauses()[:1500] for n in (6, 12)]
    phrases += ["PM2.5平均浓度", "广义货币M2", "工业增加值占GDP比重", "城镇居民医保和新农合补助标准", ""]
    for phrase in phrases:
        assert vocab.canonical(phrase) is _canonical_before(vocab, phrase), phrase


def test_the_vocabulary_forgets_the_phrases_it_looked_up() -> None:
    vocab = load()
    assert vocab.canonical("地区生产总值").id == "gdp"
    assert vocab._cache
    vocab.cache_clear()
    assert not vocab._cache
    assert vocab.canonical("地区生产总值").id == "gdp"
    vocabulary().cache_clear()  # the shared one too (the benchmark clears it before each new document)


@pytest.mark.parametrize("text", [
    "今后五年，新增城镇就业5000万人", "五年淘汰落后炼铁产能1亿吨，今年淘汰3000万吨", "过去五年经济年均增长9%",
    "第五年", "五年", "今年新增城镇就业1100万人", "", "今后的五年里，今年",
])
def test_five_year_words_as_before(text: str) -> None:
    ends = [m.end() for m in _FIVE_YEARS.finditer(text)]
    assert five_year_span(text) == (bool(ends) and not _THIS_YEAR.search(text, ends[-1]))
    assert year_part(text) == (bool(ends) and _THIS_YEAR.search(text, ends[-1]) is not None)


@pytest.mark.parametrize(("sentence", "targets"), [
    # clauses with a figure commit whatever their head (the verb checks after it no longer run for them)
    ("新增城镇就业1.2万人，实施重点项目100个，稳定粮食生产。",
     ["新增城镇就业1.2万人", "实施重点项目100个", "稳定粮食生产"]),
    ("地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。",
     ["地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内"]),
    # without a figure, ending evaluative but verb first (稳定): a commitment, the tokenizer asked
    ("稳定粮食生产，加快推进中石化安工院建设。", ["稳定粮食生产", "加快推进中石化安工院建设"]),
    # an evaluative statement without a verb at its head is no target
    ("世界经济复苏的基础仍然脆弱。", []),
    ("加强生态环境保护，总体形势依然严峻。", ["加强生态环境保护"]),
])
def test_clause_roles_in_a_plan(sentence: str, targets: list[str]) -> None:
    text = f"2025年政府工作报告\n二、2025年工作安排\n{sentence}\n"
    doc = read_bytes(text.encode(), name="plan.txt")
    assert [t.text for t in extract(doc).targets] == targets


def _trie_regex_before(words: set[str]) -> str:
    """lang.metrics._trie_regex as it was: an ASCII letter's branch written out once per case."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(v) + emit(child)
                for k, child in sorted(node.items()) if k for v in dict.fromkeys((k, k.lower()))]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")" if alts else ""
        return f"(?:{body})?+" if body and "" in node else body

    return emit(trie)


def test_mentions_as_before() -> None:
    """The vocabulary's alternation with [Gg] classes finds what the one with a branch per case found, at every
    start of every sample text (lower-case ASCII too: gdp, pm2.5)."""
    import unicodedata

    from duban.lang.metrics import _FOLD, _trie_regex
    from duban.lang.textnorm import shadow

    vocab = load()
    forms = {f.translate(_FOLD) for m in vocab for a in m.aliases for f in (a, unicodedata.normalize("NFKC", a))}
    new, old = re.compile(_trie_regex(forms)), re.compile(_trie_regex_before(forms))
    texts = [shadow(read_document(p).text) for p in sorted(SAMPLES.glob("*.txt"))]
    texts += ["人均gdp增长，pm2.5平均浓度下降，Gdp和cpi", "R&D经费投入强度2.5%，r&d"]
    for text in texts:
        for pos in range(len(text)):
            a, b = new.match(text, pos), old.match(text, pos)
            assert (a and a.span()) == (b and b.span()), text[pos:pos + 20]
    assert vocab.mentions("人均gdp增长")[0][2].id == vocab.canonical("人均GDP").id


def _clause_spans_before(text: str) -> list[tuple[int, int, bool]]:
    """extract.clauses._analyse's cut as it was: (start, end, before a colon) of each clause not empty once its
    leading spaces are left out."""
    out = []
    parts = re.split(r"([，：:])", text)
    pos, last = 0, len(parts) - 1
    for k in range(0, len(parts), 2):
        piece = parts[k]
        clause = piece.lstrip(" ")
        cs, ce = pos + len(piece) - len(clause), pos + len(piece)
        pos = ce + 1
        if clause:
            out.append((cs, ce, k < last and parts[k + 1] != "，"))
    return out


@pytest.mark.parametrize("text", [
    "", "，", "：：", " 加快建设，  新增企业5家：", "主要预期目标是：地区生产总值增长6%", "要认真贯彻，坚持稳中求进:  ",
    "一是创新引领，厚植新优势", "各位代表！", "a,b:c",
])
def test_clause_spans_as_before(text: str) -> None:
    assert [(cs, ce, text[ce:ce + 1] in ("：", ":")) for cs, ce in clauses._clause_spans(text)] \
        == _clause_spans_before(text)


def test_clause_cuts_and_sentence_flags_as_analysed() -> None:
    """Over every sentence of the samples: the cut and the sentence flags read without clause roles are the ones
    _analyse returns, and _leads_in_targets is what target_groups read from the first clause's role."""
    for path in sorted(SAMPLES.glob("*.txt"))[:3]:
        seg = segment(read_document(path))
        for sent in seg.sentences:
            text = seg.shadow[sent.span[0]:sent.span[1]]
            assert [(cs, ce, text[ce:ce + 1] in ("：", ":")) for cs, ce in clauses._clause_spans(text)] \
                == _clause_spans_before(text)
            found, *flags = clauses._analyse(text)
            assert tuple(flags) == clauses._sentence_flags(text)[:3]
            lead = bool(found) and found[0][2] == "lead_in" and text[found[0][1]:found[0][1] + 1] in ("：", ":") \
                and clauses._TARGETS_LEAD.search(text, 0, found[0][1]) is not None
            assert clauses._leads_in_targets(text) == lead


@pytest.mark.parametrize("text", [
    "", "加快推进中石化安工院建设", "新增城镇就业1.2万人", "百分之十", "千分之六", "百花齐放", "千方百计，确保百分之八",
    "千家万户", "增长１２％", "百", "千分", "第3", "百千分之五",
])
def test_has_figure_as_digit_search(text: str) -> None:
    assert clauses._has_figure(text) == (clauses._DIGIT.search(text) is not None)


@pytest.mark.parametrize(("text", "start", "pos"), [
    ("新增就业1万人，增长5%", 0, 10), ("新增就业1万人，增长5%", 8, 10), ("新增就业1万人，增长5%", 0, 7),
    ("a:b：c，d", 0, 7), ("a:b：c，d", 2, 3), ("，，", 0, 2), ("", 0, 0), ("前文。主要目标是：增长6%", 3, 12),
    ("前文。主要目标是：增长6%", 3, 9),
])
def test_clause_start_as_the_last_separator(text: str, start: int, pos: int) -> None:
    before = max([start, *[m.end() for m in clauses.CLAUSE_SEP.finditer(text, start, pos)]])
    assert cuts.clause_start(text, start, pos) == before


def test_a_part_is_looked_for_only_under_a_whole_with_parts() -> None:
    """canon._part_named_short tries the heads of the indicator named before only when it has parts: a group named
    after a whole with parts is found (城镇居民 after 居民人均可支配收入), none after one without."""
    from duban.extract.canon import _part_named_short

    found = _part_named_short("城镇居民", "全体居民人均可支配收入增长5.1%，其中")
    assert found is not None and found.id in vocabulary().parts(vocabulary().canonical("居民人均可支配收入").id)
    assert _part_named_short("城镇", "地区生产总值增长5%，其中") is None


@pytest.mark.parametrize("name", ["000", "001", "004"])
def test_paragraph_year_as_read_for_each_figure(name: str) -> None:
    """period._paragraph_year, read once per sentence, is the year the paragraph before it names, as figure_year
    read it for every figure."""
    from duban.extract.period import PARAGRAPH_WINDOW, _marks, _paragraph_year, paragraph_start

    path = next(p for p in sorted(SAMPLES.glob("*.txt")) if p.name.startswith(name))
    seg = segment(read_document(path))
    for sent in seg.sentences:
        s = sent.span[0]
        paragraph = paragraph_start(seg.shadow, max(0, s - PARAGRAPH_WINDOW), s)
        before = next((y for _p, y, base in reversed(_marks(seg, paragraph, s)) if not base), None)
        assert _paragraph_year(seg, s) == before == _paragraph_year(seg, s)


@pytest.mark.parametrize("clause", [
    "“十四五”时期，", "十四五期间", "今后五年，", "到2025年，", "2025年底前：", "　在“十四五”时期，", " 2030年",
    "\n未来五年间", "新增就业1万人", "十四五规划纲要", "", "今年", "至2035年", "“十五”期间，加快",
])
def test_period_only_as_the_pattern(clause: str) -> None:
    from duban.extract import _PERIOD_ONLY, _period_only

    text = "。" + clause + "。"
    span = (1, 1 + len(clause))
    assert _period_only(text, span) == (_PERIOD_ONLY.fullmatch(text, *span) is not None)


def test_no_alias_holds_a_sentence_stop() -> None:
    """canon._part_named_short scans only the text after the last 。；; — exact while no alias holds one."""
    assert not any(ch in a for m in vocabulary() for a in m.aliases for ch in "。；;")


def test_mentions_after_the_last_stop_as_in_the_whole() -> None:
    """The occurrences a scan from the last 。；; finds are those of the whole text's scan after it, for the text
    before every figure of three samples (the context _part_named_short reads)."""
    from duban.extract import quantities_of

    vocab = vocabulary()
    for path in sorted(SAMPLES.glob("*.txt"))[:3]:
        seg = segment(read_document(path))
        for q in quantities_of(seg):
            wider = seg.shadow[max(0, q.span[0] - 120):q.span[0]]
            cut = max(wider.rfind("。"), wider.rfind("；"), wider.rfind(";")) + 1
            assert vocab.mentions(wider, cut) == [m for m in vocab.mentions(wider) if m[0] >= cut]


def _mentions_before(vocab, text: str) -> list:
    """Vocabulary.mentions as it was: every match normalised to find its metric."""
    from duban.lang.metrics import _bounded, _inside, normalise

    vocab.mentions("")  # (compiles the alternation)
    out, pos = [], 0
    while (hit := vocab._rx.search(text, pos)) is not None:
        s, e = hit.span()
        m = vocab._alias.get(normalise(hit.group()))
        excl = vocab._raw_excl.get(m.id) if m is not None else None
        if m is None or not _bounded(text, s, e) or (excl and _inside(text, s, e, excl, fold=True)):
            pos = s + 1
            continue
        out.append((s, e, m))
        pos = e
    return out


@pytest.mark.parametrize("text", [
    "人均gdp增长，pm2.5平均浓度下降，Gdp和cpi", "R&D经费投入强度2.5%，r&d",
    "地区生产总值增长6%，城镇调查失业率5.5%以内", "单位GDP能耗下降3%，ＧＤＰ总量",
    "居民人均可支配收入和城镇居民人均可支配收入", "",
])
def test_mentions_by_form_as_normalised(text: str) -> None:
    vocab = load()
    assert vocab.mentions(text) == _mentions_before(vocab, text)
    assert vocab.mentions(text) == _mentions_before(vocab, text)  # (the forms' metrics read: the same again)


@pytest.mark.parametrize("phrase", [
    "地区生产总值", "人均gdp", "ＧＤＰ", "ｐｍ２．５平均浓度", "PM2.5", "“十四五”的目标", "r&d经费",
    " 城镇 调查失业率 ", "", "ａｂｃ", "Ⅲ类水体比例", "占GDP的比重",
])
def test_normalise_as_before(phrase: str) -> None:
    import unicodedata

    from duban.lang.metrics import _DROP, _FOLD, normalise

    assert normalise(phrase) == _DROP.sub("", unicodedata.normalize("NFKC", phrase)).translate(_FOLD)


def _sentence_horizon_before(sentence: str, default, year=None, lead=None):
    """segment.horizon.sentence_horizon as it was: the five-year marks written out for every name."""
    from duban.segment.horizon import _BY_YEAR, _DUE_YEAR, _FIVE_YEAR_END

    due = _DUE_YEAR.search(sentence) if "年" in sentence else None
    if due and default and int(due.group(1)) > default:
        return int(due.group(1))
    if "到" in sentence or "五" in sentence:
        m = _BY_YEAR.search(sentence)
        if m and (not default or int(m.group(1)) >= default):
            return int(m.group(1))
        for name, end in _FIVE_YEAR_END.items():
            if any(f"{name}{q}{w}" in sentence for q in ("", "”") for w in ("末", "期间", "时期")):
                return end
    if lead is not None and "到" in lead:
        m = _BY_YEAR.search(lead)
        if m and default and int(m.group(1)) > default and not _THIS_YEAR.search(lead, m.end()):
            return int(m.group(1))
    if lead is not None and "五" in lead:
        for name, end in _FIVE_YEAR_END.items():
            at = max(lead.find(f"{name}{q}{w}") for q in ("", "”") for w in ("期间", "时期"))
            if at >= 0 and not _THIS_YEAR.search(lead, at) and (default is None or end > default):
                return end
    if year and (default is None or default < year + 4) and five_year_span(sentence if lead is None else lead):
        return year + 4
    return default


@pytest.mark.parametrize(("sentence", "lead"), [
    ("到“十四五”末，全市地区生产总值突破2000亿元", None), ("十四五期间，新增就业5万人", "十四五期间，"),
    ("“十三五”时期，…主要目标是：地区生产总值年均增长6%", "“十三五”时期，…主要目标是："),
    ("今后五年，新增城镇就业5000万人", None), ("今年地区生产总值增长6%", "今年"), ("十四五规划纲要提出", None),
    ("到2025年，全市白酒产业产值突破2000亿元", "到2025年，"), ("“十五”期间，今年增长8%", "“十五”期间，今年"),
    ("", None), ("五年淘汰落后产能1亿吨，今年淘汰3000万吨", "五年淘汰落后产能"),
])
def test_sentence_horizon_as_before(sentence: str, lead: str | None) -> None:
    from duban.segment.horizon import sentence_horizon

    for default, year in ((None, None), (2021, 2021), (2025, 2024), (2030, 2026), (None, 2001)):
        before = _sentence_horizon_before(sentence, default, year, lead)
        assert sentence_horizon(sentence, default, year, lead) == before


def test_sentence_horizon_as_before_on_the_samples() -> None:
    from duban.segment.horizon import sentence_horizon

    for path in sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "national").glob("*.txt"))[:4]:
        seg = segment(read_document(path))
        for sent in seg.sentences:
            text = seg.shadow[sent.span[0]:sent.span[1]]
            for default, year in ((None, 2021), (2021, 2021), (2025, 2024)):
                for lead in (None, text[:12]):
                    assert sentence_horizon(text, default, year, lead) \
                        == _sentence_horizon_before(text, default, year, lead), text
