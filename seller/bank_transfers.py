"""/seller/bank-transfers/: the transfers to her account the system could not match to an order by itself
(too little, too much, no order number, a cancelled order...), and those it did; she settles each by hand."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.orders.models import Order, OrderStatusChange
from marketplace.payments.bank_transfers.forms import ResolveForm
from marketplace.payments.bank_transfers.models import BankTransfer
from marketplace.payments.bank_transfers.resolution import bank_transfer_resolve
from marketplace.payments.bank_transfers.selectors import transfers_of_producer
from marketplace.payments.errors import PaymentError
from seller.access import own, seller_required


@seller_required
def transfer_list(request, producer):
    """The queue, and (POST) the settling of one of its transfers, named by the form's `transfer` field."""
    bound, status = None, 200
    if request.method == "POST":
        transfer = _own_transfer(request.POST.get("transfer", ""), producer)
        bound = ResolveForm(request.POST, prefix=f"t{transfer.pk}")
        if bound.is_valid():
            try:
                bank_transfer_resolve(
                    transfer=transfer,
                    by=request.user,
                    role=OrderStatusChange.Role.SELLER,
                    action=bound.cleaned_data["action"],
                    note=bound.cleaned_data["note"],
                    order_number=bound.cleaned_data["order_number"],
                    orders=Order.objects.filter(producer=producer),
                )
            except PaymentError as error:
                bound.add_error(None, error.message)
            else:
                messages.success(request, _("Đã ghi cách xử lý giao dịch."))
                return redirect("seller:bank_transfers")
        status = 400
    page = Paginator(transfers_of_producer(producer), 20).get_page(request.GET.get("page"))
    rows = [(transfer, _form_for(transfer, bound)) for transfer in page]
    # A transfer settled meanwhile (another tab, a colleague) shows no form: say why here instead.
    shown = any(form is bound for _transfer, form in rows)
    problem = (
        bound.non_field_errors()[0] if bound is not None and not shown and bound.non_field_errors() else ""
    )
    return render(
        request,
        "seller/bank_transfers.html",
        {"producer": producer, "page_obj": page, "rows": rows, "problem": problem},
        status=status,
    )


def _own_transfer(raw: str, producer) -> BankTransfer:
    if not (raw.isascii() and raw.isdigit() and len(raw) < 19):
        raise Http404
    return own(BankTransfer.objects.all(), "producer", producer, pk=int(raw))


def _form_for(transfer: BankTransfer, bound: ResolveForm | None) -> ResolveForm | None:
    if transfer.status != BankTransfer.Status.UNMATCHED:
        return None
    if bound is not None and bound.prefix == f"t{transfer.pk}":
        return bound
    return ResolveForm(prefix=f"t{transfer.pk}")
