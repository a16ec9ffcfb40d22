#!/bin/sh
# Runs once, when the primary's volume is initialised (the image's /docker-entrypoint-initdb.d):
# lets the standby stream from it. The image's pg_hba.conf allows every database but not the
# replication pseudo-database, which a line of its own must name. The standby connects as the
# superuser of POSTGRES_USER with the same password method as the app.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
