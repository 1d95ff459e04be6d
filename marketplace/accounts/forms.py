from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.accounts.phone import normalise_phone, parse_identifier
from marketplace.accounts.services import identifier_taken

IDENTIFIER_LABEL = gettext_lazy("Số điện thoại hoặc email")
IDENTIFIER_MAX_LENGTH = 254
PASSWORD_MAX_LENGTH = 128


def identifier_input(**attrs) -> forms.TextInput:
    # Plain text, not type=tel: an email must be typable; autocapitalize off keeps emails as typed.
    return forms.TextInput(
        attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false", **attrs}
    )


def password_input(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"autocomplete": autocomplete})


def reworded_password_errors(error: ValidationError) -> list[ValidationError]:
    """Django 5.2 changed the "too short" msgid and its Vietnamese catalogue has not caught up."""
    reworded = []
    for item in error.error_list:
        if item.code == "password_too_short":
            min_length = (item.params or {}).get("min_length", 8)
            item = ValidationError(
                _("Mật khẩu quá ngắn, cần ít nhất %(min_length)d ký tự.") % {"min_length": min_length},
                code=item.code,
            )
        reworded.append(item)
    return reworded


class SignUpForm(forms.Form):
    identifier = forms.CharField(
        label=IDENTIFIER_LABEL,
        max_length=IDENTIFIER_MAX_LENGTH,
        help_text=gettext_lazy("Ví dụ: 0912 345 678 hoặc ten@gmail.com"),
        widget=identifier_input(),
    )
    full_name = forms.CharField(
        label=gettext_lazy("Họ và tên"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
    )
    password1 = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        help_text=gettext_lazy("Ít nhất 8 ký tự, không chỉ toàn số, không quá dễ đoán."),
        widget=password_input("new-password"),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Nhập lại mật khẩu"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=password_input("new-password"),
    )

    def clean_identifier(self) -> str:
        try:
            kind, value = parse_identifier(self.cleaned_data["identifier"])
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None
        if identifier_taken(kind, value):
            raise ValidationError(taken_message(kind), code="taken")
        self.identifier_kind = kind
        return value

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", ValidationError(_("Hai mật khẩu không khớp nhau."), code="mismatch"))
        elif password1:
            kind = getattr(self, "identifier_kind", None)
            provisional = get_user_model()(first_name=cleaned.get("full_name", ""))
            if kind:
                setattr(provisional, kind, cleaned["identifier"])
            try:
                validate_password(password1, provisional)
            except ValidationError as error:
                self.add_error("password1", reworded_password_errors(error))
        return cleaned


def taken_message(kind: str) -> str:
    if kind == "phone":
        text = _("Số điện thoại này đã có tài khoản.")
    else:
        text = _("Email này đã có tài khoản.")
    return format_html('{} <a href="{}">{}</a>', text, reverse("accounts:login"), _("Đăng nhập?"))


class LoginForm(AuthenticationForm):
    # The field keeps Django's name "username" (AXES_USERNAME_FORM_FIELD), so the Wagtail admin
    # login and this one are throttled under the same key.
    username = forms.CharField(
        label=IDENTIFIER_LABEL, max_length=IDENTIFIER_MAX_LENGTH, widget=identifier_input()
    )
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=password_input("current-password"),
    )
    error_messages = {
        "invalid_login": gettext_lazy(
            "Số điện thoại/email hoặc mật khẩu chưa đúng. Hãy kiểm tra lại, chú ý chữ hoa và chữ thường của mật khẩu."
        ),
        "inactive": gettext_lazy("Tài khoản này đang bị khoá. Hãy liên hệ cán bộ Hội Phụ nữ."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # AuthenticationForm shortens the box to the username column (150); emails may be longer.
        self.fields["username"].max_length = IDENTIFIER_MAX_LENGTH
        self.fields["username"].widget.attrs["maxlength"] = IDENTIFIER_MAX_LENGTH


class ResetRequestForm(PasswordResetForm):
    """Reset by email. A phone number gets a note instead: reset by SMS does not exist yet."""

    email = forms.CharField(
        label=gettext_lazy("Email của tài khoản"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "none"}),
    )

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        try:
            normalise_phone(value)
        except ValueError:
            pass
        else:
            raise ValidationError(phone_reset_note(), code="phone")
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(_("Email này chưa đúng, ví dụ: ten@gmail.com."), code="invalid") from None
        return value


def phone_reset_note() -> str:
    return _(
        "Chưa lấy lại mật khẩu qua tin nhắn SMS được. Nếu bạn đăng ký bằng số điện thoại, "
        "hãy liên hệ cán bộ Hội Phụ nữ ở xã, phường của bạn để được đặt lại mật khẩu."
    )


class NewPasswordForm(SetPasswordForm):
    error_messages = {"password_mismatch": gettext_lazy("Hai mật khẩu không khớp nhau.")}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = gettext_lazy("Mật khẩu mới")
        self.fields["new_password1"].help_text = gettext_lazy(
            "Ít nhất 8 ký tự, không chỉ toàn số, không quá dễ đoán."
        )
        self.fields["new_password2"].label = gettext_lazy("Nhập lại mật khẩu mới")
        for name in ("new_password1", "new_password2"):
            self.fields[name].max_length = PASSWORD_MAX_LENGTH
            self.fields[name].widget.attrs["maxlength"] = PASSWORD_MAX_LENGTH

    def validate_password_for_user(self, user, password_field_name="password2"):
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.add_error(password_field_name, reworded_password_errors(error))
