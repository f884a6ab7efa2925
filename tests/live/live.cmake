# Live-database tests (label "live"): a throwaway PostgreSQL 15 per build dir.
#
# live.server.start (fixture setup) runs pgtmp.sh and writes the DSN to
# ${PF_LIVE_DSN_FILE}; every live test requires the fixture and reads it.
# PF_TEST_DSN (at test time) points them at another server instead;
# PF_TEST_PORT (at configure time) picks the port, default 54329. Without a
# server a live test is skipped (exit 77), except under CI=true.

set(PF_LIVE_DIR ${CMAKE_BINARY_DIR}/pgtmp)
set(PF_LIVE_DSN_FILE ${CMAKE_BINARY_DIR}/pgtmp.dsn)
if(DEFINED ENV{PF_TEST_PORT} AND NOT "$ENV{PF_TEST_PORT}" STREQUAL "")
  set(PF_LIVE_PORT $ENV{PF_TEST_PORT})
else()
  set(PF_LIVE_PORT 54329)
endif()
set(PF_LIVE_SKIP 77)

add_test(NAME live.server.start
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/server.sh start ${PF_LIVE_DIR}
                 ${PF_LIVE_PORT} ${PF_LIVE_DSN_FILE})
add_test(NAME live.server.stop
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/server.sh stop ${PF_LIVE_DIR}
                 ${PF_LIVE_DSN_FILE})
set_tests_properties(live.server.start PROPERTIES
  FIXTURES_SETUP pgserver LABELS live SKIP_RETURN_CODE ${PF_LIVE_SKIP}
  TIMEOUT 120)
set_tests_properties(live.server.stop PROPERTIES
  FIXTURES_CLEANUP pgserver LABELS live TIMEOUT 60)

# One ctest entry per TEST(name) in test_live.c, test_data.c, test_newdata.c,
# test_cost.c, test_probe.c and test_typefit.c.
set(PF_LIVE_TEST_SRC ${CMAKE_CURRENT_LIST_DIR}/test_live.c)
add_executable(pf_live_test ${PF_LIVE_TEST_SRC}
                            ${CMAKE_CURRENT_LIST_DIR}/helpers.c
                            ${CMAKE_CURRENT_LIST_DIR}/test_data.c
                            ${CMAKE_CURRENT_LIST_DIR}/test_newdata.c
                            ${CMAKE_CURRENT_LIST_DIR}/test_cost.c
                            ${CMAKE_CURRENT_LIST_DIR}/test_probe.c
                            ${CMAKE_CURRENT_LIST_DIR}/test_typefit.c
                            ${CMAKE_CURRENT_LIST_DIR}/../unit/main.c)
target_compile_definitions(pf_live_test PRIVATE _POSIX_C_SOURCE=200809L
                           PF_LIVE_DSN_FILE="${PF_LIVE_DSN_FILE}"
                           PF_BIN="$<TARGET_FILE:pgpreflight>")
add_dependencies(pf_live_test pgpreflight)
target_compile_options(pf_live_test PRIVATE ${PF_WARNINGS})
target_link_libraries(pf_live_test PRIVATE pf_lib pf_private PkgConfig::PQ
                      Threads::Threads)

file(STRINGS ${PF_LIVE_TEST_SRC} pf_live_lines REGEX "^TEST\\([a-z0-9_]+\\)")
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/test_data.c pf_data_lines
     REGEX "^TEST\\([a-z0-9_]+\\)")
list(APPEND pf_live_lines ${pf_data_lines})
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/test_newdata.c pf_newdata_lines
     REGEX "^TEST\\([a-z0-9_]+\\)")
list(APPEND pf_live_lines ${pf_newdata_lines})
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/test_cost.c pf_cost_lines
     REGEX "^TEST\\([a-z0-9_]+\\)")
list(APPEND pf_live_lines ${pf_cost_lines})
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/test_probe.c pf_probe_lines
     REGEX "^TEST\\([a-z0-9_]+\\)")
list(APPEND pf_live_lines ${pf_probe_lines})
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/test_typefit.c pf_typefit_lines
     REGEX "^TEST\\([a-z0-9_]+\\)")
list(APPEND pf_live_lines ${pf_typefit_lines})
foreach(line ${pf_live_lines})
  string(REGEX REPLACE "^TEST\\(([a-z0-9_]+)\\).*" "\\1" name "${line}")
  add_test(NAME live.${name} COMMAND pf_live_test ${name})
  set_tests_properties(live.${name} PROPERTIES
    LABELS live FIXTURES_REQUIRED pgserver SKIP_RETURN_CODE ${PF_LIVE_SKIP}
    TIMEOUT 120)
endforeach()

# The log checker must reject writes, or the proof below proves nothing.
add_test(NAME live.readonly_checker
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/readonly_selftest.sh)
set_tests_properties(live.readonly_checker PROPERTIES LABELS live TIMEOUT 60)

# The real CLI over the demo, with every statement it sends checked in the
# server log. Runs from the source root (the demo's paths are relative).
add_test(NAME live.readonly_proof
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/readonly_proof.sh
                 $<TARGET_FILE:pgpreflight> ${PF_LIVE_DSN_FILE}
                 ${PF_LIVE_DIR}/server.log
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(live.readonly_proof PROPERTIES
  LABELS live FIXTURES_REQUIRED pgserver SKIP_RETURN_CODE ${PF_LIVE_SKIP}
  TIMEOUT 300)

# The server stopped in the middle of a run: exit 3 and the findings so far.
# It starts and stops its own server (two ports above the fixture's).
math(EXPR PF_MIDRUN_PORT "${PF_LIVE_PORT} + 2")
add_test(NAME live.stop_midrun
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/stop_midrun.sh
                 $<TARGET_FILE:pgpreflight> ${PF_MIDRUN_PORT})
set_tests_properties(live.stop_midrun PROPERTIES
  LABELS live SKIP_RETURN_CODE ${PF_LIVE_SKIP} TIMEOUT 300)

# A hot standby made with pg_basebackup -R, checked like its primary. Its
# own two servers: the fixture's port plus 3 (primary) and plus 1 (standby).
math(EXPR PF_PRIMARY_PORT "${PF_LIVE_PORT} + 3")
math(EXPR PF_STANDBY_PORT "${PF_LIVE_PORT} + 1")
add_test(NAME live.hot_standby
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/standby.sh
                 $<TARGET_FILE:pgpreflight> ${PF_PRIMARY_PORT}
                 ${PF_STANDBY_PORT}
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(live.hot_standby PROPERTIES
  LABELS live SKIP_RETURN_CODE ${PF_LIVE_SKIP} TIMEOUT 300)
