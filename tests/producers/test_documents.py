"""Verification documents: judged by their bytes, stored privately, never half-saved."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from PIL import Image

from marketplace.core.uploads import UploadRejected
from producers.models import VerificationDocument
from producers.services.documents import document_delete, document_upload
from tests.factories_producers import EXE_BYTES, PDF_BYTES, SVG_BYTES, image_bytes, upload

pytestmark = pytest.mark.django_db

Kind = VerificationDocument.Kind


def _private_files() -> list[Path]:
    root = Path(storages["private"].location)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("content", "name", "content_type", "extension"),
    [
        (PDF_BYTES, "giay-dang-ky.pdf", "application/pdf", "pdf"),
        (image_bytes("JPEG"), "cccd.jpg", "image/jpeg", "jpg"),
        (image_bytes("PNG"), "cccd.png", "image/png", "png"),
        (image_bytes("WEBP"), "cccd.webp", "image/webp", "webp"),
        (image_bytes("PNG"), "anh-chup.pdf", "image/png", "png"),
        (PDF_BYTES, "khong-duoi", "application/pdf", "pdf"),
    ],
)
def test_documents_are_accepted_by_content_and_stored_privately(
    ha_noi_producer, content, name, content_type, extension
):
    document = document_upload(producer=ha_noi_producer, kind=Kind.REPRESENTATIVE_ID, uploaded=upload(content, name),
                               by=None)

    document.refresh_from_db()
    stored = Path(document.file.path)
    assert (document.content_type, document.size, document.original_name) == (content_type, stored.stat().st_size,
                                                                                 name)
    assert document.file.name.startswith(f"producers/{ha_noi_producer.pk}/")
    assert document.file.name.endswith(f".{extension}")
    if content_type == "application/pdf":
        assert stored.read_bytes() == content  # a PDF as uploaded; a picture is re-encoded without its metadata
    else:
        assert Image.open(stored).format == {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[extension]
    assert stored.is_relative_to(storages["private"].location)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE_BYTES, "giay-dang-ky.pdf", "Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."),
        (SVG_BYTES, "logo.svg", "Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."),
        (image_bytes("GIF"), "anh.gif", "Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."),
        (b"", "trong.pdf", "Tệp trống."),
        (b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), "to.pdf", "Tệp lớn hơn 10 MB. Hãy chụp lại với độ phân giải thấp hơn."),
    ],
)
def test_other_files_are_refused_and_nothing_is_saved(ha_noi_producer, content, name, message):
    with pytest.raises(UploadRejected) as error:
        document_upload(producer=ha_noi_producer, kind=Kind.OTHER, uploaded=upload(content, name), by=None)

    assert error.value.message == message
    assert not VerificationDocument.objects.exists()
    assert _private_files() == []


def test_a_document_of_exactly_10_mb_is_accepted(ha_noi_producer):
    content = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 - 9)

    document = document_upload(producer=ha_noi_producer, kind=Kind.OTHER, uploaded=upload(content), by=None)

    assert document.size == 10 * 1024 * 1024


def test_document_delete_removes_the_row_and_the_file(ha_noi_producer):
    document = document_upload(producer=ha_noi_producer, kind=Kind.OTHER, uploaded=upload(PDF_BYTES), by=None)
    assert len(_private_files()) == 1

    document_delete(document=document)

    assert not VerificationDocument.objects.exists()
    assert _private_files() == []
