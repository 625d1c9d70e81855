"""The organisers' badge and sign pages, the public PDFs, the share page."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from congress.editions.models import CongressStatus
from reports.printed.models import BadgePrint, InvitationLetter
from tests.factories import UserFactory
from tests.factories.volunteers import ShiftFactory
from tests.reports.printed.conftest import delegate, make_printed
from volunteers.models import ShiftSignup


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def url(printed, path):
    return f"/staff/{printed.congress.slug}/printed/{path}"


def public(printed, path):
    return f"/congresses/{printed.congress.slug}/{path}"


# --- badges ---------------------------------------------------------------------------------


def test_badge_list_shows_everyone_and_filters(organiser_client, printed):
    response = organiser_client.get(url(printed, "badges/"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Déléguée 1", "Samir Intervenant", "Amina Animatrice", "Claire Organisatrice"):
        assert name in html
    assert "5 badges sur 5" in html
    response = organiser_client.get(url(printed, "badges/"), {"role": "speaker"})
    assert [p.name for p in response.context["people"]] == ["Samir Intervenant"]
    response = organiser_client.get(url(printed, "badges/"), {"day": "not-a-day"})
    assert len(response.context["people"]) == 5  # a bad filter is ignored, with its error


@pytest.mark.parametrize("delegates", [1, 3])
def test_badge_list_query_count(client, db, django_assert_num_queries, delegates):
    printed = make_printed(delegates=delegates)
    shift = ShiftFactory(congress=printed.congress)
    for n in range(delegates):
        ShiftSignup.objects.create(shift=shift, user=UserFactory(full_name=f"Bénévole {n + 1}"))
    client.force_login(printed.organiser)
    with django_assert_num_queries(15):
        response = client.get(url(printed, "badges/"))
    assert response.status_code == 200
    for n in range(delegates):
        assert f"Déléguée {n + 1}" in response.content.decode()
        assert f"Bénévole {n + 1}" in response.content.decode()


def test_print_filtered_batch_marks_them_printed(organiser_client, printed):
    response = organiser_client.post(
        url(printed, "badges/print/"), {"stock": "a4-8", "role": "moderator"}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response)
    assert "Amina Animatrice" in text and "Bruno Anime" in text
    assert "Déléguée 1" not in text
    assert "ANIMATEUR·RICE" in text
    assert BadgePrint.objects.filter(congress=printed.congress).count() == 2
    # "not yet printed" now leaves them out.
    response = organiser_client.get(url(printed, "badges/"), {"not_printed": "on"})
    assert {p.name for p in response.context["people"]} == {
        "Claire Organisatrice",
        "Déléguée 1",
        "Samir Intervenant",
    }


def test_reprint_one_on_a6(organiser_client, printed):
    people = organiser_client.get(url(printed, "badges/")).context["people"]
    samir = next(p for p in people if p.name == "Samir Intervenant")
    response = organiser_client.post(
        url(printed, "badges/print/"), {"stock": "a6", "person": samir.key}
    )
    assert pdf_text(response).startswith("Handicap-inclusion")
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    assert list(BadgePrint.objects.values_list("person_key", flat=True)) == [samir.key]


def test_print_bad_input_changes_nothing(organiser_client, printed):
    page = url(printed, "badges/print/")
    assert organiser_client.post(page, {"stock": "a4-8", "person": "user:0"}).status_code == 404
    response = organiser_client.post(page, {"stock": "letter"}, follow=True)
    assert "Choisissez un support d&#x27;impression." in response.content.decode()
    response = organiser_client.post(
        page, {"stock": "a4-8", "organisation": "Nulle part"}, follow=True
    )
    assert response.redirect_chain
    assert BadgePrint.objects.count() == 0
    response = organiser_client.post(page, {"stock": "a4-8", "role": "press"}, follow=True)
    assert "Aucun badge ne correspond à ces filtres." in response.content.decode()


@pytest.mark.parametrize("who", ["manager", "stranger"])
def test_manager_or_stranger_cannot_print_badges(client, printed, who):
    client.force_login(printed.manager if who == "manager" else UserFactory())
    assert client.get(url(printed, "badges/")).status_code == 403
    assert client.post(url(printed, "badges/print/"), {"stock": "a4-8"}).status_code == 403
    assert BadgePrint.objects.count() == 0


def test_planted_markup_and_formula_are_printed_as_text(organiser_client, printed):
    delegate(printed.congress, None, "=cmd|' /C calc'!A0 <b>gras</b><script>x</script>")
    html = organiser_client.get(url(printed, "badges/")).content.decode()
    assert "<b>gras</b>" not in html
    assert "&lt;b&gt;gras&lt;/b&gt;&lt;script&gt;x&lt;/script&gt;" in html
    response = organiser_client.post(
        url(printed, "badges/print/"), {"stock": "a4-8", "role": "delegate"}
    )
    text = pdf_text(response).replace("</ b>", "</b>")  # a line break inside the name
    assert "=cmd|' /C calc'!A0 <b>gras</b><script>x</script>" in text


def _walk(box):
    yield box
    placed = getattr(box, "_box", None)  # absolutely positioned boxes sit behind a placeholder
    if placed is not None:
        yield from _walk(placed)
    for child in getattr(box, "children", None) or []:
        yield from _walk(child)


def _name_lines(html):
    """(lines, height, max-height in em) of each name as WeasyPrint lays it out."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    found, seen = [], set()
    for page in document.pages:
        for box in _walk(page._page_box):
            if type(box).__name__ == "BlockBox" and box.element_tag == "h1" and id(box) not in seen:
                seen.add(id(box))
                found.append((len(box.children), box.height, box.style["max_height"].value))
    return found


