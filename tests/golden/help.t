# --help and --version exit 0, before the tests are even collected (so a
# binary with a definition error still answers them). The help lists
# every flag: a new flag shows up here first.
$ tests/progs/pass --help
usage: tests/progs/pass [flags] [ID or SUITE ...]

Runs the tests linked into this binary on a pool of forked workers.
Positional arguments select tests by id (suite.name) or suite.

selection:
  -m, --mark=EXPR            select by markers: and, or, not, ()
  -k, --keyword=EXPR         select by case-insensitive substrings of ids
  --collect-only, --co       list the selected tests and exit (-q: ids only)
  --markers                  list the declared markers
  --strict-markers           accepted for pytest's sake: ptest is always strict
  --shard=[hash:]K/N         only the K-th of N disjoint shards of the selection
  --affected=REV             only tests the changes since git REV can reach
  --affected-files=F,..      only tests changes to these files can reach
  --affected-explain         say why --affected kept or dropped each test

parallelism:
  -j, --jobs=N|auto|0        workers (default: auto or $PTEST_JOBS); 0: inline
  -n, --numprocesses=N       same as -j
  --pool=fork|thread         persistent forked workers (default), or threads
  --forked                   each test in a fresh process forked from a worker
  --dist=worksteal|load|loadscope|loadfile|no
                             how tests go to workers

output and reports:
  -v, --verbose              one line per test
  -q, --quiet                less output
  -s                         same as --capture=no
  --capture=fd|no            capture the tests' stdout and stderr (default fd)
  --tb=long|short|line|no    failure report style
  --durations=N              list the N slowest tests (0: all)
  --junitxml=PATH            write a JUnit XML report
  --json=PATH                stream JSON Lines events to PATH ('-': stdout)
  --tap                      TAP version 14 on stdout instead of the console
  --trace=PATH               write the timeline as Chrome Trace Event JSON
  --html=PATH                write a self-contained HTML report
  --color=auto|yes|no        (NO_COLOR respected)

history and order:
  --last-failed, --lf        only last run's failures (all if none failed)
  --failed-first, --ff       the tests that failed last time first
  --shuffle                  random order (the seed is printed)
  --seed=S                   shuffle with this seed (implies --shuffle)
  --durations-file=PATH      durations to order and shard by (e.g. committed)
  --store-durations          write this run's durations into --durations-file
  --cache-dir=DIR            durations, last outcomes (default: .ptest_cache)
  --no-cache                 neither read nor write the cache
  --cache-clear              forget the cache first
  --impact-record            note the code each test runs (docs/affected.md)

other:
  --basetemp=DIR             where ptest_tmpdir()s go (default: $TMPDIR)
  -x, --exitfirst            stop after the first failure
  --maxfail=N                stop after N failures
  --timeout=SEC              per-test timeout (default: 60; 0: none)
  --slow=SEC                 SLOW lines for tests past SEC (default 60; 0: off)
  --reruns=N                 retry failing tests up to N times; a pass is FLAKY
  --count=N                  run every selected test N times
  -h, --help                 this help
  --version                  print the version

environment:
  PTEST_ADDOPTS              flags read before the command line's (which win);
                             words split at blanks, '...' and "..." quote
  PTEST_JOBS, PTEST_TIMEOUT  defaults of -j and --timeout
  PTEST_CACHE_DIR            default of --cache-dir
  PTEST_ADDR2LINE            the addr2line --impact-record runs
  NO_COLOR                   no colour unless --color=yes

exit status: 0 all passed, 1 some failed, 2 interrupted or a definition error,
3 internal error, 4 usage error, 5 no tests selected.

$ tests/progs/pass -h | head -1
usage: tests/progs/pass [flags] [ID or SUITE ...]

$ tests/progs/pass --version
ptest VERSION

$ tests/progs/undeclared --version
ptest VERSION

$ tests/progs/undeclared --help | tail -2
exit status: 0 all passed, 1 some failed, 2 interrupted or a definition error,
3 internal error, 4 usage error, 5 no tests selected.
