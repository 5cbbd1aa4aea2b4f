#!/usr/bin/env bash
# Sets up, builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-debian.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev -j2
