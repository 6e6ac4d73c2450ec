"""The treatment catalogue: reviewable sources in ``data/``, built into a read-only SQLite file."""

from decisionaid.catalogue.store import CatalogueError, open_catalogue

__all__ = ["CatalogueError", "open_catalogue"]
