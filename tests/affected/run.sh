#!/bin/sh
# tests/affected/run.sh - --impact-record and --affected on a small project
# in a scratch git repository: what each kind of change selects, and the
# errors. Part of make test; skipped (one line) without git or binutils.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/optional.sh"
CC=${CC:-gcc}
for tool in git nm addr2line; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        case $tool in nm | addr2line) pkg=binutils ;; *) pkg=$tool ;; esac
        optional_skip "the --affected scenarios" "$tool is not installed" "$pkg"
        exit $?
    fi
done
W=$(mktemp -d "${TMPDIR:-/tmp}/ptest-affected.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
mkdir "$W/repo"
cd "$W/repo"
cp "$ROOT/ptest.h" .
cat >lib.h <<'X'
int twice(int x);
int negate(int x);
extern int lib_base;
int thrice(int x);
int halve(int x);
X
# reached only from a thread a test starts, and from a child it forks
cat >spawn.c <<'X'
#include "lib.h"

int thrice(int x)
{
    return x * 3;
}

int halve(int x)
{
    return x / 2;
}
X
cat >lib.c <<'X'
#include "lib.h"

int lib_base = 0;

int twice(int x)
{
    return x * 2;
}

/* Negates x. */
int negate(int x)
{
    return lib_base - x;
}
X
cat >test_twice.c <<'X'
#include "ptest.h"
#include "lib.h"
TEST(twice, small) { ASSERT_EQ(twice(2), 4); }
TEST(twice, big) { ASSERT_EQ(twice(100), 200); }
X
cat >test_negate.c <<'X'
#include "ptest.h"
#include <signal.h>
#include <stdlib.h>
#include "lib.h"
TEST(negate, one) { ASSERT_EQ(negate(1), -1); }
TEST(negate, dies, EXPECT_SIGNAL(SIGABRT)) { if (negate(0) == 0) abort(); }
TEST(negate, env) { ASSERT_TRUE(getenv("AFFECTED_FAIL") == NULL); }
X
cat >test_data.c <<'X'
#include "ptest.h"
#include <stdio.h>
TEST(data, reads, DATA_FILE("input.dat")) {
    FILE *f = fopen("input.dat", "r");
    ASSERT_NOT_NULL(f);
    fclose(f);
}
X
cat >test_spawn.c <<'X'
#include "ptest.h"
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lib.h"
static void *run_thrice(void *p) { *(int *)p = thrice(*(int *)p); return NULL; }
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static void *run_forever(void *p) { pthread_mutex_lock(&gate); return p; }
TEST(spawn, thread) {
    pthread_t t;
    int v = 2;
    ASSERT_EQ(pthread_create(&t, NULL, run_thrice, &v), 0);
    ASSERT_EQ(pthread_join(t, NULL), 0);
    ASSERT_EQ(v, 6);
}
TEST(spawn, child) {
    int status = 0;
    pid_t pid = fork();
    ASSERT_TRUE(pid >= 0);
    if (pid == 0)
        _exit(halve(8) == 4 ? 0 : 1);
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
/* a thread still running when the test ends: what it does next is unknown */
TEST(spawn, stays) {
    pthread_t t;
    ASSERT_EQ(pthread_mutex_lock(&gate), 0);
    ASSERT_EQ(pthread_create(&t, NULL, run_forever, NULL), 0);
    ASSERT_EQ(pthread_detach(t), 0);
}
X
# two branches, each run by one test: lines tell them apart, functions not
cat >branch.c <<'X'
#include "lib.h"

int classify(int x)
{
    int sign;
    if (x < 0)
        sign = -1;
    else
        sign = 1;
    return sign;
}
X
cat >test_branch.c <<'X'
#include "ptest.h"
int classify(int x);
TEST(branch, neg) { ASSERT_EQ(classify(-5), -1); }
TEST(branch, pos) { ASSERT_EQ(classify(5), 1); }
X
echo 1 >input.dat
printf '#define PTEST_MAIN\n#include "ptest.h"\n' >main.c
printf 'cache/\ncache-l/\nt\nt-plain\nt-lines\n*.o\n' >.gitignore
git init -q .
git add -A
git -c user.name=t -c user.email=t@localhost commit -q -m base
SOURCES="lib.c spawn.c branch.c test_twice.c test_negate.c test_data.c test_spawn.c test_branch.c"
# shellcheck disable=SC2086
$CC -std=c99 -O0 -g -gdwarf-4 -finstrument-functions -DPTEST_IMPACT -o t main.c $SOURCES -pthread
# shellcheck disable=SC2086
$CC -std=c99 -O0 -g -o t-plain main.c $SOURCES -pthread
# by lines: blocks in every file but the one holding ptest's runner (clang
# would leave some blocks without a call: no-prune keeps them all)
case $($CC --version 2>/dev/null) in
*clang*) BLOCKS=${BLOCKS:--fsanitize-coverage=bb,no-prune,trace-pc} ;;
*) BLOCKS=${BLOCKS:--fsanitize-coverage=trace-pc} ;;
esac
lines_build() {
    $CC -std=c99 -O0 -g -gdwarf-4 -finstrument-functions -DPTEST_IMPACT -c main.c -o main.o
    # shellcheck disable=SC2086
    $CC -std=c99 -O0 -g -gdwarf-4 -finstrument-functions $BLOCKS \
        -o t-lines main.o $SOURCES -pthread
}
LINES=1
lines_build 2>/dev/null || LINES=0

