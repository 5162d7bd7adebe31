# Debian and RPM packages of the native host. The package installs the binary
# only; `ccp-relogin install --scope system` (run by the postinst script)
# writes the browser manifests, so the paths live in one table in the code.
#
# A package goes to agents' machines, so it must not trust the unpacked
# development extension (CMakeLists.txt): a build that does gets no package
# configuration at all, and `cpack` fails there.
if(CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION)
  message(STATUS "No packages: CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION is ON "
                 "(build packages with the release preset)")
  # A build directory configured earlier without the option keeps its files.
  file(REMOVE "${CMAKE_BINARY_DIR}/CPackConfig.cmake" "${CMAKE_BINARY_DIR}/CPackSourceConfig.cmake")
  return()
endif()
set(CPACK_PACKAGE_NAME "ccp-relogin")
set(CPACK_PACKAGE_VENDOR "ccp-relogin")
set(CPACK_PACKAGE_CONTACT "ccp-relogin maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Signs Amazon Connect agents back in through Microsoft Entra ID (native messaging host)")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/debian/postinst;${CMAKE_CURRENT_LIST_DIR}/debian/prerm")
set(CPACK_RPM_POST_INSTALL_SCRIPT_FILE "${CMAKE_CURRENT_LIST_DIR}/debian/postinst")
set(CPACK_RPM_PRE_UNINSTALL_SCRIPT_FILE "${CMAKE_CURRENT_LIST_DIR}/debian/prerm")
include(CPack)
