# The commands of ../strings.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../strings.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/strings -j 2
ptest VERSION: 3 tests selected, 2 process workers
FAILED strings.eq_compares_pointers
    tests/progs/strings.c:16: EXPECT_EQ(a, b) failed
        left:  0xADDR "same text"
        right: 0xADDR "same text"
        EXPECT_EQ compares the pointers; EXPECT_STR_EQ compares the strings
FAILED strings.eq_shows_strings_safely
    tests/progs/strings.c:27: EXPECT_EQ(none, odd) failed
        left:  NULL
        right: 0xADDR "tab\there\x01"
        EXPECT_EQ compares the pointers; EXPECT_STR_EQ compares the strings
    tests/progs/strings.c:28: EXPECT_EQ(odd, big) failed
        left:  0xADDR "tab\there\x01"
        right: 0xADDR "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"...
        EXPECT_EQ compares the pointers; EXPECT_STR_EQ compares the strings
    tests/progs/strings.c:29: ASSERT_EQ(bytes, (const unsigned char *)odd) failed
        left:  0xADDR "\xff\xfe"
        right: 0xADDR "tab\there\x01"
        ASSERT_EQ compares the pointers; ASSERT_STR_EQ compares the strings
FAILED strings.str_eq_and_null
    tests/progs/strings.c:37: EXPECT_STR_EQ(none, "") failed
        left:  NULL
        right: ""
        left is NULL, right is a string
    tests/progs/strings.c:38: EXPECT_STR_NE(none, NULL) failed
        left:  NULL
        right: NULL
        both are NULL, and NULL equals NULL
    tests/progs/strings.c:39: ASSERT_STR_EQ("abc", none) failed
        left:  "abc"
        right: NULL
        right is NULL, left is a string

short test summary:
FAILED strings.eq_compares_pointers - tests/progs/strings.c:16: EXPECT_EQ(a, b) failed
FAILED strings.eq_shows_strings_safely - tests/progs/strings.c:27: EXPECT_EQ(none, odd) failed
FAILED strings.str_eq_and_null - tests/progs/strings.c:37: EXPECT_STR_EQ(none, "") failed

Ran 3 tests in N.NNs with 2 process workers
3 failed
ptest: 0 passed, 3 failed, 0 skipped
[1]
