# ptest: build the example, the self-tests and the benchmarks.
# Overridable: CC, CFLAGS, LDLIBS, PREFIX, JOBS (workers for the self-tests),
# FUZZ_CC, FUZZ_TIME and FUZZ_CI_TIME (seconds per fuzz target).
CC      ?= cc
CFLAGS  ?= -std=c99 -O2 -g -Wall -Wextra -Wpedantic -Werror
LDLIBS  ?= -pthread
PREFIX  ?= /usr/local
JOBS    ?= auto

SELFTEST     := tests/selftest
SELFTEST_SRC := tests/unit/main.c $(wildcard tests/blackbox/*.c)
# Black-box test programs: tests/progs/NAME.c builds tests/progs/NAME, and
# the files of a directory tests/progs/NAME/*.c link into tests/progs/NAME/NAME.
PROG_DIRS    := $(sort $(patsubst %/,%,$(dir $(wildcard tests/progs/*/*.c))))
PROGS        := $(patsubst %.c,%,$(wildcard tests/progs/*.c)) \
                $(foreach d,$(PROG_DIRS),$(d)/$(notdir $(d)))
SAN_FLAGS    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_CI_TIME ?= 10
FUZZ_TARGETS := expr cli history
FUZZ_BINS    := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))
FUZZ_FLAGS   := -std=c99 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

.PHONY: all run test test-fast test-slow test-single check matrix compat bench coverage clean \
        windows fuzz fuzz-ci fuzz-toolchain

all: $(SELFTEST) $(PROGS) examples/tests/tests

include examples/example.mk

# The example project's suite, in parallel, without the slow tests.
run: $(EXAMPLE_BIN)
	./$(EXAMPLE_BIN) -j auto -m "not slow"

$(SELFTEST): ptest.h $(wildcard tests/unit/*.c tests/unit/*.h tests/blackbox/*.h) $(SELFTEST_SRC)
	$(CC) $(CFLAGS) -I. -o $@ $(SELFTEST_SRC) $(LDLIBS)

tests/progs/%: tests/progs/%.c ptest.h
	$(CC) $(CFLAGS) -I. -o $@ $< $(LDLIBS)

define PROG_DIR_RULE
$(1)/$(notdir $(1)): $(wildcard $(1)/*.c $(1)/*.h) ptest.h
	$$(CC) $$(CFLAGS) -I. -o $$@ $(wildcard $(1)/*.c) $$(LDLIBS)
endef
$(foreach d,$(PROG_DIRS),$(eval $(call PROG_DIR_RULE,$(d))))

# The framework's own suite (unit tests and black-box transcripts), run in
# parallel by the framework it tests, after the compile matrix.
# Then the Windows checks under Wine: skipped (exit 77) when MinGW-w64 or
# Wine is missing, except in CI (PTEST_CI=1), whose .ci/run installs them.
test: matrix compat fuzz-ci $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
	./$(SELFTEST) -j $(JOBS)
	@sh tests/windows/run.sh; rc=$$?; \
	    if [ $$rc = 77 ] && [ -z "$${PTEST_CI:-}" ]; then exit 0; fi; exit $$rc

test-fast: $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
	./$(SELFTEST) -j $(JOBS) -m "not slow"

test-slow: $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
	./$(SELFTEST) -j $(JOBS) -m slow

test-single: $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
	./$(SELFTEST) -j 0

# The header in every compiler and standard the contract names.
matrix:
	sh tests/matrix/run.sh

# compat/utest.h: utest.h-style suites built against it and run in every
# pool, their outcomes, reports and utest.h's flags checked.
compat:
	sh tests/compat/run.sh

# The self-tests under AddressSanitizer + UndefinedBehaviorSanitizer, in the
# fork pool and inline; the example suite on the thread pool under ASan +
# UBSan and under ThreadSanitizer, and inline (-j 0, death tests forking
# from the runner itself) under valgrind. valgrind runs the example suite,
# not the self-tests: it computes long double in 64 bits, so the self-tests'
# checks of long double formatting would fail under it. The thread-pool
# run has no leak check: a death test there forks a multi-threaded
# process, and LeakSanitizer in a child that exits (EXPECT_EXIT) cannot
# see the runner's stack, so it reports what lives there as leaked (the
# two runs above check for leaks).
check: matrix $(PROGS) $(EXAMPLE_BIN)
	@command -v valgrind >/dev/null || { echo "make check: needs valgrind (apt-get install valgrind)"; exit 1; }
	$(CC) $(CFLAGS) $(SAN_FLAGS) -I. -o $(SELFTEST)-asan $(SELFTEST_SRC) $(LDLIBS)
	ASAN_OPTIONS=detect_leaks=1 ./$(SELFTEST)-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 ./$(SELFTEST)-asan -j 0 -m "not slow"
	$(CC) -std=c99 -O1 -g $(SAN_FLAGS) -I. -Iexamples -o $(EXAMPLE_BIN)-asan \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDLIBS)
	ASAN_OPTIONS=detect_leaks=0 ./$(EXAMPLE_BIN)-asan --pool=thread -j 4 --no-cache
	$(CC) -std=c99 -O1 -g -fsanitize=thread -I. -Iexamples -o $(EXAMPLE_BIN)-tsan \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDLIBS)
	TSAN_OPTIONS=halt_on_error=1 ./$(EXAMPLE_BIN)-tsan --pool=thread -j 4 --no-cache
	valgrind -q --error-exitcode=1 --leak-check=full ./$(EXAMPLE_BIN) -j 0 --no-cache

# libFuzzer targets (fuzz/): the -m/-k expressions, the command line, and
# the cache and durations files. Each fuzzes for FUZZ_TIME seconds from its
# seed corpus (fuzz/corpus/NAME, read-only) plus what earlier runs found
# (build/fuzz/corpus-NAME); a crash is saved as build/fuzz/crash-*.
fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p build/fuzz/corpus-$$t && \
	    echo "fuzz_$$t: $(FUZZ_TIME)s" && \
	    { ./build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -max_len=4096 -timeout=10 \
	        -dict=fuzz/$$t.dict -artifact_prefix=build/fuzz/ -print_final_stats=1 \
	        build/fuzz/corpus-$$t fuzz/corpus/$$t >build/fuzz/fuzz-$$t.log 2>&1; \
	      rc=$$?; }; \
	    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|SUMMARY)' \
	        build/fuzz/fuzz-$$t.log; \
	    test $$rc = 0 || { tail -40 build/fuzz/fuzz-$$t.log; exit 1; }; \
	done

# What make test runs: every corpus file once, then FUZZ_CI_TIME seconds
# of fuzzing per target, starting from the corpus only.
fuzz-ci: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	    ./build/fuzz/fuzz_$$t -runs=0 fuzz/corpus/$$t/* >build/fuzz/replay-$$t.log 2>&1 || \
	        { cat build/fuzz/replay-$$t.log; echo "fuzz_$$t: a corpus file fails"; exit 1; }; \
	    rm -rf build/fuzz/ci-$$t && mkdir -p build/fuzz/ci-$$t && \
	    ./build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_CI_TIME) -max_len=4096 -timeout=10 \
	        -dict=fuzz/$$t.dict -artifact_prefix=build/fuzz/ build/fuzz/ci-$$t fuzz/corpus/$$t \
	        >build/fuzz/ci-$$t.log 2>&1 || \
	        { tail -40 build/fuzz/ci-$$t.log; echo "fuzz_$$t: crashed; the input is in build/fuzz/"; exit 1; }; \
	    echo "fuzz_$$t: corpus replayed, $$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' build/fuzz/ci-$$t.log) runs in $(FUZZ_CI_TIME)s, no crash"; \
	done

# The fuzz targets need clang's libFuzzer runtime; without it, say so
# rather than skip (.ci/run installs it: libclang-rt-dev on Debian).
fuzz-toolchain:
	@mkdir -p build/fuzz
	@printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' \
	    >build/fuzz/probe.c
	@$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o build/fuzz/probe build/fuzz/probe.c 2>/dev/null || \
	    { echo "make: '$(FUZZ_CC) -fsanitize=fuzzer' does not link: the fuzz targets need clang"; \
	      echo "      and its libFuzzer runtime (Debian: apt-get install clang libclang-rt-dev)"; exit 1; }

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h ptest.h | fuzz-toolchain
	$(FUZZ_CC) $(FUZZ_FLAGS) -I. -o $@ $< $(LDLIBS)

# Line coverage of the example library, its suite run on the fork pool
# (workers flush their gcov counters as they exit), read by gcovr.
coverage:
	rm -rf build/coverage && mkdir -p build/coverage
	$(CC) -std=c99 -O0 -g --coverage -I. -Iexamples -o build/coverage/tests \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDLIBS)
	./build/coverage/tests -j auto --no-cache -q
	gcovr -r . --filter 'examples/[a-z]*\.c' build/coverage

# The header built for Windows with MinGW-w64 and the example suite and a
# few test programs run under Wine (about 1-2 minutes: not in make test).
windows:
	sh tests/windows/run.sh

bench:
	$(MAKE) -C bench

clean: examples-clean
	rm -f $(SELFTEST) $(SELFTEST)-asan $(PROGS) $(EXAMPLE_BIN)-asan $(EXAMPLE_BIN)-tsan
	rm -rf tests/matrix/build build

# make install PREFIX=/usr/local [DESTDIR=/stage]: the header, a pkg-config
# file and a CMake package (find_package(ptest), ptest::ptest,
# ptest_discover_tests), from packaging/. The version is ptest.h's.
INSTALL          ?= install
INSTALL_VERSION   = $(shell sed -n 's/^.define PTEST_VERSION_STRING "\([^"]*\)".*/\1/p' ptest.h)
INSTALL_INCDIR    = $(DESTDIR)$(PREFIX)/include
INSTALL_PCDIR     = $(DESTDIR)$(PREFIX)/lib/pkgconfig
INSTALL_CMAKEDIR  = $(DESTDIR)$(PREFIX)/lib/cmake/ptest

.PHONY: install
install: ptest.h packaging/ptest.pc.in packaging/ptestConfig.cmake \
         packaging/ptestConfigVersion.cmake.in packaging/ptestAddTests.cmake
	@case "$(PREFIX)" in /*) ;; *) echo "make install: PREFIX must be an absolute path, not '$(PREFIX)'" >&2; exit 1;; esac
	@test -n "$(INSTALL_VERSION)" || { echo "make install: no PTEST_VERSION_STRING in ptest.h" >&2; exit 1; }
	$(INSTALL) -d "$(INSTALL_INCDIR)" "$(INSTALL_PCDIR)" "$(INSTALL_CMAKEDIR)"
	$(INSTALL) -m 644 ptest.h "$(INSTALL_INCDIR)/ptest.h"
	$(INSTALL) -m 644 packaging/ptestConfig.cmake packaging/ptestAddTests.cmake "$(INSTALL_CMAKEDIR)"
	umask 022 && sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(INSTALL_VERSION)|g' \
	    packaging/ptest.pc.in > "$(INSTALL_PCDIR)/ptest.pc"
	umask 022 && sed -e 's|@VERSION@|$(INSTALL_VERSION)|g' \
	    packaging/ptestConfigVersion.cmake.in > "$(INSTALL_CMAKEDIR)/ptestConfigVersion.cmake"
