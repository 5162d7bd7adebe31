# cmake -DOBJDUMP=<x86_64-w64-mingw32-objdump> -DBINARY=<file.exe> -P check_windows_imports.cmake
#
# A Windows executable of ours is linked statically (cmake/mingw-w64.cmake):
# it imports only DLLs that every Windows has, never a mingw runtime
# (libstdc++-6.dll, libgcc_s_seh-1.dll, libwinpthread-1.dll) that an agent's
# desktop would not have beside it. A CTest test (tests/windows_tests.cmake)
# runs this on the built .exe.
cmake_policy(SET CMP0057 NEW)  # if(IN_LIST) in a -P script
set(system_dlls ADVAPI32.dll bcrypt.dll KERNEL32.dll msvcrt.dll
  WS2_32.dll  # Boost.Asio's io_context starts Winsock (WSAStartup) in helpdesk/
  WINHTTP.dll CRYPT32.dll)  # ccp-relogin-network.exe: HTTPS and certificates
execute_process(COMMAND "${OBJDUMP}" -p "${BINARY}" OUTPUT_VARIABLE headers RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "objdump failed on ${BINARY}")
endif()
string(REGEX MATCHALL "DLL Name: [^\r\n]+" imports "${headers}")
if(NOT imports)
  message(FATAL_ERROR "${BINARY}: no DLL import found; is it a Windows executable?")
endif()
foreach(import IN LISTS imports)
  string(REPLACE "DLL Name: " "" dll "${import}")
  if(NOT dll IN_LIST system_dlls)
    message(FATAL_ERROR "${BINARY} imports ${dll}, not a DLL of Windows itself; link it -static")
  endif()
endforeach()
message(STATUS "${BINARY}: imports only ${system_dlls}")
