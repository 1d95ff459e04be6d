"""Accent-free product search.

Products keep `search_text`, an accent-free lower-case copy of name, producer, category and
description, so "nuoc mam" finds "Nước mắm" and "d" finds "đ" on every database.
- SQLite: every word must appear in `search_text`; relevance favours words found in the name.
- PostgreSQL: full-text match (GIN index on to_tsvector('simple', search_text)) or, for small typos,
  trigram word similarity (GIN trigram index); ranked by ts_rank plus name similarity.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, Func, IntegerField, Q, QuerySet, Value, When
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
    matches = Q()
    for term in terms:
        matches &= Q(search_text__contains=term)
    phrase = " ".join(terms)
    in_name = sum(
        (Case(When(name_search__contains=term, then=Value(2)), default=Value(0), output_field=IntegerField())
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


class ToTsvector(Func):
    """to_tsvector('simple', search_text), spelt exactly as the functional index of migration 0003.

    Django's SearchVector wraps the column in COALESCE, which would miss that index.
    """

    function = "to_tsvector"
    template = "%(function)s('simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def _search_postgres(queryset: QuerySet, terms: list[str]) -> QuerySet:
    phrase = " ".join(terms)
    query = SearchQuery(phrase, config="simple", search_type="plain")
    return (
        queryset.annotate(search_vector=ToTsvector(F("search_text")))
        .filter(Q(search_vector=query) | Q(search_text__trigram_word_similar=phrase))
        .annotate(relevance=SearchRank(F("search_vector"), query) + TrigramWordSimilarity(phrase, "name_search"))
    )
