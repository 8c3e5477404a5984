#!/bin/sh
# Installs what cross-building corridor for arm64 (64-bit Raspberry Pi OS) needs on Debian 12.
set -eu
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# The -dev packages of another architecture install beside the native ones (multiarch), all but
# libical-dev, whose gir1.2-ical-3.0 is one architecture at a time: it replaces the native one
# (packaging/install-deps.sh puts that back).
$SUDO dpkg --add-architecture arm64
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    crossbuild-essential-arm64 cmake pkg-config dpkg-dev \
    libsdl2-dev:arm64 libsdl2-ttf-dev:arm64 libsdl2-image-dev:arm64 libyaml-dev:arm64 \
    libfontconfig-dev:arm64 libqrencode-dev:arm64 libexif-dev:arm64 libsystemd-dev:arm64 \
    libx11-dev:arm64 libjpeg-dev:arm64 libfribidi-dev:arm64 libpng-dev:arm64 \
    libical-dev:arm64 \
    libavformat-dev:arm64 libavcodec-dev:arm64 libavutil-dev:arm64 libswscale-dev:arm64 \
    libdrm-dev:arm64 \
    "$@"
