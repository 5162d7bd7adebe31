# cmake -DBINARY=<ccp-relogin> -P check_host_links.cmake
#
# The host binary is a static PIE that loads no shared library
# (docs/architecture.md, "Processes"): no dynamic loader, no libc.so, no
# libcurl, OpenSSL, libstdc++ or Boost. A CTest test (tests/CMakeLists.txt)
# runs this on the built binary, so a link change that brings a shared
# library or the loader back fails the tests instead of quietly slowing
# every start.
execute_process(COMMAND readelf --dynamic --program-headers "${BINARY}"
                OUTPUT_VARIABLE headers RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf failed on ${BINARY}")
endif()
string(REGEX MATCHALL "Shared library: \\[[^]]+\\]" needed "${headers}")
if(needed)
  message(FATAL_ERROR "${BINARY} loads ${needed}; the host may load no shared library")
endif()
if(headers MATCHES "INTERP")
  message(FATAL_ERROR "${BINARY} asks for a dynamic loader (PT_INTERP); link it -static-pie")
endif()
if(NOT headers MATCHES "Elf file type is DYN")
  message(FATAL_ERROR "${BINARY} is not position-independent: it would lose ASLR")
endif()
message(STATUS "${BINARY}: a static PIE, no shared library")
