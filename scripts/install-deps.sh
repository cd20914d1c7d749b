#!/bin/sh
# Installs what gongkai needs to build and test on Debian 12, skipping what is already there.
# Run as root (or with sudo). Every package comes from Debian's own archive.
set -eu
PKGS="build-essential cmake pkg-config clang libclang-rt-14-dev python3
libjansson-dev libutf8proc-dev libpcre2-dev libcmocka-dev
libxml2-dev libzip-dev libopencc-dev libopencc-data libxlsxwriter-dev libsqlite3-dev sqlite3
chromium fonts-noto-cjk libreoffice-writer-nogui poppler-utils"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi
echo "install-deps: installing$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
