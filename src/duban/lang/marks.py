"""Punctuation that cuts a sentence into clauses: one home for the cuts the assess stage uses, each named for
what it keeps together. They differ on purpose — a colon opens a list (主要预期目标是：…), a full stop ends a
sentence that a table cell may hold several of, 、 joins the items of a list."""

from __future__ import annotations

import re

CLAUSE = re.compile(r"[，,；;]")  # the clauses of one sentence
CLAUSE_COLON = re.compile(r"[，,；;：:]")  # …, and what a colon introduces
CLAUSE_COLON_STOP = re.compile(r"[，,；;：:。]")  # …, across the sentences of a cell
CLAUSE_STOP = re.compile(r"[，,；;。]")  # the clauses of a review sentence or a table cell
CLAUSE_STOP_LINE = re.compile(r"[，,；;。\n]")  # …, a line break ending one too
CLAUSE_OR_ITEM = re.compile(r"[，,、；;]")  # the clauses and the list items of a target
COMMA = re.compile(r"[，,]")  # the clauses a semicolon leaves together
SEMICOLON_STOP = re.compile(r"[；;。]")  # the parts of a sentence that can each make a claim

__all__ = ["CLAUSE", "CLAUSE_COLON", "CLAUSE_COLON_STOP", "CLAUSE_OR_ITEM", "CLAUSE_STOP", "CLAUSE_STOP_LINE", "COMMA",
           "SEMICOLON_STOP"]
