"""Accent-free product search.

Products keep `search_text`, an accent-free lower-case copy of name, producer, category and
description, so "nuoc mam" finds "Nước mắm" and "d" finds "đ" on every database.
- SQLite: every word must appear in `search_text`; relevance favours words found in the name.
- PostgreSQL: every word as a prefix in the stored tsvector (GIN index) or, for small typos,
  trigram word similarity on the name (GIN trigram index); ranked by ts_rank plus name similarity.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from marketplace.core.text import normalise

MAX_TERMS = 8
MAX_TERM_CHARS = 40


def search_terms(raw: str) -> list[str]:
    return [term[:MAX_TERM_CHARS] for term in normalise(raw).split()][:MAX_TERMS]


def search_products(queryset: QuerySet, raw: str) -> QuerySet:
    terms = search_terms(raw)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, terms)
    return _search_portable(queryset, terms)


def _search_portable(queryset: QuerySet, terms: list[str]) -> QuerySet:
    # search_text and name_search start with a space: " term" matches the start of a word.
    matches = Q()
    for term in terms:
        matches &= Q(search_text__contains=" " + term)
    phrase = " " + " ".join(terms)
    in_name = sum(
        (Case(When(name_search__contains=" " + term, then=Value(2)), default=Value(0), output_field=IntegerField())
         for term in terms),
        Value(0),
    )
    return queryset.filter(matches).annotate(
        relevance=Cast(
            in_name
            + Case(When(name_search__startswith=phrase, then=Value(4)), default=Value(0), output_field=IntegerField())
            + Case(When(name_search__contains=phrase, then=Value(3)), default=Value(0), output_field=IntegerField()),
            FloatField(),
        )
    )


# The stored tsvector column that migration 0006 adds on PostgreSQL (unknown to the model, so
# that SQLite needs no such column).
STORED_VECTOR = RawSQL('"catalogue_product"."search_vector"', [], output_field=SearchVectorField())


def _search_postgres(queryset: QuerySet, terms: list[str]) -> QuerySet:
    # Every word as a prefix ("mam:*"), all required; normalise() left only letters and digits,
    # so the raw tsquery cannot be malformed. Trigram similarity on the short name catches typos
    # ("nuoc mamm") without rechecking whole descriptions.
    query = SearchQuery(" & ".join(f"{term}:*" for term in terms), config="simple", search_type="raw")
    phrase = " ".join(terms)
    return (
        queryset.annotate(search_vector=STORED_VECTOR)
        .filter(Q(search_vector=query) | Q(name_search__trigram_word_similar=phrase))
        .annotate(relevance=SearchRank(F("search_vector"), query) + TrigramWordSimilarity(phrase, "name_search"))
    )
