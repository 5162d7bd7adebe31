# Cross-compiles the host for 64-bit Windows with Debian's mingw-w64 (the
# POSIX-threads flavour: std::thread and std::mutex need it). Used by the
# `windows` preset; `./run windows` runs the result under Wine
# (README.md, "Windows").
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

# Only mingw's own sysroot is searched for libraries and headers: Linux's
# /usr/include must never leak into a Windows build. The few header-only
# libraries the host needs are handed in one by one (cmake/windows_deps.cmake).
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Tests and gtest discovery run the .exe files through Wine.
set(CMAKE_CROSSCOMPILING_EMULATOR wine)

# Static: the .exe needs no mingw DLL beside it (libstdc++, libgcc,
# winpthread), under Wine as on a real desktop.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
