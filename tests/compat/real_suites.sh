#!/bin/sh
# Public suites written for utest.h, built unchanged against compat/utest.h
# and against their own bundled utest.h, then run under both; prints the
# pass/fail counts for docs/migrating.md. Not part of make test (it needs
# the suites' sources, which ptest does not carry):
#
#     SRC/utf8.h         a checkout of sheredom/utf8.h
#     SRC/json.h         a checkout of sheredom/json.h
#     SRC/subprocess.h   a checkout of sheredom/subprocess.h
#     SRC/utest.h        a checkout of sheredom/utest.h (optional)
#     sh tests/compat/real_suites.sh SRC [WORK]
#
# Each suite is copied into WORK (default /tmp/ptest-real-suites) twice;
# the compat copy loses its bundled test/utest.h, which #include "utest.h"
# would otherwise find before compat/. Flags are those of each suite's
# CMakeLists.txt for gcc.
#
# Built for another machine: CC and CXX name its compilers, LDFLAGS adds
# to every link (-static for qemu-user), EMU prefixes every run (qemu-s390x,
# wine), EXE is the programs' suffix (.exe) and SUITES picks some (default
# "utf8.h json.h subprocess.h"; subprocess.h's tests start programs of the
# target, which qemu-user without binfmt_misc cannot). MAIN_CFLAGS goes
# to the one file of each program that holds UTEST_MAIN() (for Windows:
# -DPTEST_IMPLEMENTATION, as PE has no weak definitions to choose one copy
# of ptest's implementation; the sources stay unchanged). json.h's test/generated.h is made from its README
# as its CMakeLists.txt does (python3). subprocess.h's test98.cpp (C++98) is left out
# of both builds: ptest needs C++11. utest.h's own suite is built without
# the files that test its internals (main.c and type_printers.* read
# utest_state and utest_type_printer) and without its C++98 files, with a
# main of one line, UTEST_MAIN(), in their place.
set -u
src=${1:?usage: real_suites.sh SRC [WORK]}
work=${2:-/tmp/ptest-real-suites}
compat=$(cd "$(dirname "$0")/../../compat" && pwd)
CC=${CC:-gcc}
CXX=${CXX:-g++}
LDFLAGS=${LDFLAGS:-}
EMU=${EMU:-}
EXE=${EXE:-}
SUITES=${SUITES:-utf8.h json.h subprocess.h}
MAIN_CFLAGS=${MAIN_CFLAGS:-}
rm -rf "$work" && mkdir -p "$work"

copy() { # suite: two copies, the compat one without its utest.h
    cp -r "$src/$1" "$work/$1-utest"
    cp -r "$src/$1" "$work/$1-compat"
    rm -f "$work/$1-compat/test/utest.h"
}

compile() { # dir compiler flags file
    "$2" -O1 $3 -c "$1/test/$4" -o "$1/build/$4.o" 2>"$1/build/$4.log" ||
        { echo "build failed: $1/test/$4"; head -5 "$1/build/$4.log"; }
}

build_utf8() { # dir include
    mkdir -p "$1/build"
    $CC -O1 $2 $MAIN_CFLAGS -I"$1" -o "$1/build/utf8_test$EXE" "$1/test/main.c" -pthread $LDFLAGS
    $CC -O1 $2 $MAIN_CFLAGS -I"$1" -o "$1/build/utf8_no_malloc_test$EXE" "$1/test/no_malloc.c" \
        -pthread $LDFLAGS
}

