"""Document text with highlighted spans, built safely: every slice of the text is escaped with
``markupsafe.escape`` and joined with literal tags, so report text can never inject markup. Spans may
nest or overlap; tags are closed and reopened as needed so that the result is always well nested."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

TAGS = ("mark", "a", "u", "span", "strong")
BLANKS = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*){2,}")
_SPECIAL = re.compile(r"[&<>'\"]")  # the characters markupsafe escapes


def escape_text(value: str) -> str:
    """``str(markupsafe.escape(value))`` of a string, with a shortcut for the usual text with nothing to escape."""
    return value if not _SPECIAL.search(value) else _escape(value)


def _escape(value: object) -> str:
    """``str(markupsafe.escape(value))`` for a plain value, without building a Markup object for each of
    the thousands of pieces of a long report (the same five replacements markupsafe makes)."""
    if hasattr(value, "__html__"):
        return str(escape(value))
    return (str(value).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


@dataclass
class Span:
    start: int
    end: int
    tag: str = "mark"
    attrs: dict[str, str] = field(default_factory=dict)
    opened: bool = False

    def open(self, inside_link: bool) -> str:
        tag = "span" if self.tag == "a" and inside_link else self.tag  # <a> may not nest
        assert tag in TAGS
        # a span split by an overlapping one is opened again: without its id (ids are unique)
        out = "<" + tag
        for k, v in self.attrs.items():
            if v is None or (k == "href" and tag != "a") or (k == "id" and self.opened):
                continue
            out += f' {k}="{escape_text(v) if type(v) is str else _escape(v)}"'
        self.opened = True
        return out + ">"

    def close(self, inside_link: bool) -> str:
        return f"</{'span' if self.tag == 'a' and inside_link else self.tag}>"


def render(text: str, spans: list[Span], squeeze: bool = False) -> Markup:
    """``text`` as HTML with ``spans`` (offsets into ``text``) wrapped in their tags; ``squeeze``
    shows runs of blank lines as one blank line (for pre-wrapped full texts)."""
    n = len(text)
    spans = [Span(max(0, s.start), min(n, s.end), s.tag, s.attrs) for s in spans]
    spans = sorted((s for s in spans if s.start < s.end), key=lambda s: (s.start, -s.end))
    points = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    # a report seldom holds a character to escape: then its pieces are copied as they are (a document page
    # cuts its text into ≈ 2,000 pieces)
    escape_piece = _escape if _SPECIAL.search(text) else str
    out: list[str] = []
    stack: list[tuple[Span, bool]] = []  # (span, opened inside a link)
    links = 0  # links open on the stack, not themselves opened inside a link
    k, n_spans = 0, len(spans)
    for i, p in enumerate(points):
        # close every span ending here, reopening the ones above it that go on
        if stack:
            lowest = -1
            for j, (s, _) in enumerate(stack):
                if s.end <= p:
                    lowest = j
                    break
            if lowest >= 0:
                reopen = [s for s, _ in stack[lowest:] if s.end > p]
                for s, in_link in reversed(stack[lowest:]):
                    out.append(s.close(in_link))
                    if s.tag == "a" and not in_link:
                        links -= 1
                del stack[lowest:]
                for s in reopen:
                    links += _push(out, stack, s, links > 0)
        while k < n_spans and spans[k].start == p:
            links += _push(out, stack, spans[k], links > 0)
            k += 1
        if i + 1 < len(points):
            piece = escape_piece(text[p:points[i + 1]])
            out.append(BLANKS.sub("\n\n", piece) if squeeze and "\n" in piece else piece)
    for s, in_link in reversed(stack):
        out.append(s.close(in_link))
    return Markup("".join(out))


def _push(out: list[str], stack: list[tuple[Span, bool]], span: Span, in_link: bool) -> int:
    """Opens ``span`` on top of ``stack``; 1 if it is a link that counts for the spans above it."""
    out.append(span.open(in_link))
    stack.append((span, in_link))
    return 1 if span.tag == "a" and not in_link else 0


def passage(p: dict, classes: dict[str, str] | None = None) -> Markup:
    """A store passage (``{"text", "marks": [{"start", "end", "kind"}]}``) with ``<mark class="m-KIND">``."""
    classes = classes or {}
    return render(p["text"], [Span(m["start"], m["end"], "mark", {"class": classes.get(m["kind"], f"m-{m['kind']}")})
                              for m in p.get("marks", [])])
