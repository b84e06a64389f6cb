/* Unit tests of the scheduler's queue: the order cases are handed out in,
 * RESOURCE() locks (a case holding one travels alone and never overlaps
 * another naming it, beyond PTEST_RESOURCE's capacity), SLOTS(),
 * --dist=loadscope/loadfile ownership, cases handed back by dead workers,
 * and the accounting of cases that never run. */

static const struct ptest__option ut_q_plain[] = {PTEST__OPT_END_};
static const struct ptest__option ut_q_db[] = {
    PTEST__OPTIONS(PTEST_RESOURCE(db), PTEST__OPT_END_)};
static const struct ptest__option ut_q_net[] = {
    PTEST__OPTIONS(PTEST_RESOURCE(net), PTEST__OPT_END_)};
static const struct ptest__option ut_q_both[] = {
    PTEST__OPTIONS(PTEST_RESOURCE(db), PTEST_RESOURCE(net), PTEST__OPT_END_)};

#define UT_Q_TEST UT_DESCRIPTOR

/* Cases of a queue run, by how a test names them: "<suite>.<name>". */
static const struct ptest__test ut_q_tests[] = {
    UT_Q_TEST("a", "0", "x.c", 1, ut_q_plain),
    UT_Q_TEST("a", "1", "x.c", 2, ut_q_db),
    UT_Q_TEST("b", "2", "x.c", 3, ut_q_plain),
    UT_Q_TEST("b", "3", "y.c", 4, ut_q_db),
    UT_Q_TEST("c", "4", "y.c", 5, ut_q_plain),
    UT_Q_TEST("c", "5", "y.c", 6, ut_q_net),
    UT_Q_TEST("a", "6", "z.c", 7, ut_q_both),
    UT_Q_TEST("d", "7", "z.c", 8, ut_q_plain),
};
#define UT_Q_COUNT (sizeof ut_q_tests / sizeof ut_q_tests[0])

struct ut_queue {
    struct ptest__run run;
    struct ptest__case cases[UT_Q_COUNT];
    size_t order[UT_Q_COUNT];
    struct ptest__queue q;
};

/* A queue over the cases listed (indices into ut_q_tests), in that order. */
static struct ut_queue *ut_queue_new(const int *which, size_t n, int dist)
{
    struct ut_queue *u = (struct ut_queue *)ptest__xcalloc(1, sizeof *u);
    size_t i;
    for (i = 0; i < UT_Q_COUNT; i++) {
        u->cases[i].test = &ut_q_tests[i];
        u->cases[i].id = ut_make_id(&ut_q_tests[i], 0);
        u->cases[i].key = u->cases[i].id;
    }
    for (i = 0; i < n; i++)
        u->order[i] = (size_t)which[i];
    u->run.reg.cases = u->cases;
    u->run.reg.count = UT_Q_COUNT;
    u->run.order = u->order;
    u->run.selected = n;
    u->run.cfg.dist = dist;
    ptest__queue_init(&u->q, &u->run);
    return u;
}

static void ut_queue_free(struct ut_queue *u)
{
    size_t i;
    ptest__queue_free(&u->q);
    for (i = 0; i < UT_Q_COUNT; i++)
        free(u->cases[i].id);
    free(u);
}

/* Case numbers as "0 2 3", or "". */
static char *ut_numbers(const size_t *out, size_t n)
{
    struct ptest__buf b = {NULL, 0, 0};
    size_t i;
    ptest__buf_puts(&b, "");
    for (i = 0; i < n; i++)
        ptest__buf_printf(&b, "%s%lu", i ? " " : "", (unsigned long)out[i]);
    return b.data;
}

/* Takes up to max for worker; the case numbers taken. */
static char *ut_take(struct ut_queue *u, int worker, size_t max)
{
    size_t out[UT_Q_COUNT];
    return ut_numbers(out, ptest__queue_take(&u->q, worker, out, max));
}

