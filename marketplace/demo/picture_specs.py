"""Which demo pictures exist: one or two per leaf category, a logo per producer kind, hero and covers.

Only names, sizes, colours and shapes live here; `drawing.py` paints them and `pictures.py` stores them.
The title is how a later run finds a picture it already stored.
"""

from typing import NamedTuple

from marketplace.catalogue.ocop_groups import OCOP_GROUPS

PRODUCT_SIZE = (800, 800)
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

LEAF_SHAPES = {
    "nong-san-tuoi": "fruit", "nong-san-so-che": "sack", "thuc-pham-che-bien": "box", "gia-vi": "bottle",
    "che-tra": "leaf", "ca-phe-ca-cao": "cup", "mat-ong": "hexagons", "do-uong-co-con": "bottle",
    "do-uong-khong-con": "glass", "san-pham-duoc-lieu": "jar", "my-pham-thao-duoc": "drop",
    "tra-duoc-lieu": "leaf", "tho-cam": "diamonds", "lua-to-tam": "waves", "quan-ao-phu-kien": "hat",
    "may-tre-dan": "weave", "gom-su": "vase", "do-go": "box", "thu-cong-my-nghe": "lantern",
    "homestay": "house", "trai-nghiem": "mountains",
}
# These trades sell the most, so their products get a second, differently drawn picture to vary listings.
SECOND_PICTURE = ("nong-san-tuoi", "thuc-pham-che-bien", "gia-vi", "che-tra", "ca-phe-ca-cao", "mat-ong",
                  "tho-cam", "gom-su", "homestay")

KIND_INITIALS = {"htx": "HTX", "tht": "THT", "hkd": "HKD", "dn": "DN", "cn": "CN"}


class PictureSpec(NamedTuple):
    key: str
    title: str
    label: str  # the words painted on the picture
    size: tuple[int, int]
    colour: tuple[int, int, int]
    shape: str
    variant: int = 1


def product_picture_specs() -> list[PictureSpec]:
    specs = []
    for group_slug, _name, _name_en, leaves in OCOP_GROUPS:
        for leaf_slug, leaf_name, _leaf_en in leaves:
            for variant in (1, 2) if leaf_slug in SECOND_PICTURE else (1,):
                suffix = "" if variant == 1 else f" ({variant})"
                specs.append(PictureSpec(
                    key=f"{leaf_slug}-{variant}", title=f"Ảnh mẫu – {leaf_name}{suffix}", label=leaf_name,
                    size=PRODUCT_SIZE, colour=GROUP_COLOURS[group_slug], shape=LEAF_SHAPES[leaf_slug],
                    variant=variant,
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


def all_picture_specs() -> list[PictureSpec]:
    return product_picture_specs() + logo_specs() + banner_specs()


def leaf_picture_keys(leaf_slug: str) -> list[str]:
    variants = (1, 2) if leaf_slug in SECOND_PICTURE else (1,)
    return [f"{leaf_slug}-{variant}" for variant in variants]
