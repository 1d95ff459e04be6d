"""The permission matrix over every seller URL.

- nobody signed in: sent to log in, with the page to come back to;
- signed in without a producer: sent to /seller/start/ (404 for a URL that names an object);
- the seller of another producer: 404 on every URL that names our objects, GET and POST alike,
  and her POSTs change nothing at all.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone
from wagtail.images import get_image_model

from marketplace.catalogue.models import Product, ProductImage, ProductVariant, StockAdjustment
from marketplace.conversations.models import Complaint, OrderMessage
from marketplace.core.models import AuditEvent
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatusChange
from marketplace.reviews.models import Review
from producers.models import (
    OcopCertificate,
    Producer,
    ProducerInvitation,
    ProducerMember,
    ProducerPhoto,
    UnionUnit,
    VerificationDocument,
    VerificationRequest,
)
from tests.factories_orders import order_for


@dataclass
class World:
    product: Product
    variant: ProductVariant
    image: ProductImage
    document: VerificationDocument
    producer_photo: ProducerPhoto
    invitation: ProducerInvitation
    helper_member: ProducerMember
    certificate: OcopCertificate
    order: Order
    rival_order: Order
    pair: object
    training: object
    registration: object


def union_work_of(shop, owner):
    """A pair whose mentee is the shop, and a training only the shop is invited to, which her owner attended."""
    from programmes.check_in_codes import door_code
    from programmes.models import Contest, MentoringPair, PairGoal, Training, TrainingRegistration
    from tests.factories_producers import UserFactory

    today, now = timezone.localdate(), timezone.now()
    pair = MentoringPair.objects.create(unit=UnionUnit.add_root(name="Trung ương", level=0), mentor=UserFactory(),
                                        mentee=shop, focus="sales", started_on=today,
                                        planned_end_on=today + timedelta(days=90))
    goal = PairGoal.objects.create(pair=pair, kind="custom", text="Ghi sổ")
    training = Training.objects.create(title="Lớp riêng", topic="ocop", unit=pair.unit, starts_at=now - timedelta(hours=1),
                                       ends_at=now + timedelta(hours=2), place="Hội trường", capacity=5, trainer="Hà",
                                       audience=Training.Audience.INVITED)
    training.invited.add(shop)
    training.save()
    registration = TrainingRegistration.objects.create(training=training, user=owner, producer=shop,
                                                       checked_in_at=now, certificate_code="ABCDEFGH23")
    training.contest = Contest.objects.create(
        title="IDOL", slug="idol", rules="Thể lệ", unit=pair.unit, registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=1), starts_at=now, ends_at=now + timedelta(days=9), weight_orders=100)
    return pair, goal, training, registration, door_code(training)


@pytest.fixture
def world(shop, rival, owner, helper, product, document, producer_photo, invitation, certificate):
    variant = product.variants.order_by("sort_order").first()
    pair, goal, training, registration, code = union_work_of(shop, owner)
    pair.goal, training.code = goal, code
    delivered = order_for(shop, variant=variant, status=Order.Status.DELIVERED)
    training.review = Review.objects.create(product=product, order=delivered, author_name="Mai", stars=5, text="Ngon")
    return World(
        pair=pair, training=training, registration=registration,
        order=order_for(shop, variant=variant, status=Order.Status.PACKED, payment_method="vietqr",
                        payment_status=Order.PaymentStatus.PAID),
        rival_order=order_for(rival),
        product=product, variant=product.variants.order_by("sort_order").first(), image=product.images.first(),
        document=document, producer_photo=producer_photo, invitation=invitation,
        helper_member=ProducerMember.objects.get(user=helper), certificate=certificate,
    )


# (url name, kwargs from the world, names one of the shop's objects)
URLS = [
    ("seller:dashboard", lambda w: {}, False),
    ("seller:profile", lambda w: {}, False),
    ("seller:profile_photo_add", lambda w: {}, False),
    ("seller:profile_photos_describe", lambda w: {}, False),
    ("seller:profile_photo_remove", lambda w: {"photo_id": w.producer_photo.pk}, True),
    ("seller:verification", lambda w: {}, False),
    ("seller:document_upload", lambda w: {}, False),
    ("seller:document_delete", lambda w: {"document_id": w.document.pk}, True),
    ("seller:verification_submit", lambda w: {}, False),
    ("seller:document_file", lambda w: {"document_id": w.document.pk}, True),
    ("seller:certificates", lambda w: {}, False),
    ("seller:certificate_declare", lambda w: {}, False),
    ("seller:certificate_withdraw", lambda w: {"certificate_id": w.certificate.pk}, True),
    ("seller:certificate_scan", lambda w: {"certificate_id": w.certificate.pk}, True),
    ("seller:products", lambda w: {}, False),
    ("seller:product_create", lambda w: {}, False),
    ("seller:product_edit", lambda w: {"product_id": w.product.pk}, True),
    ("seller:product_status", lambda w: {"product_id": w.product.pk}, True),
    ("seller:product_delete", lambda w: {"product_id": w.product.pk}, True),
    ("seller:product_preview", lambda w: {"product_id": w.product.pk}, True),
    ("seller:product_photos", lambda w: {"product_id": w.product.pk}, True),
    ("seller:product_photos_arrange", lambda w: {"product_id": w.product.pk}, True),
    ("seller:product_photo_remove", lambda w: {"product_id": w.product.pk, "photo_id": w.image.pk}, True),
    ("seller:product_stock", lambda w: {"product_id": w.product.pk}, True),
    ("seller:orders", lambda w: {}, False),
    ("seller:order_detail", lambda w: {"number": w.order.number}, True),
    ("seller:order_slip", lambda w: {"number": w.order.number}, True),
    ("seller:order_messages", lambda w: {"number": w.order.number}, True),
    *[("seller:order_action", lambda w, action=action: {"number": w.order.number, "action": action}, True)
      for action in ("paid", "pack", "ship", "deliver", "cancel", "refund")],
    ("seller:order_ghn", lambda w: {"number": w.order.number}, True),
    ("seller:order_ghn_label", lambda w: {"number": w.order.number}, True),
    ("seller:order_returned_clear", lambda w: {"number": w.order.number}, True),
    ("seller:team", lambda w: {}, False),
    ("seller:invitation_revoke", lambda w: {"invitation_id": w.invitation.pk}, True),
    ("seller:member_remove", lambda w: {"member_id": w.helper_member.pk}, True),
    ("seller:start", lambda w: {}, False),
    ("seller:invitation_accept", lambda w: {"token": w.invitation.token}, True),
    ("seller:union", lambda w: {}, False),
    ("seller:pair", lambda w: {"pair_id": w.pair.pk}, True),
    ("seller:goal_toggle", lambda w: {"pair_id": w.pair.pk, "goal_id": w.pair.goal.pk}, True),
    ("seller:training_detail", lambda w: {"training_id": w.training.pk}, True),
    ("seller:training_register", lambda w: {"training_id": w.training.pk}, True),
    ("seller:training_cancel", lambda w: {"training_id": w.training.pk}, True),
    ("seller:training_door", lambda w: {"training_id": w.training.pk, "code": w.training.code}, True),
    ("seller:training_certificate", lambda w: {"registration_id": w.registration.pk}, True),
    ("seller:contest_register", lambda w: {"contest_id": w.training.contest.pk}, True),
    ("seller:reviews", lambda w: {}, False),
    ("seller:bank_transfers", lambda w: {}, False),
    ("seller:statement", lambda w: {}, False),
    ("seller:statement_csv", lambda w: {}, False),
    ("seller:review_reply", lambda w: {"review_id": w.training.review.pk}, True),
    ("seller:notifications", lambda w: {}, False),
    ("seller:notifications_read_all", lambda w: {}, False),
    ("seller:notification_channels", lambda w: {}, False),
    ("seller:notification_open", lambda w: {"notification_id": _owner_notice(w).pk}, True),
]


def _owner_notice(w: World):
    """A notice of the shop's owner (made on first use: the world has none)."""
    from marketplace.notifications.models import Notification

    owner = ProducerMember.objects.get(producer=w.order.producer, role=ProducerMember.Role.OWNER).user
    notice, _created = Notification.objects.get_or_create(recipient=owner, key="permissions-matrix",
                                                         defaults={"kind": "test", "title": "Đơn mới"})
    return notice
