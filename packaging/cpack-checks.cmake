# cpack-checks.cmake: refuses to make a corridor package from a build that would not work in it.

# config.h bakes the data folder in at configure time: a build configured for /usr/local would
# look for /usr/local/share/corridor while the package puts its files in /usr/share/corridor.
if(NOT CPACK_CORRIDOR_INSTALL_PREFIX STREQUAL "/usr")
  message(FATAL_ERROR
    "corridor: this build was configured with CMAKE_INSTALL_PREFIX=${CPACK_CORRIDOR_INSTALL_PREFIX}; "
    "a package needs /usr. Configure a fresh build folder, or run "
    "cmake -DCMAKE_INSTALL_PREFIX=/usr on this one, then build the package again.")
endif()
if(NOT CPACK_DEBIAN_PACKAGE_ARCHITECTURE)
  message(FATAL_ERROR "corridor: no package architecture: dpkg --print-architecture gave nothing; "
    "is this a Debian system? For a cross-build use packaging/arm64-toolchain.cmake.")
endif()
