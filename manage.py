#!/usr/bin/env python
"""Django's command-line utility; `townhall` wraps the same commands."""

import sys

from townhall.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], prog="manage.py"))
