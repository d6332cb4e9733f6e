"""The pipeline over one document or a plan/completion pair: the library entry points that the
CLI, the web app and the ingest job call."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .extract import extract
from .read import read_document
from .records import Extraction

if TYPE_CHECKING:
    from .verdicts import Assessment


def extract_path(path: str | os.PathLike) -> Extraction:
    """read → segment → extract for one file."""
    return extract(read_document(path))


def assess_paths(completion: str | os.PathLike, plan: str | os.PathLike | None = None) -> Assessment:
    """read both documents → segment → extract → locate/link → assess."""
    from .assess import assess  # the linking stack is imported only when a pair is assessed

    plan_doc = read_document(plan) if plan is not None else None
    return assess(plan_doc, read_document(completion))