failed=0
fail() {
    echo "affected: FAILED: $*"
    failed=$((failed + 1))
}
# expect NAME "IDS" ARGS...: the ids --co -q selects with ARGS, sorted and
# on one line, are IDS.
expect() {
    name=$1 want=$2
    shift 2
    got=$(./t --co -q --cache-dir=cache "$@" 2>"$W/err" | sort | tr '\n' ' ' | sed 's/ $//') || true
    [ "$got" = "$want" ] || fail "$name: selected '$got', expected '$want' ($(head -c 300 "$W/err"))"
}
# says NAME TEXT ARGS...: --co (not -q) with ARGS says TEXT on stderr.
says() {
    name=$1 text=$2
    shift 2
    ./t --co --cache-dir=cache "$@" >/dev/null 2>"$W/err" || true
    grep -qF -- "$text" "$W/err" || fail "$name: no '$text' in: $(cat "$W/err")"
}
reset() { git checkout -q -- . && git clean -qfd -e cache -e t -e t-plain; }

./t -q -j 2 --impact-record --cache-dir=cache >/dev/null || fail "the recording run failed"
[ -s cache/v1/impact ] || fail "no map written"
ALL="branch.neg branch.pos data.reads negate.dies negate.env negate.one spawn.child spawn.stays spawn.thread twice.big twice.small"

expect "nothing changed" "" --affected=HEAD
says "nothing changed says so" "nothing changed" --affected=HEAD

sed -i 's/return x \* 2;/return x * 3;/' lib.c
expect "a function's body" "spawn.stays twice.big twice.small" --affected=HEAD
reset
sed -i 's/sign = -1;/sign = -2;/' branch.c
expect "by functions: one branch selects both" "branch.neg branch.pos spawn.stays" --affected=HEAD
reset
sed -i 's/return x \* 2;/return x * 3;/' lib.c
says "one line per reason" "2 executed a changed line" --affected=HEAD
says "explain names the line" "twice.big: executed a changed line (lib.c:7)" --affected=HEAD --affected-explain
says "explain says why not" "negate.one: deselected" --affected=HEAD --affected-explain
says "a thread left running: a partial map" "spawn.stays: partial map" --affected=HEAD --affected-explain
expect "with -k" "twice.big" --affected=HEAD -k big
s1=$(./t --co -q --cache-dir=cache --affected=HEAD --shard=1/2 | sort)
s2=$(./t --co -q --cache-dir=cache --affected=HEAD --shard=2/2 | sort)
[ "$(printf '%s\n%s\n' "$s1" "$s2" | sort | tr '\n' ' ' | sed 's/^ *//; s/ $//')" = "spawn.stays twice.big twice.small" ] ||
    fail "with shards: '$s1' and '$s2'"
reset

sed -i 's|/\* Negates x. \*/|/* Returns -x. */|' lib.c
printf '\n// trailing comment\n' >>lib.c
expect "comments only: the partial map alone" "spawn.stays" --affected=HEAD
reset

sed -i 's/int lib_base = 0;/int lib_base = 1;/' lib.c
expect "a global's initializer" "$ALL" --affected=HEAD
says "a global says why" "outside every function" --affected=HEAD
reset

printf 'int unused(void);\n' >>lib.h
expect "a header" "$ALL" --affected=HEAD
says "a header says so" "a header" --affected=HEAD
reset

sed -i 's/twice(100), 200/twice(50), 100/' test_twice.c
expect "a test file" "spawn.stays twice.big twice.small" --affected=HEAD
says "a test file says so" "2 defined in a changed file" --affected=HEAD
reset

echo data >input.txt
expect "an unknown new file" "$ALL" --affected=HEAD
says "an untracked file says so" "input.txt: new (untracked)" --affected=HEAD
expect "an unknown file, named" "$ALL" --affected-files=input.txt
says "an unknown file says so" "input.txt changed: it is in no map" --affected-files=input.txt
reset

