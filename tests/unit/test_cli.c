/* Unit tests of the command line: ptest__parse_args on argv arrays (every
 * flag in its short, long, "=", separate-value and clustered forms, every
 * malformed value with its one-line message), PTEST_JOBS / PTEST_TIMEOUT,
 * PTEST_ADDOPTS (its splitting, and the command line winning over it),
 * positional filters and "--", and the small decisions ptest_main makes
 * from the configuration (workers, colour, exit status). */

/* Every parse starts from a clean environment (the runner's may set
 * PTEST_JOBS), restored afterwards. */
#define UT_CLI SETUP(ut_env_save), TEARDOWN(ut_env_restore), MARK(unit)

TEST(unit_cli, defaults, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ASSERT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_NULL(err.data);
    EXPECT_EQ(cfg.jobs, -1);
    EXPECT_EQ(cfg.capture, 1);
    EXPECT_EQ(cfg.timeout, 60.0);
    EXPECT_EQ(cfg.tb, PTEST__TB_LONG);
    EXPECT_EQ(cfg.color, PTEST__COLOR_AUTO);
    EXPECT_EQ(cfg.verbose, 0);
    EXPECT_EQ(cfg.maxfail, 0);
    EXPECT_EQ(cfg.collect_only, 0);
    EXPECT_EQ(cfg.list_markers, 0);
    EXPECT_EQ(cfg.help, 0);
    EXPECT_EQ(cfg.version, 0);
    EXPECT_NULL(cfg.mexpr);
    EXPECT_NULL(cfg.kexpr);
    EXPECT_EQ(cfg.filter_count, 0u);
    ut_args_free(&cfg);
}

/* ------------------------------------------------------------------------
 * -j / -n in every form.
 * ------------------------------------------------------------------------ */

#define UT_AUTO (-2) /* expect the usable CPU count */

struct ut_jobs_case {
    const char *argv[6];
    int jobs;
};

static const struct ut_jobs_case ut_jobs_cases[] = {
    {{"-j", "4", NULL}, 4},
    {{"-j4", NULL}, 4},
    {{"--jobs=4", NULL}, 4},
    {{"--jobs", "4", NULL}, 4},
    {{"-n", "3", NULL}, 3},
    {{"-n3", NULL}, 3},
    {{"--numprocesses=2", NULL}, 2},
    {{"--numprocesses", "2", NULL}, 2},
    {{"-j", "0", NULL}, 0},
    {{"-j0", NULL}, 0},
    {{"--jobs=0", NULL}, 0},
    {{"-j", "1", NULL}, 1},
    {{"-j", "auto", NULL}, UT_AUTO},
    {{"-jauto", NULL}, UT_AUTO},
    {{"--jobs=auto", NULL}, UT_AUTO},
    {{"-n", "auto", NULL}, UT_AUTO},
    {{"-j", "5000", NULL}, PTEST__MAX_JOBS}, /* capped */
    {{"-j", "1", "-j", "2", NULL}, 2},       /* the last one wins */
    {{"-j", "auto", "-n", "7", NULL}, 7},
    {{"-vj", "6", NULL}, 6},
    {{"-xvj9", NULL}, 9},
};

TEST_P(unit_cli, jobs_forms, struct ut_jobs_case, ut_jobs_cases, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    int want = PARAM->jobs == UT_AUTO ? ptest__os_cpu_count() : PARAM->jobs;
    int rc = ut_argv(&cfg, &err, PARAM->argv);
    EXPECT_EQ_MSG(rc, 0, "%s", err.data ? err.data : "");
    EXPECT_EQ_MSG(cfg.jobs, want, "%s %s", PARAM->argv[0],
                  PARAM->argv[1] ? PARAM->argv[1] : "");
    EXPECT_EQ(cfg.filter_count, 0u);
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

/* ------------------------------------------------------------------------
 * Flags with values, in every form.
 * ------------------------------------------------------------------------ */

TEST(unit_cli, mark_and_keyword_forms, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    static const char *const forms[][4] = {
        {"-m", "slow", NULL}, {"-mslow", NULL}, {"--mark=slow", NULL},
        {"--mark", "slow", NULL}, {"-xmslow", NULL}, {"-vm", "slow", NULL}};
    size_t i;
    for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        EXPECT_EQ_MSG(ut_argv(&cfg, &err, forms[i]), 0, "form %lu", (unsigned long)i);
        EXPECT_STR_EQ_MSG(cfg.mexpr, "slow", "form %lu", (unsigned long)i);
        EXPECT_NULL(cfg.kexpr);
        ut_args_free(&cfg);
    }
    EXPECT_EQ(ut_args(&cfg, &err, "-k", "math and not slow", NULL), 0);
    EXPECT_STR_EQ(cfg.kexpr, "math and not slow");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "-kadd", NULL), 0);
    EXPECT_STR_EQ(cfg.kexpr, "add");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--keyword=a or b", NULL), 0);
    EXPECT_STR_EQ(cfg.kexpr, "a or b");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--keyword", "x", "-m", "unit", NULL), 0);
    EXPECT_STR_EQ(cfg.kexpr, "x");
    EXPECT_STR_EQ(cfg.mexpr, "unit");
    ut_args_free(&cfg);
    /* an empty value is a value: the blank expression */
    EXPECT_EQ(ut_args(&cfg, &err, "--mark=", NULL), 0);
    EXPECT_STR_EQ(cfg.mexpr, "");
    ut_args_free(&cfg);
    /* a value may look like a flag */
    EXPECT_EQ(ut_args(&cfg, &err, "-k", "-x", NULL), 0);
    EXPECT_STR_EQ(cfg.kexpr, "-x");
    EXPECT_EQ(cfg.maxfail, 0);
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

