# The Windows build's external libraries. Debian ships no mingw builds of
# OpenSSL, libcurl or the compiled Boost libraries, so the Windows build uses
# only header-only libraries, each exposed on its own: a folder of links to
# exactly /usr/include/{boost,nlohmann,CLI}, never all of /usr/include
# (cmake/mingw-w64.cmake keeps Linux headers out of the build).
set(ccp_windows_include "${CMAKE_BINARY_DIR}/windows-include")
file(MAKE_DIRECTORY "${ccp_windows_include}")
foreach(dir boost nlohmann CLI)
  if(NOT EXISTS "/usr/include/${dir}")
    message(FATAL_ERROR "/usr/include/${dir} is missing: ./run windows installs it")
  endif()
  file(CREATE_LINK "/usr/include/${dir}" "${ccp_windows_include}/${dir}" SYMBOLIC)
endforeach()

function(ccp_header_only_target name)
  add_library(${name} INTERFACE IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${ccp_windows_include}")
  # -isystem: warnings in these headers are theirs, not ours.
  set_property(TARGET ${name} PROPERTY INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${ccp_windows_include}")
endfunction()
ccp_header_only_target(nlohmann_json::nlohmann_json)
ccp_header_only_target(Boost::headers)
ccp_header_only_target(CLI11::CLI11)
# Boost 1.74's Asio with GCC 12 in C++20 uses std::exchange in awaitable.hpp
# without including <utility> (fixed in later Boost).
set_property(TARGET Boost::headers PROPERTY INTERFACE_COMPILE_OPTIONS "SHELL:-include utility")
# Asio and the Windows headers: Windows 10 is the oldest system the host
# supports; WIN32_LEAN_AND_MEAN keeps <windows.h> from pulling in winsock 1.
add_compile_definitions(_WIN32_WINNT=0x0A00 WIN32_LEAN_AND_MEAN NOMINMAX)

find_package(Threads REQUIRED)
