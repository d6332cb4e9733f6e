"""Where a span is in its document, as a reader finds it: 第N段 (the Nth non-blank line of the text, which is
how duban keeps paragraphs and table rows), 第P页第N段 when the text keeps page breaks (form feeds). Exports
give this instead of character offsets."""

from __future__ import annotations

from bisect import bisect_right


class Locator:
    """Paragraph (and page) numbers of offsets into one text."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []  # start of each non-blank line
        self.pages: list[int] = []  # offsets of the form feeds
        pos = 0
        for line in text.splitlines(keepends=True):
            if line.strip():
                self.starts.append(pos)
            if "\f" in line:
                self.pages.append(pos + line.index("\f"))
            pos += len(line)

    def paragraph(self, offset: int) -> int:
        return max(1, bisect_right(self.starts, offset))

    def where(self, offset: int | None) -> str:
        if offset is None:
            return ""
        para = self.paragraph(offset)
        if not self.pages:
            return f"第{para}段"
        page = bisect_right(self.pages, offset)  # form feeds before the offset
        before = bisect_right(self.starts, self.pages[page - 1]) if page else 0  # paragraphs of earlier pages
        return f"第{page + 1}页第{max(1, para - before)}段"

    def spans(self, spans: list) -> str:
        """Several spans: 第3段、第7段 (each paragraph once, in order)."""
        seen: list[str] = []
        for span in spans:
            if span:
                w = self.where(span[0])
                if w not in seen:
                    seen.append(w)
        return "、".join(seen)
