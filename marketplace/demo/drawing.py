"""Paint the demo pictures with Pillow: a coloured ground, a simple shape and the group's name."""

import io
import math
import unicodedata
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from marketplace.demo.picture_specs import PictureSpec

WHITE = (255, 255, 255)
INK = (40, 30, 36)
FONT_FILES = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "NotoSans-Bold.ttf", "FreeSansBold.ttf")


@cache
def _font_file() -> str | None:
    # Pillow's built-in font has no Vietnamese letters; a system font draws "Chợ Phụ nữ" properly.
    for name in FONT_FILES:
        try:
            ImageFont.truetype(name, 12)
        except OSError:
            continue
        return name
    return None


def _font(size: int) -> ImageFont.FreeTypeFont:
    name = _font_file()
    return ImageFont.truetype(name, size) if name else ImageFont.load_default(size=size)


def _printable(text: str) -> str:
    if _font_file():
        return text
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in plain if unicodedata.category(ch) != "Mn")


def _mix(colour, other, amount: float):
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def wrap_words(draw: ImageDraw.ImageDraw, text: str, font, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and draw.textlength(trial, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


def _text_block(draw, box, text: str, size: int, fill) -> None:
    left, top, right, bottom = box
    font = _font(size)
    lines = wrap_words(draw, _printable(text), font, right - left)
    height = len(lines) * size * 1.25
    y = top + (bottom - top - height) / 2
    for line in lines:
        x = left + (right - left - draw.textlength(line, font=font)) / 2
        draw.text((x, y), line, font=font, fill=fill)
        y += size * 1.25


def _shape(draw, shape: str, cx: int, cy: int, r: int, fill, accent) -> None:
    if shape == "fruit":
        draw.ellipse((cx - r, cy - r + 30, cx + r, cy + r + 30), fill=fill)
        draw.ellipse((cx + 10, cy - r - 30, cx + r * 0.8, cy - r + 40), fill=accent)
    elif shape == "sack":
        draw.rounded_rectangle((cx - r * 0.8, cy - r * 0.6, cx + r * 0.8, cy + r), radius=60, fill=fill)
        draw.polygon([(cx - r * 0.5, cy - r * 0.6), (cx, cy - r), (cx + r * 0.5, cy - r * 0.6)], fill=fill)
        draw.rectangle((cx - r * 0.55, cy - r * 0.68, cx + r * 0.55, cy - r * 0.55), fill=accent)
    elif shape == "box":
        draw.rectangle((cx - r, cy - r * 0.6, cx + r, cy + r * 0.9), fill=fill)
        draw.rectangle((cx - 18, cy - r * 0.6, cx + 18, cy + r * 0.9), fill=accent)
        draw.rectangle((cx - r, cy - 10, cx + r, cy + 26), fill=accent)
    elif shape == "bottle":
        draw.rounded_rectangle((cx - r * 0.45, cy - r * 0.3, cx + r * 0.45, cy + r), radius=40, fill=fill)
        draw.rectangle((cx - r * 0.15, cy - r, cx + r * 0.15, cy - r * 0.25), fill=fill)
        draw.rectangle((cx - r * 0.35, cy + r * 0.1, cx + r * 0.35, cy + r * 0.55), fill=accent)
    elif shape == "leaf":
        draw.ellipse((cx - r * 0.55, cy - r, cx + r * 0.55, cy + r), fill=fill)
        draw.line((cx, cy - r * 0.9, cx, cy + r * 1.1), fill=accent, width=14)
        for step in (-0.5, 0, 0.5):
            draw.line((cx, cy + r * step, cx + r * 0.4, cy + r * (step - 0.35)), fill=accent, width=8)
            draw.line((cx, cy + r * step, cx - r * 0.4, cy + r * (step - 0.35)), fill=accent, width=8)
    elif shape == "cup":
        draw.pieslice((cx - r, cy - r * 0.9, cx + r * 0.7, cy + r * 0.9), 0, 180, fill=fill)
        draw.ellipse((cx + r * 0.45, cy - r * 0.1, cx + r, cy + r * 0.45), outline=fill, width=24)
        draw.ellipse((cx - r * 1.1, cy + r * 0.8, cx + r * 0.8, cy + r * 1.05), fill=accent)
    elif shape == "hexagons":
        for dx, dy in ((0, 0), (-1, 0), (1, 0), (-0.5, -0.87), (0.5, -0.87), (-0.5, 0.87), (0.5, 0.87)):
            hx, hy, hr = cx + dx * r * 0.62, cy + dy * r * 0.62, r * 0.34
            points = [(hx + hr * math.cos(math.radians(60 * k + 30)), hy + hr * math.sin(math.radians(60 * k + 30)))
                      for k in range(6)]
            draw.polygon(points, fill=fill if (dx + dy) % 1 == 0 else accent)
    elif shape == "glass":
        draw.polygon([(cx - r * 0.6, cy - r), (cx + r * 0.6, cy - r), (cx + r * 0.45, cy + r), (cx - r * 0.45, cy + r)],
                     fill=fill)
        draw.polygon([(cx - r * 0.55, cy - r * 0.3), (cx + r * 0.55, cy - r * 0.3), (cx + r * 0.45, cy + r),
                      (cx - r * 0.45, cy + r)], fill=accent)
    elif shape == "jar":
        draw.rounded_rectangle((cx - r * 0.7, cy - r * 0.6, cx + r * 0.7, cy + r), radius=50, fill=fill)
        draw.rectangle((cx - r * 0.55, cy - r * 0.9, cx + r * 0.55, cy - r * 0.55), fill=accent)
    elif shape == "drop":
        draw.ellipse((cx - r * 0.7, cy - r * 0.2, cx + r * 0.7, cy + r), fill=fill)
        draw.polygon([(cx - r * 0.62, cy + r * 0.1), (cx, cy - r), (cx + r * 0.62, cy + r * 0.1)], fill=fill)
        draw.ellipse((cx - r * 0.35, cy + r * 0.2, cx - r * 0.1, cy + r * 0.5), fill=accent)
    elif shape == "diamonds":
        for row in range(-2, 3):
            for col in range(-2, 3):
                x, y, d = cx + col * r * 0.45, cy + row * r * 0.45, r * 0.2
                draw.polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)], fill=fill if (row + col) % 2 else accent)
    elif shape == "waves":
        for index, y in enumerate(range(cy - r, cy + r, 40)):
            points = [(x, y + 16 * math.sin((x + index * 30) / 40)) for x in range(cx - r, cx + r, 8)]
            draw.line(points, fill=fill if index % 2 else accent, width=14)
    elif shape == "hat":
        draw.polygon([(cx - r * 1.1, cy + r * 0.5), (cx, cy - r), (cx + r * 1.1, cy + r * 0.5)], fill=fill)
        draw.arc((cx - r * 0.6, cy + r * 0.2, cx + r * 0.6, cy + r * 0.9), 0, 180, fill=accent, width=12)
    elif shape == "weave":
        for offset in range(-r, r + 1, 48):
            draw.line((cx + offset, cy - r, cx + offset, cy + r), fill=fill, width=26)
            draw.line((cx - r, cy + offset, cx + r, cy + offset), fill=accent, width=18)
    elif shape == "vase":
        draw.ellipse((cx - r * 0.75, cy - r * 0.2, cx + r * 0.75, cy + r), fill=fill)
        draw.rectangle((cx - r * 0.25, cy - r, cx + r * 0.25, cy), fill=fill)
        draw.ellipse((cx - r * 0.45, cy + r * 0.2, cx + r * 0.45, cy + r * 0.6), outline=accent, width=12)
    elif shape == "lantern":
        draw.ellipse((cx - r * 0.7, cy - r * 0.8, cx + r * 0.7, cy + r * 0.8), fill=fill)
        draw.rectangle((cx - r * 0.3, cy - r, cx + r * 0.3, cy - r * 0.75), fill=accent)
        draw.rectangle((cx - r * 0.3, cy + r * 0.75, cx + r * 0.3, cy + r), fill=accent)
        draw.line((cx, cy + r, cx, cy + r * 1.25), fill=accent, width=8)
    elif shape == "house":
        draw.rectangle((cx - r * 0.75, cy - r * 0.1, cx + r * 0.75, cy + r * 0.8), fill=fill)
        draw.polygon([(cx - r, cy), (cx, cy - r), (cx + r, cy)], fill=accent)
        for leg in (-0.6, -0.2, 0.2, 0.6):
            draw.rectangle((cx + r * leg - 8, cy + r * 0.8, cx + r * leg + 8, cy + r * 1.1), fill=accent)
    elif shape == "mountains":
        draw.ellipse((cx + r * 0.3, cy - r, cx + r * 0.8, cy - r * 0.5), fill=accent)
        draw.polygon([(cx - r * 1.1, cy + r), (cx - r * 0.3, cy - r * 0.5), (cx + r * 0.5, cy + r)], fill=fill)
        draw.polygon([(cx - r * 0.2, cy + r), (cx + r * 0.5, cy - r * 0.1), (cx + r * 1.1, cy + r)], fill=accent)
    else:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)


