"""`python -m duban.cli …` runs the command line."""

from . import main

main()
