"""`python -m duban …` runs the command line."""

from .cli import main

main()
