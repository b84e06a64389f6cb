# --help and --version exit 0, before the tests are even collected (so a
# binary with a definition error still answers them). The help lists
# every flag: a new flag shows up here first.
$ tests/progs/pass --help
usage: tests/progs/pass [flags] [ID or SUITE ...]

Runs the tests linked into this binary on a pool of forked workers.
Positional arguments select tests by id (suite.name) or suite.

flags:
  -j, --jobs=N|auto|0        workers (default: auto, or $PTEST_JOBS); 0 runs inline
  -n, --numprocesses=N       same as -j
  --pool=fork|thread         persistent forked workers (default), or threads
  --forked                   a fresh process for every test (forked from its set-up worker)
  --dist=worksteal|load|loadscope|loadfile|no
                             how tests go to workers
  --basetemp=DIR             where ptest_tmpdir() directories go (default: $TMPDIR)
  -m, --mark=EXPR            select by markers: and, or, not, ()
  -k, --keyword=EXPR         select by case-insensitive substrings of ids
  --collect-only, --co       list the selected tests and exit (-q: ids only)
  --markers                  list the declared markers
  --strict-markers           accepted for pytest's sake: undeclared markers are always errors
  -x, --exitfirst            stop after the first failure
  --maxfail=N                stop after N failures
  -v, --verbose              one line per test
  -q, --quiet                less output
  -s                         same as --capture=no
  --capture=fd|no            capture the tests' stdout and stderr (default fd)
  --tb=long|short|line|no    failure report style
  --timeout=SEC              default per-test timeout (default 60, or $PTEST_TIMEOUT; 0: none)
  --last-failed, --lf        only the tests that failed last time (all if none did)
  --failed-first, --ff       the tests that failed last time first
  --durations=N              list the N slowest tests (0: all)
  --reruns=N                 retry a failing test up to N times; a pass then is FLAKY
  --count=N                  run every selected test N times
  --shuffle                  random order (the seed is printed)
  --seed=S                   shuffle with this seed (implies --shuffle)
  --shard=K/N                only the K-th of N disjoint shards, balanced by known durations
  --durations-file=PATH      durations for ordering and sharding (e.g. committed)
  --store-durations          write this run's durations into --durations-file
  --cache-dir=DIR            durations and last outcomes (default .ptest_cache, $PTEST_CACHE_DIR)
  --no-cache                 neither read nor write the cache
  --cache-clear              forget the cache first
  --junitxml=PATH            write a JUnit XML report
  --json=PATH                stream JSON Lines events to PATH ('-': stdout)
  --tap                      TAP version 14 on stdout instead of the console
  --color=auto|yes|no        (NO_COLOR respected)
  -h, --help                 this help
  --version                  print the version

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
