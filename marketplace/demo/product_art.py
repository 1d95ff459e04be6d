"""Paint one demo product with Pillow: the thing itself (a bottle with its label, a pouch of tea, a vase…)
on a soft studio background, so a thumbnail reads as a product and not as a coloured tile.

Everything varies with a hash of the picture's key (the product's slug): background, label paper,
proportions, cap and lid colours, so no two products share a picture, and the same slug always gives
the same pixels (the seed stays reproducible). The picture is drawn half as big again and reduced,
which smooths the edges Pillow's shapes leave jagged.
"""

import hashlib
import math
import random

from PIL import Image, ImageDraw

from marketplace.demo.drawing import _font, _mix, _printable, wrap_words

WHITE = (255, 255, 255)
INK = (38, 30, 34)
SCALE = 1.5  # drawn half as big again, then reduced: smooth edges at half the cost of twice the size
PAPERS = ((250, 246, 236), (255, 255, 255), (214, 186, 140), (34, 40, 48), (246, 236, 210), (120, 24, 40))

# What is inside (or what it is made of), by trade; a product's own hash shifts it a little.
TRADE_COLOURS = {
    "nuoc-mam": (156, 80, 20),
    "mam-tom": (150, 86, 118),
    "sa-te": (190, 50, 30),
    "tuong-ot": (200, 40, 30),
    "tieu": (58, 44, 36),
    "mac-khen": (96, 64, 46),
    "hoi-que": (140, 70, 36),
    "muoi-tom": (226, 120, 80),
    "thot-not": (176, 120, 60),
    "mat-ong-rung": (214, 140, 20),
    "mat-ong-ca-phe": (232, 176, 60),
    "mat-ong-nhan": (220, 150, 40),
    "mat-ong-bac-ha": (200, 130, 30),
    "mat-ong-vai": (236, 186, 80),
    "san-pham-ong": (238, 196, 80),
    "chanh-dao": (236, 200, 70),
    "nen-sap-ong": (240, 210, 120),
    "ruou-nep": (236, 226, 200),
    "ruou-ngo": (240, 236, 220),
    "ruou-mo": (226, 170, 50),
    "ruou-sim": (120, 30, 70),
    "ruou-nep-cam": (90, 30, 70),
    "ruou-chuoi": (206, 150, 50),
    "ruou-can": (120, 80, 50),
    "chanh-day": (240, 190, 40),
    "dau-tam": (120, 20, 50),
    "nuoc-cam": (246, 150, 30),
    "nuoc-dua": (236, 240, 220),
    "sua-dau-nanh": (244, 236, 214),
    "mia-lau": (200, 180, 110),
    "che-shan": (96, 120, 60),
    "che-xanh": (70, 130, 60),
    "o-long": (60, 110, 70),
    "tra-thao-moc": (180, 140, 60),
    "tra-sen": (90, 140, 90),
    "atiso": (70, 90, 50),
    "ca-phe": (80, 50, 34),
    "arabica": (110, 64, 40),
    "ca-cao": (90, 50, 36),
    "gao-st25": (246, 242, 230),
    "gao-nep": (240, 236, 226),
    "gao-tam": (244, 240, 228),
    "dau-hat": (120, 170, 70),
    "hat-dieu": (228, 196, 140),
    "hat-de": (130, 80, 40),
    "mien-dong": (200, 190, 170),
    "san-day": (244, 244, 240),
    "hai-san-kho": (226, 120, 80),
    "cha-ca": (214, 160, 90),
    "nem": (214, 90, 90),
    "kho-ca-dong": (180, 130, 80),
    "keo-dua": (240, 230, 200),
    "banh-dau-xanh": (236, 210, 110),
    "gac-bep": (110, 50, 40),
    "keo-cu-do": (170, 110, 50),
    "banh-trang": (240, 226, 190),
    "mut-gung": (230, 200, 120),
    "phong-tom": (240, 180, 140),
    "mam-ca-dong": (170, 120, 70),
    "hu-tieu": (244, 240, 230),
    "banh-gai": (40, 40, 36),
    "banh-da": (220, 190, 140),
    "long-nhan": (150, 90, 40),
    "vai-say": (150, 60, 40),
    "dong-trung": (236, 140, 40),
    "tam-that": (150, 130, 100),
    "dau-tram": (230, 230, 200),
    "nghe": (236, 160, 20),
    "duoc-lieu-rung": (170, 120, 80),
    "my-pham": (130, 170, 120),
    "la-tam": (80, 110, 60),
    "buoi": (130, 180, 60),
    "cam": (240, 140, 30),
    "quyt": (246, 110, 30),
    "rau": (90, 150, 50),
    "nhan": (200, 170, 110),
    "trung": (240, 220, 190),
    "vai": (200, 40, 50),
    "khoai": (130, 60, 100),
    "man": (130, 40, 90),
    "bo": (60, 110, 40),
    "xoai": (246, 196, 40),
    "dau-tay": (220, 30, 50),
    "toi-hanh": (236, 226, 230),
    "hoa-kieng": (246, 200, 20),
    "tho-cam": (160, 20, 40),
    "lua": (200, 60, 90),
    "may-mac": (70, 100, 140),
    "ao-ba-ba": (60, 90, 130),
    "non-la": (226, 206, 150),
    "bac": (200, 204, 210),
    "may-tre": (190, 150, 90),
    "coi": (210, 180, 110),
    "do-dua": (140, 90, 50),
    "gom": (40, 80, 160),
    "do-go": (150, 96, 56),
    "son-mai": (140, 20, 20),
    "tranh-theu": (60, 120, 140),
    "bup-be": (200, 60, 90),
    "den-long": (220, 40, 40),
    "tranh-dong-ho": (200, 60, 40),
    # places to stay and things to do: the colour of the land in the picture
    "nha-san": (90, 140, 70),
    "homestay-vuon": (70, 150, 80),
    "ruong-bac-thang": (170, 180, 60),
    "doi-che": (60, 140, 60),
    "lam-nong": (120, 170, 60),
    "lam-gom": (180, 110, 70),
    "det-vai": (160, 40, 70),
    "dap-xe": (110, 160, 90),
    "nau-an": (200, 120, 50),
    "cho-noi": (60, 120, 170),
}
SCENE_SKIES = ((150, 200, 236), (246, 196, 150), (190, 220, 240), (236, 170, 150))