TEST(unit_cli, boolean_flags, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "-x", NULL), 0);
    EXPECT_EQ(cfg.maxfail, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--exitfirst", NULL), 0);
    EXPECT_EQ(cfg.maxfail, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--collect-only", NULL), 0);
    EXPECT_EQ(cfg.collect_only, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--co", NULL), 0);
    EXPECT_EQ(cfg.collect_only, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--markers", NULL), 0);
    EXPECT_EQ(cfg.list_markers, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "-s", NULL), 0);
    EXPECT_EQ(cfg.capture, 0);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "-h", NULL), 0);
    EXPECT_EQ(cfg.help, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--help", NULL), 0);
    EXPECT_EQ(cfg.help, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--version", NULL), 0);
    EXPECT_EQ(cfg.version, 1);
    EXPECT_EQ(cfg.help, 0);
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_cli, verbose_and_quiet, UT_CLI)
{
    static const struct {
        const char *argv[4];
        int verbose;
    } cases[] = {
        {{"-v", NULL}, 1},           {{"--verbose", NULL}, 1},
        {{"-vv", NULL}, 2},          {{"-v", "-v", NULL}, 2},
        {{"-q", NULL}, -1},          {{"--quiet", NULL}, -1},
        {{"-qq", NULL}, -1},         {{"-v", "-q", NULL}, 0},
        {{"-q", "-v", NULL}, 0},     {{"-vvq", NULL}, 0},
    };
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        EXPECT_EQ(ut_argv(&cfg, &err, cases[i].argv), 0);
        EXPECT_EQ_MSG(cfg.verbose, cases[i].verbose, "case %lu", (unsigned long)i);
        ut_args_free(&cfg);
    }
}

TEST(unit_cli, clustered_short_flags, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "-xvs", NULL), 0);
    EXPECT_EQ(cfg.maxfail, 1);
    EXPECT_EQ(cfg.verbose, 1);
    EXPECT_EQ(cfg.capture, 0);
    ut_args_free(&cfg);
    /* a value-taking letter ends the cluster: the rest is its value */
    EXPECT_EQ(ut_args(&cfg, &err, "-sj4", NULL), 0);
    EXPECT_EQ(cfg.capture, 0);
    EXPECT_EQ(cfg.jobs, 4);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "-mxv", NULL), 0);
    EXPECT_STR_EQ(cfg.mexpr, "xv");
    EXPECT_EQ(cfg.maxfail, 0);
    EXPECT_EQ(cfg.verbose, 0);
    ut_args_free(&cfg);
    /* or, at the end of the cluster, the next word is */
    EXPECT_EQ(ut_args(&cfg, &err, "-xsk", "net", "tail", NULL), 0);
    EXPECT_STR_EQ(cfg.kexpr, "net");
    EXPECT_EQ(cfg.maxfail, 1);
    ASSERT_EQ(cfg.filter_count, 1u);
    EXPECT_STR_EQ(cfg.filters[0], "tail");
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_cli, choice_flags, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    static const char *const tbs[] = {"long", "short", "line", "no"};
    static const char *const colors[] = {"auto", "yes", "no"};
    char flag[32];
    int i;
    for (i = 0; i < 4; i++) {
        snprintf(flag, sizeof flag, "--tb=%s", tbs[i]);
        EXPECT_EQ(ut_args(&cfg, &err, flag, NULL), 0);
        EXPECT_EQ_MSG(cfg.tb, i, "%s", flag);
        ut_args_free(&cfg);
        EXPECT_EQ(ut_args(&cfg, &err, "--tb", tbs[i], NULL), 0);
        EXPECT_EQ_MSG(cfg.tb, i, "--tb %s", tbs[i]);
        ut_args_free(&cfg);
    }
    for (i = 0; i < 3; i++) {
        snprintf(flag, sizeof flag, "--color=%s", colors[i]);
        EXPECT_EQ(ut_args(&cfg, &err, flag, NULL), 0);
        EXPECT_EQ_MSG(cfg.color, i, "%s", flag);
        ut_args_free(&cfg);
    }
    EXPECT_EQ(ut_args(&cfg, &err, "--color", "no", NULL), 0);
    EXPECT_EQ(cfg.color, PTEST__COLOR_NO);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--capture=no", NULL), 0);
    EXPECT_EQ(cfg.capture, 0);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "-s", "--capture", "fd", NULL), 0);
    EXPECT_EQ(cfg.capture, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--pool=thread", NULL), 0);
    EXPECT_EQ(cfg.pool, PTEST__POOL_THREAD);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--pool=thread", "--pool", "fork", NULL), 0);
    EXPECT_EQ(cfg.pool, PTEST__POOL_FORK);
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_cli, dist_forked_basetemp, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    static const char *const dists[] = {"worksteal", "load", "loadscope",
                                        "loadfile", "no"};
    char flag[32];
    int i;
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.dist, PTEST__DIST_WORKSTEAL); /* the default */
    EXPECT_EQ(cfg.forked, 0);
    EXPECT_NULL(cfg.basetemp);
    ut_args_free(&cfg);
    for (i = 0; i < 5; i++) {
        snprintf(flag, sizeof flag, "--dist=%s", dists[i]);
        EXPECT_EQ(ut_args(&cfg, &err, flag, NULL), 0);
        EXPECT_EQ_MSG(cfg.dist, i, "%s", flag);
        ut_args_free(&cfg);
        EXPECT_EQ(ut_args(&cfg, &err, "--dist", dists[i], NULL), 0);
        EXPECT_EQ_MSG(cfg.dist, i, "--dist %s", dists[i]);
        ut_args_free(&cfg);
    }
    EXPECT_EQ(ut_args(&cfg, &err, "--forked", NULL), 0);
    EXPECT_EQ(cfg.forked, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--basetemp=/tmp/x y", NULL), 0);
    EXPECT_STR_EQ(cfg.basetemp, "/tmp/x y");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--basetemp", "rel/dir", NULL), 0);
    EXPECT_STR_EQ(cfg.basetemp, "rel/dir");
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_cli, maxfail_and_timeout, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "--maxfail=3", NULL), 0);
    EXPECT_EQ(cfg.maxfail, 3);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "-x", "--maxfail", "5", NULL), 0);
    EXPECT_EQ(cfg.maxfail, 5);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--maxfail=5", "-x", NULL), 0);
    EXPECT_EQ(cfg.maxfail, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--timeout=2.5", NULL), 0);
    EXPECT_EQ(cfg.timeout, 2.5);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--timeout", "0", NULL), 0);
    EXPECT_EQ(cfg.timeout, 0.0);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--timeout=1e3", NULL), 0);
    EXPECT_EQ(cfg.timeout, 1000.0);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--timeout=0.001", NULL), 0);
    EXPECT_EQ(cfg.timeout, 0.001);
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

/* ------------------------------------------------------------------------
 * Every malformed command line: rc -1 and one exact line naming the flag.
 * ------------------------------------------------------------------------ */

struct ut_cli_error {
    const char *argv[5];
    const char *flag;       /* the spelling the message must name */
    const char *message;
};

#define UT_JOBS_WANT "expected a number of workers >= 1, 'auto', or 0 to run inline; got "
#define UT_SECONDS_WANT "expected a number of seconds >= 0 (0: no timeout); got "

static const struct ut_cli_error ut_cli_errors[] = {
    /* -j / -n */
    {{"-j", "foo", NULL}, "-j", "-j: " UT_JOBS_WANT "'foo'"},
    {{"-j", "-1", NULL}, "-j", "-j: " UT_JOBS_WANT "'-1'"},
    {{"-jfoo", NULL}, "-j", "-j: " UT_JOBS_WANT "'foo'"},
    {{"-j-1", NULL}, "-j", "-j: " UT_JOBS_WANT "'-1'"},
    {{"-j", "4x", NULL}, "-j", "-j: " UT_JOBS_WANT "'4x'"},
    {{"-j", "1.5", NULL}, "-j", "-j: " UT_JOBS_WANT "'1.5'"},
    {{"-j", " 4", NULL}, "-j", "-j: " UT_JOBS_WANT "' 4'"},
    {{"-j", "", NULL}, "-j", "-j: " UT_JOBS_WANT "''"},
    {{"-j", "AUTO", NULL}, "-j", "-j: " UT_JOBS_WANT "'AUTO'"},
    {{"-j", "99999999999999999999999", NULL}, "-j",
     "-j: " UT_JOBS_WANT "'99999999999999999999999'"},
    {{"--jobs=x", NULL}, "--jobs", "--jobs: " UT_JOBS_WANT "'x'"},
    {{"--jobs", "-3", NULL}, "--jobs", "--jobs: " UT_JOBS_WANT "'-3'"},
    {{"-n", "many", NULL}, "-n", "-n: " UT_JOBS_WANT "'many'"},
    {{"--numprocesses=", NULL}, "--numprocesses", "--numprocesses: " UT_JOBS_WANT "''"},
    {{"-xvj", "z", NULL}, "-j", "-j: " UT_JOBS_WANT "'z'"},
    /* --timeout */
    {{"--timeout=abc", NULL}, "--timeout", "--timeout: " UT_SECONDS_WANT "'abc'"},
    {{"--timeout=-1", NULL}, "--timeout", "--timeout: " UT_SECONDS_WANT "'-1'"},
    {{"--timeout=nan", NULL}, "--timeout", "--timeout: " UT_SECONDS_WANT "'nan'"},
    {{"--timeout=inf", NULL}, "--timeout", "--timeout: " UT_SECONDS_WANT "'inf'"},
    {{"--timeout=", NULL}, "--timeout", "--timeout: " UT_SECONDS_WANT "''"},
    {{"--timeout", "5s", NULL}, "--timeout", "--timeout: " UT_SECONDS_WANT "'5s'"},
    {{"--timeout", " 5", NULL}, "--timeout", "--timeout: " UT_SECONDS_WANT "' 5'"},
    {{"--timeout=1e99", NULL}, "--timeout", "--timeout: " UT_SECONDS_WANT "'1e99'"},
    /* --maxfail */
    {{"--maxfail=0", NULL}, "--maxfail",
     "--maxfail: expected a number of failures >= 1; got '0'"},
    {{"--maxfail", "x", NULL}, "--maxfail",
     "--maxfail: expected a number of failures >= 1; got 'x'"},
    {{"--maxfail=-2", NULL}, "--maxfail",
     "--maxfail: expected a number of failures >= 1; got '-2'"},
    /* choices */
    {{"--tb=full", NULL}, "--tb",
     "--tb: expected 'long', 'short', 'line' or 'no'; got 'full'"},
    {{"--tb", "LONG", NULL}, "--tb",
     "--tb: expected 'long', 'short', 'line' or 'no'; got 'LONG'"},
    {{"--color=always", NULL}, "--color",
     "--color: expected 'auto', 'yes' or 'no'; got 'always'"},
    {{"--capture=sys", NULL}, "--capture",
     "--capture: expected 'fd' or 'no'; got 'sys'"},
    {{"--pool=spawn", NULL}, "--pool", "--pool: expected 'fork' or 'thread'; got 'spawn'"},
    {{"--pool", "", NULL}, "--pool", "--pool: expected 'fork' or 'thread'; got ''"},
    {{"--dist=each", NULL}, "--dist",
     "--dist: expected 'worksteal', 'load', 'loadscope', 'loadfile' or 'no'; got 'each'"},
    {{"--basetemp=", NULL}, "--basetemp", "--basetemp: expected a directory; got ''"},
    /* a missing value */
    {{"-j", NULL}, "-j", "-j: expected a value after it"},
    {{"--jobs", NULL}, "--jobs", "--jobs: expected a value after it"},
    {{"-xj", NULL}, "-j", "-j: expected a value after it"},
    {{"-m", NULL}, "-m", "-m: expected a value after it"},
    {{"--mark", NULL}, "--mark", "--mark: expected a value after it"},
    {{"-k", NULL}, "-k", "-k: expected a value after it"},
    {{"--timeout", NULL}, "--timeout", "--timeout: expected a value after it"},
    {{"--maxfail", NULL}, "--maxfail", "--maxfail: expected a value after it"},
    {{"--tb", NULL}, "--tb", "--tb: expected a value after it"},
    {{"-v", "--color", NULL}, "--color", "--color: expected a value after it"},
    {{"--dist", NULL}, "--dist", "--dist: expected a value after it"},
    {{"--basetemp", NULL}, "--basetemp", "--basetemp: expected a value after it"},
    {{"--pool", NULL}, "--pool", "--pool: expected a value after it"},
    {{"--capture", NULL}, "--capture", "--capture: expected a value after it"},
    /* a value given to a flag that takes none */
    {{"--co=1", NULL}, "--co", "--co: takes no value; got '1'"},
    {{"--collect-only=yes", NULL}, "--collect-only",
     "--collect-only: takes no value; got 'yes'"},
    {{"--verbose=2", NULL}, "--verbose", "--verbose: takes no value; got '2'"},
    {{"--help=", NULL}, "--help", "--help: takes no value; got ''"},
    {{"--forked=yes", NULL}, "--forked", "--forked: takes no value; got 'yes'"},
    {{"--markers=all", NULL}, "--markers", "--markers: takes no value; got 'all'"},
    /* unknown flags, with and without a suggestion */
    {{"--maxfial=2", NULL}, "--maxfial",
     "unknown flag '--maxfial' (did you mean --maxfail?)"},
    {{"--verbos", NULL}, "--verbos", "unknown flag '--verbos' (did you mean --verbose?)"},
    {{"--timout", "3", NULL}, "--timout",
     "unknown flag '--timout' (did you mean --timeout?)"},
    {{"--jbos=2", NULL}, "--jbos", "unknown flag '--jbos' (did you mean --jobs?)"},
    {{"--frobnicate", NULL}, "--frobnicate",
     "unknown flag '--frobnicate' (--help lists the flags)"},
    {{"--x", NULL}, "--x", "unknown flag '--x' (--help lists the flags)"},
    {{"-z", NULL}, "-z", "unknown flag '-z' (--help lists the flags)"},
    {{"-xvz", NULL}, "-z", "unknown flag '-z' (--help lists the flags)"},
    {{"-J", "4", NULL}, "-J", "unknown flag '-J' (--help lists the flags)"},
};

TEST_P(unit_cli, malformed, struct ut_cli_error, ut_cli_errors, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_argv(&cfg, &err, PARAM->argv), -1);
    ASSERT_NOT_NULL(err.data);
    EXPECT_STR_EQ(err.data, PARAM->message);
    UT_EXPECT_CONTAINS(err.data, PARAM->flag);
    EXPECT_NULL(strchr(err.data, '\n')); /* one line */
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

TEST(unit_cli, error_stops_at_the_first_bad_flag, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "-j", "x", "--tb=bad", NULL), -1);
    EXPECT_STR_EQ(err.data, "-j: " UT_JOBS_WANT "'x'");
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

