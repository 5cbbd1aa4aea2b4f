#!/usr/bin/env bash
# Sets up, builds, runs every test and builds the Debian package (build/dev/prospect_*.deb).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-debian.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev -j2
cpack --preset deb
