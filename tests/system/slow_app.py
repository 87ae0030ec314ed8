"""The site's WSGI application with one extra path that never finishes, to prove gunicorn cuts it off."""

import time

from relay_site.wsgi import application as site


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/__stuck__":
        time.sleep(120)
    return site(environ, start_response)
