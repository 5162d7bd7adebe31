# ccp_host_layer(NAME [USES layer...] [LIBS target...] [EXCLUDE file...])
#
# Makes host/NAME/*.cpp the static library ccp_NAME, linked to the layers it
# USES and to the external LIBS, and checks at build time that the layer's
# files include project headers only from NAME itself and from the layers in
# USES, transitively (cmake/check_layer_includes.cmake). Layers must be
# declared lowest first: a layer can only name layers that already exist,
# which is what makes the order one declared list.
set(CCP_HOST_DIR "${PROJECT_SOURCE_DIR}/host")

function(ccp_host_layer name)
  cmake_parse_arguments(PARSE_ARGV 1 L "" "" "USES;LIBS;EXCLUDE")
  set(allowed ${name})
  set(deps "")
  foreach(use IN LISTS L_USES)
    if(NOT TARGET ccp_${use})
      message(FATAL_ERROR "host layer ${name} uses ${use}, which is not declared below it")
    endif()
    get_property(use_allowed GLOBAL PROPERTY CCP_LAYER_ALLOWED_${use})
    list(APPEND allowed ${use_allowed})
    list(APPEND deps ccp_${use})
  endforeach()
  list(REMOVE_DUPLICATES allowed)
  set_property(GLOBAL PROPERTY CCP_LAYER_ALLOWED_${name} "${allowed}")

  file(GLOB sources CONFIGURE_DEPENDS "${CCP_HOST_DIR}/${name}/*.cpp")
  file(GLOB headers CONFIGURE_DEPENDS "${CCP_HOST_DIR}/${name}/*.h")
  # One implementation per system beside its interface: posix_*.cpp on
  # Linux and macOS, windows_*.cpp on Windows (e.g. base/system_random.h).
  if(WIN32)
    list(FILTER sources EXCLUDE REGEX "/posix_[^/]*\\.cpp$")
  else()
    list(FILTER sources EXCLUDE REGEX "/windows_[^/]*\\.cpp$")
  endif()
  foreach(excluded IN LISTS L_EXCLUDE)
    list(REMOVE_ITEM sources "${CCP_HOST_DIR}/${name}/${excluded}")
  endforeach()

  # The include check runs again whenever a file of the layer changes.
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/layer-${name}.checked")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND "${CMAKE_COMMAND}" "-DLAYER=${name}" "-DALLOWED=${allowed}"
            "-DLAYER_DIR=${CCP_HOST_DIR}/${name}" "-DSTAMP=${stamp}"
            -P "${PROJECT_SOURCE_DIR}/cmake/check_layer_includes.cmake"
    DEPENDS ${sources} ${headers} "${PROJECT_SOURCE_DIR}/cmake/check_layer_includes.cmake"
    COMMENT "Checking the includes of host layer ${name}"
    VERBATIM)
  add_custom_target(ccp_${name}_layer_check DEPENDS "${stamp}")

  add_library(ccp_${name} STATIC ${sources})
  add_dependencies(ccp_${name} ccp_${name}_layer_check)
  target_include_directories(ccp_${name} PUBLIC "${CCP_HOST_DIR}")
  target_link_libraries(ccp_${name} PUBLIC ${deps} ${L_LIBS})
endfunction()
