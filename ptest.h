/* ptest.h - C unit tests in one header, with a parallel runner that survives
 * whatever the tests do.                                   MIT license at end.
 *
 * QUICK START
 *
 *     // math_test.c                        // main.c (exactly one file)
 *     #include "ptest.h"                    #define PTEST_MAIN
 *                                           #include "ptest.h"
 *     TEST(math, adds) {
 *         ASSERT_EQ(add(2, 2), 4);          cc -o tests main.c math_test.c
 *     }                                     ./tests -j auto -m "not slow"
 *
 *     TEST(net, fetch, MARK(slow), TIMEOUT(10)) { ... }
 *
 * CONTENTS
 *
 *     Public API ......... version, options, test definition, markers,
 *                          assertions, run-time helpers, short names
 *     Implementation ..... (in the file that defines PTEST_MAIN or
 *                          PTEST_IMPLEMENTATION)
 *         platform layer   POSIX, then Windows: clocks, CPUs, processes,
 *                          pipes, shared memory, signals (ptest__os_*)
 *         utilities        buffers, strings, allocation
 *         registry         collection, TEST_P expansion, ids, markers
 *         impact recording the functions each test enters (PTEST_IMPACT)
 *         test context     state, values, assertions, logs; then running
 *                          one test: fixtures, tmpdir, death tests
 *         expressions      -m / -k tokenizer, parser, evaluator
 *         CLI              struct ptest__config: flags, environment, --help
 *         scheduler        run state and selection
 *         durations cache  the results cache file, --durations-file
 *         scheduler        plan, shards, batches, the dispatch queue
 *         change impact    the map; recording it; selecting (--affected)
 *         workers          hygiene; wire protocol and the worker side;
 *                          the POSIX pool; the Windows pool; the fork-pool
 *                          runner; the thread pool; the inline runner
 *         reporters        console, JSON Lines, JUnit; then trace, HTML,
 *                          TAP, GitHub, and the dispatch to them all
 *         ptest_main       the stages, top to bottom
 *
 * CONFIGURATION (define before including)
 *
 *     PTEST_MAIN              implementation + main() (one file per binary)
 *     PTEST_IMPLEMENTATION    implementation; your main calls ptest_main()
 *     PTEST_NO_SHORT_NAMES    no TEST, ASSERT_EQ, ... aliases (PTEST_ only)
 *     PTEST_USE_CONSTRUCTORS  register tests with constructors instead of a
 *                             linker section (automatic where none exists)
 *     PTEST_NO_THREADS        no thread pool (--pool=thread), no pthreads:
 *                             for targets without them
 *     PTEST_IMPACT            with -finstrument-functions: --impact-record
 *                             can note what each test runs (Linux, gcc or
 *                             clang; docs/affected.md)
 *
 * The implementation uses POSIX: include ptest.h before any other header in
 * the file that defines PTEST_MAIN, or build with -D_GNU_SOURCE. On Windows
 * (MinGW-w64) it uses Win32 instead: workers are started processes, and
 * death tests are skipped; see README "Platforms".
 */
#ifndef PTEST_H
#define PTEST_H

#define PTEST_VERSION_MAJOR 0
#define PTEST_VERSION_MINOR 2
#define PTEST_VERSION_PATCH 0
/* One number to compare: major * 10000 + minor * 100 + patch. */
#define PTEST_VERSION 200
#define PTEST_VERSION_STRING "0.2.0"

#if defined(PTEST_MAIN) && !defined(PTEST_IMPLEMENTATION)
#define PTEST_IMPLEMENTATION
#endif

/* The implementation needs POSIX declarations, which strict -std=c99 hides
 * unless asked for before the first system header. */
#if defined(PTEST_IMPLEMENTATION) && !defined(_WIN32)
#if !defined(_GNU_SOURCE) && !defined(_DEFAULT_SOURCE)
#define _GNU_SOURCE 1
#endif
#endif
/* MinGW: C99 printf (%jd, %zu, %Lg) rather than the system msvcrt's. */
#if defined(PTEST_IMPLEMENTATION) && defined(__MINGW32__) && !defined(__USE_MINGW_ANSI_STDIO)
#define __USE_MINGW_ANSI_STDIO 1
#endif

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------
 * Compiler features, derived once.
 * ------------------------------------------------------------------------ */

#if defined(__cplusplus) && __cplusplus >= 201103L
#define PTEST__NORETURN [[noreturn]]
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define PTEST__NORETURN _Noreturn
#elif defined(__GNUC__)
#define PTEST__NORETURN __attribute__((noreturn))
#else
#define PTEST__NORETURN
#endif

#if defined(__MINGW32__) && !defined(__clang__) /* clang knows no gnu_printf */
#define PTEST__PRINTF(fmt, args) __attribute__((format(gnu_printf, fmt, args)))
#define PTEST__UNUSED __attribute__((unused))
#define PTEST__USED __attribute__((used))
#elif defined(__GNUC__)
#define PTEST__PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define PTEST__UNUSED __attribute__((unused))
#define PTEST__USED __attribute__((used))
#else
#define PTEST__PRINTF(fmt, args)
#define PTEST__UNUSED
#define PTEST__USED
#endif

/* On a descriptor: no padding to 32 bytes, which gcc gives static data of
 * that size at -O2; 100,000 descriptors are then 5.6 MB, not 6.4. */
#if defined(__GNUC__)
#define PTEST__PACKED_DATA __attribute__((aligned(sizeof(void *))))
#else
#define PTEST__PACKED_DATA
#endif

/* How assertion values learn their type: C++ overloads, C11 _Generic (also
 * taken by gcc and clang in C99 mode as an extension), or not at all. */
#if defined(__cplusplus)
#define PTEST__VALUES_CXX 1
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define PTEST__VALUES_GENERIC 1
#define PTEST__GENERIC _Generic
#elif defined(__GNUC__)
#define PTEST__VALUES_GENERIC 1
#define PTEST__GENERIC __extension__ _Generic
#elif defined(__TINYC__) /* has _Generic, says C99 */
#define PTEST__VALUES_GENERIC 1
#define PTEST__GENERIC _Generic
#endif

/* C++ with exceptions: every function of the user's that the runner calls
 * (test bodies, SETUP/TEARDOWN functions, fixture hooks) is registered
 * through a small template instantiated in the user's own translation
 * unit, which catches what escapes it and fails the test (ptest__guard,
 * after the public API): the implementation's file may well be C. */
#if defined(__cplusplus) && __cplusplus >= 201103L &&                          \
    (defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND))
#define PTEST__CXX_GUARD 1
#define PTEST__GUARD(fn) (&ptest__guard<fn>)
#define PTEST__GUARD_P(fn) (&ptest__guard_p<fn>)
#define PTEST__GUARD_F(fn) (&ptest__guard_f<fn>)
#else
#define PTEST__GUARD(fn) fn
#define PTEST__GUARD_P(fn) fn
#define PTEST__GUARD_F(fn) fn
#endif

/* Where registration records go: a linker section when the toolchain has
 * one we know how to walk, constructors otherwise. */
#if !defined(PTEST_USE_CONSTRUCTORS)
#if defined(__TINYC__) && defined(__linux__)
/* tcc names sections but defines no __start_ and __stop_ symbols (and
 * does not run constructors): the bounds come from the executable's own
 * section headers, read at start. */
#define PTEST__SECTION_ELF 1
#define PTEST__SECTION_SCAN 1
#elif defined(__TINYC__)
#error "ptest: with tcc, tests register only on Linux (from the ELF section headers); use gcc or clang"
#elif defined(__APPLE__) && defined(__GNUC__)
#define PTEST__SECTION_MACHO 1
#elif defined(_MSC_VER)
#define PTEST__SECTION_MSVC 1
#elif defined(__GNUC__) && defined(_WIN32)
#define PTEST__SECTION_PE 1 /* MinGW: GNU ld sorts name$suffix sections */
#elif defined(__GNUC__) && defined(__ELF__)
#define PTEST__SECTION_ELF 1
#else
#define PTEST_USE_CONSTRUCTORS 1
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ========================================================================
 * Public API
 * ======================================================================== */

/* Runs the selected tests as the command line says and returns the exit
 * status: 0 passed, 1 failed, 2 interrupted or definition error, 3 internal
 * error, 4 usage error, 5 no tests selected. PTEST_MAIN calls it for you.
 *     int main(int argc, char **argv) { return ptest_main(argc, argv); } */
int ptest_main(int argc, char **argv);

/* The running test's worker: 0..N-1 in a pool, -1 without one; its name is
 * "gw0", "gw1", ... or "master". */
int         ptest_worker_id(void);
const char *ptest_worker_name(void);

/* A fresh, empty, private (0700) directory for the running test, made on
 * first call: removed when the test passes, kept (and its path printed)
 * when it fails. Under --basetemp=DIR, else $TMPDIR.
 *     FILE *f = fopen(path_join(ptest_tmpdir(), "data.ini"), "w"); */
const char *ptest_tmpdir(void);

/* ------------------------------------------------------------------------
 * Test definition.
 *
 *     TEST(suite, name, options...) { body }
 *     TEST_P(suite, name, type, array, options...) { use PARAM }
 *     TEST_F(fixture, name, options...) { use self }   (see FIXTURE below)
 *
 * Options, any number in any order:
 *     MARK(name)          a marker, for -m; built in: slow, integration, unit
 *     TIMEOUT(seconds)    per-test timeout, wins over --timeout
 *     SKIP("reason")      do not run; report as skipped
 *     XFAIL("reason")     expected to fail; passing fails the run (xpassed)
 *     EXPECT_SIGNAL(sig)  a death test: passes when the test dies of sig
 *     EXPECT_EXIT(code)   a death test: passes when the test calls exit(code)
 *     SETUP(fn)           void fn(void) run before the body
 *     TEARDOWN(fn)        void fn(void) run after the body, pass or fail
 *     RESOURCE(name)      tests naming the same resource never overlap,
 *                         or no more of them than PTEST_RESOURCE's capacity
 *     SLOTS(n)            the test takes n workers' share while it runs
 *                         (it starts once n are free; more than -j: alone)
 *     DATA_FILE("path")   the test reads this file: --affected selects it
 *                         when the file changes (docs/affected.md)
 *
 * At file scope, once in the program, a resource that several tests may
 * hold at once (RESOURCE(name) alone means one at a time):
 *     PTEST_RESOURCE(gpu, 2);
 *
 * Options belong in TEST's list: MARK(slow); written in a body does not
 * compile, and the error names ptest_error_MARK_is_a_TEST_option_...
 * ------------------------------------------------------------------------ */

enum ptest__option_kind {
    PTEST__OPT_END,
    PTEST__OPT_MARK,
    PTEST__OPT_TIMEOUT,
    PTEST__OPT_SKIP,
    PTEST__OPT_XFAIL,
    PTEST__OPT_EXPECT_SIGNAL,
    PTEST__OPT_EXPECT_EXIT,
    PTEST__OPT_SETUP,
    PTEST__OPT_TEARDOWN,
    PTEST__OPT_RESOURCE,
    PTEST__OPT_FIXTURE,     /* TEST_F's: the fixture's name, size and body */
    PTEST__OPT_SLOTS,
    PTEST__OPT_DATA_FILE
};

/* One option of a test; TEST() collects them into a const array. */
struct ptest__option {
    int kind;
    const char *text;       /* marker, reason, resource or spelling */
    double number;          /* seconds, signal or exit code */
    void (*fn)(void);       /* fixture */
};

/* TEST_P's array, and its body through a cast. */
struct ptest__params {
    void (*run)(const void *param);
    const void *array;
    size_t size;            /* of one element */
    size_t count;
};

/* The const descriptor TEST() emits; the registry only ever reads it. Kept
 * small: the loader writes every pointer in it when a position-independent
 * program starts, a page fault per 4 KiB of descriptors. */
struct ptest__test {
    const char *suite;
    const char *name;
    const char *file;
    void (*run)(void);      /* TEST's body; NULL for TEST_P */
    const struct ptest__option *options;
    const struct ptest__params *params; /* TEST_P; NULL for TEST */
    unsigned option_count;  /* including the END terminator */
    int line;
};

struct ptest__marker {
    const char *name;
    const char *description;
    const char *file;
    int line;
};

/* An option becomes its {kind, text, number, fn} element only when a
 * macro's arguments are expanded once more, as TEST's are: PTEST__DEFER
 * leaves "PTEST__OPTION (...)" for the next scan. Written as a statement,
 * MARK(slow); stays a call whose first argument is an undeclared name
 * that says what is wrong:
 *     error: 'ptest_error_MARK_is_a_TEST_option_not_a_statement' undeclared
 * An option array written by hand goes through PTEST__OPTIONS(...). */
#define PTEST__EMPTY()
#define PTEST__DEFER(macro) macro PTEST__EMPTY()
#define PTEST__OPTION(misuse, kind, text, number, fn) {kind, text, number, fn}
#define PTEST__OPTIONS(...) __VA_ARGS__
int (PTEST__OPTION)(int misuse, ...); /* never defined: see above */
#define PTEST__OPT(misuse, ...)                                                \
    PTEST__DEFER(PTEST__OPTION)(misuse, __VA_ARGS__)

#define PTEST_MARK(name)                                                       \
    PTEST__OPT(ptest_error_MARK_is_a_TEST_option_not_a_statement,              \
               PTEST__OPT_MARK, #name, 0.0, NULL)
#define PTEST_TIMEOUT(seconds)                                                 \
    PTEST__OPT(ptest_error_TIMEOUT_is_a_TEST_option_not_a_statement,           \
               PTEST__OPT_TIMEOUT, #seconds, (double)(seconds), NULL)
#define PTEST_SKIP(reason)                                                     \
    PTEST__OPT(ptest_error_SKIP_is_a_TEST_option_in_a_body_use_SKIP_TEST,      \
               PTEST__OPT_SKIP, reason, 0.0, NULL)
#define PTEST_XFAIL(reason)                                                    \
    PTEST__OPT(ptest_error_XFAIL_is_a_TEST_option_not_a_statement,             \
               PTEST__OPT_XFAIL, reason, 0.0, NULL)
#define PTEST_EXPECT_SIGNAL(sig)                                               \
    PTEST__OPT(ptest_error_EXPECT_SIGNAL_is_a_TEST_option_not_a_statement,     \
               PTEST__OPT_EXPECT_SIGNAL, #sig, (double)(sig), NULL)
#define PTEST_EXPECT_EXIT(code)                                                \
    PTEST__OPT(ptest_error_EXPECT_EXIT_is_a_TEST_option_not_a_statement,       \
               PTEST__OPT_EXPECT_EXIT, #code, (double)(code), NULL)
#define PTEST_SETUP(fn)                                                        \
    PTEST__OPT(ptest_error_SETUP_is_a_TEST_option_not_a_statement,             \
               PTEST__OPT_SETUP, #fn, 0.0, PTEST__GUARD(fn))
#define PTEST_TEARDOWN(fn)                                                     \
    PTEST__OPT(ptest_error_TEARDOWN_is_a_TEST_option_not_a_statement,          \
               PTEST__OPT_TEARDOWN, #fn, 0.0, PTEST__GUARD(fn))
/* RESOURCE(name) in a TEST's options; PTEST_RESOURCE(name, capacity) at
 * file scope declares the resource (the count of arguments decides). */
#define PTEST_RESOURCE(...)                                                    \
    PTEST__RESOURCE_PICK(__VA_ARGS__, PTEST__RESOURCE_DECLARE,                 \
                         PTEST__RESOURCE_OPTION, ~)(__VA_ARGS__)
#define PTEST__RESOURCE_PICK(a, b, which, ...) which
#define PTEST__RESOURCE_OPTION(name)                                           \
    PTEST__OPT(ptest_error_RESOURCE_is_a_TEST_option_not_a_statement,          \
               PTEST__OPT_RESOURCE, #name, 0.0, NULL)
#define PTEST_SLOTS(n)                                                         \
    PTEST__OPT(ptest_error_SLOTS_is_a_TEST_option_not_a_statement,             \
               PTEST__OPT_SLOTS, #n, (double)(n), NULL)
#define PTEST_DATA_FILE(path)                                                  \
    PTEST__OPT(ptest_error_DATA_FILE_is_a_TEST_option_not_a_statement,         \
               PTEST__OPT_DATA_FILE, path, 0.0, NULL)
#define PTEST__OPT_END_        {PTEST__OPT_END, NULL, 0.0, NULL}

/* Defines and registers a test; its id is "suite.name". */
#define PTEST_TEST(...) PTEST__TEST(__VA_ARGS__, PTEST__OPT_END_)
#define PTEST__TEST(suite, name, ...)                                          \
    static void ptest__body_##suite##_##name(void);                           \
    PTEST__DESCRIBE(suite, name, PTEST__GUARD(ptest__body_##suite##_##name),   \
                    NULL, __VA_ARGS__)                                         \
    static void ptest__body_##suite##_##name(void)

/* Defines one test per element of array; PARAM points at the element and
 * the ids are "suite.name[0]", "suite.name[1]", ... */
#define PTEST_TEST_P(...) PTEST__TEST_P(__VA_ARGS__, PTEST__OPT_END_)
#define PTEST__TEST_P(suite, name, type, array, ...)                           \
    static void ptest__body_##suite##_##name(const type *PTEST_PARAM);        \
    static void ptest__run_##suite##_##name(const void *param)                \
    {                                                                          \
        ptest__body_##suite##_##name((const type *)param);                     \
    }                                                                          \
    static const struct ptest__params ptest__params_##suite##_##name = {      \
        PTEST__GUARD_P(ptest__run_##suite##_##name), (const void *)(array),    \
        sizeof((array)[0]), sizeof(array) / sizeof((array)[0])};               \
    PTEST__DESCRIBE(suite, name, NULL, &ptest__params_##suite##_##name,        \
                    __VA_ARGS__)                                               \
    static void ptest__body_##suite##_##name(PTEST__UNUSED const type *PTEST_PARAM)
#define PTEST_PARAM ptest_param

#define PTEST__DESCRIBE(suite, name, run, params, ...)                         \
    static const struct ptest__option ptest__opts_##suite##_##name[] = {      \
        __VA_ARGS__};                                                          \
    PTEST__PACKED_DATA static const struct ptest__test                        \
        ptest__test_##suite##_##name = {                                       \
        #suite, #name, __FILE__, run, ptest__opts_##suite##_##name, params,    \
        (unsigned)(sizeof(ptest__opts_##suite##_##name) /                      \
                   sizeof(ptest__opts_##suite##_##name[0])),                   \
        __LINE__};                                                             \
    PTEST__REGISTER(tests, struct ptest__test, ptest__test_##suite##_##name)

/* Declares a marker once, at file scope, for MARK(name) and -m:
 *     PTEST_MARKER(db, "needs a database");
 * A test using an undeclared marker is a definition error at start. */
#define PTEST_MARKER(name, description)                                        \
    static const struct ptest__marker ptest__marker_##name = {                \
        #name, description, __FILE__, __LINE__};                               \
    PTEST__REGISTER(markers, struct ptest__marker, ptest__marker_##name)       \
    struct ptest__marker_declared_##name

/* Registration: a pointer to the descriptor in a linker section per kind
 * (tests, markers, hooks), or a constructor linking a node into a list. */
#if defined(PTEST__SECTION_SCAN)
/* Spelled __attribute: glibc's headers erase __attribute__ for compilers
 * that are not GNU C, tcc among them. */
#define PTEST__REGISTER(kind, type, var)                                       \
    __attribute((section("ptest_" #kind)))                                    \
    static const type *const ptest__reg_##var = &var;
#elif defined(PTEST__SECTION_ELF)
#define PTEST__REGISTER(kind, type, var)                                       \
    PTEST__USED __attribute__((section("ptest_" #kind)))                      \
    static const type *const ptest__reg_##var = &var;
#elif defined(PTEST__SECTION_MACHO)
#define PTEST__REGISTER(kind, type, var)                                       \
    PTEST__USED __attribute__((section("__DATA,ptest_" #kind)))               \
    static const type *const ptest__reg_##var = &var;
#elif defined(PTEST__SECTION_PE)
#define PTEST__REGISTER(kind, type, var)                                       \
    PTEST__USED __attribute__((section("ptest_" #kind "$b")))                 \
    static const type *const ptest__reg_##var = &var;
#elif defined(PTEST__SECTION_MSVC)
#pragma section("ptest_tests$b", read)
#pragma section("ptest_markers$b", read)
#pragma section("ptest_hooks$b", read)
#define PTEST__REGISTER(kind, type, var)                                       \
    __declspec(allocate("ptest_" #kind "$b"))                                  \
    static const type *const ptest__reg_##var = &var;
#else /* constructors */
struct ptest__node {
    const void *item;
    struct ptest__node *next;
};
void ptest__register_node(int kind, struct ptest__node *node);
enum { ptest__kind_tests, ptest__kind_markers, ptest__kind_hooks };
#ifdef __cplusplus
#define PTEST__REGISTER(kind, type, var)                                       \
    static struct ptest__node ptest__node_##var = {&var, NULL};               \
    static const int ptest__reg_##var =                                        \
        (ptest__register_node(ptest__kind_##kind, &ptest__node_##var), 0);
#else
#define PTEST__REGISTER(kind, type, var)                                       \
    static struct ptest__node ptest__node_##var = {&var, NULL};               \
    __attribute__((constructor)) static void ptest__ctor_##var(void)          \
    {                                                                          \
        ptest__register_node(ptest__kind_##kind, &ptest__node_##var);          \
    }
#endif
#endif

/* ------------------------------------------------------------------------
 * Fixtures that run once per worker (ptest_worker_id() tells which) and
 * once per worker around the tests of a suite it runs:
 *
 *     WORKER_SETUP() { db = connect(ptest_worker_name()); }
 *     SUITE_SETUP(math) { table = load(); }
 *
 * A failing assertion in one errors every test that depends on it. A
 * WORKER_SETUP has the default timeout; a SUITE_SETUP runs within the
 * timeout of the first of its tests in the worker, which a crash or hang
 * in it fails.
 * ------------------------------------------------------------------------ */

enum ptest__hook_kind {
    PTEST__HOOK_WORKER_SETUP,
    PTEST__HOOK_WORKER_TEARDOWN,
    PTEST__HOOK_SUITE_SETUP,
    PTEST__HOOK_SUITE_TEARDOWN,
    PTEST__HOOK_FIXTURE_SETUP,      /* FIXTURE_SETUP: suite is the fixture */
    PTEST__HOOK_FIXTURE_TEARDOWN,
    PTEST__HOOK_RESOURCE            /* PTEST_RESOURCE(name, capacity): no fn */
};

struct ptest__hook {
    int kind;
    const char *suite;      /* NULL for worker hooks; a resource's name */
    void (*fn)(void);
    const char *file;
    int line;
    int capacity;           /* PTEST_RESOURCE's; 0 for the others */
};

#define PTEST__HOOK(kind, suite, fn) PTEST__HOOK_(kind, suite, fn)
#define PTEST__HOOK_(kind, suite, fn)                                          \
    static void fn(void);                                                      \
    static const struct ptest__hook fn##_hook = {kind, suite, PTEST__GUARD(fn), \
                                                 __FILE__, __LINE__, 0};       \
    PTEST__REGISTER(hooks, struct ptest__hook, fn##_hook)                      \
    static void fn(void)
#define PTEST_WORKER_SETUP()                                                   \
    PTEST__HOOK(PTEST__HOOK_WORKER_SETUP, NULL,                                \
                PTEST__CAT(ptest__worker_setup_, __LINE__))
#define PTEST_WORKER_TEARDOWN()                                                \
    PTEST__HOOK(PTEST__HOOK_WORKER_TEARDOWN, NULL,                             \
                PTEST__CAT(ptest__worker_teardown_, __LINE__))
#define PTEST_SUITE_SETUP(suite)                                               \
    PTEST__HOOK(PTEST__HOOK_SUITE_SETUP, #suite, ptest__suite_setup_##suite)
#define PTEST_SUITE_TEARDOWN(suite)                                            \
    PTEST__HOOK(PTEST__HOOK_SUITE_TEARDOWN, #suite,                            \
                ptest__suite_teardown_##suite)
/* A resource's declaration rides in the hooks' section: one kind of
 * per-program declaration fewer for every platform's registration. */
#define PTEST__RESOURCE_DECLARE(name, capacity)                                \
    static const struct ptest__hook ptest__resource_##name = {                \
        PTEST__HOOK_RESOURCE, #name, NULL, __FILE__, __LINE__, (int)(capacity)}; \
    PTEST__REGISTER(hooks, struct ptest__hook, ptest__resource_##name)         \
    struct ptest__resource_declared_##name
#define PTEST__CAT(a, b) PTEST__CAT_(a, b)
#define PTEST__CAT_(a, b) a##b

/* ------------------------------------------------------------------------
 * Typed per-test fixtures. Every test gets its own zeroed instance, with
 * `self` pointing at it, in every pool:
 *
 *     FIXTURE(db) { sqlite3 *conn; char path[256]; };
 *     FIXTURE_SETUP(db) { self->conn = open_db(self->path); }
 *     FIXTURE_TEARDOWN(db) { if (self->conn) sqlite3_close(self->conn); }
 *     TEST_F(db, insert, MARK(slow)) { ASSERT_NOT_NULL(self->conn); }
 *     TEST_F_P(db, fill, int, counts) { fill(self->conn, *PARAM); }
 *
 * The suite is the fixture's name (ids "db.insert", "db.fill[0]", ...).
 * FIXTURE_SETUP and FIXTURE_TEARDOWN are optional and may be in another
 * file than the tests (one of each per fixture name in the program). The
 * teardown runs whenever the test ran, even when its set-up or body failed
 * or skipped: it sees what set-up got done, the rest still zero. In C++
 * the struct must be plain data (no constructor is run). docs/fixtures.md
 * has the order of all fixtures and what each pool shares.
 * ------------------------------------------------------------------------ */

#define PTEST_FIXTURE(fixture) struct ptest__fixture_##fixture
#define PTEST_FIXTURE_SETUP(fixture)                                           \
    PTEST__FIXTURE_HOOK(PTEST__HOOK_FIXTURE_SETUP, fixture,                    \
                        ptest__fixture_setup_##fixture)
#define PTEST_FIXTURE_TEARDOWN(fixture)                                        \
    PTEST__FIXTURE_HOOK(PTEST__HOOK_FIXTURE_TEARDOWN, fixture,                 \
                        ptest__fixture_teardown_##fixture)
/* The hook's fn takes (self, unused) as a TEST_F body does, cast to fit. */
#define PTEST__FIXTURE_HOOK(kind, fixture, fn)                                 \
    static void fn(struct ptest__fixture_##fixture *self);                    \
    static void fn##_(void *self, const void *param)                          \
    {                                                                          \
        (void)param;                                                           \
        fn((struct ptest__fixture_##fixture *)self);                           \
    }                                                                          \
    static const struct ptest__hook fn##_hook = {                             \
        kind, #fixture, (void (*)(void))PTEST__GUARD_F(fn##_), __FILE__,       \
        __LINE__, 0};                                                          \
    PTEST__REGISTER(hooks, struct ptest__hook, fn##_hook)                      \
    static void fn(PTEST__UNUSED struct ptest__fixture_##fixture *self)

/* A test of fixture f: TEST_F(f, name, options...) { use self }. */
#define PTEST_TEST_F(...) PTEST__TEST_F(__VA_ARGS__, PTEST__OPT_END_)
#define PTEST__TEST_F(fixture, name, ...)                                      \
    static void ptest__body_##fixture##_##name(                               \
        struct ptest__fixture_##fixture *self);                                \
    static void ptest__run_##fixture##_##name(void *self, const void *param)  \
    {                                                                          \
        (void)param;                                                           \
        ptest__body_##fixture##_##name((struct ptest__fixture_##fixture *)self); \
    }                                                                          \
    PTEST__DESCRIBE(fixture, name, NULL, NULL,                                 \
                    PTEST__FIXTURE_OPT(fixture, name), __VA_ARGS__)            \
    PTEST__FIXTURE_PLAIN(fixture)                                              \
    static void ptest__body_##fixture##_##name(                               \
        PTEST__UNUSED struct ptest__fixture_##fixture *self)

/* TEST_P with a fixture: one test per element, with both self and PARAM. */
#define PTEST_TEST_F_P(...) PTEST__TEST_F_P(__VA_ARGS__, PTEST__OPT_END_)
#define PTEST__TEST_F_P(fixture, name, type, array, ...)                       \
    static void ptest__body_##fixture##_##name(                               \
        struct ptest__fixture_##fixture *self, const type *PTEST_PARAM);       \
    static void ptest__run_##fixture##_##name(void *self, const void *param)  \
    {                                                                          \
        ptest__body_##fixture##_##name((struct ptest__fixture_##fixture *)self, \
                                       (const type *)param);                   \
    }                                                                          \
    static const struct ptest__params ptest__params_##fixture##_##name = {    \
        NULL, (const void *)(array), sizeof((array)[0]),                       \
        sizeof(array) / sizeof((array)[0])};                                   \
    PTEST__DESCRIBE(fixture, name, NULL, &ptest__params_##fixture##_##name,    \
                    PTEST__FIXTURE_OPT(fixture, name), __VA_ARGS__)            \
    PTEST__FIXTURE_PLAIN(fixture)                                              \
    static void ptest__body_##fixture##_##name(                               \
        PTEST__UNUSED struct ptest__fixture_##fixture *self,                   \
        PTEST__UNUSED const type *PTEST_PARAM)

/* C++: the instance is zeroed memory, never constructed or destroyed, so
 * a fixture may hold C++ objects only through pointers. */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define PTEST__FIXTURE_PLAIN(fixture)                                          \
    static_assert(ptest__plain<struct ptest__fixture_##fixture>::value,        \
                  "FIXTURE(" #fixture "): ptest zeroes and frees the struct "  \
                  "but runs no constructor or destructor: hold C++ objects "   \
                  "through pointers made in FIXTURE_SETUP");
#else
#define PTEST__FIXTURE_PLAIN(fixture)
#endif

/* TEST_F's first option: the fixture's name and size, and the body that
 * takes (self, param) in fn, cast to fit. */
#define PTEST__FIXTURE_OPT(fixture, name)                                      \
    {PTEST__OPT_FIXTURE, #fixture,                                             \
     (double)sizeof(struct ptest__fixture_##fixture),                          \
     (void (*)(void))PTEST__GUARD_F(ptest__run_##fixture##_##name)}

/* ------------------------------------------------------------------------
 * Assertions. ASSERT_* end the test (also from helper functions); EXPECT_*
 * record the failure and go on. Each argument is evaluated once. A failure
 * shows file:line, the expression as written and both values by type.
 *
 *     ASSERT_EQ(a, b)  NE LT LE GT GE     ASSERT_TRUE(c)   ASSERT_FALSE(c)
 *     ASSERT_NULL(p)   ASSERT_NOT_NULL(p) ASSERT_STR_EQ(a, b)  STR_NE
 *     (STR_*: NULL equals NULL and no string; EQ on two char pointers
 *     compares the pointers, and its report shows both strings)
 *     ASSERT_MEM_EQ(a, b, n)              ASSERT_NEAR(a, b, eps)
 *     FAIL(fmt, ...)   SKIP_TEST(fmt, ...)
 *     ASSERT_EQ_MSG(a, b, fmt, ...) and a _MSG form of every assertion
 *     ptest_log(fmt, ...)   a line in the test's report
 * ------------------------------------------------------------------------ */

enum ptest__op { PTEST__EQ, PTEST__NE, PTEST__LT, PTEST__LE, PTEST__GT, PTEST__GE };

enum ptest__value_kind {
    PTEST__V_NONE, PTEST__V_BOOL, PTEST__V_CHAR, PTEST__V_INT, PTEST__V_UINT,
    PTEST__V_FLOAT, PTEST__V_PTR,
    PTEST__V_STR            /* a pointer to char, compared as a pointer */
};

/* An assertion operand, captured once with its type. */
struct ptest__value {
    int kind;
    intmax_t i;
    uintmax_t u;
    long double f;
    const void *p;
};

struct ptest__value ptest__v_none(void);
struct ptest__value ptest__v_bool(int v);
struct ptest__value ptest__v_char(int v);
struct ptest__value ptest__v_int(intmax_t v);
struct ptest__value ptest__v_uint(uintmax_t v);
struct ptest__value ptest__v_float(long double v);
/* A float and a double taken as what they are: the conversion to the
 * parameter's type drops the extra range and precision that C lets an
 * expression or constant carry where FLT_EVAL_METHOD is 1 (s390x) or 2
 * (i386's x87): 0.1f is then the same float on every machine. */
struct ptest__value ptest__v_flt(float v);
struct ptest__value ptest__v_dbl(double v);
struct ptest__value ptest__v_ptr(const void *v);
struct ptest__value ptest__v_str(const void *v);

int ptest__check_cmp(int fatal, const char *file, int line, int op,
                     const char *texts, struct ptest__value a,
                     struct ptest__value b, const char *fmt, ...)
    PTEST__PRINTF(8, 9);
int ptest__check_bool(int fatal, const char *file, int line, const char *macro,
                      const char *text, int value, int expected,
                      const char *fmt, ...) PTEST__PRINTF(8, 9);
int ptest__check_null(int fatal, const char *file, int line, const char *text,
                      const void *p, int want_null,
                      const char *fmt, ...) PTEST__PRINTF(7, 8);
int ptest__check_str(int fatal, const char *file, int line, int want_equal,
                     const char *texts, const char *a, const char *b,
                     const char *fmt, ...) PTEST__PRINTF(8, 9);
int ptest__check_mem(int fatal, const char *file, int line, const char *texts,
                     const void *a, const void *b, size_t n,
                     const char *fmt, ...) PTEST__PRINTF(8, 9);
int ptest__check_near(int fatal, const char *file, int line, const char *texts,
                      long double a, long double b, long double eps,
                      const char *fmt, ...) PTEST__PRINTF(8, 9);
PTEST__NORETURN void ptest__fail(const char *file, int line,
                                 const char *fmt, ...) PTEST__PRINTF(3, 4);
PTEST__NORETURN void ptest__skip(const char *file, int line,
                                 const char *fmt, ...) PTEST__PRINTF(3, 4);
void ptest__log(const char *file, int line, const char *fmt, ...)
    PTEST__PRINTF(3, 4);

#if defined(PTEST__VALUES_GENERIC)
#define PTEST__VAL(x)                                                          \
    PTEST__GENERIC((x),                                                        \
        _Bool: ptest__v_bool,                                                  \
        char: ptest__v_char,                                                   \
        signed char: ptest__v_int, short: ptest__v_int, int: ptest__v_int,     \
        long: ptest__v_int, long long: ptest__v_int,                           \
        unsigned char: ptest__v_uint, unsigned short: ptest__v_uint,           \
        unsigned: ptest__v_uint, unsigned long: ptest__v_uint,                 \
        unsigned long long: ptest__v_uint,                                     \
        float: ptest__v_flt, double: ptest__v_dbl,                             \
        long double: ptest__v_float,                                           \
        char *: ptest__v_str, const char *: ptest__v_str,                      \
        signed char *: ptest__v_str, const signed char *: ptest__v_str,        \
        unsigned char *: ptest__v_str, const unsigned char *: ptest__v_str,    \
        default: ptest__v_ptr)(x)
#define PTEST__CMP(fatal, op, a, b, texts, ...)                                \
    ((void)ptest__check_cmp(fatal, __FILE__, __LINE__, op, texts,              \
                            PTEST__VAL(a), PTEST__VAL(b), __VA_ARGS__))
#elif defined(PTEST__VALUES_CXX)
#define PTEST__CMP(fatal, op, a, b, texts, ...)                                \
    ((void)ptest__check_cmp(fatal, __FILE__, __LINE__, op, texts,              \
                            ptest__val(a), ptest__val(b), __VA_ARGS__))
#else /* plain C99: the comparison is exact, the values (and the strings
       * behind two char pointers) are not shown */
#define PTEST__CMP(fatal, op, a, b, texts, ...)                                \
    ((void)ptest__check_cmp(fatal, __FILE__, __LINE__, op, texts,              \
                            ptest__v_bool(PTEST__APPLY_##op(a, b)),            \
                            ptest__v_none(), __VA_ARGS__))
#define PTEST__APPLY_PTEST__EQ(a, b) ((a) == (b))
#define PTEST__APPLY_PTEST__NE(a, b) ((a) != (b))
#define PTEST__APPLY_PTEST__LT(a, b) ((a) < (b))
#define PTEST__APPLY_PTEST__LE(a, b) ((a) <= (b))
#define PTEST__APPLY_PTEST__GT(a, b) ((a) > (b))
#define PTEST__APPLY_PTEST__GE(a, b) ((a) >= (b))
#endif

/* Each public macro stringizes its own arguments (so the report shows
 * them as written) and passes them here with the values. */
#define PTEST__BOOL(fatal, macro, c, text, want, ...)                          \
    ((void)ptest__check_bool(fatal, __FILE__, __LINE__, macro, text, !!(c),    \
                             want, __VA_ARGS__))
#define PTEST__NULL(fatal, p, text, want, ...)                                 \
    ((void)ptest__check_null(fatal, __FILE__, __LINE__, text,                  \
                             (const void *)(p), want, __VA_ARGS__))
#define PTEST__STR(fatal, want, a, b, texts, ...)                              \
    ((void)ptest__check_str(fatal, __FILE__, __LINE__, want, texts, (a), (b),  \
                            __VA_ARGS__))
#define PTEST__MEM(fatal, a, b, n, texts, ...)                                 \
    ((void)ptest__check_mem(fatal, __FILE__, __LINE__, texts, (a), (b), (n),   \
                            __VA_ARGS__))
/* A float or double operand of EXPECT_NEAR as the value its type holds:
 * the cast drops the range and precision C lets a constant carry where
 * FLT_EVAL_METHOD is 1 or 2 (ptest__v_flt), so 0.1 is the same number,
 * and reads the same, everywhere. */
#if defined(PTEST__VALUES_GENERIC)
#define PTEST__NEAR_ARG(x)                                                     \
    PTEST__GENERIC((x), float: (long double)(float)(x),                        \
                   double: (long double)(double)(x), default: (long double)(x))
#else
#define PTEST__NEAR_ARG(x) ((long double)(x))
#endif
#define PTEST__NEAR(fatal, a, b, eps, texts, ...)                              \
    ((void)ptest__check_near(fatal, __FILE__, __LINE__, texts,                 \
                             PTEST__NEAR_ARG(a), PTEST__NEAR_ARG(b),           \
                             PTEST__NEAR_ARG(eps), __VA_ARGS__))

#define PTEST_ASSERT_TRUE(c) PTEST__BOOL(1, "ASSERT_TRUE", c, #c, 1, NULL)
#define PTEST_ASSERT_FALSE(c) PTEST__BOOL(1, "ASSERT_FALSE", c, #c, 0, NULL)
#define PTEST_ASSERT_EQ(a, b) PTEST__CMP(1, PTEST__EQ, a, b, #a ", " #b, NULL)
#define PTEST_ASSERT_NE(a, b) PTEST__CMP(1, PTEST__NE, a, b, #a ", " #b, NULL)
#define PTEST_ASSERT_LT(a, b) PTEST__CMP(1, PTEST__LT, a, b, #a ", " #b, NULL)
#define PTEST_ASSERT_LE(a, b) PTEST__CMP(1, PTEST__LE, a, b, #a ", " #b, NULL)
#define PTEST_ASSERT_GT(a, b) PTEST__CMP(1, PTEST__GT, a, b, #a ", " #b, NULL)
#define PTEST_ASSERT_GE(a, b) PTEST__CMP(1, PTEST__GE, a, b, #a ", " #b, NULL)
#define PTEST_ASSERT_NULL(p) PTEST__NULL(1, p, #p, 1, NULL)
#define PTEST_ASSERT_NOT_NULL(p) PTEST__NULL(1, p, #p, 0, NULL)
#define PTEST_ASSERT_STR_EQ(a, b) PTEST__STR(1, 1, a, b, #a ", " #b, NULL)
#define PTEST_ASSERT_STR_NE(a, b) PTEST__STR(1, 0, a, b, #a ", " #b, NULL)
#define PTEST_ASSERT_MEM_EQ(a, b, n) PTEST__MEM(1, a, b, n, #a ", " #b ", " #n, NULL)
#define PTEST_ASSERT_NEAR(a, b, eps) PTEST__NEAR(1, a, b, eps, #a ", " #b ", " #eps, NULL)

#define PTEST_EXPECT_TRUE(c) PTEST__BOOL(0, "EXPECT_TRUE", c, #c, 1, NULL)
#define PTEST_EXPECT_FALSE(c) PTEST__BOOL(0, "EXPECT_FALSE", c, #c, 0, NULL)
#define PTEST_EXPECT_EQ(a, b) PTEST__CMP(0, PTEST__EQ, a, b, #a ", " #b, NULL)
#define PTEST_EXPECT_NE(a, b) PTEST__CMP(0, PTEST__NE, a, b, #a ", " #b, NULL)
#define PTEST_EXPECT_LT(a, b) PTEST__CMP(0, PTEST__LT, a, b, #a ", " #b, NULL)
#define PTEST_EXPECT_LE(a, b) PTEST__CMP(0, PTEST__LE, a, b, #a ", " #b, NULL)
#define PTEST_EXPECT_GT(a, b) PTEST__CMP(0, PTEST__GT, a, b, #a ", " #b, NULL)
#define PTEST_EXPECT_GE(a, b) PTEST__CMP(0, PTEST__GE, a, b, #a ", " #b, NULL)
#define PTEST_EXPECT_NULL(p) PTEST__NULL(0, p, #p, 1, NULL)
#define PTEST_EXPECT_NOT_NULL(p) PTEST__NULL(0, p, #p, 0, NULL)
#define PTEST_EXPECT_STR_EQ(a, b) PTEST__STR(0, 1, a, b, #a ", " #b, NULL)
#define PTEST_EXPECT_STR_NE(a, b) PTEST__STR(0, 0, a, b, #a ", " #b, NULL)
#define PTEST_EXPECT_MEM_EQ(a, b, n) PTEST__MEM(0, a, b, n, #a ", " #b ", " #n, NULL)
#define PTEST_EXPECT_NEAR(a, b, eps) PTEST__NEAR(0, a, b, eps, #a ", " #b ", " #eps, NULL)

#define PTEST_ASSERT_TRUE_MSG(c, ...) PTEST__BOOL(1, "ASSERT_TRUE", c, #c, 1, __VA_ARGS__)
#define PTEST_ASSERT_FALSE_MSG(c, ...) PTEST__BOOL(1, "ASSERT_FALSE", c, #c, 0, __VA_ARGS__)
#define PTEST_ASSERT_EQ_MSG(a, b, ...) PTEST__CMP(1, PTEST__EQ, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_ASSERT_NE_MSG(a, b, ...) PTEST__CMP(1, PTEST__NE, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_ASSERT_LT_MSG(a, b, ...) PTEST__CMP(1, PTEST__LT, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_ASSERT_LE_MSG(a, b, ...) PTEST__CMP(1, PTEST__LE, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_ASSERT_GT_MSG(a, b, ...) PTEST__CMP(1, PTEST__GT, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_ASSERT_GE_MSG(a, b, ...) PTEST__CMP(1, PTEST__GE, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_ASSERT_NULL_MSG(p, ...) PTEST__NULL(1, p, #p, 1, __VA_ARGS__)
#define PTEST_ASSERT_NOT_NULL_MSG(p, ...) PTEST__NULL(1, p, #p, 0, __VA_ARGS__)
#define PTEST_ASSERT_STR_EQ_MSG(a, b, ...) PTEST__STR(1, 1, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_ASSERT_STR_NE_MSG(a, b, ...) PTEST__STR(1, 0, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_ASSERT_MEM_EQ_MSG(a, b, n, ...) PTEST__MEM(1, a, b, n, #a ", " #b ", " #n, __VA_ARGS__)
#define PTEST_ASSERT_NEAR_MSG(a, b, eps, ...) PTEST__NEAR(1, a, b, eps, #a ", " #b ", " #eps, __VA_ARGS__)

#define PTEST_EXPECT_TRUE_MSG(c, ...) PTEST__BOOL(0, "EXPECT_TRUE", c, #c, 1, __VA_ARGS__)
#define PTEST_EXPECT_FALSE_MSG(c, ...) PTEST__BOOL(0, "EXPECT_FALSE", c, #c, 0, __VA_ARGS__)
#define PTEST_EXPECT_EQ_MSG(a, b, ...) PTEST__CMP(0, PTEST__EQ, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_EXPECT_NE_MSG(a, b, ...) PTEST__CMP(0, PTEST__NE, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_EXPECT_LT_MSG(a, b, ...) PTEST__CMP(0, PTEST__LT, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_EXPECT_LE_MSG(a, b, ...) PTEST__CMP(0, PTEST__LE, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_EXPECT_GT_MSG(a, b, ...) PTEST__CMP(0, PTEST__GT, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_EXPECT_GE_MSG(a, b, ...) PTEST__CMP(0, PTEST__GE, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_EXPECT_NULL_MSG(p, ...) PTEST__NULL(0, p, #p, 1, __VA_ARGS__)
#define PTEST_EXPECT_NOT_NULL_MSG(p, ...) PTEST__NULL(0, p, #p, 0, __VA_ARGS__)
#define PTEST_EXPECT_STR_EQ_MSG(a, b, ...) PTEST__STR(0, 1, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_EXPECT_STR_NE_MSG(a, b, ...) PTEST__STR(0, 0, a, b, #a ", " #b, __VA_ARGS__)
#define PTEST_EXPECT_MEM_EQ_MSG(a, b, n, ...) PTEST__MEM(0, a, b, n, #a ", " #b ", " #n, __VA_ARGS__)
#define PTEST_EXPECT_NEAR_MSG(a, b, eps, ...) PTEST__NEAR(0, a, b, eps, #a ", " #b ", " #eps, __VA_ARGS__)

/* Fails the test now with a printf-style message: FAIL("bad state %d", s). */
#define PTEST_FAIL(...)      ptest__fail(__FILE__, __LINE__, __VA_ARGS__)
/* Ends the test now as skipped: SKIP_TEST("no network"). */
#define PTEST_SKIP_TEST(...) ptest__skip(__FILE__, __LINE__, __VA_ARGS__)
/* Adds a line to the running test's report, shown with its outcome. */
#define ptest_log(...)       ptest__log(__FILE__, __LINE__, __VA_ARGS__)

/* C++: an exception escaped a test's function (type and what() may each
 * be NULL): a failure in its report; then the test ends, failed. */
void ptest__cxx_threw(const char *type, const char *what);
PTEST__NORETURN void ptest__cxx_leave(void);

#ifdef __cplusplus
} /* extern "C" */

/* C++: the operand's type picks the overload. */
inline ptest__value ptest__val(bool v) { return ptest__v_bool(v); }
inline ptest__value ptest__val(char v) { return ptest__v_char(v); }
inline ptest__value ptest__val(signed char v) { return ptest__v_int(v); }
inline ptest__value ptest__val(short v) { return ptest__v_int(v); }
inline ptest__value ptest__val(int v) { return ptest__v_int(v); }
inline ptest__value ptest__val(long v) { return ptest__v_int(v); }
inline ptest__value ptest__val(long long v) { return ptest__v_int(v); }
inline ptest__value ptest__val(unsigned char v) { return ptest__v_uint(v); }
inline ptest__value ptest__val(unsigned short v) { return ptest__v_uint(v); }
inline ptest__value ptest__val(unsigned v) { return ptest__v_uint(v); }
inline ptest__value ptest__val(unsigned long v) { return ptest__v_uint(v); }
inline ptest__value ptest__val(unsigned long long v) { return ptest__v_uint(v); }
inline ptest__value ptest__val(float v) { return ptest__v_float(v); }
inline ptest__value ptest__val(double v) { return ptest__v_float(v); }
inline ptest__value ptest__val(long double v) { return ptest__v_float(v); }
inline ptest__value ptest__val(const void *v) { return ptest__v_ptr(v); }
inline ptest__value ptest__val(const char *v) { return ptest__v_str(v); }
inline ptest__value ptest__val(const signed char *v) { return ptest__v_str(v); }
inline ptest__value ptest__val(const unsigned char *v) { return ptest__v_str(v); }
#if __cplusplus >= 201103L
inline ptest__value ptest__val(decltype(nullptr)) { return ptest__v_ptr(0); }

#include <type_traits>
/* What a FIXTURE struct must be: made by zeroing, ended by freeing. */
template <class T> struct ptest__plain {
    static const bool value = std::is_trivially_default_constructible<T>::value &&
                              std::is_trivially_destructible<T>::value;
};
#endif

#if defined(PTEST__CXX_GUARD)
#include <cstdlib>
#include <exception>
#include <typeinfo>
#if defined(__GLIBCXX__) || defined(_LIBCPP_VERSION)
#include <cxxabi.h>
#define PTEST__CXXABI 1
#endif

/* pthread_exit()'s forced unwinding has no object, so binding it to the
 * reference libstdc++ says to catch it by is what -fsanitize=null reports. */
#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 8)
#define PTEST__NO_SANITIZE_NULL __attribute__((no_sanitize("null")))
#else
#define PTEST__NO_SANITIZE_NULL
#endif

/* Called in a handler: reports the exception being handled as the test's
 * failure, "threw std::runtime_error: disk full" (the type demangled where
 * the C++ ABI can). Rethrows the forced unwinding of pthread_exit() and
 * thread cancellation, which must go on up; ptest's own ASSERT leaves by
 * longjmp, never by an exception, so nothing else of ptest's is caught. */
PTEST__NO_SANITIZE_NULL inline void ptest__cxx_caught(void)
{
    const std::type_info *type = NULL;
    const char *what = NULL;
    char *name = NULL;
    int status = 0;
    try {
        throw;
    }
#if defined(__GLIBCXX__)
    catch (abi::__forced_unwind &) {
        throw;
    }
#endif
    catch (const std::exception &e) {
        type = &typeid(e);
        what = e.what(); /* alive while the caller's handler runs */
    } catch (...) {
#if defined(PTEST__CXXABI)
        type = abi::__cxa_current_exception_type();
#endif
    }
#if defined(PTEST__CXXABI)
    if (type)
        name = abi::__cxa_demangle(type->name(), NULL, NULL, &status);
#endif
    (void)status;
    ptest__cxx_threw(name ? name : type ? type->name() : NULL, what);
    std::free(name);
}

/* The runner calls these in place of the user's functions. */
template <void (*F)(void)> void ptest__guard(void)
{
    try {
        F();
        return;
    } catch (...) {
        ptest__cxx_caught();
    }
    ptest__cxx_leave(); /* out of the handler first: it is done with */
}

template <void (*F)(const void *)> void ptest__guard_p(const void *param)
{
    try {
        F(param);
        return;
    } catch (...) {
        ptest__cxx_caught();
    }
    ptest__cxx_leave();
}

template <void (*F)(void *, const void *)>
void ptest__guard_f(void *self, const void *param)
{
    try {
        F(self, param);
        return;
    } catch (...) {
        ptest__cxx_caught();
    }
    ptest__cxx_leave();
}
#endif /* PTEST__CXX_GUARD */
#endif /* __cplusplus */

/* ------------------------------------------------------------------------
 * Short names, removed by PTEST_NO_SHORT_NAMES. Alphabetical.
 * ------------------------------------------------------------------------ */
#ifndef PTEST_NO_SHORT_NAMES
#define ASSERT_EQ             PTEST_ASSERT_EQ
#define ASSERT_EQ_MSG         PTEST_ASSERT_EQ_MSG
#define ASSERT_FALSE          PTEST_ASSERT_FALSE
#define ASSERT_FALSE_MSG      PTEST_ASSERT_FALSE_MSG
#define ASSERT_GE             PTEST_ASSERT_GE
#define ASSERT_GE_MSG         PTEST_ASSERT_GE_MSG
#define ASSERT_GT             PTEST_ASSERT_GT
#define ASSERT_GT_MSG         PTEST_ASSERT_GT_MSG
#define ASSERT_LE             PTEST_ASSERT_LE
#define ASSERT_LE_MSG         PTEST_ASSERT_LE_MSG
#define ASSERT_LT             PTEST_ASSERT_LT
#define ASSERT_LT_MSG         PTEST_ASSERT_LT_MSG
#define ASSERT_MEM_EQ         PTEST_ASSERT_MEM_EQ
#define ASSERT_MEM_EQ_MSG     PTEST_ASSERT_MEM_EQ_MSG
#define ASSERT_NE             PTEST_ASSERT_NE
#define ASSERT_NEAR           PTEST_ASSERT_NEAR
#define ASSERT_NEAR_MSG       PTEST_ASSERT_NEAR_MSG
#define ASSERT_NE_MSG         PTEST_ASSERT_NE_MSG
#define ASSERT_NOT_NULL       PTEST_ASSERT_NOT_NULL
#define ASSERT_NOT_NULL_MSG   PTEST_ASSERT_NOT_NULL_MSG
#define ASSERT_NULL           PTEST_ASSERT_NULL
#define ASSERT_NULL_MSG       PTEST_ASSERT_NULL_MSG
#define ASSERT_STR_EQ         PTEST_ASSERT_STR_EQ
#define ASSERT_STR_EQ_MSG     PTEST_ASSERT_STR_EQ_MSG
#define ASSERT_STR_NE         PTEST_ASSERT_STR_NE
#define ASSERT_STR_NE_MSG     PTEST_ASSERT_STR_NE_MSG
#define ASSERT_TRUE           PTEST_ASSERT_TRUE
#define ASSERT_TRUE_MSG       PTEST_ASSERT_TRUE_MSG
#define EXPECT_EQ             PTEST_EXPECT_EQ
#define EXPECT_EQ_MSG         PTEST_EXPECT_EQ_MSG
#define EXPECT_EXIT           PTEST_EXPECT_EXIT
#define EXPECT_FALSE          PTEST_EXPECT_FALSE
#define EXPECT_FALSE_MSG      PTEST_EXPECT_FALSE_MSG
#define EXPECT_GE             PTEST_EXPECT_GE
#define EXPECT_GE_MSG         PTEST_EXPECT_GE_MSG
#define EXPECT_GT             PTEST_EXPECT_GT
#define EXPECT_GT_MSG         PTEST_EXPECT_GT_MSG
#define EXPECT_LE             PTEST_EXPECT_LE
#define EXPECT_LE_MSG         PTEST_EXPECT_LE_MSG
#define EXPECT_LT             PTEST_EXPECT_LT
#define EXPECT_LT_MSG         PTEST_EXPECT_LT_MSG
#define EXPECT_MEM_EQ         PTEST_EXPECT_MEM_EQ
#define EXPECT_MEM_EQ_MSG     PTEST_EXPECT_MEM_EQ_MSG
#define EXPECT_NE             PTEST_EXPECT_NE
#define EXPECT_NEAR           PTEST_EXPECT_NEAR
#define EXPECT_NEAR_MSG       PTEST_EXPECT_NEAR_MSG
#define EXPECT_NE_MSG         PTEST_EXPECT_NE_MSG
#define EXPECT_NOT_NULL       PTEST_EXPECT_NOT_NULL
#define EXPECT_NOT_NULL_MSG   PTEST_EXPECT_NOT_NULL_MSG
#define EXPECT_NULL           PTEST_EXPECT_NULL
#define EXPECT_NULL_MSG       PTEST_EXPECT_NULL_MSG
#define EXPECT_SIGNAL         PTEST_EXPECT_SIGNAL
#define EXPECT_STR_EQ         PTEST_EXPECT_STR_EQ
#define EXPECT_STR_EQ_MSG     PTEST_EXPECT_STR_EQ_MSG
#define DATA_FILE             PTEST_DATA_FILE
#define EXPECT_STR_NE         PTEST_EXPECT_STR_NE
#define EXPECT_STR_NE_MSG     PTEST_EXPECT_STR_NE_MSG
#define EXPECT_TRUE           PTEST_EXPECT_TRUE
#define EXPECT_TRUE_MSG       PTEST_EXPECT_TRUE_MSG
#define FAIL                  PTEST_FAIL
#define FIXTURE               PTEST_FIXTURE
#define FIXTURE_SETUP         PTEST_FIXTURE_SETUP
#define FIXTURE_TEARDOWN      PTEST_FIXTURE_TEARDOWN
#define MARK                  PTEST_MARK
#define PARAM                 PTEST_PARAM
#define RESOURCE              PTEST_RESOURCE
#define SETUP                 PTEST_SETUP
#define SKIP                  PTEST_SKIP
#define SKIP_TEST             PTEST_SKIP_TEST
#define SLOTS                 PTEST_SLOTS
#define SUITE_SETUP           PTEST_SUITE_SETUP
#define SUITE_TEARDOWN        PTEST_SUITE_TEARDOWN
#define TEARDOWN              PTEST_TEARDOWN
#define TEST                  PTEST_TEST
#define TEST_F                PTEST_TEST_F
#define TEST_F_P              PTEST_TEST_F_P
#define TEST_P                PTEST_TEST_P
#define TIMEOUT               PTEST_TIMEOUT
#define WORKER_SETUP          PTEST_WORKER_SETUP
#define WORKER_TEARDOWN       PTEST_WORKER_TEARDOWN
#define XFAIL                 PTEST_XFAIL
#endif /* PTEST_NO_SHORT_NAMES */

#endif /* PTEST_H */

/* ========================================================================
 * Implementation
 * ======================================================================== */
#if defined(PTEST_IMPLEMENTATION) && !defined(PTEST__IMPLEMENTED)
#define PTEST__IMPLEMENTED

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#if defined(_WIN32)
/* Windows (MinGW-w64): no fork, so the process pool starts workers as new
 * processes of this program; see the platform layer and the workers. */
#define PTEST__WINDOWS 1
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <direct.h>
#include <io.h>
#include <process.h>
#undef near /* <windows.h>'s 16-bit relics; ptest's code uses the names */
#undef far
#define PTEST__O_CLOEXEC _O_NOINHERIT
#if defined(_MSC_VER) && !defined(__clang__)
/* MSVC (never compiled: docs/platforms.md): no POSIX types, no pthreads
 * (the thread pool is left out). Define PTEST_MSVC_HAS_POSIX_TYPES when
 * another header has typedef'd ssize_t and pid_t already. */
#if !defined(PTEST_MSVC_HAS_POSIX_TYPES)
typedef intptr_t ssize_t;
typedef int pid_t;
#endif
#if !defined(PTEST_NO_THREADS)
#define PTEST_NO_THREADS 1
#endif
#endif
#else
#include <poll.h>
#include <sys/ioctl.h> /* TIOCGWINSZ: the progress line's width */
#include <sys/mman.h>
#include <sys/resource.h> /* worker hygiene: resource limits */
#include <sys/time.h>
#include <sys/utsname.h> /* --html: the machine */
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>
#include <ftw.h>
#if defined(__TINYC__) && defined(__linux__)
#include <elf.h> /* the section scan */
#include <sys/auxv.h>
#endif
#if defined(__linux__)
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h> /* renameat2, which musl does not wrap */
#endif
#if defined(__GLIBC__)
#include <execinfo.h>
#define PTEST__HAS_BACKTRACE 1
#endif
/* The build for --impact-record (docs/affected.md): the program's own code
 * addresses come from its ELF program headers. */
#if defined(PTEST_IMPACT) && defined(__linux__) && defined(__GNUC__)
#include <link.h>
#define PTEST__IMPACT 1
#endif

#if defined(__GLIBC__) && !defined(__USE_XOPEN2K8)
#error "ptest: the implementation needs POSIX.1-2008: include ptest.h before any other header in the file that defines PTEST_MAIN, or build with -D_GNU_SOURCE"
#endif

#define PTEST__POSIX 1
#define PTEST__O_CLOEXEC O_CLOEXEC
#if defined(__linux__)
#define PTEST__LINUX 1
#define PTEST__MADV_POPULATE_WRITE 23 /* Linux 5.14's; musl has no name */
#endif
#endif /* _WIN32 */
/* The thread pool needs pthreads; PTEST_NO_THREADS leaves it out. */
#if !defined(PTEST_NO_THREADS)
#include <pthread.h>
#define PTEST__HAS_THREADS 1
#endif

/* Orders stores to memory the runner reads from another process; and
 * swaps a 32-bit word of that memory only if it still holds what the
 * caller saw (a full barrier too). Without the swap, work stealing is off:
 * a worker then keeps every test it was handed. */
#if defined(__GNUC__)
#define PTEST__BARRIER() __sync_synchronize()
#define PTEST__CAS(word, seen, value) __sync_bool_compare_and_swap((word), (seen), (value))
#elif defined(_MSC_VER) /* never compiled: docs/platforms.md */
#define PTEST__BARRIER() MemoryBarrier()
#define PTEST__CAS(word, seen, value)                                          \
    (InterlockedCompareExchange((volatile LONG *)(word), (LONG)(value), (LONG)(seen)) == \
     (LONG)(seen))
#else
#define PTEST__BARRIER() ((void)0)
#endif

#if defined(__cplusplus) && __cplusplus >= 201103L
#define PTEST__THREAD_LOCAL thread_local
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && !defined(__STDC_NO_THREADS__)
#define PTEST__THREAD_LOCAL _Thread_local
#elif defined(__GNUC__)
#define PTEST__THREAD_LOCAL __thread
#else
#define PTEST__THREAD_LOCAL
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Exit statuses (pytest's). */
enum {
    PTEST__EXIT_OK = 0,
    PTEST__EXIT_FAILED = 1,
    PTEST__EXIT_INTERRUPTED = 2, /* also: a definition error */
    PTEST__EXIT_INTERNAL = 3,
    PTEST__EXIT_USAGE = 4,
    PTEST__EXIT_NO_TESTS = 5,
    PTEST__EXIT_BROKEN_PIPE = 141, /* like a shell's SIGPIPE death */
    /* A worker's, never the run's: it left after reporting its test
     * because the test left it unfit (threads still running). */
    PTEST__EXIT_RETIRE = 87
};

/* ------------------------------------------------------------------------
 * Platform layer: POSIX
 *
 * The ptest__os_* calls: clocks, CPU counting (affinity and cgroup v2
 * quota), the machine's name, pipes, capture files, shared memory,
 * signal names and dispositions, Ctrl-Z, process groups and kills, the
 * children a test left, wait statuses, files and directories, locks.
 * This section is POSIX, the next the same calls for Windows. What it
 * does not own: the places where the two systems differ in shape, not in
 * a call, keep their own #if on PTEST__POSIX / PTEST__WINDOWS, each a
 * whole function or a few lines:
 *   - Test context: a death test's child, forked here, a started
 *     process of this program on Windows (one returns twice, the other
 *     re-enters ptest_main);
 *   - Change impact: all of it is POSIX (git, nm, addr2line);
 *   - Workers: hygiene: what a test leaves behind differs per system
 *     (the Linux-only quiet check with it);
 *   - Workers: wire protocol: a slot's Windows handles, the runner's
 *     signal self-pipe, a worker's check of its pipes (fstat), --forked
 *     (a fork per test; a process per test on Windows);
 *   - Workers: the POSIX pool and the Windows pool: all of each (a
 *     forked worker's start and crash handlers; started workers);
 *   - Workers: the fork-pool runner: a batch of one under --forked
 *     (Windows), reaping and stopping workers,
 *     Ctrl-Z, the signal pipe, and the two ptest__pool_run loops (poll()
 *     on pipes; Windows waits on processes and polls pipes);
 *   - Workers: the thread pool and the inline runner: crash handlers
 *     (sigaction with an alternate stack; exception filters), and the
 *     runner's stdout and stderr kept with dup() around inline tests;
 *   - Reporters: the --json file kept from tests' exec (POSIX only).
 * Routing those through ptest__os_* calls would mean a call per shape
 * (fork versus spawn), which reads worse than the #if where it is.
 * ------------------------------------------------------------------------ */

#if defined(PTEST__POSIX)

/* Seconds on a monotonic clock. */
static double ptest__os_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPUs this process may run on (its affinity mask), at least 1. */
static int ptest__os_cpu_affinity(void)
{
#if defined(PTEST__LINUX) && defined(CPU_COUNT)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
#endif
    {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        return n > 0 ? (int)n : 1;
    }
}

/* Parses a cgroup v2 cpu.max ("max 100000" or "150000 100000") into the
 * CPUs it allows, rounded up; 0 when there is no limit or it is garbage. */
static int ptest__parse_cpu_max(const char *text)
{
    char *end;
    double quota, period;
    if (strncmp(text, "max", 3) == 0)
        return 0;
    quota = strtod(text, &end);
    if (end == text || !(quota > 0 && quota < 1e15)) /* also NaN, inf */
        return 0;
    period = strtod(end, &end);
    if (!(period > 0 && period < 1e15))
        return 0;
    quota = quota / period;
    return quota > (double)INT_MAX ? 0 : (int)(quota + 0.999999);
}

/* Reads a small file into buf; 0 on success. */
static int ptest__os_read_small(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n;
    if (!f)
        return -1;
    n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = '\0';
    return 0;
}

/* The tightest cgroup v2 CPU quota on the path from this process's cgroup
 * to the root, in CPUs; 0 when none applies. */
static int ptest__os_cpu_quota(void)
{
    char line[4096], path[4200], text[128];
    char *slash;
    int best = 0;
    if (ptest__os_read_small("/proc/self/cgroup", line, sizeof line) != 0)
        return 0;
    if (strncmp(line, "0::", 3) != 0)
        return 0; /* cgroup v1 or a hybrid: no quota read */
    line[strcspn(line, "\n")] = '\0';
    snprintf(path, sizeof path, "/sys/fs/cgroup%s", line + 3);
    for (;;) {
        size_t len = strlen(path);
        snprintf(path + len, sizeof path - len, "/cpu.max");
        if (ptest__os_read_small(path, text, sizeof text) == 0) {
            int cpus = ptest__parse_cpu_max(text);
            if (cpus > 0 && (best == 0 || cpus < best))
                best = cpus;
        }
        path[len] = '\0';
        slash = strrchr(path, '/');
        if (!slash || len <= strlen("/sys/fs/cgroup"))
            break;
        *slash = '\0';
    }
    return best;
}

/* Usable CPUs: the affinity mask, capped by the cgroup CPU quota. */
static int ptest__os_cpu_count(void)
{
    int cpus = ptest__os_cpu_affinity();
    int quota = ptest__os_cpu_quota();
    return quota > 0 && quota < cpus ? quota : cpus;
}

/* The machine, in a few words ("Linux build1 6.1.0 x86_64"), into text. */
static void ptest__os_machine(char *text, size_t size)
{
    struct utsname u;
    if (uname(&u) != 0)
        snprintf(text, size, "unknown");
    else
        snprintf(text, size, "%s %s %s %s", u.sysname, u.nodename, u.release, u.machine);
}

static void ptest__os_cloexec(int fd)
{
    fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

static void ptest__os_nonblock(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* A pipe whose ends are close-on-exec, so exec'd test children never hold
 * them; -1 on failure. */
static int ptest__os_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return -1;
    ptest__os_cloexec(fds[0]);
    ptest__os_cloexec(fds[1]);
    return 0;
}

/* An anonymous, unlinked, close-on-exec file for one stream of captured
 * output: memory-backed where the system has memfd_create. */
static int ptest__os_capture_file(const char *name)
{
    char path[4096];
    const char *dir = getenv("TMPDIR");
    int fd;
#if defined(PTEST__LINUX) && defined(MFD_CLOEXEC)
    fd = memfd_create(name, MFD_CLOEXEC);
    if (fd >= 0)
        return fd;
#endif
    snprintf(path, sizeof path, "%s/ptest-%s-XXXXXX",
             dir && *dir ? dir : "/tmp", name);
    fd = mkstemp(path);
    if (fd >= 0) {
        unlink(path);
        ptest__os_cloexec(fd);
    }
    return fd;
}

/* Asks the kernel to back [p, p + size), 2 MiB-aligned, with huge pages
 * (Linux's transparent huge pages, in their "madvise" mode): one fault per
 * 2 MiB where there would be 512. Advice only: nothing else changes. */
static void ptest__os_advise_huge(void *p, size_t size)
{
#if defined(PTEST__LINUX) && defined(MADV_HUGEPAGE)
    madvise(p, size, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

/* Backs the whole pages inside [p, p + size) with memory now, in one
 * system call (Linux 5.14 and later; elsewhere, and on older kernels,
 * nothing happens): on a VM, a fault a page costs 11 us, the call 5 us a
 * page (bench/README.md). The caller writes every page soon anyway. */
static void ptest__os_populate(void *p, size_t size)
{
#if defined(PTEST__LINUX)
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = ((uintptr_t)p + page - 1) & ~(page - 1);
    uintptr_t to = ((uintptr_t)p + size) & ~(page - 1);
    if (to > from)
        madvise((void *)from, (size_t)(to - from), PTEST__MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)size;
#endif
}

/* Zeroed memory shared with the processes forked after it; NULL on failure. */
static void *ptest__os_shared_alloc(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Sends sig to the process group a worker leads, and to the worker
 * itself: a test may have moved it into another group (setpgid, setsid),
 * where the group's signal would miss it. Groups already gone are
 * ignored. */
static void ptest__os_kill_group(pid_t pgid, int sig)
{
    if (pgid > 0) {
        kill(-pgid, sig);
        kill(pgid, sig);
    }
}

/* In a forked worker: its own process group (so a timeout can kill the test
 * and every child it started), and death when the runner dies. */
static void ptest__os_become_worker(void)
{
    setpgid(0, 0);
#if defined(PTEST__LINUX) && defined(PR_SET_PDEATHSIG)
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
#if defined(PTEST__LINUX) && defined(PR_SET_CHILD_SUBREAPER)
    /* a daemon a test double-forks becomes the worker's child, so the
     * check after the test finds it and names the test */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
}

/* Makes this process the reaper of its orphaned descendants (Linux), so a
 * process a test left behind can be found and stopped at the end. */
static void ptest__os_adopt_orphans(void)
{
#if defined(PTEST__LINUX) && defined(PR_SET_CHILD_SUBREAPER)
    prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
}

/* The parent of process pid, from /proc; -1 when unknown. */
static long ptest__os_parent_of(const char *pid)
{
    char path[64], text[512], *close_paren;
    snprintf(path, sizeof path, "/proc/%.40s/stat", pid);
    if (ptest__os_read_small(path, text, sizeof text) != 0)
        return -1;
    close_paren = strrchr(text, ')'); /* the command may hold spaces and ')' */
    if (!close_paren || strlen(close_paren) < 5)
        return -1;
    return strtol(close_paren + 4, NULL, 10); /* ") S ppid" */
}

/* Appends pid to a malloc'd list. */
static void ptest__os_pid_add(long **pids, size_t *n, size_t *cap, long pid)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        *pids = (long *)realloc(*pids, *cap * sizeof **pids);
    }
    if (*pids)
        (*pids)[(*n)++] = pid;
}

/* Whether this process has no child at all, running or not yet reaped
 * (of any thread, whatever signal it ends with), asked without reaping one
 * (WNOWAIT) and without /proc: one system call, where listing them opens
 * /proc/self/task and reads each thread's children file (new inodes, in a
 * new process). A fresh worker has none. */
static int ptest__os_childless(void)
{
#if defined(__WALL) && defined(WNOWAIT) && defined(WEXITED)
    siginfo_t info;
    memset(&info, 0, sizeof info);
    return waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT | __WALL) != 0 &&
           errno == ECHILD;
#else
    return 0;
#endif
}

/* The signal that has child pid stopped now (SIGSTOP, SIGTSTP, SIGTTIN,
 * SIGTTOU), or 0 when it is not stopped; the stop stays to be seen. */
static int ptest__os_stop_signal(pid_t pid)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (pid <= 0 || waitid(P_PID, (id_t)pid, &info, WSTOPPED | WNOHANG | WNOWAIT) != 0 ||
        info.si_pid != pid || info.si_code != CLD_STOPPED)
        return 0;
    return info.si_status;
}

/* The children of this process (Linux): each thread's
 * /proc/self/task/TID/children, or a scan of /proc where that is missing. */
static long *ptest__os_children(size_t *count)
{
    long *pids = NULL;
    size_t n = 0, cap = 0;
    DIR *dir;
    struct dirent *e;
    int listed = 0;
    *count = 0;
    if (ptest__os_childless())
        return NULL;
    dir = opendir("/proc/self/task");
    while (dir && (e = readdir(dir)) != NULL) {
        char path[96], text[8192], *p, *end;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "/proc/self/task/%.40s/children", e->d_name);
        if (ptest__os_read_small(path, text, sizeof text) != 0)
            continue;
        listed = 1;
        for (p = text; *p; p = end) {
            long pid = strtol(p, &end, 10);
            if (end == p)
                break;
            ptest__os_pid_add(&pids, &n, &cap, pid);
        }
    }
    if (dir)
        closedir(dir);
    dir = listed ? NULL : opendir("/proc");
    while (dir && (e = readdir(dir)) != NULL)
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9' &&
            ptest__os_parent_of(e->d_name) == (long)getpid())
            ptest__os_pid_add(&pids, &n, &cap, atol(e->d_name));
    if (dir)
        closedir(dir);
    *count = n;
    return pids;
}

/* Kills and reaps every child of this process but those listed in keep
 * (its children before the run), and what they leave as we reap it;
 * returns how many it found. Linux only: elsewhere, none. */
static int ptest__os_kill_children(const long *keep, size_t keep_len)
{
    int found = 0, round;
    size_t i, j, n;
    for (round = 0; round < 10; round++) {
        long *pids = ptest__os_children(&n);
        int killed = 0;
        for (i = 0; i < n; i++) {
            for (j = 0; j < keep_len && keep[j] != pids[i]; j++)
                ;
            if (j == keep_len && kill((pid_t)pids[i], SIGKILL) == 0)
                killed++;
        }
        free(pids);
        for (i = 0; i < (size_t)killed; i++)
            waitpid(-1, NULL, 0);
        if (!killed)
            break;
        found += killed;
    }
    return found;
}

/* The symbolic name of a signal ("SIGSEGV"), or NULL when unknown. */
static const char *ptest__os_signal_name(int sig)
{
    static const struct { int sig; const char *name; } names[] = {
        {SIGABRT, "SIGABRT"}, {SIGALRM, "SIGALRM"}, {SIGBUS, "SIGBUS"},
        {SIGCHLD, "SIGCHLD"}, {SIGCONT, "SIGCONT"}, {SIGFPE, "SIGFPE"},
        {SIGHUP, "SIGHUP"},   {SIGILL, "SIGILL"},   {SIGINT, "SIGINT"},
        {SIGKILL, "SIGKILL"}, {SIGPIPE, "SIGPIPE"}, {SIGQUIT, "SIGQUIT"},
        {SIGSEGV, "SIGSEGV"}, {SIGSTOP, "SIGSTOP"}, {SIGSYS, "SIGSYS"},
        {SIGTERM, "SIGTERM"}, {SIGTRAP, "SIGTRAP"}, {SIGTSTP, "SIGTSTP"},
        {SIGTTIN, "SIGTTIN"}, {SIGTTOU, "SIGTTOU"}, {SIGUSR1, "SIGUSR1"},
        {SIGUSR2, "SIGUSR2"}, {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"},
#if defined(SIGVTALRM) && defined(SIGPROF)
        {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"},
#endif
    };
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].sig == sig)
            return names[i].name;
    return NULL;
}

/* Signal sig calls fn (with sigaction's flags), or, with fn NULL, does
 * what it does by default. */
static void ptest__os_handle(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = fn ? fn : SIG_DFL;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

/* What Ctrl-Z (SIGTSTP) did before the runner took it over. */
static struct sigaction ptest__os_tstp_before;
static int ptest__os_tstp_taken;

/* Ctrl-Z (SIGTSTP) calls fn instead of stopping the process, unless
 * whoever started ptest had it ignored; with fn NULL, it does again what
 * it did before. */
static void ptest__os_on_suspend(void (*fn)(int))
{
    if (!fn) {
        if (ptest__os_tstp_taken)
            sigaction(SIGTSTP, &ptest__os_tstp_before, NULL);
        ptest__os_tstp_taken = 0;
        return;
    }
    if (sigaction(SIGTSTP, NULL, &ptest__os_tstp_before) != 0 ||
        ptest__os_tstp_before.sa_handler == SIG_IGN)
        return;
    ptest__os_handle(SIGTSTP, fn, SA_RESTART);
    ptest__os_tstp_taken = 1;
}

/* Stops this process as Ctrl-Z would have, until the shell's fg or bg
 * (SIGCONT); returns at once where nothing could continue it (a process
 * group the shell has left: the kernel discards the stop). Another
 * Ctrl-Z meanwhile adds no second stop: blocked, it merges with ours. */
static void ptest__os_stop_self(void)
{
    struct sigaction old;
    sigset_t tstp, was;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    sigprocmask(SIG_BLOCK, &tstp, &was);
    sigaction(SIGTSTP, NULL, &old);
    ptest__os_handle(SIGTSTP, NULL, 0);
    raise(SIGTSTP); /* pending until the mask lets it in */
    sigprocmask(SIG_UNBLOCK, &tstp, NULL);
    sigprocmask(SIG_BLOCK, &tstp, NULL);
    sigaction(SIGTSTP, &old, NULL);
    sigprocmask(SIG_SETMASK, &was, NULL);
}

/* Restores what a test may rely on in a fresh process: default dispositions
 * for the signals a runner changes (Ctrl-Z's as it was before the run), and
 * an empty signal mask. */
static void ptest__os_default_signals(void)
{
    static const int sigs[] = {SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP,
                               SIGQUIT, SIGALRM, SIGSEGV, SIGBUS, SIGFPE,
                               SIGILL, SIGABRT};
    sigset_t none;
    size_t i;
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    ptest__os_on_suspend(NULL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static void ptest__os_shared_free(void *p, size_t size)
{
    munmap(p, size);
}

static long ptest__os_pid(void)
{
    return (long)getpid();
}

/* This process's pid without a system call. fork() clears it in the child
 * (pthread_atfork), so a process a test forked sees that it is not the
 * one running the test. A raw clone() goes unseen. */
static volatile long ptest__os_self_pid;
static int ptest__os_forks_watched;

#if defined(PTEST__HAS_THREADS) /* without pthreads: getpid() each time */
static void ptest__os_forked(void)
{
    ptest__os_self_pid = 0;
}
#endif

/* Arms the cache; once, before any test runs. */
static void ptest__os_watch_forks(void)
{
#if defined(PTEST__HAS_THREADS)
    if (!ptest__os_forks_watched)
        ptest__os_forks_watched = pthread_atfork(NULL, NULL, ptest__os_forked) == 0;
#endif
    ptest__os_self_pid = getpid();
}

static long ptest__os_self(void)
{
    if (!ptest__os_forks_watched)
        return getpid();
    if (!ptest__os_self_pid)
        ptest__os_self_pid = getpid();
    return ptest__os_self_pid;
}

static int ptest__os_isatty(int fd)
{
    return isatty(fd);
}

/* The width of the terminal on fd in columns, or 0 when unknown. */
static int ptest__os_term_width(int fd)
{
#if defined(TIOCGWINSZ)
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
#else
    (void)fd;
#endif
    return 0;
}

/* Where temporary files go by default. */
static const char *ptest__os_tmp_root(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && *dir ? dir : "/tmp";
}


static void ptest__os_close(int fd)
{
    close(fd);
}

/* Empties an open file. */
static int ptest__os_truncate(int fd)
{
    return ftruncate(fd, 0);
}

/* Frees the middle of a capture file of at least min bytes, all but its
 * first head and last tail bytes, keeping its size and offset: only those
 * ends are ever reported, so a test that writes gigabytes costs no more
 * memory than one that writes megabytes. Returns the file's size (-1 when
 * unknown); Linux punches a hole, elsewhere nothing is freed. */
static long long ptest__os_capture_trim(int fd, long long min, long long head,
                                        long long tail)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
#if defined(PTEST__LINUX) && defined(FALLOC_FL_PUNCH_HOLE)
    if ((long long)st.st_size >= min && (long long)st.st_size > head + tail &&
        fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)head,
                  (off_t)((long long)st.st_size - head - tail)) != 0) {
        /* not supported here: the file keeps its bytes */
    }
#else
    (void)min;
    (void)head;
    (void)tail;
#endif
    return (long long)st.st_size;
}

/* Reads what a non-blocking descriptor has: > 0 bytes, 0 at end of file,
 * -1 (errno EAGAIN) when nothing is there yet. */
static long ptest__os_read_ready(int fd, void *buf, size_t n)
{
    return (long)read(fd, buf, n);
}

static void ptest__os_setenv(const char *name, const char *value)
{
    setenv(name, value, 1);
}

#define ptest__os_fdprintf dprintf

/* A non-NULL pointer as reports show it: "0x7ffd5e8c". */
static void ptest__os_ptr_text(const void *p, char *out, size_t size)
{
    snprintf(out, size, "%p", p);
}

/* The signal a closed stdout raises. */
#define PTEST__SIGPIPE SIGPIPE

#define PTEST__NULL_DEVICE "/dev/null"
/* The process pool's name in reports: its workers are forked. */
#define PTEST__PROCESS_POOL "fork"

/* mkdtemp(3): a fresh private directory from a name ending in XXXXXX. */
static char *ptest__os_mkdtemp(char *path)
{
    return mkdtemp(path);
}

static int ptest__os_mkdir(const char *path, int mode)
{
    return mkdir(path, (mode_t)mode);
}

static int ptest__os_rmdir(const char *path)
{
    return rmdir(path);
}

/* Replaces to with from, atomically. Linux: where to is a regular file,
 * the two names are exchanged (renameat2 RENAME_EXCHANGE) and the old
 * file is removed. A rename over a file makes ext4 allocate the new
 * file's blocks there and then (auto_da_alloc): 0.7 ms for a 660 KB
 * trace here, against 0.1 ms (bench/replace.py). The price is ext4's
 * guard for programs that replace files without fsync(): after a power
 * cut the file may be empty, a cache that ptest ignores with a warning. */
static int ptest__os_rename(const char *from, const char *to)
{
#if defined(PTEST__LINUX) && defined(SYS_renameat2)
    struct stat st;
    if (lstat(to, &st) == 0 && S_ISREG(st.st_mode) &&
        syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */) == 0) {
        unlink(from);
        return 0;
    }
#endif
    return rename(from, to);
}

/* Opens /dev/null on any of fds 0-2 that is closed, so that no file of
 * ours lands there by accident and a closed stdout reads as the null
 * device. */
static void ptest__os_guard_std_fds(void)
{
    int fd;
    while ((fd = open(PTEST__NULL_DEVICE, O_RDWR)) >= 0 && fd <= 2)
        ;
    if (fd > 2)
        close(fd);
}

/* Whether the runner started this process to run its tests (its workers
 * and death tests' processes): never here, where they are forked. */
static int ptest__os_started_by_runner(void)
{
    return 0;
}

/* Takes (lock = 1) or drops an exclusive lock on an open file; waits. */
static void ptest__os_lock(int fd, int lock)
{
    if (lockf(fd, lock ? F_LOCK : F_ULOCK, 0) != 0) {
        /* without the lock, concurrent runs may lose each other's lines */
    }
}

static int ptest__os_remove_entry(const char *path, const struct stat *st,
                                  int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Removes a directory tree; -1 if anything stayed. */
static int ptest__os_remove_tree(const char *path)
{
    return nftw(path, ptest__os_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Opens a file to read, close-on-exec, without blocking on a FIFO (the
 * caller refuses anything but a regular file); NULL with errno set. */
static FILE *ptest__os_fopen_read(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | PTEST__O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (fd >= 0 && !f)
        close(fd);
    return f;
}

/* Reads n bytes at offset off without moving the file position. */
static long ptest__os_read_at(int fd, void *buf, size_t n, long off)
{
    return (long)pread(fd, buf, n, (off_t)off);
}

/* Whether a wait status says the process died of a crash (a signal). */
static int ptest__os_status_crashed(int status)
{
    return WIFSIGNALED(status);
}

/* The signal that ended a process, or 0 when it exited. */
static int ptest__os_status_signal(int status)
{
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

/* The code a process exited with, or -1 when it did not exit. */
static int ptest__os_status_exit(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Whether a worker ended by retiring (see PTEST__EXIT_RETIRE). */
static int ptest__os_status_retired(int status)
{
    return WIFEXITED(status) && WEXITSTATUS(status) == PTEST__EXIT_RETIRE;
}

/* A worker that finished its work: exit 0, or retired. */
static int ptest__os_status_clean(int status)
{
    return WIFEXITED(status) &&
           (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == PTEST__EXIT_RETIRE);
}

/* Describes how a process ended: "was killed by SIGSEGV (Segmentation
 * fault)", "called exit(3)". */
static void ptest__os_status_text(int status, char *out, size_t size)
{
    if (WIFSIGNALED(status)) {
        const char *name = ptest__os_signal_name(WTERMSIG(status));
        if (name)
            snprintf(out, size, "was killed by %s (%s)", name,
                     strsignal(WTERMSIG(status)));
        else
            snprintf(out, size, "was killed by signal %d", WTERMSIG(status));
    } else if (WIFEXITED(status)) {
        snprintf(out, size, "called exit(%d)", WEXITSTATUS(status));
    } else {
        snprintf(out, size, "ended with status 0x%x", status);
    }
}

/* SIGINT and SIGTERM call fn once (the disposition then resets), or, with
 * fn NULL, do what they do by default. */
static void ptest__os_on_interrupt(void (*fn)(int))
{
    ptest__os_handle(SIGINT, fn, SA_RESETHAND);
    ptest__os_handle(SIGTERM, fn, SA_RESETHAND);
}

/* Why the last write to the run's stdout failed: errno. */
static int ptest__os_write_errno(void)
{
    return errno;
}

/* The alternate stack the thread had before ptest's: a runtime may own
 * it (AddressSanitizer frees its own when the thread ends). */
static PTEST__THREAD_LOCAL stack_t ptest__os_old_stack;

/* The stack a thread's crash handler runs on (a stack overflow leaves none). */
static void ptest__os_crash_stack(void *mem, size_t size)
{
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = mem;
    ss.ss_size = size;
    sigaltstack(&ss, &ptest__os_old_stack);
}

/* Puts back the stack ptest__os_crash_stack replaced, before the thread ends. */
static void ptest__os_crash_stack_restore(void)
{
    sigaltstack(&ptest__os_old_stack, NULL);
}

#if defined(PTEST__HAS_THREADS)
/* A condition variable whose timed waits use ptest__os_now()'s clock. */
static void ptest__os_cond_init(pthread_cond_t *cond)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(cond, &attr);
    pthread_condattr_destroy(&attr);
}

/* The deadline a timed wait on such a condition takes for `until`. */
static void ptest__os_cond_deadline(double until, struct timespec *ts)
{
    ts->tv_sec = (time_t)until;
    ts->tv_nsec = (long)((until - (double)ts->tv_sec) * 1e9);
}
#endif
#endif /* PTEST__WINDOWS */

/* ------------------------------------------------------------------------
 * Platform layer: Windows
 *
 * The same ptest__os_* calls for MinGW-w64, in the same words. Processes
 * are started, not forked, so nothing here duplicates one; what a worker
 * needs from its runner travels as inherited handles. Exceptions stand
 * for signals (ptest__win_exceptions). After it, what only POSIX has and
 * only the hygiene uses: /proc/self/status and the open descriptors.
 * ------------------------------------------------------------------------ */

#if defined(PTEST__WINDOWS)

/* Windows counterparts of the calls above, for MinGW-w64. Processes are
 * started, not forked, so nothing here duplicates one; what a worker
 * needs from its runner travels as inherited handles. */

/* Seconds on a monotonic clock. */
static double ptest__os_now(void)
{
    static double unit; /* seconds per tick, read once */
    LARGE_INTEGER t;
    if (unit == 0) {
        LARGE_INTEGER f;
        QueryPerformanceFrequency(&f);
        unit = 1.0 / (double)f.QuadPart;
    }
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * unit;
}

/* The machine, in a few words ("Windows 10.0 build1"), into text. */
static void ptest__os_machine(char *text, size_t size)
{
    char name[256];
    DWORD n = sizeof name;
    if (!GetComputerNameA(name, &n))
        snprintf(name, sizeof name, "?");
    snprintf(text, size, "Windows %s", name);
}

/* CPUs this process may run on (its affinity mask), at least 1. */
static int ptest__os_cpu_count(void)
{
    DWORD_PTR mine = 0, all = 0;
    int n = 0;
    if (GetProcessAffinityMask(GetCurrentProcess(), &mine, &all))
        for (; mine; mine &= mine - 1)
            n++;
    if (n == 0) {
        SYSTEM_INFO si;
        GetSystemInfo(&si);
        n = (int)si.dwNumberOfProcessors;
    }
    return n > 0 ? n : 1;
}

/* Keeps a CRT descriptor's handle out of the processes we start. */
static void ptest__os_cloexec(int fd)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h != INVALID_HANDLE_VALUE)
        SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0);
}

static long ptest__os_pid(void)
{
    return (long)GetCurrentProcessId();
}

/* No fork(): a process is what it was. */
static void ptest__os_watch_forks(void)
{
}

static long ptest__os_self(void)
{
    return ptest__os_pid();
}

static int ptest__os_isatty(int fd)
{
    return _isatty(fd) != 0;
}

/* The width of the console on fd in columns, or 0 when unknown. */
static int ptest__os_term_width(int fd)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h != INVALID_HANDLE_VALUE && GetConsoleScreenBufferInfo(h, &info))
        return info.srWindow.Right - info.srWindow.Left + 1;
    return 0;
}

/* Where temporary files go by default: $TMPDIR, %TEMP%, %TMP%, or here. */
static const char *ptest__os_tmp_root(void)
{
    static const char *const vars[] = {"TMPDIR", "TEMP", "TMP"};
    size_t i;
    for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *dir = getenv(vars[i]);
        if (dir && *dir)
            return dir;
    }
    return ".";
}


/* Empties an open file. */
static int ptest__os_truncate(int fd)
{
    return _chsize(fd, 0);
}

static long long ptest__os_capture_trim(int fd, long long min, long long head,
                                        long long tail)
{
    (void)min;
    (void)head;
    (void)tail;
    return (long long)_filelengthi64(fd);
}

static void ptest__os_close(int fd)
{
    if (fd >= 0) /* the CRT treats close(-1) as a fatal invalid argument */
        _close(fd);
}

/* Reads what a pipe has: > 0 bytes, 0 at end of file (or a broken pipe),
 * -1 (errno EAGAIN) when nothing is there yet. Anonymous pipes cannot be
 * non-blocking here, so a peek says how much a read may ask for. */
static long ptest__os_read_ready(int fd, void *buf, size_t n)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    DWORD avail = 0, got = 0;
    if (!PeekNamedPipe(h, NULL, 0, NULL, &avail, NULL))
        return 0;
    if (avail == 0) {
        errno = EAGAIN;
        return -1;
    }
    if (!ReadFile(h, buf, avail < n ? avail : (DWORD)n, &got, NULL))
        return 0;
    return (long)got;
}

/* Sets (or, with an empty value, removes) a variable of this process's
 * environment and of those it starts. */
static void ptest__os_setenv(const char *name, const char *value)
{
    _putenv_s(name, value);
}

/* dprintf(3). */
static void ptest__os_fdprintf(int fd, const char *fmt, ...) PTEST__PRINTF(2, 3);
static void ptest__os_fdprintf(int fd, const char *fmt, ...)
{
    char text[8192];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n > 0 && _write(fd, text, (unsigned)((size_t)n < sizeof text ? (size_t)n
                                                  : sizeof text - 1)) < 0) {
        /* nowhere left to say it */
    }
}

/* A non-NULL pointer as reports show it: "0x7ffd5e8c", as glibc's %p
 * writes it (MinGW's writes 16 digits and no 0x). */
static void ptest__os_ptr_text(const void *p, char *out, size_t size)
{
    snprintf(out, size, "0x%jx", (uintmax_t)(uintptr_t)p);
}

/* No SIGPIPE here: a number for "stdout went away" all the same. */
#define PTEST__SIGPIPE 13

#define PTEST__NULL_DEVICE "NUL"
/* The process pool's name in reports: its workers are started processes. */
#define PTEST__PROCESS_POOL "process"

/* Puts the null device on any of fds 0-2 that has no handle, or one that
 * leads nowhere (a program started with a standard stream closed; under
 * Wine, a closed Unix descriptor), as POSIX's does, and makes it
 * the standard handle, which the processes this one starts inherit. */
static void ptest__os_guard_std_fds(void)
{
    static const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    int fd, nul;
    for (fd = 0; fd <= 2; fd++) {
        intptr_t h = _get_osfhandle(fd);
        DWORD none;
        if (h != -1 && h != -2 && /* -2: a stream with no handle, at start-up */
            (fd == 0 || WriteFile((HANDLE)h, "", 0, &none, NULL) ||
             GetLastError() != ERROR_INVALID_HANDLE))
            continue; /* an empty write checks the handle, and writes nothing */
        nul = open(PTEST__NULL_DEVICE, fd == 0 ? O_RDONLY : O_WRONLY);
        if (nul < 0)
            continue;
        if (nul != fd) {
            dup2(nul, fd);
            close(nul);
        }
        SetStdHandle(which[fd], (HANDLE)_get_osfhandle(fd));
    }
}

/* A name no other call of this run has made: pid, clock and a count. */
static void ptest__os_unique(char *out, size_t n)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    static unsigned long count;
    LARGE_INTEGER t;
    unsigned long long x;
    size_t i;
    QueryPerformanceCounter(&t);
    x = (unsigned long long)t.QuadPart * 2654435761u ^
        ((unsigned long long)GetCurrentProcessId() << 32) ^ ++count * 40503u;
    for (i = 0; i < n; i++, x /= 36)
        out[i] = digits[x % 36];
}

/* mkdtemp(3): a fresh directory from a name ending in XXXXXX. */
static char *ptest__os_mkdtemp(char *path)
{
    size_t len = strlen(path);
    int tries;
    if (len < 6 || strcmp(path + len - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return NULL;
    }
    for (tries = 0; tries < 100; tries++) {
        ptest__os_unique(path + len - 6, 6);
        if (_mkdir(path) == 0)
            return path;
        if (errno != EEXIST)
            return NULL;
    }
    return NULL;
}

static int ptest__os_mkdir(const char *path, int mode)
{
    (void)mode; /* the directory's ACL is inherited */
    return _mkdir(path);
}

static int ptest__os_rmdir(const char *path)
{
    return _rmdir(path);
}

/* errno for a Win32 error, for what strerror says of it. */
static int ptest__os_win_errno(DWORD e)
{
    switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return EACCES;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        return EEXIST;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    case ERROR_WRITE_PROTECT:
        return EROFS;
    case ERROR_DIR_NOT_EMPTY:
        return ENOTEMPTY;
    default:
        return EIO;
    }
}

/* Replaces to with from (rename(3) refuses an existing target here);
 * -1 with errno set, EISDIR for a directory in the way, as POSIX says. */
static int ptest__os_rename(const char *from, const char *to)
{
    DWORD e, attrs;
    if (MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING))
        return 0;
    e = GetLastError();
    attrs = GetFileAttributesA(to);
    errno = e == ERROR_ACCESS_DENIED && attrs != INVALID_FILE_ATTRIBUTES &&
                    (attrs & FILE_ATTRIBUTE_DIRECTORY)
                ? EISDIR
                : ptest__os_win_errno(e);
    return -1;
}

/* The environment variables that make a started copy of this program a
 * worker (ptest__process_worker) or a death test's process
 * (ptest__process_child). */
#define PTEST__WORKER_VAR "PTEST__WORKER"
#define PTEST__CHILD_VAR "PTEST__CHILD"

/* Whether the runner started this process to run its tests: a worker or
 * a death test's process, which parse the same flags and read the same
 * files as the runner did. */
static int ptest__os_started_by_runner(void)
{
    const char *worker = getenv(PTEST__WORKER_VAR), *child = getenv(PTEST__CHILD_VAR);
    return (worker && *worker) || (child && *child);
}

/* Takes (lock = 1) or drops an exclusive lock on an open file; waits. */
static void ptest__os_lock(int fd, int lock)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    OVERLAPPED at;
    memset(&at, 0, sizeof at);
    if (lock)
        LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &at);
    else
        UnlockFileEx(h, 0, 1, 0, &at);
}

/* Removes a directory tree; -1 if anything stayed. */
static int ptest__os_remove_tree(const char *path)
{
    char pattern[MAX_PATH + 8], child[2 * MAX_PATH + 8];
    WIN32_FIND_DATAA e;
    HANDLE find;
    int rc = 0;
    snprintf(pattern, sizeof pattern, "%s/*", path);
    find = FindFirstFileA(pattern, &e);
    while (find != INVALID_HANDLE_VALUE) {
        if (strcmp(e.cFileName, ".") != 0 && strcmp(e.cFileName, "..") != 0) {
            snprintf(child, sizeof child, "%s/%s", path, e.cFileName);
            if (e.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                rc |= ptest__os_remove_tree(child);
            else if (!DeleteFileA(child))
                rc = -1;
        }
        if (!FindNextFileA(find, &e)) {
            FindClose(find);
            break;
        }
    }
    return RemoveDirectoryA(path) ? rc : -1;
}

/* Opens a file to read; NULL with errno set. */
static FILE *ptest__os_fopen_read(const char *path)
{
    return fopen(path, "rb");
}

/* Reads n bytes at offset off (moves the file position: callers rewind
 * or are done with the file). */
static long ptest__os_read_at(int fd, void *buf, size_t n, long off)
{
    if (_lseek(fd, off, SEEK_SET) != off)
        return -1;
    return (long)_read(fd, buf, (unsigned)n);
}

/* A private exit status for a worker whose test called abort(): the one
 * the Universal CRT's abort ends a process with. (msvcrt's abort, without
 * ptest's handler, calls _exit(3): not told apart from exit(3).) */
#define PTEST__WIN_ABORTED 0xC0000409u

/* The exit status ptest's handler ends a worker or a death test's process
 * with when the test calls raise(sig) (msvcrt would _exit(3)): a private
 * code ("customer" bit set), signal number in the low byte. */
#define PTEST__WIN_RAISED_BASE 0xE0540000u
#define PTEST__WIN_RAISED(sig) (PTEST__WIN_RAISED_BASE | ((unsigned)(sig) & 0xFFu))

/* The exceptions that end a process, by code: their names and the signal
 * each stands for (as MinGW-w64's and msvcrt's exception-to-signal tables
 * map them), so that EXPECT_SIGNAL(SIGSEGV) matches an access violation. */
static const struct ptest__win_exception {
    unsigned long code;
    const char *name;
    int sig;
} ptest__win_exceptions[] = {
    {0xC0000005u, "EXCEPTION_ACCESS_VIOLATION", SIGSEGV},
    {0xC0000006u, "EXCEPTION_IN_PAGE_ERROR", SIGSEGV},
    {0xC000008Cu, "EXCEPTION_ARRAY_BOUNDS_EXCEEDED", SIGSEGV},
    {0xC00000FDu, "EXCEPTION_STACK_OVERFLOW", SIGSEGV},
    {0xC000001Du, "EXCEPTION_ILLEGAL_INSTRUCTION", SIGILL},
    {0xC0000096u, "EXCEPTION_PRIV_INSTRUCTION", SIGILL},
    {0xC000008Du, "EXCEPTION_FLT_DENORMAL_OPERAND", SIGFPE},
    {0xC000008Eu, "EXCEPTION_FLT_DIVIDE_BY_ZERO", SIGFPE},
    {0xC000008Fu, "EXCEPTION_FLT_INEXACT_RESULT", SIGFPE},
    {0xC0000090u, "EXCEPTION_FLT_INVALID_OPERATION", SIGFPE},
    {0xC0000091u, "EXCEPTION_FLT_OVERFLOW", SIGFPE},
    {0xC0000092u, "EXCEPTION_FLT_STACK_CHECK", SIGFPE},
    {0xC0000093u, "EXCEPTION_FLT_UNDERFLOW", SIGFPE},
    {0xC0000094u, "EXCEPTION_INT_DIVIDE_BY_ZERO", SIGFPE},
    {0xC0000095u, "EXCEPTION_INT_OVERFLOW", SIGFPE},
    {0xC00002B4u, "STATUS_FLOAT_MULTIPLE_FAULTS", SIGFPE},
    {0xC00002B5u, "STATUS_FLOAT_MULTIPLE_TRAPS", SIGFPE},
    {0x80000002u, "EXCEPTION_DATATYPE_MISALIGNMENT", 0},
    {0x80000003u, "EXCEPTION_BREAKPOINT", 0},
    {0xC000013Au, "STATUS_CONTROL_C_EXIT", SIGINT},
    {PTEST__WIN_ABORTED, "SIGABRT (abort)", SIGABRT},
};

/* The entry for an exception code, or NULL. */
static const struct ptest__win_exception *ptest__os_exception(unsigned long code)
{
    size_t i;
    for (i = 0; i < sizeof ptest__win_exceptions / sizeof ptest__win_exceptions[0]; i++)
        if (ptest__win_exceptions[i].code == code)
            return &ptest__win_exceptions[i];
    return NULL;
}

/* Whether an exit code is an exception's (NTSTATUS error or breakpoint). */
static int ptest__os_status_crashed(int status)
{
    unsigned long code = (unsigned long)(unsigned)status;
    return (code & 0xC0000000u) == 0xC0000000u || code == 0x80000003u ||
           code == 0x80000002u;
}

/* No signal stops a Windows process. */
static int ptest__os_stop_signal(pid_t pid)
{
    (void)pid;
    return 0;
}

/* The signal raise()d by a process that ptest's handler ended, or 0. */
static int ptest__os_status_raised(int status)
{
    unsigned long code = (unsigned long)(unsigned)status;
    return (code & 0xFFFFFF00u) == PTEST__WIN_RAISED_BASE ? (int)(code & 0xFFu) : 0;
}

/* The signal a process's end stands for (see ptest__win_exceptions), or
 * 0 when it exited. */
static int ptest__os_status_signal(int status)
{
    const struct ptest__win_exception *e =
        ptest__os_exception((unsigned long)(unsigned)status);
    if (ptest__os_status_raised(status))
        return ptest__os_status_raised(status);
    return e ? e->sig : 0;
}

/* The code a process exited with, or -1 when an exception ended it. */
static int ptest__os_status_exit(int status)
{
    return ptest__os_status_crashed(status) ? -1 : status;
}

static int ptest__os_status_retired(int status)
{
    return status == PTEST__EXIT_RETIRE;
}

static int ptest__os_status_clean(int status)
{
    return status == 0 || status == PTEST__EXIT_RETIRE;
}

static const char *ptest__os_signal_name(int sig);

/* Describes how a process ended: "crashed with EXCEPTION_ACCESS_VIOLATION
 * (0xc0000005)", "was killed by SIGTERM (raise)", "called exit(3)". */
static void ptest__os_status_text(int status, char *out, size_t size)
{
    unsigned long code = (unsigned long)(unsigned)status;
    const struct ptest__win_exception *e = ptest__os_exception(code);
    int raised = ptest__os_status_raised(status);
    const char *sig = raised ? ptest__os_signal_name(raised) : NULL;
    if (raised && sig)
        snprintf(out, size, "was killed by %s (raise)", sig);
    else if (raised)
        snprintf(out, size, "was killed by signal %d (raise)", raised);
    else if (ptest__os_status_crashed(status))
        snprintf(out, size, "crashed with %s (0x%lx)", e ? e->name : "an exception",
                 code);
    else
        snprintf(out, size, "called exit(%d)", status);
}

/* The symbolic name of a signal ("SIGSEGV"), or NULL when unknown. */
static const char *ptest__os_signal_name(int sig)
{
    static const struct { int sig; const char *name; } names[] = {
        {SIGABRT, "SIGABRT"}, {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},
        {SIGINT, "SIGINT"},   {SIGSEGV, "SIGSEGV"}, {SIGTERM, "SIGTERM"},
        {PTEST__SIGPIPE, "SIGPIPE"},
    };
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].sig == sig)
            return names[i].name;
    return NULL;
}

/* Ctrl-C (SIGINT) and SIGTERM call fn once (the CRT then resets the
 * disposition), or, with fn NULL, do what they do by default. */
static void ptest__os_on_interrupt(void (*fn)(int))
{
    signal(SIGINT, fn ? fn : SIG_DFL);
    signal(SIGTERM, fn ? fn : SIG_DFL);
}

/* Why the last write to the run's stdout failed. A pipe whose reader has
 * gone fails with ERROR_NO_DATA or ERROR_PIPE_NOT_CONNECTED (Wine), which
 * msvcrt reports as EINVAL: that is EPIPE (the reader left, as `| head`
 * does), which ends the run quietly, as on POSIX. */
static int ptest__os_write_errno(void)
{
    DWORD error = GetLastError();
    return error == ERROR_NO_DATA || error == ERROR_PIPE_NOT_CONNECTED ||
                   error == ERROR_BROKEN_PIPE ? EPIPE : errno;
}

/* Windows has no Ctrl-Z for a console program. */
static void ptest__os_on_suspend(void (*fn)(int))
{
    (void)fn;
}

static void ptest__os_stop_self(void)
{
}

/* Windows runs exception filters on the faulting thread's stack. */
static void ptest__os_crash_stack(void *mem, size_t size)
{
    (void)mem;
    (void)size;
}

static void ptest__os_crash_stack_restore(void)
{
}

/* Shared memory: a page-file mapping, its handle kept in front of the
 * block so that a worker process can be handed it. */
#define PTEST__WIN_SHARED_HEAD 64

/* Huge pages and backing pages in advance: Linux only. */
static void ptest__os_advise_huge(void *p, size_t size)
{
    (void)p;
    (void)size;
}

static void ptest__os_populate(void *p, size_t size)
{
    (void)p;
    (void)size;
}

/* Zeroed memory that a started worker can map too; NULL on failure. */
static void *ptest__os_shared_alloc(size_t size)
{
    size_t total = size + PTEST__WIN_SHARED_HEAD;
    HANDLE map = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
                                    (DWORD)((unsigned long long)total >> 32),
                                    (DWORD)total, NULL);
    char *view = map ? (char *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0) : NULL;
    if (!view) {
        if (map)
            CloseHandle(map);
        return NULL;
    }
    memcpy(view, &map, sizeof map);
    return view + PTEST__WIN_SHARED_HEAD;
}

/* The mapping handle behind memory from ptest__os_shared_alloc. */
static HANDLE ptest__os_shared_handle(void *p)
{
    HANDLE map;
    memcpy(&map, (char *)p - PTEST__WIN_SHARED_HEAD, sizeof map);
    return map;
}

/* In a worker: maps the memory its runner shared; NULL on failure. */
static void *ptest__os_shared_attach(HANDLE map)
{
    char *view = (char *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    return view ? view + PTEST__WIN_SHARED_HEAD : NULL;
}

static void ptest__os_shared_free(void *p, size_t size)
{
    HANDLE map = ptest__os_shared_handle(p);
    (void)size;
    UnmapViewOfFile((char *)p - PTEST__WIN_SHARED_HEAD);
    CloseHandle(map);
}

/* An anonymous temporary file (deleted when its last handle closes) for
 * one stream of captured output; a binary-mode CRT descriptor, or -1. */
static int ptest__os_capture_file(const char *name)
{
    char path[MAX_PATH + 64], unique[12];
    HANDLE h;
    int fd;
    ptest__os_unique(unique, sizeof unique - 1);
    unique[sizeof unique - 1] = '\0';
    snprintf(path, sizeof path, "%s/ptest-%s-%s", ptest__os_tmp_root(), name, unique);
    h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE,
                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    CREATE_NEW, FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE,
                    NULL);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    fd = _open_osfhandle((intptr_t)h, _O_RDWR | _O_BINARY);
    if (fd < 0)
        CloseHandle(h);
    return fd;
}

/* No reaper and no /proc: what tests leave running is not looked for. */
static void ptest__os_adopt_orphans(void)
{
}

static long *ptest__os_children(size_t *count)
{
    *count = 0;
    return NULL;
}

static int ptest__os_kill_children(const long *keep, size_t keep_len)
{
    (void)keep;
    (void)keep_len;
    return 0;
}

#if defined(PTEST__HAS_THREADS)
/* A condition variable; winpthreads times waits on the wall clock. */
static void ptest__os_cond_init(pthread_cond_t *cond)
{
    pthread_cond_init(cond, NULL);
}

/* The wall-clock deadline of a timed wait until `until` (monotonic). */
static void ptest__os_cond_deadline(double until, struct timespec *ts)
{
    FILETIME ft;
    unsigned long long t;
    double wall;
    GetSystemTimeAsFileTime(&ft);
    t = ((unsigned long long)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    wall = (double)(t - 116444736000000000ull) * 1e-7 + (until - ptest__os_now());
    ts->tv_sec = (time_t)wall;
    ts->tv_nsec = (long)((wall - (double)ts->tv_sec) * 1e9);
}
#endif
#endif /* PTEST__POSIX */


#if defined(PTEST__POSIX)
/* What /proc/self/status says of the process: read once per test by the
 * worker hygiene, in place of a system call per signal. */
struct ptest__proc_status {
    mode_t umask;
    uint64_t blocked, ignored, caught; /* SigBlk, SigIgn, SigCgt */
    long threads;
};

/* /proc/self/status, to read again and again; -1 without it (not Linux). */
static int ptest__os_open_status(void)
{
#if defined(PTEST__LINUX)
    return open("/proc/self/status", O_RDONLY | O_CLOEXEC);
#else
    return -1;
#endif
}

/* /proc/self/limits, whose text shows every resource limit in one read
 * (Linux); -1 elsewhere. */
static int ptest__os_open_limits(void)
{
#if defined(PTEST__LINUX)
    return open("/proc/self/limits", O_RDONLY | O_CLOEXEC);
#else
    return -1;
#endif
}

static uint64_t ptest__os_status_field(const char *status, const char *name, int base)
{
    const char *at = strstr(status, name);
    return at ? (uint64_t)strtoull(at + strlen(name), NULL, base) : 0;
}

/* Reads the fields of st from the text of /proc/self/status (a strstr a
 * field: 0.2 us for all here); -1 without Umask or SigCgt (kernels
 * before 4.7 have no Umask). */
static int ptest__os_parse_status(const char *status, struct ptest__proc_status *st)
{
    if (!strstr(status, "\nUmask:") || !strstr(status, "\nSigCgt:"))
        return -1;
    st->umask = (mode_t)ptest__os_status_field(status, "\nUmask:", 8);
    st->blocked = ptest__os_status_field(status, "\nSigBlk:", 16);
    st->ignored = ptest__os_status_field(status, "\nSigIgn:", 16);
    st->caught = ptest__os_status_field(status, "\nSigCgt:", 16);
    st->threads = (long)ptest__os_status_field(status, "\nThreads:", 10);
    return 0;
}

/* Reads fd (ptest__os_open_status's) into st; -1 if it cannot. */
static int ptest__os_proc_status(int fd, struct ptest__proc_status *st)
{
    char status[4096];
    ssize_t n;
    if (fd < 0)
        return -1;
    n = pread(fd, status, sizeof status - 1, 0);
    if (n <= 0)
        return -1;
    status[n] = '\0';
    return ptest__os_parse_status(status, st);
}

/* Moves fd above the numbers tests get (the lowest free ones), so that a
 * test that closes every descriptor does not hand its number to a later
 * test's file; fd itself when there is no room up there. */
static int ptest__os_high_fd(int fd)
{
    int high = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 600) : -1;
    if (high < 0)
        return fd;
    close(fd);
    return high;
}

/* The lowest free file descriptor (as the next open() would get it). */
static int ptest__os_lowest_free_fd(void)
{
    int fd = open("/dev/null", O_RDONLY);
    if (fd >= 0)
        close(fd);
    return fd;
}

/* Fills fds with the open descriptors, ascending; returns how many (at
 * most max). */
static int ptest__os_open_fds(int *fds, int max)
{
    int n = 0, fd, limit;
#if defined(PTEST__LINUX)
    DIR *dir = opendir("/proc/self/fd");
    if (dir) {
        struct dirent *e;
        int skip = dirfd(dir), i;
        while ((e = readdir(dir)) != NULL && n < max) {
            fd = atoi(e->d_name);
            if (e->d_name[0] < '0' || e->d_name[0] > '9' || fd == skip)
                continue;
            for (i = n++; i > 0 && fds[i - 1] > fd; i--) /* keep them sorted */
                fds[i] = fds[i - 1];
            fds[i] = fd;
        }
        closedir(dir);
        return n;
    }
#endif
    limit = (int)sysconf(_SC_OPEN_MAX);
    if (limit < 0 || limit > 4096)
        limit = 4096;
    for (fd = 0; fd < limit && n < max; fd++)
        if (fcntl(fd, F_GETFD) != -1)
            fds[n++] = fd;
    return n;
}

/* What descriptor fd refers to ("/tmp/x", "pipe:[123]"), or "" unknown. */
static void ptest__os_fd_target(int fd, char *out, size_t size)
{
#if defined(PTEST__LINUX)
    char path[64];
    ssize_t n;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    n = readlink(path, out, size - 1);
    out[n > 0 ? n : 0] = '\0';
#else
    (void)fd;
    out[0] = '\0';
    (void)size;
#endif
}
#endif /* PTEST__POSIX */

/* ------------------------------------------------------------------------
 * Utilities
 *
 * Growable byte buffers, allocation that ends the run on exhaustion (exit
 * 3, an internal error), case-insensitive search and edit distance.
 * ------------------------------------------------------------------------ */

struct ptest__buf {
    char *data;
    size_t len;
    size_t cap;
};

PTEST__NORETURN static void ptest__die(const char *what)
{
    fprintf(stderr, "ptest: internal error: %s: %s\n", what, strerror(errno));
    exit(PTEST__EXIT_INTERNAL);
}

#define PTEST__HUGE_PAGE ((uintptr_t)2 << 20)
#define PTEST__BIG_BLOCK ((size_t)64 << 10)

/* The huge-page-aligned stretch inside the block [p, p + size): its start
 * in *from, its length returned (0: there is none). */
static size_t ptest__huge_span(uintptr_t p, size_t size, uintptr_t *from)
{
    uintptr_t start = (p + PTEST__HUGE_PAGE - 1) & ~(PTEST__HUGE_PAGE - 1);
    uintptr_t end = (p + size) & ~(PTEST__HUGE_PAGE - 1);
    *from = start;
    return end > start ? (size_t)(end - start) : 0;
}

/* Big blocks (100,000 tests' results are 8.8 MB, 2,200 pages) are filled
 * a huge page at a time where the kernel allows it, not a page fault per
 * 4 KiB: on a VM where a fault costs 11 us, such a run at -j 2 takes 16%
 * less time (bench/README.md). The block stays malloc's, freed by free(). */
static void ptest__advise_huge(void *p, size_t size)
{
    uintptr_t from;
    size_t len = ptest__huge_span((uintptr_t)p, size, &from);
    if (len)
        ptest__os_advise_huge((void *)from, len);
}

static void *ptest__xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        ptest__die("out of memory");
    ptest__advise_huge(p, size);
    return p;
}

/* A zeroed array that the runner writes only after it has forked its
 * workers (the results), so not backed with pages in advance: pages
 * written before the fork would be shared with the workers, and each
 * write after it a copy-on-write fault (29 us on a VM). Kept in the
 * workers, all the same: a leak checker in one (or in a death test's
 * child) finds the runner's strings through it. */
static void *ptest__xcalloc_untouched(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        ptest__die("out of memory");
    ptest__advise_huge(p, n * size); /* calloc checked n * size */
    return p;
}

/* A zeroed block; one of 64 KiB or more (an array as long as the suite,
 * which its caller fills) is backed with pages at once, not a fault a
 * page (ptest__os_populate). */
static void *ptest__xcalloc(size_t n, size_t size)
{
    void *p = ptest__xcalloc_untouched(n, size);
    if (n * size >= PTEST__BIG_BLOCK)
        ptest__os_populate(p, n * size);
    return p;
}

static char *ptest__xstrndup(const char *s, size_t n)
{
    char *p = (char *)ptest__xrealloc(NULL, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *ptest__xstrdup(const char *s)
{
    return ptest__xstrndup(s, strlen(s));
}

static void ptest__buf_reserve(struct ptest__buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + extra + 1)
            cap *= 2;
        b->data = (char *)ptest__xrealloc(b->data, cap);
        b->cap = cap;
    }
}

static void ptest__buf_add(struct ptest__buf *b, const void *data, size_t n)
{
    ptest__buf_reserve(b, n);
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void ptest__buf_puts(struct ptest__buf *b, const char *s)
{
    ptest__buf_add(b, s, strlen(s));
}

static void ptest__buf_vprintf(struct ptest__buf *b, const char *fmt,
                               va_list ap)
{
    va_list copy;
    int n;
    if (!fmt) /* never, but gcc -O1 with the sanitizers thinks it may be */
        return;
    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    ptest__buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

static void ptest__buf_printf(struct ptest__buf *b, const char *fmt, ...)
    PTEST__PRINTF(2, 3);
static void ptest__buf_printf(struct ptest__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ptest__buf_vprintf(b, fmt, ap);
    va_end(ap);
}

static void ptest__buf_free(struct ptest__buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Walks a text (NULL or NUL-ended) line by line: sets *line and *len to
 * the next line, without its newline, and returns 1; 0 past the last one.
 *     const char *line; size_t n;
 *     while (ptest__next_line(&text, &line, &n)) ...
 */
static int ptest__next_line(const char **text, const char **line, size_t *len)
{
    const char *p = *text;
    if (!p || !*p)
        return 0;
    *line = p;
    *len = strcspn(p, "\n");
    *text = p + *len + (p[*len] == '\n');
    return 1;
}

/* Hands the contents over as a malloc'd string (NULL when empty). */
static char *ptest__buf_take(struct ptest__buf *b)
{
    char *s = b->len ? b->data : NULL;
    if (!s)
        free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

/* Appends s with its control bytes written as \n, \t, \r or \xNN, so
 * that a user error quoting what the user typed stays on one line. */
static void ptest__buf_one_line(struct ptest__buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != 0x7f)
            ptest__buf_add(b, s, 1);
        else if (c == '\n' || c == '\t' || c == '\r')
            ptest__buf_puts(b, c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r");
        else
            ptest__buf_printf(b, "\\x%02x", c);
    }
}

/* Set in a process the runner started to run its tests (a Windows
 * worker): the runner already gave the warnings it would give. */
static int ptest__warnings_off;

/* Prints "ptest: <kind>: <message>" on one line of stderr: a path or a
 * cache line quoted in the message cannot break it in two. */
static void ptest__complain(const char *kind, const char *fmt, ...) PTEST__PRINTF(2, 3);
static void ptest__complain(const char *kind, const char *fmt, ...)
{
    struct ptest__buf text = {NULL, 0, 0}, line = {NULL, 0, 0};
    va_list ap;
    if (ptest__warnings_off && strcmp(kind, "warning") == 0)
        return;
    va_start(ap, fmt);
    ptest__buf_vprintf(&text, fmt, ap);
    va_end(ap);
    ptest__buf_printf(&line, "ptest: %s: ", kind);
    ptest__buf_one_line(&line, text.data ? text.data : "");
    fprintf(stderr, "%s\n", line.data);
    ptest__buf_free(&text);
    ptest__buf_free(&line);
}

static int ptest__lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether needle occurs in hay, ignoring ASCII case. */
static int ptest__icontains(const char *hay, const char *needle)
{
    size_t i, n = strlen(needle);
    for (; *hay; hay++) {
        for (i = 0; i < n && hay[i]; i++)
            if (ptest__lower((unsigned char)hay[i]) !=
                ptest__lower((unsigned char)needle[i]))
                break;
        if (i == n)
            return 1;
    }
    return n == 0;
}

/* Levenshtein distance, for "did you mean" suggestions (short names). */
static size_t ptest__edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j, result;
    size_t *row = (size_t *)ptest__xcalloc(lb + 1, sizeof *row);
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    result = row[lb];
    free(row);
    return result;
}

/* An atomic write of a file: the text goes to a temporary file beside it,
 * which replaces it once complete. */
struct ptest__atomic {
    FILE *f;
    char *tmp;
    int ok;
};

/* Starts an atomic write of path; -1 when the temporary file cannot be made. */
static int ptest__atomic_open(struct ptest__atomic *a, const char *path)
{
    a->tmp = (char *)ptest__xrealloc(NULL, strlen(path) + 32);
    sprintf(a->tmp, "%s.tmp.%ld", path, ptest__os_pid());
    a->f = fopen(a->tmp, "wb");
    a->ok = a->f != NULL;
    if (!a->f) {
        free(a->tmp);
        a->tmp = NULL;
        return -1;
    }
    return 0;
}

static void ptest__atomic_add(struct ptest__atomic *a, const char *data, size_t n)
{
    if (a->ok && n && fwrite(data, 1, n, a->f) != n)
        a->ok = 0;
}

/* Puts the file in place of path (or leaves path as it was); 0 when done. */
static int ptest__atomic_close(struct ptest__atomic *a, const char *path)
{
    int ok = fclose(a->f) == 0 && a->ok;
    ok = ok && ptest__os_rename(a->tmp, path) == 0;
    if (!ok)
        remove(a->tmp);
    free(a->tmp);
    return ok ? 0 : -1;
}

/* Writes path atomically: a temporary file beside it, then rename. */
static int ptest__write_atomic(const char *path, const char *data, size_t n)
{
    struct ptest__atomic a;
    if (ptest__atomic_open(&a, path) != 0)
        return -1;
    ptest__atomic_add(&a, data, n);
    return ptest__atomic_close(&a, path);
}

/* The length of the valid UTF-8 sequence at s (1 to 4), or 0. */
static size_t ptest__utf8_len(const unsigned char *s, size_t n)
{
    size_t len, i;
    if (s[0] < 0x80)
        return 1;
    len = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 :
          (s[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (len == 0 || len > n || (len == 2 && s[0] < 0xc2) ||
        (len == 3 && s[0] == 0xe0 && s[1] < 0xa0) ||
        (len == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
        (len == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || s[0] > 0xf4 ||
                      (s[0] == 0xf4 && s[1] >= 0x90))))
        return 0;
    for (i = 1; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    return len;
}

/* Parses a whole decimal number in [min, max]; 0 on success. In 64 bits
 * whatever long is, so that a number means the same on 32-bit machines. */
static int ptest__parse_wide(const char *s, long long min, long long max,
                             long long *out)
{
    char *end;
    long long v;
    if (!s || !*s || *s == ' ')
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int ptest__parse_long(const char *s, long min, long max, long *out)
{
    long long v;
    if (ptest__parse_wide(s, min, max, &v) != 0)
        return -1;
    *out = (long)v;
    return 0;
}

/* Parses seconds (a non-negative decimal, "2.5"); 0 on success. */
static int ptest__parse_seconds(const char *s, double *out)
{
    char *end;
    double v;
    if (!s || !*s || *s == ' ')
        return -1;
    errno = 0;
    v = strtod(s, &end);
    if (errno || *end || !(v >= 0) || v > 1e9)
        return -1;
    *out = v;
    return 0;
}

/* ------------------------------------------------------------------------
 * Registry
 *
 * Collects what TEST, TEST_P, PTEST_MARKER and the fixture macros left in
 * the linker sections (or constructor lists), expands each TEST_P into one
 * case per element, orders cases by file and line, and finds definition
 * errors: duplicate ids, undeclared markers, contradictory options.
 * It never allocates per registration, only per collected case.
 * ------------------------------------------------------------------------ */

/* One runnable case, a TEST or one element of a TEST_P: 32 bytes, 3.2 MB for 100,000 tests, every page of it
 * a fault to fill in. TIMEOUT, SKIP, XFAIL and the death options are read
 * from the test's options when needed (ptest__case_option), not copied. */
struct ptest__case {
    const struct ptest__test *test;
    char *id;               /* "suite.name" or "suite.name[3]" */
    const char *key;        /* the id the cache knows it by (id, but for --count) */
    uint32_t param;         /* element index of a TEST_P */
    int repeat;             /* --count: which repetition (1..N), else 0 */
};

struct ptest__registry {
    struct ptest__case *cases;
    size_t count;
    char *ids;              /* the registered cases' ids, one block */
    const struct ptest__marker **markers;
    size_t marker_count;
    const struct ptest__hook **hooks;
    size_t hook_count;
};

/* The markers every binary knows. */
static const struct ptest__marker ptest__builtin_markers[] = {
    {"slow", "slow tests; deselect with -m \"not slow\"", "ptest.h", 0},
    {"integration", "tests that touch files, processes or the network",
     "ptest.h", 0},
    {"unit", "fast tests of one unit in isolation", "ptest.h", 0},
};

/* The registration lists as begin/end arrays of pointers. */
struct ptest__span {
    const void *const *begin;
    const void *const *end;
};

/* Sentinels: one entry per section, so each exists even in a binary with
 * no tests; the collector skips them. */
static const struct ptest__test ptest__none_test = {
    "", "", "", NULL, NULL, NULL, 0, 0};
static const struct ptest__marker ptest__none_marker = {"", "", "", 0};
static const struct ptest__hook ptest__none_hook = {-1, NULL, NULL, "", 0, 0};
#if defined(PTEST__SECTION_ELF) || defined(PTEST__SECTION_MACHO)
PTEST__REGISTER(tests, struct ptest__test, ptest__none_test)
PTEST__REGISTER(markers, struct ptest__marker, ptest__none_marker)
PTEST__REGISTER(hooks, struct ptest__hook, ptest__none_hook)
#endif

#if defined(PTEST__SECTION_SCAN)
/* Finds each ptest_* section in the executable's section headers, moved by
 * where the program was loaded (its program headers' address in memory,
 * from the auxiliary vector, against their address in the file). */
#if UINTPTR_MAX > 0xffffffffu
#define PTEST__ELF(type) Elf64_##type
#else
#define PTEST__ELF(type) Elf32_##type
#endif
static struct ptest__span ptest__scan_spans[3];
enum { ptest__scan_tests, ptest__scan_markers, ptest__scan_hooks };

static uintptr_t ptest__scan_bias(int fd, const PTEST__ELF(Ehdr) *eh)
{
    PTEST__ELF(Phdr) ph;
    size_t i;
    for (i = 0; i < eh->e_phnum; i++) {
        if (pread(fd, &ph, sizeof ph, (off_t)(eh->e_phoff + i * sizeof ph)) !=
            (ssize_t)sizeof ph)
            break;
        if (ph.p_type == PT_PHDR)
            return (uintptr_t)getauxval(AT_PHDR) - (uintptr_t)ph.p_vaddr;
    }
    return 0;
}

static void ptest__scan_section(const PTEST__ELF(Shdr) *sh, const char *name,
                                uintptr_t bias)
{
    static const char *const kinds[3] = {"ptest_tests", "ptest_markers",
                                         "ptest_hooks"};
    int k;
    for (k = 0; k < 3; k++) {
        if (strcmp(name, kinds[k]) == 0) {
            ptest__scan_spans[k].begin = (const void *const *)(bias + sh->sh_addr);
            ptest__scan_spans[k].end =
                (const void *const *)(bias + sh->sh_addr + sh->sh_size);
        }
    }
}

/* Returns 0 when it found the tests' section; -1 when the executable
 * could not be read as ELF (then no test could be found). */
static int ptest__scan_sections(void)
{
    PTEST__ELF(Ehdr) eh;
    PTEST__ELF(Shdr) *sh = NULL, *strtab;
    char *names = NULL;
    uintptr_t bias;
    size_t i, size;
    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh ||
        memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_shstrndx >= eh.e_shnum || eh.e_shentsize != sizeof *sh)
        goto done;
    size = (size_t)eh.e_shnum * sizeof *sh;
    sh = (PTEST__ELF(Shdr) *)ptest__xcalloc(1, size);
    if (pread(fd, sh, size, (off_t)eh.e_shoff) != (ssize_t)size)
        goto done;
    strtab = &sh[eh.e_shstrndx];
    names = (char *)ptest__xcalloc(1, strtab->sh_size + 1);
    if (pread(fd, names, strtab->sh_size, (off_t)strtab->sh_offset) !=
        (ssize_t)strtab->sh_size)
        goto done;
    bias = ptest__scan_bias(fd, &eh);
    for (i = 0; i < eh.e_shnum; i++)
        if (sh[i].sh_name < strtab->sh_size)
            ptest__scan_section(&sh[i], names + sh[i].sh_name, bias);
done:
    if (fd >= 0)
        close(fd);
    free(sh);
    free(names);
    return ptest__scan_spans[0].begin ? 0 : -1;
}

/* The section of one kind; the first call reads the headers, and a build
 * whose tests cannot be found says so rather than run none. */
static struct ptest__span ptest__scan_span(int kind)
{
    static int scanned;
    if (!scanned++ && ptest__scan_sections() != 0) {
        fprintf(stderr, "ptest: error: cannot read this program's ELF section "
                        "headers from /proc/self/exe, where a tcc build finds "
                        "its tests\n");
        exit(PTEST__EXIT_INTERRUPTED); /* as a definition error */
    }
    return ptest__scan_spans[kind];
}
#define PTEST__SPAN(kind) ptest__scan_span(ptest__scan_##kind)
#elif defined(PTEST__SECTION_ELF)
extern const void *const __start_ptest_tests[], *const __stop_ptest_tests[];
extern const void *const __start_ptest_markers[], *const __stop_ptest_markers[];
extern const void *const __start_ptest_hooks[], *const __stop_ptest_hooks[];
#define PTEST__SPAN(kind) {__start_ptest_##kind, __stop_ptest_##kind}
#elif defined(PTEST__SECTION_MACHO) /* written, not yet tested on macOS */
#define PTEST__MACHO_BOUNDS(kind)                                              \
    extern const void *const ptest__macho_start_##kind[] __asm(               \
        "section$start$__DATA$ptest_" #kind);                                  \
    extern const void *const ptest__macho_stop_##kind[] __asm(                \
        "section$end$__DATA$ptest_" #kind);
PTEST__MACHO_BOUNDS(tests)
PTEST__MACHO_BOUNDS(markers)
PTEST__MACHO_BOUNDS(hooks)
#define PTEST__SPAN(kind) {ptest__macho_start_##kind, ptest__macho_stop_##kind}
#elif defined(PTEST__SECTION_MSVC) /* written, not yet tested with MSVC */
#pragma section("ptest_tests$a", read)
#pragma section("ptest_tests$c", read)
#pragma section("ptest_markers$a", read)
#pragma section("ptest_markers$c", read)
#pragma section("ptest_hooks$a", read)
#pragma section("ptest_hooks$c", read)
#define PTEST__MSVC_BOUNDS(kind)                                               \
    __declspec(allocate("ptest_" #kind "$a")) const void *const                \
        ptest__msvc_start_##kind[1] = {NULL};                                  \
    __declspec(allocate("ptest_" #kind "$c")) const void *const                \
        ptest__msvc_stop_##kind[1] = {NULL};
PTEST__MSVC_BOUNDS(tests)
PTEST__MSVC_BOUNDS(markers)
PTEST__MSVC_BOUNDS(hooks)
#define PTEST__SPAN(kind) {ptest__msvc_start_##kind, ptest__msvc_stop_##kind}
#elif defined(PTEST__SECTION_PE)
/* GNU ld for PE merges ptest_tests$a, $b, $c into one section, ordered by
 * suffix: the bounds sit in $a and $c around the entries in $b, whatever
 * the link order. The asm hides from the optimizer that the bounds are
 * one-element arrays. */
#define PTEST__PE_BOUNDS(kind)                                                 \
    PTEST__USED __attribute__((section("ptest_" #kind "$a")))                 \
    const void *const ptest__pe_start_##kind[1] = {NULL};                      \
    PTEST__USED __attribute__((section("ptest_" #kind "$c")))                 \
    const void *const ptest__pe_stop_##kind[1] = {NULL};
PTEST__PE_BOUNDS(tests)
PTEST__PE_BOUNDS(markers)
PTEST__PE_BOUNDS(hooks)
static const void *const *ptest__pe_opaque(const void *const *p)
{
    __asm__("" : "+r"(p));
    return p;
}
#define PTEST__SPAN(kind)                                                      \
    {ptest__pe_opaque(ptest__pe_start_##kind), ptest__pe_opaque(ptest__pe_stop_##kind)}
#else
/* Constructor fallback: each kind's nodes, most recent first. */
static struct ptest__node *ptest__node_heads[3];

void ptest__register_node(int kind, struct ptest__node *node)
{
    node->next = ptest__node_heads[kind];
    ptest__node_heads[kind] = node;
}
#endif

/* Copies one kind's registered pointers, skipping the sentinels and the
 * zero padding some toolchains put between section entries. */
static const void **ptest__collect_kind(int kind, size_t *count,
                                        const void *sentinel)
{
    const void **items;
    size_t n = 0, cap = 16;
#if defined(PTEST__SPAN)
    struct ptest__span spans[3] = {PTEST__SPAN(tests), PTEST__SPAN(markers),
                                   PTEST__SPAN(hooks)};
    const void *const *p;
    if (spans[kind].end - spans[kind].begin > 16) /* all of it, never a realloc */
        cap = (size_t)(spans[kind].end - spans[kind].begin);
    items = (const void **)ptest__xcalloc(cap, sizeof *items);
    for (p = spans[kind].begin; p < spans[kind].end; p++) {
        if (!*p || *p == sentinel)
            continue;
        if (n == cap)
            items = (const void **)ptest__xrealloc(items, (cap *= 2) * sizeof *items);
        items[n++] = *p;
    }
#else
    struct ptest__node *node;
    (void)sentinel;
    items = (const void **)ptest__xcalloc(cap, sizeof *items);
    for (node = ptest__node_heads[kind]; node; node = node->next) {
        if (n == cap)
            items = (const void **)ptest__xrealloc(items, (cap *= 2) * sizeof *items);
        items[n++] = node->item;
    }
#endif
    *count = n;
    return items;
}

static int ptest__compare_tests(const void *a, const void *b)
{
    const struct ptest__test *x = *(const struct ptest__test *const *)a;
    const struct ptest__test *y = *(const struct ptest__test *const *)b;
    int c = x->file == y->file ? 0 : strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Markers in declaration order (file, line), whatever the linker did. */
static int ptest__compare_markers(const void *a, const void *b)
{
    const struct ptest__marker *x = *(const struct ptest__marker *const *)a;
    const struct ptest__marker *y = *(const struct ptest__marker *const *)b;
    int c = x->file == y->file ? 0 : strcmp(x->file, y->file);
    return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

/* The last option of case c that is one of kinds a or b (the one that
 * counts when a test repeats an option), or NULL. */
static const struct ptest__option *ptest__case_option(const struct ptest__case *c,
                                                      int a, int b)
{
    const struct ptest__option *found = NULL;
    size_t i;
    for (i = 0; i < c->test->option_count; i++)
        if (c->test->options[i].kind == a || c->test->options[i].kind == b)
            found = &c->test->options[i];
    return found;
}

/* The text of SKIP() or XFAIL() ("" without a reason), or NULL. */
static const char *ptest__case_reason(const struct ptest__case *c, int kind)
{
    const struct ptest__option *o = ptest__case_option(c, kind, kind);
    return !o ? NULL : o->text ? o->text : "";
}

/* SKIP()'s text, or why a TEST_P over no elements is skipped (it has one
 * case, as pytest's empty parameter set has), or NULL. */
static const char *ptest__case_skip(const struct ptest__case *c)
{
    if (c->test->params && c->test->params->count == 0)
        return "empty parameter set (TEST_P over an array of no elements)";
    return ptest__case_reason(c, PTEST__OPT_SKIP);
}

static const char *ptest__case_xfail(const struct ptest__case *c)
{
    return ptest__case_reason(c, PTEST__OPT_XFAIL);
}

/* TIMEOUT()'s seconds, or -1. */
static double ptest__case_own_timeout(const struct ptest__case *c)
{
    const struct ptest__option *o =
        ptest__case_option(c, PTEST__OPT_TIMEOUT, PTEST__OPT_TIMEOUT);
    return o ? o->number : -1;
}

/* SLOTS()'s workers, or 1. */
static int ptest__case_slots(const struct ptest__case *c)
{
    const struct ptest__option *o = ptest__case_option(c, PTEST__OPT_SLOTS, PTEST__OPT_SLOTS);
    return o ? (int)o->number : 1;
}

/* TEST_F's fixture option (name, size, body), or NULL. */
static const struct ptest__option *ptest__case_fixture(const struct ptest__case *c)
{
    return ptest__case_option(c, PTEST__OPT_FIXTURE, PTEST__OPT_FIXTURE);
}

/* PTEST__OPT_EXPECT_SIGNAL or _EXIT with its value in *value, or 0. */
static int ptest__case_death(const struct ptest__case *c, int *value)
{
    const struct ptest__option *o =
        ptest__case_option(c, PTEST__OPT_EXPECT_SIGNAL, PTEST__OPT_EXPECT_EXIT);
    *value = o ? (int)o->number : 0;
    return o ? o->kind : 0;
}

/* Room for the id of one case of test t, terminator included. */
static size_t ptest__id_room(const struct ptest__test *t)
{
    return strlen(t->suite) + strlen(t->name) + (t->params ? 24 : 2);
}

/* Writes "suite.name", or "suite.name[param]" for a TEST_P, at id; returns
 * the byte after its terminator. Built by hand: it runs once per case. */
static char *ptest__write_id(char *id, const struct ptest__test *t, size_t param)
{
    size_t ls = strlen(t->suite), ln = strlen(t->name);
    char *p = id + ls + ln + 1;
    memcpy(id, t->suite, ls);
    id[ls] = '.';
    memcpy(id + ls + 1, t->name, ln);
    if (t->params && t->params->count)
        p += sprintf(p, "[%lu]", (unsigned long)param);
    else if (t->params)
        p += sprintf(p, "[]"); /* the case of an empty parameter set */
    *p = '\0';
    return p + 1;
}

/* The registered tests, for ptest__registry_collect: a view of the linker
 * section when what it must skip (NULL padding, the sentinel) lies only at
 * the section's ends, as when the implementation's file links first or
 * last; a copy otherwise. The view spares 800 KB of page faults at 100,000
 * tests. *copy: the array to free, or NULL for a view. */
static const void *const *ptest__tests_view(size_t *count, const void ***copy)
{
#if defined(PTEST__SPAN)
    struct ptest__span span = PTEST__SPAN(tests);
    const void *const *b = span.begin, *const *e = span.end, *const *p;
    while (b < e && (!*b || *b == &ptest__none_test))
        b++;
    while (e > b && (!e[-1] || e[-1] == &ptest__none_test))
        e--;
    for (p = b; p < e && *p && *p != &ptest__none_test; p++)
        ;
    if (p == e) {
        *copy = NULL;
        *count = (size_t)(e - b);
        return b;
    }
#endif
    *copy = ptest__collect_kind(0, count, &ptest__none_test);
    return *copy;
}

/* Puts the tests into file and line order, unless the linker already laid
 * them out so (the usual case): checking is n compares, sorting 100,000
 * tests n log n and a copy of the array. Returns the array to read. */
static int ptest__test_before(const void *x, const void *y)
{
    return ptest__compare_tests(&x, &y) <= 0;
}

/* Merges the sorted runs a[lo..mid) and a[mid..hi) through tmp. */
static void ptest__merge_tests(const void **a, const void **tmp, size_t lo, size_t mid,
                               size_t hi)
{
    size_t l = lo, r = mid, k = lo;
    while (l < mid && r < hi)
        tmp[k++] = ptest__test_before(a[l], a[r]) ? a[l++] : a[r++];
    while (l < mid)
        tmp[k++] = a[l++];
    while (r < hi)
        tmp[k++] = a[r++];
    memcpy((void *)(a + lo), tmp + lo, (hi - lo) * sizeof *a);
}

/* Tests in file and line order. The linker gives them file by file, each
 * file's often backwards (GCC emits a unit's variables last first): the
 * descending runs are turned around and the runs merged, some passes over
 * the list instead of qsort's n log n calls (100,000 tests: 1.7 million). */
static const void *const *ptest__sort_tests(const void *const *tests, size_t n,
                                            const void ***copy)
{
    size_t i, j, runs = 0, width, *start;
    const void **a, **tmp;
    for (i = 1; i < n; i++)
        if (!ptest__test_before(tests[i - 1], tests[i]))
            break;
    if (i >= n)
        return tests;
    if (!*copy) {
        *copy = (const void **)ptest__xrealloc(NULL, n * sizeof **copy);
        memcpy((void *)*copy, tests, n * sizeof *tests);
    }
    a = *copy;
    start = (size_t *)ptest__xcalloc(n + 1, sizeof *start);
    for (i = 0; i < n; i = j) { /* the runs, each turned ascending */
        start[runs++] = i;
        for (j = i + 1; j < n && ptest__test_before(a[j - 1], a[j]); j++)
            ;
        if (j == i + 1)
            for (; j < n && !ptest__test_before(a[j - 1], a[j]); j++)
                ;
        if (j > i + 1 && !ptest__test_before(a[i], a[i + 1])) {
            size_t lo = i, hi = j - 1;
            for (; lo < hi; lo++, hi--) {
                const void *t = a[lo];
                a[lo] = a[hi];
                a[hi] = t;
            }
        }
    }
    start[runs] = n;
    tmp = (const void **)ptest__xcalloc(n, sizeof *tmp);
    for (width = 1; width < runs; width *= 2) /* merge neighbouring runs */
        for (i = 0; i + width < runs; i += 2 * width)
            ptest__merge_tests(a, tmp, start[i], start[i + width],
                               start[i + 2 * width < runs ? i + 2 * width : runs]);
    free(tmp);
    free(start);
    return a;
}

/* How many cases test t has: one per element of a TEST_P's array (one, to
 * skip, for an empty array), else one. */
static size_t ptest__case_span(const struct ptest__test *t)
{
    return t->params && t->params->count ? t->params->count : 1;
}

/* Builds the case list from the registered tests, in file and line order. */
static void ptest__registry_collect(struct ptest__registry *reg)
{
    size_t ntests, i, j, n = 0, total = 0, room = 1;
    const void **copy;
    const void *const *tests = ptest__tests_view(&ntests, &copy);
    char *at;
    tests = ptest__sort_tests(tests, ntests, &copy);
    for (i = 0; i < ntests; i++) {
        const struct ptest__test *t = (const struct ptest__test *)tests[i];
        total += ptest__case_span(t);
        room += ptest__case_span(t) * ptest__id_room(t);
    }
    reg->cases = (struct ptest__case *)ptest__xcalloc(total, sizeof *reg->cases);
    /* One block for all ids: a malloc each was 100,000 calls and 16 bytes
     * of bookkeeping apiece for a large suite. */
    reg->ids = at = (char *)ptest__xcalloc(room, 1);
    for (i = 0; i < ntests; i++) {
        const struct ptest__test *t = (const struct ptest__test *)tests[i];
        size_t count = ptest__case_span(t);
        for (j = 0; j < count; j++, n++) {
            reg->cases[n].test = t;
            reg->cases[n].param = (uint32_t)j;
            reg->cases[n].id = at;
            at = ptest__write_id(at, t, j);
            reg->cases[n].key = reg->cases[n].id;
        }
    }
    reg->count = n;
    free((void *)copy);
    reg->markers = (const struct ptest__marker **)ptest__collect_kind(
        1, &reg->marker_count, &ptest__none_marker);
    qsort((void *)reg->markers, reg->marker_count, sizeof *reg->markers,
          ptest__compare_markers);
    reg->hooks = (const struct ptest__hook **)ptest__collect_kind(
        2, &reg->hook_count, &ptest__none_hook);
}

/* The declared marker called name (built-in or PTEST_MARKER), or NULL. */
static const struct ptest__marker *
ptest__find_marker(const struct ptest__registry *reg, const char *name)
{
    size_t i;
    for (i = 0; i < sizeof ptest__builtin_markers / sizeof ptest__builtin_markers[0]; i++)
        if (strcmp(ptest__builtin_markers[i].name, name) == 0)
            return &ptest__builtin_markers[i];
    for (i = 0; i < reg->marker_count; i++)
        if (strcmp(reg->markers[i]->name, name) == 0)
            return reg->markers[i];
    return NULL;
}

/* The declared marker closest to name, for "did you mean"; NULL if none is
 * close enough to be a likely typo. */
static int ptest__same_but_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static const char *ptest__suggest_marker(const struct ptest__registry *reg,
                                         const char *name)
{
    const char *best = NULL;
    size_t i, best_d = (size_t)-1, total = reg->marker_count + 3;
    for (i = 0; i < total; i++) {
        const char *m = i < 3 ? ptest__builtin_markers[i].name
                              : reg->markers[i - 3]->name;
        size_t d = ptest__same_but_case(name, m) ? 0 : ptest__edit_distance(name, m);
        if (d < best_d) {
            best_d = d;
            best = m;
        }
    }
    return best && best_d <= (strlen(name) + 2) / 3 + 1 ? best : NULL;
}

/* Case ids to case indices, for the cache and the durations file: open
 * addressing over FNV-1a hashes, built once. */
struct ptest__idmap {
    uint32_t *slots;        /* case index + 1; 0: empty (half the pages of size_t) */
    size_t mask;
};

static size_t ptest__hash(const char *s, size_t n)
{
    size_t h = (size_t)14695981039346656037ULL, i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * (size_t)1099511628211ULL;
    return h;
}

/* Builds the map; calls dup(reg, first, second) for each key seen twice
 * (dup may be NULL) and returns how many there were. */
static int ptest__idmap_build_checked(struct ptest__idmap *m,
                                      const struct ptest__registry *reg,
                                      void (*dup)(const struct ptest__registry *,
                                                  size_t, size_t, void *),
                                      void *data)
{
    size_t size = 16, i;
    int dups = 0;
    while (size < 2 * reg->count)
        size *= 2;
    m->mask = size - 1;
    m->slots = (uint32_t *)ptest__xcalloc(size, sizeof *m->slots);
    for (i = 0; i < reg->count; i++) {
        const char *key = reg->cases[i].key;
        size_t h = ptest__hash(key, strlen(key)) & m->mask;
        while (m->slots[h] && strcmp(reg->cases[m->slots[h] - 1].key, key) != 0)
            h = (h + 1) & m->mask;
        if (m->slots[h]) {
            dups++;
            if (dup)
                dup(reg, m->slots[h] - 1, i, data);
            continue;
        }
        m->slots[h] = (uint32_t)(i + 1);
    }
    return dups;
}

static void ptest__idmap_build(struct ptest__idmap *m, const struct ptest__registry *reg)
{
    ptest__idmap_build_checked(m, reg, NULL, NULL);
}

/* The case whose key is id[0..n), or (size_t)-1. */
static size_t ptest__idmap_find(const struct ptest__idmap *m,
                                const struct ptest__registry *reg,
                                const char *id, size_t n)
{
    size_t h = ptest__hash(id, n) & m->mask;
    for (; m->slots[h]; h = (h + 1) & m->mask) {
        const char *key = reg->cases[m->slots[h] - 1].key;
        if (strncmp(key, id, n) == 0 && key[n] == '\0')
            return m->slots[h] - 1;
    }
    return (size_t)-1;
}

/* As ptest__idmap_find, trying case guess first: the lines of a history
 * file come in definition order, so the case after the last one found is
 * nearly always the next, with no hashing and no cache miss. */
static size_t ptest__idmap_find_near(const struct ptest__idmap *m,
                                     const struct ptest__registry *reg,
                                     const char *id, size_t n, size_t guess)
{
    const char *key = guess < reg->count ? reg->cases[guess].key : NULL;
    if (key && reg->cases[guess].repeat == 0 && strncmp(key, id, n) == 0 && key[n] == '\0')
        return guess;
    return ptest__idmap_find(m, reg, id, n);
}

static void ptest__report_duplicate(const struct ptest__registry *reg, size_t first,
                                    size_t second, void *data)
{
    const struct ptest__test *a = reg->cases[first].test, *b = reg->cases[second].test;
    ptest__buf_printf((struct ptest__buf *)data,
                      "ptest: error: %s:%d: test %s is defined twice "
                      "(also at %s:%d)\n",
                      b->file, b->line, reg->cases[second].id, a->file, a->line);
}

/* Reports duplicate ids, naming both definitions; returns how many. The
 * id map it builds is freed, or handed over in keep. */
static int ptest__check_duplicates(const struct ptest__registry *reg,
                                   struct ptest__buf *err, struct ptest__idmap *keep)
{
    struct ptest__idmap m;
    int dups = ptest__idmap_build_checked(&m, reg, ptest__report_duplicate, err);
    if (keep)
        *keep = m; /* the cache will look ids up in it */
    else
        free(m.slots);
    return dups;
}

/* Reports undeclared markers and contradictory options of one test. */
static int ptest__check_test(const struct ptest__registry *reg,
                             const struct ptest__test *t,
                             struct ptest__buf *err)
{
    size_t i;
    int errors = 0, deaths = 0;
    for (i = 0; i < t->option_count; i++) {
        const struct ptest__option *o = &t->options[i];
        if (o->kind == PTEST__OPT_MARK && !ptest__find_marker(reg, o->text)) {
            const char *near = ptest__suggest_marker(reg, o->text);
            ptest__buf_printf(err,
                              "ptest: error: %s:%d: test %s.%s uses undeclared "
                              "marker '%s'%s%s%s; declare it with "
                              "PTEST_MARKER(%s, \"description\")\n",
                              t->file, t->line, t->suite, t->name, o->text,
                              near ? " (did you mean '" : "", near ? near : "",
                              near ? "'?)" : "", o->text);
            errors++;
        }
        if (o->kind == PTEST__OPT_TIMEOUT && !(o->number >= 0 && o->number <= 1e9)) {
            ptest__buf_printf(err,
                              "ptest: error: %s:%d: test %s.%s: TIMEOUT(%s) "
                              "must be a number of seconds from 0 to 1e9\n",
                              t->file, t->line, t->suite, t->name, o->text);
            errors++;
        }
        if (o->kind == PTEST__OPT_SLOTS &&
            !(o->number >= 1 && o->number <= 1024 && o->number == (double)(int)o->number)) {
            ptest__buf_printf(err,
                              "ptest: error: %s:%d: test %s.%s: SLOTS(%s) must be a "
                              "whole number of workers from 1 to 1024\n",
                              t->file, t->line, t->suite, t->name, o->text);
            errors++;
        }
        deaths += o->kind == PTEST__OPT_EXPECT_SIGNAL ||
                  o->kind == PTEST__OPT_EXPECT_EXIT;
    }
    if (deaths > 1) {
        ptest__buf_printf(err,
                          "ptest: error: %s:%d: test %s.%s: a test can expect "
                          "one death only (EXPECT_SIGNAL or EXPECT_EXIT, once)\n",
                          t->file, t->line, t->suite, t->name);
        errors++;
    }
    return errors;
}

/* Reports wrong PTEST_MARKERs: one named as a word of -m's grammar (and,
 * or, not), which -m could never select, or one redeclaring a built-in. */
static int ptest__check_markers(const struct ptest__registry *reg, struct ptest__buf *err)
{
    static const char *const words[] = {"and", "or", "not"};
    size_t i, j;
    int errors = 0;
    for (i = 0; i < reg->marker_count; i++) {
        const struct ptest__marker *m = reg->markers[i];
        for (j = 0; j < sizeof words / sizeof words[0]; j++)
            if (strcmp(m->name, words[j]) == 0) {
                ptest__buf_printf(err, "ptest: error: %s:%d: PTEST_MARKER(%s, ...): "
                                       "'%s' is a word of -m expressions, so -m could "
                                       "never select it; pick another name\n",
                                  m->file, m->line, m->name, m->name);
                errors++;
            }
        for (j = 0; j < sizeof ptest__builtin_markers / sizeof ptest__builtin_markers[0]; j++)
            if (strcmp(m->name, ptest__builtin_markers[j].name) == 0) {
                ptest__buf_printf(err, "ptest: error: %s:%d: PTEST_MARKER(%s, ...): "
                                       "'%s' is built in; use MARK(%s) without "
                                       "declaring it\n",
                                  m->file, m->line, m->name, m->name, m->name);
                errors++;
            }
    }
    return errors;
}

/* Reports a FIXTURE_SETUP or FIXTURE_TEARDOWN defined twice for one
 * fixture name (in two files): which would run is not for ptest to guess. */
static int ptest__check_fixture_hooks(const struct ptest__registry *reg,
                                      struct ptest__buf *err)
{
    size_t i, j;
    int errors = 0;
    for (i = 0; i < reg->hook_count; i++) {
        const struct ptest__hook *a = reg->hooks[i];
        if (a->kind != PTEST__HOOK_FIXTURE_SETUP && a->kind != PTEST__HOOK_FIXTURE_TEARDOWN)
            continue;
        for (j = i + 1; j < reg->hook_count; j++) {
            const struct ptest__hook *b = reg->hooks[j];
            if (b->kind != a->kind || strcmp(a->suite, b->suite) != 0)
                continue;
            ptest__buf_printf(err, "ptest: error: %s:%d: %s(%s) is defined twice "
                                   "(also at %s:%d); give one of the fixtures "
                                   "another name\n",
                              b->file, b->line,
                              a->kind == PTEST__HOOK_FIXTURE_SETUP ? "FIXTURE_SETUP"
                                                                  : "FIXTURE_TEARDOWN",
                              a->suite, a->file, a->line);
            errors++;
        }
    }
    return errors;
}

/* Reports a PTEST_RESOURCE whose capacity is not 1 or more, and one
 * declared twice (in two files) with two capacities. */
static int ptest__check_resources(const struct ptest__registry *reg, struct ptest__buf *err)
{
    size_t i, j;
    int errors = 0;
    for (i = 0; i < reg->hook_count; i++) {
        const struct ptest__hook *a = reg->hooks[i];
        if (a->kind != PTEST__HOOK_RESOURCE)
            continue;
        if (a->capacity < 1 || a->capacity > 1000000) {
            ptest__buf_printf(err, "ptest: error: %s:%d: PTEST_RESOURCE(%s, %d): the "
                                   "capacity is how many tests may hold it at once, "
                                   "from 1 to 1000000\n",
                              a->file, a->line, a->suite, a->capacity);
            errors++;
        }
        for (j = i + 1; j < reg->hook_count; j++) {
            const struct ptest__hook *b = reg->hooks[j];
            if (b->kind != PTEST__HOOK_RESOURCE || strcmp(a->suite, b->suite) != 0 ||
                a->capacity == b->capacity)
                continue;
            ptest__buf_printf(err, "ptest: error: %s:%d: PTEST_RESOURCE(%s, %d) is "
                                   "declared with another capacity at %s:%d (%d)\n",
                              b->file, b->line, b->suite, b->capacity, a->file, a->line,
                              a->capacity);
            errors++;
        }
    }
    return errors;
}

/* How many running tests may hold the resource called name at once: its
 * PTEST_RESOURCE's capacity, or 1. */
static int ptest__resource_capacity(const struct ptest__registry *reg, const char *name)
{
    size_t i;
    for (i = 0; i < reg->hook_count; i++)
        if (reg->hooks[i]->kind == PTEST__HOOK_RESOURCE &&
            strcmp(reg->hooks[i]->suite, name) == 0)
            return reg->hooks[i]->capacity;
    return 1;
}

/* All definition errors, one line each into err; returns how many. keep
 * (may be NULL) receives the id map. */
static int ptest__registry_check(const struct ptest__registry *reg,
                                 struct ptest__buf *err, struct ptest__idmap *keep)
{
    size_t i;
    int errors = ptest__check_duplicates(reg, err, keep) + ptest__check_markers(reg, err) +
                 ptest__check_fixture_hooks(reg, err) + ptest__check_resources(reg, err);
    for (i = 0; i < reg->count; i++)
        if (i == 0 || reg->cases[i].test != reg->cases[i - 1].test)
            errors += ptest__check_test(reg, reg->cases[i].test, err);
    return errors;
}

/* Whether case c carries MARK(name). */
static int ptest__case_has_marker(const struct ptest__case *c, const char *name)
{
    size_t i;
    for (i = 0; i < c->test->option_count; i++)
        if (c->test->options[i].kind == PTEST__OPT_MARK &&
            strcmp(c->test->options[i].text, name) == 0)
            return 1;
    return 0;
}

static void ptest__registry_free(struct ptest__registry *reg)
{
    size_t i;
    /* Collected cases share reg->ids; a --count copy has its own id (its
     * key is the original's), as has every case of a registry built by
     * hand, without reg->ids. */
    for (i = 0; i < reg->count; i++)
        if (!reg->ids || reg->cases[i].repeat > 0)
            free(reg->cases[i].id);
    free(reg->ids);
    free(reg->cases);
    free((void *)reg->markers);
    free((void *)reg->hooks);
}

/* ------------------------------------------------------------------------
 * Impact recording
 *
 * Built with -DPTEST_IMPACT and -finstrument-functions (docs/affected.md),
 * notes which functions each test entered, for --impact-record: the
 * compiler calls __cyg_profile_func_enter on every function entry, and
 * ptest adds the function to a set of this thread's (a worker's, the
 * runner's) or, in any other thread and in forked children, to one in
 * shared memory. The worker loop calls ptest__impact_begin and
 * ptest__impact_end around each test; they append both to a file of
 * hits (one a worker thread) that the runner turns into
 * source lines after the run (section "Change impact"). Without
 * PTEST_IMPACT both hooks are empty.
 * ------------------------------------------------------------------------ */
#if defined(PTEST__IMPACT)
/* Neither hook may call itself: no -finstrument-functions entry, and no
 * -fsanitize-coverage block call (gcc 12+, clang 13+). */
#if defined(__has_attribute)
#if __has_attribute(no_sanitize_coverage)
#define PTEST__NO_INSTRUMENT __attribute__((no_instrument_function, no_sanitize_coverage))
#elif defined(__clang__) && __has_attribute(no_sanitize)
#define PTEST__NO_INSTRUMENT __attribute__((no_instrument_function, no_sanitize("coverage")))
#endif
#endif
#if !defined(PTEST__NO_INSTRUMENT)
#define PTEST__NO_INSTRUMENT __attribute__((no_instrument_function))
#endif
/* Where the hit files go: the runner puts it in the environment before it
 * starts any worker. */
#define PTEST__IMPACT_DIR_VAR "PTEST__IMPACT_DIR"

/* A set of function addresses (open addressing; 0 is never a function). */
struct ptest__impact_set {
    uintptr_t *slot;
    size_t *used;           /* the occupied slots, in order: a flush visits
                             * len of them, not cap */
    size_t cap, len;
    uintptr_t last;         /* the last one added: most calls repeat it */
    int lost;               /* an allocation failed: the set is incomplete */
    int busy;               /* being flushed: what that calls is not a test's */
    uintptr_t recent[256];  /* block PCs added since the flush, by a hash:
                             * a loop's blocks cost a load each */
};

/* The functions this thread entered since its last flush. */
static PTEST__THREAD_LOCAL struct ptest__impact_set ptest__impact_hits;

PTEST__NO_INSTRUMENT static size_t ptest__impact_slot(uintptr_t fn, size_t cap)
{
    return (size_t)(((uint64_t)fn * 0x9e3779b97f4a7c15ULL) >> 32) & (cap - 1);
}

PTEST__NO_INSTRUMENT static void ptest__impact_insert(struct ptest__impact_set *s,
                                                      uintptr_t fn)
{
    size_t i = ptest__impact_slot(fn, s->cap);
    for (; s->slot[i]; i = (i + 1) & (s->cap - 1))
        if (s->slot[i] == fn)
            return;
    s->slot[i] = fn;
    s->used[s->len++] = i;
}

#if defined(PTEST__HAS_THREADS)
/* Frees a thread's set when the thread ends (the thread pool's workers). */
static pthread_key_t ptest__impact_key;
static pthread_once_t ptest__impact_key_once = PTHREAD_ONCE_INIT;

PTEST__NO_INSTRUMENT static void ptest__impact_free_set(void *p)
{
    struct ptest__impact_set *s = (struct ptest__impact_set *)p;
    free(s->slot);
    free(s->used);
    memset(s, 0, sizeof *s);
}

PTEST__NO_INSTRUMENT static void ptest__impact_make_key(void)
{
    pthread_key_create(&ptest__impact_key, ptest__impact_free_set);
}
#endif

/* Doubles the table (calloc: this runs inside any function of the tests). */
PTEST__NO_INSTRUMENT static int ptest__impact_grow(struct ptest__impact_set *s)
{
    size_t i, n = s->len, cap = s->cap ? s->cap * 2 : 4096;
    uintptr_t *old = s->slot, *slot = (uintptr_t *)calloc(cap, sizeof *slot);
    size_t *old_used = s->used, *used = (size_t *)calloc(cap / 2 + 1, sizeof *used);
    if (!slot || !used) {
        free(slot);
        free(used);
        return -1;
    }
    s->slot = slot;
    s->used = used;
    s->cap = cap;
    s->len = 0;
    for (i = 0; i < n; i++)
        ptest__impact_insert(s, old[old_used[i]]);
    free(old);
    free(old_used);
#if defined(PTEST__HAS_THREADS)
    if (!old) { /* this thread's first: free it when the thread ends */
        pthread_once(&ptest__impact_key_once, ptest__impact_make_key);
        pthread_setspecific(ptest__impact_key, s);
    }
#endif
    return 0;
}

PTEST__NO_INSTRUMENT static void ptest__impact_add(struct ptest__impact_set *s,
                                                   uintptr_t fn)
{
    if (fn == s->last || s->busy)
        return;
    s->last = fn;
    if (s->len * 2 >= s->cap && ptest__impact_grow(s) != 0) {
        s->lost = 1;
        return;
    }
    ptest__impact_insert(s, fn);
}

/* Weak: a program with its own hooks keeps them (and records nothing). */
void __cyg_profile_func_enter(void *fn, void *site) PTEST__NO_INSTRUMENT __attribute__((weak));
void __cyg_profile_func_exit(void *fn, void *site) PTEST__NO_INSTRUMENT __attribute__((weak));

/* What threads a test starts and processes it forks enter: a set in memory
 * shared with every process forked after it (MAP_SHARED), made by a
 * worker before its first test, written with atomics (any thread, any
 * process, no lock a fork could copy held) and emptied into the running
 * test's line at each flush. It cannot grow: full, it says it lost an
 * entry, and the tests flushed then get a partial map. */
#define PTEST__IMPACT_SHARED_CAP 32768u /* power of two; filled to half */
#define PTEST__IMPACT_PIDS 256
struct ptest__impact_region {
    uintptr_t slot[PTEST__IMPACT_SHARED_CAP];
    unsigned long used;      /* occupied slots: 0 skips the scan */
    unsigned long calls;     /* entries noted here, ever: with several
                              * workers in one process (the thread pool),
                              * a change during a test makes it partial */
    unsigned long forks;     /* fork() calls begun (pthread_atfork) ... */
    unsigned long born;      /* ... and children that registered below */
    unsigned long npids;
    long pid[PTEST__IMPACT_PIDS]; /* children forked since the last test ended */
    long owner;              /* the process that made it */
    int lost;                /* an entry could not be kept */
};
static struct ptest__impact_region *volatile ptest__impact_shared;
/* 0: a thread a test (or a set-up) started: its entries go to the shared
 * set; 1: a worker running tests; 2: the runner. 1 and 2 keep a set of
 * their own, flushed by ptest__impact_flush. */
static PTEST__THREAD_LOCAL int ptest__impact_role;
static volatile int ptest__impact_in_child; /* forked while recording: all shared */
static volatile unsigned long ptest__impact_workers; /* threads with role 1 */

PTEST__NO_INSTRUMENT static void ptest__impact_note(struct ptest__impact_region *r,
                                                    uintptr_t fn)
{
    size_t i = ptest__impact_slot(fn, PTEST__IMPACT_SHARED_CAP), n;
    __sync_fetch_and_add(&r->calls, 1UL);
    for (n = 0; n < 64; n++, i = (i + 1) & (PTEST__IMPACT_SHARED_CAP - 1)) {
        uintptr_t seen = ((volatile uintptr_t *)r->slot)[i];
        if (seen == fn)
            return;
        if (seen == 0 && r->used < PTEST__IMPACT_SHARED_CAP / 2) {
            if (__sync_bool_compare_and_swap(&r->slot[i], (uintptr_t)0, fn)) {
                __sync_fetch_and_add(&r->used, 1UL);
                return;
            }
            if (((volatile uintptr_t *)r->slot)[i] == fn)
                return;
        }
    }
    r->lost = 1; /* a long probe, or half full: that test is partial */
}

/* Called by the compiler on entry to every instrumented function. */
void __cyg_profile_func_enter(void *fn, void *site)
{
    struct ptest__impact_region *r = ptest__impact_shared;
    (void)site;
    if (r && (ptest__impact_in_child || ptest__impact_role == 0))
        ptest__impact_note(r, (uintptr_t)fn);
    else
        ptest__impact_add(&ptest__impact_hits, (uintptr_t)fn);
}

void __cyg_profile_func_exit(void *fn, void *site)
{
    (void)fn;
    (void)site;
}

/* Called by the compiler at the start of every basic block under
 * -fsanitize-coverage=trace-pc: the return address is a PC in that block,
 * noted like a function's address (the runner tells them apart: a block's
 * PC is never a function's first byte) and mapped to the block's lines
 * after the run. */
/* Runs once a block: optimised even in the -O0 build that records (gcc). */
#if defined(__clang__) || !defined(__GNUC__)
#define PTEST__IMPACT_HOT
#else
#define PTEST__IMPACT_HOT __attribute__((optimize("O2")))
#endif
void __sanitizer_cov_trace_pc(void) PTEST__NO_INSTRUMENT PTEST__IMPACT_HOT __attribute__((weak));
void __sanitizer_cov_trace_pc(void)
{
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    struct ptest__impact_region *r = ptest__impact_shared;
    /* only for this thread's own set, which only it flushes (and then
     * empties recent): a thread noting into the shared set must note
     * again in each test it runs beside */
    if (!r || (!ptest__impact_in_child && ptest__impact_role != 0)) {
        uintptr_t *seen = &ptest__impact_hits.recent[(pc ^ (pc >> 7)) & 255];
        if (*seen == pc)
            return;
        *seen = pc;
    }
    __cyg_profile_func_enter((void *)pc, NULL);
}

/* The main program's load bias and code range, for addresses the symbol
 * table and addr2line know (a PIE's are relative to its base). */
struct ptest__impact_exe {
    uintptr_t bias, lo, hi;
    int known;
};
static struct ptest__impact_exe ptest__impact_exe_info; /* same in every fork */

PTEST__NO_INSTRUMENT static int ptest__impact_phdr(struct dl_phdr_info *info,
                                                   size_t size, void *data)
{
    struct ptest__impact_exe *e = (struct ptest__impact_exe *)data;
    int i;
    (void)size;
    e->bias = (uintptr_t)info->dlpi_addr;
    e->lo = UINTPTR_MAX;
    for (i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t start = e->bias + (uintptr_t)ph->p_vaddr;
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        if (start < e->lo)
            e->lo = start;
        if (start + ph->p_memsz > e->hi)
            e->hi = start + (uintptr_t)ph->p_memsz;
    }
    e->known = 1;
    return 1; /* the first object is the program itself */
}

PTEST__NO_INSTRUMENT static const struct ptest__impact_exe *ptest__impact_exe(void)
{
    if (!ptest__impact_exe_info.known)
        dl_iterate_phdr(ptest__impact_phdr, &ptest__impact_exe_info);
    return &ptest__impact_exe_info;
}

/* Moves the shared set's entries into s (each slot read and emptied in one
 * exchange: an entry written meanwhile stays for the next flush); -1 when
 * an entry was lost (kept set in the thread pool: which test lost it is
 * unknown there). */
PTEST__NO_INSTRUMENT static int ptest__impact_merge(struct ptest__impact_set *s)
{
    struct ptest__impact_region *r = ptest__impact_shared;
    unsigned long taken = 0;
    size_t i;
    int lost;
    if (!r || r->owner != ptest__os_pid())
        return 0;
    if (r->used)
        for (i = 0; i < PTEST__IMPACT_SHARED_CAP; i++) {
            uintptr_t fn = __sync_lock_test_and_set(&r->slot[i], (uintptr_t)0);
            if (!fn)
                continue;
            taken++;
            if ((s->len * 2 >= s->cap && ptest__impact_grow(s) != 0))
                s->lost = 1;
            else
                ptest__impact_insert(s, fn);
        }
    __sync_fetch_and_sub(&r->used, taken);
    lost = r->lost;
    if (ptest__impact_workers <= 1)
        r->lost = 0;
    return lost ? -1 : 0;
}

/* Appends "<key>\t<ok|partial>\t<hex addresses>\n" to this thread's hit
 * file with one write, and empties the set. Addresses outside the program
 * (shared libraries) are left out: their sources are then in no map, and
 * a change to them selects every test. Without the variable (not
 * recording) it only empties the set. */
PTEST__NO_INSTRUMENT static void ptest__impact_flush(const char *key, int complete)
{
    struct ptest__impact_set *s = &ptest__impact_hits;
    const struct ptest__impact_exe *exe = ptest__impact_exe();
    const char *dir = getenv(PTEST__IMPACT_DIR_VAR);
    struct ptest__buf line = {NULL, 0, 0};
    char path[4200];
    size_t i;
    int fd;
    s->busy = 1;
    if (ptest__impact_merge(s) != 0)
        complete = 0;
    /* nothing ran between tests: no line (a test's line is written, empty
     * or not: an empty map is still a map) */
    if (dir && *dir && (s->len || (key[0] != '@' && key[0] != '*'))) {
        ptest__buf_printf(&line, "%s\t%s\t", key, complete && !s->lost ? "ok" : "partial");
        for (i = 0; i < s->len; i++) {
            uintptr_t fn = s->slot[s->used[i]];
            if (fn >= exe->lo && fn < exe->hi)
                ptest__buf_printf(&line, "%lx ", (unsigned long)(fn - exe->bias));
        }
        ptest__buf_add(&line, "\n", 1);
        /* opened and closed each time: a descriptor kept open would be
         * reported as leaked by the test that opened it */
        snprintf(path, sizeof path, "%s/hits.%ld.%lx", dir, ptest__os_pid(),
                 (unsigned long)(uintptr_t)s);
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | PTEST__O_CLOEXEC, 0666);
        /* one write: lost, that test has no map and is selected */
        if (fd >= 0) {
            if (write(fd, line.data, line.len) < 0)
                line.len = 0;
            close(fd);
        }
        ptest__buf_free(&line);
    }
    for (i = 0; i < s->len; i++)
        s->slot[s->used[i]] = 0;
    s->len = 0;
    s->last = 0;
    s->lost = 0;
    memset(s->recent, 0, sizeof s->recent);
    s->busy = 0;
}

/* fork() while recording (pthread_atfork): the parent counts it, the
 * child registers its pid (before fork returns in it, so before any code
 * of the test's) and from then on notes everything in the shared set. */
static void ptest__impact_forking(void)
{
    struct ptest__impact_region *r = ptest__impact_shared;
    if (r) {
        __sync_fetch_and_add(&r->forks, 1UL);
        __sync_fetch_and_add(&r->calls, 1UL);
    }
}

static void ptest__impact_forked(void)
{
    struct ptest__impact_region *r = ptest__impact_shared;
    unsigned long n;
    if (!r)
        return;
    ptest__impact_in_child = 1;
    n = __sync_fetch_and_add(&r->npids, 1UL);
    if (n < PTEST__IMPACT_PIDS)
        r->pid[n] = (long)getpid();
    __sync_fetch_and_add(&r->born, 1UL);
}

/* This worker's view at the start of its test: the threads of the process
 * and the shared set's count of entries. */
struct ptest__impact_watch {
    long tid[512];
    size_t ntid;
    int overflow;
    unsigned long calls;
};
static PTEST__THREAD_LOCAL struct ptest__impact_watch ptest__impact_seen;

/* The threads of this process now (Linux: /proc/self/task). */
static void ptest__impact_tasks(struct ptest__impact_watch *w)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    w->ntid = 0;
    w->overflow = d == NULL;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (w->ntid == sizeof w->tid / sizeof w->tid[0])
            w->overflow = 1;
        else
            w->tid[w->ntid++] = atol(e->d_name);
    }
    if (d)
        closedir(d);
}

/* Whether process pid still runs (a zombie runs no more code). */
static int ptest__impact_alive(long pid)
{
    char path[64], buf[512], *paren;
    ssize_t n;
    int fd;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    fd = open(path, O_RDONLY | PTEST__O_CLOEXEC);
    if (fd < 0)
        return errno != ENOENT;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 1;
    buf[n] = 0;
    paren = strrchr(buf, ')');
    return !paren || !(paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X'));
}

/* Makes this thread a worker with a shared set (once per process: a
 * process forked from a worker has the set of the one that forked it
 * and makes its own only if it runs tests itself, as under --forked). */
static int ptest__impact_forks_seen; /* pthread_atfork armed */

static void ptest__impact_watch_start(void)
{
    struct ptest__impact_region *old = ptest__impact_shared, *r;
    if (!old || old->owner != ptest__os_pid()) {
        r = (struct ptest__impact_region *)ptest__os_shared_alloc(sizeof *r);
        if (!r)
            return; /* no shared set: every test's map is partial */
        r->owner = ptest__os_pid();
        /* two threads of the pool at once: one set wins */
        if (!__sync_bool_compare_and_swap(&ptest__impact_shared, old, r)) {
            ptest__os_shared_free(r, sizeof *r);
        } else {
            ptest__impact_in_child = 0;
            ptest__impact_workers = 0;
        }
#if defined(PTEST__HAS_THREADS)
        if (!ptest__impact_forks_seen)
            ptest__impact_forks_seen =
                pthread_atfork(ptest__impact_forking, NULL, ptest__impact_forked) == 0;
#endif
    }
    if (ptest__impact_role != 1) {
        ptest__impact_role = 1;
        __sync_fetch_and_add(&ptest__impact_workers, 1UL);
    }
}

/* Whether something the test started may still run, or its entries were
 * not all kept: a thread that is not in the list taken before the test,
 * a child not ended, a fork not registered yet; in the thread pool, any
 * entry in the shared set during the test (whose it is is unknown). */
static int ptest__impact_outlived(void)
{
    struct ptest__impact_region *r = ptest__impact_shared;
    struct ptest__impact_watch now;
    size_t i, j;
    unsigned long n;
    int out = 0;
    if (!r || r->owner != ptest__os_pid())
        return 1;
    if (ptest__impact_workers > 1) {
        out = r->calls != ptest__impact_seen.calls;
    } else {
        out = r->forks != r->born || r->npids > PTEST__IMPACT_PIDS;
        n = r->npids < PTEST__IMPACT_PIDS ? r->npids : PTEST__IMPACT_PIDS;
        for (i = 0; i < n && !out; i++)
            out = ptest__impact_alive(r->pid[i]);
        r->npids = 0;
        r->forks = r->born = 0;
    }
    ptest__impact_tasks(&now);
    for (i = 0; i < now.ntid && !out; i++) {
        for (j = 0; j < ptest__impact_seen.ntid; j++)
            if (ptest__impact_seen.tid[j] == now.tid[i])
                break;
        out = j == ptest__impact_seen.ntid;
    }
    /* forks unseen (no pthread_atfork): a child's entries would be lost */
    return out || now.overflow || ptest__impact_seen.overflow || !ptest__impact_forks_seen;
}

/* Before a test: what ran since the last one (WORKER_SETUP, the runner
 * before the fork) is recorded as every test's; then, with suite, what
 * ran since (its SUITE_SETUP) as the suite's tests'. */
static void ptest__impact_begin(const char *suite)
{
    char key[512];
    const char *dir = getenv(PTEST__IMPACT_DIR_VAR);
    if (dir && *dir)
        ptest__impact_watch_start();
    snprintf(key, sizeof key, "@%s", suite ? suite : "*");
    ptest__impact_flush(suite ? key : "*", 1);
    if (suite && dir && *dir && ptest__impact_shared) { /* right before the test */
        ptest__impact_tasks(&ptest__impact_seen);
        ptest__impact_seen.calls = ptest__impact_shared->calls;
    }
}

/* After a test: its functions, with those of the threads it started and
 * the processes it forked (a death test's body among them). Partial when
 * it did not pass, or when one of those may still run after it. */
static void ptest__impact_end(const struct ptest__case *c, int passed)
{
    const char *dir = getenv(PTEST__IMPACT_DIR_VAR);
    int late = dir && *dir && ptest__impact_outlived();
    ptest__impact_flush(c->key, passed && !late);
}

/* The runner keeps a set of its own (flushed as every test's). */
static void ptest__impact_runner(void)
{
    ptest__impact_role = 2;
}
#else
#define ptest__impact_begin(suite) ((void)0)
#define ptest__impact_end(c, passed) ((void)0)
#define ptest__impact_runner() ((void)0)
#endif

/* ------------------------------------------------------------------------
 * Test context: state, values and assertions
 *
 * Owns the running test's state (struct ptest__ctx, thread-local under
 * the thread pool) and what the assertion macros call: value capture and
 * formatting, the comparisons, failure reports, ptest_log, SKIP_TEST and
 * FAIL. A report goes into memory shared with the runner, so a test that
 * crashes or hangs still has its report read. Fatal failures and
 * SKIP_TEST leave the test with longjmp.
 * ------------------------------------------------------------------------ */

/* Raw outcomes come from a worker; the runner adds the rest. */
enum ptest__outcome {
    PTEST__PASS, PTEST__FAIL, PTEST__SKIP, PTEST__CRASH, PTEST__EXITED,
    PTEST__TIMEOUT, PTEST__XFAIL, PTEST__XPASS, PTEST__FLAKY,
    PTEST__INTERRUPTED, PTEST__NOT_RUN, PTEST__OUTCOMES
};

/* Every name an outcome has, in one place: in reports and the cache, on
 * the console (a failure's header, -v), and in the summary's breakdown. */
static const struct ptest__outcome_text {
    const char *name;   /* "timeout": reports, JSON Lines, the cache */
    const char *word;   /* "TIMEOUT": the console */
    const char *phrase; /* "timed out": the breakdown line */
} ptest__outcome_texts[PTEST__OUTCOMES] = {
    {"passed", "PASSED", "passed"},        {"failed", "FAILED", "failed"},
    {"skipped", "SKIPPED", "skipped"},     {"crashed", "CRASHED", "crashed"},
    {"exited", "EXITED", "exited"},        {"timeout", "TIMEOUT", "timed out"},
    {"xfailed", "XFAIL", "xfailed"},       {"xpassed", "XPASS", "xpassed"},
    {"flaky", "FLAKY", "flaky"},           {"interrupted", "INTERRUPTED", "interrupted"},
    {"not_run", "NOT RUN", "not run"}};

static const char *ptest__outcome_name(int outcome)
{
    return ptest__outcome_texts[outcome].name;
}

#define PTEST__REPORT_MAX ((uint32_t)1 << 20)
#define PTEST__JUMP_FAIL 1
#define PTEST__JUMP_SKIP 2

#define PTEST__PENDING_MAX 256
/* Tests handed to one worker and not yet over, at most: a batch (256) and
 * the one queued behind it; the claim ring below has room for twice that. */
#define PTEST__CLAIM_RING 512

/* A passed case not yet sent to the runner. */
struct ptest__pass {
    int32_t index;
    float duration;
    double started;         /* when it started (monotonic seconds) */
};

/* What a worker shares with the runner: read when the worker dies, and
 * for the start time of the running test. */
struct ptest__shared {
    volatile int32_t current;       /* case index running, -1 between tests */
    volatile double started;        /* when it started (monotonic seconds) */
    volatile uint32_t pending_len;  /* passes recorded here and not yet sent */
    struct ptest__pass pending[PTEST__PENDING_MAX];
    volatile int32_t child_outcome; /* death test: outcome if the body returned */
    const char *volatile last_file; /* last assertion or log site reached */
    volatile int32_t last_line;
    volatile uint32_t report_len;
    volatile int32_t channel_lost;  /* the worker could not report a result */
    volatile int32_t stopped_by;    /* --forked: the signal that has the test's
                                     * process stopped now, or 0 */
    volatile int32_t failure_at;    /* report offset of the first failure, or -1 */
    volatile int32_t torn_down;     /* the worker finished its teardowns */
    volatile int32_t teardown_failed; /* how many of them failed */
    volatile int32_t stop;          /* the runner stops the run (-x, --maxfail):
                                     * start no more of the batch */
    volatile int32_t hook;          /* PTEST__HOOK_* + 1 while a fixture of
                                     * that kind runs, else 0 */
    volatile double hook_started;   /* when it started */
    volatile double paused;         /* runner: seconds it kept the worker
                                     * stopped (Ctrl-Z), not the tests' time */
    char tmpdir[4096];              /* the test's ptest_tmpdir(), once made */
    /* One word per test handed to the worker, by its sequence number (the
     * n-th index written to its command pipe): the sequence number and
     * whether the test waits, was started by the worker, or was taken back
     * by the runner. Each side changes a waiting word only by a swap, so a
     * test is either started or taken back, never both. */
    volatile uint32_t claims[PTEST__CLAIM_RING];
    char report[PTEST__REPORT_MAX];
};

/* The running test. */
struct ptest__ctx {
    struct ptest__shared *shared;
    const struct ptest__case *tcase;
    jmp_buf jump;
    int armed;              /* jump is set: a test or fixture is running */
    long owner;             /* the process running the test (not its children) */
    int failed;
    int skipped;
    const struct ptest__option *fixture; /* TEST_F: its fixture (name, size, body) */
    void *self;             /* TEST_F: this test's own instance of it */
    const struct ptest__hook *fixture_hooks[2]; /* its FIXTURE_SETUP, _TEARDOWN */
    /* --trace: told of each WORKER/SUITE set-up or teardown that ran (kind
     * PTEST__HOOK_*, suite or NULL, its start and end); NULL: not traced */
    void (*on_hook)(struct ptest__ctx *ctx, int kind, const char *suite,
                    double t0, double t1);
    void *hook_arg;         /* on_hook's: the slot, pool or run */
};

/* The context of the test running on this thread, or NULL. */
static PTEST__THREAD_LOCAL struct ptest__ctx *ptest__ctx_now;
/* This thread's worker slot and the pool size (-1/0 without a pool). */
static PTEST__THREAD_LOCAL int ptest__worker_slot = -1;

int ptest_worker_id(void)
{
    return ptest__worker_slot;
}

const char *ptest_worker_name(void)
{
    static PTEST__THREAD_LOCAL char name[32];
    if (ptest__worker_slot < 0)
        return "master";
    snprintf(name, sizeof name, "gw%d", ptest__worker_slot);
    return name;
}

/* Appends to the running test's report; past the limit, one marker line. */
static void ptest__report_add(struct ptest__ctx *ctx, const char *text, size_t n)
{
    static const char cut[] = "[report truncated]\n";
    struct ptest__shared *sh = ctx->shared;
    uint32_t len = sh->report_len, room = PTEST__REPORT_MAX - len;
    if (len >= PTEST__REPORT_MAX - sizeof cut)
        return;
    if (n > room - sizeof cut) {
        memcpy(sh->report + len, cut, sizeof cut - 1);
        sh->report_len = len + (uint32_t)(sizeof cut - 1);
        return;
    }
    memcpy(sh->report + len, text, n);
    sh->report_len = len + (uint32_t)n;
}

/* Appends a failure to the report, remembering where the first began. */
static void ptest__report_failure(struct ptest__ctx *ctx, const char *text,
                                  size_t n)
{
    if (ctx->shared->failure_at < 0)
        ctx->shared->failure_at = (int32_t)ctx->shared->report_len;
    ptest__report_add(ctx, text, n);
}

/* The context an assertion reports to; outside a test, none. */
static struct ptest__ctx *ptest__ctx_at(const char *file, int line)
{
    struct ptest__ctx *ctx = ptest__ctx_now;
    if (ctx) {
        ctx->shared->last_file = file;
        ctx->shared->last_line = line;
    }
    return ctx;
}

/* Records a finished failure report; a fatal one (1) leaves the test. 2 is
 * reported as an ASSERT but comes back: compat/utest.h's ASSERTs return
 * from the caller's function themselves, as utest.h's do. */
static void ptest__record(struct ptest__ctx *ctx, struct ptest__buf *msg,
                          int fatal)
{
    if (!ctx || !ctx->armed) {
        fprintf(stderr, "%s(assertion outside a running test)\n",
                msg->data ? msg->data : "");
        ptest__buf_free(msg);
        abort();
    }
    ptest__report_failure(ctx, msg->data, msg->len);
    ptest__buf_free(msg);
    ctx->failed = 1;
    if (fatal == 1)
        longjmp(ctx->jump, PTEST__JUMP_FAIL);
}

/* First line of a report: "file:line: MACRO(args) failed[: message]". */
static void ptest__headline(struct ptest__buf *b, const char *file, int line,
                            const char *macro, const char *args,
                            const char *fmt, va_list ap)
{
    struct ptest__buf note = {NULL, 0, 0};
    ptest__buf_printf(b, "%s:%d: %s(%s) failed", file, line, macro, args);
    if (fmt)
        ptest__buf_vprintf(&note, fmt, ap);
    if (note.len)
        ptest__buf_printf(b, ": %s", note.data);
    ptest__buf_puts(b, "\n");
    ptest__buf_free(&note);
}

struct ptest__value ptest__v_none(void)
{
    struct ptest__value v;
    memset(&v, 0, sizeof v);
    v.kind = PTEST__V_NONE;
    return v;
}

struct ptest__value ptest__v_bool(int x)
{
    struct ptest__value v = ptest__v_none();
    v.kind = PTEST__V_BOOL;
    v.i = x != 0;
    return v;
}

struct ptest__value ptest__v_char(int x)
{
    struct ptest__value v = ptest__v_none();
    v.kind = PTEST__V_CHAR;
    v.i = x;
    return v;
}

struct ptest__value ptest__v_int(intmax_t x)
{
    struct ptest__value v = ptest__v_none();
    v.kind = PTEST__V_INT;
    v.i = x;
    return v;
}

struct ptest__value ptest__v_uint(uintmax_t x)
{
    struct ptest__value v = ptest__v_none();
    v.kind = PTEST__V_UINT;
    v.u = x;
    return v;
}

struct ptest__value ptest__v_float(long double x)
{
    struct ptest__value v = ptest__v_none();
    v.kind = PTEST__V_FLOAT;
    v.f = x;
    return v;
}

struct ptest__value ptest__v_flt(float x)
{
    return ptest__v_float(x);
}

struct ptest__value ptest__v_dbl(double x)
{
    return ptest__v_float(x);
}

struct ptest__value ptest__v_ptr(const void *x)
{
    struct ptest__value v = ptest__v_none();
    v.kind = PTEST__V_PTR;
    v.p = x;
    return v;
}

struct ptest__value ptest__v_str(const void *x)
{
    struct ptest__value v = ptest__v_ptr(x);
    v.kind = PTEST__V_STR;
    return v;
}

/* Appends s[0..n) in double quotes with C escapes for what is not
 * printable ASCII or UTF-8. */
static void ptest__quote(struct ptest__buf *b, const char *s, size_t n)
{
    size_t i;
    ptest__buf_puts(b, "\"");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\n': ptest__buf_puts(b, "\\n"); break;
        case '\t': ptest__buf_puts(b, "\\t"); break;
        case '\r': ptest__buf_puts(b, "\\r"); break;
        case '"': ptest__buf_puts(b, "\\\""); break;
        case '\\': ptest__buf_puts(b, "\\\\"); break;
        default: {
            size_t len = ptest__utf8_len((const unsigned char *)s + i, n - i);
            if (c < 0x20 || c == 0x7f || len == 0) {
                ptest__buf_printf(b, "\\x%02x", c);
            } else {
                ptest__buf_add(b, &s[i], len);
                i += len - 1;
            }
        }
        }
    }
    ptest__buf_puts(b, "\"");
}

/* How much of the string behind a char pointer a report shows. */
#define PTEST__STR_SHOWN 120

/* Appends the first limit bytes of s, quoted, then "..." when s goes on;
 * reads no more than limit + 1 bytes of it, which need not end in NUL. */
static void ptest__quote_prefix(struct ptest__buf *b, const char *s, size_t limit)
{
    size_t n = 0;
    while (n <= limit && s[n])
        n++;
    ptest__quote(b, s, n > limit ? limit : n);
    if (n > limit)
        ptest__buf_puts(b, "...");
}

static void ptest__format_value(struct ptest__buf *b, struct ptest__value v)
{
    switch (v.kind) {
    case PTEST__V_BOOL: ptest__buf_puts(b, v.i ? "true" : "false"); break;
    case PTEST__V_CHAR:
        if (v.i >= 0x20 && v.i < 0x7f)
            ptest__buf_printf(b, "'%c' (%d)", (int)v.i, (int)v.i);
        else
            ptest__buf_printf(b, "%d", (int)v.i);
        break;
    case PTEST__V_INT: ptest__buf_printf(b, "%jd", v.i); break;
    case PTEST__V_UINT: ptest__buf_printf(b, "%ju", v.u); break;
    case PTEST__V_FLOAT: ptest__buf_printf(b, "%.17Lg", v.f); break;
    case PTEST__V_PTR:
    case PTEST__V_STR:
        if (v.p) {
            char text[40];
            ptest__os_ptr_text(v.p, text, sizeof text);
            ptest__buf_puts(b, text);
        } else {
            ptest__buf_puts(b, "NULL");
        }
        if (v.kind == PTEST__V_STR && v.p) {
            ptest__buf_puts(b, " ");
            ptest__quote_prefix(b, (const char *)v.p, PTEST__STR_SHOWN);
        }
        break;
    default: ptest__buf_puts(b, "?"); break;
    }
}

static int ptest__is_integer(const struct ptest__value *v)
{
    return v->kind == PTEST__V_BOOL || v->kind == PTEST__V_CHAR ||
           v->kind == PTEST__V_INT || v->kind == PTEST__V_UINT;
}

static long double ptest__as_float(const struct ptest__value *v)
{
    return v->kind == PTEST__V_UINT ? (long double)v->u : (long double)v->i;
}

static uintmax_t ptest__as_address(const struct ptest__value *v)
{
    return v->kind == PTEST__V_PTR || v->kind == PTEST__V_STR
               ? (uintmax_t)(uintptr_t)v->p
               : (uintmax_t)v->i + v->u;
}

/* Three-way comparison by value, not by C's conversions: -1 in [-1, 1u]
 * is less than 1u. Returns 2 when unordered (a NaN). */
static int ptest__compare_values(struct ptest__value a, struct ptest__value b)
{
    if (a.kind == PTEST__V_FLOAT || b.kind == PTEST__V_FLOAT) {
        long double x = a.kind == PTEST__V_FLOAT ? a.f : ptest__as_float(&a);
        long double y = b.kind == PTEST__V_FLOAT ? b.f : ptest__as_float(&b);
        return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
    }
    if (!ptest__is_integer(&a) || !ptest__is_integer(&b)) {
        uintmax_t x = ptest__as_address(&a), y = ptest__as_address(&b);
        return x < y ? -1 : x > y;
    }
    if (a.kind != PTEST__V_UINT && b.kind != PTEST__V_UINT)
        return a.i < b.i ? -1 : a.i > b.i;
    if (a.kind != PTEST__V_UINT && a.i < 0)
        return -1;
    if (b.kind != PTEST__V_UINT && b.i < 0)
        return 1;
    {
        uintmax_t x = a.kind == PTEST__V_UINT ? a.u : (uintmax_t)a.i;
        uintmax_t y = b.kind == PTEST__V_UINT ? b.u : (uintmax_t)b.i;
        return x < y ? -1 : x > y;
    }
}

/* Whether "a op b" holds for a comparison result. */
static int ptest__op_holds(int op, int cmp)
{
    if (cmp == 2)
        return op == PTEST__NE;
    switch (op) {
    case PTEST__EQ: return cmp == 0;
    case PTEST__NE: return cmp != 0;
    case PTEST__LT: return cmp < 0;
    case PTEST__LE: return cmp <= 0;
    case PTEST__GT: return cmp > 0;
    default: return cmp >= 0;
    }
}

static const char *ptest__op_macro(int fatal, int op)
{
    static const char *const names[2][6] = {
        {"EXPECT_EQ", "EXPECT_NE", "EXPECT_LT", "EXPECT_LE", "EXPECT_GT",
         "EXPECT_GE"},
        {"ASSERT_EQ", "ASSERT_NE", "ASSERT_LT", "ASSERT_LE", "ASSERT_GT",
         "ASSERT_GE"}};
    return names[fatal != 0][op >= 0 && op < 6 ? op : 0];
}

int ptest__check_cmp(int fatal, const char *file, int line, int op,
                     const char *texts, struct ptest__value a,
                     struct ptest__value b, const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    va_list ap;
    int ok = b.kind == PTEST__V_NONE ? a.i != 0
                                     : ptest__op_holds(op, ptest__compare_values(a, b));
    if (ok)
        return 1;
    va_start(ap, fmt);
    ptest__headline(&msg, file, line, ptest__op_macro(fatal, op), texts, fmt, ap);
    va_end(ap);
    if (b.kind != PTEST__V_NONE) {
        ptest__buf_puts(&msg, "    left:  ");
        ptest__format_value(&msg, a);
        ptest__buf_puts(&msg, "\n    right: ");
        ptest__format_value(&msg, b);
        ptest__buf_puts(&msg, "\n");
    }
    if (op == PTEST__EQ && a.kind == PTEST__V_STR && b.kind == PTEST__V_STR)
        ptest__buf_printf(&msg, "    %s compares the pointers; %s_STR_EQ compares "
                                "the strings\n", ptest__op_macro(fatal, op),
                          fatal ? "ASSERT" : "EXPECT");
    ptest__record(ctx, &msg, fatal);
    return 0;
}

int ptest__check_bool(int fatal, const char *file, int line, const char *macro,
                      const char *text, int value, int expected,
                      const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    va_list ap;
    if (value == expected)
        return 1;
    va_start(ap, fmt);
    ptest__headline(&msg, file, line, macro, text, fmt, ap);
    va_end(ap);
    ptest__buf_printf(&msg, "    value: %s\n", value ? "true" : "false");
    ptest__record(ctx, &msg, fatal);
    return 0;
}

int ptest__check_null(int fatal, const char *file, int line, const char *text,
                      const void *p, int want_null, const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    va_list ap;
    if ((p == NULL) == (want_null != 0))
        return 1;
    va_start(ap, fmt);
    ptest__headline(&msg, file, line,
                    want_null ? (fatal ? "ASSERT_NULL" : "EXPECT_NULL")
                              : (fatal ? "ASSERT_NOT_NULL" : "EXPECT_NOT_NULL"),
                    text, fmt, ap);
    va_end(ap);
    ptest__buf_puts(&msg, "    value: ");
    ptest__format_value(&msg, ptest__v_ptr(p));
    ptest__buf_puts(&msg, "\n");
    ptest__record(ctx, &msg, fatal);
    return 0;
}

/* Appends a string for a report: whole when short, else a window around
 * index at (with "..." where cut). */
static void ptest__quote_window(struct ptest__buf *b, const char *s, size_t at)
{
    size_t n = strlen(s), from = 0, to = n;
    if (n > 120) {
        from = at > 40 ? at - 40 : 0;
        to = from + 80 < n ? from + 80 : n;
    }
    if (from > 0)
        ptest__buf_puts(b, "...");
    ptest__quote(b, s + from, to - from);
    if (to < n)
        ptest__buf_puts(b, "...");
}

int ptest__check_str(int fatal, const char *file, int line, int want_equal,
                     const char *texts, const char *a, const char *b,
                     const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    size_t at = 0;
    va_list ap;
    int equal = a && b ? strcmp(a, b) == 0 : a == b;
    if (equal == (want_equal != 0))
        return 1;
    while (a && b && a[at] && a[at] == b[at])
        at++;
    va_start(ap, fmt);
    ptest__headline(&msg, file, line,
                    want_equal ? (fatal ? "ASSERT_STR_EQ" : "EXPECT_STR_EQ")
                               : (fatal ? "ASSERT_STR_NE" : "EXPECT_STR_NE"),
                    texts, fmt, ap);
    va_end(ap);
    ptest__buf_puts(&msg, "    left:  ");
    if (a) ptest__quote_window(&msg, a, at); else ptest__buf_puts(&msg, "NULL");
    ptest__buf_puts(&msg, "\n    right: ");
    if (b) ptest__quote_window(&msg, b, at); else ptest__buf_puts(&msg, "NULL");
    ptest__buf_puts(&msg, "\n");
    if (want_equal && a && b)
        ptest__buf_printf(&msg, "    first difference at index %lu\n",
                          (unsigned long)at);
    else if (!a != !b) /* STR_EQ: NULL equals NULL only */
        ptest__buf_printf(&msg, "    %s is NULL, %s is a string\n",
                          a ? "right" : "left", a ? "left" : "right");
    else if (!a) /* STR_NE */
        ptest__buf_puts(&msg, "    both are NULL, and NULL equals NULL\n");
    ptest__record(ctx, &msg, fatal);
    return 0;
}

/* Appends up to 16 bytes of p from offset from, in hex. */
static void ptest__hex_row(struct ptest__buf *b, const unsigned char *p,
                           size_t from, size_t n)
{
    size_t i;
    for (i = from; i < n && i < from + 16; i++)
        ptest__buf_printf(b, " %02x", p[i]);
    if (i < n)
        ptest__buf_puts(b, " ...");
}

int ptest__check_mem(int fatal, const char *file, int line, const char *texts,
                     const void *a, const void *b, size_t n, const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    const unsigned char *x = (const unsigned char *)a;
    const unsigned char *y = (const unsigned char *)b;
    size_t at = 0, from;
    va_list ap;
    if (n == 0 || (x && y && memcmp(x, y, n) == 0))
        return 1;
    while (x && y && x[at] == y[at])
        at++;
    va_start(ap, fmt);
    ptest__headline(&msg, file, line, fatal ? "ASSERT_MEM_EQ" : "EXPECT_MEM_EQ",
                    texts, fmt, ap);
    va_end(ap);
    if (!x || !y) {
        ptest__buf_printf(&msg, "    %s is NULL\n", x ? "right" : "left");
    } else {
        from = at & ~(size_t)7;
        ptest__buf_printf(&msg, "    first difference at offset %lu of %lu\n",
                          (unsigned long)at, (unsigned long)n);
        ptest__buf_printf(&msg, "    left  @%lu:", (unsigned long)from);
        ptest__hex_row(&msg, x, from, n);
        ptest__buf_printf(&msg, "\n    right @%lu:", (unsigned long)from);
        ptest__hex_row(&msg, y, from, n);
        ptest__buf_puts(&msg, "\n");
    }
    ptest__record(ctx, &msg, fatal);
    return 0;
}

int ptest__check_near(int fatal, const char *file, int line, const char *texts,
                      long double a, long double b, long double eps,
                      const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    long double diff = a > b ? a - b : b - a;
    va_list ap;
    if (diff <= eps)
        return 1;
    va_start(ap, fmt);
    ptest__headline(&msg, file, line, fatal ? "ASSERT_NEAR" : "EXPECT_NEAR",
                    texts, fmt, ap);
    va_end(ap);
    ptest__buf_printf(&msg, "    left:  %.17Lg\n    right: %.17Lg\n"
                            "    difference %.17Lg is more than %.17Lg\n",
                      a, b, diff, eps);
    ptest__record(ctx, &msg, fatal);
    return 0;
}

/* "file:line: TAG" and the printf-style message, as one report line. */
static void ptest__report_line(struct ptest__buf *b, const char *file, int line,
                               const char *tag, const char *fmt, va_list ap)
{
    ptest__buf_printf(b, "%s:%d: %s", file, line, tag);
    ptest__buf_vprintf(b, fmt, ap);
    ptest__buf_puts(b, "\n");
}

void ptest__fail(const char *file, int line, const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    va_list ap;
    va_start(ap, fmt);
    ptest__report_line(&msg, file, line, "FAIL: ", fmt, ap);
    va_end(ap);
    ptest__record(ctx, &msg, 1);
    abort(); /* not reached: a fatal record leaves the test */
}

void ptest__skip(const char *file, int line, const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    va_list ap;
    va_start(ap, fmt);
    ptest__report_line(&msg, file, line, "skipped: ", fmt, ap);
    va_end(ap);
    if (!ctx || !ctx->armed) {
        fputs(msg.data, stderr);
        abort();
    }
    if (ctx->owner == ptest__os_self())
        ptest__report_add(ctx, msg.data, msg.len);
    else /* a child of the test: its skip is not the test's */
        fputs(msg.data, stderr);
    ptest__buf_free(&msg);
    ctx->skipped = 1;
    longjmp(ctx->jump, PTEST__JUMP_SKIP);
}

void ptest__log(const char *file, int line, const char *fmt, ...)
{
    struct ptest__ctx *ctx = ptest__ctx_at(file, line);
    struct ptest__buf msg = {NULL, 0, 0};
    va_list ap;
    va_start(ap, fmt);
    ptest__report_line(&msg, file, line, "", fmt, ap);
    va_end(ap);
    if (ctx)
        ptest__report_add(ctx, msg.data, msg.len);
    else
        fputs(msg.data, stderr);
    ptest__buf_free(&msg);
}

void ptest__cxx_threw(const char *type, const char *what)
{
    struct ptest__ctx *ctx = ptest__ctx_now;
    struct ptest__buf msg = {NULL, 0, 0};
    const struct ptest__test *t = ctx && ctx->tcase ? ctx->tcase->test : NULL;
    if (t)
        ptest__buf_printf(&msg, "%s:%d: ", t->file, t->line);
    if (type)
        ptest__buf_printf(&msg, "threw %s", type);
    else
        ptest__buf_puts(&msg, "threw an exception of unknown type");
    if (what)
        ptest__buf_printf(&msg, ": %s", what);
    ptest__buf_puts(&msg, "\n");
    ptest__record(ctx, &msg, 0);
}

void ptest__cxx_leave(void)
{
    struct ptest__ctx *ctx = ptest__ctx_now;
    if (!ctx || !ctx->armed)
        abort(); /* ptest__cxx_threw said why */
    longjmp(ctx->jump, PTEST__JUMP_FAIL);
}

/* ------------------------------------------------------------------------
 * Test context: running one test
 *
 * ptest__run_case and what it calls: fixtures around the body (SETUP,
 * TEARDOWN, fixture structs, suite and worker set-ups and teardowns), a
 * per-test ptest_tmpdir, and death tests: a fork (a started process on
 * Windows) whose end is judged against EXPECT_SIGNAL or EXPECT_EXIT.
 * The runners (workers sections) call ptest__run_case; it knows no pool.
 * ------------------------------------------------------------------------ */

/* Calls the test's SETUP or TEARDOWN functions in the order written. */
static void ptest__call_fixtures(const struct ptest__test *t, int kind)
{
    size_t i;
    for (i = 0; i < t->option_count; i++)
        if (t->options[i].kind == kind && t->options[i].fn)
            t->options[i].fn();
}

/* The outcome of what ran under ctx: PASS, FAIL or SKIP. A failure that
 * a child of the test recorded in the shared report fails it too. */
static int ptest__ctx_outcome(struct ptest__ctx *ctx)
{
    if (ctx->shared->failure_at >= 0)
        ctx->failed = 1;
    return ctx->failed ? PTEST__FAIL : ctx->skipped ? PTEST__SKIP : PTEST__PASS;
}

/* A process the test forked that comes back here (its body returned, or
 * an ASSERT or SKIP_TEST ended it) is not the test: it ends, with status 1
 * if the test has failed by then, before teardown and without reporting.
 * Its failures are in the test's report already. */
static void ptest__leave_if_forked(const struct ptest__ctx *ctx)
{
    if (ptest__os_self() == ctx->owner)
        return;
    fflush(stdout);
    fflush(stderr);
    _exit(ctx->failed ? 1 : 0);
}

/* Calls a TEST_F body or fixture hook (the fn of its option or hook, cast
 * back to what the macros made) on this test's instance. */
static void ptest__call_with_self(void (*fn)(void), void *self, const void *param)
{
    ((void (*)(void *, const void *))fn)(self, param);
}

/* Calls the test's function (with its parameter, and a TEST_F's instance). */
static void ptest__call_test(const struct ptest__ctx *ctx, const struct ptest__case *c)
{
    const struct ptest__test *t = c->test;
    const void *param =
        t->params ? (const char *)t->params->array + c->param * t->params->size : NULL;
    if (ctx->fixture)
        ptest__call_with_self(ctx->fixture->fn, ctx->self, param);
    else if (t->params)
        t->params->run(param);
    else
        t->run();
}

/* TEST_F: a fresh, zeroed instance of the fixture for this test alone,
 * made before any of its set-up runs (so every teardown has one). */
static void ptest__fixture_new(struct ptest__ctx *ctx, const struct ptest__case *c)
{
    const struct ptest__option *f = ctx->fixture;
    size_t size = f ? (size_t)f->number : 0;
    ctx->self = f ? calloc(1, size ? size : 1) : NULL;
    if (f && !ctx->self) {
        char line[200];
        int n = snprintf(line, sizeof line, "%s:%d: cannot allocate fixture %s "
                                            "(%lu bytes)\n", c->test->file,
                         c->test->line, f->text, (unsigned long)size);
        ptest__report_failure(ctx, line, (size_t)n < sizeof line ? (size_t)n : 0);
        ctx->failed = 1;
    }
}

/* Runs the test's FIXTURE_SETUP (which 0) or FIXTURE_TEARDOWN (1), if the
 * fixture has one, on its instance. */
static void ptest__fixture_call(struct ptest__ctx *ctx, int which)
{
    const struct ptest__hook *h = ctx->fixture_hooks[which];
    if (h && ctx->self)
        ptest__call_with_self(h->fn, ctx->self, NULL);
}

/* Starts a test's run in this process: nothing failed yet, and an ASSERT
 * comes back here (to the caller's setjmp). */
static void ptest__ctx_arm(struct ptest__ctx *ctx)
{
    ctx->failed = ctx->skipped = 0;
    ctx->armed = 1;
    ctx->owner = ptest__os_self();
}

/* TEARDOWN(), whether the body passed, failed or skipped; ends the run
 * started by ptest__ctx_arm and returns its outcome. A SKIP_TEST() there
 * only ends the teardown: the body has run, and its outcome stands (an
 * xfail test's pass stays an XPASS). */
static int ptest__ctx_teardown(struct ptest__ctx *ctx, const struct ptest__case *c)
{
    const int skipped = ctx->skipped;
    if (ctx->self) { /* FIXTURE_TEARDOWN first: set up last */
        if (setjmp(ctx->jump) == 0)
            ptest__fixture_call(ctx, 1);
        ptest__leave_if_forked(ctx);
    }
    if (setjmp(ctx->jump) == 0)
        ptest__call_fixtures(c->test, PTEST__OPT_TEARDOWN);
    ptest__leave_if_forked(ctx);
    free(ctx->self);
    ctx->self = NULL;
    ctx->armed = 0;
    ctx->skipped = skipped;
    return ptest__ctx_outcome(ctx);
}

/* Runs setup (SETUP()s, then FIXTURE_SETUP), body and teardown in this
 * process; teardown runs whether setup or body passed, failed or skipped.
 * Returns PASS, FAIL or SKIP. */
static int ptest__run_body(struct ptest__ctx *ctx, const struct ptest__case *c)
{
    ptest__ctx_arm(ctx);
    ptest__fixture_new(ctx, c);
    if (!ctx->failed) {
        if (setjmp(ctx->jump) == 0) {
            ptest__call_fixtures(c->test, PTEST__OPT_SETUP);
            ptest__fixture_call(ctx, 0);
            ptest__call_test(ctx, c);
        }
    }
    ptest__leave_if_forked(ctx);
    return ptest__ctx_teardown(ctx, c);
}

/* Describes how a process ended: "was killed by SIGSEGV (Segmentation
 * fault)", "called exit(3)". */
static void ptest__describe_status(struct ptest__buf *b, int status)
{
    char text[160];
    ptest__os_status_text(status, text, sizeof text);
    ptest__buf_puts(b, text);
}

/* The base of every ptest_tmpdir() of the run; set by the runner before
 * any worker starts. */
static const char *ptest__tmp_base;

/* Judges a death test's child against EXPECT_SIGNAL / EXPECT_EXIT. */
static int ptest__judge_death(struct ptest__ctx *ctx,
                              const struct ptest__case *c, int status)
{
    struct ptest__buf msg = {NULL, 0, 0};
    int returned = ctx->shared->child_outcome, value;
    int want_signal = ptest__case_death(c, &value) == PTEST__OPT_EXPECT_SIGNAL;
    if (returned == PTEST__FAIL || returned == PTEST__SKIP)
        return returned;
    if (ctx->shared->failure_at >= 0)
        return PTEST__FAIL; /* an EXPECT failed before the expected end */
    if (returned < 0 && want_signal && ptest__os_status_signal(status) == value)
        return PTEST__PASS;
    if (returned < 0 && !want_signal && ptest__os_status_exit(status) == value)
        return PTEST__PASS;
    ptest__buf_printf(&msg, "%s:%d: expected the test to ", c->test->file,
                      c->test->line);
    if (!want_signal)
        ptest__buf_printf(&msg, "call exit(%d)", value);
    else if (ptest__os_signal_name(value))
        ptest__buf_printf(&msg, "die of %s", ptest__os_signal_name(value));
    else
        ptest__buf_printf(&msg, "die of signal %d", value);
    ptest__buf_puts(&msg, ", but it ");
    if (returned >= 0)
        ptest__buf_puts(&msg, "returned");
    else
        ptest__describe_status(&msg, status);
    ptest__buf_puts(&msg, "\n");
    ptest__report_failure(ctx, msg.data, msg.len);
    ptest__buf_free(&msg);
    return PTEST__FAIL;
}

#if defined(PTEST__POSIX)
/* Runs a death test's body in a fresh child of this process and judges
 * its end: PASS, FAIL or SKIP. */
static int ptest__run_death_child(struct ptest__ctx *ctx, const struct ptest__case *c)
{
    int status = 0;
    pid_t pid;
    fflush(NULL);
    ctx->shared->child_outcome = -1;
    pid = fork();
    if (pid < 0) {
        ptest__report_failure(ctx, "could not fork for the death test\n", 34);
        return PTEST__FAIL;
    }
    if (pid == 0) {
        ptest__os_default_signals(); /* no thread-pool crash handler here */
        ptest__ctx_arm(ctx);
        if (setjmp(ctx->jump) == 0)
            ptest__call_test(ctx, c);
        ptest__leave_if_forked(ctx);
        ctx->shared->child_outcome = ptest__ctx_outcome(ctx);
        /* the test's own streams only: in the thread pool, a stream
         * another thread had filling at the fork is a copy here, and
         * flushing it too would write its bytes twice */
        fflush(stdout);
        fflush(stderr);
        _exit(0);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return ptest__judge_death(ctx, c, status);
}

#else
/* One death test's process at a time is started with ptest's handles made
 * inheritable (the thread pool's threads may start theirs at once). */
static SRWLOCK ptest__win_spawn_lock = SRWLOCK_INIT;

/* Starts this program again, as GoogleTest does for its death tests on
 * Windows, with the shared page's handle, the case's id and the tmpdir
 * base in PTEST__CHILD; its stdout and stderr are ours (the capture files
 * in a worker). It runs in a job of its own that dies with its handle,
 * nested in its worker's job, so that what the body starts dies with it.
 * Returns the process (and *job), or NULL. */
static HANDLE ptest__win_start_child(struct ptest__ctx *ctx, const struct ptest__case *c,
                                     HANDLE *job)
{
    HANDLE pass[3];
    DWORD was[3] = {0, 0, 0};
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limit;
    char exe[MAX_PATH + 1];
    struct ptest__buf value = {NULL, 0, 0};
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    int i, ok;
    pass[0] = ptest__os_shared_handle((void *)ctx->shared);
    pass[1] = (HANDLE)_get_osfhandle(1);
    pass[2] = (HANDLE)_get_osfhandle(2);
    if (!GetModuleFileNameA(NULL, exe, sizeof exe))
        return NULL;
    ptest__buf_printf(&value, "%llu %lu %s%s", (unsigned long long)(uintptr_t)pass[0],
                      (unsigned long)strlen(c->id), c->id,
                      ptest__tmp_base ? ptest__tmp_base : "");
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = pass[1];
    si.hStdError = pass[2];
    AcquireSRWLockExclusive(&ptest__win_spawn_lock);
    for (i = 0; i < 3; i++) {
        if (!GetHandleInformation(pass[i], &was[i]))
            was[i] = 0;
        SetHandleInformation(pass[i], HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    }
    SetEnvironmentVariableA(PTEST__CHILD_VAR, value.data); /* see ptest__win_spawn_env */
    ok = CreateProcessA(exe, GetCommandLineA(), NULL, NULL, TRUE, CREATE_SUSPENDED,
                        NULL, NULL, &si, &pi);
    SetEnvironmentVariableA(PTEST__CHILD_VAR, NULL);
    for (i = 0; i < 3; i++)
        SetHandleInformation(pass[i], HANDLE_FLAG_INHERIT, was[i] & HANDLE_FLAG_INHERIT);
    ReleaseSRWLockExclusive(&ptest__win_spawn_lock);
    ptest__buf_free(&value);
    if (!ok)
        return NULL;
    *job = CreateJobObjectA(NULL, NULL);
    memset(&limit, 0, sizeof limit);
    limit.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (*job && (!SetInformationJobObject(*job, JobObjectExtendedLimitInformation, &limit,
                                          sizeof limit) ||
                 !AssignProcessToJobObject(*job, pi.hProcess))) {
        CloseHandle(*job); /* jobs cannot nest here: the worker's job holds it */
        *job = NULL;
    }
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

/* Runs a death test's body in a new process of this program (set-ups
 * again there, then the body) and judges its end: PASS, FAIL or SKIP. */
static int ptest__run_death_child(struct ptest__ctx *ctx, const struct ptest__case *c)
{
    HANDLE process, job = NULL;
    DWORD code = 0;
    fflush(NULL);
    ctx->shared->child_outcome = -1;
    process = ptest__win_start_child(ctx, c, &job);
    if (!process) {
        static const char why[] = "could not start the death test's process\n";
        ptest__report_failure(ctx, why, sizeof why - 1);
        return PTEST__FAIL;
    }
    WaitForSingleObject(process, INFINITE);
    if (!GetExitCodeProcess(process, &code))
        code = 1;
    CloseHandle(process);
    if (job) { /* what the body started and left behind goes with it */
        TerminateJobObject(job, 1);
        CloseHandle(job);
    }
    return ptest__judge_death(ctx, c, (int)code);
}
#endif

/* A death test: SETUP() and FIXTURE_SETUP here, the body in a child that
 * inherits what they set up (a copy of a TEST_F's instance), and the
 * teardowns here once the child has ended, as GoogleTest does; a failing
 * set-up means no child. On Windows the child is a new process, which
 * sets up again (WORKER_SETUP, SUITE_SETUP, SETUP, FIXTURE_SETUP) before
 * the body, as GoogleTest's does there. */
static int ptest__death_setup(struct ptest__ctx *ctx, const struct ptest__case *c)
{
    ptest__ctx_arm(ctx);
    ptest__fixture_new(ctx, c);
    if (!ctx->failed) {
        if (setjmp(ctx->jump) == 0) {
            ptest__call_fixtures(c->test, PTEST__OPT_SETUP);
            ptest__fixture_call(ctx, 0);
        }
    }
    ptest__leave_if_forked(ctx);
    return ptest__ctx_outcome(ctx);
}

static int ptest__run_death(struct ptest__ctx *ctx, const struct ptest__case *c)
{
    int outcome = ptest__death_setup(ctx, c), torn;
    if (outcome == PTEST__PASS)
        outcome = ptest__run_death_child(ctx, c);
    torn = ptest__ctx_teardown(ctx, c);
    return outcome == PTEST__PASS ? torn : outcome == PTEST__SKIP && torn == PTEST__FAIL
                                             ? PTEST__FAIL : outcome;
}

/* Replaces what a file name should not hold; keeps ids readable. */
static void ptest__sanitize(char *out, size_t size, const char *id)
{
    size_t i;
    for (i = 0; id[i] && i + 1 < size && i < 80; i++) {
        unsigned char c = (unsigned char)id[i];
        out[i] = (char)((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '.' || c == '-'
                            ? c : '_');
    }
    out[i] = '\0';
}

const char *ptest_tmpdir(void)
{
    struct ptest__ctx *ctx = ptest__ctx_now;
    char name[96];
    if (!ctx || !ctx->tcase) {
        fputs("ptest: ptest_tmpdir() called outside a running test\n", stderr);
        abort();
    }
    if (ctx->shared->tmpdir[0])
        return ctx->shared->tmpdir;
    ptest__sanitize(name, sizeof name, ctx->tcase->id);
    snprintf(ctx->shared->tmpdir, sizeof ctx->shared->tmpdir, "%s/%s-XXXXXX",
             ptest__tmp_base ? ptest__tmp_base : ptest__os_tmp_root(), name);
    if (!ptest__os_mkdtemp(ctx->shared->tmpdir)) {
        int e = errno;
        char path[sizeof ctx->shared->tmpdir];
        memcpy(path, ctx->shared->tmpdir, sizeof path);
        ctx->shared->tmpdir[0] = '\0';
        ptest__fail(__FILE__, __LINE__, "ptest_tmpdir(): cannot create %s: %s",
                    path, strerror(e));
    }
    return ctx->shared->tmpdir;
}

/* After a test: its tmpdir goes when it passed, skipped or failed as
 * expected (XFAIL: nothing to look into, and no report shows its path),
 * else stays and the report says where. */
static void ptest__tmpdir_finish(struct ptest__ctx *ctx, int outcome, int xfail)
{
    char line[4200];
    if (!ctx->shared->tmpdir[0])
        return;
    if (outcome == PTEST__PASS || outcome == PTEST__SKIP || xfail) {
        ptest__os_remove_tree(ctx->shared->tmpdir);
    } else {
        snprintf(line, sizeof line, "tmpdir kept: %s\n", ctx->shared->tmpdir);
        ptest__report_add(ctx, line, strlen(line));
    }
    ctx->shared->tmpdir[0] = '\0';
}

/* State of the worker and suite fixtures in one worker (or thread). */
enum { PTEST__FIX_NONE, PTEST__FIX_READY, PTEST__FIX_BROKEN };

struct ptest__suite_state {
    const char *suite;
    int state;
    char *failure;          /* the setup's report when it failed or skipped */
    int skipped;            /* the setup skipped rather than failed */
};

struct ptest__fixtures {
    const struct ptest__registry *reg;
    int suite_hooks;        /* the registry has SUITE_SETUP/TEARDOWN at all */
    struct ptest__suite_state *last; /* the suite of the previous test */
    int worker_state;
    char *worker_failure;
    int worker_skipped;
    size_t ran;             /* cases run here: a failed WORKER_SETUP that no
                             * case reported is said at the end */
    struct ptest__suite_state *suites;
    size_t suite_count;
    const char *fixture;    /* the last TEST_F's fixture, and its hooks */
    const struct ptest__hook *fixture_hooks[2];
    /* Called after a SUITE_SETUP ran (during the first test of its suite
     * here): what it set up is the new normal for the hygiene. */
    void (*after_setup)(void *arg);
    void *after_setup_arg;
};

/* Runs one fixture function as a test would run; returns PASS, FAIL or
 * SKIP, and on FAIL/SKIP the report in *report. */
static int ptest__run_hook(struct ptest__ctx *ctx, void (*fn)(void),
                           char **report)
{
    int outcome;
    ctx->shared->report_len = 0;
    ctx->shared->failure_at = -1;
    ctx->failed = ctx->skipped = 0;
    ptest__ctx_now = ctx;
    ctx->armed = 1;
    ctx->owner = ptest__os_self();
    if (setjmp(ctx->jump) == 0)
        fn();
    ptest__leave_if_forked(ctx);
    ctx->armed = 0;
    ptest__ctx_now = NULL;
    outcome = ptest__ctx_outcome(ctx);
    if (outcome != PTEST__PASS && report)
        *report = ptest__xstrndup(ctx->shared->report, ctx->shared->report_len);
    return outcome;
}

/* Runs every hook of a kind (for one suite, or all worker hooks) in
 * definition order; stops at the first that fails or skips. */
static int ptest__run_hooks(struct ptest__ctx *ctx, const struct ptest__registry *reg,
                            int kind, const char *suite, char **report)
{
    size_t i, ran = 0;
    int outcome = PTEST__PASS;
    double t0 = ptest__os_now();
    ctx->shared->hook_started = t0; /* before hook: read after it */
    PTEST__BARRIER();
    ctx->shared->hook = kind + 1; /* for the runner: a death or timeout now
                                   * is the fixture's */
    for (i = 0; i < reg->hook_count && outcome == PTEST__PASS; i++) {
        const struct ptest__hook *h = reg->hooks[i];
        if (h->kind == kind && (!suite || strcmp(h->suite, suite) == 0)) {
            outcome = ptest__run_hook(ctx, h->fn, report);
            ran++;
        }
    }
    ctx->shared->hook = 0;
    if (ran && ctx->on_hook)
        ctx->on_hook(ctx, kind, suite, t0, ptest__os_now());
    return outcome;
}

/* How many fixtures of kind the program defines (for suite; NULL: any). */
static size_t ptest__hook_count(const struct ptest__registry *reg, int kind,
                                const char *suite)
{
    size_t i, n = 0;
    for (i = 0; i < reg->hook_count; i++)
        n += reg->hooks[i]->kind == kind &&
             (!suite || strcmp(reg->hooks[i]->suite, suite) == 0);
    return n;
}

/* WORKER_SETUP, once, when the worker (or thread) starts. */
static void ptest__fixtures_start(struct ptest__fixtures *fx, struct ptest__ctx *ctx,
                                  const struct ptest__registry *reg)
{
    int outcome;
    size_t i;
    memset(fx, 0, sizeof *fx);
    fx->reg = reg;
    for (i = 0; i < reg->hook_count; i++)
        fx->suite_hooks |= reg->hooks[i]->kind == PTEST__HOOK_SUITE_SETUP ||
                           reg->hooks[i]->kind == PTEST__HOOK_SUITE_TEARDOWN;
    outcome = ptest__run_hooks(ctx, reg, PTEST__HOOK_WORKER_SETUP, NULL,
                               &fx->worker_failure);
    fx->worker_state = outcome == PTEST__PASS ? PTEST__FIX_READY : PTEST__FIX_BROKEN;
    fx->worker_skipped = outcome == PTEST__SKIP;
}

/* The suite's fixture state in this worker, setting the suite up on the
 * first of its tests here. */
static struct ptest__suite_state *
ptest__fixtures_suite(struct ptest__fixtures *fx, struct ptest__ctx *ctx,
                      const char *suite)
{
    static const struct ptest__suite_state ready = {NULL, PTEST__FIX_READY, NULL, 0};
    struct ptest__suite_state *st;
    size_t i;
    int outcome;
    if (!fx->suite_hooks) /* the common case: nothing to set up */
        return (struct ptest__suite_state *)&ready;
    if (fx->last && fx->last->suite == suite)
        return fx->last;
    for (i = 0; i < fx->suite_count; i++)
        if (strcmp(fx->suites[i].suite, suite) == 0)
            return fx->last = &fx->suites[i];
    fx->suites = (struct ptest__suite_state *)ptest__xrealloc(
        fx->suites, (fx->suite_count + 1) * sizeof *fx->suites);
    st = &fx->suites[fx->suite_count++];
    memset(st, 0, sizeof *st);
    st->suite = suite;
    outcome = ptest__run_hooks(ctx, fx->reg, PTEST__HOOK_SUITE_SETUP, suite,
                               &st->failure);
    if (fx->after_setup && ptest__hook_count(fx->reg, PTEST__HOOK_SUITE_SETUP, suite))
        fx->after_setup(fx->after_setup_arg);
    st->state = outcome == PTEST__PASS ? PTEST__FIX_READY : PTEST__FIX_BROKEN;
    st->skipped = outcome == PTEST__SKIP;
    return fx->last = st;
}

/* Reports a fixture that failed (or skipped) in place of the test. */
static int ptest__fixture_verdict(struct ptest__ctx *ctx, const char *what,
                                  const char *failure, int skipped)
{
    struct ptest__buf msg = {NULL, 0, 0};
    ctx->shared->report_len = 0;
    ctx->shared->failure_at = -1;
    ptest__buf_printf(&msg, "%s %s, so the test did not run\n", what,
                      skipped ? "skipped" : "failed");
    if (skipped)
        ptest__report_add(ctx, msg.data, msg.len);
    else
        ptest__report_failure(ctx, msg.data, msg.len);
    if (failure)
        ptest__report_add(ctx, failure, strlen(failure));
    ptest__buf_free(&msg);
    return skipped ? PTEST__SKIP : PTEST__FAIL;
}

/* A teardown failed: counted in the shared page, its report said on
 * err_fd (the runner's stderr). */
static void ptest__teardown_error(struct ptest__ctx *ctx, int err_fd, const char *what,
                                  const char *suite, const char *report)
{
    ctx->shared->teardown_failed = ctx->shared->teardown_failed + 1; /* volatile */
    if (err_fd >= 0)
        ptest__os_fdprintf(err_fd, "ptest: error: %s%s%s%s failed in %s:\n%s", what,
                           suite ? "(" : "", suite ? suite : "", suite ? ")" : "",
                           ptest_worker_name(), report ? report : "");
}

/* SUITE_TEARDOWN for every suite set up here, then WORKER_TEARDOWN; a
 * failure is written to err_fd (the runner's stderr), as no test owns it,
 * and counted in the shared page as it happens (a later crash or exit
 * does not lose it): each fails the run. */
static void ptest__fixtures_stop(struct ptest__fixtures *fx, struct ptest__ctx *ctx,
                                 int err_fd)
{
    size_t i;
    char *report = NULL;
    if (fx->worker_state == PTEST__FIX_BROKEN && !fx->worker_skipped && !fx->ran &&
        err_fd >= 0) /* the others ran every test: a warning, as a crash there is */
        ptest__os_fdprintf(err_fd, "ptest: warning: WORKER_SETUP failed in %s, which "
                           "then had no test to run:\n%s", ptest_worker_name(),
                           fx->worker_failure ? fx->worker_failure : "");
    for (i = fx->suite_count; i > 0; i--) {
        struct ptest__suite_state *st = &fx->suites[i - 1];
        if (st->state == PTEST__FIX_READY &&
            ptest__run_hooks(ctx, fx->reg, PTEST__HOOK_SUITE_TEARDOWN, st->suite,
                             &report) == PTEST__FAIL)
            ptest__teardown_error(ctx, err_fd, "SUITE_TEARDOWN", st->suite, report);
        free(report);
        report = NULL;
        free(st->failure);
    }
    if (fx->worker_state == PTEST__FIX_READY &&
        ptest__run_hooks(ctx, fx->reg, PTEST__HOOK_WORKER_TEARDOWN, NULL,
                         &report) == PTEST__FAIL)
        ptest__teardown_error(ctx, err_fd, "WORKER_TEARDOWN", NULL, report);
    free(report);
    free(fx->worker_failure);
    free(fx->suites);
    memset(fx, 0, sizeof *fx);
}

/* Gives ctx case c's fixture and its FIXTURE_SETUP and FIXTURE_TEARDOWN
 * (or NULLs), looked up once per run of tests of one fixture. */
static void ptest__fixture_hooks(struct ptest__fixtures *fx, struct ptest__ctx *ctx,
                                 const struct ptest__case *c)
{
    const struct ptest__option *f = ptest__case_fixture(c);
    size_t i;
    if (f && (!fx->fixture || strcmp(fx->fixture, f->text) != 0)) {
        fx->fixture = f->text;
        fx->fixture_hooks[0] = fx->fixture_hooks[1] = NULL;
        for (i = 0; i < fx->reg->hook_count; i++) {
            const struct ptest__hook *h = fx->reg->hooks[i];
            if ((h->kind == PTEST__HOOK_FIXTURE_SETUP ||
                 h->kind == PTEST__HOOK_FIXTURE_TEARDOWN) &&
                strcmp(h->suite, f->text) == 0)
                fx->fixture_hooks[h->kind == PTEST__HOOK_FIXTURE_TEARDOWN] = h;
        }
    }
    ctx->fixture = f;
    ctx->fixture_hooks[0] = f ? fx->fixture_hooks[0] : NULL;
    ctx->fixture_hooks[1] = f ? fx->fixture_hooks[1] : NULL;
}

/* Runs one case in this process (a death test in a child of it), inside
 * its worker and suite fixtures, and returns its raw outcome: PASS, FAIL
 * or SKIP. */
static int ptest__run_case(struct ptest__ctx *ctx, struct ptest__fixtures *fx,
                           const struct ptest__case *c, int32_t index)
{
    struct ptest__suite_state *suite;
    const char *skip;
    int outcome;
    ctx->shared->started = ptest__os_now(); /* before current: the runner reads both */
    PTEST__BARRIER();
    ctx->shared->current = index;
    ctx->tcase = c;
    fx->ran++;
    if (fx->worker_state == PTEST__FIX_BROKEN) {
        outcome = ptest__fixture_verdict(ctx, "WORKER_SETUP", fx->worker_failure,
                                         fx->worker_skipped);
        ctx->tcase = NULL;
        return outcome;
    }
    skip = ptest__case_skip(c);
    ptest__impact_begin(NULL); /* what ran between tests: every test's */
    suite = skip ? NULL : ptest__fixtures_suite(fx, ctx, c->test->suite);
    ptest__impact_begin(c->test->suite); /* SUITE_SETUP: its suite's tests' */
    ctx->shared->report_len = 0;
    ctx->shared->failure_at = -1;
    ctx->shared->last_file = NULL;
    ctx->shared->last_line = 0;
    ptest__ctx_now = ctx;
    if (skip) {
        ptest__report_add(ctx, skip, strlen(skip));
        outcome = PTEST__SKIP;
    } else if (suite->state == PTEST__FIX_BROKEN) {
        char what[256];
        snprintf(what, sizeof what, "SUITE_SETUP(%s)", c->test->suite);
        outcome = ptest__fixture_verdict(ctx, what, suite->failure, suite->skipped);
    } else {
        int value;
        ptest__fixture_hooks(fx, ctx, c);
        outcome = ptest__case_death(c, &value) ? ptest__run_death(ctx, c)
                                               : ptest__run_body(ctx, c);
    }
    ptest__tmpdir_finish(ctx, outcome, ptest__case_xfail(c) != NULL);
    ptest__impact_end(c, outcome == PTEST__PASS);
    ptest__ctx_now = NULL;
    ctx->tcase = NULL;
    return outcome; /* current stays set until the worker has reported */
}

/* ------------------------------------------------------------------------
 * Expressions
 *
 * -m and -k share pytest's grammar:
 *     expr := and_expr ('or' and_expr)*
 *     and_expr := not_expr ('and' not_expr)*
 *     not_expr := 'not' not_expr | '(' expr ')' | identifier
 * An expression compiles once, without recursion (shunting-yard with an
 * explicit stack, so no nesting depth can overflow anything), into postfix
 * code that is evaluated per test. Errors name the column and what was
 * expected. The caller decides what an identifier means.
 * ------------------------------------------------------------------------ */

enum ptest__tok { PTEST__T_END, PTEST__T_IDENT, PTEST__T_AND, PTEST__T_OR,
                  PTEST__T_NOT, PTEST__T_LPAREN, PTEST__T_RPAREN };

struct ptest__token {
    int kind;
    size_t col;             /* 1-based */
    const char *text;
    size_t len;
};

/* One postfix instruction: an operator, or an identifier to look up. */
struct ptest__insn {
    int kind;               /* PTEST__T_IDENT, _AND, _OR or _NOT */
    char *ident;
};

struct ptest__expr {
    struct ptest__insn *code;
    size_t len;
    int empty;              /* a blank expression selects everything */
};

static const char *ptest__tok_name(int kind)
{
    static const char *const names[] = {"end of input", "identifier", "and",
                                        "or", "not", "left parenthesis",
                                        "right parenthesis"};
    return names[kind];
}

static int ptest__is_ident_byte(unsigned char c)
{
    return c > ' ' && c != '(' && c != ')' && c != 0x7f;
}

/* Splits text into tokens (the last is END); returns the count. */
static size_t ptest__tokenize(const char *text, struct ptest__token *out)
{
    size_t n = 0, i = 0;
    for (;;) {
        struct ptest__token *t = &out[n++];
        while (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
               text[i] == '\r')
            i++;
        t->col = i + 1;
        t->text = text + i;
        t->len = 1;
        if (!text[i]) {
            t->kind = PTEST__T_END;
            return n;
        }
        if (text[i] == '(' || text[i] == ')') {
            t->kind = text[i++] == '(' ? PTEST__T_LPAREN : PTEST__T_RPAREN;
            continue;
        }
        while (ptest__is_ident_byte((unsigned char)text[i + t->len]))
            t->len++;
        i += t->len;
        t->kind = PTEST__T_IDENT;
        if (t->len == 3 && memcmp(t->text, "and", 3) == 0)
            t->kind = PTEST__T_AND;
        else if (t->len == 2 && memcmp(t->text, "or", 2) == 0)
            t->kind = PTEST__T_OR;
        else if (t->len == 3 && memcmp(t->text, "not", 3) == 0)
            t->kind = PTEST__T_NOT;
    }
}

static int ptest__precedence(int kind)
{
    return kind == PTEST__T_NOT ? 3 : kind == PTEST__T_AND ? 2 :
           kind == PTEST__T_OR ? 1 : 0;
}

static void ptest__expr_emit(struct ptest__expr *e, const struct ptest__token *t)
{
    struct ptest__insn *in = &e->code[e->len++];
    in->kind = t->kind;
    in->ident = t->kind == PTEST__T_IDENT ? ptest__xstrndup(t->text, t->len) : NULL;
}

static void ptest__expr_free(struct ptest__expr *e)
{
    size_t i;
    for (i = 0; i < e->len; i++)
        free(e->code[i].ident);
    free(e->code);
    e->code = NULL;
    e->len = 0;
}

/* Writes "at column N: expected X; got Y" into err. */
static int ptest__expr_error(struct ptest__buf *err, const struct ptest__token *t,
                             const char *expected)
{
    ptest__buf_printf(err, "at column %lu: expected %s; got %s",
                      (unsigned long)t->col, expected, ptest__tok_name(t->kind));
    return -1;
}

/* Compiles text into e; on a syntax error, -1 and a message in err. */
static int ptest__expr_compile(struct ptest__expr *e, const char *text,
                               struct ptest__buf *err)
{
    size_t ntok, i, depth = 0;
    struct ptest__token *toks, **stack;
    int want_operand = 1, rc = 0;
    memset(e, 0, sizeof *e);
    toks = (struct ptest__token *)ptest__xcalloc(strlen(text) + 1, sizeof *toks);
    ntok = ptest__tokenize(text, toks);
    stack = (struct ptest__token **)ptest__xcalloc(ntok, sizeof *stack);
    e->code = (struct ptest__insn *)ptest__xcalloc(ntok, sizeof *e->code);
    e->empty = ntok == 1;
    for (i = 0; i < ntok && !e->empty && rc == 0; i++) {
        struct ptest__token *t = &toks[i];
        if (want_operand) {
            if (t->kind == PTEST__T_IDENT) {
                ptest__expr_emit(e, t);
                want_operand = 0;
            } else if (t->kind == PTEST__T_NOT || t->kind == PTEST__T_LPAREN) {
                stack[depth++] = t;
            } else {
                rc = ptest__expr_error(err, t, "not OR left parenthesis OR identifier");
            }
            continue;
        }
        if (t->kind == PTEST__T_AND || t->kind == PTEST__T_OR) {
            while (depth && ptest__precedence(stack[depth - 1]->kind) >=
                                ptest__precedence(t->kind))
                ptest__expr_emit(e, stack[--depth]);
            stack[depth++] = t;
            want_operand = 1;
        } else if (t->kind == PTEST__T_RPAREN || t->kind == PTEST__T_END) {
            while (depth && stack[depth - 1]->kind != PTEST__T_LPAREN)
                ptest__expr_emit(e, stack[--depth]);
            if (t->kind == PTEST__T_RPAREN && depth == 0)
                rc = ptest__expr_error(err, t, "and OR or OR end of input");
            else if (t->kind == PTEST__T_END && depth > 0)
                rc = ptest__expr_error(err, t, "right parenthesis");
            else if (t->kind == PTEST__T_RPAREN)
                depth--;
        } else {
            rc = ptest__expr_error(err, t,
                                   "and OR or OR right parenthesis OR end of input");
        }
    }
    free(stack);
    free(toks);
    if (rc != 0)
        ptest__expr_free(e);
    return rc;
}

/* Evaluates e; match(ident, data) says whether one identifier holds. */
static int ptest__expr_eval(const struct ptest__expr *e,
                            int (*match)(const char *ident, const void *data),
                            const void *data, unsigned char *stack)
{
    size_t i, sp = 0;
    if (e->empty)
        return 1;
    for (i = 0; i < e->len; i++) {
        const struct ptest__insn *in = &e->code[i];
        switch (in->kind) {
        case PTEST__T_IDENT: stack[sp++] = (unsigned char)match(in->ident, data); break;
        case PTEST__T_NOT: stack[sp - 1] = !stack[sp - 1]; break;
        case PTEST__T_AND: sp--; stack[sp - 1] = stack[sp - 1] && stack[sp]; break;
        default: sp--; stack[sp - 1] = stack[sp - 1] || stack[sp]; break;
        }
    }
    return stack[0];
}

static int ptest__match_marker(const char *ident, const void *data)
{
    return ptest__case_has_marker((const struct ptest__case *)data, ident);
}

static int ptest__match_keyword(const char *ident, const void *data)
{
    return ptest__icontains(((const struct ptest__case *)data)->id, ident);
}

/* Checks that every identifier of a -m expression is a declared marker. */
static int ptest__expr_check_markers(const struct ptest__expr *e,
                                     const struct ptest__registry *reg,
                                     struct ptest__buf *err)
{
    size_t i;
    for (i = 0; i < e->len; i++) {
        const char *name = e->code[i].ident, *near;
        if (!name || ptest__find_marker(reg, name))
            continue;
        near = ptest__suggest_marker(reg, name);
        ptest__buf_printf(err, "unknown marker '%s'", name);
        if (near)
            ptest__buf_printf(err, " (did you mean '%s'?)", near);
        ptest__buf_puts(err, "; --markers lists them");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * CLI
 *
 * Turns argv and the PTEST_* environment into a struct ptest__config,
 * defined here, before the run state that holds one. Every malformed
 * value is one line naming the flag or variable, and exit 4; nothing here
 * exits by itself, so the unit tests can call it. It calls only the
 * sections above (utilities, platform layer, ptest_tmpdir), which is why
 * it can stand this early: the scheduler, the workers and the reporters
 * below read the configuration it fills.
 * ------------------------------------------------------------------------ */

enum ptest__tb { PTEST__TB_LONG, PTEST__TB_SHORT, PTEST__TB_LINE, PTEST__TB_NO };
enum ptest__color { PTEST__COLOR_AUTO, PTEST__COLOR_YES, PTEST__COLOR_NO };
enum ptest__pool_kind { PTEST__POOL_FORK, PTEST__POOL_THREAD };
enum ptest__dist { PTEST__DIST_WORKSTEAL, PTEST__DIST_LOAD, PTEST__DIST_LOADSCOPE,
                   PTEST__DIST_LOADFILE, PTEST__DIST_NO };

/* Everything the command line and environment decide. */
struct ptest__config {
    int jobs;               /* workers; 0 runs inline; -1 until decided */
    int pool;
    int forked;             /* a fresh process per test */
    int dist;
    const char *basetemp;   /* where ptest_tmpdir()s go */
    const char *basetemp_from; /* who said so: "--basetemp" or "TEST_TMPDIR" */
    const char *junitxml;   /* --junitxml PATH */
    const char *json;       /* --json PATH, "-" for stdout */
    int tap;                /* --tap: TAP 14 on stdout instead of the console */
    const char *trace;      /* --trace PATH: Chrome Trace Event JSON */
    const char *html;       /* --html PATH: a self-contained HTML report */
    const char *cache_dir;  /* --cache-dir, $PTEST_CACHE_DIR, or .ptest_cache */
    int no_cache;
    int cache_clear;
    int last_failed;        /* --lf */
    int failed_first;       /* --ff */
    int durations;          /* --durations=N: -1 off, 0 all */
    const char *durations_file;
    int store_durations;
    int reruns;
    int count;              /* --count=N, 1 normally */
    int shuffle;
    uint64_t seed;          /* 64 bits everywhere: a seed replays on any machine */
    int seed_set;
    int shard_index;        /* 1-based; 0: no sharding */
    int shard_total;
    int shard_hash;         /* --shard=hash:K/N: by a hash of each id */
    const char *mexpr;
    const char *kexpr;
    char **filters;         /* positional ids or id prefixes */
    char **addopts;         /* $PTEST_ADDOPTS's words (one allocation) */
    size_t filter_count;
    int collect_only;
    int list_markers;
    int help;
    int version;
    int maxfail;            /* stop after this many failures; 0: never */
    int exitfirst;          /* it was -x (--exitfirst) */
    int verbose;            /* -1 quiet, 0 normal, 1 one line per test */
    int capture;            /* 0 with -s */
    int tb;
    double timeout;         /* default per-test timeout; 0: none */
    double slow;            /* --slow: notices every SEC a test runs; 0: none */
    int timeout_given;      /* --timeout was given: $PTEST_TIMEOUT is not read */
    int color;
    int impact_record;      /* --impact-record */
    const char *affected_rev; /* --affected=REV */
    const char **affected_files; /* --affected-files values (comma lists) */
    size_t affected_file_count;
    int affected_explain;   /* --affected-explain */
};


enum ptest__flag_id {
    PTEST__F_JOBS, PTEST__F_POOL, PTEST__F_MARK, PTEST__F_KEYWORD,
    PTEST__F_COLLECT, PTEST__F_MARKERS, PTEST__F_EXITFIRST, PTEST__F_MAXFAIL,
    PTEST__F_VERBOSE, PTEST__F_QUIET, PTEST__F_NOCAPTURE, PTEST__F_CAPTURE,
    PTEST__F_TB, PTEST__F_TIMEOUT, PTEST__F_COLOR, PTEST__F_HELP,
    PTEST__F_VERSION, PTEST__F_FORKED, PTEST__F_DIST, PTEST__F_BASETEMP,
    PTEST__F_JUNITXML, PTEST__F_JSON, PTEST__F_TAP, PTEST__F_CACHE_DIR,
    PTEST__F_NO_CACHE, PTEST__F_CACHE_CLEAR, PTEST__F_LF, PTEST__F_FF,
    PTEST__F_DURATIONS, PTEST__F_DURATIONS_FILE, PTEST__F_STORE_DURATIONS,
    PTEST__F_RERUNS, PTEST__F_COUNT, PTEST__F_SHUFFLE, PTEST__F_SEED, PTEST__F_SHARD,
    PTEST__F_STRICT_MARKERS, PTEST__F_SLOW, PTEST__F_IMPACT_RECORD, PTEST__F_AFFECTED,
    PTEST__F_AFFECTED_FILES, PTEST__F_AFFECTED_EXPLAIN, PTEST__F_TRACE, PTEST__F_HTML
};

/* One flag: its short letter (or 0), long names, and whether it takes a
 * value. */
static const struct ptest__flag {
    int id;
    char letter;
    const char *name;
    const char *alias;
    int takes_value;
    const char *help;
} ptest__flags[] = {
    {PTEST__F_JOBS, 'j', "--jobs", NULL, 1,
     "N|auto|0  workers (default: auto or $PTEST_JOBS); 0: inline"},
    {PTEST__F_JOBS, 'n', "--numprocesses", NULL, 1, "N  same as -j"},
    {PTEST__F_POOL, 0, "--pool", NULL, 1,
     "fork|thread  persistent forked workers (default), or threads"},
    {PTEST__F_FORKED, 0, "--forked", NULL, 0,
     "each test in a fresh process forked from a worker"},
    {PTEST__F_DIST, 0, "--dist", NULL, 1,
     "worksteal|load|loadscope|loadfile|no  how tests go to workers"},
    {PTEST__F_BASETEMP, 0, "--basetemp", NULL, 1,
     "DIR  where ptest_tmpdir()s go (default: $TMPDIR)"},
    {PTEST__F_MARK, 'm', "--mark", NULL, 1,
     "EXPR  select by markers: and, or, not, ()"},
    {PTEST__F_KEYWORD, 'k', "--keyword", NULL, 1,
     "EXPR  select by case-insensitive substrings of ids"},
    {PTEST__F_COLLECT, 0, "--collect-only", "--co", 0,
     "list the selected tests and exit (-q: ids only)"},
    {PTEST__F_MARKERS, 0, "--markers", NULL, 0, "list the declared markers"},
    {PTEST__F_STRICT_MARKERS, 0, "--strict-markers", NULL, 0,
     "accepted for pytest's sake: ptest is always strict"},
    {PTEST__F_EXITFIRST, 'x', "--exitfirst", NULL, 0,
     "stop after the first failure"},
    {PTEST__F_MAXFAIL, 0, "--maxfail", NULL, 1, "N  stop after N failures"},
    {PTEST__F_VERBOSE, 'v', "--verbose", NULL, 0, "one line per test"},
    {PTEST__F_QUIET, 'q', "--quiet", NULL, 0, "less output"},
    {PTEST__F_NOCAPTURE, 's', NULL, NULL, 0, "same as --capture=no"},
    {PTEST__F_CAPTURE, 0, "--capture", NULL, 1,
     "fd|no  capture the tests' stdout and stderr (default fd)"},
    {PTEST__F_TB, 0, "--tb", NULL, 1,
     "long|short|line|no  failure report style"},
    {PTEST__F_TIMEOUT, 0, "--timeout", NULL, 1,
     "SEC  per-test timeout (default: 60; 0: none)"},
    {PTEST__F_SLOW, 0, "--slow", NULL, 1,
     "SEC  SLOW lines for tests past SEC (default 60; 0: off)"},
    {PTEST__F_LF, 0, "--last-failed", "--lf", 0,
     "only last run's failures (all if none failed)"},
    {PTEST__F_FF, 0, "--failed-first", "--ff", 0, "the tests that failed last time first"},
    {PTEST__F_DURATIONS, 0, "--durations", NULL, 1, "N  list the N slowest tests (0: all)"},
    {PTEST__F_RERUNS, 0, "--reruns", NULL, 1,
     "N  retry failing tests up to N times; a pass is FLAKY"},
    {PTEST__F_COUNT, 0, "--count", NULL, 1, "N  run every selected test N times"},
    {PTEST__F_SHUFFLE, 0, "--shuffle", NULL, 0, "random order (the seed is printed)"},
    {PTEST__F_SEED, 0, "--seed", NULL, 1, "S  shuffle with this seed (implies --shuffle)"},
    {PTEST__F_SHARD, 0, "--shard", NULL, 1,
     "[hash:]K/N  only the K-th of N disjoint shards of the selection"},
    {PTEST__F_DURATIONS_FILE, 0, "--durations-file", NULL, 1,
     "PATH  durations to order and shard by (e.g. committed)"},
    {PTEST__F_STORE_DURATIONS, 0, "--store-durations", NULL, 0,
     "write this run's durations into --durations-file"},
    {PTEST__F_CACHE_DIR, 0, "--cache-dir", NULL, 1,
     "DIR  durations, last outcomes (default: .ptest_cache)"},
    {PTEST__F_NO_CACHE, 0, "--no-cache", NULL, 0, "neither read nor write the cache"},
    {PTEST__F_CACHE_CLEAR, 0, "--cache-clear", NULL, 0, "forget the cache first"},
    {PTEST__F_IMPACT_RECORD, 0, "--impact-record", NULL, 0,
     "note the code each test runs (docs/affected.md)"},
    {PTEST__F_AFFECTED, 0, "--affected", NULL, 1,
     "REV  only tests the changes since git REV can reach"},
    {PTEST__F_AFFECTED_FILES, 0, "--affected-files", NULL, 1,
     "F,..  only tests changes to these files can reach"},
    {PTEST__F_AFFECTED_EXPLAIN, 0, "--affected-explain", NULL, 0,
     "say why --affected kept or dropped each test"},
    {PTEST__F_JUNITXML, 0, "--junitxml", NULL, 1, "PATH  write a JUnit XML report"},
    {PTEST__F_JSON, 0, "--json", NULL, 1,
     "PATH  stream JSON Lines events to PATH ('-': stdout)"},
    {PTEST__F_TAP, 0, "--tap", NULL, 0, "TAP version 14 on stdout instead of the console"},
    {PTEST__F_TRACE, 0, "--trace", NULL, 1,
     "PATH  write the timeline as Chrome Trace Event JSON"},
    {PTEST__F_HTML, 0, "--html", NULL, 1, "PATH  write a self-contained HTML report"},
    {PTEST__F_COLOR, 0, "--color", NULL, 1, "auto|yes|no  (NO_COLOR respected)"},
    {PTEST__F_HELP, 'h', "--help", NULL, 0, "this help"},
    {PTEST__F_VERSION, 0, "--version", NULL, 0, "print the version"},
};

#define PTEST__FLAG_COUNT (sizeof ptest__flags / sizeof ptest__flags[0])
#define PTEST__MAX_JOBS 1024

/* Parses a -j value: N >= 1, "auto" (usable CPUs) or 0 (inline). */
static int ptest__parse_jobs(const char *value, int *jobs)
{
    long long n;
    if (value && strcmp(value, "auto") == 0) {
        *jobs = ptest__os_cpu_count();
        return 0;
    }
    if (ptest__parse_wide(value, 0, LLONG_MAX, &n) != 0) /* then capped */
        return -1;
    *jobs = n > PTEST__MAX_JOBS ? PTEST__MAX_JOBS : (int)n;
    return 0;
}

/* Parses "K/N" (1 <= K <= N); 0 on success. */
static int ptest__parse_shard(const char *value, int *index, int *total)
{
    const char *slash = strchr(value, '/');
    char k[32];
    long a, b;
    if (!slash || (size_t)(slash - value) >= sizeof k)
        return -1;
    memcpy(k, value, (size_t)(slash - value));
    k[slash - value] = '\0';
    if (ptest__parse_long(k, 1, 1000000, &a) != 0 ||
        ptest__parse_long(slash + 1, 1, 1000000, &b) != 0 || a > b)
        return -1;
    *index = (int)a;
    *total = (int)b;
    return 0;
}

/* Picks one of several words; -1 when value is none of them. */
static int ptest__parse_choice(const char *value, const char *const *words)
{
    int i;
    for (i = 0; words[i]; i++)
        if (strcmp(value, words[i]) == 0)
            return i;
    return -1;
}

/* Applies one flag and its value; -1 with a message in err when the value
 * is malformed. Long, as a switch with a short case per flag of the table
 * above: splitting it would only scatter the flags. */
static int ptest__apply_flag(struct ptest__config *cfg,
                             const struct ptest__flag *f, const char *value,
                             const char *spelled, struct ptest__buf *err)
{
    static const char *const tbs[] = {"long", "short", "line", "no", NULL};
    static const char *const colors[] = {"auto", "yes", "no", NULL};
    static const char *const captures[] = {"fd", "no", NULL};
    static const char *const pools[] = {"fork", "thread", NULL};
    static const char *const dists[] = {"worksteal", "load", "loadscope",
                                        "loadfile", "no", NULL};
    long n;
    long long wide;
    int choice;
    const char *expected = NULL;
    switch (f->id) {
    case PTEST__F_JOBS:
        if (ptest__parse_jobs(value, &cfg->jobs) != 0)
            expected = "a number of workers >= 1, 'auto', or 0 to run inline";
        break;
    case PTEST__F_POOL:
        if ((choice = ptest__parse_choice(value, pools)) < 0)
            expected = "'fork' or 'thread'";
#if !defined(PTEST__HAS_THREADS)
        else if (choice == PTEST__POOL_THREAD)
            expected = "'fork' (built with PTEST_NO_THREADS: no thread pool)";
#endif
        else
            cfg->pool = choice;
        break;
    case PTEST__F_FORKED: cfg->forked = 1; break;
    case PTEST__F_DIST:
        if ((choice = ptest__parse_choice(value, dists)) < 0)
            expected = "'worksteal', 'load', 'loadscope', 'loadfile' or 'no'";
        else
            cfg->dist = choice;
        break;
    case PTEST__F_JUNITXML:
        if (!*value)
            expected = "a file name";
        else
            cfg->junitxml = value;
        break;
    case PTEST__F_JSON:
        if (!*value)
            expected = "a file name, or '-' for stdout";
        else
            cfg->json = value;
        break;
    case PTEST__F_TAP: cfg->tap = 1; break;
    case PTEST__F_TRACE:
        if (!*value)
            expected = "a file name";
        else
            cfg->trace = value;
        break;
    case PTEST__F_HTML:
        if (!*value)
            expected = "a file name";
        else
            cfg->html = value;
        break;
    case PTEST__F_CACHE_DIR:
        if (!*value)
            expected = "a directory";
        else
            cfg->cache_dir = value;
        break;
    case PTEST__F_NO_CACHE: cfg->no_cache = 1; break;
    case PTEST__F_STRICT_MARKERS: break; /* ptest is always strict */
    case PTEST__F_CACHE_CLEAR: cfg->cache_clear = 1; break;
    case PTEST__F_IMPACT_RECORD: cfg->impact_record = 1; break;
    case PTEST__F_AFFECTED_EXPLAIN: cfg->affected_explain = 1; break;
    case PTEST__F_AFFECTED:
        if (!*value)
            expected = "a git revision (HEAD, main, a commit)";
        else
            cfg->affected_rev = value;
        break;
    case PTEST__F_AFFECTED_FILES:
        if (!*value) {
            expected = "file names, separated by commas";
        } else {
            cfg->affected_files = (const char **)ptest__xrealloc(
                (void *)cfg->affected_files, (cfg->affected_file_count + 1) * sizeof(char *));
            cfg->affected_files[cfg->affected_file_count++] = value;
        }
        break;
    case PTEST__F_LF: cfg->last_failed = 1; break;
    case PTEST__F_FF: cfg->failed_first = 1; break;
    case PTEST__F_DURATIONS:
        if (ptest__parse_long(value, 0, INT_MAX, &n) != 0)
            expected = "a number of tests >= 0 (0: all)";
        else
            cfg->durations = (int)n;
        break;
    case PTEST__F_DURATIONS_FILE:
        if (!*value)
            expected = "a file name";
        else
            cfg->durations_file = value;
        break;
    case PTEST__F_STORE_DURATIONS: cfg->store_durations = 1; break;
    case PTEST__F_RERUNS:
        if (ptest__parse_long(value, 0, 100, &n) != 0)
            expected = "a number of retries from 0 to 100";
        else
            cfg->reruns = (int)n;
        break;
    case PTEST__F_COUNT:
        if (ptest__parse_long(value, 1, 100000, &n) != 0)
            expected = "a number of repetitions from 1 to 100000";
        else
            cfg->count = (int)n;
        break;
    case PTEST__F_SHUFFLE: cfg->shuffle = 1; break;
    case PTEST__F_SEED:
        if (ptest__parse_wide(value, 0, LLONG_MAX, &wide) != 0)
            expected = "a whole number >= 0";
        else
            cfg->seed = (uint64_t)wide, cfg->seed_set = cfg->shuffle = 1;
        break;
    case PTEST__F_SHARD:
        cfg->shard_hash = strncmp(value, "hash:", 5) == 0;
        if (ptest__parse_shard(value + (cfg->shard_hash ? 5 : 0), &cfg->shard_index,
                               &cfg->shard_total) != 0)
            expected = cfg->shard_hash ? "hash:K/N, the K-th of N shards by a hash of "
                                         "each id, with 1 <= K <= N"
                                       : "K/N, the K-th of N shards, with 1 <= K <= N";
        break;
    case PTEST__F_BASETEMP:
        if (!*value)
            expected = "a directory";
        else
            cfg->basetemp = value;
        break;
    case PTEST__F_MARK: cfg->mexpr = value; break;
    case PTEST__F_KEYWORD: cfg->kexpr = value; break;
    case PTEST__F_COLLECT: cfg->collect_only = 1; break;
    case PTEST__F_MARKERS: cfg->list_markers = 1; break;
    case PTEST__F_EXITFIRST: cfg->maxfail = 1; cfg->exitfirst = 1; break;
    case PTEST__F_MAXFAIL:
        if (ptest__parse_long(value, 1, INT_MAX, &n) != 0)
            expected = "a number of failures >= 1";
        else {
            cfg->maxfail = (int)n;
            cfg->exitfirst = 0;
        }
        break;
    case PTEST__F_VERBOSE: cfg->verbose = cfg->verbose < 0 ? 0 : cfg->verbose + 1; break;
    case PTEST__F_QUIET: cfg->verbose = cfg->verbose > 0 ? 0 : -1; break;
    case PTEST__F_NOCAPTURE: cfg->capture = 0; break;
    case PTEST__F_CAPTURE:
        if ((choice = ptest__parse_choice(value, captures)) < 0)
            expected = "'fd' or 'no'";
        else
            cfg->capture = choice == 0;
        break;
    case PTEST__F_TB:
        if ((choice = ptest__parse_choice(value, tbs)) < 0)
            expected = "'long', 'short', 'line' or 'no'";
        else
            cfg->tb = choice;
        break;
    case PTEST__F_TIMEOUT:
        if (ptest__parse_seconds(value, &cfg->timeout) != 0)
            expected = "a number of seconds >= 0 (0: no timeout)";
        cfg->timeout_given = 1;
        break;
    case PTEST__F_SLOW:
        if (ptest__parse_seconds(value, &cfg->slow) != 0)
            expected = "a number of seconds >= 0 (0: no notices)";
        break;
    case PTEST__F_COLOR:
        if ((choice = ptest__parse_choice(value, colors)) < 0)
            expected = "'auto', 'yes' or 'no'";
        else
            cfg->color = choice;
        break;
    case PTEST__F_HELP: cfg->help = 1; break;
    case PTEST__F_VERSION: cfg->version = 1; break;
    default: /* a flag in the table that this switch forgot */
        fprintf(stderr, "ptest: internal error: %s has no handler\n", spelled);
        exit(PTEST__EXIT_INTERNAL);
    }
    if (!expected)
        return 0;
    ptest__buf_printf(err, "%s: expected %s; got '%s'", spelled, expected, value);
    return -1;
}

static const struct ptest__flag *ptest__find_long(const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < PTEST__FLAG_COUNT; i++) {
        const struct ptest__flag *f = &ptest__flags[i];
        if ((f->name && strlen(f->name) == len && strncmp(f->name, name, len) == 0) ||
            (f->alias && strlen(f->alias) == len && strncmp(f->alias, name, len) == 0))
            return f;
    }
    return NULL;
}

static const struct ptest__flag *ptest__find_short(char letter)
{
    size_t i;
    for (i = 0; i < PTEST__FLAG_COUNT; i++)
        if (ptest__flags[i].letter == letter)
            return &ptest__flags[i];
    return NULL;
}

/* "unknown flag '--maxfial' (did you mean --maxfail?)" */
static int ptest__unknown_flag(const char *arg, size_t len, struct ptest__buf *err)
{
    size_t i, best_d = (size_t)-1;
    const char *best = NULL;
    char *name = ptest__xstrndup(arg, len);
    for (i = 0; i < PTEST__FLAG_COUNT; i++) {
        size_t d, n = ptest__flags[i].name ? strlen(ptest__flags[i].name) : 0;
        /* the distance is at least the difference in length, and only
         * 2 or less is suggested: skip the rest (a long typo stays cheap) */
        if (!n || (n > len ? n - len : len - n) > 2)
            continue;
        d = ptest__edit_distance(name, ptest__flags[i].name);
        if (d < best_d) {
            best_d = d;
            best = ptest__flags[i].name;
        }
    }
    ptest__buf_printf(err, "unknown flag '%s'", name);
    if (best && len > 3 && best_d <= 2)
        ptest__buf_printf(err, " (did you mean %s?)", best);
    else
        ptest__buf_puts(err, " (--help lists the flags)");
    free(name);
    return -1;
}

static int ptest__missing_value(const char *spelled, struct ptest__buf *err)
{
    ptest__buf_printf(err, "%s: expected a value after it", spelled);
    return -1;
}

/* Parses "--name[=value]"; *i advances past a separate value. */
static int ptest__parse_long_flag(struct ptest__config *cfg, int argc,
                                  char **argv, int *i, struct ptest__buf *err)
{
    const char *arg = argv[*i], *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    const struct ptest__flag *f = ptest__find_long(arg, len);
    char spelled[64];
    if (!f)
        return ptest__unknown_flag(arg, len, err);
    snprintf(spelled, sizeof spelled, "%.*s", (int)len, arg);
    if (!f->takes_value) {
        if (eq) {
            ptest__buf_printf(err, "%s: takes no value; got '%s'", spelled, eq + 1);
            return -1;
        }
        return ptest__apply_flag(cfg, f, NULL, spelled, err);
    }
    if (eq)
        return ptest__apply_flag(cfg, f, eq + 1, spelled, err);
    if (*i + 1 >= argc)
        return ptest__missing_value(spelled, err);
    return ptest__apply_flag(cfg, f, argv[++*i], spelled, err);
}

/* Parses a cluster of short flags ("-xvs", "-j4", "-j 4", "-mslow"). */
static int ptest__parse_short_flags(struct ptest__config *cfg, int argc,
                                    char **argv, int *i, struct ptest__buf *err)
{
    const char *arg = argv[*i];
    size_t k;
    for (k = 1; arg[k]; k++) {
        const struct ptest__flag *f = ptest__find_short(arg[k]);
        char spelled[3] = {'-', arg[k], '\0'};
        if (!f) {
            ptest__buf_printf(err, "unknown flag '-%c' (--help lists the flags)",
                              arg[k]);
            return -1;
        }
        if (!f->takes_value) {
            if (ptest__apply_flag(cfg, f, NULL, spelled, err) != 0)
                return -1;
            continue;
        }
        if (arg[k + 1])
            return ptest__apply_flag(cfg, f, arg + k + 1, spelled, err);
        if (*i + 1 >= argc)
            return ptest__missing_value(spelled, err);
        return ptest__apply_flag(cfg, f, argv[++*i], spelled, err);
    }
    return 0;
}

static void ptest__config_defaults(struct ptest__config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->jobs = -1;
    cfg->capture = 1;
    cfg->timeout = 60;
    cfg->slow = 60;
    cfg->tb = PTEST__TB_LONG;
    cfg->durations = -1;
    cfg->count = 1;
    cfg->cache_dir = ".ptest_cache";
}

/* Reads PTEST_JOBS, PTEST_TIMEOUT and PTEST_CACHE_DIR for what no flag
 * set (a flag wins, even over a malformed variable). */
static int ptest__parse_environment(struct ptest__config *cfg,
                                    struct ptest__buf *err)
{
    const char *jobs = getenv("PTEST_JOBS"), *timeout = getenv("PTEST_TIMEOUT");
    const char *cache = getenv("PTEST_CACHE_DIR");
    if (cache && *cache && strcmp(cfg->cache_dir, ".ptest_cache") == 0)
        cfg->cache_dir = cache;
    if (cfg->jobs >= 0)
        jobs = NULL;
    if (cfg->timeout_given)
        timeout = NULL;
    if (jobs && *jobs && ptest__parse_jobs(jobs, &cfg->jobs) != 0) {
        ptest__buf_printf(err, "PTEST_JOBS: expected a number of workers >= 1, "
                               "'auto', or 0 to run inline; got '%s'", jobs);
        return -1;
    }
    if (timeout && *timeout && ptest__parse_seconds(timeout, &cfg->timeout) != 0) {
        ptest__buf_printf(err, "PTEST_TIMEOUT: expected a number of seconds "
                               ">= 0; got '%s'", timeout);
        return -1;
    }
    return 0;
}

/* Reads one shard protocol's variables: a 0-based index and a total. */
static int ptest__env_shard(struct ptest__config *cfg, const char *index_var,
                            const char *total_var, struct ptest__buf *err)
{
    const char *index = getenv(index_var), *total = getenv(total_var);
    long i, n;
    if (!total || !*total)
        return 0;
    if (ptest__parse_long(total, 1, 1000000, &n) != 0 || !index ||
        ptest__parse_long(index, 0, n - 1, &i) != 0) {
        ptest__buf_printf(err, "%s=%s, %s=%s: expected a shard index from 0 to "
                               "the total - 1", index_var, index ? index : "(unset)",
                          total_var, total);
        return -1;
    }
    cfg->shard_index = (int)i + 1;
    cfg->shard_total = (int)n;
    return 1;
}

/* Bazel's test protocol and GoogleTest's sharding variables; a flag wins
 * over each. */
static int ptest__parse_test_protocols(struct ptest__config *cfg, struct ptest__buf *err)
{
    const char *xml = getenv("XML_OUTPUT_FILE"), *tmp = getenv("TEST_TMPDIR");
    int rc = 0;
    if (cfg->shard_total == 0) {
        rc = ptest__env_shard(cfg, "TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS", err);
        if (rc == 0)
            rc = ptest__env_shard(cfg, "GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", err);
        if (rc < 0)
            return -1;
    }
    if (!cfg->junitxml && xml && *xml)
        cfg->junitxml = xml;
    if (!cfg->basetemp && tmp && *tmp) {
        cfg->basetemp = tmp;
        cfg->basetemp_from = "TEST_TMPDIR";
    }
    return 0;
}

/* Splits text into words as a shell would, simply: blanks separate words;
 * '...' keeps what it holds as is; "..." too, but for \" and \\; outside
 * quotes a backslash keeps the next character. Quoted parts join what
 * touches them (--mark='not slow'). Returns the NULL-ended words, in one
 * allocation, and their count; NULL with a message in err when a quote is
 * not closed. */
static char **ptest__split_words(const char *text, int *count, struct ptest__buf *err)
{
    static const char blanks[] = " \t\n\r\v\f";
    size_t len = strlen(text), slots = len / 2 + 2;
    char **words = (char **)ptest__xrealloc(NULL, slots * sizeof *words + len + slots);
    char *out = (char *)(words + slots);
    const char *p = text;
    int n = 0;
    for (;;) {
        while (*p && strchr(blanks, *p))
            p++;
        if (!*p)
            break;
        words[n++] = out;
        while (*p && !strchr(blanks, *p)) {
            char quote = *p == '\'' || *p == '"' ? *p++ : 0;
            if (!quote) {
                if (*p == '\\' && p[1])
                    p++;
                *out++ = *p++;
                continue;
            }
            while (*p && *p != quote) {
                if (quote == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                *out++ = *p++;
            }
            if (!*p) {
                ptest__buf_printf(err, "no closing %c quote", quote);
                free(words);
                return NULL;
            }
            p++;
        }
        *out++ = '\0';
    }
    words[n] = NULL;
    *count = n;
    return words;
}

/* Applies argv[first..argc) to cfg: flags, their values, and positional
 * ids (all of them after "--"); -1 with a message in err. */
static int ptest__parse_words(struct ptest__config *cfg, int argc, char **argv,
                              int first, struct ptest__buf *err)
{
    int i, rest = 0;
    for (i = first; i < argc; i++) {
        const char *arg = argv[i];
        int rc = 0;
        if (rest || arg[0] != '-' || arg[1] == '\0')
            cfg->filters[cfg->filter_count++] = argv[i];
        else if (strcmp(arg, "--") == 0)
            rest = 1;
        else if (arg[1] == '-')
            rc = ptest__parse_long_flag(cfg, argc, argv, &i, err);
        else
            rc = ptest__parse_short_flags(cfg, argc, argv, &i, err);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* Reads $PTEST_ADDOPTS into cfg->addopts, its word count into *count;
 * -1 with a message in err when it cannot be split. */
static int ptest__read_addopts(struct ptest__config *cfg, int *count,
                               struct ptest__buf *err)
{
    const char *text = getenv("PTEST_ADDOPTS");
    struct ptest__buf why = {NULL, 0, 0};
    *count = 0;
    if (!text || !*text)
        return 0;
    cfg->addopts = ptest__split_words(text, count, &why);
    if (!cfg->addopts)
        ptest__buf_printf(err, "PTEST_ADDOPTS: %s in '%s'", why.data, text);
    ptest__buf_free(&why);
    return cfg->addopts ? 0 : -1;
}

/* Fills cfg from the environment and argv; -1 with a one-line message in
 * err on a usage error. Positional arguments select tests by id. The
 * flags in $PTEST_ADDOPTS come first, so that the command line wins. */
static int ptest__parse_args(struct ptest__config *cfg, int argc, char **argv,
                             struct ptest__buf *err)
{
    int added;
    ptest__config_defaults(cfg);
    if (ptest__read_addopts(cfg, &added, err) != 0)
        return -1;
    cfg->filters = (char **)ptest__xcalloc((size_t)argc + (size_t)added + 1,
                                           sizeof *cfg->filters);
    if (added && ptest__parse_words(cfg, added, cfg->addopts, 0, err) != 0) {
        char *detail = ptest__buf_take(err);
        ptest__buf_printf(err, "PTEST_ADDOPTS: %s", detail);
        free(detail);
        return -1;
    }
    if (ptest__parse_words(cfg, argc, argv, 1, err) != 0)
        return -1;
    if (ptest__parse_environment(cfg, err) != 0)
        return -1;
    if (cfg->tap && cfg->json && strcmp(cfg->json, "-") == 0) {
        ptest__buf_puts(err, "--tap and --json=- both want stdout; give --json a file");
        return -1;
    }
    if (cfg->store_durations && !cfg->durations_file) {
        ptest__buf_puts(err, "--store-durations: needs --durations-file=PATH to write");
        return -1;
    }
    if (cfg->forked && cfg->jobs == 0) {
        ptest__buf_puts(err, "--forked: needs workers (-j 1 or more); -j 0 runs every "
                             "test in the runner's own process");
        return -1;
    }
    if (cfg->forked && cfg->pool == PTEST__POOL_THREAD) {
        ptest__buf_puts(err, "--forked: needs the fork pool; --pool=thread runs every "
                             "test on a thread of the runner's own process");
        return -1;
    }
    if (!cfg->seed_set)
        cfg->seed = (uint64_t)time(NULL) ^ ((uint64_t)ptest__os_pid() << 16);
    return ptest__parse_test_protocols(cfg, err);
}

/* --help's sections, by purpose; a flag this does not name is listed
 * under the last one, "other". */
enum { PTEST__HELP_SELECT, PTEST__HELP_PARALLEL, PTEST__HELP_OUTPUT,
       PTEST__HELP_HISTORY, PTEST__HELP_OTHER, PTEST__HELP_GROUPS };

static int ptest__help_group(int id)
{
    switch (id) {
    case PTEST__F_MARK: case PTEST__F_KEYWORD: case PTEST__F_COLLECT:
    case PTEST__F_MARKERS: case PTEST__F_STRICT_MARKERS: case PTEST__F_SHARD:
    case PTEST__F_AFFECTED: case PTEST__F_AFFECTED_FILES: case PTEST__F_AFFECTED_EXPLAIN:
        return PTEST__HELP_SELECT;
    case PTEST__F_JOBS: case PTEST__F_POOL: case PTEST__F_FORKED:
    case PTEST__F_DIST:
        return PTEST__HELP_PARALLEL;
    case PTEST__F_VERBOSE: case PTEST__F_QUIET: case PTEST__F_NOCAPTURE:
    case PTEST__F_CAPTURE: case PTEST__F_TB: case PTEST__F_DURATIONS:
    case PTEST__F_JUNITXML: case PTEST__F_JSON: case PTEST__F_TAP:
    case PTEST__F_COLOR: case PTEST__F_TRACE: case PTEST__F_HTML:
        return PTEST__HELP_OUTPUT;
    case PTEST__F_LF: case PTEST__F_FF: case PTEST__F_SHUFFLE:
    case PTEST__F_SEED: case PTEST__F_DURATIONS_FILE:
    case PTEST__F_STORE_DURATIONS: case PTEST__F_CACHE_DIR:
    case PTEST__F_NO_CACHE: case PTEST__F_CACHE_CLEAR: case PTEST__F_IMPACT_RECORD:
        return PTEST__HELP_HISTORY;
    default:
        return PTEST__HELP_OTHER;
    }
}

#define PTEST__HELP_WIDTH 80
#define PTEST__HELP_INDENT 29 /* "  " + 26 columns of names + " " */

/* Prints text from column PTEST__HELP_INDENT, wrapped at spaces to stay
 * within PTEST__HELP_WIDTH columns. */
static void ptest__help_text(const char *text)
{
    int column = PTEST__HELP_INDENT;
    while (*text) {
        size_t word = strcspn(text, " ");
        if (column > PTEST__HELP_INDENT &&
            column + 1 + (int)word > PTEST__HELP_WIDTH) {
            printf("\n%*s", PTEST__HELP_INDENT, "");
            column = PTEST__HELP_INDENT;
        } else if (column > PTEST__HELP_INDENT) {
            putchar(' ');
            column++;
        }
        printf("%.*s", (int)word, text);
        column += (int)word;
        text += word;
        text += strspn(text, " ");
    }
    putchar('\n');
}

/* One flag's line(s): its names and value, then its help. */
static void ptest__help_flag(const struct ptest__flag *f)
{
    /* a value's placeholder ("N  workers ...") goes with the name */
    const char *gap = f->takes_value ? strstr(f->help, "  ") : NULL;
    const char *help = gap ? gap + 2 : f->help;
    int meta = gap ? (int)(gap - f->help) : 0;
    char names[128];
    if (f->letter && f->name)
        snprintf(names, sizeof names, "-%c, %s%s%.*s%s%s", f->letter, f->name,
                 gap ? "=" : "", meta, f->help, f->alias ? ", " : "",
                 f->alias ? f->alias : "");
    else if (f->letter)
        snprintf(names, sizeof names, "-%c%s%.*s", f->letter, gap ? " " : "",
                 meta, f->help);
    else
        snprintf(names, sizeof names, "%s%s%.*s%s%s", f->name, gap ? "=" : "",
                 meta, f->help, f->alias ? ", " : "", f->alias ? f->alias : "");
    if (strlen(names) > PTEST__HELP_INDENT - 3) /* the help on a line of its own */
        printf("  %s\n%*s", names, PTEST__HELP_INDENT, "");
    else
        printf("  %-*s ", PTEST__HELP_INDENT - 3, names);
    ptest__help_text(help);
}

/* --help: the flags by purpose, then the environment and exit status;
 * every line within 80 columns (a test checks). */
static void ptest__print_help(const char *prog)
{
    static const char *const titles[PTEST__HELP_GROUPS] = {
        "selection", "parallelism", "output and reports", "history and order",
        "other"};
    size_t i;
    int g;
    printf("usage: %s [flags] [ID or SUITE ...]\n\n"
           "Runs the tests linked into this binary on a pool of forked workers.\n"
           "Positional arguments select tests by id (suite.name) or suite.\n", prog);
    for (g = 0; g < PTEST__HELP_GROUPS; g++) {
        printf("\n%s:\n", titles[g]);
        for (i = 0; i < PTEST__FLAG_COUNT; i++)
            if (ptest__help_group(ptest__flags[i].id) == g)
                ptest__help_flag(&ptest__flags[i]);
    }
    printf("\nenvironment:\n"
           "  PTEST_ADDOPTS              flags read before the command line's (which win);\n"
           "                             words split at blanks, '...' and \"...\" quote\n"
           "  PTEST_JOBS, PTEST_TIMEOUT  defaults of -j and --timeout\n"
           "  PTEST_CACHE_DIR            default of --cache-dir\n"
           "  PTEST_ADDR2LINE            the addr2line --impact-record runs\n"
           "  NO_COLOR                   no colour unless --color=yes\n");
    printf("\nexit status: 0 all passed, 1 some failed, 2 interrupted or a "
           "definition error,\n3 internal error, 4 usage error, 5 no tests "
           "selected.\n");
}

/* ------------------------------------------------------------------------
 * Scheduler: run state and selection
 *
 * Owns the run's state (struct ptest__run: the configuration the CLI
 * above filled, results, the reporters' hooks, the durations known) and
 * picks the selected cases (positional ids, -m, -k). Planning, batches
 * and the dispatch queue come after the durations cache, which they
 * read. It knows nothing of processes; the workers sections ask it what
 * next.
 * ------------------------------------------------------------------------ */

/* --trace and --html: one slice of the timeline, or an instant (t1 == t0).
 * A case's final try is not kept here: its result says where and when. */
enum ptest__tkind {
    PTEST__TK_TEST,         /* a case's final try (made from its result) */
    PTEST__TK_TRY,          /* a failed try that --reruns runs again */
    PTEST__TK_HOOK,         /* a WORKER/SUITE set-up or teardown */
    PTEST__TK_SPAWN,        /* a worker started (instant) */
    PTEST__TK_END           /* a worker ended (instant) */
};
struct ptest__tslice {
    double t0, t1;          /* monotonic seconds */
    int kind;
    int worker;             /* slot; -1: the runner's own process */
    int outcome;            /* TEST, TRY */
    int attempt;            /* TEST, TRY: 1 for the first try */
    size_t index;           /* TEST, TRY: the case */
    char *label;            /* HOOK, SPAWN, END: what happened (owned) */
};
/* The whole timeline, kept by the runner as results and events arrive. */
struct ptest__trace {
    struct ptest__tslice *s;
    size_t len, cap;
};

/* The one final outcome of a selected case, and what explains it. */
struct ptest__result {
    int outcome;
    int worker;             /* slot that ran it; -1 inline */
    double started;         /* when it started (monotonic seconds); 0: never */
    double duration;
    char *reason;           /* one line for crash, exit, timeout; else NULL */
    char *report;           /* assertion failures and ptest_log lines */
    long failure_at;        /* where in report the first failure is, or -1 */
    int final;              /* set by ptest__finish: this case was selected and ended */
    char *out;              /* captured stdout */
    char *err;              /* captured stderr */
    char *warnings;         /* what the test leaked, a line each, or NULL */
};

/* What the durations cache knows of one case. */
struct ptest__history {
    double duration;        /* smoothed seconds; < 0: unknown */
    int outcome;            /* last final outcome; -1: unknown */
};

struct ptest__run;
/* Called by the pool each time a case gets its final outcome, and with
 * index (size_t)-1 as a clock tick. */
typedef void (*ptest__result_fn)(struct ptest__run *run, size_t index);
/* Called by the pool when it hands case index to a worker. */
typedef void (*ptest__start_fn)(struct ptest__run *run, size_t index, int worker);
/* Called by the pool when case index has run on worker (-1: inline) for
 * a further multiple of --slow, seconds. */
typedef void (*ptest__slow_fn)(struct ptest__run *run, size_t index, int worker,
                               double seconds);

/* What the run has counted: the outcomes so far. */
struct ptest__tally {
    size_t finished;
    size_t counts[PTEST__OUTCOMES];
    size_t failures;        /* outcomes that fail the run */
    size_t teardown_errors; /* SUITE/WORKER_TEARDOWNs that failed, crashed or
                             * hung: they fail the run too */
};

/* The progress line and its ETA. */
struct ptest__progress_state {
    double last_drawn;      /* when the line was last drawn */
    double expected_left;   /* known durations of the tests not finished */
    size_t unknown_left;    /* tests not finished whose duration is unknown */
    double observed;        /* durations of the finished tests, summed */
    size_t longest;         /* the test running longest now, or (size_t)-1 */
    double longest_since;
};

/* Where the reports go, and how. */
struct ptest__report_state {
    FILE *json;             /* --json's stream, or NULL */
    FILE *out;              /* where TAP/JSON on stdout go when the tests'
                             * stdout is moved aside; NULL: stdout */
    int tty;                /* stdout is a terminal */
    int stable;             /* PTEST_STABLE: reports in run order, no timings */
    int color;              /* emit colour escapes */
    int broken_pipe;        /* stdout is gone: print nothing more */
    int out_errno;          /* why, when not its reader leaving (EPIPE) */
    size_t tap_count;       /* TAP test points written */
    int github;             /* GITHUB_ACTIONS=true: annotations */
    struct ptest__trace *trace; /* --trace, --html: the timeline, or NULL */
};

/* What the durations cache (or --durations-file) knows. */
struct ptest__cache_state {
    struct ptest__history *history; /* per case: what the cache knew */
    int saved;              /* this run's durations are stored */
    struct ptest__buf history_text; /* the last history file read; its memory
                                     * serves the next read */
    struct ptest__idmap ids; /* id -> case, built when a history file needs it */
};

/* Called by the fork pool once every selected case has its final outcome,
 * while its workers may still be ending. */
typedef void (*ptest__settled_fn)(struct ptest__run *run);

/* The pool's calls back into the run's reporters, and into the run. */
struct ptest__run_hooks {
    ptest__result_fn result;
    ptest__start_fn start;
    ptest__slow_fn slow;
    ptest__settled_fn settled; /* NULL: nothing to do then */
};

/* The runner's state, passed by pointer from stage to stage: what was
 * asked (cfg, the selection), what happened (results, tally), and the
 * parts the reporters, the progress line and the cache keep. */
struct ptest__run {
    struct ptest__config cfg;
    struct ptest__registry reg;
    struct ptest__expr mark;
    struct ptest__expr key;
    size_t *order;          /* selected case indices, in run order */
    size_t selected;
    struct ptest__result *results; /* per case index */
    unsigned char *attempts; /* per case: failed tries under --reruns */
    char **first_failure;   /* per case: the first failed try's message */
    struct ptest__tally tally;
    int stopping;           /* -x/--maxfail reached, or interrupted */
    int interrupted;        /* the signal that interrupted the run, or 0 */
    int exit_status;        /* decided before the last reports are written */
    int workers;            /* pool size used */
    double started;
    double elapsed;
    struct ptest__run_hooks on;
    struct ptest__progress_state progress;
    struct ptest__report_state report;
    struct ptest__cache_state cache;
    struct ptest__buf notes; /* lines for the header: seed, shard, --lf */
    const char *shard_status_file; /* Bazel: touched to say we shard */
    double *shard_weights;  /* per case: what --durations-file says it takes
                             * (-1: not in it), for --shard; NULL: no file */
    int argc;               /* the command line, for --html */
    char **argv;
};

/* The run's own stdout: stdout, or the copy of it that TAP or JSON Lines
 * keep when the tests' stdout goes to stderr (ptest__reports_claim_stdout). */
static FILE *ptest__out(const struct ptest__run *run)
{
    return run->report.out ? run->report.out : stdout;
}

/* A test that took duration seconds finished; its known duration, or -1. */
static void ptest__progress_finished(struct ptest__progress_state *pg, double duration,
                                     double known)
{
    pg->observed += duration;
    if (known >= 0)
        pg->expected_left -= known;
    else if (pg->unknown_left)
        pg->unknown_left--;
}

/* What the tests not finished are expected to take, all workers together:
 * their known durations, and mean for each of the others. */
static double ptest__work_left(const struct ptest__progress_state *pg, double mean)
{
    return (pg->expected_left > 0 ? pg->expected_left : 0) + (double)pg->unknown_left * mean;
}

static int ptest__outcome_fails(int outcome)
{
    return outcome == PTEST__FAIL || outcome == PTEST__CRASH ||
           outcome == PTEST__EXITED || outcome == PTEST__TIMEOUT ||
           outcome == PTEST__XPASS;
}

/* Whether a positional argument selects case c: its id, or a prefix of it
 * that ends at a '.' or '[' ("math" selects math.adds). */
static int ptest__filter_matches(const char *filter, const struct ptest__case *c)
{
    size_t n = strlen(filter);
    if (strncmp(c->id, filter, n) != 0)
        return 0;
    return c->id[n] == '\0' || c->id[n] == '.' || c->id[n] == '[' ||
           (n > 0 && (filter[n - 1] == '.' || filter[n - 1] == '['));
}

static int ptest__case_selected(const struct ptest__run *run,
                                const struct ptest__case *c,
                                unsigned char *stack)
{
    size_t i;
    int hit = run->cfg.filter_count == 0;
    for (i = 0; i < run->cfg.filter_count && !hit; i++)
        hit = ptest__filter_matches(run->cfg.filters[i], c);
    return hit && ptest__expr_eval(&run->mark, ptest__match_marker, c, stack) &&
           ptest__expr_eval(&run->key, ptest__match_keyword, c, stack);
}

/* Fills run->order with the selected cases in definition order. */
static void ptest__select(struct ptest__run *run)
{
    size_t i, depth = run->mark.len > run->key.len ? run->mark.len : run->key.len;
    unsigned char *stack = (unsigned char *)ptest__xcalloc(depth + 1, 1);
    run->order = (size_t *)ptest__xcalloc(run->reg.count, sizeof *run->order);
    run->selected = 0;
    for (i = 0; i < run->reg.count; i++)
        if (ptest__case_selected(run, &run->reg.cases[i], stack))
            run->order[run->selected++] = i;
    free(stack);
}

static int ptest__compare_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* ------------------------------------------------------------------------
 * Durations cache
 *
 * The cache file <cache>/v1/results (each test's last duration and
 * outcome) and --durations-file/--store-durations: reading them into the
 * run's history table, merging this run's results in, and writing them
 * back atomically under a lock. Also the file reading they share with
 * the change-impact map (regular files only, bounded size) and --shard
 * weights. A bad cache or durations file is a warning and is ignored,
 * but for --shard's --durations-file (the split rests on it): an error.
 * ------------------------------------------------------------------------ */

/* The map, built on first use (only when there is a file to apply). */
static const struct ptest__idmap *ptest__idmap_lazy(struct ptest__idmap *m,
                                                   const struct ptest__registry *reg)
{
    if (!m->slots)
        ptest__idmap_build(m, reg);
    return m;
}

/* errno values of ours, for a file ptest__open_regular refuses (never a
 * system's: those are positive). */
#define PTEST__E_NOT_REGULAR (-2)
#define PTEST__E_TOO_LARGE (-3)
#define PTEST__FILE_MAX (256L * 1024 * 1024)

/* What errno err says of a file that could not be read. */
static const char *ptest__file_error(int err)
{
    return err == PTEST__E_NOT_REGULAR ? "not a regular file"
           : err == PTEST__E_TOO_LARGE ? "larger than 256 MB"
                                        : strerror(err);
}

/* Opens path to read it whole: a regular file of at most 256 MB. Anything
 * else is NULL with errno set: a directory, a FIFO (opened without
 * blocking, never waited on) or a device (/dev/zero would never end). */
static FILE *ptest__open_regular(const char *path)
{
    struct stat st;
    FILE *f;
    int err;
    f = ptest__os_fopen_read(path);
    if (!f) { /* Windows cannot open a directory at all: say what it is */
        err = errno;
        errno = stat(path, &st) == 0 && !S_ISREG(st.st_mode) ? PTEST__E_NOT_REGULAR : err;
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0)
        err = errno;
    else if (!S_ISREG(st.st_mode))
        err = PTEST__E_NOT_REGULAR;
    else if (st.st_size > PTEST__FILE_MAX)
        err = PTEST__E_TOO_LARGE;
    else
        return f;
    fclose(f);
    errno = err;
    return NULL;
}

/* Reads a whole file (a regular one: see ptest__open_regular) into b,
 * whose memory it reuses; b's text, or NULL (errno set). */
static char *ptest__read_file_into(const char *path, struct ptest__buf *b)
{
    long size;
    size_t n;
    FILE *f = ptest__open_regular(path);
    if (!f)
        return NULL;
    /* read straight into a buffer of the file's size (and a byte more, to
     * see the end): no copies, no growing (100,000 tests: 2.6 MB) */
    b->len = 0;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
        ptest__buf_reserve(b, (size_t)size + 1);
        ptest__os_populate(b->data, b->cap); /* not a fault a page in read() */
    }
    do {
        ptest__buf_reserve(b, b->cap > b->len + 1 ? 0 : 65536);
        n = fread(b->data + b->len, 1, b->cap - b->len - 1, f);
        b->len += n;
    } while (n > 0);
    b->data[b->len] = '\0';
    fclose(f);
    return b->data;
}

static char *ptest__read_file(const char *path)
{
    struct ptest__buf b = {NULL, 0, 0};
    char *text = ptest__read_file_into(path, &b);
    if (!text)
        ptest__buf_free(&b);
    return text;
}

static int ptest__outcome_by_name(const char *name, size_t n)
{
    int i;
    for (i = 0; i < PTEST__OUTCOMES; i++)
        if (strlen(ptest__outcome_name(i)) == n &&
            strncmp(ptest__outcome_name(i), name, n) == 0)
            return i;
    return -1;
}

/* The length of the line at p, to its newline or end (memchr: strcspn
 * was a twentieth of reading 100,000 lines). */
static size_t ptest__line_length(const char *p, const char *end)
{
    const char *nl = (const char *)memchr(p, '\n', (size_t)(end - p));
    return nl ? (size_t)(nl - p) : (size_t)(end - p);
}

/* Parses the n characters at s as a number of seconds (>= 0) into out;
 * 0 on success. What ptest writes (digits, a point, six digits) is read
 * without strtod: the digits as an integer divided by a power of ten is
 * the same correctly rounded double, in a fraction of the time. */
/* Whether a double division or product is rounded once, to double, as
 * IEEE 754 says: not where FLT_EVAL_METHOD is 2 (i386's x87 computes in
 * long double, and rounding twice can miss the nearest double by one). */
#if defined(FLT_EVAL_METHOD) && (FLT_EVAL_METHOD == 0 || FLT_EVAL_METHOD == 1)
#define PTEST__DOUBLES_ROUND_ONCE 1
#else
#define PTEST__DOUBLES_ROUND_ONCE 0
#endif

static int ptest__history_seconds(const char *s, size_t n, double *out)
{
    char number[64], *end;
    uint64_t digits = 0;
    size_t i, point = n, scale = 0;
    for (i = 0; i < n && i < 16; i++) {
        if (s[i] == '.' && point == n && i > 0)
            point = i;
        else if (s[i] >= '0' && s[i] <= '9')
            digits = digits * 10 + (uint64_t)(s[i] - '0');
        else
            break;
    }
    if (PTEST__DOUBLES_ROUND_ONCE && i == n && point + 1 < n) {
        /* both exact, so the quotient is strtod's: the nearest double */
        static const double tens[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        scale = n - point - 1;
        *out = (double)digits / tens[scale];
        return 0;
    }
    if (n == 0 || n >= sizeof number)
        return -1;
    memcpy(number, s, n); /* anything else: strtod's way */
    number[n] = '\0';
    *out = strtod(number, &end);
    return *end || !(*out >= 0) ? -1 : 0;
}

/* Appends seconds as "%.6f" would (to the microsecond), without printf;
 * what a history line cannot hold (negative, NaN, over 1e7 s) as the
 * nearest it can, so that the file stays one the next run reads. */
static void ptest__buf_seconds(struct ptest__buf *b, double seconds)
{
    char text[32], *p = text + sizeof text;
    volatile double scaled; /* stored: a double, on x87 too (FLT_EVAL_METHOD
                             * 2), so the file reads the same everywhere */
    uint64_t us;
    int i;
    if (!(seconds >= 0))
        seconds = 0;
    if (seconds > 1e7)
        seconds = 1e7;
    scaled = seconds * 1e6;
    us = (uint64_t)(scaled + 0.5); /* exact: scaled < 2^44 */
    for (i = 0; i < 6; i++, us /= 10)
        *--p = (char)('0' + us % 10);
    *--p = '.';
    do
        *--p = (char)('0' + us % 10);
    while ((us /= 10) > 0);
    ptest__buf_add(b, p, (size_t)(text + sizeof text - p));
}

/* Parses one line, "<seconds> <outcome> <id>" (with_outcome) or
 * "<seconds> <id>"; 0 on success. A duration that is not a sane number
 * of seconds makes the line invalid. */
static int ptest__history_line(const char *line, size_t len, int with_outcome,
                               double *seconds, int *outcome, const char **id,
                               size_t *id_len)
{
    const char *sp = (const char *)memchr(line, ' ', len), *sp2;
    if (!sp || ptest__history_seconds(line, (size_t)(sp - line), seconds) != 0 ||
        *seconds > 1e7)
        return -1;
    *outcome = -1;
    if (with_outcome) {
        sp2 = (const char *)memchr(sp + 1, ' ', len - (size_t)(sp + 1 - line));
        if (!sp2 || (*outcome = ptest__outcome_by_name(sp + 1, (size_t)(sp2 - sp - 1))) < 0)
            return -1;
        sp = sp2;
    }
    *id = sp + 1;
    *id_len = len - (size_t)(sp + 1 - line);
    return *id_len > 0 ? 0 : -1;
}

/* run->cache.history, made on the first line a file applies: a run with no
 * cache or durations file never touches the 1.6 MB table 100,000 tests
 * need (about 400 page faults). */
static struct ptest__history *ptest__history_table(struct ptest__run *run)
{
    size_t i;
    if (run->cache.history)
        return run->cache.history;
    run->cache.history = (struct ptest__history *)ptest__xrealloc(
        NULL, run->reg.count * sizeof *run->cache.history);
    for (i = 0; i < run->reg.count; i++) {
        run->cache.history[i].duration = -1;
        run->cache.history[i].outcome = -1;
    }
    return run->cache.history;
}

/* What the cache or durations file says case index took, or -1. */
static double ptest__known_duration(const struct ptest__cache_state *cache, size_t index)
{
    return cache->history ? cache->history[index].duration : -1;
}

/* The last outcome the cache knows of case index, or -1. */
static int ptest__known_outcome(const struct ptest__cache_state *cache, size_t index)
{
    return cache->history ? cache->history[index].outcome : -1;
}

/* One pass over a history file: checks every line, and with apply, puts
 * what it says into run->cache.history. */
static int ptest__history_pass(struct ptest__run *run, const struct ptest__idmap *m,
                               const char *text, const char *magic,
                               int with_outcome, const char **why, int apply)
{
    size_t len, guess = 0;
    const char *p = text, *end = text + strlen(text);
    if (strncmp(p, magic, strlen(magic)) != 0 || p[strlen(magic)] != '\n') {
        *why = "not a ptest file of this version";
        return -1;
    }
    for (p += strlen(magic) + 1; *p; p += len + (p[len] == '\n')) {
        double seconds;
        int outcome;
        const char *id;
        size_t id_len, index;
        len = ptest__line_length(p, end);
        if (len == 0)
            continue;
        if (ptest__history_line(p, len, with_outcome, &seconds, &outcome, &id, &id_len) != 0) {
            *why = "a line is not '<seconds> [outcome] <id>'";
            return -1;
        }
        if (!apply)
            continue; /* checking */
        index = ptest__idmap_find_near(m, &run->reg, id, id_len, guess);
        if (index == (size_t)-1)
            continue; /* a test that no longer exists */
        guess = index + 1;
        ptest__history_table(run)[index].duration = seconds;
        if (outcome >= 0)
            run->cache.history[index].outcome = outcome;
    }
    return 0;
}

/* Applies a cache or durations file to run->cache.history. Returns 0, or -1
 * with the reason in why when the file is not one ptest wrote. */
static int ptest__history_apply(struct ptest__run *run, const struct ptest__idmap *m,
                                const char *text, const char *magic,
                                int with_outcome, const char **why)
{
    if (ptest__history_pass(run, m, text, magic, with_outcome, why, 0) != 0)
        return -1; /* nothing applied from a file with a bad line */
    return ptest__history_pass(run, m, text, magic, with_outcome, why, 1);
}


#define PTEST__CACHE_MAGIC "ptest-cache 1"
#define PTEST__DURATIONS_MAGIC "ptest-durations 1"

static void ptest__cache_path(const struct ptest__config *cfg, char *out,
                              size_t size, const char *name)
{
    snprintf(out, size, "%s/v1/%s", cfg->cache_dir, name);
}

/* Whether a --durations-file is a copy of the cache's results file
 * (outcomes on its lines), which serves as well as one --store-durations
 * wrote. */
static int ptest__durations_cache_format(const char *text)
{
    size_t n = strlen(PTEST__CACHE_MAGIC);
    return strncmp(text, PTEST__CACHE_MAGIC, n) == 0 && text[n] == '\n';
}

/* --shard with --durations-file: what the file says each case takes,
 * into run->shard_weights. The cache is never read for this, so that
 * every machine given the same file makes the same split. -1 with the
 * reason in err when the file is missing or not one ptest wrote: a split
 * by other durations would overlap other shards, or miss tests. */
static int ptest__shard_weights_load(struct ptest__run *run, struct ptest__buf *err)
{
    const char *path = run->cfg.durations_file, *p, *end, *why = NULL;
    char *text = ptest__read_file(path);
    size_t i, len, line = 1, guess = 0;
    int with_outcome;
    if (!text) {
        ptest__buf_printf(err, "--durations-file: %s: %s (--shard splits by it; "
                               "write it with --store-durations)",
                          path, ptest__file_error(errno));
        return -1;
    }
    with_outcome = ptest__durations_cache_format(text);
    p = with_outcome ? PTEST__CACHE_MAGIC : PTEST__DURATIONS_MAGIC;
    if (strncmp(text, p, strlen(p)) != 0 || text[strlen(p)] != '\n')
        why = "not a ptest durations file (its first line is not '"
              PTEST__DURATIONS_MAGIC "')";
    run->shard_weights = (double *)ptest__xrealloc(NULL, (run->reg.count + 1) * sizeof(double));
    for (i = 0; i < run->reg.count; i++)
        run->shard_weights[i] = -1;
    end = text + strlen(text);
    for (p = text + strlen(p) + 1; !why && p < end && *p; p += len + (p[len] == '\n')) {
        double seconds;
        int outcome;
        const char *id;
        size_t id_len, index;
        len = ptest__line_length(p, end);
        line++;
        if (len == 0)
            continue;
        if (ptest__history_line(p, len, with_outcome, &seconds, &outcome, &id, &id_len) != 0) {
            why = with_outcome ? "a line is not '<seconds> <outcome> <id>'"
                               : "a line is not '<seconds> <id>'";
            break;
        }
        index = ptest__idmap_find_near(ptest__idmap_lazy(&run->cache.ids, &run->reg), &run->reg,
                                       id, id_len, guess);
        if (index == (size_t)-1)
            continue; /* a test that no longer exists */
        run->shard_weights[index] = seconds;
        guess = index + 1;
    }
    free(text);
    if (!why)
        return 0;
    if (line > 1)
        ptest__buf_printf(err, "--durations-file: %s: line %lu: %s", path,
                          (unsigned long)line, why);
    else
        ptest__buf_printf(err, "--durations-file: %s: %s", path, why);
    return -1;
}

/* Loads what the cache and the durations file know. A missing file is
 * normal; an unreadable or corrupt one is a one-line warning, and the run
 * goes on as if it were missing. */
static void ptest__history_load(struct ptest__run *run)
{
    char path[4200];
    const char *why = NULL;
    char *text;
    ptest__cache_path(&run->cfg, path, sizeof path, "results");
    if (run->cfg.cache_clear)
        remove(path);
    if (!run->cfg.no_cache && (text = ptest__read_file_into(path, &run->cache.history_text))) {
        if (ptest__history_apply(run, ptest__idmap_lazy(&run->cache.ids, &run->reg), text, PTEST__CACHE_MAGIC, 1, &why) != 0)
            ptest__complain("warning", "cache: %s: %s; ignoring it", path, why);
    } else if (!run->cfg.no_cache && errno != ENOENT) {
        ptest__complain("warning", "cache: %s: %s; running without it", path,
                        ptest__file_error(errno));
    }
    if (run->cfg.durations_file && (text = ptest__read_file(run->cfg.durations_file))) {
        int cache_format = ptest__durations_cache_format(text);
        if (ptest__history_apply(run, ptest__idmap_lazy(&run->cache.ids, &run->reg), text,
                                 cache_format ? PTEST__CACHE_MAGIC : PTEST__DURATIONS_MAGIC,
                                 cache_format, &why) != 0)
            ptest__complain("warning", "--durations-file: %s: %s; ignoring it",
                            run->cfg.durations_file, why);
        free(text);
    } else if (run->cfg.durations_file && errno != ENOENT) {
        ptest__complain("warning", "--durations-file: %s: %s; ignoring it",
                        run->cfg.durations_file, ptest__file_error(errno));
    }
}

/* Whether case index ran to a final outcome worth remembering. */
static int ptest__ran(const struct ptest__run *run, size_t index)
{
    int o = run->results[index].outcome;
    return run->results[index].final && run->reg.cases[index].repeat == 0 &&
           o != PTEST__NOT_RUN && o != PTEST__INTERRUPTED && o != PTEST__SKIP;
}

/* A byte per case, 1 for those this run ran: looked at for every line of
 * the old file, where run->results would fault in the pages of every case
 * (most of them, with -k or a shard, never touched). */
static unsigned char *ptest__ran_cases(const struct ptest__run *run)
{
    unsigned char *ran = (unsigned char *)ptest__xcalloc(run->reg.count + 1, 1);
    size_t i;
    for (i = 0; i < run->selected; i++)
        if (ptest__ran(run, run->order[i]))
            ran[run->order[i]] = 1;
    return ran;
}

/* Hands what out holds to sink once it holds 64 KiB (or at the end: all),
 * so that a history file of 100,000 lines is not built whole in memory
 * (a page fault per 4 KiB here). Without a sink, out keeps everything. */
static void ptest__history_spill(struct ptest__buf *out, struct ptest__atomic *sink,
                                 int all)
{
    if (sink && (all || out->len >= 65536)) {
        ptest__atomic_add(sink, out->data, out->len);
        out->len = 0;
    }
}

/* Writes a history file into out (and on to sink, if any): the lines of
 * the old one for tests this run did not run, then this run's, smoothing
 * durations with what was known. */
static void ptest__history_merge(struct ptest__run *run, const struct ptest__idmap *m,
                                 struct ptest__buf *out, struct ptest__atomic *sink,
                                 const char *old, const char *magic, int with_outcome)
{
    size_t i, len, guess = 0;
    const char *p, *end = old ? old + strlen(old) : NULL;
    unsigned char *ran = ptest__ran_cases(run);
    ptest__buf_printf(out, "%s\n", magic);
    if (old && strncmp(old, magic, strlen(magic)) == 0 && old[strlen(magic)] == '\n') {
        for (p = old + strlen(magic) + 1; *p; p += len + (p[len] == '\n')) {
            double seconds;
            int outcome;
            const char *id;
            size_t id_len, index;
            len = ptest__line_length(p, end);
            if (ptest__history_line(p, len, with_outcome, &seconds, &outcome, &id, &id_len))
                continue;
            index = ptest__idmap_find_near(m, &run->reg, id, id_len, guess);
            guess = index + 1;
            if (index != (size_t)-1 && ran[index])
                continue; /* this run's line comes below */
            ptest__buf_add(out, p, len);
            ptest__buf_add(out, "\n", 1);
            ptest__history_spill(out, sink, 0);
        }
    }
    for (i = 0; i < run->reg.count; i++) {
        double d, known;
        int o;
        if (!ran[i])
            continue;
        d = run->results[i].duration;
        known = ptest__known_duration(&run->cache, i);
        o = run->results[i].outcome == PTEST__FLAKY ? PTEST__PASS : run->results[i].outcome;
        if (known >= 0)
            d = 0.5 * known + 0.5 * d; /* smoothed: one slow run moves it half way */
        ptest__buf_seconds(out, d);
        if (with_outcome) {
            ptest__buf_add(out, " ", 1);
            ptest__buf_puts(out, ptest__outcome_name(o));
        }
        ptest__buf_add(out, " ", 1);
        ptest__buf_puts(out, run->reg.cases[i].key);
        ptest__buf_add(out, "\n", 1);
        ptest__history_spill(out, sink, 0);
    }
    ptest__history_spill(out, sink, 1);
    free(ran);
}

/* Creates dir and its parent if missing. */
static int ptest__mkdirs(const char *dir)
{
    char path[4200];
    char *slash;
    snprintf(path, sizeof path, "%s", dir);
    for (slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (ptest__os_mkdir(path, 0777) != 0 && errno != EEXIST)
            return -1;
        *slash = '/';
    }
    return ptest__os_mkdir(path, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Merges this run into a history file under an exclusive lock, so runs
 * sharing it add up instead of overwriting each other. */
static int ptest__history_store(struct ptest__run *run, const struct ptest__idmap *m,
                                const char *path, const char *lock_path,
                                const char *magic, int with_outcome)
{
    struct ptest__buf out = {NULL, 0, 0};
    struct ptest__atomic file;
    int lock = open(lock_path, O_RDWR | O_CREAT, 0666), rc = -1;
    const char *old;
    if (lock < 0)
        return -1;
    ptest__os_cloexec(lock);
    ptest__os_lock(lock, 1);
    /* read again, under the lock: another run may have stored since; into
     * the memory the start of the run read it into, already paged in */
    old = ptest__read_file_into(path, &run->cache.history_text);
    if (ptest__atomic_open(&file, path) == 0) {
        ptest__buf_reserve(&out, 65536 + 4096);
        ptest__history_merge(run, m, &out, &file, old, magic, with_outcome);
        rc = ptest__atomic_close(&file, path);
    }
    ptest__os_lock(lock, 0);
    close(lock);
    ptest__buf_free(&out);
    return rc;
}

/* After the run: the cache (unless --no-cache) and --store-durations. */
static void ptest__history_save(struct ptest__run *run)
{
    const struct ptest__idmap *m;
    char dir[4200], path[4200], lock[4200];
    if (!run->results || run->cache.saved ||
        (run->cfg.no_cache && !run->cfg.store_durations))
        return; /* and no map of 100,000 ids (1 MB) to build */
    run->cache.saved = 1;
    m = ptest__idmap_lazy(&run->cache.ids, &run->reg);
    if (!run->cfg.no_cache) {
        snprintf(dir, sizeof dir, "%s/v1", run->cfg.cache_dir);
        ptest__cache_path(&run->cfg, path, sizeof path, "results");
        ptest__cache_path(&run->cfg, lock, sizeof lock, "lock");
        if (ptest__mkdirs(dir) != 0 ||
            ptest__history_store(run, m, path, lock, PTEST__CACHE_MAGIC, 1) != 0)
            ptest__complain("warning", "cache: cannot write %s: %s; the next "
                                       "run will not know this one's durations",
                            path, strerror(errno));
    }
    if (run->cfg.store_durations) {
        snprintf(lock, sizeof lock, "%s.lock", run->cfg.durations_file);
        if (ptest__history_store(run, m, run->cfg.durations_file, lock,
                                 PTEST__DURATIONS_MAGIC, 0) != 0)
            ptest__complain("warning", "--store-durations: cannot write %s: %s",
                            run->cfg.durations_file, strerror(errno));
        remove(lock);
    }
}

/* ------------------------------------------------------------------------
 * Scheduler: plan, batches and the queue
 *
 * Orders the selection (--lf/--ff, longest first from the durations,
 * --shuffle), cuts shards, and hands out work: batches sized by expected
 * work, so that many trivial tests travel together while a test known or
 * likely to be slow, and the last few, go one at a time; the dispatch
 * queue with its scopes (--dist) and resource limits; a result's retries
 * and the trace. It knows nothing of processes.
 * ------------------------------------------------------------------------ */

/* Whether a last outcome counts as "failed last time" for --lf/--ff. */
static int ptest__failed_before(const struct ptest__run *run, size_t index)
{
    int o = ptest__known_outcome(&run->cache, index);
    return o == PTEST__FAIL || o == PTEST__CRASH || o == PTEST__EXITED ||
           o == PTEST__TIMEOUT || o == PTEST__XPASS || o == PTEST__INTERRUPTED;
}

/* --lf: keeps only the tests that failed last time, if any did. */
static void ptest__plan_last_failed(struct ptest__run *run)
{
    size_t i, n = 0;
    for (i = 0; i < run->selected; i++)
        if (ptest__failed_before(run, run->order[i]))
            run->order[n++] = run->order[i];
    if (n == 0) {
        ptest__buf_printf(&run->notes, "--lf: no test failed last time; running all %lu\n",
                          (unsigned long)run->selected);
        return;
    }
    ptest__buf_printf(&run->notes, "--lf: running the %lu test%s that failed last time "
                                   "(%lu deselected)\n", (unsigned long)n, n == 1 ? "" : "s",
                      (unsigned long)(run->selected - n));
    run->selected = n;
}

/* Reorders run->order stably: the cases for which first() holds first. */
static void ptest__plan_partition(struct ptest__run *run,
                                  int (*first)(const struct ptest__run *, size_t))
{
    size_t *tmp = (size_t *)ptest__xcalloc(run->selected, sizeof *tmp), i, n = 0;
    for (i = 0; i < run->selected; i++)
        if (first(run, run->order[i]))
            tmp[n++] = run->order[i];
    for (i = 0; i < run->selected; i++)
        if (!first(run, run->order[i]))
            tmp[n++] = run->order[i];
    memcpy(run->order, tmp, run->selected * sizeof *tmp);
    free(tmp);
}

static int ptest__duration_unknown(const struct ptest__run *run, size_t index)
{
    return ptest__known_duration(&run->cache, index) < 0;
}

/* The duration case index is ordered by, in steps of 0.1 ms (-1: none
 * known). Shorter differences change nothing in a makespan, and a suite
 * of quick tests is then already in order. */
static double ptest__sort_step(const struct ptest__run *run, size_t index)
{
    double d = ptest__known_duration(&run->cache, index);
    return d < 0 ? -1 : (double)(uint64_t)(d * 1e4);
}

/* What --durations-file says case index takes, or -1. */
static double ptest__shard_weight(const struct ptest__run *run, size_t index)
{
    return run->shard_weights ? run->shard_weights[index] : -1;
}

/* The durations a sort goes by: the local history (the order in which a
 * run dispatches), or the --durations-file (a split into shards, which
 * the local cache must not change). */
enum ptest__sort_by { PTEST__BY_HISTORY, PTEST__BY_DURATIONS_FILE };

/* Whether case x goes before case y: longer first (the unknown last),
 * ties in definition order. */
static int ptest__longer(const struct ptest__run *run, enum ptest__sort_by by, size_t x,
                         size_t y)
{
    double dx, dy;
    if (by == PTEST__BY_DURATIONS_FILE) {
        dx = ptest__shard_weight(run, x);
        dy = ptest__shard_weight(run, y);
    } else {
        dx = ptest__sort_step(run, x);
        dy = ptest__sort_step(run, y);
    }
    return dx != dy ? dx > dy : x < y;
}

/* Sorts order[0..n) longest first by ptest__longer: a bottom-up merge
 * sort, stable and the same on every platform (qsort's order of equal
 * keys is not), with the comparison inlined (qsort's calls were a tenth
 * of collecting 100,000 tests with a cache), and nothing to do, not even
 * a buffer to fault in, when the cases are in order already. */
static void ptest__sort_longest(const struct ptest__run *run, enum ptest__sort_by by,
                                size_t *order, size_t n)
{
    size_t *a = order, *b, *t, width, i;
    for (i = 1; i < n && ptest__longer(run, by, order[i - 1], order[i]); i++)
        ;
    if (i >= n)
        return;
    b = (size_t *)ptest__xcalloc(n, sizeof *b);
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n;
            size_t l = i, r = mid, k = i;
            while (l < mid && r < hi)
                b[k++] = ptest__longer(run, by, a[r], a[l]) ? a[r++] : a[l++];
            while (l < mid)
                b[k++] = a[l++];
            while (r < hi)
                b[k++] = a[r++];
        }
        t = a;
        a = b;
        b = t;
    }
    if (a != order)
        memcpy(order, a, n * sizeof *order);
    free(a == order ? b : a);
}

/* Longest first (LPT) when durations are known, unknown ones before them;
 * definition order otherwise. */
static void ptest__plan_longest_first(struct ptest__run *run)
{
    size_t i, unknown = 0;
    for (i = 0; i < run->selected; i++)
        unknown += ptest__duration_unknown(run, run->order[i]);
    if (unknown == run->selected)
        return;
    ptest__plan_partition(run, ptest__duration_unknown);
    ptest__sort_longest(run, PTEST__BY_HISTORY, run->order + unknown,
                        run->selected - unknown);
}

/* splitmix64: small, good enough, the same on every platform. */
static uint64_t ptest__random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* --shuffle: a Fisher-Yates shuffle from the seed, the same at any -j. */
static void ptest__plan_shuffle(struct ptest__run *run)
{
    uint64_t state = run->cfg.seed;
    size_t i;
    for (i = run->selected; i > 1; i--) {
        size_t j = (size_t)(ptest__random(&state) % i), t = run->order[i - 1];
        run->order[i - 1] = run->order[j];
        run->order[j] = t;
    }
    ptest__buf_printf(&run->notes, "shuffled with --seed=%llu\n",
                      (unsigned long long)run->cfg.seed);
}

/* A hash of an id that every platform computes alike (FNV-1a, 64 bits,
 * then splitmix64's finalizer to spread the low bits). */
static uint64_t ptest__id_hash(const char *id)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 0x100000001b3ULL;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

/* Marks in mine[] the cases of the selection that go to shard K of N by
 * --durations-file (greedy LPT: each test, longest first, to the
 * lightest shard; a test the file does not know weighs the mean of those
 * it does) or, without durations, round robin in definition order.
 * Returns what the split was by. */
static const char *ptest__shard_split(const struct ptest__run *run, unsigned char *mine)
{
    size_t *sorted = (size_t *)ptest__xcalloc(run->selected + 1, sizeof *sorted);
    double *load = (double *)ptest__xcalloc((size_t)run->cfg.shard_total, sizeof *load);
    size_t i, known = 0;
    double mean = 0;
    memcpy(sorted, run->order, run->selected * sizeof *sorted);
    qsort(sorted, run->selected, sizeof *sorted, ptest__compare_size);
    for (i = 0; i < run->selected; i++)
        if (ptest__shard_weight(run, sorted[i]) >= 0) {
            mean += ptest__shard_weight(run, sorted[i]);
            known++;
        }
    mean = known ? mean / (double)known : 1.0;
    if (known)
        ptest__sort_longest(run, PTEST__BY_DURATIONS_FILE, sorted, run->selected);
    for (i = 0; i < run->selected; i++) {
        double d = ptest__shard_weight(run, sorted[i]);
        int k, best = 0;
        if (!known)
            best = (int)(i % (size_t)run->cfg.shard_total);
        else
            for (k = 1; k < run->cfg.shard_total; k++)
                if (load[k] < load[best])
                    best = k;
        load[best] += d >= 0 ? d : mean;
        mine[sorted[i]] = best == run->cfg.shard_index - 1;
    }
    free(sorted);
    free(load);
    return known ? "--durations-file" : "count";
}

/* --shard=K/N: keeps the K-th of N disjoint shards, by --durations-file
 * or by count (ptest__shard_split); --shard=hash:K/N: the tests whose id
 * hashes to K, so that each test stays in its shard when others come or
 * go. Membership is a function of the selection, N and the durations
 * file alone: never of the cache, nor of the order the run will use. */
static void ptest__plan_shard(struct ptest__run *run)
{
    unsigned char *mine = (unsigned char *)ptest__xcalloc(run->reg.count + 1, 1);
    const char *by = "hash of the id";
    size_t i, n = 0;
    if (!run->cfg.shard_hash)
        by = ptest__shard_split(run, mine);
    else
        for (i = 0; i < run->selected; i++)
            mine[run->order[i]] = ptest__id_hash(run->reg.cases[run->order[i]].key) %
                                      (uint64_t)run->cfg.shard_total ==
                                  (uint64_t)(run->cfg.shard_index - 1);
    for (i = 0; i < run->selected; i++)
        if (mine[run->order[i]])
            run->order[n++] = run->order[i];
    ptest__buf_printf(&run->notes, "shard %s%d/%d: %lu of %lu tests (%s %s)\n",
                      run->cfg.shard_hash ? "hash:" : "", run->cfg.shard_index,
                      run->cfg.shard_total, (unsigned long)n, (unsigned long)run->selected,
                      run->cfg.shard_hash ? "by" : "balanced by", by);
    run->selected = n;
    free(mine);
}

/* --count=N: every selected case N times, as id#1 .. id#N. The copies are
 * appended to the registry (workers see them: they fork after this). */
static void ptest__plan_count(struct ptest__run *run)
{
    size_t n = run->selected, total = run->reg.count + n * (size_t)run->cfg.count, i;
    size_t *order = (size_t *)ptest__xcalloc(n * (size_t)run->cfg.count, sizeof *order);
    int k;
    run->reg.cases = (struct ptest__case *)ptest__xrealloc(
        run->reg.cases, total * sizeof *run->reg.cases);
    if (run->cache.history)
        run->cache.history = (struct ptest__history *)ptest__xrealloc(
            run->cache.history, total * sizeof *run->cache.history);
    for (i = 0; i < n; i++)
        for (k = 1; k <= run->cfg.count; k++) {
            size_t at = run->reg.count++;
            struct ptest__buf id = {NULL, 0, 0};
            run->reg.cases[at] = run->reg.cases[run->order[i]];
            ptest__buf_printf(&id, "%s#%d", run->reg.cases[run->order[i]].key, k);
            run->reg.cases[at].id = ptest__buf_take(&id);
            run->reg.cases[at].repeat = k;
            if (run->cache.history)
                run->cache.history[at] = run->cache.history[run->order[i]];
            order[i * (size_t)run->cfg.count + (size_t)(k - 1)] = at;
        }
    free(run->order);
    run->order = order;
    run->selected = n * (size_t)run->cfg.count;
}

/* How many collected tests the selection left out; --count's copies are
 * not tests of their own. */
static size_t ptest__deselected(const struct ptest__run *run)
{
    size_t copies = run->cfg.count > 1 ? run->selected : 0;
    size_t picked = run->cfg.count > 1 ? run->selected / (size_t)run->cfg.count
                                       : run->selected;
    return run->reg.count - copies - picked;
}

/* Orders (and trims) the selection: --lf, durations, --shuffle, --ff,
 * --shard, --count. */
static void ptest__plan(struct ptest__run *run)
{
    ptest__history_load(run);
    if (run->cfg.last_failed)
        ptest__plan_last_failed(run);
    if (run->cfg.shuffle)
        ptest__plan_shuffle(run);
    else
        ptest__plan_longest_first(run);
    if (run->cfg.failed_first)
        ptest__plan_partition(run, ptest__failed_before);
    if (run->cfg.shard_total > 0)
        ptest__plan_shard(run);
    if (run->cfg.count > 1)
        ptest__plan_count(run);
}

/* The one-line explanation of a result (reason, first failure, or the
 * first report line), into b. */
static void ptest__result_message(struct ptest__buf *b, const struct ptest__result *r)
{
    const char *text = r->reason ? r->reason : r->report;
    if (!r->reason && r->report && r->failure_at >= 0)
        text = r->report + r->failure_at;
    if (text)
        ptest__buf_add(b, text, strcspn(text, "\n"));
}

/* --reruns: whether a failed try of case index gets another one (then its
 * resources are freed and it goes back in the queue); FLAKY when a retry
 * passes. Frees r's texts when it retries. */
/* --trace, --html: appends a slice (or instant) to the timeline. Takes
 * ownership of label. */
static void ptest__trace_add(struct ptest__trace *t, int kind, int worker, double t0,
                             double t1, char *label)
{
    struct ptest__tslice *s;
    if (t->len == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->s = (struct ptest__tslice *)ptest__xrealloc(t->s, t->cap * sizeof *t->s);
    }
    s = &t->s[t->len++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->worker = worker;
    s->t0 = t0;
    s->t1 = t1 > t0 ? t1 : t0;
    s->label = label;
}

/* --trace, --html: a failed try of case index that --reruns runs again. */
static void ptest__trace_try(struct ptest__run *run, size_t index,
                             const struct ptest__result *r)
{
    struct ptest__tslice *s;
    if (r->started <= 0)
        return; /* it never started */
    ptest__trace_add(run->report.trace, PTEST__TK_TRY, r->worker, r->started,
                     r->started + r->duration, NULL);
    s = &run->report.trace->s[run->report.trace->len - 1];
    s->index = index;
    s->outcome = r->outcome;
    s->attempt = run->attempts[index];
}

/* --trace, --html: an event of a worker, labelled with printf's format. */
static void ptest__trace_event(struct ptest__run *run, int kind, int worker, double t0,
                               double t1, const char *fmt, ...) PTEST__PRINTF(6, 7);
static void ptest__trace_event(struct ptest__run *run, int kind, int worker, double t0,
                               double t1, const char *fmt, ...)
{
    struct ptest__buf b = {NULL, 0, 0};
    va_list ap;
    va_start(ap, fmt);
    ptest__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    ptest__trace_add(run->report.trace, kind, worker, t0, t1, ptest__buf_take(&b));
}

/* --trace, --html: a set-up or teardown that ran, as a slice. */
static void ptest__trace_hook(struct ptest__run *run, int worker, int kind,
                              const char *suite, double t0, double t1)
{
    static const char *const names[] = {"WORKER_SETUP", "WORKER_TEARDOWN",
                                        "SUITE_SETUP", "SUITE_TEARDOWN"};
    if (kind < 0 || kind > PTEST__HOOK_SUITE_TEARDOWN)
        return;
    ptest__trace_event(run, PTEST__TK_HOOK, worker, t0, t1, "%s%s%s%s", names[kind],
                       suite ? "(" : "", suite ? suite : "", suite ? ")" : "");
}

static int ptest__retry(struct ptest__run *run, size_t index, struct ptest__result *r)
{
    const struct ptest__case *c = &run->reg.cases[index];
    struct ptest__buf why = {NULL, 0, 0};
    if (!run->attempts)
        return 0;
    if (r->outcome == PTEST__PASS && run->attempts[index] > 0) {
        ptest__buf_printf(&why, "passed on try %d of %d; try 1 %s",
                          run->attempts[index] + 1, run->cfg.reruns + 1,
                          run->first_failure[index] ? run->first_failure[index] : "failed");
        r->outcome = PTEST__FLAKY;
        free(r->reason);
        r->reason = ptest__buf_take(&why);
        return 0;
    }
    if (!ptest__outcome_fails(r->outcome) || ptest__case_xfail(c) || run->stopping ||
        run->attempts[index] >= run->cfg.reruns)
        return 0;
    if (run->attempts[index]++ == 0) {
        ptest__result_message(&why, r);
        ptest__buf_printf(&why, " (%s)", ptest__outcome_name(r->outcome));
        run->first_failure[index] = ptest__buf_take(&why);
    }
    if (run->report.trace)
        ptest__trace_try(run, index, r);
    free(r->reason);
    free(r->report);
    free(r->out);
    free(r->err);
    free(r->warnings);
    r->reason = r->report = r->out = r->err = r->warnings = NULL;
    return 1;
}

/* --slow: what has been said of the test one worker runs. */
struct ptest__slow_watch {
    size_t index;           /* the case last seen running */
    int notices;            /* SLOW notices given for it */
};

/* At a tick, for the case index that worker runs since started: a SLOW
 * notice when it has run past a further multiple of --slow (one, the
 * latest, if ticks skipped some). A case seen anew, or again from the
 * start (a retry), starts over. */
static void ptest__slow_check(struct ptest__run *run, struct ptest__slow_watch *w,
                              size_t index, int worker, double started, double now)
{
    double every = run->cfg.slow, ran = now - started, k;
    if (every <= 0 || !run->on.slow || started <= 0 || index >= run->reg.count)
        return;
    if (w->index != index || ran < w->notices * every) {
        w->index = index;
        w->notices = 0;
    }
    if (ran < (w->notices + 1) * every)
        return;
    k = ran / every < 1e6 ? (double)(long)(ran / every) : 1e6;
    w->notices = (int)k;
    run->on.slow(run, index, worker, k * every);
}

/* The most cases one batch holds. */
#define PTEST__BATCH_MAX 256
/* The most expected work (seconds) a batch holds past its first case. */
#define PTEST__BATCH_WORK 0.002

/* How many cases to hand an idle worker at most: an eighth of each
 * worker's share of what remains, so that the last few go one at a time. */
static size_t ptest__batch_count(size_t remaining, int workers)
{
    size_t n = workers > 0 ? remaining / ((size_t)workers * 8) : 1;
    return n < 1 ? 1 : n > PTEST__BATCH_MAX ? PTEST__BATCH_MAX : n;
}

/* How much expected work (seconds) a batch may hold: PTEST__BATCH_WORK,
 * or an eighth of each worker's share of the work left, whichever is
 * smaller. A case expected to take longer travels alone: a slow test is
 * never queued behind another on one worker while a second idles. */
static double ptest__batch_work(double work_left, int workers)
{
    double share = workers > 0 ? work_left / (8.0 * workers) : 0;
    return share < PTEST__BATCH_WORK ? share : PTEST__BATCH_WORK;
}

/* The least expected work (seconds) a batch is cut down to as the run
 * ends: a smaller one costs more in trips through the runner (a pipe
 * write and a wake-up each way, 30 to 50 us on a VM) than the imbalance
 * it saves, which stealing bounds anyway. */
#define PTEST__BATCH_FLOOR 0.0002

/* How many cases of mean seconds each fill PTEST__BATCH_FLOOR: the least
 * a batch may hold (1 while the run knows no duration). */
static size_t ptest__batch_floor(double mean)
{
    double n = mean > 0 ? PTEST__BATCH_FLOOR / mean : 1;
    return n < 1 ? 1 : n > PTEST__BATCH_MAX ? PTEST__BATCH_MAX : (size_t)n;
}

/* What case index is expected to take: its duration last time, or, not
 * known, the mean of this run so far. */
static double ptest__expected(const struct ptest__run *run, size_t index, double mean)
{
    double known = ptest__known_duration(&run->cache, index);
    return known >= 0 ? known : mean;
}

/* The cases still to run, as the workers take them. Normally the front
 * of run->order, in order; a test holding RESOURCE()s is taken alone and
 * only while fewer running tests hold each of them than its capacity (1,
 * or PTEST_RESOURCE's), and under --dist=loadscope or loadfile a suite
 * (file) belongs to the first worker that takes one of its tests. With
 * SLOTS() in the selection, each worker with cases counts as the slots of
 * what it runs (a SLOTS(n) case travels alone), and nothing is taken that
 * would make the sum more than the workers. A worker that cannot take
 * anything now waits; it is never handed a test that would wait on a
 * lock. */
struct ptest__queue {
    const struct ptest__run *run;
    unsigned char *taken;   /* per position in run->order */
    size_t *pos;            /* case index -> position in run->order */
    size_t head;            /* no untaken position lies before it */
    size_t left;            /* untaken cases */
    const char **held;      /* resources held by running tests, a name per
                             * holder */
    size_t held_len;
    size_t held_cap;
    int *scope;             /* per position: its suite or file id, or NULL */
    int *scope_owner;       /* per scope id: the worker that has it, or -1 */
    int scope_count;
    int resources;          /* some selected case holds RESOURCE()s or
                             * SLOTS(): no prefetching then */
    int slot_limit;         /* the workers, when some case has SLOTS(n > 1);
                             * 0: slots are not counted */
    int slots_used;         /* the sum of the busy workers' slots */
    int *owner;             /* per position: the worker that took it, or -1 */
    size_t *worker_cases;   /* per worker: cases taken and not done */
    int *worker_slots;      /* per worker: the slots it holds while busy */
};

/* The slots case c takes: SLOTS(), never more than there are. */
static int ptest__queue_slots(const struct ptest__queue *q, const struct ptest__case *c)
{
    int n = ptest__case_slots(c);
    return n > q->slot_limit ? q->slot_limit : n;
}

/* Whether worker cannot start case c now: a resource it names is held by
 * as many running tests as its capacity, or its slots are not free. */
static int ptest__queue_blocked(const struct ptest__queue *q, int worker,
                                const struct ptest__case *c)
{
    size_t i, j;
    if (q->slot_limit > 0) {
        int own = worker >= 0 && q->worker_cases[worker] ? q->worker_slots[worker] : 0;
        if (q->slots_used - own + ptest__queue_slots(q, c) > q->slot_limit)
            return 1;
    }
    for (i = 0; i < c->test->option_count; i++) {
        const char *name = c->test->options[i].text;
        int holders = 0;
        if (c->test->options[i].kind != PTEST__OPT_RESOURCE)
            continue;
        for (j = 0; j < q->held_len; j++)
            holders += strcmp(q->held[j], name) == 0;
        if (holders > 0 && holders >= ptest__resource_capacity(&q->run->reg, name))
            return 1;
    }
    return 0;
}

static int ptest__case_has_resources(const struct ptest__case *c)
{
    size_t i;
    for (i = 0; i < c->test->option_count; i++)
        if (c->test->options[i].kind == PTEST__OPT_RESOURCE)
            return 1;
    return 0;
}

/* Whether case c travels alone, taken only when nothing blocks it:
 * RESOURCE()s, or SLOTS() of more than one. */
static int ptest__case_constrained(const struct ptest__case *c)
{
    return ptest__case_has_resources(c) || ptest__case_slots(c) > 1;
}

/* Worker took n more cases, first among them: a worker that had none
 * now holds first's slots (a SLOTS(n > 1) case travels alone). */
static void ptest__queue_busy(struct ptest__queue *q, int worker, size_t n,
                              const struct ptest__case *first)
{
    int slots;
    if (q->slot_limit == 0 || worker < 0 || n == 0)
        return;
    slots = ptest__queue_slots(q, first);
    if (q->worker_cases[worker] == 0)
        q->worker_slots[worker] = 0;
    if (slots > q->worker_slots[worker]) {
        q->slots_used += slots - q->worker_slots[worker];
        q->worker_slots[worker] = slots;
    }
    q->worker_cases[worker] += n;
}

/* The case at position i is done, or handed back: a worker left with no
 * case frees its slots. */
static void ptest__queue_release(struct ptest__queue *q, size_t i)
{
    int w;
    if (q->slot_limit == 0 || (w = q->owner[i]) < 0)
        return;
    q->owner[i] = -1;
    if (--q->worker_cases[w] == 0)
        q->slots_used -= q->worker_slots[w];
}

/* Marks (hold = 1) or frees (hold = 0) the resources of case c. */
static void ptest__queue_hold(struct ptest__queue *q, const struct ptest__case *c,
                              int hold)
{
    size_t i, j;
    for (i = 0; i < c->test->option_count; i++) {
        const char *name = c->test->options[i].text;
        if (c->test->options[i].kind != PTEST__OPT_RESOURCE)
            continue;
        if (hold) {
            if (q->held_len == q->held_cap) {
                q->held_cap = q->held_cap ? 2 * q->held_cap : 8;
                q->held = (const char **)ptest__xrealloc(
                    (void *)q->held, q->held_cap * sizeof *q->held);
            }
            q->held[q->held_len++] = name;
            continue;
        }
        for (j = 0; j < q->held_len; j++)
            if (strcmp(q->held[j], name) == 0) {
                q->held[j] = q->held[--q->held_len];
                break;
            }
    }
}

/* Gives every selected case a scope id (its suite, or its file) for
 * --dist=loadscope/loadfile; cases are in file and line order, so equal
 * keys are found among the ids already given out. */
static void ptest__queue_scopes(struct ptest__queue *q, int by_file)
{
    const struct ptest__run *run = q->run;
    const char **keys = (const char **)ptest__xcalloc(run->selected, sizeof *keys);
    size_t i;
    int j, n = 0;
    q->scope = (int *)ptest__xcalloc(run->selected, sizeof *q->scope);
    for (i = 0; i < run->selected; i++) {
        const struct ptest__test *t = run->reg.cases[run->order[i]].test;
        const char *key = by_file ? t->file : t->suite;
        for (j = n - 1; j >= 0 && strcmp(keys[j], key) != 0; j--)
            ;
        if (j < 0)
            keys[j = n++] = key;
        q->scope[i] = j;
    }
    q->scope_owner = (int *)ptest__xcalloc((size_t)n, sizeof *q->scope_owner);
    q->scope_count = (int)n;
    for (j = 0; j < n; j++)
        q->scope_owner[j] = -1;
    free((void *)keys);
}

/* Starts counting slots: no case owned, no worker busy. A test that
 * needs more slots than there are workers runs alone, said once here. */
static void ptest__queue_slots_init(struct ptest__queue *q)
{
    const struct ptest__run *run = q->run;
    size_t i;
    q->owner = (int *)ptest__xcalloc(run->selected + 1, sizeof *q->owner);
    q->worker_cases = (size_t *)ptest__xcalloc((size_t)q->slot_limit, sizeof *q->worker_cases);
    q->worker_slots = (int *)ptest__xcalloc((size_t)q->slot_limit, sizeof *q->worker_slots);
    for (i = 0; i < run->selected; i++) {
        const struct ptest__case *c = &run->reg.cases[run->order[i]];
        q->owner[i] = -1;
        if (ptest__case_slots(c) > q->slot_limit && run->selected > 1)
            ptest__complain("warning", "%s needs SLOTS(%d) but the run has %d worker%s: "
                                       "it runs alone", c->id, ptest__case_slots(c),
                            q->slot_limit, q->slot_limit == 1 ? "" : "s");
    }
}

static void ptest__queue_init(struct ptest__queue *q, const struct ptest__run *run)
{
    size_t i;
    memset(q, 0, sizeof *q);
    q->run = run;
    q->left = run->selected;
    q->taken = (unsigned char *)ptest__xcalloc(run->selected, 1);
    q->pos = (size_t *)ptest__xcalloc(run->reg.count, sizeof *q->pos);
    for (i = 0; i < run->selected; i++) {
        const struct ptest__case *c = &run->reg.cases[run->order[i]];
        q->pos[run->order[i]] = i;
        q->resources |= ptest__case_constrained(c);
        if (ptest__case_slots(c) > 1 && run->workers > 0)
            q->slot_limit = run->workers;
    }
    if (q->slot_limit)
        ptest__queue_slots_init(q);
    if (run->cfg.dist == PTEST__DIST_LOADSCOPE || run->cfg.dist == PTEST__DIST_LOADFILE)
        ptest__queue_scopes(q, run->cfg.dist == PTEST__DIST_LOADFILE);
}

static void ptest__queue_free(struct ptest__queue *q)
{
    free(q->taken);
    free(q->pos);
    free((void *)q->held);
    free(q->scope);
    free(q->scope_owner);
    free(q->owner);
    free(q->worker_cases);
    free(q->worker_slots);
}

/* Whether worker may take no case at all now: the other workers' slots
 * leave it none. */
static int ptest__queue_full(const struct ptest__queue *q, int worker)
{
    int own;
    if (q->slot_limit == 0)
        return 0;
    own = worker >= 0 && q->worker_cases[worker] ? q->worker_slots[worker] : 0;
    return q->slots_used - own + 1 > q->slot_limit;
}

/* Takes up to max runnable cases for worker into out, in order, and past
 * the first no more than budget seconds of expected work (unknown
 * durations count as mean); returns how many. A case with resources or
 * slots travels alone. */
static size_t ptest__queue_take_work(struct ptest__queue *q, int worker, size_t *out,
                                     size_t max, double budget, double mean)
{
    const struct ptest__run *run = q->run;
    size_t i, n = 0;
    double work = 0, expected;
    while (q->head < run->selected && q->taken[q->head])
        q->head++;
    if (ptest__queue_full(q, worker))
        return 0;
    for (i = q->head; i < run->selected && n < max; i++) {
        const struct ptest__case *c = &run->reg.cases[run->order[i]];
        int constrained;
        if (q->taken[i])
            continue;
        if (q->scope && q->scope_owner[q->scope[i]] >= 0 &&
            q->scope_owner[q->scope[i]] != worker)
            continue;
        constrained = q->resources && ptest__case_constrained(c);
        if (constrained && (n > 0 || ptest__queue_blocked(q, worker, c)))
            continue;
        expected = ptest__expected(run, run->order[i], mean);
        if (n > 0 && work + expected > budget)
            break; /* it goes first in a batch of its own */
        work += expected;
        if (q->scope)
            q->scope_owner[q->scope[i]] = worker;
        q->taken[i] = 1;
        q->left--;
        if (q->slot_limit)
            q->owner[i] = worker;
        out[n++] = run->order[i];
        if (constrained) {
            ptest__queue_hold(q, c, 1);
            break;
        }
    }
    if (n > 0)
        ptest__queue_busy(q, worker, n, &run->reg.cases[out[0]]);
    return n;
}

/* Takes up to max runnable cases, whatever they are expected to take. */
static size_t ptest__queue_take(struct ptest__queue *q, int worker, size_t *out,
                                size_t max)
{
    return ptest__queue_take_work(q, worker, out, max, 1e300, 0);
}

/* Takes the first untaken case whatever holds it: for the accounting of
 * cases that will never run. Returns 1 when there was one. */
static int ptest__queue_unblock(struct ptest__queue *q, size_t *index)
{
    size_t i;
    for (i = q->head; i < q->run->selected; i++)
        if (!q->taken[i]) {
            q->taken[i] = 1;
            q->left--;
            *index = q->run->order[i];
            return 1;
        }
    return 0;
}

/* Hands a taken case back (its worker died before running it). */
static void ptest__queue_return(struct ptest__queue *q, size_t index)
{
    size_t i = q->pos[index];
    if (!q->taken[i])
        return;
    q->taken[i] = 0;
    q->left++;
    if (i < q->head)
        q->head = i;
    ptest__queue_hold(q, &q->run->reg.cases[index], 0);
    ptest__queue_release(q, i);
}

/* A worker is gone: under --dist=loadscope/loadfile its scopes (and the
 * cases of them it handed back) go to whichever worker asks next, as no
 * replacement in its slot may come. */
static void ptest__queue_forget(struct ptest__queue *q, int worker)
{
    int j;
    for (j = 0; q->scope && j < q->scope_count; j++)
        if (q->scope_owner[j] == worker)
            q->scope_owner[j] = -1;
}

/* A taken case has its outcome: its resources and slots are free again. */
static void ptest__queue_done(struct ptest__queue *q, size_t index)
{
    ptest__queue_hold(q, &q->run->reg.cases[index], 0);
    ptest__queue_release(q, q->pos[index]);
}

/* The per-test timeout that applies to c (0 for none). */
static double ptest__case_timeout(const struct ptest__run *run,
                                  const struct ptest__case *c)
{
    double own = ptest__case_own_timeout(c);
    return own >= 0 ? own : run->cfg.timeout;
}

/* Records the final outcome of case index, applying XFAIL, and tells the
 * reporter. Takes ownership of the strings in r. */
static void ptest__finish(struct ptest__run *run, size_t index,
                          struct ptest__result *r)
{
    const char *xfail = ptest__case_xfail(&run->reg.cases[index]);
    if (xfail && r->outcome == PTEST__PASS) {
        struct ptest__buf why = {NULL, 0, 0};
        ptest__buf_printf(&why, "passed, but is marked XFAIL(\"%s\")", xfail);
        r->outcome = PTEST__XPASS;
        r->reason = ptest__buf_take(&why);
    } else if (xfail && ptest__outcome_fails(r->outcome)) {
        r->outcome = PTEST__XFAIL;
    }
    r->final = 1;
    run->results[index] = *r;
    run->tally.finished++;
    ptest__progress_finished(&run->progress, r->duration,
                             ptest__known_duration(&run->cache, index));
    run->tally.counts[r->outcome]++;
    if (ptest__outcome_fails(r->outcome)) {
        run->tally.failures++;
        if (run->cfg.maxfail && run->tally.failures >= (size_t)run->cfg.maxfail)
            run->stopping = 1;
    }
    if (run->on.result)
        run->on.result(run, index);
}

/* Every case still in the queue ends as NOT RUN (with reason, if any). */
static void ptest__queue_not_run(struct ptest__run *run, struct ptest__queue *q,
                                 const char *reason)
{
    size_t index;
    while (ptest__queue_unblock(q, &index)) {
        struct ptest__result r;
        memset(&r, 0, sizeof r);
        r.outcome = PTEST__NOT_RUN;
        r.worker = -1;
        r.failure_at = -1;
        r.reason = reason ? ptest__xstrdup(reason) : NULL;
        ptest__finish(run, index, &r);
    }
}

/* A test that never started because workers kept dying: it fails the
 * run (unlike one that -x, --maxfail or an interrupt kept from starting). */
static int ptest__result_lost(const struct ptest__run *run, const struct ptest__result *r)
{
    return r->outcome == PTEST__NOT_RUN && !run->stopping;
}

/* How many such tests the run has. */
static size_t ptest__lost_count(const struct ptest__run *run)
{
    return run->stopping ? 0 : run->tally.counts[PTEST__NOT_RUN];
}

/* A case's try has ended: retried (back in the queue) under --reruns, or
 * final. Returns 1 when final. */
static int ptest__conclude(struct ptest__run *run, struct ptest__queue *q,
                           size_t index, struct ptest__result *r)
{
    if (ptest__retry(run, index, r)) {
        ptest__queue_return(q, index);
        return 0;
    }
    ptest__queue_done(q, index);
    ptest__finish(run, index, r);
    return 1;
}


/* ------------------------------------------------------------------------
 * Change impact
 *
 * --impact-record: after the run, turns the hit files of the section
 * "Impact recording" into a map of the source lines each test may have
 * executed (every line of every function it entered), with a content hash
 * of each file it names, merged into <cache>/v1/impact like the durations.
 * --affected=REV, --affected-files: keep the selected tests a change can
 * reach, and widen whenever the map cannot tell (docs/affected.md). Runs
 * git, nm and addr2line (binutils). POSIX only.
 * ------------------------------------------------------------------------ */
#if defined(PTEST__POSIX)
#define PTEST__IMPACT_MAGIC "ptest-impact 2" /* 1: functions only; refused */
#define PTEST__LINE_MAX_U32 0xffffffffu

/* A source file at one version. */
struct ptest__impact_file {
    char *path;             /* relative to the git top, or absolute */
    uint64_t hash;          /* FNV-1a of its content; 0: unreadable */
    int changed;            /* scratch of the selection: the path changed */
    int usable;             /* and this version's lines can be matched */
};

/* Lines lo..hi of a file. */
struct ptest__impact_span {
    uint32_t file, lo, hi;
};

enum { PTEST__IMPACT_OK, PTEST__IMPACT_PARTIAL, PTEST__IMPACT_NONE };
static const char *const ptest__impact_states[] = {"ok", "partial", "none", NULL};

/* One test's map: spans[first .. first + count) of the map's spans (the
 * functions it entered), lines[lfirst .. lfirst + lcount) of its lines
 * (the basic blocks it ran), which count only when fine. */
struct ptest__impact_test {
    char *key;
    int state;
    size_t first, count;
    size_t lfirst, lcount;
    int fine;               /* recorded by blocks: its lines are complete */
};

/* The whole map. Arrays live in bufs (ptest__impact_at reads them). */
struct ptest__impact_map {
    struct ptest__buf files;   /* struct ptest__impact_file */
    struct ptest__buf code;    /* struct ptest__impact_span: every function */
    struct ptest__buf spans;   /* struct ptest__impact_span: tests' */
    struct ptest__buf tests;   /* struct ptest__impact_test */
    struct ptest__buf lined;   /* struct ptest__impact_span: lines holding code
                                * of a block of an instrumented function */
    struct ptest__buf bare;    /* struct ptest__impact_span: functions without
                                * blocks (no -fsanitize-coverage) */
    struct ptest__buf lines;   /* struct ptest__impact_span: tests' lines */
};

#define PTEST__IMPACT_COUNT(b, type) ((b).len / sizeof(type))
#define PTEST__IMPACT_AT(b, type, i) (((type *)(void *)(b).data)[i])

static uint64_t ptest__fnv(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h ? h : 1; /* 0 means unreadable */
}

/* The index of (path, hash) in m's files, added if new. */
static uint32_t ptest__impact_intern(struct ptest__impact_map *m, const char *path,
                                     size_t n, uint64_t hash)
{
    size_t i, count = PTEST__IMPACT_COUNT(m->files, struct ptest__impact_file);
    struct ptest__impact_file f;
    for (i = 0; i < count; i++) {
        const struct ptest__impact_file *g =
            &PTEST__IMPACT_AT(m->files, struct ptest__impact_file, i);
        if (g->hash == hash && strncmp(g->path, path, n) == 0 && g->path[n] == '\0')
            return (uint32_t)i;
    }
    f.path = ptest__xstrndup(path, n);
    f.hash = hash;
    f.changed = 0;
    f.usable = 0;
    ptest__buf_add(&m->files, &f, sizeof f);
    return (uint32_t)count;
}

static void ptest__impact_span_add(struct ptest__buf *b, uint32_t file, uint32_t lo,
                                   uint32_t hi)
{
    struct ptest__impact_span s;
    s.file = file;
    s.lo = lo;
    s.hi = hi;
    ptest__buf_add(b, &s, sizeof s);
}

static void ptest__impact_map_free(struct ptest__impact_map *m)
{
    size_t i;
    for (i = 0; i < PTEST__IMPACT_COUNT(m->files, struct ptest__impact_file); i++)
        free(PTEST__IMPACT_AT(m->files, struct ptest__impact_file, i).path);
    for (i = 0; i < PTEST__IMPACT_COUNT(m->tests, struct ptest__impact_test); i++)
        free(PTEST__IMPACT_AT(m->tests, struct ptest__impact_test, i).key);
    ptest__buf_free(&m->files);
    ptest__buf_free(&m->code);
    ptest__buf_free(&m->spans);
    ptest__buf_free(&m->tests);
    ptest__buf_free(&m->lined);
    ptest__buf_free(&m->bare);
    ptest__buf_free(&m->lines);
}

/* Parses "lo-hi,lo-hi,..." (to the end of the line at p) into spans of
 * file; -1 on anything else. */
static int ptest__impact_parse_spans(struct ptest__buf *out, uint32_t file,
                                     const char *p, const char *end)
{
    while (p < end) {
        char *next;
        unsigned long lo = strtoul(p, &next, 10), hi;
        if (next == p || *next != '-')
            return -1;
        p = next + 1;
        hi = strtoul(p, &next, 10);
        if (next == p || lo > hi || hi > PTEST__LINE_MAX_U32)
            return -1;
        ptest__impact_span_add(out, file, (uint32_t)lo, (uint32_t)hi);
        p = next;
        if (p < end && *p == ',')
            p++;
        else if (p < end)
            return -1;
    }
    return 0;
}

/* One line of a map file into m; ids maps the file's indices to m's. */
static int ptest__impact_parse_line(struct ptest__impact_map *m, struct ptest__buf *ids,
                                    const char *p, size_t len)
{
    const char *end = p + len, *sp;
    char *next;
    unsigned long idx;
    if (len < 3 || p[1] != ' ')
        return -1;
    if (p[0] == 'f') { /* f <hash> <path> */
        uint64_t hash = 0;
        uint32_t id;
        for (sp = p + 2; sp < end && *sp != ' '; sp++) {
            int d = *sp >= '0' && *sp <= '9' ? *sp - '0' : *sp >= 'a' && *sp <= 'f' ? *sp - 'a' + 10 : -1;
            if (d < 0)
                return -1;
            hash = hash * 16 + (uint64_t)d;
        }
        if (sp + 1 >= end)
            return -1;
        id = ptest__impact_intern(m, sp + 1, (size_t)(end - sp - 1), hash);
        ptest__buf_add(ids, &id, sizeof id);
        return 0;
    }
    if (p[0] == 't' || p[0] == 'T') { /* t|T <state> <key>; T: by lines */
        struct ptest__impact_test t;
        sp = (const char *)memchr(p + 2, ' ', len - 2);
        if (!sp || sp + 1 >= end)
            return -1;
        for (t.state = 0; ptest__impact_states[t.state]; t.state++)
            if (strncmp(ptest__impact_states[t.state], p + 2, (size_t)(sp - p - 2)) == 0 &&
                strlen(ptest__impact_states[t.state]) == (size_t)(sp - p - 2))
                break;
        if (!ptest__impact_states[t.state])
            return -1;
        t.key = ptest__xstrndup(sp + 1, (size_t)(end - sp - 1));
        t.first = PTEST__IMPACT_COUNT(m->spans, struct ptest__impact_span);
        t.count = 0;
        t.lfirst = PTEST__IMPACT_COUNT(m->lines, struct ptest__impact_span);
        t.lcount = 0;
        t.fine = p[0] == 'T';
        ptest__buf_add(&m->tests, &t, sizeof t);
        return 0;
    }
    if (!strchr("xcurl", p[0])) /* x|c|u|r|l <file index> <spans> */
        return -1;
    idx = strtoul(p + 2, &next, 10);
    if (next == p + 2 || *next != ' ' || idx >= PTEST__IMPACT_COUNT(*ids, uint32_t))
        return -1;
    if (p[0] == 'x' || p[0] == 'c' || p[0] == 'u')
        return ptest__impact_parse_spans(p[0] == 'x' ? &m->code : p[0] == 'c' ? &m->lined : &m->bare,
                                         PTEST__IMPACT_AT(*ids, uint32_t, idx), next + 1, end);
    if (!m->tests.len ||
        ptest__impact_parse_spans(p[0] == 'r' ? &m->spans : &m->lines,
                                  PTEST__IMPACT_AT(*ids, uint32_t, idx), next + 1, end) != 0)
        return -1;
    {
        size_t n = PTEST__IMPACT_COUNT(m->tests, struct ptest__impact_test);
        struct ptest__impact_test *t = &PTEST__IMPACT_AT(m->tests, struct ptest__impact_test, n - 1);
        t->count = PTEST__IMPACT_COUNT(m->spans, struct ptest__impact_span) - t->first;
        t->lcount = PTEST__IMPACT_COUNT(m->lines, struct ptest__impact_span) - t->lfirst;
    }
    return 0;
}

/* Reads a map file's text into m; -1 (m then half filled) when it is not
 * one ptest wrote. */
static int ptest__impact_parse(struct ptest__impact_map *m, const char *text)
{
    struct ptest__buf ids = {NULL, 0, 0};
    const char *p = text, *end = text + strlen(text);
    size_t len, magic = strlen(PTEST__IMPACT_MAGIC);
    int rc = 0;
    if (strncmp(p, PTEST__IMPACT_MAGIC, magic) != 0 || p[magic] != '\n')
        return -1;
    for (p += magic + 1; *p && rc == 0; p += len + (p[len] == '\n')) {
        len = ptest__line_length(p, end);
        if (len)
            rc = ptest__impact_parse_line(m, &ids, p, len);
    }
    ptest__buf_free(&ids);
    return rc;
}

static void ptest__impact_map_path(const struct ptest__config *cfg, char *out, size_t n)
{
    snprintf(out, n, "%s/v1/impact", cfg->cache_dir);
}

/* Loads the map; a missing one is normal (0, empty), a corrupt one a
 * warning and -1 (then every test is selected: "no map"). */
static int ptest__impact_load(const struct ptest__config *cfg, struct ptest__impact_map *m)
{
    char path[4200];
    char *text;
    ptest__impact_map_path(cfg, path, sizeof path);
    if (!(text = ptest__read_file(path))) {
        if (errno != ENOENT)
            ptest__complain("warning", "impact map: %s: %s; every test is selected", path,
                            ptest__file_error(errno));
        return errno == ENOENT ? 0 : -1;
    }
    if (ptest__impact_parse(m, text) != 0) {
        ptest__complain("warning", "impact map: %s: not a map of this ptest version; "
                                   "every test is selected", path);
        ptest__impact_map_free(m);
        memset(m, 0, sizeof *m);
        free(text);
        return -1;
    }
    free(text);
    return 0;
}

/* Spans by file, then line. */
static int ptest__impact_span_order(const void *a, const void *b)
{
    const struct ptest__impact_span *x = (const struct ptest__impact_span *)a;
    const struct ptest__impact_span *y = (const struct ptest__impact_span *)b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    return x->lo != y->lo ? (x->lo < y->lo ? -1 : 1) : (x->hi > y->hi) - (x->hi < y->hi);
}

/* Sorts spans and merges those that overlap or touch; returns the count. */
PTEST__UNUSED static size_t ptest__impact_merge_spans(struct ptest__impact_span *s, size_t n)
{
    size_t i, k = 0;
    if (n == 0)
        return 0;
    qsort(s, n, sizeof *s, ptest__impact_span_order);
    for (i = 1; i < n; i++) {
        if (s[i].file == s[k].file && s[i].lo <= s[k].hi + 1) {
            if (s[i].hi > s[k].hi)
                s[k].hi = s[i].hi;
        } else {
            s[++k] = s[i];
        }
    }
    return k + 1;
}

/* Writes spans s[0..n) (sorted, merged) as "<tag> <file> lo-hi,..." lines. */
static void ptest__impact_write_spans(struct ptest__buf *out, char tag,
                                      const struct ptest__impact_span *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (i == 0 || s[i].file != s[i - 1].file)
            ptest__buf_printf(out, "%s%c %lu ", i ? "\n" : "", tag, (unsigned long)s[i].file);
        else
            ptest__buf_add(out, ",", 1);
        ptest__buf_printf(out, "%lu-%lu", (unsigned long)s[i].lo, (unsigned long)s[i].hi);
    }
    if (n)
        ptest__buf_add(out, "\n", 1);
}

/* The map as text (used by the recording build and the unit tests). */
PTEST__UNUSED static void ptest__impact_format(struct ptest__impact_map *m, struct ptest__buf *out)
{
    size_t i, n;
    ptest__buf_printf(out, "%s\n", PTEST__IMPACT_MAGIC);
    for (i = 0; i < PTEST__IMPACT_COUNT(m->files, struct ptest__impact_file); i++) {
        const struct ptest__impact_file *f = &PTEST__IMPACT_AT(m->files, struct ptest__impact_file, i);
        ptest__buf_printf(out, "f %016llx %s\n", (unsigned long long)f->hash, f->path);
    }
    n = ptest__impact_merge_spans((struct ptest__impact_span *)(void *)m->code.data,
                                  PTEST__IMPACT_COUNT(m->code, struct ptest__impact_span));
    ptest__impact_write_spans(out, 'x', (struct ptest__impact_span *)(void *)m->code.data, n);
    n = ptest__impact_merge_spans((struct ptest__impact_span *)(void *)m->lined.data,
                                  PTEST__IMPACT_COUNT(m->lined, struct ptest__impact_span));
    ptest__impact_write_spans(out, 'c', (struct ptest__impact_span *)(void *)m->lined.data, n);
    n = ptest__impact_merge_spans((struct ptest__impact_span *)(void *)m->bare.data,
                                  PTEST__IMPACT_COUNT(m->bare, struct ptest__impact_span));
    ptest__impact_write_spans(out, 'u', (struct ptest__impact_span *)(void *)m->bare.data, n);
    for (i = 0; i < PTEST__IMPACT_COUNT(m->tests, struct ptest__impact_test); i++) {
        struct ptest__impact_test *t = &PTEST__IMPACT_AT(m->tests, struct ptest__impact_test, i);
        struct ptest__impact_span *s = (struct ptest__impact_span *)(void *)m->spans.data + t->first;
        struct ptest__impact_span *l = (struct ptest__impact_span *)(void *)m->lines.data + t->lfirst;
        ptest__buf_printf(out, "%c %s %s\n", t->fine ? 'T' : 't', ptest__impact_states[t->state],
                          t->key);
        ptest__impact_write_spans(out, 'r', s, ptest__impact_merge_spans(s, t->count));
        if (t->fine)
            ptest__impact_write_spans(out, 'l', l, ptest__impact_merge_spans(l, t->lcount));
    }
}


/* Appends s to b quoted for sh. */
static void ptest__buf_shell_quote(struct ptest__buf *b, const char *s)
{
    ptest__buf_add(b, "'", 1);
    for (; *s; s++) {
        if (*s == '\'')
            ptest__buf_puts(b, "'\\''");
        else
            ptest__buf_add(b, s, 1);
    }
    ptest__buf_add(b, "'", 1);
}

/* Runs a shell command (stderr discarded unless keep_err) and returns its
 * whole stdout, or NULL when it could not run or exited non-zero. */
static char *ptest__impact_command(const char *cmd, int keep_err)
{
    struct ptest__buf out = {NULL, 0, 0}, line = {NULL, 0, 0};
    char chunk[8192];
    size_t n;
    FILE *p;
    ptest__buf_printf(&line, "%s%s", cmd, keep_err ? "" : " 2>/dev/null");
    fflush(NULL);
    p = popen(line.data, "r");
    ptest__buf_free(&line);
    if (!p)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        ptest__buf_add(&out, chunk, n);
    ptest__buf_add(&out, "", 1);
    if (pclose(p) != 0) {
        ptest__buf_free(&out);
        return NULL;
    }
    return out.data;
}

/* The git work tree's top directory, or NULL (not in one, or no git). */
static char *ptest__impact_git_top(void)
{
    char *top = ptest__impact_command("git rev-parse --show-toplevel", 0);
    if (top)
        top[strcspn(top, "\n")] = '\0';
    if (top && !*top) {
        free(top);
        top = NULL;
    }
    return top;
}

/* path as the map names it: relative to top when inside it, else as
 * realpath resolves it (or as given). */
static char *ptest__impact_norm(const char *path, const char *top)
{
    char *real = realpath(path, NULL), *out;
    const char *p = real ? real : path;
    size_t n = top ? strlen(top) : 0;
    if (top && strncmp(p, top, n) == 0 && p[n] == '/')
        p += n + 1;
    out = ptest__xstrdup(p);
    free(real);
    return out;
}

/* FNV-1a of a file's content (0 when it cannot be read), and with lines
 * its number of lines. */
static uint64_t ptest__impact_hash_file_lines(const char *path, unsigned long *lines)
{
    struct ptest__buf b = {NULL, 0, 0};
    uint64_t h = ptest__read_file_into(path, &b) ? ptest__fnv(b.data, b.len) : 0;
    size_t i;
    if (lines) {
        *lines = b.len && b.data[b.len - 1] != '\n';
        for (i = 0; i < b.len; i++)
            *lines += b.data[i] == '\n';
    }
    ptest__buf_free(&b);
    return h;
}

static uint64_t ptest__impact_hash_file(const char *path)
{
    return ptest__impact_hash_file_lines(path, NULL);
}

/* Whether path is a header, by its extension. */
static int ptest__impact_is_header(const char *path)
{
    static const char *const exts[] = {".h", ".hh", ".hpp", ".hxx", ".h++", ".inc",
                                       ".inl", ".def", ".tcc", NULL};
    const char *dot = strrchr(path, '.');
    int i;
    if (!dot || strchr(dot, '/'))
        return 0;
    for (i = 0; exts[i]; i++)
        if (strcmp(dot, exts[i]) == 0)
            return 1;
    return 0;
}

/* A row of the line table: code of file:line from addr to the next row's
 * address (line 0: a sequence's end, or no line). */
struct ptest__impact_row {
    uintptr_t addr;
    size_t order;           /* the row's place in the table: ties keep it */
    uint32_t file, line;
    int bad;
};

PTEST__UNUSED static int ptest__impact_row_order(const void *a, const void *b)
{
    const struct ptest__impact_row *x = (const struct ptest__impact_row *)a;
    const struct ptest__impact_row *y = (const struct ptest__impact_row *)b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The lines of the rows whose code lies in [lo, hi) into spans (and the
 * map's lined); 1 when one of them could not be placed. A row's code runs
 * to the next row at a higher address: of rows at one address, only the
 * last has code. */
PTEST__UNUSED static int ptest__impact_block_lines(const struct ptest__buf *rows, uintptr_t lo, uintptr_t hi,
                                     struct ptest__buf *spans, struct ptest__impact_map *m)
{
    size_t i, n = PTEST__IMPACT_COUNT(*rows, struct ptest__impact_row), a = 0, b = n;
    int unsure = 0;
    while (a < b) { /* the first row at or after lo */
        size_t mid = a + (b - a) / 2;
        if (PTEST__IMPACT_AT(*rows, struct ptest__impact_row, mid).addr < lo)
            a = mid + 1;
        else
            b = mid;
    }
    for (i = a ? a - 1 : 0; i < n; i++) {
        const struct ptest__impact_row *r = &PTEST__IMPACT_AT(*rows, struct ptest__impact_row, i);
        uintptr_t end = i + 1 < n ? PTEST__IMPACT_AT(*rows, struct ptest__impact_row, i + 1).addr
                                  : r->addr;
        if (r->addr >= hi)
            break;
        if (end <= lo || end == r->addr)
            continue; /* before the block, or no code */
        if (r->bad)
            unsure = 1;
        else if (r->line) {
            ptest__impact_span_add(spans, r->file, r->line, r->line);
            ptest__impact_span_add(&m->lined, r->file, r->line, r->line);
        }
    }
    return unsure;
}

#if defined(PTEST__IMPACT)
/* ------------------------------------------------------------------------
 * Change impact: recording
 *
 * --impact-record after the run: the hit files of the section "Impact
 * recording" (functions, or with -fsanitize-coverage=trace-pc blocks)
 * turned into the source lines each test may have executed, by nm,
 * objdump and addr2line, and merged into the map the part above reads
 * and writes. "Change impact: selecting" below uses the map.
 * ------------------------------------------------------------------------ */

/* ---- recording: hits to lines ---- */

/* A function of the program: where it starts and the lines it spans. */
struct ptest__impact_fn {
    uintptr_t addr, size;
    uint32_t file, lo, hi;  /* lo == 0: no line information */
    int ours;               /* in ptest.h: left out of the maps (a change to
                             * it, a header, selects every test anyway) */
};

static int ptest__impact_fn_order(const void *a, const void *b)
{
    uintptr_t x = ((const struct ptest__impact_fn *)a)->addr;
    uintptr_t y = ((const struct ptest__impact_fn *)b)->addr;
    return x < y ? -1 : x > y;
}

/* The program's functions from `nm -S`, sorted by address; -1 when nm
 * cannot be run. */
static int ptest__impact_symbols(const char *exe, struct ptest__buf *fns)
{
    struct ptest__buf cmd = {NULL, 0, 0};
    char *out, *p;
    ptest__buf_puts(&cmd, "nm -S --defined-only ");
    ptest__buf_shell_quote(&cmd, exe);
    out = ptest__impact_command(cmd.data, 0);
    ptest__buf_free(&cmd);
    if (!out)
        return -1;
    for (p = out; *p; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n')) {
        struct ptest__impact_fn f;
        unsigned long addr, size;
        char *next, *q;
        char type;
        /* "<addr> <size> <type> <name>": no sscanf, which measures the
         * whole rest of the output at each call */
        addr = strtoul(p, &next, 16);
        if (next == p || *next != ' ')
            continue;
        size = strtoul(q = next + 1, &next, 16);
        if (next == q || next[0] != ' ' || !next[1] || next[2] != ' ')
            continue;
        type = next[1];
        if (size == 0 || !strchr("tTwW", type))
            continue;
        memset(&f, 0, sizeof f);
        f.addr = addr;
        f.size = size;
        ptest__buf_add(fns, &f, sizeof f);
    }
    free(out);
    qsort(fns->data, PTEST__IMPACT_COUNT(*fns, struct ptest__impact_fn),
          sizeof(struct ptest__impact_fn), ptest__impact_fn_order);
    return 0;
}

/* Splits an addr2line answer "path:line" (maybe " (discriminator N)")
 * in place; the line, or 0 when unknown. */
static unsigned long ptest__impact_where(char *line, char **path)
{
    char *colon, *paren = strstr(line, " (discriminator");
    if (paren)
        *paren = '\0';
    colon = strrchr(line, ':');
    *path = line;
    if (!colon || strncmp(line, "??", 2) == 0)
        return 0;
    *colon = '\0';
    return strtoul(colon + 1, NULL, 10);
}

static const struct ptest__impact_fn *ptest__impact_fn_at(const struct ptest__buf *fns,
                                                          uintptr_t addr);

/* Marks the functions of the file that holds ptest_main (ptest.h). */
static void ptest__impact_mark_ours(struct ptest__buf *fns, const struct ptest__impact_map *m)
{
    size_t i, n = PTEST__IMPACT_COUNT(*fns, struct ptest__impact_fn);
    const struct ptest__impact_fn *me =
        ptest__impact_fn_at(fns, (uintptr_t)&ptest_main - ptest__impact_exe()->bias);
    const char *path;
    if (!me || me->lo == 0)
        return;
    path = PTEST__IMPACT_AT(m->files, struct ptest__impact_file, me->file).path;
    for (i = 0; i < n; i++) {
        struct ptest__impact_fn *f = &PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, i);
        f->ours = f->lo && ptest__impact_is_header(path) &&
                  strcmp(PTEST__IMPACT_AT(m->files, struct ptest__impact_file, f->file).path,
                         path) == 0;
    }
}

/* A source file read once: addr2line names the same few for thousands of
 * functions. */
struct ptest__impact_seen {
    char *path;
    uint64_t hash;
    unsigned long lines;
};

static uint64_t ptest__impact_known_file(struct ptest__buf *seen, const char *path,
                                         unsigned long *lines)
{
    struct ptest__impact_seen e;
    size_t i;
    for (i = 0; i < PTEST__IMPACT_COUNT(*seen, struct ptest__impact_seen); i++) {
        const struct ptest__impact_seen *k = &PTEST__IMPACT_AT(*seen, struct ptest__impact_seen, i);
        if (strcmp(k->path, path) == 0) {
            *lines = k->lines;
            return k->hash;
        }
    }
    e.path = ptest__xstrdup(path);
    e.hash = ptest__impact_hash_file_lines(path, &e.lines);
    ptest__buf_add(seen, &e, sizeof e);
    *lines = e.lines;
    return e.hash;
}

/* Runs addr2line (or PTEST_ADDR2LINE) on exe for the addresses in, one
 * a line in hex, passed through the file dir/name; frees in. Its answer,
 * a "path:line" for each (malloc'd), or NULL when a step fails. */
static char *ptest__impact_addr2line(const char *exe, const char *dir, const char *name,
                                     struct ptest__buf *in)
{
    struct ptest__buf cmd = {NULL, 0, 0};
    const char *tool = getenv("PTEST_ADDR2LINE");
    char path[4200], *out;
    int failed;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    failed = ptest__write_atomic(path, in->data ? in->data : "", in->len) != 0;
    ptest__buf_free(in);
    if (failed)
        return NULL;
    ptest__buf_puts(&cmd, tool && *tool ? tool : "addr2line");
    ptest__buf_puts(&cmd, " -e ");
    ptest__buf_shell_quote(&cmd, exe);
    ptest__buf_puts(&cmd, " < ");
    ptest__buf_shell_quote(&cmd, path);
    out = ptest__impact_command(cmd.data, 0);
    ptest__buf_free(&cmd);
    remove(path);
    return out;
}

/* Gives each function the lines from its first instruction's to its
 * last's, as addr2line reads the debug information; at -O0 that is its
 * opening brace to its closing one. Files go into m, with their hashes. */
static int ptest__impact_lines(const char *exe, const char *dir, const char *top,
                               struct ptest__buf *fns, struct ptest__impact_map *m,
                               int *warned)
{
    struct ptest__buf in = {NULL, 0, 0};
    size_t i, n = PTEST__IMPACT_COUNT(*fns, struct ptest__impact_fn);
    struct ptest__buf seen = {NULL, 0, 0};
    char *out, *p;
    for (i = 0; i < n; i++) {
        struct ptest__impact_fn *f = &PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, i);
        ptest__buf_printf(&in, "%lx\n%lx\n", (unsigned long)f->addr,
                          (unsigned long)(f->addr + f->size - 1));
    }
    out = ptest__impact_addr2line(exe, dir, "addresses", &in);
    if (!out)
        return -1;
    p = out;
    for (i = 0; i < n && *p; i++) {
        struct ptest__impact_fn *f = &PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, i);
        char *first = p, *last, *file1, *file2, *norm;
        unsigned long lo, hi;
        p += strcspn(p, "\n");
        if (!*p)
            break;
        *p++ = '\0';
        last = p;
        p += strcspn(p, "\n");
        if (*p)
            *p++ = '\0';
        lo = ptest__impact_where(first, &file1);
        hi = ptest__impact_where(last, &file2);
        if (lo == 0 || lo > PTEST__LINE_MAX_U32)
            continue; /* no line information: a test entering it gets a partial map */
        if (hi == 0 || hi > PTEST__LINE_MAX_U32 || strcmp(file1, file2) != 0)
            hi = lo; /* lines after the first then lie in no function: a change widens */
        {
            unsigned long length;
            uint64_t hash = ptest__impact_known_file(&seen, file1, &length);
            if (hash && (lo > length + 1 || hi > length + 1)) { /* +1: a
                 * compiler-made function (a sanitizer's constructor) may sit
                 * just past the end */
                /* binutils before 2.41 reads gcc 12's DWARF 5 wrongly:
                 * a function of an included file in the including one */
                if (!*warned)
                    ptest__complain("warning", "--impact-record: addr2line puts a function at "
                                               "%s:%lu, past its end: build with -gdwarf-4 "
                                               "(docs/affected.md); the tests entering such "
                                               "functions are always selected", file1, hi);
                *warned = 1;
                continue;
            }
            norm = ptest__impact_norm(file1, top);
            f->file = ptest__impact_intern(m, norm, strlen(norm), hash);
            free(norm);
        }
        f->lo = (uint32_t)(lo < hi ? lo : hi);
        f->hi = (uint32_t)(lo < hi ? hi : lo);
        ptest__impact_span_add(&m->code, f->file, f->lo, f->hi);
    }
    ptest__impact_mark_ours(fns, m);
    for (i = 0; i < PTEST__IMPACT_COUNT(seen, struct ptest__impact_seen); i++)
        free(PTEST__IMPACT_AT(seen, struct ptest__impact_seen, i).path);
    ptest__buf_free(&seen);
    free(out);
    return 0;
}

/* ---- recording: blocks to lines (-fsanitize-coverage=trace-pc) ---- */

/* A basic block of an instrumented function, as addresses: from its call
 * to __sanitizer_cov_trace_pc to the next one of the function (the first
 * block from the function's start: its prologue too). At -O0 a block's
 * code is contiguous and starts with that call, so [lo, hi) holds it
 * whole, and the lines of the line table's rows there are the lines it
 * runs. */
struct ptest__impact_block {
    uintptr_t lo, hi;
    size_t first, count;    /* its spans (one a line) in the blocks' buffer */
    int unsure;             /* a row addr2line could not place */
};

static int ptest__impact_addr_order(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return x < y ? -1 : x > y;
}

/* The addresses of the calls to __sanitizer_cov_trace_pc (objdump -d),
 * sorted. Only a call instruction counts: a site too many would cut a
 * block short. -1 when objdump cannot run. */
static int ptest__impact_sites(const char *exe, struct ptest__buf *sites)
{
    static const char *const calls[] = {"call", "callq", "bl", "jal", "jalr", "brasl", NULL};
    struct ptest__buf cmd = {NULL, 0, 0};
    char *out, *p, *eol;
    ptest__buf_puts(&cmd, "objdump -d --no-show-raw-insn ");
    ptest__buf_shell_quote(&cmd, exe);
    out = ptest__impact_command(cmd.data, 0);
    ptest__buf_free(&cmd);
    if (!out)
        return -1;
    for (p = out; *p; p = eol) {
        char *next, *target;
        uintptr_t addr;
        size_t op;
        int i;
        eol = p + strcspn(p, "\n");
        if (*eol)
            *eol++ = '\0'; /* strstr within the line */
        target = strstr(p, "<__sanitizer_cov_trace_pc");
        if (!target || (target[25] != '>' && target[25] != '@'))
            continue;
        addr = (uintptr_t)strtoul(p, &next, 16);
        if (next == p || *next != ':')
            continue;
        next += 1 + strspn(next + 1, " \t");
        op = strcspn(next, " \t\n");
        for (i = 0; calls[i]; i++)
            if (strlen(calls[i]) == op && strncmp(next, calls[i], op) == 0)
                break;
        if (calls[i] && !memchr(next, '#', (size_t)(target - next)))
            ptest__buf_add(sites, &addr, sizeof addr);
    }
    free(out);
    if (sites->len) /* qsort's array may not be NULL, even empty */
        qsort(sites->data, PTEST__IMPACT_COUNT(*sites, uintptr_t), sizeof(uintptr_t),
              ptest__impact_addr_order);
    return 0;
}

/* The line table's rows (objdump --dwarf=decodedline: "file line 0xaddr
 * ...", "-" for a sequence's end) into rows, each marked .line when it
 * names a line; in gets their addresses, one a line, for addr2line. */
static int ptest__impact_rows_read(const char *exe, struct ptest__buf *rows,
                                   struct ptest__buf *in)
{
    struct ptest__buf cmd = {NULL, 0, 0};
    char *out, *p, *eol;
    ptest__buf_puts(&cmd, "objdump --dwarf=decodedline ");
    ptest__buf_shell_quote(&cmd, exe);
    out = ptest__impact_command(cmd.data, 0);
    ptest__buf_free(&cmd);
    if (!out)
        return -1;
    for (p = out; *p; p = eol) {
        char *hex, *before;
        struct ptest__impact_row r;
        eol = p + strcspn(p, "\n");
        if (*eol)
            *eol++ = '\0';
        if (!(hex = strstr(p, " 0x")))
            continue;
        memset(&r, 0, sizeof r);
        r.addr = (uintptr_t)strtoul(hex + 1, NULL, 16);
        r.order = PTEST__IMPACT_COUNT(*rows, struct ptest__impact_row);
        for (before = hex; before > p && before[-1] == ' '; before--)
            ;
        r.line = before > p && before[-1] != '-'; /* resolved below */
        ptest__buf_add(rows, &r, sizeof r);
        if (r.line)
            ptest__buf_printf(in, "%lx\n", (unsigned long)r.addr);
    }
    free(out);
    return 0;
}

/* Gives each row marked .line its file and line from out, addr2line's
 * answers in the rows' order; a row it cannot place is marked .bad. */
static void ptest__impact_rows_place(struct ptest__buf *rows, char *out, const char *top,
                                     struct ptest__impact_map *m)
{
    struct ptest__buf seen = {NULL, 0, 0};
    size_t i, n = PTEST__IMPACT_COUNT(*rows, struct ptest__impact_row);
    char *p = out, *eol;
    for (i = 0; i < n; i++) {
        struct ptest__impact_row *r = &PTEST__IMPACT_AT(*rows, struct ptest__impact_row, i);
        char *file, *norm;
        unsigned long line, length;
        uint64_t hash;
        if (!r->line)
            continue;
        if (!*p) { /* fewer answers than questions */
            r->bad = 1;
            continue;
        }
        eol = p + strcspn(p, "\n");
        if (*eol)
            *eol++ = '\0';
        line = ptest__impact_where(p, &file);
        p = eol;
        r->line = 0;
        if (line == 0) /* code of no line: the compiler's own */
            continue;
        hash = ptest__impact_known_file(&seen, file, &length);
        if (line > PTEST__LINE_MAX_U32 || (hash && line > length + 1)) {
            r->bad = 1; /* past the file's end: gcc 12's DWARF 5 misread */
            continue;
        }
        norm = ptest__impact_norm(file, top);
        r->file = ptest__impact_intern(m, norm, strlen(norm), hash);
        r->line = (uint32_t)line;
        free(norm);
    }
    for (i = 0; i < PTEST__IMPACT_COUNT(seen, struct ptest__impact_seen); i++)
        free(PTEST__IMPACT_AT(seen, struct ptest__impact_seen, i).path);
    ptest__buf_free(&seen);
}

/* The line table's rows with their files and lines (addr2line, or
 * PTEST_ADDR2LINE); rows is sorted by address. -1 when a tool fails. */
static int ptest__impact_rows(const char *exe, const char *dir, const char *top,
                              struct ptest__impact_map *m, struct ptest__buf *rows)
{
    struct ptest__buf in = {NULL, 0, 0};
    char *out;
    size_t n;
    if (ptest__impact_rows_read(exe, rows, &in) != 0)
        return -1;
    out = ptest__impact_addr2line(exe, dir, "rows", &in);
    if (!out)
        return -1;
    ptest__impact_rows_place(rows, out, top, m);
    free(out);
    n = PTEST__IMPACT_COUNT(*rows, struct ptest__impact_row);
    if (n)
        qsort(rows->data, n, sizeof(struct ptest__impact_row), ptest__impact_row_order);
    return 0;
}

/* Cuts every instrumented function (not ptest's own) into its blocks,
 * sorted by address; a function without any goes to the map's bare. 0
 * with no block at all (the program has no -fsanitize-coverage): the
 * tests then keep function granularity. */
static size_t ptest__impact_blocks(const char *exe, const char *dir, const char *top,
                                   const struct ptest__buf *fns, struct ptest__impact_map *m,
                                   struct ptest__buf *blocks, struct ptest__buf *spans)
{
    struct ptest__buf sites = {NULL, 0, 0}, rows = {NULL, 0, 0};
    size_t i, k = 0, nsites, nf = PTEST__IMPACT_COUNT(*fns, struct ptest__impact_fn);
    if (ptest__impact_sites(exe, &sites) != 0 || !sites.len ||
        ptest__impact_rows(exe, dir, top, m, &rows) != 0) {
        ptest__buf_free(&sites);
        ptest__buf_free(&rows);
        return 0;
    }
    nsites = PTEST__IMPACT_COUNT(sites, uintptr_t);
    for (i = 0; i < nf; i++) {
        const struct ptest__impact_fn *f = &PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, i);
        uintptr_t end = f->addr + f->size;
        struct ptest__impact_block b;
        while (k < nsites && PTEST__IMPACT_AT(sites, uintptr_t, k) < f->addr)
            k++;
        if (f->ours || f->lo == 0 ||
            (i && PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, i - 1).addr == f->addr))
            continue; /* ptest's, no lines, or an alias: blocks never overlap */
        if (k == nsites || PTEST__IMPACT_AT(sites, uintptr_t, k) >= end) {
            ptest__impact_span_add(&m->bare, f->file, f->lo, f->hi);
            continue;
        }
        for (b.lo = f->addr; k < nsites && PTEST__IMPACT_AT(sites, uintptr_t, k) < end; b.lo = b.hi) {
            k++;
            b.hi = k < nsites && PTEST__IMPACT_AT(sites, uintptr_t, k) < end
                       ? PTEST__IMPACT_AT(sites, uintptr_t, k) : end;
            b.first = PTEST__IMPACT_COUNT(*spans, struct ptest__impact_span);
            b.unsure = ptest__impact_block_lines(&rows, b.lo, b.hi, spans, m);
            b.count = PTEST__IMPACT_COUNT(*spans, struct ptest__impact_span) - b.first;
            ptest__buf_add(blocks, &b, sizeof b);
        }
    }
    ptest__buf_free(&sites);
    ptest__buf_free(&rows);
    m->lined.len = sizeof(struct ptest__impact_span) *
                   ptest__impact_merge_spans((struct ptest__impact_span *)(void *)m->lined.data,
                                             PTEST__IMPACT_COUNT(m->lined, struct ptest__impact_span));
    return PTEST__IMPACT_COUNT(*blocks, struct ptest__impact_block);
}

/* The block holding the PC pc (a return address: pc - 1 is in the call),
 * or NULL. */
static const struct ptest__impact_block *ptest__impact_block_at(const struct ptest__buf *blocks,
                                                                uintptr_t pc)
{
    size_t lo = 0, hi = PTEST__IMPACT_COUNT(*blocks, struct ptest__impact_block);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct ptest__impact_block *b = &PTEST__IMPACT_AT(*blocks, struct ptest__impact_block, mid);
        if (pc - 1 < b->lo)
            hi = mid;
        else if (pc - 1 >= b->hi)
            lo = mid + 1;
        else
            return b;
    }
    return NULL;
}

/* Whether pc lies in one of ptest's own functions (left out of maps). */
static int ptest__impact_in_ours(const struct ptest__buf *fns, uintptr_t pc)
{
    size_t lo = 0, hi = PTEST__IMPACT_COUNT(*fns, struct ptest__impact_fn);
    while (lo < hi) { /* the last function starting at or before pc */
        size_t mid = lo + (hi - lo) / 2;
        if (PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, mid).addr <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, lo - 1).ours &&
           pc - PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, lo - 1).addr <=
               PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, lo - 1).size;
}

/* The function starting at addr, or NULL. */
static const struct ptest__impact_fn *ptest__impact_fn_at(const struct ptest__buf *fns,
                                                          uintptr_t addr)
{
    size_t lo = 0, hi = PTEST__IMPACT_COUNT(*fns, struct ptest__impact_fn);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct ptest__impact_fn *f = &PTEST__IMPACT_AT(*fns, struct ptest__impact_fn, mid);
        if (f->addr == addr)
            return f;
        if (f->addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* What the runner knows of the program's blocks (none without
 * -fsanitize-coverage). */
struct ptest__impact_code {
    const struct ptest__buf *fns;
    struct ptest__buf blocks; /* struct ptest__impact_block, by address */
    struct ptest__buf spans;  /* their lines */
};

/* Adds the spans of the functions listed in "addr addr ..." (to the line's
 * end) to out, and the lines of the blocks listed to lines; 0, or -1 when
 * one of them has no lines (its test's map is then partial). *coarse when
 * a block's lines are unknown (the test then keeps function granularity). */
static int ptest__impact_add_hits(const struct ptest__impact_code *code, const char *p,
                                  const char *end, struct ptest__buf *out,
                                  struct ptest__buf *lines, int *coarse)
{
    const struct ptest__buf *fns = code->fns;
    int rc = 0;
    while (p < end) {
        char *next;
        unsigned long addr = strtoul(p, &next, 16);
        const struct ptest__impact_fn *f;
        const struct ptest__impact_block *b;
        if (next == p)
            break;
        p = next;
        while (p < end && *p == ' ')
            p++;
        f = ptest__impact_fn_at(fns, (uintptr_t)addr);
        /* a block's PC (a return address: never a function's first byte,
         * since a call to the hook is never the last instruction of a
         * function: at least its block's jump or return follows) */
        b = code->blocks.len && !f ? ptest__impact_block_at(&code->blocks, (uintptr_t)addr) : NULL;
        if (b && (b->unsure || !b->count))
            *coarse |= b->unsure;
        else if (b)
            ptest__buf_add(lines, &PTEST__IMPACT_AT(code->spans, struct ptest__impact_span, b->first),
                           b->count * sizeof(struct ptest__impact_span));
        else if (!f && code->blocks.len && !ptest__impact_in_ours(fns, (uintptr_t)addr))
            *coarse = 1;
        if (!f && code->blocks.len)
            continue;
        if (!f || f->lo == 0)
            rc = -1;
        else if (!f->ours)
            ptest__impact_span_add(out, f->file, f->lo, f->hi);
    }
    return rc;
}

/* Sorts and merges the spans in b: what ran between tests comes once per
 * test, and is copied into every test's map. */
static void ptest__impact_compact(struct ptest__buf *b)
{
    b->len = sizeof(struct ptest__impact_span) *
             ptest__impact_merge_spans((struct ptest__impact_span *)(void *)b->data,
                                       PTEST__IMPACT_COUNT(*b, struct ptest__impact_span));
}

/* What one run recorded of a case (or a suite's fixtures, or everyone's):
 * its spans, and whether they are whole. */
struct ptest__impact_case {
    struct ptest__buf spans;
    struct ptest__buf lines; /* of the blocks it ran */
    int seen, partial;
    int coarse;             /* ran a block of unknown lines */
    const char *suite;      /* for a suite's: its name */
};

/* The record of suite's fixtures in suites, added if new. */
static struct ptest__impact_case *ptest__impact_suite(struct ptest__buf *suites,
                                                      const struct ptest__registry *reg,
                                                      const char *name, size_t n)
{
    struct ptest__impact_case c;
    size_t i;
    for (i = 0; i < PTEST__IMPACT_COUNT(*suites, struct ptest__impact_case); i++) {
        struct ptest__impact_case *s = &PTEST__IMPACT_AT(*suites, struct ptest__impact_case, i);
        if (strncmp(s->suite, name, n) == 0 && s->suite[n] == '\0')
            return s;
    }
    for (i = 0; i < reg->count; i++) /* a name that lives as long as the run */
        if (strncmp(reg->cases[i].test->suite, name, n) == 0 &&
            reg->cases[i].test->suite[n] == '\0')
            break;
    if (i == reg->count)
        return NULL;
    memset(&c, 0, sizeof c);
    c.suite = reg->cases[i].test->suite;
    ptest__buf_add(suites, &c, sizeof c);
    return &PTEST__IMPACT_AT(*suites, struct ptest__impact_case,
                             PTEST__IMPACT_COUNT(*suites, struct ptest__impact_case) - 1);
}

/* Reads the hit files in dir into per-case records (and everyone's, for
 * the lines marked "*"). */
static void ptest__impact_read_hits(struct ptest__run *run, const char *dir,
                                    const struct ptest__impact_code *code,
                                    struct ptest__impact_case *cases,
                                    struct ptest__impact_case *all, struct ptest__buf *suites)
{
    const struct ptest__idmap *ids = ptest__idmap_lazy(&run->cache.ids, &run->reg);
    char path[4200];
    struct dirent *e;
    size_t i;
    DIR *d = opendir(dir);
    while (d && (e = readdir(d)) != NULL) {
        char *text, *p, *end;
        size_t len;
        if (strncmp(e->d_name, "hits.", 5) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (!(text = ptest__read_file(path)))
            continue;
        end = text + strlen(text);
        for (p = text; *p; p += len + (p[len] == '\n')) {
            char *tab1, *tab2;
            size_t index;
            struct ptest__impact_case *c;
            len = ptest__line_length(p, end);
            tab1 = (char *)memchr(p, '\t', len);
            tab2 = tab1 ? (char *)memchr(tab1 + 1, '\t', (size_t)(p + len - tab1 - 1)) : NULL;
            if (!tab2)
                continue;
            if (tab1 - p == 1 && *p == '*') {
                c = all;
            } else if (*p == '@') {
                if (!(c = ptest__impact_suite(suites, &run->reg, p + 1, (size_t)(tab1 - p - 1))))
                    continue;
            } else {
                index = ptest__idmap_find(ids, &run->reg, p, (size_t)(tab1 - p));
                if (index == (size_t)-1)
                    continue;
                c = &cases[index];
            }
            c->seen = 1;
            if (strncmp(tab1 + 1, "ok\t", 3) != 0)
                c->partial = 1;
            if (ptest__impact_add_hits(code, tab2 + 1, p + len, &c->spans, &c->lines,
                                       &c->coarse) != 0)
                c->partial = 1;
        }
        free(text);
        remove(path);
    }
    if (d)
        closedir(d);
    ptest__impact_compact(&all->spans);
    ptest__impact_compact(&all->lines);
    for (i = 0; i < PTEST__IMPACT_COUNT(*suites, struct ptest__impact_case); i++) {
        ptest__impact_compact(&PTEST__IMPACT_AT(*suites, struct ptest__impact_case, i).spans);
        ptest__impact_compact(&PTEST__IMPACT_AT(*suites, struct ptest__impact_case, i).lines);
    }
    for (i = 0; i < run->reg.count; i++)
        if (cases[i].seen) {
            ptest__impact_compact(&cases[i].spans);
            ptest__impact_compact(&cases[i].lines);
        }
}

/* Whether this run's record of case index replaces what the map had:
 * it ran to an outcome (not interrupted before it started). */
static int ptest__impact_recorded(const struct ptest__run *run, size_t index)
{
    const struct ptest__result *r = &run->results[index];
    return r->final && run->reg.cases[index].repeat == 0 && r->outcome != PTEST__NOT_RUN &&
           r->outcome != PTEST__INTERRUPTED;
}

/* Adds this run's tests to m (which holds the old map): the old entry of a
 * test this run recorded is dropped. */
static void ptest__impact_add_run(struct ptest__run *run, struct ptest__impact_map *m,
                                  struct ptest__impact_case *cases,
                                  const struct ptest__impact_case *all,
                                  const struct ptest__buf *suites, int by_lines)
{
    const struct ptest__idmap *ids = ptest__idmap_lazy(&run->cache.ids, &run->reg);
    int run_ok = run->tally.failures == 0 && !run->interrupted && !all->partial;
    size_t i, k = 0, n = PTEST__IMPACT_COUNT(m->tests, struct ptest__impact_test);
    for (i = 0; i < n; i++) { /* keep the old entries of tests not run now */
        struct ptest__impact_test *t = &PTEST__IMPACT_AT(m->tests, struct ptest__impact_test, i);
        size_t index = ptest__idmap_find(ids, &run->reg, t->key, strlen(t->key));
        if (index != (size_t)-1 && ptest__impact_recorded(run, index))
            free(t->key);
        else
            PTEST__IMPACT_AT(m->tests, struct ptest__impact_test, k++) = *t;
    }
    m->tests.len = k * sizeof(struct ptest__impact_test);
    for (i = 0; i < run->selected; i++) {
        size_t index = run->order[i];
        struct ptest__impact_case *c = &cases[index];
        struct ptest__impact_test t;
        size_t j;
        int suite_partial = 0;
        if (!ptest__impact_recorded(run, index))
            continue;
        t.key = ptest__xstrdup(run->reg.cases[index].key);
        t.state = !c->seen ? PTEST__IMPACT_NONE
                  : c->partial || !run_ok || run->results[index].outcome != PTEST__PASS
                      ? PTEST__IMPACT_PARTIAL
                      : PTEST__IMPACT_OK;
        t.first = PTEST__IMPACT_COUNT(m->spans, struct ptest__impact_span);
        t.lfirst = PTEST__IMPACT_COUNT(m->lines, struct ptest__impact_span);
        t.fine = by_lines && !c->coarse && !all->coarse;
        if (c->seen) {
            if (c->spans.len)
                ptest__buf_add(&m->spans, c->spans.data, c->spans.len);
            if (all->spans.len)
                ptest__buf_add(&m->spans, all->spans.data, all->spans.len);
            if (c->lines.len)
                ptest__buf_add(&m->lines, c->lines.data, c->lines.len);
            if (all->lines.len)
                ptest__buf_add(&m->lines, all->lines.data, all->lines.len);
            for (j = 0; j < PTEST__IMPACT_COUNT(*suites, struct ptest__impact_case); j++) {
                const struct ptest__impact_case *su = &PTEST__IMPACT_AT(*suites, struct ptest__impact_case, j);
                if (strcmp(su->suite, run->reg.cases[index].test->suite) != 0)
                    continue;
                if (su->spans.len)
                    ptest__buf_add(&m->spans, su->spans.data, su->spans.len);
                if (su->lines.len)
                    ptest__buf_add(&m->lines, su->lines.data, su->lines.len);
                suite_partial = su->partial;
                t.fine = t.fine && !su->coarse;
            }
            if (suite_partial && t.state == PTEST__IMPACT_OK)
                t.state = PTEST__IMPACT_PARTIAL;
        }
        t.count = PTEST__IMPACT_COUNT(m->spans, struct ptest__impact_span) - t.first;
        t.lcount = PTEST__IMPACT_COUNT(m->lines, struct ptest__impact_span) - t.lfirst;
        ptest__buf_add(&m->tests, &t, sizeof t);
    }
}

/* Keeps the spans of b whose file keep marks. */
static void ptest__impact_keep_spans(struct ptest__buf *b, const unsigned char *keep)
{
    size_t i, k = 0, n = PTEST__IMPACT_COUNT(*b, struct ptest__impact_span);
    for (i = 0; i < n; i++) {
        struct ptest__impact_span sp = PTEST__IMPACT_AT(*b, struct ptest__impact_span, i);
        if (keep[sp.file])
            PTEST__IMPACT_AT(*b, struct ptest__impact_span, k++) = sp;
    }
    b->len = k * sizeof(struct ptest__impact_span);
}

/* Drops the code spans of old versions of files this run mapped again
 * (same path, other hash) that no test's map names any more. */
static void ptest__impact_drop_old_code(struct ptest__impact_map *m, size_t old_files)
{
    size_t i, j, k = 0, n = PTEST__IMPACT_COUNT(m->code, struct ptest__impact_span);
    size_t nf = PTEST__IMPACT_COUNT(m->files, struct ptest__impact_file);
    unsigned char *keep = (unsigned char *)ptest__xcalloc(nf + 1, 1);
    for (i = 0; i < PTEST__IMPACT_COUNT(m->tests, struct ptest__impact_test); i++) {
        const struct ptest__impact_test *t = &PTEST__IMPACT_AT(m->tests, struct ptest__impact_test, i);
        for (j = 0; j < t->count; j++)
            keep[PTEST__IMPACT_AT(m->spans, struct ptest__impact_span, t->first + j).file] = 1;
        for (j = 0; j < t->lcount; j++)
            keep[PTEST__IMPACT_AT(m->lines, struct ptest__impact_span, t->lfirst + j).file] = 1;
    }
    for (i = 0; i < old_files; i++) /* an old version no newer one replaces */
        for (j = old_files, keep[i] |= 2; j < nf && keep[i] == 2; j++)
            if (strcmp(PTEST__IMPACT_AT(m->files, struct ptest__impact_file, j).path,
                       PTEST__IMPACT_AT(m->files, struct ptest__impact_file, i).path) == 0)
                keep[i] = 0;
    for (i = old_files; i < nf; i++)
        keep[i] = 1;
    for (i = 0; i < n; i++) {
        struct ptest__impact_span sp = PTEST__IMPACT_AT(m->code, struct ptest__impact_span, i);
        if (keep[sp.file])
            PTEST__IMPACT_AT(m->code, struct ptest__impact_span, k++) = sp;
    }
    m->code.len = k * sizeof(struct ptest__impact_span);
    ptest__impact_keep_spans(&m->lined, keep);
    ptest__impact_keep_spans(&m->bare, keep);
    free(keep);
}

/* Writes m to the cache, atomically. */
static int ptest__impact_store(const struct ptest__config *cfg, struct ptest__impact_map *m)
{
    struct ptest__buf out = {NULL, 0, 0};
    char path[4200];
    int rc;
    ptest__impact_map_path(cfg, path, sizeof path);
    ptest__impact_format(m, &out);
    rc = ptest__write_atomic(path, out.data, out.len);
    ptest__buf_free(&out);
    return rc;
}

/* The directory the hit files go to, in the cache (made, and put in the
 * environment for the workers), or NULL. */
static const char *ptest__impact_hits_dir(const struct ptest__config *cfg)
{
    static char dir[4200];
    snprintf(dir, sizeof dir, "%s/v1/impact.hits.%ld", cfg->cache_dir, ptest__os_pid());
    if (ptest__mkdirs(dir) != 0)
        return NULL;
    return dir;
}

/* Turns the hits into lines and merges them into the map. */
static int ptest__impact_build(struct ptest__run *run, const char *dir)
{
    struct ptest__buf fns = {NULL, 0, 0}, suites = {NULL, 0, 0};
    struct ptest__impact_map m;
    struct ptest__impact_case all, *cases;
    struct ptest__impact_code code;
    char exe[4200], lock[4200], *top = ptest__impact_git_top();
    size_t i, old_files;
    int rc = -1, fd, warned = 0;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    memset(&m, 0, sizeof m);
    memset(&all, 0, sizeof all);
    memset(&code, 0, sizeof code);
    code.fns = &fns;
    exe[n > 0 ? n : 0] = '\0';
    snprintf(lock, sizeof lock, "%s/v1/impact.lock", run->cfg.cache_dir);
    fd = open(lock, O_RDWR | O_CREAT | PTEST__O_CLOEXEC, 0666);
    if (fd >= 0)
        ptest__os_lock(fd, 1);
    ptest__impact_load(&run->cfg, &m); /* under the lock: runs add up */
    old_files = PTEST__IMPACT_COUNT(m.files, struct ptest__impact_file);
    cases = (struct ptest__impact_case *)ptest__xcalloc(run->reg.count, sizeof *cases);
    if (n > 0 && ptest__impact_symbols(exe, &fns) == 0 &&
        ptest__impact_lines(exe, dir, top, &fns, &m, &warned) == 0) {
        int by_lines = ptest__impact_blocks(exe, dir, top, &fns, &m, &code.blocks, &code.spans) > 0;
        ptest__impact_read_hits(run, dir, &code, cases, &all, &suites);
        ptest__impact_add_run(run, &m, cases, &all, &suites, by_lines);
        ptest__impact_drop_old_code(&m, old_files);
        for (i = 0; i < run->reg.count && !all.seen; i++)
            all.seen = cases[i].seen;
        rc = all.seen ? ptest__impact_store(&run->cfg, &m) : -2;
    }
    if (fd >= 0) {
        ptest__os_lock(fd, 0);
        close(fd);
    }
    for (i = 0; i < run->reg.count; i++) {
        ptest__buf_free(&cases[i].spans);
        ptest__buf_free(&cases[i].lines);
    }
    for (i = 0; i < PTEST__IMPACT_COUNT(suites, struct ptest__impact_case); i++) {
        ptest__buf_free(&PTEST__IMPACT_AT(suites, struct ptest__impact_case, i).spans);
        ptest__buf_free(&PTEST__IMPACT_AT(suites, struct ptest__impact_case, i).lines);
    }
    ptest__buf_free(&suites);
    free(cases);
    ptest__buf_free(&all.spans);
    ptest__buf_free(&all.lines);
    ptest__buf_free(&code.blocks);
    ptest__buf_free(&code.spans);
    ptest__buf_free(&fns);
    ptest__impact_map_free(&m);
    free(top);
    return rc;
}

#endif /* PTEST__IMPACT */

/* --impact-record, before the workers start: where their hits go. Returns
 * -1 (message in err) when it cannot record. */
static int ptest__impact_prepare(struct ptest__run *run, struct ptest__buf *err)
{
    if (!run->cfg.impact_record)
        return 0;
#if !defined(PTEST__IMPACT)
    ptest__buf_puts(err, "--impact-record: this program was not built to record: "
                         "compile with -DPTEST_IMPACT -finstrument-functions -g -O0 "
                         "(docs/affected.md)");
    return -1;
#else
    const char *dir = ptest__impact_hits_dir(&run->cfg);
    if (!dir) {
        ptest__buf_printf(err, "--impact-record: cannot create a directory in %s: %s",
                          run->cfg.cache_dir, strerror(errno));
        return -1;
    }
    setenv(PTEST__IMPACT_DIR_VAR, dir, 1);
    ptest__impact_runner();
    ptest__impact_flush("*", 1); /* the runner so far: constructors, collection */
    return 0;
#endif
}

/* --impact-record, after the run: the map, or a one-line warning saying
 * why there is none (the next --affected then selects those tests). */
static void ptest__impact_save(struct ptest__run *run)
{
#if defined(PTEST__IMPACT)
    const char *dir = getenv(PTEST__IMPACT_DIR_VAR);
    int rc;
    if (!run->cfg.impact_record || !dir || !run->results)
        return;
    ptest__impact_flush("*", 1); /* the runner's own: the thread pool, -j 0 */
    ptest__impact_hits.busy = 1; /* what follows is no test's */
    rc = ptest__impact_build(run, dir);
    ptest__impact_hits.busy = 0;
    if (rc == -2)
        ptest__complain("warning", "--impact-record: no function was entered: were the "
                                   "sources compiled with -finstrument-functions?");
    else if (rc != 0)
        ptest__complain("warning", "--impact-record: no map written: nm, addr2line "
                                   "(binutils) or the cache directory failed");
    ptest__os_rmdir(dir); /* emptied by the build */
#else
    (void)run;
#endif
}

/* ------------------------------------------------------------------------
 * Change impact: selecting
 *
 * --affected=REV and --affected-files: read the map the part above wrote,
 * ask git what changed, and keep the selected tests a change can reach,
 * widening to all of them whenever the map cannot tell (docs/affected.md).
 * ------------------------------------------------------------------------ */

/* ---- selecting: --affected, --affected-files ---- */

/* A hunk of `git diff -U0`: old lines a..a+b-1 became new c..c+d-1. */
struct ptest__impact_hunk {
    unsigned long a, b, c, d;
    int trivial;            /* blank and comment lines only */
    int directive;          /* a preprocessor line */
    int flow;               /* a line that steers code on other lines (a
                             * label, case, default, else, static), or
                             * braces that differ: lines cannot tell */
    long braces[2][2];      /* '{' and '}' on the - side, on the + side */
};

/* One changed file. */
struct ptest__impact_change {
    char *path;             /* relative to the git top (or as given) */
    int whole;              /* every line: untracked, binary, --affected-files */
    struct ptest__buf hunks; /* struct ptest__impact_hunk */
    uint64_t rev_hash, wt_hash; /* 0: absent there */
};

/* Why a test was selected. */
enum {
    PTEST__WHY_NOT, PTEST__WHY_LINES, PTEST__WHY_DEFINED, PTEST__WHY_DATA, PTEST__WHY_NO_MAP,
    PTEST__WHY_PARTIAL, PTEST__WHY_STALE, PTEST__WHY_ALL, PTEST__WHY_COUNT
};

/* What the selection knows. */
struct ptest__impact_sel {
    struct ptest__impact_map map;
    int have_map;           /* a map was read (a missing one: every test) */
    struct ptest__buf changes; /* struct ptest__impact_change */
    struct ptest__buf hot;  /* struct ptest__impact_span: changed lines, by map file,
                             * met by the functions a test entered */
    struct ptest__buf hotl; /* struct ptest__impact_span: changed lines met by
                             * the lines a test ran (its functions', when
                             * it was recorded without blocks) */
    struct ptest__buf wide; /* non-empty: why every test is selected */
    char *top;
    const char *rev;
    const char *flag;       /* "--affected=REV" or "--affected-files" */
    struct ptest__buf test_files; /* struct ptest__impact_tf: answers so far */
};

/* Whether a test file (a __FILE__ pointer) changed, once worked out. */
struct ptest__impact_tf {
    const char *file;
    int changed;
};

/* Whether a diff line (without its +/-) is blank or only a comment. */
static int ptest__impact_trivial_line(const char *p, size_t n)
{
    const char *close;
    while (n && (*p == ' ' || *p == '\t' || *p == '\r')) {
        p++;
        n--;
    }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (n == 0 || (n >= 2 && p[0] == '/' && p[1] == '/'))
        return 1;
    if (n < 4 || p[0] != '/' || p[1] != '*')
        return 0;
    for (close = p + 2; close + 1 < p + n; close++)
        if (close[0] == '*' && close[1] == '/')
            return close + 2 == p + n; /* nothing after the first close */
    return 0;
}

/* Whether a diff line (without its +/-) can change what runs on lines it
 * does not hold: a label (case, default, or a goto's), an else (the code
 * on the line is the other branch's jump), a static (initialised before
 * main). Counts its braces into braces[0] ('{') and braces[1] ('}'). */
static int ptest__impact_flow_line(const char *p, size_t n, long *braces)
{
    static const char *const words[] = {"case", "default", "else", "static", NULL};
    size_t i, w;
    int flow = 0, first = 1;
    for (i = 0; i < n; i = w) {
        int k;
        braces[0] += p[i] == '{';
        braces[1] += p[i] == '}';
        if (!(isalpha((unsigned char)p[i]) || p[i] == '_')) {
            w = i + 1;
            if (!isspace((unsigned char)p[i]))
                first = 0;
            continue;
        }
        for (w = i; w < n && (isalnum((unsigned char)p[w]) || p[w] == '_'); w++)
            ;
        for (k = 0; words[k] && !flow; k++)
            flow = strlen(words[k]) == w - i && strncmp(p + i, words[k], w - i) == 0;
        if (first) { /* "name:" at the line's start: a label (not "::") */
            size_t c = w;
            while (c < n && (p[c] == ' ' || p[c] == '\t'))
                c++;
            if (c < n && p[c] == ':' && (c + 1 == n || p[c + 1] != ':'))
                flow = 1;
        }
        first = 0;
    }
    return flow;
}

static struct ptest__impact_change *ptest__impact_change_add(struct ptest__impact_sel *s,
                                                             const char *path, size_t n)
{
    struct ptest__impact_change c;
    memset(&c, 0, sizeof c);
    c.path = ptest__xstrndup(path, n);
    ptest__buf_add(&s->changes, &c, sizeof c);
    return &PTEST__IMPACT_AT(s->changes, struct ptest__impact_change,
                             PTEST__IMPACT_COUNT(s->changes, struct ptest__impact_change) - 1);
}

/* Parses "@@ -a[,b] +c[,d] @@" into h; -1 if it is not one. */
static int ptest__impact_hunk_head(const char *p, struct ptest__impact_hunk *h)
{
    char *next;
    memset(h, 0, sizeof *h);
    h->trivial = 1;
    if (strncmp(p, "@@ -", 4) != 0)
        return -1;
    h->a = strtoul(p + 4, &next, 10);
    h->b = *next == ',' ? strtoul(next + 1, &next, 10) : 1;
    if (strncmp(next, " +", 2) != 0)
        return -1;
    h->c = strtoul(next + 2, &next, 10);
    h->d = *next == ',' ? strtoul(next + 1, &next, 10) : 1;
    return 0;
}

/* Reads `git diff -U0` output into s->changes; a file git names in quotes
 * (odd characters) cannot be matched to the map and widens. */
static void ptest__impact_parse_diff(struct ptest__impact_sel *s, const char *text)
{
    struct ptest__impact_change *c = NULL;
    struct ptest__impact_hunk *h = NULL;
    const char *p, *end = text + strlen(text);
    size_t len;
    for (p = text; *p; p += len + (p[len] == '\n')) {
        struct ptest__impact_hunk head;
        len = ptest__line_length(p, end);
        if (strncmp(p, "diff --git ", 11) == 0) {
            c = NULL;
            h = NULL;
        } else if (!h && (strncmp(p, "--- a/", 6) == 0 || strncmp(p, "+++ b/", 6) == 0)) {
            if (!c)
                c = ptest__impact_change_add(s, p + 6, len - 6);
        } else if (!h && (strncmp(p, "--- \"", 5) == 0 || strncmp(p, "+++ \"", 5) == 0)) {
            if (!s->wide.len)
                ptest__buf_printf(&s->wide, "a changed file with a quoted name: %.*s",
                                  (int)(len - 4), p + 4);
        } else if (!h && strncmp(p, "Binary files ", 13) == 0) {
            if (!s->wide.len)
                ptest__buf_printf(&s->wide, "a binary file changed: %.*s", (int)len, p);
        } else if (c && ptest__impact_hunk_head(p, &head) == 0) {
            ptest__buf_add(&c->hunks, &head, sizeof head);
            h = &PTEST__IMPACT_AT(c->hunks, struct ptest__impact_hunk,
                                  PTEST__IMPACT_COUNT(c->hunks, struct ptest__impact_hunk) - 1);
        } else if (h && len > 0 && (*p == '+' || *p == '-')) {
            size_t skip = 1;
            while (skip < len && (p[skip] == ' ' || p[skip] == '\t'))
                skip++;
            if (skip < len && p[skip] == '#')
                h->directive = 1;
            if (!ptest__impact_trivial_line(p + 1, len - 1))
                h->trivial = 0;
            if (ptest__impact_flow_line(p + 1, len - 1, h->braces[*p == '+']))
                h->flow = 1;
        }
    }
}

/* git's answers for --affected=REV: the diff and the untracked files.
 * -1 with a message in err when REV is not a commit (or no git). */
static int ptest__impact_git_changes(struct ptest__impact_sel *s,
                                     const struct ptest__config *cfg, struct ptest__buf *err)
{
    struct ptest__buf cmd = {NULL, 0, 0};
    char *out, *p, *cache, *self;
    size_t i, nc;
    ptest__buf_puts(&cmd, "git -C ");
    ptest__buf_shell_quote(&cmd, s->top);
    ptest__buf_puts(&cmd, " rev-parse -q --verify ");
    ptest__buf_shell_quote(&cmd, s->rev);
    ptest__buf_puts(&cmd, "^{commit}");
    out = ptest__impact_command(cmd.data, 0);
    free(out);
    cmd.len = 0;
    if (!out) {
        ptest__buf_printf(err, "--affected=%s: not a commit git knows here", s->rev);
        ptest__buf_free(&cmd);
        return -1;
    }
    ptest__buf_puts(&cmd, "git -C ");
    ptest__buf_shell_quote(&cmd, s->top);
    ptest__buf_puts(&cmd, " -c core.quotePath=false diff -U0 --no-color --no-ext-diff "
                          "--no-renames --no-textconv ");
    ptest__buf_shell_quote(&cmd, s->rev);
    ptest__buf_puts(&cmd, " --");
    out = ptest__impact_command(cmd.data, 0);
    if (!out) {
        ptest__buf_printf(err, "--affected=%s: git diff failed", s->rev);
        ptest__buf_free(&cmd);
        return -1;
    }
    ptest__impact_parse_diff(s, out);
    free(out);
    cmd.len = 0;
    ptest__buf_puts(&cmd, "git -C ");
    ptest__buf_shell_quote(&cmd, s->top);
    ptest__buf_puts(&cmd, " -c core.quotePath=false ls-files --others --exclude-standard");
    out = ptest__impact_command(cmd.data, 0);
    /* untracked, but not a change to the code: the cache, this program */
    cache = ptest__impact_norm(cfg->cache_dir, s->top);
    self = ptest__impact_norm("/proc/self/exe", s->top);
    nc = strlen(cache);
    for (p = out; p && *p; p += i + (p[i] == '\n')) {
        i = strcspn(p, "\n");
        if (i && !(i > nc && strncmp(p, cache, nc) == 0 && p[nc] == '/') &&
            !(strlen(self) == i && strncmp(p, self, i) == 0))
            ptest__impact_change_add(s, p, i)->whole = 1; /* new, untracked */
    }
    free(out);
    free(cache);
    free(self);
    ptest__buf_free(&cmd);
    return 0;
}

/* The content hash of path at REV (0: not there) and in the work tree. */
static void ptest__impact_change_hashes(struct ptest__impact_sel *s,
                                        struct ptest__impact_change *c)
{
    struct ptest__buf cmd = {NULL, 0, 0}, spec = {NULL, 0, 0}, full = {NULL, 0, 0};
    char *out;
    ptest__buf_printf(&full, "%s/%s", s->top ? s->top : ".", c->path);
    c->wt_hash = ptest__impact_hash_file(c->path[0] == '/' ? c->path : full.data);
    if (s->rev) {
        ptest__buf_printf(&spec, "%s:%s", s->rev, c->path);
        ptest__buf_puts(&cmd, "git -C ");
        ptest__buf_shell_quote(&cmd, s->top);
        ptest__buf_puts(&cmd, " cat-file blob ");
        ptest__buf_shell_quote(&cmd, spec.data);
        /* the blob's bytes: read by length, a NUL inside would stop strlen */
        {
            FILE *p;
            struct ptest__buf blob = {NULL, 0, 0};
            char chunk[8192];
            size_t n;
            ptest__buf_puts(&cmd, " 2>/dev/null");
            fflush(NULL);
            if ((p = popen(cmd.data, "r")) != NULL) {
                while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
                    ptest__buf_add(&blob, chunk, n);
                c->rev_hash = pclose(p) == 0 ? ptest__fnv(blob.data ? blob.data : "", blob.len) : 0;
            }
            ptest__buf_free(&blob);
        }
    }
    out = NULL;
    free(out);
    ptest__buf_free(&cmd);
    ptest__buf_free(&spec);
    ptest__buf_free(&full);
}

/* Whether test_file (a test's __FILE__) is the changed path: the same
 * file once resolved, or one ends with the other at a '/'. */
static int ptest__impact_same_file(const char *test_file, const char *path, const char *top)
{
    char *norm = ptest__impact_norm(test_file, top);
    size_t a = strlen(norm), b = strlen(path);
    int same = strcmp(norm, path) == 0 ||
               (a > b && norm[a - b - 1] == '/' && strcmp(norm + a - b, path) == 0) ||
               (b > a && path[b - a - 1] == '/' && strcmp(path + b - a, norm) == 0);
    free(norm);
    return same;
}

/* Whether some test declares path with DATA_FILE(). */
static int ptest__impact_declared_data(const struct ptest__run *run, const char *path,
                                       const char *top)
{
    size_t i, j;
    const struct ptest__test *last = NULL;
    for (i = 0; i < run->reg.count; i++) {
        const struct ptest__test *t = run->reg.cases[i].test;
        if (t == last)
            continue;
        last = t;
        for (j = 0; j < t->option_count; j++)
            if (t->options[j].kind == PTEST__OPT_DATA_FILE &&
                ptest__impact_same_file(t->options[j].text, path, top))
                return 1;
    }
    return 0;
}

/* Whether any test is defined in path. */
static int ptest__impact_defines_tests(const struct ptest__run *run, const char *path,
                                       const char *top)
{
    size_t i;
    const char *last = NULL;
    for (i = 0; i < run->reg.count; i++) {
        const char *f = run->reg.cases[i].test->file;
        if (f != last && (last = f, ptest__impact_same_file(f, path, top)))
            return 1;
    }
    return 0;
}

/* Whether old line a (or the gap after it, when gap) lies inside one
 * function of map file id. */
static int ptest__impact_in_code(const struct ptest__impact_map *m, uint32_t id,
                                 unsigned long line, int gap)
{
    size_t i;
    for (i = 0; i < PTEST__IMPACT_COUNT(m->code, struct ptest__impact_span); i++) {
        const struct ptest__impact_span *s = &PTEST__IMPACT_AT(m->code, struct ptest__impact_span, i);
        if (s->file == id && s->lo <= line && line + (gap ? 1 : 0) <= s->hi)
            return 1;
    }
    return 0;
}

/* Whether line lies in one of the spans of b in map file id. */
static int ptest__impact_in_spans(const struct ptest__buf *b, uint32_t id, unsigned long line)
{
    size_t i;
    for (i = 0; i < PTEST__IMPACT_COUNT(*b, struct ptest__impact_span); i++) {
        const struct ptest__impact_span *s = &PTEST__IMPACT_AT(*b, struct ptest__impact_span, i);
        if (s->file == id && s->lo <= line && line <= s->hi)
            return 1;
    }
    return 0;
}

/* Whether the tests a hunk (lines at..at+n-1 of map file id, inside one
 * function) can reach are those that ran one of its lines: it replaces
 * lines (no insertion: where new code runs is unknown), each of which
 * holds code of a block (a line without code, a declaration or a brace,
 * steers no block of its own), in no function recorded without blocks,
 * and it does not steer other lines (a label, an else, a static, braces
 * added or removed). Otherwise the function decides: every test that
 * entered it. */
static int ptest__impact_by_lines(const struct ptest__impact_map *m, uint32_t id,
                                  const struct ptest__impact_hunk *h, unsigned long at,
                                  unsigned long n)
{
    unsigned long line;
    if (n == 0 || h->flow || h->braces[0][0] != h->braces[1][0] ||
        h->braces[0][1] != h->braces[1][1])
        return 0;
    for (line = at; line < at + n; line++)
        if (!ptest__impact_in_spans(&m->lined, id, line) ||
            ptest__impact_in_spans(&m->bare, id, line))
            return 0;
    return 1;
}

/* Marks the changed lines of c in map file id (a version of c at REV when
 * old, in the work tree otherwise). A changed line outside every function
 * (a global, a type, a declaration) or a preprocessor line widens: to
 * every test in a library file, to the file's tests in a test file.
 * Returns -1 when it widened to every test. */
static int ptest__impact_mark_hunks(struct ptest__impact_sel *s,
                                    const struct ptest__impact_change *c, uint32_t id,
                                    int old, int test_file)
{
    size_t i;
    for (i = 0; i < PTEST__IMPACT_COUNT(c->hunks, struct ptest__impact_hunk); i++) {
        const struct ptest__impact_hunk *h = &PTEST__IMPACT_AT(c->hunks, struct ptest__impact_hunk, i);
        unsigned long at = old ? h->a : h->c, n = old ? h->b : h->d, line;
        int gap = n == 0, inside = 1;
        if (h->trivial)
            continue; /* blank and comment lines change nothing */
        for (line = at; line < at + (gap ? 1 : n) && inside; line++)
            inside = ptest__impact_in_code(&s->map, id, line, gap);
        if (inside && !h->directive) {
            ptest__impact_span_add(ptest__impact_by_lines(&s->map, id, h, at, n) ? &s->hotl : &s->hot,
                                   id, (uint32_t)at, (uint32_t)(gap ? at + 1 : at + n - 1));
        } else if (test_file) {
            ptest__impact_span_add(&s->hot, id, 0, PTEST__LINE_MAX_U32);
        } else {
            ptest__buf_printf(&s->wide, "%s:%lu: %s", c->path, at,
                              h->directive ? "a preprocessor line changed"
                                           : "a line outside every function changed "
                                             "(a global, a type or a declaration)");
            return -1;
        }
    }
    return 0;
}

/* Decides for one changed file: widen, or mark its changed lines. */
static void ptest__impact_classify(struct ptest__impact_sel *s, const struct ptest__run *run,
                                   struct ptest__impact_change *c)
{
    size_t i, nf = PTEST__IMPACT_COUNT(s->map.files, struct ptest__impact_file);
    int test_file = ptest__impact_defines_tests(run, c->path, s->top), known = 0, usable = 0;
    if (ptest__impact_is_header(c->path)) {
        ptest__buf_printf(&s->wide, "%s changed: a header (its macros, types, globals and "
                                    "inline functions reach code that never ran its lines)",
                          c->path);
        return;
    }
    if (!c->whole)
        ptest__impact_change_hashes(s, c);
    for (i = 0; i < nf && !s->wide.len; i++) {
        struct ptest__impact_file *f = &PTEST__IMPACT_AT(s->map.files, struct ptest__impact_file, i);
        int old;
        if (strcmp(f->path, c->path) != 0)
            continue;
        f->changed = 1;
        known = 1;
        if (c->whole) {
            ptest__impact_span_add(&s->hot, (uint32_t)i, 0, PTEST__LINE_MAX_U32);
            usable = f->usable = 1;
            continue;
        }
        old = f->hash == c->rev_hash;
        if (!old && f->hash != c->wt_hash)
            continue; /* a version neither at REV nor here: its tests are stale */
        usable = f->usable = 1;
        ptest__impact_mark_hunks(s, c, (uint32_t)i, old, test_file);
    }
    if (s->wide.len || test_file)
        return;
    if (!known && ptest__impact_declared_data(run, c->path, s->top))
        return; /* a DATA_FILE: the tests declaring it are selected by name */
    if (c->whole && s->rev)
        ptest__buf_printf(&s->wide, "%s: new (untracked) or binary: its globals may reach "
                                    "code that never ran its lines", c->path);
    else if (!known)
        ptest__buf_printf(&s->wide, "%s changed: it is in no map and defines no test "
                                    "(a new, build or data file, or one never executed)",
                          c->path);
    else if (!usable)
        ptest__buf_printf(&s->wide, "%s changed: the map knows it only at another version "
                                    "(record again at %s or in the work tree)",
                          c->path, s->rev ? s->rev : "HEAD");
}

/* Whether the test file changed: worked out once a file, not once a test
 * (100,000 tests are in a few dozen files). */
static int ptest__impact_test_file_changed(struct ptest__impact_sel *s, const char *file)
{
    struct ptest__impact_tf tf;
    size_t i;
    for (i = 0; i < PTEST__IMPACT_COUNT(s->test_files, struct ptest__impact_tf); i++)
        if (PTEST__IMPACT_AT(s->test_files, struct ptest__impact_tf, i).file == file)
            return PTEST__IMPACT_AT(s->test_files, struct ptest__impact_tf, i).changed;
    tf.file = file;
    tf.changed = 0;
    for (i = 0; i < PTEST__IMPACT_COUNT(s->changes, struct ptest__impact_change) && !tf.changed; i++)
        tf.changed = ptest__impact_same_file(
            file, PTEST__IMPACT_AT(s->changes, struct ptest__impact_change, i).path, s->top);
    ptest__buf_add(&s->test_files, &tf, sizeof tf);
    return tf.changed;
}

/* Whether a DATA_FILE of test is among the changed files. */
static int ptest__impact_reads_changed(const struct ptest__impact_sel *s,
                                       const struct ptest__test *test)
{
    size_t i, j;
    for (i = 0; i < test->option_count; i++) {
        if (test->options[i].kind != PTEST__OPT_DATA_FILE)
            continue;
        for (j = 0; j < PTEST__IMPACT_COUNT(s->changes, struct ptest__impact_change); j++)
            if (ptest__impact_same_file(test->options[i].text,
                                        PTEST__IMPACT_AT(s->changes, struct ptest__impact_change, j).path,
                                        s->top))
                return 1;
    }
    return 0;
}

/* Finds a test's map entry by key (linear: the map is read once a run). */
static const struct ptest__impact_test *ptest__impact_find(const struct ptest__impact_sel *s,
                                                           const char *key, size_t *guess)
{
    size_t i, n = PTEST__IMPACT_COUNT(s->map.tests, struct ptest__impact_test);
    for (i = 0; i < n; i++) {
        size_t k = (*guess + i) % n;
        const struct ptest__impact_test *t = &PTEST__IMPACT_AT(s->map.tests, struct ptest__impact_test, k);
        if (strcmp(t->key, key) == 0) {
            *guess = k + 1;
            return t;
        }
    }
    return NULL;
}

/* Why case c is selected (PTEST__WHY_NOT: it is not); where is the
 * changed line it executed, for --affected-explain. */
static int ptest__impact_why(struct ptest__impact_sel *s, const struct ptest__case *c, size_t *guess,
                             struct ptest__impact_span *where)
{
    const struct ptest__impact_test *t;
    size_t i, j, nh = PTEST__IMPACT_COUNT(s->hot, struct ptest__impact_span);
    int stale = 0;
    size_t nl = PTEST__IMPACT_COUNT(s->hotl, struct ptest__impact_span);
    if (s->wide.len)
        return PTEST__WHY_ALL;
    if (ptest__impact_test_file_changed(s, c->test->file))
        return PTEST__WHY_DEFINED;
    if (ptest__impact_reads_changed(s, c->test))
        return PTEST__WHY_DATA;
    t = ptest__impact_find(s, c->key, guess);
    if (!t || t->state == PTEST__IMPACT_NONE)
        return PTEST__WHY_NO_MAP;
    if (t->state == PTEST__IMPACT_PARTIAL)
        return PTEST__WHY_PARTIAL;
    for (i = 0; i < t->count; i++) {
        const struct ptest__impact_span *r = &PTEST__IMPACT_AT(s->map.spans, struct ptest__impact_span, t->first + i);
        const struct ptest__impact_file *f = &PTEST__IMPACT_AT(s->map.files, struct ptest__impact_file, r->file);
        if (!f->changed)
            continue;
        if (!f->usable) { /* recorded at a version neither at REV nor here */
            stale = 1;
            continue;
        }
        for (j = 0; j < nh; j++) {
            const struct ptest__impact_span *h = &PTEST__IMPACT_AT(s->hot, struct ptest__impact_span, j);
            if (h->file == r->file && h->lo <= r->hi && r->lo <= h->hi) {
                *where = *h;
                if (where->lo < r->lo)
                    where->lo = r->lo;
                return PTEST__WHY_LINES;
            }
        }
    }
    /* hunks lines can tell: the lines it ran (without blocks, its functions') */
    for (i = 0; i < (t->fine ? t->lcount : t->count) && nl; i++) {
        const struct ptest__impact_span *r =
            t->fine ? &PTEST__IMPACT_AT(s->map.lines, struct ptest__impact_span, t->lfirst + i)
                    : &PTEST__IMPACT_AT(s->map.spans, struct ptest__impact_span, t->first + i);
        for (j = 0; j < nl; j++) {
            const struct ptest__impact_span *h = &PTEST__IMPACT_AT(s->hotl, struct ptest__impact_span, j);
            if (h->file == r->file && h->lo <= r->hi && r->lo <= h->hi) {
                *where = *h;
                if (where->lo < r->lo)
                    where->lo = r->lo;
                return PTEST__WHY_LINES;
            }
        }
    }
    return stale ? PTEST__WHY_STALE : PTEST__WHY_NOT;
}

static const char *const ptest__impact_reasons[PTEST__WHY_COUNT] = {
    "deselected: executed none of the changed lines",
    "executed a changed line",
    "defined in a changed file",
    "reads a changed DATA_FILE",
    "no map (never recorded; or it crashed, timed out, or is a death test)",
    "partial map (it left a thread or process running, or a run or test did not pass)",
    "map of another version of a changed file",
    "every test",
};

/* The changes --affected-files names: each file wholly. */
static void ptest__impact_named_changes(struct ptest__impact_sel *s, const struct ptest__config *cfg)
{
    size_t i;
    for (i = 0; i < cfg->affected_file_count; i++) {
        const char *p = cfg->affected_files[i];
        while (*p) { /* a comma-separated list */
            size_t n = strcspn(p, ",");
            char *name = ptest__xstrndup(p, n), *norm = ptest__impact_norm(name, s->top);
            if (*norm)
                ptest__impact_change_add(s, norm, strlen(norm))->whole = 1;
            free(norm);
            free(name);
            p += n + (p[n] == ',');
        }
    }
}

/* One note line per reason, and with --affected-explain one per test. */
static void ptest__impact_notes(struct ptest__run *run, const struct ptest__impact_sel *s,
                                const size_t *counts, size_t before, struct ptest__buf *explain)
{
    size_t from = run->notes.len;
    int why;
    ptest__buf_printf(&run->notes, "%s: %lu of %lu tests selected", s->flag,
                      (unsigned long)run->selected, (unsigned long)before);
    if (s->wide.len)
        ptest__buf_printf(&run->notes, ": every test, because %s\n", s->wide.data);
    else if (!PTEST__IMPACT_COUNT(s->changes, struct ptest__impact_change))
        ptest__buf_puts(&run->notes, ": nothing changed\n");
    else
        ptest__buf_puts(&run->notes, "\n");
    for (why = PTEST__WHY_LINES; why < PTEST__WHY_ALL && !s->wide.len; why++)
        if (counts[why])
            ptest__buf_printf(&run->notes, "  %lu %s\n", (unsigned long)counts[why],
                              ptest__impact_reasons[why]);
    if (!s->have_map && !s->wide.len)
        ptest__buf_printf(&run->notes, "  (no impact map in %s/v1: record one with "
                                       "--impact-record)\n", run->cfg.cache_dir);
    if (explain->len)
        ptest__buf_add(&run->notes, explain->data, explain->len);
    /* --collect-only shows no header: say it on stderr, stdout keeps the ids */
    if (run->cfg.collect_only && (run->cfg.verbose >= 0 || run->cfg.affected_explain))
        fputs(run->notes.data + from, stderr);
}

static void ptest__impact_sel_free(struct ptest__impact_sel *s)
{
    size_t i;
    for (i = 0; i < PTEST__IMPACT_COUNT(s->changes, struct ptest__impact_change); i++) {
        free(PTEST__IMPACT_AT(s->changes, struct ptest__impact_change, i).path);
        ptest__buf_free(&PTEST__IMPACT_AT(s->changes, struct ptest__impact_change, i).hunks);
    }
    ptest__buf_free(&s->changes);
    ptest__buf_free(&s->test_files);
    ptest__buf_free(&s->hot);
    ptest__buf_free(&s->hotl);
    ptest__buf_free(&s->wide);
    ptest__impact_map_free(&s->map);
    free(s->top);
}

/* Keeps the selected tests the change can reach (see the reasons above);
 * --affected-explain says why for each. */
static void ptest__impact_filter(struct ptest__run *run, struct ptest__impact_sel *s)
{
    struct ptest__buf explain = {NULL, 0, 0};
    size_t counts[PTEST__WHY_COUNT] = {0}, i, n = 0, guess = 0, before = run->selected;
    for (i = 0; i < run->selected; i++) {
        const struct ptest__case *c = &run->reg.cases[run->order[i]];
        struct ptest__impact_span where = {0, 0, 0};
        int why = s->have_map || s->wide.len ? ptest__impact_why(s, c, &guess, &where)
                                             : PTEST__WHY_NO_MAP;
        if (!s->wide.len && !PTEST__IMPACT_COUNT(s->changes, struct ptest__impact_change))
            why = PTEST__WHY_NOT; /* nothing changed: nothing to run, map or not */
        counts[why]++;
        if (run->cfg.affected_explain) {
            ptest__buf_printf(&explain, "  %s: %s", c->id, ptest__impact_reasons[why]);
            if (why == PTEST__WHY_LINES)
                ptest__buf_printf(&explain, " (%s:%lu)",
                                  PTEST__IMPACT_AT(s->map.files, struct ptest__impact_file, where.file).path,
                                  (unsigned long)(where.lo ? where.lo : 1));
            ptest__buf_add(&explain, "\n", 1);
        }
        if (why != PTEST__WHY_NOT)
            run->order[n++] = run->order[i];
    }
    run->selected = n;
    ptest__impact_notes(run, s, counts, before, &explain);
    ptest__buf_free(&explain);
}

/* --affected=REV, --affected-files: trims run->order. -1 with a message
 * in err for a usage error (git missing, REV unknown). */
static int ptest__affected_plan(struct ptest__run *run, struct ptest__buf *err)
{
    struct ptest__impact_sel s;
    size_t i;
    if (!run->cfg.affected_rev && !run->cfg.affected_file_count)
        return 0;
    memset(&s, 0, sizeof s);
    s.rev = run->cfg.affected_rev;
    s.flag = s.rev ? "--affected" : "--affected-files";
    s.top = ptest__impact_git_top();
    if (s.rev && !s.top) {
        ptest__buf_printf(err, "--affected=%s: needs git and a git work tree here", s.rev);
        return -1;
    }
    if (s.rev ? ptest__impact_git_changes(&s, &run->cfg, err) != 0 : (ptest__impact_named_changes(&s, &run->cfg), 0)) {
        ptest__impact_sel_free(&s);
        return -1;
    }
    s.have_map = ptest__impact_load(&run->cfg, &s.map) == 0 &&
                 PTEST__IMPACT_COUNT(s.map.tests, struct ptest__impact_test) > 0;
    for (i = 0; i < PTEST__IMPACT_COUNT(s.changes, struct ptest__impact_change) && !s.wide.len; i++)
        ptest__impact_classify(&s, run, &PTEST__IMPACT_AT(s.changes, struct ptest__impact_change, i));
    ptest__impact_filter(run, &s);
    ptest__impact_sel_free(&s);
    return 0;
}
#else
static int ptest__affected_plan(struct ptest__run *run, struct ptest__buf *err)
{
    if (!run->cfg.affected_rev && !run->cfg.affected_file_count && !run->cfg.impact_record)
        return 0;
    ptest__buf_puts(err, "--affected, --affected-files and --impact-record need a POSIX "
                         "system (git, binutils)");
    return -1;
}
#define ptest__impact_prepare(run, err) 0
#define ptest__impact_save(run) ((void)0)
#endif /* PTEST__POSIX */

/* ------------------------------------------------------------------------
 * Workers: hygiene
 *
 * What a process that runs tests puts back after each test, as it was
 * before the first: descriptors, children, signal handlers and mask,
 * timers, resource limits, the environment, the locale, the working
 * directory; what it finds changed is a warning on the test. Also the
 * quiet check (Linux, x86-64): a test's stray system calls trapped
 * through syscall user dispatch. Used by the fork pool's workers and the
 * inline runner; it knows nothing of slots, pools or pipes. POSIX and
 * Windows halves.
 * ------------------------------------------------------------------------ */

/* What a process running tests puts back after each test, as it was
 * before the first, and what it knows to notice leaks. */
#if defined(PTEST__POSIX)
#define PTEST__HYGIENE_FDS 256
#define PTEST__HYGIENE_SIGNALS 65 /* 1..64: the lines of /proc/self/status */
#define PTEST__HYGIENE_LIMITS 16  /* room for ptest__limits */
struct ptest__hygiene {
    int cwd_fd;             /* its working directory, or -1 */
    char *cwd_path;         /* the same, to reopen if a test closed cwd_fd */
    mode_t umask;
    sigset_t mask;
    int status_fd;          /* Linux: /proc/self/status, or -1 */
    struct ptest__proc_status status; /* what it said before the test */
    struct sigaction actions[PTEST__HYGIENE_SIGNALS];
    int free_fd;            /* the lowest free descriptor before the test */
    int fds[PTEST__HYGIENE_FDS]; /* the descriptors open before it */
    int fd_count;
    long *keep;             /* children the fixtures started, left alone */
    size_t keep_len;
    int unlisted_said;      /* warned of children it cannot list */
    int retire;             /* a test left threads: the worker should go */
    char **env;             /* environ as it was (our copy, kept for good) */
    char **env_seen;        /* the pointers environ held then, to compare */
    size_t env_count;
    char **env_installed;   /* the array we last made environ, or NULL */
    char *locale;           /* setlocale(LC_ALL, NULL) then */
    struct rlimit limits[PTEST__HYGIENE_LIMITS]; /* as ptest__limits lists */
    unsigned limits_known;  /* a bit for each one getrlimit() read */
    int limits_fd;          /* Linux: /proc/self/limits, or -1 */
    char limits_text[2048]; /* what it said then */
    size_t limits_len;      /* 0: nothing to compare with */
};
#else
struct ptest__hygiene {
    char cwd[MAX_PATH + 1]; /* its working directory, or "" */
};
#endif

/* ThreadSanitizer and MemorySanitizer run a signal's handler from their
 * own, which makes system calls: the trap below would trap itself. */
#if defined(__SANITIZE_THREAD__)
#define PTEST__WRAPPED_SIGNALS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define PTEST__WRAPPED_SIGNALS 1
#endif
#endif
#if defined(PTEST__LINUX) && defined(__x86_64__) && defined(REG_RIP) && \
    defined(SA_SIGINFO) && !defined(PTEST__WRAPPED_SIGNALS)
#define PTEST__QUIET_CHECK 1
#endif

#if defined(PTEST__QUIET_CHECK)
/* Whether a test made a system call at all, known for free. Everything
 * the worker hygiene checks but the environment and the locale (timers,
 * working directory, umask, signal mask and dispositions, threads,
 * children, descriptors, output) is kernel state that only a system call
 * changes; reading it back costs a dozen calls, one of them the render
 * of /proc/self/status (7 to 20 us, more than a trivial test and the
 * rest of its dispatch together). So the worker runs each test with
 * Linux's syscall user dispatch (5.11+) set to block: the test's first
 * system call raises SIGSYS, whose handler notes it, allows system calls
 * and makes the same call again, natively (the kernel has put its number
 * back in rax; the syscall instruction is 2 bytes). A test that made
 * none skips the checks that could not find anything; any other gets all
 * of them, as before, for a signal's cost more (2 to 3 us). Elsewhere,
 * under valgrind, or where the prctl is refused (before 5.11), every
 * test gets them all. */
#if !defined(PR_SET_SYSCALL_USER_DISPATCH)
#define PR_SET_SYSCALL_USER_DISPATCH 59
#endif
#if !defined(PR_SYS_DISPATCH_ON)
#define PR_SYS_DISPATCH_ON 1
#endif

#if !defined(SYS_USER_DISPATCH)
#define SYS_USER_DISPATCH 2 /* si_code of the dispatch's SIGSYS */
#endif
static volatile char ptest__quiet_selector; /* 0: allow, 1: block */
static volatile sig_atomic_t ptest__quiet_trapped;
static int ptest__quiet_on;

static void ptest__quiet_trap(int sig, siginfo_t *info, void *context)
{
    ucontext_t *uc = (ucontext_t *)context;
    ptest__quiet_selector = 0;
    if (info->si_code != SYS_USER_DISPATCH) {
        /* seccomp's, or sent: the default, death by SIGSYS, once this
         * handler returns */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    ptest__quiet_trapped = 1;
    uc->uc_mcontext.gregs[REG_RIP] -= 2;
}

/* Turns the dispatch on, blocking nothing yet, with the trap as SIGSYS's
 * handler; 0 if the system refuses. */
static int ptest__quiet_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_sigaction = ptest__quiet_trap;
    sa.sa_flags = SA_SIGINFO;
    ptest__quiet_selector = 0;
    if (sigaction(SIGSYS, &sa, NULL) != 0)
        return 0;
    if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, 0L, 0L,
              &ptest__quiet_selector) == 0)
        return 1;
    signal(SIGSYS, SIG_DFL);
    return 0;
}

/* Under valgrind: it hands the prctl to the kernel, whose traps then hit
 * its own system calls and kill the worker. Its preload library says so. */
static int ptest__quiet_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "vgpreload") != NULL;
}

/* Worker, after WORKER_SETUP and before it saves the state its hygiene
 * restores (the trap is part of it). Not when the set-up blocked SIGSYS
 * (the kernel would then kill the worker with it) or handles it itself
 * (seccomp's traps are its), nor under valgrind. */
static void ptest__quiet_start(void)
{
    struct sigaction was;
    sigset_t mask;
    ptest__quiet_on = !ptest__quiet_valgrind() &&
                      sigprocmask(SIG_BLOCK, NULL, &mask) == 0 &&
                      !sigismember(&mask, SIGSYS) &&
                      sigaction(SIGSYS, NULL, &was) == 0 &&
                      !(was.sa_flags & SA_SIGINFO) && was.sa_handler == SIG_DFL &&
                      ptest__quiet_install();
}

/* In a child the worker forked to run a test in (--forked): the dispatch
 * is not inherited, the handler and ptest__quiet_on are. */
static void ptest__quiet_forked(void)
{
    if (ptest__quiet_on)
        ptest__quiet_on = ptest__quiet_install();
}

/* Puts the trap back if a test replaced it with a handler of its own (the
 * dispositions check sees a signal that was caught and still is as
 * unchanged); after a test that made system calls. */
static void ptest__quiet_keep(void)
{
    struct sigaction now;
    if (ptest__quiet_on && sigaction(SIGSYS, NULL, &now) == 0 &&
        (!(now.sa_flags & SA_SIGINFO) || now.sa_sigaction != ptest__quiet_trap))
        ptest__quiet_on = ptest__quiet_install();
}

/* Before the test: its first system call will be noticed. */
static void ptest__quiet_begin(void)
{
    ptest__quiet_trapped = 0;
    ptest__quiet_selector = (char)ptest__quiet_on;
}

/* After it (and after flushing its stdio buffers, which would write):
 * allows system calls again; 1 if the test made none. */
static int ptest__quiet_end(void)
{
    ptest__quiet_selector = 0;
    return ptest__quiet_on && !ptest__quiet_trapped;
}
#else
static void ptest__quiet_start(void)
{
}

#if defined(PTEST__POSIX)
static void ptest__quiet_forked(void)
{
}

static void ptest__quiet_keep(void)
{
}
#endif

static void ptest__quiet_begin(void)
{
}

static int ptest__quiet_end(void)
{
    return 0;
}
#endif

#if defined(PTEST__POSIX)
/* Worker hygiene. After each test the process puts back its working
 * directory, umask, signal mask, every signal's disposition and its
 * resource limits, and notices descriptors and child processes the test
 * left behind (reported as warnings; the children are killed). About ten
 * system calls a test: on Linux one read of /proc/self/status shows the
 * umask, the mask and which signals are ignored or caught, and one of
 * /proc/self/limits whether a limit changed, so only what changed is
 * restored (elsewhere, a getrlimit a limit); none after a test that made
 * none (ptest__quiet_begin).
 * Not noticed: a handler replaced by another for a signal that was
 * already caught (the worker's own SIGTERM). */

static int ptest__env_holds(const char *string)
{
    char **e;
    for (e = environ; e && *e; e++)
        if (*e == string)
            return 1;
    return 0;
}

/* Frees our earlier copy of the environment, but the strings environ
 * still holds (a test may have kept some of ours). */
static void ptest__hygiene_free_env(struct ptest__hygiene *h)
{
    size_t i;
    for (i = 0; h->env && i < h->env_count; i++)
        if (!ptest__env_holds(h->env[i]))
            free(h->env[i]);
    free(h->env);
    free(h->env_seen);
    h->env = h->env_seen = NULL;
    if (h->env_installed && h->env_installed != environ) {
        free(h->env_installed);
        h->env_installed = NULL;
    }
}

/* Takes a copy of the environment to put back, and its pointers to
 * notice a change by (setenv and putenv change them; no system call). */
static void ptest__hygiene_save_env(struct ptest__hygiene *h)
{
    size_t i, n = 0;
    while (environ && environ[n])
        n++;
    ptest__hygiene_free_env(h);
    h->env = (char **)ptest__xcalloc(n + 1, sizeof *h->env);
    h->env_seen = (char **)ptest__xcalloc(n + 1, sizeof *h->env_seen);
    for (i = 0; i < n; i++) {
        h->env[i] = ptest__xstrdup(environ[i]);
        h->env_seen[i] = environ[i];
    }
    h->env_count = n;
}

static int ptest__env_changed(const struct ptest__hygiene *h)
{
    size_t i;
    if (!environ)
        return h->env_count > 0;
    for (i = 0; i < h->env_count; i++)
        if (environ[i] != h->env_seen[i])
            return 1;
    return environ[h->env_count] != NULL;
}

/* Puts the environment back as it was before the test, as an array and strings of its own: what the test's
 * setenv allocated is not ours to free. */
static void ptest__hygiene_env(struct ptest__hygiene *h)
{
    char **fresh;
    if (!ptest__env_changed(h))
        return; /* the common case: a pointer compare per variable */
    fresh = (char **)ptest__xcalloc(h->env_count + 1, sizeof *fresh);
    memcpy(fresh, h->env, h->env_count * sizeof *fresh);
    environ = fresh;
    free(h->env_installed); /* no longer environ: setenv made its own, or we */
    h->env_installed = fresh;
    memcpy(h->env_seen, fresh, h->env_count * sizeof *fresh);
}

/* A test's setlocale would change how every later test formats numbers:
 * put it back (a string compare when nothing changed). */
static void ptest__hygiene_locale(const struct ptest__hygiene *h)
{
    const char *now = setlocale(LC_ALL, NULL);
    if (h->locale && now && strcmp(now, h->locale) != 0)
        setlocale(LC_ALL, h->locale);
}

/* The resource limits a test may lower (setrlimit) that a later test in
 * the same process would trip over: a file size limit of 0 kills the next
 * test that writes a file (SIGXFSZ), a few descriptors fail its fopen(). */
static const struct {
    int resource;
    const char *name;
} ptest__limits[] = {
    {RLIMIT_AS, "RLIMIT_AS"},         {RLIMIT_CORE, "RLIMIT_CORE"},
    {RLIMIT_CPU, "RLIMIT_CPU"},       {RLIMIT_DATA, "RLIMIT_DATA"},
    {RLIMIT_FSIZE, "RLIMIT_FSIZE"},   {RLIMIT_NOFILE, "RLIMIT_NOFILE"},
    {RLIMIT_STACK, "RLIMIT_STACK"},
#if defined(RLIMIT_NPROC)
    {RLIMIT_NPROC, "RLIMIT_NPROC"},
#endif
#if defined(RLIMIT_MEMLOCK)
    {RLIMIT_MEMLOCK, "RLIMIT_MEMLOCK"},
#endif
#if defined(RLIMIT_SIGPENDING)
    {RLIMIT_SIGPENDING, "RLIMIT_SIGPENDING"},
#endif
#if defined(RLIMIT_MSGQUEUE)
    {RLIMIT_MSGQUEUE, "RLIMIT_MSGQUEUE"},
#endif
#if defined(RLIMIT_LOCKS)
    {RLIMIT_LOCKS, "RLIMIT_LOCKS"},
#endif
};

/* The text of /proc/self/limits (Linux): its length, or 0 when it could
 * not be read whole. */
static size_t ptest__hygiene_limits_text(int fd, char *text, size_t size)
{
    ssize_t n = fd >= 0 ? pread(fd, text, size, 0) : -1;
    return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

static void ptest__hygiene_save_limits(struct ptest__hygiene *h)
{
    size_t i;
    h->limits_len = ptest__hygiene_limits_text(h->limits_fd, h->limits_text,
                                               sizeof h->limits_text);
    h->limits_known = 0;
    for (i = 0; i < sizeof ptest__limits / sizeof ptest__limits[0]; i++)
        if (getrlimit(ptest__limits[i].resource, &h->limits[i]) == 0)
            h->limits_known |= 1u << i;
}

/* Puts back the limits a test changed, each a warning. A hard limit it
 * lowered only a privileged process can raise again: the soft one is put
 * as near as it goes, that becomes the state to keep (so that no later
 * test is blamed for it), and the worker retires (a fresh one has the
 * run's). */
static void ptest__hygiene_limits(struct ptest__hygiene *h, struct ptest__buf *warn)
{
    char text[sizeof h->limits_text];
    size_t i, len;
    errno = 0;
    len = ptest__hygiene_limits_text(h->limits_fd, text, sizeof text);
    if (len && len == h->limits_len && memcmp(text, h->limits_text, len) == 0)
        return; /* one read shows that none changed */
    if (!len && errno == EBADF) /* the test closed it: open it again */
        h->limits_fd = ptest__os_high_fd(ptest__os_open_limits());
    for (i = 0; i < sizeof ptest__limits / sizeof ptest__limits[0]; i++) {
        const struct rlimit *was = &h->limits[i];
        struct rlimit now;
        if (!(h->limits_known & (1u << i)) ||
            getrlimit(ptest__limits[i].resource, &now) != 0 ||
            (now.rlim_cur == was->rlim_cur && now.rlim_max == was->rlim_max))
            continue;
        if (setrlimit(ptest__limits[i].resource, was) == 0) {
            ptest__buf_printf(warn, "changed %s (setrlimit); ptest put it back\n",
                              ptest__limits[i].name);
            continue;
        }
        now.rlim_cur = was->rlim_cur < now.rlim_max ? was->rlim_cur : now.rlim_max;
        if (setrlimit(ptest__limits[i].resource, &now) == 0)
            h->limits[i] = now;
        ptest__buf_printf(warn, "lowered the hard %s (setrlimit), which only a "
                                "privileged process can raise again\n",
                          ptest__limits[i].name);
        h->retire = 1;
    }
    /* as they are now that they are put back: the next test's baseline */
    h->limits_len = ptest__hygiene_limits_text(h->limits_fd, h->limits_text,
                                               sizeof h->limits_text);
}

static void ptest__hygiene_save_fds(struct ptest__hygiene *h)
{
    h->fd_count = ptest__os_open_fds(h->fds, PTEST__HYGIENE_FDS);
    h->free_fd = ptest__os_lowest_free_fd();
}

/* What a set-up leaves (files, variables, a server it started) is not a
 * test's leak: taken as the state to keep, once WORKER_SETUP has run and
 * after each SUITE_SETUP. */
static void ptest__hygiene_rebase(void *arg)
{
    struct ptest__hygiene *h = (struct ptest__hygiene *)arg;
    ptest__hygiene_save_env(h);
    ptest__hygiene_save_fds(h);
    ptest__hygiene_save_limits(h);
    free(h->keep);
    h->keep = ptest__os_children(&h->keep_len);
}

/* Records the state to restore. */
static void ptest__hygiene_save(struct ptest__hygiene *h)
{
    const char *locale;
    int sig;
    char cwd[4096];
    h->cwd_fd = ptest__os_high_fd(open(".", O_RDONLY | O_CLOEXEC));
    h->cwd_path = getcwd(cwd, sizeof cwd) ? ptest__xstrdup(cwd) : NULL;
    h->umask = umask(022);
    umask(h->umask);
    sigprocmask(SIG_SETMASK, NULL, &h->mask);
    for (sig = 1; sig < PTEST__HYGIENE_SIGNALS; sig++)
        if (sigaction(sig, NULL, &h->actions[sig]) != 0)
            h->actions[sig].sa_handler = SIG_DFL;
    h->status_fd = ptest__os_high_fd(ptest__os_open_status());
    if (h->status_fd >= 0 && ptest__os_proc_status(h->status_fd, &h->status) != 0) {
        close(h->status_fd);
        h->status_fd = -1;
    }
    h->limits_fd = ptest__os_high_fd(ptest__os_open_limits());
    locale = setlocale(LC_ALL, NULL);
    h->locale = locale ? ptest__xstrdup(locale) : NULL;
    ptest__hygiene_rebase(h);
}

/* Reads the thread count again, for up to 63 ms, while it is above the
 * test's start: a thread that pthread_join() has returned for may still
 * be counted for a moment (the kernel wakes the joiner before the thread
 * is gone; under qemu-user the emulator ends its host thread well after
 * the guest's join). A thread that a test left running is still counted
 * after the wait, so the check finds it as before. */
static void ptest__hygiene_settle_threads(struct ptest__hygiene *h,
                                          struct ptest__proc_status *now)
{
    int ms;
    for (ms = 1; now->threads > h->status.threads && ms <= 32; ms *= 2) {
        poll(NULL, 0, ms);
        if (ptest__os_proc_status(h->status_fd, now) != 0)
            return;
    }
}

/* Puts back the umask, mask and dispositions that changed (Linux), or the
 * umask, mask and the common dispositions (elsewhere); says in warn when
 * the test left threads running (they cannot be stopped from outside). */
static void ptest__hygiene_restore_signals(struct ptest__hygiene *h,
                                           struct ptest__buf *warn)
{
    struct ptest__proc_status now;
    uint64_t changed;
    int sig, read;
    errno = 0;
    read = ptest__os_proc_status(h->status_fd, &now);
    if (read != 0 && h->status_fd >= 0 && errno == EBADF) {
        /* the test closed it (closing every descriptor): open it again */
        h->status_fd = ptest__os_high_fd(ptest__os_open_status());
        read = ptest__os_proc_status(h->status_fd, &now);
    }
    if (read == 0) {
        if (now.umask != h->status.umask)
            umask(h->status.umask);
        if (now.blocked != h->status.blocked)
            sigprocmask(SIG_SETMASK, &h->mask, NULL);
        changed = (now.ignored ^ h->status.ignored) | (now.caught ^ h->status.caught);
        for (sig = 1; changed && sig < PTEST__HYGIENE_SIGNALS; sig++)
            if (changed & ((uint64_t)1 << (sig - 1)))
                sigaction(sig, &h->actions[sig], NULL);
        if (now.threads > h->status.threads)
            ptest__hygiene_settle_threads(h, &now);
        if (now.threads > h->status.threads) {
            ptest__buf_printf(warn, "left %ld thread%s running\n",
                              now.threads - h->status.threads,
                              now.threads - h->status.threads == 1 ? "" : "s");
            h->retire = 1; /* they would run on under the next tests */
        }
        h->status.threads = now.threads; /* said once */
        return;
    }
    /* no /proc to tell what changed: put everything back (a system call
     * a signal) */
    umask(h->umask);
    sigprocmask(SIG_SETMASK, &h->mask, NULL);
    for (sig = 1; sig < PTEST__HYGIENE_SIGNALS; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            sigaction(sig, &h->actions[sig], NULL);
}

static int ptest__fd_was_open(const struct ptest__hygiene *h, int fd)
{
    int i;
    for (i = 0; i < h->fd_count; i++)
        if (h->fds[i] == fd)
            return 1;
    return 0;
}

/* The descriptors a test left open, named, into warn; they stay open (a
 * library may hold them) and are not reported again. */
static void ptest__hygiene_fds(struct ptest__hygiene *h, struct ptest__buf *warn)
{
    int now[PTEST__HYGIENE_FDS], n, i, leaked = 0;
    char target[256];
    struct ptest__buf list = {NULL, 0, 0};
    if (h->free_fd < 0 || fcntl(h->free_fd, F_GETFD) == -1)
        return; /* the common case: one system call */
    n = ptest__os_open_fds(now, PTEST__HYGIENE_FDS);
    for (i = 0; i < n; i++) {
        if (ptest__fd_was_open(h, now[i]))
            continue;
        ptest__os_fd_target(now[i], target, sizeof target);
        ptest__buf_printf(&list, "%s%d%s%s%s", leaked++ ? ", " : "", now[i],
                          target[0] ? " (" : "", target, target[0] ? ")" : "");
    }
    if (leaked)
        ptest__buf_printf(warn, "left %d file descriptor%s open: %s\n", leaked,
                          leaked == 1 ? "" : "s", list.data);
    ptest__buf_free(&list);
    ptest__hygiene_save_fds(h);
}

/* Child processes a test left (running or not yet reaped; not those a
 * fixture started): killed, reaped and said in warn. One system call when
 * there are none and no fixture keeps any. Where children cannot be
 * listed (no /proc), the worker retires and they go with its group. */
static void ptest__hygiene_children(struct ptest__hygiene *h, struct ptest__buf *warn)
{
    int left = 0;
    pid_t pid = 0;
    if (!h->keep_len) {
        pid = waitpid(-1, NULL, WNOHANG);
        if (pid < 0)
            return; /* no children at all */
        left = pid > 0;
    }
    left += ptest__os_kill_children(h->keep, h->keep_len);
    while (!h->keep_len && waitpid(-1, NULL, WNOHANG) > 0)
        left++;
    if (left > 0) {
        ptest__buf_printf(warn, "left %d child process%s behind; ptest killed %s\n",
                          left, left == 1 ? "" : "es", left == 1 ? "it" : "them");
    } else if (pid == 0 && !h->keep_len && !h->unlisted_said) {
        ptest__buf_puts(warn, "left child processes running that cannot be listed "
                              "here; they are stopped with the worker\n");
        h->unlisted_said = 1;
        h->retire = 1;
    }
}

static void ptest__hygiene_close(struct ptest__hygiene *h)
{
    if (h->cwd_fd >= 0)
        close(h->cwd_fd);
    if (h->status_fd >= 0)
        close(h->status_fd);
    if (h->limits_fd >= 0)
        close(h->limits_fd);
    free(h->cwd_path);
    ptest__hygiene_free_env(h);
    free(h->locale);
    free(h->keep);
    free(h);
}

/* Stops the interval timer which (ITIMER_VIRTUAL, ITIMER_PROF) if a test
 * left it running, saying so in warn: its signal would kill the process
 * during a later test, which would be blamed. */
static void ptest__hygiene_itimer(int which, const char *name, struct ptest__buf *warn)
{
    struct itimerval off, was;
    memset(&off, 0, sizeof off);
    if (setitimer(which, &off, &was) == 0 &&
        (was.it_value.tv_sec != 0 || was.it_value.tv_usec != 0))
        ptest__buf_printf(warn, "left the %s timer running (setitimer); ptest stopped it\n",
                          name);
}

/* After each test: restores what it changed and says what it leaked
 * (into warn; nothing when it leaked nothing). */
static void ptest__hygiene_restore(struct ptest__hygiene *h, struct ptest__buf *warn,
                                   int quiet)
{
    /* the environment and the locale are memory: changed without a
     * system call */
    ptest__hygiene_env(h);
    ptest__hygiene_locale(h);
    if (quiet)
        return; /* the rest is kernel state, which it did not touch */
    ptest__quiet_keep();
    /* a pending alarm would kill the process during a later test */
    if (alarm(0) > 0)
        ptest__buf_puts(warn, "left an alarm() pending; ptest cancelled it\n");
    ptest__hygiene_itimer(ITIMER_VIRTUAL, "ITIMER_VIRTUAL", warn);
    ptest__hygiene_itimer(ITIMER_PROF, "ITIMER_PROF", warn);
    if (h->cwd_fd >= 0 && fchdir(h->cwd_fd) != 0 && errno == EBADF) {
        /* the test closed it (closing every descriptor): by name, then */
        h->cwd_fd = h->cwd_path && chdir(h->cwd_path) == 0
                        ? ptest__os_high_fd(open(".", O_RDONLY | O_CLOEXEC)) : -1;
    } /* else the directory is gone: the next test keeps the one it chose */
    ptest__hygiene_restore_signals(h, warn);
    /* after those two: when a test closed every descriptor, theirs are
     * reopened first and keep their numbers, which this one's would take */
    ptest__hygiene_limits(h, warn);
    ptest__hygiene_children(h, warn);
    ptest__hygiene_fds(h, warn);
}
#else
static void ptest__hygiene_save(struct ptest__hygiene *h)
{
    if (!_getcwd(h->cwd, (int)sizeof h->cwd))
        h->cwd[0] = '\0';
}

static void ptest__hygiene_close(struct ptest__hygiene *h)
{
    free(h);
}

/* Puts back the working directory a test may have changed; leaks are not
 * looked for on Windows. */
static void ptest__hygiene_rebase(void *arg)
{
    (void)arg;
}

static void ptest__hygiene_restore(struct ptest__hygiene *h, struct ptest__buf *warn,
                                   int quiet)
{
    (void)warn;
    (void)quiet;
    if (h->cwd[0] && _chdir(h->cwd) != 0) {
        /* the directory is gone: the test keeps the one it chose */
    }
}
#endif

/* ------------------------------------------------------------------------
 * Workers: wire protocol and the worker side
 *
 * The fork pool's shared words: messages from a worker to the runner, the
 * claim words of work stealing, a slot (one place in the pool) and the
 * pool. Workers are forked once after collection and stay alive; the
 * runner hands each idle one a batch of case indices over a pipe and
 * reads one message per finished case back. A worker claims each case
 * before it runs it (a case taken back by the runner is skipped), runs
 * it with hygiene around it, and sends passes in bulk, anything else as
 * one framed message. A worker's stdout and stderr are anonymous files
 * rewound after each test, so no amount of output can stall a pipe. Also
 * here: how a POSIX worker is forked, and how it dies loudly.
 * ------------------------------------------------------------------------ */

#define PTEST__MSG_DONE 0x444f4e45u /* "DONE": one case, with its texts */
#define PTEST__MSG_PASSES 0x50415353u /* "PASS": report_len bytes of ptest__pass */
#define PTEST__MSG_READY 0x52454459u  /* "REDY": WORKER_SETUP is done */
#define PTEST__MSG_HOOK 0x484f4f4bu   /* "HOOK": --trace: a set-up or teardown
                                       * ran (index: its kind; reason: suite) */
#define PTEST__FLUSH_AFTER 0.002    /* seconds a pass may wait to be sent */
#define PTEST__KILL_GRACE 1.0       /* seconds between SIGTERM and SIGKILL */
#define PTEST__SETUP_GRACE 1.0      /* for a WORKER_SETUP to end once no work
                                     * is left for its worker */
#define PTEST__QUIT_GRACE 10.0      /* for a worker to exit after its last test */
#define PTEST__CAPTURE_KEEP (16 * 1024) /* head and tail kept of big output */

/* Worker to runner: one per finished case, then its three texts. */
struct ptest__msg {
    uint32_t type;
    int32_t index;
    int32_t outcome;
    int32_t failure_at;
    uint32_t reason_len;
    uint32_t report_len;
    uint32_t out_len;
    uint32_t err_len;
    uint32_t warn_len;
    double duration;
    double started;         /* when the case started (monotonic seconds) */
};

/* Claims: how a test handed to a worker is either run by it or taken back
 * by the runner for another worker (work stealing), never both and never
 * neither. The runner offers each test it writes to the command pipe; the
 * worker claims each before starting it, in order; the runner revokes from
 * the tail of what it handed out, stopping at the first test the worker
 * has claimed. The word's sequence number tells a worker reading a test
 * that was revoked long ago from a newer one in the same ring place. */
enum { PTEST__CLAIM_WAITING = 1, PTEST__CLAIM_STARTED = 2, PTEST__CLAIM_REVOKED = 3 };

static uint32_t ptest__claim_word(uint32_t seq, uint32_t state)
{
    return (seq & 0x3fffffffu) << 2 | state;
}

/* Runner: test number seq of this worker waits for it. */
static void ptest__claim_offer(struct ptest__shared *sh, uint32_t seq)
{
    sh->claims[seq % PTEST__CLAIM_RING] = ptest__claim_word(seq, PTEST__CLAIM_WAITING);
}

/* Worker: claims test number seq before it starts it; 0 when the runner
 * took it back (the worker skips it). */
static int ptest__claim_take(struct ptest__shared *sh, uint32_t seq)
{
    volatile uint32_t *word = &sh->claims[seq % PTEST__CLAIM_RING];
#if defined(PTEST__CAS)
    return PTEST__CAS(word, ptest__claim_word(seq, PTEST__CLAIM_WAITING),
                      ptest__claim_word(seq, PTEST__CLAIM_STARTED));
#else
    *word = ptest__claim_word(seq, PTEST__CLAIM_STARTED); /* nothing revokes */
    return 1;
#endif
}

/* Runner: takes test number seq back from its worker; 0 when the worker
 * has started it (or no swap exists here: then nothing is taken back). */
static int ptest__claim_revoke(struct ptest__shared *sh, uint32_t seq)
{
#if defined(PTEST__CAS)
    return PTEST__CAS(&sh->claims[seq % PTEST__CLAIM_RING],
                      ptest__claim_word(seq, PTEST__CLAIM_WAITING),
                      ptest__claim_word(seq, PTEST__CLAIM_REVOKED));
#else
    (void)sh;
    (void)seq;
    return 0;
#endif
}

/* The life of a slot's worker, as the runner sees it. A worker starts in
 * SETUP when a WORKER_SETUP exists (its READY message makes it READY),
 * else READY; only a READY worker takes batches. The runner lets a worker
 * go by closing its command pipe: DISMISSED if it was still setting up
 * (no work was left for it), QUITTING after; either has a grace to exit
 * (kill_at). One still there when its grace ends is killed: CUT (nothing
 * went wrong) or OVERDUE (its teardown hung). Orthogonal to the life: a
 * worker being stopped (SIGTERM sent, SIGKILL at kill_at), and why
 * (timed_out). The order matters: from DISMISSED on, the worker was let go. */
enum ptest__life {
    PTEST__LIFE_NONE,       /* no process */
    PTEST__LIFE_SETUP,      /* in its WORKER_SETUP: no batch until READY */
    PTEST__LIFE_READY,      /* takes batches */
    PTEST__LIFE_DISMISSED,  /* let go in its WORKER_SETUP: SETUP_GRACE */
    PTEST__LIFE_QUITTING,   /* let go after it: QUIT_GRACE for its teardown */
    PTEST__LIFE_CUT,        /* DISMISSED, then killed after its grace */
    PTEST__LIFE_OVERDUE     /* QUITTING, then killed after its grace */
};

/* What only the worker process uses: its copy of its slot, after fork. */
struct ptest__slot_worker {
    uint32_t seen;          /* cases read from the runner so far */
    double first_pending;   /* when its oldest unsent pass finished */
    struct stat cap_stat[2]; /* its capture files, to notice a test that
                               closed or replaced fd 1 or 2 */
    struct stat chan_stat[2]; /* its command and result pipes, to notice a
                                test that replaced them */
    struct ptest__hygiene hygiene; /* what each test starts with */
#if defined(PTEST__WINDOWS)
    int ran_one;            /* under --forked: it ran its test and retires
                             * (a process per test) */
#endif
};

/* One place in the pool; a replacement worker keeps the slot and its id.
 * The runner's side, then the worker's own (worker). */
struct ptest__slot {
    int id;
    pid_t pid;              /* 0: no process */
    enum ptest__life life;
    double kill_at;         /* SIGKILL due after a SIGTERM, or the end of a
                             * let-go worker's grace; 0: none */
    int timed_out;          /* stopped: its test or WORKER_SETUP overran */
    int stopped_by;         /* the signal that had it stopped then, or 0 */
    int res_eof;            /* its result pipe reached end of file */
    int setup_hangs;        /* its workers stopped in WORKER_SETUP: after two,
                             * the slot gets no more */
    int cmd_fd;             /* runner writes batches */
    int res_fd;             /* runner reads messages */
    int out_fd;             /* captured stdout of the current worker */
    int err_fd;
    long long trimmed[2];   /* capture sizes when last trimmed */
    struct ptest__shared *shared;
    struct ptest__buf inbox; /* bytes read and not yet parsed */
    size_t *batch;
    uint32_t *batch_seq;    /* each batch case's claim number */
    size_t batch_len;
    size_t batch_pos;       /* cases of the batch finished */
    size_t announced;       /* cases of the batch the reporters know started */
    uint32_t sent;          /* cases written to this worker so far */
    struct ptest__slow_watch slow; /* --slow notices of its test */
#if defined(PTEST__WINDOWS)
    HANDLE process;         /* the worker, while pid > 0 */
    HANDLE job;             /* it and what its tests start, or NULL */
#endif
    struct ptest__slot_worker worker;
};

/* Whether the runner let the worker go (closed its command pipe). */
static int ptest__slot_let_go(const struct ptest__slot *s)
{
    return s->life >= PTEST__LIFE_DISMISSED;
}

/* Whether a READY message from the worker is news: it was setting up, or
 * was let go (and maybe cut) before its READY was read. */
static int ptest__slot_may_be_ready(const struct ptest__slot *s)
{
    return s->life == PTEST__LIFE_SETUP || s->life == PTEST__LIFE_DISMISSED ||
           s->life == PTEST__LIFE_CUT;
}

struct ptest__pool {
    struct ptest__run *run;
    struct ptest__slot *slots;
    int count;
    struct ptest__queue queue;
    double total_duration;  /* of finished cases, for the batch size */
    size_t timed;
    int restarts;           /* workers lost outside any test */
    int spawning;           /* workers still to start: poll without waiting */
    int settled;            /* every case has its final outcome: told the run */
    size_t stray;           /* bytes on result pipes that no worker wrote */
    double trim_due;        /* when to look at the capture files' sizes next */
    int deaths;             /* workers that died outside any test */
    int death_status;       /* how the last of them ended */
    int death_hook;         /* the fixture it was in (PTEST__HOOK_* + 1), or 0 */
    int death_overdue;      /* it was stopped: its WORKER_SETUP took too long */
    int teardown_deaths;    /* workers that died in their teardown */
    int teardown_status;
    int teardown_overdue;   /* the last was killed after its grace */
    int setup_first;        /* a WORKER_SETUP exists: a worker says when it
                             * is done, and gets no batch before */
};

#if defined(PTEST__POSIX)
/* The write end of the runner's self-pipe; signal handlers only write. */
static int ptest__signal_pipe = -1;

static void ptest__on_signal(int sig)
{
    unsigned char b = (unsigned char)sig;
    int saved = errno;
    if (ptest__signal_pipe >= 0 && write(ptest__signal_pipe, &b, 1) < 0) {
        /* a full pipe already says the same */
    }
    errno = saved;
}
#endif

static int ptest__write_all(int fd, const void *data, size_t n)
{
    const char *p = (const char *)data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int ptest__read_all(int fd, void *data, size_t n)
{
    char *p = (char *)data;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Shows each NUL byte of captured output as "\0": the output travels and
 * is reported as a C string. */
static void ptest__show_nuls(struct ptest__buf *b)
{
    struct ptest__buf shown = {NULL, 0, 0};
    const char *p = b->data, *end = b->data + b->len, *nul;
    if (!b->len || !memchr(p, '\0', b->len))
        return;
    while ((nul = (const char *)memchr(p, '\0', (size_t)(end - p))) != NULL) {
        ptest__buf_add(&shown, p, (size_t)(nul - p));
        ptest__buf_puts(&shown, "\\0");
        p = nul + 1;
    }
    ptest__buf_add(&shown, p, (size_t)(end - p));
    ptest__buf_free(b);
    *b = shown;
}

/* Reads what a capture file holds: all of it when small, else its head
 * and tail around a note of what was left out. NULL when empty. */
static char *ptest__read_capture(int fd)
{
    struct stat st;
    struct ptest__buf b = {NULL, 0, 0};
    size_t size, head, tail;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size <= 0)
        return NULL;
    size = (size_t)st.st_size;
    head = size > 2 * PTEST__CAPTURE_KEEP ? PTEST__CAPTURE_KEEP : size;
    tail = size > 2 * PTEST__CAPTURE_KEEP ? PTEST__CAPTURE_KEEP : 0;
    ptest__buf_reserve(&b, head + tail + 64);
    b.len = (size_t)(ptest__os_read_at(fd, b.data, head, 0) > 0 ? head : 0);
    if (tail) {
        ptest__buf_printf(&b, "\n[... %lu bytes not shown ...]\n",
                          (unsigned long)(size - head - tail));
        ptest__buf_reserve(&b, tail);
        if (ptest__os_read_at(fd, b.data + b.len, tail, (long)(size - tail)) > 0)
            b.len += tail;
    }
    ptest__show_nuls(&b);
    b.data[b.len] = '\0';
    return ptest__buf_take(&b);
}

static void ptest__rewind_capture(int fd)
{
    if (ptest__os_truncate(fd) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
        /* the next test's output is then appended, never lost */
    }
}

/* Worker: sends the passes recorded in shared memory, as one message. */
/* Worker: whether fd is still the file st says (a test may have put
 * another file on that number, e.g. /dev/null on every descriptor). */
static int ptest__worker_same_file(int fd, const struct stat *st)
{
#if defined(PTEST__POSIX)
    struct stat now;
    return fstat(fd, &now) == 0 && now.st_ino == st->st_ino && now.st_dev == st->st_dev;
#else
    (void)fd;
    (void)st;
    return 1;
#endif
}

/* Worker: checks, before it writes to the runner or reads its next batch,
 * that its two pipes are still the runner's. A test that replaced one
 * would have its results written to a file nobody reads, or batches read
 * from one nobody writes: the worker leaves at once, its unsent passes in
 * shared memory, and the runner blames the test it was in, if any. */
static void ptest__worker_check_channel(struct ptest__slot *slot)
{
    if (!ptest__worker_same_file(slot->cmd_fd, &slot->worker.chan_stat[0]) ||
        !ptest__worker_same_file(slot->res_fd, &slot->worker.chan_stat[1])) {
        slot->shared->channel_lost = 1;
        _exit(PTEST__EXIT_INTERNAL);
    }
}

static void ptest__worker_flush(struct ptest__slot *slot)
{
    struct ptest__shared *sh = slot->shared;
    struct ptest__msg m;
    char buf[sizeof m + sizeof sh->pending];
    if (sh->pending_len == 0)
        return;
    memset(&m, 0, sizeof m);
    m.type = PTEST__MSG_PASSES;
    m.report_len = sh->pending_len * (uint32_t)sizeof sh->pending[0];
    memcpy(buf, &m, sizeof m);
    memcpy(buf + sizeof m, sh->pending, m.report_len);
    ptest__worker_check_channel(slot);
    if (ptest__write_all(slot->res_fd, buf, sizeof m + m.report_len) != 0) {
        sh->channel_lost = 1; /* the test closed it, or the runner is gone */
        _exit(PTEST__EXIT_INTERNAL);
    }
    sh->pending_len = 0;
    slot->worker.first_pending = 0;
}

/* Worker: a passed case without output waits in shared memory, to travel
 * with others (the runner reads it there if this worker dies); it goes
 * when the batch ends, the buffer fills or it has waited 2 ms. */
static void ptest__worker_pass(struct ptest__slot *slot, int32_t index,
                               double started, double duration, double now)
{
    struct ptest__shared *sh = slot->shared;
    sh->pending[sh->pending_len].index = index;
    sh->pending[sh->pending_len].duration = (float)duration;
    sh->pending[sh->pending_len].started = started;
    sh->pending_len = sh->pending_len + 1; /* volatile: no ++ in C++20 */
    if (slot->worker.first_pending == 0)
        slot->worker.first_pending = now;
    if (sh->pending_len == PTEST__PENDING_MAX ||
        now - slot->worker.first_pending > PTEST__FLUSH_AFTER)
        ptest__worker_flush(slot);
}

/* Worker: tells the runner that its WORKER_SETUP is done (it gets no
 * batch before: a set-up that is slow, or hangs, holds no test back). */
static void ptest__worker_ready(struct ptest__slot *slot)
{
    struct ptest__msg m;
    memset(&m, 0, sizeof m);
    m.type = PTEST__MSG_READY;
    ptest__worker_check_channel(slot);
    if (ptest__write_all(slot->res_fd, &m, sizeof m) != 0) {
        slot->shared->channel_lost = 1; /* the set-up closed it, or the runner is gone */
        _exit(PTEST__EXIT_INTERNAL);
    }
}

/* Worker, under --trace or --html: tells the runner that a WORKER/SUITE
 * set-up or teardown ran, and when (ctx->on_hook). */
static void ptest__worker_hook(struct ptest__ctx *ctx, int kind, const char *suite,
                               double t0, double t1)
{
    struct ptest__slot *slot = (struct ptest__slot *)ctx->hook_arg;
    struct ptest__msg m;
    char buf[sizeof m + 256];
    memset(&m, 0, sizeof m);
    m.type = PTEST__MSG_HOOK;
    m.index = kind;
    m.started = t0;
    m.duration = t1 - t0;
    m.reason_len = suite ? (uint32_t)strlen(suite) : 0;
    if (m.reason_len > sizeof buf - sizeof m)
        m.reason_len = (uint32_t)(sizeof buf - sizeof m);
    memcpy(buf, &m, sizeof m);
    memcpy(buf + sizeof m, suite ? suite : "", m.reason_len);
    if (!ptest__worker_same_file(slot->res_fd, &slot->worker.chan_stat[1]) ||
        ptest__write_all(slot->res_fd, buf, sizeof m + m.reason_len) != 0)
        ctx->on_hook = NULL; /* a timeline without it: nothing to fail for */
}

/* Worker: the output a test left in a capture file (only kept for a test
 * that did not pass), then rewinds the file for the next. */
static char *ptest__worker_take_output(int fd, int std_fd, const struct stat *cap,
                                       int keep)
{
    struct stat st;
    char *text = NULL;
    if (fd < 0)
        return NULL;
    /* One fstat of fd 1 (2) tells both whether there is output and whether
     * the test closed or replaced the stream: then the next test gets the
     * capture file back. */
    if (fstat(std_fd, &st) != 0 || st.st_ino != cap->st_ino || st.st_dev != cap->st_dev) {
        dup2(fd, std_fd);
        if (fstat(fd, &st) != 0)
            return NULL;
    }
    if (st.st_size <= 0)
        return NULL;
    text = keep ? ptest__read_capture(fd) : NULL;
    ptest__rewind_capture(fd);
    return text;
}

/* Worker: reports a finished case. A pass without output waits to travel
 * with others; anything else goes now, with its report and output, after
 * the passes before it. */
static void ptest__worker_send(struct ptest__slot *slot, int32_t index,
                               int outcome, double started, double duration,
                               const char *reason, const char *warnings, int quiet)
{
    struct ptest__msg m;
    struct ptest__buf b = {NULL, 0, 0};
    char *out = NULL, *err = NULL;
    int keep = outcome != PTEST__PASS || reason || warnings;
    fflush(stdout);
    fflush(stderr);
    if (!quiet) { /* quiet: no write, no dup2, so no output and the same files */
        out = ptest__worker_take_output(slot->out_fd, 1, &slot->worker.cap_stat[0], keep);
        err = ptest__worker_take_output(slot->err_fd, 2, &slot->worker.cap_stat[1], keep);
    }
    if (!keep) {
        ptest__worker_pass(slot, index, started, duration, ptest__os_now());
        return;
    }
    ptest__worker_flush(slot);
    memset(&m, 0, sizeof m);
    m.type = PTEST__MSG_DONE;
    m.index = index;
    m.outcome = outcome;
    m.duration = duration;
    m.started = started;
    m.report_len = slot->shared->report_len;
    m.failure_at = slot->shared->failure_at;
    m.reason_len = reason ? (uint32_t)strlen(reason) : 0;
    m.out_len = out ? (uint32_t)strlen(out) : 0;
    m.err_len = err ? (uint32_t)strlen(err) : 0;
    m.warn_len = warnings ? (uint32_t)strlen(warnings) : 0;
    ptest__buf_add(&b, &m, sizeof m);
    ptest__buf_add(&b, reason ? reason : "", m.reason_len);
    ptest__buf_add(&b, slot->shared->report, m.report_len);
    ptest__buf_add(&b, out ? out : "", m.out_len);
    ptest__buf_add(&b, err ? err : "", m.err_len);
    ptest__buf_add(&b, warnings ? warnings : "", m.warn_len);
    ptest__worker_check_channel(slot);
    if (ptest__write_all(slot->res_fd, b.data, b.len) != 0) {
        slot->shared->channel_lost = 1; /* the test closed it, or the runner is gone */
        _exit(PTEST__EXIT_INTERNAL);
    }
    ptest__buf_free(&b);
    free(out);
    free(err);
}

/* Worker: points stdin at /dev/null and stdout/stderr at the capture files. */
static void ptest__worker_streams(const struct ptest__run *run,
                                  struct ptest__slot *slot)
{
    int null_fd = open(PTEST__NULL_DEVICE, O_RDONLY);
    if (null_fd >= 0) {
        dup2(null_fd, 0);
        close(null_fd);
    }
    if (!run->cfg.capture) {
        close(slot->out_fd);
        close(slot->err_fd);
        slot->out_fd = slot->err_fd = -1;
        return;
    }
    dup2(slot->out_fd, 1);
    dup2(slot->err_fd, 2);
    fstat(slot->out_fd, &slot->worker.cap_stat[0]);
    fstat(slot->err_fd, &slot->worker.cap_stat[1]);
}

/* Worker: the environment that says who it is, for the tests' children. */
static void ptest__worker_environment(const struct ptest__pool *p, int id)
{
    char value[32];
    snprintf(value, sizeof value, "gw%d", id);
    ptest__os_setenv("PTEST_WORKER", value);
    snprintf(value, sizeof value, "%d", p->count);
    ptest__os_setenv("PTEST_WORKER_COUNT", value);
}


/* Worker: runs one case here and reports it. */
static void ptest__worker_run(struct ptest__slot *slot, struct ptest__ctx *ctx,
                              struct ptest__fixtures *fx,
                              const struct ptest__run *run, uint32_t index)
{
    struct ptest__buf warn = {NULL, 0, 0};
    double t0 = ptest__os_now(), paused = slot->shared->paused, duration;
    int outcome, quiet;
    ptest__quiet_begin();
    outcome = ptest__run_case(ctx, fx, &run->reg.cases[index], (int32_t)index);
    fflush(stdout); /* what the test left in the buffers is its output */
    fflush(stderr);
    quiet = ptest__quiet_end();
    duration = ptest__os_now() - t0 - (slot->shared->paused - paused);
    ptest__hygiene_restore(&slot->worker.hygiene, &warn, quiet);
    ptest__worker_send(slot, (int32_t)index, outcome, t0, duration, NULL, warn.data,
                       quiet);
    if (!quiet && !run->cfg.forked)
        ptest__worker_check_channel(slot); /* now, not at the next write: the
                                            * next test of the batch would be
                                            * blamed for this one's */
    if (run->cfg.maxfail == 1 && run->cfg.reruns == 0 && ptest__outcome_fails(outcome) &&
        !ptest__case_xfail(&run->reg.cases[index]))
        slot->shared->stop = 1; /* -x: this failure stops the run; no need to
                                 * wait for the runner to say so */
    ptest__buf_free(&warn);
    slot->shared->current = -1;
}

/* A fresh worker's slot: nothing in flight, nothing read. */
static void ptest__slot_started(struct ptest__slot *slot)
{
    slot->life = PTEST__LIFE_SETUP;
    slot->timed_out = 0;
    slot->stopped_by = 0;
    slot->kill_at = 0;
    slot->inbox.len = 0;
    slot->res_eof = 0;
    slot->shared->current = -1;
    slot->shared->pending_len = 0;
    slot->worker.first_pending = 0;
    slot->shared->channel_lost = 0;
    slot->shared->stopped_by = 0;
    slot->shared->torn_down = 0;
    slot->shared->teardown_failed = 0;
    slot->shared->stop = 0;
    slot->shared->hook = 0;
    slot->sent = slot->worker.seen = 0; /* a new worker's claims count from 0 */
}

#if defined(PTEST__POSIX)
/* Worker under --forked: waits for the test's process to end, keeping in
 * shared memory the signal that has it stopped (0 once continued), which
 * the runner names if the test's time runs out meanwhile. */
static void ptest__worker_wait_test(struct ptest__slot *slot, pid_t pid, int *status)
{
    pid_t got;
    for (;;) {
        got = waitpid(pid, status, WUNTRACED | WCONTINUED);
        if (got < 0 && errno == EINTR)
            continue;
        if (got == pid && WIFSTOPPED(*status))
            slot->shared->stopped_by = WSTOPSIG(*status);
        else if (got == pid && WIFCONTINUED(*status))
            slot->shared->stopped_by = 0;
        else
            break;
    }
    slot->shared->stopped_by = 0;
}

/* Worker under --forked: runs the case in a fresh child of this already
 * set-up worker (its suite set up first, here, so that it happens once);
 * when the child dies before reporting, reports how it ended. */
static void ptest__worker_fork_one(struct ptest__slot *slot, struct ptest__ctx *ctx,
                                   struct ptest__fixtures *fx,
                                   const struct ptest__run *run, uint32_t index)
{
    const struct ptest__case *c = &run->reg.cases[index];
    struct ptest__buf why = {NULL, 0, 0};
    double t0 = ptest__os_now();
    int status = 0, lost;
    pid_t pid;
    ptest__worker_flush(slot); /* the child must not send these again */
    slot->shared->started = t0;
    PTEST__BARRIER();
    slot->shared->current = (int32_t)index;
    /* the suite is set up here, once, with the case already named as the
     * one running: a SUITE_SETUP that crashes or hangs is its test's
     * crash or timeout, as in the pool, not a death between tests */
    if (!ptest__case_skip(c) && fx->worker_state == PTEST__FIX_READY)
        ptest__fixtures_suite(fx, ctx, c->test->suite);
    slot->shared->report_len = 0;
    slot->shared->failure_at = -1;
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        /* its own baseline: its own /proc/self, its parent's set-ups; and
         * the reaper of what the test double-forks, to name it */
        ptest__os_adopt_orphans();
        ptest__quiet_forked();
        (void)ptest__os_self(); /* as in ptest__worker_main */
        ptest__hygiene_save(&slot->worker.hygiene);
        ptest__worker_run(slot, ctx, fx, run, index);
        ptest__worker_flush(slot);
        fflush(NULL);
        _exit(0);
    }
    if (pid > 0)
        ptest__worker_wait_test(slot, pid, &status);
    lost = slot->shared->channel_lost; /* the test's process's pipes, not ours */
    slot->shared->channel_lost = 0;
    if (slot->shared->current == (int32_t)index) { /* it never reported */
        if (pid < 0)
            ptest__buf_puts(&why, "could not fork the test's process");
        else if (lost)
            ptest__buf_puts(&why, "closed or replaced the pipe to the runner "
                                  "(its result could not be sent)");
        else
            ptest__describe_status(&why, status);
        ptest__worker_send(slot, (int32_t)index,
                           pid > 0 && WIFSIGNALED(status) ? PTEST__CRASH
                                                           : PTEST__EXITED,
                           t0, ptest__os_now() - t0, why.data, NULL, 0);
        ptest__buf_free(&why);
    }
    slot->shared->current = -1;
}
#endif

/* Whether the worker should leave after the test it reported: the runner
 * hands the rest of its batch to a fresh worker, or, when it stops the
 * run, reports it not run. */
static int ptest__worker_retiring(const struct ptest__slot *slot)
{
#if defined(PTEST__POSIX)
    return slot->worker.hygiene.retire || slot->shared->stop;
#else
    return slot->shared->stop || slot->worker.ran_one;
#endif
}

/* Worker: reads the next batch (at most PTEST__BATCH_MAX cases) into
 * index; 0 when the runner has closed the command pipe. */
static int ptest__worker_next_batch(struct ptest__slot *slot, uint32_t *index,
                                    uint32_t *count)
{
    ptest__worker_check_channel(slot);
    return ptest__read_all(slot->cmd_fd, count, sizeof *count) == 0 &&
           *count <= PTEST__BATCH_MAX &&
           ptest__read_all(slot->cmd_fd, index, *count * sizeof index[0]) == 0;
}

/* Worker: sets up (WORKER_SETUP, the state hygiene restores), runs the
 * batches the runner sends until it closes the command pipe (or it must
 * retire), and tears down, warnings to err_fd; returns its exit status. */
static int ptest__worker_batches(struct ptest__slot *slot, struct ptest__ctx *ctx,
                                 const struct ptest__run *run, int err_fd)
{
    struct ptest__fixtures fx;
    uint32_t count, i, index[PTEST__BATCH_MAX];
    if (run->cfg.trace || run->cfg.html) {
        ctx->on_hook = ptest__worker_hook;
        ctx->hook_arg = slot;
    }
    ptest__fixtures_start(&fx, ctx, &run->reg);
    if (ptest__hook_count(&run->reg, PTEST__HOOK_WORKER_SETUP, NULL))
        ptest__worker_ready(slot);
    ptest__quiet_start();
    ptest__hygiene_save(&slot->worker.hygiene);
    fx.after_setup = ptest__hygiene_rebase;
    fx.after_setup_arg = &slot->worker.hygiene;
    while (!ptest__worker_retiring(slot) && ptest__worker_next_batch(slot, index, &count)) {
        for (i = 0; i < count && !ptest__worker_retiring(slot); i++) {
            if (!ptest__claim_take(slot->shared, slot->worker.seen++))
                continue; /* the runner gave it to another worker */
#if defined(PTEST__POSIX)
            if (run->cfg.forked) {
                ptest__worker_fork_one(slot, ctx, &fx, run, index[i]);
                continue;
            }
#endif
            ptest__worker_run(slot, ctx, &fx, run, index[i]);
#if defined(PTEST__WINDOWS)
            /* --forked on Windows: no fork, so each worker is a process of
             * its own for one test, and retires after it */
            slot->worker.ran_one = run->cfg.forked;
#endif
        }
        ptest__worker_flush(slot);
    }
    ptest__worker_flush(slot);
    ptest__fixtures_stop(&fx, ctx, err_fd);
    slot->shared->torn_down = 1; /* an exit(0) in a teardown never gets here */
    return ptest__worker_retiring(slot) ? PTEST__EXIT_RETIRE : 0;
}

/* ------------------------------------------------------------------------
 * Workers: the POSIX pool
 *
 * How the fork pool's workers start and end on POSIX: ptest__slot_spawn
 * forks a worker from the runner after collection, which closes the
 * other workers' pipes, takes a process group of its own and runs the
 * worker loop above; ptest__slot_kill ends it. A worker that crashes
 * says so on its way out (the signal, a backtrace, gcov's counters
 * flushed). ptest__process_worker and _process_child have nothing to do
 * here (a forked process needs no start-up of its own). One #if block:
 * the next section is its Windows counterpart, and the fork-pool runner
 * below calls either.
 * ------------------------------------------------------------------------ */

#if defined(PTEST__POSIX)

#if defined(__GNUC__) && defined(PTEST__LINUX)
/* libgcov's, present only in a --coverage build (a weak reference: NULL
 * otherwise, and no symbol of ours). */
extern void __gcov_dump(void) __attribute__((weak));
#define PTEST__GCOV_DUMP __gcov_dump
#else
#define PTEST__GCOV_DUMP NULL
#endif

/* Worker: where a timeout's backtrace goes (its stderr capture file). */
static int ptest__worker_err_fd = -1;

/* Worker: the SIGTERM of a timeout (or an interrupt) first writes where
 * the test was, a backtrace (glibc), into its captured stderr; in a
 * --coverage build it and a crash also write the coverage counters, as
 * exit() would have. Then the signal takes its course. */
static void ptest__worker_dying(int sig)
{
    void (*dump)(void) = PTEST__GCOV_DUMP;
#if defined(PTEST__HAS_BACKTRACE)
    static const char head[] = "\n[ptest: the test's stack when it was stopped]\n";
    void *frames[64];
    int n;
    if (sig == SIGTERM && ptest__worker_err_fd >= 0) {
        n = backtrace(frames, 64);
        if (write(ptest__worker_err_fd, head, sizeof head - 1) > 0)
            backtrace_symbols_fd(frames, n, ptest__worker_err_fd);
    }
#endif
#if defined(PTEST__QUIET_CHECK)
    ptest__quiet_selector = 0; /* a test's write above went through the trap */
#endif
    if (dump)
        dump();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Runner, before it forks workers: loads the unwinder that backtrace()
 * loads on first use (libgcc_s), never to be loaded inside a worker's
 * signal handler. Done once here, the workers inherit it instead of each
 * loading it as it starts: on a VM where page faults are slow, that load
 * costs each new worker about a millisecond of CPU, taken from the runner
 * forking the next one. */
static void ptest__backtrace_preload(void)
{
#if defined(PTEST__HAS_BACKTRACE)
    void *warm[2];
    backtrace(warm, 2);
#endif
}

static void ptest__worker_coverage_handlers(int err_fd)
{
    static const int sigs[] = {SIGTERM, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    static char altstack[64 * 1024];
    struct sigaction sa;
    stack_t ss;
    size_t i, count = PTEST__GCOV_DUMP ? sizeof sigs / sizeof sigs[0] : 1;
    /* libgcc, which backtrace() loads on first use, is already loaded:
     * ptest__backtrace_preload ran before this worker was forked. */
    ptest__worker_err_fd = err_fd;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = altstack;
    ss.ss_size = sizeof altstack;
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ptest__worker_dying;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < count; i++) /* SIGTERM always; crashes for coverage */
        sigaction(sigs[i], &sa, NULL);
}

/* Worker: runs batches until the runner closes the command pipe. */
PTEST__NORETURN static void ptest__worker_main(struct ptest__pool *p,
                                               struct ptest__slot *slot)
{
    struct ptest__run *run = p->run;
    struct ptest__ctx ctx;
    int err_fd, status;
    memset(&ctx, 0, sizeof ctx);
    ctx.shared = slot->shared;
    ptest__worker_slot = slot->id;
    /* fork() emptied the pid cache: fill it now, or the first test's
     * ptest__ctx_arm makes the getpid() call, and the test, having made a
     * system call, gets every hygiene check */
    (void)ptest__os_self();
    ptest__worker_environment(p, slot->id);
    err_fd = dup(2); /* the runner's stderr, for fixture warnings */
    if (err_fd >= 0)
        ptest__os_cloexec(err_fd);
    ptest__worker_streams(run, slot);
    fstat(slot->cmd_fd, &slot->worker.chan_stat[0]);
    fstat(slot->res_fd, &slot->worker.chan_stat[1]);
    /* no backtraces in PTEST_STABLE transcripts: they differ by machine */
    ptest__worker_coverage_handlers(run->report.stable ? -1 : slot->err_fd);
    status = ptest__worker_batches(slot, &ctx, run, err_fd);
    fflush(NULL);
    exit(status); /* exit, not _exit: coverage counters and atexit run */
}

/* Closes the runner's ends of every slot's channels, in a new worker. */
static void ptest__close_runner_fds(struct ptest__pool *p, struct ptest__slot *self)
{
    int i;
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        if (s->pid > 0 || s == self) {
            close(s->cmd_fd);
            close(s->res_fd);
        }
        if (s != self && s->pid > 0) {
            close(s->out_fd);
            close(s->err_fd);
        }
    }
    if (p->run->report.json && p->run->report.json != ptest__out(p->run)) /* its buffer is empty */
        close(fileno(p->run->report.json));
    if (p->run->report.out) /* TAP's or JSON's copy of stdout: not the tests' */
        close(fileno(p->run->report.out));
}

/* Starts a worker in slot; -1 when the system refuses a process. */
static int ptest__slot_spawn(struct ptest__pool *p, struct ptest__slot *slot)
{
    int cmd[2], res[2];
    sigset_t all, was;
    pid_t pid;
    if (ptest__os_pipe(cmd) != 0)
        return -1;
    if (ptest__os_pipe(res) != 0) {
        close(cmd[0]);
        close(cmd[1]);
        return -1;
    }
    slot->out_fd = ptest__os_capture_file("stdout");
    slot->err_fd = ptest__os_capture_file("stderr");
    slot->cmd_fd = cmd[1];
    slot->res_fd = res[0];
    ptest__slot_started(slot); /* before the worker writes to its page */
    fflush(NULL);
    sigfillset(&all); /* no handler of the runner's runs in the child (a */
    sigprocmask(SIG_BLOCK, &all, &was); /* Ctrl-C or Ctrl-Z now would count twice) */
    pid = fork();
    if (pid == 0) {
        ptest__os_become_worker();
        ptest__os_default_signals(); /* and unblocks them */
        close(ptest__signal_pipe);
        ptest__signal_pipe = -1;
        ptest__close_runner_fds(p, slot);
        slot->cmd_fd = cmd[0];
        slot->res_fd = res[1];
        ptest__worker_main(p, slot);
    }
    sigprocmask(SIG_SETMASK, &was, NULL);
    close(cmd[0]);
    close(res[1]);
    if (pid < 0) {
        close(cmd[1]);
        close(res[0]);
        close(slot->out_fd);
        close(slot->err_fd);
        return -1;
    }
    setpgid(pid, pid); /* as the child does: no race with an early kill */
    ptest__os_nonblock(slot->res_fd);
    ptest__os_nonblock(slot->cmd_fd);
    slot->pid = pid;
    return 0;
}

/* Kills what is left of a worker: its process group. */
static void ptest__slot_kill(struct ptest__slot *slot)
{
    ptest__os_kill_group(slot->pid, SIGKILL);
}

/* Only Windows starts workers as new processes of this program. */
static int ptest__process_worker(struct ptest__run *run)
{
    (void)run;
    return -1;
}

/* Only Windows starts death tests' processes as new ones of this program. */
static int ptest__process_child(struct ptest__run *run)
{
    (void)run;
    return -1;
}
#endif

/* ------------------------------------------------------------------------
 * Workers: the Windows pool
 *
 * Windows has no fork: the fork pool's workers are new processes of this
 * program, started with the runner's command line and PTEST__WORKER in
 * their environment, and --forked's per-test children likewise. Here:
 * their start, the handles they inherit, their crash filters, and the
 * runner's side of spawning and killing them. The pool's Windows wait
 * loop (ptest__pool_run) sits at the end of the fork-pool runner, next
 * to the POSIX one, because it drives that runner's functions.
 * ------------------------------------------------------------------------ */

#if defined(PTEST__WINDOWS)
/* Windows: workers are new processes of this program, started with the
 * runner's command line and PTEST__WORKER in their environment: slot, pool
 * size, the handles they inherit (command pipe, result pipe, stdout and
 * stderr capture files, shared memory) and the tmpdir base. They parse the
 * same flags, collect the same registry, and then run what they are sent;
 * the warnings of reading the same files are the runner's to give. */

/* Worker: an exception nothing handled, or abort(), ends the process with
 * the exception's code, quietly (no crash dialog, no debugger), for the
 * runner to report. */
static LONG WINAPI ptest__win_worker_filter(EXCEPTION_POINTERS *e)
{
    TerminateProcess(GetCurrentProcess(), e->ExceptionRecord->ExceptionCode);
    return EXCEPTION_EXECUTE_HANDLER;
}

/* The code of the last exception raised in this process (whether or not
 * something handled it), seen first, before any handler. */
static volatile LONG ptest__win_last_exception;

static LONG WINAPI ptest__win_note_exception(EXCEPTION_POINTERS *e)
{
    ptest__win_last_exception = (LONG)e->ExceptionRecord->ExceptionCode;
    return EXCEPTION_CONTINUE_SEARCH;
}

/* A signal's handler: abort() ends the process as the Universal CRT's
 * does. MinGW-w64's own exception handler calls the handler of SIGSEGV,
 * SIGFPE or SIGILL for the exceptions that stand for them, so the
 * exception just seen, if it is one of those, is the status; else the
 * test called raise(sig) (where msvcrt would _exit(3)), and the status
 * says so. */
static void ptest__win_worker_raised(int sig)
{
    unsigned long code = (unsigned long)(unsigned)ptest__win_last_exception;
    const struct ptest__win_exception *e = ptest__os_exception(code);
    if (sig == SIGABRT)
        code = PTEST__WIN_ABORTED;
    else if (!e || e->sig != sig)
        code = PTEST__WIN_RAISED(sig);
    TerminateProcess(GetCurrentProcess(), (UINT)code);
}

/* Worker and death test's process: crashes and raised signals end the
 * process with a status the runner names (ptest__os_status_text) and a
 * death test judges (ptest__os_status_signal). SIGINT stays the CRT's: a
 * Ctrl-C reaches every process of the console, and the runner's says so. */
static void ptest__win_worker_handlers(void)
{
    static const int sigs[] = {SIGABRT, SIGSEGV, SIGILL, SIGFPE, SIGTERM};
    size_t i;
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
    SetUnhandledExceptionFilter(ptest__win_worker_filter);
    AddVectoredExceptionHandler(1, ptest__win_note_exception);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], ptest__win_worker_raised);
}

/* Worker: a CRT descriptor for an inherited handle, kept from the
 * processes its tests start. */
static int ptest__win_fd(unsigned long long handle, int flags)
{
    HANDLE h = (HANDLE)(uintptr_t)handle;
    SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0);
    return _open_osfhandle((intptr_t)h, flags | _O_BINARY);
}

/* Worker: reads PTEST__WORKER into slot; 0 on success. */
static int ptest__win_worker_attach(struct ptest__pool *p, struct ptest__slot *slot,
                                    const char *value, char *base, size_t base_size)
{
    unsigned long long h[5];
    int used = 0;
    if (sscanf(value, "%d %d %llu %llu %llu %llu %llu %n", &slot->id, &p->count,
               &h[0], &h[1], &h[2], &h[3], &h[4], &used) < 7 || used == 0)
        return -1;
    snprintf(base, base_size, "%s", value + used);
    slot->cmd_fd = ptest__win_fd(h[0], _O_RDONLY);
    slot->res_fd = ptest__win_fd(h[1], _O_WRONLY);
    slot->out_fd = ptest__win_fd(h[2], _O_RDWR);
    slot->err_fd = ptest__win_fd(h[3], _O_RDWR);
    SetHandleInformation((HANDLE)(uintptr_t)h[4], HANDLE_FLAG_INHERIT, 0);
    slot->shared = (struct ptest__shared *)ptest__os_shared_attach(
        (HANDLE)(uintptr_t)h[4]);
    return slot->shared && slot->cmd_fd >= 0 && slot->res_fd >= 0 ? 0 : -1;
}

/* Worker: runs batches until the runner closes the command pipe. */
static int ptest__win_worker_main(struct ptest__pool *p, struct ptest__slot *slot)
{
    struct ptest__run *run = p->run;
    struct ptest__ctx ctx;
    int err_fd, status;
    memset(&ctx, 0, sizeof ctx);
    ctx.shared = slot->shared;
    ptest__worker_slot = slot->id;
    ptest__worker_environment(p, slot->id);
    err_fd = _dup(2); /* the runner's stderr, for fixture warnings */
    ptest__worker_streams(run, slot);
    status = ptest__worker_batches(slot, &ctx, run, err_fd);
    fflush(NULL);
    return status;
}

/* In a process started as a worker (PTEST__WORKER set): runs as one and
 * returns its exit status; -1 in the runner. */
static int ptest__process_worker(struct ptest__run *run)
{
    static char base[4096];
    struct ptest__pool p;
    struct ptest__slot slot;
    const char *value = getenv(PTEST__WORKER_VAR);
    if (!value || !*value)
        return -1;
    memset(&p, 0, sizeof p);
    memset(&slot, 0, sizeof slot);
    p.run = run;
    if (ptest__win_worker_attach(&p, &slot, value, base, sizeof base) != 0) {
        fprintf(stderr, "ptest: internal error: bad %s\n", PTEST__WORKER_VAR);
        return PTEST__EXIT_INTERNAL;
    }
    ptest__os_setenv(PTEST__WORKER_VAR, ""); /* the tests' children are not workers */
    ptest__tmp_base = base[0] ? base : NULL;
    ptest__win_worker_handlers();
    return ptest__win_worker_main(&p, &slot);
}

/* A death test's process: the case named in PTEST__CHILD, or NULL. */
static const struct ptest__case *ptest__win_child_case(const struct ptest__run *run,
                                                       const char *id, size_t len)
{
    size_t i;
    for (i = 0; i < run->reg.count; i++)
        if (strlen(run->reg.cases[i].id) == len &&
            memcmp(run->reg.cases[i].id, id, len) == 0)
            return &run->reg.cases[i];
    return NULL;
}

/* A death test's process: sets up as its worker did (WORKER_SETUP and
 * the suite's SUITE_SETUP, on a page of its own, for the runner reads the
 * worker's for fixtures it runs), then SETUP, FIXTURE_SETUP and the body,
 * and says how the body ended if it returned; a fixture that fails here
 * fails the test. No teardown: the parent tears down. */
static int ptest__win_child_main(struct ptest__run *run, struct ptest__ctx *ctx,
                                 const struct ptest__case *c)
{
    struct ptest__shared *page = ctx->shared;
    struct ptest__suite_state *suite;
    struct ptest__fixtures fx;
    int outcome = PTEST__PASS;
    ctx->shared = (struct ptest__shared *)ptest__xcalloc(1, sizeof *ctx->shared);
    ptest__fixtures_start(&fx, ctx, &run->reg);
    suite = fx.worker_state == PTEST__FIX_READY
                ? ptest__fixtures_suite(&fx, ctx, c->test->suite) : NULL;
    free((void *)ctx->shared);
    ctx->shared = page;
    ctx->tcase = c;
    ptest__ctx_now = ctx;
    if (!suite)
        outcome = ptest__fixture_verdict(ctx, "WORKER_SETUP", fx.worker_failure,
                                         fx.worker_skipped);
    else if (suite->state == PTEST__FIX_BROKEN)
        outcome = ptest__fixture_verdict(ctx, "SUITE_SETUP", suite->failure,
                                         suite->skipped);
    if (outcome != PTEST__PASS) {
        ctx->shared->child_outcome = outcome;
        return 0;
    }
    ptest__fixture_hooks(&fx, ctx, c);
    ptest__ctx_arm(ctx);
    ptest__fixture_new(ctx, c);
    if (!ctx->failed && setjmp(ctx->jump) == 0) {
        ptest__call_fixtures(c->test, PTEST__OPT_SETUP);
        ptest__fixture_call(ctx, 0);
        ptest__call_test(ctx, c);
    }
    ctx->shared->child_outcome = ptest__ctx_outcome(ctx);
    return 0;
}

/* In a process started as a death test's (PTEST__CHILD set): runs its
 * body and returns the exit status; -1 anywhere else. */
static int ptest__process_child(struct ptest__run *run)
{
    static char base[4096];
    const char *value = getenv(PTEST__CHILD_VAR);
    const struct ptest__case *c;
    unsigned long long map;
    unsigned long len;
    struct ptest__ctx ctx;
    int used = 0;
    if (!value || !*value)
        return -1;
    if (sscanf(value, "%llu %lu %n", &map, &len, &used) < 2 || used == 0 ||
        strlen(value + used) < len ||
        !(c = ptest__win_child_case(run, value + used, (size_t)len))) {
        fprintf(stderr, "ptest: internal error: bad %s\n", PTEST__CHILD_VAR);
        return PTEST__EXIT_INTERNAL;
    }
    snprintf(base, sizeof base, "%s", value + used + len);
    ptest__os_setenv(PTEST__CHILD_VAR, ""); /* the body's children are not ours */
    ptest__tmp_base = base[0] ? base : NULL;
    memset(&ctx, 0, sizeof ctx);
    SetHandleInformation((HANDLE)(uintptr_t)map, HANDLE_FLAG_INHERIT, 0);
    ctx.shared = (struct ptest__shared *)ptest__os_shared_attach((HANDLE)(uintptr_t)map);
    if (!ctx.shared) {
        fprintf(stderr, "ptest: internal error: bad %s\n", PTEST__CHILD_VAR);
        return PTEST__EXIT_INTERNAL;
    }
    ptest__win_worker_handlers();
    ptest__win_child_main(run, &ctx, c);
    fflush(NULL);
    _exit(0);
}

/* Sets (value non-empty) or removes a variable for the processes this one
 * starts next: in the environment block CreateProcess copies, not in the
 * CRT's copy, whose strings the flags point into (getenv): Wine's msvcrt
 * rebuilds that copy on each _putenv, and a run then wrote its cache
 * under a name read from freed memory. */
static void ptest__win_spawn_env(const char *name, const char *value)
{
    SetEnvironmentVariableA(name, value && *value ? value : NULL);
}

/* Runner: allows (or stops) a handle to pass to the next started process. */
static void ptest__win_inherit(HANDLE h, int on)
{
    SetHandleInformation(h, HANDLE_FLAG_INHERIT, on ? HANDLE_FLAG_INHERIT : 0);
}

/* Runner: starts this program again as the worker of slot, handing it
 * the child ends of its pipes; 0 on success. The pool runs on one thread,
 * so the handles made inheritable here reach this child only. */
static int ptest__win_start(struct ptest__pool *p, struct ptest__slot *slot,
                            HANDLE cmd_read, HANDLE res_write)
{
    HANDLE pass[5];
    char exe[MAX_PATH + 1], value[4400];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    int i, ok;
    pass[0] = cmd_read;
    pass[1] = res_write;
    pass[2] = (HANDLE)_get_osfhandle(slot->out_fd);
    pass[3] = (HANDLE)_get_osfhandle(slot->err_fd);
    pass[4] = ptest__os_shared_handle((void *)slot->shared);
    snprintf(value, sizeof value, "%d %d %llu %llu %llu %llu %llu %s", slot->id,
             p->count, (unsigned long long)(uintptr_t)pass[0],
             (unsigned long long)(uintptr_t)pass[1], (unsigned long long)(uintptr_t)pass[2],
             (unsigned long long)(uintptr_t)pass[3], (unsigned long long)(uintptr_t)pass[4],
             ptest__tmp_base ? ptest__tmp_base : "");
    if (!GetModuleFileNameA(NULL, exe, sizeof exe))
        return -1;
    for (i = 0; i < 5; i++)
        ptest__win_inherit(pass[i], 1);
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    ptest__win_spawn_env(PTEST__WORKER_VAR, value);
    ok = CreateProcessA(exe, GetCommandLineA(), NULL, NULL, TRUE, CREATE_SUSPENDED,
                        NULL, NULL, &si, &pi);
    ptest__win_spawn_env(PTEST__WORKER_VAR, NULL);
    for (i = 2; i < 5; i++) /* the runner keeps these; the pipe ends go */
        ptest__win_inherit(pass[i], 0);
    if (!ok)
        return -1;
    slot->job = CreateJobObjectA(NULL, NULL);
    if (slot->job && !AssignProcessToJobObject(slot->job, pi.hProcess)) {
        CloseHandle(slot->job); /* nested jobs unsupported: the worker alone */
        slot->job = NULL;
    }
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    slot->process = pi.hProcess;
    slot->pid = (pid_t)pi.dwProcessId;
    return 0;
}

/* Starts a worker in slot; -1 when the system refuses a process. */
static int ptest__slot_spawn(struct ptest__pool *p, struct ptest__slot *slot)
{
    HANDLE cmd[2], res[2];
    int rc;
    if (!CreatePipe(&cmd[0], &cmd[1], NULL, 65536))
        return -1;
    if (!CreatePipe(&res[0], &res[1], NULL, 65536)) {
        CloseHandle(cmd[0]);
        CloseHandle(cmd[1]);
        return -1;
    }
    slot->out_fd = ptest__os_capture_file("stdout");
    slot->err_fd = ptest__os_capture_file("stderr");
    slot->cmd_fd = _open_osfhandle((intptr_t)cmd[1], _O_WRONLY | _O_BINARY);
    slot->res_fd = _open_osfhandle((intptr_t)res[0], _O_RDONLY | _O_BINARY);
    ptest__slot_started(slot); /* before the worker writes to its page */
    rc = slot->out_fd >= 0 && slot->err_fd >= 0 ? ptest__win_start(p, slot, cmd[0], res[1])
                                                : -1;
    CloseHandle(cmd[0]);
    CloseHandle(res[1]);
    if (rc != 0) {
        ptest__os_close(slot->cmd_fd);
        ptest__os_close(slot->res_fd);
        ptest__os_close(slot->out_fd);
        ptest__os_close(slot->err_fd);
        return -1;
    }
    return 0;
}

/* Kills what is left of a worker: its job (the processes its tests
 * started too), or the worker alone where jobs cannot nest. */
static void ptest__slot_kill(struct ptest__slot *slot)
{
    if (slot->job)
        TerminateJobObject(slot->job, 1);
    else if (slot->process)
        TerminateProcess(slot->process, 1);
}
#endif

/* ------------------------------------------------------------------------
 * Workers: the fork-pool runner
 *
 * The runner's side of the fork pool: dispatch (batches, prefetch, work
 * stealing), reading and parsing messages, blaming the test a dead worker
 * ran, deadlines (SIGTERM, grace, SIGKILL to the worker's process group),
 * suspend and interrupt, and the single poll() loop that never blocks on
 * anything a test controls. A test passes only when its worker says so:
 * a worker that dies mid-test reports that test as crashed or exited, and
 * a fresh worker takes its slot. Ends with ptest__pool_run (POSIX), the
 * interrupt flag the in-process runners share too, and the Windows loop.
 * ------------------------------------------------------------------------ */

/* The mean duration of the cases finished so far (0 before the first):
 * what a case whose duration is not known is expected to take. */
static double ptest__pool_mean(const struct ptest__pool *p)
{
    return p->timed ? p->total_duration / (double)p->timed : 0;
}

/* Tells the reporters that the batch's next case starts, now that the one
 * before it has ended (--json's test_started comes when a test starts, not
 * when it was handed out: a case taken back never started there). */
static void ptest__slot_announce(struct ptest__pool *p, struct ptest__slot *slot)
{
    if (slot->announced > slot->batch_pos || slot->batch_pos >= slot->batch_len)
        return;
    slot->announced = slot->batch_pos + 1;
    if (p->run->on.start)
        p->run->on.start(p->run, slot->batch[slot->batch_pos], slot->id);
}

/* Writes cases [from, batch_len) of slot's batch to its worker, each
 * offered under the worker's next claim number. */
static void ptest__slot_send(struct ptest__slot *slot, size_t from)
{
    uint32_t msg[PTEST__BATCH_MAX + 1];
    size_t i;
    msg[0] = (uint32_t)(slot->batch_len - from);
    for (i = from; i < slot->batch_len; i++) {
        slot->batch_seq[i] = slot->sent++;
        ptest__claim_offer(slot->shared, slot->batch_seq[i]);
        msg[i - from + 1] = (uint32_t)slot->batch[i];
    }
    PTEST__BARRIER(); /* the offers before the indices that name them */
    if (ptest__write_all(slot->cmd_fd, msg, (slot->batch_len - from + 1) * sizeof msg[0]) != 0) {
        /* the worker died: reaping it hands the batch back */
    }
}

static int ptest__pool_steal(struct ptest__pool *p, const struct ptest__slot *thief);

/* Takes cases for slot from the queue: at most a batch's count and, past
 * the first, a batch's expected work (see ptest__batch_work); once every
 * test left has a known duration, neither is cut below PTEST__BATCH_FLOOR's
 * worth. (While some are unknown, a slow one may hide among them, and the
 * last tests still go one at a time.) */
static size_t ptest__slot_take(struct ptest__pool *p, struct ptest__slot *slot)
{
    const struct ptest__run *run = p->run;
    double mean = ptest__pool_mean(p);
    double bound = ptest__batch_work(ptest__work_left(&run->progress, mean), p->count);
    size_t most = ptest__batch_count(p->queue.left, p->count);
    if (run->progress.unknown_left == 0) {
        if (most < ptest__batch_floor(mean))
            most = ptest__batch_floor(mean);
        if (bound < PTEST__BATCH_FLOOR)
            bound = PTEST__BATCH_FLOOR;
    }
#if defined(PTEST__WINDOWS)
    if (run->cfg.forked) /* its worker runs one test, then retires */
        most = 1;
#endif
    return ptest__queue_take_work(&p->queue, slot->id, slot->batch, most, bound, mean);
}

/* Hands an idle worker its next batch, from the queue or, when the queue
 * has nothing for it, from the un-started tests of a busy worker; returns
 * 1 when it got one, 0 when nothing can run now (a resource is held), -1
 * when nothing is left. */
static int ptest__slot_dispatch(struct ptest__pool *p, struct ptest__slot *slot)
{
    size_t n;
    if (p->run->stopping)
        return -1;
    n = p->queue.left ? ptest__slot_take(p, slot) : 0;
    if (n == 0 && ptest__pool_steal(p, slot))
        n = ptest__slot_take(p, slot);
    if (n == 0)
        return p->queue.left ? 0 : -1;
    slot->batch_len = n;
    slot->batch_pos = 0;
    slot->announced = 0;
    ptest__slot_announce(p, slot);
    ptest__slot_send(slot, 0);
    return 1;
}

/* Records that batch case index passed, if it is the next one expected
 * (a pass seen both in the pipe and in shared memory counts once). */
static void ptest__slot_passed(struct ptest__pool *p, struct ptest__slot *slot,
                               int32_t index, double started, double duration)
{
    struct ptest__result r;
    if (slot->batch_pos >= slot->batch_len || index < 0 ||
        (size_t)index != slot->batch[slot->batch_pos])
        return;
    memset(&r, 0, sizeof r);
    r.outcome = PTEST__PASS;
    r.started = started;
    r.duration = duration;
    r.worker = slot->id;
    r.failure_at = -1;
    slot->batch_pos++;
    p->total_duration += duration;
    p->timed++;
    ptest__conclude(p->run, &p->queue, (size_t)index, &r);
    ptest__slot_announce(p, slot); /* after: one worker's events in order */
}

/* Records a case that did not simply pass, from a DONE message. */
static void ptest__slot_done(struct ptest__pool *p, struct ptest__slot *slot,
                             const struct ptest__msg *m, const char *text)
{
    struct ptest__result r;
    memset(&r, 0, sizeof r);
    r.outcome = m->outcome;
    r.started = m->started;
    r.duration = m->duration;
    r.worker = slot->id;
    r.reason = m->reason_len ? ptest__xstrndup(text, m->reason_len) : NULL;
    text += m->reason_len;
    r.report = m->report_len ? ptest__xstrndup(text, m->report_len) : NULL;
    r.failure_at = r.report ? m->failure_at : -1;
    text += m->report_len;
    r.out = m->out_len ? ptest__xstrndup(text, m->out_len) : NULL;
    text += m->out_len;
    r.err = m->err_len ? ptest__xstrndup(text, m->err_len) : NULL;
    text += m->err_len;
    r.warnings = m->warn_len ? ptest__xstrndup(text, m->warn_len) : NULL;
    slot->batch_pos++;
    p->total_duration += m->duration;
    p->timed++;
    ptest__conclude(p->run, &p->queue, (size_t)m->index, &r);
    ptest__slot_announce(p, slot); /* after: one worker's events in order */
}

/* The most a message can carry: a report, two captures and a note. */
#define PTEST__MSG_MAX (PTEST__REPORT_MAX * 8u)

/* Whether type is that of a message a worker sends. */
static int ptest__msg_type_known(uint32_t type)
{
    return type == PTEST__MSG_DONE || type == PTEST__MSG_PASSES ||
           type == PTEST__MSG_READY || type == PTEST__MSG_HOOK;
}

/* Skips bytes at offset at of slot's inbox that no worker wrote (a test
 * wrote to ptest's pipe), up to the next message type, and counts them.
 * Returns how many were skipped. */
static size_t ptest__slot_skip_stray(struct ptest__pool *p, struct ptest__slot *slot,
                                     size_t at)
{
    const char *s = slot->inbox.data + at;
    size_t have = slot->inbox.len - at, i;
    for (i = 1; i + 4 <= have; i++) {
        uint32_t type;
        memcpy(&type, s + i, sizeof type);
        if (ptest__msg_type_known(type))
            break;
    }
    if (i + 4 > have) /* keep what may be the start of a type */
        i = have > 3 ? have - 3 : have;
    p->stray += i;
    return i;
}

/* Whether m's lengths are ones a worker could have sent. */
static int ptest__msg_sane(const struct ptest__msg *m)
{
    return m->reason_len <= PTEST__MSG_MAX && m->report_len <= PTEST__MSG_MAX &&
           m->out_len <= PTEST__MSG_MAX && m->err_len <= PTEST__MSG_MAX &&
           m->warn_len <= PTEST__MSG_MAX;
}

/* Parses one complete message at offset at of slot's inbox; returns its
 * size (or that of stray bytes skipped), 0 when more bytes are needed. */
static size_t ptest__slot_parse(struct ptest__pool *p, struct ptest__slot *slot,
                                size_t at)
{
    struct ptest__msg m;
    size_t need, have = slot->inbox.len - at, i;
    const char *text;
    if (have < sizeof m.type)
        return 0;
    memcpy(&m.type, slot->inbox.data + at, sizeof m.type);
    if (!ptest__msg_type_known(m.type))
        return ptest__slot_skip_stray(p, slot, at);
    if (have < sizeof m)
        return 0;
    memcpy(&m, slot->inbox.data + at, sizeof m);
    if (!ptest__msg_sane(&m) ||
        (m.type == PTEST__MSG_READY && (!ptest__slot_may_be_ready(slot) || m.reason_len || m.report_len ||
                                        m.out_len || m.err_len || m.warn_len)))
        return ptest__slot_skip_stray(p, slot, at); /* READY: once, and bare */
    need = sizeof m + (size_t)m.reason_len + m.report_len + m.out_len + m.err_len +
           m.warn_len;
    if (have < need)
        return 0;
    text = slot->inbox.data + at + sizeof m;
    if (m.type == PTEST__MSG_READY) {
        if (slot->life == PTEST__LIFE_SETUP)
            slot->life = PTEST__LIFE_READY; /* the next feed hands it a batch */
        else /* let go while it set up: now its teardown's grace */
            slot->kill_at = ptest__os_now() + PTEST__QUIT_GRACE;
        if (slot->life == PTEST__LIFE_DISMISSED)
            slot->life = PTEST__LIFE_QUITTING;
        return need;
    }
    if (m.type == PTEST__MSG_HOOK) {
        if (p->run->report.trace) {
            char *suite = m.reason_len ? ptest__xstrndup(text, m.reason_len) : NULL;
            ptest__trace_hook(p->run, slot->id, m.index, suite, m.started,
                              m.started + m.duration);
            free(suite);
        }
        return need;
    }
    if (m.type == PTEST__MSG_PASSES) {
        for (i = 0; i + sizeof(struct ptest__pass) <= m.report_len;
             i += sizeof(struct ptest__pass)) {
            struct ptest__pass pass;
            memcpy(&pass, text + i, sizeof pass);
            ptest__slot_passed(p, slot, pass.index, pass.started, pass.duration);
        }
        return need;
    }
    if (slot->batch_pos >= slot->batch_len || m.index < 0 ||
        (size_t)m.index != slot->batch[slot->batch_pos])
        return ptest__slot_skip_stray(p, slot, at); /* not a case it runs */
    ptest__slot_done(p, slot, &m, text);
    return need;
}

/* Reads whatever the worker has sent and handles each whole message. */
static void ptest__slot_read(struct ptest__pool *p, struct ptest__slot *slot)
{
    char chunk[65536];
    size_t used = 0, n;
    ssize_t got;
    while ((got = ptest__os_read_ready(slot->res_fd, chunk, sizeof chunk)) > 0 ||
           (got < 0 && errno == EINTR)) {
        if (got > 0)
            ptest__buf_add(&slot->inbox, chunk, (size_t)got);
        if (got > 0 && (size_t)got < sizeof chunk)
            break; /* drained: spare the read that would say EAGAIN */
    }
    if (got == 0)
        slot->res_eof = 1; /* nothing more will come; stop polling it */
    while ((n = ptest__slot_parse(p, slot, used)) > 0)
        used += n;
    if (used) {
        memmove(slot->inbox.data, slot->inbox.data + used, slot->inbox.len - used);
        slot->inbox.len -= used;
    }
}

/* " in SUITE_SETUP(suite)" when the worker died or was stopped while it
 * set up the suite of the case it was about to run. */
static void ptest__slot_in_fixture(const struct ptest__pool *p,
                                   const struct ptest__slot *slot, size_t index,
                                   struct ptest__buf *why)
{
    if (slot->shared->hook == PTEST__HOOK_SUITE_SETUP + 1)
        ptest__buf_printf(why, " in SUITE_SETUP(%s)",
                          p->run->reg.cases[index].test->suite);
}

/* "; it was stopped by SIGTTIN ..." when a signal had the process of the
 * test that timed out stopped then (a stopped test makes no progress, and
 * looks from outside like one that hangs). */
static void ptest__slot_stopped(const struct ptest__slot *slot, struct ptest__buf *why)
{
    const char *name = ptest__os_signal_name(slot->stopped_by);
    if (!slot->stopped_by)
        return;
    if (name)
        ptest__buf_printf(why, "; it was stopped by %s when its time ran out", name);
    else
        ptest__buf_printf(why, "; it was stopped by signal %d when its time ran out",
                          slot->stopped_by);
#if defined(SIGTTIN) && defined(SIGTTOU)
    if (slot->stopped_by == SIGTTIN)
        ptest__buf_puts(why, ": it read from the terminal, which a worker (a "
                             "background process group) may not");
    else if (slot->stopped_by == SIGTTOU)
        ptest__buf_puts(why, ": it wrote to the terminal or changed its settings, "
                             "which a worker (a background process group) may not");
#endif
}

/* The final result of the test a dead worker was running. */
static void ptest__slot_blame(struct ptest__pool *p, struct ptest__slot *slot,
                              size_t index, int status)
{
    struct ptest__run *run = p->run;
    struct ptest__buf why = {NULL, 0, 0};
    struct ptest__result r;
    uint32_t len = slot->shared->report_len;
    memset(&r, 0, sizeof r);
    r.worker = slot->id;
    r.started = slot->shared->started;
    r.duration = ptest__os_now() - r.started;
    if (run->interrupted) {
        r.outcome = PTEST__INTERRUPTED;
        ptest__buf_printf(&why, "interrupted by %s",
                          ptest__os_signal_name(run->interrupted));
    } else if (slot->timed_out) {
        r.outcome = PTEST__TIMEOUT;
        ptest__buf_printf(&why, "timed out after %gs",
                          ptest__case_timeout(run, &run->reg.cases[index]));
        ptest__slot_in_fixture(p, slot, index, &why);
        ptest__slot_stopped(slot, &why);
        if (slot->shared->last_file)
            ptest__buf_printf(&why, "; last reached %s:%d",
                              slot->shared->last_file, slot->shared->last_line);
    } else if (slot->shared->channel_lost) {
        r.outcome = PTEST__CRASH;
        ptest__buf_puts(&why, "closed or replaced the worker's pipe to the runner "
                              "(its result could not be sent)");
    } else {
        r.outcome = ptest__os_status_crashed(status) ? PTEST__CRASH : PTEST__EXITED;
        ptest__describe_status(&why, status);
        ptest__slot_in_fixture(p, slot, index, &why);
    }
    if (slot->shared->tmpdir[0] && ptest__case_xfail(&run->reg.cases[index]))
        ptest__os_remove_tree(slot->shared->tmpdir); /* as the worker would */
    else if (slot->shared->tmpdir[0])
        ptest__buf_printf(&why, "; tmpdir kept: %s", slot->shared->tmpdir);
    slot->shared->tmpdir[0] = '\0';
    r.reason = ptest__buf_take(&why);
    r.report = len ? ptest__xstrndup(slot->shared->report,
                                     len < PTEST__REPORT_MAX ? len : PTEST__REPORT_MAX)
                   : NULL;
    r.failure_at = r.report ? slot->shared->failure_at : -1;
    r.out = ptest__read_capture(slot->out_fd);
    r.err = ptest__read_capture(slot->err_fd);
    ptest__conclude(run, &p->queue, index, &r);
}

/* A worker died outside any test (in WORKER_SETUP, say): counted against
 * the pool's restarts and, unless a test only closed its result pipe,
 * remembered for the run's last words. */
static void ptest__pool_death(struct ptest__pool *p, struct ptest__slot *slot,
                              int status)
{
    p->restarts++;
    if (slot->shared->channel_lost)
        return; /* a test closed its pipe: the passes were in shared memory */
    p->deaths++;
    p->death_status = status;
    p->death_hook = slot->shared->hook;
    p->death_overdue = slot->timed_out && p->death_hook == PTEST__HOOK_WORKER_SETUP + 1;
    slot->setup_hangs += p->death_overdue;
}

/* How the last worker that died outside any test ended, into b: "was
 * killed by SIGABRT (Aborted) in WORKER_SETUP", "did not finish
 * WORKER_SETUP within 60s: ptest stopped it". */
static void ptest__pool_death_text(const struct ptest__pool *p, struct ptest__buf *b)
{
    if (p->death_overdue) {
        ptest__buf_printf(b, "did not finish WORKER_SETUP within %gs: ptest stopped it",
                          p->run->cfg.timeout);
        return;
    }
    ptest__describe_status(b, p->death_status);
    if (p->death_hook == PTEST__HOOK_WORKER_SETUP + 1)
        ptest__buf_puts(b, " in WORKER_SETUP");
}

/* A worker that ended outside any test: by what it was doing (the
 * fixture it was in, or quitting), a teardown error, a death that its
 * replacement may make up for, or nothing wrong (it retired, or quit
 * cleanly, or ptest stopped it while it set up for work it no longer
 * had). */
static void ptest__slot_lost(struct ptest__pool *p, struct ptest__slot *slot,
                             int status)
{
    int hook = slot->shared->hook;
    int clean = ptest__os_status_clean(status);
    if (slot->life == PTEST__LIFE_CUT)
        return; /* its set-up had no work left to do, done or not */
    if (hook == PTEST__HOOK_SUITE_TEARDOWN + 1 || hook == PTEST__HOOK_WORKER_TEARDOWN + 1 ||
        (ptest__slot_let_go(slot) && !hook && (!clean || !slot->shared->torn_down))) {
        p->teardown_deaths++;
        p->run->tally.teardown_errors += !p->run->interrupted;
        p->teardown_status = status;
        p->teardown_overdue = slot->life == PTEST__LIFE_OVERDUE;
    } else if (ptest__slot_let_go(slot) && hook == PTEST__HOOK_WORKER_SETUP + 1) {
        if (slot->life != PTEST__LIFE_OVERDUE) /* it crashed, or overran
                                                 * --timeout, there: say so */
            ptest__pool_death(p, slot, status);
    } else if (!ptest__slot_let_go(slot) && !ptest__os_status_retired(status)) {
        ptest__pool_death(p, slot, status);
    }
}

/* --trace, --html: the worker in slot ended, and how. */
static void ptest__slot_trace_end(struct ptest__pool *p, const struct ptest__slot *slot,
                                  int status)
{
    struct ptest__buf how = {NULL, 0, 0};
    ptest__describe_status(&how, status);
    ptest__trace_event(p->run, PTEST__TK_END, slot->id, ptest__os_now(), 0,
                       "worker ended (pid %ld): %s%s", (long)slot->pid,
                       how.data ? how.data : "",
                       ptest__slot_let_go(slot) ? "" : ", before the runner let it go");
    ptest__buf_free(&how);
}

/* After a worker ended: reads its last words, blames the test it was in
 * (if any), hands the rest of its batch back, and frees the slot. */
static void ptest__slot_reaped(struct ptest__pool *p, struct ptest__slot *slot,
                               int status)
{
    size_t i;
    ptest__slot_kill(slot); /* children the test left */
    ptest__slot_read(p, slot);
    if (p->run->report.trace)
        ptest__slot_trace_end(p, slot, status);
    p->run->tally.teardown_errors += (size_t)slot->shared->teardown_failed; /* said on stderr */
    for (i = 0; i < slot->shared->pending_len && i < PTEST__PENDING_MAX; i++)
        ptest__slot_passed(p, slot, slot->shared->pending[i].index,
                           slot->shared->pending[i].started,
                           slot->shared->pending[i].duration);
    slot->shared->pending_len = 0;
    if (slot->batch_pos < slot->batch_len &&
        slot->shared->current == (int32_t)slot->batch[slot->batch_pos]) {
        ptest__slot_blame(p, slot, slot->batch[slot->batch_pos], status);
        slot->batch_pos++;
    } else {
        ptest__slot_lost(p, slot, status);
    }
    for (i = slot->batch_pos; i < slot->batch_len; i++)
        ptest__queue_return(&p->queue, slot->batch[i]);
    ptest__queue_forget(&p->queue, slot->id);
    slot->life = PTEST__LIFE_NONE;
    slot->batch_len = slot->batch_pos = slot->announced = 0;
    ptest__os_close(slot->cmd_fd);
    ptest__os_close(slot->res_fd);
    ptest__os_close(slot->out_fd);
    ptest__os_close(slot->err_fd);
    slot->pid = 0;
    slot->kill_at = 0;
}

#if defined(PTEST__POSIX)
/* Reaps every worker that ended. */
static void ptest__pool_reap(struct ptest__pool *p)
{
    int status, i;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
        for (i = 0; i < p->count; i++)
            if (p->slots[i].pid == pid)
                ptest__slot_reaped(p, &p->slots[i], status);
}

/* Stops a worker's process group: SIGTERM now, SIGKILL after the grace. */
static void ptest__slot_stop(struct ptest__slot *slot, double now)
{
    if (slot->pid <= 0 || (slot->kill_at > 0 && !ptest__slot_let_go(slot)))
        return; /* a let-go one's kill_at is only its grace */
    ptest__os_kill_group(slot->pid, SIGTERM);
    ptest__os_kill_group(slot->pid, SIGCONT);
    slot->kill_at = now + PTEST__KILL_GRACE;
}
#else
/* Reaps every worker that ended; its exit code is its status. */
static void ptest__pool_reap(struct ptest__pool *p)
{
    int i;
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        DWORD code = 0;
        if (s->pid <= 0 || WaitForSingleObject(s->process, 0) != WAIT_OBJECT_0)
            continue;
        GetExitCodeProcess(s->process, &code);
        ptest__slot_reaped(p, s, (int)code);
        CloseHandle(s->process);
        s->process = NULL;
        if (s->job)
            CloseHandle(s->job);
        s->job = NULL;
    }
}

/* Stops a worker: no SIGTERM to give it a grace here, so at once (and
 * again after the grace, if it is still there). */
static void ptest__slot_stop(struct ptest__slot *slot, double now)
{
    if (slot->pid <= 0 || (slot->kill_at > 0 && !ptest__slot_let_go(slot)))
        return; /* a let-go one's kill_at is only its grace */
    ptest__slot_kill(slot);
    slot->kill_at = now + PTEST__KILL_GRACE;
}
#endif

/* Stops every worker after SIGINT/SIGTERM; a second signal kills now. */
static void ptest__pool_interrupt(struct ptest__pool *p, int sig)
{
    double now = ptest__os_now();
    int i;
    if (p->run->interrupted)
        now -= PTEST__KILL_GRACE;
    p->run->interrupted = sig;
    p->run->stopping = 1;
    for (i = 0; i < p->count; i++) {
        if (p->slots[i].kill_at > 0)
            p->slots[i].kill_at = now;
        ptest__slot_stop(&p->slots[i], now);
    }
}

#if defined(PTEST__POSIX)
/* Ctrl-Z: stops the workers (in process groups of their own, they do not
 * get the terminal's SIGTSTP), then the runner, as the shell expects. On
 * fg, every deadline moves by the time stopped, so that no test or
 * set-up times out for the pause, and the workers go on. */
static void ptest__pool_suspend(struct ptest__pool *p)
{
    double stopped = ptest__os_now(), paused;
    int i;
    for (i = 0; i < p->count; i++)
        if (p->slots[i].pid > 0)
            ptest__os_kill_group(p->slots[i].pid, SIGSTOP);
    ptest__os_stop_self();
    paused = ptest__os_now() - stopped;
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        if (s->pid <= 0)
            continue;
        if (s->shared->started > 0) /* the worker is stopped: no race */
            s->shared->started = s->shared->started + paused;
        if (s->shared->hook_started > 0)
            s->shared->hook_started = s->shared->hook_started + paused;
        if (s->kill_at > 0)
            s->kill_at += paused;
        s->shared->paused = s->shared->paused + paused;
        ptest__os_kill_group(s->pid, SIGCONT);
    }
}

/* Handles what the signal handlers wrote to the self-pipe. */
static void ptest__pool_signals(struct ptest__pool *p, int fd)
{
    unsigned char sigs[64];
    ssize_t n, i;
    while ((n = read(fd, sigs, sizeof sigs)) > 0)
        for (i = 0; i < n; i++)
            if (sigs[i] == SIGINT || sigs[i] == SIGTERM || sigs[i] == SIGHUP)
                ptest__pool_interrupt(p, sigs[i]);
            else if (sigs[i] == SIGTSTP)
                ptest__pool_suspend(p);
    ptest__pool_reap(p);
}
#endif

/* When the test a worker runs now (or its WORKER_SETUP) is due to end (0:
 * none), from what the worker wrote in shared memory as it started it. */
static double ptest__slot_deadline(const struct ptest__pool *p,
                                   const struct ptest__slot *s)
{
    int32_t current = s->shared->current, hook = s->shared->hook;
    double t;
    PTEST__BARRIER(); /* started is read after current: as new as it */
    if (current < 0 && hook == PTEST__HOOK_WORKER_SETUP + 1) /* the default timeout */
        return p->run->cfg.timeout > 0 ? s->shared->hook_started + p->run->cfg.timeout : 0;
    if (current < 0 || (size_t)current >= p->run->reg.count ||
        s->batch_pos >= s->batch_len)
        return 0;
    t = ptest__case_timeout(p->run, &p->run->reg.cases[current]);
    return t > 0 && s->shared->started > 0 ? s->shared->started + t : 0;
}

/* Enforces test deadlines and kill graces; returns the next moment one
 * is due (0: none). */
static double ptest__pool_deadlines(struct ptest__pool *p, double now)
{
    double next = 0;
    int i;
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        double due;
        if (s->pid <= 0)
            continue;
        due = ptest__slot_deadline(p, s);
        if (due > 0 && now >= due && !s->timed_out) {
            s->timed_out = 1;
            s->stopped_by = ptest__os_stop_signal(s->pid); /* before SIGCONT */
            if (!s->stopped_by) /* --forked: the test's own process */
                s->stopped_by = s->shared->stopped_by;
            ptest__slot_stop(s, now);
        }
        if (s->kill_at > 0 && now >= s->kill_at) {
            if (s->life == PTEST__LIFE_DISMISSED) /* its READY may be unread */
                s->life = PTEST__LIFE_CUT;
            else if (s->life == PTEST__LIFE_QUITTING)
                s->life = PTEST__LIFE_OVERDUE;
            ptest__slot_kill(s);
            s->kill_at = now + PTEST__KILL_GRACE; /* and again, if need be */
        }
        if (s->timed_out)
            due = 0;
        if (s->kill_at > 0 && (due == 0 || s->kill_at < due))
            due = s->kill_at; /* a quitting worker can still overrun its set-up */
        if (due > 0 && (next == 0 || due < next))
            next = due;
    }
    return next;
}

/* Whether slot has a live worker with no batch in flight. */
static int ptest__slot_idle(const struct ptest__slot *s)
{
    return s->pid > 0 && s->life == PTEST__LIFE_READY && s->kill_at == 0 &&
           s->batch_pos >= s->batch_len;
}

/* Whether to queue a case behind the one busy worker s runs, so that it
 * goes from one test to the next without a trip through the runner: only
 * for slow tests (handed out one at a time), and only while at least two
 * cases a worker remain, so that none waits behind a long test at the
 * end. Not with RESOURCE()s or SLOTS(): a queued case would hold its
 * resources, or a busy worker's slots would change under it; nor
 * under -x/--maxfail: a worker would start its queued case before the
 * runner has read that the one before was the failure that stops the run. */
static int ptest__slot_wants_prefetch(const struct ptest__pool *p,
                                      const struct ptest__slot *s)
{
    return s->pid > 0 && !ptest__slot_let_go(s) && s->kill_at == 0 && !s->timed_out &&
           s->batch_len - s->batch_pos == 1 && !p->run->stopping &&
           !p->queue.resources && p->run->cfg.maxfail == 0 && p->timed > 0 &&
           p->queue.left >= 2 * (size_t)p->count &&
           ptest__pool_mean(p) > PTEST__BATCH_WORK / 10;
}

/* Queues one more case behind the running one (see above). A worker that
 * dies first hands it back untried: ptest__slot_reaped blames only the
 * case it was running. */
static void ptest__slot_prefetch(struct ptest__pool *p, struct ptest__slot *s)
{
    size_t index;
    if (!ptest__slot_wants_prefetch(p, s) ||
        ptest__queue_take(&p->queue, s->id, &index, 1) == 0)
        return;
    s->batch[0] = s->batch[s->batch_pos];
    s->batch_seq[0] = s->batch_seq[s->batch_pos];
    s->batch[1] = index;
    s->batch_pos = 0;
    s->batch_len = 2;
    s->announced = 1; /* the running case */
    ptest__slot_send(s, 1);
}

/* What case k of s's batch is expected to take, for stealing: at least
 * a microsecond, so that cases of which nothing is known yet split by
 * count. */
static double ptest__slot_case_work(const struct ptest__pool *p,
                                    const struct ptest__slot *s, size_t k)
{
    double e = ptest__expected(p->run, s->batch[k], ptest__pool_mean(p));
    return e > 1e-6 ? e : 1e-6;
}

/* What the cases of s's batch behind the one it runs (or runs next) are
 * expected to take. */
static double ptest__slot_queued_work(const struct ptest__pool *p,
                                      const struct ptest__slot *s)
{
    double work = 0;
    size_t k;
    for (k = s->batch_pos + 1; k < s->batch_len; k++)
        work += ptest__slot_case_work(p, s, k);
    return work;
}

/* Work stealing: the queue has nothing for thief, so the runner takes back
 * the tail of the batch with the most queued work, about half of it, and
 * returns it to the queue for thief. Only cases the worker has not yet
 * claimed come back (ptest__claim_revoke); the one it runs, or is about to
 * run, stays. Not under --dist=loadscope/loadfile (a scope stays with its
 * worker), nor once the run stops. Returns 1 when it took any back. */
static int ptest__pool_steal(struct ptest__pool *p, const struct ptest__slot *thief)
{
    struct ptest__slot *victim = NULL;
    double most = 0, taken = 0;
    size_t cut, k;
    int i;
    if (p->queue.scope || p->run->stopping)
        return 0;
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        double work;
        if (s == thief || s->pid <= 0 || s->batch_pos + 1 >= s->batch_len)
            continue;
        work = ptest__slot_queued_work(p, s);
        if (!victim || work > most) {
            victim = s;
            most = work;
        }
    }
    if (!victim)
        return 0;
    for (cut = victim->batch_len; cut > victim->batch_pos + 1 && taken < most / 2; cut--) {
        if (!ptest__claim_revoke(victim->shared, victim->batch_seq[cut - 1]))
            break; /* started: so is every case before it */
        taken += ptest__slot_case_work(p, victim, cut - 1);
    }
    if (cut == victim->batch_len)
        return 0;
    for (k = cut; k < victim->batch_len; k++)
        ptest__queue_return(&p->queue, victim->batch[k]);
    victim->batch_len = cut;
    return 1;
}

static int ptest__pool_running(const struct ptest__pool *p);

/* Lets a worker still in its WORKER_SETUP go once no work is left for it
 * (the others ran every test, or -x stopped the run): its command pipe
 * closes, so that a set-up that ends soon is torn down as usual (and one
 * that crashes says so), and one still running after PTEST__SETUP_GRACE
 * is stopped, silently, not waited for until --timeout, or forever. */
static void ptest__slot_dismiss(struct ptest__slot *s, double now)
{
    ptest__os_close(s->cmd_fd);
    s->cmd_fd = -1;
    s->life = PTEST__LIFE_DISMISSED;
    s->kill_at = now + PTEST__SETUP_GRACE;
}

/* Whether a worker other than s is idle: a spare for the cases a death
 * in a running batch would hand back. */
static int ptest__pool_has_spare(const struct ptest__pool *p,
                                 const struct ptest__slot *s)
{
    int i;
    for (i = 0; i < p->count; i++)
        if (&p->slots[i] != s && ptest__slot_idle(&p->slots[i]))
            return 1;
    return 0;
}

/* Hands an idle worker its next batch, or lets it go when none is left:
 * at once while another idle worker stays as the spare (so that workers
 * leave one by one as the last tests end, not all together after them),
 * and the spare itself once no batch is running. */
static void ptest__slot_feed(struct ptest__pool *p, struct ptest__slot *s)
{
    if (s->pid > 0 && s->life == PTEST__LIFE_SETUP && s->kill_at == 0) {
        if (p->run->stopping || (p->queue.left == 0 && !ptest__pool_running(p)))
            ptest__slot_dismiss(s, ptest__os_now());
        return;
    }
    if (ptest__slot_idle(s) && ptest__slot_dispatch(p, s) < 0 &&
        (p->run->stopping || !ptest__pool_running(p) ||
         ptest__pool_has_spare(p, s))) {
        ptest__os_close(s->cmd_fd); /* EOF: the worker finishes and exits */
        s->cmd_fd = -1;
        s->life = PTEST__LIFE_QUITTING;
        s->kill_at = ptest__os_now() + PTEST__QUIT_GRACE;
    }
}

/* Starts one missing worker while work remains and hands it a batch.
 * One a call: a fork takes milliseconds here and there, and the workers
 * already started must not wait that long for their next batch, so the
 * runner reads their results between two forks. Returns 1 when it started
 * one and another slot still waits for its worker. */
static int ptest__pool_spawn_one(struct ptest__pool *p)
{
    int i, started = 0;
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        if (s->pid != 0 || p->run->stopping || p->queue.left == 0 ||
            p->restarts > 2 * p->count + 4 || s->setup_hangs >= 2)
            continue; /* two WORKER_SETUPs that hung here: a third would too */
        if (started)
            return 1;
        if (ptest__slot_spawn(p, s) != 0) {
            p->restarts++; /* no process to be had now; try again later */
            continue;
        }
        if (p->run->report.trace)
            ptest__trace_event(p->run, PTEST__TK_SPAWN, s->id, ptest__os_now(), 0,
                               "worker started (pid %ld)", (long)s->pid);
        s->life = p->setup_first ? PTEST__LIFE_SETUP : PTEST__LIFE_READY;
        ptest__slot_feed(p, s);
        started = 1;
    }
    return 0;
}

/* Keeps every slot busy: dispatches to idle workers, starts a missing
 * worker while work remains (p->spawning: more are missing), and lets
 * workers go once there is none. */
static void ptest__pool_feed(struct ptest__pool *p)
{
    int i;
    for (i = 0; i < p->count; i++) {
        if (p->run->stopping && p->slots[i].pid > 0)
            p->slots[i].shared->stop = 1; /* the rest of its batch stays unrun */
        ptest__slot_feed(p, &p->slots[i]);
        ptest__slot_prefetch(p, &p->slots[i]);
    }
    p->spawning = ptest__pool_spawn_one(p);
}

/* Tells the run, once, that every selected case has its final outcome
 * (run->on.settled): it stores the durations while the workers end, each
 * exit taking a millisecond or more, instead of after them. */
static void ptest__pool_settle(struct ptest__pool *p)
{
    struct ptest__run *run = p->run;
    if (p->settled || run->tally.finished < run->selected)
        return;
    p->settled = 1;
    if (run->on.settled)
        run->on.settled(run);
}

/* Whether some worker has a batch in flight. */
static int ptest__pool_running(const struct ptest__pool *p)
{
    int i;
    for (i = 0; i < p->count; i++)
        if (p->slots[i].pid > 0 && p->slots[i].batch_pos < p->slots[i].batch_len)
            return 1;
    return 0;
}

static int ptest__pool_busy(const struct ptest__pool *p)
{
    int i;
    for (i = 0; i < p->count; i++)
        if (p->slots[i].pid > 0)
            return 1;
    return 0;
}

/* Says, once the pool is done, what went wrong outside any test: workers
 * that died between tests (unless that left tests unrun, which say it) or
 * in their teardown, and bytes that tests wrote into the pool's pipes. */
static void ptest__pool_say_losses(const struct ptest__pool *p, int unrun)
{
    struct ptest__buf why = {NULL, 0, 0};
    if (p->deaths && !p->run->interrupted && !unrun) {
        ptest__pool_death_text(p, &why);
        ptest__complain("warning", "workers died outside any test (the last "
                        "%s); the others ran the tests", why.data);
    }
    if (p->teardown_deaths && !p->run->interrupted) {
        why.len = 0;
        ptest__describe_status(&why, p->teardown_status);
        ptest__complain("error", "%d worker%s ended in SUITE_TEARDOWN or "
                        "WORKER_TEARDOWN, after the tests (the last %s%s)",
                        p->teardown_deaths, p->teardown_deaths == 1 ? "" : "s",
                        why.data, p->teardown_overdue
                        ? ": ptest stopped it after 10 s" : "");
    }
    ptest__buf_free(&why);
    if (p->stray)
        ptest__complain("warning", "%lu stray bytes on the workers' result pipes "
                        "were skipped: a test wrote to a file descriptor of ptest's",
                        (unsigned long)p->stray);
}

/* Gives every case that never ran its outcome: not run (workers kept
 * dying: saying how the last one ended), or not run after an interrupt,
 * -x or --maxfail. */
static void ptest__pool_unrun(struct ptest__pool *p)
{
    struct ptest__buf reason = {NULL, 0, 0};
    int unrun = p->queue.left && !p->run->interrupted && !p->run->stopping;
    if (unrun) {
        ptest__buf_puts(&reason, "not run: workers kept dying before reaching a test");
        if (p->deaths) {
            ptest__buf_puts(&reason, " (the last ");
            ptest__pool_death_text(p, &reason);
            ptest__buf_puts(&reason, ")");
        }
    }
    ptest__queue_not_run(p->run, &p->queue, reason.data);
    ptest__buf_free(&reason);
    ptest__pool_say_losses(p, unrun);
}

static void ptest__pool_free(struct ptest__pool *p)
{
    int i;
    for (i = 0; i < p->count; i++) {
        free(p->slots[i].batch);
        free(p->slots[i].batch_seq);
        ptest__buf_free(&p->slots[i].inbox);
        ptest__os_shared_free((void *)p->slots[i].shared, sizeof(struct ptest__shared));
    }
    free(p->slots);
    ptest__queue_free(&p->queue);
}

#if defined(PTEST__POSIX)
/* Installs the runner's signal handlers over a non-blocking self-pipe;
 * returns the read end. SIGPIPE is ignored: a closed stdout shows up as
 * EPIPE, which the reporter handles. */
static int ptest__pool_signals_install(int fds[2])
{
    struct sigaction sa;
    if (ptest__os_pipe(fds) != 0)
        return -1;
    ptest__os_nonblock(fds[0]);
    ptest__os_nonblock(fds[1]);
    ptest__signal_pipe = fds[1];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ptest__on_signal;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    ptest__os_on_suspend(ptest__on_signal);
    signal(SIGPIPE, SIG_IGN);
    return fds[0];
}
#endif

static int ptest__pool_init(struct ptest__pool *p, struct ptest__run *run)
{
    int i;
    memset(p, 0, sizeof *p);
    p->run = run;
    p->count = run->workers;
    p->setup_first = ptest__hook_count(&run->reg, PTEST__HOOK_WORKER_SETUP, NULL) > 0;
    p->slots = (struct ptest__slot *)ptest__xcalloc((size_t)p->count, sizeof *p->slots);
    ptest__queue_init(&p->queue, run);
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        s->id = i;
        s->cmd_fd = s->res_fd = s->out_fd = s->err_fd = -1;
        s->batch = (size_t *)ptest__xcalloc(PTEST__BATCH_MAX, sizeof *s->batch);
        s->batch_seq = (uint32_t *)ptest__xcalloc(PTEST__BATCH_MAX, sizeof *s->batch_seq);
        s->shared = (struct ptest__shared *)ptest__os_shared_alloc(sizeof *s->shared);
        if (!s->shared)
            return -1;
    }
    return 0;
}

/* Keeps a flooding test's capture files small: every 100 ms, a file
 * 32 MiB past its last trim has its middle freed (what is never reported:
 * all but the first and last 16 KiB, and the last MiB for the writes in
 * flight). */
static void ptest__pool_trim_captures(struct ptest__pool *p, double now)
{
    const long long step = 32ll << 20, tail = 1ll << 20;
    int i, k;
    if (now < p->trim_due)
        return;
    p->trim_due = now + 0.1;
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        if (s->pid <= 0 || s->batch_pos >= s->batch_len)
            continue;
        for (k = 0; k < 2; k++) {
            long long size = ptest__os_capture_trim(k ? s->err_fd : s->out_fd,
                                                    s->trimmed[k] + step,
                                                    PTEST__CAPTURE_KEEP, tail);
            if (size >= 0 && size < s->trimmed[k])
                s->trimmed[k] = 0; /* rewound for a later test */
            else if (size >= s->trimmed[k] + step)
                s->trimmed[k] = size;
        }
    }
}

/* Finds the test that has run longest, for the progress line, and gives
 * the --slow notices of the tests running. */
static void ptest__pool_longest(struct ptest__pool *p)
{
    double now = ptest__os_now();
    int i;
    p->run->progress.longest = (size_t)-1;
    for (i = 0; i < p->count; i++) {
        struct ptest__slot *s = &p->slots[i];
        int32_t current = s->shared->current;
        double started;
        if (s->pid <= 0 || current < 0 || s->batch_pos >= s->batch_len ||
            (size_t)current >= p->run->reg.count)
            continue;
        PTEST__BARRIER(); /* started is read after current: as new as it */
        started = s->shared->started;
        if (p->run->progress.longest == (size_t)-1 || started < p->run->progress.longest_since) {
            p->run->progress.longest = (size_t)current;
            p->run->progress.longest_since = started;
        }
        ptest__slow_check(p->run, &s->slow, (size_t)current, s->id, started, now);
    }
}

#if defined(PTEST__POSIX)
/* Runs the selected cases on run->workers forked workers. */
static int ptest__pool_run(struct ptest__run *run)
{
    struct ptest__pool p;
    struct pollfd *fds;
    int sig[2], i;
    if (ptest__pool_init(&p, run) != 0 || ptest__pool_signals_install(sig) < 0)
        return -1;
    fds = (struct pollfd *)ptest__xcalloc((size_t)p.count + 2, sizeof *fds);
    ptest__backtrace_preload();
    ptest__pool_feed(&p);
    while (ptest__pool_busy(&p)) {
        double now = ptest__os_now(), due = ptest__pool_deadlines(&p, now);
        int wait_ms = due > 0 ? (int)((due - now) * 1000) + 1 : 1000;
        fds[0].fd = sig[0];
        fds[0].events = POLLIN;
        for (i = 0; i < p.count; i++) {
            fds[i + 1].fd = p.slots[i].pid > 0 && !p.slots[i].res_eof
                                ? p.slots[i].res_fd : -1;
            fds[i + 1].events = POLLIN;
        }
        fds[p.count + 1].fd = fileno(ptest__out(run)); /* no events: only POLLERR
                                                         * when the reader is gone */
        fds[p.count + 1].events = 0;
        if (run->report.tty && wait_ms > 100)
            wait_ms = 100;
        if (wait_ms > 25 && ptest__pool_running(&p))
            wait_ms = 25; /* a test that starts now may have a deadline */
        if (p.spawning)
            wait_ms = 0; /* read what is there, then start the next worker */
        poll(fds, (nfds_t)p.count + 2, wait_ms);
        if (fds[p.count + 1].revents & POLLERR)
            run->report.broken_pipe = 1;
        for (i = 0; i < p.count; i++)
            if (fds[i + 1].fd >= 0 && (fds[i + 1].revents & (POLLIN | POLLHUP)))
                ptest__slot_read(&p, &p.slots[i]);
        if (fds[0].revents & POLLIN)
            ptest__pool_signals(&p, sig[0]);
        if (run->report.broken_pipe && !run->interrupted)
            ptest__pool_interrupt(&p, PTEST__SIGPIPE);
        ptest__pool_feed(&p);
        ptest__pool_settle(&p);
        ptest__pool_longest(&p);
        ptest__pool_trim_captures(&p, now);
        if (run->on.result)
            run->on.result(run, (size_t)-1); /* a tick for the progress line */
    }
    ptest__pool_unrun(&p);
    ptest__signal_pipe = -1;
    ptest__os_on_suspend(NULL);
    close(sig[0]);
    close(sig[1]);
    free(fds);
    ptest__pool_free(&p);
    return 0;
}
#endif

/* The signal that interrupted an inline or thread-pool run, or 0. */
static volatile sig_atomic_t ptest__interrupt_signal;

static void ptest__on_interrupt(int sig)
{
    ptest__interrupt_signal = sig;
}

/* "interrupted by SIGINT": why a test that a signal may have cut short
 * in the runner's own process is INTERRUPTED. */
static void ptest__interrupted_why(char *why, size_t size, int sig)
{
    snprintf(why, size, "interrupted by %s", ptest__os_signal_name(sig));
}

/* Inline and thread-pool runs: SIGINT/SIGTERM ask the run to stop (a
 * second one, the handler being reset, ends the process at once). */
static void ptest__interrupt_install(int install)
{
    ptest__os_on_interrupt(install ? ptest__on_interrupt : NULL);
    ptest__interrupt_signal = 0;
}

#if defined(PTEST__WINDOWS)
/* Waits up to ms for a worker to end; pipes cannot be waited on with
 * processes, so results are polled at least every few milliseconds. */
static void ptest__win_pool_wait(struct ptest__pool *p, int ms)
{
    HANDLE h[MAXIMUM_WAIT_OBJECTS];
    DWORD n = 0;
    int i;
    for (i = 0; i < p->count && n < MAXIMUM_WAIT_OBJECTS; i++)
        if (p->slots[i].pid > 0)
            h[n++] = p->slots[i].process;
    if (n)
        WaitForMultipleObjects(n, h, FALSE, (DWORD)ms);
    else
        Sleep((DWORD)ms);
}

/* Runs the selected cases on run->workers started worker processes. */
static int ptest__pool_run(struct ptest__run *run)
{
    struct ptest__pool p;
    int i;
    if (ptest__pool_init(&p, run) != 0)
        return -1;
    ptest__interrupt_install(1);
    ptest__pool_feed(&p);
    while (ptest__pool_busy(&p)) {
        double now = ptest__os_now();
        ptest__pool_deadlines(&p, now);
        ptest__win_pool_wait(&p, ptest__pool_running(&p) ? 2 : 25);
        for (i = 0; i < p.count; i++)
            if (p.slots[i].pid > 0 && !p.slots[i].res_eof)
                ptest__slot_read(&p, &p.slots[i]);
        ptest__pool_reap(&p);
        if (ptest__interrupt_signal && !run->interrupted)
            ptest__pool_interrupt(&p, (int)ptest__interrupt_signal);
        if (run->report.broken_pipe && !run->interrupted)
            ptest__pool_interrupt(&p, PTEST__SIGPIPE);
        ptest__pool_feed(&p);
        ptest__pool_settle(&p);
        ptest__pool_longest(&p);
        ptest__pool_trim_captures(&p, now);
        if (run->on.result)
            run->on.result(run, (size_t)-1); /* a tick for the progress line */
    }
    ptest__pool_unrun(&p);
    ptest__interrupt_install(0);
    ptest__pool_free(&p);
    return 0;
}
#endif

/* ------------------------------------------------------------------------
 * Workers: the thread pool
 *
 * --pool=thread: tests run on threads of the runner's own process, each
 * thread taking one test at a time from the ordered queue, so no stealing
 * is needed. A crash ends the run with the test named. First, what every
 * in-process run shares (the thread pool and the inline runner): the exit
 * guard, which blames a test that calls exit(), and the crash handlers.
 * Without threads (PTEST_NO_THREADS) ptest__thread_run only says so.
 * ------------------------------------------------------------------------ */


/* The runner's pid while an inline or thread-pool run is on; the exit
 * guard acts only in that process (not in a test's own children). */
static volatile long ptest__guard_pid;
/* The id of the test this thread runs in the runner's own process
 * (inline, thread pool), for the exit guard. */
static PTEST__THREAD_LOCAL const char *ptest__running_id;

/* Names the test that called exit() where no worker process could
 * absorb it (inline, thread pool), or says none did (a fixture, a thread
 * a test left behind); the run cannot go on, and exits 3, not 0. */
static void ptest__exit_guard_report(const char *id)
{
    char line[512];
    if (id)
        snprintf(line, sizeof line, "\nEXITED %s - called exit() during the test; "
                 "the run stops here (the fork pool survives this)\n", id);
    else
        snprintf(line, sizeof line, "\nptest: internal error: exit() was called "
                 "outside any test (by a fixture, or a thread a test left running) "
                 "in the runner's own process; the run stops here (the fork pool "
                 "survives this)\n");
    fflush(stdout);
    if (write(1, line, strlen(line)) < 0) {
        /* stdout is gone: the exit status still says it */
    }
    _exit(PTEST__EXIT_INTERNAL);
}

/* atexit: a test or fixture called exit() in the runner's own process
 * while the run was on. */
static void ptest__exit_guard(void)
{
    if (ptest__guard_pid == ptest__os_pid())
        ptest__exit_guard_report(ptest__running_id);
}

/* Arms (or disarms) the exit guard for a run in this process. */
static void ptest__exit_guard_arm(int arm)
{
    static int registered;
    if (arm && !registered)
        registered = atexit(ptest__exit_guard) == 0;
    ptest__guard_pid = arm ? ptest__os_pid() : 0;
}

#if defined(PTEST__POSIX)
/* Inline runs: a crash cannot be survived in the runner's own process,
 * but it can be named, from an alternate stack (a stack overflow leaves
 * none), before the run stops with exit 3. A handler that was there first
 * (AddressSanitizer's report) runs after the line. In any other process (a
 * test's child) the signal does what it would have. Async-signal-safe. */
static struct sigaction ptest__crash_old[5];
static const int ptest__crash_signals[5] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

/* The handler there before ptest's, for sig; 1 if it ran. */
static int ptest__inline_crash_chain(int sig, siginfo_t *info, void *uc)
{
    size_t i;
    for (i = 0; i < 5; i++) {
        const struct sigaction *old = &ptest__crash_old[i];
        if (ptest__crash_signals[i] != sig)
            continue;
        if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction) {
            old->sa_sigaction(sig, info, uc);
            return 1;
        }
        if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler != SIG_DFL &&
            old->sa_handler != SIG_IGN) {
            old->sa_handler(sig);
            return 1;
        }
    }
    return 0;
}

static void ptest__inline_crash(int sig, siginfo_t *info, void *uc)
{
    const char *name = ptest__os_signal_name(sig);
    char line[600];
    if (ptest__guard_pid != ptest__os_pid()) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    /* snprintf is not async-signal-safe in theory; glibc's and musl's do
     * not allocate for %s */
    if (ptest__running_id)
        snprintf(line, sizeof line, "\nCRASHED %s - was killed by %s\n",
                 ptest__running_id, name ? name : "a signal");
    else
        snprintf(line, sizeof line, "\nptest: the runner's own process was killed "
                 "by %s outside any test (in a fixture?)\n", name ? name : "a signal");
    snprintf(line + strlen(line), sizeof line - strlen(line), "ptest: internal error: "
             "a crash in the runner's own process (-j 0) takes it down; the results "
             "above are all there is (the fork pool contains crashes)\n");
    if (write(1, line, strlen(line)) < 0) {
        /* stdout is gone: the exit status still says it */
    }
    ptest__inline_crash_chain(sig, info, uc);
    _exit(PTEST__EXIT_INTERNAL);
}

/* Installs the inline crash handlers, or puts back the ones before them. */
static void ptest__crash_handlers(int install)
{
    static char altstack[64 * 1024];
    struct sigaction sa;
    size_t i;
    if (install)
        ptest__os_crash_stack(altstack, sizeof altstack);
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_sigaction = ptest__inline_crash;
    sa.sa_flags = SA_ONSTACK | SA_SIGINFO;
    for (i = 0; i < 5; i++) {
        if (install)
            sigaction(ptest__crash_signals[i], &sa, &ptest__crash_old[i]);
        else
            sigaction(ptest__crash_signals[i], &ptest__crash_old[i], NULL);
    }
    if (!install)
        ptest__os_crash_stack_restore();
}
#else
/* Windows, in the runner's own process (-j 0, --pool=thread): a crash the
 * test did not handle names the test and ends the run, with what was
 * reported so far already printed. */
static void ptest__win_crash_say(const char *what)
{
    const char *id = ptest__running_id;
    char line[700];
    snprintf(line, sizeof line, "\nCRASHED %s - %s\nptest: internal error: a crash "
             "in the runner's own process (-j 0, --pool=thread) takes it down; "
             "the results above are all there is (the process pool contains "
             "crashes)\n", id ? id : "(outside any test)", what);
    fflush(stdout);
    if (_write(1, line, (unsigned)strlen(line)) < 0) {
        /* stdout is gone: the exit status still says it */
    }
    _exit(PTEST__EXIT_INTERNAL);
}

/* The role SIGSEGV's handler plays on Linux: an exception nothing caught. */
static LONG WINAPI ptest__win_crash_filter(EXCEPTION_POINTERS *e)
{
    char what[160];
    ptest__os_status_text((int)e->ExceptionRecord->ExceptionCode, what, sizeof what);
    ptest__win_crash_say(what);
    return EXCEPTION_EXECUTE_HANDLER;
}

static void ptest__win_on_abort(int sig)
{
    (void)sig;
    ptest__win_crash_say("crashed with SIGABRT (abort)");
}

static void ptest__crash_handlers(int install)
{
    SetUnhandledExceptionFilter(install ? ptest__win_crash_filter : NULL);
    signal(SIGABRT, install ? ptest__win_on_abort : SIG_DFL);
}
#endif

#if defined(PTEST__HAS_THREADS)
/* Ctrl-Z during a thread-pool run, for its loop to act on. */
static volatile sig_atomic_t ptest__suspend_asked;

static void ptest__on_suspend(int sig)
{
    (void)sig;
    ptest__suspend_asked = 1;
}

/* One thread of the thread pool; a replacement takes its slot when it
 * times out, and an abandoned one is never freed (it may still run). */
struct ptest__tworker {
    struct ptest__tpool *tp;
    int slot;
    pthread_t thread;
    struct ptest__ctx ctx;
    struct ptest__fixtures fx;
    size_t current;         /* the case it runs, or (size_t)-1 */
    double started;
    double deadline;        /* 0: none */
    struct ptest__slow_watch slow; /* --slow notices of its test */
    int in_setup;           /* in its WORKER_SETUP, under the default timeout */
    int in_teardown;        /* in its SUITE/WORKER_TEARDOWNs, under the grace */
    int abandoned;
    void *altstack;
    struct ptest__tworker *next_ended; /* tp->ended's list */
};

struct ptest__tpool {
    struct ptest__run *run;
    pthread_mutex_t lock;   /* guards everything here and the run */
    pthread_cond_t wake;    /* a case finished or a thread ended */
    struct ptest__queue queue;
    struct ptest__tworker **slots;
    int count;
    int live;               /* threads not ended and not abandoned */
    int setup_timeouts;     /* threads abandoned in their WORKER_SETUP */
    int *setup_hangs;       /* per slot: after two, no more threads there */
    int abandoned;          /* threads left to themselves: they may still
                             * take the lock, so the pool is never freed */
    struct ptest__tworker *ended; /* threads that called pthread_exit(): the
                             * run waits for them before it returns, as
                             * exit() while one still unwinds can abort */
};

/* For the crash handler: this thread's worker, and the run. */
static PTEST__THREAD_LOCAL struct ptest__tworker *ptest__tworker_self;
static struct ptest__run *ptest__crash_run;
#if defined(PTEST__POSIX)
static void ptest__write_str(int fd, const char *s)
{
    if (write(fd, s, strlen(s)) < 0) {
        /* nothing more can be done in a dying process */
    }
}

/* A crash cannot be contained among threads: name the test and stop, with
 * what was reported so far already printed. Async-signal-safe. */
static void ptest__thread_crash(int sig)
{
    struct ptest__tworker *w = ptest__tworker_self;
    const struct ptest__run *run = ptest__crash_run;
    const char *name = ptest__os_signal_name(sig);
    ptest__write_str(1, "\nCRASHED ");
    if (w && run && w->current != (size_t)-1)
        ptest__write_str(1, run->reg.cases[w->current].id);
    else
        ptest__write_str(1, "(outside any test)");
    ptest__write_str(1, " - was killed by ");
    ptest__write_str(1, name ? name : "a signal");
    ptest__write_str(1, "\nptest: internal error: a crash in the thread pool "
                        "takes the whole process down; the results above "
                        "are all there is (--pool=fork contains crashes)\n");
    _exit(PTEST__EXIT_INTERNAL);
}
#endif

/* Records a case's outcome from a thread's report. Called locked. */
static void ptest__tworker_record(struct ptest__tworker *w, int outcome,
                                  const char *reason)
{
    struct ptest__run *run = w->tp->run;
    struct ptest__shared *sh = w->ctx.shared;
    struct ptest__result r;
    memset(&r, 0, sizeof r);
    r.outcome = outcome;
    r.worker = w->slot;
    r.started = w->started;
    r.duration = ptest__os_now() - w->started;
    r.reason = reason ? ptest__xstrdup(reason) : NULL;
    r.report = sh->report_len && outcome != PTEST__PASS
                   ? ptest__xstrndup(sh->report, sh->report_len) : NULL;
    r.failure_at = r.report ? sh->failure_at : -1;
    ptest__conclude(run, &w->tp->queue, w->current, &r);
    w->current = (size_t)-1;
}

/* Takes the next case, or returns 0 when the thread should end. Locked. */
static int ptest__tworker_next(struct ptest__tworker *w, size_t *index)
{
    struct ptest__tpool *tp = w->tp;
    while (!tp->run->stopping && tp->queue.left > 0) {
        if (ptest__queue_take(&tp->queue, w->slot, index, 1) == 1)
            return 1;
        pthread_cond_wait(&tp->wake, &tp->lock);
    }
    return 0;
}

static int ptest__tworker_start(struct ptest__tpool *tp, int slot);

/* A test (or fixture) called pthread_exit(): the thread ends here. Its
 * test is EXITED and, if it died in a test, a new thread takes the slot,
 * as after a timeout. Called with the lock free. */
static void ptest__tworker_exited(void *arg)
{
    struct ptest__tworker *w = (struct ptest__tworker *)arg;
    struct ptest__tpool *tp = w->tp;
    ptest__running_id = NULL;
    ptest__os_crash_stack_restore();
    pthread_mutex_lock(&tp->lock);
    if (!w->abandoned) {
        int in_test = w->current != (size_t)-1;
        if (in_test)
            ptest__tworker_record(w, PTEST__EXITED, "called pthread_exit() during "
                                                    "the test; its thread ended");
        if (tp->run->report.trace)
            ptest__trace_event(tp->run, PTEST__TK_END, w->slot, ptest__os_now(), 0,
                               "worker thread ended by pthread_exit()");
        w->abandoned = 1;
        tp->live--;
        w->next_ended = tp->ended; /* joined at the end of the run */
        tp->ended = w;
        tp->slots[w->slot] = NULL;
        if (in_test && !tp->run->stopping && tp->queue.left > 0)
            ptest__tworker_start(tp, w->slot);
        pthread_cond_broadcast(&tp->wake);
    }
    pthread_mutex_unlock(&tp->lock);
}

/* --trace, --html: a thread's WORKER/SUITE set-up or teardown ran
 * (ctx->on_hook); called with the lock free. */
static void ptest__tworker_hook(struct ptest__ctx *ctx, int kind, const char *suite,
                                double t0, double t1)
{
    struct ptest__tworker *w = (struct ptest__tworker *)ctx->hook_arg;
    pthread_mutex_lock(&w->tp->lock);
    if (!w->abandoned) /* the run may be over and its timeline written */
        ptest__trace_hook(w->tp->run, w->slot, kind, suite, t0, t1);
    pthread_mutex_unlock(&w->tp->lock);
}

/* The thread's life: set up, take and run cases until none is left. */
static void ptest__tworker_loop(struct ptest__tworker *w)
{
    struct ptest__tpool *tp = w->tp;
    struct ptest__run *run = tp->run;
    size_t index;
    pthread_mutex_lock(&tp->lock);
    w->in_setup = 1;
    w->started = ptest__os_now();
    w->deadline = run->cfg.timeout > 0 ? w->started + run->cfg.timeout : 0;
    pthread_mutex_unlock(&tp->lock);
    ptest__fixtures_start(&w->fx, &w->ctx, &run->reg);
    pthread_mutex_lock(&tp->lock);
    if (w->abandoned) { /* its WORKER_SETUP took too long */
        pthread_mutex_unlock(&tp->lock);
        return;
    }
    w->in_setup = 0;
    w->deadline = 0;
    while (ptest__tworker_next(w, &index)) {
        double t = ptest__case_timeout(run, &run->reg.cases[index]);
        int outcome;
        w->current = index;
        w->started = ptest__os_now();
        w->deadline = t > 0 ? w->started + t : 0;
        if (run->on.start)
            run->on.start(run, index, w->slot);
        pthread_mutex_unlock(&tp->lock);
        ptest__running_id = run->reg.cases[index].id;
        outcome = ptest__run_case(&w->ctx, &w->fx, &run->reg.cases[index],
                                  (int32_t)index);
        ptest__running_id = NULL;
        pthread_mutex_lock(&tp->lock);
        if (w->abandoned) { /* timed out: its result is already recorded */
            pthread_mutex_unlock(&tp->lock);
            return;
        }
        if (ptest__interrupt_signal) { /* it may have been cut short */
            char why[64];
            ptest__interrupted_why(why, sizeof why, (int)ptest__interrupt_signal);
            ptest__tworker_record(w, PTEST__INTERRUPTED, why);
        } else {
            ptest__tworker_record(w, outcome, NULL);
        }
        pthread_cond_broadcast(&tp->wake);
    }
    w->in_teardown = 1;
    w->started = ptest__os_now();
    w->deadline = w->started + PTEST__QUIT_GRACE;
    pthread_mutex_unlock(&tp->lock);
    ptest__fixtures_stop(&w->fx, &w->ctx, 2);
    pthread_mutex_lock(&tp->lock);
    run->tally.teardown_errors += (size_t)w->ctx.shared->teardown_failed;
    if (w->abandoned) { /* its teardown took too long: counted already */
        pthread_mutex_unlock(&tp->lock);
        return;
    }
    tp->live--;
    pthread_cond_broadcast(&tp->wake);
    pthread_mutex_unlock(&tp->lock);
}

static void *ptest__tworker_main(void *arg)
{
    struct ptest__tworker *w = (struct ptest__tworker *)arg;
    ptest__worker_slot = w->slot;
    ptest__tworker_self = w;
    ptest__os_crash_stack(w->altstack, 64 * 1024);
    pthread_cleanup_push(ptest__tworker_exited, w);
    ptest__tworker_loop(w);
    pthread_cleanup_pop(0);
    ptest__os_crash_stack_restore();
    return NULL;
}

/* Starts a thread in slot; -1 when the system refuses one. Locked. */
static int ptest__tworker_start(struct ptest__tpool *tp, int slot)
{
    struct ptest__tworker *w = (struct ptest__tworker *)ptest__xcalloc(1, sizeof *w);
    w->tp = tp;
    w->slot = slot;
    w->current = (size_t)-1;
    if (tp->run->report.trace) {
        w->ctx.on_hook = ptest__tworker_hook;
        w->ctx.hook_arg = w;
    }
    w->altstack = ptest__xcalloc(1, 64 * 1024);
    w->ctx.shared = (struct ptest__shared *)ptest__os_shared_alloc(sizeof *w->ctx.shared);
    if (!w->ctx.shared || pthread_create(&w->thread, NULL, ptest__tworker_main, w) != 0) {
        free(w->altstack);
        free(w);
        return -1;
    }
    tp->slots[slot] = w;
    tp->live++;
    if (tp->run->report.trace)
        ptest__trace_event(tp->run, PTEST__TK_SPAWN, slot, ptest__os_now(), 0,
                           "worker thread started");
    return 0;
}

/* Leaves the thread in slot i to itself (a test or set-up that will not
 * end), freeing the slot. Locked. */
static void ptest__tworker_abandon(struct ptest__tpool *tp, int i)
{
    struct ptest__tworker *w = tp->slots[i];
    if (tp->run->report.trace)
        ptest__trace_event(tp->run, PTEST__TK_END, i, ptest__os_now(), 0,
                           "worker thread abandoned: what it ran did not end");
    w->abandoned = 1;
    tp->live--;
    tp->abandoned++;
    pthread_detach(w->thread);
    tp->slots[i] = NULL;
}

/* Times out the test of a thread past its deadline, or its WORKER_SETUP:
 * the thread is left to itself and a new one takes the slot (after two
 * set-ups that hung, none: a third would hang too). Locked. */
static void ptest__tpool_deadlines(struct ptest__tpool *tp, double now,
                                   double *next)
{
    int i, in_setup;
    char why[320];
    for (i = 0; i < tp->count; i++) {
        struct ptest__tworker *w = tp->slots[i];
        if (!w || (w->current == (size_t)-1 && !w->in_setup && !w->in_teardown) ||
            w->deadline <= 0)
            continue;
        if (now < w->deadline) {
            if (*next == 0 || w->deadline < *next)
                *next = w->deadline;
            continue;
        }
        in_setup = w->in_setup;
        if (w->in_teardown) {
            ptest__complain("error", "SUITE_TEARDOWN or WORKER_TEARDOWN did not finish "
                            "within %gs in gw%d; its thread is abandoned",
                            PTEST__QUIT_GRACE, i);
            tp->run->tally.teardown_errors++;
            ptest__tworker_abandon(tp, i);
            continue;
        }
        if (!in_setup) {
            int in_suite = w->ctx.shared->hook == PTEST__HOOK_SUITE_SETUP + 1;
            snprintf(why, sizeof why, "timed out after %gs%s%s%s (its thread is abandoned)",
                     w->deadline - w->started, in_suite ? " in SUITE_SETUP(" : "",
                     in_suite ? tp->run->reg.cases[w->current].test->suite : "",
                     in_suite ? ")" : "");
            ptest__tworker_record(w, PTEST__TIMEOUT, why);
        }
        tp->setup_timeouts += in_setup;
        tp->setup_hangs[i] += in_setup;
        ptest__tworker_abandon(tp, i);
        if (!tp->run->stopping && tp->queue.left > 0 && tp->setup_hangs[i] < 2)
            ptest__tworker_start(tp, i);
    }
}

/* After SIGINT/SIGTERM: stop taking tests; once the grace is over, the
 * tests still running are interrupted and their threads abandoned. */
static void ptest__tpool_interrupt(struct ptest__tpool *tp, double since)
{
    int i;
    tp->run->stopping = 1;
    tp->run->interrupted = (int)ptest__interrupt_signal;
    pthread_cond_broadcast(&tp->wake);
    if (ptest__os_now() - since < PTEST__KILL_GRACE)
        return;
    for (i = 0; i < tp->count; i++) {
        struct ptest__tworker *w = tp->slots[i];
        if (!w || (w->current == (size_t)-1 && !w->in_setup && !w->in_teardown))
            continue;
        if (!w->in_setup && !w->in_teardown)
            ptest__tworker_record(w, PTEST__INTERRUPTED, "interrupted");
        ptest__tworker_abandon(tp, i);
    }
}

/* Ctrl-Z: stops the whole process (every thread with it) and, on fg,
 * moves every deadline by the time stopped, so that no test or set-up
 * times out for the pause. Locked. */
static void ptest__tpool_suspend(struct ptest__tpool *tp)
{
    double stopped = ptest__os_now(), paused;
    int i;
    ptest__suspend_asked = 0;
    ptest__os_stop_self();
    paused = ptest__os_now() - stopped;
    for (i = 0; i < tp->count; i++) {
        struct ptest__tworker *w = tp->slots[i];
        if (!w)
            continue;
        w->started += paused;
        if (w->deadline > 0)
            w->deadline += paused;
    }
}

/* Waits on the pool's condition until at the latest `until` (monotonic). */
static void ptest__tpool_wait(struct ptest__tpool *tp, double until)
{
    struct timespec ts;
    ptest__os_cond_deadline(until, &ts);
    pthread_cond_timedwait(&tp->wake, &tp->lock, &ts);
}

#if defined(PTEST__POSIX)
static void ptest__tpool_signals(int install)
{
    static const int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    struct sigaction sa;
    size_t i;
    ptest__interrupt_install(install);
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = install ? ptest__thread_crash : SIG_DFL;
    sa.sa_flags = SA_ONSTACK;
    for (i = 0; i < sizeof crashes / sizeof crashes[0]; i++)
        sigaction(crashes[i], &sa, NULL);
    signal(SIGPIPE, install ? SIG_IGN : SIG_DFL);
}
#else
static void ptest__tpool_signals(int install)
{
    ptest__interrupt_install(install);
    ptest__crash_handlers(install);
}
#endif

/* Gives every case that never ran its outcome, and says when threads
 * were abandoned in their WORKER_SETUP. Locked. */
static void ptest__tpool_unrun(struct ptest__tpool *tp)
{
    struct ptest__buf why = {NULL, 0, 0};
    int unrun = tp->queue.left && !tp->run->stopping;
    if (tp->setup_timeouts)
        ptest__buf_printf(&why, "WORKER_SETUP did not finish within %gs in %d thread%s "
                          "(abandoned)", tp->run->cfg.timeout, tp->setup_timeouts,
                          tp->setup_timeouts == 1 ? "" : "s");
    if (unrun && why.len) {
        char *what = ptest__buf_take(&why);
        ptest__buf_printf(&why, "not run: %s", what);
        free(what);
        ptest__queue_not_run(tp->run, &tp->queue, why.data);
    } else {
        ptest__queue_not_run(tp->run, &tp->queue, NULL);
        if (why.len && !tp->run->interrupted)
            ptest__complain("warning", "%s; the others ran the tests", why.data);
    }
    ptest__buf_free(&why);
}

/* Finds the test that has run longest, for the progress line, and gives
 * the --slow notices of the tests running. Locked. */
static void ptest__tpool_longest(struct ptest__tpool *tp, double now)
{
    struct ptest__run *run = tp->run;
    int i;
    run->progress.longest = (size_t)-1;
    for (i = 0; i < tp->count; i++) {
        struct ptest__tworker *w = tp->slots[i];
        if (!w || w->abandoned || w->in_setup || w->in_teardown ||
            w->current == (size_t)-1)
            continue;
        if (run->progress.longest == (size_t)-1 || w->started < run->progress.longest_since) {
            run->progress.longest = w->current;
            run->progress.longest_since = w->started;
        }
        ptest__slow_check(run, &w->slow, w->current, w->slot, w->started, now);
    }
}

/* Waits for a thread that ended or will, and frees it. Locked: a thread
 * that ended by pthread_exit() took the lock last in its cleanup, and
 * gave it back before the rest of its unwinding, which this waits for. */
static void ptest__tworker_join(struct ptest__tworker *w)
{
    pthread_join(w->thread, NULL);
    ptest__os_shared_free((void *)w->ctx.shared, sizeof(struct ptest__shared));
    free(w->altstack);
    free(w);
}

/* Runs the selected cases on run->workers threads of this process. Output
 * is not captured (file descriptors are per process); ptest_log is. */
static int ptest__thread_run(struct ptest__run *run)
{
    struct ptest__tpool *tp = (struct ptest__tpool *)ptest__xcalloc(1, sizeof *tp);
    double interrupted_at = 0;
    int i;
    tp->run = run;
    tp->count = run->workers;
    tp->slots = (struct ptest__tworker **)ptest__xcalloc((size_t)tp->count, sizeof *tp->slots);
    tp->setup_hangs = (int *)ptest__xcalloc((size_t)tp->count, sizeof *tp->setup_hangs);
    ptest__queue_init(&tp->queue, run);
    pthread_mutex_init(&tp->lock, NULL);
    ptest__os_cond_init(&tp->wake);
    ptest__crash_run = run;
    ptest__tpool_signals(1);
    ptest__suspend_asked = 0;
    ptest__os_on_suspend(ptest__on_suspend);
    ptest__exit_guard_arm(1);
    pthread_mutex_lock(&tp->lock);
    for (i = 0; i < tp->count; i++)
        ptest__tworker_start(tp, i);
    while (tp->live > 0) {
        double now, next = 0;
        if (ptest__suspend_asked)
            ptest__tpool_suspend(tp);
        now = ptest__os_now();
        ptest__tpool_deadlines(tp, now, &next);
        if (run->report.broken_pipe && !ptest__interrupt_signal)
            ptest__interrupt_signal = PTEST__SIGPIPE;
        if (ptest__interrupt_signal) {
            if (interrupted_at == 0)
                interrupted_at = now;
            ptest__tpool_interrupt(tp, interrupted_at);
        }
        ptest__tpool_longest(tp, now);
        if (run->on.result)
            run->on.result(run, (size_t)-1);
        if (tp->live > 0)
            ptest__tpool_wait(tp, next > 0 && next < now + 0.1 ? next : now + 0.1);
    }
    for (i = 0; i < tp->count; i++)
        if (tp->slots[i])
            ptest__tworker_join(tp->slots[i]);
    while (tp->ended) {
        struct ptest__tworker *w = tp->ended;
        tp->ended = w->next_ended;
        ptest__tworker_join(w);
    }
    ptest__tpool_unrun(tp);
    ptest__os_on_suspend(NULL);
    ptest__exit_guard_arm(0);
    pthread_mutex_unlock(&tp->lock);
    ptest__tpool_signals(0);
    ptest__crash_run = NULL;
    ptest__queue_free(&tp->queue);
    if (tp->abandoned == 0) { /* else a thread may still take tp->lock */
        free(tp->slots);
        free(tp->setup_hangs);
        free(tp);
    }
    return 0;
}
#else
static int ptest__thread_run(struct ptest__run *run)
{
    fprintf(stderr, "ptest: error: --pool=thread: built with PTEST_NO_THREADS\n");
    (void)run;
    errno = ENOSYS;
    return -1;
}
#endif

/* ------------------------------------------------------------------------
 * Workers: the inline runner
 *
 * -j 0: each test runs in the runner's own process, for debuggers and
 * breakpoints, with the same hygiene as a worker's, and the runner's
 * stdout and stderr put back after a test that closed or replaced them.
 * ------------------------------------------------------------------------ */

/* Inline: the runner's stdout and stderr, kept to put back after a test
 * that closed or replaced them, as a worker does with its capture files. */
struct ptest__std_keep {
    int fd[2];
#if defined(PTEST__POSIX)
    struct stat st[2];
#endif
};

static void ptest__std_keep_save(struct ptest__std_keep *k)
{
    int i;
    for (i = 0; i < 2; i++) {
#if defined(PTEST__POSIX)
        k->fd[i] = fcntl(i + 1, F_DUPFD_CLOEXEC, 500); /* out of tests' way */
        if (k->fd[i] >= 0 && fstat(i + 1, &k->st[i]) != 0) {
            close(k->fd[i]);
            k->fd[i] = -1;
        }
#else
        k->fd[i] = -1; /* Windows: not put back */
#endif
    }
}

#if defined(PTEST__POSIX)
/* Whether fd is the file st describes. */
static int ptest__same_file(int fd, const struct stat *st)
{
    struct stat now;
    return fd >= 0 && fstat(fd, &now) == 0 && now.st_ino == st->st_ino &&
           now.st_dev == st->st_dev;
}
#endif

/* Puts fd 1 and 2 back; a copy that a test closed is made again while the
 * stream itself is still there. */
static void ptest__std_keep_restore(struct ptest__std_keep *k)
{
#if defined(PTEST__POSIX)
    int i;
    for (i = 0; i < 2; i++) {
        int intact;
        if (k->fd[i] < 0)
            continue;
        intact = ptest__same_file(i + 1, &k->st[i]);
        if (!ptest__same_file(k->fd[i], &k->st[i]))
            k->fd[i] = intact ? fcntl(i + 1, F_DUPFD_CLOEXEC, 500) : -1;
        if (intact || k->fd[i] < 0)
            continue;
        fflush(i ? stderr : stdout);
        dup2(k->fd[i], i + 1);
    }
#else
    (void)k;
#endif
}

static void ptest__std_keep_close(struct ptest__std_keep *k)
{
    int i;
    for (i = 0; i < 2; i++)
        ptest__os_close(k->fd[i]);
}

/* Inline: the runner's own state after a test, as a worker's. */
/* --trace, --html: a set-up or teardown of the inline run ran. */
static void ptest__inline_hook(struct ptest__ctx *ctx, int kind, const char *suite,
                               double t0, double t1)
{
    ptest__trace_hook((struct ptest__run *)ctx->hook_arg, -1, kind, suite, t0, t1);
}

static void ptest__inline_hygiene(struct ptest__hygiene *h, struct ptest__result *r)
{
    struct ptest__buf warn = {NULL, 0, 0};
    ptest__hygiene_restore(h, &warn, 0);
    free(r->warnings);
    r->warnings = ptest__buf_take(&warn);
}

/* Inline: a test running when SIGINT or SIGTERM came was cut short (its
 * sleeps and reads return early), so it is interrupted, whatever it
 * returned. */
static void ptest__inline_interrupted(struct ptest__run *run, struct ptest__result *r,
                                      int sig)
{
    char why[64];
    run->interrupted = sig;
    run->stopping = 1;
    ptest__interrupted_why(why, sizeof why, sig);
    r->outcome = PTEST__INTERRUPTED;
    free(r->reason);
    r->reason = ptest__xstrndup(why, strlen(why));
}

/* Runs the selected cases in this process, one after another (-j 0): for
 * debuggers. No capture and no timeouts; a crash ends the run. */
static int ptest__inline_run(struct ptest__run *run)
{
    struct ptest__ctx ctx;
    struct ptest__fixtures fx;
    struct ptest__std_keep std_keep;
    struct ptest__hygiene *hygiene;
    size_t i;
    memset(&ctx, 0, sizeof ctx);
    ctx.shared = (struct ptest__shared *)ptest__os_shared_alloc(sizeof *ctx.shared);
    if (!ctx.shared)
        return -1;
    hygiene = (struct ptest__hygiene *)ptest__xcalloc(1, sizeof *hygiene);
    if (run->report.trace) {
        ctx.on_hook = ptest__inline_hook;
        ctx.hook_arg = run;
    }
    ptest__interrupt_install(1);
    ptest__crash_handlers(1);
    ptest__exit_guard_arm(1);
    ptest__fixtures_start(&fx, &ctx, &run->reg);
    ptest__std_keep_save(&std_keep);
    ptest__hygiene_save(hygiene);
    fx.after_setup = ptest__hygiene_rebase;
    fx.after_setup_arg = hygiene;
    for (i = 0; i < run->selected; i++) {
        size_t index = run->order[i];
        struct ptest__result r;
        double t0 = ptest__os_now();
        memset(&r, 0, sizeof r);
        if (ptest__interrupt_signal && !run->interrupted) {
            run->interrupted = (int)ptest__interrupt_signal;
            run->stopping = 1;
        }
        if (run->stopping || run->report.broken_pipe) {
            r.outcome = PTEST__NOT_RUN;
        } else {
            do {
                if (run->on.start)
                    run->on.start(run, index, -1);
                t0 = ptest__os_now();
                ptest__running_id = run->reg.cases[index].id;
                r.outcome = ptest__run_case(&ctx, &fx, &run->reg.cases[index],
                                            (int32_t)index);
                ptest__running_id = NULL;
                ptest__std_keep_restore(&std_keep);
                ptest__inline_hygiene(hygiene, &r);
                r.report = ctx.shared->report_len
                               ? ptest__xstrndup(ctx.shared->report, ctx.shared->report_len)
                               : NULL;
                r.failure_at = r.report ? ctx.shared->failure_at : -1;
                r.started = t0;
                r.duration = ptest__os_now() - t0;
                if (ptest__interrupt_signal) {
                    ptest__inline_interrupted(run, &r, (int)ptest__interrupt_signal);
                    break;
                }
            } while (ptest__retry(run, index, &r));
        }
        r.worker = -1;
        ptest__finish(run, index, &r);
    }
    ptest__fixtures_stop(&fx, &ctx, 2);
    run->tally.teardown_errors += (size_t)ctx.shared->teardown_failed;
    ptest__exit_guard_arm(0);
    ptest__crash_handlers(0);
    ptest__interrupt_install(0);
    ptest__hygiene_close(hygiene);
    ptest__std_keep_close(&std_keep);
    ptest__os_shared_free((void *)ctx.shared, sizeof *ctx.shared);
    return 0;
}

/* ------------------------------------------------------------------------
 * Reporters: the console, JSON Lines and JUnit
 *
 * The reporters get each finished case through ptest__on_result (the
 * dispatch, at the end of the next section) and write the run's reports.
 * Here, the console: a header, each failure with its report as soon as it
 * is known, a live progress line on a terminal (plain lines elsewhere),
 * one line per test with -v, then the short summary, "Ran N tests ..."
 * and, as the very last line, "ptest: P passed, F failed, S skipped".
 * Then JSON Lines (--json) and JUnit XML (--junitxml). Only the reporters
 * write to stdout; a closed stdout stops the run quietly.
 * ------------------------------------------------------------------------ */

/* ---- the console ---- */

/* The order in which the breakdown line lists the outcomes. */
static const unsigned char ptest__breakdown[] = {
    PTEST__PASS, PTEST__FLAKY, PTEST__FAIL, PTEST__CRASH, PTEST__EXITED,
    PTEST__TIMEOUT, PTEST__XPASS, PTEST__SKIP, PTEST__XFAIL,
    PTEST__INTERRUPTED, PTEST__NOT_RUN};

/* Writes to stdout unless it is gone; notices when it goes. */
static void ptest__say(struct ptest__run *run, const char *fmt, ...)
    PTEST__PRINTF(2, 3);
static void ptest__say(struct ptest__run *run, const char *fmt, ...)
{
    va_list ap;
    if (run->report.broken_pipe)
        return;
    va_start(ap, fmt);
    errno = 0;
    vfprintf(ptest__out(run), fmt, ap);
    va_end(ap);
    if (ferror(ptest__out(run))) {
        run->report.broken_pipe = 1; /* a write failed (EPIPE): the pool stops the run */
        run->report.out_errno = ptest__os_write_errno();
    }
}

static const char *ptest__outcome_color(int outcome)
{
    switch (outcome) {
    case PTEST__PASS: case PTEST__FLAKY: return "\033[32m";
    case PTEST__SKIP: case PTEST__XFAIL: case PTEST__NOT_RUN:
    case PTEST__INTERRUPTED: return "\033[33m";
    default: return "\033[1;31m";
    }
}

/* "FAILED" in its colour when colour is on. */
static void ptest__say_word(struct ptest__run *run, int outcome)
{
    if (run->report.color)
        ptest__say(run, "%s%s\033[0m", ptest__outcome_color(outcome),
                   ptest__outcome_texts[outcome].word);
    else
        ptest__say(run, "%s", ptest__outcome_texts[outcome].word);
}

/* Prints text with every line indented; a missing final newline added. */
static void ptest__say_indented(struct ptest__run *run, const char *text,
                                const char *indent)
{
    const char *line;
    size_t n;
    while (ptest__next_line(&text, &line, &n))
        ptest__say(run, "%s%.*s\n", indent, (int)n, line);
}

static void ptest__clear_progress(struct ptest__run *run)
{
    if (run->report.tty && run->progress.last_drawn > 0) {
        ptest__say(run, "\r\033[K");
        run->progress.last_drawn = 0;
    }
}

/* Pushes out what was said, so a reader sees it now and a closed stdout
 * is noticed now. */
static void ptest__flush(struct ptest__run *run)
{
    errno = 0;
    if (!run->report.broken_pipe && fflush(ptest__out(run)) != 0) {
        run->report.broken_pipe = 1; /* the pool stops the run */
        run->report.out_errno = ptest__os_write_errno();
    }
}

/* Cuts line to fit width columns with one to spare (a line that filled
 * the terminal would wrap, and the next redraw would not erase it), at a
 * character boundary of UTF-8; width 0 (unknown): as it is. */
static void ptest__fit_width(char *line, int width)
{
    int cols = 0;
    char *p;
    if (width < 2)
        return;
    for (p = line; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80 && cols++ == width - 1) {
            *p = '\0';
            return;
        }
}

/* "[ 12/100] 1 failed, 3.2s" redrawn in place, at most ten times a second,
 * cut to the terminal's width. */
static void ptest__progress(struct ptest__run *run)
{
    double now = ptest__os_now();
    struct ptest__buf line = {NULL, 0, 0};
    if (!run->report.tty || run->cfg.verbose != 0 || now - run->progress.last_drawn < 0.1)
        return;
    ptest__buf_printf(&line, "[%*lu/%lu] %lu failed, %.1fs",
                      (int)(run->selected >= 100000 ? 6 : run->selected >= 1000 ? 4 : 3),
                      (unsigned long)run->tally.finished, (unsigned long)run->selected,
                      (unsigned long)run->tally.failures, now - run->started);
    if (run->tally.finished > 0 && run->workers > 0) {
        double mean = run->progress.observed / (double)run->tally.finished;
        double left = ptest__work_left(&run->progress, mean) / (double)run->workers;
        ptest__buf_printf(&line, left < 10 ? ", ETA %.1fs" : ", ETA %.0fs", left);
    }
    if (run->progress.longest != (size_t)-1 && now - run->progress.longest_since >= 1.0)
        ptest__buf_printf(&line, "; running longest: %s (%.0fs)",
                          run->reg.cases[run->progress.longest].id, now - run->progress.longest_since);
    ptest__fit_width(line.data, ptest__os_term_width(fileno(ptest__out(run))));
    ptest__say(run, "\r\033[K%s", line.data);
    ptest__buf_free(&line);
    fflush(ptest__out(run));
    run->progress.last_drawn = now;
}

/* The first line of a result's explanation, for one-line summaries. */
static void ptest__say_first_line(struct ptest__run *run,
                                  const struct ptest__result *r)
{
    const char *text = r->reason ? r->reason : r->report;
    if (!r->reason && r->report && r->failure_at >= 0)
        text = r->report + r->failure_at;
    if (text)
        ptest__say(run, " - %.*s", (int)strcspn(text, "\n"), text);
}

/* "WORD id (0.012s, gw1)" and, for failures, the report. */
static void ptest__report_result(struct ptest__run *run, size_t index)
{
    const struct ptest__case *c = &run->reg.cases[index];
    const struct ptest__result *r = &run->results[index];
    int bad = ptest__outcome_fails(r->outcome);
    int tb = run->cfg.tb;
    if (!bad && run->cfg.verbose <= 0)
        return;
    ptest__clear_progress(run);
    ptest__say_word(run, r->outcome);
    if (run->report.stable)
        ptest__say(run, " %s", c->id);
    else if (r->worker >= 0)
        ptest__say(run, " %s (%.3fs, gw%d)", c->id, r->duration, r->worker);
    else
        ptest__say(run, " %s (%.3fs, master)", c->id, r->duration);
    if (!bad || tb == PTEST__TB_LINE) {
        ptest__say_first_line(run, r);
        ptest__say(run, "\n");
        return;
    }
    ptest__say(run, "\n");
    if (tb == PTEST__TB_NO)
        return;
    if (r->reason)
        ptest__say(run, "    %s\n", r->reason);
    if (r->report)
        ptest__say_indented(run, r->report, "    ");
    if (tb == PTEST__TB_LONG && r->out) {
        ptest__say(run, "    --- stdout ---\n");
        ptest__say_indented(run, r->out, "    ");
    }
    if (tb == PTEST__TB_LONG && r->err) {
        ptest__say(run, "    --- stderr ---\n");
        ptest__say_indented(run, r->err, "    ");
    }
}

/* The pool's callback: a finished case, or (index -1) a clock tick. */
static void ptest__console_on_result(struct ptest__run *run, size_t index)
{
    if (index != (size_t)-1 && !run->report.stable) {
        int printed = ptest__outcome_fails(run->results[index].outcome) ||
                      run->cfg.verbose > 0;
        ptest__report_result(run, index);
        if (printed)
            ptest__flush(run);
    }
    ptest__progress(run);
}

/* The selection in the order reports list it: run order, or definition
 * order under PTEST_STABLE (run order changes with durations and --shuffle). */
static const size_t *ptest__report_order(const struct ptest__run *run, size_t **copy)
{
    *copy = NULL;
    if (!run->report.stable)
        return run->order; /* not copied: 800 KB of page faults at 100,000 tests */
    *copy = (size_t *)ptest__xrealloc(NULL, (run->selected ? run->selected : 1) *
                                                sizeof **copy);
    memcpy(*copy, run->order, run->selected * sizeof **copy);
    qsort(*copy, run->selected, sizeof **copy, ptest__compare_size);
    return *copy;
}

/* PTEST_STABLE: every report at the end, in definition order, whatever -j
 * and the durations are. */
static void ptest__console_replay(struct ptest__run *run)
{
    size_t i, *copy;
    const size_t *order;
    if (!run->report.stable)
        return;
    order = ptest__report_order(run, &copy);
    for (i = 0; i < run->selected; i++)
        if (run->results[order[i]].outcome != PTEST__NOT_RUN)
            ptest__report_result(run, order[i]);
    free(copy);
}

/* "fork", "thread" or "inline", for "with 4 fork workers". */
static const char *ptest__pool_name(const struct ptest__run *run)
{
    if (run->workers == 0)
        return "inline";
    return run->cfg.pool == PTEST__POOL_THREAD ? "thread" : PTEST__PROCESS_POOL;
}

/* "Ran 3 tests in 0.52s with 2 fork workers" ("1 test", "... inline"),
 * after prefix. */
static void ptest__say_ran(struct ptest__run *run, const char *prefix)
{
    size_t ran = run->tally.finished - run->tally.counts[PTEST__NOT_RUN];
    ptest__say(run, "%sRan %lu test%s in %.2fs", prefix, (unsigned long)ran,
               ran == 1 ? "" : "s", run->elapsed);
    if (run->workers == 0)
        ptest__say(run, " inline\n");
    else
        ptest__say(run, " with %d %s worker%s\n", run->workers, ptest__pool_name(run),
                   run->workers == 1 ? "" : "s");
}

static void ptest__console_header(struct ptest__run *run)
{
    if (run->cfg.verbose < 0)
        return;
    ptest__say(run, "ptest %s: %lu test%s selected", PTEST_VERSION_STRING,
               (unsigned long)run->selected, run->selected == 1 ? "" : "s");
    if (ptest__deselected(run))
        ptest__say(run, " (%lu deselected)", (unsigned long)ptest__deselected(run));
    if (run->workers > 0)
        ptest__say(run, ", %d %s worker%s%s\n", run->workers, ptest__pool_name(run),
                   run->workers == 1 ? "" : "s",
                   run->cfg.forked ? " (--forked: a process per test)" : "");
    else
        ptest__say(run, ", running inline (-j 0)\n");
    if (run->notes.len)
        ptest__say(run, "%s", run->notes.data);
    ptest__flush(run);
}

/* The failing and unfinished tests, one line each, in run order; returns
 * how many. */
static size_t ptest__console_summary(struct ptest__run *run)
{
    size_t i, shown = 0, *copy;
    const size_t *order = ptest__report_order(run, &copy);
    for (i = 0; i < run->selected; i++) {
        const struct ptest__result *r = &run->results[order[i]];
        if (!ptest__outcome_fails(r->outcome) && r->outcome != PTEST__FLAKY &&
            r->outcome != PTEST__INTERRUPTED && !ptest__result_lost(run, r))
            continue;
        if (shown++ == 0)
            ptest__say(run, "\nshort test summary:\n");
        ptest__say_word(run, r->outcome);
        ptest__say(run, " %s", run->reg.cases[order[i]].id);
        ptest__say_first_line(run, r);
        ptest__say(run, "\n");
    }
    if (shown)
        ptest__say(run, "\n");
    free(copy);
    return shown;
}

/* What tests leaked (processes, descriptors), whatever their outcome, in
 * run order; returns how many warnings there were. */
static size_t ptest__console_warnings(struct ptest__run *run)
{
    size_t i, shown = 0, *copy;
    const size_t *order = ptest__report_order(run, &copy);
    for (i = 0; i < run->selected; i++) {
        const char *w = run->results[order[i]].warnings, *line;
        size_t n;
        while (ptest__next_line(&w, &line, &n)) {
            if (shown++ == 0)
                ptest__say(run, "\nwarnings:\n");
            ptest__say(run, "%s: %.*s\n", run->reg.cases[order[i]].id, (int)n, line);
        }
    }
    free(copy);
    return shown;
}

/* F of the last line: every outcome that fails the run, the tests an
 * interrupt cut short, and tests that lost workers never reached. Tests
 * that -x, --maxfail or an interrupt kept from starting are not counted. */
static size_t ptest__failed_count(const struct ptest__run *run)
{
    return run->tally.failures + run->tally.counts[PTEST__INTERRUPTED] + ptest__lost_count(run);
}

static const struct ptest__run *ptest__slowest_run;
static int ptest__compare_slowest(const void *a, const void *b)
{
    double x = ptest__slowest_run->results[*(const size_t *)a].duration;
    double y = ptest__slowest_run->results[*(const size_t *)b].duration;
    return x > y ? -1 : x < y;
}

/* --durations=N: the N slowest tests of this run (0: all). */
static void ptest__console_durations(struct ptest__run *run)
{
    size_t *sorted, i, n;
    if (run->cfg.durations < 0 || run->selected == 0)
        return;
    sorted = (size_t *)ptest__xcalloc(run->selected, sizeof *sorted);
    memcpy(sorted, run->order, run->selected * sizeof *sorted);
    ptest__slowest_run = run;
    qsort(sorted, run->selected, sizeof *sorted, ptest__compare_slowest);
    n = run->cfg.durations == 0 || (size_t)run->cfg.durations > run->selected
            ? run->selected : (size_t)run->cfg.durations;
    ptest__say(run, "slowest %lu durations:\n", (unsigned long)n);
    for (i = 0; i < n; i++)
        ptest__say(run, "%10.3fs  %s\n", run->results[sorted[i]].duration,
                   run->reg.cases[sorted[i]].id);
    ptest__say(run, "\n");
    free(sorted);
}

/* "stopped after 1 failure (-x)", as the user asked for it. */
static void ptest__say_stopped(struct ptest__run *run)
{
    unsigned long n = (unsigned long)run->tally.failures;
    if (run->cfg.exitfirst)
        ptest__say(run, "stopped after %lu failure%s (-x)\n", n, n == 1 ? "" : "s");
    else
        ptest__say(run, "stopped after %lu failure%s (--maxfail=%d)\n", n,
                   n == 1 ? "" : "s", run->cfg.maxfail);
}

/* "Ran ...", the breakdown, and the last line. */
static void ptest__console_footer(struct ptest__run *run)
{
    size_t i, listed = 0;
    size_t passed = run->tally.counts[PTEST__PASS] + run->tally.counts[PTEST__FLAKY];
    size_t skipped = run->tally.counts[PTEST__SKIP] + run->tally.counts[PTEST__XFAIL];
    size_t warnings;
    ptest__clear_progress(run);
    ptest__console_replay(run);
    warnings = ptest__console_warnings(run);
    if (!ptest__console_summary(run) && warnings)
        ptest__say(run, "\n");
    ptest__console_durations(run);
    if (run->interrupted && run->interrupted != PTEST__SIGPIPE)
        ptest__say(run, "interrupted by %s\n",
                   ptest__os_signal_name(run->interrupted));
    else if (run->stopping && run->cfg.maxfail)
        ptest__say_stopped(run);
    ptest__say_ran(run, "");
    for (i = 0; i < sizeof ptest__breakdown; i++) {
        size_t n = run->tally.counts[ptest__breakdown[i]];
        if (n)
            ptest__say(run, "%s%lu %s", listed++ ? ", " : "", (unsigned long)n,
                       ptest__outcome_texts[ptest__breakdown[i]].phrase);
    }
    if (run->tally.teardown_errors)
        ptest__say(run, "%s%lu teardown error%s", listed++ ? ", " : "",
                   (unsigned long)run->tally.teardown_errors,
                   run->tally.teardown_errors == 1 ? "" : "s");
    if (warnings)
        ptest__say(run, "%s%lu warning%s", listed++ ? ", " : "",
                   (unsigned long)warnings, warnings == 1 ? "" : "s");
    ptest__say(run, "%s\n", listed ? "" : "no tests ran");
    ptest__say(run, "ptest: %lu passed, %lu failed, %lu skipped\n",
               (unsigned long)passed, (unsigned long)ptest__failed_count(run),
               (unsigned long)skipped);
    ptest__flush(run);
}

/* --collect-only: ids (with -q, nothing else), markers and places. */
static void ptest__console_collect(struct ptest__run *run)
{
    size_t i, j;
    for (i = 0; i < run->selected; i++) {
        const struct ptest__case *c = &run->reg.cases[run->order[i]];
        const char *sep = " [";
        if (run->cfg.verbose < 0) { /* -q: ids only, many of them maybe */
            if (!run->report.broken_pipe && (fputs(c->id, stdout) < 0 || putchar('\n') < 0))
                run->report.broken_pipe = 1;
            continue;
        }
        ptest__say(run, "%s", c->id);
        {
            for (j = 0; j < c->test->option_count; j++)
                if (c->test->options[j].kind == PTEST__OPT_MARK) {
                    ptest__say(run, "%s%s", sep, c->test->options[j].text);
                    sep = ", ";
                }
            ptest__say(run, "%s  %s:%d", sep[0] == ',' ? "]" : "",
                       c->test->file, c->test->line);
        }
        ptest__say(run, "\n");
    }
    if (run->cfg.verbose >= 0)
        ptest__say(run, "\n%lu test%s collected (%lu deselected)\n",
                   (unsigned long)run->selected, run->selected == 1 ? "" : "s",
                   (unsigned long)ptest__deselected(run));
}

/* --markers: every declared marker with its description. */
static void ptest__console_markers(struct ptest__run *run)
{
    size_t i;
    for (i = 0; i < 3; i++)
        ptest__say(run, "%s: %s (built in)\n", ptest__builtin_markers[i].name,
                   ptest__builtin_markers[i].description);
    for (i = 0; i < run->reg.marker_count; i++) {
        const struct ptest__marker *m = run->reg.markers[i];
        size_t j;
        for (j = 0; j < i; j++)
            if (strcmp(run->reg.markers[j]->name, m->name) == 0)
                break;
        if (j == i && !(m->line == 0 && strcmp(m->file, "ptest.h") == 0))
            ptest__say(run, "%s: %s (%s:%d)\n", m->name, m->description,
                       m->file, m->line);
    }
}

/* ---- JSON and XML text, JSON Lines ---- */

/* Appends text as a JSON string; bytes that are not UTF-8 become U+FFFD,
 * so every line is valid JSON whatever a test printed. NULL is null. */
static void ptest__json_str(struct ptest__buf *b, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = text ? strlen(text) : 0, i = 0, len;
    if (!text) {
        ptest__buf_puts(b, "null");
        return;
    }
    ptest__buf_puts(b, "\"");
    while (i < n) {
        unsigned char c = s[i];
        size_t plain = i;
        while (plain < n && s[plain] >= 0x20 && s[plain] < 0x7f && s[plain] != '"' &&
               s[plain] != '\\')
            plain++;
        if (plain > i) { /* the common case, added at once */
            ptest__buf_add(b, s + i, plain - i);
            i = plain;
        } else if (c == '"' || c == '\\') {
            ptest__buf_printf(b, "\\%c", c);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            ptest__buf_printf(b, "\\u%04x", c);
            i++;
        } else if ((len = ptest__utf8_len(s + i, n - i)) == 0) {
            ptest__buf_puts(b, "\\ufffd");
            i++;
        } else {
            ptest__buf_add(b, s + i, len);
            i += len;
        }
    }
    ptest__buf_puts(b, "\"");
}

/* Appends text for XML content or an attribute value: entities for the
 * markup characters, "\xNN" for bytes XML 1.0 cannot carry (control
 * characters, NUL, invalid UTF-8). */
static void ptest__xml_text(struct ptest__buf *b, const char *text)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t n = strlen((const char *)s), i = 0, len;
    while (i < n) {
        unsigned char c = s[i];
        const char *entity;
        size_t plain = i;
        while (plain < n && s[plain] >= 0x20 && s[plain] < 0x7f && s[plain] != '&' &&
               s[plain] != '<' && s[plain] != '>' && s[plain] != '"' && s[plain] != '\'')
            plain++;
        if (plain > i) { /* the common case, added at once */
            ptest__buf_add(b, s + i, plain - i);
            i = plain;
            continue;
        }
        entity = c == '&' ? "&amp;" : c == '<' ? "&lt;" :
                 c == '>' ? "&gt;" : c == '"' ? "&quot;" :
                 c == '\'' ? "&apos;" : NULL;
        if (entity) {
            ptest__buf_puts(b, entity);
            i++;
        } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ||
                   (len = ptest__utf8_len(s + i, n - i)) == 0) {
            ptest__buf_printf(b, "\\x%02x", c);
            i++;
        } else {
            if (len == 3 && c == 0xef && s[i + 1] == 0xbf && s[i + 2] >= 0xbe)
                ptest__buf_puts(b, s[i + 2] == 0xbe ? "\\ufffe" : "\\uffff"); /* not XML */
            else
                ptest__buf_add(b, s + i, len);
            i += len;
        }
    }
}

/* JSON Lines: the schema's version, in every run_started event. */
#define PTEST__JSON_VERSION 1

static void ptest__json_emit(struct ptest__run *run, struct ptest__buf *b)
{
    ptest__buf_puts(b, "}\n");
    if (run->report.json && (fwrite(b->data, 1, b->len, run->report.json) != b->len ||
                      fflush(run->report.json) != 0) && run->report.json == ptest__out(run))
        run->report.broken_pipe = 1;
    ptest__buf_free(b);
}

static void ptest__json_markers(struct ptest__buf *b, const struct ptest__case *c,
                                int kind)
{
    size_t i;
    const char *sep = "";
    ptest__buf_puts(b, "[");
    for (i = 0; i < c->test->option_count; i++)
        if (c->test->options[i].kind == kind) {
            ptest__buf_puts(b, sep);
            ptest__json_str(b, c->test->options[i].text);
            sep = ",";
        }
    ptest__buf_puts(b, "]");
}

/* The fields every event about one test carries. */
static void ptest__json_case(struct ptest__buf *b, const struct ptest__case *c)
{
    ptest__buf_puts(b, "\"id\":");
    ptest__json_str(b, c->id);
    ptest__buf_puts(b, ",\"suite\":");
    ptest__json_str(b, c->test->suite);
    ptest__buf_puts(b, ",\"name\":");
    ptest__json_str(b, c->id + strlen(c->test->suite) + 1);
    ptest__buf_puts(b, ",\"file\":");
    ptest__json_str(b, c->test->file);
    ptest__buf_printf(b, ",\"line\":%d,\"markers\":", c->test->line);
    ptest__json_markers(b, c, PTEST__OPT_MARK);
    ptest__buf_puts(b, ",\"resources\":");
    ptest__json_markers(b, c, PTEST__OPT_RESOURCE);
}

/* How many tests before this one held each resource, for "locks". */
struct ptest__lock_count {
    const char **names;
    size_t *counts;
    size_t len;
};

/* The next ordinal of the resource called name: 0, 1, 2, ... */
static size_t ptest__lock_next(struct ptest__lock_count *lc, const char *name)
{
    size_t i;
    for (i = 0; i < lc->len && strcmp(lc->names[i], name) != 0; i++)
        ;
    if (i == lc->len) {
        lc->names = (const char **)ptest__xrealloc((void *)lc->names, (i + 1) * sizeof *lc->names);
        lc->counts = (size_t *)ptest__xrealloc(lc->counts, (i + 1) * sizeof *lc->counts);
        lc->names[i] = name;
        lc->counts[i] = 0;
        lc->len++;
    }
    return lc->counts[i]++;
}

/* ,"slots":N,"locks":[...]: what CTest needs to keep a run of one process
 * per test within the capacities (PROCESSORS, RESOURCE_LOCK). A resource
 * of capacity 1 is its own lock; one of capacity C is C locks, "name#1"
 * .. "name#C", dealt round robin to the tests holding it, so that no
 * more than C of them run at once. */
static void ptest__json_locks(struct ptest__buf *b, const struct ptest__run *run,
                              const struct ptest__case *c, struct ptest__lock_count *lc)
{
    size_t i;
    const char *sep = "";
    ptest__buf_printf(b, ",\"slots\":%d,\"locks\":[", ptest__case_slots(c));
    for (i = 0; i < c->test->option_count; i++) {
        const char *name = c->test->options[i].text;
        int capacity;
        if (c->test->options[i].kind != PTEST__OPT_RESOURCE)
            continue;
        capacity = ptest__resource_capacity(&run->reg, name);
        ptest__buf_puts(b, sep);
        if (capacity == 1) {
            ptest__json_str(b, name);
        } else {
            struct ptest__buf lock = {NULL, 0, 0};
            ptest__buf_printf(&lock, "%s#%lu", name,
                              (unsigned long)(ptest__lock_next(lc, name) % (size_t)capacity + 1));
            ptest__json_str(b, lock.data);
            ptest__buf_free(&lock);
        }
        sep = ",";
    }
    ptest__buf_puts(b, "]");
}

/* Each selected case's ,"slots":N,"locks":[...], dealt in definition
 * order (the same whatever the cache says about the run's order). */
static char **ptest__json_all_locks(const struct ptest__run *run)
{
    struct ptest__lock_count lc = {NULL, NULL, 0};
    char **locks = (char **)ptest__xcalloc(run->reg.count + 1, sizeof *locks);
    size_t *sorted = (size_t *)ptest__xcalloc(run->selected + 1, sizeof *sorted), i;
    memcpy(sorted, run->order, run->selected * sizeof *sorted);
    qsort(sorted, run->selected, sizeof *sorted, ptest__compare_size);
    for (i = 0; i < run->selected; i++) {
        struct ptest__buf b = {NULL, 0, 0};
        ptest__json_locks(&b, run, &run->reg.cases[sorted[i]], &lc);
        locks[sorted[i]] = ptest__buf_take(&b);
    }
    free(sorted);
    free((void *)lc.names);
    free(lc.counts);
    return locks;
}

/* --collect-only --json: one line per selected test. */
static void ptest__json_collect(struct ptest__run *run)
{
    char **locks = ptest__json_all_locks(run);
    size_t i;
    for (i = 0; i < run->selected; i++) {
        const struct ptest__case *c = &run->reg.cases[run->order[i]];
        struct ptest__buf b = {NULL, 0, 0};
        ptest__buf_puts(&b, "{\"type\":\"test\",");
        ptest__json_case(&b, c);
        ptest__buf_puts(&b, locks[run->order[i]]);
        free(locks[run->order[i]]);
        double timeout = ptest__case_own_timeout(c);
        if (timeout >= 0 && timeout <= 1e9) /* JSON has no infinity */
            ptest__buf_printf(&b, ",\"timeout\":%g", timeout);
        else
            ptest__buf_puts(&b, ",\"timeout\":null");
        ptest__buf_puts(&b, ",\"skip\":");
        ptest__json_str(&b, ptest__case_skip(c));
        ptest__buf_puts(&b, ",\"xfail\":");
        ptest__json_str(&b, ptest__case_xfail(c));
        ptest__json_emit(run, &b);
    }
    free(locks);
}

static void ptest__json_run_started(struct ptest__run *run)
{
    struct ptest__buf b = {NULL, 0, 0};
    size_t i;
    ptest__buf_printf(&b, "{\"type\":\"run_started\",\"version\":%d,\"ptest\":\"%s\","
                          "\"selected\":%lu,\"deselected\":%lu,\"workers\":%d,"
                          "\"pool\":\"%s\",\"ids\":[",
                      PTEST__JSON_VERSION, PTEST_VERSION_STRING,
                      (unsigned long)run->selected,
                      (unsigned long)ptest__deselected(run), run->workers,
                      ptest__pool_name(run));
    for (i = 0; i < run->selected; i++) {
        if (i)
            ptest__buf_puts(&b, ",");
        ptest__json_str(&b, run->reg.cases[run->order[i]].id);
    }
    ptest__buf_puts(&b, "]");
    if (run->cfg.shuffle) /* to replay the order: --seed=S */
        ptest__buf_printf(&b, ",\"seed\":%llu", (unsigned long long)run->cfg.seed);
    else
        ptest__buf_puts(&b, ",\"seed\":null");
    ptest__json_emit(run, &b);
}

static void ptest__json_test_started(struct ptest__run *run, size_t index, int worker)
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__buf_puts(&b, "{\"type\":\"test_started\",\"id\":");
    ptest__json_str(&b, run->reg.cases[index].id);
    if (worker >= 0)
        ptest__buf_printf(&b, ",\"worker\":\"gw%d\"", worker);
    else
        ptest__buf_puts(&b, ",\"worker\":\"master\"");
    ptest__json_emit(run, &b);
}

static void ptest__json_test_slow(struct ptest__run *run, size_t index, int worker,
                                  double seconds)
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__buf_puts(&b, "{\"type\":\"test_slow\",\"id\":");
    ptest__json_str(&b, run->reg.cases[index].id);
    if (worker >= 0)
        ptest__buf_printf(&b, ",\"worker\":\"gw%d\"", worker);
    else
        ptest__buf_puts(&b, ",\"worker\":\"master\"");
    ptest__buf_printf(&b, ",\"seconds\":%g", seconds);
    ptest__json_emit(run, &b);
}

static void ptest__json_test_finished(struct ptest__run *run, size_t index)
{
    const struct ptest__result *r = &run->results[index];
    struct ptest__buf b = {NULL, 0, 0}, msg = {NULL, 0, 0};
    const char *w, *line;
    size_t n;
    ptest__buf_puts(&b, "{\"type\":\"test_finished\",");
    ptest__json_case(&b, &run->reg.cases[index]);
    ptest__buf_printf(&b, ",\"outcome\":\"%s\",\"duration\":%.6f,",
                      ptest__outcome_name(r->outcome), r->duration);
    if (r->worker >= 0)
        ptest__buf_printf(&b, "\"worker\":\"gw%d\"", r->worker);
    else
        ptest__buf_puts(&b, "\"worker\":\"master\"");
    ptest__result_message(&msg, r);
    ptest__buf_puts(&b, ",\"message\":");
    ptest__json_str(&b, msg.data);
    ptest__buf_puts(&b, ",\"report\":");
    ptest__json_str(&b, r->report);
    ptest__buf_puts(&b, ",\"stdout\":");
    ptest__json_str(&b, r->out);
    ptest__buf_puts(&b, ",\"stderr\":");
    ptest__json_str(&b, r->err);
    ptest__buf_puts(&b, ",\"warnings\":[");
    for (w = r->warnings; ptest__next_line(&w, &line, &n);) {
        msg.len = 0; /* msg, written above, now holds each line */
        ptest__buf_add(&msg, line, n);
        if (line != r->warnings)
            ptest__buf_puts(&b, ",");
        ptest__json_str(&b, msg.data);
    }
    ptest__buf_puts(&b, "]");
    ptest__buf_free(&msg);
    ptest__json_emit(run, &b);
}

static void ptest__json_run_finished(struct ptest__run *run)
{
    struct ptest__buf b = {NULL, 0, 0};
    size_t i;
    ptest__buf_printf(&b, "{\"type\":\"run_finished\",\"duration\":%.6f,"
                          "\"exit_status\":%d,\"interrupted\":%s,"
                          "\"teardown_errors\":%lu,\"counts\":{",
                      run->elapsed, run->exit_status,
                      run->interrupted ? "true" : "false",
                      (unsigned long)run->tally.teardown_errors);
    for (i = 0; i < PTEST__OUTCOMES; i++)
        ptest__buf_printf(&b, "%s\"%s\":%lu", i ? "," : "", ptest__outcome_name(i),
                          (unsigned long)run->tally.counts[i]);
    ptest__buf_puts(&b, "}");
    ptest__json_emit(run, &b);
}

/* ---- JUnit XML ---- */

/* --junitxml: one testcase per selected test, in run order. */
static void ptest__junit_case(struct ptest__buf *b, const struct ptest__run *run,
                              size_t index)
{
    const struct ptest__case *c = &run->reg.cases[index];
    const struct ptest__result *r = &run->results[index];
    struct ptest__buf msg = {NULL, 0, 0};
    const char *elem = NULL, *w, *line;
    size_t i, n;
    ptest__buf_puts(b, "    <testcase classname=\"");
    ptest__xml_text(b, c->test->suite);
    ptest__buf_puts(b, "\" name=\"");
    ptest__xml_text(b, c->id + strlen(c->test->suite) + 1);
    ptest__buf_puts(b, "\" file=\"");
    ptest__xml_text(b, c->test->file);
    ptest__buf_printf(b, "\" line=\"%d\" time=\"%.6f\">\n", c->test->line, r->duration);
    ptest__buf_puts(b, "      <properties>\n");
    for (i = 0; i < c->test->option_count; i++)
        if (c->test->options[i].kind == PTEST__OPT_MARK) {
            ptest__buf_puts(b, "        <property name=\"marker\" value=\"");
            ptest__xml_text(b, c->test->options[i].text);
            ptest__buf_puts(b, "\"/>\n");
        }
    if (r->worker >= 0)
        ptest__buf_printf(b, "        <property name=\"worker\" value=\"gw%d\"/>\n", r->worker);
    for (w = r->warnings; ptest__next_line(&w, &line, &n);) {
        ptest__buf_puts(b, "        <property name=\"warning\" value=\"");
        ptest__buf_add(&msg, line, n);
        ptest__xml_text(b, msg.data);
        msg.len = 0;
        ptest__buf_puts(b, "\"/>\n");
    }
    ptest__buf_printf(b, "        <property name=\"outcome\" value=\"%s\"/>\n"
                         "      </properties>\n", ptest__outcome_name(r->outcome));
    ptest__result_message(&msg, r);
    switch (r->outcome) {
    case PTEST__FAIL: case PTEST__XPASS: elem = "failure"; break;
    case PTEST__CRASH: case PTEST__EXITED: case PTEST__TIMEOUT:
    case PTEST__INTERRUPTED: elem = "error"; break;
    case PTEST__SKIP: case PTEST__XFAIL: elem = "skipped"; break;
    case PTEST__NOT_RUN: elem = ptest__result_lost(run, r) ? "error" : "skipped"; break;
    default: break;
    }
    if (elem) {
        ptest__buf_printf(b, "      <%s type=\"%s\" message=\"", elem,
                          ptest__outcome_name(r->outcome));
        ptest__xml_text(b, msg.data ? msg.data : ptest__outcome_name(r->outcome));
        ptest__buf_puts(b, "\">");
        if (r->reason && r->report)
            ptest__xml_text(b, r->reason), ptest__buf_puts(b, "\n");
        ptest__xml_text(b, r->report ? r->report : r->reason);
        ptest__buf_printf(b, "</%s>\n", elem);
    }
    if (r->out) {
        ptest__buf_puts(b, "      <system-out>");
        ptest__xml_text(b, r->out);
        ptest__buf_puts(b, "</system-out>\n");
    }
    if (r->err) {
        ptest__buf_puts(b, "      <system-err>");
        ptest__xml_text(b, r->err);
        ptest__buf_puts(b, "</system-err>\n");
    }
    ptest__buf_puts(b, "    </testcase>\n");
    ptest__buf_free(&msg);
}

static void ptest__junit_write(struct ptest__run *run)
{
    struct ptest__buf b = {NULL, 0, 0};
    size_t i, fails = run->tally.counts[PTEST__FAIL] + run->tally.counts[PTEST__XPASS];
    size_t lost = ptest__lost_count(run);
    size_t errors = run->tally.counts[PTEST__CRASH] + run->tally.counts[PTEST__EXITED] +
                    run->tally.counts[PTEST__TIMEOUT] + run->tally.counts[PTEST__INTERRUPTED] + lost;
    size_t skips = run->tally.counts[PTEST__SKIP] + run->tally.counts[PTEST__XFAIL] +
                   run->tally.counts[PTEST__NOT_RUN] - lost;
    size_t cases = run->selected + (run->tally.teardown_errors > 0); /* + "teardown" */
    char stamp[32];
    errors += run->tally.teardown_errors > 0;
    time_t now = time(NULL) - (time_t)run->elapsed;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    ptest__buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<testsuites name=\"ptest\" tests=\"%lu\" failures=\"%lu\" "
                          "errors=\"%lu\" skipped=\"%lu\" time=\"%.3f\">\n"
                          "  <testsuite name=\"ptest\" tests=\"%lu\" failures=\"%lu\" "
                          "errors=\"%lu\" skipped=\"%lu\" time=\"%.3f\" timestamp=\"%s\">\n",
                      (unsigned long)cases, (unsigned long)fails,
                      (unsigned long)errors, (unsigned long)skips, run->elapsed,
                      (unsigned long)cases, (unsigned long)fails,
                      (unsigned long)errors, (unsigned long)skips, run->elapsed, stamp);
    for (i = 0; i < run->selected; i++)
        ptest__junit_case(&b, run, run->order[i]);
    if (run->tally.teardown_errors) /* no test owns them: one entry of their own */
        ptest__buf_printf(&b, "    <testcase classname=\"ptest\" name=\"teardown\" "
                              "time=\"0\">\n      <error type=\"teardown_error\" "
                              "message=\"%lu SUITE_TEARDOWN or WORKER_TEARDOWN "
                              "failed after the tests (their reports are on the "
                              "run's stderr)\"/>\n    </testcase>\n",
                          (unsigned long)run->tally.teardown_errors);
    ptest__buf_puts(&b, "  </testsuite>\n</testsuites>\n");
    if (ptest__write_atomic(run->cfg.junitxml, b.data, b.len) != 0)
        ptest__complain("warning", "--junitxml: cannot write %s: %s",
                        run->cfg.junitxml, strerror(errno));
    ptest__buf_free(&b);
}

/* --junitxml, before the first test: a report of one error, "the run did
 * not finish", which the real one replaces at the end. A runner killed or
 * crashed in its own process (-j 0, the thread pool) leaves that, never
 * the last run's report, all green, for CI to show. Not writable: the
 * report at the end says so. */
static void ptest__junit_unfinished(const struct ptest__run *run)
{
    static const char xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"ptest\" tests=\"1\" failures=\"0\" errors=\"1\" "
        "skipped=\"0\" time=\"0\">\n"
        "  <testsuite name=\"ptest\" tests=\"1\" failures=\"0\" errors=\"1\" "
        "skipped=\"0\" time=\"0\">\n"
        "    <testcase classname=\"ptest\" name=\"run\" time=\"0\">\n"
        "      <error type=\"unfinished\" message=\"the run did not finish: ptest "
        "ended before it wrote this report (it was killed, or a test crashed "
        "its process)\"/>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n";
    if (ptest__write_atomic(run->cfg.junitxml, xml, sizeof xml - 1) != 0) {
        /* said by ptest__junit_write */
    }
}

/* ------------------------------------------------------------------------
 * Reporters: trace, HTML, TAP, GitHub, and the dispatch
 *
 * --trace (Chrome Trace Event JSON), --html (one self-contained page),
 * --tap (TAP 14 on stdout) and GitHub workflow annotations; then the
 * dispatch the runners call: ptest__on_result, _on_start and _on_slow
 * hand a case to each reporter that is on, ptest__reports_start and
 * _finish open and close them all (report files written atomically), and
 * the exit status, a pure function of the counts, is decided here.
 * ------------------------------------------------------------------------ */

/* ---- --trace ---- */

/* --trace: the timeline as Chrome Trace Event JSON, the format Perfetto,
 * chrome://tracing, Bazel's --profile and clang's -ftime-trace share. Each
 * worker is a track (tid; 0 is the runner's own), each try of a test a
 * complete slice ("ph":"X") named by its id, with its outcome and markers;
 * set-ups, teardowns and worker start-ups are slices too, workers starting
 * and ending instants. Idle time is where no slice is. Times are in
 * microseconds since the run started. Thousands of events are written at
 * the end of a run, on its critical path: no printf per event. */

#define PTEST__LIT(b, s) ptest__buf_add((b), (s), sizeof(s) - 1)

/* Appends v in decimal. */
static void ptest__buf_uint(struct ptest__buf *b, unsigned long long v)
{
    char digits[24];
    int n = (int)sizeof digits;
    do
        digits[--n] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    ptest__buf_add(b, digits + n, sizeof digits - (size_t)n);
}

/* Appends v (>= 0) with `decimals` decimals (1 to 3), rounded. */
static void ptest__buf_fixed(struct ptest__buf *b, double v, int decimals)
{
    static const unsigned scale[] = {1, 10, 100, 1000};
    char text[4];
    unsigned long long all = v > 0 && v < 1e15 ? (unsigned long long)(v * scale[decimals] + 0.5)
                                                : 0;
    unsigned frac = (unsigned)(all % scale[decimals]);
    int i;
    ptest__buf_uint(b, all / scale[decimals]);
    text[0] = '.';
    for (i = decimals; i > 0; i--, frac /= 10)
        text[i] = (char)('0' + frac % 10);
    ptest__buf_add(b, text, (size_t)decimals + 1);
}

/* Appends seconds since base as microseconds, to the nanosecond. */
static void ptest__buf_usec(struct ptest__buf *b, double seconds, double base)
{
    ptest__buf_fixed(b, (seconds - base) * 1e6, 3);
}

/* The common head of one event: name, category and phase (cat_ph, as
 * written: "\"cat\":...,\"ph\":..."), time, track. */
static void ptest__trace_head(struct ptest__buf *b, const struct ptest__run *run,
                              const char *name, const char *cat_ph, double t0, int worker)
{
    PTEST__LIT(b, ",\n{\"name\":");
    ptest__json_str(b, name);
    ptest__buf_puts(b, cat_ph);
    PTEST__LIT(b, ",\"ts\":");
    ptest__buf_usec(b, t0, run->started);
    PTEST__LIT(b, ",\"pid\":1,\"tid\":");
    ptest__buf_uint(b, (unsigned long long)(worker + 1));
}

/* The slice of case index's final try, from its result; 0 if it never
 * started. */
static int ptest__result_slice(const struct ptest__run *run, size_t index,
                               struct ptest__tslice *s)
{
    const struct ptest__result *r = &run->results[index];
    if (!r->final || r->started <= 0)
        return 0;
    memset(s, 0, sizeof *s);
    s->kind = PTEST__TK_TEST;
    s->t0 = r->started;
    s->t1 = r->started + (r->duration > 0 ? r->duration : 0);
    s->worker = r->worker;
    s->outcome = r->outcome;
    s->index = index;
    s->attempt = run->attempts ? run->attempts[index] + 1 : 1;
    return 1;
}

/* Writes seconds as microseconds with three decimals at p; returns the
 * end. Counts the digits first and writes them in place, two a step (a
 * slice has two of these: most of what the fast path costs). */
static char *ptest__put_usec(char *p, double seconds)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    double ns = seconds * 1e9;
    /* through long long: the one-instruction conversion; ns < 2^63 */
    unsigned long long v = ns > 0 && ns < 1e18 ? (unsigned long long)(long long)(ns + 0.5)
                                               : 0;
    unsigned long long us = v / 1000, ten;
    unsigned frac = (unsigned)(v - us * 1000), u;
    char *end;
    int len = us < 10000 ? (us < 100 ? 1 + (us >= 10) : 3 + (us >= 1000))
                         : us < 1000000 ? 5 + (us >= 100000) : 7 + (us >= 10000000);
    if (len == 8) /* a run of 100 s or more */
        for (ten = 100000000; us >= ten && len < 20; ten *= 10)
            len++;
    end = p + len;
    while (us > 0xffffffffu) { /* past 71 minutes */
        unsigned d = (unsigned)(us % 100) * 2;
        us /= 100;
        *--end = pairs[d + 1];
        *--end = pairs[d];
    }
    for (u = (unsigned)us; u >= 100; u /= 100) { /* 32-bit: cheaper */
        unsigned d = u % 100 * 2;
        *--end = pairs[d + 1];
        *--end = pairs[d];
    }
    if (u >= 10) {
        *--end = pairs[u * 2 + 1];
        *--end = pairs[u * 2];
    } else {
        *--end = (char)('0' + u);
    }
    p += len;
    p[0] = '.';
    p[1] = (char)('0' + frac / 100);
    p[2] = pairs[frac % 100 * 2];
    p[3] = pairs[frac % 100 * 2 + 1];
    return p + 4;
}

#define PTEST__PUT(p, s) (memcpy((p), (s), sizeof(s) - 1), (p) + sizeof(s) - 1)

/* Writes v in decimal at p; returns the end. */
static char *ptest__put_uint(char *p, unsigned v)
{
    char digits[12];
    int n = 0;
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (n > 0)
        *p++ = digits[--n];
    return p;
}

/* The common slice, written straight into b: a final first try of a test
 * without markers whose id needs no escape. Returns 0 (nothing written)
 * for any other. */
static int ptest__trace_test_fast(struct ptest__buf *b, const struct ptest__run *run,
                                  const struct ptest__tslice *s)
{
    const struct ptest__case *c = &run->reg.cases[s->index];
    const char *outcome = ptest__outcome_name(s->outcome);
    const unsigned char *id;
    size_t n = 0, i, on = strlen(outcome);
    char *p;
    if (s->kind != PTEST__TK_TEST || s->attempt > 1 || s->worker < -1 || s->worker > 9998)
        return 0;
    for (i = 0; i < c->test->option_count; i++)
        if (c->test->options[i].kind == PTEST__OPT_MARK)
            return 0;
    /* up to a byte below 0x20 (the NUL) or from 0x7f; any but the NUL
     * needs an escape or a UTF-8 check, as '"' and '\\' do */
    for (id = (const unsigned char *)c->id; (unsigned char)(id[n] - 0x20) < 0x5f; n++)
        if (id[n] == '"' || id[n] == '\\')
            return 0;
    if (id[n])
        return 0;
    ptest__buf_reserve(b, 2 * n + on + 192);
    p = b->data + b->len;
    p = PTEST__PUT(p, ",\n{\"name\":\"");
    memcpy(p, c->id, n);
    p = PTEST__PUT(p + n, "\",\"cat\":\"test\",\"ph\":\"X\",\"ts\":");
    p = ptest__put_usec(p, s->t0 - run->started);
    p = PTEST__PUT(p, ",\"pid\":1,\"tid\":");
    p = ptest__put_uint(p, (unsigned)(s->worker + 1));
    p = PTEST__PUT(p, ",\"dur\":");
    p = ptest__put_usec(p, s->t1 - s->t0);
    p = PTEST__PUT(p, ",\"args\":{\"id\":\"");
    memcpy(p, c->id, n);
    p = PTEST__PUT(p + n, "\",\"outcome\":\"");
    memcpy(p, outcome, on);
    p = PTEST__PUT(p + on, "\"}}");
    b->len = (size_t)(p - b->data);
    b->data[b->len] = '\0';
    return 1;
}

/* A try of a test: its slice, with id, outcome, markers (when it has any)
 * and, past the first try or for a try --reruns repeats, which try. */
static void ptest__trace_test(struct ptest__buf *b, const struct ptest__run *run,
                              const struct ptest__tslice *s)
{
    const struct ptest__case *c = &run->reg.cases[s->index];
    size_t i;
    if (ptest__trace_test_fast(b, run, s))
        return;
    ptest__trace_head(b, run, c->id, ",\"cat\":\"test\",\"ph\":\"X\"", s->t0, s->worker);
    PTEST__LIT(b, ",\"dur\":");
    ptest__buf_usec(b, s->t1, s->t0);
    PTEST__LIT(b, ",\"args\":{\"id\":");
    ptest__json_str(b, c->id);
    PTEST__LIT(b, ",\"outcome\":\"");
    ptest__buf_puts(b, ptest__outcome_name(s->outcome));
    PTEST__LIT(b, "\"");
    for (i = 0; i < c->test->option_count; i++)
        if (c->test->options[i].kind == PTEST__OPT_MARK) {
            PTEST__LIT(b, ",\"markers\":");
            ptest__json_markers(b, c, PTEST__OPT_MARK);
            break;
        }
    if (s->attempt > 1 || s->kind == PTEST__TK_TRY)
        ptest__buf_printf(b, ",\"attempt\":%d,\"final\":%s", s->attempt,
                          s->kind == PTEST__TK_TRY ? "false" : "true");
    PTEST__LIT(b, "}}");
}

/* The start of the first thing on worker's track at or after at (a test,
 * a try, a set-up), or 0 when none comes before until (0: no limit). */
static double ptest__trace_first_after(const struct ptest__run *run, int worker,
                                       double at, double until)
{
    const struct ptest__trace *t = run->report.trace;
    double first = 0;
    size_t i;
    for (i = 0; i < t->len; i++)
        if (t->s[i].worker == worker && t->s[i].t0 >= at &&
            (t->s[i].kind == PTEST__TK_TRY || t->s[i].kind == PTEST__TK_HOOK) &&
            (first == 0 || t->s[i].t0 < first))
            first = t->s[i].t0;
    for (i = 0; i < run->selected; i++) {
        const struct ptest__result *r = &run->results[run->order[i]];
        if (r->worker == worker && r->final && r->started >= at &&
            (first == 0 || r->started < first))
            first = r->started;
    }
    return until > 0 && first > until ? 0 : first;
}

/* When worker's next start after at is, or 0. */
static double ptest__trace_next_spawn(const struct ptest__trace *t, int worker, double at)
{
    double next = 0;
    size_t i;
    for (i = 0; i < t->len; i++)
        if (t->s[i].kind == PTEST__TK_SPAWN && t->s[i].worker == worker &&
            t->s[i].t0 > at && (next == 0 || t->s[i].t0 < next))
            next = t->s[i].t0;
    return next;
}

/* A worker event: a set-up or teardown slice, or a start or end instant
 * (a start followed by its start-up slice, until its first work). */
static void ptest__trace_worker(struct ptest__buf *b, const struct ptest__run *run,
                                const struct ptest__tslice *s)
{
    double first;
    if (s->kind == PTEST__TK_HOOK) {
        ptest__trace_head(b, run, s->label, ",\"cat\":\"fixture\",\"ph\":\"X\"", s->t0,
                          s->worker);
        PTEST__LIT(b, ",\"dur\":");
        ptest__buf_usec(b, s->t1, s->t0);
        PTEST__LIT(b, "}");
        return;
    }
    ptest__trace_head(b, run, s->label, ",\"cat\":\"worker\",\"ph\":\"i\"", s->t0,
                      s->worker);
    PTEST__LIT(b, ",\"s\":\"t\"}");
    if (s->kind == PTEST__TK_SPAWN &&
        (first = ptest__trace_first_after(
             run, s->worker, s->t0,
             ptest__trace_next_spawn(run->report.trace, s->worker, s->t0))) > 0) {
        ptest__trace_head(b, run, "worker start-up", ",\"cat\":\"worker\",\"ph\":\"X\"",
                          s->t0, s->worker);
        PTEST__LIT(b, ",\"dur\":");
        ptest__buf_usec(b, first, s->t0);
        PTEST__LIT(b, "}");
    }
}

/* The tracks' names: "runner", then "gw0", "gw1"... */
static void ptest__trace_tracks(struct ptest__buf *b, const struct ptest__run *run)
{
    int w, top = run->workers;
    size_t i;
    for (i = 0; i < run->report.trace->len; i++) /* a thread pool's slots, say */
        if (run->report.trace->s[i].worker >= top)
            top = run->report.trace->s[i].worker + 1;
    ptest__buf_puts(b, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,"
                       "\"args\":{\"name\":");
    ptest__json_str(b, run->argc > 0 ? run->argv[0] : "ptest");
    ptest__buf_puts(b, "}},\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,"
                       "\"args\":{\"name\":\"runner\"}}");
    for (w = 0; w < top; w++)
        ptest__buf_printf(b, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,"
                             "\"tid\":%d,\"args\":{\"name\":\"gw%d\"}}", w + 1, w);
}

/* The run's facts, in otherData: version, command line, pool, seed. */
static void ptest__trace_other(struct ptest__buf *b, const struct ptest__run *run)
{
    int i;
    ptest__buf_printf(b, "],\n\"displayTimeUnit\":\"ms\",\"otherData\":{\"ptest\":\"%s\","
                         "\"workers\":%d,\"pool\":\"%s\",\"exit_status\":%d,"
                         "\"interrupted\":%s,\"command\":[",
                      PTEST_VERSION_STRING, run->workers, ptest__pool_name(run),
                      run->exit_status, run->interrupted ? "true" : "false");
    for (i = 0; i < run->argc; i++) {
        if (i)
            ptest__buf_puts(b, ",");
        ptest__json_str(b, run->argv[i]);
    }
    if (run->cfg.shuffle)
        ptest__buf_printf(b, "],\"seed\":%llu}}\n", (unsigned long long)run->cfg.seed);
    else
        ptest__buf_puts(b, "],\"seed\":null}}\n");
}

/* --trace: what b holds goes to the file once it is past 48 KB (at the
 * end, all of it), so the buffer stays one small block: a buffer for the
 * whole trace (150 bytes a test) was fresh pages, a page fault every 27
 * tests. */
static void ptest__trace_spill(struct ptest__atomic *a, struct ptest__buf *b, int all)
{
    if (b->len < 48 * 1024 && !all)
        return;
    ptest__atomic_add(a, b->data, b->len);
    b->len = 0;
}

static void ptest__trace_write(struct ptest__run *run)
{
    struct ptest__buf b = {NULL, 0, 0};
    struct ptest__atomic a;
    struct ptest__tslice s;
    size_t i;
    if (ptest__atomic_open(&a, run->cfg.trace) != 0) {
        ptest__complain("warning", "--trace: cannot write %s: %s", run->cfg.trace,
                        strerror(errno));
        return;
    }
    ptest__buf_reserve(&b, 64 * 1024);
    ptest__buf_puts(&b, "{\"traceEvents\":[\n");
    ptest__trace_tracks(&b, run);
    ptest__trace_head(&b, run, "run", ",\"cat\":\"run\",\"ph\":\"X\"", run->started, -1);
    PTEST__LIT(&b, ",\"dur\":");
    ptest__buf_usec(&b, run->started + run->elapsed, run->started);
    PTEST__LIT(&b, "}");
    for (i = 0; i < run->selected; i++)
        if (ptest__result_slice(run, run->order[i], &s)) {
            ptest__trace_test(&b, run, &s);
            ptest__trace_spill(&a, &b, 0);
        }
    for (i = 0; i < run->report.trace->len; i++) {
        if (run->report.trace->s[i].kind == PTEST__TK_TRY)
            ptest__trace_test(&b, run, &run->report.trace->s[i]);
        else
            ptest__trace_worker(&b, run, &run->report.trace->s[i]);
        ptest__trace_spill(&a, &b, 0);
    }
    ptest__trace_other(&b, run);
    ptest__trace_spill(&a, &b, 1);
    if (ptest__atomic_close(&a, run->cfg.trace) != 0)
        ptest__complain("warning", "--trace: cannot write %s: %s", run->cfg.trace,
                        strerror(errno));
    ptest__buf_free(&b);
}

/* ---- --html ---- */

/* --html: one self-contained page (no script, no fetch: its CSP forbids
 * both) with the summary, the failures with their reports and output, the
 * timeline drawn as SVG (a rect per test, coloured by outcome, its id in a
 * <title>), the slowest tests and the run's command line, seed and
 * machine. It is XHTML-compatible HTML: every text goes through
 * ptest__xml_text, so whatever a test printed stays text. */

#define PTEST__HTML_WIDTH 1000.0 /* the timeline's drawing width, px */
#define PTEST__HTML_LEFT 48.0    /* room for the track names */
#define PTEST__HTML_ROW 20       /* a track's height, px */
#define PTEST__HTML_SLOWEST 10

static const char ptest__html_head[] =
    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
    "<meta charset=\"utf-8\"/>\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'\"/>\n"
    "<meta name=\"viewport\" content=\"width=device-width\"/>\n"
    "<style>\n"
    "body{font:14px/1.4 sans-serif;margin:1em 2em;color:#222}\n"
    "pre{background:#f6f6f6;padding:.5em;overflow-x:auto;white-space:pre-wrap}\n"
    "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left}\n"
    "tr:nth-child(even){background:#f3f3f3}.num{text-align:right}\n"
    "dt{font-weight:bold;float:left;clear:left;width:7em}dd{margin-left:8em}\n"
    ".failure{border-left:4px solid #c62828;padding-left:1em;margin:1em 0}\n"
    ".ok{color:#2e7d32}.bad{color:#c62828}\n"
    ".o-passed{fill:#43a047}.o-failed{fill:#e53935}.o-skipped{fill:#9e9e9e}\n"
    ".o-crashed,.o-exited{fill:#8e0000}.o-timeout{fill:#ef6c00}\n"
    ".o-xfailed,.o-xpassed{fill:#8e24aa}.o-flaky{fill:#fdd835}\n"
    ".o-interrupted,.o-not_run{fill:#6d4c41}.hook{fill:#90a4ae}.mark{stroke:#000}\n"
    "svg text{font:11px sans-serif}\n"
    "</style>\n";

/* Appends text, escaped for HTML and XML (NULL: nothing). */
static void ptest__html_text(struct ptest__buf *b, const char *text)
{
    if (text)
        ptest__xml_text(b, text);
}

/* "3 passed, 1 failed in 0.52s": the outcomes the run had. */
static void ptest__html_summary(struct ptest__buf *b, const struct ptest__run *run)
{
    int i;
    const char *sep = "";
    for (i = 0; i < PTEST__OUTCOMES; i++)
        if (run->tally.counts[i]) {
            ptest__buf_printf(b, "%s%lu %s", sep, (unsigned long)run->tally.counts[i],
                              ptest__outcome_name(i));
            sep = ", ";
        }
    if (!*sep)
        ptest__buf_puts(b, "no tests ran");
    if (run->tally.teardown_errors)
        ptest__buf_printf(b, ", %lu teardown error%s", (unsigned long)run->tally.teardown_errors,
                          run->tally.teardown_errors == 1 ? "" : "s");
    if (run->interrupted)
        ptest__buf_printf(b, ", interrupted by %s",
                          ptest__os_signal_name(run->interrupted));
    ptest__buf_printf(b, " in %.2fs", run->elapsed);
}

/* The counts table and the run's facts. */
static void ptest__html_facts(struct ptest__buf *b, const struct ptest__run *run)
{
    char machine[512], when[64];
    time_t now = time(NULL);
    int i;
    ptest__buf_puts(b, "<table id=\"counts\"><tr><th>outcome</th><th>tests</th></tr>\n");
    for (i = 0; i < PTEST__OUTCOMES; i++)
        if (run->tally.counts[i])
            ptest__buf_printf(b, "<tr><td>%s</td><td class=\"num\">%lu</td></tr>\n",
                              ptest__outcome_name(i), (unsigned long)run->tally.counts[i]);
    ptest__buf_puts(b, "</table>\n<h2>Run</h2>\n<dl id=\"run\"><dt>command</dt><dd><code>");
    for (i = 0; i < run->argc; i++) {
        ptest__buf_puts(b, i ? " " : "");
        ptest__html_text(b, run->argv[i]);
    }
    ptest__buf_puts(b, "</code></dd><dt>seed</dt><dd>");
    if (run->cfg.shuffle)
        ptest__buf_printf(b, "%llu (--seed=%llu replays the order)",
                          (unsigned long long)run->cfg.seed,
                          (unsigned long long)run->cfg.seed);
    else
        ptest__buf_puts(b, "none (definition order)");
    if (run->workers > 0)
        ptest__buf_printf(b, "</dd><dt>workers</dt><dd>%d %s worker%s%s", run->workers,
                          ptest__pool_name(run), run->workers == 1 ? "" : "s",
                          run->cfg.forked ? ", a process per test (--forked)" : "");
    else
        ptest__buf_puts(b, "</dd><dt>workers</dt><dd>none: inline (-j 0)");
    ptest__os_machine(machine, sizeof machine);
    ptest__buf_puts(b, "</dd><dt>machine</dt><dd>");
    ptest__html_text(b, machine);
    ptest__buf_printf(b, ", %d CPU%s", ptest__os_cpu_count(),
                      ptest__os_cpu_count() == 1 ? "" : "s");
    if (strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&now)) == 0)
        when[0] = '\0';
    ptest__buf_printf(b, "</dd><dt>finished</dt><dd>%s</dd><dt>ptest</dt><dd>%s</dd></dl>\n",
                      when, PTEST_VERSION_STRING);
}

/* Whether the report lists case index among the failures. */
static int ptest__html_listed(const struct ptest__run *run, size_t index)
{
    const struct ptest__result *r = &run->results[index];
    return ptest__outcome_fails(r->outcome) || r->outcome == PTEST__FLAKY ||
           r->outcome == PTEST__INTERRUPTED || ptest__result_lost(run, r);
}

/* One failure: id, outcome and message, report, output. */
static void ptest__html_failure(struct ptest__buf *b, const struct ptest__run *run,
                                size_t index)
{
    const struct ptest__result *r = &run->results[index];
    struct ptest__buf msg = {NULL, 0, 0};
    static const char *const names[] = {"report", "stdout", "stderr", "warnings"};
    const char *texts[4];
    int i;
    texts[0] = r->report;
    texts[1] = r->out;
    texts[2] = r->err;
    texts[3] = r->warnings;
    ptest__buf_puts(b, "<section class=\"failure\"><h3>");
    ptest__html_text(b, run->reg.cases[index].id);
    ptest__buf_printf(b, "</h3>\n<p><strong>%s</strong>", ptest__outcome_name(r->outcome));
    ptest__result_message(&msg, r);
    if (msg.data && *msg.data) {
        ptest__buf_puts(b, ": ");
        ptest__html_text(b, msg.data);
    }
    ptest__buf_puts(b, "</p>\n");
    for (i = 0; i < 4; i++)
        if (texts[i] && *texts[i]) {
            ptest__buf_printf(b, "<h4>%s</h4><pre class=\"%s\">", names[i], names[i]);
            ptest__html_text(b, texts[i]);
            ptest__buf_puts(b, "</pre>\n");
        }
    ptest__buf_puts(b, "</section>\n");
    ptest__buf_free(&msg);
}

static void ptest__html_failures(struct ptest__buf *b, const struct ptest__run *run)
{
    size_t i, n = 0;
    for (i = 0; i < run->selected; i++)
        n += ptest__html_listed(run, run->order[i]);
    ptest__buf_printf(b, "<h2>Failures (%lu)</h2>\n", (unsigned long)n);
    if (n == 0)
        ptest__buf_puts(b, "<p class=\"ok\">None.</p>\n");
    for (i = 0; i < run->selected; i++)
        if (ptest__html_listed(run, run->order[i]))
            ptest__html_failure(b, run, run->order[i]);
}

/* The timeline's passed tests, by pixel column of each track: at this
 * scale a test is often less than a pixel wide, so a stretch of columns
 * that passed tests touch is drawn as one rect, "first ... (N tests) ...
 * last" in its title. */
struct ptest__html_px {
    uint32_t count;         /* passed tests that start in the column */
    uint32_t touched;       /* passed tests that cover some of it */
    size_t first, last;     /* the earliest and latest of them to start */
};

/* Draws a rect from x0 to x1 on track row, with class cls, and opens its
 * title. */
static void ptest__html_rect(struct ptest__buf *b, double x0, double x1, int row,
                             const char *cls, int thin)
{
    PTEST__LIT(b, "<rect x=\"");
    ptest__buf_fixed(b, x0, 1);
    PTEST__LIT(b, "\" y=\"");
    ptest__buf_uint(b, (unsigned long long)(row * PTEST__HTML_ROW + (thin ? 14 : 2)));
    PTEST__LIT(b, "\" width=\"");
    ptest__buf_fixed(b, x1 - x0 > 1.0 ? x1 - x0 : 1.0, 1);
    ptest__buf_puts(b, thin ? "\" height=\"4\" class=\"" : "\" height=\"11\" class=\"");
    ptest__buf_puts(b, cls);
    PTEST__LIT(b, "\"><title>");
}

/* Marks the columns [x0, x1] of a track as touched by passed case index. */
static void ptest__html_mark(const struct ptest__run *run, struct ptest__html_px *px,
                             double x0, double x1, size_t index)
{
    int c0 = (int)x0, c1 = (int)x1, c;
    double t = run->results[index].started;
    for (c = c0; c <= c1 && c < (int)PTEST__HTML_WIDTH; c++) {
        if (px[c].touched == 0 || run->results[px[c].first].started > t)
            px[c].first = index;
        if (px[c].touched == 0 || run->results[px[c].last].started < t)
            px[c].last = index;
        px[c].touched++;
    }
    if (c0 < (int)PTEST__HTML_WIDTH)
        px[c0].count++;
}

/* Draws the stretches of touched columns of one track as rects. */
static void ptest__html_passed(struct ptest__buf *b, const struct ptest__run *run,
                               const struct ptest__html_px *px, int row)
{
    int c = 0, end;
    while (c < (int)PTEST__HTML_WIDTH) {
        size_t first, last;
        unsigned long long n = 0;
        if (px[c].touched == 0) {
            c++;
            continue;
        }
        first = px[c].first;
        last = px[c].last;
        for (end = c; end < (int)PTEST__HTML_WIDTH && px[end].touched; end++) {
            if (run->results[px[end].first].started < run->results[first].started)
                first = px[end].first;
            if (run->results[px[end].last].started > run->results[last].started)
                last = px[end].last;
            n += px[end].count;
        }
        ptest__html_rect(b, c, end, row, "o-passed", 0);
        ptest__html_text(b, run->reg.cases[first].id);
        if (first != last) {
            PTEST__LIT(b, " \xe2\x80\xa6 ");
            ptest__html_text(b, run->reg.cases[last].id);
            PTEST__LIT(b, " (");
            ptest__buf_uint(b, n);
            PTEST__LIT(b, " tests)");
        }
        PTEST__LIT(b, ": passed</title></rect>\n");
        c = end;
    }
}

/* One slice that is not a passed final try, at [x0, x1] on its track:
 * a rect for a test's try and a set-up or teardown, a tick for a worker's
 * start or end. */
static void ptest__html_slice(struct ptest__buf *b, const struct ptest__run *run,
                              const struct ptest__tslice *s, double x0, double x1)
{
    int row = s->worker + 1;
    if (s->kind == PTEST__TK_TEST || s->kind == PTEST__TK_TRY) {
        char cls[32];
        snprintf(cls, sizeof cls, "o-%s", ptest__outcome_name(s->outcome));
        ptest__html_rect(b, x0, x1, row, cls, 0);
        ptest__html_text(b, run->reg.cases[s->index].id);
        ptest__buf_printf(b, ": %s%s, %.3fs</title></rect>\n",
                          ptest__outcome_name(s->outcome),
                          s->kind == PTEST__TK_TRY ? " (tried again)" : "", s->t1 - s->t0);
    } else if (s->kind == PTEST__TK_HOOK) {
        ptest__html_rect(b, x0, x1, row, "hook", 1);
        ptest__html_text(b, s->label);
        ptest__buf_printf(b, ", %.3fs</title></rect>\n", s->t1 - s->t0);
    } else {
        ptest__buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
                             "class=\"mark\"><title>", x0, x0, row * PTEST__HTML_ROW,
                          row * PTEST__HTML_ROW + PTEST__HTML_ROW - 2);
        ptest__html_text(b, s->label);
        ptest__buf_puts(b, "</title></line>\n");
    }
}

/* Where time t falls on the drawing, in [LEFT, WIDTH]. */
static double ptest__html_x(const struct ptest__run *run, double t, double scale)
{
    double x = PTEST__HTML_LEFT + (t - run->started) * scale;
    return x < PTEST__HTML_LEFT ? PTEST__HTML_LEFT : x > PTEST__HTML_WIDTH ? PTEST__HTML_WIDTH : x;
}

/* The timeline: a track per worker (and the runner's), time left to right. */
static void ptest__html_timeline(struct ptest__buf *b, const struct ptest__run *run)
{
    const struct ptest__trace *t = run->report.trace;
    struct ptest__html_px *px;
    struct ptest__tslice s;
    double span = run->elapsed > 1e-6 ? run->elapsed : 1e-6;
    double scale = (PTEST__HTML_WIDTH - PTEST__HTML_LEFT) / span;
    int rows = run->workers + 1, w;
    size_t i, width = (size_t)PTEST__HTML_WIDTH;
    for (i = 0; i < t->len; i++)
        if (t->s[i].worker + 2 > rows)
            rows = t->s[i].worker + 2;
    px = (struct ptest__html_px *)ptest__xcalloc((size_t)rows * width, sizeof *px);
    ptest__buf_printf(b, "<h2>Timeline</h2>\n<p>%.3fs across, a track per worker; hover "
                         "over a slice for its test.</p>\n"
                         "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" "
                         "width=\"%.0f\" height=\"%d\" shape-rendering=\"crispEdges\">\n",
                      run->elapsed, PTEST__HTML_WIDTH, rows * PTEST__HTML_ROW + 4);
    ptest__buf_printf(b, "<text x=\"2\" y=\"12\">runner</text>\n");
    for (w = 1; w < rows; w++)
        ptest__buf_printf(b, "<text x=\"2\" y=\"%d\">gw%d</text>\n",
                          w * PTEST__HTML_ROW + 12, w - 1);
    for (i = 0; i < run->selected; i++) {
        if (!ptest__result_slice(run, run->order[i], &s) || s.worker + 1 >= rows)
            continue;
        if (s.outcome == PTEST__PASS)
            ptest__html_mark(run, px + (size_t)(s.worker + 1) * width,
                             ptest__html_x(run, s.t0, scale), ptest__html_x(run, s.t1, scale),
                             s.index);
        else
            ptest__html_slice(b, run, &s, ptest__html_x(run, s.t0, scale),
                              ptest__html_x(run, s.t1, scale));
    }
    for (w = 0; w < rows; w++)
        ptest__html_passed(b, run, px + (size_t)w * width, w);
    for (i = 0; i < t->len; i++)
        ptest__html_slice(b, run, &t->s[i], ptest__html_x(run, t->s[i].t0, scale),
                          ptest__html_x(run, t->s[i].t1, scale));
    ptest__buf_puts(b, "</svg>\n");
    free(px);
}

/* The slowest tests that ran, slowest first. */
static void ptest__html_slowest(struct ptest__buf *b, const struct ptest__run *run)
{
    size_t top[PTEST__HTML_SLOWEST], n = 0, i, j;
    for (i = 0; i < run->selected; i++) {
        size_t index = run->order[i];
        if (run->results[index].started <= 0)
            continue; /* never ran */
        for (j = n; j > 0 && run->results[top[j - 1]].duration <
                                 run->results[index].duration; j--)
            if (j < PTEST__HTML_SLOWEST)
                top[j] = top[j - 1];
        if (j < PTEST__HTML_SLOWEST)
            top[j] = index;
        if (n < PTEST__HTML_SLOWEST)
            n++;
    }
    ptest__buf_printf(b, "<h2>Slowest tests</h2>\n<table id=\"slowest\"><tr><th>ms"
                         "</th><th>test</th><th>outcome</th><th>worker</th></tr>\n");
    for (i = 0; i < n; i++) {
        const struct ptest__result *r = &run->results[top[i]];
        ptest__buf_printf(b, "<tr><td class=\"num\">%.3f</td><td>", r->duration * 1e3);
        ptest__html_text(b, run->reg.cases[top[i]].id);
        ptest__buf_printf(b, "</td><td>%s</td><td>", ptest__outcome_name(r->outcome));
        if (r->worker >= 0)
            ptest__buf_printf(b, "gw%d</td></tr>\n", r->worker);
        else
            ptest__buf_puts(b, "runner</td></tr>\n");
    }
    ptest__buf_puts(b, "</table>\n");
}

static void ptest__html_write(struct ptest__run *run)
{
    struct ptest__buf b = {NULL, 0, 0}, summary = {NULL, 0, 0};
    int bad = run->tally.failures || run->tally.teardown_errors || ptest__lost_count(run) ||
              run->interrupted;
    ptest__html_summary(&summary, run);
    ptest__buf_puts(&b, ptest__html_head);
    ptest__buf_puts(&b, "<title>ptest: ");
    ptest__html_text(&b, summary.data);
    ptest__buf_printf(&b, "</title>\n</head>\n<body>\n<h1>ptest report</h1>\n"
                          "<p id=\"summary\" class=\"%s\">", bad ? "bad" : "ok");
    ptest__html_text(&b, summary.data);
    ptest__buf_puts(&b, "</p>\n");
    ptest__html_facts(&b, run);
    ptest__html_failures(&b, run);
    ptest__html_timeline(&b, run);
    ptest__html_slowest(&b, run);
    ptest__buf_puts(&b, "</body>\n</html>\n");
    if (ptest__write_atomic(run->cfg.html, b.data, b.len) != 0)
        ptest__complain("warning", "--html: cannot write %s: %s", run->cfg.html,
                        strerror(errno));
    ptest__buf_free(&summary);
    ptest__buf_free(&b);
}

/* ---- --tap ---- */

/* --tap: TAP version 14 on stdout, a line per test as it finishes, with a
 * YAML block for what did not pass. */

/* Adds the n bytes at p to b as TAP text: control characters and bytes
 * that are not UTF-8 as \xNN, so that the stream stays UTF-8. */
static void ptest__tap_clean(struct ptest__buf *b, const char *p, size_t n)
{
    size_t i, len;
    for (i = 0; i < n; i += len) {
        unsigned char c = (unsigned char)p[i];
        len = ptest__utf8_len((const unsigned char *)p + i, n - i);
        if ((c < 0x20 && c != '\t') || c == 0x7f || len == 0) {
            ptest__buf_printf(b, "\\x%02x", c);
            len = 1;
        } else {
            ptest__buf_add(b, &p[i], len);
        }
    }
}

static void ptest__tap_yaml_text(struct ptest__run *run, const char *key,
                                 const char *text)
{
    struct ptest__buf b = {NULL, 0, 0};
    const char *line;
    size_t n;
    if (!text)
        return;
    if (text[0] == ' ' || text[0] == '\t' || text[0] == '\n') {
        /* a block scalar takes its indentation from its first line, and
         * prove's reader knows no indentation indicator: quoted instead */
        ptest__buf_printf(&b, "  %s: ", key);
        ptest__quote(&b, text, strlen(text));
        ptest__say(run, "%s\n", b.data);
        ptest__buf_free(&b);
        return;
    }
    ptest__buf_printf(&b, "  %s: |\n", key);
    while (ptest__next_line(&text, &line, &n)) {
        ptest__buf_puts(&b, "    ");
        ptest__tap_clean(&b, line, n);
        ptest__buf_puts(&b, "\n");
    }
    ptest__say(run, "%s", b.data);
    ptest__buf_free(&b);
}

/* " # SKIP reason" or " # TODO reason": the reason's first line, clean. */
static void ptest__tap_directive(struct ptest__run *run, const char *directive,
                                 const char *reason)
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__buf_printf(&b, " # %s ", directive);
    ptest__tap_clean(&b, reason, strcspn(reason, "\n"));
    ptest__say(run, "%s", b.data);
    ptest__buf_free(&b);
}

static void ptest__tap_result(struct ptest__run *run, size_t index)
{
    const struct ptest__case *c = &run->reg.cases[index];
    const struct ptest__result *r = &run->results[index];
    struct ptest__buf msg = {NULL, 0, 0}, quoted = {NULL, 0, 0};
    int bad = ptest__outcome_fails(r->outcome) || r->outcome == PTEST__INTERRUPTED ||
              ptest__result_lost(run, r);
    const char *w, *line;
    size_t n;
    run->report.tap_count++;
    /* An expected failure is "not ok ... # TODO": TAP's own xfail. */
    ptest__say(run, "%s %lu - %s", bad || r->outcome == PTEST__XFAIL ? "not ok" : "ok",
               (unsigned long)run->report.tap_count, c->id);
    if (r->outcome == PTEST__SKIP || (r->outcome == PTEST__NOT_RUN && !bad)) {
        const char *why = r->report ? strstr(r->report, "skipped: ") : NULL;
        if (r->outcome == PTEST__NOT_RUN)
            ptest__tap_directive(run, "SKIP", "not run");
        else if (ptest__case_skip(c)) /* a directive ends at the line's end */
            ptest__tap_directive(run, "SKIP", ptest__case_skip(c));
        else if (why)
            ptest__tap_directive(run, "SKIP", why + 9);
        else
            ptest__tap_directive(run, "SKIP", "skipped at run time");
    }
    else if (r->outcome == PTEST__XFAIL)
        ptest__tap_directive(run, "TODO", ptest__case_xfail(c));
    ptest__say(run, "\n");
    for (w = r->warnings; ptest__next_line(&w, &line, &n);) {
        struct ptest__buf clean = {NULL, 0, 0};
        ptest__tap_clean(&clean, line, n);
        ptest__say(run, "# warning: %s %.*s\n", c->id, (int)clean.len,
                   clean.data ? clean.data : "");
        ptest__buf_free(&clean);
    }
    if (!bad) {
        ptest__flush(run);
        return;
    }
    ptest__result_message(&msg, r);
    ptest__quote(&quoted, msg.data ? msg.data : "", msg.len);
    ptest__say(run, "  ---\n  message: %s\n  severity: fail\n  outcome: %s\n"
                    "  at:\n    file: ", quoted.data, ptest__outcome_name(r->outcome));
    ptest__buf_free(&quoted);
    ptest__quote(&quoted, c->test->file, strlen(c->test->file));
    ptest__say(run, "%s\n    line: %d\n", quoted.data, c->test->line);
    ptest__tap_yaml_text(run, "report", r->report);
    ptest__tap_yaml_text(run, "stdout", r->out);
    ptest__tap_yaml_text(run, "stderr", r->err);
    ptest__say(run, "  ...\n");
    ptest__flush(run);
    ptest__buf_free(&msg);
    ptest__buf_free(&quoted);
}

/* ---- GitHub annotations ---- */

/* Escapes a workflow command's data (or, with property, a property value). */
static void ptest__github_escape(struct ptest__buf *b, const char *text, int property)
{
    for (; *text; text++) {
        if (*text == '%')
            ptest__buf_puts(b, "%25");
        else if (*text == '\r')
            ptest__buf_puts(b, "%0D");
        else if (*text == '\n')
            ptest__buf_puts(b, "%0A");
        else if (property && *text == ':')
            ptest__buf_puts(b, "%3A");
        else if (property && *text == ',')
            ptest__buf_puts(b, "%2C");
        else
            ptest__buf_add(b, text, 1);
    }
}

/* GitHub Actions: a workflow command per failure, so it shows on the
 * diff: the failing assertion's place when the report names one. */
static void ptest__github_annotation(struct ptest__run *run, size_t index)
{
    const struct ptest__case *c = &run->reg.cases[index];
    const struct ptest__result *r = &run->results[index];
    struct ptest__buf msg = {NULL, 0, 0}, out = {NULL, 0, 0}, title = {NULL, 0, 0};
    const char *file = c->test->file;
    int line = c->test->line;
    char *at = NULL;
    if (r->report && r->failure_at >= 0) {
        /* "file:line: ..." on the failure's own line, or the test's place */
        const char *first = r->report + r->failure_at;
        const char *colon = (const char *)memchr(first, ':', strcspn(first, "\n"));
        if (colon && atoi(colon + 1) > 0) {
            at = ptest__xstrndup(r->report + r->failure_at,
                                 (size_t)(colon - (r->report + r->failure_at)));
            file = at;
            line = atoi(colon + 1);
        }
    }
    ptest__result_message(&msg, r);
    ptest__buf_puts(&out, "::error file=");
    ptest__github_escape(&out, file, 1);
    ptest__buf_printf(&out, ",line=%d,title=", line);
    ptest__buf_printf(&title, "ptest: %s %s", c->id, ptest__outcome_name(r->outcome));
    ptest__github_escape(&out, title.data, 1);
    ptest__buf_puts(&out, "::");
    ptest__github_escape(&out, msg.data ? msg.data : "", 0);
    ptest__buf_puts(&out, "\n");
    ptest__buf_free(&title);
    if (run->cfg.tap)
        fputs(out.data, stderr);
    else
        ptest__say(run, "%s", out.data);
    ptest__buf_free(&out);
    ptest__buf_free(&msg);
    free(at);
}
/* ---- the dispatch: every reporter, from the runners ---- */

/* The exit status: a pure function of the recorded results. */
static int ptest__exit_status(const struct ptest__run *run)
{
    if (run->report.broken_pipe)
        return PTEST__EXIT_BROKEN_PIPE;
    if (run->interrupted)
        return PTEST__EXIT_INTERRUPTED;
    if (run->tally.failures || ptest__lost_count(run) || run->tally.teardown_errors)
        return PTEST__EXIT_FAILED;
    if (run->selected == 0)
        return run->cfg.shard_total ? PTEST__EXIT_OK : PTEST__EXIT_NO_TESTS;
    return run->tally.counts[PTEST__NOT_RUN] ? PTEST__EXIT_FAILED : PTEST__EXIT_OK;
}

/* Whether stdout carries a report for a program to read: TAP, or JSON
 * Lines with --json=-. */
static int ptest__stdout_is_report(const struct ptest__run *run)
{
    return run->cfg.tap || (run->cfg.json && strcmp(run->cfg.json, "-") == 0);
}

/* Whether the console report is on: not when stdout carries TAP or JSON. */
static int ptest__console_on(const struct ptest__run *run)
{
    return !ptest__stdout_is_report(run);
}

/* "::warning" for each thing a test leaked, at the test's definition. */
static void ptest__github_warnings(struct ptest__run *run, size_t index)
{
    const struct ptest__case *c = &run->reg.cases[index];
    const char *w = run->results[index].warnings, *text;
    struct ptest__buf out = {NULL, 0, 0}, line = {NULL, 0, 0};
    size_t n;
    while (ptest__next_line(&w, &text, &n)) {
        ptest__buf_puts(&out, "::warning file=");
        ptest__github_escape(&out, c->test->file, 1);
        ptest__buf_printf(&out, ",line=%d,title=", c->test->line);
        ptest__buf_printf(&line, "ptest: %s", c->id);
        ptest__github_escape(&out, line.data, 1);
        line.len = 0;
        ptest__buf_add(&line, text, n);
        ptest__buf_puts(&out, "::");
        ptest__github_escape(&out, line.data, 0);
        line.len = 0;
        ptest__buf_puts(&out, "\n");
    }
    if (run->cfg.tap)
        fputs(out.data, stderr);
    else
        ptest__say(run, "%s", out.data);
    ptest__buf_free(&out);
    ptest__buf_free(&line);
}

/* A finished case (or a tick), for every reporter the run has. */
static void ptest__on_result(struct ptest__run *run, size_t index)
{
    if (index != (size_t)-1) {
        if (run->cfg.tap && !run->report.stable)
            ptest__tap_result(run, index);
        if (run->report.json)
            ptest__json_test_finished(run, index);
        if (run->report.github && ptest__outcome_fails(run->results[index].outcome))
            ptest__github_annotation(run, index);
        if (run->report.github && run->results[index].warnings)
            ptest__github_warnings(run, index);
    }
    if (ptest__console_on(run))
        ptest__console_on_result(run, index);
}

static void ptest__on_start(struct ptest__run *run, size_t index, int worker)
{
    if (run->report.json)
        ptest__json_test_started(run, index, worker);
}

/* --slow: "SLOW [>60s] id (gw1)" on the console (not under PTEST_STABLE,
 * which has no timings), and a test_slow event in JSON Lines. */
static void ptest__on_slow(struct ptest__run *run, size_t index, int worker,
                           double seconds)
{
    if (run->report.json)
        ptest__json_test_slow(run, index, worker, seconds);
    if (!ptest__console_on(run) || run->report.stable || run->report.broken_pipe)
        return;
    ptest__clear_progress(run);
    ptest__say(run, "SLOW [>%gs] %s", seconds, run->reg.cases[index].id);
    if (worker >= 0)
        ptest__say(run, " (gw%d)\n", worker);
    else
        ptest__say(run, " (master)\n");
    ptest__flush(run);
}

/* Opens --json's stream; -1 with a warning when it cannot. */
static int ptest__json_open(struct ptest__run *run)
{
    if (!run->cfg.json)
        return 0;
    run->report.json = strcmp(run->cfg.json, "-") == 0 ? ptest__out(run) : fopen(run->cfg.json, "w");
#if defined(PTEST__POSIX)
    if (run->report.json && run->report.json != ptest__out(run))
        ptest__os_cloexec(fileno(run->report.json)); /* no test's exec inherits it */
#endif
    if (run->report.json)
        return 0;
    ptest__complain("error", "--json: cannot write %s: %s", run->cfg.json,
                    strerror(errno));
    return -1;
}

static void ptest__json_close(struct ptest__run *run)
{
    if (run->report.json && run->report.json != ptest__out(run))
        fclose(run->report.json);
    run->report.json = NULL;
}

static void ptest__reports_start(struct ptest__run *run)
{
    if (run->cfg.junitxml)
        ptest__junit_unfinished(run);
    if (run->cfg.tap) {
        /* Test::Harness before 3.48 (Debian 12's prove) rejects version 14;
         * what ptest writes is valid TAP 13 as well, so say 13 to it. */
        ptest__say(run, "TAP version %d\n1..%lu\n", getenv("HARNESS_ACTIVE") ? 13 : 14,
                   (unsigned long)run->selected);
        ptest__say_indented(run, run->notes.data ? run->notes.data : "", "# ");
        ptest__flush(run);
    }
    if (run->report.json)
        ptest__json_run_started(run);
    if (ptest__console_on(run))
        ptest__console_header(run);
}

static void ptest__reports_finish(struct ptest__run *run)
{
    run->exit_status = ptest__exit_status(run);
    if (run->cfg.junitxml) /* first: its warning must not follow the last line */
        ptest__junit_write(run);
    if (ptest__console_on(run))
        ptest__console_footer(run);
    if (run->cfg.tap && run->report.stable) { /* held back, as the console's reports */
        size_t i, *copy;
        const size_t *order = ptest__report_order(run, &copy);
        for (i = 0; i < run->selected; i++)
            ptest__tap_result(run, order[i]);
        free(copy);
    }
    if (run->cfg.tap) {
        ptest__say_ran(run, "# ");
        if (run->tally.teardown_errors)
            ptest__say(run, "# %lu teardown error%s (SUITE_TEARDOWN or WORKER_TEARDOWN, "
                            "reports on stderr): the run fails\n",
                       (unsigned long)run->tally.teardown_errors,
                       run->tally.teardown_errors == 1 ? "" : "s");
        ptest__flush(run);
    }
    if (run->report.json)
        ptest__json_run_finished(run);
    if (run->cfg.trace)
        ptest__trace_write(run);
    if (run->cfg.html)
        ptest__html_write(run);
    run->exit_status = ptest__exit_status(run); /* stdout may have gone meanwhile */
    if (run->report.broken_pipe && run->report.out_errno && run->report.out_errno != EPIPE)
        ptest__complain("error", "stdout: %s; the run stopped there%s",
                        strerror(run->report.out_errno),
                        run->workers <= 0 || run->cfg.pool == PTEST__POOL_THREAD
                            ? " (-j 0 and the thread pool run tests in the "
                              "runner's own process: did one close it?)" : "");
}

/* What the durations say the run will take, for the progress line's ETA. */
static void ptest__expect_work(struct ptest__run *run)
{
    size_t i;
    for (i = 0; i < run->selected; i++) {
        double d = ptest__known_duration(&run->cache, run->order[i]);
        if (d >= 0)
            run->progress.expected_left += d;
        else
            run->progress.unknown_left++;
    }
}

/* TAP or JSON Lines on stdout while the tests' own output is not
 * captured (-s, -j 0, the thread pool): the tests' stdout goes to stderr,
 * so that stdout carries the report alone. The report keeps a copy of the
 * original stdout, above 2 (ptest__os_guard_std_fds keeps 0 to 2 open),
 * which the processes the run starts do not inherit. */
static void ptest__reports_claim_stdout(struct ptest__run *run)
{
    int report = ptest__stdout_is_report(run);
    int loose = !run->cfg.capture || run->workers <= 0 ||
                run->cfg.pool == PTEST__POOL_THREAD; /* -j 0 captures nothing */
    int keep;
    if (!report || !loose)
        return;
    fflush(stdout);
    keep = dup(1);
    if (keep < 0)
        return;
    ptest__os_cloexec(keep);
    run->report.out = fdopen(keep, "w");
    if (!run->report.out) {
        close(keep);
        return;
    }
    dup2(2, 1);
}

/* Gives stdout back to the process once the run has reported. */
static void ptest__reports_release_stdout(struct ptest__report_state *report)
{
    if (!report->out)
        return;
    fflush(stdout); /* the tests' last words, to stderr */
    fflush(report->out);
    dup2(fileno(report->out), 1);
    fclose(report->out);
    report->out = NULL;
}

/* ------------------------------------------------------------------------
 * ptest_main
 *
 * The stages, top to bottom: parse arguments, collect, check definitions,
 * compile expressions, select, run (pool or inline), report, exit status.
 * ------------------------------------------------------------------------ */

/* Prints "ptest: error: <what>" on one line and returns status. */
static int ptest__error(int status, const char *what)
{
    struct ptest__buf line = {NULL, 0, 0};
    ptest__buf_puts(&line, "ptest: error: ");
    ptest__buf_one_line(&line, what);
    fprintf(stderr, "%s\n", line.data);
    ptest__buf_free(&line);
    return status;
}

/* Every positional id names a test or a prefix of one, as pytest's node
 * ids must exist; -1 with a message in err. */
static int ptest__check_filters(const struct ptest__run *run, struct ptest__buf *err)
{
    size_t i, j;
    for (i = 0; i < run->cfg.filter_count; i++) {
        const char *filter = run->cfg.filters[i];
        for (j = 0; j < run->reg.count; j++)
            if (ptest__filter_matches(filter, &run->reg.cases[j]))
                break;
        if (j == run->reg.count) {
            ptest__buf_puts(err, "no test is or starts with '");
            ptest__buf_one_line(err, filter);
            ptest__buf_puts(err, "' (--collect-only lists the ids)");
            return -1;
        }
    }
    return 0;
}

/* Compiles -m and -k and checks the positional ids; -1 with a message in
 * err. */
static int ptest__compile_selection(struct ptest__run *run, struct ptest__buf *err)
{
    if (ptest__expr_compile(&run->mark, run->cfg.mexpr ? run->cfg.mexpr : "", err) != 0) {
        char *detail = ptest__buf_take(err);
        ptest__buf_printf(err, "-m '%s': %s", run->cfg.mexpr, detail);
        free(detail);
        return -1;
    }
    if (ptest__expr_check_markers(&run->mark, &run->reg, err) != 0) {
        char *detail = ptest__buf_take(err);
        ptest__buf_printf(err, "-m '%s': %s", run->cfg.mexpr, detail);
        free(detail);
        return -1;
    }
    if (ptest__expr_compile(&run->key, run->cfg.kexpr ? run->cfg.kexpr : "", err) != 0) {
        char *detail = ptest__buf_take(err);
        ptest__buf_printf(err, "-k '%s': %s", run->cfg.kexpr, detail);
        free(detail);
        return -1;
    }
    return ptest__check_filters(run, err);
}

/* Decides the pool size: -j, else $PTEST_JOBS, else the usable CPUs;
 * never more workers than tests. */
static void ptest__decide_workers(struct ptest__run *run)
{
    int jobs = run->cfg.jobs < 0 ? ptest__os_cpu_count() : run->cfg.jobs;
    if (run->cfg.dist == PTEST__DIST_NO && jobs > 1)
        jobs = 1;
    if ((size_t)jobs > run->selected)
        jobs = (int)run->selected;
    if (jobs == 0 && run->cfg.jobs != 0)
        jobs = 1; /* nothing selected: keep the pool's name */
    run->workers = jobs;
}

static void ptest__run_free(struct ptest__run *run)
{
    size_t i;
    for (i = 0; run->results && i < run->reg.count; i++) {
        free(run->results[i].reason);
        free(run->results[i].report);
        free(run->results[i].out);
        free(run->results[i].err);
        free(run->results[i].warnings);
    }
    free(run->results);
    free(run->order);
    free(run->cache.history);
    free(run->shard_weights);
    ptest__buf_free(&run->cache.history_text);
    free(run->cache.ids.slots);
    free(run->attempts);
    for (i = 0; run->first_failure && i < run->reg.count; i++)
        free(run->first_failure[i]);
    free(run->first_failure);
    ptest__buf_free(&run->notes);
    for (i = 0; run->report.trace && i < run->report.trace->len; i++)
        free(run->report.trace->s[i].label);
    if (run->report.trace)
        free(run->report.trace->s);
    free(run->report.trace);
    free(run->cfg.filters);
    free(run->cfg.addopts);
    free((void *)run->cfg.affected_files);
    ptest__expr_free(&run->mark);
    ptest__expr_free(&run->key);
    ptest__registry_free(&run->reg);
}

/* Whether TERM says the terminal cannot take escape sequences. */
static int ptest__term_dumb(void)
{
    const char *term = getenv("TERM");
    return term && strcmp(term, "dumb") == 0;
}

/* Colour: --color=yes, or auto on a terminal unless NO_COLOR is set or
 * TERM is dumb. */
static int ptest__use_color(const struct ptest__config *cfg, int tty)
{
    const char *no_color = getenv("NO_COLOR");
    if (cfg->color != PTEST__COLOR_AUTO)
        return cfg->color == PTEST__COLOR_YES;
    return tty && !(no_color && *no_color) && !ptest__term_dumb();
}

/* Makes the directory under which each test's ptest_tmpdir() goes: the
 * --basetemp, or a fresh one under $TMPDIR. Returns its path, or NULL
 * (then ptest_tmpdir() fails the tests that call it). */
static char *ptest__tmp_base_make(const struct ptest__config *cfg)
{
    const char *tmp = ptest__os_tmp_root();
    char *base;
    if (cfg->basetemp) {
        if (ptest__os_mkdir(cfg->basetemp, 0700) != 0 && errno != EEXIST)
            return NULL;
        return ptest__xstrdup(cfg->basetemp);
    }
    base = (char *)ptest__xrealloc(NULL, 4096);
    snprintf(base, 4096, "%s/ptest-XXXXXX", tmp);
    if (!ptest__os_mkdtemp(base)) {
        free(base);
        return NULL;
    }
    return base;
}

static int ptest__execute_claimed(struct ptest__run *run);

/* Runs the selection and reports; returns the exit status. */
static int ptest__execute(struct ptest__run *run)
{
    int status;
    ptest__reports_claim_stdout(run);
    status = ptest__execute_claimed(run);
    ptest__reports_release_stdout(&run->report);
    return status;
}

static int ptest__execute_claimed(struct ptest__run *run)
{
    int rc;
    char *base;
    long *before;
    size_t before_len;
    if (ptest__json_open(run) != 0)
        return PTEST__EXIT_USAGE;
    base = ptest__tmp_base_make(&run->cfg);
    if (!base && run->cfg.basetemp) {
        ptest__complain("error", "%s: cannot create %s: %s",
                        run->cfg.basetemp_from ? run->cfg.basetemp_from : "--basetemp",
                        run->cfg.basetemp, strerror(errno));
        ptest__json_close(run);
        return PTEST__EXIT_USAGE;
    }
    ptest__tmp_base = base;
    run->report.color = ptest__use_color(&run->cfg, run->report.tty);
    run->report.github = getenv("GITHUB_ACTIONS") && strcmp(getenv("GITHUB_ACTIONS"), "true") == 0;
    run->results = (struct ptest__result *)ptest__xcalloc_untouched(run->reg.count, sizeof *run->results);
    run->on.result = ptest__on_result;
    run->on.start = ptest__on_start;
    run->on.slow = ptest__on_slow;
    run->on.settled = ptest__history_save; /* again after the run: once */
    run->progress.longest = (size_t)-1; /* the pools track it; inline, nothing does */
    if (run->cfg.trace || run->cfg.html)
        run->report.trace = (struct ptest__trace *)ptest__xcalloc(1, sizeof *run->report.trace);
    run->started = ptest__os_now();
    ptest__expect_work(run);
    ptest__os_adopt_orphans();
    ptest__os_watch_forks();
    before = ptest__os_children(&before_len);
    ptest__reports_start(run);
    if (run->workers == 0)
        rc = ptest__inline_run(run);
    else if (run->cfg.pool == PTEST__POOL_THREAD)
        rc = ptest__thread_run(run);
    else
        rc = ptest__pool_run(run);
    run->elapsed = ptest__os_now() - run->started;
    ptest__os_kill_children(before, before_len); /* what tests left running */
    free(before);
    if (base && !run->cfg.basetemp)
        ptest__os_rmdir(base); /* only when empty: failed tests' directories stay */
    ptest__tmp_base = NULL;
    free(base);
    if (rc != 0) {
        fprintf(stderr, "ptest: internal error: could not start the workers: %s\n",
                strerror(errno));
        ptest__json_close(run);
        return PTEST__EXIT_INTERNAL;
    }
    ptest__impact_save(run); /* before the summary, as the cache's warnings */
    ptest__history_save(run); /* unless the fork pool has; before the summary */
    ptest__reports_finish(run);
    ptest__json_close(run);
    return run->exit_status;
}

/* --collect-only: the planned selection, as ids or JSON Lines. */
static int ptest__collect_only(struct ptest__run *run)
{
    int status = run->selected || run->cfg.shard_total ? PTEST__EXIT_OK
                                                       : PTEST__EXIT_NO_TESTS;
    if (!run->cfg.json) {
        ptest__console_collect(run);
        return status;
    }
    if (ptest__json_open(run) != 0)
        return PTEST__EXIT_USAGE;
    ptest__json_collect(run);
    ptest__json_close(run);
    return status;
}

/* Touches a file (Bazel's and GoogleTest's way of saying "I shard"). */
static void ptest__touch(const char *path)
{
    int fd = path && *path ? open(path, O_WRONLY | O_CREAT | PTEST__O_CLOEXEC, 0666) : -1;
    if (fd >= 0)
        close(fd);
}

/* Runs the planned selection with the protocol files around it. */
static int ptest__run_tests(struct ptest__run *run)
{
    const char *premature = getenv("TEST_PREMATURE_EXIT_FILE");
    int status;
    if (run->cfg.shard_total) {
        ptest__touch(getenv("TEST_SHARD_STATUS_FILE"));
        ptest__touch(getenv("GTEST_SHARD_STATUS_FILE"));
    }
    ptest__touch(premature); /* left behind only if we die before the end */
    if (run->cfg.reruns > 0) {
        run->attempts = (unsigned char *)ptest__xcalloc(run->reg.count, 1);
        run->first_failure = (char **)ptest__xcalloc(run->reg.count, sizeof(char *));
    }
    ptest__decide_workers(run);
    if ((status = ptest__process_child(run)) >= 0)
        return status; /* this process was started for a death test */
    if ((status = ptest__process_worker(run)) >= 0)
        return status; /* this process was started as a worker */
    {
        struct ptest__buf err = {NULL, 0, 0};
        if (ptest__impact_prepare(run, &err) != 0) {
            status = ptest__error(PTEST__EXIT_USAGE, err.data);
            ptest__buf_free(&err);
            return status;
        }
    }
    status = ptest__execute(run);
    if (premature && *premature)
        remove(premature);
    return status;
}

static int ptest__main_stages(struct ptest__run *run, int argc, char **argv)
{
    struct ptest__buf err = {NULL, 0, 0};
    int status = -1;
    run->argc = argc;
    run->argv = argv;
    if (ptest__parse_args(&run->cfg, argc, argv, &err) != 0)
        status = ptest__error(PTEST__EXIT_USAGE, err.data);
    else if (run->cfg.help)
        ptest__print_help(argc > 0 ? argv[0] : "tests"), status = 0;
    else if (run->cfg.version)
        printf("ptest %s\n", PTEST_VERSION_STRING), status = 0;
    if (status >= 0) {
        ptest__buf_free(&err);
        return status;
    }
    ptest__registry_collect(&run->reg);
    if (ptest__registry_check(&run->reg, &err, &run->cache.ids) != 0) {
        fputs(err.data, stderr);
        status = PTEST__EXIT_INTERRUPTED;
    } else if (run->cfg.list_markers) {
        ptest__console_markers(run);
        status = 0;
    } else if (ptest__compile_selection(run, &err) != 0) {
        status = ptest__error(PTEST__EXIT_USAGE, err.data);
    } else if (run->cfg.shard_total && run->cfg.durations_file && !run->cfg.shard_hash &&
               ptest__shard_weights_load(run, &err) != 0) {
        status = ptest__error(PTEST__EXIT_USAGE, err.data);
    } else {
        ptest__select(run);
        if (ptest__affected_plan(run, &err) != 0) {
            status = ptest__error(PTEST__EXIT_USAGE, err.data);
            ptest__buf_free(&err);
            return status;
        }
        ptest__plan(run);
        status = run->cfg.collect_only ? ptest__collect_only(run) : ptest__run_tests(run);
    }
    ptest__buf_free(&err);
    return status;
}

int ptest_main(int argc, char **argv)
{
    struct ptest__run run;
    int status;
    ptest__os_guard_std_fds();
    ptest__warnings_off = ptest__os_started_by_runner();
    memset(&run, 0, sizeof run);
    run.report.tty = ptest__os_isatty(1) && !ptest__term_dumb(); /* no progress line */
    run.report.stable = getenv("PTEST_STABLE") && *getenv("PTEST_STABLE");
    status = ptest__main_stages(&run, argc, argv);
    ptest__run_free(&run);
    return status;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#if defined(PTEST_MAIN)
int main(int argc, char **argv)
{
    return ptest_main(argc, argv);
}
#endif

#endif /* PTEST_IMPLEMENTATION */

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