/* Found by fuzz/fuzz_cli: "-m $'n\nm'" quoted the newline into the error,
 * which then took two lines. ptest__error prints through
 * ptest__buf_one_line, which writes control bytes as escapes. */
TEST(unit_cli, user_error_quoting_a_newline_stays_one_line, UT_CLI)
{
    struct ptest__buf line = {NULL, 0, 0};
    ptest__buf_one_line(&line, "-m 'n\nm': unknown marker 'n'");
    EXPECT_STR_EQ(line.data, "-m 'n\\nm': unknown marker 'n'");
    ptest__buf_free(&line);
    ptest__buf_one_line(&line, "--tb: got '\t\r\x1b[2J\x7f\x01'");
    EXPECT_STR_EQ(line.data, "--tb: got '\\t\\r\\x1b[2J\\x7f\\x01'");
    ptest__buf_free(&line);
    /* printable bytes, a backslash and UTF-8 (valid or not) pass through */
    ptest__buf_one_line(&line, "caf\xc3\xa9 \\n \xff");
    EXPECT_STR_EQ(line.data, "caf\xc3\xa9 \\n \xff");
    ptest__buf_free(&line);
    ptest__buf_one_line(&line, "");
    EXPECT_NULL(line.data);
}

/* A long unknown flag is named whole, without a suggestion, and cheaply:
 * only flags within two of its length are compared with it. */
