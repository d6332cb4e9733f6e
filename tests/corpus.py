"""Paths of the bundled sample reports, for the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "duban" / "samples"
NATIONAL = SAMPLES / "national"
PLAN_2022 = SAMPLES / "000_7912c8cfdbfe249d.txt"
COMPLETION_2024 = SAMPLES / "001_4d200cc9c1cf9e8d.txt"
CIXI_2021 = SAMPLES / "002_c3731563950f55ea.txt"
FIVE_YEAR = SAMPLES / "003_9f1f7c57f7a65a70.txt"
PLAN_2024 = SAMPLES / "004_895883010a6915ba.txt"
