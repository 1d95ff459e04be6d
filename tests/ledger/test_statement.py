"""/seller/so-du/: her balance over a date range and its CSV; bad dates answer in Vietnamese."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace.ledger.models import LedgerTransaction
from tests.ledger.conftest import cod_delivered, owner_of

pytestmark = pytest.mark.django_db


def client_of(producer):
    client = Client()
    client.force_login(owner_of(producer))
    return client


def test_the_statement_shows_opening_entries_closing_and_cod_pending(land):
    old = cod_delivered(land.lan, tracking="GHN-OLD")
    LedgerTransaction.objects.filter(order=old).update(occurred_at=timezone.now() - timedelta(days=40))
    new = cod_delivered(land.lan, tracking="GHN-NEW", quantity=3)
    cod_delivered(land.hoa)  # someone else's: never on her page
    today = timezone.localdate()

    page = client_of(land.lan).get(reverse("seller:statement"),
                                   {"date_from": (today - timedelta(days=5)).isoformat(), "date_to": today.isoformat()})

    assert page.status_code == 200
    statement = page.context["statement"]
    assert (statement.opening, statement.closing) == (old.total, old.total + new.total)
    assert [line.entry.transaction.order_id for line in statement.lines] == [new.pk]
    assert statement.cod_pending == old.total + new.total
    assert land.hoa.name not in page.content.decode()


def test_the_csv_has_the_same_lines(land):
    order = cod_delivered(land.lan)
    response = client_of(land.lan).get(reverse("seller:statement_csv"))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert order.number in text and str(order.total) in text
    assert text.splitlines()[0].startswith("Ngày,Loại")


@pytest.mark.parametrize("query", [
    {"date_from": "31/02/2026"}, {"date_from": "abc"}, {"date_to": "9" * 200}, {"date_from": "2026-05-02",
                                                                              "date_to": "2026-05-01"},
    {"date_from": "1900-01-01"}, {"date_from": "2020-01-01", "date_to": "2022-01-01"},
    {"date_to": "2999-01-01"}])
def test_bad_dates_answer_a_clear_message(land, query):
    for name in ("seller:statement", "seller:statement_csv"):
        response = client_of(land.lan).get(reverse(name), query)
        assert response.status_code == 400
        assert "statement" not in response.context
        assert any(word in response.content.decode() for word in ("Ngày", "ngày", "Từ ngày", "năm"))


def test_query_count_is_bounded(land, django_assert_max_num_queries):
    for n in range(8):
        cod_delivered(land.lan, tracking=f"GHN{n}")
    client = client_of(land.lan)
    with django_assert_max_num_queries(25):
        client.get(reverse("seller:statement"))
