/* utest.h for ptest - suites written for sheredom's utest.h build unchanged
 * and run under ptest's parallel runner.                  MIT license at end.
 *
 * QUICK START
 *
 *     // the suite, as written for utest.h     // build: compat/ goes first
 *     #include "utest.h"                       cc -Ipath/to/ptest/compat \
 *                                                 -o tests *.c -pthread
 *     UTEST(math, adds) { ASSERT_EQ(4, 2 + 2); }
 *     UTEST_MAIN()                             ./tests -j auto --tap
 *
 * CONTENTS
 *
 *     Where ptest's implementation goes ... every file, weak; one is kept
 *     Results .............................. utest_result, its run, reports
 *     Checks ............................... ASSERT_* / EXPECT_* and _MSG
 *     Tests ................................ UTEST, UTEST_F, UTEST_I
 *     main ................................. UTEST_MAIN, UTEST_STATE,
 *                                            utest_main and utest's flags
 *
 * CONFIGURATION (define before including)
 *
 *     PTEST_UTEST_NO_IMPLEMENTATION   this file carries no copy of ptest's
 *                                     implementation (saves its compile
 *                                     time); one file of the binary must
 *
 * WHAT A utest.h USER NOTICES (docs/migrating.md has the whole story)
 *
 *     - ASSERT_* return from the function they are in, as in utest.h, so a
 *       UTEST_F's teardown runs after a failed ASSERT in its body. Checks
 *       compare with C's (or C++'s) own operators, as utest.h does.
 *     - ids: UTEST(set, name) and UTEST_F(fixture, name) are "set.name";
 *       UTEST_I(fixture, name, n) gives "fixture.name[0]" ... "[n-1]" (utest.h
 *       says fixture.name/0), each scheduled on its own.
 *     - flags are ptest's. utest.h's --list-tests, --output=FILE,
 *       --random-order[=SEED], --enable-mixed-units and the ID, SET.* and
 *       *TEXT* forms of --filter= are mapped onto them; other filters are a
 *       usage error (exit 4) that points at -k.
 *     - tests run in parallel and isolated: each starts from the run's
 *       environment, so one that relies on an earlier test's putenv or
 *       global fails here; the thread pool shares one process among tests
 *       (its descriptors, environment, cwd), so a suite that changes those
 *       belongs in the fork pool.
 *     - reports use ptest's format and names (ASSERT_STREQ fails as
 *       "ASSERT_STR_EQ(a, b) failed" with both strings); the exit status is
 *       ptest's (1 when any test failed), not utest.h's count of failures.
 *     - not there: utest_state and utest_type_printer (utest.h's internals);
 *       its helpers UTEST_CAST, UTEST_PTR_CAST, UTEST_EXTERN, UTEST_C_FUNC,
 *       UTEST_NULL, UTEST_INLINE, UTEST_ATTRIBUTE, UTEST_UNUSED, UTEST_PRINTF
 *       and UTEST_SNPRINTF are.
 */
#ifndef PTEST_COMPAT_UTEST_H
#define PTEST_COMPAT_UTEST_H

#if defined(PTEST_H) && !defined(PTEST_NO_SHORT_NAMES)
#error "compat/utest.h: ptest.h came first with its short names, whose ASSERT_EQ is not utest.h's; define PTEST_NO_SHORT_NAMES before it"
#endif
#ifndef PTEST_NO_SHORT_NAMES
#define PTEST_NO_SHORT_NAMES
#endif

/* ------------------------------------------------------------------------
 * Where ptest's implementation goes.
 *
 * utest.h is whole in every file, and UTEST_MAIN() comes after the
 * #include, too late to choose the file that holds ptest's runner. So each
 * file that can holds a copy, every external symbol of it weak: the linker
 * keeps one copy (all from the same object file, as each defines them all)
 * and drops the others. Tests register with constructors, which reach the
 * kept copy; the linker-section registry would see every copy's sentinels.
 * A file in strict C whose system headers came before this one cannot see
 * POSIX, so it goes without; so does Windows, where weak definitions are
 * not to be trusted (there, define PTEST_IMPLEMENTATION in one file).
 * ------------------------------------------------------------------------ */
#if !defined(PTEST_UTEST_NO_IMPLEMENTATION) && !defined(PTEST_IMPLEMENTATION) && \
    !defined(PTEST__IMPLEMENTED) && !defined(_WIN32) && defined(__GNUC__)
#if !defined(__GLIBC__) || defined(__USE_XOPEN2K8)
#define PTEST_IMPLEMENTATION
#define PTEST__UTEST_WEAK 1
#endif
#endif

#ifndef PTEST_USE_CONSTRUCTORS
#define PTEST_USE_CONSTRUCTORS 1
#endif

/* Every external definition of ptest's implementation; a new one must be
 * added here (the compat tests' multi-file link fails until it is). */
#if defined(PTEST__UTEST_WEAK)
#pragma weak ptest_main
#pragma weak ptest_worker_id
#pragma weak ptest_worker_name
#pragma weak ptest_tmpdir
#pragma weak ptest__register_node
#pragma weak ptest__v_none
#pragma weak ptest__v_bool
#pragma weak ptest__v_char
#pragma weak ptest__v_int
#pragma weak ptest__v_uint
#pragma weak ptest__v_float
#pragma weak ptest__v_flt
#pragma weak ptest__v_dbl
#pragma weak ptest__v_ptr
#pragma weak ptest__v_str
#pragma weak ptest__check_cmp
#pragma weak ptest__check_bool
#pragma weak ptest__check_null
#pragma weak ptest__check_str
#pragma weak ptest__check_mem
#pragma weak ptest__check_near
#pragma weak ptest__fail
#pragma weak ptest__skip
#pragma weak ptest__log
#pragma weak ptest__cxx_threw
#pragma weak ptest__cxx_leave
#endif

/* ptest.h sits next to compat/ in ptest's tree; elsewhere, on the path. */
#if defined(__has_include)
#if __has_include("../ptest.h")
#include "../ptest.h"
#else
#include "ptest.h"
#endif
#else
#include "ptest.h"
#endif

