"""`manage.py seed_demo`: a believable, idempotent demo site, and `--products N` for benchmarks.

The demo is seeded once for the module inside a transaction that is rolled back at the end; each
test runs in a savepoint of it, so a test that seeds more leaves nothing behind for the next one.
Pictures go to a media folder of the module, verification papers to a private folder beside it.
"""

import hashlib
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Min, Sum
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.html import escape
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import HomePage, ShowcasePage, SiteNavigation
from marketplace.catalogue.models import Category, Product, ProductImage, ProductVariant
from marketplace.catalogue.ocop_groups import OCOP_GROUPS
from marketplace.catalogue.selectors import products_visible
from marketplace.core.audit import audit_history
from marketplace.core.geography import province_names
from marketplace.core.models import AuditEvent
from marketplace.core.uploads import sniff_document
from marketplace.demo.data_applicants import APPLICANTS
from marketplace.demo.data_producers import PRODUCERS
from marketplace.demo.picture_specs import PRODUCT_SIZE
from marketplace.demo.plan import GROUP_OF_LEAF, TEMPLATES, TEMPLATES_BY_TRADE, build_plan
from producers import selectors
from producers.models import (
    OcopCertificate,
    Producer,
    ProducerInvitation,
    ProducerMember,
    UnionStaff,
    UnionUnit,
    VerificationDocument,
    VerificationRequest,
)
from producers.staff_group import UNION_STAFF_GROUP
from tests.demo.test_demo_trades import COASTAL_PROVINCES, SEASIDE_PRODUCERS
from tests.factories_producers import use_private_storage

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HA_NOI, AN_GIANG = 1, 91


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seed_media(tmp_path_factory):
    return tmp_path_factory.mktemp("seed-demo-media")


@pytest.fixture(scope="module")
def seed_private(tmp_path_factory):
    return tmp_path_factory.mktemp("seed-demo-private")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, seed_media, seed_private, monkeypatch):
    """Overrides the suite's per-test media folder: the seeded files live in the module's folders."""
    settings.MEDIA_ROOT = seed_media
    use_private_storage(settings, monkeypatch, seed_private)


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker, seed_media, seed_private):
    private = django_settings.STORAGES["private"]
    storages_here = {**django_settings.STORAGES, "private": {
        **private, "OPTIONS": {**private.get("OPTIONS", {}), "location": seed_private}}}
    with django_db_blocker.unblock(), override_settings(
        MEDIA_ROOT=seed_media, PASSWORD_HASHERS=FAST_HASHER, STORAGES=storages_here
    ), pytest.MonkeyPatch.context() as patch:
        # A FileField resolved its storage when the model was built: give it the module's folder too.
        for field in (VerificationDocument._meta.get_field("file"), OcopCertificate._meta.get_field("scan")):
            patch.setattr(field, "storage", storages["private"])
        with transaction.atomic():
            yield seed()
            transaction.set_rollback(True)


def shared_password(output: str) -> str:
    return re.search(r"mật khẩu chung: (\S+)", output).group(1)


def counts() -> dict[str, int]:
    return {
        "producers": Producer.objects.count(),
        "products": Product.objects.count(),
        "variants": ProductVariant.objects.count(),
        "product_images": ProductImage.objects.count(),
        "images": get_image_model().objects.count(),
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "certificates": OcopCertificate.objects.count(),
        "union_staff": UnionStaff.objects.count(),
        "members": ProducerMember.objects.count(),
        "invitations": ProducerInvitation.objects.count(),
        "requests": VerificationRequest.objects.count(),
        "documents": VerificationDocument.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "staff_hidden": Product.objects.filter(staff_hidden=True).count(),
    }


def test_the_plan_is_the_same_for_the_same_seed_and_every_trade_has_templates():
    first, second = build_plan(7), build_plan(7)
    assert [(p.slug, p.variants) for p in first.products] == [(p.slug, p.variants) for p in second.products]
    assert set(TEMPLATES) == set(GROUP_OF_LEAF)