#define UT_EXPECT_TAKE(u, worker, max, want)                                   \
    do {                                                                       \
        char *ut_got_ = ut_take((u), (worker), (max));                         \
        EXPECT_STR_EQ_MSG(ut_got_, want, "worker %d, max %d", (int)(worker),   \
                          (int)(max));                                         \
        free(ut_got_);                                                         \
    } while (0)

TEST(unit_scheduler, plain_order, MARK(unit))
{
    static const int which[] = {0, 2, 4, 7};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    EXPECT_EQ(u->q.left, 4u);
    UT_EXPECT_TAKE(u, 0, 2, "0 2");
    EXPECT_EQ(u->q.left, 2u);
    UT_EXPECT_TAKE(u, 1, 10, "4 7");
    UT_EXPECT_TAKE(u, 0, 10, "");
    EXPECT_EQ(u->q.left, 0u);
    ut_queue_free(u);
}

TEST(unit_scheduler, order_is_the_runs, MARK(unit))
{
    static const int which[] = {7, 4, 0};
    struct ut_queue *u = ut_queue_new(which, 3, PTEST__DIST_WORKSTEAL);
    UT_EXPECT_TAKE(u, 0, 1, "7");
    UT_EXPECT_TAKE(u, 0, 5, "4 0");
    ut_queue_free(u);
}

TEST(unit_scheduler, a_resource_travels_alone, MARK(unit))
{
    static const int which[] = {0, 1, 2, 3, 4};
    struct ut_queue *u = ut_queue_new(which, 5, PTEST__DIST_WORKSTEAL);
    /* 1 holds db: not in a batch with 0; 3 waits while 1 runs */
    UT_EXPECT_TAKE(u, 0, 10, "0 2 4");
    UT_EXPECT_TAKE(u, 1, 10, "1");
    UT_EXPECT_TAKE(u, 2, 10, ""); /* 3 needs db */
    EXPECT_EQ(u->q.left, 1u);
    ptest__queue_done(&u->q, 1);
    UT_EXPECT_TAKE(u, 2, 10, "3");
    ut_queue_free(u);
}

TEST(unit_scheduler, resources_never_overlap, MARK(unit))
{
    static const int which[] = {6, 5, 1, 7};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    UT_EXPECT_TAKE(u, 0, 10, "6"); /* holds db and net */
    UT_EXPECT_TAKE(u, 1, 10, "7"); /* 5 (net) and 1 (db) wait */
    UT_EXPECT_TAKE(u, 2, 10, "");
    ptest__queue_done(&u->q, 6);
    UT_EXPECT_TAKE(u, 2, 10, "5");
    UT_EXPECT_TAKE(u, 3, 10, "1"); /* another resource: may overlap 5 */
    ut_queue_free(u);
}

TEST(unit_scheduler, loadscope_keeps_a_suite_on_one_worker, MARK(unit))
{
    static const int which[] = {0, 2, 4, 7, 6, 5};
    struct ut_queue *u = ut_queue_new(which, 6, PTEST__DIST_LOADSCOPE);
    UT_EXPECT_TAKE(u, 0, 1, "0");      /* worker 0 has suite a */
    UT_EXPECT_TAKE(u, 1, 1, "2");      /* worker 1 has suite b */
    UT_EXPECT_TAKE(u, 1, 2, "4 7");    /* c and d: whoever comes first */
    UT_EXPECT_TAKE(u, 1, 10, "5");     /* 6 is a's: not for worker 1 */
    UT_EXPECT_TAKE(u, 0, 10, "");      /* 6 needs net, which 5 holds */
    ptest__queue_done(&u->q, 5);
    UT_EXPECT_TAKE(u, 0, 10, "6");
    EXPECT_EQ(u->q.left, 0u);
    ut_queue_free(u);
}

TEST(unit_scheduler, loadfile_keeps_a_file_on_one_worker, MARK(unit))
{
    static const int which[] = {0, 2, 4, 5, 7};
    struct ut_queue *u = ut_queue_new(which, 5, PTEST__DIST_LOADFILE);
    UT_EXPECT_TAKE(u, 0, 1, "0");      /* x.c to worker 0, though suites differ */
    UT_EXPECT_TAKE(u, 1, 10, "4 7");   /* 2 is in x.c; 5 (net) would end the batch */
    UT_EXPECT_TAKE(u, 1, 10, "5");
    UT_EXPECT_TAKE(u, 2, 10, "");      /* everything left is owned */
    UT_EXPECT_TAKE(u, 0, 10, "2");
    ut_queue_free(u);
}

