"""Public pages of editions (home, list, detail, track colours, legal pages) and the staff home."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from congress.editions import selectors
from congress.editions.models import Congress
from congress.editions.permissions import can_access_staff_area, is_organiser


def home(request):
    congress = Congress.objects.current()
    if congress is None:
        return render(
            request,
            "congress/editions/home_empty.html",
            {"editions": selectors.congress_list_visible()},
        )
    return congress_page(request, congress, template="congress/editions/home.html")


def congress_detail(request, slug):
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    return congress_page(request, congress, template="congress/editions/congress_detail.html")


def congress_page(request, congress, *, template):
    congress = selectors.congress_for_home(congress)
    return render(request, template, {"congress": congress, "tracks": congress.tracks.all()})


def congress_list(request):
    return render(
        request,
        "congress/editions/congress_list.html",
        {"editions": selectors.congress_list_visible()},
    )


def congress_theme_css(request, slug):
    """Track colours as a stylesheet, so pages need no inline style (CSP)."""
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    rules = [f".track-{t.slug}{{--track-colour:{t.colour};}}" for t in congress.tracks.all()]
    response = HttpResponse("\n".join(rules), content_type="text/css; charset=utf-8")
    # A draft's colours are for its organisers: never kept by a shared cache.
    visibility = "private" if congress.status == "draft" else "public"
    response["Cache-Control"] = f"{visibility}, max-age=300"
    return response


def legal(request, page):
    templates = {
        "mentions-legales": "congress/editions/legal/mentions.html",
        "donnees-personnelles": "congress/editions/legal/privacy.html",
        "accessibilite": "congress/editions/legal/accessibility.html",
    }
    if page not in templates:
        raise Http404
    return render(request, templates[page], {"congress": Congress.objects.current()})


@login_required
def staff_home(request):
    if not can_access_staff_area(request.user):
        raise PermissionDenied
    editions = (
        Congress.objects.all()
        if request.user.is_superuser
        else request.user.organised_congresses.all()
    )
    return render(
        request, "congress/editions/staff_home.html", {"editions": editions.order_by("-start_date")}
    )
