"""`python -m interns` = the `interns` command."""

from interns.cli import main

main()
