"""`manage.py seed_demo`: a believable, idempotent demo site, and `--products N` for benchmarks.

The demo is seeded once for the module inside a transaction that is rolled back at the end; each
test runs in a savepoint of it, so a test that seeds more leaves nothing behind for the next one.
"""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Min, Sum
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import HomePage, ShowcasePage, SiteNavigation
from marketplace.catalogue.models import Category, Product, ProductImage, ProductVariant
from marketplace.catalogue.ocop_groups import OCOP_GROUPS
from marketplace.catalogue.selectors import products_visible
from marketplace.core.geography import province_names
from marketplace.demo.plan import GROUP_OF_LEAF, TEMPLATES, build_plan
from producers.models import OcopCertificate, Producer

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seed_media(tmp_path_factory):
    return tmp_path_factory.mktemp("seed-demo-media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, seed_media):
    """Overrides the suite's per-test media folder: the seeded pictures live in the module's folder."""
    settings.MEDIA_ROOT = seed_media


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker, seed_media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=seed_media, PASSWORD_HASHERS=FAST_HASHER):
        with transaction.atomic():
            yield seed()
            transaction.set_rollback(True)


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
    assert "sản phẩm mới: 0" in output


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
