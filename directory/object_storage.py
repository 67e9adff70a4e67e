"""Claim evidence in object storage, for several app machines. A module of its
own so that boto3 is imported only where object storage is configured."""

from storages.backends.s3 import S3Storage

from directory.storage import PrivateFiles


class PrivateS3Storage(PrivateFiles, S3Storage):
    """Files in a private bucket: no public address, read through the staff view."""
