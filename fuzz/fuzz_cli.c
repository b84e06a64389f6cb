/* fuzz_cli.c - libFuzzer target for the command line: the input, split at
 * NUL bytes, is argv[1..]. ptest__parse_args must never exit or print, and
 * a usage error must be one line; a command line it accepts then goes
 * through the stages ptest_main runs before any test does (compile -m/-k,
 * select, plan, decide the workers) on a small registry, whose selection
 * must be a set of distinct cases. The cache is left alone: --no-cache is
 * forced and --cache-clear and --durations-file are dropped (fuzz_history
 * covers the readers), and --count is capped at 20 to keep runs fast.
 *
 *     ./build/fuzz/fuzz_cli fuzz/corpus/cli -max_total_time=60
 */
#include "fuzz.h"

#define FUZZ_MAX_ARGS 64

/* Splits text[0..size) at NUL bytes into argv[1..]; returns argc. */
static int fuzz_split(char *text, size_t size, char **argv)
{
    int argc = 0;
    size_t i = 0;
    argv[argc++] = (char *)"tests";
    while (i < size && argc < FUZZ_MAX_ARGS) {
        argv[argc++] = text + i;
        i += strlen(text + i) + 1;
    }
    argv[argc] = NULL;
    return argc;
}

/* The stages after parsing, as ptest__main_stages runs them. */
static void fuzz_plan(struct ptest__run *run)
{
    struct ptest__buf err = {NULL, 0, 0};
    unsigned char *seen;
    size_t i;
    fuzz_registry(&run->reg);
    run->cfg.no_cache = 1;
    run->cfg.cache_clear = 0;
    run->cfg.durations_file = NULL;
    if (run->cfg.count > 20)
        run->cfg.count = 20;
    if (ptest__compile_selection(run, &err) != 0) {
        fuzz_check_user_error(err.data);
        ptest__buf_free(&err);
        return;
    }
    ptest__select(run);
    ptest__plan(run);
    ptest__decide_workers(run);
    FUZZ_CHECK(run->workers >= 0 && run->workers <= PTEST__MAX_JOBS, "%d workers",
               run->workers);
    seen = (unsigned char *)ptest__xcalloc(run->reg.count, 1);
    for (i = 0; i < run->selected; i++) {
        FUZZ_CHECK(run->order[i] < run->reg.count, "case %lu", (unsigned long)run->order[i]);
        FUZZ_CHECK(!seen[run->order[i]], "case %lu twice", (unsigned long)run->order[i]);
        seen[run->order[i]] = 1;
    }
    free(seen);
}

/* PTEST_JOBS=2 as the default -j, as in the golden transcripts: without
 * it every input would read the CPU count from /proc and /sys. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("PTEST_JOBS", "2", 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size), *argv[FUZZ_MAX_ARGS + 1];
    int argc = fuzz_split(text, size, argv);
    struct ptest__run run;
    struct ptest__buf err = {NULL, 0, 0};
    memset(&run, 0, sizeof run);
    run.report.stable = 1;
    if (ptest__parse_args(&run.cfg, argc, argv, &err) != 0)
        fuzz_check_user_error(err.data);
    else if (!run.cfg.help && !run.cfg.version && !run.cfg.list_markers)
        fuzz_plan(&run);
    ptest__buf_free(&err);
    ptest__run_free(&run);
    free(text);
    return 0;
}
