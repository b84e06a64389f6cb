// throws.cc - C++ tests whose exceptions escape: each is that test's
// failure ("threw TYPE: what()"), never a crash and never the end of the
// run, whatever the pool. Thrown from a body, a SETUP function, a
// FIXTURE_SETUP or FIXTURE_TEARDOWN, a TEST_P case, a SUITE_SETUP and a
// death test's child. Teardowns still run after a throw: each appends a
// line to $CXX_LOG. pthread_exit() unwinds through the catch-all as it
// must (its forced unwinding is rethrown): on --pool=thread it is EXITED.
#include "ptest.h"

#include <cstdio>
#include <cstdlib>
#include <pthread.h>
#include <stdexcept>
#include <string>
#include <vector>

static void note(const char *what)
{
    const char *path = std::getenv("CXX_LOG");
    FILE *f = path ? std::fopen(path, "a") : NULL;
    if (!f)
        return;
    std::fprintf(f, "%s\n", what);
    std::fclose(f);
}

namespace app {
struct bad_config : std::invalid_argument {
    explicit bad_config(const std::string &key)
        : std::invalid_argument("missing key " + key) {}
};
struct not_an_exception {
    int code;
};
} // namespace app

TEST(cxx, runtime_error) { throw std::runtime_error("disk full"); }

TEST(cxx, own_exception_type) { throw app::bad_config("port"); }

TEST(cxx, throws_an_int) { throw 42; }

TEST(cxx, throws_a_struct) { throw app::not_an_exception{7}; }

TEST(cxx, expect_then_throw)
{
    EXPECT_EQ(1, 2);
    throw std::out_of_range("row 5 of 3");
}

TEST(cxx, caught_inside_passes)
{
    try {
        throw std::runtime_error("handled");
    } catch (const std::exception &) {
    }
    ASSERT_TRUE(true);
}

static void setup_throws() { throw std::logic_error("SETUP threw"); }
static void teardown_notes() { note("TEARDOWN ran after SETUP threw"); }

TEST(cxx, setup_function_throws, SETUP(setup_throws), TEARDOWN(teardown_notes))
{
    note("body ran (it must not)");
}

static const int values[] = {1, 2, 3};

TEST_P(cxx, param, int, values)
{
    if (*PARAM == 2)
        throw std::domain_error("two is not allowed");
}

// The child of a death test throws: a failure, not an exit.
TEST(cxx, death_child_throws, EXPECT_EXIT(0))
{
    throw std::runtime_error("in the child");
}

FIXTURE(db)
{
    std::vector<int> *rows;
    int opened;
};

FIXTURE_SETUP(db)
{
    self->rows = new std::vector<int>();
    self->opened = 1;
}

FIXTURE_TEARDOWN(db)
{
    note(self->opened ? "db teardown: opened" : "db teardown: not opened");
    delete self->rows;
}

TEST_F(db, body_throws)
{
    self->rows->push_back(1);
    throw std::runtime_error("query failed");
}

TEST_F(db, passes)
{
    self->rows->push_back(2);
    ASSERT_EQ(self->rows->size(), 1u);
}

FIXTURE(offline)
{
    int tries;
};

FIXTURE_SETUP(offline)
{
    self->tries = 1;
    throw std::runtime_error("cannot connect");
}

FIXTURE_TEARDOWN(offline)
{
    note(self->tries == 1 ? "offline teardown after its setup threw" : "offline teardown?");
}

TEST_F(offline, query) { note("offline body ran (it must not)"); }

FIXTURE(sloppy)
{
    int x;
};

FIXTURE_TEARDOWN(sloppy) { throw std::runtime_error("teardown threw"); }

TEST_F(sloppy, body_passes) { self->x = 1; }

SUITE_SETUP(cxx_suite) { throw std::runtime_error("suite setup threw"); }

TEST(cxx_suite, needs_the_suite) { note("cxx_suite body ran (it must not)"); }

TEST(cxx_thread, pthread_exit_unwinds) { pthread_exit(NULL); }

TEST(cxx_thread, survivor) { ASSERT_TRUE(true); }
