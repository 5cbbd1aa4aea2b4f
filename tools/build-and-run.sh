#!/usr/bin/env bash
# Sets up, builds and runs Prospect's main job. Extra arguments replace the default command.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-debian.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
if [ $# -eq 0 ]; then
  set -- experiment interference
fi
exec build/dev/app/prospect "$@"
