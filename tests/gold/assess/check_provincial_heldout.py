"""Validate tests/gold/assess/provincial_heldout.json (held-out provincial / city plan -> review pairs).

Run from the repo root:  .venv/bin/python tests/gold/assess/check_provincial_heldout.py
Checks: file shape; spans round-trip; evidence spans are whole review sentences before the review's next-year
targets; actual_text / claimed are review substrings inside the evidence; the task picks follow the rule
(1st, 4th, 7th, 10th, 13th, 16th sentence of the 重点工作 paragraphs after each paragraph's heading sentence);
indicator and item statuses follow the rules written in the README section.  Exits 1 on any problem.
"""
import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / 'tests/gold/assess/provincial_heldout.json'

STATUSES = {'exceeded', 'met', 'basically_met', 'done', 'partially_met', 'in_progress', 'activity_only',
            'not_met', 'no_evidence'}
IND_STATUSES = {'exceeded', 'met', 'basically_met', 'in_progress', 'not_met', 'no_evidence'}
OPS = {'>=', '<=', '~', '=', 'range'}
BASES = {'growth_rate', 'level', 'increment', 'cumulative', 'share', 'count'}
PCT_UNITS = {'%', '‰', '个百分点'}
REACHED = {'exceeded', 'met', 'basically_met'}
FLAG_SET = {'basis_mismatch', 'estimate', 'claim_without_figure', 'ratio_only', 'unreported_part', 'partial_period'}
SENT_BOUND = '。；\n：'
MISS_WORDS = re.compile(r'下降|未完成|低于|没有完成|不及')
TASK_PICKS = (1, 4, 7, 10, 13, 16)
ITEM_KEYS = ['target', 'tier', 'target_span', 'evidence_spans', 'status', 'claimed', 'flags', 'indicators', 'reason']
IND_KEYS = ['target_text', 'metric', 'op', 'value', 'unit', 'basis', 'actual_text', 'actual_value', 'actual_unit',
            'actual_flags', 'status']

problems = []


def bad(where, msg):
    problems.append(f'{where}: {msg}')


def scale(unit):
    """('万个', …) -> ('个', 1e4) so 8600个 can be compared with 1万个."""
    for pre, f in (('万亿', 1e12), ('亿', 1e8), ('万', 1e4)):
        if unit and unit.startswith(pre) and len(unit) > len(pre):
            return unit[len(pre):], f
    return unit, 1.0


def tolerance(value, unit, basis):
    if unit not in PCT_UNITS:
        return None  # counts, amounts: ratio rule only
    if basis == 'growth_rate' and abs(value) > 6:
        return max(0.3, 0.05 * abs(value))
    return 0.3


def is_ceiling(ind):
    return ind['op'] == '<=' or (ind['op'] == '~' and re.search('价格|失业率', ind['metric']) is not None)


def expected_indicator(ind):
    v, a = ind['value'], ind['actual_value']
    unit, basis = ind['unit'], ind['basis']
    bu, fu = scale(unit)
    au, fa = scale(ind['actual_unit'] or unit)
    if bu != au:
        return None, f'units {unit!r} / {ind["actual_unit"]!r} not comparable'
    v, a = v * fu, a * fa
    tol = tolerance(ind['value'], unit, basis)
    if is_ceiling(ind):
        if a <= v + 1e-9:
            return 'met', None
        r = round(v / a, 9)
        over = (a - v) / fu
        ok = r >= 0.9 and (tol is None or over <= 0.3 + 1e-9)
        return ('basically_met' if ok else 'not_met'), None
    if v < 0:  # a cut: compare the cuts
        r = round(a / v, 9)
        short = (abs(v) - abs(a)) / fu if a < 0 else abs(v) / fu + abs(a) / fu
    else:
        r = round(a / v, 9)
        short = (v - a) / fu
    if r >= 1.10:
        return 'exceeded', None
    if r >= 1.0:
        return 'met', None
    if r >= 0.9 and (tol is None or short <= tol + 1e-9):
        return 'basically_met', None
    return 'not_met', None


def item_from_indicators(sts):
    if all(s == 'exceeded' for s in sts):
        return 'exceeded'
    if all(s in ('met', 'exceeded') for s in sts):
        return 'met'
    if all(s in REACHED for s in sts):
        return 'basically_met'
    if any(s in REACHED for s in sts):
        return 'partially_met'
    if any(s == 'in_progress' for s in sts):
        return 'in_progress'
    if any(s == 'not_met' for s in sts):
        return 'not_met'
    return 'no_evidence'


def expected_check(chk):
    kind = chk.get('kind')
    if kind == 'relative':
        a, b = chk['actual'], chk['benchmark']
        if a >= b:
            return 'met'
        tol = max(0.3, 0.05 * b) if b > 6 else 0.3
        return 'basically_met' if a / b >= 0.9 and b - a <= tol + 1e-9 else 'not_met'
    if kind == 'stable':
        g = chk['growth']
        return 'done' if g >= 0 else ('basically_met' if g > -1 else 'not_met')
    if kind == 'assigned':
        return {'claimed_done': 'done', 'admitted_miss': 'not_met', 'absent': 'no_evidence'}.get(chk.get('outcome'))
    return None


