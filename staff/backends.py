from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first in AUTHENTICATION_BACKENDS.

    Every sign-in over HTTP (the admin's login form) passes its request and is checked. A call without one,
    which only code on the server makes (Django's test client, a script), has no address to count and is
    left to the next backend, where axes would raise an error instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
