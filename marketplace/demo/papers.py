"""The papers a demo producer uploads: a one-page PDF and a photographed card, both marked as samples.

Small on purpose (a few kilobytes): they only have to open in the staff's viewer and pass the
upload checks, which judge a file by its first bytes.
"""

import io
import unicodedata

from PIL import Image, ImageDraw

from marketplace.demo.drawing import INK, WHITE, _font, _printable

SAMPLE_MARK = "MẪU – DỮ LIỆU DEMO, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"


def _pdf_text(line: str) -> str:
    # The PDF's built-in Helvetica has no Vietnamese letters: write the words without diacritics.
    decomposed = unicodedata.normalize("NFD", line.replace("đ", "d").replace("Đ", "D").replace("–", "-"))
    plain = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return plain.encode("ascii", "replace").decode().replace("\\", "").replace("(", "").replace(")", "")


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A valid one-page A4 PDF with `title`, `lines` and the sample mark."""
    rows = [(18, title.upper()), *[(12, line) for line in lines], (10, SAMPLE_MARK)]
    commands, y = ["BT"], 780
    for size, line in rows:
        commands.append(f"/F1 {size} Tf 1 0 0 1 56 {y} Tm ({_pdf_text(line)}) Tj")
        y -= size + 14
    commands.append("ET")
    stream = "\n".join(commands).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def card_jpeg(title: str, lines: list[str], colour=(196, 222, 240)) -> bytes:
    """A card photographed on a table: a coloured card, a photo box, `title` and `lines`."""
    image = Image.new("RGB", (640, 400), (120, 104, 92))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((24, 24, 616, 376), radius=22, fill=colour)
    draw.rectangle((48, 110, 188, 290), fill=WHITE, outline=INK, width=2)
    draw.ellipse((88, 140, 148, 200), fill=(170, 160, 150))
    draw.pieslice((68, 200, 168, 300), 180, 360, fill=(170, 160, 150))
    draw.text((48, 48), _printable(title.upper()), font=_font(30), fill=INK)
    for row, line in enumerate(lines):
        draw.text((212, 120 + row * 36), _printable(line), font=_font(22), fill=INK)
    draw.text((48, 330), _printable(SAMPLE_MARK), font=_font(18), fill=(176, 18, 79))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
