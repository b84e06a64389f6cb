#!/bin/sh
# tests/affected/check.sh - the proof by mutation of --affected (make
# affected-check). In a scratch git repository holding ptest.h and the
# example project:
#   1. build the suite for recording and record a full, passing run once;
#   2. for every function of the example library (examples/strbuf.c,
#      examples/ini.c), make mutants: flip the first comparison of its body,
#      change its first integer constant, flip its last comparison and
#      change its last constant (each one line, one mutant; the last ones
#      only when they are on another line than the first: a later branch,
#      which the line-level map tells apart from the first);
#   3. for each mutant: rebuild, run its whole suite, and ask
#      --affected=HEAD (the mutant's diff against the unmutated commit)
#      which tests to run;
#   4. every test that fails under the mutant must be selected: one that is
#      not makes the check fail. The fraction of the suite selected is the
#      precision, printed per mutant and summed up at the end.
# Needs git, nm and addr2line (binutils); CC (default gcc) must take
# -finstrument-functions and -fsanitize-coverage=trace-pc. MUTANTS_MAX
# limits the mutants (for a quick try); KINDS picks the kinds of mutant
# (default "cmp const cmp-last const-last").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/optional.sh"
optional_target="make affected-check"
CC=${CC:-gcc}
for tool in git nm addr2line "$CC"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        case $tool in nm | addr2line) pkg=binutils ;; *) pkg=$(optional_package "$tool") ;; esac
        optional_skip "the mutation check of --affected" "$tool is not installed" "$pkg"
        exit $?
    fi
done
W=$(mktemp -d "${TMPDIR:-/tmp}/ptest-affected-check.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
R=$W/repo
mkdir -p "$R" "$W/tmp"
# the example's tests share files in TMPDIR: another run of them on this
# machine would fail them at random, whatever the mutant
TMPDIR=$W/tmp
export TMPDIR
cp "$ROOT/ptest.h" "$R/"
cp -r "$ROOT/examples" "$R/"
rm -f "$R/examples/tests/tests" "$R/examples/tests/tests-"*
cd "$R"
printf '/build/\n/cache/\n' >.gitignore
git init -q .
git add -A
git -c user.name=check -c user.email=check@localhost commit -q -m unmutated
LIB="examples/strbuf.c examples/ini.c"
TESTS="examples/tests/main.c examples/tests/helpers.c examples/tests/test_strbuf.c \
examples/tests/test_ini.c examples/tests/test_ini_files.c examples/tests/test_ini_fixture.c"
RECORD_FLAGS="-std=c99 -O0 -g -gdwarf-4 -finstrument-functions -DPTEST_IMPACT"
# blocks too, except in the file that holds ptest's runner (main.c)
BLOCKS=${BLOCKS--fsanitize-coverage=trace-pc} # BLOCKS= : functions only
mkdir -p build
# The test files' objects are built once; a mutant recompiles its library
# file only.
for f in $TESTS; do
    $CC -std=c99 -O0 -g -I. -Iexamples -c "$f" -o "build/$(basename "$f" .c).o"
done
for f in $LIB $TESTS; do
    case $f in */main.c) blocks= ;; *) blocks=$BLOCKS ;; esac
    $CC $RECORD_FLAGS $blocks -I. -Iexamples -c "$f" -o "build/record-$(basename "$f" .c).o"
done
$CC -o build/record build/record-*.o -pthread
start=$(date +%s)
if ! ./build/record -j 2 -q --impact-record --cache-dir=cache --timeout=60 >build/record.log 2>&1; then
    cat build/record.log
    echo "affected-check: the unmutated suite does not pass; nothing to prove" >&2
    exit 1
fi
total=$(./build/record --co -q | wc -l)

# functions FILE: "first_line last_line name" of each function definition:
# a line at column 0 that opens a parameter list and is not a prototype,
# to the next line that is a lone closing brace.
functions() {
    awk '
        /^[A-Za-z_].*[A-Za-z_0-9]+\(/ && !/;[ \t]*$/ && !/^(typedef|struct [a-z_]+ \{|#)/ {
            if (!start) { start = NR; name = $0; sub(/\(.*/, "", name); sub(/.*[ *]/, "", name) }
        }
        /^\}/ { if (start) print start, NR, name; start = 0 }
    ' "$1"
}

# mutate FILE FIRST LAST KIND: the line number it changed (stdout), after
# changing the first comparison (KIND=cmp) or integer constant (KIND=const)
# of lines FIRST..LAST that is not in a comment, or the last one
# (cmp-last, const-last); nothing if there is none.
mutate() {
    case $4 in
    *-last)
        at=$(mutate "$1" "$2" "$3" "${4%-last}" 0)
        rm -f "$1.mut"
        [ -n "$at" ] || return 0
        last_at=$(mutate "$1" "$2" "$3" "${4%-last}" 1)
        rm -f "$1.mut"
        [ -n "$last_at" ] && [ "$last_at" != "$at" ] || return 0
        mutate "$1" "$((last_at - 1))" "$3" "${4%-last}"
        return 0 ;;
    esac
    awk -v first="$2" -v last="$3" -v kind="$4" -v find_last="${5:-0}" '
        function flip(s,   i, ops, to) {
            split("<= >= == != < >", ops, " ")
            split("< > != == <= >=", to, " ")
            for (i = 1; i <= 6; i++)
                if (index(s, " " ops[i] " ")) { sub(" " ops[i] " ", " " to[i] " ", s); return s }
            return ""
        }
        function bump(s,   m, pre, num, post) {
            if (!match(s, /[^A-Za-z_0-9.\]"'"'"'][0-9]+[^A-Za-z_0-9.xX"'"'"']/)) return ""
            pre = substr(s, 1, RSTART); num = substr(s, RSTART + 1, RLENGTH - 2)
            post = substr(s, RSTART + RLENGTH - 1)
            return pre (num + 1) post
        }
        {
            line = $0
            if (!done && NR > first && NR < last && line !~ /^[ \t]*(\/\*|\*|\/\/)/ &&
                line !~ /^[ \t]*#/ && line !~ /STRBUF_REQUIRE|assert\(/) {
                code = line; sub(/\/\*.*/, "", code)
                m = kind == "cmp" ? flip(code) : bump(code)
                if (m != "") { line = m; done = NR }
                if (find_last && m != "") { line = $0; found = NR; done = 0 }
            }
            print line > (FILENAME ".mut")
        }
        END { if (find_last && found) print found; else if (done) print done }
    ' "$1"
}

