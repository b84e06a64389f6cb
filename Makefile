# ptest: build the example, the self-tests and the benchmarks.
# Overridable: CC, CFLAGS, LDLIBS, PREFIX, JOBS (workers for the self-tests),
# FUZZ_CC, FUZZ_TIME and FUZZ_CI_TIME (seconds per fuzz target).
#
# make test needs only make and a C compiler: each part whose tool is
# missing is skipped with one line naming the Debian package to install
# (tests/optional.sh), except under PTEST_CI=1, where that is a failure.
# `make deps` (as root) installs them all: DEPS, the one list of them,
# which .ci/run installs through it.
CC      ?= cc
CFLAGS  ?= -std=c99 -O2 -g -Wall -Wextra -Wpedantic -Werror
LDLIBS  ?= -pthread
PREFIX  ?= /usr/local
JOBS    ?= auto

# What make deps installs: what builds and runs ptest's own tests (make,
# gcc, libc6-dev, and procps, whose pgrep the black-box tests use), every
# optional tool of make test and make check, and with its recommends
# (fonts and libraries a fresh Wine prefix wants) Wine.
DEPS_BASE       := make gcc libc6-dev procps
# make cross: Debian's cross compilers, C and C++ (their libc6-dev-*-cross
# come with them), and qemu-user. i386 comes from gcc-i686-linux-gnu:
# gcc-multilib conflicts with the cross compilers. Defined before DEPS,
# which := expands where it stands.
DEPS_CROSS      := gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf gcc-i686-linux-gnu \
                   gcc-s390x-linux-gnu gcc-riscv64-linux-gnu \
                   g++-aarch64-linux-gnu g++-arm-linux-gnueabihf g++-i686-linux-gnu \
                   g++-s390x-linux-gnu g++-riscv64-linux-gnu qemu-user
DEPS            := clang libclang-rt-dev g++ musl-tools tcc cmake meson ninja-build \
                   pkg-config libxml2-utils perl python3 gcovr valgrind gcc-mingw-w64-x86-64 \
                   git binutils chromium bazel-bootstrap bazel-rules-java \
                   gcc-mingw-w64-i686 g++-mingw-w64-x86-64 \
                   $(DEPS_CROSS)
DEPS_RECOMMENDS := wine
# Wine's 32-bit half, for the i686 Windows build: dpkg's i386 architecture.
DEPS_I386       := wine32:i386

