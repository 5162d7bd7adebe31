# cmake -DBINARY=<ccp-relogin> -P check_host_links.cmake
#
# The host binary loads only the C library and libm (docs/architecture.md,
# "Processes"): no libcurl, OpenSSL, libstdc++ or Boost shared library. A
# CTest test (tests/CMakeLists.txt) runs this on the built binary, so linking
# one of them back in fails the tests instead of quietly slowing every start.
execute_process(COMMAND readelf -d "${BINARY}" OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf failed on ${BINARY}")
endif()
string(REGEX MATCHALL "Shared library: \\[[^]]+\\]" needed "${dynamic}")
foreach(entry IN LISTS needed)
  string(REGEX REPLACE "Shared library: \\[([^]]+)\\]" "\\1" library "${entry}")
  if(NOT library MATCHES "^(libc|libm|ld-linux-x86-64|ld-linux-aarch64)\\.so")
    message(FATAL_ERROR "${BINARY} loads ${library}; the host may load only libc and libm")
  endif()
endforeach()
message(STATUS "${BINARY} loads only: ${needed}")
