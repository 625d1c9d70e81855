from django.urls import path

from tracks.activity_proposals import views

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "partner/activities/", views.partner_activity_proposals, name="partner_activity_proposals"),
    path(P + "partner/activities/<int:pk>/", views.partner_activity_proposal, name="partner_activity_proposal"),
    path(P + "staff/activity-proposals/", views.staff_activity_proposals, name="staff_activity_proposals"),
    path(P + "staff/activity-proposals/<int:pk>/", views.staff_activity_proposal, name="staff_activity_proposal"),
]  # fmt: skip
