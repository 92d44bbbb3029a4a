#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make-sounds.py — makes the clips call announcements are spoken from

Every word and phrase in data/sounds/words.txt and every default room's name
in data/default-rooms.tsv is spoken by espeak-ng's Indonesian voice, trimmed
of the silence around it, levelled and stored as Ogg Vorbis in data/sounds/,
named after its text ("Ruang Usia Dewasa" → ruang-usia-dewasa.oga). The chime
is synthesised by sox. The list of clips for the app's GResource is written
beside them. The clips are committed: only a change of words, rooms or voice
needs this script, which wants espeak-ng, sox and vorbis-tools.

The same tools and the same words give the same bytes: a fixed voice, speed
and pitch, no dither, and each file's Ogg serial number taken from its name.

Usage: build-aux/make-sounds.py [SOURCE-ROOT]
"""

import os
import re
import subprocess
import sys
import tempfile
import zlib

# src/app/gil-announcer-espeak.c speaks a room added later in the same voice.
VOICE = 'id+f2'
SPEED = '150'
PITCH = '50'
RATE = '22050'
QUALITY = '1'
# Silence is anything below this, at either end of a clip.
SILENCE = '0.3%'


def clip_name(text):
    """A clip's name: its text in lower case, words joined by hyphens.
    src/common/gil-speech.c names them the same way."""
    return re.sub(r'[^a-z0-9]+', '-', text.lower()).strip('-')


def read_words(top):
    words = []
    with open(os.path.join(top, 'data', 'sounds', 'words.txt'), encoding='utf-8') as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith('#'):
                words.append(line)
    return words


def read_rooms(top):
    names = []
    with open(os.path.join(top, 'data', 'default-rooms.tsv'), encoding='utf-8') as lines:
        for line in lines:
            if line.startswith('#') or not line.strip():
                continue
            names.append(line.rstrip('\n').split('\t')[1])
    return names


def run(*command):
    subprocess.run(command, check=True)


def encode(wav, name, out_dir):
    serial = str(zlib.crc32(name.encode('utf-8')) & 0x7fffffff)
    run('oggenc', '--quiet', '--quality', QUALITY, '--serial', serial,
        '--output', os.path.join(out_dir, name + '.oga'), wav)


def make_clip(text, tmp, out_dir):
    name = clip_name(text)
    spoken = os.path.join(tmp, name + '-spoken.wav')
    trimmed = os.path.join(tmp, name + '.wav')
    run('espeak-ng', '-v', VOICE, '-s', SPEED, '-p', PITCH, '-w', spoken, text)
    run('sox', '-D', spoken, '-r', RATE, '-c', '1', '-b', '16', trimmed,
        'silence', '1', '0.01', SILENCE, 'reverse',
        'silence', '1', '0.01', SILENCE, 'reverse',
        'norm', '-3')
    encode(trimmed, name, out_dir)
    return name


def make_chime(tmp, out_dir):
    """Two bell-like notes, ding (G5) then dong (E5), each with its octave."""
    ding = os.path.join(tmp, 'ding.wav')
    dong = os.path.join(tmp, 'dong.wav')
    chime = os.path.join(tmp, 'chime.wav')
    common = ['sox', '-D', '-n', '-r', RATE, '-c', '1', '-b', '16']
    run(*common, ding, 'synth', '1.2', 'sine', '783.99', 'synth', '1.2', 'sine', 'mix', '1567.98',
        'fade', 'l', '0.005', '1.2', '1.15')
    run(*common, dong, 'synth', '1.6', 'sine', '659.25', 'synth', '1.6', 'sine', 'mix', '1318.51',
        'fade', 'l', '0.005', '1.6', '1.55', 'pad', '0.45')
    run('sox', '-D', '-m', ding, dong, chime, 'norm', '-3')
    encode(chime, 'chime', out_dir)
    return 'chime'


def write_manifest(names, out_dir):
    with open(os.path.join(out_dir, 'giliran-sounds.gresource.xml'), 'w', encoding='utf-8') as xml:
        xml.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<!-- SPDX-License-Identifier: GPL-3.0-or-later -->\n'
                  '<!-- Written by build-aux/make-sounds.py -->\n'
                  '<gresources>\n'
                  '  <gresource prefix="/org/giliran/Giliran/sounds">\n')
        for name in sorted(names):
            xml.write(f'    <file>{name}.oga</file>\n')
        xml.write('  </gresource>\n'
                  '</gresources>\n')


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    out_dir = os.path.join(top, 'data', 'sounds')
    texts = read_words(top) + read_rooms(top)
    names = set()

    with tempfile.TemporaryDirectory() as tmp:
        names.add(make_chime(tmp, out_dir))
        for text in texts:
            names.add(make_clip(text, tmp, out_dir))

    # Clips of words or rooms no longer listed go.
    for entry in os.listdir(out_dir):
        if entry.endswith('.oga') and entry[:-4] not in names:
            os.remove(os.path.join(out_dir, entry))
    write_manifest(names, out_dir)
    print(f'{len(names)} clips in {os.path.relpath(out_dir)}')


if __name__ == '__main__':
    main()
