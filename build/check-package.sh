#!/usr/bin/env bash
# Checks the NuGet packages the way a user receives them (run by .ci/run after the tests; runs alone too):
#   pack       dotnet pack the core and Plotting libraries into a fresh local feed and inspect the packages
#              (both target frameworks, XML docs, README, license, symbols, the core's only two dependencies);
#   deterministic  a second clone of the same commit, elsewhere on disk, packs byte-identical assemblies (skipped
#              when the working tree has uncommitted changes, since the commit id is compiled in);
#   consumer   a console project OUTSIDE the repository references DigitalEconomy.Econometrics by version from
#              that feed, restores into an empty package cache (nothing stale can satisfy it), builds for net10.0
#              and net8.0, runs both (net8.0 rolled forward onto the installed runtime) and checks the numbers;
#   quickstart the C# block of the README's Quickstart section, built against the package and run at the repo root,
#              with every other C# snippet of README.md, docs/*.md and data/README.md compiled alongside;
#   tool       the DigitalEconomy.Cli dotnet tool is packed, installed from the feed and run (fe on Grunfeld,
#              JSON compared with Stata's published numbers);
#   notebooks  every samples/notebooks/*.ipynb runs in the real .NET Interactive kernel (dotnet-repl 0.3.259, see
#              build/run-notebooks.sh) with a fresh HOME and package cache, so its #r lines must resolve from the feed;
#              a failing cell fails the check; the executed notebooks (real outputs) go to artifacts/notebooks/;
#   docs       docfx 2.81.0 (installed into a scratch tool path) builds the documentation site from docs/site/docfx.json
#              (API reference from the XML docs of both libraries, the articles of docs/) into artifacts/docs with
#              warnings as errors: a broken link (InvalidFileLink, InvalidBookmark), an unresolved reference or any
#              other docfx warning fails the check (a public member without XML docs already fails the compiler).
# Prints "check NAME: passed|failed" per check and exits non-zero if any failed.
# DE_KEEP_WORK=1 keeps the scratch folder for inspection; DE_CHECKS=notebooks (comma list) runs only those checks
# after pack, e.g. while writing a notebook.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/de-package-check.XXXXXX")
if [ "${DE_KEEP_WORK:-0}" = 1 ]; then echo "scratch folder: $work"; else trap 'rm -rf "$work"' EXIT; fi

failed=0
want() { [[ ",${DE_CHECKS:-deterministic,consumer,quickstart,tool,notebooks,docs}," == *",$1,"* ]]; }
started=$SECONDS
report() { # NAME STATUS
  echo "($1: $((SECONDS - started)) s)"
  started=$SECONDS
  if [ "$2" -eq 0 ]; then echo "check $1: passed"; else echo "check $1: failed"; failed=$((failed + 1)); fi
}
section() { printf '\n==== %s\n' "$1"; }

version=$(dotnet msbuild "$root/src/DigitalEconomy.Econometrics/DigitalEconomy.Econometrics.csproj" -getProperty:PackageVersion)
feed="$work/feed"
machine_cache=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')

section "pack DigitalEconomy.Econometrics $version"
status=0
# ContinuousIntegrationBuild normalises source paths, so the binaries do not depend on where the repository is.
for project in DigitalEconomy.Econometrics DigitalEconomy.Econometrics.Plotting; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$feed" -p:ContinuousIntegrationBuild=true -v quiet -clp:NoSummary || status=1
done
[ "$status" -eq 0 ] && { dotnet run --file "$root/build/PackageCheck.cs" -- inspect --feed "$feed" --version "$version" || status=1; }
report pack "$status"
pack_ok=$status

if want deterministic; then
section "deterministic build (a second clone elsewhere must pack byte-identical assemblies)"
if [ "$pack_ok" -ne 0 ]; then
  report deterministic 1
elif [ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ] || ! git -C "$root" rev-parse -q HEAD > /dev/null 2>&1; then
  echo "(skipped: the working tree has uncommitted changes or is not a git checkout; the commit id is part of the build)"
