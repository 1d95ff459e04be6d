"""Staff actions in the admin: verification decisions, certificate decisions and editing, product
moderation, branches, and the permission-checked download of private files.

Each view loads its object from the officer's scope (404 otherwise) and writes through a service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views

from marketplace.catalogue.services import CatalogueError, product_staff_hide, product_staff_restore
from marketplace.core.audit import audit_history, audit_record
from marketplace.core.private_files import CONTENT_TYPES, is_remote, signed_redirect
from marketplace.core.uploads import UploadRejected, sniff_document
from producers import selectors
from producers.models import OcopCertificate, Producer, VerificationRequest
from producers.services.errors import ProducerError
from producers.services.ocop import certificate_decide, certificate_set_products
from producers.services.union import union_branch_add, union_staff_attach
from producers.services.verification import verification_decide
from union.forms import (
    CertificateDecisionForm,
    ProductHideForm,
    ProductRestoreForm,
    VerificationDecisionForm,
)
from union.scoping import ScopedInspectMixin, ScopedObjectMixin

ACTION_LABELS = {
    "verification_submitted": gettext_lazy("Gửi xác minh"),
    "verification_approved": gettext_lazy("Duyệt hồ sơ"),
    "verification_changes": gettext_lazy("Yêu cầu bổ sung"),
    "verification_rejected": gettext_lazy("Từ chối hồ sơ"),
    "ocop_submitted": gettext_lazy("Người bán khai báo chứng nhận"),
    "ocop_created": gettext_lazy("Thêm chứng nhận"),
    "ocop_edited": gettext_lazy("Sửa chứng nhận"),
    "ocop_confirmed": gettext_lazy("Xác nhận chứng nhận"),
    "ocop_rejected": gettext_lazy("Chứng nhận không hợp lệ"),
    "ocop_expired": gettext_lazy("Chứng nhận hết hạn"),
    "product_created": gettext_lazy("Tạo sản phẩm"),
    "product_status": gettext_lazy("Đổi trạng thái"),
    "product_deleted": gettext_lazy("Người bán xoá sản phẩm"),
    "product_staff_hidden": gettext_lazy("Hội ẩn sản phẩm"),
    "product_staff_restored": gettext_lazy("Hội hiện lại sản phẩm"),
}


def _state_labels() -> dict:
    from marketplace.catalogue.models import Product

    return {**dict(Product.Status.choices), **dict(OcopCertificate.Status.choices),
            **dict(Producer.Verification.choices), "staff_hidden": _("bị Hội ẩn"), "visible": _("hiển thị")}


def history_rows(events) -> list[dict]:
    """Audit events as staff read them: Vietnamese names for actions and states."""
    states = _state_labels()
    return [
        {"at": event.created_at, "who": event.actor, "reason": event.reason,
         "action": ACTION_LABELS.get(event.action, event.action),
         "from": states.get(event.from_state, event.from_state), "to": states.get(event.to_state, event.to_state)}
        for event in events
    ]


def _require_instance_permission(request, action: str, instance) -> None:
    if not policy_registry.get(instance).user_has_permission_for_instance(request.user, action, instance):
        raise PermissionDenied


# --- Producers ----------------------------------------------------------------------------------


def producer_dossier(producer, user) -> dict:
    """What staff read about a producer: team, documents, certificates, requests and history."""
    return {
        "producer": producer,
        "members": producer.members.select_related("user").order_by("created_at"),
        "documents": selectors.documents_for_staff(user).filter(producer=producer),
        "certificates": selectors.certificates_for_staff(user).filter(producer=producer),
        "verification_requests": producer.verification_requests.select_related("decided_by")[:20],
        "history": history_rows(audit_history(producer)[:50]),
        "can_review": policy_registry.get_by_type(VerificationRequest).user_has_permission(user, "view"),
    }


class ProducerInspectView(ScopedInspectMixin, snippet_views.InspectView):
    template_name = "union/producer_inspect.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **producer_dossier(self.object, self.request.user)}


# --- Verification requests ----------------------------------------------------------------------


class VerificationReviewView(ScopedInspectMixin, generic.InspectView):
    """The review page: the producer's profile and documents, and the three decisions."""

    template_name = "union/verification_review.html"
    page_title = gettext_lazy("Xét duyệt hồ sơ")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        request_ = self.object
        context.update(producer_dossier(request_.producer, self.request.user))
        context["verification"] = request_
        context["is_pending"] = request_.status == VerificationRequest.Status.PENDING
        context["can_decide"] = context["is_pending"] and self.user_has_permission_for_instance("change", request_)
        context["form"] = form or VerificationDecisionForm()
        context["producer_url"] = reverse("wagtailsnippets_producers_producer:inspect", args=[request_.producer_id])
        return context

    def post(self, request, *args, **kwargs):
        _require_instance_permission(request, "change", self.object)
        form = VerificationDecisionForm(request.POST)
        if form.is_valid():
            try:
                verification_decide(request=self.object, by=request.user, decision=form.cleaned_data["decision"],
                                    reason=form.cleaned_data["reason"])
            except ProducerError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã ghi quyết định cho “%(name)s”. Người bán sẽ nhận email.")
                                 % {"name": self.object.producer.name})
                return redirect("verification_requests:index")
        else:
            messages.error(request, _("Chưa ghi được quyết định: hãy xem lỗi bên dưới."))
        self.object.refresh_from_db()  # someone else may have decided meanwhile
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- OCOP certificates --------------------------------------------------------------------------


class CertificateInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/certificate_inspect.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        context.update({
            "certificate": certificate,
            "products": certificate.products.all(),
            "history": history_rows(audit_history(certificate)[:30]),
            "form": form or CertificateDecisionForm(),
            "can_decide": self.user_has_permission_for_instance("change", certificate),
            "scan_url": reverse("ocop_certificates:scan", args=[certificate.pk]) if certificate.scan else "",
            "producer_url": reverse("wagtailsnippets_producers_producer:inspect", args=[certificate.producer_id]),
        })
        return context

    def post(self, request, *args, **kwargs):
        _require_instance_permission(request, "change", self.object)
        form = CertificateDecisionForm(request.POST)
        if form.is_valid():
            confirm = form.cleaned_data["decision"] == "confirm"
            try:
                certificate_decide(certificate=self.object, by=request.user, confirm=confirm,
                                   reason=form.cleaned_data["reason"])
            except ProducerError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã xác nhận chứng nhận.") if confirm
                                 else _("Đã đánh dấu chứng nhận không hợp lệ."))
                return redirect("ocop_certificates:inspect", self.object.pk)
        else:
            messages.error(request, _("Chưa ghi được quyết định: hãy xem lỗi bên dưới."))
        self.object.refresh_from_db()  # someone else may have decided meanwhile
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CertificateCreateView(generic.CreateView):
    def save_instance(self):
        certificate = self.form.save(commit=False)
        certificate.save()
        audit_record(subject=certificate, action="ocop_created", actor=self.request.user,
                     to_state=certificate.status)
        return certificate

    def get_success_url(self):
        # Products can be chosen once the certificate knows its producer.
        return reverse(self.edit_url_name, args=[self.object.pk])


class CertificateEditView(ScopedObjectMixin, generic.EditView):
    object_actions = ("change",)

    def save_instance(self):
        certificate = self.form.save(commit=False)
        certificate.save()
        if "products" in self.form.fields:
            certificate_set_products(certificate=certificate, products=list(self.form.cleaned_data["products"]))
        audit_record(subject=certificate, action="ocop_edited", actor=self.request.user,
                     from_state=certificate.status, to_state=certificate.status)
        return certificate


# --- Union units --------------------------------------------------------------------------------


class BranchCreateView(generic.CreateView):
    page_title = gettext_lazy("Thêm chi hội")
    success_message = gettext_lazy("Đã thêm chi hội “%(object)s”.")

    def get_initial(self):
        initial = super().get_initial()
        parent = self.request.GET.get("parent", "")
        if parent.isdigit():
            initial["parent"] = parent
        return initial

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProducerError as error:  # the parent changed between the form check and the write
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)

    def save_instance(self):
        return union_branch_add(parent=self.form.cleaned_data["parent"], name=self.form.cleaned_data["name"],
                                by=self.request.user)


class BranchEditView(ScopedObjectMixin, generic.EditView):
    object_actions = ("change",)  # the policy lets only branches change


class UnionStaffCreateView(generic.CreateView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProducerError as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)

    def save_instance(self):
        cleaned = self.form.cleaned_data
        return union_staff_attach(user=cleaned["identifier"], unit=cleaned["unit"], title=cleaned.get("title", ""),
                                  by=self.request.user)