echo 2 >input.dat
expect "a DATA_FILE" "data.reads spawn.stays" --affected=HEAD
says "a DATA_FILE says so" "1 reads a changed DATA_FILE" --affected=HEAD
reset

expect "--affected-files" "negate.dies negate.one spawn.stays twice.big twice.small" --affected-files=lib.c
expect "--affected-files, a test file" "spawn.stays twice.big twice.small" --affected-files=test_twice.c
expect "--affected-files, two" "negate.dies negate.env negate.one spawn.stays twice.big twice.small" --affected-files=test_twice.c,test_negate.c

# Functions reached only from a thread the test started, from a child it
# forked, from a death test's child: in the test's map.
sed -i 's/return x \* 3;/return x * 4;/' spawn.c
expect "a thread the test started" "spawn.stays spawn.thread" --affected=HEAD
says "a thread's line" "spawn.thread: executed a changed line (spawn.c:5)" --affected=HEAD --affected-explain
reset
sed -i 's|return x / 2;|return x / 3;|' spawn.c
expect "a child the test forked" "spawn.child spawn.stays" --affected=HEAD
reset
sed -i 's/return lib_base - x;/return lib_base - x + 1;/' lib.c
expect "a death test's child" "negate.dies negate.one spawn.stays" --affected=HEAD
says "a death test's child's line" "negate.dies: executed a changed line (lib.c:13)" --affected=HEAD --affected-explain
reset

# A map recorded at another version of a changed file cannot be trusted.
sed -i 's/return x \* 2;/return x * 2 + 0;/' lib.c
git -c user.name=t -c user.email=t@localhost commit -q -am moved
sed -i 's/return x \* 2 + 0;/return x * 2 + 1;/' lib.c
expect "a stale map" "$ALL" --affected=HEAD
says "a stale map says so" "another version" --affected=HEAD
reset
git -c user.name=t -c user.email=t@localhost reset -q --hard HEAD~1

# A map from a run that failed is partial: those tests are always chosen.
cp -r cache "$W/cache.good"
AFFECTED_FAIL=1 ./t -q -j 2 --impact-record --cache-dir=cache >/dev/null 2>&1 && fail "the failing run passed"
sed -i 's/return x \* 2;/return x * 3;/' lib.c
expect "a failed run's map" "$ALL" --affected=HEAD
says "a failed run's map says so" "11 partial map" --affected=HEAD
reset
rm -rf cache && mv "$W/cache.good" cache

# Errors and a corrupt map.
./t --co -q --cache-dir=cache --affected=no-such-rev >/dev/null 2>"$W/err" && fail "a bad REV passed"
grep -q "^ptest: error: --affected=no-such-rev: not a commit" "$W/err" || fail "bad REV: $(cat "$W/err")"
status=0
./t-plain -q --impact-record --cache-dir=cache >/dev/null 2>"$W/err" || status=$?
[ "$status" = 4 ] || fail "--impact-record without the build: exit $status, not 4"
grep -q "not built to record" "$W/err" || fail "--impact-record without the build: $(cat "$W/err")"
cp cache/v1/impact "$W/impact.good"
printf 'ptest-impact 1\nq nonsense\n' >cache/v1/impact
sed -i 's/return x \* 2;/return x * 3;/' lib.c
expect "a corrupt map" "$ALL" --affected=HEAD
grep -q "warning: impact map: .*every test is selected" "$W/err" || fail "a corrupt map: $(cat "$W/err")"
reset
mv "$W/impact.good" cache/v1/impact

