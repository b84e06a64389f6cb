/* calc.h - the code under test in the Bazel example. */
#ifndef CALC_H
#define CALC_H

int calc_add(int a, int b);
int calc_parse(const char *text, int *out);

#endif
