import base64
import io

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a staff account an authenticator app (time-based one-time codes): prints the setup address and "
        "its QR code to scan, and the key to type in by hand. Run it on the server for the first account; a "
        "later run with --replace makes a new key and the old one stops working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="A name for the device, such as 'phone'.")
        parser.add_argument(
            "--replace", action="store_true", help="Replace the account's authenticator apps with a new one."
        )
        parser.add_argument("--no-qr", action="store_true", help="Print the address and key only.")

    def handle(self, username, name, replace, no_qr, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account named {username!r}. Create it first (createsuperuser).") from None
        existing = TOTPDevice.objects.filter(user=user)
        if existing.exists() and not replace:
            raise CommandError(
                f"{username} already has an authenticator app. Use --replace to set up a new one (the old one "
                "stops working)."
            )
        with transaction.atomic():
            existing.delete()
            device = TOTPDevice.objects.create(user=user, name=name[:64], confirmed=True)
        uri = device.config_url
        key = base64.b32encode(device.bin_key).decode()
        if not user.is_staff:
            self.stderr.write(f"Note: {username} is not staff, so the admin will not let them in yet.")
        self.stdout.write(f"Authenticator app set up for {username}.")
        self.stdout.write("Scan this with the app (Google Authenticator, Microsoft Authenticator, FreeOTP...):")
        if not no_qr:
            drawing = io.StringIO()
            segno.make(uri, error="m").terminal(out=drawing, compact=True)
            self.stdout.write(drawing.getvalue())
        self.stdout.write(f"or open this address on the phone: {uri}")
        self.stdout.write(f"or type this key by hand: {' '.join(key[i : i + 4] for i in range(0, len(key), 4))}")
        self.stdout.write(
            "Then sign in at the admin with the 6-digit code the app shows. Anyone who sees this key can make "
            "codes: clear this terminal's scrollback when you are done."
        )
