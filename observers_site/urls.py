"""Top-level URLs: the admin and the public site."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from missions import sitemaps
from missions.views.public import RobotsView

handler500 = "observers_site.request_log.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("", include("missions.health_urls")),
    path("", include("missions.file_urls")),
]
# The public site under /en/ and /ru/; a visitor to / is sent to the language of the browser.
urlpatterns += i18n_patterns(path("", include("missions.urls")))