TEST(unit_cli, long_unknown_flag, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    char *flag = ut_repeat('a', 100000), *want;
    flag[0] = flag[1] = '-';
    want = ut_fmt("unknown flag '%s' (--help lists the flags)", flag);
    EXPECT_EQ(ut_args(&cfg, &err, flag, NULL), -1);
    EXPECT_STR_EQ(err.data, want);
    ut_args_free(&cfg);
    /* a typo two letters longer or shorter is still suggested */
    EXPECT_EQ(ut_args(&cfg, &err, "--timeoutxx=3", NULL), -1);
    EXPECT_STR_EQ(err.data, "unknown flag '--timeoutxx' (did you mean --timeout?)");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--shu", NULL), -1);
    EXPECT_STR_EQ(err.data, "unknown flag '--shu' (--help lists the flags)");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--tmeot", NULL), -1);
    EXPECT_STR_EQ(err.data, "unknown flag '--tmeot' (did you mean --timeout?)");
    ut_args_free(&cfg);
    ptest__buf_free(&err);
    free(want);
    free(flag);
}

/* ------------------------------------------------------------------------
 * PTEST_JOBS and PTEST_TIMEOUT; flags win over them.
 * ------------------------------------------------------------------------ */

TEST(unit_cli, environment_sets_defaults, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("PTEST_JOBS", "3");
    ut_setenv("PTEST_TIMEOUT", "7.5");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.jobs, 3);
    EXPECT_EQ(cfg.timeout, 7.5);
    ut_args_free(&cfg);
    ut_setenv("PTEST_JOBS", "0");
    ut_setenv("PTEST_TIMEOUT", "0");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.jobs, 0);
    EXPECT_EQ(cfg.timeout, 0.0);
    ut_args_free(&cfg);
    ut_setenv("PTEST_JOBS", "auto");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.jobs, ptest__os_cpu_count());
    ut_args_free(&cfg);
    /* empty means unset */
    ut_setenv("PTEST_JOBS", "");
    ut_setenv("PTEST_TIMEOUT", "");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.jobs, -1);
    EXPECT_EQ(cfg.timeout, 60.0);
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_cli, flags_win_over_environment, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("PTEST_JOBS", "3");
    ut_setenv("PTEST_TIMEOUT", "7");
    EXPECT_EQ(ut_args(&cfg, &err, "-j", "5", "--timeout=2", NULL), 0);
    EXPECT_EQ(cfg.jobs, 5);
    EXPECT_EQ(cfg.timeout, 2.0);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "-j0", NULL), 0);
    EXPECT_EQ(cfg.jobs, 0);
    EXPECT_EQ(cfg.timeout, 7.0);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--timeout", "0", NULL), 0);
    EXPECT_EQ(cfg.jobs, 3);
    EXPECT_EQ(cfg.timeout, 0.0);
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_cli, malformed_environment, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("PTEST_JOBS", "foo");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "PTEST_JOBS: expected a number of workers >= 1, "
                            "'auto', or 0 to run inline; got 'foo'");
    ut_args_free(&cfg);
    ut_setenv("PTEST_JOBS", "-1");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    UT_EXPECT_CONTAINS(err.data, "PTEST_JOBS: ");
    UT_EXPECT_CONTAINS(err.data, "got '-1'");
    ut_args_free(&cfg);
    ut_unsetenv("PTEST_JOBS");
    ut_setenv("PTEST_TIMEOUT", "abc");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "PTEST_TIMEOUT: expected a number of seconds >= 0; "
                            "got 'abc'");
    ut_args_free(&cfg);
    ut_setenv("PTEST_TIMEOUT", "nan");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "PTEST_TIMEOUT: expected a number of seconds >= 0; "
                            "got 'nan'");
    ut_args_free(&cfg);
    ut_setenv("PTEST_TIMEOUT", "-5");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    UT_EXPECT_CONTAINS(err.data, "PTEST_TIMEOUT");
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

