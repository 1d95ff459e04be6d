"""/orders/<token>/messages/: the buyer and the seller talk about one order (guests through the private order
link); the buyer can raise a complaint, which reaches the producer's union unit. Plain forms, no JavaScript."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from marketplace.conversations import selectors
from marketplace.conversations.forms import ComplaintForm, MessageForm
from marketplace.conversations.models import OrderMessage
from marketplace.conversations.services import ConversationError, complaint_raise, message_send
from marketplace.orders import selectors as order_selectors


@never_cache
def order_messages(request, token):
    order = order_selectors.order_for_token(token)
    form, complaint_form, status = MessageForm(), ComplaintForm(prefix="complaint"), 200
    if request.method == "POST":
        if "complaint" in request.POST:
            complaint_form = ComplaintForm(request.POST, prefix="complaint")
            if complaint_form.is_valid():
                try:
                    complaint_raise(order=order, text=complaint_form.cleaned_data["text"], by=request.user)
                except ConversationError as error:
                    complaint_form.add_error("text" if error.field else None, error.message)
                else:
                    messages.success(request, _("Đã gửi khiếu nại tới Hội Phụ nữ quản lý người bán. Hội sẽ đọc "
                                                "trao đổi của hai bên và liên hệ bạn."))
                    return redirect("conversations:order_messages", token=order.token)
        else:
            form = MessageForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    message_send(order=order, sender=OrderMessage.Sender.BUYER, author=request.user,
                                 text=form.cleaned_data["text"], photo=form.cleaned_data["photo"])
                except ConversationError as error:
                    form.add_error(error.field if error.field in form.fields else None, error.message)
                else:
                    messages.success(request, _("Đã gửi tin nhắn cho người bán."))
                    return redirect("conversations:order_messages", token=order.token)
        status = 400
    response = render(request, "conversations/order_messages.html", {
        "order": order, "thread": selectors.thread(order), "form": form, "complaint_form": complaint_form,
        "open_complaint": selectors.open_complaint(order), "mine": OrderMessage.Sender.BUYER,
    }, status=status)
    response["Referrer-Policy"] = "same-origin"
    return response
