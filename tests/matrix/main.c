/* main.c - the one file with PTEST_MAIN in the matrix binary. */
#define PTEST_MAIN
#include "ptest.h"