/* A flag wins over its variable, even over a malformed one: the variable
 * is only read for what no flag set. */
TEST(unit_cli, flag_wins_over_malformed_environment, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("PTEST_JOBS", "foo");
    ut_setenv("PTEST_TIMEOUT", "abc");
    EXPECT_EQ(ut_args(&cfg, &err, "-j", "3", "--timeout=7", NULL), 0);
    EXPECT_EQ(cfg.jobs, 3);
    EXPECT_NEAR(cfg.timeout, 7.0, 1e-9);
    EXPECT_NULL(err.data);
    ut_args_free(&cfg);
    ut_unsetenv("PTEST_JOBS");
    ut_unsetenv("PTEST_TIMEOUT");
    ut_setenv("PTEST_CACHE_DIR", "/tmp/from-env");
    EXPECT_EQ(ut_args(&cfg, &err, "--cache-dir=/tmp/from-flag", NULL), 0);
    EXPECT_STR_EQ(cfg.cache_dir, "/tmp/from-flag");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_STR_EQ(cfg.cache_dir, "/tmp/from-env");
    ut_args_free(&cfg);
    ut_unsetenv("PTEST_CACHE_DIR");
    ptest__buf_free(&err);
}

/* ------------------------------------------------------------------------
 * PTEST_ADDOPTS: its words, split as a simple shell would, come before
 * the command line's, so that the command line wins.
 * ------------------------------------------------------------------------ */

