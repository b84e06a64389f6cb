#!/bin/sh
# The README's C examples compile, and their tests pass.
#
# A ```c block of README.md is a complete file to check when the line
# before it is <!-- compile --> or when it includes "ptest.h". Each such
# block is written to build/readme/lineN.c (N: the line of its ```c) and
# built with -Wall -Wextra -Werror -I. (CC, default cc), linked with a
# main.c that defines PTEST_MAIN unless the block defines PTEST_MAIN or
# PTEST_IMPLEMENTATION itself, then run (-j 2 --no-cache -q); it must
# exit 0. No block is skipped: a block that does not build is a failure.
# Blocks that are fragments (the list of assertions, say) carry no mark
# and no include, and are not checked.
#
#     sh tests/readme_examples.sh            (make test runs it)
set -u
cd "$(dirname "$0")/.."
out=build/readme
rm -rf "$out"
mkdir -p "$out"
cc=${CC:-cc}

# Split the README into lineN.c files; a mark not followed by a ```c
# block is an error in the README.
awk -v out="$out" '
    /^<!-- compile -->[ \t]*$/ { marked = NR; next }
    !inblock && /^```c[ \t]*$/ {
        inblock = 1; start = NR; text = ""; keep = (marked == NR - 1); next
    }
    !inblock && marked && marked == NR - 1 {
        printf "README.md:%d: <!-- compile --> is not followed by a ```c block\n", marked
        bad = 1
    }
    inblock && /^```[ \t]*$/ {
        inblock = 0
        if (keep || index(text, "#include \"ptest.h\"")) {
            file = out "/line" start ".c"
            printf "%s", text > file
            close(file)
        }
        next
    }
    inblock { text = text $0 "\n" }
    END { exit bad }
' README.md || exit 1

printf '#define PTEST_MAIN\n#include "ptest.h"\n' >"$out/main.c"
checked=0 failed=0
for line in $(ls "$out" | sed -n 's/^line\([0-9]*\)\.c$/\1/p' | sort -n); do
    name=line$line
    src="$out/$name.c"
    main="$out/main.c"
    if grep -q 'PTEST_MAIN\|PTEST_IMPLEMENTATION' "$src"; then main=""; fi
    checked=$((checked + 1))
    if ! "$cc" -Wall -Wextra -Werror -I. -o "$out/$name" "$src" $main -pthread \
            >"$out/$name.log" 2>&1; then
        echo "readme: the example at README.md:$line does not compile:"
        sed 's/^/    /' "$out/$name.log" | head -20
        failed=$((failed + 1))
        continue
    fi
    if ! "$out/$name" -j 2 --no-cache -q >"$out/$name.run" 2>&1; then
        echo "readme: the example at README.md:$line builds, but its tests fail:"
        sed 's/^/    /' "$out/$name.run" | tail -20
        failed=$((failed + 1))
        continue
    fi
done
if [ "$checked" -eq 0 ]; then
    echo "readme: no example found to check (mark one with <!-- compile -->)"
    exit 1
fi
echo "readme: $((checked - failed)) of $checked README examples build and pass"
[ "$failed" -eq 0 ]
