"""Which demo pictures exist: one (or two) of every planned product, a logo per producer kind, hero and covers.

Only names, sizes, colours and shapes live here; `product_art.py` paints the products, `drawing.py` the
rest, and `pictures.py` stores them. The title is how a later run finds a picture it already stored.
"""

from typing import NamedTuple

from marketplace.catalogue.ocop_groups import OCOP_GROUPS

# Cards show 240 px (480 on a sharp screen), the product page at most 480 (960); 640 is plenty at a
# modest JPEG quality, and keeps a few hundred pictures light to draw and to store.
PRODUCT_SIZE = (640, 640)
LOGO_SIZE = (400, 400)
HERO_SIZE = (1600, 640)
COVER_SIZE = (1280, 720)

GROUP_COLOURS = {
    "thuc-pham": (206, 110, 38),
    "do-uong": (22, 128, 138),
    "thao-duoc": (62, 132, 68),
    "vai-may-mac": (176, 18, 79),
    "luu-niem-trang-tri": (138, 88, 52),
    "du-lich-cong-dong": (44, 92, 160),
}
BRAND_COLOUR = (176, 18, 79)
GROUP_OF_LEAF_COLOUR = {leaf[0]: GROUP_COLOURS[group[0]] for group in OCOP_GROUPS for leaf in group[3]}

LEAF_SHAPES = {
    "nong-san-tuoi": "fruit", "nong-san-so-che": "sack", "thuc-pham-che-bien": "box", "gia-vi": "bottle",
    "che-tra": "leaf", "ca-phe-ca-cao": "cup", "mat-ong": "hexagons", "do-uong-co-con": "bottle",
    "do-uong-khong-con": "glass", "san-pham-duoc-lieu": "jar", "my-pham-thao-duoc": "drop",
    "tra-duoc-lieu": "leaf", "tho-cam": "diamonds", "lua-to-tam": "waves", "quan-ao-phu-kien": "hat",
    "may-tre-dan": "weave", "gom-su": "vase", "do-go": "box", "thu-cong-my-nghe": "lantern",
    "homestay": "house", "trai-nghiem": "mountains",
}
KIND_INITIALS = {"htx": "HTX", "tht": "THT", "hkd": "HKD", "dn": "DN", "cn": "CN"}


class PictureSpec(NamedTuple):
    key: str
    title: str
    label: str  # the words painted on the picture
    size: tuple[int, int]
    colour: tuple[int, int, int]
    shape: str  # a product's look (product_art.LOOKS), or "logo", "hero", a banner's shape
    variant: int = 1
    caption: str = ""  # a product's place, printed under its name
    trade: str = ""  # a product's trade (ProductTemplate.kind), which colours its contents


def product_picture_specs(products) -> list[PictureSpec]:
    """A picture of each planned product (`ProductPlan`), and a second one where it has two."""
    specs = []
    for product in products:
        template = product.template
        label = " ".join(template.name.replace("{place}", "").split())
        place = product.producer.spec.place
        group = GROUP_OF_LEAF_COLOUR[product.leaf_slug]
        for variant, (key, _alt) in enumerate(product.pictures, start=1):
            suffix = "" if variant == 1 else f" ({variant})"
            specs.append(PictureSpec(
                key=key, title=f"Ảnh sản phẩm – {product.name}{suffix}", label=label, size=PRODUCT_SIZE,
                colour=group, shape=template.look, variant=variant, caption=place, trade=template.kind,
            ))
    return specs


def logo_specs() -> list[PictureSpec]:
    return [
        PictureSpec(key=f"logo-{kind}", title=f"Logo mẫu – {initials}", label=initials, size=LOGO_SIZE,
                    colour=BRAND_COLOUR, shape="logo", variant=index)
        for index, (kind, initials) in enumerate(KIND_INITIALS.items(), start=1)
    ]


def banner_specs() -> list[PictureSpec]:
    return [
        PictureSpec("hero", "Ảnh bìa – Trang chủ Chợ Phụ nữ", "Chợ Phụ nữ", HERO_SIZE, BRAND_COLOUR, "hero"),
        PictureSpec("cover-nuoc-mam", "Ảnh bìa – Showcase nước mắm Phú Quốc", "Nước mắm Phú Quốc", COVER_SIZE,
                    GROUP_COLOURS["do-uong"], "waves"),
        PictureSpec("cover-tho-cam", "Ảnh bìa – Showcase thổ cẩm Phong Thổ", "Thổ cẩm Phong Thổ", COVER_SIZE,
                    GROUP_COLOURS["vai-may-mac"], "diamonds"),
    ]


def all_picture_specs(products) -> list[PictureSpec]:
    return product_picture_specs(products) + logo_specs() + banner_specs()
