"""Sessions read through the cache and kept in the database: a change is one UPDATE, a new session is created
as Django does, and a session deleted meanwhile (signed out in another tab) is not brought back."""

import pytest
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.cart.session_store import read_lines
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sessions_as_deployed(settings):
    settings.SESSION_ENGINE = "marketplace.core.sessions"  # what settings.py picks when REDIS_URL is set


def session_writes(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"] or q["sql"] in (
        "BEGIN", "COMMIT") or q["sql"].startswith("SAVEPOINT")]


def test_a_new_session_is_created_and_a_change_is_one_update_kept_in_the_database():
    variant = ProductFactory(variants=[{"price": 50_000, "stock": 9}]).variants.get()
    client = Client()
    client.post("/cart/add/", {"variant": variant.pk, "quantity": 1})
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()

    with CaptureQueriesContext(connection) as queries:
        client.post("/cart/add/", {"variant": variant.pk, "quantity": 2})

    writes = session_writes(queries)
    assert len(writes) == 1 and writes[0].startswith("UPDATE")
    from_database = DatabaseStore(session_key=key)  # not through the cache
    assert read_lines(from_database)[variant.pk].quantity == 3


def test_a_session_deleted_meanwhile_is_not_brought_back():
    variant = ProductFactory(variants=[{"price": 50_000, "stock": 9}]).variants.get()
    client = Client(raise_request_exception=False)
    client.post("/cart/add/", {"variant": variant.pk, "quantity": 1})
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).delete()  # signed out in another tab; the cache still has it

    response = client.post("/cart/add/", {"variant": variant.pk, "quantity": 1})

    assert response.status_code == 400  # Django's SessionInterrupted, as with its own store
    assert not Session.objects.filter(session_key=key).exists()
