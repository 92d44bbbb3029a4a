#!/usr/bin/python3
# e2e-first-run.py — the "done when", as a new user would do it:
# the real giliran on a fresh account, driven through its accessibility
# tree (AT-SPI) and the keyboard. First run: host the queue (over HTTPS,
# for the LAN), name the puskesmas, registration desk; register three patients; open a room window and a display window
# from the main menu; call the three from the room; see the calls on the
# display.
#
# Run under Xvfb and a D-Bus session (tests/meson.build does), with
# Debian's python3-dogtail: /usr/bin/python3 e2e-first-run.py BUILD_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

import gil_e2e

build = os.path.abspath(sys.argv[1])
shots = os.environ.get('GILIRAN_SCREENSHOT_DIR', build)

# A fresh account: nothing configured, no database.
home = tempfile.mkdtemp(prefix='giliran-e2e-')
for sub in ('data', 'config', 'cache'):
    os.makedirs(os.path.join(home, sub))
os.environ.update(XDG_DATA_HOME=os.path.join(home, 'data'),
                  XDG_CONFIG_HOME=os.path.join(home, 'config'),
                  XDG_CACHE_HOME=os.path.join(home, 'cache'),
                  GSETTINGS_BACKEND='keyfile',
                  GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'))
for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'GILIRAN_MANAGER'):
    os.environ.pop(name, None)
with socket.socket() as probe:
    probe.bind(('127.0.0.1', 0))
    os.environ['GILIRAN_PORT'] = str(probe.getsockname()[1])

rawinput, tree = gil_e2e.load_dogtail(showing_only=True)

TICKET = re.compile(r'^[A-Z]-\d{3}$')


def fail(message):
    screenshot('e2e-failure')
    print('FAIL: ' + message, file=sys.stderr)
    sys.exit(1)


def screenshot(name):
    gil_e2e.screenshot(shots, name)


def wait_for(what, condition, seconds=20):
    return gil_e2e.wait_for(what, condition, seconds, 0.2, fail)


def find(root, role, name=None, match=None):
    """The showing descendant of @root with @role and a name equal to
    @name (GTK puts the mnemonic label first: match on the end too) or
    matching @match; None if there is none."""
    def pred(node):
        if node.roleName != role:
            return False
        if match is not None:
            return match(node.name)
        return gil_e2e.is_named(node, name)
    return root.findChild(pred, retry=False, requireResult=False)


def click(root, label):
    gil_e2e.click(root, 'push button', label, wait_for, 'the button ' + label)


def window(app, title):
    return wait_for('the window ' + title,
                    lambda: app.findChild(lambda n: n.roleName == 'frame' and n.name == title,
                                          recursive=False, retry=False, requireResult=False))


def labels(root):
    return [n.name for n in root.findChildren(lambda n: n.roleName == 'label')]


def type_text(text):
    rawinput.typeText(text)
    time.sleep(0.2)


def profile_name():
    """The puskesmas name the hosted queue server has, asked as its admin
    over HTTPS pinned to nothing: the test trusts its own loopback."""
    folder = os.path.join(home, 'data', 'giliran')
    with open(os.path.join(folder, 'admin-token')) as f:
        token = f.read().strip()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(
        'https://127.0.0.1:%s/api/v1/profile' % os.environ['GILIRAN_PORT'],
        headers={'Authorization': 'Bearer ' + token})
    with urllib.request.urlopen(request, context=context, timeout=10) as reply:
        return json.load(reply)['name']


def menu_item(app, name):
    return app.findChild(lambda n: n.roleName == 'menu item' and n.name == name,
                         retry=False, requireResult=False)


def open_from_menu(app, desk, item):
    """Main menu, Open Station, @item: as a user opens another station."""
    click(desk, 'Menu Utama')
    wait_for('the menu', lambda: menu_item(app, 'Buka Perangkat')).doActionNamed('click')
    wait_for('the menu item ' + item, lambda: menu_item(app, item)).doActionNamed('click')


