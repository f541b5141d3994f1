#!/usr/bin/env bash
# Reproduces assets/screenshot.png: the tlx main screen on the embedded timeline, in a real
# xterm (120x40, DejaVu Sans Mono, black background, xterm's default 16-colour palette)
# under Xvfb, with the search "kaspersky ban" active (its matches highlighted) and the
# selection on Kaspersky's response to the June 2024 Commerce ban. Keys are typed with
# xdotool (XTEST), and the xterm window alone is captured with ImageMagick's `import`.
#
# Usage:  scripts/screenshot.sh [OUTPUT.png]      (default: assets/screenshot.png)
#
# Environment (all optional):
#   TLX_SHOT_DISPLAY  the X display Xvfb gets (default :99; it must be free)
#   TLX_SHOT_FONT     the font size in points (default 12)
#   TLX_SHOT_BIN      a tlx binary to use instead of building target/release/tlx
#
# Requirements, on Debian/Ubuntu (as root):
#   apt-get update
#   apt-get install -y xvfb xterm xdotool imagemagick x11-utils fonts-dejavu-core
# and a Rust toolchain (1.89 or later) for `cargo build --release`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-"$root/assets/screenshot.png"}
display=${TLX_SHOT_DISPLAY:-:99}
font_size=${TLX_SHOT_FONT:-12}

for tool in Xvfb xterm xdotool import xwininfo; do
    command -v "$tool" >/dev/null || {
        echo "screenshot.sh: '$tool' is missing; see the install steps at the top" >&2
        exit 1
    }
done

if [[ -n ${TLX_SHOT_BIN:-} ]]; then
    tlx=$TLX_SHOT_BIN
else
    (cd "$root" && cargo build --release)
    tlx="$root/target/release/tlx"
fi

# Empty config, data and state folders, so a user's own config (theme, keys) and
# workspace (marks, notes) can't change the picture.
work=$(mktemp -d)
mkdir -p "$work/config" "$work/data" "$work/state"

xvfb_pid= xterm_pid=
cleanup() {
    [[ -n $xterm_pid ]] && kill "$xterm_pid" 2>/dev/null || true
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# A virtual screen larger than the terminal; no window manager, so no decorations.
Xvfb "$display" -screen 0 1920x1200x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
    xdpyinfo -display "$display" >/dev/null 2>&1 && break
    sleep 0.1
done
export DISPLAY=$display

# xterm: 120 columns x 40 rows, a TrueType monospace font, a dark background and xterm's
# own default ANSI palette (no colour resources set), UTF-8, no scrollbar, a small margin.
LANG=C.UTF-8 LC_ALL=C.UTF-8 xterm \
    -title tlx-screenshot -geometry 120x40+0+0 \
    -fa 'DejaVu Sans Mono' -fs "$font_size" -u8 \
    -bg black -fg '#e5e5e5' -b 10 +sb \
    -xrm 'XTerm*cursorBlink: false' \
    -e env XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
    XDG_STATE_HOME="$work/state" "$tlx" &
xterm_pid=$!

wid=$(xdotool search --sync --name '^tlx-screenshot$' | head -n1)
xdotool windowfocus --sync "$wid"
sleep 1.5                       # let tlx draw its first frame

# Search for "kaspersky ban" and confirm it with Enter: the list keeps the 24 matching
# events and highlights the matched letters. Then move the selection down 14 events, to
# Kaspersky's statement on the Commerce ban (20 Jun 2024).
xdotool key --delay 80 slash
xdotool type --delay 60 'kaspersky ban'
sleep 0.3
xdotool key Return
sleep 0.3
for _ in $(seq 14); do
    xdotool key --delay 40 j
done
sleep 1

mkdir -p "$(dirname "$out")"
import -window "$wid" "png:$out"

# Leave tlx the normal way (q), so the terminal is restored before xterm goes.
xdotool key q
sleep 0.3
echo "wrote $out ($(identify -format '%wx%h' "$out"))"
