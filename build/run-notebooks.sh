#!/usr/bin/env bash
# Runs every notebook of samples/notebooks in the real .NET Interactive kernel (dotnet-repl), against the packages
# in a local feed, the way a user opening the notebook gets them:
#   run-notebooks.sh FEED VERSION OUT_DIR [NOTEBOOK ...]
# HOME, the NuGet package cache and the tool folder are fresh, so no earlier build of the packages can be used; the
# user-level NuGet configuration is the SDK's default plus the local feed. Each notebook's `#r "nuget: ..."` lines
# must ask for VERSION. A notebook fails when dotnet-repl exits non-zero or any cell's output is an error; the
# executed notebooks (with their outputs, tables and figures) are written to OUT_DIR.
set -uo pipefail
feed=$(cd "$1" && pwd); version=$2; out=$3; shift 3
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"; out=$(cd "$out" && pwd)
notebooks=("$@")
[ ${#notebooks[@]} -eq 0 ] && notebooks=("$root"/samples/notebooks/*.ipynb)

work=$(mktemp -d "${TMPDIR:-/tmp}/de-notebooks.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" DOTNET_CLI_HOME="$work/home" NUGET_PACKAGES="$work/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
mkdir -p "$HOME"
# The first NuGet command writes the SDK's default user configuration; then the local feed is added to it.
dotnet nuget list source > /dev/null 2>&1
dotnet nuget add source "$feed" --name de-local-feed > /dev/null || { echo "could not add the local feed $feed"; exit 1; }
dotnet tool install dotnet-repl --version 0.3.259 --tool-path "$work/repl" > "$work/repl-install.log" 2>&1 \
  || { cat "$work/repl-install.log"; echo "dotnet-repl 0.3.259 could not be installed"; exit 1; }

failed=0
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb")
  # Every package reference of the notebook must be the version being checked.
  if grep -o 'nuget: DigitalEconomy[^"\\]*' "$nb" | grep -v ", $version\$" | grep -q .; then
    echo "notebook $name: failed (its #r lines ask for $(grep -o 'nuget: DigitalEconomy[^"\\]*' "$nb" | sort -u | tr '\n' ' ')but the packages are $version)"
    failed=$((failed + 1)); continue
  fi
  started=$SECONDS
  # Jupyter runs a notebook in its own folder, so its relative paths (../../data/…) resolve from there.
  (cd "$(dirname "$nb")" && timeout 900 "$work/repl/dotnet-repl" --run "$(basename "$nb")" --exit-after-run --output-path "$out/$name") > "$work/$name.log" 2>&1
  status=$?
  if [ "$status" -eq 0 ] && [ -s "$out/$name" ] && ! grep -q '"output_type": *"error"' "$out/$name"; then
    echo "notebook $name: passed ($((SECONDS - started)) s)"
  else
    echo "notebook $name: failed (dotnet-repl exit $status; $((SECONDS - started)) s)"
    # The first error of the executed notebook, or the tail of the kernel's log.
    grep -o '"evalue": *"[^"]*"' "$out/$name" 2>/dev/null | head -3
    tail -5 "$work/$name.log"
    failed=$((failed + 1))
  fi
done
[ "$failed" -eq 0 ]
