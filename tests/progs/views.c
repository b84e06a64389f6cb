/* views.c - tests for --trace and --html: output and messages that would
 * be markup or script if a report pasted them into HTML, a test that is
 * flaky under --reruns (it fails while VIEWS_FLAKY names a file that does
 * not exist, creating it), a marked test, an xfail and a skip. Used by
 * tests/integration/views.sh. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>

/* Each line would run script or make an element if it were markup. */
static const char hostile[] =
    "VIEWS-OUTPUT-7f3a </pre></script><script>document.title='pwned'</script>\n"
    "<img src=x onerror=\"document.title='pwned'\"><svg onload=alert(1)>\n"
    "<iframe src=\"http://example.invalid/\"></iframe><!-- ]]> &amp; &lt;\n"
    "<style>body{display:none}</style><a href=\"javascript:alert(1)\">x</a>\n"
    "ctl \x01\x02\x1b[31m nul(\0) bad \xff\xfe\xc3 nonchar \xef\xbf\xbf c1 \xc2\x85 end\n";

TEST(views, hostile_output_fails)
{
    fwrite(hostile, 1, sizeof hostile - 1, stdout);
    fwrite(hostile, 1, sizeof hostile - 1, stderr);
    FAIL("VIEWS-FAILURE-7f3a <script>document.title='pwned'</script> <b onmouseover=x>");
}

TEST(views, hostile_output_passes)
{
    fwrite(hostile, 1, sizeof hostile - 1, stdout);
}

TEST(views, marked, MARK(slow)) {}

TEST(views, flaky)
{
    const char *path = getenv("VIEWS_FLAKY");
    FILE *f;
    if (!path)
        return;
    if ((f = fopen(path, "r")) != NULL) {
        fclose(f);
        return;
    }
    f = fopen(path, "w");
    if (f)
        fclose(f);
    FAIL("the first try fails");
}

TEST(views, expected_to_fail, XFAIL("<i>known</i>"))
{
    FAIL("as expected");
}

TEST(views, skipped, SKIP("not here: <script>document.title='pwned'</script>")) {}
