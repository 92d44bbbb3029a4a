#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian packages, installed as a puskesmas PC installs them: builds
# giliran and giliran-manager with build-aux/make-deb, installs both with
# apt into a fresh minimal Debian 12 root (debootstrap), puts there a
# database as schema 15 left it (gil-make-old-database: a patient, a paired
# desk), starts the manager under its unit's own ExecStart as the giliran
# user, which migrates it: the old patient is found, the old desk's token
# still works. Registers a patient and a visit, pairs a desk and a head
# station (their codes made with the app's `giliran --pairing-code`), and
# exports the month with the app's `giliran --export-report`
# (no display) as XLSX and CSV; upgrades both packages to a higher version
# built from the same tree, and finds everything still there and the
# month's figures right; remove keeps /var/lib/giliran, purge removes it
# and the user; lintian reports no errors and no warnings.
#   sh tests/test-deb.sh SOURCE_ROOT BUILD_ROOT MAKE_OLD_DATABASE
# Needs root (skipped otherwise, except under CI=true) and the network
# (Debian's archive, the mirror this machine's apt uses) on the first run;
# the bootstrapped root and the downloaded packages are kept in
# BUILD_ROOT/deb-cache, so later runs are quicker.
set -eu

top=$1
build=$2
make_old_database=$3
started=$(date +%s)

step () {
  echo "# $(( $(date +%s) - started ))s: $*"
}

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

if [ "$(id -u)" != 0 ]; then
  if [ "${CI:-}" = true ]; then
    fail "the deb test must run as root under CI"
  fi
  echo "SKIP: needs root (debootstrap, chroot)"
  exit 77
fi
for tool in dpkg-buildpackage dh debootstrap lintian chroot setpriv mountpoint python3; do
  command -v $tool >/dev/null || fail "$tool is missing (build-aux/install-deps installs it)"
done

cache=$build/deb-cache
mkdir -p "$cache/archives/partial"
work=$(mktemp -d "$build/deb-test.XXXXXX")
root=$work/root
manager_pid=

cleanup () {
  if [ -n "$manager_pid" ]; then
    kill "$manager_pid" 2>/dev/null || true
    wait "$manager_pid" 2>/dev/null || true
  fi
  for m in var/cache/apt/archives proc dev; do
    if mountpoint -q "$root/$m" 2>/dev/null; then
      umount -l "$root/$m" || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The mirror this machine's apt uses for bookworm.
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
             /etc/apt/sources.list.d/*.sources 2>/dev/null |
         sed -n -e 's|^deb \(\[[^]]*\] \)\{0,1\}\(http[^ ]*\) bookworm .*|\2|p' \
                -e 's|^URIs: \(http[^ ]*/debian\)/\{0,1\}$|\1|p' | head -n 1)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

version=$(sed -n "s/^  version: '\\(.*\\)',\$/\\1/p" "$top/meson.build" | head -n 1)
next=$version+1

step "building the packages $version and $next"
sh "$top/build-aux/make-deb" --output "$work/v1" >"$work/make-deb-1.log" 2>&1 ||
  { tail -n 40 "$work/make-deb-1.log"; fail "make-deb"; }
sh "$top/build-aux/make-deb" --output "$work/v2" --version "$next" >"$work/make-deb-2.log" 2>&1 ||
  { tail -n 40 "$work/make-deb-2.log"; fail "make-deb --version $next"; }
for d in v1/giliran_${version} v1/giliran-manager_${version} \
         v2/giliran_${next} v2/giliran-manager_${next}; do
  ls "$work/$d"_*.deb >/dev/null || fail "no $d package"
done

