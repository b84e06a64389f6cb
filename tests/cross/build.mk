# tests/cross/build.mk - builds ptest's self-suite for one architecture,
# out of the tree: the selftest, the black-box programs (tests/progs) and
# the example suite, at the same relative paths under OUT, so that the
# black-box harness finds them with PTEST_PROGRAM_DIR=OUT (harness.h).
# tests/cross/run.sh calls it, from the repository root:
#
#     make -f tests/cross/build.mk CC=s390x-linux-gnu-gcc OUT=build/cross/s390x
#
# Static binaries: qemu-user then needs no sysroot (-L) to run them, and
# no emulated dynamic loader slows each start. The C++ program
# (tests/progs/cxx) is built when CROSS_CXX names a C++ compiler for the target.
CC      ?= cc
CROSS_CXX ?=
OUT     ?= build/cross/host
# -D_FILE_OFFSET_BITS=64: under qemu on a 64-bit host, a 32-bit program's
# readdir() fails with EOVERFLOW without it (the host's directory offsets
# do not fit 32 bits; a real 32-bit kernel gives small ones).
CFLAGS  ?= -std=c99 -O2 -g -Wall -Wextra -Wpedantic -Werror -D_FILE_OFFSET_BITS=64
LDFLAGS ?= -static
LDLIBS  ?= -pthread

include examples/example.mk

SELFTEST_SRC := tests/unit/main.c $(wildcard tests/blackbox/*.c)
PROG_DIRS    := $(filter-out tests/progs/cxx,$(sort $(patsubst %/,%,$(dir $(wildcard tests/progs/*/*.c)))))
PROGS        := $(patsubst %.c,$(OUT)/%,$(wildcard tests/progs/*.c)) \
                $(foreach d,$(PROG_DIRS),$(OUT)/$(d)/$(notdir $(d)))
ifneq ($(CROSS_CXX),)
PROGS        += $(OUT)/tests/progs/cxx/cxx
endif

.PHONY: all
all: $(OUT)/tests/selftest $(PROGS) $(OUT)/$(EXAMPLE_BIN)

$(OUT)/tests/selftest: ptest.h $(wildcard tests/unit/*.c tests/unit/*.h tests/blackbox/*.h) $(SELFTEST_SRC)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I. -o $@ $(SELFTEST_SRC) $(LDFLAGS) $(LDLIBS)

$(OUT)/tests/progs/%: tests/progs/%.c ptest.h $(wildcard tests/progs/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I. -o $@ $< $(LDFLAGS) $(LDLIBS)

$(OUT)/tests/progs/cxx/cxx: tests/progs/cxx/main.c $(wildcard tests/progs/cxx/*.cc) ptest.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I. -c -o $@-main.o tests/progs/cxx/main.c
	$(CROSS_CXX) -std=c++11 -O2 -g -Wall -Wextra -Wpedantic -Werror -I. -o $@ $@-main.o \
	    $(wildcard tests/progs/cxx/*.cc) $(LDFLAGS) $(LDLIBS)

define CROSS_PROG_DIR_RULE
$(OUT)/$(1)/$(notdir $(1)): $(wildcard $(1)/*.c $(1)/*.h) ptest.h
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) -I. -o $$@ $(wildcard $(1)/*.c) $$(LDFLAGS) $$(LDLIBS)
endef
$(foreach d,$(PROG_DIRS),$(eval $(call CROSS_PROG_DIR_RULE,$(d))))

$(OUT)/$(EXAMPLE_BIN): $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(EXAMPLE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I. -I$(EXAMPLE_DIR) -o $@ \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDFLAGS) $(LDLIBS)