TEST(unit_scheduler, returned_cases_run_again, MARK(unit))
{
    static const int which[] = {0, 1, 2, 4};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    UT_EXPECT_TAKE(u, 0, 10, "0 2 4");
    UT_EXPECT_TAKE(u, 1, 10, "1");
    /* worker 1 died before running 1: it goes back, its db lock freed */
    ptest__queue_return(&u->q, 1);
    EXPECT_EQ(u->q.left, 1u);
    EXPECT_EQ(u->q.held_len, 0u);
    ptest__queue_return(&u->q, 1); /* twice is once */
    EXPECT_EQ(u->q.left, 1u);
    /* worker 0 died after 0: 2 and 4 go back, in their place */
    ptest__queue_return(&u->q, 4);
    ptest__queue_return(&u->q, 2);
    EXPECT_EQ(u->q.left, 3u);
    UT_EXPECT_TAKE(u, 2, 10, "1"); /* in run order again: 1 first, alone */
    UT_EXPECT_TAKE(u, 3, 10, "2 4");
    ut_queue_free(u);
}

TEST(unit_scheduler, unblock_takes_whatever_is_left, MARK(unit))
{
    static const int which[] = {1, 3, 0};
    struct ut_queue *u = ut_queue_new(which, 3, PTEST__DIST_WORKSTEAL);
    size_t index = 99;
    UT_EXPECT_TAKE(u, 0, 10, "1");
    EXPECT_EQ(ptest__queue_unblock(&u->q, &index), 1); /* 3 though db is held */
    EXPECT_EQ(index, 3u);
    EXPECT_EQ(ptest__queue_unblock(&u->q, &index), 1);
    EXPECT_EQ(index, 0u);
    EXPECT_EQ(ptest__queue_unblock(&u->q, &index), 0);
    EXPECT_EQ(u->q.left, 0u);
    ut_queue_free(u);
}

TEST(unit_scheduler, empty_selection, MARK(unit))
{
    struct ut_queue *u = ut_queue_new(NULL, 0, PTEST__DIST_LOADSCOPE);
    size_t index;
    UT_EXPECT_TAKE(u, 0, 10, "");
    EXPECT_EQ(ptest__queue_unblock(&u->q, &index), 0);
    ut_queue_free(u);
}

/* Batches by expected work: cases whose durations the cache knows, and
 * the mean for those it does not. */
static char *ut_take_work(struct ut_queue *u, size_t max, double budget, double mean)
{
    size_t out[UT_Q_COUNT];
    return ut_numbers(out, ptest__queue_take_work(&u->q, 0, out, max, budget, mean));
}

#define UT_EXPECT_TAKE_WORK(u, max, budget, mean, want)                        \
    do {                                                                       \
        char *ut_got_ = ut_take_work((u), (max), (budget), (mean));            \
        EXPECT_STR_EQ_MSG(ut_got_, want, "budget %g, mean %g", (budget),       \
                          (mean));                                             \
        free(ut_got_);                                                         \
    } while (0)

/* Durations per case of ut_q_tests (seconds; < 0 unknown). */
static void ut_queue_durations(struct ut_queue *u, const double *seconds)
{
    size_t i;
    u->run.cache.history = (struct ptest__history *)ptest__xcalloc(UT_Q_COUNT,
                                                             sizeof *u->run.cache.history);
    for (i = 0; i < UT_Q_COUNT; i++) {
        u->run.cache.history[i].duration = seconds[i];
        u->run.cache.history[i].outcome = -1;
    }
}

