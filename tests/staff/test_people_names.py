"""Staff read people by their names: a seller who signed up with her phone is "Lò Thị Hoa" in the decision
log, never the "sdt84…" account name the system gave her."""

import pytest
from django.urls import reverse

from marketplace.core.audit import audit_record
from tests.factories_producers import UserFactory

pytestmark = pytest.mark.django_db
SNIPPET = "wagtailsnippets_producers_producer"


@pytest.mark.parametrize(("fields", "shown"), [
    ({"first_name": "Lò Thị Hoa", "phone": "+84912000111"}, "Lò Thị Hoa"),
    ({"first_name": "", "phone": "+84912000111", "email": None}, "0912 000 111"),
    ({"first_name": "", "phone": None, "email": "hoa@example.vn"}, "hoa@example.vn"),
])
def test_a_person_is_named_by_her_name_then_her_phone_then_her_email(fields, shown):
    user = UserFactory(username="sdt84912000111", **fields)

    assert str(user) == user.display_name == shown


def test_the_staff_decision_log_names_the_seller(world, ha_noi_client):
    seller = world.ha_noi.owner
    seller.username, seller.first_name, seller.last_name = "sdt84912000111", "Lò Thị Hoa", ""
    seller.save()
    audit_record(subject=world.ha_noi.producer, action="verification_submitted", actor=seller,
                 from_state="draft", to_state="submitted")

    page = ha_noi_client.get(reverse(f"{SNIPPET}:inspect", args=[world.ha_noi.producer.pk])).content.decode()

    assert "Lò Thị Hoa" in page and "sdt84912000111" not in page
