# tests/optional.sh - the tools that parts of `make test` need beyond make
# and a C compiler, the Debian package of each, and the one way a part
# whose tool is missing says so. Sourced by the scripts that run those
# parts (. tests/optional.sh); from the Makefile, the same line comes from
#     sh tests/optional.sh skip WHAT WHY PACKAGES
#
# A part whose tool is missing prints one line and is skipped:
#     make test: WHAT skipped: WHY (apt-get install PACKAGES)
# except under PTEST_CI=1 (.ci/run sets it, after installing every tool),
# which allows no skip: the line then says the part failed, and it does.
# `make deps` installs every package (DEPS in the Makefile). The line
# starts with "$optional_target:" ("make test" unless set).

# optional_package TOOL: the Debian package that installs TOOL.
optional_package() {
    case $1 in
    clang | clang++) echo clang ;;
    musl-gcc) echo musl-tools ;;
    cmake | ctest) echo cmake ;;
    ninja) echo ninja-build ;;
    xmllint) echo libxml2-utils ;;
    prove) echo perl ;;
    bazel) echo bazel-bootstrap ;;
    x86_64-w64-mingw32-g++*) echo g++-mingw-w64-x86-64 ;;
    x86_64-w64-mingw32-*) echo gcc-mingw-w64-x86-64 ;;
    i686-w64-mingw32-g++*) echo g++-mingw-w64-i686 ;;
    i686-w64-mingw32-*) echo gcc-mingw-w64-i686 ;;
    qemu-*) echo qemu-user ;;
    *-linux-gnu*-gcc) echo "gcc-${1%-gcc}" ;;
    *-linux-gnu*-g++) echo "g++-${1%-g++}" ;;
    *) echo "$1" ;; # g++, tcc, meson, pkg-config, python3, gcovr, wine, valgrind
    esac
}

# optional_ci: 0 under PTEST_CI (set, not empty and not 0), where nothing
# may be skipped.
optional_ci() {
    [ -n "${PTEST_CI:-}" ] && [ "$PTEST_CI" != 0 ]
}

# optional_skip WHAT WHY PACKAGES: the line that skips WHAT; 77 (skipped),
# or under PTEST_CI the line that fails it and 1.
optional_skip() {
    if optional_ci; then
        echo "${optional_target:-make test}: $1 failed: $2 (apt-get install $3), and PTEST_CI=1 allows no skip"
        return 1
    fi
    echo "${optional_target:-make test}: $1 skipped: $2 (apt-get install $3)"
    return 77
}

# optional_have TOOL...: 0 when every TOOL is on PATH; otherwise 1, and
# the missing ones are added to $optional_missing for optional_done.
optional_missing=
optional_have() {
    optional_rc=0
    for optional_t in "$@"; do
        command -v "$optional_t" >/dev/null 2>&1 && continue
        optional_rc=1
        case " $optional_missing " in
        *" $optional_t "*) ;;
        *) optional_missing="${optional_missing:+$optional_missing }$optional_t" ;;
        esac
    done
    return $optional_rc
}

# optional_done WHAT: 0 when optional_have found every tool; otherwise
# optional_skip's line for WHAT, naming the missing tools and their
# packages, and its status (77 skipped, 1 under PTEST_CI).
optional_done() {
    [ -z "$optional_missing" ] && return 0
    optional_pkgs= optional_names= optional_n=0
    for optional_t in $optional_missing; do
        optional_p=$(optional_package "$optional_t")
        case " $optional_pkgs " in
        *" $optional_p "*) ;;
        *) optional_pkgs="${optional_pkgs:+$optional_pkgs }$optional_p" ;;
        esac
        optional_names="${optional_names:+$optional_names, }$optional_t"
        optional_n=$((optional_n + 1))
    done
    if [ "$optional_n" -eq 1 ]; then
        optional_skip "$1" "$optional_names is not installed" "$optional_pkgs"
    else
        optional_skip "$1" "$optional_names are not installed" "$optional_pkgs"
    fi
}

# optional_report FILE: for each test that a ptest run skipped (FILE is
# its --json report), one line: the "make test: ..." line in its report
# (a test whose tool is missing says so, from the script that checked),
# or else "make test: ID skipped: REASON". Returns 0, or under PTEST_CI 1
# when any test was skipped.
optional_report() {
    [ -f "$1" ] || return 0
    optional_str='"(([^"\\]|\\.)*)"'
    optional_lines=$(sed -E -n \
        -e 's/^\{"type":"test_finished","id":"([^"]*)".*"outcome":"skipped".*"message":'"$optional_str"',"report":'"$optional_str"'.*/\1\t\2\t\4/p' \
        -e 's/^\{"type":"test_finished","id":"([^"]*)".*"outcome":"skipped".*/\1\tno reason given\t/p' \
        "$1" | sed -E \
        -e "s/^[^\t]*\t.*\t.*(${optional_target:-make test}: )/\\1/" \
        -e 't tool' \
        -e "s/^([^\t]*)\t([^\t]*)\t.*/${optional_target:-make test}: \\1 skipped: \\2/" \
        -e 'b' -e ':tool' -e 's/\\u000a.*//')
    [ -z "$optional_lines" ] && return 0
    printf '%s\n' "$optional_lines"
    if optional_ci; then
        echo "${optional_target:-make test}: failed: the tests above were skipped, and PTEST_CI=1 allows no skip"
        return 1
    fi
    return 0
}

# As a command: sh tests/optional.sh skip WHAT WHY PACKAGES, or
# sh tests/optional.sh report FILE.
case "${0##*/}:${1:-}" in
optional.sh:skip)
    [ $# -eq 4 ] || { echo "usage: sh tests/optional.sh skip WHAT WHY PACKAGES" >&2; exit 2; }
    optional_skip "$2" "$3" "$4"
    exit $?
    ;;
optional.sh:report)
    [ $# -eq 2 ] || { echo "usage: sh tests/optional.sh report FILE" >&2; exit 2; }
    optional_report "$2"
    exit $?
    ;;
esac
