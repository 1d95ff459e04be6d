from django.db import transaction

from marketplace.core.uploads import clean_document
from producers.models import Producer, VerificationDocument


@transaction.atomic
def document_upload(*, producer: Producer, kind: str, uploaded, by) -> VerificationDocument:
    """Store a verification document privately after checking what it really is."""
    original_name = (uploaded.name or "tai-lieu")[:200]
    stored, content_type, extension = clean_document(uploaded, name_stem="document")
    document = VerificationDocument(
        producer=producer, kind=kind, content_type=content_type, size=stored.size,
        original_name=original_name, uploaded_by=by,
    )
    document.file.save(f"document.{extension}", stored, save=False)  # the name from its bytes, not the upload
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: VerificationDocument) -> None:
    document.file.delete(save=False)
    document.delete()