@pytest.mark.django_db
def test_the_default_run_makes_a_believable_catalogue(first_run):
    producers = Producer.objects.all()
    assert producers.count() >= 40
    provinces = set(producers.values_list("province_code", flat=True))
    assert len(provinces) >= 12 and provinces <= set(province_names())
    assert set(producers.values_list("kind", flat=True)) == set(Producer.Kind.values)
    verified = producers.filter(verification_status=Producer.Verification.VERIFIED).count()
    assert producers.count() * 0.8 <= verified < producers.count()
    assert not producers.filter(ward_code__isnull=True).exists()

    products = Product.objects.all()
    assert products.count() >= 300
    leaves = {category.slug for category in Category.objects.all() if category.is_leaf()}
    assert set(products.values_list("category__slug", flat=True)) == leaves
    assert sum("đ" in name.lower() for name in products.values_list("name", flat=True)) >= 60
    assert products.filter(status=Product.Status.PUBLISHED).count() >= products.count() * 0.9
    assert products.exclude(status=Product.Status.PUBLISHED).exists()
    assert not products.exclude(origin_province_code=F("producer__province_code")).exists()
    assert {stars for stars in products.values_list("ocop_stars", flat=True) if stars} == {3, 4, 5}
    assert not products.filter(ocop_stars__isnull=False, ocop_certificates__isnull=True).exists()

    per_product = products.annotate(n=Count("variants", distinct=True), pictures=Count("images", distinct=True))
    assert {row.n for row in per_product} <= {1, 2, 3} and {row.pictures for row in per_product} <= {1, 2}
    variants = ProductVariant.objects.all()
    assert variants.filter(stock=0).exists() and variants.filter(stock__range=(1, 5)).exists()
    assert variants.filter(compare_at_price__gt=0).exists()

    pictures = ProductImage.objects.all()
    assert pictures.values("image").distinct().count() >= 25 and not pictures.filter(alt_text="").exists()
    assert not producers.filter(logo__isnull=True).exists()


@pytest.mark.django_db
def test_the_famous_products_come_from_their_real_provinces(first_run):
    wanted = {
        "Nước mắm Phú Quốc": {91}, "Mật ong rừng U Minh": {96}, "Chè Shan tuyết": {8, 15},
        "Khăn thổ cẩm": {12, 14}, "Gốm Bát Tràng": {1}, "Lụa Vạn Phúc": {1}, "Cà phê Buôn Ma Thuột": {66},
    }
    for name, provinces in wanted.items():
        found = set(products_visible().filter(name__contains=name).values_list("origin_province_code", flat=True))
        assert found & provinces, name
    fish_sauce = Product.objects.get(name="Nước mắm Phú Quốc")
    assert fish_sauce.variants.filter(name="Chai 500 ml", price=85_000).exists()


@pytest.mark.django_db
def test_every_product_is_of_a_category_her_trades_cover_and_fish_sauce_comes_from_the_sea(first_run):
    trades = {spec.slug: spec.trades for spec in PRODUCERS + APPLICANTS}
    products = Product.objects.select_related("producer", "category")
    for product in products:
        leaves = {leaf for trade in trades[product.producer.slug] for leaf, _template in TEMPLATES_BY_TRADE[trade]}
        assert product.category.slug in leaves, (product.producer.slug, product.name)
    seafood = products.filter(name__regex=r"^(Nước mắm|Mắm tôm|Mắm ruốc|Mực|Tôm khô|Chả cá|Chả mực|Cá cơm)")
    assert seafood.count() >= 15
    for product in seafood:
        assert product.producer.slug in SEASIDE_PRODUCERS, product.name
        assert product.origin_province_code in COASTAL_PROVINCES, product.name
    pepper = products.get(name="Tiêu đen Chư Sê")
    assert not pepper.producer.products.filter(name__icontains="mắm").exists()


@pytest.mark.django_db
def test_every_product_picture_is_its_own_a_light_jpeg_of_the_right_size_and_unlike_any_other(first_run):
    rows = ProductImage.objects.select_related("image", "product")
    assert not rows.values("image").annotate(n=Count("product", distinct=True)).filter(n__gt=1).exists()
    pixels = set()
    for row in rows:
        image = row.image
        assert (image.width, image.height) == PRODUCT_SIZE and 2_000 < image.file_size < 60_000, image.title
        with image.open_file() as handle, Image.open(handle) as picture:
            assert picture.format == "JPEG" and picture.size == PRODUCT_SIZE
            pixels.add(hashlib.sha256(picture.tobytes()).hexdigest())
        assert row.product.name in image.title and row.alt_text.startswith(row.product.name)
    assert len(pixels) == rows.count() >= Product.objects.count()
    assert get_image_model().objects.filter(title__in=[row.image.title for row in rows]).count() == rows.count()


