/* fuzz_history.c - libFuzzer target for the files ptest reads back: the
 * cache (.ptest_cache/v1/results, "ptest-cache 1" then "<seconds>
 * <outcome> <id>" lines) and the durations file ("ptest-durations 1" then
 * "<seconds> <id>"). The input (up to its first NUL, as ptest__read_file
 * hands it over) is read as each kind. A file that is refused applies
 * nothing and says why; one that is accepted gives sane durations and
 * outcomes; and what ptest__history_merge writes from it after a run is
 * itself a file the reader accepts.
 *
 *     ./build/fuzz/fuzz_history fuzz/corpus/history -max_total_time=60
 */
#include "fuzz.h"

/* A run over the fuzz registry, as after two of its tests ran. */
static void fuzz_run_new(struct ptest__run *run)
{
    size_t i;
    memset(run, 0, sizeof *run);
    ptest__config_defaults(&run->cfg);
    fuzz_registry(&run->reg);
    run->cache.history = (struct ptest__history *)ptest__xcalloc(run->reg.count,
                                                           sizeof *run->cache.history);
    run->results = (struct ptest__result *)ptest__xcalloc(run->reg.count,
                                                          sizeof *run->results);
    for (i = 0; i < run->reg.count; i++) {
        run->cache.history[i].duration = -1;
        run->cache.history[i].outcome = -1;
        run->results[i].outcome = PTEST__NOT_RUN;
    }
    run->results[0].outcome = PTEST__PASS;
    run->results[0].duration = 0.5;
    run->results[0].final = 1;
    run->results[2].outcome = PTEST__FAIL;
    run->results[2].duration = 1.25;
    run->results[2].final = 1;
}

static void fuzz_check_history(const struct ptest__run *run, int applied)
{
    size_t i;
    for (i = 0; i < run->reg.count; i++) {
        double d = run->cache.history[i].duration;
        int o = run->cache.history[i].outcome;
        if (!applied) {
            FUZZ_CHECK(d == -1 && o == -1, "a refused file applied case %lu",
                       (unsigned long)i);
            continue;
        }
        FUZZ_CHECK(d == -1 || (d >= 0 && d <= 1e7), "duration %g", d);
        FUZZ_CHECK(o >= -1 && o < PTEST__OUTCOMES, "outcome %d", o);
    }
}

/* Reads text as one kind of file, then merges a run into it and reads
 * the result back. */
static void fuzz_one_kind(const char *text, const char *magic, int with_outcome)
{
    struct ptest__run run;
    struct ptest__idmap m;
    struct ptest__buf out = {NULL, 0, 0};
    const char *why = NULL;
    int rc;
    fuzz_run_new(&run);
    ptest__idmap_build(&m, &run.reg);
    rc = ptest__history_apply(&run, &m, text, magic, with_outcome, &why);
    FUZZ_CHECK(rc == 0 || rc == -1, "rc %d", rc);
    if (rc != 0)
        fuzz_check_user_error(why);
    fuzz_check_history(&run, rc == 0);
    ptest__history_merge(&run, &m, &out, NULL, text, magic, with_outcome);
    FUZZ_CHECK(strlen(out.data) == out.len, "a NUL in the merged file");
    why = NULL;
    FUZZ_CHECK(ptest__history_apply(&run, &m, out.data, magic, with_outcome, &why) == 0,
               "the merged file is refused (%s):\n%s", why, out.data);
    ptest__buf_free(&out);
    free(m.slots);
    free(run.cache.history);
    free(run.results);
    ptest__registry_free(&run.reg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    fuzz_one_kind(text, PTEST__CACHE_MAGIC, 1);
    fuzz_one_kind(text, PTEST__DURATIONS_MAGIC, 0);
    free(text);
    return 0;
}
