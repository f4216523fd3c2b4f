from django.urls import path

from .views import browse, search

app_name = "statements"

urlpatterns = [
    path("", browse.HomeView.as_view(), name="home"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("search/help/", search.SearchHelpView.as_view(), name="search_help"),
    path("api/search", search.ApiSearchView.as_view(), name="api_search"),
    path("statements/<int:pk>/", browse.StatementView.as_view(), name="statement"),
    path("meetings/<str:slug>/", browse.MeetingView.as_view(), name="meeting"),
    path("speakers/<slug:slug>/", browse.SpeakerView.as_view(), name="speaker"),
    path("countries/<slug:slug>/", browse.CountryView.as_view(), name="country"),
    path("resolutions/<str:key>/", browse.ResolutionView.as_view(), name="resolution"),
    path("agenda/<slug:slug>/", browse.AgendaItemView.as_view(), name="agenda_item"),
]