OBJECT_URLS = [case for case in URLS if case[2]]
# Pages a signed-in person without a producer is meant to reach.
# "Cùng Hội" is open to any account: a mentor may be an officer or member without a producer of her own.
OPEN_TO_NEWCOMERS = {"seller:start", "seller:invitation_accept", "seller:union"}


def hostile_post_data(w: World) -> dict:
    """Everything a POST could use to change the shop's data, were the guard missing."""
    return {
        "status": "hidden", "variant": w.variant.pk, "quantity": "3", "reason": "thử", "direction": "remove",
        f"position-{w.image.pk}": "9", f"alt-{w.image.pk}": "đổi", f"alt-{w.producer_photo.pk}": "đổi",
        "name": "Đổi tên", "category": w.product.category_id, "unit": "hộp", "description": "x",
        "variants-TOTAL_FORMS": "1", "variants-INITIAL_FORMS": "1", "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "20", "variants-0-id": w.variant.pk, "variants-0-name": "Đổi",
        "variants-0-price": "1", "variants-0-weight_grams": "0", "variants-0-stock": "0",
        "carrier": "GHN", "tracking_number": "GHN123", "amount": "1000", "restock": "on",
    }


def snapshot() -> dict:
    from programmes.models import (
        ContestEntry,
        MentoringPair,
        MentoringSession,
        PairGoal,
        SupportRecord,
        TrainingRegistration,
    )

    models = [OrderMessage, Complaint, Review, ContestEntry, MentoringPair, MentoringSession, PairGoal, SupportRecord, TrainingRegistration,
              Producer, OcopCertificate, ProducerMember, ProducerInvitation, ProducerPhoto, VerificationDocument,
              VerificationRequest, Product, ProductVariant, ProductImage, StockAdjustment, AuditEvent,
              get_image_model(), Checkout, Order, OrderLine, OrderStatusChange]
    from marketplace.delivery.models import ReturnedParcelRecord, Shipment

    models += [Shipment, ReturnedParcelRecord]
    from marketplace.notifications.models import ChannelPreference

    models += [ChannelPreference]
    return {model.__name__: sorted(repr(sorted(row.items())) for row in model.objects.values()) for model in models}


