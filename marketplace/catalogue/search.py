"""Accent-free product search.

Products keep `search_text`, an accent-free lower-case copy of name, producer, category and
description, and `name_search`, the same of the name alone, so "nuoc mam" finds "Nước mắm" and
"d" finds "đ" on every database. A word matches from the start of a word ("mam" finds "mắm",
"ong" does not find "không").
- SQLite: every word must appear in `search_text`.
- PostgreSQL: every word as a prefix in the stored tsvector (GIN index) or, for small typos,
  trigram word similarity on the name (GIN trigram index).
Ranking is the same on both (`name_relevance`): all words in the name first (the name starting
with the typed phrase, then containing it, then the words in any order), then some words in the
name, then matches by producer, category or description only. PostgreSQL adds ts_rank and name
similarity below one step of that ladder, so they only order products of the same tier.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from marketplace.core.text import normalise

MAX_TERMS = 8
MAX_TERM_CHARS = 40

# The ladder, from most to least relevant. A product with every word in its name outranks any
# with only some; among those, the phrase as typed outranks the words scattered.
ALL_WORDS_IN_NAME = 1000
NAME_STARTS_WITH_PHRASE = 300
NAME_CONTAINS_PHRASE = 200
WORD_IN_NAME = 100
PHRASE_ELSEWHERE = 50


def search_terms(raw: str) -> list[str]:
    return [term[:MAX_TERM_CHARS] for term in normalise(raw).split()][:MAX_TERMS]


def search_products(queryset: QuerySet, raw: str) -> QuerySet:
    terms = search_terms(raw)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, terms)
    return _search_portable(queryset, terms)


def _points(condition: Q, points: int) -> Case:
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())


def name_relevance(terms: list[str]) -> Case:
    """Points for where the words were found; the same on every database (plain LIKE on matched rows)."""
    # name_search and search_text start with a space: " term" matches the start of a word.
    phrase = " " + " ".join(terms)
    all_in_name = Q()
    score = Value(0, output_field=IntegerField())
    for term in terms:
        all_in_name &= Q(name_search__contains=" " + term)
        score = score + _points(Q(name_search__contains=" " + term), WORD_IN_NAME)
    score = (
        score
        + _points(all_in_name, ALL_WORDS_IN_NAME)
        + _points(Q(name_search__startswith=phrase), NAME_STARTS_WITH_PHRASE)
        + _points(Q(name_search__contains=phrase), NAME_CONTAINS_PHRASE)
    )
    if len(terms) > 1:
        # "nước mắm" in a pepper's description reads closer than "nước" and "mắm" far apart.
        score = score + _points(Q(search_text__contains=phrase), PHRASE_ELSEWHERE)
    return score


def _search_portable(queryset: QuerySet, terms: list[str]) -> QuerySet:
    matches = Q()
    for term in terms:
        matches &= Q(search_text__contains=" " + term)
    return queryset.filter(matches).annotate(relevance=Cast(name_relevance(terms), FloatField()))


# The stored tsvector column that migration 0006 adds on PostgreSQL (unknown to the model, so
# that SQLite needs no such column).
STORED_VECTOR = RawSQL('"catalogue_product"."search_vector"', [], output_field=SearchVectorField())


def _search_postgres(queryset: QuerySet, terms: list[str]) -> QuerySet:
    # Every word as a prefix ("mam:*"), all required; normalise() left only letters and digits,
    # so the raw tsquery cannot be malformed. Trigram similarity on the short name catches typos
    # ("nuoc mamm") without rechecking whole descriptions; such matches score no ladder points,
    # so they come after every exact match.
    query = SearchQuery(" & ".join(f"{term}:*" for term in terms), config="simple", search_type="raw")
    phrase = " ".join(terms)
    # ts_rank and word similarity each stay within 0..1: together they cannot climb a step of the ladder.
    fine = SearchRank(F("search_vector"), query) + TrigramWordSimilarity(phrase, "name_search")
    return (
        queryset.annotate(search_vector=STORED_VECTOR)
        .filter(Q(search_vector=query) | Q(name_search__trigram_word_similar=phrase))
        .annotate(relevance=Cast(name_relevance(terms), FloatField()) + fine)
    )
