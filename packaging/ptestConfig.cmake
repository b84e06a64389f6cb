# ptestConfig.cmake - the CMake package of ptest, installed by `make install`
# as PREFIX/lib/cmake/ptest/ptestConfig.cmake (with ptestConfigVersion.cmake
# and ptestAddTests.cmake beside it).
#
#     find_package(ptest 0.1 REQUIRED)      # -DCMAKE_PREFIX_PATH=PREFIX if need be
#     add_executable(tests main.c math_test.c net_test.c)
#     target_link_libraries(tests PRIVATE ptest::ptest)
#     enable_testing()                      # or include(CTest)
#     ptest_discover_tests(tests)           # one CTest test per ptest test
#
# ptest::ptest
#   An INTERFACE IMPORTED target: the directory of ptest.h, and
#   Threads::Threads (the thread pool needs pthreads).
#
# ptest_discover_tests(target
#                      [EXTRA_ARGS arg...]
#                      [WORKING_DIRECTORY dir]
#                      [TEST_PREFIX prefix] [TEST_SUFFIX suffix]
#                      [PROPERTIES name value...]
#                      [DISCOVERY_TIMEOUT seconds])
#   After every build of target, runs it with `--collect-only --json=-`
#   (and EXTRA_ARGS, so a `-m` or `-k` there limits what is discovered) and
#   gives CTest one test per selected ptest test, named PREFIX<id>SUFFIX and
#   run as
#       <target> -j 1 --color=no EXTRA_ARGS... <id>
#   in WORKING_DIRECTORY (default: the current binary directory), with
#     LABELS                   its markers          (ctest -L slow, -LE slow)
#     TIMEOUT                  its TIMEOUT(), when it has one
#     RESOURCE_LOCK            its RESOURCE()s      (ctest -j N keeps them apart;
#                              capacity C: C locks name#1..name#C dealt in turn)
#     PROCESSORS               its SLOTS(n), when n > 1
#     SKIP_REGULAR_EXPRESSION  the runner's last line of a skipped test, so
#                              SKIP(), SKIP_TEST() and XFAIL show as skipped
#   PROPERTIES are set on every test; LABELS and RESOURCE_LOCK there are
#   added to the test's own, and a TIMEOUT there is the default for tests
#   without TIMEOUT(). A build whose binary cannot list its tests fails,
#   with the binary's output. DISCOVERY_TIMEOUT defaults to 60 seconds.
#   Needs CMake 3.19 (string(JSON)); the target alone needs 3.10.

# find_package() gives this file a policy scope of its own (CMP0011), which
# find_dependency() may leave by return().
cmake_policy(VERSION 3.10...3.31)

get_filename_component(_ptest_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT EXISTS "${_ptest_prefix}/include/ptest.h")
  set(ptest_FOUND FALSE)
  set(ptest_NOT_FOUND_MESSAGE
      "${CMAKE_CURRENT_LIST_FILE} is here, but not ${_ptest_prefix}/include/ptest.h")
  unset(_ptest_prefix)
  return()
endif()

include(CMakeFindDependencyMacro)
set(_ptest_threads_prefer "${THREADS_PREFER_PTHREAD_FLAG}")
set(THREADS_PREFER_PTHREAD_FLAG TRUE)
find_dependency(Threads)
set(THREADS_PREFER_PTHREAD_FLAG "${_ptest_threads_prefer}")
unset(_ptest_threads_prefer)

if(NOT TARGET ptest::ptest)
  add_library(ptest::ptest INTERFACE IMPORTED)
  set_target_properties(ptest::ptest PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_ptest_prefix}/include"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()
unset(_ptest_prefix)

# The discovery script; it also defines _ptest_bracket().
include("${CMAKE_CURRENT_LIST_DIR}/ptestAddTests.cmake")