giliran = subprocess.Popen([os.path.join(build, 'src', 'app', 'giliran')])
status = 1
try:
    app = wait_for('giliran on the accessibility bus',
                   lambda: tree.root.application('giliran'))

    # First run: this computer hosts the queue, as a registration desk.
    setup = window(app, 'Siapkan Giliran')
    click(setup, 'Lanjutkan')
    wait_for('the rooms of the new queue', lambda: find(setup, 'check box', 'Ruang Lansia'))
    # The puskesmas's name is asked once, on the host.
    # Its entry has the focus; keys go where the pointer is: over the window.
    wait_for('the puskesmas name', lambda: find(setup, 'text', 'Nama puskesmas'))
    rawinput.absoluteMotion(300, 300)
    time.sleep(0.3)
    type_text('Puskesmas Ampenan')
    click(setup, 'Mulai')
    desk = window(app, 'Loket Pendaftaran')
    if profile_name() != 'Puskesmas Ampenan':
        fail('the puskesmas name was not saved: %r' % profile_name())
    # Keys go where the pointer is: over the desk, which opens at the corner.
    rawinput.absoluteMotion(300, 300)

    # Three new patients, registered from the keyboard.
    tickets = []
    # The form starts with no sex chosen: the clerk picks it (the list's
    # order is Belum dipilih, Perempuan, Laki-laki); a BPJS number makes
    # BPJS the payer, which is otherwise left for the clerk to choose.
    for name, birth, sex_steps, bpjs in (('Ahmad Fauzi', '04-03-1985', 2, '0001234567891'),
                                         ('Baiq Rina', '17-08-1990', 1, '0001234567892'),
                                         ('Lalu Hendra', '01-01-1979', 2, '0001234567893')):
        click(desk, 'Pasien Baru')
        time.sleep(0.5)
        type_text(name)
        rawinput.pressKey('Tab')
        rawinput.pressKey('Tab')
        type_text(birth)
        rawinput.pressKey('Tab')
        rawinput.pressKey('space')
        time.sleep(0.5)
        for _ in range(sex_steps):
            rawinput.pressKey('Down')
        rawinput.pressKey('Return')
        time.sleep(0.5)
        rawinput.pressKey('Tab')
        type_text(bpjs)
        click(desk, 'Simpan Pasien')
        wait_for(name + ' to be chosen', lambda: name in labels(desk))
        wait_for('the suggested room', lambda: 'Ruang Usia Dewasa' in ' '.join(labels(desk)))
        rawinput.keyCombo('<Control>Return')
        ticket = 'D-%03d' % (len(tickets) + 1)
        wait_for('the ticket ' + ticket, lambda: ticket in labels(desk))
        tickets.append(ticket)
    screenshot('e2e-desk')

    # A room window and a display window on the same PC.
    open_from_menu(app, desk, 'Ruang Usia Dewasa')
    room = window(app, 'Ruang Usia Dewasa')
    open_from_menu(app, desk, 'Layar Ruang Tunggu')
    display = window(app, 'Layar Ruang Tunggu')

    for ticket in tickets:
        click(room, 'Panggil Berikutnya')
        wait_for(ticket + ' to be called in the room',
                 lambda: any(l.startswith(ticket + ' dipanggil') for l in labels(room)))
        # The display: the new call large, the earlier ones listed.
        wait_for(ticket + ' on the display',
                 lambda: find(display, 'label', match=lambda n: n.startswith('Nomor antrean ' + ticket)))
    shown = labels(display)
    for ticket in tickets:
        if ticket not in shown:
            fail(ticket + ' is not on the display: %r' % shown)
    screenshot('e2e-display')
    status = 0
finally:
    giliran.terminate()
    try:
        giliran.wait(10)
    except subprocess.TimeoutExpired:
        giliran.kill()
    # The hosted manager outlives the app by design; this test ends it.
    subprocess.run(['pkill', '-TERM', '-f', home])
    shutil.rmtree(home, ignore_errors=True)

print('e2e first run: %s' % ('ok' if status == 0 else 'failed'))
sys.exit(status)
