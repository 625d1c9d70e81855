"""Public edition pages, legal pages and orphaned organisations (the staff home is in reports.board)."""

from django.urls import path

from congress.editions import alerts_views, features_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("congresses/", views.congress_list, name="congress_list"),
    path("congresses/<slug:slug>/", views.congress_detail, name="congress_detail"),
    path("congresses/<slug:slug>/theme.css", views.congress_theme_css, name="congress_theme_css"),
    path("congresses/<slug:slug>/staff/features/", features_views.edition_features, name="edition_features"),
    path("congresses/<slug:slug>/programme-alert/", alerts_views.programme_alert, name="programme_alert"),
    path("congresses/<slug:slug>/programme-alert/<str:token>/", alerts_views.programme_alert_confirm, name="programme_alert_confirm"),
    path("congresses/<slug:slug>/programme-alert/<str:token>/erase/", alerts_views.programme_alert_erase, name="programme_alert_erase"),
    path("legal/<slug:page>/", views.legal, name="legal"),
    path("staff/organisations/orphaned/", views.orphaned_organisations, name="orphaned_organisations"),
    path("staff/organisations/<slug:slug>/invite-manager/", views.orphaned_organisation_invite, name="orphaned_organisation_invite"),
]  # fmt: skip
