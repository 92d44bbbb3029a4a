#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The manual pages name every option the programs take, and no other: the
# long options of `giliran --help-all` and `giliran-manager --help-all`
# against the items (.TP) of giliran.1's and giliran-manager.8's OPTIONS.
#   sh tests/test-manpages.sh SOURCE_ROOT GILIRAN GILIRAN_MANAGER
set -eu

top=$1
status=0

# Long options in a program's help, but GOption's and GApplication's own.
help_options () {
  "$1" --help-all | sed -n 's/^  \(--[a-z-]*\).*/\1/p' |
    grep -v -e '^--help' -e '^--gapplication-' | sort -u
}

# Options the manual page's OPTIONS section has an item for.
page_options () {
  awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 }
       on && prev == ".TP" { print } { prev = $0 }' "$1" |
    grep -o '\\-\\-[a-z\\-]*' | sed 's/\\-/-/g' | grep -v '^--help$' | sort -u
}

check () {
  program=$1
  page=$2
  help_options "$program" >"$work/help"
  page_options "$page" >"$work/page"
  [ -s "$work/help" ] || { echo "FAIL: no options in $program --help-all"; status=1; return; }
  if ! diff -u "$work/help" "$work/page" >"$work/diff"; then
    echo "FAIL: $page and $program --help-all differ (- only in the help, + only in the page):"
    cat "$work/diff"
    status=1
  else
    echo "ok: $page has the $(wc -l <"$work/help") options of $(basename "$program")"
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check "$2" "$top/doc/giliran.1"
check "$3" "$top/doc/giliran-manager.8"
exit $status
