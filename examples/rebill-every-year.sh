#!/usr/bin/env bash
# Rebills every year of a convention into one folder per year.
#
#   examples/rebill-every-year.sh OUT_DIR [--convention FILE] [--usage FILE] [--force]
#
# OLERON_BILL names the binary (default: oleron-bill on the PATH).
set -euo pipefail

usage="usage: $0 OUT_DIR [--convention FILE] [--usage FILE] [--force]"
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
out_dir=$1
shift
bill=${OLERON_BILL:-oleron-bill}

inputs=()
force=()
while [ $# -gt 0 ]; do
    case $1 in
        -c|--convention|-u|--usage) [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }; inputs+=("$1" "$2"); shift 2 ;;
        --force) force=(--force); shift ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
done

# The years are the first column of the whole-convention CSV.
years=$("$bill" --format csv "${inputs[@]}" | tail -n +2 | cut -d, -f1 | sort -u)
for year in $years; do
    "$bill" rebill "$year" --out-dir "$out_dir/$year" "${inputs[@]}" "${force[@]}"
done
