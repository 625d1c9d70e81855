"""Error pages and the health check."""

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found as html_page_not_found


def page_not_found(request, exception=None):
    """JSON for API clients (even for URLs that match no route), the HTML page for people."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Introuvable.")}, status=404)

    return html_page_not_found(request, exception)


def healthz(request):
    """Liveness probe for load balancers (and the load benchmark's baseline): no database."""
    return HttpResponse("ok", content_type="text/plain")