struct ut_split_case {
    const char *text;
    const char *words[5];   /* NULL-ended; {"!"} when text is an error */
};

static const struct ut_split_case ut_split_cases[] = {
    {"", {NULL}},
    {" \t\n ", {NULL}},
    {"-x", {"-x", NULL}},
    {"  -j 4\t-v\n", {"-j", "4", "-v", NULL}},
    {"-m 'not slow'", {"-m", "not slow", NULL}},
    {"-m \"not slow\"", {"-m", "not slow", NULL}},
    {"--mark='not slow'", {"--mark=not slow", NULL}},       /* quotes join */
    {"'a'\"b\"c", {"abc", NULL}},
    {"'' \"\"", {"", "", NULL}},                           /* empty words */
    {"'say \"hi\"'", {"say \"hi\"", NULL}},                  /* " in '...' */
    {"\"it's\"", {"it's", NULL}},                           /* ' in "..." */
    {"\"a\\\"b\\\\c\"", {"a\"b\\c", NULL}},                /* \" and \\ in "..." */
    {"\"a\\nb\"", {"a\\nb", NULL}},                         /* other \ stays */
    {"'a\\b'", {"a\\b", NULL}},                              /* \ is plain in '...' */
    {"a\\ b c", {"a b", "c", NULL}},                       /* \ keeps a blank */
    {"a\\", {"a\\", NULL}},                                 /* a final \ stays */
    {"-k 'x", {"!"}},
    {"-k \"x", {"!"}},
    {"'a\\'", {"a\\", NULL}},
};

TEST_P(unit_cli, addopts_split, struct ut_split_case, ut_split_cases, MARK(unit))
{
    struct ptest__buf err = {NULL, 0, 0};
    int count = -1, i;
    char **words = ptest__split_words(PARAM->text, &count, &err);
    if (PARAM->words[0] && strcmp(PARAM->words[0], "!") == 0) {
        EXPECT_NULL(words);
        UT_EXPECT_CONTAINS(err.data, "no closing");
        ptest__buf_free(&err);
        return;
    }
    ASSERT_NOT_NULL_MSG(words, "%s", err.data ? err.data : "");
    for (i = 0; PARAM->words[i]; i++) {
        ASSERT_LT_MSG(i, count, "too few words from [%s]", PARAM->text);
        EXPECT_STR_EQ(words[i], PARAM->words[i]);
    }
    EXPECT_EQ_MSG(count, i, "words from [%s]", PARAM->text);
    EXPECT_NULL(words[count]);
    free(words);
}

