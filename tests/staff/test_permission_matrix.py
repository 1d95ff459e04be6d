"""Every staff URL, three people: the Hà Nội officer reaches Hà Nội only, the central officer both
provinces, a buyer nothing. Out-of-scope ids answer 403/404 and show nothing; actions change nothing."""

import pytest
from django.urls import reverse

from marketplace.catalogue.models import Product
from marketplace.core.models import AuditEvent
from producers.models import OcopCertificate, Producer, UnionUnit, VerificationRequest
from tests.staff.conftest import logged_in
from tests.staff.helpers import (
    HA_NOI_NAME,
    HUE_NAMES,
    is_refused,
    is_sent_to_login,
    producer_form_data,
    shows_no_hue,
    text_of,
)

pytestmark = pytest.mark.django_db

SNIPPET = "wagtailsnippets_producers_producer"
PRODUCT = "wagtailsnippets_catalogue_product"
PRODUCER_CHOOSER = "wagtailsnippetchoosers_producers_producer"
PRODUCT_CHOOSER = "wagtailsnippetchoosers_catalogue_product"

# (label, url name, which object's pk goes in the URL)
OBJECT_VIEWS = [
    ("producer inspect", f"{SNIPPET}:inspect", "producer"),
    ("producer edit", f"{SNIPPET}:edit", "producer"),
    ("producer history", f"{SNIPPET}:history", "producer"),
    ("producer usage", f"{SNIPPET}:usage", "producer"),
    ("producer chosen", f"{PRODUCER_CHOOSER}:chosen", "producer"),
    ("verification review", "verification_requests:inspect", "request"),
    ("document download", "producers_admin_document", "document"),
    ("certificate inspect", "ocop_certificates:inspect", "certificate"),
    ("certificate edit", "ocop_certificates:edit", "certificate"),
    ("certificate scan", "ocop_certificates:scan", "certificate"),
    ("product inspect", f"{PRODUCT}:inspect", "product"),
    ("product hide", f"{PRODUCT}:hide", "product"),
    ("product restore", f"{PRODUCT}:restore", "product"),
    ("product chosen", f"{PRODUCT_CHOOSER}:chosen", "product"),
]

# The seller's product text is edited by superusers only; nobody deletes producers or products here.
SUPERUSER_OR_NOBODY_VIEWS = [
    ("product edit", f"{PRODUCT}:edit", "product"),
    ("product history", f"{PRODUCT}:history", "product"),
    ("product usage", f"{PRODUCT}:usage", "product"),
    ("product delete", f"{PRODUCT}:delete", "product"),
    ("producer delete", f"{SNIPPET}:delete", "producer"),
]

LIST_VIEWS = [
    ("dashboard", "wagtailadmin_home", ""),
    ("producer list", f"{SNIPPET}:list", ""),
    ("producer results", f"{SNIPPET}:list_results", ""),
    ("producer search", f"{SNIPPET}:list", "?q=me+xung"),
    ("producer search by number", f"{SNIPPET}:list", "?q=3301234567"),
    ("producer filter", f"{SNIPPET}:list", "?verification_status=submitted&province_code=46&kind=htx"),
    ("verification queue", "verification_requests:index", ""),
    ("verification pending", "verification_requests:index", "?status=pending"),
    ("verification search", "verification_requests:index_results", "?q=thien+huong"),
    ("certificate list", "ocop_certificates:index", ""),
    ("certificate expiring", "ocop_certificates:index", "?expiring=true&stars=4"),
    ("certificate search", "ocop_certificates:index_results", "?q=TTH"),
    ("product list", f"{PRODUCT}:list", ""),
    ("product search", f"{PRODUCT}:list_results", "?q=me+xung"),
    ("product filter", f"{PRODUCT}:list", "?status=published&staff_hidden=false"),
    ("unit list", "union_units:index", ""),
    ("unit search", "union_units:index_results", "?q=an+cuu"),
    ("producer chooser", f"{PRODUCER_CHOOSER}:choose", ""),
    ("producer chooser search", f"{PRODUCER_CHOOSER}:choose_results", "?q=thien"),
    ("product chooser", f"{PRODUCT_CHOOSER}:choose", ""),
    ("product chooser search", f"{PRODUCT_CHOOSER}:choose_results", "?q=me+xung"),
    ("producer export csv", f"{SNIPPET}:list", "?export=csv"),
    ("producer export xlsx", f"{SNIPPET}:list", "?export=xlsx"),
    ("certificate add", "ocop_certificates:add", ""),
    ("branch add", "union_units:add", ""),
]