/* What utest.h includes, and so what suites written for it may use. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__cplusplus) && (defined(__EXCEPTIONS) || defined(__cpp_exceptions) || \
                             defined(_CPPUNWIND))
#define PTEST__UTEST_EXCEPTIONS 1
#define UTEST_HAS_EXCEPTIONS 1 /* as utest.h says it */
#include <exception>
#include <stdexcept>
#endif
#if defined(__cplusplus) && __cplusplus >= 201103L
#include <type_traits>
#endif

#define PTEST__UTEST_FN PTEST__UNUSED static

/* utest.h's small helpers, which suites use in their own code. */
#if defined(__cplusplus)
#define UTEST_CAST(type, x) static_cast<type>(x)
#define UTEST_PTR_CAST(type, x) reinterpret_cast<type>(x)
#define UTEST_EXTERN extern "C"
#define UTEST_C_FUNC extern "C"
#define UTEST_NULL NULL
#else
#define UTEST_CAST(type, x) ((type)(x))
#define UTEST_PTR_CAST(type, x) ((type)(x))
#define UTEST_EXTERN extern
#define UTEST_C_FUNC
#define UTEST_NULL 0
#endif
#define UTEST_INLINE inline
#if defined(__GNUC__)
#define UTEST_ATTRIBUTE(a) __attribute__((a))
#define UTEST_UNUSED __attribute__((unused))
#else
#define UTEST_ATTRIBUTE(a)
#define UTEST_UNUSED
#endif
#define UTEST_PRINTF(...) printf(__VA_ARGS__)
#if defined(__cplusplus)
#define PTEST__UTEST_UNCONST(s) const_cast<char *>(s)
#else
#define PTEST__UTEST_UNCONST(s) ((char *)(s))
#endif
#define UTEST_SNPRINTF(...) snprintf(__VA_ARGS__)

/* ------------------------------------------------------------------------
 * Results.
 *
 * A utest test, fixture set-up or teardown gets `int *utest_result`; here
 * it points at the first member of the test's run, on the stack of the
 * function ptest calls, so nothing is shared between tests and any pool
 * may run them. A failing check has ptest record its report (ASSERT_* as
 * an ASSERT that comes back, mode 2 of ptest__record) and sets the result;
 * an ASSERT_* then returns. The run ends with what utest_result says: a
 * skip, or a failure no check reported (a test that set it by hand).
 * ------------------------------------------------------------------------ */

#define UTEST_TEST_PASSED (0)
#define UTEST_TEST_FAILURE (1)
#define UTEST_TEST_SKIPPED (2)

/* The mode ptest's checks get: 2 reports an ASSERT that returns, 0 an
 * EXPECT. */
#define PTEST__UTEST_MODE(fatal) ((fatal) ? 2 : 0)

struct ptest__utest_run {
    int result;             /* first: utest_result points here */
    int reported;           /* failures ptest holds a report of */
    int escaped;            /* C++: an exception left the test */
    const char *file;       /* the test's, for what is reported at its end */
    int line;
    char note[256];         /* UTEST_SKIP's reason, or the exception's what() */
};

PTEST__UTEST_FN struct ptest__utest_run *ptest__utest_run_of(int *result)
{
    return UTEST_PTR_CAST(struct ptest__utest_run *, result);
}

PTEST__UTEST_FN void ptest__utest_note(struct ptest__utest_run *run, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n >= sizeof run->note)
        n = sizeof run->note - 1;
    if (n)
        memcpy(run->note, text, n);
    run->note[n] = '\0';
}

PTEST__UTEST_FN void ptest__utest_begin(struct ptest__utest_run *run, const char *file,
                                        int line)
{
    memset(run, 0, sizeof *run);
    run->file = file;
    run->line = line;
}

/* Ends the test as its utest_result says; ptest already knows of every
 * reported failure. */
PTEST__UTEST_FN void ptest__utest_end(struct ptest__utest_run *run)
{
    if (run->escaped)
        ptest__fail(run->file, run->line, "exception escaped the test: %s", run->note);
    if (run->result == UTEST_TEST_SKIPPED)
        ptest__skip(run->file, run->line, "%s", run->note);
    if (run->result == UTEST_TEST_FAILURE && !run->reported)
        ptest__fail(run->file, run->line, "utest_result was set to UTEST_TEST_FAILURE");
}

/* Counts a failure whose report ptest has; returns 0, the check's value. */
PTEST__UTEST_FN int ptest__utest_failed(int *result)
{
    ptest__utest_run_of(result)->reported++;
    *result = UTEST_TEST_FAILURE;
    return 0;
}

/* Reports a failure that ptest's own check would let pass (its comparison
 * by value is not C's, and utest.h fails on a NULL string): the macro as
 * written, "value: false" and the message. */
PTEST__UTEST_FN int ptest__utest_plain_failure(int *result, int mode, const char *file,
                                               int line, const char *macro,
                                               const char *texts, const char *why,
                                               const char *msg)
{
    (void)ptest__check_bool(mode, file, line, macro, texts, 0, 1, "%s%s%s", why,
                            *why && *msg ? ": " : "", msg);
    return ptest__utest_failed(result);
}

PTEST__UTEST_FN void ptest__utest_skip(int *result, const char *file, int line,
                                       const char *reason)
{
    struct ptest__utest_run *run = ptest__utest_run_of(result);
    *result = UTEST_TEST_SKIPPED;
    run->file = file;
    run->line = line;
    ptest__utest_note(run, reason);
}

/* ------------------------------------------------------------------------
 * Checks.
 *
 * Each evaluates its operands once, decides as utest.h does (C's or C++'s
 * operator on values of the operands' own types), and on failure has ptest
 * report it with both values formatted by type.
 * ------------------------------------------------------------------------ */

/* A failed comparison: ptest's report with both values, or the plain one
 * when ptest would call the pair equal (-1 == 0xffffffffu is true in C)
 * or cannot show the values. */
PTEST__UTEST_FN int ptest__utest_cmp_failed(int *result, int mode, const char *file,
                                            int line, const char *macro, int op,
                                            const char *texts, struct ptest__value a,
                                            struct ptest__value b, const char *msg)
{
    if (a.kind == PTEST__V_NONE || b.kind == PTEST__V_NONE ||
        ptest__check_cmp(mode, file, line, op, texts, a, b, "%s", msg))
        return ptest__utest_plain_failure(result, mode, file, line, macro, texts,
                                          "false as the language compares these types",
                                          msg);
    return ptest__utest_failed(result);
}

