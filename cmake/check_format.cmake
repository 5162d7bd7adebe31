# cmake -DSOURCE_DIR=<repo> -P check_format.cmake
#
# Every C and C++ file of the host, its tests and benchmarks is as
# clang-format (.clang-format) writes it. A CTest test (tests/CMakeLists.txt)
# runs this, so an unformatted change fails the tests, not a later review.
find_program(CLANG_FORMAT clang-format REQUIRED)
file(GLOB_RECURSE sources
  "${SOURCE_DIR}/host/*.cpp" "${SOURCE_DIR}/host/*.h"
  "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/tests/*.c")
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${sources}
                RESULT_VARIABLE rc ERROR_VARIABLE complaints)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "not clang-formatted (run clang-format -i on these):\n${complaints}")
endif()
list(LENGTH sources count)
message(STATUS "${count} files clang-formatted")
