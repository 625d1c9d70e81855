from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter, SimpleRouter

from congress import api, views
from tracks import api as tracks_api

router = DefaultRouter()
router.register("congresses", api.CongressViewSet, basename="congress")
router.register("organisations", api.OrganisationViewSet, basename="organisation")

congress_router = SimpleRouter()
congress_router.register("venues", api.VenueViewSet, basename="venue")
congress_router.register("tracks", tracks_api.TrackViewSet, basename="track")
congress_router.register("session-types", tracks_api.SessionTypeViewSet, basename="session-type")

organisation_router = SimpleRouter()
organisation_router.register(
    "members", api.OrganisationMemberViewSet, basename="organisation-member"
)

api_v1 = [
    path("", include(router.urls)),
    path("congresses/<slug:congress_slug>/", include(congress_router.urls)),
    path("organisations/<slug:organisation_slug>/", include(organisation_router.urls)),
    path("congresses/<slug:congress_slug>/", include("congress.registration_api")),  # registration
    path("", include("tracks.api")),
    path("", include("proposals.api")),  # programme branch
    path("", include("proposals.outcomes.api")),  # outcomes branch
    path("", include("reports.api")),  # reports branch
]

auth_patterns = [
    path("login/", views.ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.sign_up, name="sign_up"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("confirm-resend/", views.resend_confirmation, name="resend_confirmation"),
    path("password-reset/", views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="congress/password_reset_done.html"), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="congress/password_reset_confirm.html"), name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="congress/password_reset_complete.html"), name="password_reset_complete"),
    path("password-change/", auth_views.PasswordChangeView.as_view(
        template_name="congress/password_change.html"), name="password_change"),
    path("password-change/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="congress/password_change_done.html"), name="password_change_done"),
    path("data/", views.account_data_export, name="account_data_export"),
    path("delete/", views.account_delete, name="account_delete"),
    path("", views.account, name="account"),
]  # fmt: skip

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("congresses/", views.congress_list, name="congress_list"),
    path("congresses/<slug:slug>/", views.congress_detail, name="congress_detail"),
    path("congresses/<slug:slug>/theme.css", views.congress_theme_css, name="congress_theme_css"),
    path("", include("tracks.urls")),
    path("", include("congress.registration_urls")),  # registration branch

    path("", include("proposals.urls")),  # programme branch
    path("", include("proposals.outcomes.urls")),  # outcomes branch
    path("", include("reports.urls")),  # reports branch
    path("account/", include(auth_patterns)),
    path("organisations/", views.organisation_directory, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/invite/", views.organisation_invite, name="organisation_invite"),
    path("organisations/<slug:slug>/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("organisations/<slug:slug>/members/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("legal/<slug:page>/", views.legal, name="legal"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/<slug:slug>/audit/", views.staff_audit_log, name="staff_audit_log"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api_docs"),
]  # fmt: skip

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "congress.views.page_not_found"