# --- Products -----------------------------------------------------------------------------------


class ProductInspectView(ScopedInspectMixin, snippet_views.InspectView):
    template_name = "union/product_inspect.html"

    def get_context_data(self, **kwargs):
        product = self.object
        policy = policy_registry.get(product)
        return {
            **super().get_context_data(**kwargs),
            "product": product,
            "variants": product.variants.all(),
            "history": history_rows(audit_history(product)[:30]),
            "can_moderate": policy.user_has_permission_for_instance(self.request.user, "moderate", product),
            "hide_url": reverse("wagtailsnippets_catalogue_product:hide", args=[product.pk]),
            "restore_url": reverse("wagtailsnippets_catalogue_product:restore", args=[product.pk]),
            "producer_url": reverse("wagtailsnippets_producers_producer:inspect", args=[product.producer_id]),
        }


class ProductModerationView(generic.WagtailAdminTemplateMixin, TemplateView):
    """Hide (reason required) or restore a product of the officer's scope; GET shows the form."""

    template_name = "union/product_moderate.html"
    form_class = ProductHideForm
    hide = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        from marketplace.catalogue.models import Product

        scope = policy_registry.get_by_type(Product).instances_user_has_any_permission_for(request.user, ["moderate"])
        self.object = get_object_or_404(scope, pk=kwargs["pk"])

    def get_page_title(self):
        return _("Ẩn sản phẩm") if self.hide else _("Hiện lại sản phẩm")

    def get_page_subtitle(self):
        return self.object.name

    @cached_property
    def breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailsnippets_catalogue_product:list"), "label": _("Sản phẩm")},
            {"url": reverse("wagtailsnippets_catalogue_product:inspect", args=[self.object.pk]),
             "label": self.object.name},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"product": self.object, "form": form or self.form_class(), "hide": self.hide})
        return context

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.perform(form.cleaned_data["reason"])
            except CatalogueError as error:
                form.add_error(None, error.message)
            else:
                return redirect("wagtailsnippets_catalogue_product:inspect", self.object.pk)
        messages.error(request, _("Chưa thực hiện được: hãy xem lỗi bên dưới."))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def perform(self, reason: str) -> None:
        product_staff_hide(product=self.object, by=self.request.user, reason=reason)
        messages.success(self.request, _("Đã ẩn “%(name)s” khỏi cửa hàng.") % {"name": self.object.name})


class ProductRestoreView(ProductModerationView):
    form_class = ProductRestoreForm
    hide = False

    def perform(self, reason: str) -> None:
        if not self.object.staff_hidden:
            raise CatalogueError(_("Sản phẩm này không bị Hội ẩn."))
        product_staff_restore(product=self.object, by=self.request.user, reason=reason)
        messages.success(self.request, _("Đã hiện lại “%(name)s”.") % {"name": self.object.name})


# --- Private files ------------------------------------------------------------------------------


def private_file_response(field_file, *, download_name: str) -> HttpResponse:
    """Serve a private document inline, typed by its bytes, never cached by shared caches."""
    if is_remote(field_file):
        # In a private bucket: a redirect to a short-lived signed URL rather than the bytes through the app.
        # The type comes from the stored name; an unknown one is offered as a download, never rendered.
        extension = field_file.name.rsplit(".", 1)[-1].lower()
        content_type = CONTENT_TYPES.get(extension)
        try:
            return signed_redirect(field_file, content_type=content_type or "application/octet-stream",
                                   filename=f"{download_name}.{extension if content_type else 'bin'}",
                                   inline=content_type is not None)
        except FileNotFoundError:
            raise Http404 from None
    try:
        handle = field_file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    try:
        content_type, extension = sniff_document(handle)
        inline = True
    except UploadRejected:
        content_type, extension, inline = "application/octet-stream", "bin", False
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline,
                            filename=f"{download_name}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def document_download(request, document_id: int):
    document = selectors.document_for_viewer(request.user, document_id)
    if document is None:
        raise Http404
    return private_file_response(document.file, download_name=f"giay-to-{document.pk}")


@require_GET
def certificate_scan_download(request, pk: int):
    certificate = selectors.certificate_scan_for_viewer(request.user, pk)
    if certificate is None or not certificate.scan:
        raise Http404
    return private_file_response(certificate.scan, download_name=f"chung-nhan-ocop-{certificate.pk}")
