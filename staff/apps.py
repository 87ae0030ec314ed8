from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffConfig(AppConfig):
    """The admin's locks: sign-in with a second factor, lockout, the sign-in log, idle sessions, headers."""

    default = True
    name = "staff"
    verbose_name = "Staff sign-in"

    def ready(self):
        from staff import checks, signals  # noqa: F401  (the sign-in log; the deploy check)


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site's own admin site (staff.sites.EditorialAdminSite)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "staff.sites.EditorialAdminSite"
