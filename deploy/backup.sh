#!/bin/sh
# Nightly backup of IFN: the database (pg_dump, custom format) and the
# uploads (MEDIA_ROOT and PRIVATE_MEDIA_ROOT), kept for 14 days.
# Run by ifn-backup.timer as the ifn user with /etc/ifn/ifn.env loaded.
set -eu
target=${BACKUP_DIR:-/var/backups/ifn}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$target"
# --no-owner: restorable into a database owned by another role.
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$target/db-$stamp.dump.part"
mv "$target/db-$stamp.dump.part" "$target/db-$stamp.dump"
tar --create --gzip --file="$target/media-$stamp.tar.gz.part" \
    --directory="$(dirname "$MEDIA_ROOT")" "$(basename "$MEDIA_ROOT")" \
    --directory="$(dirname "$PRIVATE_MEDIA_ROOT")" "$(basename "$PRIVATE_MEDIA_ROOT")"
mv "$target/media-$stamp.tar.gz.part" "$target/media-$stamp.tar.gz"
find "$target" -name 'db-*.dump' -mtime +14 -delete
find "$target" -name 'media-*.tar.gz' -mtime +14 -delete
