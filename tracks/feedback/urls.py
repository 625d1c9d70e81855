from django.urls import path

from tracks.feedback import views

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "feedback/", views.survey_edition, name="survey_edition"),
    path(P + "feedback/sessions/<int:pk>/", views.survey_session, name="survey_session"),
    path(
        P + "feedback/sessions/<int:pk>/results/",
        views.session_results,
        name="session_feedback_results",
    ),
    path(P + "staff/feedback/", views.staff_feedback, name="staff_feedback"),
    path(P + "staff/feedback/questions/", views.staff_questions, name="staff_survey_questions"),
    path(
        P + "staff/feedback/questions/<int:pk>/",
        views.staff_question_action,
        name="staff_survey_question_action",
    ),
]
