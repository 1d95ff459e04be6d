"""Store the drawn demo pictures as Wagtail images, once: a later run finds them by title."""

import hashlib
import io

from django.core.files.base import ContentFile
from modelsearch.backends import get_search_backends
from wagtail.images import get_image_model
from wagtail.models import Collection

from marketplace.demo.drawing import draw_picture
from marketplace.demo.picture_specs import PictureSpec, all_picture_specs
from marketplace.demo.plan import DemoPlan
from marketplace.demo.product_art import LOOKS, draw_product

COLLECTION_NAME = "Ảnh mẫu (dữ liệu demo)"
JPEG_QUALITY = 78  # modest: a product card loads a 240 px WebP rendition of it anyway


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def picture_bytes(spec: PictureSpec) -> bytes:
    """A product's picture as a light JPEG; logos and banners as `drawing.py` paints them."""
    if spec.shape not in LOOKS:
        return draw_picture(spec)
    buffer = io.BytesIO()
    draw_product(spec).save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def ensure_pictures(plan: DemoPlan) -> tuple[dict, int]:
    """Every demo picture by key, and how many had to be drawn now."""
    image_model = get_image_model()
    specs = all_picture_specs(plan.products)
    stored = {image.title: image for image in image_model.objects.filter(title__in=[spec.title for spec in specs])}
    missing = [spec for spec in specs if spec.title not in stored]
    if missing:
        collection = demo_collection()
        new = [_unsaved_image(image_model, spec, collection) for spec in missing]
        # One insert and one search-index pass for a few hundred pictures: saving them one by one
        # ran the index and reference tasks for each and tripled the time of the whole seed.
        image_model.objects.bulk_create(new, batch_size=200)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(image_model, new)
        stored.update((image.title, image) for image in new)
    return {spec.key: stored[spec.title] for spec in specs}, len(missing)


def _unsaved_image(image_model, spec: PictureSpec, collection: Collection):
    data = picture_bytes(spec)
    image = image_model(title=spec.title, collection=collection)
    image.file.save(f"demo-{spec.key[:80]}.jpg", ContentFile(data), save=False)
    image.width, image.height = spec.size
    image.file_size = len(data)
    image.file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own duplicate check uses SHA-1
    return image
