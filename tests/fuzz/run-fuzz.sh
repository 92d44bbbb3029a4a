#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for a while from a copy of its seed corpus.
# usage: run-fuzz.sh TARGET CORPUS-DIR ARTIFACT-DIR SECONDS [DICTIONARY]
set -eu

target=$1
corpus=$2
artifacts=$3
seconds=$4
dict=
if [ $# -ge 5 ]; then
  dict="-dict=$5"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/giliran-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$corpus"/* "$work"/

# -max_len: the manager takes request bodies up to 64 KiB. libFuzzer's own
# exit code for a crash is 77, which meson reads as a skipped test.
"$target" -max_total_time="$seconds" -timeout=30 -max_len=65536 \
          -error_exitcode=1 -timeout_exitcode=1 \
          -print_final_stats=1 -artifact_prefix="$artifacts/$(basename "$target")-" \
          $dict "$work"