/* A comparison ptest decides by value (compilers without typeof). */
PTEST__UTEST_FN int ptest__utest_cmp_values(int *result, int mode, const char *file,
                                            int line, int op, const char *texts,
                                            struct ptest__value a, struct ptest__value b,
                                            const char *msg)
{
    if (ptest__check_cmp(mode, file, line, op, texts, a, b, "%s", msg))
        return 1;
    return ptest__utest_failed(result);
}

PTEST__UTEST_FN int ptest__utest_bool(int *result, int mode, const char *file, int line,
                                      const char *macro, const char *text, int value,
                                      int want, const char *msg)
{
    if (ptest__check_bool(mode, file, line, macro, text, value, want, "%s", msg))
        return 1;
    return ptest__utest_failed(result);
}

/* s cut to at most n bytes, in malloc'd memory (NULL stays NULL). */
PTEST__UTEST_FN char *ptest__utest_prefix(const char *s, size_t n)
{
    size_t len = 0;
    char *copy;
    if (!s)
        return NULL;
    while (len < n && s[len])
        len++;
    copy = UTEST_CAST(char *, malloc(len + 1));
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

/* STREQ, STRNE (n = SIZE_MAX) and STRNEQ, STRNNE (the first n bytes).
 * Like utest.h, a NULL on either side fails both kinds. */
PTEST__UTEST_FN int ptest__utest_str(int *result, int mode, const char *file, int line,
                                     const char *macro, int want_equal, const char *texts,
                                     const char *a, const char *b, size_t n,
                                     const char *msg)
{
    char *x, *y;
    int shown;
    if (a && b && ((n == SIZE_MAX ? strcmp(a, b) : strncmp(a, b, n)) == 0) == want_equal)
        return 1;
    if (n == SIZE_MAX) {
        if (!ptest__check_str(mode, file, line, want_equal, texts, a, b, "%s", msg))
            return ptest__utest_failed(result);
        return ptest__utest_plain_failure(result, mode, file, line, macro, texts,
                                          "a string is NULL", msg);
    }
    x = ptest__utest_prefix(a, n);
    y = ptest__utest_prefix(b, n);
    shown = (!a || x) && (!b || y) &&
            !ptest__check_str(mode, file, line, want_equal, texts, x, y, "%s", msg);
    free(x);
    free(y);
    if (shown)
        return ptest__utest_failed(result);
    return ptest__utest_plain_failure(result, mode, file, line, macro, texts,
                                      a && b ? "" : "a string is NULL", msg);
}

/* NEAR: as utest.h, in double; a NaN difference fails. */
PTEST__UTEST_FN int ptest__utest_near(int *result, int mode, const char *file, int line,
                                      const char *texts, double a, double b, double eps,
                                      const char *msg)
{
    double diff = a > b ? a - b : b - a;
    if (!(diff > eps) && diff == diff)
        return 1;
    if (ptest__check_near(mode, file, line, texts, UTEST_CAST(long double, a),
                          UTEST_CAST(long double, b), UTEST_CAST(long double, eps),
                          "%s", msg))
        return ptest__utest_plain_failure(result, mode, file, line, "ASSERT_NEAR", texts,
                                          "", msg);
    return ptest__utest_failed(result);
}

/* How a check holds its operands: both in the type the language compares
 * them in (the type of cond ? x : y, so p == NULL and 1 == sizeof x work
 * without warnings in C and C++), through C++11's decltype, typeof (GNU C,
 * C23), or not at all (ptest then compares the values it captured). */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define PTEST__UTEST_AUTO(x, y) typename std::decay<decltype(true ? (x) : (y))>::type
#elif !defined(__cplusplus) && (defined(__GNUC__) || defined(__TINYC__))
#define PTEST__UTEST_AUTO(x, y) __typeof__(1 ? (x) : (y))
#elif !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ > 201710L
#define PTEST__UTEST_AUTO(x, y) typeof(1 ? (x) : (y))
#endif

/* An operand as ptest shows it. */
#if defined(__cplusplus) && __cplusplus >= 201103L
template <typename T> struct ptest__utest_kind {
    static const int value =
        std::is_same<T, bool>::value ? 1
        : std::is_same<T, char>::value ? 2
        : std::is_enum<T>::value ? 3
        : std::is_integral<T>::value ? (std::is_signed<T>::value ? 4 : 5)
        : std::is_floating_point<T>::value ? 6
        : std::is_pointer<T>::value ? 7
        : std::is_same<T, decltype(nullptr)>::value ? 8
        : 0;
};
template <int K> struct ptest__utest_tag {};
template <typename T>
inline ptest__value ptest__utest_val_(const T &, ptest__utest_tag<0>) { return ptest__v_none(); }
template <typename T>
inline ptest__value ptest__utest_val_(const T &v, ptest__utest_tag<1>) { return ptest__v_bool(v); }
template <typename T>
inline ptest__value ptest__utest_val_(const T &v, ptest__utest_tag<2>) { return ptest__v_char(v); }
template <typename T>
inline ptest__value ptest__utest_val_(const T &v, ptest__utest_tag<3>)
{
    return ptest__v_int(static_cast<intmax_t>(v));
}
template <typename T>
inline ptest__value ptest__utest_val_(const T &v, ptest__utest_tag<4>)
{
    return ptest__v_int(static_cast<intmax_t>(v));
}
template <typename T>
inline ptest__value ptest__utest_val_(const T &v, ptest__utest_tag<5>)
{
    return ptest__v_uint(static_cast<uintmax_t>(v));
}
template <typename T>
inline ptest__value ptest__utest_val_(const T &v, ptest__utest_tag<6>)
{
    return ptest__v_float(static_cast<long double>(v));
}
template <typename T>
inline ptest__value ptest__utest_val_(const T &v, ptest__utest_tag<7>)
{
    return ptest__v_ptr(reinterpret_cast<const void *>(reinterpret_cast<uintptr_t>(v)));
}
template <typename T>
inline ptest__value ptest__utest_val_(const T &, ptest__utest_tag<8>) { return ptest__v_ptr(0); }
template <typename T> inline ptest__value ptest__utest_val(const T &v)
{
    return ptest__utest_val_(v, ptest__utest_tag<ptest__utest_kind<T>::value>());
}
#define PTEST__UTEST_VAL(x) ptest__utest_val(x)
#elif defined(PTEST__VALUES_GENERIC)
#define PTEST__UTEST_VAL(x) PTEST__VAL(x)
#else
#define PTEST__UTEST_VAL(x) ptest__v_none()
#endif

#if defined(PTEST__UTEST_AUTO)
#define PTEST__UTEST_CMP(x, y, op, code, macro, texts, msg, fatal)             \
    do {                                                                       \
        PTEST__UTEST_AUTO(x, y) ptest__utest_x = (x);                          \
        PTEST__UTEST_AUTO(x, y) ptest__utest_y = (y);                          \
        if (!(ptest__utest_x op ptest__utest_y)) {                             \
            ptest__utest_cmp_failed(utest_result, PTEST__UTEST_MODE(fatal),    \
                                    __FILE__, __LINE__, macro, code, texts,    \
                                    PTEST__UTEST_VAL(ptest__utest_x),          \
                                    PTEST__UTEST_VAL(ptest__utest_y), msg);    \
            if (fatal)                                                         \
                return;                                                        \
        }                                                                      \
    } while (0)
#elif defined(PTEST__VALUES_GENERIC)
#define PTEST__UTEST_CMP(x, y, op, code, macro, texts, msg, fatal)             \
    do {                                                                       \
        if (!ptest__utest_cmp_values(utest_result, PTEST__UTEST_MODE(fatal),   \
                                     __FILE__, __LINE__, code, texts,          \
                                     PTEST__VAL(x), PTEST__VAL(y), msg) &&     \
            (fatal))                                                           \
            return;                                                            \
    } while (0)
#else /* neither typeof nor _Generic: exact, without the values */
#define PTEST__UTEST_CMP(x, y, op, code, macro, texts, msg, fatal)             \
    do {                                                                       \
        if (!ptest__utest_cmp_values(utest_result, PTEST__UTEST_MODE(fatal),   \
                                     __FILE__, __LINE__, code, texts,          \
                                     ptest__v_bool((x) op (y)), ptest__v_none(), \
                                     msg) &&                                   \
            (fatal))                                                           \
            return;                                                            \
    } while (0)
#endif

#define PTEST__UTEST_BOOL(c, want, macro, text, msg, fatal)                    \
    do {                                                                       \
        if (!ptest__utest_bool(utest_result, PTEST__UTEST_MODE(fatal), __FILE__, \
                               __LINE__, macro, text, !!(c), want, msg) &&     \
            (fatal))                                                           \
            return;                                                            \
    } while (0)

#define PTEST__UTEST_STR(x, y, n, want, macro, texts, msg, fatal)              \
    do {                                                                       \
        if (!ptest__utest_str(utest_result, PTEST__UTEST_MODE(fatal), __FILE__, \
                              __LINE__, macro, want, texts, (x), (y), (n),     \
                              msg) &&                                          \
            (fatal))                                                           \
            return;                                                            \
    } while (0)

#define PTEST__UTEST_NEAR(x, y, eps, texts, msg, fatal)                        \
    do {                                                                       \
        if (!ptest__utest_near(utest_result, PTEST__UTEST_MODE(fatal), __FILE__, \
                               __LINE__, texts, UTEST_CAST(double, x),         \
                               UTEST_CAST(double, y), UTEST_CAST(double, eps), \
                               msg) &&                                         \
            (fatal))                                                           \
            return;                                                            \
    } while (0)

#define ASSERT_TRUE(x) PTEST__UTEST_BOOL(x, 1, "ASSERT_TRUE", #x, "", 1)
#define ASSERT_TRUE_MSG(x, msg) PTEST__UTEST_BOOL(x, 1, "ASSERT_TRUE", #x, msg, 1)
#define ASSERT_FALSE(x) PTEST__UTEST_BOOL(x, 0, "ASSERT_FALSE", #x, "", 1)
#define ASSERT_FALSE_MSG(x, msg) PTEST__UTEST_BOOL(x, 0, "ASSERT_FALSE", #x, msg, 1)
#define EXPECT_TRUE(x) PTEST__UTEST_BOOL(x, 1, "EXPECT_TRUE", #x, "", 0)
#define EXPECT_TRUE_MSG(x, msg) PTEST__UTEST_BOOL(x, 1, "EXPECT_TRUE", #x, msg, 0)
#define EXPECT_FALSE(x) PTEST__UTEST_BOOL(x, 0, "EXPECT_FALSE", #x, "", 0)
#define EXPECT_FALSE_MSG(x, msg) PTEST__UTEST_BOOL(x, 0, "EXPECT_FALSE", #x, msg, 0)

#define ASSERT_EQ(x, y) PTEST__UTEST_CMP(x, y, ==, PTEST__EQ, "ASSERT_EQ", #x ", " #y, "", 1)
#define ASSERT_NE(x, y) PTEST__UTEST_CMP(x, y, !=, PTEST__NE, "ASSERT_NE", #x ", " #y, "", 1)
#define ASSERT_LT(x, y) PTEST__UTEST_CMP(x, y, <, PTEST__LT, "ASSERT_LT", #x ", " #y, "", 1)
#define ASSERT_LE(x, y) PTEST__UTEST_CMP(x, y, <=, PTEST__LE, "ASSERT_LE", #x ", " #y, "", 1)
#define ASSERT_GT(x, y) PTEST__UTEST_CMP(x, y, >, PTEST__GT, "ASSERT_GT", #x ", " #y, "", 1)
#define ASSERT_GE(x, y) PTEST__UTEST_CMP(x, y, >=, PTEST__GE, "ASSERT_GE", #x ", " #y, "", 1)
#define EXPECT_EQ(x, y) PTEST__UTEST_CMP(x, y, ==, PTEST__EQ, "EXPECT_EQ", #x ", " #y, "", 0)
#define EXPECT_NE(x, y) PTEST__UTEST_CMP(x, y, !=, PTEST__NE, "EXPECT_NE", #x ", " #y, "", 0)
#define EXPECT_LT(x, y) PTEST__UTEST_CMP(x, y, <, PTEST__LT, "EXPECT_LT", #x ", " #y, "", 0)
#define EXPECT_LE(x, y) PTEST__UTEST_CMP(x, y, <=, PTEST__LE, "EXPECT_LE", #x ", " #y, "", 0)
#define EXPECT_GT(x, y) PTEST__UTEST_CMP(x, y, >, PTEST__GT, "EXPECT_GT", #x ", " #y, "", 0)
#define EXPECT_GE(x, y) PTEST__UTEST_CMP(x, y, >=, PTEST__GE, "EXPECT_GE", #x ", " #y, "", 0)
#define ASSERT_EQ_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, ==, PTEST__EQ, "ASSERT_EQ", #x ", " #y, msg, 1)
#define ASSERT_NE_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, !=, PTEST__NE, "ASSERT_NE", #x ", " #y, msg, 1)
#define ASSERT_LT_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, <, PTEST__LT, "ASSERT_LT", #x ", " #y, msg, 1)
#define ASSERT_LE_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, <=, PTEST__LE, "ASSERT_LE", #x ", " #y, msg, 1)
#define ASSERT_GT_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, >, PTEST__GT, "ASSERT_GT", #x ", " #y, msg, 1)
#define ASSERT_GE_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, >=, PTEST__GE, "ASSERT_GE", #x ", " #y, msg, 1)
#define EXPECT_EQ_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, ==, PTEST__EQ, "EXPECT_EQ", #x ", " #y, msg, 0)
#define EXPECT_NE_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, !=, PTEST__NE, "EXPECT_NE", #x ", " #y, msg, 0)
#define EXPECT_LT_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, <, PTEST__LT, "EXPECT_LT", #x ", " #y, msg, 0)
#define EXPECT_LE_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, <=, PTEST__LE, "EXPECT_LE", #x ", " #y, msg, 0)
#define EXPECT_GT_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, >, PTEST__GT, "EXPECT_GT", #x ", " #y, msg, 0)
#define EXPECT_GE_MSG(x, y, msg) PTEST__UTEST_CMP(x, y, >=, PTEST__GE, "EXPECT_GE", #x ", " #y, msg, 0)

#define ASSERT_STREQ(x, y) PTEST__UTEST_STR(x, y, SIZE_MAX, 1, "ASSERT_STREQ", #x ", " #y, "", 1)
#define ASSERT_STRNE(x, y) PTEST__UTEST_STR(x, y, SIZE_MAX, 0, "ASSERT_STRNE", #x ", " #y, "", 1)
#define EXPECT_STREQ(x, y) PTEST__UTEST_STR(x, y, SIZE_MAX, 1, "EXPECT_STREQ", #x ", " #y, "", 0)
#define EXPECT_STRNE(x, y) PTEST__UTEST_STR(x, y, SIZE_MAX, 0, "EXPECT_STRNE", #x ", " #y, "", 0)
#define ASSERT_STREQ_MSG(x, y, msg) PTEST__UTEST_STR(x, y, SIZE_MAX, 1, "ASSERT_STREQ", #x ", " #y, msg, 1)
#define ASSERT_STRNE_MSG(x, y, msg) PTEST__UTEST_STR(x, y, SIZE_MAX, 0, "ASSERT_STRNE", #x ", " #y, msg, 1)
#define EXPECT_STREQ_MSG(x, y, msg) PTEST__UTEST_STR(x, y, SIZE_MAX, 1, "EXPECT_STREQ", #x ", " #y, msg, 0)
#define EXPECT_STRNE_MSG(x, y, msg) PTEST__UTEST_STR(x, y, SIZE_MAX, 0, "EXPECT_STRNE", #x ", " #y, msg, 0)
#define ASSERT_STRNEQ(x, y, n) PTEST__UTEST_STR(x, y, UTEST_CAST(size_t, n), 1, "ASSERT_STRNEQ", #x ", " #y ", " #n, "", 1)
#define ASSERT_STRNNE(x, y, n) PTEST__UTEST_STR(x, y, UTEST_CAST(size_t, n), 0, "ASSERT_STRNNE", #x ", " #y ", " #n, "", 1)
#define EXPECT_STRNEQ(x, y, n) PTEST__UTEST_STR(x, y, UTEST_CAST(size_t, n), 1, "EXPECT_STRNEQ", #x ", " #y ", " #n, "", 0)
#define EXPECT_STRNNE(x, y, n) PTEST__UTEST_STR(x, y, UTEST_CAST(size_t, n), 0, "EXPECT_STRNNE", #x ", " #y ", " #n, "", 0)
#define ASSERT_STRNEQ_MSG(x, y, n, msg) PTEST__UTEST_STR(x, y, UTEST_CAST(size_t, n), 1, "ASSERT_STRNEQ", #x ", " #y ", " #n, msg, 1)
#define ASSERT_STRNNE_MSG(x, y, n, msg) PTEST__UTEST_STR(x, y, UTEST_CAST(size_t, n), 0, "ASSERT_STRNNE", #x ", " #y ", " #n, msg, 1)
#define EXPECT_STRNEQ_MSG(x, y, n, msg) PTEST__UTEST_STR(x, y, UTEST_CAST(size_t, n), 1, "EXPECT_STRNEQ", #x ", " #y ", " #n, msg, 0)
#define EXPECT_STRNNE_MSG(x, y, n, msg) PTEST__UTEST_STR(x, y, UTEST_CAST(size_t, n), 0, "EXPECT_STRNNE", #x ", " #y ", " #n, msg, 0)

#define ASSERT_NEAR(x, y, eps) PTEST__UTEST_NEAR(x, y, eps, #x ", " #y ", " #eps, "", 1)
#define EXPECT_NEAR(x, y, eps) PTEST__UTEST_NEAR(x, y, eps, #x ", " #y ", " #eps, "", 0)
#define ASSERT_NEAR_MSG(x, y, eps, msg) PTEST__UTEST_NEAR(x, y, eps, #x ", " #y ", " #eps, msg, 1)
#define EXPECT_NEAR_MSG(x, y, eps, msg) PTEST__UTEST_NEAR(x, y, eps, #x ", " #y ", " #eps, msg, 0)

/* C++ with exceptions: x must throw a type (and, _WITH_MESSAGE, a what()
 * that starts with the message, as utest.h compares it). */
#if defined(PTEST__UTEST_EXCEPTIONS)
#define PTEST__UTEST_THROWS(x, type, macro, texts, msg, fatal)                 \
    do {                                                                       \
        int ptest__utest_caught = 0;                                           \
        try {                                                                  \
            x;                                                                 \
        } catch (const type &) {                                               \
            ptest__utest_caught = 1;                                           \
        } catch (...) {                                                        \
            ptest__utest_caught = 2;                                           \
        }                                                                      \
        if (ptest__utest_caught != 1) {                                        \
            ptest__utest_plain_failure(utest_result, PTEST__UTEST_MODE(fatal), \
                                       __FILE__, __LINE__, macro, texts,       \
                                       ptest__utest_caught                     \
                                           ? "it threw something else"         \
                                           : "it threw nothing",               \
                                       msg);                                   \
            if (fatal)                                                         \
                return;                                                        \
        }                                                                      \
    } while (0)
#define PTEST__UTEST_THROWS_WHAT(x, type, expected, macro, texts, msg, fatal)      \
    do {                                                                       \
        int ptest__utest_caught = 0;                                           \
        char ptest__utest_what[200] = "";                                      \
        try {                                                                  \
            x;                                                                 \
        } catch (const type &ptest__utest_e) {                                 \
            const char *const ptest__utest_w = ptest__utest_e.what();          \
            ptest__utest_caught = 1;                                           \
            if (strncmp(ptest__utest_w, expected, strlen(expected)) != 0) {            \
                ptest__utest_caught = 3;                                       \
                snprintf(ptest__utest_what, sizeof ptest__utest_what,          \
                         "its message was \"%s\"", ptest__utest_w);            \
            }                                                                  \
        } catch (...) {                                                        \
            ptest__utest_caught = 2;                                           \
        }                                                                      \
        if (ptest__utest_caught != 1) {                                        \
            ptest__utest_plain_failure(utest_result, PTEST__UTEST_MODE(fatal), \
                                       __FILE__, __LINE__, macro, texts,       \
                                       ptest__utest_caught == 3                \
                                           ? ptest__utest_what                 \
                                       : ptest__utest_caught                   \
                                           ? "it threw something else"         \
                                           : "it threw nothing",               \
                                       msg);                                   \
            if (fatal)                                                         \
                return;                                                        \
        }                                                                      \
    } while (0)

#define ASSERT_EXCEPTION(x, type) PTEST__UTEST_THROWS(x, type, "ASSERT_EXCEPTION", #x ", " #type, "", 1)
#define EXPECT_EXCEPTION(x, type) PTEST__UTEST_THROWS(x, type, "EXPECT_EXCEPTION", #x ", " #type, "", 0)
#define ASSERT_EXCEPTION_MSG(x, type, msg) PTEST__UTEST_THROWS(x, type, "ASSERT_EXCEPTION", #x ", " #type, msg, 1)
#define EXPECT_EXCEPTION_MSG(x, type, msg) PTEST__UTEST_THROWS(x, type, "EXPECT_EXCEPTION", #x ", " #type, msg, 0)
#define ASSERT_EXCEPTION_WITH_MESSAGE(x, type, text)                           \
    PTEST__UTEST_THROWS_WHAT(x, type, text, "ASSERT_EXCEPTION_WITH_MESSAGE",   \
                             #x ", " #type ", " #text, "", 1)
#define EXPECT_EXCEPTION_WITH_MESSAGE(x, type, text)                           \
    PTEST__UTEST_THROWS_WHAT(x, type, text, "EXPECT_EXCEPTION_WITH_MESSAGE",   \
                             #x ", " #type ", " #text, "", 0)
#define ASSERT_EXCEPTION_WITH_MESSAGE_MSG(x, type, text, msg)                  \
    PTEST__UTEST_THROWS_WHAT(x, type, text, "ASSERT_EXCEPTION_WITH_MESSAGE",   \
                             #x ", " #type ", " #text, msg, 1)
#define EXPECT_EXCEPTION_WITH_MESSAGE_MSG(x, type, text, msg)                  \
    PTEST__UTEST_THROWS_WHAT(x, type, text, "EXPECT_EXCEPTION_WITH_MESSAGE",   \
                             #x ", " #type ", " #text, msg, 0)
#endif

/* Ends the test (or set-up, or teardown) now, as skipped with msg. */
#define UTEST_SKIP(msg)                                                        \
    do {                                                                       \
        ptest__utest_skip(utest_result, __FILE__, __LINE__, msg);              \
        return;                                                                \
    } while (0)

/* ------------------------------------------------------------------------
 * Tests.
 *
 * Each utest test is a ptest test with a const descriptor, written here
 * rather than through PTEST_TEST so that its names are never macro-expanded
 * (UTEST(bool, true) stays "bool.true" next to <stdbool.h>). The function
 * ptest calls holds the run and the fixture on its stack and calls set-up,
 * body and teardown as utest.h does: no body after a set-up that did not
 * pass, teardown after any body.
 * ------------------------------------------------------------------------ */

#define PTEST__UTEST_REGISTER(var, set, name, fn, params)                      \
    static const struct ptest__option var##_options[] = {PTEST__OPT_END_};   \
    PTEST__PACKED_DATA static const struct ptest__test var = {                \
        set, name, __FILE__, fn, var##_options, params, 1u, __LINE__};         \
    PTEST__REGISTER(tests, struct ptest__test, var)

/* C++: an exception escaping the test fails it (its what() reported), as
 * utest.h's runner does, instead of ending the worker. */
#if defined(PTEST__UTEST_EXCEPTIONS)
PTEST__UTEST_FN void ptest__utest_escaped(struct ptest__utest_run *run, const char *what)
{
    run->escaped = 1;
    ptest__utest_note(run, what);
}
#define PTEST__UTEST_CALL(run, ...)                                            \
    try {                                                                      \
        __VA_ARGS__                                                            \
    } catch (const std::exception &ptest__utest_e) {                           \
        ptest__utest_escaped(run, ptest__utest_e.what());                      \
    } catch (...) {                                                            \
        ptest__utest_escaped(run, "an exception of unknown type");             \
    }
#else
#define PTEST__UTEST_CALL(run, ...) __VA_ARGS__
#endif

/* A fixture's instance: zeroed as utest.h does (C++: value-initialized). */
#if defined(__cplusplus)
#define PTEST__UTEST_ZEROED(var) var{}
#else
#define PTEST__UTEST_ZEROED(var) var; memset(&var, 0, sizeof var)
#endif

#define UTEST(SET, NAME)                                                       \
    static void ptest__utest_body_##SET##_##NAME(int *utest_result);          \
    static void ptest__utest_test_##SET##_##NAME(void)                        \
    {                                                                          \
        struct ptest__utest_run ptest__run;                                    \
        ptest__utest_begin(&ptest__run, __FILE__, __LINE__);                   \
        PTEST__UTEST_CALL(&ptest__run,                                         \
            ptest__utest_body_##SET##_##NAME(&ptest__run.result);)            \
        ptest__utest_end(&ptest__run);                                         \
    }                                                                          \
    PTEST__UTEST_REGISTER(ptest__utest_test_desc_##SET##_##NAME, #SET, #NAME, \
                          ptest__utest_test_##SET##_##NAME, NULL)             \
    static void ptest__utest_body_##SET##_##NAME(PTEST__UNUSED int *utest_result)

#define UTEST_F_SETUP(FIXTURE)                                                 \
    static void ptest__utest_f_setup_##FIXTURE(\
        PTEST__UNUSED int *utest_result, PTEST__UNUSED struct FIXTURE *utest_fixture)
#define UTEST_F_TEARDOWN(FIXTURE)                                              \
    static void ptest__utest_f_teardown_##FIXTURE(\
        PTEST__UNUSED int *utest_result, PTEST__UNUSED struct FIXTURE *utest_fixture)

#define UTEST_F(FIXTURE, NAME)                                                 \
    static void ptest__utest_f_setup_##FIXTURE(int *, struct FIXTURE *);      \
    static void ptest__utest_f_teardown_##FIXTURE(int *, struct FIXTURE *);   \
    static void ptest__utest_body_##FIXTURE##_##NAME(int *, struct FIXTURE *); \
    static void ptest__utest_test_##FIXTURE##_##NAME(void)                    \
    {                                                                          \
        struct ptest__utest_run ptest__run;                                    \
        ptest__utest_begin(&ptest__run, __FILE__, __LINE__);                   \
        { /* the fixture is gone before ptest__utest_end may longjmp */        \
            struct FIXTURE PTEST__UTEST_ZEROED(ptest__fixture);                \
            PTEST__UTEST_CALL(&ptest__run,                                     \
                ptest__utest_f_setup_##FIXTURE(&ptest__run.result,             \
                                               &ptest__fixture);               \
                if (ptest__run.result == UTEST_TEST_PASSED) {                  \
                    ptest__utest_body_##FIXTURE##_##NAME(&ptest__run.result,   \
                                                         &ptest__fixture);     \
                    ptest__utest_f_teardown_##FIXTURE(&ptest__run.result,      \
                                                      &ptest__fixture);        \
                })                                                             \
        }                                                                      \
        ptest__utest_end(&ptest__run);                                         \
    }                                                                          \
    PTEST__UTEST_REGISTER(ptest__utest_test_desc_##FIXTURE##_##NAME, #FIXTURE, \
                          #NAME, ptest__utest_test_##FIXTURE##_##NAME, NULL)  \
    static void ptest__utest_body_##FIXTURE##_##NAME(                         \
        PTEST__UNUSED int *utest_result, PTEST__UNUSED struct FIXTURE *utest_fixture)

#define UTEST_I_SETUP(FIXTURE)                                                 \
    static void ptest__utest_i_setup_##FIXTURE(                               \
        PTEST__UNUSED int *utest_result, PTEST__UNUSED struct FIXTURE *utest_fixture, \
        PTEST__UNUSED size_t utest_index)
#define UTEST_I_TEARDOWN(FIXTURE)                                              \
    static void ptest__utest_i_teardown_##FIXTURE(                            \
        PTEST__UNUSED int *utest_result, PTEST__UNUSED struct FIXTURE *utest_fixture, \
        PTEST__UNUSED size_t utest_index)

/* COUNT tests, ids "FIXTURE.NAME[0]" ...: a ptest parameterized test over
 * COUNT bytes, where the element's offset is utest_index. */
#define UTEST_I(FIXTURE, NAME, COUNT)                                          \
    static void ptest__utest_i_setup_##FIXTURE(int *, struct FIXTURE *, size_t); \
    static void ptest__utest_i_teardown_##FIXTURE(int *, struct FIXTURE *,    \
                                                  size_t);                     \
    static void ptest__utest_body_##FIXTURE##_##NAME(int *, struct FIXTURE *); \
    static const char ptest__utest_indices_##FIXTURE##_##NAME[COUNT] = {0};   \
    static void ptest__utest_test_##FIXTURE##_##NAME(const void *ptest__param) \
    {                                                                          \
        const size_t ptest__index = UTEST_CAST(                                \
            size_t, UTEST_CAST(const char *, ptest__param) -                   \
                        ptest__utest_indices_##FIXTURE##_##NAME);              \
        struct ptest__utest_run ptest__run;                                    \
        ptest__utest_begin(&ptest__run, __FILE__, __LINE__);                   \
        {                                                                      \
            struct FIXTURE PTEST__UTEST_ZEROED(ptest__fixture);                \
            PTEST__UTEST_CALL(&ptest__run,                                     \
                ptest__utest_i_setup_##FIXTURE(&ptest__run.result,             \
                                               &ptest__fixture, ptest__index); \
                if (ptest__run.result == UTEST_TEST_PASSED) {                  \
                    ptest__utest_body_##FIXTURE##_##NAME(&ptest__run.result,   \
                                                         &ptest__fixture);     \
                    ptest__utest_i_teardown_##FIXTURE(&ptest__run.result,      \
                                                      &ptest__fixture,         \
                                                      ptest__index);           \
                })                                                             \
        }                                                                      \
        ptest__utest_end(&ptest__run);                                         \
    }                                                                          \
    static const struct ptest__params ptest__utest_params_##FIXTURE##_##NAME = { \
        ptest__utest_test_##FIXTURE##_##NAME,                                  \
        ptest__utest_indices_##FIXTURE##_##NAME, 1,                            \
        sizeof ptest__utest_indices_##FIXTURE##_##NAME};                       \
    PTEST__UTEST_REGISTER(ptest__utest_test_desc_##FIXTURE##_##NAME, #FIXTURE, \
                          #NAME, NULL, &ptest__utest_params_##FIXTURE##_##NAME) \
    static void ptest__utest_body_##FIXTURE##_##NAME(                         \
        PTEST__UNUSED int *utest_result, PTEST__UNUSED struct FIXTURE *utest_fixture)

