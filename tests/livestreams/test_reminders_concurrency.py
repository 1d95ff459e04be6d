"""Reminders under concurrency (PostgreSQL): beats and subscriptions racing each other.

Transactional tests live in files of their own: they flush the database, and pytest-xdist (--dist loadfile)
runs a file's tests together, so a mixed file would leave the worker's later tests without reference data.
"""

import pytest
from django.core import mail
from django.db import connection

from marketplace.livestreams import reminders
from marketplace.livestreams.models import ReminderDelivery
from tests.factories_live import subscription
from tests.livestreams.test_reminders import soon_session
from tests.orders.test_concurrency import run_together

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="concurrent transactions need PostgreSQL (SQLite serialises writers)")


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_eight_beats_at_once_send_each_reminder_once():
    session = soon_session()
    for number in range(3):
        subscription(session, email=f"nguoi{number}@example.vn")

    errors = run_together([reminders.live_tick for _ in range(8)])

    assert errors == []
    assert sorted(message.to[0] for message in mail.outbox) == [f"nguoi{n}@example.vn" for n in range(3)]
    assert ReminderDelivery.objects.filter(sent_at__isnull=False).count() == 3


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_the_same_address_subscribing_five_times_at_once_makes_one_row_and_one_email():
    from marketplace.livestreams.subscriptions import subscription_request

    session = soon_session()

    errors = run_together([lambda: subscription_request(session=session, email="lan@example.vn")
                           for _ in range(5)])

    assert errors == []
    assert session.subscriptions.count() == 1
    assert len(mail.outbox) == 1
