#!/usr/bin/env bash
# Rebills every year of a convention into one folder per year.
#
#   examples/rebill-every-year.sh OUT_DIR [more oleron-bill options, e.g. --usage FILE --force]
#
# OLERON_BILL names the binary (default: oleron-bill on the PATH).
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 OUT_DIR [oleron-bill options]" >&2
    exit 2
fi
out_dir=$1
shift
bill=${OLERON_BILL:-oleron-bill}

# The years are the first column of the whole-convention CSV.
years=$("$bill" --format csv "$@" | tail -n +2 | cut -d, -f1 | sort -u)
for year in $years; do
    "$bill" rebill "$year" --out-dir "$out_dir/$year" "$@"
done
