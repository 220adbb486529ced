"""Top-level URLs: the admin and the public site."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from missions import downloads
from missions.sitemaps import SITEMAPS
from missions.views.public import RobotsView

handler500 = "observers_site.request_log.server_error"
handler400 = "missions.api.errors.bad_request"
handler404 = "missions.api.errors.page_not_found"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("", include("missions.health_urls")),
    path("api/v1/", include("missions.api.urls")),
    path("downloads/<slug:name>.<slug:extension>", downloads.download, name="download"),
]
# The public site under /en/ and /ru/; a visitor to / is sent to the language of the browser.
urlpatterns += i18n_patterns(path("", include("missions.urls")))
