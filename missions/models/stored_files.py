"""Document files in the storage outlive no record: a file whose record is deleted (by an
import, the admin, a cascade from its document or mission) or whose record now holds another
file is deleted from the storage once the transaction commits, never before, and only if no
record holds that name any more. A rolled-back transaction deletes nothing."""

import logging
from functools import partial
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from .publications import DocumentFile

logger = logging.getLogger(__name__)


def delete_unused_files(names, using="default"):
    """Delete from the storage each of `names` that no DocumentFile holds."""
    names = {name for name in names if name}
    held = DocumentFile.objects.using(using).filter(file__in=names).values_list("file", flat=True)
    for name in sorted(names - set(held)):
        try:
            default_storage.delete(name)
            remove_empty_folder(name)
        except Exception:  # one file the storage cannot delete leaves the others to delete
            logger.exception("Could not delete the unused file %s from the storage", name)


def remove_empty_folder(name):
    """A file's own folder (documents/<uid>/) goes with its last file, on a local disk."""
    if isinstance(default_storage, FileSystemStorage):
        folder = Path(default_storage.path(name)).parent
        root = Path(default_storage.location)
        if folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def delete_after_commit(name, using):
    if name:
        transaction.on_commit(partial(delete_unused_files, [name], using), using=using, robust=True)


@receiver(post_delete, sender=DocumentFile, dispatch_uid="document_file_deleted")
def file_record_deleted(sender, instance, using, **kwargs):
    delete_after_commit(instance.file.name, using)


@receiver(pre_save, sender=DocumentFile, dispatch_uid="document_file_replaced")
def file_record_replaced(sender, instance, using, raw=False, **kwargs):
    """A stored record given another file (the admin's "change" on the inline)."""
    if raw or instance.pk is None:
        return
    stored = DocumentFile.objects.using(using).filter(pk=instance.pk).values_list("file", flat=True)
    old = next(iter(stored), None)
    if old and old != instance.file.name:
        delete_after_commit(old, using)
