# cmake -DLAYER=name -DALLOWED=a;b -DLAYER_DIR=dir -DSTAMP=file -P check_layer_includes.cmake
#
# Fails when a file of host/LAYER includes a project header ("folder/x.h")
# from a folder that is not in ALLOWED, naming the file, the line and the
# layers it may use. Written in CMake so the check needs nothing beyond the
# build's own tool.
cmake_minimum_required(VERSION 3.25)
file(GLOB files "${LAYER_DIR}/*.cpp" "${LAYER_DIR}/*.h")
set(violations "")
foreach(file IN LISTS files)
  file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"[a-z_]+/")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([a-z_]+)/.*$" "\\1" folder "${line}")
    if(NOT folder IN_LIST ALLOWED)
      get_filename_component(shown "${file}" NAME)
      string(STRIP "${line}" line)
      string(APPEND violations "  ${LAYER}/${shown}: ${line}\n")
    endif()
  endforeach()
endforeach()
if(violations)
  string(REPLACE ";" ", " allowed_text "${ALLOWED}")
  message(FATAL_ERROR
    "host layer ${LAYER} may include only ${allowed_text}, but:\n${violations}"
    "Move the code to the right layer, or declare the use in host/CMakeLists.txt "
    "(docs/architecture.md, Layers).")
endif()
file(TOUCH "${STAMP}")