step "lintian"
for changes in "$work"/v1/*.changes "$work"/v2/*.changes; do
  lintian --fail-on error "$changes" 2>&1 | grep -v 'running with root privileges' |
    tee -a "$work/lintian.log"
done
if grep -q '^[EW]:' "$work/lintian.log"; then
  fail "lintian reports errors or warnings"
fi

step "the app's package holds the app"
contents=$(dpkg-deb -c "$work"/v1/giliran_${version}_*.deb)
for f in ./usr/bin/giliran ./usr/share/applications/org.giliran.Giliran.desktop \
         ./usr/share/metainfo/org.giliran.Giliran.metainfo.xml \
         ./usr/share/glib-2.0/schemas/org.giliran.Giliran.gschema.xml \
         ./usr/share/icons/hicolor/scalable/apps/org.giliran.Giliran.svg \
         ./usr/share/locale/id/LC_MESSAGES/giliran.mo ./usr/share/man/man1/giliran.1.gz; do
  echo "$contents" | grep -q " $f\$" || fail "giliran lacks $f"
done
dpkg-deb -c "$work"/v1/giliran-manager_${version}_*.deb |
  grep -q ' ./usr/share/man/man8/giliran-manager.8.gz$' || fail "giliran-manager lacks its manual page"

step "a minimal Debian 12 root (mirror $mirror)"
if [ ! -f "$cache/bookworm-minbase-root.tar" ]; then
  debootstrap --variant=minbase bookworm "$work/fresh" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log"; fail "debootstrap"; }
  tar -C "$work/fresh" -cf "$cache/bookworm-minbase-root.tar.part" . &&
    mv "$cache/bookworm-minbase-root.tar.part" "$cache/bookworm-minbase-root.tar"
  rm -rf "$work/fresh"
fi
mkdir "$root"
tar -C "$root" -xf "$cache/bookworm-minbase-root.tar"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
mkdir -p "$root/tmp/debs"
cp "$work"/v1/*.deb "$work"/v2/*.deb "$root/tmp/debs/"

# No display, no session bus: what a shell on the PC (or ssh) has.
in_root () {
  chroot "$root" env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
    -u XDG_RUNTIME_DIR DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"
}

step "installing giliran-manager $version with apt"
in_root apt-get -q update >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get update"; }
in_root apt-get -q install -y curl /tmp/debs/giliran-manager_${version}_amd64.deb \
  >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "apt-get install"; }
grep -q 'systemctl enable --now giliran-manager' "$work/install.log" ||
  fail "the postinst does not say how to start the manager"
grep -q '/var/lib/giliran/admin-token' "$work/install.log" ||
  fail "the postinst does not say where the admin token is"

in_root getent passwd giliran >/dev/null || fail "no giliran user"
in_root getent group giliran >/dev/null || fail "no giliran group"
[ "$(in_root stat -c '%U:%G %a' /var/lib/giliran)" = "giliran:giliran 700" ] ||
  fail "/var/lib/giliran is $(in_root stat -c '%U:%G %a' /var/lib/giliran)"
unit=$root/lib/systemd/system/giliran-manager.service
[ -f "$unit" ] || fail "no unit"
grep -qx 'User=giliran' "$unit" || fail "the unit does not run as giliran"
if ls "$root"/etc/systemd/system/*.wants/giliran-manager.service 2>/dev/null; then
  fail "installing enabled the unit"
fi

step "installing the app giliran $version with apt (apt install ./giliran_*.deb)"
in_root sh -c "cd /tmp/debs && apt-get -q install -y ./giliran_${version}_amd64.deb" \
  >"$work/install-app.log" 2>&1 || { cat "$work/install-app.log"; fail "apt-get install ./giliran"; }
[ "$(in_root dpkg-query -W -f '${Status}' giliran)" = "install ok installed" ] ||
  fail "giliran is not installed"
missing=$(in_root ldd /usr/bin/giliran | grep 'not found' || true)
[ -z "$missing" ] || fail "the app's package does not pull its libraries: $missing"
# A head of puskesmas's own login on a PC, not root.
in_root adduser --quiet --disabled-password --gecos '' kepala >/dev/null

exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
case $exec_start in
  *"--database /var/lib/giliran/"*"--admin-token-file /var/lib/giliran/"*) ;;
  *) fail "ExecStart keeps its data elsewhere: $exec_start" ;;
esac
database=$root/var/lib/giliran/giliran.db
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
manager=https://127.0.0.1:$port
url=$manager/api/v1

# The schema version a stopped manager left in the file (its WAL is
# checkpointed on a clean stop); immutable: nothing is written beside it.
schema_version () {
  python3 -c 'import sqlite3, sys
print(sqlite3.connect("file:" + sys.argv[1] + "?immutable=1", uri=True).execute("PRAGMA user_version").fetchone()[0])' "$1"
}

start_manager () {
  # The unit's own command line, as its user; no systemd in a chroot.
  # shellcheck disable=SC2086
  chroot "$root" setpriv --reuid=giliran --regid=giliran --init-groups \
    $exec_start --port "$port" --no-dns-sd >>"$work/manager.log" 2>&1 &
  manager_pid=$!
  i=0
  until in_root curl -skf "$url/health" >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -lt 100 ] || { cat "$work/manager.log"; fail "the manager does not answer"; }
    kill -0 "$manager_pid" 2>/dev/null || { cat "$work/manager.log"; fail "the manager exited"; }
    sleep 0.2
  done
}

stop_manager () {
  kill -TERM "$manager_pid"
  wait "$manager_pid" || fail "the manager did not stop cleanly"
  manager_pid=
}

api () {
  token=$1
  shift
  in_root curl -sk -H "Authorization: Bearer $token" "$@"
}

# expect REPLY TEXT WHAT: the reply holds TEXT, else WHAT failed.
expect () {
  case $1 in
    *"$2"*) ;;
    *) fail "$3: $1" ;;
  esac
}

# pair ROLE NAME: a new station's token, its code made as the README says,
# with the packaged app as root and the admin token
pair () {
  reply=$(in_root giliran --manager "$manager" --token-file /var/lib/giliran/admin-token \
    --pairing-code "$1" 2>&1) || fail "giliran --pairing-code $1: $reply"
  code=$(echo "$reply" | sed -n 's/^Kode sambung: \([0-9]\{6\}\) .*/\1/p')
  [ -n "$code" ] || fail "pairing code: $reply"
  reply=$(in_root curl -sk -X POST "$url/pair" \
    -d "{\"code\":\"$code\",\"name\":\"$2\",\"role\":\"$1\"}")
  token=$(echo "$reply" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || fail "pairing: $reply"
  echo "$token"
}