TEST(unit_scheduler, a_slow_case_travels_alone, MARK(unit))
{
    static const int which[] = {0, 2, 4, 7};
    static const double seconds[UT_Q_COUNT] = {0.5, -1, 1e-6, -1, 1e-6, -1, -1, 0.5};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    ut_queue_durations(u, seconds);
    UT_EXPECT_TAKE_WORK(u, 10, 0.002, 0.0, "0");   /* slow, first: alone */
    UT_EXPECT_TAKE_WORK(u, 10, 0.002, 0.0, "2 4"); /* stops before 7 */
    UT_EXPECT_TAKE_WORK(u, 10, 0.002, 0.0, "7");
    free(u->run.cache.history);
    ut_queue_free(u);
}

TEST(unit_scheduler, unknown_cases_count_as_the_mean, MARK(unit))
{
    static const int which[] = {0, 2, 4, 7};
    static const double seconds[UT_Q_COUNT] = {-1, -1, -1, -1, -1, -1, -1, -1};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    ut_queue_durations(u, seconds);
    UT_EXPECT_TAKE_WORK(u, 10, 0.002, 0.0009, "0 2"); /* a third would be 2.7 ms */
    UT_EXPECT_TAKE_WORK(u, 10, 0.002, 0.0, "4 7");    /* nothing measured yet */
    free(u->run.cache.history);
    ut_queue_free(u);
}

TEST(unit_scheduler, the_count_still_bounds_a_batch, MARK(unit))
{
    static const int which[] = {0, 2, 4, 7};
    static const double seconds[UT_Q_COUNT] = {1e-6, -1, 1e-6, -1, 1e-6, -1, -1, 1e-6};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    ut_queue_durations(u, seconds);
    UT_EXPECT_TAKE_WORK(u, 3, 0.002, 0.0, "0 2 4");
    UT_EXPECT_TAKE_WORK(u, 3, 0.002, 0.0, "7");
    free(u->run.cache.history);
    ut_queue_free(u);
}

/* Claims: a handed-out test is started by its worker or taken back by the
 * runner, never both. */
TEST(unit_scheduler, claim_take_then_revoke_fails, MARK(unit))
{
    static struct ptest__shared sh;
    ptest__claim_offer(&sh, 7);
    EXPECT_EQ(ptest__claim_take(&sh, 7), 1);
    EXPECT_EQ(ptest__claim_revoke(&sh, 7), 0);
}

TEST(unit_scheduler, claim_revoke_then_take_fails, MARK(unit))
{
    static struct ptest__shared sh;
#if !defined(PTEST__CAS)
    SKIP_TEST("no compare-and-swap in this build: nothing is taken back");
#endif
    ptest__claim_offer(&sh, 3);
    ptest__claim_offer(&sh, 4);
    EXPECT_EQ(ptest__claim_revoke(&sh, 4), 1);
    EXPECT_EQ(ptest__claim_revoke(&sh, 4), 0); /* once */
    EXPECT_EQ(ptest__claim_take(&sh, 3), 1);
    EXPECT_EQ(ptest__claim_take(&sh, 4), 0);
}

/* A place of the ring offered again under a newer number: the worker that
 * reads the old, revoked number still finds it is not its to start. */
TEST(unit_scheduler, claim_numbers_tell_ring_laps_apart, MARK(unit))
{
    static struct ptest__shared sh;
#if !defined(PTEST__CAS)
    SKIP_TEST("no compare-and-swap in this build: nothing is taken back");
#endif
    ptest__claim_offer(&sh, 5);
    EXPECT_EQ(ptest__claim_revoke(&sh, 5), 1);
    ptest__claim_offer(&sh, 5 + PTEST__CLAIM_RING);
    EXPECT_EQ(ptest__claim_take(&sh, 5), 0);
    EXPECT_EQ(ptest__claim_revoke(&sh, 5), 0);
    EXPECT_EQ(ptest__claim_take(&sh, 5 + PTEST__CLAIM_RING), 1);
    /* numbers wrap with the word's 30 bits, and still compare equal */
    ptest__claim_offer(&sh, 0xffffffffu);
    EXPECT_EQ(ptest__claim_take(&sh, 0xffffffffu), 1);
}