class Art:
    """A canvas, its drawing tools and the product's random choices."""

    def __init__(self, spec):
        self.spec = spec
        self.rng = random.Random(int(hashlib.sha1(spec.key.encode()).hexdigest()[:12], 16))
        self.w = round(spec.size[0] * SCALE)
        self.u = self.w / 100  # one hundredth of the side
        base = TRADE_COLOURS.get(spec.trade, spec.colour)
        self.content = _jitter(base, self.rng, 18)
        hue = self.rng.random()
        self.background = _pastel(hue, 0.16 if spec.variant == 1 else 0.3)
        self.accent = _pastel((hue + 0.5) % 1, 0.75, value=0.62)
        self.paper = self.rng.choice(PAPERS)
        self.ink = WHITE if sum(self.paper) < 400 else INK
        self.image = Image.new("RGB", (self.w, self.w), self.background)
        self.draw = ImageDraw.Draw(self.image)

    def p(self, x: float, y: float) -> tuple[float, float]:
        return (x * self.u, y * self.u)

    def box(self, x0, y0, x1, y1) -> tuple[float, float, float, float]:
        return (x0 * self.u, y0 * self.u, x1 * self.u, y1 * self.u)

    def rect(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius=radius * self.u,
            fill=fill,
            outline=outline,
            width=int(width * self.u),
        )

    def oval(self, x0, y0, x1, y1, fill, outline=None, width=0):
        self.draw.ellipse(self.box(x0, y0, x1, y1), fill=fill, outline=outline, width=int(width * self.u))

    def poly(self, points, fill, outline=None):
        self.draw.polygon([self.p(x, y) for x, y in points], fill=fill, outline=outline)

    def line(self, points, fill, width):
        self.draw.line([self.p(x, y) for x, y in points], fill=fill, width=max(1, int(width * self.u)))

    def text(self, box, words: str, size: float, fill, lines: int = 2) -> None:
        """Centred in the box, on at most `lines` lines, smaller until it fits."""
        left, top, right, bottom = self.box(*box)
        words = _printable(words)
        size_px = size * self.u
        while True:
            font = _font(int(size_px))
            wrapped = wrap_words(self.draw, words, font, right - left)
            height = len(wrapped) * size_px * 1.18
            if (len(wrapped) <= lines and height <= bottom - top) or size_px < 1.6 * self.u:
                break
            size_px *= 0.9
        y = top + (bottom - top - height) / 2
        for row in wrapped[:lines]:
            x = left + (right - left - self.draw.textlength(row, font=font)) / 2
            self.draw.text((x, y), row, font=font, fill=fill)
            y += size_px * 1.18

    def label(self, x0, y0, x1, y1, radius=1.5, size=7.0) -> None:
        """The product's label: its name, a stripe of colour and where it comes from."""
        self.rect(x0, y0, x1, y1, self.paper, radius=radius)
        stripe = (y1 - y0) * 0.16
        self.rect(x0, y0, x1, y0 + stripe, self.accent, radius=radius)
        caption_h = (y1 - y0) * 0.2
        self.text(
            (x0 + 1.5, y0 + stripe + 0.5, x1 - 1.5, y1 - caption_h - 0.5),
            self.spec.label.upper(),
            size,
            self.ink,
        )
        self.text(
            (x0 + 1.5, y1 - caption_h - 0.5, x1 - 1.5, y1 - 0.8),
            self.spec.caption,
            size * 0.6,
            _mix(self.ink, self.paper, 0.3),
            lines=1,
        )

    def shadow(self, x0, x1, y) -> None:
        self.oval(x0, y - 2.5, x1, y + 2.5, _mix(self.background, INK, 0.18))

    def finish(self) -> Image.Image:
        return self.image.resize(self.spec.size, Image.Resampling.BOX)


def _jitter(colour, rng: random.Random, amount: int):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)


def _pastel(hue: float, saturation: float, value: float = 0.97):
    import colorsys

    return tuple(round(c * 255) for c in colorsys.hsv_to_rgb(hue, saturation, value))


# --- the looks ------------------------------------------------------------------------------------