else
  status=1
  if git clone -q "$root" "$work/second-clone" \
     && dotnet pack "$work/second-clone/src/DigitalEconomy.Econometrics/DigitalEconomy.Econometrics.csproj" -c Release \
          -o "$work/second-feed" -p:ContinuousIntegrationBuild=true -v quiet -clp:NoSummary; then
    mkdir -p "$work/unpacked-1" "$work/unpacked-2"
    unzip -oq "$feed/DigitalEconomy.Econometrics.$version.nupkg" 'lib/*' -d "$work/unpacked-1" \
      && unzip -oq "$work/second-feed/DigitalEconomy.Econometrics.$version.nupkg" 'lib/*' -d "$work/unpacked-2" \
      && (cd "$work/unpacked-1" && sha256sum lib/*/*.dll) \
      && diff -r "$work/unpacked-1/lib" "$work/unpacked-2/lib" && status=0
  fi
  report deterministic "$status"
fi
fi

# From here on restores see only the fresh feed for DigitalEconomy.* (source mapping) and, for everything else,
# the machine's package cache read as a plain local feed (the test build has just filled it), so the check works
# offline; nuget.org is added only when there is no such cache or DE_PACKAGE_CHECK_NUGET_ORG=1. The cache the
# restores extract into is empty, so nothing stale can satisfy them.
other_sources=()
[ -d "$machine_cache" ] && other_sources+=("machine-cache=$machine_cache")
if [ ! -d "$machine_cache" ] || [ "${DE_PACKAGE_CHECK_NUGET_ORG:-0}" = 1 ]; then
  other_sources+=("nuget.org=https://api.nuget.org/v3/index.json")
fi
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration>'
  echo '  <packageSources>'
  echo '    <clear />'
  echo "    <add key=\"local-build\" value=\"$feed\" />"
  for source in "${other_sources[@]}"; do echo "    <add key=\"${source%%=*}\" value=\"${source#*=}\" />"; done
  echo '  </packageSources>'
  echo '  <packageSourceMapping>'
  echo '    <packageSource key="local-build"><package pattern="DigitalEconomy.*" /></packageSource>'
  for source in "${other_sources[@]}"; do echo "    <packageSource key=\"${source%%=*}\"><package pattern=\"*\" /></packageSource>"; done
  echo '  </packageSourceMapping>'
  echo '</configuration>'
} > "$work/nuget.config"
export NUGET_PACKAGES="$work/packages"

came_from_feed() { # ID: the restored package must have been extracted from the fresh feed
  local meta="$NUGET_PACKAGES/${1,,}/$version/.nupkg.metadata"
  grep -q "\"source\": *\"${feed//\//\\/}" "$meta" 2>/dev/null || { echo "$1 $version was not restored from $feed" >&2; return 1; }
}

if want consumer; then
section "consumer project (PackageReference DigitalEconomy.Econometrics $version)"
status=1
if [ "$pack_ok" -eq 0 ]; then
  mkdir -p "$work/consumer"
  cp "$root/build/consumer/Program.cs" "$root/build/consumer/grunfeld.csv" "$work/consumer/"
  sed "s/@VERSION@/$version/" "$root/build/consumer/Consumer.csproj.template" > "$work/consumer/Consumer.csproj"
  if dotnet build "$work/consumer/Consumer.csproj" -c Release -v quiet -clp:NoSummary && came_from_feed DigitalEconomy.Econometrics; then
    status=0
    for tfm in net10.0 net8.0; do
      echo "-- $tfm"
      DOTNET_ROLL_FORWARD=Major dotnet "$work/consumer/bin/Release/$tfm/Consumer.dll" > "$work/consumer-$tfm.log" 2>&1
      rc=$?
      cat "$work/consumer-$tfm.log"
      { [ "$rc" -eq 0 ] && grep -q "^consumer check passed$" "$work/consumer-$tfm.log"; } || status=1
    done
  fi
fi
report consumer "$status"
fi

if want quickstart; then
section "README quickstart (built and run from the repository root) and every C# snippet of README.md and docs/*.md (built)"
status=1
if [ "$pack_ok" -eq 0 ] \
   && dotnet run --file "$root/build/PackageCheck.cs" -- quickstart --readme "$root/README.md" --version "$version" --project "$work/quickstart" --docs "$root"/docs/*.md "$root/data/README.md" \
   && dotnet build "$work/quickstart/Quickstart.csproj" -c Release -v quiet -clp:NoSummary; then
  (cd "$root" && dotnet "$work/quickstart/bin/Release/net10.0/Quickstart.dll") && status=0
fi
report quickstart "$status"
fi

if want tool; then
section "dotnet tool DigitalEconomy.Cli $version (installed from the feed, run on the Grunfeld data)"
status=1
if [ "$pack_ok" -eq 0 ] \
   && dotnet pack "$root/samples/DigitalEconomy.Cli/DigitalEconomy.Cli.csproj" -c Release -o "$feed" -v quiet -clp:NoSummary \
   && (cd "$work" && dotnet tool install DigitalEconomy.Cli --version "$version" --tool-path "$work/tool" --configfile "$work/nuget.config"); then
  # Stata: xtreg inv value capital, fe vce(cluster firm) → SE(value) = 0.0151945 (printed to 6 significant digits).
  "$work/tool/de-econ" fe --data "$root/build/consumer/grunfeld.csv" --entity firm --time year \
      --y inv --x value,capital --effects entity --vcov cluster:firm --format json > "$work/tool.json" \
    && cat "$work/tool.json" && echo \
    && dotnet run --file "$root/build/PackageCheck.cs" -- grunfeld-json --file "$work/tool.json" \
    && status=0
  # The tool package must stay small enough to install quickly (it carries SkiaSharp natives for four platforms only).
  tool_bytes=$(stat -c %s "$feed/DigitalEconomy.Cli.$version.nupkg")
  echo "tool package: $tool_bytes bytes ($((tool_bytes / 1048576)) MiB; limit 40 MB)"
  [ "$tool_bytes" -lt 40000000 ] || { echo "the tool package exceeds 40 MB"; status=1; }
fi
report tool "$status"
fi

if want notebooks; then
section "notebooks (samples/notebooks/*.ipynb in the real .NET Interactive kernel, dotnet-repl, against the packed packages)"
status=1
if [ "$pack_ok" -eq 0 ]; then
  rm -rf "$root/artifacts/notebooks"  # executed copies of this run only
  bash "$root/build/run-notebooks.sh" "$feed" "$version" "$root/artifacts/notebooks" && status=0
fi
report notebooks "$status"
fi

if want docs; then
section "documentation site (docfx 2.81.0, warnings as errors) into artifacts/docs"
status=1
# The metadata step restores the library projects itself; it runs with the machine's package cache, not the scratch one.
if (unset NUGET_PACKAGES; cd "$root" && dotnet tool install docfx --version 2.81.0 --tool-path "$work/docfx" > /dev/null); then
  rm -rf "$root/artifacts/docs" "$root/artifacts/docs-metadata"
  (unset NUGET_PACKAGES; cd "$root/docs/site" && "$work/docfx/docfx" docfx.json --warningsAsErrors) > "$work/docfx.log" 2>&1
  rc=$?
  grep -E "warning|error" "$work/docfx.log" | grep -vE "^ +[0-9]+ (warning|error)\(s\)$"
  tail -4 "$work/docfx.log"
  # docfx prints each problem as "file(line,col): warning Code: ..."; none may appear.
  if [ "$rc" -eq 0 ] && ! grep -qE ": (warning|error) [A-Za-z]+:" "$work/docfx.log" && [ -f "$root/artifacts/docs/index.html" ]; then status=0; fi
fi
report docs "$status"
fi

[ "$failed" -eq 0 ]
