from django.urls import path

from tracks.stands import views

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "stands/", views.stand_list, name="stand_list"),
    path(P + "stands/plan/", views.stand_plan, name="stand_plan"),
    path(P + "stands/plan/image/", views.stand_plan_image, name="stand_plan_image"),
    path(P + "staff/stands/plan/", views.stand_plan_upload, name="stand_plan_upload"),
    path(P + "stands/guide/", views.stand_guide, name="stand_guide"),
    path(P + "stands/guide.pdf", views.stand_guide_pdf, name="stand_guide_pdf"),
    path(P + "stands/apply/", views.stand_apply, name="stand_apply"),
    path(P + "stands/applications/<int:pk>/withdraw/", views.stand_withdraw, name="stand_withdraw"),
    path(P + "staff/stands/", views.stand_board, name="stand_board"),
    path(P + "staff/stands/<int:pk>/decide/", views.stand_decide, name="stand_decide"),
]  # fmt: skip
