# ptestAddTests.cmake - the discovery step of ptest_discover_tests(),
# installed beside ptestConfig.cmake.
#
# The POST_BUILD step of a discovered target runs
#
#     cmake -D PTEST_EXECUTABLE=<binary> -D PTEST_ARGS_FILE=<target>[N]_args.cmake
#           -D PTEST_TESTS_FILE=<target>[N]_tests.cmake -P ptestAddTests.cmake
#
# which asks the binary for its tests (`--collect-only --json=-`, JSON
# Lines: one {"type":"test","id":...,"markers":[...],"resources":[...],
# "slots":N,"locks":[...],"timeout":N|null,...} object per selected test)
# and writes the CTest file that adds one test per id. "locks" are the
# resources as CTest locks (a resource of capacity C is C locks dealt
# among its tests); a binary older than them gives none, and its
# "resources" are the locks. ptestConfig.cmake includes this file only for
# _ptest_bracket(); the script part runs only under -P.

# Included or run, the file's own policies (include() gives it a scope).
cmake_policy(VERSION 3.10...3.31)

# _ptest_bracket(<out> <value>): <value> as a CMake bracket argument
# ([=[...]=], with as many '=' as it takes), which CMake reads back
# verbatim: no escapes, no variable references, ';' kept in one argument.
# (A bracket argument drops a newline right after its opening; no value
# written here starts with one.)
function(_ptest_bracket out value)
  set(eq "")
  string(FIND "${value}]" "]]" at)
  while(NOT at EQUAL -1)
    string(APPEND eq "=")
    string(FIND "${value}]" "]${eq}]" at)
  endwhile()
  set(${out} "[${eq}[${value}]${eq}]" PARENT_SCOPE)
endfunction()

# _ptest_json_list(<out> <json> <key>): the strings of the array <key> of the
# object <json>, as a CMake list; empty when the key is absent or null.
function(_ptest_json_list out json key)
  set(items "")
  string(JSON n ERROR_VARIABLE err LENGTH "${json}" "${key}")
  if(NOT err AND n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON item GET "${json}" "${key}" ${i})
      list(APPEND items "${item}")
    endforeach()
  endif()
  set(${out} "${items}" PARENT_SCOPE)
endfunction()

