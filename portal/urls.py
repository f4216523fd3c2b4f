from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("statements.urls")),
]

# A database outage outside a view still answers 503, not 500 (statements/middleware.py).
handler500 = "statements.middleware.server_error"
