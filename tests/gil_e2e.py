# gil_e2e.py — what the end-to-end tests (e2e-*.py) share: dogtail
# loaded as they need it, screenshots, waiting for the app, and finding
# and clicking the nodes of its accessibility tree.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import time


def load_dogtail(showing_only):
    """Turns accessibility on and imports dogtail; returns its rawinput
    and tree modules. @showing_only: whether searches pass over nodes not
    on show."""
    # dogtail reads this setting when it is imported.
    subprocess.run(['gsettings', 'set', 'org.gnome.desktop.interface',
                    'toolkit-accessibility', 'true'], check=True)
    # The driver's own GLib (in dogtail) is not held to fatal warnings:
    # AT-SPI may warn while its registry starts, which is not the app's
    # doing. The app, started afterwards, still is.
    app_g_debug = os.environ.get('G_DEBUG', '')
    os.environ['G_DEBUG'] = 'gc-friendly'
    from dogtail import config, rawinput, tree
    os.environ['G_DEBUG'] = app_g_debug

    config.searchShowingOnly = showing_only
    config.defaultDelay = 0.3
    config.searchCutoffCount = 40
    config.logDebugToFile = False
    return rawinput, tree


def screenshot(shots, name):
    """The whole screen into @shots/@name.png, for a person to look at."""
    subprocess.run(['import', '-window', 'root', os.path.join(shots, name + '.png')])


def wait_for(what, condition, seconds, pause, fail):
    """What @condition gives once it is true; @fail (which does not return)
    with @what if that takes longer than @seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = condition()
        except Exception:  # nodes come and go while the app works
            found = None
        if found:
            return found
        time.sleep(pause)
    fail('timed out waiting for ' + what)


def is_named(node, name):
    """Whether @node is named @name (GTK puts a mnemonic label first, so
    the end of the name counts too)."""
    return node.name == name or node.name.endswith(' ' + name)


def clickable(root, role, name):
    """The node of @role named @name that can be clicked (a menu button is
    a button inside a button of the same name); None if there is none."""
    for node in root.findChildren(lambda n: n.roleName == role and is_named(n, name)):
        if 'click' in node.actions:
            return node
    return None


def click(root, role, name, wait, what=None):
    """Clicks the node of @role named @name once it is there and enabled,
    waiting with @wait (a wait_for of the caller's)."""
    node = wait(what or name, lambda: clickable(root, role, name))
    wait(name + ' to be enabled', lambda: node.sensitive)
    node.doActionNamed('click')