if(NOT CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  return()
endif()

if(CMAKE_VERSION VERSION_LESS 3.19)
  message(FATAL_ERROR "ptestAddTests.cmake: needs CMake 3.19 or newer "
                      "(for string(JSON)); this is CMake ${CMAKE_VERSION}")
endif()
foreach(var PTEST_EXECUTABLE PTEST_ARGS_FILE PTEST_TESTS_FILE)
  if(NOT ${var})
    message(FATAL_ERROR "ptestAddTests.cmake: -D ${var}=... is missing")
  endif()
endforeach()
include("${PTEST_ARGS_FILE}")

# Ask the binary.
execute_process(
  COMMAND "${PTEST_EXECUTABLE}" --collect-only --json=- ${PTEST_EXTRA_ARGS}
  WORKING_DIRECTORY "${PTEST_WORKING_DIRECTORY}"
  TIMEOUT "${PTEST_DISCOVERY_TIMEOUT}"
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(rc EQUAL 5)
  set(out "") # no test selected: exit 5, and no test for CTest
elseif(NOT rc EQUAL 0)
  list(JOIN PTEST_EXTRA_ARGS " " extra)
  message(FATAL_ERROR
    "ptest_discover_tests(${PTEST_TARGET}): could not list the tests of\n"
    "  ${PTEST_EXECUTABLE} --collect-only --json=- ${extra}\n"
    "in ${PTEST_WORKING_DIRECTORY}: it ended with '${rc}'.\n"
    "Its output:\n${out}${err}")
endif()

# CMake lists split at ';' and do not split inside '[...]': set those aside
# (as control characters, which a JSON line never holds raw) while the
# output is cut into lines.
string(ASCII 1 semi)
string(ASCII 2 open)
string(ASCII 3 close)
string(REPLACE ";" "${semi}" out "${out}")
string(REPLACE "[" "${open}" out "${out}")
string(REPLACE "]" "${close}" out "${out}")
string(REPLACE "\n" ";" lines "${out}")

# What PROPERTIES says: LABELS and RESOURCE_LOCK join each test's own, a
# TIMEOUT is the default for tests without TIMEOUT(), the rest is passed on.
set(base_labels "")
set(base_locks "")
set(base_timeout "")
set(other_props "")
if(NOT PTEST_PROPERTY_COUNT)
  set(PTEST_PROPERTY_COUNT 0)
endif()
set(i 0)
while(i LESS PTEST_PROPERTY_COUNT)
  set(name "${PTEST_PROPERTY_NAME_${i}}")
  set(value "${PTEST_PROPERTY_VALUE_${i}}")
  math(EXPR i "${i} + 1")
  if(name STREQUAL "LABELS")
    list(APPEND base_labels ${value})
  elseif(name STREQUAL "RESOURCE_LOCK")
    list(APPEND base_locks ${value})
  elseif(name STREQUAL "TIMEOUT")
    set(base_timeout "${value}")
  else()
    _ptest_bracket(q "${value}")
    string(APPEND other_props "\n  ${name} ${q}")
  endif()
endwhile()

# How every test runs; its id comes last.
_ptest_bracket(command "${PTEST_EXECUTABLE}")
string(APPEND command " -j 1 --color=no")
foreach(arg IN LISTS PTEST_EXTRA_ARGS)
  _ptest_bracket(q "${arg}")
  string(APPEND command " ${q}")
endforeach()
_ptest_bracket(workdir "${PTEST_WORKING_DIRECTORY}")
# A run of one test that was skipped (SKIP(), SKIP_TEST(), XFAIL) ends with
# this line, and only such a run does. Anchored at the end of the output, so
# that text a failing test printed cannot match.
set(skip_regex "\"(^|\\n)ptest: 0 passed, 0 failed, 1 skipped\\r?\\n*$\"")

string(CONCAT content "# Written by ptestAddTests.cmake from\n"
            "#   ${PTEST_EXECUTABLE} --collect-only --json=-\n"
            "# Do not edit: the next build of ${PTEST_TARGET} writes it again.\n\n")
set(count 0)
foreach(line IN LISTS lines)
  string(REPLACE "${semi}" ";" line "${line}")
  string(REPLACE "${open}" "[" line "${line}")
  string(REPLACE "${close}" "]" line "${line}")
  string(STRIP "${line}" line)
  if(NOT line MATCHES "^{")
    continue() # not a JSON object: not ours to read
  endif()
  string(JSON type ERROR_VARIABLE json_error GET "${line}" type)
  if(json_error)
    message(FATAL_ERROR "ptest_discover_tests(${PTEST_TARGET}): "
                        "${PTEST_EXECUTABLE} wrote a line that is not JSON "
                        "(${json_error}):\n${line}")
  endif()
  if(NOT type STREQUAL "test")
    continue()
  endif()
  string(JSON id GET "${line}" id)
  _ptest_json_list(labels "${line}" markers)
  string(JSON no_locks ERROR_VARIABLE no_locks_key TYPE "${line}" locks)
  if(no_locks_key)
    _ptest_json_list(locks "${line}" resources)
  else()
    _ptest_json_list(locks "${line}" locks)
  endif()
  string(JSON slots ERROR_VARIABLE no_slots GET "${line}" slots)
  if(no_slots)
    set(slots 1)
  endif()
  string(JSON timeout ERROR_VARIABLE no_timeout GET "${line}" timeout)
  if(no_timeout OR timeout STREQUAL "null" OR timeout STREQUAL "")
    set(timeout "${base_timeout}")
  endif()
  list(PREPEND labels ${base_labels})
  list(PREPEND locks ${base_locks})
  list(REMOVE_DUPLICATES labels)
  list(REMOVE_DUPLICATES locks)

  _ptest_bracket(name "${PTEST_TEST_PREFIX}${id}${PTEST_TEST_SUFFIX}")
  _ptest_bracket(qid "${id}")
  string(APPEND content "add_test(${name} ${command} ${qid})\n"
                        "set_tests_properties(${name} PROPERTIES\n"
                        "  WORKING_DIRECTORY ${workdir}\n"
                        "  SKIP_REGULAR_EXPRESSION ${skip_regex}")
  if(NOT labels STREQUAL "")
    _ptest_bracket(q "${labels}")
    string(APPEND content "\n  LABELS ${q}")
  endif()
  if(NOT timeout STREQUAL "")
    _ptest_bracket(q "${timeout}")
    string(APPEND content "\n  TIMEOUT ${q}")
  endif()
  if(NOT locks STREQUAL "")
    _ptest_bracket(q "${locks}")
    string(APPEND content "\n  RESOURCE_LOCK ${q}")
  endif()
  if(slots GREATER 1)
    string(APPEND content "\n  PROCESSORS ${slots}")
  endif()
  string(APPEND content "${other_props})\n")
  math(EXPR count "${count} + 1")
endforeach()

string(APPEND content "\n# ${count} tests\n")
file(WRITE "${PTEST_TESTS_FILE}.tmp" "${content}")
file(RENAME "${PTEST_TESTS_FILE}.tmp" "${PTEST_TESTS_FILE}")
