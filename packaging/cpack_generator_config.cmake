# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE, set in
# packaging/cpack.cmake), after the build made the package's /etc files.
#
# Every file under /etc is configuration: an upgrade keeps an edited config
# or manifest and a purge removes them (Debian Policy 10.7.2: conffiles;
# rpm: %config(noreplace), a new version goes beside it as .rpmnew).
file(GLOB_RECURSE etc_files RELATIVE "${CPACK_CCP_RELOGIN_STAGING}"
     "${CPACK_CCP_RELOGIN_STAGING}/etc/*")
list(APPEND etc_files etc/ccp-relogin/config.json)
list(SORT etc_files)
list(TRANSFORM etc_files PREPEND "/")

if(CPACK_GENERATOR STREQUAL "DEB")
  set(conffiles "${CPACK_CCP_RELOGIN_STAGING}/control/conffiles")
  list(JOIN etc_files "\n" lines)
  file(WRITE "${conffiles}" "${lines}\n")
  set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${conffiles}")
elseif(CPACK_GENERATOR STREQUAL "RPM")
  set(CPACK_RPM_USER_FILELIST "")
  set(excluded /usr/share/lintian /usr/share/lintian/overrides /usr/share/man /usr/share/man/man1)
  # No build-id links under /usr/lib/.build-id: two static programs, and
  # a purge must leave nothing behind.
  set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none")
  foreach(file IN LISTS etc_files)
    list(APPEND CPACK_RPM_USER_FILELIST "%config(noreplace) ${file}")
    # The browsers' folders belong to the browsers (or to no package):
    # this package owns its files and /etc/ccp-relogin only.
    get_filename_component(dir "${file}" DIRECTORY)
    while(NOT dir STREQUAL "/etc" AND NOT dir STREQUAL "/etc/ccp-relogin")
      list(APPEND excluded "${dir}")
      get_filename_component(dir "${dir}" DIRECTORY)
    endwhile()
  endforeach()
  list(REMOVE_DUPLICATES excluded)
  list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION ${excluded})
endif()
