#!/bin/sh
# Installs the Debian packages corridor needs to build, test and run (run as root, or with sudo).
set -eu
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    build-essential cmake pkg-config git \
    libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libyaml-dev \
    libfontconfig-dev libqrencode-dev libexif-dev libjpeg-dev libsystemd-dev libx11-dev \
    libfribidi-dev libpng-dev libical-dev \
    libavformat-dev libavcodec-dev libavutil-dev libswscale-dev ffmpeg \
    libdrm-dev \
    fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji \
    python3 python3-yaml python3-jsonschema python3-ruamel.yaml \
    dpkg-dev file systemd man-db \
    zbar-tools shellcheck \
    "$@"
