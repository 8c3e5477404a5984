# package.cmake: install rules beyond the program itself, and the Debian package built by CPack.
#
#   cmake -S . -B build && cmake --build build --target package   ->  build/corridor_VERSION_ARCH.deb
#
# Included at the end of the top-level CMakeLists.txt, after every other install() rule.

set(CORRIDOR_SYSTEMD_UNIT_DIR "/lib/systemd/system" CACHE PATH
    "Where the systemd units are installed")
set(CORRIDOR_CONF_DIR "/etc/corridor" CACHE PATH
    "Where corridor.conf and sync.conf are installed (conffiles in the package)")
# The packager's name and address: -DCORRIDOR_PACKAGE_MAINTAINER="Name <address>", or Debian's
# DEBFULLNAME and DEBEMAIL from the environment. The default is a valid placeholder that says who
# wrote corridor; a hospital that builds its own packages puts its IT team here.
set(maintainer_default "The corridor authors <corridor@example.org>")
if(DEFINED ENV{DEBFULLNAME} AND DEFINED ENV{DEBEMAIL})
  set(maintainer_default "$ENV{DEBFULLNAME} <$ENV{DEBEMAIL}>")
endif()
set(CORRIDOR_PACKAGE_MAINTAINER "${maintainer_default}" CACHE STRING
    "Maintainer field of the Debian package: Name <address>")
if(CORRIDOR_PACKAGE_MAINTAINER STREQUAL "corridor maintainers <corridor@localhost>")
  # An older build folder's cache holds the earlier placeholder, which lintian rejects.
  set(CORRIDOR_PACKAGE_MAINTAINER "${maintainer_default}" CACHE STRING
      "Maintainer field of the Debian package: Name <address>" FORCE)
endif()
if(NOT CORRIDOR_PACKAGE_MAINTAINER MATCHES "^[^<>@]+ <[^<>@ ]+@[^<>@ ]+\\.[^<>@ ]+>$")
  message(FATAL_ERROR "corridor: CORRIDOR_PACKAGE_MAINTAINER='${CORRIDOR_PACKAGE_MAINTAINER}' is "
    "not a Maintainer Debian accepts; write it as \"Name <user@host.domain>\".")
endif()

set(pkg "${PROJECT_SOURCE_DIR}/packaging")

