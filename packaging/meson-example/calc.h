/* calc.h - the code under test in the example: a tiny calculator. */
#ifndef CALC_H
#define CALC_H

int calc_add(int a, int b);

/* Parses a decimal integer; 0 when text is not one. */
int calc_parse(const char *text, int *out);

#endif
