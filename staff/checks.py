from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def second_factor_check(app_configs, **kwargs):
    """`check --deploy` warns when the admin takes a password alone."""
    if settings.ADMIN_REQUIRE_2FA:
        return []
    return [
        Warning(
            "The admin's second factor is turned off (ADMIN_REQUIRE_2FA=false): a password alone opens it.",
            hint="Unset ADMIN_REQUIRE_2FA, and enrol each staff account with `manage.py enrol_totp USERNAME`.",
            id="staff.W001",
        )
    ]
