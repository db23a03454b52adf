# echoes_subsystem(NAME <name> [DEPS <targets...>])
# Builds every .cpp in the current folder into the static library echoes_<name>.
# Headers are included as "<subsystem>/<file>.h" from src/.
function(echoes_subsystem)
  cmake_parse_arguments(ARG "" "NAME" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  set(target echoes_${ARG_NAME})
  if(sources)
    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}/src")
    target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE "${PROJECT_SOURCE_DIR}/src")
    target_link_libraries(${target} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# echoes_test(NAME <name> [DEPS <targets...>] [CEPH])
# Builds every .cpp in the current test folder into one GoogleTest binary test_<name>.
# Every test requires the shared PostgreSQL cluster's ctest fixture; with CEPH also the
# throwaway Ceph cluster's (S3 gateway). tests/CMakeLists.txt defines both fixtures.
function(echoes_test)
  cmake_parse_arguments(ARG "CEPH" "NAME" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  if(NOT sources)
    return()
  endif()
  set(target test_${ARG_NAME})
  add_executable(${target} ${sources})
  target_link_libraries(${target} PRIVATE ${ARG_DEPS} echoes_test_support GTest::gtest_main GTest::gmock)
  gtest_discover_tests(${target} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS ${ARG_NAME})
  set(fixtures postgres)
  set(environment "ECHOES_TEST_PG_STATE=${ECHOES_TEST_PG_STATE}")
  if(ARG_CEPH)
    list(APPEND fixtures ceph)
    list(APPEND environment "ECHOES_TEST_CEPH_STATE=${ECHOES_TEST_CEPH_STATE}")
  endif()
  echoes_require_servers(${target} "${fixtures}" "${environment}")
endfunction()

# Gives the discovered tests of `target` the ctest fixtures and environment. Done in a file
# ctest includes after discovery: list values (two fixtures) do not survive
# gtest_discover_tests(PROPERTIES).
function(echoes_require_servers target fixtures environment)
  set(file "${CMAKE_CURRENT_BINARY_DIR}/${target}_servers.cmake")
  file(WRITE "${file}"
       "if(${target}_TESTS)\n"
       "  set_tests_properties(\${${target}_TESTS} PROPERTIES FIXTURES_REQUIRED \"${fixtures}\"\n"
       "                       ENVIRONMENT \"${environment}\")\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${file}")
endfunction()
