#!/usr/bin/env bash
# Regenerates the figures of docs/performance.md on this machine and rewrites its table of our figures.
# Writes the 10,000,000-row test files once to $DATA_DIR (default /tmp/de-econ-large, ≈1.8 GB: the CSV and the uncompressed Parquet file; not committed).
# Usage: build/run-benchmarks.sh [runs]   (median of `runs` repetitions, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
DATA_DIR="${DATA_DIR:-/tmp/de-econ-large}"
dotnet build tests/DigitalEconomy.Econometrics.Benchmarks -c Release -nologo -v q
OUT="$(mktemp)"
dotnet tests/DigitalEconomy.Econometrics.Benchmarks/bin/Release/net10.0/DigitalEconomy.Econometrics.Benchmarks.dll large "$DATA_DIR" "$RUNS" | tee "$OUT"
fig() { awk -v k="$1" -v f="${2:-2}" '$1 == k { print $f }' "$OUT"; }
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
TABLE="$(mktemp)"
cat > "$TABLE" <<TABLE
<!-- figures:begin (written by build/run-benchmarks.sh; do not edit by hand) -->
| Step (10 M rows × 13 columns, 2 cores) | Target | This library | Peer |
|---|---|---|---|
| Read the CSV (866 MB) | < 2 s | $(fig csv_read) s | fread 1.7 s |
| Read the same panel as Parquet | < 0.7 s | $(fig parquet_read) s | — |
| Two-way FE fit in memory, 10 regressors, clustered SEs | < 0.6 s | $(fig fit_in_memory) s | feols 5.10 s (0.546 s at 1 M rows) |
| \`fe\` end to end, CSV → JSON | < 3.5 s | $(fig fe_end_to_end) s | Rscript fread + feols 9.3 s |
| Peak memory of \`fe\` end to end (numeric data 1.04 GB) | < 2.1 GB | $(fig fe_end_to_end 3) MB | — |
| Difficult FE, 2 factors (1 M rows), demeaning at 1e-8 | < 2 s | $(fig difficult_fe_2) s | fixest 4.0 s |
| Difficult FE, 3 factors | < 4 s | $(fig difficult_fe_3) s | fixest 7.6 s |

Taken $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, load average $LOAD (median of $RUNS runs).
<!-- figures:end -->
TABLE
python3 - "$TABLE" <<'PY'
import re, sys
table = open(sys.argv[1]).read().rstrip("\n")
path = "docs/performance.md"
text = open(path).read()
text = re.sub(r"<!-- figures:begin.*?<!-- figures:end -->", lambda _: table, text, flags=re.S)
open(path, "w").write(text)
PY
rm -f "$OUT" "$TABLE"
echo "docs/performance.md updated"
