""" "Theo dõi" pages: the follow button's target (and its form page for guests), and the confirm and
unsubscribe pages reached from emails.

Confirm and unsubscribe show a button on GET and act only on POST, so a mail scanner that opens every
link changes nothing. Unsubscribe also takes the one-click POST of RFC 8058 (the mail app posts
"List-Unsubscribe=One-Click" without a CSRF token; the secret token in the URL is the proof).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from marketplace.core.net import client_ip
from marketplace.core.views import Http404ForVisitor
from producers import follows

MESSAGE_TAG = "producer-follow"
ANCHOR = "#theo-doi"


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request, slug: str):
    producer = follows.producer_for_follow(slug)
    if producer is None:
        raise Http404ForVisitor(_("Không tìm thấy nhà sản xuất này."))
    back = _back_url(request, producer)
    if request.method == "GET":
        return render(request, "producers/follow_page.html", {"producer": producer, "next": back})
    try:
        if request.user.is_authenticated:
            action = request.POST.get("action")
            if action not in ("follow", "unfollow"):
                raise follows.FollowError(_("Yêu cầu không hợp lệ, hãy bấm lại nút Theo dõi."))
            outcome = follows.follow_set(producer=producer, user=request.user, following=action == "follow")
        else:
            outcome = follows.follow_request(
                producer=producer, email=request.POST.get("email", ""), client_address=client_ip(request)
            )
    except follows.FollowError as error:
        if error.field != "email":
            messages.warning(request, error.message, extra_tags=MESSAGE_TAG)
            return redirect(back)
        return render(
            request,
            "producers/follow_page.html",
            {
                "producer": producer,
                "next": back,
                "email": request.POST.get("email", "")[:254],
                "email_error": error.message,
            },
            status=400,
        )
    messages.add_message(request, *_answer(outcome, request.user), extra_tags=MESSAGE_TAG)
    return redirect(back)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    follow = follows.follow_for_token(token)
    if follow is None:
        return _unknown_link(request)
    done = False
    if request.method == "POST" and follow.unsubscribed_at is None:
        follow, done = follows.follow_confirm(follow=follow), True
    return render(
        request,
        "producers/follow_confirm.html",
        {"follow": follow, "producer": follow.producer, "done": done},
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    follow = follows.follow_for_token(token)
    if follow is None:
        return _unknown_link(request)
    done = False
    if request.method == "POST":
        follow, done = follows.follow_unsubscribe(follow=follow), True
    return render(
        request,
        "producers/follow_unsubscribe.html",
        {"follow": follow, "producer": follow.producer, "done": done},
    )


def _answer(outcome: follows.FollowOutcome, user) -> tuple[int, str]:
    name = outcome.follow.producer.name if outcome.follow else ""
    if outcome.status == "unfollowed":
        return messages.SUCCESS, _("Đã bỏ theo dõi %(name)s.") % {"name": name}
    if outcome.status == "followed" or (outcome.status == "already" and user.is_authenticated):
        if outcome.follow is None:
            return messages.INFO, _("Bạn chưa theo dõi nhà sản xuất này.")
        if not outcome.follow.address:
            return messages.SUCCESS, _(
                "Đã theo dõi %(name)s. Tài khoản của bạn chưa có email nên chúng tôi chưa "
                "gửi tin được; hãy thêm email vào tài khoản."
            ) % {"name": name}
        return messages.SUCCESS, _(
            "Đã theo dõi %(name)s. Khi có sản phẩm mới hay phiên live mới, chúng tôi gửi thư tới %(email)s."
        ) % {"name": name, "email": outcome.follow.address}
    email = outcome.follow.email
    if outcome.follow.confirmed_at is not None:
        return messages.INFO, _("%(email)s đã theo dõi nhà sản xuất này rồi.") % {"email": email}
    if outcome.confirmation_sent:
        return messages.SUCCESS, _(
            "Gần xong! Hãy mở thư chúng tôi vừa gửi tới %(email)s và bấm vào đường dẫn để xác nhận theo dõi."
        ) % {"email": email}
    return messages.WARNING, _(
        "Đã ghi nhận %(email)s. Thư xác nhận đã được gửi gần đây, hãy kiểm tra hộp thư (cả mục Spam)."
    ) % {"email": email}


def _back_url(request, producer) -> str:
    """Back to the page the button was on (producer or product page), never to another site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target.split("#")[0][:500] + ANCHOR
    return producer.get_absolute_url() + ANCHOR


def _unknown_link(request):
    return render(request, "producers/follow_unknown.html", status=404)