# visit TOKEN PATIENT_ID: registers a visit, prints its service day
visit () {
  reply=$(api "$1" -X POST "$url/visits" -d "{\"patient_id\":$2,\"purpose\":\"sick\",\"payer\":\"bpjs\"}")
  day=$(echo "$reply" | sed -n 's/.*"day":"\([0-9-]*\)".*/\1/p')
  [ -n "$day" ] || fail "registering a visit: $reply"
  echo "$day"
}

# check_report BASE VISITS: BASE.xlsx is a workbook whose Ringkasan sheet
# counts VISITS visits, BASE.csv the same figure.
check_report () {
  xlsx_visits=$(python3 - "$root$1.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert '<sheet name="Ringkasan"' in z.read('xl/workbook.xml').decode()
strings = re.findall(r'<si><t[^>]*>([^<]*)</t></si>', z.read('xl/sharedStrings.xml').decode())
sheet = z.read('xl/worksheets/sheet1.xml').decode()
for a, b in re.findall(r'<c r="A\d+" t="s"><v>(\d+)</v></c><c r="B\d+"><v>(\d+)</v></c>', sheet):
    if strings[int(a)] == 'Kunjungan':
        print(b)
PY
  ) || fail "$1.xlsx is not the report's workbook"
  [ "$xlsx_visits" = "$2" ] || fail "$1.xlsx counts ${xlsx_visits:-no} visits, not $2"
  tr -d '\r' <"$root$1.csv" | grep -qx "[0-9-]*,[0-9-]*,ringkasan,kunjungan,Kunjungan,nilai,$2" ||
    { cat "$root$1.csv"; fail "$1.csv does not count $2 visits"; }
}

# A report written says nothing: no warning of a missing display, schema
# or session bus (the export needs none of them).
quiet_export () {
  [ ! -s "$work/export.log" ] || { cat "$work/export.log"; fail "the export printed the above"; }
}

step "a database as schema 15 left it (a patient, a paired desk) in /var/lib/giliran"
old_desk=$("$make_old_database" "$work/old.db" 15) || fail "gil-make-old-database"
[ "$(schema_version "$work/old.db")" = 15 ] || fail "the old database is not at schema 15"
cp "$work/old.db" "$database"
in_root chown giliran:giliran /var/lib/giliran/giliran.db
chmod 0600 "$database"

step "starting the manager: $exec_start"
start_manager
admin=$(cat "$root/var/lib/giliran/admin-token")
[ -n "$admin" ] || fail "no admin token"
[ "$(stat -c '%a' "$root/var/lib/giliran/admin-token")" = 600 ] || fail "the token is readable by others"

step "it migrated the old database: the old patient, the old desk's token"
expect "$(api "$old_desk" "$url/stations/me")" '"name":"Meja Lama"' "the old desk's token"
expect "$(api "$old_desk" "$url/patients?q=5201011505800003")" '"name":"Lalu Ahmad Lama"' "the old patient by NIK"
expect "$(api "$old_desk" "$url/patients?q=lama")" '"name":"Lalu Ahmad Lama"' "the old patient by name"

step "registering a patient and a visit, pairing a desk and a head station"
reply=$(api "$admin" -X POST "$url/patients" \
  -d '{"name":"Baiq Nurul Paket","birth_date":"1987-06-21","sex":"F","nik":"5201016106870004"}')
