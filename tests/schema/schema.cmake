# Schema tests (label "schema"): the json format's golden outputs against
# lib/report/report.schema.json, the sarif format's against the SARIF 2.1.0
# schema from the npm registry, both with ajv, the github format's parsed
# as the Actions runner reads workflow commands, and the markdown format's
# rendered with markdown-it (all pinned in package-lock.json, installed by
# tests/deps.sh or here at configure time); invalid fixtures must be
# rejected, so a checker that accepts anything fails; and two runs over the
# same input must print the same bytes.
set(PF_SCHEMA_DIR ${CMAKE_CURRENT_LIST_DIR})
set(PF_SARIF_SCHEMA
    ${PF_SCHEMA_DIR}/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json)
set(PF_REPORT_SCHEMA ${PROJECT_SOURCE_DIR}/lib/report/report.schema.json)
find_program(PF_NODE node)
find_program(PF_NPM npm)

if(PF_NPM AND (NOT EXISTS ${PF_SCHEMA_DIR}/node_modules/.package-lock.json
               OR ${PF_SCHEMA_DIR}/package-lock.json IS_NEWER_THAN
                  ${PF_SCHEMA_DIR}/node_modules/.package-lock.json))
  message(STATUS "Fetching schema validators (npm ci --ignore-scripts in tests/schema)")
  execute_process(
    COMMAND ${PF_NPM} ci --ignore-scripts --no-audit --no-fund
    WORKING_DIRECTORY ${PF_SCHEMA_DIR}
    RESULT_VARIABLE pf_npm_result OUTPUT_QUIET)
  if(NOT pf_npm_result EQUAL 0)
    message(WARNING "npm ci failed in tests/schema (${pf_npm_result}); the "
                    "schema tests will fail until tests/deps.sh has run")
  endif()
endif()
if(NOT PF_NODE)
  # No skip: without node the schema tests cannot pass (tests/deps.sh
  # installs Debian's nodejs).
  set(PF_NODE node)
endif()

function(pf_schema_test name schema)
  add_test(NAME ${name}
           COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/validate.mjs ${ARGN}
                   ${schema})
  set_tests_properties(${name} PROPERTIES LABELS schema TIMEOUT 120)
endfunction()

file(GLOB pf_schema_cases LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/testdata/cases/*)
foreach(dir ${pf_schema_cases})
  if(NOT EXISTS ${dir}/args OR NOT EXISTS ${dir}/expected.stdout)
    continue()
  endif()
  get_filename_component(name ${dir} NAME)
  file(STRINGS ${dir}/args args)
  # Reports only: `rules --format json` prints the rule list, not a report.
  list(GET args 0 command)
  if(NOT command STREQUAL "check")
    continue()
  endif()
  list(FIND args "--format" at)
  if(at EQUAL -1)
    continue()
  endif()
  math(EXPR at "${at} + 1")
  list(GET args ${at} fmt)
  # The golden file is what the cli.<case> test proves the tool prints.
  if(fmt STREQUAL "json")
    add_test(NAME schema.json.${name}
             COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/validate.mjs
                     ${PF_REPORT_SCHEMA} ${dir}/expected.stdout)
    set_tests_properties(schema.json.${name} PROPERTIES LABELS schema)
  elseif(fmt STREQUAL "markdown")
    add_test(NAME schema.markdown.${name}
             COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/markdown.mjs
                     ${dir}/expected.stdout)
    set_tests_properties(schema.markdown.${name} PROPERTIES LABELS schema)
  elseif(fmt STREQUAL "github")
    add_test(NAME schema.github.${name}
             COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/github.mjs
                     ${dir}/expected.stdout)
    set_tests_properties(schema.github.${name} PROPERTIES LABELS schema)
  elseif(fmt STREQUAL "sarif")
    add_test(NAME schema.sarif.${name}
             COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/validate.mjs
                     ${PF_SARIF_SCHEMA} ${dir}/expected.stdout)
    set_tests_properties(schema.sarif.${name} PROPERTIES LABELS schema)
  endif()
endforeach()

file(GLOB pf_bad_json ${PF_SCHEMA_DIR}/invalid/report-*.json)
file(GLOB pf_bad_sarif ${PF_SCHEMA_DIR}/invalid/sarif-*.json)
add_test(NAME schema.json.rejects_invalid
         COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/validate.mjs --expect-invalid
                 ${PF_REPORT_SCHEMA} ${pf_bad_json})
add_test(NAME schema.sarif.rejects_invalid
         COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/validate.mjs --expect-invalid
                 ${PF_SARIF_SCHEMA} ${pf_bad_sarif})
set_tests_properties(schema.json.rejects_invalid schema.sarif.rejects_invalid
                     PROPERTIES LABELS schema)

# Names with pipes, backticks and HTML come through as text; the checker
# itself must reject a report where they were not escaped.
add_test(NAME schema.markdown.escaping_renders_verbatim
         COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/markdown.mjs
                 ${PROJECT_SOURCE_DIR}/testdata/cases/424-markdown-escaping/expected.stdout
                 --text "renaming column \"pipe|table\".\"tick`col\" to \"<b>*x*</b>\""
                 --text "dropping table \"a_b|`c`\"")
add_test(NAME schema.markdown.rejects_injected
         COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/markdown.mjs
                 ${PF_SCHEMA_DIR}/invalid/markdown-injected.md)
set_tests_properties(schema.markdown.rejects_injected PROPERTIES WILL_FAIL TRUE)
set_tests_properties(schema.markdown.escaping_renders_verbatim
                     schema.markdown.rejects_injected PROPERTIES LABELS schema)

# A file name with "," ":" and "%" survives the runner's unescaping; the
# checker rejects unescaped commands.
add_test(NAME schema.github.escaping_file_property
         COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/github.mjs
                 ${PROJECT_SOURCE_DIR}/testdata/cases/414-github-escaping/expected.stdout
                 --file "v1,a:b%.sql")
add_test(NAME schema.github.rejects_unescaped
         COMMAND ${PF_NODE} ${PF_SCHEMA_DIR}/github.mjs
                 ${PF_SCHEMA_DIR}/invalid/github-unescaped.txt)
set_tests_properties(schema.github.rejects_unescaped PROPERTIES WILL_FAIL TRUE)
set_tests_properties(schema.github.escaping_file_property
                     schema.github.rejects_unescaped PROPERTIES LABELS schema)

foreach(fmt json sarif markdown github)
  add_test(NAME schema.stable.${fmt}
           COMMAND ${CMAKE_COMMAND} -DPF_BIN=$<TARGET_FILE:pgpreflight>
                   -DFORMAT=${fmt} -DSRC=${PROJECT_SOURCE_DIR}
                   -P ${PF_SCHEMA_DIR}/stable.cmake)
  set_tests_properties(schema.stable.${fmt} PROPERTIES LABELS schema)
endforeach()

# `cmake --install` puts the JSON Schema where consumers look for it.
add_test(NAME schema.installed
         COMMAND ${CMAKE_COMMAND} -DBUILD=${CMAKE_BINARY_DIR}
                 -DPREFIX=${CMAKE_BINARY_DIR}/install-test
                 -DSCHEMA=${PF_REPORT_SCHEMA}
                 -P ${PF_SCHEMA_DIR}/installed.cmake)
set_tests_properties(schema.installed PROPERTIES LABELS schema)
