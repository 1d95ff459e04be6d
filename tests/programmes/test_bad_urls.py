"""Huge or malformed ids and query parameters on every new URL: a clear 404 (or the page, the odd filter
ignored), never a server error."""

import pytest
from django.urls import reverse

from tests.programmes.conftest import logged_in, make_pair, make_training

pytestmark = pytest.mark.django_db
HUGE = 99999999999999999999


def test_huge_ids_are_404_for_staff(world, people):
    client = logged_in(world.ha_noi_staff)
    for path in (f"/admin/mentoring-pairs/{HUGE}/", f"/admin/mentoring-pairs/{HUGE}/edit/",
                 f"/admin/trainings/{HUGE}/", f"/admin/trainings/{HUGE}/sheet/", f"/admin/trainings/{HUGE}/door-code/",
                 f"/admin/support-records/{HUGE}/edit/"):
        assert client.get(path).status_code == 404, path
    training = make_training(world.tree.ha_noi)
    for path in (f"/admin/trainings/{HUGE}/register/", f"/admin/mentoring-pairs/{HUGE}/end/",
                 f"/admin/trainings/{training.pk}/registrations/{HUGE}/check-in/"):
        assert client.post(path, {"person": "0912345001", "status": "completed"}).status_code == 404, path


def test_huge_ids_are_404_for_sellers(world, people):
    client = logged_in(world.ha_noi.owner)
    for path in (f"/seller/mentoring/{HUGE}/", f"/seller/trainings/{HUGE}/", f"/seller/trainings/{HUGE}/check-in/x/",
                 f"/seller/certificates/training/{HUGE}/"):
        assert client.get(path).status_code == 404, path
    pair = make_pair(world, people)
    assert client.post(f"/seller/mentoring/{pair.pk}/goals/{HUGE}/", {"met": "1"}).status_code == 404
    assert client.get("/chung-nhan/" + "Z" * 300 + "/").status_code == 404


@pytest.mark.parametrize("query", ["?quiet=maybe", "?status=nope&focus=%00", "?q=" + "a" * 3000, "?p=abc",
                                   "?ordering=password", "?export=pdf"])
def test_odd_query_parameters_on_the_listings(world, people, query):
    make_pair(world, people)
    client = logged_in(world.ha_noi_staff)
    for name in ("mentoring_pairs", "trainings", "support_records"):
        response = client.get(reverse(f"{name}:index") + query)
        assert response.status_code in (200, 400), (name, query, response.status_code)


def test_a_sheet_in_an_unknown_format_is_the_printable_page(world):
    training = make_training(world.tree.ha_noi)
    response = logged_in(world.ha_noi_staff).get(reverse("trainings:sheet", args=[training.pk]) + "?format=exe")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