@pytest.mark.parametrize("stock_code", ["a4-8", "a4-10", "a6"])
def test_a_sixty_character_name_fits_its_label(printed, stock_code):
    from django.template.loader import render_to_string

    from reports.printed.selectors import BadgePerson
    from reports.printed.stock import STOCKS, name_font_size, organisation_font_size

    stock = STOCKS[stock_code]
    name = "Marie-Bénédicte Anne-Charlotte de La Rochefoucauld-Montmorency"
    person = BadgePerson(key="k", name=name, organisation="Union départementale des CCAS")
    badge = {
        "person": person,
        "name_size": name_font_size(name, stock),
        "organisation_size": organisation_font_size(person.organisation, stock),
        "left": 0,
        "top": 0,
    }
    html = render_to_string(
        "reports/printed/badges_pdf.html",
        {"congress": printed.congress, "stock": stock, "pages": [[badge]]},
    )
    [(lines, height, max_height_em)] = _name_lines(html)
    font_px = badge["name_size"] * 4 / 3
    assert 2 <= lines <= max_height_em // 1.1  # wrapped, and every line inside the clip
    assert height <= max_height_em * font_px


# --- door signs -----------------------------------------------------------------------------


def test_sign_list_pdf_and_zip(organiser_client, printed):
    congress, room = printed.congress, printed.rooms[0]
    html = organiser_client.get(url(printed, "signs/")).content.decode()
    day = congress.start_date.isoformat()
    assert f"/signs/{room.pk}/{day}.pdf" in html
    text = pdf_text(organiser_client.get(url(printed, f"signs/{room.pk}/{day}.pdf")))
    assert "Salle Sarthe" in text and "Épiceries solidaires" in text and "LSF" in text
    assert "Boucle magnétique" in text
    response = organiser_client.get(url(printed, "signs.zip"))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == [f"{day}-salle-sarthe.pdf", f"{congress.end_date.isoformat()}-salle-loire.pdf"]


def test_sign_of_nothing_is_not_found(organiser_client, printed):
    congress, room = printed.congress, printed.rooms[0]
    other = make_printed()
    assert organiser_client.get(url(printed, f"signs/{room.pk}/2001-99-01.pdf")).status_code == 404
    end = congress.end_date.isoformat()
    assert organiser_client.get(url(printed, f"signs/{room.pk}/{end}.pdf")).status_code == 404
    foreign = other.rooms[0].pk
    day = congress.start_date.isoformat()
    assert organiser_client.get(url(printed, f"signs/{foreign}/{day}.pdf")).status_code == 404
    printed.congress.sessions.all().delete()
    assert organiser_client.get(url(printed, "signs.zip")).status_code == 404
    assert "Aucune session" in organiser_client.get(url(printed, "signs/")).content.decode()


