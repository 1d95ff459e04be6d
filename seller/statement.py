"""/seller/so-du/: what the marketplace holds for her (card payments, COD collected, less refunds, fees and
payouts) over a date range, and the same as CSV."""

import csv

from django.http import HttpResponse
from django.shortcuts import render

from marketplace.core.text import spreadsheet_safe
from marketplace.ledger.forms import StatementRangeForm
from marketplace.ledger.selectors import statement
from seller.access import seller_required


def _range(request):
    form = StatementRangeForm(request.GET)  # empty: this month so far
    return form, form.is_valid()


@seller_required
def statement_page(request, producer):
    form, valid = _range(request)
    context = {"producer": producer, "form": form}
    if valid:
        data = form.cleaned_data
        context["statement"] = statement(producer, data["date_from"], data["date_to"])
        context["csv_query"] = request.GET.urlencode()
    return render(request, "seller/statement.html", context, status=200 if valid else 400)


@seller_required
def statement_csv(request, producer):
    form, valid = _range(request)
    if not valid:
        return render(request, "seller/statement.html", {"producer": producer, "form": form}, status=400)
    data = form.cleaned_data
    result = statement(producer, data["date_from"], data["date_to"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="so-du-{data["date_from"]:%Y%m%d}-{data["date_to"]:%Y%m%d}.csv"')
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["Ngày", "Loại", "Đơn", "Diễn giải", "Số tiền (₫)", "Số dư (₫)"])
    writer.writerow([f"{data['date_from']:%d/%m/%Y}", "Số dư đầu kỳ", "", "", "", result.opening])
    for line in result.lines:
        txn = line.entry.transaction
        writer.writerow([f"{txn.occurred_at:%d/%m/%Y %H:%M}", txn.get_kind_display(),
                         txn.order.number if txn.order else "", spreadsheet_safe(txn.memo), line.change, line.running])
    writer.writerow([f"{data['date_to']:%d/%m/%Y}", "Số dư cuối kỳ", "", "", "", result.closing])
    return response