def object_url(name, side, attribute):
    return reverse(name, args=[getattr(side, attribute).pk])


def body_text(response) -> str:
    if response.get("Content-Type", "").startswith(("text/", "application/json")):
        return text_of(response) if not response.streaming else b"".join(response.streaming_content).decode()
    return ""


@pytest.mark.parametrize("label,name,attribute", OBJECT_VIEWS, ids=[v[0] for v in OBJECT_VIEWS])
def test_officer_opens_her_own_units_objects(world, ha_noi_client, label, name, attribute):
    response = ha_noi_client.get(object_url(name, world.ha_noi, attribute))

    assert response.status_code == 200


@pytest.mark.parametrize("label,name,attribute", OBJECT_VIEWS, ids=[v[0] for v in OBJECT_VIEWS])
def test_officer_gets_404_for_another_provinces_objects(world, ha_noi_client, label, name, attribute):
    response = ha_noi_client.get(object_url(name, world.hue, attribute))

    assert is_refused(response)
    assert shows_no_hue(response)


@pytest.mark.parametrize("label,name,attribute", OBJECT_VIEWS, ids=[v[0] for v in OBJECT_VIEWS])
def test_central_officer_opens_every_provinces_objects(world, central_client, label, name, attribute):
    assert central_client.get(object_url(name, world.hue, attribute)).status_code == 200
    assert central_client.get(object_url(name, world.ha_noi, attribute)).status_code == 200


@pytest.mark.parametrize("label,name,attribute", OBJECT_VIEWS, ids=[v[0] for v in OBJECT_VIEWS])
def test_buyer_and_stranger_are_sent_to_log_in(world, client, buyer_client, label, name, attribute):
    url = object_url(name, world.ha_noi, attribute)

    assert is_sent_to_login(client.get(url))
    assert is_sent_to_login(buyer_client.get(url))


@pytest.mark.parametrize("label,name,attribute", SUPERUSER_OR_NOBODY_VIEWS,
                         ids=[v[0] for v in SUPERUSER_OR_NOBODY_VIEWS])
def test_officers_cannot_edit_product_text_nor_delete(world, ha_noi_client, central_client, label, name, attribute):
    for side in (world.ha_noi, world.hue):
        assert is_refused(ha_noi_client.get(object_url(name, side, attribute)))
        assert is_refused(central_client.get(object_url(name, side, attribute)))


def test_superuser_keeps_the_full_product_editor(world):
    client = logged_in(world.superuser)

    assert client.get(reverse(f"{PRODUCT}:edit", args=[world.hue.product.pk])).status_code == 200


@pytest.mark.parametrize("label,name,query", LIST_VIEWS, ids=[v[0] for v in LIST_VIEWS])
def test_listings_searches_choosers_and_exports_never_show_another_province(
    world, ha_noi_client, label, name, query
):
    response = ha_noi_client.get(reverse(name) + query)

    assert response.status_code == 200
    text = body_text(response)  # spreadsheets are read cell by cell in test_exports.py
    assert all(hue_name not in text for hue_name in HUE_NAMES)


@pytest.mark.parametrize("label,name,query", LIST_VIEWS, ids=[v[0] for v in LIST_VIEWS])
def test_buyer_reaches_no_listing(world, client, buyer_client, label, name, query):
    assert is_sent_to_login(client.get(reverse(name) + query))
    assert is_sent_to_login(buyer_client.get(reverse(name) + query))


@pytest.mark.parametrize("name", [f"{SNIPPET}:list", "verification_requests:index", "ocop_certificates:index",
                                  f"{PRODUCT}:list", f"{PRODUCER_CHOOSER}:choose", f"{PRODUCT_CHOOSER}:choose"])
def test_central_officer_lists_both_provinces(world, central_client, name):
    text = text_of(central_client.get(reverse(name)))

    assert "Thiên Hương" in text and HA_NOI_NAME in text


