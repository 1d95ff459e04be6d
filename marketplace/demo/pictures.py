"""Store the drawn demo pictures as Wagtail images, once: a later run finds them by title."""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from marketplace.demo.drawing import draw_picture
from marketplace.demo.picture_specs import all_picture_specs

COLLECTION_NAME = "Ảnh mẫu (dữ liệu demo)"


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def ensure_pictures() -> tuple[dict, int]:
    """Every demo picture by key, and how many had to be drawn now."""
    image_model = get_image_model()
    specs = all_picture_specs()
    stored = {image.title: image for image in image_model.objects.filter(title__in=[spec.title for spec in specs])}
    missing = [spec for spec in specs if spec.title not in stored]
    if missing:
        collection = demo_collection()
        for spec in missing:
            file = ImageFile(io.BytesIO(draw_picture(spec)), name=f"demo-{spec.key}.jpg")
            stored[spec.title] = image_model.objects.create(title=spec.title, file=file, collection=collection)
    return {spec.key: stored[spec.title] for spec in specs}, len(missing)

