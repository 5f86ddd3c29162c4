"""Pages of long lists (head office): one COUNT and one LIMIT query whatever the data size."""

from django.core.paginator import Paginator

PER_PAGE = 25


def paginate(request, queryset, param="page", per_page=PER_PAGE):
    """The page of `queryset` asked for by `?<param>=`, with `previous_url` and `next_url` that
    keep the other parameters (filters, the page of another list)."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    page.param = param
    page.previous_url = page.next_url = ""
    if page.has_previous():
        page.previous_url = _url(request, param, page.previous_page_number())
    if page.has_next():
        page.next_url = _url(request, param, page.next_page_number())
    return page


def _url(request, param, number):
    params = request.GET.copy()
    params[param] = number
    return "?" + params.urlencode()