def test_hue_officer_is_the_mirror_image(world):
    client = logged_in(world.hue_staff)

    text = text_of(client.get(reverse(f"{SNIPPET}:list")))

    assert "Thiên Hương" in text and "Rau sạch Ba Đình" not in text
    assert client.get(reverse(f"{SNIPPET}:inspect", args=[world.ha_noi.producer.pk])).status_code == 404


def test_chosen_multiple_returns_only_objects_in_scope(world, ha_noi_client):
    url = reverse(f"{PRODUCER_CHOOSER}:chosen_multiple")

    response = ha_noi_client.get(url, {"id": [world.ha_noi.producer.pk, world.hue.producer.pk, "abc"]})

    assert response.status_code == 200
    assert HA_NOI_NAME in text_of(response) and shows_no_hue(response)


def test_chosen_with_a_malformed_or_unknown_id_is_404(world, ha_noi_client):
    for pk in ("abc", "999999", "1e3"):
        assert ha_noi_client.get(reverse(f"{PRODUCER_CHOOSER}:chosen", args=[pk])).status_code == 404


def test_officer_without_a_unit_sees_nothing(world):
    from tests.factories_producers import UserFactory

    stray = UserFactory(username="khong-don-vi")
    stray.groups.add(world.ha_noi_staff.groups.get())
    client = logged_in(stray)

    assert "Ba Đình" not in text_of(client.get(reverse(f"{SNIPPET}:list")))
    assert client.get(reverse(f"{SNIPPET}:inspect", args=[world.ha_noi.producer.pk])).status_code == 404


# --- Actions on another province's objects change nothing ---------------------------------------


def test_deciding_another_provinces_request_is_404_and_changes_nothing(world, ha_noi_client):
    for decision in ("approved", "changes", "rejected"):
        response = ha_noi_client.post(reverse("verification_requests:inspect", args=[world.hue.request.pk]),
                                      {"decision": decision, "reason": "Thiếu giấy tờ"})
        assert response.status_code == 404 and shows_no_hue(response)

    world.hue.request.refresh_from_db()
    world.hue.producer.refresh_from_db()
    assert world.hue.request.status == VerificationRequest.Status.PENDING
    assert world.hue.producer.verification_status == Producer.Verification.SUBMITTED
    assert not AuditEvent.objects.filter(action__startswith="verification_").exists()


def test_confirming_another_provinces_certificate_is_404(world, ha_noi_client):
    for decision in ("confirm", "reject"):
        response = ha_noi_client.post(reverse("ocop_certificates:inspect", args=[world.hue.certificate.pk]),
                                      {"decision": decision, "reason": "Sai số"})
        assert response.status_code == 404

    assert OcopCertificate.objects.get(pk=world.hue.certificate.pk).status == OcopCertificate.Status.PENDING


def test_hiding_or_restoring_another_provinces_product_is_404(world, ha_noi_client):
    assert ha_noi_client.post(reverse(f"{PRODUCT}:hide", args=[world.hue.product.pk]),
                              {"reason": "Ảnh sai"}).status_code == 404
    assert not Product.objects.get(pk=world.hue.product.pk).staff_hidden

    Product.objects.filter(pk=world.hue.product.pk).update(staff_hidden=True, staff_hidden_reason="Cũ")
    assert ha_noi_client.post(reverse(f"{PRODUCT}:restore", args=[world.hue.product.pk]), {}).status_code == 404
    assert Product.objects.get(pk=world.hue.product.pk).staff_hidden


def test_editing_another_provinces_producer_is_404(world, ha_noi_client):
    producer = world.hue.producer
    data = producer_form_data(producer, name="Bị đổi tên", union_unit=world.tree.ha_noi_ward.pk)

    response = ha_noi_client.post(reverse(f"{SNIPPET}:edit", args=[producer.pk]), data)

    assert response.status_code == 404
    assert Producer.objects.get(pk=producer.pk).name == "HTX Mè xửng Thiên Hương"


