# Hostile SQL: inputs meant to crash, hang or confuse the parser front end.
#
# Included from tests/CMakeLists.txt, this file registers one ctest per input
# (label "hostile"): each committed testdata/hostile/*.sql, plus large inputs
# generated at test time (deep nesting, a 1 MB statement, 10,000 statements,
# a 100 KB identifier) so that they are not committed.
#
# Run with `cmake -P`, it is the runner of one case:
#   cmake -DPF_BIN=... -DINPUT=file.sql | -DGEN=<name> -DWORK=dir
#         [-DEXPECT=012] -P tests/hostile.cmake
# It runs `pgpreflight check --no-db` in text and in JSON format and fails
# unless: the exit status is one of EXPECT's digits (default 0, 1 or 2);
# every stderr line is an error in the `path:line:col: error: ` form or a
# `pgpreflight: warning: ` line (so a sanitizer report fails the case); exit
# status 2 comes with at least one such error and errors come with exit 2;
# the JSON output parses. ctest's TIMEOUT catches hangs.

if(CMAKE_SCRIPT_MODE_FILE)
  if(NOT EXPECT)
    set(EXPECT 012)
  endif()
  if(GEN)
    # Generated inputs, written next to the test's build files.
    file(MAKE_DIRECTORY ${WORK})
    set(INPUT ${WORK}/${GEN}.sql)
    if(GEN STREQUAL "deep_parens_10000")
      # Bison's stack (YYMAXDEPTH 10000) runs out: "memory exhausted".
      string(REPEAT "(" 10000 open)
      string(REPEAT ")" 10000 close)
      set(text "SELECT ${open}1${close};\nALTER TABLE t ADD COLUMN a int;\n")
    elseif(GEN STREQUAL "deep_parens_1000")
      string(REPEAT "(" 1000 open)
      string(REPEAT ")" 1000 close)
      set(text "ALTER TABLE t ADD COLUMN a int DEFAULT ${open}1${close};\n")
    elseif(GEN STREQUAL "deep_expression_1000")
      # A left-deep chain: 1000 nested A_Expr nodes in the parse tree.
      string(REPEAT "+1" 1000 chain)
      set(text "ALTER TABLE t ADD COLUMN a int DEFAULT 1${chain};\n")
    elseif(GEN STREQUAL "deep_expression_10000")
      string(REPEAT "+1" 10000 chain)
      set(text "ALTER TABLE t ADD COLUMN a int DEFAULT 1${chain};\n")
    elseif(GEN STREQUAL "huge_statement_1mb")
      # One INSERT of about 1 MB (64,000 rows of 16 bytes).
      string(REPEAT "(1, 'abcdef')," 64000 rows)
      set(text "INSERT INTO t (a, b) VALUES ${rows}(2, 'x');\n")
    elseif(GEN STREQUAL "many_statements_10000")
      string(REPEAT "ALTER TABLE t ADD COLUMN IF NOT EXISTS a int;\n\
UPDATE t SET a = 1 WHERE id = 2;\nSELECT 1;\n" 3334 body)
      set(text "CREATE TABLE t (id int);\n${body}")
    elseif(GEN STREQUAL "long_identifier")
      string(REPEAT "x" 100000 id)
      set(text "CREATE TABLE ${id} (id int);\n\
ALTER TABLE \"${id}\" ADD COLUMN \"${id}\" int NOT NULL;\n")
    else()
      message(FATAL_ERROR "hostile: unknown generator ${GEN}")
    endif()
    file(WRITE ${INPUT} "${text}")
  endif()
  get_filename_component(dir ${INPUT} DIRECTORY)
  get_filename_component(name ${INPUT} NAME)
  set(ENV{LC_ALL} C)
  set(ENV{NO_COLOR} 1)
  foreach(format text json)
    execute_process(
      COMMAND ${PF_BIN} check --no-db --format ${format} ${name}
      WORKING_DIRECTORY ${dir}
      RESULT_VARIABLE rc
      OUTPUT_VARIABLE out
      ERROR_VARIABLE err)
    set(what "${name} (--format ${format})")
    if(NOT rc MATCHES "^[0-9]$")
      message(FATAL_ERROR "${what}: ${rc}\n${err}")
    endif()
    string(FIND "${EXPECT}" "${rc}" pos)
    if(pos EQUAL -1)
      message(FATAL_ERROR "${what}: exit status ${rc}, expected one of "
                          "${EXPECT}\n${err}")
    endif()
    # NUL bytes and invalid UTF-8 are quoted back in messages: treat the
    # output as bytes, one line at a time.
    # CMake lists split on ";" except inside [...]: neutralise all three.
    string(REGEX REPLACE "[][;]" "_" err_lines "${err}")
    string(REPLACE "\n" ";" err_lines "${err_lines}")
    set(nerrors 0)
    foreach(line IN LISTS err_lines)
      if(line STREQUAL "")
        continue()
      elseif(line MATCHES "^[^:]+:[0-9]+:[0-9]+: error: ")
        math(EXPR nerrors "${nerrors} + 1")
      elseif(NOT line MATCHES "^pgpreflight: warning: ")
        message(FATAL_ERROR "${what}: unexpected stderr line:\n${line}\n"
                            "stderr:\n${err}")
      endif()
    endforeach()
    if(rc EQUAL 2 AND nerrors EQUAL 0)
      message(FATAL_ERROR "${what}: exit status 2 without a "
                          "path:line:col: error: line\n${err}")
    endif()
    if(nerrors GREATER 0 AND NOT rc EQUAL 2)
      message(FATAL_ERROR "${what}: ${nerrors} errors but exit status ${rc}")
    endif()
    if(format STREQUAL "json")
      string(JSON nstmts ERROR_VARIABLE jerr GET "${out}" summary statements)
      if(jerr)
        message(FATAL_ERROR "${what}: output is not the JSON report: ${jerr}")
      endif()
      message(STATUS "${what}: exit ${rc}, ${nstmts} statements, "
                     "${nerrors} errors")
    endif()
  endforeach()
  return()