TEST(unit_cli, addopts_adds_flags, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("PTEST_ADDOPTS", "-j 4 -x --tb=short -m 'not slow' math");
    ASSERT_EQ_MSG(ut_args(&cfg, &err, NULL), 0, "%s", err.data ? err.data : "");
    EXPECT_EQ(cfg.jobs, 4);
    EXPECT_EQ(cfg.maxfail, 1);
    EXPECT_EQ(cfg.tb, PTEST__TB_SHORT);
    EXPECT_STR_EQ(cfg.mexpr, "not slow");
    ASSERT_EQ(cfg.filter_count, 1u);          /* ids too, as pytest's */
    EXPECT_STR_EQ(cfg.filters[0], "math");
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_cli, command_line_wins_over_addopts, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("PTEST_ADDOPTS", "-j 4 --tb=short -m slow --maxfail=3 net");
    ASSERT_EQ(ut_args(&cfg, &err, "-j", "2", "--tb=line", "-x", "math", NULL), 0);
    EXPECT_EQ(cfg.jobs, 2);
    EXPECT_EQ(cfg.tb, PTEST__TB_LINE);
    EXPECT_STR_EQ(cfg.mexpr, "slow");         /* not given on the line: kept */
    EXPECT_EQ(cfg.maxfail, 1);
    ASSERT_EQ(cfg.filter_count, 2u);
    EXPECT_STR_EQ(cfg.filters[0], "net");
    EXPECT_STR_EQ(cfg.filters[1], "math");
    ut_args_free(&cfg);
    /* a flag in PTEST_ADDOPTS is a flag: it wins over PTEST_JOBS */
    ut_setenv("PTEST_JOBS", "3");
    ut_setenv("PTEST_ADDOPTS", "-j 4");
    ASSERT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.jobs, 4);
    ut_args_free(&cfg);
    /* a "--" in PTEST_ADDOPTS ends its flags only, not the command line's */
    ut_setenv("PTEST_ADDOPTS", "-- -x");
    ASSERT_EQ(ut_args(&cfg, &err, "-v", NULL), 0);
    EXPECT_EQ(cfg.verbose, 1);
    EXPECT_EQ(cfg.maxfail, 0);
    ASSERT_EQ(cfg.filter_count, 1u);
    EXPECT_STR_EQ(cfg.filters[0], "-x");
    ut_args_free(&cfg);
    /* nor does a flag at its end take the command line's first word */
    ut_setenv("PTEST_ADDOPTS", "-j");
    EXPECT_EQ(ut_args(&cfg, &err, "3", NULL), -1);
    EXPECT_STR_EQ(err.data, "PTEST_ADDOPTS: -j: expected a value after it");
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

TEST(unit_cli, addopts_errors_say_where, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("PTEST_ADDOPTS", "-x --bogus");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "PTEST_ADDOPTS: unknown flag '--bogus' (--help lists the flags)");
    ut_args_free(&cfg);
    ut_setenv("PTEST_ADDOPTS", "--maxfial=2");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "PTEST_ADDOPTS: unknown flag '--maxfial' (did you mean --maxfail?)");
    ut_args_free(&cfg);
    ut_setenv("PTEST_ADDOPTS", "-j x");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "PTEST_ADDOPTS: -j: expected a number of workers >= 1, "
                            "'auto', or 0 to run inline; got 'x'");
    ut_args_free(&cfg);
    ut_setenv("PTEST_ADDOPTS", "-m 'not slow");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "PTEST_ADDOPTS: no closing ' quote in '-m 'not slow'");
    ut_args_free(&cfg);
    /* the command line cannot rescue a bad PTEST_ADDOPTS: it is read first */
    ut_setenv("PTEST_ADDOPTS", "--bogus");
    EXPECT_EQ(ut_args(&cfg, &err, "-j", "2", NULL), -1);
    UT_EXPECT_CONTAINS(err.data, "PTEST_ADDOPTS: ");
    ut_args_free(&cfg);
    /* and an error of the command line's own is not blamed on it */
    ut_setenv("PTEST_ADDOPTS", "-x");
    EXPECT_EQ(ut_args(&cfg, &err, "--bogus", NULL), -1);
    EXPECT_STR_EQ(err.data, "unknown flag '--bogus' (--help lists the flags)");
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

/* ------------------------------------------------------------------------
 * Positional arguments and "--".
 * ------------------------------------------------------------------------ */

TEST(unit_cli, positional_filters, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "math", "-v", "net.download", "-", NULL), 0);
    ASSERT_EQ(cfg.filter_count, 3u);
    EXPECT_STR_EQ(cfg.filters[0], "math");
    EXPECT_STR_EQ(cfg.filters[1], "net.download");
    EXPECT_STR_EQ(cfg.filters[2], "-"); /* a lone dash is not a flag */
    EXPECT_EQ(cfg.verbose, 1);
    ut_args_free(&cfg);
    /* the value of a flag is not a filter */
    EXPECT_EQ(ut_args(&cfg, &err, "-m", "slow", "a", NULL), 0);
    ASSERT_EQ(cfg.filter_count, 1u);
    EXPECT_STR_EQ(cfg.filters[0], "a");
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_cli, double_dash_ends_flags, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "-v", "--", "-x", "--co", "--", "--bogus", NULL), 0);
    EXPECT_EQ(cfg.verbose, 1);
    EXPECT_EQ(cfg.maxfail, 0);
    EXPECT_EQ(cfg.collect_only, 0);
    ASSERT_EQ(cfg.filter_count, 4u);
    EXPECT_STR_EQ(cfg.filters[0], "-x");
    EXPECT_STR_EQ(cfg.filters[1], "--co");
    EXPECT_STR_EQ(cfg.filters[2], "--");
    EXPECT_STR_EQ(cfg.filters[3], "--bogus");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--", NULL), 0);
    EXPECT_EQ(cfg.filter_count, 0u);
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

/* ------------------------------------------------------------------------
 * ptest__filter_matches: an id, or a prefix ending at '.' or '['.
 * ------------------------------------------------------------------------ */

struct ut_filter_case {
    const char *filter;
    const char *id;
    int want;
};

