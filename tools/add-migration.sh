#!/usr/bin/env bash
# Adds one EF Core migration for BOTH providers, so the SQLite and PostgreSQL schemas never drift:
#   tools/add-migration.sh NAME
# writes src/Employment.Core/Data/Migrations/Sqlite/<stamp>_NAME.cs and .../Postgres/<stamp>_NAME.cs
# (each with its Designer file and its provider's model snapshot). Neither needs a running database.
# After `git merge main` conflicts on migrations or a snapshot: take main's snapshots and migrations,
# delete your own migration files (both folders), finish the merge, then run this script again.
# Remove the last one (both providers) with: tools/add-migration.sh --remove
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || [[ "$1" == -h* ]] || [[ "$1" == --help ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet restore src/Employment.Core >/dev/null
common=(--project src/Employment.Core --startup-project src/Employment.Core)
for provider in Sqlite Postgres; do
  if [ "$1" = --remove ]; then
    dotnet ef migrations remove "${common[@]}" --context "${provider}AppDbContext" --force
  else
    dotnet ef migrations add "$1" "${common[@]}" --context "${provider}AppDbContext" --output-dir "Data/Migrations/$provider"
  fi
done
