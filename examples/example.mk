# example.mk - builds the example suite: a small library (strbuf, ini) and
# its ptest tests, linked into one binary, examples/tests/tests.
#
# Shows: all a project needs to build ptest tests: compile the library and
# every test file together, with ptest.h on the include path; main.c alone
# defines PTEST_MAIN. Paths are relative to the repository root. Include it
# from the top-level Makefile (after CC and CFLAGS are set):
#
#     include examples/example.mk
#     run: $(EXAMPLE_BIN)
#             ./$(EXAMPLE_BIN) -j auto -m "not slow"
#
# or use it alone, from the repository root:
#
#     make -f examples/example.mk && ./examples/tests/tests -j auto

CFLAGS ?= -std=c99 -O2 -g -Wall -Wextra -Wpedantic -Werror
# The runner's thread pool (--pool=thread) needs pthreads.
LDLIBS ?= -pthread

# Included, this file must not take over the including Makefile's default
# goal; alone, its binary is the default goal.
EXAMPLE_SAVED_GOAL := $(.DEFAULT_GOAL)

EXAMPLE_DIR     := examples
EXAMPLE_BIN     := $(EXAMPLE_DIR)/tests/tests
EXAMPLE_LIB_SRC := $(EXAMPLE_DIR)/strbuf.c $(EXAMPLE_DIR)/ini.c
EXAMPLE_TEST_SRC := $(EXAMPLE_DIR)/tests/main.c $(EXAMPLE_DIR)/tests/helpers.c \
                    $(EXAMPLE_DIR)/tests/test_strbuf.c \
                    $(EXAMPLE_DIR)/tests/test_ini.c \
                    $(EXAMPLE_DIR)/tests/test_ini_files.c \
                    $(EXAMPLE_DIR)/tests/test_ini_fixture.c
EXAMPLE_HEADERS := ptest.h $(EXAMPLE_DIR)/strbuf.h $(EXAMPLE_DIR)/ini.h \
                   $(EXAMPLE_DIR)/tests/helpers.h

$(EXAMPLE_BIN): $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(EXAMPLE_HEADERS)
	$(CC) $(CFLAGS) -I. -I$(EXAMPLE_DIR) -o $@ \
	    $(EXAMPLE_LIB_SRC) $(EXAMPLE_TEST_SRC) $(LDFLAGS) $(LDLIBS)

.PHONY: examples-clean
examples-clean:
	rm -f $(EXAMPLE_BIN)

ifneq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := $(EXAMPLE_SAVED_GOAL)
endif
