/* main.c - the runner: PTEST_MAIN in exactly one file gives main(). */
#define PTEST_MAIN
#include "ptest.h"
