"""The pipeline over one document or a plan/completion pair: the library entry points that the
CLI, the web app and the ingest job call."""

from __future__ import annotations

import os

from .extract import extract
from .read import read_document
from .records import Extraction


def extract_path(path: str | os.PathLike) -> Extraction:
    """read → segment → extract for one file."""
    return extract(read_document(path))
