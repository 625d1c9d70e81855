"""The organisers' registrations board: the columns its rows read, their links, and the HTML of
its filters and rows kept in the shared cache (issue 18; congress/core/pagecache.py explains the
cache).

The rows' HTML is kept under what the rows *are*: the key is a digest of every value the row
template reads (`BOARD_FIELDS`, the row's and its order's keys), read fresh from the database on
every request. No version has to follow the writes: a change of any shown value (a payment, a
cancellation, a renamed organisation, an erased person) makes another key, and the board never
shows a stale row. What is saved is the template (three forms per order, ~600 translations per
page), most of the page's time."""

from django.core.paginator import Page
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from congress.core import pagecache
from congress.editions.models import Congress
from congress.registrations import services
from congress.registrations.forms import BoardFilterForm

# The columns the board's rows show (the exports take every column): the sort joins four tables
# over every delegate of the edition, and carrying all their columns through it doubled its time.
# The row template reads these and nothing else (the rows' cache key is made of them).
BOARD_FIELDS = (
    "full_name", "email", "declared_organisation", "status", "needs_lsf", "needs_hearing_loop",
    "needs_step_free", "needs_easy_read", "dietary_needs", "other_needs", "tariff__name",
    "order__congress_id", "order__state", "order__stripe_payment_intent_id",
    "order__organisation__name", "order__organisation__country",
    "order__organisation__departement",
)  # fmt: skip

# In a kept block of rows, where each visitor's own CSRF field goes.
CSRF_MARK = "\x00board-csrf\x00"


def _value(row, path: str):
    value = row
    for name in path.split("__"):
        value = getattr(value, name)
        if value is None:
            return None
    return value


def row_fingerprint(row) -> tuple:
    """Everything the row template shows of `row`: its keys and the values of BOARD_FIELDS.
    The same tuple as a row of `fingerprint_rows(...)` read from the database."""
    return (row.pk, row.order_id, *(_value(row, path) for path in BOARD_FIELDS))


def fingerprint_rows(registrations, pks: list[int]) -> list[tuple]:
    """The fingerprints of the rows `pks` (one page of the board, in its order): no model
    objects, and the joins their columns need made for these rows only."""
    values = registrations.order_by().filter(pk__in=pks)
    by_pk = {row[0]: row for row in values.values_list("pk", "order_id", *BOARD_FIELDS)}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def prepare_rows(congress: Congress, rows) -> None:
    """Each row's links built once by pattern (not four `{% url %}` per row in the template)."""
    sentinel = 987654321

    def link(name):
        pattern = reverse(name, args=[congress.slug, sentinel])
        return lambda pk: pattern.replace(str(sentinel), str(pk))

    order, pay = link("order_detail"), link("board_record_payment")
    cancel, resend = link("order_cancel"), link("board_resend")
    for row in rows:
        row.order_url, row.pay_url = order(row.order_id), pay(row.order_id)
        row.cancel_url, row.resend_url = cancel(row.order_id), resend(row.pk)


def _render(congress: Congress, rows) -> str:
    prepare_rows(congress, rows)
    context = {
        "board_rows": rows, "csrf_input": CSRF_MARK,
        "payment_awaited_states": services.PAYMENT_AWAITED_STATES,
    }  # fmt: skip
    return render_to_string("congress/registrations/_board_rows.html", context)


def _rows_key(congress: Congress, fingerprints) -> str:
    return pagecache.key(pagecache.SITE, "board-rows", get_language(), congress.slug, fingerprints)


def rows_html(request, congress: Congress, page: Page, registrations) -> str:
    """The HTML of the page's rows (the table's body), rendered once per content and language
    and kept; the CSRF field of the visitor is put in on each request.

    `page` holds the rows' fingerprints (`fingerprint_rows`); only on a miss are the rows
    themselves read from `registrations` (the board's queryset). Whatever they hold then is
    what is rendered and what the entry is kept under: a row changed between the two reads
    is shown as it is now and never kept under the values it had before."""
    csrf_input = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    fingerprints = list(page.object_list)
    html = None
    if not _holds_nul(fingerprints):
        html = pagecache.kept(_rows_key(congress, fingerprints))
    if html is None:
        by_pk = {
            row.pk: row
            for row in registrations.only(*BOARD_FIELDS)
            .order_by()
            .filter(pk__in=[values[0] for values in fingerprints])
        }
        rows = [by_pk[values[0]] for values in fingerprints if values[0] in by_pk]
        fingerprints = [row_fingerprint(row) for row in rows]
        if _holds_nul(fingerprints):
            # a text holding a NUL byte (which no form lets through) is rendered live, never kept
            html = _render(congress, rows)
        else:
            html = pagecache.get_or_render(
                _rows_key(congress, fingerprints), lambda: _render(congress, rows)
            )
    # rendered by our template, escaped there; no shown text holds the mark (checked above)
    return mark_safe(html.replace(CSRF_MARK, csrf_input))  # noqa: S308


def _holds_nul(fingerprints) -> bool:
    return any("\x00" in str(value) for values in fingerprints for value in values)


def cached_filters(filters: BoardFilterForm, tariffs) -> str:
    """The filter form's HTML (its department list alone has ~100 options, whose rendering cost
    a fifth of the page), rendered once per language, tariffs and chosen values and kept in the
    shared cache (congress/core/pagecache.py); a form with errors is rendered live."""

    def render() -> str:
        return render_to_string("congress/registrations/_board_filters.html", {"filters": filters})

    if filters.is_bound and not filters.is_valid():
        return render()
    values = sorted((filters.cleaned_data if filters.is_bound else {}).items())
    choices = [(t.pk, t.name) for t in tariffs]
    cache_key = pagecache.key(pagecache.SITE, "board-filters", get_language(), choices, values)
    # rendered by our template, escaped there
    return mark_safe(pagecache.get_or_render(cache_key, render))  # noqa: S308
