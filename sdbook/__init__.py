"""Shared code for *The Security Dilemma* textbook: data, models, charts and style.

Data flows one way: ``data/*.csv`` + ``data/datapackage.json`` → :mod:`sdbook.data`
→ :mod:`sdbook.charts` (styled by :mod:`sdbook.style`) → thin notebooks → site.
"""

from .data import DataValidationError, load
from .display import Chart

__all__ = ["Chart", "DataValidationError", "load"]
