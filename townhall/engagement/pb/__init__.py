"""The participatory-budgeting engine: Pabulib files and voting rules.

Pure Python and numpy, no Django, so that anyone can rerun a published tally
(`townhall pb outcome FILE.pb --rule RULE`) and benchmark it on its own.
"""
