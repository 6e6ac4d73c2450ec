"""`python -m decisionaid` does what the `decisionaid` command does."""

from decisionaid.cli import main

raise SystemExit(main())
