"""The audit log of state changes, and the bank table VietQR reads."""

import pytest
from django.contrib.auth.models import AnonymousUser

from marketplace.core.audit import audit_history, audit_record
from marketplace.core.banks import NAPAS_BANKS, bank_choices, bank_short_name
from tests.factories import ProducerFactory
from tests.factories_producers import UserFactory


@pytest.mark.django_db
def test_audit_history_lists_the_events_of_one_subject_newest_first():
    producer, other = ProducerFactory(), ProducerFactory()
    officer = UserFactory()
    audit_record(subject=producer, action="verification_submitted", from_state="draft", to_state="submitted")
    audit_record(subject=other, action="verification_submitted")
    audit_record(subject=producer, action="verification_changes", actor=officer, from_state="submitted",
                 to_state="changes", reason="Ảnh căn cước bị mờ.")

    history = list(audit_history(producer))

    assert [event.action for event in history] == ["verification_changes", "verification_submitted"]
    assert (history[0].actor, history[0].reason, history[0].subject) == (officer, "Ảnh căn cước bị mờ.", producer)
    assert history[1].actor is None


@pytest.mark.django_db
def test_an_anonymous_actor_is_recorded_as_nobody():
    event = audit_record(subject=ProducerFactory(), action="ocop_expired", actor=AnonymousUser())

    assert event.actor is None


def test_bank_bins_are_six_digits_and_unique():
    bins = [bin_ for bin_, _short, _full in NAPAS_BANKS]

    assert all(len(bin_) == 6 and bin_.isdigit() for bin_ in bins)
    assert len(set(bins)) == len(bins)
    assert bank_choices()[0] == ("970436", "Vietcombank — Ngân hàng TMCP Ngoại thương Việt Nam")


def test_bank_short_name():
    assert bank_short_name("970405") == "Agribank"
    assert bank_short_name("000000") == ""
    assert bank_short_name("") == ""
