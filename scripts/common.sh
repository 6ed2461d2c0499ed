# Shared steps of the two set-up commands (scripts/run.sh and scripts/test.sh). Sourced, not run.
set -euo pipefail

SALIENT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SALIENT_BUILD="${SALIENT_BUILD:-$SALIENT_ROOT/build}"

# Debian 12 packages the build and the program need.
SALIENT_BUILD_PACKAGES=(
    build-essential cmake ccache pkg-config
    qt6-base-dev libqcustomplot-dev libtorch-dev libopenblas0-pthread
    libopencv-dev libsqlite3-dev libssl-dev libicu-dev nlohmann-json3-dev zlib1g-dev
    dataset-fashion-mnist wordnet-base
)
# Extra packages the tests use to build independent references (PyTorch, torchvision, OpenCV in Python).
SALIENT_TEST_PACKAGES=(python3 python3-torch python3-torchvision python3-opencv python3-numpy python3-pil python3-skimage)

salient_install_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "Installing Debian packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

salient_build() {
    export CCACHE_DIR="${CCACHE_DIR:-$SALIENT_ROOT/.cache/ccache}"
    # Paths relative to the checkout and no build folder in the hash: a second checkout of the same
    # commit (another clone, a worktree, CI) hits the cache instead of rebuilding from nothing.
    export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$SALIENT_ROOT}"
    export CCACHE_NOHASHDIR=true
    export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
    export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-8G}"
    cmake -S "$SALIENT_ROOT" -B "$SALIENT_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    cmake --build "$SALIENT_BUILD" --parallel "$(nproc)"
}
