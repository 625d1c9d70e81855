from django.urls import path

from reports import views

P = "staff/<slug:congress_slug>/"

urlpatterns = [
    path(P + "dashboard/", views.dashboard, name="report_dashboard"),
    path(P + "report/", views.report_page, name="report_page"),
    path(P + "report/generate/", views.report_generate, name="report_generate"),
    path(P + "report/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path(P + "report/<int:pk>/download/", views.report_download, name="report_download"),
    path(P + "report/<int:pk>/publish/", views.report_publish, name="report_publish"),
    path(P + "report/unpublish/", views.report_unpublish, name="report_unpublish"),
    path(
        "congresses/<slug:congress_slug>/report.pdf",
        views.report_public_download,
        name="report_public_download",
    ),
    path(P + "exports/", views.export_list, name="export_list"),
    path(P + "exports/<slug:table>.csv", views.export_csv, name="export_csv"),
    path(P + "exports/<slug:table>.xlsx", views.export_xlsx, name="export_xlsx"),
]
