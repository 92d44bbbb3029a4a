#!/usr/bin/python3
# e2e-lan-join.py — a second PC joins the host, as people at a puskesmas do
# it: the real giliran hosting the queue in one network namespace, the real
# giliran on a fresh account joining it from another, the two joined by a
# veth pair as two PCs are by the LAN. Both are driven through their
# accessibility trees (AT-SPI, Debian's dogtail), on one X display and one
# accessibility bus; each has its own session bus, so neither is the
# other's running instance.
#
# The host: `giliran --host`, then Settings, Stations, Create Code. What the
# joining PC types is read off the host's screen: the address (its LAN
# address, https://), the code; the fingerprint the joining PC shows must
# be the one the host shows. Once paired, the code disappears from the
# host, the new station is listed there, and the joining PC opens its
# registration desk on https://HOST:8470.
#
# Needs root and iproute2; skipped (exit 77) otherwise, but not under CI.
# Run under Xvfb and a D-Bus session (tests/meson.build does):
#   /usr/bin/python3 e2e-lan-join.py BUILD_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import configparser
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import gil_e2e

build = os.path.abspath(sys.argv[1])
shots = os.environ.get('GILIRAN_SCREENSHOT_DIR', build)
app_path = os.path.join(build, 'src', 'app', 'giliran')

HOST_ADDRESS = '10.48.0.1'
JOIN_ADDRESS = '10.48.0.2'
PORT = 8470
FINGERPRINT = re.compile(r'^([0-9A-F]{2}( |\n)){31}[0-9A-F]{2}$')


def skip(reason):
    if os.environ.get('CI'):
        print('FAIL: %s, and CI must run this test' % reason, file=sys.stderr)
        sys.exit(1)
    print('SKIP: ' + reason)
    sys.exit(77)


if os.geteuid() != 0:
    skip('needs root to make network namespaces')
if shutil.which('ip') is None:
    skip('needs ip from iproute2')


def ip(*args):
    subprocess.run(['ip'] + list(args), check=True, capture_output=True)


def remove_stale_namespaces():
    """Namespaces of a run that died without cleaning up: its pid is gone."""
    if not os.path.isdir('/run/netns'):
        return
    for name in os.listdir('/run/netns'):
        if not name.startswith(('giliran-lan-host-', 'giliran-lan-join-')):
            continue
        pid = int(name.rsplit('-', 1)[1])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            subprocess.run(['ip', 'netns', 'delete', name], capture_output=True)
        except PermissionError:
            pass


remove_stale_namespaces()
suffix = str(os.getpid())
ns_host = 'giliran-lan-host-' + suffix
ns_join = 'giliran-lan-join-' + suffix
made = []


def make_link():
    try:
        ip('netns', 'add', ns_host)
    except subprocess.CalledProcessError:
        skip('cannot make a network namespace (ip netns add)')
    made.append(ns_host)
    ip('netns', 'add', ns_join)
    made.append(ns_join)
    ip('link', 'add', 'gh' + suffix, 'netns', ns_host, 'type', 'veth',
       'peer', 'name', 'gj' + suffix, 'netns', ns_join)
    ip('-n', ns_host, 'address', 'add', HOST_ADDRESS + '/24', 'dev', 'gh' + suffix)
    ip('-n', ns_join, 'address', 'add', JOIN_ADDRESS + '/24', 'dev', 'gj' + suffix)
    for ns, link in ((ns_host, 'gh' + suffix), (ns_join, 'gj' + suffix)):
        ip('-n', ns, 'link', 'set', 'lo', 'up')
        ip('-n', ns, 'link', 'set', link, 'up')


# This process's own settings, where dogtail looks for accessibility on.
own = tempfile.mkdtemp(prefix='giliran-lan-dogtail-')
os.environ.update(XDG_CONFIG_HOME=own, GSETTINGS_BACKEND='keyfile')
# dogtail turns accessibility on as it is loaded; then the accessibility
# bus is up, and both apps are told its address (a path, which works
# across network namespaces, unlike the session buses' abstract sockets).
rawinput, tree = gil_e2e.load_dogtail(showing_only=False)

a11y = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.a11y.Bus',
                       '--object-path', '/org/a11y/bus', '--method', 'org.a11y.Bus.GetAddress'],
                      check=True, capture_output=True, text=True).stdout
a11y_address = re.search(r"'([^']*)'", a11y).group(1)

homes = [own]


def app_env(name):
    home = tempfile.mkdtemp(prefix='giliran-lan-%s-' % name)
    homes.append(home)
    for sub in ('data', 'config', 'cache'):
        os.makedirs(os.path.join(home, sub))
    env = dict(os.environ)
    for key in ('NO_AT_BRIDGE', 'GILIRAN_MANAGER', 'GILIRAN_PORT', 'DBUS_SESSION_BUS_ADDRESS'):
        env.pop(key, None)
    env.update(HOME=home,
               XDG_DATA_HOME=os.path.join(home, 'data'),
               XDG_CONFIG_HOME=os.path.join(home, 'config'),
               XDG_CACHE_HOME=os.path.join(home, 'cache'),
               GSETTINGS_BACKEND='keyfile',
               GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'),
               GTK_A11Y='atspi',
               AT_SPI_BUS_ADDRESS=a11y_address)
    return home, env


def start(ns, env, *args):
    return subprocess.Popen(['ip', 'netns', 'exec', ns, 'dbus-run-session', '--',
                             app_path] + list(args), env=env)


def screenshot(name):
    gil_e2e.screenshot(shots, name)


def fail(message):
    screenshot('e2e-lan-failure')
    for app in apps():
        print('labels of %s: %r' % (app, texts(app)), file=sys.stderr)
    raise SystemExit('FAIL: ' + message)