# By lines (-fsanitize-coverage=trace-pc): a changed line of code selects
# the tests that ran it; where lines cannot tell, the function decides.
if [ "$LINES" = 1 ]; then
    # lexpect NAME "IDS" ARGS...: expect, with the line build and its map
    lexpect() {
        name=$1 want=$2
        shift 2
        got=$(./t-lines --co -q --cache-dir=cache-l "$@" 2>"$W/err" | sort | tr '\n' ' ' | sed 's/ $//') || true
        [ "$got" = "$want" ] || fail "lines: $name: selected '$got', expected '$want' ($(head -c 300 "$W/err"))"
    }
    ./t-lines -q -j 2 --impact-record --cache-dir=cache-l >/dev/null 2>"$W/err" ||
        fail "lines: the recording run failed: $(cat "$W/err")"
    [ ! -s "$W/err" ] || fail "lines: the recording run warned: $(cat "$W/err")"
    grep -q '^T ok branch.neg$' cache-l/v1/impact || fail "lines: branch.neg not recorded by lines"
    grep -q '^l ' cache-l/v1/impact || fail "lines: no lines in the map"
    sed -i 's/sign = -1;/sign = -2;/' branch.c
    lexpect "one branch" "branch.neg spawn.stays" --affected=HEAD
    ./t-lines --co --cache-dir=cache-l --affected=HEAD --affected-explain >/dev/null 2>"$W/err" || true
    grep -qF "branch.neg: executed a changed line (branch.c:7)" "$W/err" || fail "lines: explain: $(cat "$W/err")"
    grep -qF "branch.pos: deselected" "$W/err" || fail "lines: explain, deselected: $(cat "$W/err")"
    reset
    sed -i 's/sign = 1;/sign = 2;/' branch.c
    lexpect "the other branch" "branch.pos spawn.stays" --affected=HEAD
    reset
    sed -i 's/if (x < 0)/if (x <= 0)/' branch.c
    lexpect "the condition both ran" "branch.neg branch.pos spawn.stays" --affected=HEAD
    reset
    sed -i 's/int sign;/int sign = 0;/' branch.c
    lexpect "a line without code: the function" "branch.neg branch.pos spawn.stays" --affected=HEAD
    reset
    sed -i 's/^    int sign;$/    int sign;\n    x = x + 0;/' branch.c
    lexpect "an inserted line: the function" "branch.neg branch.pos spawn.stays" --affected=HEAD
    reset
    sed -i 's/^    else$/    else if (x > 0)/' branch.c
    lexpect "an else: the function" "branch.neg branch.pos spawn.stays" --affected=HEAD
    reset
    sed -i 's/return x \* 2;/return x * 3;/' lib.c
    lexpect "a function's body" "spawn.stays twice.big twice.small" --affected=HEAD
    reset
    sed -i 's/return lib_base - x;/return lib_base - x + 1;/' lib.c
    lexpect "a death test's child" "negate.dies negate.one spawn.stays" --affected=HEAD
    reset
    sed -i 's/return x \* 3;/return x * 4;/' spawn.c
    lexpect "a thread the test started" "spawn.stays spawn.thread" --affected=HEAD
    reset
    # a map of format 1 (functions only) is refused, not misread
    cp cache-l/v1/impact "$W/impact-l.good"
    sed -i '1s/.*/ptest-impact 1/' cache-l/v1/impact
    sed -i 's/sign = -1;/sign = -2;/' branch.c
    lexpect "a map of format 1" "$ALL" --affected=HEAD
    grep -q "not a map of this ptest version" "$W/err" || fail "lines: format 1: $(cat "$W/err")"
    reset
    mv "$W/impact-l.good" cache-l/v1/impact
else
    echo "affected: skipped the line scenarios: $CC cannot build with $BLOCKS"
    [ "${PTEST_CI:-}" != 1 ] || fail "under PTEST_CI=1 the line scenarios must run"
fi

# includes NAME "IDS" ARGS...: what --co -q selects with ARGS holds IDS
# (the thread pool marks partial the tests running beside one that starts
# a thread or forks: which they are varies from run to run).
includes() {
    name=$1 want=$2
    shift 2
    got=$(./t --co -q --cache-dir=cache "$@" 2>"$W/err" | sort | tr '\n' ' ') || true
    for id in $want; do
        case " $got" in *" $id "*) ;; *) fail "$name: '$id' not in '$got'" ;; esac
    done
}
# The thread pool and -j 0 record the same, threads and children included.
for pool in "--pool=thread -j 2" "-j 0" "--forked -j 2"; do
    rm -rf cache
    # shellcheck disable=SC2086
    ./t -q $pool --impact-record --cache-dir=cache >/dev/null || fail "$pool: the recording run failed"
    sed -i 's/return x \* 2;/return x * 3;/' lib.c
    includes "$pool: a function's body" "twice.big twice.small" --affected=HEAD
    reset
    sed -i 's/return x \* 3;/return x * 4;/' spawn.c
    includes "$pool: a thread" "spawn.thread" --affected=HEAD
    reset
    sed -i 's|return x / 2;|return x / 3;|' spawn.c
    includes "$pool: a child" "spawn.child" --affected=HEAD
    reset
    sed -i 's/return lib_base - x;/return lib_base - x + 1;/' lib.c
    includes "$pool: a death test" "negate.dies negate.one" --affected=HEAD
    reset
done

if [ "$failed" -ne 0 ]; then
    echo "affected: $failed check(s) FAILED"
    exit 1
fi
echo "affected: all --impact-record / --affected scenarios passed"
