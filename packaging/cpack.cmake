# The Linux packages of the native host: a .deb and an .rpm (docs/rollout.md,
# "Linux packages"). Every file the package puts down is a file of the
# package, so `dpkg -S` / `rpm -qf` know it and a purge removes it; no
# maintainer script writes anything:
#   /usr/bin/ccp-relogin, /usr/bin/ccp-relogin-network
#   the browsers' system-wide host manifests, generated at build time by the
#     built host itself (`ccp-relogin manifest --root`, from the one browsers
#     table in platform/browsers.cpp), for the extension IDs the package is
#     built for;
#   /etc/ccp-relogin/config.json, a conffile naming those IDs in
#     allowedExtensionIds (the host accepts no other caller, and profiles
#     come from the browser policy or from the administrator's edit);
#   the copyright file, the changelog and the lintian overrides.
#
# A package goes to agents' machines, so it must not trust the unpacked
# development extension (CMakeLists.txt): a build that does gets no package
# configuration at all, and `cpack` fails there. Nor does a build that names
# no extension ID (CCP_RELOGIN_EXTENSION_IDS): its host would answer nobody.
set(CCP_RELOGIN_EXTENSION_IDS "" CACHE STRING
    "Extension IDs the packages register the host for (;-separated); ./run package sets it")
foreach(generated CPackConfig.cmake CPackSourceConfig.cmake)
  # A build directory configured earlier with other options keeps its files.
  file(REMOVE "${CMAKE_BINARY_DIR}/${generated}")
endforeach()
if(CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION)
  message(STATUS "No packages: CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION is ON "
                 "(build packages with the release preset)")
  return()
endif()
if(NOT CCP_RELOGIN_EXTENSION_IDS OR WIN32)
  message(STATUS "No Linux packages: set CCP_RELOGIN_EXTENSION_IDS (./run package does)")
  return()
endif()
foreach(id IN LISTS CCP_RELOGIN_EXTENSION_IDS)
  # (CMake's regular expressions have no {n} repetition.)
  string(LENGTH "${id}" id_length)
  if(NOT id MATCHES "^[a-p]+$" OR NOT id_length EQUAL 32)
    message(FATAL_ERROR "CCP_RELOGIN_EXTENSION_IDS: '${id}' is not an extension ID (32 letters a-p)")
  endif()
endforeach()

set(staging "${CMAKE_BINARY_DIR}/package-files")
string(REPLACE ";" "," ids_csv "${CCP_RELOGIN_EXTENSION_IDS}")
set(id_args "")
foreach(id IN LISTS CCP_RELOGIN_EXTENSION_IDS)
  list(APPEND id_args --extension-id "${id}")
endforeach()
set(manifest_list "${CMAKE_BINARY_DIR}/package-manifests.txt")
add_custom_command(
  OUTPUT "${manifest_list}"
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${staging}/etc"
  COMMAND ccp-relogin manifest --system linux --host-path /usr/bin/ccp-relogin ${id_args}
          --root "${staging}" --browser chrome,chromium,edge,brave > "${manifest_list}"
  DEPENDS ccp-relogin
  COMMENT "Host manifests for the packages (ccp-relogin manifest --root)"
  VERBATIM)
add_custom_target(package-manifests ALL DEPENDS "${manifest_list}")

# The sample machine config: valid as shipped, so doctor passes on a fresh
# install once the browser policy brings the profiles.
list(TRANSFORM CCP_RELOGIN_EXTENSION_IDS PREPEND "\"" OUTPUT_VARIABLE quoted)
list(TRANSFORM quoted APPEND "\"")
string(REPLACE ";" ", " CCP_RELOGIN_EXTENSION_IDS_JSON "${quoted}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/config.json.in" "${staging}/config/config.json" @ONLY)

# Absolute destinations: these live outside the /usr prefix by design. The
# manifests' names are known only once the build made them, so they are
# copied as a folder; install(DIRECTORY) to an absolute destination would
# make CPack's rpm claim all of /etc as %config.
# file(INSTALL) puts DESTDIR (the package staging tree) in front itself.
install(CODE "file(INSTALL \"${staging}/etc/\" DESTINATION /etc)")
install(FILES "${staging}/config/config.json" DESTINATION /etc/ccp-relogin)
set(doc_dir share/doc/ccp-relogin)
install(FILES "${CMAKE_CURRENT_LIST_DIR}/debian/copyright" DESTINATION ${doc_dir})
install(FILES "${CMAKE_CURRENT_LIST_DIR}/debian/lintian-overrides"
        DESTINATION share/lintian/overrides RENAME ccp-relogin)
configure_file("${CMAKE_CURRENT_LIST_DIR}/debian/changelog.in" "${staging}/doc/changelog" @ONLY)
# Debian wants the changelog compressed, reproducibly (gzip -n); a version
# without a Debian revision is a native package, whose file is changelog.gz.
set(changelog "${staging}/doc/changelog.gz")
add_custom_command(
  OUTPUT "${changelog}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${staging}/doc"
  COMMAND sh -c "gzip -9n < \"$0\" > \"$1\"" "${staging}/doc/changelog" "${changelog}"
  DEPENDS "${staging}/doc/changelog"
  VERBATIM)
add_custom_target(package-changelog ALL DEPENDS "${changelog}")
install(FILES "${changelog}" DESTINATION ${doc_dir})

# The manual page is the program's own --help (help2man), so it cannot
# drift from the commands the program has; gzip -n keeps it reproducible.
find_program(CCP_RELOGIN_HELP2MAN help2man REQUIRED)
set(man_page "${staging}/man/ccp-relogin.1.gz")
add_custom_command(
  OUTPUT "${man_page}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${staging}/man"
  COMMAND sh -c "\"$0\" --no-info --version-option=version --help-option=--help --name \"$1\" \"$2\" | gzip -9n > \"$3\""
          "${CCP_RELOGIN_HELP2MAN}" "sign Amazon Connect agents back in through Microsoft Entra ID"
          $<TARGET_FILE:ccp-relogin> "${man_page}"
  DEPENDS ccp-relogin
  VERBATIM)
add_custom_target(package-man-page ALL DEPENDS "${man_page}")
install(FILES "${man_page}" DESTINATION share/man/man1)

set(CPACK_PACKAGE_NAME "ccp-relogin")
set(CPACK_PACKAGE_VENDOR "ccp-relogin")
set(CPACK_PACKAGE_CONTACT "ccp-relogin maintainers <ccp-relogin@example.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Amazon Connect re-login through Entra ID (native host)")
set(CPACK_PACKAGE_DESCRIPTION
    "Native messaging host of the ccp-relogin browser extension. When the Amazon\n"
    "Connect session of an agent ends, it picks the sign-in profile, builds the\n"
    "Microsoft Entra ID sign-in URL with its relay state, guards against login\n"
    "loops and keeps an audit trail. Registered with Chrome, Chromium, Edge and\n"
    "Brave for the extension IDs named in /etc/ccp-relogin/config.json.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/ccp-relogin/ccp-relogin")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB;RPM")
set(CPACK_PACKAGE_FILE_NAME "ccp-relogin_${PROJECT_VERSION}")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Proprietary")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
# The host's paths are absolute in the browsers' manifests: not relocatable.
set(CPACK_PACKAGE_RELOCATABLE OFF)
# Which files are configuration, and which folders the package does not
# own, follow from the files the build generated: cpack decides that when it
# runs (packaging/cpack_generator_config.cmake), so no path is written here
# a second time.
set(CPACK_CCP_RELOGIN_STAGING "${staging}")
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/cpack_generator_config.cmake")
include(CPack)
