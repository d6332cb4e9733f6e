"""Shared language helpers used by every stage: word lists (lexicon), numerals, the offset-preserving
shadow text (textnorm), the figure scanner (quantities) and small similarity measures (textsim)."""
