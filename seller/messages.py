"""/seller/orders/<number>/messages/: the seller reads and answers the buyer's messages about one order."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.conversations import selectors
from marketplace.conversations.forms import MessageForm
from marketplace.conversations.models import OrderMessage
from marketplace.conversations.services import ConversationError, message_send
from seller import selectors_orders
from seller.access import seller_required


@seller_required
def order_messages(request, producer, number: str):
    order = selectors_orders.own_order(producer, number)
    form, status = MessageForm(), 200
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_send(order=order, sender=OrderMessage.Sender.SELLER, author=request.user,
                             text=form.cleaned_data["text"], photo=form.cleaned_data["photo"])
            except ConversationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Đã gửi tin nhắn cho người mua."))
                return redirect("seller:order_messages", number=order.number)
        status = 400
    return render(request, "seller/order_messages.html", {
        "producer": producer, "order": order, "thread": selectors.thread(order), "form": form,
        "open_complaint": selectors.open_complaint(order), "mine": OrderMessage.Sender.SELLER,
    }, status=status)
