from django.urls import path

from funding.followup import views

P = "congresses/<slug:congress_slug>/funding/"

urlpatterns = [
    path(P + "calls/<int:pk>/follow-up/", views.followup_list, name="funding_followup_list"),
    path(P + "applications/<int:pk>/reports/", views.report_page, name="funding_report_page"),
    path(P + "applications/<int:pk>/reports/<int:report_pk>/", views.report_download, name="funding_report_download"),
    path(P + "applications/<int:pk>/reports/versions/<int:version_pk>/", views.report_version_download, name="funding_report_version_download"),
]  # fmt: skip
