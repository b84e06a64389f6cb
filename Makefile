# ptest: build the example, the self-tests and the benchmarks.
# Overridable: CC, CFLAGS, LDLIBS, PREFIX, JOBS (workers for the self-tests).
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

.PHONY: all run test test-fast test-slow test-single check matrix bench coverage clean windows

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
test: matrix $(SELFTEST) $(PROGS) $(EXAMPLE_BIN)
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

# The self-tests under AddressSanitizer + UndefinedBehaviorSanitizer, in the
# fork pool and inline; the example suite on the thread pool under
# ThreadSanitizer.
check: matrix $(PROGS) $(EXAMPLE_BIN)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -I. -o $(SELFTEST)-asan $(SELFTEST_SRC) $(LDLIBS)
	ASAN_OPTIONS=detect_leaks=1 ./$(SELFTEST)-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 ./$(SELFTEST)-asan -j 0 -m "not slow"
	$(CC) -std=c99 -O1 -g -fsanitize=thread -I. -Iexamples -o $(EXAMPLE_BIN)-tsan \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDLIBS)
	TSAN_OPTIONS=halt_on_error=1 ./$(EXAMPLE_BIN)-tsan --pool=thread -j 4 --no-cache

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
	rm -f $(SELFTEST) $(SELFTEST)-asan $(PROGS) $(EXAMPLE_BIN)-tsan
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
