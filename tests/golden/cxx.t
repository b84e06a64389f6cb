# C++: an exception that escapes a test's function (body, SETUP function,
# FIXTURE_SETUP or FIXTURE_TEARDOWN, TEST_P case, SUITE_SETUP, a death
# test's child) is that test's failure, "threw TYPE: what()", in every
# pool, and the run goes on. The tests are C++ (tests/progs/cxx/throws.cc)
# and the runner is C (main.c): the catching is done in the C++ file. The
# teardowns still run after a throw; each writes a line to $CXX_LOG.
$ test -x tests/progs/cxx/cxx || { if [ -n "${PTEST_CI:-}" ]; then echo "tests/progs/cxx/cxx was not built"; exit 1; fi; echo "no C++ compiler: skipped (apt-get install g++)"; exit 80; }

$ CXX_LOG="$PTEST_CACHE_DIR/log" tests/progs/cxx/cxx -j 2 -k "not cxx_thread"; rc=$?
> sort "$PTEST_CACHE_DIR/log"; exit $rc
ptest VERSION: 16 tests selected (2 deselected), 2 fork workers
FAILED cxx.runtime_error
    tests/progs/cxx/throws.cc:37: threw std::runtime_error: disk full
FAILED cxx.own_exception_type
    tests/progs/cxx/throws.cc:39: threw app::bad_config: missing key port
FAILED cxx.throws_an_int
    tests/progs/cxx/throws.cc:41: threw int
FAILED cxx.throws_a_struct
    tests/progs/cxx/throws.cc:43: threw app::not_an_exception
FAILED cxx.expect_then_throw
    tests/progs/cxx/throws.cc:47: EXPECT_EQ(1, 2) failed
        left:  1
        right: 2
    tests/progs/cxx/throws.cc:45: threw std::out_of_range: row 5 of 3
FAILED cxx.setup_function_throws
    tests/progs/cxx/throws.cc:63: threw std::logic_error: SETUP threw
FAILED cxx.param[1]
    tests/progs/cxx/throws.cc:70: threw std::domain_error: two is not allowed
FAILED cxx.death_child_throws
    tests/progs/cxx/throws.cc:77: threw std::runtime_error: in the child
FAILED db.body_throws
    tests/progs/cxx/throws.cc:100: threw std::runtime_error: query failed
FAILED offline.query
    tests/progs/cxx/throws.cc:128: threw std::runtime_error: cannot connect
FAILED sloppy.body_passes
    tests/progs/cxx/throws.cc:137: threw std::runtime_error: teardown threw
FAILED cxx_suite.needs_the_suite
    SUITE_SETUP(cxx_suite) failed, so the test did not run
    tests/progs/cxx/throws.cc:141: threw std::runtime_error: suite setup threw

short test summary:
FAILED cxx.runtime_error - tests/progs/cxx/throws.cc:37: threw std::runtime_error: disk full
FAILED cxx.own_exception_type - tests/progs/cxx/throws.cc:39: threw app::bad_config: missing key port
FAILED cxx.throws_an_int - tests/progs/cxx/throws.cc:41: threw int
FAILED cxx.throws_a_struct - tests/progs/cxx/throws.cc:43: threw app::not_an_exception
FAILED cxx.expect_then_throw - tests/progs/cxx/throws.cc:47: EXPECT_EQ(1, 2) failed
FAILED cxx.setup_function_throws - tests/progs/cxx/throws.cc:63: threw std::logic_error: SETUP threw
FAILED cxx.param[1] - tests/progs/cxx/throws.cc:70: threw std::domain_error: two is not allowed
FAILED cxx.death_child_throws - tests/progs/cxx/throws.cc:77: threw std::runtime_error: in the child
FAILED db.body_throws - tests/progs/cxx/throws.cc:100: threw std::runtime_error: query failed
FAILED offline.query - tests/progs/cxx/throws.cc:128: threw std::runtime_error: cannot connect
FAILED sloppy.body_passes - tests/progs/cxx/throws.cc:137: threw std::runtime_error: teardown threw
FAILED cxx_suite.needs_the_suite - SUITE_SETUP(cxx_suite) failed, so the test did not run

Ran 16 tests in N.NNs with 2 fork workers
4 passed, 12 failed
ptest: 4 passed, 12 failed, 0 skipped
TEARDOWN ran after SETUP threw
db teardown: opened
db teardown: opened
offline teardown after its setup threw
[1]

