#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the README's two quick-start commands: install Debian 12's packages the build needs
# (only when something is missing, so a second run is fast), then configure and build.
# Usage: scripts/bootstrap.sh  (env: BUILD_DIR, BUILD_TYPE, JOBS)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-Release}"
JOBS="${JOBS:-$(nproc)}"

# wordnet-base: real English text for the built-in demo tasks (WordNet 3.0 licence).
# libopenblas0-openmp: LibTorch calls whatever libblas.so.3 is; the reference BLAS is ~16x
# slower for fp32 GEMM on the CI machine (ARCHITECTURE.md, hazard 2).
PACKAGES=(
    build-essential cmake ninja-build pkg-config
    libtorch-dev libopenblas0-openmp
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libqcustomplot-dev
    libsentencepiece-dev
    libsqlite3-dev nlohmann-json3-dev libcli11-dev
    wordnet-base
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "bootstrap: installing ${missing[*]}"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install packages" >&2; exit 1; }
        SUDO="sudo"
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
fi
cmake --build "$BUILD_DIR" --parallel "$JOBS"
