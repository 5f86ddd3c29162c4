"""Browsing the toolbox: facets (stage, type, topic) with counts, full-text search and sorting.

Everything lives in the query string (?q=&stage=&type=&tag=&sort=&page=) so that a filtered
list can be bookmarked and shared. Within a facet the values are alternatives (any of them);
facets combine with each other. Each facet's counts are computed with the other facets applied,
in one grouped query per facet, so the number of queries never depends on the data.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from canteen_site.content_cache import cached, content_facts
from canteen_site.search import search_ids as search_page_ids
from canteen_site.text import QUERY_MAX_LENGTH, clean_text, search_words
from projects.access import is_network_member
from projects.models import Stage

from .resources import (
    Download,
    ResourceFile,
    ResourceFileVersion,
    ResourcePage,
    ResourceTag,
    ResourceType,
)

PAGE_SIZE = 20
MAX_VALUES = 10
MAX_VALUE_LENGTH = 100
MAX_SEARCH_RESULTS = 1000
TAG_LIMIT = 30

SORTS = {
    "relevance": gettext_lazy("Best match"),
    "newest": gettext_lazy("Newest"),
    "most_used": gettext_lazy("Most used"),
    "title": gettext_lazy("Title"),
}
StageLink = ResourcePage.stages.through


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list
    legend_id: str = ""

    def __post_init__(self):
        self.legend_id = f"facet-{self.name}"


@dataclass
class Browse:
    query: str = ""
    words: str = ""
    sort: str = "newest"
    facets: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    page_number: int = 1
    num_pages: int = 1
    total: int = 0
    messages: list = field(default_factory=list)
    active: list = field(default_factory=list)
    sort_options: list = field(default_factory=list)
    clear_url: str = "?"
    stages: dict = field(default_factory=dict)
    selected: dict = field(default_factory=lambda: {"stage": [], "type": [], "tag": []})
    default_sort: str = "newest"
    previous_url: str = ""
    next_url: str = ""

    def url(self, **changes):
        return self._url(self._state(**changes))

    def _state(self, **changes):
        state = {
            "q": self.query,
            "stage": list(self.selected["stage"]),
            "type": list(self.selected["type"]),
            "tag": list(self.selected["tag"]),
            "sort": self.sort if self.sort != self.default_sort else "",
        }
        state.update(changes)
        return state

    @staticmethod
    def _url(state):
        pairs = [(key, value) for key, value in state.items() if value not in ("", [], None)]
        return "?" + urlencode(pairs, doseq=True) if pairs else "?"

    def page_url(self, number):
        return self._url({**self._state(), "page": number})


def _values(params, name):
    """Distinct, trimmed values of a repeated parameter; capped in number and length."""
    values, too_many = [], False
    for raw in params.getlist(name):
        value = clean_text(raw, MAX_VALUE_LENGTH).text
        if value and value not in values:
            if len(values) == MAX_VALUES:
                too_many = True
                break
            values.append(value)
    return values, too_many


def _page_number(params):
    """The page asked for as a number (the first for anything else), as Paginator.get_page
    reads it: one cache entry per page, not per spelling."""
    try:
        return max(1, int(params.get("page", "1")))
    except ValueError:
        return 1


def search_ids(index_page, words, members):
    """Ids of the live resources matching every word, best match first (the site's one search
    rule, `canteen_site.search`: outside the network, a members-only resource matches on its
    title and summary only, since a match on words of its body would hint at what it holds)."""
    resources = ResourcePage.objects.live().child_of(index_page).defer_streamfields()
    return search_page_ids(resources, words, members, operator="and", limit=MAX_SEARCH_RESULTS)


def toolbox_facts(index_page):
    """What the listing is read from, in one query of index lookups: the pages' facts
    (`canteen_site.content_cache.content_facts`: how many resources, titles, stages, topics,
    types, visibility) and the newest file, file version and download (the "most used" order)."""
    return content_facts(
        index_page, file=ResourceFile, version=ResourceFileVersion, download=Download
    )


def cached_listing(index_page, state, compute_listing):
    """The counts and page of a listing, kept under a key of `state` (the search, the filters,
    sort and page asked, and for a search whether the reader is a network member) and
    `toolbox_facts()`, so any change recomputes it."""
    return cached("toolbox-listing", index_page, state, toolbox_facts(index_page), compute_listing)


def browse(index_page, request):
    """The browse result for this query string (bodies are searched for network members only)."""
    members = is_network_member(request.user)
    return compute(index_page, request.GET, members)


def compute(index_page, params, members):
    result = Browse()
    messages = result.messages

    # --- read and check the query string --------------------------------------------------
    query = clean_text(params.get("q", ""), QUERY_MAX_LENGTH)
    messages.extend(query.messages(QUERY_MAX_LENGTH))
    result.query = query.text
    result.words = search_words(result.query)
    searching = bool(result.query)
    if searching and not result.words:
        messages.append(_("Your search has no letters or digits to look for."))

    stages = list(Stage.objects.only("id", "slug", "name", "name_en", "position"))
    stages_by_slug = {stage.slug: stage for stage in stages}
    result.stages = {stage.pk: stage for stage in stages}
    type_labels = dict(ResourceType.choices)

    wanted = {name: _values(params, name) for name in ("stage", "type", "tag")}
    if any(too_many for _values_list, too_many in wanted.values()):
        messages.append(
            _("Only the first %(count)s values of a filter are used.") % {"count": MAX_VALUES}
        )
    stage_slugs = [slug for slug in wanted["stage"][0] if slug in stages_by_slug]
    types = [value for value in wanted["type"][0] if value in type_labels]
    tags = {}
    if wanted["tag"][0]:
        tags = {
            tag.slug: tag
            for tag in Tag.objects.filter(slug__in=wanted["tag"][0]).only("id", "slug", "name")
        }
    tag_slugs = [slug for slug in wanted["tag"][0] if slug in tags]
    unknown = (
        len(wanted["stage"][0])
        - len(stage_slugs)
        + len(wanted["type"][0])
        - len(types)
        + len(wanted["tag"][0])
        - len(tag_slugs)
    )
    if unknown:
        messages.append(_("Some filters in the address were not recognised and have been ignored."))
    result.selected = {"stage": stage_slugs, "type": types, "tag": tag_slugs}

    result.default_sort = "relevance" if result.words else "newest"
    sort = clean_text(params.get("sort", ""), MAX_VALUE_LENGTH).text or result.default_sort
    if sort not in SORTS or (sort == "relevance" and not result.words):
        messages.append(_("This sort order is not available; the default one is used."))
        sort = result.default_sort
    result.sort = sort

    # --- the resources and the filters of each facet --------------------------------------
    base = ResourcePage.objects.live().public().child_of(index_page)
    filters = {}
    if stage_slugs:
        stage_ids = [stages_by_slug[slug].pk for slug in stage_slugs]
        filters["stage"] = Q(
            pk__in=StageLink.objects.filter(stage_id__in=stage_ids).values("resourcepage_id")
        )
    if types:
        filters["type"] = Q(resource_type__in=types)
    if tag_slugs:
        tag_ids = [tags[slug].pk for slug in tag_slugs]
        filters["tag"] = Q(
            pk__in=ResourceTag.objects.filter(tag_id__in=tag_ids).values("content_object_id")
        )
    selected_tag_ids = [tags[slug].pk for slug in tag_slugs]

    # --- the page of results --------------------------------------------------------------
    results = base.filter(*filters.values()).defer_streamfields()
    if sort == "most_used":
        downloads = (
            Download.objects.filter(file__resource=OuterRef("pk"))
            .order_by()
            .values("file__resource")
            .annotate(count=Count("pk"))
            .values("count")
        )
        results = results.annotate(
            download_count=Coalesce(Subquery(downloads, output_field=IntegerField()), 0)
        ).order_by("-download_count", "title", "pk")
    elif sort == "title":
        results = results.order_by("title", "pk")
    elif sort != "relevance":
        results = results.order_by("-first_published_at", "-pk")

    def listing():
        """The facets' counts, the number of results and the ids of the page asked for."""
        ids = []
        scope = base
        if searching:
            ids = search_ids(index_page, result.words, members) if result.words else []
            scope = base.filter(pk__in=ids)

        def filtered(except_facet=None):
            queryset = scope
            for name, condition in filters.items():
                if name != except_facet:
                    queryset = queryset.filter(condition)
            return queryset

        stage_counts = dict(
            StageLink.objects.filter(resourcepage_id__in=filtered("stage").values("pk"))
            .order_by()
            .values("stage_id")
            .annotate(count=Count("resourcepage_id"))
            .values_list("stage_id", "count")
        )
        type_counts = dict(
            filtered("type")
            .order_by()
            .values("resource_type")
            .annotate(count=Count("pk"))
            .values_list("resource_type", "count")
        )
        tag_rows = (
            ResourceTag.objects.filter(content_object_id__in=filtered("tag").values("pk"))
            .order_by()
            .values("tag_id", "tag__slug", "tag__name")
            .annotate(
                count=Count("content_object_id"),
                chosen=Case(
                    When(tag_id__in=selected_tag_ids, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
            )
            .order_by("chosen", "-count", "tag__name")[:TAG_LIMIT]
        )
        matching = results.filter(pk__in=ids) if searching else results
        if sort == "relevance":
            # The search's order, kept in Python: the ids of the filtered results (one
            # query), rather than a CASE of every match.
            allowed = set(matching.order_by().values_list("pk", flat=True))
            paginator = Paginator([pk for pk in ids if pk in allowed], PAGE_SIZE)
        else:
            paginator = Paginator(matching.values_list("pk", flat=True), PAGE_SIZE)
        page = paginator.get_page(_page_number(params))
        counts = (stage_counts, type_counts, list(tag_rows))
        return (*counts, paginator.count, page.number, list(page.object_list))

    # Every reader who asks the same gets the same list (a search's also depends on whether
    # the reader is a network member, read afresh): its counts and the ids of the page asked
    # for are kept under a key of what they are read from (see toolbox_facts).
    asked = (result.words, members) if searching else None
    state = (asked, stage_slugs, types, tag_slugs, sort, _page_number(params))
    stage_counts, type_counts, tag_rows, total, number, page_ids = cached_listing(
        index_page, state, listing
    )
    # The topics' names are read afresh (a renamed topic leaves the key unchanged).
    names = Tag.objects.in_bulk([row["tag_id"] for row in tag_rows])
    tag_rows = [
        {**row, "tag__slug": names[row["tag_id"]].slug, "tag__name": names[row["tag_id"]].name}
        for row in tag_rows
        if row["tag_id"] in names
    ]
    paginator = Paginator(range(total), PAGE_SIZE)
    page = paginator.get_page(number)
    by_pk = results.in_bulk(page_ids)
    result.rows = [by_pk[pk] for pk in page_ids if pk in by_pk]
    tag_options = [
        Option(row["tag__slug"], row["tag__name"], row["count"], row["tag__slug"] in tag_slugs)
        for row in tag_rows
    ]
    shown = {option.value for option in tag_options}
    tag_options += [
        Option(slug, tags[slug].name, 0, True) for slug in tag_slugs if slug not in shown
    ]

    result.facets = [
        Facet(
            "stage",
            _("Project stage"),
            [
                Option(
                    stage.slug,
                    stage.display_name,
                    stage_counts.get(stage.pk, 0),
                    stage.slug in stage_slugs,
                )
                for stage in stages
            ],
        ),
        Facet(
            "type",
            _("Type"),
            [
                Option(value, label, type_counts.get(value, 0), value in types)
                for value, label in ResourceType.choices
            ],
        ),
        Facet("tag", _("Topic"), tag_options),
    ]

    _attach_stages_and_tags(result.rows, result.stages)
    result.page_number, result.num_pages = page.number, paginator.num_pages
    result.total = paginator.count
    if page.has_previous():
        result.previous_url = result.page_url(page.previous_page_number())
    if page.has_next():
        result.next_url = result.page_url(page.next_page_number())

    # --- links: active filters, sort options ----------------------------------------------
    labels = {
        "stage": {stage.slug: stage.display_name for stage in stages},
        "type": type_labels,
        "tag": {slug: tag.name for slug, tag in tags.items()},
    }
    for name in ("stage", "type", "tag"):
        for value in result.selected[name]:
            remaining = [other for other in result.selected[name] if other != value]
            result.active.append((labels[name][value], result.url(**{name: remaining})))
    if result.query:
        result.active.append((_("Search: %(query)s") % {"query": result.query}, result.url(q="")))
    result.clear_url = "?"
    result.sort_options = [
        (value, label, value == sort)
        for value, label in SORTS.items()
        if value != "relevance" or result.words
    ]
    return result


def _attach_stages_and_tags(rows, stages_by_id):
    """Stages and topics of the listed resources, two queries whatever the page size."""
    ids = [row.pk for row in rows]
    for row in rows:
        row.stage_list, row.tag_list = [], []
    if not ids:
        return
    by_id = {row.pk: row for row in rows}
    links = StageLink.objects.filter(resourcepage_id__in=ids).values_list(
        "resourcepage_id", "stage_id"
    )
    for page_id, stage_id in links:
        by_id[page_id].stage_list.append(stages_by_id[stage_id])
    for row in rows:
        row.stage_list.sort(key=lambda stage: stage.position)
    tagged = ResourceTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    )
    for page_id, name in tagged.order_by("tag__name"):
        by_id[page_id].tag_list.append(name)