def test_editing_another_provinces_certificate_is_404(world, ha_noi_client):
    certificate = world.hue.certificate
    response = ha_noi_client.post(reverse("ocop_certificates:edit", args=[certificate.pk]), {
        "producer": world.ha_noi.producer.pk, "stars": 5, "number": "X", "issuing_level": "province",
        "issued_on": "2025-01-01", "expires_on": "2028-01-01",
    })

    assert response.status_code == 404
    assert OcopCertificate.objects.get(pk=certificate.pk).stars == 4


def test_certificate_for_another_provinces_producer_is_refused(world, ha_noi_client):
    response = ha_noi_client.post(reverse("ocop_certificates:add"), {
        "producer": world.hue.producer.pk, "stars": 4, "number": "LEN-01", "issuing_level": "province",
        "issued_on": "2025-01-01", "expires_on": "2028-01-01",
    })

    assert response.status_code == 200  # the form again, with an error on the producer
    assert "producer" in response.context["form"].errors
    assert not OcopCertificate.objects.filter(number="LEN-01").exists()


def test_branch_under_another_provinces_ward_is_refused(world, ha_noi_client):
    response = ha_noi_client.post(reverse("union_units:add"), {"parent": world.tree.hue_ward.pk,
                                                                 "name": "Chi hội Lén"})

    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not UnionUnit.objects.filter(name="Chi hội Lén").exists()


def test_renaming_another_provinces_branch_is_404(world, ha_noi_client):
    branch = world.tree.hue_ward.add_child(name="Chi hội An Cựu 1", level=UnionUnit.Level.BRANCH, province_code=46)

    response = ha_noi_client.post(reverse("union_units:edit", args=[branch.pk]), {"name": "Đổi"})

    assert response.status_code == 404
    assert UnionUnit.objects.get(pk=branch.pk).name == "Chi hội An Cựu 1"


@pytest.mark.parametrize("unit", ["ha_noi", "ha_noi_ward", "central"])
def test_generated_units_are_not_editable(world, central_client, unit):
    pk = getattr(world.tree, unit).pk

    assert central_client.get(reverse("union_units:edit", args=[pk])).status_code == 404


def test_nobody_deletes_producers_or_products_from_the_admin(world, central_client):
    superuser_client = logged_in(world.superuser)
    for client in (central_client, superuser_client):
        for url in (reverse(f"{SNIPPET}:delete", args=[world.ha_noi.producer.pk]),
                    reverse(f"{PRODUCT}:delete", args=[world.ha_noi.product.pk])):
            assert is_refused(client.post(url))
    assert Producer.objects.filter(pk=world.ha_noi.producer.pk).exists()
    assert Product.objects.filter(pk=world.ha_noi.product.pk).exists()


def test_staff_manage_no_officer_accounts_but_superusers_do(world, ha_noi_client):
    assert is_refused(ha_noi_client.get(reverse("union_staff:index")))
    superuser_client = logged_in(world.superuser)
    assert "can-bo-hue@hoiphunu.vn" in superuser_client.get(reverse("union_staff:index")).content.decode()


def test_the_snippets_page_shows_no_unscoped_counts(world, ha_noi_client):
    response = ha_noi_client.get(reverse("wagtailsnippets:index"))

    assert response.status_code in (302, 403) or "Nhà sản xuất" not in response.content.decode()


def test_site_history_shows_no_other_provinces_objects(world, ha_noi_client):
    superuser_client = logged_in(world.superuser)
    producer = world.hue.producer
    superuser_client.post(reverse(f"{SNIPPET}:edit", args=[producer.pk]),
                          producer_form_data(producer, representative_name="Ngô Thị Bình"))
    assert Producer.objects.get(pk=producer.pk).representative_name == "Ngô Thị Bình"

    response = ha_noi_client.get(reverse("wagtailadmin_reports:site_history"))

    assert shows_no_hue(response)


@pytest.mark.parametrize("app_label,model_name,attribute", [("producers", "producer", "producer"),
                                                             ("catalogue", "product", "product")])
def test_bulk_delete_is_refused(world, central_client, app_label, model_name, attribute):
    target = getattr(world.hue, attribute)
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, "delete"]) + f"?id={target.pk}"

    response = central_client.post(url)

    assert response.status_code in (200, 302, 403, 404)
    assert type(target).objects.filter(pk=target.pk).exists()