/* ------------------------------------------------------------------------
 * main.
 *
 * UTEST_MAIN() gives main(); a suite with its own main() writes
 * UTEST_STATE() once and calls utest_main(argc, argv). Either runs ptest
 * with utest.h's flags put into ptest's words.
 * ------------------------------------------------------------------------ */

/* utest.h's --filter=PATTERN as ptest arguments in out[0..1]; returns how
 * many (0: all tests), or -1 for a pattern ptest has no equivalent of.
 * *owned gets what out points into that the caller frees. */
PTEST__UTEST_FN int ptest__utest_filter(const char *pattern, char **out, char **owned)
{
    size_t n = strlen(pattern);
    const char *star = strchr(pattern, '*');
    char *copy = UTEST_CAST(char *, malloc(n + 2));
    *owned = copy;
    if (!copy)
        return -1;
    if (!star) { /* an id; UTEST_I's "f.name/3" is ptest's "f.name[3]" */
        const char *slash = strrchr(pattern, '/');
        memcpy(copy, pattern, n + 1);
        if (slash && slash[1] && strspn(slash + 1, "0123456789") == strlen(slash + 1)) {
            size_t at = UTEST_CAST(size_t, slash - pattern);
            copy[at] = '[';
            memcpy(copy + at + 1, slash + 1, n - at - 1);
            copy[n] = ']';
            copy[n + 1] = '\0';
        }
        out[0] = copy;
        return 1;
    }
    if (n >= 2 && star == pattern + n - 1 && pattern[n - 2] == '.') { /* "set.*" */
        memcpy(copy, pattern, n - 2);
        copy[n - 2] = '\0';
        out[0] = copy;
        return 1;
    }
    while (*pattern == '*') /* "*", "*text", "text*", "*text*" */
        pattern++;
    n = strcspn(pattern, "*");
    if (strspn(pattern + n, "*") != strlen(pattern + n))
        return -1;
    if (n == 0)
        return 0;
    memcpy(copy, pattern, n);
    copy[n] = '\0';
    out[0] = PTEST__UTEST_UNCONST("-k");
    out[1] = copy;
    return 2;
}

