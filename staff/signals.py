"""The sign-in log: one line for every sign-in, failed sign-in, sign-out and lockout, with the account name
and the address. Never a password or a code: Django's signal hides the password, and nothing else is read."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from staff.addresses import client_address

logger = logging.getLogger("staff.signins")


def _name(value):
    # An account name as typed: cut short, on one line, so that nothing typed can forge a log line.
    return " ".join(str(value or "").split())[:150] or "(none)"


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    logger.info("sign-in: %s from %s", _name(user.get_username()), client_address(request))


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    logger.warning("failed sign-in: %s from %s", _name(credentials.get("username")), client_address(request))


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        logger.info("sign-out: %s from %s", _name(user.get_username()), client_address(request))


@receiver(user_locked_out)
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    logger.warning("locked out: %s from %s", _name(username), client_address(request))