def _product(spec: PictureSpec) -> Image.Image:
    width, height = spec.size
    light = spec.variant == 2
    ground = _mix(spec.colour, WHITE, 0.78) if light else spec.colour
    image = Image.new("RGB", spec.size, ground)
    draw = ImageDraw.Draw(image)
    halo = _mix(ground, WHITE, 0.25)
    draw.ellipse((width * 0.18, height * 0.08, width * 0.82, height * 0.72), fill=halo)
    fill, accent = (spec.colour, _mix(spec.colour, INK, 0.45)) if light else (WHITE, _mix(spec.colour, WHITE, 0.5))
    _shape(draw, spec.shape, width // 2, int(height * 0.4), int(width * 0.2), fill, accent)
    draw.rectangle((0, height * 0.76, width, height), fill=WHITE if not light else spec.colour)
    _text_block(draw, (40, height * 0.77, width - 40, height * 0.93), spec.label, 46, INK if not light else WHITE)
    _text_block(draw, (40, height * 0.92, width - 40, height), "Chợ Phụ nữ", 22, _mix(spec.colour, INK, 0.3)
                if not light else WHITE)
    return image


def _logo(spec: PictureSpec) -> Image.Image:
    width, height = spec.size
    image = Image.new("RGB", spec.size, WHITE)
    draw = ImageDraw.Draw(image)
    tone = _mix(spec.colour, (30, 90, 60), (spec.variant - 1) / 5)
    draw.ellipse((20, 20, width - 20, height - 20), fill=tone)
    cx, cy = width // 2, int(height * 0.34)
    for petal in range(5):
        angle = math.radians(72 * petal - 90)
        px, py = cx + 38 * math.cos(angle), cy + 38 * math.sin(angle)
        draw.ellipse((px - 26, py - 26, px + 26, py + 26), fill=_mix(tone, WHITE, 0.7))
    draw.ellipse((cx - 18, cy - 18, cx + 18, cy + 18), fill=(245, 190, 60))
    _text_block(draw, (40, height * 0.5, width - 40, height * 0.75), spec.label, 72, WHITE)
    return image


def _banner(spec: PictureSpec) -> Image.Image:
    width, height = spec.size
    image = Image.new("RGB", spec.size, spec.colour)
    draw = ImageDraw.Draw(image)
    for band in range(12):
        top = height * band / 12
        draw.rectangle((0, top, width, top + height / 12), fill=_mix(spec.colour, WHITE, band / 30))
    shape = "mountains" if spec.shape == "hero" else spec.shape
    _shape(draw, shape, int(width * 0.75), int(height * 0.5), int(height * 0.3), WHITE, _mix(spec.colour, WHITE, 0.5))
    _text_block(draw, (60, height * 0.3, width * 0.55, height * 0.7), spec.label, height // 9, WHITE)
    return image


def draw_picture(spec: PictureSpec) -> bytes:
    """The picture as JPEG bytes."""
    if spec.shape == "logo":
        image = _logo(spec)
    elif spec.size[0] > spec.size[1]:
        image = _banner(spec)
    else:
        image = _product(spec)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