# The thread pool: before, the first exception ended the whole run. A
# pthread_exit() there unwinds through the catch-all (which rethrows it)
# and ends only its thread: EXITED.
$ CXX_LOG="$PTEST_CACHE_DIR/log" tests/progs/cxx/cxx --pool=thread -j 2 --tb=line; rc=$?
> sort "$PTEST_CACHE_DIR/log"; exit $rc
ptest VERSION: 18 tests selected, 2 thread workers
FAILED cxx.runtime_error - tests/progs/cxx/throws.cc:37: threw std::runtime_error: disk full
FAILED cxx.own_exception_type - tests/progs/cxx/throws.cc:39: threw app::bad_config: missing key port
FAILED cxx.throws_an_int - tests/progs/cxx/throws.cc:41: threw int
FAILED cxx.throws_a_struct - tests/progs/cxx/throws.cc:43: threw app::not_an_exception
FAILED cxx.expect_then_throw - tests/progs/cxx/throws.cc:47: EXPECT_EQ(1, 2) failed
FAILED cxx.setup_function_throws - tests/progs/cxx/throws.cc:63: threw std::logic_error: SETUP threw
FAILED cxx.param[1] - tests/progs/cxx/throws.cc:70: threw std::domain_error: two is not allowed
FAILED cxx.death_child_throws - tests/progs/cxx/throws.cc:77: threw std::runtime_error: in the child
FAILED db.body_throws - tests/progs/cxx/throws.cc:100: threw std::runtime_error: query failed
FAILED offline.query - tests/progs/cxx/throws.cc:128: threw std::runtime_error: cannot connect
FAILED sloppy.body_passes - tests/progs/cxx/throws.cc:137: threw std::runtime_error: teardown threw
FAILED cxx_suite.needs_the_suite - SUITE_SETUP(cxx_suite) failed, so the test did not run
EXITED cxx_thread.pthread_exit_unwinds - called pthread_exit() during the test; its thread ended

short test summary:
FAILED cxx.runtime_error - tests/progs/cxx/throws.cc:37: threw std::runtime_error: disk full
FAILED cxx.own_exception_type - tests/progs/cxx/throws.cc:39: threw app::bad_config: missing key port
FAILED cxx.throws_an_int - tests/progs/cxx/throws.cc:41: threw int
FAILED cxx.throws_a_struct - tests/progs/cxx/throws.cc:43: threw app::not_an_exception
FAILED cxx.expect_then_throw - tests/progs/cxx/throws.cc:47: EXPECT_EQ(1, 2) failed
FAILED cxx.setup_function_throws - tests/progs/cxx/throws.cc:63: threw std::logic_error: SETUP threw
FAILED cxx.param[1] - tests/progs/cxx/throws.cc:70: threw std::domain_error: two is not allowed
FAILED cxx.death_child_throws - tests/progs/cxx/throws.cc:77: threw std::runtime_error: in the child
FAILED db.body_throws - tests/progs/cxx/throws.cc:100: threw std::runtime_error: query failed
FAILED offline.query - tests/progs/cxx/throws.cc:128: threw std::runtime_error: cannot connect
FAILED sloppy.body_passes - tests/progs/cxx/throws.cc:137: threw std::runtime_error: teardown threw
FAILED cxx_suite.needs_the_suite - SUITE_SETUP(cxx_suite) failed, so the test did not run
EXITED cxx_thread.pthread_exit_unwinds - called pthread_exit() during the test; its thread ended

Ran 18 tests in N.NNs with 2 thread workers
5 passed, 12 failed, 1 exited
ptest: 5 passed, 13 failed, 0 skipped
TEARDOWN ran after SETUP threw
db teardown: opened
db teardown: opened
offline teardown after its setup threw
[1]

# Inline (-j 0) and a process per test (--forked).
$ CXX_LOG="$PTEST_CACHE_DIR/log" tests/progs/cxx/cxx -j 0 --tb=line -k "not cxx_thread"; rc=$?
> sort "$PTEST_CACHE_DIR/log"; exit $rc
ptest VERSION: 16 tests selected (2 deselected), running inline (-j 0)
FAILED cxx.runtime_error - tests/progs/cxx/throws.cc:37: threw std::runtime_error: disk full
FAILED cxx.own_exception_type - tests/progs/cxx/throws.cc:39: threw app::bad_config: missing key port
FAILED cxx.throws_an_int - tests/progs/cxx/throws.cc:41: threw int
FAILED cxx.throws_a_struct - tests/progs/cxx/throws.cc:43: threw app::not_an_exception
FAILED cxx.expect_then_throw - tests/progs/cxx/throws.cc:47: EXPECT_EQ(1, 2) failed
FAILED cxx.setup_function_throws - tests/progs/cxx/throws.cc:63: threw std::logic_error: SETUP threw
FAILED cxx.param[1] - tests/progs/cxx/throws.cc:70: threw std::domain_error: two is not allowed
FAILED cxx.death_child_throws - tests/progs/cxx/throws.cc:77: threw std::runtime_error: in the child
FAILED db.body_throws - tests/progs/cxx/throws.cc:100: threw std::runtime_error: query failed
FAILED offline.query - tests/progs/cxx/throws.cc:128: threw std::runtime_error: cannot connect
FAILED sloppy.body_passes - tests/progs/cxx/throws.cc:137: threw std::runtime_error: teardown threw
FAILED cxx_suite.needs_the_suite - SUITE_SETUP(cxx_suite) failed, so the test did not run

