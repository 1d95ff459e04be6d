"""Private files of a producer, to its own members only: verification documents and OCOP scans."""

from django.http import FileResponse, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from marketplace.core.private_files import CONTENT_TYPES, is_remote, signed_redirect
from marketplace.core.views import Http404ForVisitor
from producers.selectors import certificate_scan_for_viewer, document_for_viewer
from seller.access import seller_required


def private_file_response(field_file, *, content_type: str, name_stem: str) -> HttpResponse:
    extension = field_file.name.rsplit(".", 1)[-1].lower()
    try:
        if is_remote(field_file):  # in a private bucket: a short-lived signed URL, not the bytes through us
            return signed_redirect(field_file, content_type=content_type, filename=f"{name_stem}.{extension}",
                                   inline=content_type != "application/octet-stream")
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404ForVisitor(_("Tệp này không còn trên máy chủ, hãy tải lên lại.")) from None
    response = FileResponse(handle, content_type=content_type, as_attachment=False,
                            filename=f"{name_stem}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=0)
    return response


@seller_required
def document_file(request, producer, document_id: int):
    document = document_for_viewer(request.user, document_id)
    if document is None or document.producer_id != producer.pk:
        raise Http404ForVisitor(_("Không tìm thấy giấy tờ này."))
    return private_file_response(document.file, content_type=document.content_type,
                                 name_stem=f"giay-to-{document.pk}")


@seller_required
def certificate_scan(request, producer, certificate_id: int):
    certificate = certificate_scan_for_viewer(request.user, certificate_id)
    if certificate is None or certificate.producer_id != producer.pk or not certificate.scan:
        raise Http404ForVisitor(_("Không tìm thấy bản chụp chứng nhận này."))
    extension = certificate.scan.name.rsplit(".", 1)[-1].lower()
    # Stored scans are named by their sniffed type; anything else is served as bytes, never rendered.
    return private_file_response(certificate.scan, content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
                                 name_stem=f"chung-nhan-ocop-{certificate.pk}")
