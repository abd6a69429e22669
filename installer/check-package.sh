#!/usr/bin/env bash
# check-package.sh BUILD_DIR VERSION [CPACK]: the package check (CTest "package_deb").
#
# Builds the DEB and TGZ with cpack, inspects and lints them, installs the .deb on this machine,
# runs the installed programs (loopback only), checks the worker's cap_net_raw capability, and
# removes the package again, checking that every file it installed is gone. Needs root on
# Debian: anywhere else it skips (exit 77). The machine is left without pingsweep installed,
# also when a step fails (trap). Probes 127.0.0.0/8 and nothing else.
set -euo pipefail

SKIP=77
skip() { echo "SKIP: $*"; exit "$SKIP"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '\n==> %s\n' "$*"; }
ok() { echo "ok: $*"; }

[ $# -ge 2 ] || { echo "usage: $0 BUILD_DIR VERSION [CPACK]" >&2; exit 2; }
build=$(cd "$1" && pwd)
version=$2
cpack=${3:-cpack}

[ "$(id -u)" -eq 0 ] || skip "needs root: it installs and removes the .deb on this machine"
if [ ! -f /etc/debian_version ] || ! command -v dpkg >/dev/null || ! command -v apt-get >/dev/null; then
    skip "not a Debian system"
fi
for tool in "$cpack" dpkg-deb dpkg-shlibdeps fakeroot lintian desktop-file-validate appstreamcli \
            setcap getcap setpriv flock timeout file gzip; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/lib.sh lists the test packages)"
done

unset PINGSWEEP_WORKER                  # the installed programs must find their own worker
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8

# One package check at a time on this machine, whatever build folder it comes from.
lock=/run/lock/pingsweep-package-check.lock
[ -d /run/lock ] || lock=/tmp/pingsweep-package-check.lock
exec 9>"$lock"
flock -w 300 9 || fail "another package check holds $lock"

status=$(dpkg-query -W -f='${db:Status-Status}' pingsweep 2>/dev/null || true)
case "$status" in
    ""|not-installed) ;;
    *) skip "pingsweep is already on this machine (status: $status); not touching it" ;;
esac

prefix=/usr
worker=$prefix/libexec/pingsweep/pingsweep-worker
metainfo=$prefix/share/metainfo/io.github.pingsweep.PingSweep.metainfo.xml
icon_sizes=(16 22 24 32 48 64 128 256)
expected=(
    ./usr/bin/pingsweep
    ./usr/bin/pingsweep-cli
    ./usr/libexec/pingsweep/pingsweep-worker
    ./usr/share/applications/pingsweep.desktop
    ".$metainfo"
    ./usr/share/icons/hicolor/scalable/apps/pingsweep.svg
    ./usr/share/man/man1/pingsweep-cli.1.gz
    ./usr/share/man/man1/pingsweep.1.gz
    ./usr/share/doc/pingsweep/copyright
    ./usr/share/doc/pingsweep/changelog.gz
)
for size in "${icon_sizes[@]}"; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/pingsweep.png")
done

