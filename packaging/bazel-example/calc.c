/* calc.c - the code under test in the example. */
#include "calc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

int calc_add(int a, int b)
{
    return a + b;
}

int calc_parse(const char *text, int *out)
{
    char *end;
    long value;
    errno = 0;
    value = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno || value < INT_MIN || value > INT_MAX)
        return 0;
    *out = (int)value;
    return 1;
}