SELFTEST     := tests/selftest
SELFTEST_SRC := tests/unit/main.c $(wildcard tests/blackbox/*.c)
# Black-box test programs: tests/progs/NAME.c builds tests/progs/NAME, and
# the files of a directory tests/progs/NAME/*.c link into tests/progs/NAME/NAME.
# tests/progs/cxx is C++ tests (*.cc) with a C main, built only when a C++
# compiler ($(CXX)) is there; without one its golden case skips, saying so.
PROG_DIRS    := $(filter-out tests/progs/cxx,$(sort $(patsubst %/,%,$(dir $(wildcard tests/progs/*/*.c)))))
PROGS        := $(patsubst %.c,%,$(wildcard tests/progs/*.c)) \
                $(foreach d,$(PROG_DIRS),$(d)/$(notdir $(d)))
CXX_PROG     := tests/progs/cxx/cxx
CXX_FLAGS    := -std=c++11 -O2 -g -Wall -Wextra -Wpedantic -Werror
ifneq ($(shell command -v $(CXX) 2>/dev/null),)
PROGS        += $(CXX_PROG)
else
$(info make: no C++ compiler ($(CXX)): the C++ exception tests are skipped (apt-get install g++))
endif
SAN_FLAGS    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_CI_TIME ?= 10
FUZZ_TARGETS := expr cli history
FUZZ_BINS    := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))
FUZZ_FLAGS   := -std=c99 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

.PHONY: all run test test-fast test-slow test-single check matrix compat bench coverage clean \
        windows windows-toolchains windows-blackbox fuzz fuzz-ci fuzz-toolchain fuzz-or-skip deps cross

all: $(SELFTEST) $(PROGS) examples/tests/tests

include examples/example.mk

# The example project's suite, in parallel, without the slow tests.
run: $(EXAMPLE_BIN)
	./$(EXAMPLE_BIN) -j auto -m "not slow"

$(SELFTEST): ptest.h $(wildcard tests/unit/*.c tests/unit/*.h tests/blackbox/*.h) $(SELFTEST_SRC)
	$(CC) $(CFLAGS) -I. -o $@ $(SELFTEST_SRC) $(LDLIBS)

tests/progs/%: tests/progs/%.c ptest.h $(wildcard tests/progs/*.h)
	$(CC) $(CFLAGS) -I. -o $@ $< $(LDLIBS)

$(CXX_PROG): tests/progs/cxx/main.c $(wildcard tests/progs/cxx/*.cc) ptest.h
	$(CC) $(CFLAGS) -I. -c -o $@-main.o tests/progs/cxx/main.c
	$(CXX) $(CXX_FLAGS) -I. -o $@ $@-main.o $(wildcard tests/progs/cxx/*.cc) $(LDLIBS)

define PROG_DIR_RULE
$(1)/$(notdir $(1)): $(wildcard $(1)/*.c $(1)/*.h) ptest.h
	$$(CC) $$(CFLAGS) -I. -o $$@ $(wildcard $(1)/*.c) $$(LDLIBS)
endef
$(foreach d,$(PROG_DIRS),$(eval $(call PROG_DIR_RULE,$(d))))

# The framework's own suite (unit tests and black-box transcripts), run in
# parallel by the framework it tests, after the compile matrix and fuzzing.
# Then the Windows checks under Wine with MinGW-w64 gcc x86_64 (make
# windows-toolchains has the other toolchains): skipped (exit 77) when
# MinGW-w64 or Wine is missing, except under PTEST_CI=1, where the script fails.
# After a run of the suite, each test it skipped (a tool is missing) is
# said in one line, from its --json report; under PTEST_CI that fails.
SELFTEST_JSON := build/selftest.jsonl
SELFTEST_SKIPS = rc=$$?; sh tests/optional.sh report $(SELFTEST_JSON) || rc=1; exit $$rc

test: matrix compat fuzz-or-skip $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
	@mkdir -p build
	./$(SELFTEST) -j $(JOBS) --json=$(SELFTEST_JSON); $(SELFTEST_SKIPS)
	@WIN_TOOLCHAINS=gcc-x86_64 sh tests/windows/run.sh || test $$? = 77

test-fast: $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
	@mkdir -p build
	./$(SELFTEST) -j $(JOBS) -m "not slow" --json=$(SELFTEST_JSON); $(SELFTEST_SKIPS)

test-slow: $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
	@mkdir -p build
	./$(SELFTEST) -j $(JOBS) -m slow --json=$(SELFTEST_JSON); $(SELFTEST_SKIPS)

test-single: $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
	@mkdir -p build
	./$(SELFTEST) -j 0 --json=$(SELFTEST_JSON); $(SELFTEST_SKIPS)

# Installs DEPS with apt-get (Debian, as root): then make test skips nothing.
deps:
	@test "$$(id -u)" = 0 || { echo "make deps: run it as root (it calls apt-get install)" >&2; exit 1; }
	dpkg --add-architecture i386
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $(DEPS_BASE) $(DEPS)
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEPS_RECOMMENDS)
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEPS_I386)

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
# from the runner itself) and in the fork pool (whose workers must not
# turn on syscall user dispatch there) under valgrind. valgrind runs the
# example suite, not the self-tests: it computes long double in 64 bits, so
# the self-tests' checks of long double formatting would fail under it. The thread-pool
# run has no leak check: a death test there forks a multi-threaded
# process, and LeakSanitizer in a child that exits (EXPECT_EXIT) cannot
# see the runner's stack, so it reports what lives there as leaked (the
# two runs above check for leaks). Last, the work-stealing race programs
# (tests/progs/mixed_*) under ASan + UBSan and under TSan, in every pool.
check: matrix $(PROGS) $(EXAMPLE_BIN)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -I. -o $(SELFTEST)-asan $(SELFTEST_SRC) $(LDLIBS)
	ASAN_OPTIONS=detect_leaks=1 ./$(SELFTEST)-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 ./$(SELFTEST)-asan -j 0 -m "not slow"
	$(CC) -std=c99 -O1 -g $(SAN_FLAGS) -I. -Iexamples -o $(EXAMPLE_BIN)-asan \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDLIBS)
	ASAN_OPTIONS=detect_leaks=0 ./$(EXAMPLE_BIN)-asan --pool=thread -j 4 --no-cache
	$(CC) -std=c99 -O1 -g -fsanitize=thread -I. -Iexamples -o $(EXAMPLE_BIN)-tsan \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDLIBS)
	TSAN_OPTIONS=halt_on_error=1 ./$(EXAMPLE_BIN)-tsan --pool=thread -j 4 --no-cache
	@if command -v valgrind >/dev/null 2>&1; then \
	    echo "valgrind -q --error-exitcode=1 --leak-check=full ./$(EXAMPLE_BIN) -j 0 --no-cache"; \
	    valgrind -q --error-exitcode=1 --leak-check=full ./$(EXAMPLE_BIN) -j 0 --no-cache && \
	    echo "valgrind -q --error-exitcode=1 ./$(EXAMPLE_BIN) -j 2 --no-cache" && \
	    valgrind -q --error-exitcode=1 ./$(EXAMPLE_BIN) -j 2 --no-cache; \
	else \
	    optional_target="make check" sh tests/optional.sh skip "the example suite under valgrind" \
	        "valgrind is not installed" valgrind; test $$? = 77; \
	fi
	sh tests/sanitize/steal.sh

# The self-suite (unit tests, black-box programs and golden transcripts)
# and the example suite built for aarch64, armhf, i386, s390x and riscv64
# with Debian's cross compilers into build/cross/ARCH, and run under
# qemu-user, one architecture at a time (CROSS_JOBS); see
# tests/cross/run.sh and docs/platforms.md. A missing cross compiler or
# qemu skips that architecture in one line (a failure under PTEST_CI=1).
# CROSS_ARCHS picks some: make cross CROSS_ARCHS="s390x i386". Part of
# make check and of .ci/run (minutes: docs/platforms.md has the times).
cross:
	@sh tests/cross/run.sh $(CROSS_ARCHS)
check: cross

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

# The fuzz targets need clang's libFuzzer runtime: FUZZ_PROBE links an
# empty target. Without it, make fuzz stops, saying so, and make test's
# fuzz-or-skip skips fuzzing in one line (a failure under PTEST_CI=1).
FUZZ_PROBE = mkdir -p build/fuzz && \
    printf '\#include <stddef.h>\n\#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' \
        >build/fuzz/probe.c && \
    $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o build/fuzz/probe build/fuzz/probe.c 2>/dev/null
FUZZ_MISSING = $(if $(shell command -v $(FUZZ_CC)),$(if $(filter clang%,$(notdir $(FUZZ_CC))),$\
    $(FUZZ_CC)'s libFuzzer runtime is missing,'$(FUZZ_CC) -fsanitize=fuzzer' does not link),$\
    $(FUZZ_CC) is not installed)

fuzz-toolchain:
	@$(FUZZ_PROBE) || \
	    { echo "make: '$(FUZZ_CC) -fsanitize=fuzzer' does not link: the fuzz targets need clang"; \
	      echo "      and its libFuzzer runtime (Debian: apt-get install clang libclang-rt-dev)"; exit 1; }

fuzz-or-skip:
	@if $(FUZZ_PROBE); then $(MAKE) --no-print-directory fuzz-ci; else \
	    sh tests/optional.sh skip fuzzing "$(FUZZ_MISSING)" "clang libclang-rt-dev"; \
	    test $$? = 77; fi

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h ptest.h | fuzz-toolchain
	$(FUZZ_CC) $(FUZZ_FLAGS) -I. -o $@ $< $(LDLIBS)

# Line coverage of the example library, its suite run on the fork pool
# (workers flush their gcov counters as they exit), read by gcovr.
coverage:
	@command -v gcovr >/dev/null 2>&1 || { echo "make coverage: needs gcovr (apt-get install gcovr)"; exit 1; }
	rm -rf build/coverage && mkdir -p build/coverage
	$(CC) -std=c99 -O0 -g --coverage -I. -Iexamples -o build/coverage/tests \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDLIBS)
	./build/coverage/tests -j auto --no-cache -q
	gcovr -r . --filter 'examples/[a-z]*\.c' build/coverage

# The header built for Windows with MinGW-w64 and the example suite and a
# few test programs run under Wine (about 1-2 minutes; make test runs it too).
windows:
	sh tests/windows/run.sh

# The Windows toolchains other than make test's (gcc-x86_64): i686, g++
# (the header as C++), clang; one mode each. Minutes under Wine, so not
# in make test; .ci/run runs it after make test.
windows-toolchains:
	WIN_QUICK=1 WIN_TOOLCHAINS="gcc-i686 g++-x86_64 clang-x86_64" sh tests/windows/run.sh

# The black-box tests and golden transcripts against the Windows build
# (MinGW-w64) under Wine: the self-test binary runs here, the programs
# under test through the harness's emulator prefix. Not part of make test
# (it takes minutes under Wine); .ci/run runs it after make test.
windows-blackbox:
	sh tests/windows/blackbox.sh

bench:
	$(MAKE) -C bench

clean: examples-clean
	rm -f $(SELFTEST) $(SELFTEST)-asan $(PROGS) $(CXX_PROG)-main.o $(EXAMPLE_BIN)-asan $(EXAMPLE_BIN)-tsan
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

# The README's C examples build with -Wall -Wextra -Werror and their tests
# pass (tests/readme_examples.sh says which blocks count). Part of make
# test through the prerequisite-only rule below, kept apart from the test
# rule itself.
.PHONY: readme-examples
readme-examples:
	@CC="$(CC)" sh tests/readme_examples.sh

test: readme-examples

# --impact-record and --affected (docs/affected.md): the scenarios of
# tests/affected/run.sh in a scratch git project (seconds), part of make
# test; and the proof by mutation on the example library, every function
# mutated and the failing tests checked against the selection (about two
# minutes on 2 cores), part of make check. Each skips, saying so, without
# git or binutils.
.PHONY: affected affected-check
affected:
	@CC="$(CC)" sh tests/affected/run.sh || test $$? = 77

affected-check:
	@CC="$(CC)" sh tests/affected/check.sh || test $$? = 77

test: affected
check: affected-check
