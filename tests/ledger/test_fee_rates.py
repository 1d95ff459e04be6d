"""Central staff set the service fee per unit; bad values change nothing; other officers cannot."""

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.ledger.models import FeeRate

pytestmark = pytest.mark.django_db


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_central_sets_a_province_rate(land):
    client = login(land.central_staff)
    assert client.get(reverse("ledger:fees")).status_code == 200
    unit = land.tree.hue
    response = client.post(reverse("ledger:fees"), {"unit": unit.pk, f"u{unit.pk}-basis_points": "250"})
    assert response.status_code == 302
    assert FeeRate.objects.get(unit=unit).basis_points == 250
    for page in ("ledger:index", "ledger:totals", "ledger:cod"):
        assert client.get(reverse(page)).status_code == 200


def test_an_empty_rate_falls_back_to_the_unit_above(land):
    unit = land.tree.hue
    FeeRate.objects.create(unit=unit, basis_points=100)
    response = login(land.central_staff).post(reverse("ledger:fees"), {"unit": unit.pk, f"u{unit.pk}-basis_points": ""})
    assert response.status_code == 302 and not FeeRate.objects.exists()


@pytest.mark.parametrize("value", ["-1", "3001", "abc", "1.5", "9" * 40])
def test_bad_rates_are_refused(land, value):
    unit = land.tree.hue
    response = login(land.central_staff).post(reverse("ledger:fees"), {"unit": unit.pk,
                                                                       f"u{unit.pk}-basis_points": value})
    assert response.status_code == 400
    assert not FeeRate.objects.exists()


@pytest.mark.parametrize("unit", ["abc", "99999999", ""])
def test_an_unknown_unit_is_a_404(land, unit):
    response = login(land.central_staff).post(reverse("ledger:fees"), {"unit": unit})
    assert response.status_code == 404


def test_a_ward_unit_is_not_offered_and_a_province_officer_is_refused(land):
    central = login(land.central_staff)
    assert central.post(reverse("ledger:fees"), {"unit": land.tree.hue_ward.pk}).status_code == 404
    refused = login(land.hue_staff).post(reverse("ledger:fees"), {"unit": land.tree.hue.pk,
                                                                  f"u{land.tree.hue.pk}-basis_points": "1"})
    assert refused.status_code == 302 and not FeeRate.objects.exists()
