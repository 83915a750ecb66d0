"""Interactive explainer of the 2024 DPRK–Russia Treaty on Comprehensive Strategic Partnership.

The public surface is what a notebook needs: the loader and records, and the modules that render
(``views`` for clause comparison, ``reader`` for a treaty as a document and a clause family's page, ``front``
for the front page's story, ``pages`` and ``timeline`` for reader components, ``figures`` and ``kwic``
for officials' words, ``claims`` for the seed articles' claims, ``questions`` for questions with their
evidence). Everything else lives in submodules.
"""

from . import claims, figures, front, kwic, pages, questions, reader, views
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
    "front",
    "kwic",
    "load",
    "load_treaty",
    "pages",
    "questions",
    "reader",
    "timeline",
    "views",
    "word_counts",
]
