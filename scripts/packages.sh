# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the setup scripts: the Debian 12 packages the build needs, and an installer that
# asks apt only for what is missing (so a second run costs a few dpkg queries).

# wordnet-base: real English text for the built-in demo tasks (WordNet 3.0 licence).
# fonts-wqy-microhei: CJK glyphs for the zh_CN translation (offscreen has no other CJK font).
# libopenblas0-openmp: LibTorch calls whatever libblas.so.3 is; the reference BLAS is ~16x
# slower for fp32 GEMM on the CI machine (ARCHITECTURE.md, hazard 2).
LADDER_BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config
    libtorch-dev libopenblas0-openmp
    qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libqcustomplot-dev
    libsentencepiece-dev
    libsqlite3-dev nlohmann-json3-dev libcli11-dev
    wordnet-base
    fonts-wqy-microhei
)

# install_missing_packages WHO PACKAGE...: apt-installs the packages not yet installed (as root,
# or through sudo); WHO prefixes the messages.
install_missing_packages() {
    local who="$1"
    shift
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    echo "$who: installing ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "$who: need root or sudo to install packages" >&2; return 1; }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
