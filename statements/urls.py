"""The portal's addresses.

Every list has data twins: ``<list>.json`` / ``<list>.csv`` or ``?format=json|csv``
(``views/exports.py``). The search page takes ``q``, ``speaker=<Speaker id>``,
``country=<Country.key>``, ``year`` and ``page``; the speaker and country pages'
search boxes, ``/search.json``, ``/search.csv`` and ``/search/feed/`` use the same
parameters.
"""
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import feeds
from .caching import shared_page
from .sitemaps import SITEMAPS, section_view
from .views import browse, exports, lists, profiles, search, trends, votes

app_name = "statements"

# ``<name>.json`` / ``<name>.csv`` twin of a list page; ``?format=`` works on the page itself.
FMT = r"\.(?P<format>json|csv)"

urlpatterns = [
    path("", browse.HomeView.as_view(), name="home"),
    path("search/", search.SearchView.as_view(), name="search"),
    re_path(r"^search\.(?P<format>json|csv|bib|ris)$", exports.SearchExportView.as_view(), name="search_export"),
    path("search/feed/", feeds.SearchFeed(), name="search_feed"),
    path("search/facets/<slug:name>/", search.FacetValuesView.as_view(), name="search_facet"),
    path("search/trends/", trends.TrendsView.as_view(), name="trends"),
    re_path(r"^search/trends\.(?P<format>csv)$", trends.TrendsView.as_view(), name="trends_csv"),
    path("search/help/", search.SearchHelpView.as_view(), name="search_help"),
    path("api/search", search.ApiSearchView.as_view(), name="api_search"),
    path("opensearch.xml", browse.OpenSearchView.as_view(), name="opensearch"),
    path("sitemap.xml", shared_page(sitemap_views.index),
         {"sitemaps": SITEMAPS, "sitemap_url_name": "statements:sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", shared_page(section_view), name="sitemap_section"),

    path("statements/<int:pk>/", browse.StatementView.as_view(), name="statement"),
    re_path(r"^statements/(?P<pk>\d+)\.(?P<format>json|csv|bib|ris)$", browse.StatementView.as_view(), name="statement_export"),

    path("meetings/", lists.MeetingListView.as_view(), name="meeting_list"),
    re_path(rf"^meetings{FMT}$", lists.MeetingListView.as_view(), name="meeting_list_export"),
    path("meetings/<str:slug>/", shared_page(browse.MeetingView.as_view()), name="meeting"),
    re_path(rf"^meetings/(?P<slug>[^/]+?){FMT}$", browse.MeetingView.as_view(), name="meeting_export"),

    path("speakers/", lists.SpeakerListView.as_view(), name="speaker_list"),
    re_path(rf"^speakers{FMT}$", lists.SpeakerListView.as_view(), name="speaker_list_export"),
    path("speakers/<slug:slug>/", shared_page(profiles.SpeakerView.as_view()), name="speaker"),
    re_path(rf"^speakers/(?P<slug>[-\w]+){FMT}$", profiles.SpeakerView.as_view(), name="speaker_export"),
    path("speakers/<slug:slug>/feed/", feeds.SpeakerFeed(), name="speaker_feed"),

    path("countries/", lists.CountryListView.as_view(), name="country_list"),
    re_path(rf"^countries{FMT}$", lists.CountryListView.as_view(), name="country_list_export"),
    path("countries/<slug:slug>/", shared_page(profiles.CountryView.as_view()), name="country"),
    re_path(rf"^countries/(?P<slug>[-\w]+){FMT}$", profiles.CountryView.as_view(), name="country_export"),
    path("countries/<slug:slug>/feed/", feeds.CountryFeed(), name="country_feed"),

    path("resolutions/", lists.ResolutionListView.as_view(), name="resolution_list"),
    re_path(rf"^resolutions{FMT}$", lists.ResolutionListView.as_view(), name="resolution_list_export"),
    path("resolutions/<str:key>/", shared_page(profiles.ResolutionView.as_view()), name="resolution"),
    re_path(rf"^resolutions/(?P<key>[-\w]+){FMT}$", profiles.ResolutionView.as_view(), name="resolution_export"),

    path("votes/", votes.VoteListView.as_view(), name="vote_list"),
    re_path(rf"^votes{FMT}$", votes.VoteListView.as_view(), name="vote_list_export"),
    path("votes/<int:pk>/", votes.VoteView.as_view(), name="vote"),

    path("agenda/", lists.AgendaItemListView.as_view(), name="agenda_list"),
    re_path(rf"^agenda{FMT}$", lists.AgendaItemListView.as_view(), name="agenda_list_export"),
    path("agenda/<slug:slug>/", shared_page(profiles.AgendaItemView.as_view()), name="agenda_item"),
    re_path(rf"^agenda/(?P<slug>[-\w]+){FMT}$", profiles.AgendaItemView.as_view(), name="agenda_item_export"),
]