tmp=$(mktemp -d /tmp/pingsweep-package.XXXXXX)
chmod 755 "$tmp"                        # apt's _apt user reads the .deb from here
installing=0
gui_pid=""
worker_pid=""
cleanup() {
    local rc=$?
    [ -z "$gui_pid" ] || kill "$gui_pid" 2>/dev/null || true
    [ -z "$worker_pid" ] || kill "$worker_pid" 2>/dev/null || true
    if [ "$installing" = 1 ]; then
        local now
        now=$(dpkg-query -W -f='${db:Status-Status}' pingsweep 2>/dev/null || true)
        if [ -n "$now" ] && [ "$now" != not-installed ]; then
            echo "cleanup: purging pingsweep (status: $now)" >&2
            dpkg --purge pingsweep >/dev/null 2>&1 || dpkg --purge --force-all pingsweep || true
        fi
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Sweeps 127.0.0.0/29 (hosts .1 to .6) with the given command line (pingsweep-cli and its
# options, possibly behind setpriv) and insists on exactly those six hosts alive.
loopback_sweep() {
    local out rc=0
    out=$(timeout 60 "$@" 127.0.0.0/29 2>"$tmp/sweep.err") || rc=$?
    echo "$out"
    cat "$tmp/sweep.err"
    [ "$rc" -eq 0 ] || fail "loopback sweep exited with $rc: $*"
    local alive
    alive=$(grep -cE '^127\.0\.0\.[1-6][[:space:]]+alive' <<<"$out" || true)
    [ "$alive" -eq 6 ] || fail "loopback sweep reported $alive hosts alive, not 6: $*"
    grep -qE '^127\.0\.0\.(0|7)[[:space:]]' <<<"$out" && fail "sweep probed the network or broadcast address"
    return 0
}

# --- Build ------------------------------------------------------------------------------------
step "cpack -G DEB;TGZ in $build"
(cd "$build" && timeout 300 "$cpack" --config CPackConfig.cmake -G "DEB;TGZ" -B "$tmp/out") \
    || fail "cpack failed"
arch=$(dpkg --print-architecture)
deb=$tmp/out/pingsweep_${version}_${arch}.deb
tgz=$tmp/out/pingsweep-${version}-Linux.tar.gz
[ -f "$deb" ] || fail "no $deb"
[ -f "$tgz" ] || fail "no $tgz"
ok "built $(basename "$deb") and $(basename "$tgz")"

# --- Inspect the .deb -------------------------------------------------------------------------
step "dpkg-deb --info"
info=$(dpkg-deb --info "$deb")
echo "$info"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = pingsweep ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', the project says $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ "$(field Section)" = net ] || fail "Section is '$(field Section)'"
[ "$(field Maintainer)" = "PingSweep developers <pingsweep@example.invalid>" ] || fail "Maintainer is '$(field Maintainer)'"
for lib in libc6 libqt6core6 libqt6network6 libqt6widgets6; do   # computed by dpkg-shlibdeps
    field Depends | grep -qw "$lib" || fail "Depends lacks $lib: $(field Depends)"
done
field Depends | grep -qw libcap2-bin && fail "libcap2-bin belongs in Recommends, not Depends"
field Recommends | grep -qw libcap2-bin || fail "Recommends lacks libcap2-bin"
for script in postinst prerm postrm; do
    grep -qE "^ +[0-9]+ bytes, +[0-9]+ lines +\* +$script " <<<"$info" || fail "no executable $script in the control archive"
done
ok "control fields and maintainer scripts"

step "dpkg-deb --contents"
contents=$(dpkg-deb --contents "$deb")
echo "$contents"
grep -vqE '^[-dl][rwxs-]{9} root/root ' <<<"$contents" && fail "an entry not owned by root/root"
# Files and links only (directories are shared with other packages).
mapfile -t files < <(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep -v '/$' | sort)
mapfile -t wanted < <(printf '%s\n' "${expected[@]}" | sort)
missing=$(comm -13 <(printf '%s\n' "${files[@]}") <(printf '%s\n' "${wanted[@]}"))
extra=$(comm -23 <(printf '%s\n' "${files[@]}") <(printf '%s\n' "${wanted[@]}"))
[ -z "$missing" ] || fail "missing from the package: $missing"
[ -z "$extra" ] || fail "unexpected in the package (add to check-package.sh if meant): $extra"
grep -q ' ./usr/bin/pingsweep-worker$' <<<"$contents" && fail "the worker must not be in bin/"
grep -E '^-rwxr-xr-x root/root .* \./usr/libexec/pingsweep/pingsweep-worker$' <<<"$contents" >/dev/null \
    || fail "the worker is not an executable 0755 file (capabilities, not setuid)"
ok "${#files[@]} files, as expected"

for f in "${files[@]}"; do
    [ -e "${f#.}" ] && skip "${f#.} already exists on this machine (not from a package); not overwriting it"
done

# --- Inspect the .tar.gz and run it from where it unpacks ---------------------------------------
step "TGZ: contents, and a loopback sweep from the unpacked folder (finds libexec/ by itself)"
top=pingsweep-${version}-Linux
tar -tzf "$tgz" | sort > "$tmp/tgz.list"
for f in bin/pingsweep bin/pingsweep-cli libexec/pingsweep/pingsweep-worker \
         share/applications/pingsweep.desktop share/man/man1/pingsweep-cli.1.gz; do
    grep -qx "$top/$f" "$tmp/tgz.list" || fail "TGZ lacks $top/$f"
done
grep -q "^$top/usr/" "$tmp/tgz.list" && fail "TGZ has a usr/ prefix; it should be relocatable"
mkdir "$tmp/tgz" && tar -xzf "$tgz" -C "$tmp/tgz"
loopback_sweep "$tmp/tgz/$top/bin/pingsweep-cli" --mode process
ok "TGZ unpacks and runs"

# --- Lint -------------------------------------------------------------------------------------
step "lintian"
lint_rc=0
# As nobody: lintian unpacks and parses the package and does not want root.
cp "$deb" "$tmp/lint.deb" && chmod 644 "$tmp/lint.deb"
setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$tmp" \
    lintian --tag-display-limit 0 --display-info "$tmp/lint.deb" > "$tmp/lintian.txt" 2>&1 || lint_rc=$?
cat "$tmp/lintian.txt"
errors=$(grep -c '^E: ' "$tmp/lintian.txt" || true)
warnings=$(grep -c '^W: ' "$tmp/lintian.txt" || true)
if [ "$errors" -ne 0 ] || [ "$lint_rc" -ne 0 ]; then fail "lintian: $errors errors (exit $lint_rc)"; fi
ok "lintian: no errors, $warnings warnings"

for script in postinst prerm postrm; do
    dpkg-deb --ctrl-tarfile "$deb" | tar -xO "./$script" > "$tmp/$script"
    sh -n "$tmp/$script" || fail "$script: shell syntax"
done
grep -q "^WORKER=$worker\$" "$tmp/postinst" || fail "postinst is not about $worker"
grep -q "setcap cap_net_raw+ep \"\$WORKER\"" "$tmp/postinst" || fail "postinst does not run setcap"

# --- Install ----------------------------------------------------------------------------------
step "apt-get install $deb"
installing=1
timeout 300 apt-get install -y -q --no-install-recommends "$deb" || fail "apt-get install failed"
[ "$(dpkg-query -W -f='${db:Status-Status}' pingsweep)" = installed ] || fail "not installed after apt-get"
step "dpkg -i (reinstall over itself: prerm drops the capability, postinst gives it back)"
timeout 120 dpkg -i "$deb" || fail "dpkg -i failed"
for f in "${files[@]}"; do
    [ -e "${f#.}" ] || fail "${f#.} is not installed"
done
ok "installed; every file in place"

step "desktop-file-validate, appstreamcli validate --no-net (installed files)"
desktop-file-validate "$prefix/share/applications/pingsweep.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net --explain "$metainfo" || fail "appstreamcli validate"
ok "desktop entry and metainfo valid"

step "icons: the PNG in each hicolor folder has that folder's size"
for size in "${icon_sizes[@]}"; do
    png=$prefix/share/icons/hicolor/${size}x${size}/apps/pingsweep.png
    file "$png" | grep -q "PNG image data, $size x $size," || fail "$png: $(file -b "$png")"
done
ok "${#icon_sizes[@]} PNG sizes"

step "man pages"
zcat "$prefix/share/man/man1/pingsweep-cli.1.gz" | grep -qF '\-\-mode' || fail "pingsweep-cli.1 does not document --mode"
zcat "$prefix/share/man/man1/pingsweep-cli.1.gz" | grep -qF "pingsweep-cli $version" \
    || fail "pingsweep-cli.1 is not from version $version"
ok "pingsweep-cli.1 generated from --help"

# --- Run the installed programs ---------------------------------------------------------------
step "installed pingsweep-cli --version"
got=$(timeout 30 "$prefix/bin/pingsweep-cli" --version)
[ "$got" = "pingsweep-cli $version" ] || fail "--version printed '$got'"
ok "$got"

step "installed pingsweep-cli: loopback sweep in process mode, as root"
loopback_sweep "$prefix/bin/pingsweep-cli" --mode process

step "the worker's capability"
caps=$(getcap "$worker")
echo "$caps"
grep -q 'cap_net_raw[=+]ep' <<<"$caps" || fail "getcap shows no cap_net_raw=ep on $worker"
for program in "$prefix/bin/pingsweep" "$prefix/bin/pingsweep-cli"; do
    [ -z "$(getcap "$program")" ] || fail "$program holds a capability: $(getcap "$program")"
done
# Started by a normal user, the worker holds CAP_NET_RAW (bit 13) in its effective set.
as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
"${as_nobody[@]}" "$worker" --serve < <(sleep 5) > /dev/null &
worker_pid=$!
sleep 0.5
cap_eff=$(awk '/^CapEff:/ { print $2 }' "/proc/$worker_pid/status")
kill "$worker_pid" 2>/dev/null || true
wait "$worker_pid" 2>/dev/null || true
worker_pid=""
echo "worker started by nobody: CapEff $cap_eff"
(( (16#$cap_eff >> 13) & 1 )) || fail "the worker started by nobody has no CAP_NET_RAW"
(( 16#$cap_eff == 1 << 13 )) || fail "the worker started by nobody holds more than CAP_NET_RAW"
ok "only the worker holds cap_net_raw"

step "postinst without setcap: explains net.ipv4.ping_group_range, does not fail"
postinst=/var/lib/dpkg/info/pingsweep.postinst
if [ -z "$(PATH=/usr/bin:/bin command -v setcap)" ]; then
    setcap -r "$worker"
    advice=$(PATH=/usr/bin:/bin sh "$postinst" configure "$version" 2>&1) || fail "postinst failed without setcap"
    echo "$advice"
    grep -q 'net.ipv4.ping_group_range' <<<"$advice" || fail "postinst without setcap gives no ping_group_range advice"
    [ -z "$(getcap "$worker")" ] || fail "capability appeared without setcap?"
    sh "$postinst" configure "$version" || fail "postinst failed"
    getcap "$worker" | grep -q cap_net_raw || fail "postinst did not give the capability back"
    ok "advice printed, install not failed; capability restored"
else
    echo "setcap is on /usr/bin:/bin here; sub-check not possible"
fi

step "installed pingsweep-cli: loopback sweep in process mode, as nobody"
loopback_sweep "${as_nobody[@]}" "$prefix/bin/pingsweep-cli" --mode process

step "ICMP for a normal user: process mode sends it through the worker's capability"
loopback_sweep "${as_nobody[@]}" "$prefix/bin/pingsweep-cli" -v --mode process --probe icmp
read -r range_low range_high < /proc/sys/net/ipv4/ping_group_range
nogroup_gid=$(id -g nobody)
if [ "$nogroup_gid" -lt "$range_low" ] || [ "$nogroup_gid" -gt "$range_high" ]; then
    # No ping sockets for nobody here: the ICMP above went through the worker's raw socket, and
    # pingsweep-cli on its own (thread mode) must not manage it.
    rc=0
    timeout 60 "${as_nobody[@]}" "$prefix/bin/pingsweep-cli" -q --mode thread --probe icmp 127.0.0.1 \
        > /dev/null 2>&1 || rc=$?
    [ "$rc" -ne 0 ] || fail "thread-mode ICMP worked for nobody: pingsweep-cli itself is privileged?"
    ok "ICMP as nobody only through the worker (ping_group_range '$range_low $range_high' excludes nobody)"
else
    ok "ICMP as nobody in process mode (ping sockets are open to nobody here too: not conclusive alone)"
fi

step "installed pingsweep starts under the offscreen platform"
mkdir -m 700 "$tmp/runtime"
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$tmp/runtime "$prefix/bin/pingsweep" > "$tmp/gui.log" 2>&1 &
gui_pid=$!
sleep 2
if ! kill -0 "$gui_pid" 2>/dev/null; then
    gui_rc=0
    wait "$gui_pid" || gui_rc=$?
    gui_pid=""
    cat "$tmp/gui.log"
    fail "pingsweep exited within 2 s (status $gui_rc)"
fi
kill "$gui_pid"
wait "$gui_pid" 2>/dev/null || true
gui_pid=""
cat "$tmp/gui.log"
ok "pingsweep ran for 2 s"

# --- Remove -----------------------------------------------------------------------------------
step "dpkg -r pingsweep"
timeout 120 dpkg -r pingsweep || fail "dpkg -r failed"
now=$(dpkg-query -W -f='${db:Status-Status}' pingsweep 2>/dev/null || true)
case "$now" in
    ""|not-installed|config-files) ;;
    *) fail "status after dpkg -r: $now" ;;
esac
left=()
for f in "${files[@]}"; do
    [ -e "${f#.}" ] || [ -L "${f#.}" ] && left+=("${f#.}")
done
for d in "$prefix/libexec/pingsweep" "$prefix/share/doc/pingsweep"; do
    [ -e "$d" ] && left+=("$d")
done
[ ${#left[@]} -eq 0 ] || fail "left behind by dpkg -r: ${left[*]}"
dpkg --purge pingsweep >/dev/null 2>&1 || true
installing=0
ok "removed; nothing left behind"

echo
echo "PASS: package check (lintian: $errors errors, $warnings warnings)"
