# Two runs over the same input (findings, suppressions, input errors in
# several files) print the same bytes, whatever the number of threads: cmake -DPF_BIN=... -DFORMAT=json -DSRC=... -P stable.cmake
cmake_minimum_required(VERSION 3.22)
foreach(jobs 1 2 4)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C NO_COLOR=1 ${PF_BIN} check
            --no-db --format ${FORMAT} -j ${jobs} --code testdata/demo/app
            testdata/demo/migration.sql testdata/cases/120-suppressions
            testdata/cases/043-directory-order/migrations
            testdata/cases/030-invalid-sql/migration.sql
            testdata/cases/039-unterminated-string/migration.sql
    WORKING_DIRECTORY ${SRC}
    OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "exit status ${rc}, expected 2 (input errors)")
  endif()
  if(jobs EQUAL 1)
    set(first "${out}")
  elseif(NOT out STREQUAL first)
    message(FATAL_ERROR "--format ${FORMAT} -j ${jobs} differs from -j 1:\n"
                        "--- -j 1\n${first}\n--- -j ${jobs}\n${out}")
  endif()
endforeach()
string(LENGTH "${first}" n)
if(n LESS 200)
  message(FATAL_ERROR "suspiciously short output (${n} bytes):\n${first}")
endif()
message(STATUS "--format ${FORMAT}: ${n} bytes, identical over 3 runs")
