"""/seller/verification/: documents, what is still missing, submitting, and the history of decisions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.core.uploads import UploadRejected
from producers.models import Producer, VerificationDocument
from producers.services import documents
from producers.services.errors import ProducerError
from producers.services.verification import SUBMITTABLE, check_can_submit, producer_submit_for_verification
from seller import selectors
from seller.access import own, seller_required
from seller.forms import DocumentForm, SubmitForm


def _may_upload(producer) -> bool:
    # While staff look at the file it stays as sent; a verified producer may still add, e.g. a new OCOP scan.
    return producer.verification_status != Producer.Verification.SUBMITTED


def _render(request, producer, *, document_form=None, submit_form=None, status=200):
    return render(request, "seller/verification.html", {
        "producer": producer,
        "documents": producer.documents.all(),
        "can_upload": _may_upload(producer),
        "can_delete": producer.verification_status in SUBMITTABLE,
        "can_submit": producer.verification_status in SUBMITTABLE,
        "missing": check_can_submit(producer),
        "document_form": document_form or DocumentForm(),
        "submit_form": submit_form or SubmitForm(),
        "history": selectors.verification_history(producer),
        "certificates": producer.ocop_certificates.order_by("-expires_on"),
    }, status=status)


@seller_required
def overview(request, producer):
    return _render(request, producer)


@seller_required
def document_upload(request, producer):
    if request.method != "POST":
        return redirect("seller:verification")
    if not _may_upload(producer):
        messages.error(request, _("Hồ sơ đang chờ xác minh, chưa thể thêm giấy tờ."))
        return redirect("seller:verification")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            documents.document_upload(producer=producer, kind=form.cleaned_data["kind"],
                                      uploaded=form.cleaned_data["file"], by=request.user)
        except (UploadRejected, ProducerError) as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Đã tải lên giấy tờ."))
            return redirect("seller:verification")
    return _render(request, producer, document_form=form)


@seller_required
def document_delete(request, producer, document_id: int):
    document = own(VerificationDocument.objects, "producer", producer, pk=document_id)
    if request.method == "POST":
        if producer.verification_status not in SUBMITTABLE:
            messages.error(request, _("Hồ sơ đang chờ xác minh hoặc đã được xác minh, không xoá được giấy tờ."))
        else:
            documents.document_delete(document=document)
            messages.success(request, _("Đã xoá giấy tờ."))
    return redirect("seller:verification")


@seller_required
def submit(request, producer):
    if request.method != "POST":
        return redirect("seller:verification")
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            producer_submit_for_verification(producer=producer, by=request.user, note=form.cleaned_data["note"])
        except ProducerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã gửi hồ sơ. Cán bộ Hội sẽ xem và báo kết quả cho chị."))
            return redirect("seller:dashboard")
    return _render(request, producer, submit_form=form)