expect "$reply" '"name":"Baiq Nurul Paket"' "registering"
patient=$(echo "$reply" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
desk=$(pair registration "Meja 1")
head=$(pair head "Kepala Puskesmas")
day1=$(visit "$desk" "$patient")
month=${day1%-??}

step "giliran $version exports $month, as root with the admin token, no display"
for ext in xlsx csv; do
  in_root giliran --manager "$manager" --token-file /var/lib/giliran/admin-token \
    --export-report "$month" --output "/tmp/report-1.$ext" >"$work/export.log" 2>&1 ||
    { cat "$work/export.log"; fail "giliran --export-report $month --output report-1.$ext"; }
  quiet_export
done
check_report /tmp/report-1 1
stop_manager
[ "$(schema_version "$database")" = 16 ] || fail "the database is not at schema 16"

step "upgrading giliran-manager and giliran to $next"
in_root apt-get -q install -y /tmp/debs/giliran-manager_${next}_amd64.deb \
  /tmp/debs/giliran_${next}_amd64.deb >"$work/upgrade.log" 2>&1 ||
  { cat "$work/upgrade.log"; fail "the upgrade"; }
for p in giliran-manager giliran; do
  [ "$(in_root dpkg-query -W -f '${Version}' $p)" = "$next" ] || fail "$p not upgraded"
done
[ "$(cat "$root/var/lib/giliran/admin-token")" = "$admin" ] || fail "the upgrade changed the admin token"
[ "$(in_root stat -c '%U:%G %a' /var/lib/giliran)" = "giliran:giliran 700" ] ||
  fail "the upgrade changed /var/lib/giliran"

step "the patients, the desks and the visit after the upgrade"
start_manager
expect "$(api "$desk" "$url/patients?q=5201016106870004")" '"name":"Baiq Nurul Paket"' "the patient is gone"
expect "$(api "$old_desk" "$url/patients?q=5201011505800003")" '"name":"Lalu Ahmad Lama"' "the old patient is gone"
# The desk paired under schema 15 registers the old patient's visit.
day2=$(visit "$old_desk" 1)

step "giliran $next exports it, as a user with the head station's token and --fingerprint"
fingerprint=$(in_root curl -sk "$url/health" | sed -n 's/.*"fingerprint":"\([0-9A-F:]*\)".*/\1/p')
[ -n "$fingerprint" ] || fail "no fingerprint in /health"
printf '%s\n' "$head" >"$root/home/kepala/head-token"
in_root chown kepala:kepala /home/kepala/head-token
chmod 0600 "$root/home/kepala/head-token"
period=$month
[ "${day2%-??}" = "$month" ] || period=$day1..$day2   # a month ended in between
for ext in xlsx csv; do
  chroot "$root" setpriv --reuid=kepala --regid=kepala --init-groups \
    env -i HOME=/home/kepala PATH=/usr/bin:/bin LC_ALL=C.UTF-8 \
    giliran --manager "$manager" --token-file /home/kepala/head-token --fingerprint "$fingerprint" \
    --export-report "$period" --output "/home/kepala/report-2.$ext" >"$work/export.log" 2>&1 ||
    { cat "$work/export.log"; fail "giliran --export-report $period --output report-2.$ext"; }
  quiet_export
done
check_report /home/kepala/report-2 2
stop_manager

step "remove keeps /var/lib/giliran"
in_root apt-get -q remove -y giliran-manager giliran >"$work/remove.log" 2>&1 ||
  { cat "$work/remove.log"; fail "apt-get remove"; }
[ ! -e "$root/usr/libexec/giliran-manager" ] || fail "remove left the manager"
[ ! -e "$root/usr/bin/giliran" ] || fail "remove left the app"
[ -f "$root/var/lib/giliran/giliran.db" ] || fail "remove deleted the database"
in_root getent passwd giliran >/dev/null || fail "remove deleted the user"

step "purge removes it and the user"
# The app keeps no files apart from its package's: remove took it all.
[ -z "$(in_root dpkg-query -W -f '${Status}' giliran 2>/dev/null)" ] ||
  fail "remove left giliran $(in_root dpkg-query -W -f '${Status}' giliran)"
in_root apt-get -q purge -y giliran-manager >"$work/purge.log" 2>&1 ||
  { cat "$work/purge.log"; fail "apt-get purge"; }
[ ! -e "$root/var/lib/giliran" ] || fail "purge kept /var/lib/giliran"
if in_root getent passwd giliran >/dev/null; then
  fail "purge kept the giliran user"
fi
if in_root getent group giliran >/dev/null; then
  fail "purge kept the giliran group"
fi

step "done"
