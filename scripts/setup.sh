#!/usr/bin/env bash
# Installs the Debian packages panoptty builds and tests with, skipping what
# is already there. Safe to run again; needs root (or sudo) only when
# something is missing.
set -euo pipefail
need=()
for pkg in libpng-dev libncurses-dev libturbojpeg0-dev tmux pkg-config ncurses-base; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -eq 0 ]; then
  echo "setup: system packages present"
  exit 0
fi
echo "setup: installing ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "setup: done"