build_json() { # dir include
    mkdir -p "$1/build"
    python3 -c 'import re, sys
text = open(sys.argv[1]).read()
out = "".join(m.replace("```c", "{").replace("```", "}\n\n")
              for m in re.findall(r"```c[^`]*```", text))
open(sys.argv[2], "w").write(out)' "$1/README.md" "$1/build/generated.h"
    for f in "$1"/test/*.c "$1"/test/*.cpp; do
        b=$(basename "$f")
        case $b in
        test.c) flags="-Wall -Wextra -Werror -std=c89" ;;
        test.cpp) flags="-Wall -Wextra -Werror" ;;
        main.cpp) flags="$MAIN_CFLAGS" ;;
        *) flags="" ;;
        esac
        case $b in *.c) cc=$CC ;; *) cc=$CXX ;; esac
        compile "$1" "$cc" "$flags $2 -I$1 -I$1/build" "$b"
    done
    $CXX -o "$1/build/json_test$EXE" "$1"/build/*.o -pthread $LDFLAGS
}

build_subprocess() { # dir include
    mkdir -p "$1/build"
    c="-D_GNU_SOURCE -Wall -Wextra -Werror $2 -I$1"
    x="-D_GNU_SOURCE -Wall -Wextra -Werror -Wpedantic -Wno-variadic-macros $2 -I$1"
    compile "$1" "$CC" "$c $MAIN_CFLAGS -std=gnu89" main.c
    compile "$1" "$CC" "$c -std=gnu89" test.c
    compile "$1" "$CC" "$c -std=c99" test99.c
    compile "$1" "$CC" "$c -std=c11" test11.c
    for f in test.cpp pre_windows.cpp post_windows.cpp; do compile "$1" "$CXX" "$x" $f; done
    for s in 11 14 17 20; do compile "$1" "$CXX" "$x -std=c++$s" test$s.cpp; done
    $CXX -o "$1/build/subprocess_test$EXE" "$1"/build/*.o -pthread $LDFLAGS
    for h in "$1"/test/process_*.c; do
        $CC -O1 -D_GNU_SOURCE -I"$1" -o "$1/build/$(basename "$h" .c)$EXE" "$h" -pthread $LDFLAGS
    done
}

build_utest() { # dir include
    mkdir -p "$1/build"
    printf '#include "utest.h"\nUTEST_MAIN()\n' >"$1/test/main_only.c"
    w="-Wall -Wextra -Werror $2 -I$1"
    compile "$1" "$CC" "$w $MAIN_CFLAGS -std=gnu89" main_only.c
    compile "$1" "$CC" "$w -std=gnu89" test.c
    compile "$1" "$CC" "$w -std=c99" test99.c
    compile "$1" "$CC" "$w -std=c11" test11.c
    compile "$1" "$CC" "$w" side_effects.c
    compile "$1" "$CC" "$w" stdint_include.c
    for s in 11 14 17; do compile "$1" "$CXX" "$w -std=c++$s" test$s.cpp; done
    compile "$1" "$CXX" "$w" side_effects.cpp
    $CXX -o "$1/build/utest_test$EXE" "$1"/build/*.o -pthread $LDFLAGS
}

utest_counts() { # binary: "passed / failed" from utest.h's summary
    out=$("$@" 2>&1 | tr -d '\r') # Wine's console ends lines with CRLF
    p=$(printf '%s\n' "$out" | sed -n 's/.*\[  PASSED  \][^0-9]*\([0-9]*\) tests.*/\1/p')
    f=$(printf '%s\n' "$out" | sed -n 's/.*\[  FAILED  \][^0-9]*\([0-9]*\) tests, listed.*/\1/p')
    k=$(printf '%s\n' "$out" | sed -n 's/.*\[  SKIPPED \][^0-9]*\([0-9]*\) tests, listed.*/\1/p')
    echo "${p:-?} / ${f:-0}${k:+ ($k skipped)}"
}

ptest_counts() { # binary flags...: "passed / failed" from ptest's last line
    "$@" --no-cache 2>&1 | tr -d '\r' | tail -n 1 |
        sed -n -e 's/^ptest: \([0-9]*\) passed, \([0-9]*\) failed, 0 skipped$/\1 \/ \2/p' \
            -e 's/^ptest: \([0-9]*\) passed, \([0-9]*\) failed, \([1-9][0-9]*\) skipped$/\1 \/ \2 (\3 skipped)/p'
}

row() { # name dir binary
    u=$(cd "$work/$2-utest/build" && utest_counts $EMU "./$3$EXE")
    line="| $1 | $u"
    for mode in "-j 2" "--pool=thread -j 8" "--forked -j 2" "-j 0"; do
        line="$line | $(cd "$work/$2-compat/build" && ptest_counts $EMU "./$3$EXE" $mode)"
    done
    echo "$line |"
}

for s in $SUITES; do copy $s; done
if [ -d "$src/utest.h" ]; then
    copy utest.h
    mv "$work/utest.h-compat/utest.h" "$work/utest.h-compat/utest.h.bundled"
    build_utest "$work/utest.h-utest" ""
    build_utest "$work/utest.h-compat" "-I$compat"
fi
for suite in $SUITES; do # the build functions use s and b themselves
    build=build_${suite%.h}
    $build "$work/$suite-utest" ""
    $build "$work/$suite-compat" "-I$compat"
done

echo "| suite | utest.h | -j 2 | --pool=thread -j 8 | --forked -j 2 | -j 0 |"
echo "|---|---|---|---|---|---|"
case " $SUITES " in *" utf8.h "*)
    row "utf8.h test/main.c" utf8.h utf8_test
    row "utf8.h test/no_malloc.c" utf8.h utf8_no_malloc_test ;;
esac
case " $SUITES " in *" json.h "*) row "json.h test/" json.h json_test ;; esac
case " $SUITES " in *" subprocess.h "*) row "subprocess.h test/" subprocess.h subprocess_test ;; esac
if [ -d "$src/utest.h" ]; then
    row "utest.h test/ (see above)" utest.h utest_test
fi