def test_the_matrix_lists_every_seller_url():
    seller_names = {f"seller:{name}" for name in get_resolver().namespace_dict["seller"][1].reverse_dict
                    if isinstance(name, str)}
    assert seller_names == {name for name, _kwargs, _obj in URLS}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs", "names_object"), URLS, ids=[case[0] for case in URLS])
def test_anonymous_is_sent_to_log_in(client, world, name, kwargs, names_object, method):
    url = reverse(name, kwargs=kwargs(world))
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(url)}"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs", "names_object"), URLS, ids=[case[0] for case in URLS])
def test_signed_in_without_producer_is_sent_to_start(client, world, stranger, name, kwargs, names_object, method):
    client.force_login(stranger)
    before = snapshot()
    response = getattr(client, method)(reverse(name, kwargs=kwargs(world)))
    if name in OPEN_TO_NEWCOMERS:
        assert response.status_code == 200
        return
    if names_object:
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("seller:start")
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs", "names_object"), OBJECT_URLS, ids=[case[0] for case in OBJECT_URLS])
def test_seller_of_another_producer_gets_404_and_changes_nothing(
    client, world, rival_owner, name, kwargs, names_object, method
):
    client.force_login(rival_owner)
    before = snapshot()
    url = reverse(name, kwargs=kwargs(world))
    response = client.post(url, hostile_post_data(world)) if method == "post" else client.get(url)
    assert response.status_code == 404
    assert snapshot() == before


def test_variant_of_another_producer_in_the_stock_form_is_404(client, world, rival, rival_owner):
    from tests.seller.conftest import product_of

    rival_product = product_of(rival)
    client.force_login(rival_owner)
    before = snapshot()
    response = client.post(reverse("seller:product_stock", args=[rival_product.pk]),
                           {"variant": world.variant.pk, "quantity": "1", "reason": "thử", "direction": "remove"})
    assert response.status_code == 404
    assert snapshot() == before


def test_deleted_product_answers_404_to_its_own_seller(seller_client, world):
    Product.objects.filter(pk=world.product.pk).update(deleted_at="2025-01-01T00:00:00Z")
    for name in ("seller:product_edit", "seller:product_preview", "seller:product_stock", "seller:product_photos"):
        assert seller_client.get(reverse(name, args=[world.product.pk])).status_code == 404


def test_english_urls_are_guarded_too(client, world):
    response = client.get(f"/en/seller/products/{world.product.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/") or response["Location"].startswith("/en/accounts/login/")
