"""OFD (GB/T 33190, the Chinese fixed-layout format) → text.

``ofdkit`` (Apache-2.0, standard library only) opens the package and gives each page's positioned
text runs — it follows OFD.xml → Document.xml → pages, templates and composite objects, applies
CTM transforms and DeltaX, decodes GBK-declared XML and refuses DTDs; duban's own zip-bomb limits
apply before it (:mod:`duban.read.archive`). The layout is ours, tuned for 公文:

* runs drawn twice at the same spot (fake bold) count once; runs are grouped into lines by baseline
  (within half the font size) and ordered left to right; pages are read top to bottom, in order;
* within a line a small gap is a space between Latin words (never between Chinese characters), and
  a gap wider than 1.5 characters separates cells: a line of several cells is a table row,
  ``cell | cell |``;
* lines are joined into paragraphs: a line continues the one above when that one reaches the right
  margin, this one starts at the left margin (公文 paragraphs open with a two-character indent), the
  step between them is a normal line step, and it does not open with an outline marker
  (``一、``, ``（二）``, ``3.``). Paragraphs are not joined across pages.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from duban.errors import InputError
from duban.read.grid import join_lines

_SAME_LINE = 0.5  # baselines closer than this × font size: one line
_WORD_GAP = 0.25  # a gap wider than this × size between Latin runs: a space
_CELL_GAP = 1.5  # wider than this × size: a new cell
_LINE_STEP = 2.2  # a larger step (× size) between lines: a new paragraph
_OUTLINE = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十百\d]+[章节条部分])"
)
_FILE_TITLE = re.compile(r"\.(?:ofd|docx?|wps|pdf)$|^Microsoft Word", re.IGNORECASE)


@dataclass
class _Line:
    cells: list[str]
    x0: float
    x1: float
    y: float
    size: float

    @property
    def text(self) -> str:
        return self.cells[0] if len(self.cells) == 1 else "".join(f"{c} | " for c in self.cells).rstrip()


def _wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or "\U00020000" <= ch <= "\U0003134f"


def _lines(runs: list) -> list[_Line]:
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        key = (run.text, round(run.x * 4), round(run.y * 4))
        if key not in seen and run.text.strip():
            seen.add(key)
            unique.append(run)
    groups: list[list] = []
    for run in unique:
        if groups and abs(run.y - groups[-1][0].y) <= _SAME_LINE * max(min(run.size, groups[-1][0].size), 1.0):
            groups[-1].append(run)
        else:
            groups.append([run])
    out: list[_Line] = []
    for group in groups:
        group.sort(key=lambda r: r.x)
        size = max(min(r.size for r in group), 1.0)
        cells = [group[0].text.strip()]
        for prev, run in itertools.pairwise(group):
            gap = run.x - (prev.x + prev.width)
            text = run.text.strip()
            if gap > _CELL_GAP * size:
                cells.append(text)
                continue
            last = cells[-1]
            if gap > _WORD_GAP * size and last and text and not _wide(last[-1]) and not _wide(text[0]):
                cells[-1] = last + " " + text
            else:
                cells[-1] = join_lines([last, text])
        cells = [" ".join(c.split()).replace("|", "｜") for c in cells]
        out.append(_Line(cells, group[0].x, max(r.x + r.width for r in group), group[0].y, size))
    return out


def _paragraphs(lines: list[_Line]) -> list[str]:
    prose = [ln for ln in lines if len(ln.cells) == 1]
    if not prose:
        return [ln.text for ln in lines]
    starts = Counter(round(ln.x0) for ln in prose if len(ln.cells[0]) >= 8) or Counter(round(ln.x0) for ln in prose)
    left = min(starts)
    right = max(ln.x1 for ln in prose)
    out: list[str] = []
    prev: _Line | None = None
    for ln in lines:
        joins = (
            prev is not None
            and len(prev.cells) == 1
            and len(ln.cells) == 1
            and prev.x1 >= right - 1.0 * prev.size
            and ln.x0 <= left + 0.5 * ln.size
            and 0 < ln.y - prev.y <= _LINE_STEP * max(ln.size, prev.size)
            and abs(ln.size - prev.size) <= 0.1 * max(ln.size, prev.size)
            and not _OUTLINE.match(ln.cells[0])
        )
        if joins:
            out[-1] = join_lines([out[-1], ln.cells[0]])
        else:
            out.append(ln.text)
        prev = ln
    return out


def read_ofd(data: bytes, path: str | None) -> tuple[str, str | None]:
    """Return ``(text, title)`` of an .ofd file."""
    import ofdkit

    if not data.startswith(b"PK"):
        raise InputError("not a valid .ofd (not a zip archive)", path)
    lines: list[str] = []
    try:
        with ofdkit.open(data) as document:
            for page in document.pages:
                x, y, width, height = page.box
                runs = [r for r in page.runs if x - 2 <= r.x <= x + width + 2 and y - 2 <= r.y <= y + height + 2]
                lines.extend(_paragraphs(_lines(runs)))
            title = (document.info.title or "").strip()
    except ofdkit.OFDError as exc:
        problem = " ".join(str(exc).split())[:160]
        raise InputError(f"not a valid .ofd ({problem})", path) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a malformed package deep inside (ofdkit is young; nothing must escape)
        raise InputError(f"not a valid .ofd ({type(exc).__name__}: {' '.join(str(exc).split())[:160]})", path) from None
    hint = title if title and not _FILE_TITLE.search(title) else None
    return "\n".join(lines), hint