def wait_for(what, condition, seconds=30):
    return gil_e2e.wait_for(what, condition, seconds, 0.3, fail)


def apps():
    return [a for a in tree.root.applications() if a.name == 'giliran']


def frame(app, title):
    return app.findChild(lambda n: n.roleName == 'frame' and n.name == title,
                         recursive=False, retry=False, requireResult=False)


def named(root, role, name):
    return root.findChild(lambda n: n.roleName == role and gil_e2e.is_named(n, name),
                          retry=False, requireResult=False)


def click(root, role, name):
    gil_e2e.click(root, role, name, wait_for)


def texts(root, role='label'):
    """The text of every node of @role under @root."""
    found = []
    for node in root.findChildren(lambda n: n.roleName == role):
        found.append(node.name)
        try:
            found.append(node.text)
        except Exception:
            pass
    return [t for t in found if t]


def shown(root, pattern):
    return next((t for t in texts(root) if re.match(pattern, t)), None)


def namespace_pids(ns):
    out = subprocess.run(['ip', 'netns', 'pids', ns], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


status = 1
processes = []
try:
    make_link()
    # The host PC: hosts without asking, and opens its registration desk.
    host_home, host_env = app_env('host')
    processes.append(start(ns_host, host_env, '--host'))
    host = wait_for('the hosting giliran on the accessibility bus',
                    lambda: next(iter(apps()), None))
    desk = wait_for('the host\'s registration desk', lambda: frame(host, 'Loket Pendaftaran'))

    # Settings, Stations: the address, then a code for a registration desk.
    click(desk, 'push button', 'Menu Utama')
    wait_for('the menu', lambda: named(host, 'menu item', 'Pengaturan')).doActionNamed('click')
    switcher = wait_for('the Stations page', lambda: next(
        (n for n in host.findChildren(lambda n: n.name == 'Perangkat' and 'click' in n.actions)), None))
    switcher.doActionNamed('click')
    address = wait_for('the address to type on the other PC',
                       lambda: shown(host, r'^https://%s:%d$' % (re.escape(HOST_ADDRESS), PORT)))
    host_fingerprint = wait_for('the host\'s fingerprint', lambda: shown(host, FINGERPRINT.pattern))
    click(host, 'push button', 'Buat Kode')
    code = wait_for('the pairing code', lambda: shown(host, r'^\d{6}$'))
    time.sleep(0.5)
    screenshot('e2e-lan-host-code')

    # The other PC, on a fresh account: join, typing what the host shows.
    join_home, join_env = app_env('join')
    processes.append(start(ns_join, join_env))
    joiner = wait_for('the joining giliran on the accessibility bus',
                      lambda: next((a for a in apps() if frame(a, 'Siapkan Giliran')), None))
    setup = frame(joiner, 'Siapkan Giliran')
    # The first question: join, not host. The choice has no AT-SPI action
    # in GTK 4.8, and asking where it is on screen makes GTK warn: it is
    # chosen from the keyboard (keys go to the window under the pointer,
    # the newest, on top).
    join_choice = wait_for('the choice to join', lambda: named(setup, 'check box', 'Sambungkan ke server antrean'))
    rawinput.absoluteMotion(300, 300)
    time.sleep(0.3)
    for key in ('Tab', 'Down', 'space'):
        rawinput.pressKey(key)
        time.sleep(0.3)
    screenshot('e2e-lan-join-choice')
    wait_for('join to be chosen', lambda: join_choice.checked, 5)
    click(setup, 'push button', 'Lanjutkan')
    wait_for('the address entry', lambda: named(setup, 'text', 'Alamat server')).text = address
    named(setup, 'text', 'Kode sambung').text = code
    named(setup, 'text', 'Nama perangkat ini').text = 'Loket 2'
    click(setup, 'push button', 'Sambungkan')

    # The certificate it sees is the host's, before the code is sent.
    joined_fingerprint = wait_for('the fingerprint to check', lambda: shown(setup, FINGERPRINT.pattern))
    if joined_fingerprint != host_fingerprint:
        fail('the joining PC shows %r, the host %r' % (joined_fingerprint, host_fingerprint))
    time.sleep(0.5)
    screenshot('e2e-lan-join-fingerprint')
    click(setup, 'push button', 'Sama, Sambungkan')
    wait_for('the joining PC\'s registration desk', lambda: frame(joiner, 'Loket Pendaftaran'))

    # The host: the code is gone, the new station is there.
    wait_for('the used code to disappear from the host', lambda: shown(host, r'^\d{6}$') is None)
    wait_for('the new station listed on the host',
             lambda: named(host, 'list item', 'Loket 2') or 'Loket 2' in texts(host))
    time.sleep(0.5)
    screenshot('e2e-lan-joined')

    # Kept for the next start: the host's LAN address and its certificate.
    keyfile = configparser.ConfigParser()
    keyfile.read(os.path.join(join_home, 'config', 'glib-2.0', 'settings', 'keyfile'))
    url = keyfile.get('org/giliran/Giliran', 'manager-url', fallback='')
    if url.strip("'") != address:
        fail('the joining PC keeps %r, not %r' % (url, address))
    status = 0
finally:
    # Everything started here runs in the two namespaces: end it there.
    for ns in made:
        for pid in namespace_pids(ns):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for process in processes:
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    for ns in made:
        for pid in namespace_pids(ns):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        subprocess.run(['ip', 'netns', 'delete', ns])
    for home in homes:
        shutil.rmtree(home, ignore_errors=True)

print('e2e LAN join: %s' % ('ok' if status == 0 else 'failed'))
sys.exit(status)
