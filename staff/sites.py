from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from staff.forms import StaffLoginForm, second_factor_required


class EditorialAdminSite(admin.AdminSite):
    """The admin: staff sign in with a password and, where required (ADMIN_REQUIRE_2FA), a one-time code; the
    front page shows the editorial queues."""

    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"
    index_template = "admin/staff_index.html"
    site_url = "/"

    @property
    def site_header(self):
        return f"{settings.SITE_NAME} administration"

    @property
    def site_title(self):
        return f"{settings.SITE_NAME} admin"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        # OTPMiddleware gives every request's user is_verified(): true once a code was checked at sign-in.
        return not second_factor_required() or request.user.is_verified()

    def index(self, request, extra_context=None):
        from articles.queues import QUEUES

        queues = []
        if request.user.has_perm("articles.view_article"):
            changelist = reverse(f"{self.name}:articles_article_changelist")
            queues = [
                {"label": queue.label, "count": queue.articles().count(), "url": f"{changelist}?queue={queue.key}"}
                for queue in QUEUES
            ]
        return super().index(request, {"editorial_queues": queues, **(extra_context or {})})

    def each_context(self, request):
        context = super().each_context(request)
        context["second_factor_required"] = second_factor_required()
        return context