def bottle(a: Art) -> None:
    half = a.rng.uniform(12, 16)
    top = a.rng.uniform(26, 34)
    cap = a.rng.choice(((180, 30, 30), (30, 30, 30), (200, 160, 40), (30, 90, 60), a.accent))
    a.shadow(50 - half - 4, 50 + half + 4, 90)
    a.rect(50 - half, top, 50 + half, 90, _mix(a.content, WHITE, 0.1), radius=half * 0.5)
    a.poly(
        [(50 - half, top + 6), (44, top - 8), (56, top - 8), (50 + half, top + 6)],
        _mix(a.content, WHITE, 0.1),
    )
    a.rect(44.5, top - 18, 55.5, top - 6, _mix(a.content, WHITE, 0.55))
    a.rect(43.5, top - 24, 56.5, top - 15, cap, radius=1.5)
    a.rect(
        50 - half + 3, top + 4, 50 - half + 6, 84, _mix(a.content, WHITE, 0.45), radius=1.5
    )  # the glass shines
    a.label(50 - half + 1.5, top + 22, 50 + half - 1.5, 82, size=5.2)


def vial(a: Art) -> None:
    glass = _mix(a.rng.choice(((120, 70, 30), (40, 90, 60), (40, 60, 120))), a.content, 0.3)
    a.shadow(30, 70, 88)
    a.rect(36, 42, 64, 88, glass, radius=6)
    a.rect(43, 32, 57, 43, (30, 30, 30))
    a.oval(44, 16, 56, 36, a.rng.choice(((30, 30, 30), (240, 240, 240), a.accent)))
    a.rect(39, 46, 42, 82, _mix(glass, WHITE, 0.4), radius=1.5)
    a.label(38, 54, 62, 82, size=4.6)


def jar(a: Art) -> None:
    lid = a.rng.choice(((200, 40, 40), (40, 40, 40), (220, 180, 60), (240, 240, 240), a.accent))
    half = a.rng.uniform(20, 25)
    a.shadow(50 - half - 4, 50 + half + 4, 88)
    a.rect(50 - half, 36, 50 + half, 88, _mix(a.content, WHITE, 0.05), radius=8)
    for _ in range(40):  # what is inside shows through the glass
        x, y = a.rng.uniform(50 - half + 3, 50 + half - 3), a.rng.uniform(40, 84)
        a.oval(x - 1.2, y - 1.2, x + 1.2, y + 1.2, _mix(a.content, INK, 0.25))
    a.rect(50 - half - 1.5, 26, 50 + half + 1.5, 38, lid, radius=2.5)
    a.line([(50 - half, 30), (50 + half, 30)], _mix(lid, INK, 0.25), 0.8)
    a.label(50 - half + 2, 48, 50 + half - 2, 78, size=6)


def pouch(a: Art) -> None:
    film = a.rng.choice((a.paper, (190, 150, 100), a.accent, (40, 60, 50), (240, 240, 236)))
    ink = WHITE if sum(film) < 400 else INK
    a.shadow(24, 76, 90)
    a.poly([(30, 18), (70, 18), (74, 90), (26, 90)], film)
    a.line([(30, 25), (70, 25)], _mix(film, INK, 0.2), 0.8)
    a.rect(41, 20, 59, 23, _mix(film, INK, 0.25), radius=1)  # the zip's tab
    a.oval(36, 62, 64, 86, _mix(a.content, WHITE, 0.1))  # a window onto what is inside
    for _ in range(60):
        x, y = a.rng.uniform(39, 61), a.rng.uniform(65, 84)
        if ((x - 50) / 13) ** 2 + ((y - 74) / 11) ** 2 < 1:
            a.oval(x - 1, y - 1.4, x + 1, y + 1.4, _mix(a.content, INK, 0.3))
    a.text((32, 30, 68, 48), a.spec.label.upper(), 6.5, ink)
    a.rect(38, 50, 62, 52, a.accent if film != a.accent else WHITE)
    a.text((32, 52, 68, 60), a.spec.caption, 4, ink, lines=1)


def box(a: Art) -> None:
    front = a.rng.choice((a.accent, _mix(a.content, INK, 0.15), a.paper, (150, 30, 40), (30, 70, 60)))
    side = _mix(front, INK, 0.25)
    top = _mix(front, WHITE, 0.2)
    depth = a.rng.uniform(7, 11)
    a.shadow(20, 82, 88)
    a.poly([(22, 34), (62, 34), (62 + depth, 34 - depth), (22 + depth, 34 - depth)], top)
    a.poly([(62, 34), (62 + depth, 34 - depth), (62 + depth, 86 - depth), (62, 86)], side)
    a.rect(22, 34, 62, 86, front)
    a.oval(30, 40, 54, 60, _mix(a.content, WHITE, 0.15))  # a picture of what is inside
    a.oval(36, 44, 48, 56, _mix(a.content, INK, 0.1))
    a.label(25, 62, 59, 83, size=5.2)


def sack(a: Art) -> None:
    cloth = a.rng.choice(((238, 232, 214), (226, 214, 180), (250, 250, 246)))
    a.shadow(18, 82, 90)
    a.rect(22, 30, 78, 90, cloth, radius=10)
    a.poly([(30, 32), (40, 14), (60, 14), (70, 32)], cloth)
    a.rect(36, 22, 64, 27, a.accent, radius=2)  # the string round its neck
    for y in range(36, 88, 4):
        a.line([(24, y), (76, y)], _mix(cloth, INK, 0.08), 0.4)
    a.label(28, 44, 72, 80, size=7)
    for _ in range(14):  # a few grains spilt in front
        x = a.rng.uniform(20, 80)
        a.oval(x - 1.2, 90, x + 1.2, 92.5, _mix(a.content, INK, 0.1))


