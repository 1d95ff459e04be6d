"""Forms of the seller's live sessions: schedule/edit, cancel, pins and the quick order.

The forms only read and tidy what was typed; the rules (platform links, times, overlaps, prices
below normal, caps within stock) are the services'. Their LiveError lands on the field it names.
"""

import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.phone import normalise_phone
from marketplace.catalogue.models import MAX_PRICE_VND
from marketplace.core.forms import VietnameseMessages, number_input, photo_input
from marketplace.core.geography import province_choices
from marketplace.core.money import format_vnd
from marketplace.core.uploads import UploadRejected, clean_photo
from marketplace.livestreams.models import LiveSession
from marketplace.livestreams.platforms import url_matches_platform
from marketplace.orders.placement import MAX_LINE_QUANTITY
from producers.models import Producer

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DATETIME_FORMATS = [
    "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%H:%M %d/%m/%Y",
]
MAX_CO_HOSTS = 5


class VietnamDateTimeField(forms.Field):
    """A <input type="datetime-local"> read as Vietnam time; "31/12/2025 19:30" is understood too."""

    default_error_messages = {
        "invalid": _("Ngày giờ chưa đúng. Hãy chọn trên lịch, hoặc gõ theo dạng 31/12/2025 19:30."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        text = " ".join(str(value).split())[:40]
        for pattern in DATETIME_FORMATS:
            try:
                return datetime.strptime(text, pattern).replace(tzinfo=VIETNAM)
            except ValueError:
                continue
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return value.astimezone(VIETNAM)
        return value


def producer_refs(text: str) -> list[str]:
    """The producer slugs in "htx-a, https://…/producers/htx-b/": a page link or a bare slug each."""
    slugs: list[str] = []
    for token in re.split(r"[\s,;]+", text or ""):
        token = token.strip()
        if not token:
            continue
        if "/" in token:
            try:
                path = urlsplit(token if "://" in token else "https://" + token).path
            except ValueError:
                path = token
            parts = [part for part in path.split("/") if part]
            if "producers" in parts and parts.index("producers") + 1 < len(parts):
                token = parts[parts.index("producers") + 1]
            elif parts:
                token = parts[-1]
        token = token.lower()
        if token not in slugs:
            slugs.append(token)
    return slugs


def replay_url_field() -> forms.CharField:
    return forms.CharField(
        label=_("Đường dẫn xem lại"), required=False, max_length=500,
        widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "off", "placeholder": "https://"}),
        help_text=_("Dán đường dẫn video xem lại: người đăng ký nhắc lịch sẽ nhận tin."),
    )


class ReplayForm(VietnameseMessages, forms.Form):
    replay_url = replay_url_field()


