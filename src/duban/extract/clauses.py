"""Clauses and target units: which clauses commit to something, and how clauses group into
targets (docs/annotation.md, "What one target is")."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..lang import lexicon as lx
from ..lang import lexicon_states as states
from ..lang.firstchars import first_chars, last_chars
from ..lang.metrics import vocabulary
from ..records import Quantity, Sentence, Span
from ..segment import Segmented
from . import metric
from .cuts import CLAUSE_SEP as CLAUSE_SEP
from .cuts import clause_spans as _clause_spans
from .listing import VERBS as _VERBS
from .listing import Figure as _Figure
from .listing import continues_list as _continues_list
from .listing import head_split as head_split
from .listing import unit_class as unit_class

_DIGIT = re.compile(r"\d|[百千]分之")  # a figure, also one written out (百分之十)
_DIGIT_OR_SCALE = re.compile(r"[\d百千]")  # where a match of _DIGIT can start
_EXPLANATION = re.compile(
    r"(?:这里|需要说明|要着重说明|着重说明)|提出[^，。]{0,40}[，,][^。]{0,30}(?:考虑|主要是|是为了|目的)"
    # 上述目标充分考虑了…，兼顾了…，通过努力是可以实现的: talk about the targets just set, not another one
    r"|(?:上述|以上|这些|这一系列)(?:主要)?(?:预期)?(?:目标|指标)(?!任务要|要)"
)
# Where a report explains the figures it set (…定为7.5%左右，主要基于两方面考虑：), the rest of the paragraph
# explains too: restated figures and reasons, not new commitments.
# (Written so that every branch opens with a literal character: ``re`` then skips to those characters instead of
# trying the pattern at every position of the sentence.)
_BECAUSE = r"[^，。；]{0,12}(?:考虑|原因)"
EXPLAINS = re.compile(
    rf"主要(?:基于|出于){_BECAUSE}|基于{_BECAUSE}|出于{_BECAUSE}|主要(?:是)?考虑|这主要是|之所以|这是因为|作些说明|作一说明|"
    r"着重(?:对[^，。]{0,20})?(?:作些|作)?说明|综合权衡"
)
_ENUMERATOR = re.compile(
    r"(?:[一二三四五六七八九十]{1,2}是|首先|其次|再次|最后|同时|此外|另外|第[一二三四五六七八九十]{1,2})[，、]?"
    r"|(?:——|—|--|-|•|·|●|○|■|□)\s*"  # a list item's bullet (——地区生产总值增长5.5%左右)
)
_CONCESSIVE = re.compile(r"虽然|尽管|固然")
# 做好今年的政府工作，要认真贯彻…: guidance; but 要保持固定资产投资适度增长 and 要积极改革和健全税制 are tasks, so a
# modal opens guidance only before a verb of principle (坚持, 贯彻, 把握, 处理好 …) or with no verb of its own.
_EXHORTATION = re.compile(
    r"(?:要|必须|务必|需要|应当|要以|就要|关键是|根本是)(?!素|求|点|害|闻)(?:[^，。；]{0,4}?(?:"
    + "|".join(lx.GUIDANCE_VERBS) + r")|[^，。；]{0,2}$)"
)
_VOCATIVE = re.compile(r"(?:各位代表|各位委员|同志们|代表们)[!！]?$")
_PRINCIPLE = re.compile(
    r"^(?:[^，。]{0,30}?(?<![一二三四五六七八九十特别尤其都就还但于凡只正更也即要还或总])是(?!否)|[^，]{0,12}(?:必须|务必|应当|关键在于))"
)
_RALLY = re.compile(
    r"^(?:我们|各位代表|让我们|全区上下|全市上下|全县上下|现在|我代表|只有|只要|如果|这些年|"
    r"近年来|多年来|过去|去年|上年|当前|目前|同时要|这里|需要说明|要着重说明|提出今年|提出[^，]{0,12}的目标)"
)
_LEAD_IN = re.compile(
    r"(?:目标|任务|指标|要求)(?:为|是|如下)$|(?:如下|以下)$|^(?:今年|本年|年度)?(?:的)?(?:国民经济)?计划(?:要求|安排)$"
)
_META = re.compile(
    r"方面(?:工作|任务|重点)?$|几个方面(?:工作|任务|重点)?$|以下(?:工作|几个方面|重点)?$|如下(?:工作|几个方面|重点)?$"
)
_INTRO = re.compile(
    r"^(?:按照|根据|依据|围绕|紧紧围绕|紧抓|抢抓|紧扣|立足|着眼|依托|借助|通过|面对|针对|结合|对标|对照|本着|锚定|综合分析|"
    r"综合考虑|综合权衡|综合平衡|"
    r"牢牢把握|紧盯|顺应|抓住|坚持以|以|在|随着|为了|为|重点要以|重点以)"
)
_BACK = re.compile(
    r"^(?:其中|同比|比上年|较上年|较去年|比去年|让|使|从而|进而|以便|助力|切实|力促|努力让|确保[^0-9]*$)"
)
_HEDGE = re.compile(lx.alt(lx.HEDGES))
_HOPE = re.compile(lx.HOPE_CLAUSE + r"[。；;，,]?$")
_ASSIGNED = re.compile(lx.ASSIGNED_TARGET)
# an aim of four characters at the clause's end (稳量提质, 稳中有增, 持续减少), after the indicator it moves
_AIMED = re.compile(
    rf"..(?:{lx.alt([a for a in states.GROW_AIMS + states.HOLD_AIMS + states.FALL_AIMS if len(a) >= 4])})$")
_COMPOUND = re.compile(rf"(?:{lx.alt(states.COMPOUND_SUBJECTS)})$")
# a thing named before the stage it is to reach, at the clause's end (…城际轨道交通建成通车, …新院区建成投用)
_DELIVERED_END = re.compile(
    r"(?:建成|全面建成|基本建成)(?:通车|投用|投产|投运|运营|开放|开通|使用)?$|(?:开工建设|开工|竣工|投入使用|投入运营|"
    r"建成投用|挂牌运行|正式运行|全线通车|通车运营|具备(?:开通|通车|运营|投用|投产)条件)$")
_BEFORE_THING = re.compile(r"^(?:确保|力争|争取|推动|推进|加快|全力|努力|实现)*"
                           r"(?:年底前|年内|年底|按期|如期|早日|尽快|全面|基本|在适当时候|适时|择机|在条件成熟时)*")


def _has_figure(text: str) -> bool:
    """Does ``text`` hold a figure (``_DIGIT.search``)? A search of a set of characters first, twice as fast as the
    alternation: most clauses hold none of them, and 百/千 need 分之 after them."""
    m = _DIGIT_OR_SCALE.search(text)
    return m is not None and (text[m.start()] not in "百千" or _DIGIT.search(text, m.start()) is not None)


def _names_a_delivery(text: str) -> bool:
    """A thing named before the stage it is to reach (…城际轨道交通建成通车), not the stage alone (确保年底建成投用)."""
    if text[-1] not in _DELIVERED_LAST and text[-1] != "\n":
        return False
    m = _DELIVERED_END.search(text)
    return m is not None and m.start() - _BEFORE_THING.match(text).end() >= 4


_TARGETS_LEAD = re.compile(r"(?:目标|指标)(?:任务)?(?:是|为)$")
# 坚持把项目建设作为稳增长的重要抓手, 把就业摆在优先位置: a principle of how to weigh things, nothing to check
_TAKES_AS = re.compile(r"(?:要|必须)?(?:坚持|始终|继续|进一步)?把[^，。；]{1,30}?(?:作为|摆在|放在|当作|列为|当成)")
# a strong verb after at most three characters of its clause (near_verb)
_NEAR_STRONG = re.compile(rf"[^，。；“”]{{0,3}}?(?:{lx.alt(metric.STRONG_VERBS)})")
_EVALUATIVE = lx.WordSet(
    "复杂 严峻 脆弱 突出 不足 不强 不稳固 不稳 不够 并存 很多 较多 艰巨 繁重 加大 加剧 增多 凸显 显现 减弱 "
    "增强 向好 好转 改善 巩固 提高 上升 下降 明显 存在 犹存 依然 仍然 较大 较高 较低 不少".split()
)


def near_verb(text: str) -> bool:
    """An unmistakable commitment verb within the first characters: 聚力打造, 倾力打造, 动态培育."""
    return _NEAR_STRONG.match(text) is not None
# (Weaker verbs than the strong ones near the start — 调整, 稳定, 发展 — are mostly part of a subject:
# 结构调整难度加大.) A statement about the situation, not a commitment, has a subject and an evaluative
# predicate at the end (结构调整难度加大, 世界经济复苏的基础仍然脆弱) and no verb at its head.
_VERB_ADVERBS = tuple(sorted(frozenset(lx.ADVERB_HEADS) & frozenset(lx.ACTION_VERBS)))
# A metric held to a comparison: 收入增速与市均同步, 进出口总额全国占比不降低, 贷款增速不低于….
_COMPARISON = re.compile(
    r"..(?:同步|持平|不降低|不下降|不低于|不高于|不超过|高于|低于|快于|慢于|基本平衡|保持稳定|较快增长|稳定增长|"
    r"合理增长|稳步增长)"
)
CONNECTORS = "、和及与，, "
# Statements about things rather than commitments: relations (关系/关乎/在于), the talk about targets
# (实现这个目标需要…), evaluations (…是必要的、适宜的), the current state (目前…相对较低).
# (In two parts, what opens the clause and what may stand anywhere in it, each branch of the second opening
# with a literal character so that ``re`` skips to them; a clause is a statement when either matches.)
_STATEMENT_OPENS = re.compile(
    r"(?:实现|完成)(?:这个|这一|上述|这些|以上|今年的?)?(?:目标|任务|指标)|是[^，。；]{1,12}的$|(?:目前|当前|现在|总体上|总的看)"
)
_SIGNIFIES = r"[^，。；]{0,24}(?:意义|作用|影响)$"
_STATEMENT_WITHIN = re.compile(
    rf"{lx.alt(lx.RELATION_VERBS)}|{lx.alt(lx.TARGET_RULE_WORDS)}|是(?:必要|适宜|可行|合适|恰当|积极稳妥|合理|积极的|必需)的"
    rf"|具有{_SIGNIFIES}|有着{_SIGNIFIES}|具备{_SIGNIFIES}"
)


def _statement(clause: str) -> bool:
    return (clause[0] in _OPENS_FIRST and _STATEMENT_OPENS.match(clause) is not None) \
        or _STATEMENT_WITHIN.search(clause) is not None \
        or (clause[0] in _WEIGHTY_FIRST and _WEIGHTY.match(clause) is not None)


_WEIGHTY = re.compile(r"(?:意义|责任|使命)(?:十分|非常|特别|更加|尤为)?(?:重大|重要|光荣)$")
# 做好今年政府工作，具有特殊重要的意义: a predicate of significance whose subject is the clauses before it
_SIGNIFICANCE = re.compile(
    r"(?:这|此|都|均|也|则|将)?(?:对于?[^，。；]{0,30}?)?(?:具有|有着|具备)[^，。；]{0,24}(?:意义|作用|影响)$"
    r"|(?:意义|责任|使命)(?:十分|非常|特别|更加|尤为)?(?:重大|重要|光荣)$")  # 做好今年工作，意义重大
# 一是创新引领，厚植…新优势: a list item's short label leads into the clause it names, it is no target alone
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,4}")
# Connectives that carry an argument on (…另一方面，要…): the sentence continues an explanation.
ARGUMENT = re.compile(r"(?:另一方面|一方面|同时|而且|因此|所以|这样|这也|但是|但|然而|况且|当然|总之|可见)")
_TEMPORAL_END = re.compile(r"(?:后|之后|以后|以前|之前|期间|之际|的时候|时)$")
PAST_YEAR = re.compile(r"^(?:19|20)\d\d年(?:[，,]|以来|全年|我们|全区|全市|全县|全省|全国)")

# The characters a match of each pattern tried on every clause can start (or, for a pattern anchored at ``$``, end)
# with (lang/firstchars.py): a set lookup rules most clauses out before the pattern is called. (``$`` matches
# before a final newline too: a clause ending with one is always tried.)
_VOCATIVE_LAST, _LEAD_IN_LAST, _META_LAST, _DELIVERED_LAST, _AIMED_LAST, _TEMPORAL_LAST = (
    last_chars(p) for p in (_VOCATIVE, _LEAD_IN, _META, _DELIVERED_END, _AIMED, _TEMPORAL_END))
(_BACK_FIRST, _QUALIFIED_FIRST, _INTRO_FIRST, _TAKES_AS_FIRST, _OPENS_FIRST, _WEIGHTY_FIRST,
 _ENUMERATOR_FIRST, _RALLY_FIRST, _EXPLANATION_FIRST, _EXHORTATION_FIRST) = (
    first_chars(p) for p in (_BACK, metric.QUALIFIED_CHANGE, _INTRO, _TAKES_AS,
                             _STATEMENT_OPENS, _WEIGHTY, _ENUMERATOR, _RALLY, _EXPLANATION, _EXHORTATION))


# What a sentence's text alone decides, remembered by text: each clause as (start, end, role, label, significance,
# statement text) relative to the sentence, and whether the sentence is a principle or a rally (_PRINCIPLE,
# _RALLY), an explanation (_EXPLANATION) or opens with an exhortation (_EXHORTATION in its first two clauses).
_ClauseInfo = tuple[int, int, str, bool, bool, bool]
_SentenceInfo = tuple[tuple[_ClauseInfo, ...], bool, bool, bool]


@lru_cache(maxsize=16384)
def _analyse(text: str) -> _SentenceInfo:
    out: list[_ClauseInfo] = []
    principle, explanation, exhortation, spans = _sentence_flags(text)
    for cs, ce in spans:
        clause = text[cs:ce]
        role = _role(clause, text[ce:ce + 1] in _COLONS)
        # (a label matters only to a clause that commits, or may in a headline passage: _groups)
        out.append((cs, ce, role, role in ("commit", "statement", "other") and clause[0] in _ENUMERATOR_FIRST
                    and _is_label(clause),
                    role == "statement" and _SIGNIFICANCE.match(clause) is not None,
                    # (an "other" clause was found no statement: _role tried it)
                    role == "statement" and ce - cs >= 4 and _statement(clause)))
    return tuple(out), principle, explanation, exhortation


_COLONS = ("：", ":")


@lru_cache(maxsize=16384)
def _sentence_flags(text: str) -> tuple[bool, bool, bool, tuple[Span, ...]]:
    """What a sentence's text decides without the roles of its clauses: whether it is a principle or a rally
    (_PRINCIPLE, _RALLY), an explanation (_EXPLANATION), or opens with an exhortation (_EXHORTATION in its first
    two clauses); and where its clauses are (the sentence is cut once). (target_groups reads these first: a
    sentence they rule out needs no clause roles.)"""
    first = text[:1]
    principle = (first in _RALLY_FIRST and _RALLY.match(text) is not None) or (
        _may_be_principle(text) and _PRINCIPLE.match(text) is not None)
    exhortation = False
    spans = tuple(_clause_spans(text))
    for cs, ce in spans[:2]:
        if text[cs] in _EXHORTATION_FIRST and _EXHORTATION.match(text, cs, ce):
            exhortation = True
            break
    return principle, first in _EXPLANATION_FIRST and _EXPLANATION.match(text) is not None, exhortation, spans


def _may_be_principle(text: str) -> bool:
    """What _PRINCIPLE needs: 是 within its first 31 characters, or 必须/务必/应当/关键在于 starting within 13."""
    if "是" in text[:31]:
        return True
    head = text[:16]
    return "必须" in head or "务必" in head or "应当" in head or "关键在于" in head


@lru_cache(maxsize=16384)
def _role(text: str, before_colon: bool) -> str:
    n = len(text)
    first, last = text[0], text[-1]
    ends_line = last == "\n"  # (``$`` matches before it: the patterns ending with ``$`` are tried)
    if (before_colon and (n <= 12 or ((last in _LEAD_IN_LAST or ends_line) and _LEAD_IN.search(text)))) or (
            n <= 8 and (last in _LEAD_IN_LAST or ends_line) and _LEAD_IN.search(text)):
        return "lead_in"
    if (last in _VOCATIVE_LAST or ends_line) and _VOCATIVE.match(text):
        return "lead_in"  # 各位代表，… : the audience, not a commitment
    has_number = _has_figure(text)
    if not has_number and (last in _META_LAST or ends_line) and _META.search(text):
        return "lead_in"
    if _names_a_delivery(text):
        return "commit"  # 确保宁句城际轨道交通建成通车: the thing, then the stage it is to reach
    if (first in _BACK_FIRST and _BACK.match(text)) or (
            first in _QUALIFIED_FIRST and metric.QUALIFIED_CHANGE.match(text)):
        return "back"
    if not has_number and first in _INTRO_FIRST and _INTRO.match(text):
        return "intro"
    n_head, rest = head_split(text)
    if n_head and not rest:
        return "intro"  # 今年，中央财政赤字…: a clause of adverbs only leads into the next one
    if has_number:
        return "commit"  # (what follows decides between commit and other, or finds a statement without figures)
    if _ASSIGNED.search(text):
        return "commit"  # 能耗降低完成国家下达任务: to reach what was assigned, without a verb at its head
    if (last in _AIMED_LAST or ends_line) and _AIMED.search(text) and (
            vocabulary().canonical(text[:-4]) is not None or _COMPOUND.search(text[:-4]) is not None):
        # (外贸外资稳中提质: a compound naming two indicators)
        return "commit"  # 实际使用外资稳量提质, 主要污染物排放总量持续减少: an indicator's movement aimed at
    if _statement(text) or (first in _TAKES_AS_FIRST and _TAKES_AS.match(text)):
        # 生态环境关系人民福祉; 难点在消费; 实现这个目标需要付出艰苦努力; …是必要的; 坚持把项目建设作为稳增长的重要抓手
        return "statement"
    if n <= 12 and (last in _TEMPORAL_LAST or ends_line) and _TEMPORAL_END.search(text):
        return "intro"  # 今年增加赤字后，…: a clause of time leads into the next one
    n_verb = _VERBS.prefix(rest)
    # (the tokenizer is asked whether the verb is a word of its own only when the clause ends evaluative)
    if (_EVALUATIVE.suffix(text) and not (n_verb and metric.word_ends_at(rest, n_verb))) or _CONCESSIVE.search(text):
        return "statement"
    # (a commitment by any of these: the tokenizer, the dearest, is asked last)
    if n_verb or near_verb(rest) or (n_head and text[:n_head].endswith(_VERB_ADVERBS)) \
            or _COMPARISON.search(text) or metric.leading_pos_verb(rest):
        return "commit"  # (加快“森林镇海”建设: the adverb-like head is the verb)
    return "other"


def opens_commitment(seg: Segmented, s: int, e: int) -> bool:
    """Does the sentence at ``s`` open with a commitment (its first clause has a commitment verb)?"""
    clauses = _analyse(seg.shadow[s:e])[0]
    return bool(clauses) and clauses[0][2] == "commit"


def _leads_in_targets(text: str) -> bool:
    """Does the sentence's first clause lead in to its targets before a colon (主要预期目标是：)?"""
    spans = _sentence_flags(text)[3]
    if not spans:
        return False
    cs, ce = spans[0]
    return text[ce:ce + 1] in _COLONS and _TARGETS_LEAD.search(text, 0, ce) is not None \
        and _role(text[cs:ce], True) == "lead_in"