@pytest.mark.django_db
def test_prices_and_stock_summaries_match_the_variants(first_run):
    for product in Product.objects.annotate(low=Min("variants__price"), total=Sum("variants__stock")):
        assert (product.price, product.stock_total) == (product.low, product.total)


@pytest.mark.django_db
def test_running_again_changes_nothing_and_tells_how_to_reset_the_password(first_run):
    assert "admin" in first_run and "changepassword" not in first_run
    before = counts()

    output = seed()

    assert counts() == before
    assert "python manage.py changepassword admin" in output
    assert "sản phẩm mới: 0" in output and "Hồ sơ xác minh mới: 0" in output
    assert "tài khoản demo (cán bộ Hội, người bán) đã có" in output and "mật khẩu chung:" not in output


@pytest.mark.django_db
def test_the_admin_password_can_come_from_the_environment(first_run, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo-2025")

    seed()

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("mat-khau-demo-2025")


@pytest.mark.django_db
def test_the_home_page_is_the_site_root_and_shows_products(client, first_run):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage) and site.root_page.title == "Chợ Phụ nữ"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    home = site.root_page.specific
    assert home.hero_image and home.hero_cta_url == "/products/"
    assert [item.category.slug for item in home.featured_categories.all()] == [group[0] for group in OCOP_GROUPS]
    assert home.featured_showcases.count() == 2

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    newest = products_visible().order_by("-created_at", "-id").first()
    assert escape(newest.name) in html
    assert 'href="/products/"' in html and "Showcase" in html


@pytest.mark.django_db
def test_both_showcases_render_every_block(client, first_run):
    showcases = ShowcasePage.objects.live()
    assert showcases.count() == 2
    for showcase in showcases:
        response = client.get(showcase.url)
        assert response.status_code == 200
        html = response.content.decode()
        for block in ("rich_text", "image", "producer_spotlight", "product_grid", "video", "quote"):
            assert f"block-{block}" in html, (showcase.slug, block)
    assert client.get("/showcase/").status_code == 200


@pytest.mark.django_db
def test_standard_pages_and_navigation(client, first_run):
    for path in ("/gioi-thieu/", "/chinh-sach-doi-tra/"):
        assert client.get(path).status_code == 200
    labels = [link.value["label"] for link in SiteNavigation.load().menu_links]
    assert labels == ["Sản phẩm", "Showcase", "Giới thiệu"]


@pytest.mark.django_db
def test_products_option_tops_the_catalogue_up_to_exactly_n(first_run):
    output = seed("--products", "400")

    assert Product.objects.count() == 400
    assert "400 sản phẩm" in output
    generated = Product.objects.filter(slug__contains="-sp")
    assert generated.exists()
    assert not generated.filter(variants__isnull=True).exists() and not generated.filter(images__isnull=True).exists()
    sample = generated.annotate(low=Min("variants__price")).first()
    assert sample.price == sample.low and sample.search_text and sample.name_search
    assert generated.aggregate(oldest=Min("created_at"))["oldest"] < timezone.now() - timedelta(days=60)

    seed("--products", "400")
    assert Product.objects.count() == 400


# --- The union's side: officers, sellers, verification, OCOP and moderation --------------------------


@pytest.mark.django_db
def test_union_staff_accounts_are_attached_to_their_units(first_run):
    staff = {s.user.username: s for s in UnionStaff.objects.select_related("user", "unit")}
    assert staff["canbo.trunguong"].unit.level == UnionUnit.Level.CENTRAL
    assert (staff["canbo.hanoi"].unit.level, staff["canbo.hanoi"].unit.province_code) == (1, HA_NOI)
    assert (staff["canbo.angiang"].unit.level, staff["canbo.angiang"].unit.province_code) == (1, AN_GIANG)
    ward = staff["canbo.battrang"].unit
    assert ward.level == UnionUnit.Level.COMMUNE and ward.province_code == HA_NOI
    assert Producer.objects.filter(union_unit=ward).exists()
    password = shared_password(first_run)
    for member in staff.values():
        user = member.user
        assert user.email == f"{user.username}@example.com" and user.check_password(password)
        assert user.groups.filter(name=UNION_STAFF_GROUP).exists() and not user.is_superuser
    assert first_run.count("mật khẩu chung:") == 1 and "canbo.hanoi (Hội LHPN Hà Nội)" in first_run