class SessionForm(VietnameseMessages, forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=150,
                            help_text=_("Ví dụ: Live chốt đơn mật ong hoa nhãn, giá live từ 120.000 ₫."))
    title.own_messages = {"required": _("Hãy đặt tiêu đề cho phiên live.")}
    description = forms.CharField(label=_("Giới thiệu (không bắt buộc)"), required=False, max_length=3000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    platform = forms.ChoiceField(label=_("Nền tảng"))
    platform.own_messages = {"required": _("Hãy chọn nền tảng live.")}
    stream_url = forms.CharField(
        label=_("Đường dẫn buổi live"), max_length=500,
        widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "off", "placeholder": "https://"}),
        help_text=_("Dán đường dẫn https:// của buổi live hoặc trang live trên nền tảng đã chọn."),
    )
    stream_url.own_messages = {"required": _("Hãy dán đường dẫn buổi live.")}
    starts_at = VietnamDateTimeField(label=_("Bắt đầu lúc"), help_text=_("Giờ Việt Nam."))
    starts_at.own_messages = {"required": _("Hãy chọn ngày giờ bắt đầu.")}
    ends_at = VietnamDateTimeField(label=_("Kết thúc lúc (dự kiến)"))
    ends_at.own_messages = {"required": _("Hãy chọn ngày giờ kết thúc.")}
    co_hosts = forms.CharField(
        label=_("Cùng live với cơ sở khác (không bắt buộc)"), required=False, max_length=1000,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Dán đường dẫn trang của cơ sở trên Chợ Phụ nữ (…/producers/ten-co-so/), nhiều cơ sở thì "
                    "cách nhau bằng dấu phẩy. Chỉ cơ sở đã được Hội xác minh."),
    )
    cover = forms.FileField(label=_("Ảnh bìa (không bắt buộc)"), required=False, widget=photo_input())
    replay_url = replay_url_field()

    def __init__(self, *args, host: Producer, session: LiveSession | None = None, **kwargs):
        self.host, self.session = host, session
        if session is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "title": session.title, "description": session.description, "platform": session.platform,
                "stream_url": session.stream_url, "starts_at": session.starts_at, "ends_at": session.ends_at,
                "co_hosts": ", ".join(producer.slug for producer in session.co_hosts.all()),
                "replay_url": session.replay_url,
            }
        super().__init__(*args, **kwargs)
        self.fields["platform"].choices = [("", _("— Chọn nền tảng —")), *LiveSession.Platform.choices]
        if session is not None and session.state != LiveSession.State.SCHEDULED:
            for name in ("starts_at", "ends_at"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Phiên đã bắt đầu nên không đổi giờ được nữa.")
        if session is None or session.state != LiveSession.State.ENDED:
            del self.fields["replay_url"]

    def clean(self):
        """Say every mistake at once; the service checks these again (and the rest) when saving."""
        data = super().clean()
        platform, url = data.get("platform"), (data.get("stream_url") or "").strip()
        if platform and url and not url_matches_platform(platform, url):
            self.add_error("stream_url", _(
                "Đường dẫn này không phải của %(platform)s. Hãy dán đường dẫn https:// của buổi live trên "
                "%(platform)s.") % {"platform": LiveSession.Platform(platform).label})
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at and not self.fields["ends_at"].disabled:
            self.add_error("ends_at", _("Giờ kết thúc phải sau giờ bắt đầu."))
        return data

    def clean_co_hosts(self) -> list[Producer]:
        slugs = producer_refs(self.cleaned_data["co_hosts"])
        found = {producer.slug: producer for producer in Producer.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise forms.ValidationError(
                _("Không tìm thấy cơ sở: %(names)s. Hãy dán đúng đường dẫn trang của cơ sở.")
                % {"names": ", ".join(f"«{slug[:60]}»" for slug in unknown[:5])})
        producers = [found[slug] for slug in slugs if found[slug].pk != self.host.pk]
        unverified = [producer.name for producer in producers if not producer.is_verified]
        if unverified:
            raise forms.ValidationError(_("Chưa được Hội xác minh nên chưa cùng live được: %(names)s.")
                                        % {"names": ", ".join(unverified)})
        if len(producers) > MAX_CO_HOSTS:
            raise forms.ValidationError(_("Một phiên cùng live với tối đa %(n)d cơ sở.") % {"n": MAX_CO_HOSTS})
        return producers

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        if not upload:
            return None
        try:
            return clean_photo(upload, name_stem="anh-bia-live")
        except UploadRejected as error:
            raise forms.ValidationError(error.message) from None

    def times(self):
        """Start and end as the service should get them: a minute-precise round trip of an unchanged time
        keeps the stored value, so editing the title of a session whose start has passed is no "new" time."""
        starts_at, ends_at = self.cleaned_data["starts_at"], self.cleaned_data["ends_at"]
        if self.session is not None:
            starts_at = _same_minute(starts_at, self.session.starts_at)
            ends_at = _same_minute(ends_at, self.session.ends_at)
        return starts_at, ends_at


def _same_minute(typed, stored):
    if typed is not None and stored is not None and abs((typed - stored).total_seconds()) < 60 and (
            typed.astimezone(VIETNAM).replace(second=0, microsecond=0)
            == stored.astimezone(VIETNAM).replace(second=0, microsecond=0)):
        return stored
    return typed


class CancelForm(VietnameseMessages, forms.Form):
    reason = forms.CharField(label=_("Lý do huỷ"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Người đăng ký nhắc lịch sẽ nhận lý do này qua email."))
    reason.own_messages = {"required": _("Hãy cho người xem biết lý do huỷ.")}


class MoneyField(forms.Field):
    """Whole đồng: "120000", "120.000" and "120 000 ₫" all read 120000."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                           "maxlength": 20}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, int):
            return value if isinstance(value, int) else None
        text = str(value).strip()
        if not text:
            return None
        compact = re.sub(r"[\s.,₫đ]", "", text, flags=re.IGNORECASE)
        if compact.startswith("-"):
            raise forms.ValidationError(_("Giá không thể âm."))
        if not compact.isascii() or not compact.isdigit() or len(compact) > 20:
            raise forms.ValidationError(_("Hãy nhập giá bằng chữ số, ví dụ 120000."))
        amount = int(compact)
        if amount < 1:
            raise forms.ValidationError(_("Giá live phải từ 1 ₫ trở lên."))
        if amount > MAX_PRICE_VND:
            raise forms.ValidationError(_("Giá tối đa là %(max)s.") % {"max": format_vnd(MAX_PRICE_VND)})
        return amount


class OfferFields(VietnameseMessages, forms.Form):
    live_price = MoneyField(label=_("Giá live (₫, không bắt buộc)"), required=False,
                            help_text=_("Thấp hơn giá thường. Để trống nếu bán giá thường."))
    cap = forms.IntegerField(label=_("Số suất giá live (không bắt buộc)"), required=False, min_value=1,
                             max_value=1_000_000, widget=number_input(min=1),
                             help_text=_("Để trống nếu không giới hạn (trong số hàng còn trong kho)."))
    cap.own_messages = {"min_value": _("Số suất từ 1 trở lên; để trống nếu không giới hạn."),
                        "max_value": _("Số suất không thể vượt số hàng còn trong kho.")}


class PinAddForm(OfferFields):
    variant = forms.ChoiceField(label=_("Sản phẩm"))
    variant.own_messages = {
        "required": _("Hãy chọn một sản phẩm."),
        "invalid_choice": _("Chỉ ghim được sản phẩm đang bán của cơ sở chủ trì hoặc cùng live."),
    }
    field_order = ["variant", "live_price", "cap"]

    def __init__(self, *args, variants, **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[int, tuple[str, list]] = {}
        several_producers = len({variant.product.producer_id for variant in variants}) > 1
        for variant in variants:
            product = variant.product
            name = f"{product.name} · {product.producer.name}" if several_producers else product.name
            label = _("%(variant)s — %(price)s — còn %(stock)d") % {
                "variant": variant.name, "price": format_vnd(variant.price), "stock": variant.stock}
            groups.setdefault(product.pk, (name, []))[1].append((str(variant.pk), label))
        self.fields["variant"].choices = [("", _("— Chọn sản phẩm —")), *groups.values()]

    def clean_variant(self) -> int:
        return int(self.cleaned_data["variant"])


class PinEditForm(OfferFields):
    pass


class QuickOrderForm(VietnameseMessages, forms.Form):
    contact_name = forms.CharField(label=_("Tên người mua"), max_length=120, widget=forms.TextInput(
        attrs={"autofocus": True, "autocomplete": "off", "enterkeyhint": "next"}))
    contact_name.own_messages = {"required": _("Hãy ghi tên người mua.")}
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, widget=forms.TextInput(
        attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off", "placeholder": "0912 345 678"}))
    phone.own_messages = {"required": _("Hãy ghi số điện thoại người mua.")}
    code = forms.CharField(label=_("Mã sản phẩm"), max_length=10, widget=forms.TextInput(
        attrs={"autocomplete": "off", "autocapitalize": "characters", "placeholder": "A1"}))
    code.own_messages = {"required": _("Hãy ghi mã sản phẩm, ví dụ A1.")}
    quantity = forms.IntegerField(label=_("Số lượng"), initial=1, min_value=1, max_value=MAX_LINE_QUANTITY,
                                  widget=number_input(min=1, max=MAX_LINE_QUANTITY))
    quantity.own_messages = {
        "required": _("Hãy ghi số lượng, ví dụ 1."),
        "min_value": _("Số lượng từ 1 đến 9999."),
        "max_value": _("Số lượng từ 1 đến 9999."),
    }
    address = forms.CharField(label=_("Địa chỉ giao hàng"), required=False, max_length=255,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}),
                              help_text=_("Số nhà, đường, thôn/xóm, phường/xã, như khách nói."))
    pickup = forms.BooleanField(label=_("Nhận tại cơ sở"), required=False,
                                help_text=_("Khách tự đến lấy hàng: không cần địa chỉ."))
    province_code = forms.TypedChoiceField(label=_("Tỉnh/thành phố"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("Ghi chú (nếu có)"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args, producer: Producer, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = list(codes)
        self.fields["province_code"].choices = province_choices()
        self.fields["province_code"].initial = producer.province_code

    def focus_first_error(self) -> None:
        """Without JavaScript: the page comes back with the cursor in the first field to correct."""
        wrong = next((name for name in self.fields if name in self.errors), None)
        if wrong is None:
            return
        for name, field in self.fields.items():
            field.widget.attrs.pop("autofocus", None)
            if name == wrong:
                field.widget.attrs["autofocus"] = True

    def clean_phone(self) -> str:
        try:
            return normalise_phone(self.cleaned_data["phone"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if self.codes and code not in self.codes:
            raise forms.ValidationError(_("Không có mã «%(code)s» trong phiên này. Các mã: %(codes)s.")
                                        % {"code": code[:10], "codes": ", ".join(self.codes)})
        return code

    def clean(self):
        data = super().clean()
        if not data.get("pickup") and not (data.get("address") or "").strip() and "address" not in self.errors:
            self.add_error("address", _("Hãy ghi địa chỉ giao hàng, hoặc chọn «Nhận tại cơ sở»."))
        return data
