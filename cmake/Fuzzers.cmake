# Fuzzing and hardening tests (issue 10).
#
# Always: one replay executable per fuzz target (fuzzers/fuzz_<t>.c linked
# with fuzzers/standalone.c) and a ctest entry `fuzz_replay_<t>` (label
# "fuzz-replay") that runs it over fuzzers/corpus/<t>/, so every build —
# gcc, and the ASan+UBSan one in CI — replays the corpora and every crash
# ever found. With -DCABTALLY_FUZZ=ON and clang: also the libFuzzer
# executables `fuzz_<t>` (target `fuzzers`; `make fuzz` runs them), with
# the module libraries built with coverage instrumentation.
#
# Also here, because they link every module or need a label of their own:
# tests/test_hostile*.c (cmocka, label "unit;hostile") and
# tests/valgrind/*.sh (label "valgrind", only in builds without sanitizers
# and when valgrind is installed).

set(CABTALLY_FUZZ_DIR ${PROJECT_SOURCE_DIR}/fuzzers)
file(GLOB CABTALLY_FUZZ_SOURCES CONFIGURE_DEPENDS ${CABTALLY_FUZZ_DIR}/fuzz_*.c)

set(_libfuzzer OFF)
if(CABTALLY_FUZZ)
  if(CMAKE_C_COMPILER_ID MATCHES "Clang")
    set(_libfuzzer ON)
    # Coverage feedback from the code under test, not only the targets.
    foreach(lib IN LISTS CABTALLY_BUILT_MODULES)
      target_compile_options(${lib} PRIVATE -fsanitize=fuzzer-no-link)
    endforeach()
    add_custom_target(fuzzers)
  else()
    message(WARNING "CABTALLY_FUZZ needs clang (libFuzzer); only the corpus replays are built")
  endif()
endif()

set(_fuzz_env
  "CABTALLY_FIXTURES=${PROJECT_SOURCE_DIR}/fixtures"
  "CABTALLY_DATA=${PROJECT_SOURCE_DIR}/data")

foreach(src IN LISTS CABTALLY_FUZZ_SOURCES)
  get_filename_component(_name ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" _t ${_name})
  add_executable(${_name}_replay ${src} ${CABTALLY_FUZZ_DIR}/standalone.c)
  target_include_directories(${_name}_replay PRIVATE ${CABTALLY_FUZZ_DIR})
  target_link_libraries(${_name}_replay PRIVATE ${CABTALLY_BUILT_MODULES})
  target_compile_definitions(${_name}_replay PRIVATE
    FUZZ_DATADIR="${PROJECT_SOURCE_DIR}/data")
  cabtally_warnings(${_name}_replay)
  if(CABTALLY_TESTS)
    add_test(NAME fuzz_replay_${_t}
      COMMAND ${_name}_replay ${CABTALLY_FUZZ_DIR}/corpus/${_t})
    set_tests_properties(fuzz_replay_${_t} PROPERTIES LABELS "fuzz-replay"
      ENVIRONMENT "${_fuzz_env}")
  endif()
  if(_libfuzzer)
    add_executable(${_name} ${src})
    target_include_directories(${_name} PRIVATE ${CABTALLY_FUZZ_DIR})
    target_link_libraries(${_name} PRIVATE ${CABTALLY_BUILT_MODULES})
    target_compile_definitions(${_name} PRIVATE FUZZ_DATADIR="${PROJECT_SOURCE_DIR}/data")
    target_compile_options(${_name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${_name} PRIVATE -fsanitize=fuzzer)
    cabtally_warnings(${_name})
    add_dependencies(fuzzers ${_name})
  endif()
endforeach()

if(CABTALLY_TESTS)
  set(_test_env ${_fuzz_env}
    "CABTALLY_SHARED=${PROJECT_SOURCE_DIR}/../shared"
    "CABTALLY_BIN=$<TARGET_FILE:cabtally>")
  file(GLOB _hostile CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/test_hostile*.c)
  foreach(src IN LISTS _hostile)
    get_filename_component(_name ${src} NAME_WE)
    add_executable(${_name} ${src} ${PROJECT_SOURCE_DIR}/tests/testutil.c)
    target_include_directories(${_name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
    target_link_libraries(${_name} PRIVATE ${CABTALLY_BUILT_MODULES} PkgConfig::CMOCKA)
    cabtally_warnings(${_name})
    add_test(NAME ${_name} COMMAND ${_name})
    set_tests_properties(${_name} PROPERTIES LABELS "unit;hostile" ENVIRONMENT "${_test_env}")
  endforeach()

  find_program(VALGRIND valgrind)
  if(VALGRIND AND NOT CABTALLY_SANITIZE AND NOT _libfuzzer)
    file(GLOB _vg CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/valgrind/*.sh)
    foreach(script IN LISTS _vg)
      get_filename_component(_name ${script} NAME_WE)
      add_test(NAME valgrind_${_name} COMMAND bash ${script})
      set_tests_properties(valgrind_${_name} PROPERTIES LABELS "valgrind"
        ENVIRONMENT "${_test_env};VALGRIND=${VALGRIND}")
    endforeach()
  endif()
endif()
