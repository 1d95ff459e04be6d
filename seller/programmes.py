"""The union's work as a woman sees it in the seller centre: her mentor and goals (or the mentees she
helps, and the meeting log), trainings open to her (register, cancel, check in at the door, her ticket
code, certificates) and the support she received.

A mentor may be a union officer or member without a producer of her own, so the mentoring pages need
only a signed-in account; every object still comes through a selector that checks it is hers.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.links import absolute_url
from marketplace.core.vietqr import qr_svg
from producers.selectors import membership_of
from programmes import selectors
from programmes.check_in_codes import check_in_open, door_code_matches, ticket_code
from programmes.errors import ProgrammeError
from programmes.goals import goals_measure, progress
from programmes.models import PairGoal, Training, TrainingRegistration
from programmes.services.mentoring import goal_tick, session_log
from programmes.services.trainings import check_in, registration_cancel, training_register
from seller.access import login_required_here, seller_required
from seller.forms_programmes import SessionLogForm


def _producer(user):
    membership = membership_of(user)
    return membership.producer if membership else None


@login_required_here
def union_hub(request):
    """/seller/union/: mentoring, trainings and support on one page."""
    producer = _producer(request.user)
    as_mentee = list(selectors.pairs_of_mentee(producer)) if producer else []
    as_mentor = list(selectors.pairs_of_mentor(request.user))
    for pair in as_mentee + as_mentor:
        if pair.status == pair.Status.ACTIVE and goals_measure(pair):
            pair.goal_list = list(PairGoal.objects.filter(pair_id=pair.pk))
        pair.progress = progress(getattr(pair, "goal_list", None) or pair.goals.all())
    now = timezone.now()
    upcoming = (selectors.trainings_open_to(producer).filter(ends_at__gte=now).order_by("starts_at")[:20]
                if producer else [])
    mine = {r.training_id: r for r in TrainingRegistration.objects.filter(user=request.user).exclude(
        status=TrainingRegistration.Status.CANCELLED).select_related("training")}
    attended = [r for r in mine.values() if r.checked_in_at]
    return render(request, "seller/union_hub.html", {
        "producer": producer, "as_mentee": as_mentee, "as_mentor": as_mentor,
        "upcoming": [(training, mine.get(training.pk)) for training in upcoming],
        "attended": sorted(attended, key=lambda r: r.training.starts_at, reverse=True),
        "support": selectors.support_for_seller(request.user, producer)[:50] if producer else [],
        "contests": contests_for(producer) if producer else [],
    })


def contests_for(producer) -> list[dict]:
    """Contests still running that her producer may enter, with her entry and rank when she has one."""
    from programmes.contest_scores import leaderboard
    from programmes.models import Contest
    from programmes.services.contests import contest_is_open_to

    now = timezone.now()
    rows = []
    for contest in Contest.objects.filter(ends_at__gte=now).select_related("unit").prefetch_related("eligible_units"):
        if not contest_is_open_to(contest, producer):
            continue
        entry = contest.entries.filter(producer=producer).first()
        rank = next((row.rank for row in leaderboard(contest) if row.producer_id == producer.pk), None) if entry else None
        rows.append({"contest": contest, "entry": entry, "rank": rank,
                     "can_register": entry is None and contest.registration_opens <= now <= contest.registration_closes})
    return rows


@seller_required
def contest_register_view(request, producer, contest_id):
    from programmes.models import Contest
    from programmes.services.contests import contest_is_open_to, contest_register

    contest = Contest.objects.filter(pk=contest_id).first()
    if contest is None or not contest_is_open_to(contest, producer):
        raise Http404(_("Không tìm thấy cuộc thi này."))
    if request.method == "POST":
        try:
            contest_register(contest=contest, producer=producer, by=request.user)
        except ProgrammeError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã đăng ký dự thi “%(title)s”. Hãy hẹn lịch livestream trên Chợ Phụ nữ để "
                                        "được tính điểm.") % {"title": contest.title})
    return redirect("seller:union")


# --- Mentoring ------------------------------------------------------------------------------------


def _pair_or_404(request, pair_id):
    pair = selectors.pair_for_viewer(request.user, _producer(request.user), pair_id)
    if pair is None:
        raise Http404(_("Không tìm thấy cặp kèm cặp này."))
    return pair


@login_required_here
def pair_page(request, pair_id):
    pair = _pair_or_404(request, pair_id)
    is_mentor = pair.mentor_id == request.user.pk
    form = None
    if request.method == "POST":
        if not is_mentor:
            raise Http404
        form = SessionLogForm(request.POST)
        if form.is_valid():
            try:
                session_log(pair=pair, by=request.user, **form.cleaned_data)
            except ProgrammeError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Đã ghi buổi gặp. Cảm ơn chị!"))
                return redirect("seller:pair", pair.pk)
    elif is_mentor and pair.status == pair.Status.ACTIVE:
        form = SessionLogForm()
    if pair.status == pair.Status.ACTIVE:
        goals_measure(pair)
    goals = list(PairGoal.objects.filter(pair_id=pair.pk).order_by("sort_order", "pk"))
    return render(request, "seller/pair.html", {
        "producer": _producer(request.user), "pair": pair, "is_mentor": is_mentor, "form": form,
        "goals": goals, "progress": progress(goals), "sessions": pair.sessions.all()[:30],
        "mentor_phone": selectors.mentor_phone(pair),
    }, status=400 if form is not None and form.is_bound else 200)


@login_required_here
def goal_toggle(request, pair_id, goal_id):
    pair = _pair_or_404(request, pair_id)
    goal = get_object_or_404(PairGoal, pk=goal_id, pair=pair)
    if request.method != "POST":
        return redirect("seller:pair", pair.pk)
    try:
        goal_tick(goal=goal, by=request.user, met=request.POST.get("met") == "1")
    except ProgrammeError as error:
        messages.error(request, error.message)
    return redirect("seller:pair", pair.pk)


# --- Trainings ------------------------------------------------------------------------------------


def _training_open_or_404(producer, training_id) -> Training:
    training = selectors.trainings_open_to(producer).filter(pk=training_id).first()
    if training is None:
        raise Http404(_("Không tìm thấy lớp tập huấn này."))
    return training


@seller_required
def training_detail(request, producer, training_id):
    training = _training_open_or_404(producer, training_id)
    registration = selectors.registration_of(training, request.user)
    ticket = None
    if registration and registration.status == TrainingRegistration.Status.REGISTERED and not registration.checked_in_at:
        ticket_url = absolute_url(reverse("trainings:ticket", args=[ticket_code(registration)]))
        ticket = {"svg": qr_svg(ticket_url, _("Mã đăng ký tập huấn của chị")), "open": check_in_open(training)}
    now = timezone.now()
    return render(request, "seller/training.html", {
        "producer": producer, "training": training, "registration": registration, "ticket": ticket,
        "counts": selectors.seat_counts(training), "materials": training.materials.select_related("document"),
        "can_register": registration is None and now < training.ends_at,
        "can_cancel": registration is not None and not registration.checked_in_at and now < training.starts_at,
    })


@seller_required
def training_register_view(request, producer, training_id):
    training = _training_open_or_404(producer, training_id)
    if request.method != "POST":
        return redirect("seller:training_detail", training.pk)
    try:
        registration = training_register(training=training, user=request.user)
    except ProgrammeError as error:
        messages.error(request, error.message)
    else:
        if registration.status == TrainingRegistration.Status.WAITLISTED:
            messages.warning(request, _("Lớp đã đủ chỗ. Chị được ghi vào danh sách chờ; khi có người huỷ, chị sẽ "
                                        "được báo."))
        else:
            messages.success(request, _("Chị đã đăng ký lớp “%(title)s”.") % {"title": training.title})
    return redirect("seller:training_detail", training.pk)


@seller_required
def training_cancel_view(request, producer, training_id):
    training = _training_open_or_404(producer, training_id)
    if request.method != "POST":
        return redirect("seller:training_detail", training.pk)
    registration = selectors.registration_of(training, request.user)
    if registration is None:
        messages.error(request, _("Chị chưa đăng ký lớp này."))
    else:
        try:
            registration_cancel(registration=registration, by=request.user)
        except ProgrammeError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã huỷ đăng ký. Chỗ của chị được nhường cho chị em khác."))
    return redirect("seller:training_detail", training.pk)


@seller_required
def training_door(request, producer, training_id, code):
    """The door code scanned with her phone: one button checks her in."""
    training = _training_open_or_404(producer, training_id)
    if not door_code_matches(code, training):
        return render(request, "seller/training_door.html", {
            "producer": producer, "problem": _("Mã này không phải mã điểm danh của lớp này. Hãy quét lại mã ở cửa "
                                               "lớp, hoặc gặp cán bộ Hội.")}, status=400)
    registration = selectors.registration_of(training, request.user)
    problem = None
    if registration is None:
        problem = _("Chị chưa đăng ký lớp này. Hãy báo cán bộ Hội ở cửa lớp để được đăng ký và điểm danh.")
    elif not check_in_open(training):
        problem = _("Mã điểm danh chỉ dùng được trong giờ học (từ 60 phút trước giờ bắt đầu đến khi kết thúc).")
    elif request.method == "POST":
        try:
            done = check_in(registration=registration, by=request.user, method=TrainingRegistration.CheckIn.DOOR)
        except ProgrammeError as error:
            problem = error.message
        else:
            messages.success(request, _("Chị đã điểm danh. Chúc chị học tốt!") if done
                             else _("Chị đã điểm danh từ trước."))
            return redirect("seller:training_detail", training.pk)
    return render(request, "seller/training_door.html", {
        "producer": producer, "training": training, "registration": registration, "problem": problem,
    }, status=400 if problem else 200)


@login_required_here
def certificate(request, registration_id):
    registration = selectors.certificate_for_viewer(request.user, registration_id)
    if registration is None:
        raise Http404(_("Không tìm thấy chứng nhận này."))
    return render(request, "seller/certificate.html", {
        "registration": registration, "training": registration.training,
        "verify_url": absolute_url(reverse("certificate_verify", args=[registration.certificate_code])),
    })


def certificate_verify(request, code):
    """Public: anyone holding a printed certificate can check its code here."""
    code = (code or "").strip().upper()
    registration = None
    if code.isalnum() and len(code) <= 10:
        registration = (TrainingRegistration.objects.select_related("training", "training__unit", "user")
                        .filter(certificate_code=code, checked_in_at__isnull=False).first())
    return render(request, "seller/certificate_verify.html", {"registration": registration, "code": code},
                  status=200 if registration else 404)