def headline_passage(plan):
    i = plan.find('主要预期目标是：')
    if i < 0:
        return None
    pos = plan.find('\n', i)
    while pos >= 0 and pos + 1 < len(plan):
        nxt = plan[pos + 1:]
        if re.match(r'\d+[.．、]|——', nxt):
            pos = plan.find('\n', pos + 1)
            continue
        break
    return i, (pos if pos >= 0 else len(plan))


def task_sentences(plan):
    """Sentences (split at 。) of the （一）… paragraphs after each paragraph's heading sentence."""
    out = []
    offset = 0
    for line in plan.split('\n'):
        if re.match(r'（[一二三四五六七八九十]+）', line):
            parts = line.split('。')
            pos = offset + len(parts[0]) + 1
            for p in parts[1:]:
                q = p.strip()
                if q:
                    out.append((q, offset + line.find(q, pos - offset)))
                pos += len(p) + 1
        offset += len(line) + 1
    return out


def check_pair(k, pair):
    where = f'pair {k + 1}'
    for key in ('plan', 'completion', 'items'):
        if key not in pair:
            bad(where, f'missing {key}')
            return
    pp, cp = ROOT / pair['plan'], ROOT / pair['completion']
    if not pp.exists() or not cp.exists():
        bad(where, 'plan or completion file missing')
        return
    plan, rev = pp.read_text(encoding='utf-8'), cp.read_text(encoding='utf-8')
    my = re.search(r'_(\d{4})\.txt$', pair['plan'])
    ry = re.search(r'_(\d{4})\.txt$', pair['completion'])
    if not my or not ry or not (2019 <= int(my.group(1)) <= 2023) or int(ry.group(1)) != int(my.group(1)) + 1:
        bad(where, 'plan year must be 2019-2023 and the review the next year')
    for name, t in (('plan', plan), ('review', rev)):
        if not 1500 <= len(t) <= 3500:
            bad(where, f'{name} has {len(t)} characters (want 1500-3500)')
        if re.search('202[56]', t):
            bad(where, f'{name} mentions 2025/2026')
    cut = rev.rfind('主要预期目标是：')
    if cut < 0:
        bad(where, 'review has no next-year targets passage')
        cut = len(rev)
    hp = headline_passage(plan)
    if hp is None:
        bad(where, 'plan has no 主要预期目标是： passage')
        hp = (0, len(plan))
    tasks = task_sentences(plan)
    if not 16 <= len(tasks) <= 20:
        bad(where, f'{len(tasks)} task sentences (want 16-20)')
    picks = [tasks[i - 1] for i in TASK_PICKS if i <= len(tasks)]

    items = pair['items']
    heads = [it for it in items if it.get('tier') == 'headline']
    task_items = [it for it in items if it.get('tier') == 'task']
    if not 8 <= len(heads) <= 14:
        bad(where, f'{len(heads)} headline items (want 8-14)')
    if [it['target'] for it in task_items] != [p[0] for p in picks]:
        bad(where, 'task items are not the 1st/4th/7th/10th/13th/16th task sentences in order')
    else:
        for it, p in zip(task_items, picks, strict=True):
            if it['target_span'] != [p[1], p[1] + len(p[0])]:
                bad(where, f'task span differs from the recomputed sentence: {p[0]}')
    spans = sorted(tuple(it['target_span']) for it in heads)
    for a, b in itertools.pairwise(spans):
        if a[1] > b[0]:
            bad(where, f'overlapping headline spans {a} {b}')

    for j, it in enumerate(items):
        w = f'{where} item {j + 1} ({it.get("target", "?")[:20]})'
        for key in ITEM_KEYS:
            if key not in it:
                bad(w, f'missing {key}')
        if any(key not in it for key in ITEM_KEYS):
            continue
        s, e = it['target_span']
        if plan[s:e] != it['target']:
            bad(w, 'target_span does not round-trip')
        if it['target'] != it['target'].strip() or it['target'][-1:] in '。；，':
            bad(w, 'target has surrounding spaces or final punctuation')
        if it['tier'] not in ('headline', 'task'):
            bad(w, 'bad tier')
        if it['tier'] == 'headline' and not (hp[0] <= s and e <= hp[1]):
            bad(w, 'headline target outside the 主要预期目标 passage')
        if it['status'] not in STATUSES:
            bad(w, f'bad status {it["status"]}')
        ev_texts = []
        for sp in it['evidence_spans']:
            a, b = sp
            if not (0 <= a < b <= len(rev)):
                bad(w, f'evidence span {sp} out of range')
                continue
            if b > cut:
                bad(w, f'evidence span {sp} lies in the next-year targets')
            if (a > 0 and rev[a - 1] not in SENT_BOUND) or (b < len(rev) and rev[b] not in SENT_BOUND):
                bad(w, f'evidence span {sp} is not a whole sentence')
            ev_texts.append(rev[a:b])
        if it['status'] != 'no_evidence' and not ev_texts:
            bad(w, 'status needs evidence spans')
        if it['claimed'] is not None and it['claimed'] not in rev[:cut]:
            bad(w, 'claimed is not in the review part')
        for f in it['flags']:
            if f not in FLAG_SET:
                bad(w, f'unknown flag {f}')

        inds = it['indicators']
        ind_flags = set()
        for m, ind in enumerate(inds):
            wi = f'{w} ind {m + 1}'
            if any(key not in ind for key in IND_KEYS):
                bad(wi, 'missing indicator keys')
                continue
            if ind['target_text'] not in it['target']:
                bad(wi, 'target_text not in target')
            if ind['op'] not in OPS or ind['basis'] not in BASES or ind['status'] not in IND_STATUSES:
                bad(wi, 'bad op / basis / status')
            if (ind['op'] == 'range') != ('value_high' in ind):
                bad(wi, 'value_high only (and always) for range')
            af = set(ind['actual_flags'])
            ind_flags |= af
            at = ind['actual_text']
            if at is None:
                if ind['actual_value'] is not None or ind['status'] != 'no_evidence':
                    bad(wi, 'no actual_text: value must be null and status no_evidence')
                continue
            if at not in rev[:cut]:
                bad(wi, 'actual_text not in the review part')
            elif not any(at in t for t in ev_texts):
                bad(wi, 'actual_text not inside an evidence span')
            if 'basis_mismatch' in af:
                if ind['status'] not in ('no_evidence', 'in_progress'):
                    bad(wi, 'basis_mismatch must be no_evidence (or in_progress for a started-only count)')
                continue
            if 'claim_without_figure' in af:
                if ind['actual_value'] is not None:
                    bad(wi, 'claim_without_figure has no value')
                want = 'not_met' if MISS_WORDS.search(at) else 'no_evidence'
                if ind['status'] != want:
                    bad(wi, f'claim_without_figure: want {want}, got {ind["status"]}')
                if not it['claimed']:
                    bad(wi, 'claim_without_figure needs claimed')
                continue
            if ind['actual_value'] is None:
                bad(wi, 'actual_text without actual_value needs a flag')
                continue
            if 'ratio_only' in af:
                x = re.search(r'(\d+(?:\.\d+)?)%', at)
                if not x:
                    bad(wi, 'ratio_only without an X% in actual_text')
                    continue
                pct = float(x.group(1))
                if ind['basis'] == 'growth_rate':
                    want = 'met' if pct >= 100 else 'not_met'
                    if abs(ind['actual_value'] - pct) > 1e-9 or ind['actual_unit'] != '% of target':
                        bad(wi, 'ratio_only growth: actual_value is X with unit "% of target"')
                    if ind['status'] != want:
                        bad(wi, f'status {ind["status"]}, rules give {want}')
                    continue
                if abs(ind['actual_value'] - ind['value'] * pct / 100) > 1e-6 * max(1, abs(ind['value'])):
                    bad(wi, 'ratio_only amount: actual_value must be value × X%')
            want, err = expected_indicator(ind)
            if err:
                bad(wi, err)
            elif ind['status'] != want:
                bad(wi, f'status {ind["status"]}, rules give {want}')
        for f in ('estimate', 'basis_mismatch', 'claim_without_figure', 'ratio_only'):
            if f in ind_flags and f not in it['flags']:
                bad(w, f'item lacks flag {f} carried by an indicator')
        if 'estimate' in it['flags'] and 'estimate' not in ind_flags and not (it.get('check') or {}).get('estimate'):
            bad(w, 'estimate flag without an estimated figure')
        if inds:
            want = item_from_indicators([ind['status'] for ind in inds])
            if it['status'] != want:
                bad(w, f'item status {it["status"]}, indicators give {want}')
        elif it.get('check'):
            want = expected_check(it['check'])
            if want is None:
                bad(w, f'unknown check {it["check"]}')
            elif it['status'] != want:
                bad(w, f'item status {it["status"]}, check gives {want}')
        elif it['status'] in ('exceeded', 'met'):
            bad(w, 'qualitative item without check cannot be exceeded/met (use done)')
        if not it['reason']:
            bad(w, 'empty reason')
    return heads, task_items


def main():
    doc = json.loads(GOLD.read_text(encoding='utf-8'))
    if doc.get('held_out') is not True or not doc.get('note'):
        bad('file', 'held_out must be true and note set')
    pairs = doc.get('pairs', [])
    if len(pairs) != 6:
        bad('file', f'{len(pairs)} pairs (want 6)')
    table = {}
    for k, pair in enumerate(pairs):
        res = check_pair(k, pair)
        if not res:
            continue
        for tier, its in zip(('headline', 'task'), res, strict=True):
            for it in its:
                table.setdefault(tier, {}).setdefault(it['status'], 0)
                table[tier][it['status']] += 1
    for tier, c in table.items():
        print(tier, sum(c.values()), dict(sorted(c.items())))
    if problems:
        print(f'{len(problems)} problem(s):')
        for p in problems:
            print('  ' + p)
        sys.exit(1)
    print('ok')


if __name__ == '__main__':
    main()