FRUIT = {  # (diameter, how many, oval)
    "buoi": (26, 3, 1.0),
    "cam": (16, 7, 1.0),
    "quyt": (13, 9, 0.95),
    "nhan": (8, 22, 1.0),
    "vai": (9, 18, 1.05),
    "man": (9, 18, 1.0),
    "xoai": (16, 5, 1.45),
    "bo": (15, 6, 1.35),
    "dau-tay": (9, 16, 1.2),
    "khoai": (12, 6, 2.2),
    "rau": (5, 18, 4.0),
    "toi-hanh": (11, 10, 1.1),
}


def produce(a: Art) -> None:
    """A basket of fruit or vegetables and a market sign with the name."""
    size, count, stretch = FRUIT.get(a.spec.trade, (12, 9, 1.0))
    basket = (176, 130, 70)
    a.shadow(14, 86, 84)
    a.poly([(14, 54), (86, 54), (78, 84), (22, 84)], basket)
    for x in range(16, 86, 5):
        a.line([(x, 55), (x * 0.9 + 5, 83)], _mix(basket, INK, 0.2), 0.5)
    a.line([(16, 64), (84, 64)], _mix(basket, INK, 0.2), 0.6)
    a.line([(19, 74), (81, 74)], _mix(basket, INK, 0.2), 0.6)
    if a.spec.trade == "rau":  # pods and beans: long and thin, heaped every which way
        for _ in range(26):
            x, y = a.rng.uniform(24, 70), a.rng.uniform(36, 56)
            tilt = a.rng.uniform(-6, 6)
            colour = _jitter(a.content, a.rng, 18)
            a.line([(x, y + tilt), (x + 16, y - tilt)], _mix(colour, INK, 0.3), 2.6)
            a.line([(x, y + tilt), (x + 16, y - tilt)], colour, 2)
    else:
        _heap(a, size, count, stretch)
    a.poly([(70, 28), (80, 22), (84, 30), (74, 34)], (70, 140, 50))  # a leaf
    a.rect(8, 6, 58, 24, a.paper, radius=2)
    a.text((10, 7, 56, 19), a.spec.label, 5.8, a.ink)
    a.text((10, 18, 56, 23.5), a.spec.caption, 3.4, _mix(a.ink, a.paper, 0.3), lines=1)


