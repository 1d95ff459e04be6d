"""factory_boy factories shared by the whole suite."""

import io

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from marketplace.catalogue.models import Category, Product, ProductImage, ProductVariant
from producers.models import Producer

HA_NOI = 1
HUE = 46


def make_image(title: str = "ảnh thử", color=(176, 18, 79), size=(64, 64)):
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        # A transactional test earlier in this worker flushed the root collection Wagtail's migration made.
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="test.png"))


def category(slug: str = "gia-vi") -> Category:
    found = Category.objects.filter(slug=slug).first()
    if found is None:
        # A transactional test earlier in this worker flushed the tree its data migration made: put it back
        # (idempotent; inside this test's transaction, so later tests do the same).
        import importlib

        from django.apps import apps

        importlib.import_module("marketplace.catalogue.migrations.0004_ocop_categories").create_groups(apps, None)
        found = Category.objects.get(slug=slug)
    return found


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    name = factory.Sequence(lambda n: f"Hợp tác xã Phụ nữ số {n}")
    slug = factory.Sequence(lambda n: f"htx-phu-nu-{n}")
    kind = Producer.Kind.COOPERATIVE
    story = "<p>Chị em trong xã cùng nhau làm sản phẩm sạch.</p>"
    province_code = HA_NOI
    is_verified = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    producer = factory.SubFactory(ProducerFactory)
    name = factory.Sequence(lambda n: f"Sản phẩm thử {n}")
    slug = factory.Sequence(lambda n: f"san-pham-thu-{n}")
    description = "<p>Mô tả sản phẩm.</p>"
    category = factory.LazyFunction(lambda: category("gia-vi"))
    origin_province_code = HA_NOI
    unit = "chai"
    status = Product.Status.PUBLISHED

    @factory.post_generation
    def variants(self, create, extracted, **kwargs):
        if not create:
            return
        specs = extracted if extracted is not None else [{"price": 100_000, "stock": 10}]
        for index, spec in enumerate(specs):
            ProductVariant.objects.create(
                product=self, sku=f"{self.slug}-{index}", name=spec.get("name", f"Loại {index + 1}"),
                price=spec["price"], stock=spec.get("stock", 10), compare_at_price=spec.get("compare_at_price"),
                sort_order=index,
            )
        self.refresh_summary()

    @factory.post_generation
    def with_image(self, create, extracted, **kwargs):
        if create and extracted:
            ProductImage.objects.create(product=self, image=make_image(self.name), alt_text=self.name, sort_order=0)