#if defined(PTEST__HAS_THREADS) && defined(PTEST__CAS)
#include <sched.h>

/* A worker thread claims tests 0..63 in order while this thread, playing
 * the runner, takes them back from the tail until one is started: over
 * many rounds, each test is started or taken back, never both or
 * neither, and what was taken back is a tail. */
#if defined(_WIN32)
#define UT_CLAIM_ROUNDS 100 /* a thread takes Wine ~20 ms to start */
#else
#define UT_CLAIM_ROUNDS 500
#endif

struct ut_claim_race {
    struct ptest__shared *sh;
    uint32_t base;
    volatile int ready, go; /* both sides start together */
    int started[64];
};

static void *ut_claim_worker(void *arg)
{
    struct ut_claim_race *race = (struct ut_claim_race *)arg;
    int k;
    race->ready = 1;
    while (!race->go)
        sched_yield();
    for (k = 0; k < 64; k++)
        race->started[k] = ptest__claim_take(race->sh, race->base + (uint32_t)k);
    return NULL;
}

TEST(unit_scheduler, claims_race_between_threads, MARK(unit))
{
    static struct ptest__shared sh;
    struct ut_claim_race race;
    int round, bad = 0, revoked_total = 0, started_total = 0;
    race.sh = &sh;
    for (round = 0; round < UT_CLAIM_ROUNDS && !bad; round++) {
        pthread_t t;
        int revoked[64] = {0}, k, cut;
        race.base = (uint32_t)round * 64u;
        for (k = 0; k < 64; k++)
            ptest__claim_offer(&sh, race.base + (uint32_t)k);
        race.ready = race.go = 0;
        ASSERT_EQ(pthread_create(&t, NULL, ut_claim_worker, &race), 0);
        while (!race.ready)
            sched_yield();
        race.go = 1;
        for (cut = 64; cut > 0; cut--) {
            if (!ptest__claim_revoke(&sh, race.base + (uint32_t)(cut - 1)))
                break;
            revoked[cut - 1] = 1;
        }
        pthread_join(t, NULL);
        for (k = 0; k < 64; k++) {
            bad += race.started[k] == revoked[k]; /* both, or neither */
            bad += k > 0 && revoked[k - 1] && !revoked[k]; /* not a tail */
            revoked_total += revoked[k];
            started_total += race.started[k];
        }
    }
    EXPECT_EQ_MSG(bad, 0, "round %d", round);
    EXPECT_EQ(revoked_total + started_total, round * 64);
}
#endif

/* ------------------------------------------------------------------------
 * Capacities (PTEST_RESOURCE(name, capacity)) and SLOTS(n).
 * ------------------------------------------------------------------------ */

static const struct ptest__option ut_c_grp[] = {
    PTEST__OPTIONS(PTEST_RESOURCE(grp), PTEST__OPT_END_)};
static const struct ptest__option ut_c_wide[] = {
    PTEST__OPTIONS(PTEST_SLOTS(2), PTEST__OPT_END_)};
static const struct ptest__option ut_c_huge[] = {
    PTEST__OPTIONS(PTEST_SLOTS(9), PTEST__OPT_END_)};

static const struct ptest__test ut_c_tests[] = {
    UT_Q_TEST("g", "0", "c.c", 1, ut_c_grp),  UT_Q_TEST("g", "1", "c.c", 2, ut_c_grp),
    UT_Q_TEST("g", "2", "c.c", 3, ut_c_grp),  UT_Q_TEST("w", "3", "c.c", 4, ut_c_wide),
    UT_Q_TEST("p", "4", "c.c", 5, ut_q_plain), UT_Q_TEST("p", "5", "c.c", 6, ut_q_plain),
    UT_Q_TEST("h", "6", "c.c", 7, ut_c_huge),
};
#define UT_C_COUNT (sizeof ut_c_tests / sizeof ut_c_tests[0])

/* PTEST_RESOURCE(grp, 2), as the registry collects it. */
static const struct ptest__hook ut_c_grp_decl = {PTEST__HOOK_RESOURCE, "grp", NULL, "c.c", 1,
                                                 2};
