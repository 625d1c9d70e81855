from django.urls import include, path, register_converter

from funding import views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "exportfmt")

P = "congresses/<slug:congress_slug>/funding/"

urlpatterns = [
    path(P + "mine/", views.application_list, name="funding_application_list"),
    path(P + "calls/<int:pk>/", views.call_detail, name="funding_call_detail"),
    path(P + "calls/<int:pk>/apply/", views.application_create, name="funding_application_create"),
    path(P + "calls/<int:pk>/funded/", views.funded_list, name="funding_funded_list"),
    path(P + "calls/<int:pk>/jury/", views.assessment_list, name="funding_assessment_list"),
    path(P + "calls/<int:pk>/ranking/", views.call_ranking, name="funding_call_ranking"),
    path(P + "calls/<int:pk>/publish/", views.call_publish, name="funding_call_publish"),
    path(P + "calls/<int:pk>/export.<exportfmt:fmt>", views.call_export, name="funding_call_export"),
    path(P + "applications/<int:pk>/", views.application_detail, name="funding_application_detail"),
    path(P + "applications/<int:pk>/edit/", views.application_edit, name="funding_application_edit"),
    path(P + "applications/<int:pk>/attachments/", views.attachment_upload, name="funding_attachment_upload"),
    path(P + "applications/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="funding_attachment_download"),
    path(P + "applications/<int:pk>/submit/", views.application_submit, name="funding_application_submit"),
    path(P + "applications/<int:pk>/assess/", views.assessment_edit, name="funding_assessment_edit"),
    path(P + "applications/<int:pk>/decide/", views.application_decide, name="funding_application_decide"),
    path(P + "applications/<int:pk>/letter.pdf", views.decision_letter, name="funding_decision_letter"),
    path("", include("funding.meetings.urls")),
    path("", include("funding.staff.urls")),
    path("", include("funding.followup.urls")),
    path("", include("funding.jury.urls")),
]  # fmt: skip
