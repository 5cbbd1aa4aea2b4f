#!/usr/bin/env bash
# Sets up, builds and starts Prospect: the lab window on the bear-and-river preset. Extra
# arguments are passed on, e.g. `--preset deep-linear` or `experiment interference`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-debian.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found, so the window cannot open. Try a headless command instead, e.g."
  echo "  build/dev/app/prospect --preset bear --trials 8 --screenshot bear.png"
  echo "  build/dev/app/prospect experiment interference"
  exit 1
fi
exec build/dev/app/prospect "$@"
