"""One problem found in the catalogue's sources: where, and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
