"""Scorers: precision / recall / F1 per field against hand-annotated gold files."""
