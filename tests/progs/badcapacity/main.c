/* badcapacity - capacities and slots that make no sense: definition
 * errors at start (exit 2), each named with its file and line. The
 * resource "twice" is declared with capacity 3 here and 2 in other.c. */
#define PTEST_MAIN
#include "ptest.h"

PTEST_RESOURCE(none, 0);
PTEST_RESOURCE(twice, 3);

TEST(bad, no_slots, SLOTS(0)) {}
TEST(bad, half_a_slot, SLOTS(1.5)) {}
TEST(bad, too_many, SLOTS(5000)) {}
TEST(bad, fine, RESOURCE(twice), SLOTS(2)) {}