function(ptest_discover_tests target)
  if(CMAKE_VERSION VERSION_LESS 3.19)
    message(FATAL_ERROR "ptest_discover_tests: needs CMake 3.19 or newer "
                        "(for string(JSON)); this is CMake ${CMAKE_VERSION}")
  endif()
  cmake_parse_arguments(PARSE_ARGV 1 arg ""
    "WORKING_DIRECTORY;TEST_PREFIX;TEST_SUFFIX;DISCOVERY_TIMEOUT"
    "EXTRA_ARGS;PROPERTIES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ptest_discover_tests(${target}): unknown arguments: "
                        "${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "ptest_discover_tests: no target '${target}'")
  endif()
  get_target_property(type "${target}" TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    message(FATAL_ERROR "ptest_discover_tests: '${target}' is a ${type}, "
                        "not an executable")
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  if(NOT arg_DISCOVERY_TIMEOUT)
    set(arg_DISCOVERY_TIMEOUT 60)
  endif()
  list(LENGTH arg_PROPERTIES nprops)
  math(EXPR odd "${nprops} % 2")
  if(odd)
    message(FATAL_ERROR "ptest_discover_tests(${target}): PROPERTIES takes "
                        "name value pairs: ${arg_PROPERTIES}")
  endif()

  # A target may be discovered more than once (with other EXTRA_ARGS, say).
  get_property(count TARGET "${target}" PROPERTY PTEST_DISCOVER_COUNT)
  if(NOT count)
    set(count 0)
  endif()
  math(EXPR count "${count} + 1")
  set_property(TARGET "${target}" PROPERTY PTEST_DISCOVER_COUNT "${count}")
  set(base "${CMAKE_CURRENT_BINARY_DIR}/${target}[${count}]")

  # The arguments go to the discovery script through a file, so that no
  # list or special character has to survive a command line. The target
  # relinks (and so rediscovers) when they change.
  set(args "")
  foreach(var target WORKING_DIRECTORY TEST_PREFIX TEST_SUFFIX
              DISCOVERY_TIMEOUT EXTRA_ARGS)
    set(value "${arg_${var}}")
    if(var STREQUAL "target")
      set(var TARGET)
      set(value "${target}")
    endif()
    _ptest_bracket(quoted "${value}")
    string(APPEND args "set(PTEST_${var} ${quoted})\n")
  endforeach()
  # One variable per PROPERTIES value: a value may be a list.
  math(EXPR npairs "${nprops} / 2")
  string(APPEND args "set(PTEST_PROPERTY_COUNT ${npairs})\n")
  set(i 0)
  foreach(item IN LISTS arg_PROPERTIES)
    math(EXPR pair "${i} / 2")
    math(EXPR is_value "${i} % 2")
    if(is_value)
      set(var "PTEST_PROPERTY_VALUE_${pair}")
    else()
      set(var "PTEST_PROPERTY_NAME_${pair}")
    endif()
    _ptest_bracket(quoted "${item}")
    string(APPEND args "set(${var} ${quoted})\n")
    math(EXPR i "${i} + 1")
  endforeach()
  set(args_file "${base}_args.cmake")
  if(EXISTS "${args_file}")
    file(READ "${args_file}" old)
  else()
    set(old "")
  endif()
  if(NOT old STREQUAL args)
    file(WRITE "${args_file}" "${args}")
  endif()
  set_property(TARGET "${target}" APPEND PROPERTY LINK_DEPENDS "${args_file}")

  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(multi)
    set(tests_file "${base}_tests-$<CONFIG>.cmake")
    _ptest_bracket(head "${base}_tests-")
    set(find_tests "string(CONCAT _ptest_tests ${head} \"\${CTEST_CONFIGURATION_TYPE}\" [[.cmake]])")
  else()
    set(tests_file "${base}_tests.cmake")
    _ptest_bracket(quoted "${tests_file}")
    set(find_tests "set(_ptest_tests ${quoted})")
  endif()
  _ptest_bracket(not_built "${target}_NOT_BUILT")
  file(WRITE "${base}_include.cmake"
    "# Written by ptest_discover_tests(${target}); the tests are in the file\n"
    "# the target's POST_BUILD step writes.\n"
    "${find_tests}\n"
    "if(EXISTS \"\${_ptest_tests}\")\n"
    "  include(\"\${_ptest_tests}\")\n"
    "else()\n"
    "  add_test(${not_built} ${not_built})\n"
    "endif()\n")

  add_custom_command(TARGET "${target}" POST_BUILD
    COMMAND "${CMAKE_COMMAND}"
            -D "PTEST_EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "PTEST_ARGS_FILE=${args_file}"
            -D "PTEST_TESTS_FILE=${tests_file}"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ptestAddTests.cmake"
    COMMENT "Discovering the ptest tests of ${target}"
    VERBATIM)
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${base}_include.cmake")
endfunction()