def _is_overview(seg: Segmented, sent: Sentence) -> bool:
    """A heading's opening paragraph in a document that then lists its work under lead sentences
    (项目攻坚再发力。…) sums up what follows: not a separate commitment."""
    sec = seg.section(sent.section)
    if sec is None or sec.marker == "":
        return False
    last_lead = seg.last_lead_start(sec.id)
    return last_lead is not None and last_lead > sent.span[0]


def target_groups(seg: Segmented, sent: Sentence, qs: list[Quantity]) -> list[tuple[Span, list[Quantity]]]:
    sh = seg.shadow
    s, e = sent.span
    if sh[e:e + 1] in ("！", "!"):
        return []  # (what _analyse would find does not matter after an exclamation)
    text = sh[s:e]
    principle, explanation, exhortation, _spans = _sentence_flags(text)  # (clause roles only when needed)
    if principle and not qs and _leads_in_targets(text):
        principle = False  # 主要预期目标是：地区生产总值增速高于全市平均水平: the targets' lead-in, not “X是Y”
    if not qs and principle:
        return []
    if explanation:
        return []  # 这里要着重说明，提出…8%左右，主要是…: a target explained, not a new one
    if not qs and exhortation:
        return []  # 做好今年的政府工作，要认真贯彻…: the overall requirements, guidance rather than commitments
    in_headline = seg.headline_overlaps(s, e)
    if not qs and not in_headline and _is_overview(seg, sent):
        return []
    figures = tuple((q.span[0] - s, q.span[1] - s, unit_class(q)) for q in qs) if qs else ()
    targets, hedges = _groups(text, in_headline, figures)
    if hedges:
        seg.trailing_hedges.extend((s + a, s + b) for a, b in hedges)
    if not qs:
        return [((s + a, s + b), []) for a, b, _qa, _qb in targets]
    # each target's figures start inside its span (qs are sorted by start): bisected, not all tried for each
    starts = [q.span[0] for q in qs]
    return [((s + a, s + b), [q for q in qs[bisect_left(starts, s + qa):bisect_left(starts, s + qb)]
                              if q.span[1] <= s + qb])
            for a, b, qa, qb in targets]


