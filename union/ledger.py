"""The ledger in the admin: payout batches (balances of the officer's producers, the bank's CSV, marking paid),
totals owed per province union, the carrier's COD reconciliation files, and the service fee per unit.

Whoever may see orders sees the ledger of her scope; paying (and importing) asks the order
permission (its "refund" action: the change_order permission). Another unit's batch, payout or producer is a 404. The COD file covers the marketplace's own
carrier account, so only central staff import it; fee rates too are central's to set.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry

from marketplace.ledger.cod_import import OUTCOMES, cod_file_import
from marketplace.ledger.errors import LedgerError
from marketplace.ledger.forms import CodUploadForm, FeeRateForm, MarkPaidForm, PayoutBatchForm
from marketplace.ledger.models import CodRemittanceImport, FeeRate, Payout, PayoutBatch
from marketplace.ledger.payouts import (
    bank_file,
    payout_batch_create,
    payout_batch_mark_paid,
    payout_mark_paid,
)
from marketplace.ledger.selectors import balances, in_flight, totals_by_province
from marketplace.orders.models import Order
from producers.models import UnionUnit
from producers.selectors import is_central_admin, producers_for_staff, staff_unit


def _may(user, action: str) -> bool:
    return policy_registry.get_by_type(Order).user_has_permission(user, action)


def batches_for_staff(user):
    batches = PayoutBatch.objects.select_related("unit", "created_by")
    if is_central_admin(user):
        return batches
    unit = staff_unit(user)
    if unit is None:
        return batches.none()
    return batches.filter(unit__path__startswith=unit.path)


def _valid_pk(value) -> int:
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) < 19):
        raise Http404
    return int(text)


class LedgerView(generic.WagtailAdminTemplateMixin, TemplateView):
    action = "view"
    central_only = False
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not _may(request.user, self.action) or (self.central_only and not is_central_admin(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "is_central": is_central_admin(self.request.user)}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class PayoutListView(LedgerView):
    template_name = "union/ledger_payouts.html"
    page_title = gettext_lazy("Chuyển tiền cho nhà sản xuất")
    form = None

    def get_context_data(self, **kwargs):
        producers = producers_for_staff(self.request.user)
        today = timezone.localdate()
        owed, listed = balances(producers, today), in_flight(producers)
        rows = [{"producer": p, "owed": owed[p.pk], "listed": listed.get(p.pk, 0),
                 "has_bank": bool(p.bank_bin and p.bank_account_number and p.bank_account_name)}
                for p in producers.filter(pk__in=owed).order_by("name")]
        return {**super().get_context_data(**kwargs), "rows": rows,
                "batches": batches_for_staff(self.request.user)[:50],
                "form": self.form or PayoutBatchForm(initial={"up_to": today}),
                "may_pay": _may(self.request.user, "refund")}

    def post(self, request, *args, **kwargs):
        if not _may(request.user, "refund"):
            raise PermissionDenied
        form = PayoutBatchForm(request.POST)
        if form.is_valid():
            try:
                batch = payout_batch_create(producers=producers_for_staff(request.user),
                                            up_to=form.cleaned_data["up_to"], by=request.user,
                                            unit=staff_unit(request.user))
            except LedgerError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã lập đợt chuyển tiền."))
                return redirect("ledger:batch", batch.pk)
        self.form = form
        return self.render_to_response(self.get_context_data(), status=400)


class BatchView(LedgerView):
    template_name = "union/ledger_batch.html"
    batch_form = None

    @property
    def page_title(self):
        return _("Đợt chuyển tiền #%(pk)s") % {"pk": self.kwargs["pk"]}

    def batch(self) -> PayoutBatch:
        return get_object_or_404(batches_for_staff(self.request.user), pk=_valid_pk(self.kwargs["pk"]))

    def get_context_data(self, **kwargs):
        batch = self.batch()
        payouts = list(batch.payouts.select_related("producer").order_by("id"))
        return {**super().get_context_data(**kwargs), "batch": batch, "payouts": payouts,
                "pending": [p for p in payouts if p.status == Payout.Status.PENDING],
                "batch_form": self.batch_form or MarkPaidForm(), "may_pay": _may(self.request.user, "refund")}

    def post(self, request, *args, **kwargs):
        if not _may(request.user, "refund"):
            raise PermissionDenied
        batch = self.batch()
        form = MarkPaidForm(request.POST)
        raw = request.POST.get("payout", "")
        if form.is_valid():
            try:
                if raw:
                    payout = get_object_or_404(batch.payouts.filter(
                        producer__in=producers_for_staff(request.user)), pk=_valid_pk(raw))
                    payout_mark_paid(payout=payout, reference=form.cleaned_data["reference"], by=request.user)
                    messages.success(request, _("Đã ghi nhận khoản chuyển tiền."))
                else:
                    paid, problems = payout_batch_mark_paid(batch=batch, reference=form.cleaned_data["reference"],
                                                            by=request.user)
                    for problem in problems:
                        messages.warning(request, problem)
                    messages.success(request, _("Đã ghi nhận %(n)s khoản chuyển tiền.") % {"n": paid})
            except LedgerError as error:
                form.add_error(None, error.message)
            else:
                return redirect("ledger:batch", batch.pk)
        self.batch_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class BatchCsvView(BatchView):
    def get(self, request, *args, **kwargs):
        batch = self.batch()
        response = HttpResponse(bank_file(batch), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="chuyen-tien-dot-{batch.pk}.csv"'
        return response


class TotalsView(LedgerView):
    template_name = "union/ledger_totals.html"
    page_title = gettext_lazy("Số dư theo Hội tỉnh")

    def get_context_data(self, **kwargs):
        rows, total = totals_by_province(producers_for_staff(self.request.user))
        return {**super().get_context_data(**kwargs), "rows": rows, "total": total}


class CodImportView(LedgerView):
    template_name = "union/ledger_cod.html"
    page_title = gettext_lazy("Đối soát tiền thu hộ (COD)")
    central_only = True
    form = None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "form": self.form or CodUploadForm(),
                "imports": CodRemittanceImport.objects.select_related("uploaded_by")[:50]}

    def post(self, request, *args, **kwargs):
        if not _may(request.user, "refund"):
            raise PermissionDenied
        form = CodUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = cod_file_import(data=upload.read(), file_name=upload.name, by=request.user)
            except LedgerError as error:
                form.add_error("file", error.message)
            else:
                messages.success(request, _("Đã đối soát: %(ok)s dòng khớp, %(bad)s dòng lệch.")
                                 % {"ok": report.matched_count, "bad": report.problem_count})
                return redirect("ledger:cod_import", report.pk)
        self.form = form
        return self.render_to_response(self.get_context_data(), status=400)


class CodImportDetailView(LedgerView):
    template_name = "union/ledger_cod_detail.html"
    central_only = True

    @property
    def page_title(self):
        return _("Kết quả đối soát #%(pk)s") % {"pk": self.kwargs["pk"]}

    def get_context_data(self, **kwargs):
        report = get_object_or_404(CodRemittanceImport, pk=_valid_pk(self.kwargs["pk"]))
        lines = [{**line, "label": OUTCOMES.get(line["outcome"], line["outcome"])} for line in report.lines]
        return {**super().get_context_data(**kwargs), "report": report, "lines": lines,
                "problems": [line for line in lines if line["outcome"] != "matched"]}


class FeeRatesView(LedgerView):
    template_name = "union/ledger_fees.html"
    page_title = gettext_lazy("Phí dịch vụ theo đơn vị")
    central_only = True
    bound = None

    def get_context_data(self, **kwargs):
        units = UnionUnit.objects.filter(level__lte=UnionUnit.Level.PROVINCE).order_by("path")
        rates = {rate.unit_id: rate for rate in FeeRate.objects.filter(unit__in=units)}
        rows = []
        for unit in units:
            form = FeeRateForm(instance=rates.get(unit.pk), prefix=f"u{unit.pk}")
            if self.bound is not None and self.bound.prefix == f"u{unit.pk}":
                form = self.bound
            rows.append((unit, form))
        return {**super().get_context_data(**kwargs), "rows": rows}

    def post(self, request, *args, **kwargs):
        unit = get_object_or_404(UnionUnit.objects.filter(level__lte=UnionUnit.Level.PROVINCE),
                                 pk=_valid_pk(request.POST.get("unit", "")))
        rate = FeeRate.objects.filter(unit=unit).first() or FeeRate(unit=unit)
        form = FeeRateForm(request.POST, instance=rate, prefix=f"u{unit.pk}")
        if form.is_valid():
            if form.cleaned_data["basis_points"] is None:
                FeeRate.objects.filter(unit=unit).delete()  # back to the rate of the unit above
            else:
                form.save()
            messages.success(request, _("Đã lưu mức phí của %(unit)s.") % {"unit": unit.name})
            return redirect("ledger:fees")
        self.bound = form
        return self.render_to_response(self.get_context_data(), status=400)


class _LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        return _may(request.user, "view") and (
            is_central_admin(request.user) or staff_unit(request.user) is not None)


class LedgerViewSet(ViewSet):
    name = "ledger"
    url_prefix = "ledger"
    icon = "table"
    menu_label = gettext_lazy("Sổ cái và chuyển tiền")
    menu_item_class = _LedgerMenuItem
    add_to_admin_menu = True
    menu_order = 160

    def get_urlpatterns(self):
        return [
            path("", PayoutListView.as_view(), name="index"),
            path("batches/<str:pk>/", BatchView.as_view(), name="batch"),
            path("batches/<str:pk>/csv/", BatchCsvView.as_view(), name="batch_csv"),
            path("totals/", TotalsView.as_view(), name="totals"),
            path("cod/", CodImportView.as_view(), name="cod"),
            path("cod/<str:pk>/", CodImportDetailView.as_view(), name="cod_import"),
            path("fees/", FeeRatesView.as_view(), name="fees"),
        ]


@hooks.register("register_admin_viewset")
def register_ledger_viewset():
    return LedgerViewSet()

