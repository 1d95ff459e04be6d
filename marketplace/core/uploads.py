"""Uploads checked by content, never by name: photos through Pillow, documents by magic bytes.

Photos: JPEG, PNG or WebP only (no SVG), at most 10 MB and 40 megapixels (a decompression bomb is
refused, not just warned about), EXIF orientation applied, then re-encoded without any metadata so
GPS and camera data never reach the public site. Documents (verification papers, certificate scans):
PDF kept byte for byte; a picture of a paper is cleaned exactly as a photo is.
"""

import io
import warnings

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "MPO": "jpg"}
# Many phone cameras write JPEGs with a second, multi-picture frame that Pillow calls MPO.
SAVE_FORMAT = {"MPO": "JPEG"}
# What draws the picture; everything else in `info` (comments, XMP, EXIF) is left behind.
KEPT_INFO = ("transparency", "icc_profile")
DOCUMENT_SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}


IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


class UploadRejected(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _check_size(uploaded) -> None:
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("Tệp lớn hơn 10 MB. Hãy chụp lại với độ phân giải thấp hơn."))
    if uploaded.size == 0:
        raise UploadRejected(_("Tệp trống."))


def clean_photo(uploaded, *, name_stem: str = "anh") -> ContentFile:
    """The photo as a clean, upright, metadata-free file, or UploadRejected with a clear message."""
    _check_size(uploaded)
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(uploaded)
            if image.format not in PHOTO_FORMATS:
                raise UploadRejected(_("Chỉ nhận ảnh JPEG, PNG hoặc WebP."))
            if image.width * image.height > MAX_PIXELS:
                raise UploadRejected(_("Ảnh quá lớn (hơn 40 triệu điểm ảnh)."))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(_("Ảnh quá lớn (hơn 40 triệu điểm ảnh).")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRejected(_("Tệp này không phải ảnh hợp lệ hoặc đã bị hỏng.")) from None
    source_format = SAVE_FORMAT.get(image.format, image.format)
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:  # a corrupt EXIF block only loses its orientation hint; the photo is still good
        pass
    extension = PHOTO_FORMATS[source_format]
    if source_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Pillow writes a JPEG's comment back from `info`, so `info` itself is emptied of metadata.
    image.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    buffer = io.BytesIO()
    save_options = {"quality": 88, "optimize": True} if source_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(buffer, format=source_format, icc_profile=image.info.get("icc_profile"), **save_options)
    return ContentFile(buffer.getvalue(), name=f"{name_stem}.{extension}")


def clean_document(uploaded, *, name_stem: str) -> tuple[object, str, str]:
    """(file to store, content type, extension): a PDF as uploaded, a picture cleaned like a photo
    (pixel cap, orientation applied, every metadata field dropped), or UploadRejected."""
    content_type, extension = sniff_document(uploaded)
    if content_type == "application/pdf":
        uploaded.name = f"{name_stem}.pdf"
        return uploaded, content_type, extension
    cleaned = clean_photo(uploaded, name_stem=name_stem)
    extension = cleaned.name.rsplit(".", 1)[-1]
    return cleaned, IMAGE_TYPES[extension], extension


def sniff_document(uploaded) -> tuple[str, str]:
    """(content type, extension) of a PDF, JPEG, PNG or WebP judged by its bytes, else UploadRejected."""
    _check_size(uploaded)
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for signature, kind in DOCUMENT_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    raise UploadRejected(_("Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."))
