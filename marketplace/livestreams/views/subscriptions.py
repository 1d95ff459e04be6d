""""Nhắc tôi": the subscribe form's target, and the confirm and unsubscribe pages reached from emails.

Confirm and unsubscribe show a page with a button on GET and act only on POST, so a mail scanner that
follows every link changes nothing. Unsubscribe also takes the one-click POST of RFC 8058 (the mail
app posts "List-Unsubscribe=One-Click" without a CSRF token; the secret token in the URL is the proof).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.core.net import client_ip
from marketplace.core.views import Http404ForVisitor
from marketplace.livestreams import subscriptions
from marketplace.livestreams.errors import LiveError

MESSAGE_TAG = "live-remind"


class RemindForm(forms.Form):
    # The service validates the address; the form only carries it back to the page with its error.
    email = forms.CharField(label=gettext_lazy("Email nhận nhắc"), required=False, strip=True)


@require_POST
def subscribe(request, pk: int):
    session = subscriptions.session_for_reminders(pk)
    if session is None:
        raise Http404ForVisitor(_("Không tìm thấy phiên live này."))
    form = RemindForm(request.POST)
    form.is_valid()
    try:
        outcome = subscriptions.subscription_request(
            session=session, email=form.cleaned_data.get("email", ""), user=request.user,
            client_address=client_ip(request))
    except LiveError as error:
        if error.field != "email":
            messages.warning(request, error.message, extra_tags=MESSAGE_TAG)
            return redirect(_session_path(session))
        form.add_error("email", error.message)
        return render(request, "livestreams/subscribe_result.html", {"session": session, "remind_form": form},
                      status=400)
    messages.add_message(request, *_answer(outcome), extra_tags=MESSAGE_TAG)
    return redirect(_session_path(session))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    subscription = subscriptions.subscription_for_token(token)
    if subscription is None:
        return _unknown_link(request)
    if request.method == "POST" and subscription.unsubscribed_at is None:
        subscription = subscriptions.subscription_confirm(subscription=subscription)
        return render(request, "livestreams/subscription_confirm.html",
                      {"subscription": subscription, "session": subscription.session, "done": True})
    return render(request, "livestreams/subscription_confirm.html",
                  {"subscription": subscription, "session": subscription.session, "done": False})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscription = subscriptions.subscription_for_token(token)
    if subscription is None:
        return _unknown_link(request)
    done = False
    if request.method == "POST":
        subscription = subscriptions.subscription_unsubscribe(subscription=subscription)
        done = True
    return render(request, "livestreams/subscription_unsubscribe.html",
                  {"subscription": subscription, "session": subscription.session, "done": done})


def _answer(outcome: subscriptions.SubscribeOutcome) -> tuple[int, str]:
    email = outcome.subscription.email
    if outcome.status == "confirmed":
        return messages.SUCCESS, _("Đã bật nhắc. Chúng tôi sẽ gửi email tới %(email)s.") % {"email": email}
    if outcome.status == "pending":
        if outcome.confirmation_sent:
            return messages.SUCCESS, _(
                "Gần xong! Hãy mở thư chúng tôi vừa gửi tới %(email)s và bấm vào đường dẫn để xác nhận.") % {
                "email": email}
        return messages.WARNING, _(
            "Đã ghi nhận %(email)s. Thư xác nhận vừa được gửi gần đây, hãy kiểm tra hộp thư (cả mục Spam).") % {
            "email": email}
    if outcome.subscription.confirmed_at is None:
        if outcome.confirmation_sent:
            return messages.INFO, _("Bạn đã đăng ký nhắc cho phiên này rồi. Chúng tôi vừa gửi lại thư xác nhận "
                                    "tới %(email)s.") % {"email": email}
        return messages.INFO, _("Bạn đã đăng ký nhắc cho phiên này rồi. Hãy mở thư xác nhận đã gửi tới "
                                "%(email)s (xem cả mục Spam).") % {"email": email}
    return messages.INFO, _("Bạn đã đăng ký nhắc cho phiên này rồi.")


def _session_path(session) -> str:
    return reverse("livestreams:detail", args=[session.pk]) + "#nhac-toi"


def _unknown_link(request):
    return render(request, "livestreams/subscription_unknown.html", status=404)
