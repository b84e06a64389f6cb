/* fuzz_expr.c - libFuzzer target for the -m / -k expressions: the input
 * (up to its first NUL) is compiled; a syntax error must be one line with
 * a column inside the text, and a compiled expression must be well-formed
 * postfix code, evaluate under the marker and keyword matchers, and
 * "not (E)" must compile and give the opposite answer.
 *
 *     make fuzz FUZZ_TIME=60      (all targets), or by hand:
 *     ./build/fuzz/fuzz_expr fuzz/corpus/expr -max_total_time=60
 */
#include "fuzz.h"

/* An identifier holds when its bytes sum to an even number: arbitrary,
 * but the same for the same identifier. */
static int fuzz_match_parity(const char *ident, const void *data)
{
    unsigned sum = 0;
    (void)data;
    while (*ident)
        sum += (unsigned char)*ident++;
    return sum % 2 == 0;
}

/* The postfix code never pops what is not there and leaves one value. */
static void fuzz_check_postfix(const struct ptest__expr *e)
{
    size_t i, sp = 0;
    for (i = 0; i < e->len; i++) {
        int kind = e->code[i].kind;
        FUZZ_CHECK((kind == PTEST__T_IDENT) == (e->code[i].ident != NULL), "insn %lu",
                   (unsigned long)i);
        if (kind == PTEST__T_IDENT)
            sp++;
        else if (kind == PTEST__T_NOT)
            FUZZ_CHECK(sp >= 1, "not on an empty stack at %lu", (unsigned long)i);
        else {
            FUZZ_CHECK(kind == PTEST__T_AND || kind == PTEST__T_OR, "kind %d", kind);
            FUZZ_CHECK(sp >= 2, "binary operator short of operands at %lu",
                       (unsigned long)i);
            sp--;
        }
    }
    FUZZ_CHECK(e->empty ? e->len == 0 : sp == 1, "%lu values left", (unsigned long)sp);
}

/* Checks a compile error: one line, "at column N: ...", N within text. */
static void fuzz_check_error(const char *text, const struct ptest__buf *err)
{
    unsigned long col = 0;
    fuzz_check_user_error(err->data);
    FUZZ_CHECK(!strchr(err->data, '\n'), "[%s]", err->data); /* quotes no input */
    FUZZ_CHECK(sscanf(err->data, "at column %lu:", &col) == 1, "[%s]", err->data);
    FUZZ_CHECK(col >= 1 && col <= strlen(text) + 1, "column %lu of %lu", col,
               (unsigned long)strlen(text));
}

/* Evaluates e with every matcher the runner uses, against every case. */
static int fuzz_eval_all(const struct ptest__expr *e, const struct ptest__registry *reg)
{
    unsigned char *stack = (unsigned char *)ptest__xcalloc(e->len + 1, 1);
    size_t i;
    int result = ptest__expr_eval(e, fuzz_match_parity, NULL, stack);
    for (i = 0; i < reg->count; i++) {
        (void)ptest__expr_eval(e, ptest__match_marker, &reg->cases[i], stack);
        (void)ptest__expr_eval(e, ptest__match_keyword, &reg->cases[i], stack);
    }
    free(stack);
    return result;
}

/* "not (text)" compiles too and says the opposite. */
static void fuzz_check_negation(const char *text, int result)
{
    struct ptest__expr e;
    struct ptest__buf err = {NULL, 0, 0}, neg = {NULL, 0, 0};
    unsigned char *stack;
    ptest__buf_printf(&neg, "not (%s)", text);
    FUZZ_CHECK(ptest__expr_compile(&e, neg.data, &err) == 0, "[%s]", err.data);
    stack = (unsigned char *)ptest__xcalloc(e.len + 1, 1);
    FUZZ_CHECK(ptest__expr_eval(&e, fuzz_match_parity, NULL, stack) == !result,
               "not (E) is not !E");
    free(stack);
    ptest__expr_free(&e);
    ptest__buf_free(&neg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    struct ptest__registry reg;
    struct ptest__expr e;
    struct ptest__buf err = {NULL, 0, 0};
    fuzz_registry(&reg);
    if (ptest__expr_compile(&e, text, &err) != 0) {
        fuzz_check_error(text, &err);
        FUZZ_CHECK(e.code == NULL && e.len == 0, "a failed compile left code");
    } else {
        int result;
        FUZZ_CHECK(err.data == NULL, "[%s]", err.data);
        fuzz_check_postfix(&e);
        result = fuzz_eval_all(&e, &reg);
        if (!e.empty)
            fuzz_check_negation(text, result);
        if (ptest__expr_check_markers(&e, &reg, &err) != 0)
            fuzz_check_user_error(err.data);
        ptest__expr_free(&e);
    }
    ptest__buf_free(&err);
    ptest__registry_free(&reg);
    free(text);
    return 0;
}