@pytest.mark.django_db
def test_every_producer_has_an_owner_who_signs_in_with_a_mobile_number(first_run):
    owners = ProducerMember.objects.filter(role=ProducerMember.Role.OWNER).select_related("user")
    assert owners.count() == Producer.objects.count()
    assert not Producer.objects.filter(verification_status=Producer.Verification.VERIFIED, members=None).exists()
    phones = [member.user.phone for member in owners]
    assert all(re.fullmatch(r"\+849\d{8}", phone) for phone in phones) and len(set(phones)) == len(phones)
    assert all(member.user.email for member in owners)
    helpers = ProducerMember.objects.filter(role=ProducerMember.Role.HELPER)
    assert helpers.count() == 2
    open_invitations = [invitation for invitation in ProducerInvitation.objects.all() if invitation.is_open]
    assert {i.producer_id for i in open_invitations} == set(helpers.values_list("producer_id", flat=True))

    example = re.search(r"seller → \S+: (0\d{3} \d{3} \d{3}) ", first_run).group(1)
    seller = get_user_model().objects.get(phone="+84" + example.replace(" ", "")[1:])
    assert seller.check_password(shared_password(first_run))
    assert seller.producer_memberships.get().role == ProducerMember.Role.OWNER


@pytest.mark.django_db
def test_verified_producers_were_approved_by_an_officer_of_their_unit(first_run):
    verified = Producer.objects.filter(verification_status=Producer.Verification.VERIFIED)
    for producer in verified:
        request = producer.verification_requests.get()
        assert request.status == VerificationRequest.Status.APPROVED and request.decided_at > request.submitted_at
        assert selectors.verification_requests_for_staff(request.decided_by).filter(pk=request.pk).exists()
        assert audit_history(producer).filter(action="verification_approved", actor=request.decided_by).exists()
        assert producer.documents.count() == 2
    decided = set(VerificationRequest.objects.filter(producer__province_code=HA_NOI, status="approved")
                  .values_list("decided_by__username", flat=True))
    assert decided == {"canbo.hanoi"}


@pytest.mark.django_db
def test_staff_of_ha_noi_and_an_giang_each_have_a_queue_and_one_producer_was_sent_back(first_run):
    pending = VerificationRequest.objects.filter(status=VerificationRequest.Status.PENDING)
    assert {HA_NOI, AN_GIANG} <= set(pending.values_list("producer__province_code", flat=True))
    assert not pending.exclude(producer__verification_status=Producer.Verification.SUBMITTED).exists()
    assert all(request.producer.documents.count() == 2 for request in pending)
    for username, province in (("canbo.hanoi", HA_NOI), ("canbo.angiang", AN_GIANG)):
        officer = get_user_model().objects.get(username=username)
        queue = selectors.verification_requests_for_staff(officer).filter(status="pending")
        assert queue.exists() and set(queue.values_list("producer__province_code", flat=True)) == {province}

    sent_back = VerificationRequest.objects.get(status=VerificationRequest.Status.CHANGES_REQUESTED)
    assert sent_back.reason and sent_back.decided_by.username == "canbo.hanoi"
    assert sent_back.producer.verification_status == Producer.Verification.CHANGES_REQUESTED


@pytest.mark.django_db
def test_papers_are_real_pdfs_and_photos_on_the_private_storage(first_run, seed_media, seed_private):
    documents = VerificationDocument.objects.all()
    assert documents.count() == 2 * Producer.objects.count()
    assert set(documents.values_list("content_type", flat=True)) == {"application/pdf", "image/jpeg"}
    for document in documents.filter(producer__province_code=HA_NOI):
        path = Path(document.file.path)
        assert path.is_relative_to(seed_private) and not path.is_relative_to(seed_media) and path.is_file()
        with document.file.open("rb") as handle:
            assert sniff_document(handle)[0] == document.content_type
    assert documents.filter(content_type="application/pdf").first().file.open("rb").read(9) == b"%PDF-1.4\n"


