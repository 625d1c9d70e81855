"""The final report's annex on the participants' feedback: figures and a line per workshop with
answers, no free text (the report is public); absent while no one has answered."""

import io
import re

import pytest
from pypdf import PdfReader

from reports.content import build_report
from reports.models import ReportScope
from reports.pdf import render_html, write_pdf
from tests.spaces import plain
from tests.tracks.feedback.conftest import feedback, signed_up  # noqa: F401 - the fixture
from tracks.feedback import services

pytestmark = pytest.mark.django_db


def test_no_annex_without_answers(feedback):  # noqa: F811
    report = build_report(feedback.congress)
    assert "annexe-avis" not in [c.anchor for c in report.chapters]
    assert report.feedback is None


def test_the_annex_lists_the_workshops_answered_without_free_texts(feedback):  # noqa: F811
    people = [feedback.participant, signed_up(feedback.workshop), signed_up(feedback.workshop)]
    for person, rating in zip(people, (5, 4, 3), strict=True):
        services.survey_answer(
            user=person, congress=feedback.congress, session=feedback.workshop, rating=rating,
            comment="Un commentaire confidentiel", answers={},
        )  # fmt: skip
    services.survey_answer(
        user=feedback.participant, congress=feedback.congress, rating=3, answers={}
    )
    report = build_report(feedback.congress)
    assert [c.anchor for c in report.chapters][-2:] == ["annexe-avis", "annexe-methode"]
    assert [w.title for w in report.feedback_workshops] == ["Épiceries solidaires"]
    assert (
        build_report(
            feedback.congress, scope=ReportScope.TRACK, scope_value=feedback.workshop.track.slug
        ).feedback
        is None
    )
    target = io.BytesIO()
    write_pdf(render_html(report).html, target)
    text = " ".join(
        re.sub(r"\s+", " ", page.extract_text() or "")
        for page in PdfReader(io.BytesIO(target.getvalue())).pages
    )
    assert "Annexe : avis des participants" in text
    assert "3 réponses aux questionnaires d’atelier, note moyenne : 4,0 sur 5." in text
    assert "1 réponse au questionnaire du congrès, note moyenne : 3,0 sur 5." in text
    assert "Épiceries solidaires" in text
    assert "Un commentaire confidentiel" not in text


def test_the_annex_hides_a_workshop_with_fewer_than_three_answers(feedback):  # noqa: F811
    for person, rating in ((feedback.participant, 5), (signed_up(feedback.workshop), 1)):
        services.survey_answer(
            user=person, congress=feedback.congress, session=feedback.workshop, rating=rating,
            comment="", answers={},
        )  # fmt: skip
    report = build_report(feedback.congress)
    assert (report.feedback_workshops, report.feedback_workshops_few) == ([], 1)
    html = render_html(report).html
    annex = html.split('id="annexe-avis"')[1].split("</section>")[0]
    assert "Épiceries solidaires" not in annex
    assert (
        "1 atelier a reçu moins de 3 réponses : ses chiffres ne sont pas publiés, pour ne "
        "rien dire de ce que ces quelques personnes ont pensé." in plain(annex)
    )
    assert "2 réponses aux questionnaires d’atelier, note moyenne : 3,0 sur 5." in plain(annex)
