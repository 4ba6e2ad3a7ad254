"""`python -m interns.local_model.serving` = `interns serve`."""

from interns.local_model.serving.command import main

main()
