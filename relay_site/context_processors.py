from django.conf import settings
from django.utils.functional import lazy

from articles.models import publisher_name


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PUBLISHER": lazy(publisher_name, str)(),
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }
