"""/seller/start/ creates the producer, /seller/profile/ edits it and its photos."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.core.uploads import UploadRejected
from producers.models import Producer, ProducerPhoto
from producers.selectors import membership_of
from producers.services.errors import ProducerError
from producers.services.photos import (
    producer_logo_set,
    producer_photo_add,
    producer_photo_remove,
    producer_photos_describe,
)
from producers.services.profile import producer_create, producer_update
from seller.access import login_required_here, own, seller_required
from seller.forms import ProducerForm, ProducerPhotoForm


def _save(request, form, *, creating: bool) -> Producer | None:
    """Producer, logo and membership in one transaction: on any refusal nothing is kept."""
    try:
        with transaction.atomic():
            producer = form.save(commit=False)
            if creating:
                producer = producer_create(owner=request.user, producer=producer)
            else:
                producer = producer_update(producer=producer)
            if form.cleaned_data.get("logo"):
                producer_logo_set(producer=producer, uploaded=form.cleaned_data["logo"], by=request.user)
        return producer
    except ProducerError as error:
        form.add_error(None, error.message)
    except UploadRejected as error:
        form.add_error("logo", error.message)
    except IntegrityError:  # two people saving the same registration number at the same moment
        form.add_error("registration_number", _("Số đăng ký kinh doanh này đã được dùng cho một nhà sản xuất khác."))
    return None


def _bound_form(request, instance):
    if "choose_province" in request.POST:
        return ProducerForm.for_province(request.POST, instance=instance)
    return ProducerForm(request.POST, request.FILES, instance=instance)


@login_required_here
def start(request):
    if membership_of(request.user) is not None:
        return redirect("seller:dashboard")
    form = ProducerForm(instance=Producer())
    if request.method == "POST":
        form = _bound_form(request, Producer())
        if form.is_bound and form.is_valid():
            producer = _save(request, form, creating=True)
            if producer is not None:
                if producer.union_unit:
                    messages.success(request, _("Đã tạo hồ sơ “%(name)s”. Đơn vị Hội phụ trách: %(unit)s.")
                                     % {"name": producer.name, "unit": producer.union_unit.name})
                else:
                    messages.success(request, _("Đã tạo hồ sơ “%(name)s”. Cán bộ Hội sẽ xếp đơn vị phụ trách.")
                                     % {"name": producer.name})
                return redirect("seller:dashboard")
    return render(request, "seller/start.html", {"form": form})


def _render_profile(request, producer, *, form=None, photo_form=None, status=200):
    return render(request, "seller/profile.html", {
        "producer": producer,
        "form": form or ProducerForm(instance=producer),
        "photo_form": photo_form or ProducerPhotoForm(),
        "photos": ProducerPhoto.objects.filter(producer=producer).select_related("image").order_by("sort_order"),
    }, status=status)


@seller_required
def edit(request, producer):
    if request.method != "POST":
        return _render_profile(request, producer)
    form = _bound_form(request, Producer.objects.get(pk=producer.pk))
    if form.is_bound and form.is_valid():
        if _save(request, form, creating=False) is not None:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("seller:profile")
    return _render_profile(request, producer, form=form)


@seller_required
def photo_add(request, producer):
    if request.method != "POST":
        return redirect("seller:profile")
    photo_form = ProducerPhotoForm(request.POST, request.FILES)
    if photo_form.is_valid():
        try:
            producer_photo_add(producer=producer, uploaded=photo_form.cleaned_data["photo"],
                               alt_text=photo_form.cleaned_data["alt_text"], by=request.user)
        except (ProducerError, UploadRejected) as error:
            photo_form.add_error("photo", error.message)
        else:
            messages.success(request, _("Đã thêm ảnh."))
            return redirect("seller:profile")
    return _render_profile(request, producer, photo_form=photo_form)


@seller_required
def photos_describe(request, producer):
    if request.method == "POST":
        alt_texts = {}
        for key, value in request.POST.items():
            if key.startswith("alt-") and key[4:].isdigit():
                alt_texts[int(key[4:])] = value
        producer_photos_describe(producer=producer, alt_texts=alt_texts)
        messages.success(request, _("Đã lưu mô tả ảnh."))
    return redirect("seller:profile")


@seller_required
def photo_remove(request, producer, photo_id: int):
    photo = own(ProducerPhoto.objects, "producer", producer, pk=photo_id)
    if request.method == "POST":
        producer_photo_remove(producer=producer, photo_id=photo.pk)
        messages.success(request, _("Đã xoá ảnh."))
    return redirect("seller:profile")