/* Runs ptest as utest_main would run utest.h. */
PTEST__UTEST_FN int ptest__utest_main(int argc, const char *const *argv)
{
    char **args = UTEST_CAST(char **, calloc(UTEST_CAST(size_t, argc) * 2 + 1, sizeof *args));
    char **owned = UTEST_CAST(char **, calloc(UTEST_CAST(size_t, argc) + 1, sizeof *owned));
    int i, n = 0, status = 4;
    if (!args || !owned) {
        fprintf(stderr, "ptest: error: out of memory\n");
        free(args);
        free(owned);
        return 3;
    }
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (i == 0 || strncmp(a, "--", 2) != 0) {
            args[n++] = PTEST__UTEST_UNCONST(a);
        } else if (strcmp(a, "--list-tests") == 0) {
            args[n++] = PTEST__UTEST_UNCONST("--collect-only");
            args[n++] = PTEST__UTEST_UNCONST("-q");
        } else if (strcmp(a, "--enable-mixed-units") == 0) {
            continue; /* ptest picks its units itself */
        } else if (strcmp(a, "--random-order") == 0) {
            args[n++] = PTEST__UTEST_UNCONST("--shuffle");
        } else if (strncmp(a, "--random-order=", 15) == 0 ||
                   strncmp(a, "--output=", 9) == 0) {
            const int seed = a[2] == 'r';
            const char *value = strchr(a, '=') + 1;
            owned[i] = UTEST_CAST(char *, malloc(strlen(value) + 16));
            if (!owned[i])
                goto out;
            snprintf(owned[i], strlen(value) + 16, "%s%s",
                     seed ? "--seed=" : "--junitxml=", value);
            args[n++] = owned[i];
        } else if (strncmp(a, "--filter=", 9) == 0) {
            int got = ptest__utest_filter(a + 9, args + n, &owned[i]);
            if (got < 0) {
                fprintf(stderr, "ptest: error: %s: ptest selects by id (SET.NAME), "
                                "by SET.* or by *TEXT*; use -k EXPR for others\n", a);
                goto out;
            }
            n += got;
        } else {
            args[n++] = PTEST__UTEST_UNCONST(a);
        }
    }
    status = ptest_main(n, args);