short test summary:
FAILED cxx.runtime_error - tests/progs/cxx/throws.cc:37: threw std::runtime_error: disk full
FAILED cxx.own_exception_type - tests/progs/cxx/throws.cc:39: threw app::bad_config: missing key port
FAILED cxx.throws_an_int - tests/progs/cxx/throws.cc:41: threw int
FAILED cxx.throws_a_struct - tests/progs/cxx/throws.cc:43: threw app::not_an_exception
FAILED cxx.expect_then_throw - tests/progs/cxx/throws.cc:47: EXPECT_EQ(1, 2) failed
FAILED cxx.setup_function_throws - tests/progs/cxx/throws.cc:63: threw std::logic_error: SETUP threw
FAILED cxx.param[1] - tests/progs/cxx/throws.cc:70: threw std::domain_error: two is not allowed
FAILED cxx.death_child_throws - tests/progs/cxx/throws.cc:77: threw std::runtime_error: in the child
FAILED db.body_throws - tests/progs/cxx/throws.cc:100: threw std::runtime_error: query failed
FAILED offline.query - tests/progs/cxx/throws.cc:128: threw std::runtime_error: cannot connect
FAILED sloppy.body_passes - tests/progs/cxx/throws.cc:137: threw std::runtime_error: teardown threw
FAILED cxx_suite.needs_the_suite - SUITE_SETUP(cxx_suite) failed, so the test did not run

Ran 16 tests in N.NNs inline
4 passed, 12 failed
ptest: 4 passed, 12 failed, 0 skipped
TEARDOWN ran after SETUP threw
db teardown: opened
db teardown: opened
offline teardown after its setup threw
[1]

$ tests/progs/cxx/cxx --forked -j 2 --tb=no -k "not cxx_thread"
ptest VERSION: 16 tests selected (2 deselected), 2 fork workers (--forked: a process per test)
FAILED cxx.runtime_error
FAILED cxx.own_exception_type
FAILED cxx.throws_an_int
FAILED cxx.throws_a_struct
FAILED cxx.expect_then_throw
FAILED cxx.setup_function_throws
FAILED cxx.param[1]
FAILED cxx.death_child_throws
FAILED db.body_throws
FAILED offline.query
FAILED sloppy.body_passes
FAILED cxx_suite.needs_the_suite

short test summary:
FAILED cxx.runtime_error - tests/progs/cxx/throws.cc:37: threw std::runtime_error: disk full
FAILED cxx.own_exception_type - tests/progs/cxx/throws.cc:39: threw app::bad_config: missing key port
FAILED cxx.throws_an_int - tests/progs/cxx/throws.cc:41: threw int
FAILED cxx.throws_a_struct - tests/progs/cxx/throws.cc:43: threw app::not_an_exception
FAILED cxx.expect_then_throw - tests/progs/cxx/throws.cc:47: EXPECT_EQ(1, 2) failed
FAILED cxx.setup_function_throws - tests/progs/cxx/throws.cc:63: threw std::logic_error: SETUP threw
FAILED cxx.param[1] - tests/progs/cxx/throws.cc:70: threw std::domain_error: two is not allowed
FAILED cxx.death_child_throws - tests/progs/cxx/throws.cc:77: threw std::runtime_error: in the child
FAILED db.body_throws - tests/progs/cxx/throws.cc:100: threw std::runtime_error: query failed
FAILED offline.query - tests/progs/cxx/throws.cc:128: threw std::runtime_error: cannot connect
FAILED sloppy.body_passes - tests/progs/cxx/throws.cc:137: threw std::runtime_error: teardown threw
FAILED cxx_suite.needs_the_suite - SUITE_SETUP(cxx_suite) failed, so the test did not run

Ran 16 tests in N.NNs with 2 fork workers
4 passed, 12 failed
ptest: 4 passed, 12 failed, 0 skipped
[1]
