"""Following targets across years and places (docs/places.md): what counts as the same jurisdiction
(``names``, ``gazetteer``), series of one indicator over the years with moves and streaks (``series``,
``model``), multi-year goals against their years (``goals``, ``paths``), carried-over and dropped targets
(``carryover``) and tidy tables with a source per value (``tables``). No SQL here: store/places*.py reads the
ledger into these records."""
