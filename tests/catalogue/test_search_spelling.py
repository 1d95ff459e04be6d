"""“Có phải bạn muốn tìm …?” when a search with a small typo finds nothing.

SQLite finds nothing for "nuoc mamm" and suggests "nước mắm"; PostgreSQL's trigram search often
lists the products straight away, and then no suggestion is needed. Either way the buyer reaches them.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from marketplace.catalogue.selectors import name_vocabulary, product_list
from marketplace.catalogue.spelling import build_vocabulary, suggest
from marketplace.core import cache_version
from tests.factories import ProductFactory, category

NAMES = [
    "Nước mắm Phú Quốc",
    "Nước mắm Nam Ô",
    "Mật ong rừng U Minh",
    "Mật ong hoa nhãn",
    "Chè Shan tuyết Hà Giang",
    "Trà Shan tuyết cổ thụ",
    "Mắt kính",
    "Tiêu đen Phú Quốc",
    "Gạo nếp Mường Lò",
]
VOCABULARY = build_vocabulary(NAMES)


# --- the pure spelling part (no database) ------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nuoc mamm", "nước mắm"),
        ("mat ongg", "mật ong"),
        ("tra shann", "trà shan"),
        ("NƯỚC MẮMM", "nước mắm"),
        ("nuocmam", "nước mắm"),  # typed without the space
        ("matong", "mật ong"),  # two words run together, not "mường" two edits away
        ("nuco mam", "nước mắm"),  # two letters swapped
        ("tieu dne", "tiêu đen"),
    ],
)
def test_small_typos_get_the_closest_name_words(typed, expected):
    assert suggest(typed, VOCABULARY) == expected


def test_the_most_common_spelling_is_shown():
    # "mat" is "mật" in two names and "mắt" in one: three uses in all.
    assert VOCABULARY["mat"] == ("mật", 3)


@pytest.mark.parametrize(
    "typed",
    [
        "nuoc mam",  # nothing to correct
        "mat on",  # word starts are no typos: search already matches them
        "xyzzy qqq",  # nothing close
        "xq",  # too short to guess
        "",
        "   ",
        "!!! ??? ---",
        "🍯🐟",
        "<script>alert(1)</script>",
    ],
)
def test_no_suggestion_when_nothing_is_a_small_typo(typed):
    assert suggest(typed, VOCABULARY) == ""


def test_no_suggestion_from_an_empty_vocabulary():
    assert suggest("nuoc mamm", {}) == ""


def test_a_huge_query_is_cut_to_a_few_short_words():
    suggestion = suggest("mamm " * 5_000 + "x" * 10_000, VOCABULARY)

    assert suggestion == " ".join(["mắm"] * 8)


# --- in the catalogue -------------------------------------------------------------------------


def listing(query: str, **params):
    data = QueryDict(mutable=True)
    data.update({"q": query, **params})
    return product_list(params=data)


@pytest.fixture
def catalogue(db):
    for name in NAMES:
        ProductFactory(name=name)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["nuoc mamm", "mat ongg", "tra shann", "nuocmam"])
def test_a_typo_reaches_the_products_by_results_or_by_a_suggestion(catalogue, typed):
    found = listing(typed)
    if found.page.paginator.count:
        assert connection.vendor == "postgresql"  # its trigram search forgave the typo
        assert found.suggestion == ""
    else:
        assert found.suggestion
        assert listing(found.suggestion).page.paginator.count > 0


@pytest.mark.django_db
@pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="PostgreSQL lists these through trigram similarity"
)
def test_sqlite_suggests_the_fish_sauce_for_nuoc_mamm(catalogue):
    found = listing("nuoc mamm")

    assert found.page.paginator.count == 0
    assert found.suggestion == "nước mắm"


@pytest.mark.django_db
def test_no_suggestion_when_there_are_results(catalogue):
    found = listing("nuoc mam")

    assert found.page.paginator.count >= 2
    assert found.suggestion == ""


@pytest.mark.django_db
def test_no_suggestion_that_would_find_nothing_with_the_other_filters(catalogue):
    # The corrected words exist, but no fish sauce is a brocade.
    assert listing("nuocmam", category="tho-cam").suggestion == ""


@pytest.mark.django_db
def test_hidden_and_draft_products_lend_no_words(catalogue):
    ProductFactory(name="Bánh pía Sóc Trăng", status="draft")
    ProductFactory(name="Bánh tét lá cẩm", staff_hidden=True)

    assert "pia" not in name_vocabulary()
    assert "tet" not in name_vocabulary()
    assert "mam" in name_vocabulary()


@pytest.mark.django_db
def test_the_vocabulary_follows_the_catalogue_version(catalogue):
    assert "dua" not in name_vocabulary()

    ProductFactory(name="Kẹo dừa Bến Tre")  # saving a product bumps the version

    assert "dua" in name_vocabulary()


@pytest.mark.django_db
def test_the_page_links_to_the_suggested_search(client, catalogue):
    ProductFactory(name="Bánh phồng tôm")
    # Two letters swapped: too far for PostgreSQL's trigram match (0.55 < 0.6), one edit for spelling.
    typed, expected = "bnah phong", "bánh phồng"

    response = client.get("/products/", {"q": typed, "sort": "relevance"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Có phải bạn muốn tìm" in body
    href = body.split('class="did-you-mean"')[1].split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(href).query) == {"q": [expected], "sort": ["relevance"]}
    assert expected in client.get("/products/" + href).content.decode().lower()


@pytest.mark.django_db
def test_the_page_shows_no_suggestion_when_products_are_found(client, catalogue):
    body = client.get("/products/", {"q": "mat ong"}).content.decode()

    assert "Mật ong rừng U Minh" in body
    assert "Có phải bạn muốn tìm" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        "x" * 10_000,
        "mamm " * 2_000,
        "!!!???...",
        "🍯🐟🍯",
        "\x00nuoc",
        "' OR 1=1 --",
        "%_%",
        "nuoc\tmamm\n",
    ],
)
def test_bad_queries_are_answered_calmly(client, catalogue, typed):
    response = client.get("/products/", {"q": typed})

    assert response.status_code == 200


@pytest.mark.django_db
def test_a_typo_search_costs_a_fixed_number_of_queries(client):
    def queries_for_a_typo() -> int:
        client.get("/products/", {"q": "bnah phong"})  # warms the renditions, as a buyer before her would
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            response = client.get("/products/", {"q": "bnah phong"})
        assert response.status_code == 200
        assert "Có phải bạn muốn tìm" in response.content.decode()
        return len(context.captured_queries)

    for index in range(10):
        ProductFactory(name=f"Bánh phồng tôm {index}", category=category("gia-vi"))
    with_10 = queries_for_a_typo()
    for index in range(40):
        ProductFactory(name=f"Bánh phồng cua {index}", category=category("gia-vi"))
    with_50 = queries_for_a_typo()

    assert with_10 == with_50
    assert with_50 <= 30


@pytest.mark.django_db
def test_the_vocabulary_is_read_once_per_catalogue_version(catalogue, django_assert_num_queries):
    name_vocabulary()
    with django_assert_num_queries(0):
        name_vocabulary()
    cache_version.bump()
    with django_assert_num_queries(1):
        name_vocabulary()
