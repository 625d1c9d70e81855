"""Root URLs: each sub-domain of each app brings its own ``urls.py``; the API is composed here."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter, SimpleRouter

from congress.editions import api as editions_api
from congress.editions.feature_guard import guard_feature_urls
from congress.organisations import api as organisations_api
from tracks import api as tracks_api

router = DefaultRouter()
router.register("congresses", editions_api.CongressViewSet, basename="congress")
router.register("organisations", organisations_api.OrganisationViewSet, basename="organisation")

congress_router = SimpleRouter()
congress_router.register("venues", editions_api.VenueViewSet, basename="venue")
congress_router.register("tracks", tracks_api.TrackViewSet, basename="track")
congress_router.register("session-types", tracks_api.SessionTypeViewSet, basename="session-type")

organisation_router = SimpleRouter()
organisation_router.register(
    "members", organisations_api.OrganisationMemberViewSet, basename="organisation-member"
)

api_v1 = [
    path("", include(router.urls)),
    path("congresses/<slug:congress_slug>/", include(congress_router.urls)),
    path("organisations/<slug:organisation_slug>/", include(organisation_router.urls)),
    path("congresses/<slug:congress_slug>/", include("congress.registrations.api")),
    path("", include("tracks.api")),
    path("", include("proposals.api")),
    path("", include("proposals.outcomes.api")),
    path("", include("reports.api")),
]

urlpatterns = [
    path("", include("congress.core.urls")),
    path("", include("congress.editions.urls")),
    path("", include("tracks.urls")),
    path("", include("tracks.feedback.urls")),
    path("", include("tracks.activities.urls")),
    path("", include("tracks.activity_proposals.urls")),
    path("", include("tracks.stands.urls")),
    path("", include("tracks.speakers.urls")),
    path("", include("tracks.press.urls")),
    path("", include("congress.registrations.urls")),
    path("", include("congress.payments.urls")),
    path("", include("congress.payments.transfers.urls")),
    path("", include("congress.onsite.urls")),
    path("", include("proposals.urls")),
    path("", include("proposals.outcomes.urls")),
    path("", include("messaging.urls")),
    path("", include("funding.urls")),
    path("", include("reports.board.urls")),
    path("", include("reports.urls")),
    path("", include("reports.printed.urls")),
    path("", include("volunteers.urls")),
    path("", include("volunteers.missions.urls")),
    path("", include("volunteers.shifts.urls")),
    path("", include("volunteers.rooms.urls")),
    path("account/", include("congress.accounts.urls")),
    path("account/", include("congress.profile.urls")),
    path("", include("congress.organisations.urls")),
    path("", include("congress.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api_docs"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages of a feature switched off for an edition answer 404 (congress.editions.kinds).
guard_feature_urls(urlpatterns)

handler404 = "congress.core.views.page_not_found"