@pytest.mark.django_db
def test_ocop_certificates_expire_soon_for_the_dashboard_and_one_waits_for_confirmation(first_run):
    central = get_user_model().objects.get(username="canbo.trunguong")
    assert selectors.certificates_expiring(central, within_days=60).count() == 3
    assert selectors.certificates_expiring(central, within_days=14).count() == 1
    ha_noi = get_user_model().objects.get(username="canbo.hanoi")
    assert selectors.certificates_expiring(ha_noi, within_days=14).exists()

    waiting = OcopCertificate.objects.get(status=OcopCertificate.Status.PENDING)
    assert waiting.producer.province_code == HA_NOI and waiting.scan and waiting.products.exists()
    assert Path(waiting.scan.path).is_file() and waiting.products.get().ocop_stars is None


@pytest.mark.django_db
def test_a_product_hidden_by_staff_shows_on_its_sellers_dashboard(client, first_run):
    hidden = Product.objects.get(staff_hidden=True)
    assert hidden.staff_hidden_reason and not products_visible().filter(pk=hidden.pk).exists()
    assert audit_history(hidden).filter(action="product_staff_hidden", actor__username="canbo.battrang").exists()
    owner = hidden.producer.members.get(role=ProducerMember.Role.OWNER).user
    client.force_login(owner)

    response = client.get("/seller/")

    assert response.status_code == 200 and escape(hidden.staff_hidden_reason) in response.content.decode()


@pytest.mark.django_db
def test_an_officer_signs_in_to_the_admin_with_the_printed_password_and_sees_her_queue(client, first_run):
    response = client.post("/admin/login/", {"username": "canbo.hanoi", "password": shared_password(first_run)})
    assert response.status_code == 302

    html = client.get("/admin/").content.decode()

    assert "Hội LHPN Hà Nội" in html and escape("Hộ kinh doanh Gốm men lam Cô Thuý") in html


@pytest.mark.django_db
def test_the_shared_password_can_come_from_the_environment(first_run, monkeypatch):
    monkeypatch.setenv("DEMO_STAFF_PASSWORD", "Hoi-phu-nu-demo-2025")

    output = seed()

    assert "theo DEMO_STAFF_PASSWORD" in output
    for username in ("canbo.hanoi", "chu.htx-gom-su-phu-nu-bat-trang", "giupviec.htx-nuoc-mam-phu-nu-phu-quoc"):
        assert get_user_model().objects.get(username=username).check_password("Hoi-phu-nu-demo-2025")


@pytest.mark.django_db
def test_the_union_work_has_pairs_trainings_and_support_and_is_redrawn_not_doubled(first_run):
    from programmes.models import MentoringPair, PairGoal, SupportRecord, Training, TrainingRegistration
    from programmes.selectors import quiet_pairs

    assert "Công tác Hội: 5 cặp kèm cặp ở 5 tỉnh" in first_run
    pairs = MentoringPair.objects.all()
    assert pairs.count() == 5 and pairs.values("mentee__province_code").distinct().count() == 5
    met, total = PairGoal.objects.filter(met_at__isnull=False).count(), PairGoal.objects.count()
    assert 0 < met < total  # goals half met, measured from the producers' real data
    assert all(pair.sessions.exists() for pair in pairs) and quiet_pairs(pairs).count() == 1
    now = timezone.now()
    assert Training.objects.filter(ends_at__lt=now).count() == 1 and Training.objects.filter(starts_at__gt=now).count() == 2
    past = Training.objects.get(ends_at__lt=now)
    attended = TrainingRegistration.objects.filter(training=past, checked_in_at__isnull=False)
    assert attended.count() == 6 and all(registration.certificate_code for registration in attended)
    assert TrainingRegistration.objects.filter(status="waitlisted").count() == 1
    assert SupportRecord.objects.filter(amount__gt=0).count() == 4 and SupportRecord.objects.count() == 6
    before = (pairs.count(), Training.objects.count(), TrainingRegistration.objects.count(), SupportRecord.objects.count())
    seed()
    assert (MentoringPair.objects.count(), Training.objects.count(), TrainingRegistration.objects.count(),
            SupportRecord.objects.count()) == before