def _heap(a: Art, size: float, count: int, stretch: float) -> None:
    """Fruit piled in rows, each row narrower and higher, as on a market stall."""
    width = size * stretch if stretch > 1.3 else size
    height = size if stretch > 1.3 else size * stretch
    per_row, row, left = max(1, int(60 // width)), 0, count
    while left > 0 and row < 4:
        in_row = min(left, per_row - row)
        if in_row <= 0:
            break
        start = 50 - in_row * width / 2
        for index in range(in_row):
            x = start + (index + 0.5) * width + a.rng.uniform(-1.2, 1.2)
            y = 54 - row * height * 0.75 - height / 2 + a.rng.uniform(-1, 1)
            colour = _jitter(a.content, a.rng, 14)
            a.oval(
                x - width / 2,
                y - height / 2,
                x + width / 2,
                y + height / 2,
                colour,
                outline=_mix(colour, INK, 0.3),
                width=0.3,
            )
            a.oval(x - width / 4, y - height / 3, x - width / 12, y - height / 6, _mix(colour, WHITE, 0.45))
        left -= in_row
        row += 1


def eggs(a: Art) -> None:
    tray = (196, 180, 150)
    a.shadow(12, 88, 84)
    a.rect(12, 50, 88, 82, tray, radius=3)
    for row in range(2):
        for col in range(5):
            x, y = 20 + col * 15, 52 + row * 13
            colour = _jitter(a.content, a.rng, 10)
            a.oval(x - 6, y - 8, x + 6, y + 8, colour, outline=_mix(colour, INK, 0.2), width=0.3)
    a.label(22, 14, 78, 40, size=6.5)


def flowerpot(a: Art) -> None:
    pot = a.rng.choice(((190, 90, 50), (60, 80, 140), (230, 230, 230)))
    a.shadow(28, 72, 90)
    a.poly([(32, 62), (68, 62), (63, 90), (37, 90)], pot)
    a.oval(20, 18, 80, 68, (70, 120, 50))
    for _ in range(120):
        x, y = a.rng.uniform(24, 76), a.rng.uniform(20, 64)
        if ((x - 50) / 28) ** 2 + ((y - 43) / 24) ** 2 < 1:
            a.oval(x - 2, y - 2, x + 2, y + 2, _jitter(a.content, a.rng, 20))
    a.rect(36, 70, 64, 84, a.paper, radius=1.5)
    a.text((37, 71, 63, 83), a.spec.label, 3.6, a.ink)


def bar(a: Art) -> None:
    wrap = a.rng.choice((a.accent, a.paper, (40, 40, 40), (150, 30, 40)))
    a.shadow(14, 86, 80)
    a.poly([(16, 44), (72, 30), (86, 60), (30, 76)], _mix(a.content, INK, 0.1))  # the bar itself, unwrapped
    for step in range(1, 4):
        t = step / 4
        a.line([(16 + 56 * t, 44 - 14 * t), (30 + 56 * t, 76 - 16 * t)], _mix(a.content, INK, 0.35), 0.6)
    a.poly([(30, 50), (72, 30), (86, 60), (44, 80)], wrap)
    ink = WHITE if sum(wrap) < 400 else INK
    a.text((44, 46, 76, 62), a.spec.label.upper(), 4.6, ink)
    a.text((46, 60, 78, 68), a.spec.caption, 3.2, ink, lines=1)
    a.rect(20, 84, 80, 96, a.paper, radius=1.5)


def _pattern(a: Art, x0, y0, x1, y1, colour) -> None:
    """Woven diamonds and stripes, as on a brocade."""
    other = _mix(colour, WHITE, 0.7)
    third = a.rng.choice(((240, 190, 40), (30, 90, 160), (20, 20, 20), (40, 140, 80)))
    a.rect(x0, y0, x1, y1, colour)
    step = a.rng.choice((5, 6, 7))
    for x in range(int(x0) + step // 2, int(x1), step):
        mid = (y0 + y1) / 2
        a.poly([(x, mid - step / 2), (x + step / 2, mid), (x, mid + step / 2), (x - step / 2, mid)], other)
    for y in (y0 + (y1 - y0) * 0.2, y1 - (y1 - y0) * 0.2):
        a.line([(x0, y), (x1, y)], third, 1.2)


def fabric(a: Art) -> None:
    """Folded cloth, brocade or silk, the top fold tied with a paper band."""
    silky = a.spec.trade in {"lua", "may-mac"}
    a.shadow(12, 88, 86)
    for layer in range(3):
        y = 70 - layer * 14
        colour = _jitter(a.content, a.rng, 40) if layer else a.content
        if silky:
            a.rect(16, y, 84, y + 14, colour, radius=4)
            a.line([(20, y + 4), (80, y + 6)], _mix(colour, WHITE, 0.4), 1)
        else:
            _pattern(a, 16, y, 84, y + 14, colour)
        a.line([(16, y + 14), (84, y + 14)], _mix(colour, INK, 0.35), 0.6)
    a.line([(60, 28), (70, 46)], _mix(a.paper, INK, 0.4), 0.5)  # a swing tag on a thread
    a.label(50, 8, 88, 30, radius=1, size=4.2)


def garment(a: Art) -> None:
    cloth = a.content
    a.poly(
        [(34, 16), (66, 16), (86, 34), (78, 44), (68, 36), (68, 90), (32, 90), (32, 36), (22, 44), (14, 34)],
        cloth,
    )
    a.poly([(42, 16), (50, 26), (58, 16)], _mix(cloth, INK, 0.3))
    for y in range(32, 86, 10):
        a.oval(48.5, y, 51.5, y + 3, _mix(cloth, WHITE, 0.6))
    a.line([(32, 60), (68, 60)], _mix(cloth, WHITE, 0.25), 0.6)
    a.rect(56, 64, 78, 84, a.paper, radius=1)  # the tag
    a.text((57, 65, 77, 83), a.spec.label, 2.6, a.ink, lines=3)


def hat(a: Art) -> None:
    leaf = _jitter((226, 206, 150), a.rng, 12)
    a.shadow(10, 90, 76)
    a.poly([(10, 72), (50, 18), (90, 72)], leaf)
    for step in range(1, 8):
        t = step / 8
        a.line([(50 - 40 * t, 18 + 54 * t), (50 + 40 * t, 18 + 54 * t)], _mix(leaf, INK, 0.18), 0.5)
    a.draw.arc(a.box(30, 60, 70, 96), 20, 160, fill=a.accent, width=int(1.4 * a.u))
    a.rect(6, 80, 46, 96, a.paper, radius=1.5)
    a.text((7, 81, 45, 95), f"{a.spec.label} {a.spec.caption}", 3.6, a.ink)


def bag(a: Art) -> None:
    a.draw.arc(a.box(30, 8, 70, 60), 180, 360, fill=_mix(a.content, INK, 0.4), width=int(2.5 * a.u))
    a.shadow(18, 82, 88)
    _pattern(a, 22, 34, 78, 86, a.content)
    a.poly([(22, 34), (78, 34), (74, 56), (26, 56)], _mix(a.content, INK, 0.2))
    a.oval(47, 52, 53, 58, (230, 200, 80))
    a.rect(60, 66, 86, 86, a.paper, radius=1)
    a.text((61, 67, 85, 85), a.spec.label, 2.8, a.ink, lines=3)


def cushion(a: Art) -> None:
    a.shadow(14, 86, 88)
    a.rect(16, 20, 84, 86, a.content, radius=10)
    _pattern(a, 22, 40, 78, 66, _mix(a.content, INK, 0.1))
    a.rect(60, 72, 86, 92, a.paper, radius=1)
    a.text((61, 73, 85, 91), a.spec.label, 2.8, a.ink, lines=3)


def fan(a: Art) -> None:
    a.draw.pieslice(a.box(10, 20, 90, 100), 200, 340, fill=a.content)
    for angle in range(200, 341, 10):
        rad = math.radians(angle)
        a.line([(50, 60), (50 + 40 * math.cos(rad), 60 + 40 * math.sin(rad))], _mix(a.content, INK, 0.3), 0.4)
    a.oval(40, 32, 52, 44, _mix(a.content, WHITE, 0.6))
    a.rect(20, 70, 80, 90, a.paper, radius=1.5)
    a.text((21, 71, 79, 89), a.spec.label, 4, a.ink)


def bracelet(a: Art) -> None:
    cloth = (40, 36, 60)
    a.rect(6, 20, 94, 88, cloth, radius=4)
    for shift in (-12, 12):
        a.oval(26 + shift, 30, 74 + shift, 70, None, width=4, outline=(210, 214, 222))
        for angle in range(0, 360, 20):
            rad = math.radians(angle)
            a.oval(
                50 + shift + 23 * math.cos(rad) - 0.6,
                50 + 19 * math.sin(rad) - 0.6,
                50 + shift + 23 * math.cos(rad) + 0.6,
                50 + 19 * math.sin(rad) + 0.6,
                (120, 124, 130),
            )
    a.text((10, 74, 90, 86), a.spec.label, 4.2, WHITE)


def basket(a: Art) -> None:
    weave = _jitter(a.content, a.rng, 16)
    a.draw.arc(a.box(30, 10, 70, 60), 180, 360, fill=_mix(weave, INK, 0.3), width=int(2.5 * a.u))
    a.shadow(18, 82, 88)
    a.poly([(20, 36), (80, 36), (72, 88), (28, 88)], weave)
    for y in range(38, 88, 4):
        a.line([(21, y), (79, y)], _mix(weave, INK, 0.25), 0.5)
    for x in range(24, 80, 6):
        a.line([(x, 37), (x * 0.86 + 7, 87)], _mix(weave, WHITE, 0.25), 0.7)
    a.label(32, 52, 68, 76, size=4.6)


def mat(a: Art) -> None:
    straw = _jitter(a.content, a.rng, 12)
    a.shadow(10, 90, 86)
    a.poly([(10, 60), (70, 60), (90, 86), (24, 86)], straw)
    for step in range(6):
        x = 14 + step * 12
        a.line([(x, 60), (x + 12, 86)], a.accent, 1.2)
    a.rect(10, 30, 70, 60, _mix(straw, INK, 0.05), radius=14)  # the rolled part
    a.oval(58, 30, 82, 60, _mix(straw, INK, 0.15))
    for r in (10, 7, 4):
        a.oval(70 - r, 45 - r * 1.2, 70 + r, 45 + r * 1.2, None, outline=_mix(straw, INK, 0.35), width=0.5)
    a.rect(8, 8, 60, 26, a.paper, radius=1.5)
    a.text((9, 9, 59, 25), a.spec.label, 4.4, a.ink)


def lantern(a: Art) -> None:
    silk = a.content
    a.line([(50, 2), (50, 16)], INK, 0.6)
    a.rect(40, 14, 60, 20, (200, 160, 60))
    a.oval(24, 18, 76, 78, silk)
    for x in (32, 41, 50, 59, 68):
        a.line([(x, 20), (50 + (x - 50) * 1.3, 48), (x, 76)], _mix(silk, INK, 0.25), 0.5)
    a.rect(40, 76, 60, 82, (200, 160, 60))
    for x in range(44, 57, 3):
        a.line([(x, 82), (x, 92)], _mix(silk, (240, 200, 60), 0.5), 0.5)
    a.rect(62, 84, 96, 98, a.paper, radius=1)
    a.text((63, 85, 95, 97), a.spec.label, 3, a.ink)


def chopsticks(a: Art) -> None:
    wood = _jitter(a.content, a.rng, 20)
    a.shadow(8, 92, 82)
    for index in range(8):
        y = 40 + index * 4
        a.line([(10, y + 6), (90, y - 6)], _mix(wood, INK, 0.1 * (index % 2)), 2)
    a.rect(40, 30, 56, 76, a.paper)
    a.text((41, 32, 55, 74), a.spec.label, 3, a.ink, lines=4)


def tray(a: Art) -> None:
    wood = _jitter(a.content, a.rng, 16)
    a.shadow(8, 92, 80)
    a.oval(10, 46, 90, 80, _mix(wood, INK, 0.2))
    a.oval(13, 48, 87, 76, wood)
    for x in (34, 50, 66):
        a.oval(x - 6, 52, x + 6, 62, (240, 236, 226))
    a.rect(18, 12, 82, 36, a.paper, radius=1.5)
    a.text((20, 13, 80, 29), a.spec.label, 5, a.ink)
    a.text((20, 28, 80, 35), a.spec.caption, 3.2, _mix(a.ink, a.paper, 0.3), lines=1)


def board(a: Art) -> None:
    wood = _jitter(a.content, a.rng, 16)
    a.shadow(12, 88, 88)
    a.oval(14, 22, 86, 86, _mix(wood, INK, 0.15))
    a.oval(17, 25, 83, 83, wood)
    for r in (8, 16, 24):
        a.oval(50 - r, 54 - r, 50 + r, 54 + r, None, outline=_mix(wood, INK, 0.2), width=0.4)
    a.rect(26, 4, 74, 20, a.paper, radius=1.5)
    a.text((27, 5, 73, 19), a.spec.label, 4.2, a.ink)


def blocks(a: Art) -> None:
    a.shadow(12, 88, 88)
    colours = [(220, 60, 50), (240, 190, 40), (60, 140, 200), (80, 170, 90), (236, 210, 170)]
    a.rng.shuffle(colours)
    for index, (x, y) in enumerate(((18, 64), (40, 64), (62, 64), (29, 42), (51, 42))):
        a.rect(x, y, x + 20, y + 22, colours[index], radius=1.5)
    a.poly([(40, 42), (50, 24), (60, 42)], colours[0])
    a.rect(58, 8, 94, 30, a.paper, radius=1.5)
    a.text((59, 9, 93, 29), a.spec.label, 3.6, a.ink)


def teaset(a: Art) -> None:
    glaze = (244, 244, 240)
    blue = _jitter(a.content, a.rng, 20)
    a.shadow(8, 92, 86)
    a.oval(28, 36, 72, 82, glaze, outline=blue, width=0.6)
    a.poly([(70, 52), (88, 38), (90, 42), (72, 62)], glaze)
    a.draw.arc(a.box(16, 42, 36, 70), 90, 270, fill=glaze, width=int(3 * a.u))
    a.oval(40, 30, 60, 40, glaze, outline=blue, width=0.5)
    a.oval(47, 25, 53, 31, blue)
    for r in (6, 11):
        a.oval(50 - r, 59 - r * 0.8, 50 + r, 59 + r * 0.8, None, outline=blue, width=0.9)
    for x in (14, 86):
        a.rect(x - 7, 74, x + 7, 88, glaze, radius=2)
        a.line([(x - 5, 80), (x + 5, 80)], blue, 0.8)
    a.rect(24, 4, 76, 20, a.paper, radius=1.5)
    a.text((25, 5, 75, 19), f"{a.spec.label} {a.spec.caption}", 3.8, a.ink)


def plate(a: Art) -> None:
    glaze = (244, 240, 230)
    a.shadow(10, 90, 86)
    a.oval(10, 24, 90, 84, glaze, outline=_mix(a.content, WHITE, 0.3), width=1)
    a.oval(22, 33, 78, 75, None, outline=a.content, width=0.8)
    for angle in range(0, 360, 45):
        rad = math.radians(angle)
        x, y = 50 + 12 * math.cos(rad), 54 + 9 * math.sin(rad)
        a.oval(x - 6, y - 4, x + 6, y + 4, _mix(a.content, WHITE, 0.3))
    a.oval(45, 50, 55, 58, (240, 190, 60))
    a.rect(24, 2, 76, 18, a.paper, radius=1.5)
    a.text((25, 3, 75, 17), a.spec.label, 4.2, a.ink)


def vase(a: Art) -> None:
    glaze = _jitter(a.content, a.rng, 30)
    a.shadow(24, 76, 90)
    a.oval(24, 40, 76, 90, glaze)
    a.rect(40, 14, 60, 50, glaze)
    a.oval(36, 10, 64, 18, _mix(glaze, WHITE, 0.2))
    a.line([(30, 64), (70, 64)], _mix(glaze, WHITE, 0.5), 1)
    a.oval(32, 50, 40, 76, _mix(glaze, WHITE, 0.3))
    a.rect(62, 4, 98, 24, a.paper, radius=1.5)
    a.text((63, 5, 97, 23), a.spec.label, 3.4, a.ink, lines=3)


def bowls(a: Art) -> None:
    glaze = _jitter((236, 226, 200), a.rng, 12) if a.spec.trade == "gom" else _jitter(a.content, a.rng, 12)
    a.shadow(14, 86, 88)
    for index in range(3):
        y = 70 - index * 12
        a.draw.chord(
            a.box(18, y - 22, 82, y + 18),
            0,
            180,
            fill=_mix(glaze, INK, 0.05 * index),
            outline=_mix(glaze, INK, 0.3),
        )
        a.line([(22, y + 4), (78, y + 4)], a.content, 0.8)
    a.rect(22, 4, 78, 22, a.paper, radius=1.5)
    a.text((23, 5, 77, 21), a.spec.label, 4.2, a.ink)


def cup(a: Art) -> None:
    glaze = _jitter(a.content, a.rng, 40)
    a.shadow(20, 80, 88)
    a.draw.arc(a.box(58, 42, 84, 72), 270, 90, fill=glaze, width=int(4 * a.u))
    a.rect(22, 34, 66, 88, glaze, radius=5)
    a.oval(22, 30, 66, 40, _mix(glaze, INK, 0.3))
    a.line([(22, 50), (66, 50)], _mix(glaze, WHITE, 0.4), 1)
    a.rect(24, 4, 76, 22, a.paper, radius=1.5)
    a.text((25, 5, 75, 21), a.spec.label, 4.2, a.ink)


def frame(a: Art) -> None:
    wood = a.rng.choice(((120, 70, 40), (40, 30, 30), (200, 160, 60)))
    a.rect(12, 10, 88, 82, wood)
    a.rect(17, 15, 83, 77, (240, 226, 196))
    sky = _mix(a.content, WHITE, 0.7)
    a.rect(20, 18, 80, 50, sky)
    a.poly([(20, 50), (40, 30), (60, 50)], _mix(a.content, INK, 0.1))
    a.poly([(44, 50), (62, 34), (80, 50)], a.content)
    a.oval(62, 22, 72, 32, (240, 180, 50))
    a.rect(20, 50, 80, 74, _mix(a.content, WHITE, 0.4))
    a.rect(20, 84, 80, 98, a.paper, radius=1.5)
    a.text((21, 85, 79, 97), a.spec.label, 4, a.ink)


def doll(a: Art) -> None:
    a.shadow(30, 70, 90)
    a.poly([(50, 36), (72, 90), (28, 90)], a.content)
    _pattern(a, 36, 70, 64, 78, _mix(a.content, INK, 0.2))
    a.oval(40, 14, 60, 38, (240, 210, 180))
    a.rect(38, 12, 62, 20, (40, 30, 30), radius=4)
    a.rect(70, 70, 96, 90, a.paper, radius=1)
    a.text((71, 71, 95, 89), a.spec.label, 3, a.ink)


def candle(a: Art) -> None:
    wax = _jitter(a.content, a.rng, 12)
    a.shadow(24, 76, 90)
    a.rect(26, 40, 74, 90, (230, 236, 240), radius=4)
    a.rect(29, 46, 71, 87, wax, radius=3)
    a.line([(50, 46), (50, 38)], INK, 0.6)
    a.oval(46, 24, 54, 40, (246, 170, 40))
    a.oval(48, 30, 52, 38, (255, 236, 150))
    a.label(32, 58, 68, 82, size=4.6)


def jug(a: Art) -> None:
    clay = (110, 70, 46)
    for x, lean in ((44, -8), (52, 4), (58, 12)):
        a.line([(x, 30), (x + lean, 4)], (190, 170, 90), 1.2)
    a.shadow(18, 82, 90)
    a.oval(20, 30, 80, 90, clay)
    a.rect(38, 24, 62, 36, _mix(clay, INK, 0.2))
    for y in (50, 56):
        a.line([(24, y), (76, y)], (220, 190, 120), 0.8)
    a.label(32, 62, 68, 84, size=4.6)


def house(a: Art) -> None:
    _sky_and_ground(a)
    wall = a.rng.choice(((150, 100, 60), (236, 220, 190), (120, 80, 50)))
    stilts = a.spec.trade == "nha-san"
    floor = 52 if stilts else 60
    a.rect(24, floor - 20, 76, floor, wall)
    a.poly([(18, floor - 18), (50, floor - 40), (82, floor - 18)], _mix(wall, INK, 0.35))
    a.rect(44, floor - 14, 56, floor, _mix(wall, INK, 0.45))
    if stilts:
        for x in (26, 40, 60, 74):
            a.rect(x - 1, floor, x + 1, 70, _mix(wall, INK, 0.4))
    for x in (10, 88):
        a.oval(x - 7, 44, x + 7, 62, (60, 120, 60))
    _scene_caption(a)


def scene(a: Art) -> None:
    _sky_and_ground(a)
    green = a.content
    for row in range(4):  # terraces, tea rows or rice fields
        y = 50 + row * 7
        a.draw.arc(a.box(-20, y, 120, y + 30), 190, 350, fill=_mix(green, INK, 0.1 * row), width=int(2 * a.u))
    a.oval(66, 10, 80, 24, (250, 200, 80))
    _scene_caption(a)


def _sky_and_ground(a: Art) -> None:
    sky = a.rng.choice(SCENE_SKIES)
    a.rect(0, 0, 100, 100, sky)
    a.poly([(0, 60), (30, 34), (55, 56), (80, 30), (100, 50), (100, 100), (0, 100)], (120, 160, 120))
    a.rect(0, 70, 100, 100, (100, 150, 80))


def _scene_caption(a: Art) -> None:
    a.rect(6, 74, 94, 96, (255, 255, 255), radius=2)
    a.text((8, 75, 92, 89), a.spec.label, 4.4, INK)
    a.text((8, 88, 92, 95), a.spec.caption, 3, _mix(INK, WHITE, 0.35), lines=1)


LOOKS = {
    "bottle": bottle,
    "vial": vial,
    "jar": jar,
    "pouch": pouch,
    "box": box,
    "sack": sack,
    "produce": produce,
    "eggs": eggs,
    "flowerpot": flowerpot,
    "bar": bar,
    "fabric": fabric,
    "garment": garment,
    "hat": hat,
    "bag": bag,
    "cushion": cushion,
    "fan": fan,
    "bracelet": bracelet,
    "basket": basket,
    "mat": mat,
    "lantern": lantern,
    "chopsticks": chopsticks,
    "tray": tray,
    "board": board,
    "blocks": blocks,
    "comb": board,
    "teaset": teaset,
    "plate": plate,
    "vase": vase,
    "bowls": bowls,
    "cup": cup,
    "frame": frame,
    "doll": doll,
    "candle": candle,
    "jug": jug,
    "house": house,
    "scene": scene,
    "tent": scene,
}


def draw_product(spec) -> Image.Image:
    art = Art(spec)
    if spec.variant == 2:  # the second picture: the product on a table, seen closer
        art.rect(0, 78, 100, 100, _jitter((196, 150, 104), art.rng, 12))
    LOOKS[spec.shape](art)
    return art.finish()