static const struct ptest__hook *ut_c_hooks[] = {&ut_c_grp_decl};

struct ut_cap {
    struct ptest__run run;
    struct ptest__case cases[UT_C_COUNT];
    size_t order[UT_C_COUNT];
    struct ptest__queue q;
};

/* A queue over the cases listed (indices into ut_c_tests) for workers. */
static struct ut_cap *ut_cap_new(const int *which, size_t n, int workers)
{
    struct ut_cap *u = (struct ut_cap *)ptest__xcalloc(1, sizeof *u);
    size_t i;
    for (i = 0; i < UT_C_COUNT; i++) {
        u->cases[i].test = &ut_c_tests[i];
        u->cases[i].id = ut_make_id(&ut_c_tests[i], 0);
        u->cases[i].key = u->cases[i].id;
    }
    for (i = 0; i < n; i++)
        u->order[i] = (size_t)which[i];
    u->run.reg.cases = u->cases;
    u->run.reg.count = UT_C_COUNT;
    u->run.reg.hooks = ut_c_hooks;
    u->run.reg.hook_count = 1;
    u->run.order = u->order;
    u->run.selected = n;
    u->run.workers = workers;
    ptest__queue_init(&u->q, &u->run);
    return u;
}

static void ut_cap_free(struct ut_cap *u)
{
    size_t i;
    ptest__queue_free(&u->q);
    for (i = 0; i < UT_C_COUNT; i++)
        free(u->cases[i].id);
    free(u);
}

static char *ut_cap_take(struct ut_cap *u, int worker)
{
    size_t out[UT_C_COUNT];
    return ut_numbers(out, ptest__queue_take(&u->q, worker, out, UT_C_COUNT));
}

#define UT_EXPECT_CAP_TAKE(u, worker, want)                                    \
    do {                                                                       \
        char *ut_got_ = ut_cap_take((u), (worker));                            \
        EXPECT_STR_EQ_MSG(ut_got_, want, "worker %d", (int)(worker));          \
        free(ut_got_);                                                         \
    } while (0)

TEST(unit_scheduler, capacity_lets_that_many_hold_a_resource, MARK(unit))
{
    static const int which[] = {0, 1, 2, 4};
    struct ut_cap *u = ut_cap_new(which, 4, 4);
    EXPECT_EQ(ptest__resource_capacity(&u->run.reg, "grp"), 2);
    EXPECT_EQ(ptest__resource_capacity(&u->run.reg, "other"), 1);
    UT_EXPECT_CAP_TAKE(u, 0, "0"); /* alone in its batch */
    UT_EXPECT_CAP_TAKE(u, 1, "1"); /* a second holder: capacity 2 */
    UT_EXPECT_CAP_TAKE(u, 2, "4"); /* not a third */
    UT_EXPECT_CAP_TAKE(u, 3, "");
    ptest__queue_done(&u->q, 0);
    UT_EXPECT_CAP_TAKE(u, 3, "2");
    ut_cap_free(u);
}

TEST(unit_scheduler, slots_take_that_many_workers_share, MARK(unit))
{
    static const int which[] = {3, 4, 5};
    struct ut_cap *u = ut_cap_new(which, 3, 3);
    EXPECT_EQ(u->q.slot_limit, 3);
    UT_EXPECT_CAP_TAKE(u, 0, "3"); /* SLOTS(2), alone */
    EXPECT_EQ(u->q.slots_used, 2);
    UT_EXPECT_CAP_TAKE(u, 1, "4 5"); /* one slot left: a worker's batch */
    EXPECT_EQ(u->q.slots_used, 3);
    ptest__queue_done(&u->q, 4);
    EXPECT_EQ(u->q.slots_used, 3); /* worker 1 still has case 5 */
    ptest__queue_return(&u->q, 5); /* taken back (stolen) */
    EXPECT_EQ(u->q.slots_used, 2);
    UT_EXPECT_CAP_TAKE(u, 2, "5");
    UT_EXPECT_CAP_TAKE(u, 1, ""); /* 2 + 1 slots: full */
    ptest__queue_done(&u->q, 3);
    ptest__queue_done(&u->q, 5);
    EXPECT_EQ(u->q.slots_used, 0);
    ut_cap_free(u);
}

