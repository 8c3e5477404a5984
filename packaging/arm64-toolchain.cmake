# arm64-toolchain.cmake: cross-builds corridor and its .deb for 64-bit Raspberry Pi OS on Debian.
#
# Needs Debian 12 (bookworm, as Raspberry Pi OS is) with the cross compiler and the arm64
# -dev packages, which this script installs (it adds the arm64 architecture to dpkg):
#   sudo sh packaging/install-cross-arm64.sh
# then:
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=packaging/arm64-toolchain.cmake
#   cmake --build build-arm64 --target package      ->  build-arm64/corridor_VERSION_arm64.deb

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# Headers and libraries from the arm64 packages (multiarch: /usr/include, /usr/lib/aarch64-...);
# programs (gzip, dpkg) from the build machine.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkgconf's cross wrapper reads the .pc files of the arm64 packages only.
set(PKG_CONFIG_EXECUTABLE aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")

# The tests are arm64 programs: run them on a Pi, or here with qemu-user-static and
# -DCMAKE_CROSSCOMPILING_EMULATOR=qemu-aarch64-static.

# The package's Architecture field (dpkg --print-architecture would say the build machine's).
set(CORRIDOR_DEB_ARCH arm64)