endif()

# Registration. Expected exit statuses where the outcome is certain: a file
# that cannot be run must fail with 2; a valid one must not.
set(PF_HOSTILE_EXPECT
    crlf=2 empty=01 invalid_utf8=2 nested_comments=01
    nul_byte=2 only_comments=01 only_semicolons=01 unterminated_comment=2
    unterminated_dollar_quote=2
    unterminated_escape_and_ident=2 unterminated_string=2
    utf8_identifiers=01 deep_parens_10000=2 deep_parens_1000=01
    deep_expression_1000=01 deep_expression_10000=2 huge_statement_1mb=01
    many_statements_10000=01 long_identifier=012)
function(pf_hostile_expect name out)
  set(exp 012)
  foreach(pair ${PF_HOSTILE_EXPECT})
    if(pair MATCHES "^${name}=([0-9]+)$")
      set(exp ${CMAKE_MATCH_1})
    endif()
  endforeach()
  set(${out} ${exp} PARENT_SCOPE)
endfunction()

file(GLOB PF_HOSTILE_FILES CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/testdata/hostile/*.sql)
foreach(f ${PF_HOSTILE_FILES})
  get_filename_component(name ${f} NAME_WE)
  pf_hostile_expect(${name} exp)
  add_test(NAME hostile.${name}
           COMMAND ${CMAKE_COMMAND} -DPF_BIN=$<TARGET_FILE:pgpreflight>
                   -DINPUT=${f} -DEXPECT=${exp} -P ${CMAKE_CURRENT_LIST_FILE})
  set_tests_properties(hostile.${name} PROPERTIES LABELS hostile TIMEOUT 60)
endforeach()

foreach(gen deep_parens_10000 deep_parens_1000 deep_expression_1000
            deep_expression_10000 huge_statement_1mb many_statements_10000
            long_identifier)
  pf_hostile_expect(${gen} exp)
  add_test(NAME hostile.${gen}
           COMMAND ${CMAKE_COMMAND} -DPF_BIN=$<TARGET_FILE:pgpreflight>
                   -DGEN=${gen} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/hostile
                   -DEXPECT=${exp} -P ${CMAKE_CURRENT_LIST_FILE})
  set_tests_properties(hostile.${gen} PROPERTIES LABELS hostile TIMEOUT 120)
endforeach()
# When the whole file does not parse, the text the scanner split cannot
# place (after an unbalanced "(" or ")", keyword-less pieces such as "42;")
# is parsed and reported as well: these must exit 2, not 0 with nothing
# checked.
foreach(name unbalanced_open_paren unbalanced_close_paren keywordless_statement)
  add_test(NAME hostile.${name}.strict
           COMMAND ${CMAKE_COMMAND} -DPF_BIN=$<TARGET_FILE:pgpreflight>
                   -DINPUT=${PROJECT_SOURCE_DIR}/testdata/hostile/${name}.sql
                   -DEXPECT=2 -P ${CMAKE_CURRENT_LIST_FILE})
  set_tests_properties(hostile.${name}.strict PROPERTIES LABELS hostile
                       TIMEOUT 60)
endforeach()
