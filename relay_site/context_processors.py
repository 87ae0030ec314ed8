from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PUBLISHER": settings.PUBLISHER,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }
