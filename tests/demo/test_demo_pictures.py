"""Demo product pictures: drawn for each product, different from every other, the same on every run."""

import hashlib
import io

from PIL import Image

from marketplace.demo.picture_specs import PRODUCT_SIZE, product_picture_specs
from marketplace.demo.pictures import picture_bytes
from marketplace.demo.plan import build_plan


def _pixels(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == PRODUCT_SIZE and image.mode == "RGB"
        return hashlib.sha256(image.tobytes()).hexdigest()


def test_each_planned_product_has_pictures_of_its_own():
    plan = build_plan()
    specs = product_picture_specs(plan.products)
    keys = [key for product in plan.products for key, _alt in product.pictures]
    assert len(keys) == len(set(keys)) == len(specs)
    assert len({spec.title for spec in specs}) == len(specs)
    assert all(len(spec.title) <= 255 for spec in specs)
    signature = [p for p in plan.products if len(p.pictures) == 2]
    assert 40 <= len(signature) <= 60  # a second picture only for each producer's main product


def test_the_same_product_gives_the_same_picture_and_neighbours_differ():
    plan = build_plan()
    specs = {spec.key: spec for spec in product_picture_specs(plan.products)}
    fish = [specs[f"sp-{slug}"] for slug in ("nuoc-mam-phu-quoc", "nuoc-mam-nha-trang", "nuoc-mam-van-don")]
    first = picture_bytes(fish[0])
    assert picture_bytes(fish[0]) == first
    assert len({_pixels(picture_bytes(spec)) for spec in fish}) == 3
    assert {spec.shape for spec in fish} == {"bottle"}


def test_pictures_are_light_jpegs_of_the_product_size():
    plan = build_plan()
    specs = product_picture_specs(plan.products)
    sample = specs[::25]  # one of each 25, across looks; the seeded test checks them all
    sizes = []
    for spec in sample:
        data = picture_bytes(spec)
        _pixels(data)
        sizes.append(len(data))
    assert max(sizes) < 60_000 and sum(sizes) / len(sizes) < 30_000
