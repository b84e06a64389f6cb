/* main.c - the runner of the C++ test program, compiled as C: the
 * exceptions thrown in throws.cc are caught in that C++ file, by what the
 * TEST macros generate there, so a C implementation serves C++ tests. */
#define PTEST_MAIN
#include "ptest.h"
