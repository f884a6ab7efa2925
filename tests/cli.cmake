# Golden CLI cases over testdata/cases, and the rule meta-test.
find_program(PF_PSQL psql PATHS /usr/lib/postgresql/15/bin)
file(GLOB PF_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/testdata/cases/*)
foreach(dir ${PF_CASES})
  if(NOT IS_DIRECTORY ${dir} OR NOT EXISTS ${dir}/args)
    continue()
  endif()
  get_filename_component(name ${dir} NAME)
  add_test(NAME cli.${name}
           COMMAND ${CMAKE_COMMAND} -DPF_BIN=$<TARGET_FILE:pgpreflight>
                   -DCASE_DIR=${dir} -DDSN_FILE=${PF_LIVE_DSN_FILE}
                   -DPSQL=${PF_PSQL} -P ${CMAKE_CURRENT_SOURCE_DIR}/run_case.cmake)
  if(EXISTS ${dir}/setup.sql)
    set_tests_properties(cli.${name} PROPERTIES LABELS "cli;live"
                         FIXTURES_REQUIRED pgserver)
  else()
    set_tests_properties(cli.${name} PROPERTIES LABELS cli)
  endif()
endforeach()
add_test(NAME meta.rule_cases
         COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/check_rule_cases.cmake)
