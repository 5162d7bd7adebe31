# The Windows test run (the `windows` preset, ./run windows): the host's unit
# tests of the layers the Windows build has (host/CMakeLists.txt), compiled
# with mingw-w64 and run under Wine.

# Debian has no mingw build of GoogleTest: build its sources with the same
# toolchain. Their own warnings are theirs (no -Werror there).
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(gtest_disable_pthreads OFF CACHE BOOL "" FORCE)
add_subdirectory(/usr/src/googletest "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL SYSTEM)
foreach(gtest_target gtest gtest_main gmock gmock_main)
  target_compile_options(${gtest_target} PRIVATE -Wno-error)
endforeach()

# The unit tests of the ported layers, by file-name prefix (the layer);
# windows_*_test.cpp are Windows-only (tests/CMakeLists.txt leaves them out
# of the Linux build).
# Not yet: federation_*_test.cpp read URLs back with libcurl's parser
# (federation_test_support.h), which Debian has no mingw build of.
set(ccp_windows_unit_tests
  base_sha256_test.cpp
  base_url_test.cpp
  base_url_agreement_test.cpp
  config_build_test.cpp
  config_destination_test.cpp
  config_managed_schema_test.cpp
  config_merge_test.cpp
  config_policy_limits_test.cpp
  config_session_test.cpp
  config_validate_test.cpp
  doctor_registry_cookie_policy_test.cpp
  guard_policy_test.cpp
  guard_state_test.cpp
  helpdesk_peer_allowed_test.cpp
  helpdesk_pipe_name_test.cpp
  messaging_frame_reader_test.cpp
  network_clock_test.cpp  # parse_http_date with WinHTTP
  messaging_frame_writer_test.cpp
  platform_browsers_test.cpp
  platform_command_line_test.cpp
  platform_manifest_installer_test.cpp
  platform_paths_test.cpp
  platform_process_identity_test.cpp
  platform_system_log_test.cpp
  windows_binary_stdio_test.cpp
  windows_browser_launch_test.cpp
  windows_child_process_test.cpp
  windows_files_test.cpp
  windows_helpdesk_pipe_test.cpp
  windows_manifest_registry_test.cpp
  windows_policy_registry_test.cpp
  windows_read_certificate_test.cpp
  windows_system_log_test.cpp)
list(TRANSFORM ccp_windows_unit_tests PREPEND "${CMAKE_CURRENT_SOURCE_DIR}/host/unit/")
add_executable(host_unit_tests ${ccp_windows_unit_tests})
target_compile_options(host_unit_tests PRIVATE -O0)
target_link_libraries(host_unit_tests PRIVATE ccp_guard ccp_federation ccp_messaging gtest_main gmock
  bcrypt)  # base_sha256_test.cpp: BCrypt's SHA-256 as the reference
target_link_libraries(host_unit_tests PRIVATE ccp_helpdesk)  # helpdesk_*, windows_helpdesk_*
target_link_libraries(host_unit_tests PRIVATE ccp_network)  # network_*, doctor_*
target_include_directories(host_unit_tests PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/host")
# support/repo_files.h: where the repository's files are (a root-relative path, so
# Wine finds it on the drive of the working directory, Z: for the Unix root).
target_compile_definitions(host_unit_tests PRIVATE CCP_RELOGIN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# The child windows_child_process_test.cpp starts: beside host_unit_tests.exe,
# where platform::helper_program finds it. CommandLineToArgvW is shell32's.
add_executable(windows_test_child "${CMAKE_CURRENT_SOURCE_DIR}/host/support/windows_test_child.cpp")
target_link_libraries(windows_test_child PRIVATE shell32)
add_dependencies(host_unit_tests windows_test_child)

# One Wine start per executable, not per test: each start costs seconds
# (gtest_discover_tests would start it once per test case).
add_test(NAME host_unit_tests COMMAND host_unit_tests --gtest_brief=1)
# Bounded: a Wine hang fails the run instead of stalling CI.
set_tests_properties(host_unit_tests PROPERTIES TIMEOUT 300)

# The .exe needs no mingw DLL beside it (static link, cmake/mingw-w64.cmake).
find_program(CCP_MINGW_OBJDUMP x86_64-w64-mingw32-objdump REQUIRED)
add_test(NAME WindowsBinary.ImportsOnlySystemDlls
  COMMAND "${CMAKE_COMMAND}" "-DOBJDUMP=${CCP_MINGW_OBJDUMP}" "-DBINARY=$<TARGET_FILE:host_unit_tests>"
          -P "${PROJECT_SOURCE_DIR}/cmake/check_windows_imports.cmake")
add_test(NAME WindowsBinary.NetworkHelperImportsOnlySystemDlls
  COMMAND "${CMAKE_COMMAND}" "-DOBJDUMP=${CCP_MINGW_OBJDUMP}" "-DBINARY=$<TARGET_FILE:ccp-relogin-network>"
          -P "${PROJECT_SOURCE_DIR}/cmake/check_windows_imports.cmake")
add_test(NAME WindowsBinary.HostImportsOnlySystemDlls
  COMMAND "${CMAKE_COMMAND}" "-DOBJDUMP=${CCP_MINGW_OBJDUMP}" "-DBINARY=$<TARGET_FILE:ccp-relogin>"
          -P "${PROJECT_SOURCE_DIR}/cmake/check_windows_imports.cmake")