# Playlists to start from, and the schema editors can validate a playlist against.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/playlists/"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/corridor/playlists")
install(FILES "${PROJECT_SOURCE_DIR}/docs/playlist.schema.json"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/corridor" OPTIONAL)

# The service, the optional sync timer and its helper.
install(FILES "${pkg}/corridor.service" "${pkg}/corridor-sync.service" "${pkg}/corridor-sync.timer"
              "${pkg}/corridor-sync-urgent.service" "${pkg}/corridor-sync-urgent.timer"
        DESTINATION "${CORRIDOR_SYSTEMD_UNIT_DIR}")
install(PROGRAMS "${pkg}/corridor-sync" DESTINATION "${CMAKE_INSTALL_LIBEXECDIR}/corridor")
install(FILES "${pkg}/corridor.conf" "${pkg}/sync.conf" DESTINATION "${CORRIDOR_CONF_DIR}")
# The report page for the comms team: a service that is off until enabled, and its settings.
install(FILES "${pkg}/corridor-preview.service" DESTINATION "${CORRIDOR_SYSTEMD_UNIT_DIR}")
install(FILES "${pkg}/preview.conf" DESTINATION "${CORRIDOR_CONF_DIR}")

# Manual pages, written in roff by hand and compressed here as Debian wants them.
set(man_pages corridor.1 corridor-playlist.5)
set(man_gz "")
foreach(page IN LISTS man_pages)
  string(REGEX REPLACE ".*\\.([0-9])$" "\\1" section "${page}")
  set(out "${PROJECT_BINARY_DIR}/man/${page}.gz")
  add_custom_command(OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/man"
    COMMAND gzip -9 -n -c "${PROJECT_SOURCE_DIR}/docs/${page}" > "${out}"
    DEPENDS "${PROJECT_SOURCE_DIR}/docs/${page}"
    COMMENT "Compressing the manual page ${page}"
    VERBATIM)
  list(APPEND man_gz "${out}")
  install(FILES "${out}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man${section}")
endforeach()
add_custom_target(corridor_man ALL DEPENDS ${man_gz})

# Debian's copyright file and changelog, with the Maintainer filled in (packaging/debian/).
file(STRINGS "${pkg}/debian/changelog.in" changelog_top LIMIT_COUNT 1)
if(NOT changelog_top MATCHES "^corridor \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "corridor: packaging/debian/changelog.in starts with '${changelog_top}'; "
    "add an entry for ${PROJECT_VERSION} at its top, as project() in CMakeLists.txt says.")
endif()
configure_file("${pkg}/debian/copyright.in" "${PROJECT_BINARY_DIR}/debian/copyright" @ONLY)
configure_file("${pkg}/debian/changelog.in" "${PROJECT_BINARY_DIR}/debian/changelog" @ONLY)
set(changelog_gz "${PROJECT_BINARY_DIR}/debian/changelog.gz")
add_custom_command(OUTPUT "${changelog_gz}"
  COMMAND gzip -9 -n -c "${PROJECT_BINARY_DIR}/debian/changelog" > "${changelog_gz}"
  DEPENDS "${PROJECT_BINARY_DIR}/debian/changelog"
  COMMENT "Compressing the Debian changelog"
  VERBATIM)
add_custom_target(corridor_changelog ALL DEPENDS "${changelog_gz}")
install(FILES "${PROJECT_BINARY_DIR}/debian/copyright" "${changelog_gz}"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")

# The guides, for a Pi with no web browser.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}"
        FILES_MATCHING PATTERN "*.md")
# The Prometheus alert rules that many-screens.md describes, ready to copy to the server.
install(FILES "${PROJECT_SOURCE_DIR}/docs/corridor-alerts.yml" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

# The first-boot recipe for many Pis (docs/many-screens.md), copied from here onto each new
# card's boot drive; and the persistent journal's settings as an example.
install(FILES "${pkg}/firstboot/corridor-firstboot.sh" "${pkg}/firstboot/corridor-firstboot.service"
              "${pkg}/firstboot/corridor.txt" "${pkg}/firstboot/journald-corridor.conf"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}/examples/firstboot")

# The Debian package.
if(DEFINED CORRIDOR_DEB_ARCH)
  set(deb_arch "${CORRIDOR_DEB_ARCH}")
else()
  execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE deb_arch
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()

# Debian's hardening flags (fortify, stack protector, relro, bindnow, format checks) from
# dpkg-buildflags, on every corridor target: the player parses files from a shared drive. Off
# under the sanitizers and the fuzzers, which bring their own instrumentation.
option(CORRIDOR_HARDENING "Build with the flags dpkg-buildflags gives (hardening=+all)" ON)
find_program(DPKG_BUILDFLAGS dpkg-buildflags)
if(CORRIDOR_HARDENING AND DPKG_BUILDFLAGS AND NOT CORRIDOR_SANITIZE AND NOT CORRIDOR_FUZZ)
  foreach(var CPPFLAGS CFLAGS LDFLAGS)
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -E env "DEB_HOST_ARCH=${deb_arch}"
              "DEB_BUILD_MAINT_OPTIONS=hardening=+all" "${DPKG_BUILDFLAGS}" --get ${var}
      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
      OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "corridor: dpkg-buildflags --get ${var} failed; "
        "-DCORRIDOR_HARDENING=OFF builds without Debian's hardening flags")
    endif()
    separate_arguments(flags UNIX_COMMAND "${flags}")
    if(var STREQUAL "LDFLAGS")
      target_link_options(corridor_flags INTERFACE ${flags})
    else()
      target_compile_options(corridor_flags INTERFACE ${flags})
    endif()
  endforeach()
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "corridor")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "${CORRIDOR_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "${deb_arch}")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# CPack puts the summary first and indents these lines as Debian's control file wants.
set(CPACK_PACKAGE_DESCRIPTION
    "corridor plays a playlist of slides (today's sessions, images, quotes, text)
fullscreen on the console of a Raspberry Pi, through KMS/DRM without a desktop.
The playlist is a YAML file that people who are not programmers edit; corridor
reports every mistake with its line and column, keeps showing the last good
playlist, and reloads by itself when the file changes. The package brings a
hardened systemd service, a settings file in /etc/corridor and an optional
timer that keeps many screens' playlists in step.")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps sees only what corridor links. SDL opens the rest itself on KMS/DRM: EGL and
# OpenGL ES through libglvnd (libegl1, libgles2; libgl1 when the desktop OpenGL renderer is
# asked for), Mesa's EGL and its drivers (v3d and vc4 on a Pi), GBM for the screen's buffers
# and libudev for keyboards and touch panels. Raspberry Pi OS Lite ships none of the first four.
# adduser: the postinst makes the corridor user with it.
set(CORRIDOR_RUNTIME_DEPENDS
    "fonts-dejavu-core, fonts-noto-color-emoji, adduser, libegl1, libgles2, libgl1, libegl-mesa0, libgl1-mesa-dri, libgbm1, libudev1")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${CORRIDOR_RUNTIME_DEPENDS}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "rsync")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "git")
# dpkg keeps an administrator's edits to these across upgrades, and asks before replacing them.
file(WRITE "${PROJECT_BINARY_DIR}/debian/conffiles"
     "${CORRIDOR_CONF_DIR}/corridor.conf\n${CORRIDOR_CONF_DIR}/sync.conf\n")
file(APPEND "${PROJECT_BINARY_DIR}/debian/conffiles" "${CORRIDOR_CONF_DIR}/preview.conf\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_BINARY_DIR}/debian/conffiles;${pkg}/debian/postinst;${pkg}/debian/prerm"
    "${pkg}/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Checked by packaging/cpack-checks.cmake when the package is made.
set(CPACK_CORRIDOR_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_PROJECT_CONFIG_FILE "${pkg}/cpack-checks.cmake")

include(CPack)
