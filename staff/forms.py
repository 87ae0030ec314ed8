import django_otp
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice


def second_factor_required():
    return settings.ADMIN_REQUIRE_2FA


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's sign-in: name, password and, where required, a code from the person's authenticator app.

    A wrong password, a missing or wrong code and an account without an authenticator app all get the same
    message and all count as a failed sign-in for the lockout, so the form never tells a guesser that the
    password was right.
    """

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "size": 8}
        ),
    )
    with_code_message = (
        "Please enter the correct %(username)s, password and code for a staff account. All of them may be "
        "case-sensitive."
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if second_factor_required():
            self.error_messages = {**self.error_messages, "invalid_login": self.with_code_message}
        else:
            del self.fields["otp_token"]

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not second_factor_required():
            return
        token = "".join(self.cleaned_data.get("otp_token", "").split())
        device = self._verified_device(user, token) if token else None
        if device is None:
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=self.request)
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login", params=self._params())
        user.otp_device = device  # django_otp keeps it in the session when the person is logged in

    @staticmethod
    def _verified_device(user, token):
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
            # Locked while it checks, so that one code can never be used twice.
            verified = django_otp.verify_token(user, device.persistent_id, token)
            if verified is not None:
                return verified
        return None

    def _params(self):
        return {"username": self.username_field.verbose_name}