static const struct ut_filter_case ut_filter_cases[] = {
    {"math.adds", "math.adds", 1},
    {"math", "math.adds", 1},
    {"math.", "math.adds", 1},
    {"math.adds", "math.adds[3]", 1},
    {"math.adds[", "math.adds[3]", 1},
    {"math.adds[3]", "math.adds[3]", 1},
    {"math.add", "math.adds", 0},
    {"mat", "math.adds", 0},
    {"Math", "math.adds", 0},
    {"math.adds.x", "math.adds", 0},
    {"math.adds[3", "math.adds[3]", 0},
    {"math.adds[1]", "math.adds[10]", 0},
    {"math.adds[1", "math.adds[10]", 0},
    {"adds", "math.adds", 0},
    {"", "math.adds", 0},
    {"math2", "math.adds", 0},
};

TEST_P(unit_cli, filter_matches, struct ut_filter_case, ut_filter_cases, MARK(unit))
{
    static const struct ptest__option opts[] = {PTEST__OPT_END_};
    static const struct ptest__test t = UT_DESCRIPTOR("math", "adds", "m.c", 1, opts);
    struct ptest__case c;
    memset(&c, 0, sizeof c);
    c.test = &t;
    c.id = (char *)PARAM->id;
    c.key = c.id;
    EXPECT_EQ_MSG(ptest__filter_matches(PARAM->filter, &c), PARAM->want,
                  "filter '%s', id '%s'", PARAM->filter, PARAM->id);
}

/* ------------------------------------------------------------------------
 * Decisions ptest_main makes from the configuration.
 * ------------------------------------------------------------------------ */

TEST(unit_cli, decide_workers, MARK(unit))
{
    struct ptest__run run;
    int cpus = ptest__os_cpu_count();
    memset(&run, 0, sizeof run);
    run.cfg.jobs = 8;
    run.selected = 3;
    ptest__decide_workers(&run);
    EXPECT_EQ(run.workers, 3); /* never more workers than tests */
    run.cfg.jobs = 2;
    run.selected = 100;
    ptest__decide_workers(&run);
    EXPECT_EQ(run.workers, 2);
    run.cfg.jobs = 0;
    ptest__decide_workers(&run);
    EXPECT_EQ(run.workers, 0); /* inline */
    run.cfg.jobs = -1;
    run.selected = 100000;
    ptest__decide_workers(&run);
    EXPECT_EQ(run.workers, cpus);
    run.cfg.jobs = 4;
    run.selected = 0;
    ptest__decide_workers(&run);
    EXPECT_EQ(run.workers, 1);
    run.cfg.jobs = 4; /* --dist=no: serial, on one worker */
    run.cfg.dist = PTEST__DIST_NO;
    run.selected = 100;
    ptest__decide_workers(&run);
    EXPECT_EQ(run.workers, 1);
    run.cfg.jobs = 0;
    ptest__decide_workers(&run);
    EXPECT_EQ(run.workers, 0);
}

TEST(unit_cli, exit_status, MARK(unit))
{
    struct ptest__run run;
    memset(&run, 0, sizeof run);
    EXPECT_EQ(ptest__exit_status(&run), PTEST__EXIT_NO_TESTS);
    run.selected = 5;
    EXPECT_EQ(ptest__exit_status(&run), PTEST__EXIT_OK);
    run.tally.failures = 1;
    EXPECT_EQ(ptest__exit_status(&run), PTEST__EXIT_FAILED);
    run.interrupted = SIGINT;
    EXPECT_EQ(ptest__exit_status(&run), PTEST__EXIT_INTERRUPTED);
    run.report.broken_pipe = 1;
    EXPECT_EQ(ptest__exit_status(&run), PTEST__EXIT_BROKEN_PIPE);
    memset(&run, 0, sizeof run);
    run.selected = 5;
    run.tally.counts[PTEST__NOT_RUN] = 2; /* workers kept dying */
    EXPECT_EQ(ptest__exit_status(&run), PTEST__EXIT_FAILED);
    EXPECT_EQ(PTEST__EXIT_USAGE, 4);
    EXPECT_EQ(PTEST__EXIT_INTERNAL, 3);
}

TEST(unit_cli, use_color, SETUP(ut_env_save), TEARDOWN(ut_env_restore), MARK(unit))
{
    struct ptest__config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.color = PTEST__COLOR_AUTO;
    EXPECT_EQ(ptest__use_color(&cfg, 1), 1);
    EXPECT_EQ(ptest__use_color(&cfg, 0), 0);
    ut_setenv("NO_COLOR", "1");
    EXPECT_EQ(ptest__use_color(&cfg, 1), 0);
    ut_setenv("NO_COLOR", ""); /* empty: not set */
    EXPECT_EQ(ptest__use_color(&cfg, 1), 1);
    ut_setenv("TERM", "dumb");
    EXPECT_EQ(ptest__use_color(&cfg, 1), 0);
    cfg.color = PTEST__COLOR_YES;
    EXPECT_EQ(ptest__use_color(&cfg, 0), 1);
    cfg.color = PTEST__COLOR_NO;
    ut_unsetenv("TERM");
    EXPECT_EQ(ptest__use_color(&cfg, 1), 0);
}
