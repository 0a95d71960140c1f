#!/usr/bin/env bash
# Tests the Debian package: (a) builds it (scripts/package-deb.sh), (b) inspects it (control
# fields, file list, no build paths, instruction set, desktop entry, man pages, completions, and
# the CLI run from the unpacked files), (c) installs it with apt into a clean Debian 12 chroot and
# runs `sentinela --version`, `sentinela demo` and the desktop application (offscreen) there, and
# the installed CLI's scan on a CPU without AVX-512 (QEMU emulating a Haswell).
#
#   scripts/test-deb.sh                   all three; the chroot is made once with debootstrap
#   scripts/test-deb.sh --deb FILE        (b) and (c) on a package already built
#   scripts/test-deb.sh --build-dir DIR   (b) on CPack run over an existing build (the quick check
#                                         ctest runs: not the package build, so no build-path and
#                                         instruction-set checks); implies --no-chroot
#   --no-chroot                           skip (c)
#   --chroot DIR                          where the chroot is kept (default ../chroot-bookworm
#                                         beside the checkout; made if missing, reused after)
# Exits 77 (ctest's "skipped") when dpkg-deb or dpkg-shlibdeps are missing (not Debian).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
deb="" build_dir="" chroot=1 root="$(dirname "$repo")/chroot-bookworm"
while [ $# -gt 0 ]; do
    case $1 in
        --deb) deb=$(realpath "$2"); shift 2 ;;
        --build-dir) build_dir=$(realpath "$2"); chroot=0; shift 2 ;;
        --no-chroot) chroot=0; shift ;;
        --chroot) root=$(realpath -m "$2"); shift 2 ;;
        *) echo "test-deb: unknown argument $1 (see the top of $0)" >&2; exit 2 ;;
    esac
done
for tool in dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || { echo "test-deb: $tool missing, skipped" >&2; exit 77; }
done

# Never `producer | grep -q`: with pipefail, grep's early exit fails the producer (SIGPIPE).
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
seconds() { echo $(($(date +%s) - $1)); }
work=$(mktemp -d)
cleanup() {
    if mountpoint -q "$root/proc" 2>/dev/null; then umount "$root/proc"; fi
    rm -rf "$work"
}
trap cleanup EXIT

# (a) The package.
start=$(date +%s)
package_build=1
if [ -n "$build_dir" ]; then
    package_build=0
    grep -q '^SENTINELA_PACKAGE:BOOL=ON' "$build_dir/CMakeCache.txt" && package_build=1
    cpack --config "$build_dir/CPackConfig.cmake" -B "$work/cpack" >"$work/cpack.log" 2>&1 ||
        { cat "$work/cpack.log" >&2; exit 1; }
    deb=$(find "$work/cpack" -maxdepth 1 -name 'sentinela_*.deb')
elif [ -z "$deb" ]; then
    deb=$(nice -n 10 "$repo/scripts/package-deb.sh" -j2 | tail -n 1)
    build_dir="$repo/build/package"
fi
echo "package: $deb ($(du -h "$deb" | cut -f1), made in $(seconds "$start") s)"
[ -f "$deb" ] || { echo "test-deb: no package at '$deb'" >&2; exit 1; }

# (b) What the package holds.
start=$(date +%s)
dpkg-deb -I "$deb" >"$work/info"
field() { sed -n "s/^ $1: //p" "$work/info"; }
[ "$(field Package)" = sentinela ] && pass "Package: sentinela" || fail "Package: $(field Package)"
grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+-[0-9]+$' <<<"$(field Version)" && pass "Version: $(field Version)" ||
    fail "Version: '$(field Version)', expected upstream-revision"
depends=$(field Depends)
echo "Depends: $depends"
# Each entry is a package name, with a minimum version when dpkg-shlibdeps knows one.
echo "$depends" | tr ',' '\n' | sed 's/^ //' | while read -r entry; do
    grep -Eq '^[a-z0-9][a-z0-9.+-]+( \(>= [0-9][^)]*\))?$' <<<"$entry" ||
        echo "malformed Depends entry: $entry"
done >"$work/malformed"
[ -s "$work/malformed" ] && fail "$(cat "$work/malformed")" || pass "Depends entries well-formed"
grep -q -- "-dev\b" <<<"$depends" && fail "Depends names a -dev package" ||
    pass "Depends names no -dev package"
# The libraries the code links (README.md, "Dependencies"): missing ones mean shlibdeps was off.
dpkg-deb -c "$deb" >"$work/contents"
expected="libc6 libstdc++6 libgcc-s1 libicu72 libsentencepiece0 libsqlite3-0 libsimdjson14
    libzstd1 zlib1g libtbb12 libssl3"
