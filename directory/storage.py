"""Private files: evidence sent with a claim (a photo of a business permit or
an ID card) is personal data that only staff may see."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFiles:
    """A storage whose files have no URL: the only way to read one is a view
    that checks who is asking."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view that checks permissions.")


class PrivateStorage(PrivateFiles, FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, on one machine."""

    # Read from settings on every use (not cached at start-up) so that tests
    # and deployments that change PRIVATE_MEDIA_ROOT are always obeyed.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage() -> Storage:
    return storages["private"]
