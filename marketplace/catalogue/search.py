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

At scale (issue #14: 100,000 products, "tra" matching tens of thousands) ranking every match cost
seconds, growing with the number of matches. Decision: when a query matches more than
SEARCH_CANDIDATE_LIMIT products, only a bounded candidate set is ranked (`bounded_candidates`):
the newest N whose name starts with the typed phrase, the newest N with every word in the name,
and the newest N of all matches (producer, category, description, typos) to fill. Each part is an
index-ordered LIMIT (newest first, the ladder's own tie-break), so its cost follows N, not the
number of matches. The ladder then orders those candidates exactly as before; the buyer pages
through the best N. Products past the candidates are still reached by sorting by price or date
(plain index order with LIMIT) or by narrowing the query. Totals are counted only up to
SEARCH_COUNT_CAP (`capped_count`): the page says "hơn 10.000" beyond it.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Expression
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


class StoredVector(Expression):
    """The stored tsvector column that migration 0006 adds on PostgreSQL (unknown to the model, so
    that SQLite needs no such column). Unlike a RawSQL with the table name, it follows the table's
    alias when the queryset becomes a subquery (U0...), instead of pointing at the outer query's row.
    """

    output_field = SearchVectorField()

    def __init__(self, alias: str = "catalogue_product"):
        super().__init__()
        self.alias = alias

    def relabeled_clone(self, change_map):
        return StoredVector(change_map.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        return f'{compiler.quote_name_unless_alias(self.alias)}."search_vector"', []


STORED_VECTOR = StoredVector()


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


# Newest first: the ladder's own tie-break, and an index (product_listing_newest) to walk with LIMIT.
NEWEST_FIRST = ("-created_at", "-id")


def bounded_candidates(queryset: QuerySet, raw: str, limit: int | None = None) -> QuerySet:
    """`queryset` (already filtered and searched) cut to the few hundred products worth ranking.

    Name matches come first in the ladder, so they are picked first; the last part fills with any
    match so that a query found only in descriptions still gets its N newest.
    """
    terms = search_terms(raw)
    limit = limit or settings.SEARCH_CANDIDATE_LIMIT
    if not terms:
        return queryset
    newest = queryset.order_by(*NEWEST_FIRST).values("pk")
    all_in_name = Q()
    for term in terms:
        all_in_name &= Q(name_search__contains=" " + term)
    parts = (
        newest.filter(name_search__startswith=" " + " ".join(terms))[:limit],
        newest.filter(all_in_name)[:limit],
        newest[:limit],
    )
    if connection.features.supports_slicing_ordering_in_compound:  # PostgreSQL
        # One UNION driving a primary-key lookup; ORed subqueries would be checked on every match.
        return queryset.filter(pk__in=parts[0].union(*parts[1:]))
    either = Q()  # SQLite cannot LIMIT inside a UNION; it scans the (small) catalogue anyway
    for part in parts:
        either |= Q(pk__in=part)
    return queryset.filter(either)


def capped_count(queryset: QuerySet, cap: int | None = None) -> int:
    """The number of rows, counted no further than cap + 1 (cap + 1 means "more than cap")."""
    cap = cap or settings.SEARCH_COUNT_CAP
    return queryset.order_by().values("pk")[: cap + 1].count()
