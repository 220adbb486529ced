"""Uploads waiting between two requests (a roster's preview and confirmation, a mission
document kept across a failed preview): a private folder, names the server chose, an expiry."""

import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation

UPLOAD_NAME = re.compile(r"[0-9a-f]{32}")


def is_upload_name(name):
    return isinstance(name, str) and UPLOAD_NAME.fullmatch(name) is not None


class PrivateUploads:
    """Files in the folder a setting names (mode 0700), each under 32 random hex digits;
    any other name is refused, and files older than `lifetime` seconds are removed."""

    def __init__(self, setting, lifetime):
        self.setting = setting
        self.lifetime = lifetime

    def folder(self):
        folder = Path(getattr(settings, self.setting))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    def path(self, name):
        if not is_upload_name(name):
            raise SuspiciousFileOperation(f"Not an upload name: {name!r}")
        return self.folder() / name

    def save(self, data):
        """Write `data` under a new random name and return the name."""
        self.remove_stale()
        name = secrets.token_hex(16)
        descriptor = os.open(self.path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return name

    def read(self, name):
        """The bytes under `name`, or None if they are gone or expired."""
        path = self.path(name)
        try:
            if path.stat().st_mtime < time.time() - self.lifetime:
                path.unlink(missing_ok=True)
                return None
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def exists(self, name):
        return is_upload_name(name) and self.path(name).is_file()

    def remove(self, name):
        if is_upload_name(name):
            self.path(name).unlink(missing_ok=True)

    def remove_stale(self):
        """Delete files older than the lifetime: abandoned previews cannot fill the folder."""
        cutoff = time.time() - self.lifetime
        for path in self.folder().iterdir():
            if is_upload_name(path.name) and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
