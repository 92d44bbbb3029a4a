#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian packages, installed as a puskesmas PC installs them: builds
# giliran and giliran-manager with build-aux/make-deb, installs the manager
# with apt into a fresh minimal Debian 12 root (debootstrap), starts it
# under its unit's own ExecStart as the giliran user, registers a patient
# and pairs a station, upgrades to a higher version built from the same
# tree, and finds both still there; remove keeps /var/lib/giliran, purge
# removes it and the user; lintian reports no errors.
#   sh tests/test-deb.sh SOURCE_ROOT BUILD_ROOT
# Needs root (skipped otherwise, except under CI=true) and the network
# (Debian's archive, the mirror this machine's apt uses) on the first run;
# the bootstrapped root and the downloaded packages are kept in
# BUILD_ROOT/deb-cache, so later runs are quicker.
set -eu

top=$1
build=$2
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
if grep -q '^E:' "$work/lintian.log"; then
  fail "lintian reports errors"
fi

step "the app's package holds the app"
contents=$(dpkg-deb -c "$work"/v1/giliran_${version}_*.deb)
for f in ./usr/bin/giliran ./usr/share/applications/org.giliran.Giliran.desktop \
         ./usr/share/metainfo/org.giliran.Giliran.metainfo.xml \
         ./usr/share/glib-2.0/schemas/org.giliran.Giliran.gschema.xml \
         ./usr/share/icons/hicolor/scalable/apps/org.giliran.Giliran.svg \
         ./usr/share/locale/id/LC_MESSAGES/giliran.mo; do
  echo "$contents" | grep -q " $f\$" || fail "giliran lacks $f"
done

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
cp "$work"/v1/giliran-manager_*.deb "$work"/v2/giliran-manager_*.deb "$root/tmp/debs/"

in_root () {
  chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"
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

exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
case $exec_start in
  *"--database /var/lib/giliran/"*"--admin-token-file /var/lib/giliran/"*) ;;
  *) fail "ExecStart keeps its data elsewhere: $exec_start" ;;
esac
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=https://127.0.0.1:$port/api/v1

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

step "starting the manager: $exec_start"
start_manager
admin=$(cat "$root/var/lib/giliran/admin-token")
[ -n "$admin" ] || fail "no admin token"
[ "$(stat -c '%a' "$root/var/lib/giliran/admin-token")" = 600 ] || fail "the token is readable by others"

step "registering a patient and pairing a desk"
reply=$(api "$admin" -X POST "$url/patients" \
  -d '{"name":"Baiq Nurul Paket","birth_date":"1987-06-21","sex":"F","nik":"5201016106870004"}')
echo "$reply" | grep -q '"name":"Baiq Nurul Paket"' || fail "registering: $reply"
reply=$(api "$admin" -X POST "$url/pairing-codes" -d '{"role":"registration"}')
code=$(echo "$reply" | sed -n 's/.*"code":"\([0-9]*\)".*/\1/p')
[ -n "$code" ] || fail "pairing code: $reply"
reply=$(in_root curl -sk -X POST "$url/pair" \
  -d "{\"code\":\"$code\",\"name\":\"Meja 1\",\"role\":\"registration\"}")
desk=$(echo "$reply" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$desk" ] || fail "pairing: $reply"
stop_manager

step "upgrading to $next"
in_root apt-get -q install -y /tmp/debs/giliran-manager_${next}_amd64.deb \
  >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log"; fail "the upgrade"; }
[ "$(in_root dpkg-query -W -f '${Version}' giliran-manager)" = "$next" ] || fail "not upgraded"
[ "$(cat "$root/var/lib/giliran/admin-token")" = "$admin" ] || fail "the upgrade changed the admin token"
[ "$(in_root stat -c '%U:%G %a' /var/lib/giliran)" = "giliran:giliran 700" ] ||
  fail "the upgrade changed /var/lib/giliran"

step "the patient and the desk after the upgrade"
start_manager
reply=$(api "$desk" "$url/patients?q=5201016106870004")
echo "$reply" | grep -q '"name":"Baiq Nurul Paket"' || fail "the patient is gone: $reply"
stop_manager

step "remove keeps /var/lib/giliran"
in_root apt-get -q remove -y giliran-manager >"$work/remove.log" 2>&1 ||
  { cat "$work/remove.log"; fail "apt-get remove"; }
[ ! -e "$root/usr/libexec/giliran-manager" ] || fail "remove left the manager"
[ -f "$root/var/lib/giliran/giliran.db" ] || fail "remove deleted the database"
in_root getent passwd giliran >/dev/null || fail "remove deleted the user"

step "purge removes it and the user"
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