mutants=0 killed=0 unsound=0 sum_sel=0 sum_fail=0
printf '%-28s %-6s %-6s %6s %9s  %s\n' function line kind failing selected verdict
for src in $LIB; do
    obj_other=""
    for other in $LIB; do
        [ "$other" = "$src" ] || obj_other="$obj_other build/$(basename "$other" .c).o"
        [ "$other" = "$src" ] || $CC -std=c99 -O0 -g -I. -Iexamples -c "$other" -o "build/$(basename "$other" .c).o"
    done
    functions "$src" >build/functions
    while read -r first last name; do
        for kind in ${KINDS:-cmp const cmp-last const-last}; do
            [ -z "${MUTANTS_MAX:-}" ] || [ "$mutants" -lt "$MUTANTS_MAX" ] || break 3
            line=$(mutate "$src" "$first" "$last" "$kind")
            if [ -z "$line" ]; then
                rm -f "$src.mut"
                continue
            fi
            mv "$src.mut" "$src"
            if ! $CC -std=c99 -O0 -g -I. -Iexamples -o build/mutant "$src" $obj_other \
                build/main.o build/helpers.o build/test_strbuf.o build/test_ini.o \
                build/test_ini_files.o build/test_ini_fixture.o -pthread 2>/dev/null; then
                git checkout -q -- "$src"
                printf '%-28s %-6s %-6s %6s %9s  %s\n' "$name" "$line" "$kind" - - "does not compile"
                continue
            fi
            mutants=$((mutants + 1))
            rm -rf build/mcache
            ./build/mutant -j 2 -q --timeout=10 --cache-dir=build/mcache >/dev/null 2>&1 || true
            awk 'NR > 1 && $2 != "passed" && $2 != "skipped" && $2 != "xfailed" && $2 != "flaky" { print $3 }' \
                build/mcache/v1/results | sort >build/failing
            ./build/record --co -q --affected=HEAD --cache-dir=cache 2>build/affected.err |
                sort >build/selected || true
            if [ ! -s build/mcache/v1/results ]; then
                echo "affected-check: the mutant's run left no results" >&2
                unsound=$((unsound + 1))
            fi
            nfail=$(wc -l <build/failing)
            nsel=$(wc -l <build/selected)
            missed=$(comm -23 build/failing build/selected | tr '\n' ' ' | sed 's/ *$//')
            verdict=sound
            [ "$nfail" -gt 0 ] && killed=$((killed + 1)) || verdict="sound (no test fails)"
            if [ -n "$missed" ]; then
                verdict="UNSOUND: not selected: $missed"
                unsound=$((unsound + 1))
                git diff >"build/unsound-$mutants.diff"
            fi
            sum_sel=$((sum_sel + nsel))
            sum_fail=$((sum_fail + nfail))
            printf '%-28s %-6s %-6s %6s %5s/%-3s  %s\n' "$name" "$line" "$kind" "$nfail" "$nsel" "$total" "$verdict"
            git checkout -q -- "$src"
        done
    done <build/functions
    $CC -std=c99 -O0 -g -I. -Iexamples -c "$src" -o "build/$(basename "$src" .c).o"
done
end=$(date +%s)
if [ "$mutants" -eq 0 ]; then
    echo "affected-check: no mutant was made" >&2
    exit 1
fi
awk -v m="$mutants" -v k="$killed" -v u="$unsound" -v s="$sum_sel" -v t="$total" -v f="$sum_fail" -v secs=$((end - start)) 'BEGIN {
    printf "affected-check: %d mutants (%d killed by a test), soundness %s: %d of %d mutants had every failing test selected\n",
        m, k, u ? "BROKEN" : "100%", m - u, m
    printf "affected-check: precision: %.1f%% of the suite selected on average (%.1f tests of %d; %.1f failing per mutant), %ds\n",
        100 * s / (m * t), s / m, t, f / m, secs
}'
[ "$unsound" -eq 0 ]
