# package.cmake: install rules beyond the program itself, and the Debian package built by CPack.
#
#   cmake -S . -B build && cmake --build build --target package   ->  build/corridor_VERSION_ARCH.deb
#
# Included at the end of the top-level CMakeLists.txt, after every other install() rule.

set(CORRIDOR_SYSTEMD_UNIT_DIR "/lib/systemd/system" CACHE PATH
    "Where the systemd units are installed")
set(CORRIDOR_CONF_DIR "/etc/corridor" CACHE PATH
    "Where corridor.conf and sync.conf are installed (conffiles in the package)")
set(CORRIDOR_PACKAGE_MAINTAINER "corridor maintainers <corridor@localhost>" CACHE STRING
    "Maintainer field of the Debian package")

set(pkg "${PROJECT_SOURCE_DIR}/packaging")

# Playlists to start from, and the schema editors can validate a playlist against.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/playlists/"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/corridor/playlists")
install(FILES "${PROJECT_SOURCE_DIR}/docs/playlist.schema.json"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/corridor" OPTIONAL)

# The service, the optional sync timer and its helper.
install(FILES "${pkg}/corridor.service" "${pkg}/corridor-sync.service" "${pkg}/corridor-sync.timer"
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

# The guides, for a Pi with no web browser.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}"
        FILES_MATCHING PATTERN "*.md")

# The Debian package.
if(DEFINED CORRIDOR_DEB_ARCH)
  set(deb_arch "${CORRIDOR_DEB_ARCH}")
else()
  execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE deb_arch
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
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
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-noto-color-emoji")
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
