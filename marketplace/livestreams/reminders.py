"""Reminder emails to a session's subscribers: each message at most once per subscriber.

CONTRACT (filled in by the reminders work): `deliveries_queue(session=, kind=)` creates the
ReminderDelivery rows for the session's active subscriptions, due now, and sends them after commit.
"""


def deliveries_queue(*, session, kind) -> int:
    return 0
