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
