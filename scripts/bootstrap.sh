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

source "$ROOT/scripts/packages.sh"
install_missing_packages bootstrap "${LADDER_BUILD_PACKAGES[@]}"

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
fi
cmake --build "$BUILD_DIR" --parallel "$JOBS"
