from csp.constants import NONCE
from csp.decorators import csp_update
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory

from relay_site.middleware import ContentSecurityPolicyMiddleware


def respond(view, middleware_class=ContentSecurityPolicyMiddleware):
    middleware = middleware_class(view)
    request = RequestFactory().get("/a-page/")
    middleware.process_request(request)
    return middleware.process_response(request, view(request))


def test_the_policy_built_once_is_the_one_django_csp_builds():
    response = respond(lambda request: HttpResponse("page"))
    assert response["Content-Security-Policy"] == build_policy()


def test_a_view_with_a_policy_of_its_own_keeps_it():
    @csp_update({"img-src": ["https://images.example"]})
    def view(request):
        return HttpResponse("page")

    assert "https://images.example" in respond(view)["Content-Security-Policy"]


def test_a_changed_setting_is_followed(settings):
    respond(lambda request: HttpResponse("page"))
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert respond(lambda request: HttpResponse("page"))["Content-Security-Policy"] == "default-src 'none'"


def test_a_page_that_uses_a_nonce_goes_through_django_csp(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "script-src": [NONCE]}}

    def view(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    response = respond(view)
    nonce = response.content.decode().split("'")[1]
    assert f"script-src 'nonce-{nonce}'" in response["Content-Security-Policy"]
