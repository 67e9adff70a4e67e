"""Importing a confirmed community list: every row becomes an unowned, pending
listing, logged and indexed; each upload is imported once, however often it
is confirmed."""

import hashlib
from typing import TYPE_CHECKING

import tablib
from django.db import IntegrityError, transaction
from django.utils import timezone

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.connect.ranked_partners import rank_partners
from directory.listings.history import ModerationLog
from directory.search.index import refresh_search_index
from directory.stewardship.list_files import IMPORT_STATUSES
from directory.stewardship.models import ListImport
from directory.stewardship.resource import BusinessResource

if TYPE_CHECKING:
    from import_export.results import Result


# Community lists -------------------------------------------------------------


def business_import(
    *, dataset: tablib.Dataset, status: str, moderator: User | None, dry_run: bool = False, file_name: str = ""
) -> "Result":
    """Add the businesses of a community list (see stewardship.resource):
    every row or none. A dry run checks every row and finds lookalikes
    (`result.warnings`) without keeping anything. Imported businesses have
    no owner and the given status; they are indexed for search in one pass
    and each gets an "imported" entry, naming the file, in its moderation
    record."""
    if status not in dict(IMPORT_STATUSES):
        raise ValueError(f"Imported businesses cannot be {status!r}.")
    with transaction.atomic():
        result = BusinessResource(status=status).import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            rollback_on_validation_errors=True,
            file_name=file_name,
            user=moderator,
        )
        if dry_run or result.has_errors() or result.has_validation_errors():
            return result
        imported = [(row.object_id, row.object_repr) for row in result.rows if row.object_id is not None]
        refresh_search_index([pk for pk, _name in imported])
        # Their own partners at once; their neighbours' at the next hourly ranking.
        rank_partners([pk for pk, _name in imported])
        ModerationLog.objects.bulk_create(
            ModerationLog(
                business_id=pk,
                business_name=name[:150],
                moderator=moderator,
                action=ModerationLog.Action.IMPORTED,
                reason=file_name,
            )
            for pk, name in imported
        )
        transaction.on_commit(public_data_changed)
    return result


# Confirming once ----------------------------------------------------------------


def list_import_claim(*, token: str, file_name: str, moderator: User | None) -> ListImport | None:
    """Claim the upload `token` for import, or None when a confirmation
    already claimed it. The claim is committed before any row is read, so a
    second confirmation arriving while the first is still importing finds
    it (PostgreSQL makes a concurrent insert of the same token wait for the
    first and then fail)."""
    try:
        with transaction.atomic():
            return ListImport.objects.create(token=token, file_name=file_name[:255], moderator=moderator)
    except IntegrityError:
        return None


def list_import_finish(*, claim: ListImport, result: "Result | None", digest: str = "") -> None:
    """Record what the claimed confirmation imported; a confirmation that
    imported nothing (the rows had errors by then, or the server failed)
    gives its claim back, so the upload may be confirmed again."""
    if result is None or result.has_errors() or result.has_validation_errors():
        claim.delete()
        return
    claim.finished_at = timezone.now()
    claim.businesses = sum(1 for row in result.rows if row.object_id is not None)
    claim.digest = digest
    claim.save(update_fields=["finished_at", "businesses", "digest"])


def file_digest(chunks) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk if isinstance(chunk, bytes) else chunk.encode())
    return digest.hexdigest()


def list_imported_before(*, digest: str) -> ListImport | None:
    """The last import of a file with these very bytes, if any."""
    return (
        ListImport.objects.filter(digest=digest, finished_at__isnull=False)
        .select_related("moderator")
        .order_by("-finished_at")
        .first()
    )