TEST(unit_scheduler, slots_wait_for_free_workers, MARK(unit))
{
    static const int which[] = {4, 3, 5};
    struct ut_cap *u = ut_cap_new(which, 3, 2);
    UT_EXPECT_CAP_TAKE(u, 0, "4 5"); /* SLOTS(2) does not go in a batch */
    UT_EXPECT_CAP_TAKE(u, 1, ""); /* nor start beside a busy worker */
    ptest__queue_done(&u->q, 4);
    UT_EXPECT_CAP_TAKE(u, 1, ""); /* worker 0 still runs 5 */
    ptest__queue_done(&u->q, 5);
    UT_EXPECT_CAP_TAKE(u, 1, "3");
    EXPECT_EQ(u->q.slots_used, 2);
    ut_cap_free(u);
}

TEST(unit_scheduler, more_slots_than_workers_runs_alone, MARK(unit))
{
    static const int which[] = {6, 4};
    struct ut_cap *u = ut_cap_new(which, 2, 2); /* warns on stderr, captured */
    UT_EXPECT_CAP_TAKE(u, 0, "6"); /* SLOTS(9) of 2: every slot */
    EXPECT_EQ(u->q.slots_used, 2);
    UT_EXPECT_CAP_TAKE(u, 1, "");
    ptest__queue_done(&u->q, 6);
    UT_EXPECT_CAP_TAKE(u, 1, "4");
    ut_cap_free(u);
}

/* ------------------------------------------------------------------------
 * --slow notices (ptest__slow_check), at made-up times.
 * ------------------------------------------------------------------------ */

static struct ptest__buf ut_slow_said;

static void ut_slow_record(struct ptest__run *run, size_t index, int worker, double seconds)
{
    (void)run;
    ptest__buf_printf(&ut_slow_said, "%lu gw%d %g;", (unsigned long)index, worker, seconds);
}

TEST(unit_scheduler, slow_notices_at_each_multiple, MARK(unit))
{
    struct ptest__run run;
    struct ptest__slow_watch w = {0, 0};
    memset(&run, 0, sizeof run);
    run.reg.count = 4;
    run.cfg.slow = 0.5;
    run.on.slow = ut_slow_record;
    ut_slow_said.len = 0;
    ptest__buf_puts(&ut_slow_said, "");
    ptest__slow_check(&run, &w, 2, 1, 100.0, 100.4); /* not yet */
    ptest__slow_check(&run, &w, 2, 1, 100.0, 100.5); /* 0.5 */
    ptest__slow_check(&run, &w, 2, 1, 100.0, 100.7); /* said already */
    ptest__slow_check(&run, &w, 2, 1, 100.0, 101.0); /* 1 */
    ptest__slow_check(&run, &w, 2, 1, 100.0, 102.6); /* 1.5, 2 and 2.5 at once: 2.5 */
    ptest__slow_check(&run, &w, 3, 1, 102.6, 102.7); /* another test: anew */
    ptest__slow_check(&run, &w, 3, 1, 102.6, 103.2); /* 0.5 */
    ptest__slow_check(&run, &w, 3, 1, 104.0, 104.1); /* its retry: anew */
    ptest__slow_check(&run, &w, 3, 1, 104.0, 104.6); /* 0.5 again */
    EXPECT_STR_EQ(ut_slow_said.data, "2 gw1 0.5;2 gw1 1;2 gw1 2.5;3 gw1 0.5;3 gw1 0.5;");
    run.cfg.slow = 0; /* --slow=0: never */
    ut_slow_said.len = 0;
    ut_slow_said.data[0] = '\0';
    ptest__slow_check(&run, &w, 1, 0, 0.5, 1000.0);
    EXPECT_STR_EQ(ut_slow_said.data, "");
    ptest__buf_free(&ut_slow_said);
}
