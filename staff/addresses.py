from django.conf import settings


def client_address(request):
    """The address a request came from, for the lockout and the sign-in log.

    REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies sit in front (the nginx edge is one), each adding the
    address it saw to X-Forwarded-For: then the one the outermost of them saw. Entries further left are
    whatever the client sent, so they are never trusted.
    """
    if request is None:
        return "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
