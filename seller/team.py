"""/seller/team/: the owner invites helpers by phone or email and removes them; helpers only look.

/seller/invitations/<token>/: the invited person, signed in, accepts.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.accounts.phone import format_phone
from marketplace.core.links import absolute_url
from marketplace.core.views import Http404ForVisitor
from producers.models import ProducerInvitation, ProducerMember
from producers.selectors import membership_of
from producers.services import team
from producers.services.errors import ProducerError
from seller import selectors
from seller.access import is_owner, login_required_here, own, seller_required
from seller.forms import InviteForm


@seller_required
def team_page(request, producer):
    form = InviteForm()
    if request.method == "POST":
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invitation = team.helper_invite(producer=producer, by=request.user, **form.cleaned_data["identifier"])
            except ProducerError as error:
                form.add_error("identifier", error.message)
            else:
                who = format_phone(invitation.phone) or invitation.email
                messages.success(request, _("Đã tạo lời mời cho %(who)s. Gửi đường dẫn bên dưới cho người ấy qua "
                                            "Zalo hoặc tin nhắn.") % {"who": who})
                return redirect("seller:team")
    members = [(member, format_phone(member.user.phone) or member.user.email or "")
               for member in selectors.team_members(producer)]
    invitations = [
        (invitation, format_phone(invitation.phone) or invitation.email,
         absolute_url(reverse("seller:invitation_accept", args=[invitation.token])))
        for invitation in selectors.open_invitations(producer)
    ]
    return render(request, "seller/team.html", {
        "producer": producer,
        "members": members,
        "invitations": invitations,
        "is_owner": is_owner(request),
        "form": form,
    })


@seller_required
def invitation_revoke(request, producer, invitation_id: int):
    invitation = own(ProducerInvitation.objects, "producer", producer, pk=invitation_id)
    if request.method == "POST":
        try:
            team.invitation_revoke(producer=producer, by=request.user, invitation_id=invitation.pk)
        except ProducerError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã huỷ lời mời."))
    return redirect("seller:team")


@seller_required
def member_remove(request, producer, member_id: int):
    member = own(ProducerMember.objects, "producer", producer, pk=member_id)
    if request.method == "POST":
        try:
            team.helper_remove(producer=producer, by=request.user, member_id=member.pk)
        except ProducerError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã bỏ %(who)s khỏi nhóm.") % {"who": member.user.get_full_name() or member.user})
    return redirect("seller:team")


@login_required_here
def invitation_accept(request, token: str):
    invitation = ProducerInvitation.objects.select_related("producer").filter(token=token).first()
    if invitation is None or not invitation.is_open:
        raise Http404ForVisitor(_("Lời mời này không còn hiệu lực. Hãy hỏi chủ gian hàng gửi lời mời mới."))
    membership = membership_of(request.user)
    if membership is not None:
        if membership.producer_id == invitation.producer_id:
            return redirect("seller:dashboard")
        raise Http404ForVisitor(_("Tài khoản này đã thuộc một gian hàng khác, không nhận được lời mời này."))
    error = ""
    if request.method == "POST":
        try:
            team.invitation_accept(token=token, user=request.user)
        except ProducerError as refused:
            error = refused.message
        else:
            messages.success(request, _("Chào mừng chị đến với gian hàng %(name)s.") % {"name": invitation.producer.name})
            return redirect("seller:dashboard")
    return render(request, "seller/invitation.html", {"invitation": invitation, "error": error})