@lru_cache(maxsize=16384)
def _groups(text: str, in_headline: bool, figures: tuple[_Figure, ...]
            ) -> tuple[tuple[tuple[int, int, int, int], ...], tuple[Span, ...]]:
    """How the clauses of a sentence group into targets, from the sentence's text, whether it is in a headline
    passage and its figures: (each target's span and the span its figures are taken from, the trailing hedges
    that joined the target before them), all relative to the sentence."""
    clauses = _analyse(text)[0]
    # A group of clauses is (its first clause, its last clause, whether one of them commits); the clauses are
    # indices into ``clauses`` (a statement between two clauses of a group belongs to none).
    groups: list[tuple[int, int, bool]] = []
    first = last = -1  # the group being built (first < 0: none)
    has_commit = False
    final = len(clauses) - 1
    for i, (a, b, role, label, significance, statement_text) in enumerate(clauses):
        if role == "lead_in":
            if first >= 0:
                groups.append((first, last, has_commit))
            first, has_commit = -1, False
            continue
        if role == "back" and first < 0 and text.startswith("确保", a):
            role = "commit"  # 确保邕江国控断面水质稳定达到Ⅲ类。: 确保 opening a sentence leads no clause back
        if in_headline and role in ("statement", "other") and b - a >= 4 and not statement_text:
            role = "commit"  # 主要预期目标是：…；国际收支状况改善: a state the plan aims at
        if role == "statement":
            if significance and first >= 0 and not any(clauses[first][0] <= f[0] < a for f in figures):
                first, has_commit = -1, False  # the significance of what the clauses before it name: its subject
            continue  # an assessment of the situation belongs to no commitment
        if role == "commit" and i != final and label:
            role = "intro"
        if role == "commit" and first >= 0 and figures and _continues_list(
                text, (clauses[last][0], clauses[last][1]), (a, b), figures, in_headline):
            role = "back"
        if role in ("commit", "intro") and has_commit:
            groups.append((first, last, has_commit))
            first, has_commit = -1, False
        if first < 0:
            first = i
        last = i
        has_commit = has_commit or role == "commit"
    if first >= 0:
        groups.append((first, last, has_commit))
    out: list[tuple[int, int, int, int]] = []
    hedges: list[Span] = []
    for first, last, commits in groups:
        start, end = clauses[first][0], clauses[last][1]
        if commits and out and _HOPE.match(text[start:end].strip()):
            commits = False  # 力争实现更好结果: 实现 commits to nothing here
        if not commits:
            if out and _HEDGE.search(text, start, end):
                # …增长5.5%左右，在实际工作中努力争取更好结果: a trailing hedge belongs to the target before it
                before = out[-1]  # (its figures stay those of its own span)
                out[-1] = (before[0], end, before[2], before[3])
                hedges.append((start, end))
            continue
        lead = _ENUMERATOR.match(text, start, end) if text[start] in _ENUMERATOR_FIRST else None
        if lead and lead.end() < end:
            start = lead.end()  # 一是保持…: the enumerator is not part of the commitment
        out.append((start, end, start, end))
    return tuple(out), tuple(hedges)


def _is_label(clause: str) -> bool:
    """An enumerated item's short label (一是创新引领, 二是双轮驱动) before the clause that says what it means."""
    lead = _ENUMERATOR.match(clause) if clause[0] in _ENUMERATOR_FIRST else None
    return lead is not None and not lead.group().startswith(("—", "-", "•", "·", "●", "○", "■", "□")) \
        and _LABEL.fullmatch(clause, lead.end()) is not None
