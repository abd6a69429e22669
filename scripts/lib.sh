# Shared by scripts/run and scripts/test: install what is missing, configure, build.
# Sourced, not run. Idempotent: apt runs only when a package is missing.

PS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PS_BUILD=${PS_BUILD:-$PS_ROOT/build}

# Debian 12 packages: to build and run the app (help2man writes pingsweep-cli.1 from --help).
PS_BUILD_PACKAGES=(cmake ninja-build ccache g++ pkg-config qt6-base-dev qt6-base-dev-tools
                   libqt6svg6 libgl-dev iputils-ping help2man)
# …and to run the whole test suite (namespaces, nftables, setpriv, clang for the sanitizer
# and fuzz builds, the packaging checks, Xvfb for looking at the GUI).
PS_TEST_PACKAGES=(iproute2 nftables util-linux libcap2-bin clang-14 libclang-rt-14-dev clang-tidy cppcheck
                  python3 desktop-file-utils appstream lintian dpkg-dev file fakeroot)

ps_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ps_ensure_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    ps_log "installing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; return 1; }
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q >/dev/null || "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
        || "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ps_configure_and_build() {   # extra cmake arguments may follow
    export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/pingsweep-ccache}
    if [ ! -f "$PS_BUILD/build.ninja" ]; then
        ps_log "configuring $PS_BUILD"
        cmake -S "$PS_ROOT" -B "$PS_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
              -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "$@" >/dev/null
    fi
    ps_log "building (ninja, $(nproc) cores)"
    cmake --build "$PS_BUILD" -- -j"$(nproc)"
}