if grep -q ' \./usr/bin/sentinela-gui$' "$work/contents"; then
    expected="$expected libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6"
fi
names=$(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//')
missing=$(for package in $expected; do grep -qxF "$package" <<<"$names" || echo "$package"; done)
[ -z "$missing" ] && pass "Depends has the $(echo "$expected" | wc -w) libraries the code links" ||
    fail "Depends lacks" $missing
grep -q libqt6svg6 <<<"$(field Recommends)" && pass "Recommends: $(field Recommends)" ||
    fail "Recommends lacks libqt6svg6 (the SVG window icon)"

for file in usr/bin/sentinela usr/bin/sentinela-gui usr/share/applications/sentinela.desktop \
    usr/share/icons/hicolor/scalable/apps/sentinela.svg usr/share/man/man1/sentinela.1.gz \
    usr/share/man/man1/sentinela-gui.1.gz usr/share/bash-completion/completions/sentinela \
    usr/share/zsh/vendor-completions/_sentinela usr/share/sentinela/encoders/base.encoder \
    usr/share/sentinela/demo/labeled_posts.jsonl usr/share/sentinela/demo/offensive_labels.csv \
    usr/share/sentinela/demo/train_config.json usr/share/sentinela/demo/x_export.jsonl; do
    grep -q " \./$file\$" "$work/contents" || fail "the package lacks /$file"
done
pass "files in place: $(grep -c '^-' "$work/contents") files"
awk '$6 !~ /^\.\/usr\// && $6 != "./"' "$work/contents" | grep . && fail "files outside /usr" ||
    pass "every file under /usr"
awk '$2 != "root/root"' "$work/contents" | grep . && fail "files not owned by root" ||
    pass "every file owned by root"

dpkg-deb -x "$deb" "$work/root"
cli="$work/root/usr/bin/sentinela"
elves="$cli"
[ -f "$work/root/usr/bin/sentinela-gui" ] && elves="$elves $work/root/usr/bin/sentinela-gui"
for elf in $elves; do
    name=$(basename "$elf")
    readelf -S -d "$elf" >"$work/elf"
    grep -q '\.symtab' "$work/elf" && fail "$name is not stripped"
    grep -Eq 'RPATH|RUNPATH' "$work/elf" && fail "$name has an RPATH"
done
pass "executables stripped, without RPATH"
if [ "$package_build" = 1 ]; then
    # No path of the machine that built it: the source tree, the build folder.
    grep -rlF -e "$repo" ${build_dir:+-e "$build_dir"} "$work/root" &&
        fail "build paths in the package" || pass "no build path ($repo $build_dir) in any file"
    # Portable: AVX2 (ymm registers) throughout, whatever CPU built it, and AVX-512 (zmm) only in
    # the LSTM kernels chosen at run time (model/lstm_kernel.h): the unstripped executables of the
    # build name the functions that hold zmm code. Hardened as dpkg-buildflags would: bound at
    # load (-z now), stack protector, fortified libc calls.
    if [ -n "$build_dir" ] && [ -f "$build_dir/app/sentinela" ]; then
        objdump -d -C --no-show-raw-insn "$build_dir/app/sentinela" | awk '
            /^[0-9a-f]+ <.*>:$/ { fn = $0; sub(/^[0-9a-f]+ </, "", fn); sub(/>:$/, "", fn) }
            /%zmm/ { print fn }' | sort -u >"$work/zmm-functions"
        kernels='^sentinela::model::\(anonymous namespace\)::(runDirection|multiplyPacked|packPanels|packRowPanels)\('
        if [ ! -s "$work/zmm-functions" ]; then
            fail "no AVX-512 kernel in the build (run-time dispatch missing)"
        elif grep -Ev "$kernels" "$work/zmm-functions" >"$work/zmm-elsewhere"; then
            fail "AVX-512 code outside the run-time kernels: $(head -3 "$work/zmm-elsewhere")"
        else
            pass "AVX-512 only in the run-time kernels ($(wc -l <"$work/zmm-functions") functions)"
        fi
    fi
    for elf in $elves; do
        objdump -d --no-show-raw-insn "$elf" >"$work/asm"
        readelf -W -d --dyn-syms "$elf" >"$work/dynamic"  # -W: names in full
        name=$(basename "$elf")
        grep -q 'BIND_NOW' "$work/dynamic" && grep -q '__stack_chk_fail' "$work/dynamic" &&
            grep -q '_chk@' "$work/dynamic" && pass "$name: hardened" ||
            fail "$name lacks BIND_NOW, the stack protector or fortified calls"
        grep -q '%ymm' "$work/asm" && pass "$name: AVX2" || fail "$name has no AVX2 code"
    done
else
    echo "skipped: build-path and instruction-set checks (not a package build)"
fi

if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$work/root/usr/share/applications/sentinela.desktop" &&
        pass "desktop entry valid" || fail "desktop-file-validate"
fi
grep -q '^Exec=sentinela-gui ' "$work/root/usr/share/applications/sentinela.desktop" &&
    grep -q '^Icon=sentinela$' "$work/root/usr/share/applications/sentinela.desktop" &&
    pass "desktop entry runs sentinela-gui with the sentinela icon" || fail "desktop Exec/Icon"

# Man pages and completions name every subcommand the packaged CLI has. The list is read here
# again, not with packaging/cli_help.sh, so that a bug there cannot hide itself.
commands=$("$cli" --help | awk '/^Subcommands:$/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ "$(echo "$commands" | wc -l)" -ge 10 ] || fail "only $(echo "$commands" | wc -l) subcommands"
for page in sentinela sentinela-gui; do
    zcat "$work/root/usr/share/man/man1/$page.1.gz" >"$work/$page.1"
    warnings=$(groff -man -ww -z "$work/$page.1" 2>&1 || true)
    [ -z "$warnings" ] && pass "$page.1 formats without warnings" || fail "$page.1: $warnings"
done
bash_completion="$work/root/usr/share/bash-completion/completions/sentinela"
completed=$(bash -c '. "$1"; COMP_WORDS=(sentinela ""); COMP_CWORD=1; _sentinela
    printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_completion")
for command in $commands; do
    grep -q "^\.SS $command\$" "$work/sentinela.1" || fail "sentinela.1 lacks $command"
    grep -qx "$command" <<<"$completed" || fail "bash completion lacks $command"
    flags=$(bash -c '. "$1"; COMP_WORDS=(sentinela "$2" --); COMP_CWORD=2; _sentinela
        printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_completion" "$command")
    grep -qx -- --help <<<"$flags" || fail "bash completion of '$command --' lacks --help"
    grep -q "^ *'$command:" "$work/root/usr/share/zsh/vendor-completions/_sentinela" ||
        fail "zsh completion lacks $command"
done
pass "man page and completions cover $(echo "$commands" | wc -w) subcommands"
if command -v zsh >/dev/null; then
    zsh -n "$work/root/usr/share/zsh/vendor-completions/_sentinela" && pass "zsh completion parses" ||
        fail "zsh completion does not parse"
fi

# The unpacked CLI on this machine's libraries finds the encoder unpacked beside it.
env -u SENTINELA_ENCODER "$cli" --version >"$work/version" 2>&1 || fail "unpacked --version"
grep -qF "($work/root/usr/share/sentinela/encoders/base.encoder)" "$work/version" &&
    pass "unpacked CLI reads usr/share/sentinela/encoders beside it" ||
    fail "unpacked CLI's encoder: $(grep encoder "$work/version")"
echo "inspection: $(seconds "$start") s"

# (c) Installed with apt in a clean Debian 12, run from the installed files only.
if [ "$chroot" = 1 ]; then
    start=$(date +%s)
    [ "$(id -u)" = 0 ] || { echo "test-deb: the chroot needs root (or --no-chroot)" >&2; exit 1; }
    if [ ! -x "$root/usr/bin/apt-get" ]; then
        "$repo/scripts/install-deps.sh" debootstrap
        mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
        nice -n 10 debootstrap --variant=minbase bookworm "$root" "${mirror:-http://deb.debian.org/debian}"
        echo "chroot made in $(seconds "$start") s: $root"
    fi
    mount -t proc proc "$root/proc"  # the CLI finds its data from /proc/self/exe
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        DEBIAN_FRONTEND=noninteractive "$@"; }
    in_root apt-get purge -y -qq sentinela >/dev/null 2>&1 || true
    cp "$deb" "$root/tmp/sentinela.deb"
    in_root apt-get update -qq
    # Depends alone must be enough: no Recommends, nothing else installed by hand.
    in_root apt-get install -y -qq --no-install-recommends /tmp/sentinela.deb >"$work/apt.log" 2>&1 ||
        { cat "$work/apt.log" >&2; exit 1; }
    pass "apt installed the package and its Depends ($(grep -c '^Setting up' "$work/apt.log") packages)"
    echo "install: $(seconds "$start") s"

    start=$(date +%s)
    in_root sentinela --version | tee "$work/version"
    grep -q '(/usr/share/sentinela/encoders/base.encoder)' "$work/version" &&
        pass "installed CLI finds /usr/share/sentinela/encoders/base.encoder" || fail "encoder lookup"
    rm -rf "$root/tmp/demo"
    if in_root sentinela demo /tmp/demo >"$work/demo.log" 2>&1; then
        tail -n 3 "$work/demo.log"
        grep -q -- '--config /usr/share/sentinela/demo/train_config.json' "$work/demo.log" &&
            pass "demo read /usr/share/sentinela/demo" || fail "demo data not from /usr/share"
        [ "$(wc -l <"$root/tmp/demo/flagged.csv")" -gt 1 ] && pass "demo flagged posts" ||
            fail "demo flagged nothing"
    else
        cat "$work/demo.log" >&2
        fail "sentinela demo in the chroot"
    fi
    echo "demo: $(seconds "$start") s"

    # The instruction set, run: QEMU emulating a Haswell (AVX2+FMA, no AVX-512) runs the installed
    # CLI, on the chroot's libraries, to scan the demo export with the demo's model; it must flag
    # what the same binary flags natively. A -march=native build from an AVX-512 machine dies here.
    start=$(date +%s)
    "$repo/scripts/install-deps.sh" qemu-user >/dev/null
    flagged() { sed -n 's/^ *"flagged_posts": *\([0-9]*\).*/\1/p' "$1"; }
    in_root sentinela scan /tmp/demo/offensive.model /usr/share/sentinela/demo/x_export.jsonl \
        --json >"$work/native.json" 2>/dev/null || fail "native scan in the chroot"
    if qemu-x86_64 -cpu Haswell -L "$root" "$root/usr/bin/sentinela" scan \
        "$root/tmp/demo/offensive.model" "$root/usr/share/sentinela/demo/x_export.jsonl" --json \
        >"$work/haswell.json" 2>"$work/haswell.err"; then
        [ -n "$(flagged "$work/native.json")" ] &&
            [ "$(flagged "$work/haswell.json")" = "$(flagged "$work/native.json")" ] &&
            pass "on an emulated Haswell the CLI flags $(flagged "$work/haswell.json") posts, as natively" ||
            fail "emulated Haswell flagged '$(flagged "$work/haswell.json")', natively '$(flagged "$work/native.json")'"
    else
        fail "the CLI on an emulated Haswell (AVX2, no AVX-512): $(grep -v warning "$work/haswell.err")"
    fi
    # Run-time dispatch: natively (this AVX-512 machine) the AVX-512 kernel, emulated the AVX2 one.
    in_root sentinela --version >"$work/native.version" 2>&1
    grep -q 'LSTM kernel avx512' "$work/native.version" &&
        pass "natively the CLI runs the avx512 kernel" ||
        echo "note: this CPU has no AVX-512; the native run used the avx2 kernel"
    qemu-x86_64 -cpu Haswell -L "$root" "$root/usr/bin/sentinela" --version >"$work/haswell.version" 2>&1
    grep -q 'LSTM kernel avx2$' "$work/haswell.version" &&
        pass "on an emulated Haswell the CLI chose the avx2 kernel" ||
        fail "kernel on an emulated Haswell: $(grep 'LSTM kernel' "$work/haswell.version")"
    echo "emulated Haswell: $(seconds "$start") s"
    if [ -f "$root/usr/bin/sentinela-gui" ]; then
        in_root ldd /usr/bin/sentinela-gui | grep 'not found' && fail "sentinela-gui misses libraries"
        in_root env QT_QPA_PLATFORM=offscreen sentinela-gui --version >"$work/gui.log" 2>&1 &&
            pass "installed sentinela-gui starts: $(tail -n 1 "$work/gui.log")" ||
            fail "sentinela-gui --version: $(cat "$work/gui.log")"
        if in_root env QT_QPA_PLATFORM=offscreen sentinela-gui /tmp/demo/demo.sentinela \
            --screenshot-dir /tmp/shots >"$work/gui.log" 2>&1; then
            pass "installed sentinela-gui opened the demo workspace: $(ls "$root/tmp/shots" | wc -l) screenshots"
        else
            fail "sentinela-gui on the demo workspace: $(tail -n 5 "$work/gui.log")"
        fi
    fi
    # The chroot stays clean for the next run (apt keeps the downloaded packages in its cache).
    in_root apt-get purge -y -qq sentinela >/dev/null 2>&1
    in_root apt-get autoremove --purge -y -qq >/dev/null 2>&1
fi

if [ "$failures" -gt 0 ]; then
    echo "test-deb: $failures check(s) failed" >&2
    exit 1
fi
echo "test-deb: all checks passed"
