"""/seller/certificates/: her OCOP certificates, declaring a new one, withdrawing one not yet confirmed.

A declaration waits for union staff (certificate_decide in the admin); only then does the badge show.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.core.uploads import UploadRejected
from producers.models import OcopCertificate
from producers.services.errors import ProducerError
from producers.services.ocop import certificate_submit, certificate_withdraw
from seller import selectors_ocop
from seller.access import seller_required
from seller.forms_ocop import CertificateDeclareForm


@seller_required
def certificate_list(request, producer):
    certificates = list(selectors_ocop.seller_certificates(producer))
    reasons = selectors_ocop.rejection_reasons(certificates)
    return render(request, "seller/ocop_list.html", {
        "producer": producer,
        "rows": [(certificate, reasons.get(certificate.pk, "")) for certificate in certificates],
        "confirmed": OcopCertificate.Status.CONFIRMED,
    })


@seller_required
def declare(request, producer):
    form = CertificateDeclareForm(producer=producer)
    if request.method == "POST":
        form = CertificateDeclareForm(request.POST, request.FILES, producer=producer)
        if form.is_valid():
            try:
                certificate_submit(producer=producer, by=request.user, **form.cleaned_data)
            except UploadRejected as error:
                form.add_error("scan", error.message)
            except ProducerError as error:
                form.add_error(getattr(error, "field", None), error.message)
            else:
                messages.success(request, _("Đã gửi, chờ cán bộ Hội xác nhận."))
                return redirect("seller:certificates")
    return render(request, "seller/ocop_declare.html", {"producer": producer, "form": form})


@seller_required
def withdraw(request, producer, certificate_id: int):
    certificate = selectors_ocop.own_certificate(producer, certificate_id)
    if request.method == "POST":
        try:
            certificate_withdraw(certificate=certificate, by=request.user)
        except ProducerError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã rút lại chứng nhận."))
    return redirect("seller:certificates")
