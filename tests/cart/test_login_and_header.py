import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.cart.models import CartSnapshot
from marketplace.cart.session_store import parse_lines
from tests.cart.conftest import ADD, REMOVE, UPDATE, cart_of, variant_of
from tests.factories_producers import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN, LOGOUT = "/accounts/login/", "/accounts/logout/"


def log_in(client, user):
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def saved_cart(user) -> dict[int, int]:
    return {pk: line.quantity for pk, line in parse_lines(CartSnapshot.objects.get(user=user).data).items()}


def test_a_guest_cart_survives_login_and_is_saved_for_the_account(client, fish_sauce):
    user = UserFactory()
    sauce = variant_of(fish_sauce)
    client.post(ADD, {"variant": sauce.pk, "quantity": "2"})

    log_in(client, user)

    assert cart_of(client) == {sauce.pk: 2}
    assert saved_cart(user) == {sauce.pk: 2}


def test_every_change_by_an_account_is_saved(client, fish_sauce, honey):
    user = UserFactory()
    log_in(client, user)
    sauce, honey_500 = variant_of(fish_sauce), variant_of(honey)

    client.post(ADD, {"variant": sauce.pk, "quantity": "2"})
    client.post(ADD, {"variant": honey_500.pk, "quantity": "1"})
    client.post(UPDATE, {"variant": sauce.pk, "quantity": "3"})
    client.post(REMOVE, {"variant": honey_500.pk})

    assert saved_cart(user) == {sauce.pk: 3}


def test_the_saved_cart_is_merged_into_a_guest_cart_at_the_next_login(client, fish_sauce, honey):
    user = UserFactory()
    sauce, honey_500 = variant_of(fish_sauce), variant_of(honey)  # 20 and 5 in stock
    log_in(client, user)
    client.post(ADD, {"variant": sauce.pk, "quantity": "2"})
    client.post(ADD, {"variant": honey_500.pk, "quantity": "4"})
    client.post(LOGOUT)
    assert cart_of(client) == {}

    other_device = Client()
    other_device.post(ADD, {"variant": sauce.pk, "quantity": "3"})
    other_device.post(ADD, {"variant": honey_500.pk, "quantity": "3"})
    log_in(other_device, user)

    assert cart_of(other_device) == {sauce.pk: 5, honey_500.pk: 5}  # summed; honey bounded by its stock
    assert saved_cart(user) == {sauce.pk: 5, honey_500.pk: 5}


def test_logging_in_again_in_the_same_session_does_not_double_the_cart(client, fish_sauce):
    user = UserFactory()
    sauce = variant_of(fish_sauce)
    client.post(ADD, {"variant": sauce.pk, "quantity": "2"})
    log_in(client, user)

    log_in(client, user)

    assert cart_of(client) == {sauce.pk: 2}


def queries_of(client, url: str) -> int:
    assert client.get(url).status_code == 200  # warms the caches (renditions, Wagtail site)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_header_count_adds_no_query(client, django_assert_num_queries, fish_sauce, honey, settings):
    settings.PAGE_CACHE_SECONDS = 0  # both pages rendered for her (kept pages: tests/core/test_page_cache_guests.py)
    url = fish_sauce.get_absolute_url()
    client.post(ADD, {"variant": variant_of(honey).pk, "quantity": "1"})
    client.post(REMOVE, {"variant": variant_of(honey).pk})  # the session exists, the cart is empty
    empty = queries_of(client, url)
    client.post(ADD, {"variant": variant_of(fish_sauce).pk, "quantity": "2"})
    client.post(ADD, {"variant": variant_of(honey).pk, "quantity": "1"})

    with django_assert_num_queries(empty):
        response = client.get(url)

    assert "data-cart-count>3<" in response.content.decode()
