"""Write the public archive in Popolo JSON, as /api/v1/popolo.json serves it."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from missions import popolo


class Site:
    """Makes a path absolute under the site's address (in place of a request)."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def build_absolute_uri(self, path):
        return self.base_url + path


class Command(BaseCommand):
    help = "Write the public archive (published missions only) as Popolo JSON."

    def add_arguments(self, parser):
        parser.add_argument("--out", help="the file to write (default: standard output)")
        parser.add_argument(
            "--base-url",
            default="",
            help="the site's address, e.g. https://observers.example.org (without it links "
            "are paths)",
        )

    def handle(self, *args, out=None, base_url="", **options):
        site = None
        if base_url:
            try:
                URLValidator(schemes=["http", "https"])(base_url)
            except ValidationError as error:
                raise CommandError(f"--base-url {base_url!r}: not an http(s) address") from error
            site = Site(base_url)
        text = json.dumps(popolo.export(site), ensure_ascii=False, indent=1) + "\n"
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