out:
    for (i = 0; i < argc; i++)
        free(owned[i]);
    free(owned);
    free(args);
    return status;
}

#define utest_main(argc, argv)                                                 \
    ptest__utest_main((argc), UTEST_PTR_CAST(const char *const *, argv))

/* utest.h's global state lives in ptest's runner; this only declares. */
#define UTEST_STATE() extern int ptest__utest_state

#define UTEST_MAIN()                                                           \
    UTEST_STATE();                                                             \
    int main(int argc, char **argv)                                            \
    {                                                                          \
        return ptest__utest_main(argc, UTEST_PTR_CAST(const char *const *, argv)); \
    }

#endif /* PTEST_COMPAT_UTEST_H */

/*
 * ------------------------------------------------------------------------
 * MIT License
 *
 * Copyright (c) 2026 the ptest authors
 *
 * Permission is hereby granted, free of charge, to any person obtaining a
 * copy of this software and associated documentation files (the
 * "Software"), to deal in the Software without restriction, including
 * without limitation the rights to use, copy, modify, merge, publish,
 * distribute, sublicense, and/or sell copies of the Software, and to
 * permit persons to whom the Software is furnished to do so, subject to
 * the following conditions:
 *
 * The above copyright notice and this permission notice shall be included
 * in all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS
 * OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 * MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
 * IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY
 * CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,
 * TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 * SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 * ------------------------------------------------------------------------
 */
