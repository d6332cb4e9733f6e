"""The link stage: statements of a completion or progress document (completion), a restated target located
in the plan (locate), statements linked to targets that they do not restate (retrieval), and which plan
a report answers (pairing)."""
