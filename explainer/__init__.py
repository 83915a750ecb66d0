"""Interactive explainer of the 2024 DPRK–Russia Treaty on Comprehensive Strategic Partnership.

The public surface is what a notebook needs; everything else lives in submodules.
"""

from .coverage import coverage
from .load import DataError, data_dir, load, load_treaty
from .records import Clause, Corpus, Event, Family, Link, Source, Statement, Treaty, Witness

__all__ = [
    "Clause",
    "Corpus",
    "DataError",
    "Event",
    "Family",
    "Link",
    "Source",
    "Statement",
    "Treaty",
    "Witness",
    "coverage",
    "data_dir",
    "load",
    "load_treaty",
]
