"""DecisionAid: an offline decision aid for people losing their hair.

The package is split so that nothing in the domain core (answers, catalogue, rules, costs,
report) imports Qt: the command line, the desktop app and the PDF all share it.
"""

__version__ = "0.1.0"
APP_NAME = "DecisionAid"
