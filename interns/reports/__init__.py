"""Run reports for people and CI systems: JUnit XML and a Markdown summary (the JSON report is agents/report.py)."""
