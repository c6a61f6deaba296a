#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start 1: install what is needed, build, and start the workbench on its built-in demo run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/bootstrap.sh"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "workbench: no display found (DISPLAY/WAYLAND_DISPLAY unset); run under a desktop session," >&2
    echo "           or with QT_QPA_PLATFORM=offscreen, or through xvfb-run." >&2
    exit 1
fi
exec "$BUILD_DIR/bin/ladder-workbench" --demo "$@"
