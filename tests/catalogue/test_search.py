import pytest
from django.db import connection  # noqa: F401 (used by skipif)

from marketplace.catalogue.search import search_products
from marketplace.catalogue.selectors import products_visible
from marketplace.core.text import normalise
from tests.factories import ProducerFactory, ProductFactory, category

pytestmark = pytest.mark.django_db


def names(queryset):
    return {p.name for p in queryset}


def test_normalise_strips_vietnamese_diacritics_and_folds_d():
    assert normalise("Nước mắm Phú Quốc ĐẶC BIỆT") == "nuoc mam phu quoc dac biet"


def test_search_without_diacritics_finds_the_accented_name():
    ProductFactory(name="Nước mắm Phú Quốc")
    ProductFactory(name="Mật ong rừng U Minh")

    found = search_products(products_visible(), "nuoc mam phu quoc")

    assert names(found) == {"Nước mắm Phú Quốc"}


def test_d_finds_đ_and_case_does_not_matter():
    ProductFactory(name="Đậu phộng rang Đà Nẵng")

    assert names(search_products(products_visible(), "DAU PHONG")) == {"Đậu phộng rang Đà Nẵng"}


def test_search_covers_producer_and_category_names():
    producer = ProducerFactory(name="Tổ hợp tác Dệt thổ cẩm Mường")
    ProductFactory(name="Khăn quàng", producer=producer, category=category("tho-cam"))

    assert names(search_products(products_visible(), "det tho cam")) == {"Khăn quàng"}
    assert names(search_products(products_visible(), "brocade")) == {"Khăn quàng"}


def test_name_matches_rank_above_description_matches():
    ProductFactory(name="Bánh tráng", description="<p>Ăn kèm mật ong rất ngon</p>")
    ProductFactory(name="Mật ong hoa cà phê")

    ranked = list(search_products(products_visible(), "mat ong").order_by("-relevance"))

    assert [p.name for p in ranked] == ["Mật ong hoa cà phê", "Bánh tráng"]


def test_html_and_punctuation_in_the_query_are_only_words():
    ProductFactory(name="Bánh đa cua")

    assert names(search_products(products_visible(), "<b>banh</b> đa!!")) == {"Bánh đa cua"}


def test_a_query_of_only_punctuation_filters_nothing():
    ProductFactory(name="Bánh đa cua")

    assert names(search_products(products_visible(), "%%% ''' --")) == {"Bánh đa cua"}


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="trigram typo tolerance is PostgreSQL's")
def test_postgres_tolerates_a_small_typo():
    ProductFactory(name="Nước mắm Phú Quốc")
    ProductFactory(name="Gốm Bát Tràng")

    assert names(search_products(products_visible(), "nuoc mam phu quoc")) == {"Nước mắm Phú Quốc"}
    assert names(search_products(products_visible(), "nuoc mamm phu quoc")) == {"Nước mắm Phú Quốc"}


def test_a_word_matches_from_its_start_not_inside_another_word():
    ProductFactory(name="Mật ong rừng")
    ProductFactory(name="Bánh không đường", description="<p>Trong vắt</p>")

    assert names(search_products(products_visible(), "ong")) == {"Mật ong rừng"}
