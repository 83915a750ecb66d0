"""Interactive explainer of the 2024 DPRK–Russia Treaty on Comprehensive Strategic Partnership.

The public surface is what a notebook needs: the loader and records, and the modules that render
(``views`` for clause comparison, ``pages`` and ``timeline`` for reader components, ``figures`` and ``kwic``
for officials' words, ``claims`` for the seed articles' claims, ``questions`` for questions with their
evidence). Everything else lives in submodules.
"""

from . import claims, figures, kwic, pages, questions, views
from .coverage import coverage
from .load import DataError, data_dir, load, load_treaty
from .records import Clause, Corpus, Event, Family, Link, Source, Statement, Treaty, Witness
from .timeline import timeline
from .words import word_counts

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
    "claims",
    "coverage",
    "data_dir",
    "figures",
    "kwic",
    "load",
    "load_treaty",
    "pages",
    "questions",
    "timeline",
    "views",
    "word_counts",
]
