"""Small pieces of HTML repeated on every row of a table (status badges, flags, indicators, the pager),
written as Python functions rather than Jinja macros: a ledger page calls them hundreds of times, and a
function call with ``markupsafe.escape`` costs a fraction of a macro call. Every value is escaped."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from ..records import FLAG_LABELS, STATUS_LABELS


def badge(code: str | None, small: bool = False) -> Markup:
    label = STATUS_LABELS.get(code, code or "") if code else ""
    return Markup(f'<span class="badge b-{escape(code or "")}{" small" if small else ""}">{escape(label)}</span>')


def status_cell(t: dict) -> Markup:
    """The current status; after a review also the machine's, which is never overwritten."""
    out = badge(t["status"])
    if t.get("review_status"):
        out += Markup('\n<span class="reviewed" title="人工复核结论；机器评估见右">已复核 · 机器：{}</span>').format(
            badge(t["machine_status"], True))
    return out


def flags(codes: list[str]) -> Markup:
    return Markup("".join(f'<span class="flag" title="{escape(f)}">{escape(FLAG_LABELS.get(f, f))}</span> '
                          for f in codes))


def indicators(items: list[str]) -> Markup:
    return Markup("".join(f'<span class="ind">{escape(i)}</span>' for i in items))


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The pages a pager shows: the first two, the last two and two either side of ``page``; None
    where pages are left out. O(1) in the number of pages."""
    keep = sorted({n for n in (1, 2, pages - 1, pages, *range(page - 2, page + 3)) if 1 <= n <= pages})
    out: list[int | None] = []
    for n in keep:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def pager(page: int, pages: int, link: Callable[[int], str]) -> Markup:
    if pages <= 1:
        return Markup("")
    parts = ['<nav class="pager" aria-label="分页">']
    if page > 1:
        parts.append(f'<a href="{escape(link(page - 1))}" rel="prev">上一页</a>')
    for n in page_numbers(page, pages):
        if n is None:
            parts.append("<span>…</span>")
        elif n == page:
            parts.append(f'<span class="cur">{n}</span>')
        else:
            parts.append(f'<a href="{escape(link(n))}">{n}</a>')
    if page < pages:
        parts.append(f'<a href="{escape(link(page + 1))}" rel="next">下一页</a>')
    parts.append("</nav>")
    return Markup("\n".join(parts))


GLOBALS = {"badge": badge, "status_cell": status_cell, "flags": flags, "indicators": indicators, "pager": pager}
