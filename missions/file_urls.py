"""The route that serves document files, outside the language prefixes and the page cache."""

from django.urls import path

from missions.views.files import document_file

urlpatterns = [
    path("files/<uuid:uid>/<str:name>", document_file, name="document_file"),
]