# --- the printed programme ------------------------------------------------------------------


def test_programme_booklet_and_large_print_are_public(client, printed):
    text = pdf_text(client.get(public(printed, "programme.pdf")))
    assert "Épiceries solidaires" in text and "Emploi accompagné" in text
    assert "LSF" in text and "FALC" in text
    large = client.get(public(printed, "programme-large-print.pdf"))
    assert "Programme en gros caractères" in pdf_text(large)


def test_large_print_body_is_at_least_18_points(printed):
    from django.template.loader import render_to_string

    html = render_to_string(
        "reports/printed/programme_pdf.html",
        {"congress": printed.congress, "days": [], "large_print": True, "dates": ""},
    )
    assert "font-size: 18pt; line-height: 1.45" in html


def test_programme_of_a_draft_edition_for_organisers_only(client, printed):
    printed.congress.status = CongressStatus.DRAFT
    printed.congress.save()
    assert client.get(public(printed, "programme.pdf")).status_code == 404
    assert client.get(public(printed, "invitation/")).status_code == 404
    client.force_login(printed.organiser)
    assert client.get(public(printed, "programme.pdf")).status_code == 200


def test_programme_page_links_the_booklets(client, printed):
    html = client.get(public(printed, "programme/")).content.decode()
    assert public(printed, "programme.pdf") in html
    assert public(printed, "programme-large-print.pdf") in html


# --- passing the invitation on --------------------------------------------------------------


def test_share_page_tells_what_when_where_and_how(client, printed):
    response = client.get(public(printed, "invitation/"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Palais des Congrès" in html and "Handicap-inclusion" in html
    assert f"/congresses/{printed.congress.slug}/register/" in html
    assert 'data-copy-target="share-url"' in html and " hidden>" in html
    assert "js/copy-link.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_invitation_letter_default_then_edited(client, printed):
    text = pdf_text(client.get(public(printed, "invitation.pdf")))
    assert "Nous avons le plaisir de vous inviter à « 2e Congrès national des Solidarités »" in text
    assert "Les ateliers s'organisent autour de ces thèmes" in text
    client.force_login(printed.organiser)
    page = url(printed, "invitation/")
    response = client.get(page)
    assert "Madame, Monsieur," in response.context["form"].initial["body"]
    response = client.post(page, {"body": "Chers amis,\n\nVenez au congrès."})
    assert response.status_code == 302
    assert InvitationLetter.objects.get().body == "Chers amis,\n\nVenez au congrès."
    text = pdf_text(client.get(public(printed, "invitation.pdf")))
    assert "Chers amis," in text and "Madame, Monsieur" not in text


def test_invitation_letter_too_long_is_refused(client, printed):
    client.force_login(printed.organiser)
    response = client.post(url(printed, "invitation/"), {"body": "x" * 8001})
    assert response.status_code == 400
    assert "8000" in response.content.decode()
    assert not InvitationLetter.objects.exists()
    client.force_login(printed.manager)
    assert client.post(url(printed, "invitation/"), {"body": "Hop"}).status_code == 403


def test_organiser_adds_and_removes_a_volunteer_badge(organiser_client, printed):
    from reports.printed.models import BadgeGuest

    page = url(printed, "badges/guests/")
    response = organiser_client.post(page, {"full_name": "", "role": "volunteer"})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not BadgeGuest.objects.exists()
    response = organiser_client.post(
        page, {"full_name": "Paul <i>Bénévole</i>", "role": "volunteer"}, follow=True
    )
    assert "Le badge est ajouté." in response.content.decode()
    assert "Paul &lt;i&gt;Bénévole&lt;/i&gt;" in response.content.decode()
    guest = BadgeGuest.objects.get()
    response = organiser_client.post(url(printed, f"badges/guests/{guest.pk}/remove/"))
    assert response.status_code == 302
    assert not BadgeGuest.objects.exists()
