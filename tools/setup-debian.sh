#!/usr/bin/env bash
# Installs the Debian / Ubuntu packages Prospect needs to build and test (uses sudo when not root).
set -euo pipefail

packages=(
  cmake ninja-build g++ pkgconf ccache
  libeigen3-dev libgtest-dev libgmock-dev nlohmann-json3-dev
  qt6-base-dev qt6-base-dev-tools libqcustomplot-dev fonts-dejavu-core
  qt6-svg-dev libavformat-dev libavcodec-dev libswscale-dev libavutil-dev libgif-dev
  librsvg2-bin dpkg-dev file
  lintian appstream desktop-file-utils shared-mime-info man-db
  zlib1g-dev dataset-fashion-mnist
  pybind11-dev python3-dev python3-numpy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
echo "Installing: ${missing[*]}"
"${as_root[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
