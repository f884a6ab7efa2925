# Runs one golden CLI case: cmake -DPF_BIN=... -DCASE_DIR=... [-DDSN_FILE=...]
#   [-DPSQL=...] -P run_case.cmake
# The case directory holds `args` (one argument per line; @DSN@ is replaced
# by the test server's DSN), inputs (`stdin` for standard input; `cwd` for a
# subdirectory to run in), expected.stdout, expected.stderr,
# expected.exit, and optionally `expect-rules` (+rule must fire, -rule must
# not) and `setup.sql` (loaded into a fresh database for live cases).
# With PF_UPDATE_GOLDEN=1 in the environment the expected files are rewritten.
cmake_minimum_required(VERSION 3.22)

file(STRINGS "${CASE_DIR}/args" args ENCODING UTF-8)
get_filename_component(case_name "${CASE_DIR}" NAME)
set(dsn "")
if(EXISTS "${CASE_DIR}/setup.sql")
  if(NOT DSN_FILE OR NOT EXISTS "${DSN_FILE}")
    message(FATAL_ERROR "${case_name}: live case but no test server DSN")
  endif()
  file(READ "${DSN_FILE}" base_dsn)
  string(STRIP "${base_dsn}" base_dsn)
  string(REGEX REPLACE "[^a-z0-9_]" "_" db "pfcase_${case_name}")
  execute_process(COMMAND ${PSQL} "${base_dsn}" -X -q -v ON_ERROR_STOP=1
                  -c "DROP DATABASE IF EXISTS ${db}" -c "CREATE DATABASE ${db}"
                  RESULT_VARIABLE rc ERROR_VARIABLE e OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${case_name}: cannot create database: ${e}")
  endif()
  set(dsn "${base_dsn} dbname=${db}")
  execute_process(COMMAND ${PSQL} "${dsn}" -X -q -v ON_ERROR_STOP=1
                  -f "${CASE_DIR}/setup.sql"
                  RESULT_VARIABLE rc ERROR_VARIABLE e OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${case_name}: setup.sql failed: ${e}")
  endif()
  # Optional `hold.sql` (lock-queue cases): run by another session that then
  # stays idle in transaction, holding its locks, while the case runs; the
  # case starts once that transaction is 3 s old. The session is ended
  # after the run.
  if(EXISTS "${CASE_DIR}/hold.sql")
    execute_process(
      COMMAND sh -c "( { cat \"$1\"; sleep 20; echo COMMIT; } | \"$2\" \"$3\" -X -q ) </dev/null >/dev/null 2>&1 &"
              sh "${CASE_DIR}/hold.sql" "${PSQL}" "${dsn} application_name=pf_hold"
      RESULT_VARIABLE rc)
    set(held 0)
    foreach(i RANGE 100)
      execute_process(COMMAND ${PSQL} "${dsn}" -X -At -c
                      "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pf_hold' AND datname = current_database() AND state = 'idle in transaction' AND now() - xact_start > interval '3 s'"
                      OUTPUT_VARIABLE held OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(held STREQUAL "1")
        break()
      endif()
      execute_process(COMMAND sleep 0.2)
    endforeach()
    if(NOT held STREQUAL "1")
      message(FATAL_ERROR "${case_name}: the hold.sql session did not start")
    endif()
  endif()
endif()
set(argv "")
foreach(a IN LISTS args)
  string(REPLACE "@DSN@" "${dsn}" a "${a}")
  list(APPEND argv "${a}")
endforeach()

# Optional: `stdin` is fed to standard input; `cwd` names the subdirectory
# (of the case) to run in.
set(input_file /dev/null)
if(EXISTS "${CASE_DIR}/stdin")
  set(input_file "${CASE_DIR}/stdin")
endif()
set(run_dir "${CASE_DIR}")
if(EXISTS "${CASE_DIR}/cwd")
  file(STRINGS "${CASE_DIR}/cwd" sub LIMIT_COUNT 1)
  set(run_dir "${CASE_DIR}/${sub}")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=PGHOST --unset=PGHOSTADDR
          --unset=PGPORT --unset=PGDATABASE --unset=PGSERVICE --unset=PGUSER
          --unset=PGPASSWORD --unset=PGPREFLIGHT_DATABASE_URL LC_ALL=C
          NO_COLOR=1 ${PF_BIN} ${argv}
  WORKING_DIRECTORY "${run_dir}"
  INPUT_FILE "${input_file}"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)

# The server's minor version differs between machines; the rest is exact.
string(REGEX REPLACE "PostgreSQL 1[0-9]\\.[0-9]+" "PostgreSQL <version>" out
       "${out}")
string(REGEX REPLACE "\"server_version_num\":([ \t]*)[0-9]+"
       "\"server_version_num\":\\1<version>" out "${out}")
# Lock-queue cases: the holder's process id and its transaction's age vary.
if(EXISTS "${CASE_DIR}/hold.sql")
  execute_process(COMMAND ${PSQL} "${dsn}" -X -q -At -c
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pf_hold' AND datname = current_database()"
                  OUTPUT_QUIET)
  string(REGEX REPLACE "pid [0-9]+" "pid <pid>" out "${out}")
  string(REGEX REPLACE "open [0-9]+ (s|min|h)" "open <age>" out "${out}")
  # JSON: fixed numbers, so that the output stays valid JSON for the
  # schema tests (12345 is no real pid here; 99 no real age).
  string(REGEX REPLACE "\"pid\":([ \t]*)[0-9]+" "\"pid\":\\112345" out
         "${out}")
  string(REGEX REPLACE "\"xact_seconds\":([ \t]*)[0-9]+"
         "\"xact_seconds\":\\199" out "${out}")
endif()

if("$ENV{PF_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${CASE_DIR}/expected.stdout" "${out}")
  file(WRITE "${CASE_DIR}/expected.stderr" "${err}")
  file(WRITE "${CASE_DIR}/expected.exit" "${code}\n")
  message(STATUS "${case_name}: updated")
  return()
endif()

set(failed "")
file(READ "${CASE_DIR}/expected.exit" want_code)
string(STRIP "${want_code}" want_code)
if(NOT code STREQUAL want_code)
  string(APPEND failed "exit status ${code}, expected ${want_code}\n")
endif()
foreach(stream stdout stderr)
  if(stream STREQUAL "stdout")
    set(got "${out}")
  else()
    set(got "${err}")
  endif()
  file(READ "${CASE_DIR}/expected.${stream}" want)
  if(NOT got STREQUAL want)
    string(APPEND failed "${stream} differs from expected.${stream}:\n--- got\n${got}\n--- expected\n${want}\n")
  endif()
endforeach()
if(EXISTS "${CASE_DIR}/expect-rules")
  file(STRINGS "${CASE_DIR}/expect-rules" rules)
  foreach(r IN LISTS rules)
    string(SUBSTRING "${r}" 0 1 sign)
    string(SUBSTRING "${r}" 1 -1 id)
    string(FIND "${out}" "[${id}]" at_text)
    string(REGEX MATCH "\"rule\":[ \t]*\"${id}\"" m_json "${out}")
    set(at_json -1)
    if(m_json)
      set(at_json 0)
    endif()
    if(sign STREQUAL "+" AND at_text EQUAL -1 AND at_json EQUAL -1)
      string(APPEND failed "rule ${id} should fire but does not\n")
    elseif(sign STREQUAL "-" AND (NOT at_text EQUAL -1 OR NOT at_json EQUAL -1))
      string(APPEND failed "rule ${id} must not fire but does\n")
    endif()
  endforeach()
endif()
if(failed)
  message(FATAL_ERROR "${case_name}:\n${failed}")
endif()
