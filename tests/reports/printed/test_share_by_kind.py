"""The share page and the invitation letter send each kind of edition's readers where they can
register: a congress's delegates to its registration form, an evening's guests to the evening's
sign-up, a public week's visitors to its programme (an evening's share page once linked to the
congress's registration form, a 404 there: found by the accessibility crawl)."""

import html as html_module
import io
import re

import pytest
from pypdf import PdfReader

from congress.editions.kinds import EditionKind
from tests.factories import CongressFactory, VenueFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    EditionKind.CONGRESS: ("/register/", "S'inscrire"),
    EditionKind.EVENING: ("/attend/", "S'inscrire à la soirée"),
    EditionKind.PROGRAMME: ("/activities/", "Voir le programme"),
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_kind_invites_to_a_page_that_exists(client, kind):
    congress = CongressFactory(kind=kind)
    VenueFactory(congress=congress)
    path, label = EXPECTED[kind]

    html = client.get(f"/congresses/{congress.slug}/invitation/").content.decode()
    button = re.search(r'data-testid="share-register" href="([^"]+)">([^<]+)</a>', html)

    assert (button.group(1), html_module.unescape(button.group(2))) == (
        f"/congresses/{congress.slug}{path}",
        label,
    )
    assert client.get(button.group(1), follow=True).status_code == 200  # login first for a congress
    letter = client.get(f"/congresses/{congress.slug}/invitation.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(letter.content)).pages)
    assert f"/congresses/{congress.slug}{path}" in text.replace("\n", "")
    congress_only = "construire ensemble des propositions"
    assert (congress_only in text.replace("\n", " ")) == (kind == EditionKind.CONGRESS)
