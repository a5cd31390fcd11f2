#!/usr/bin/env bash
# Debian packages the test suite needs: the chromium browser that the browser
# tests drive through Playwright (Playwright's own browser download cannot work
# offline, so the tests point it at /usr/bin/chromium).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-liberation2 >/dev/null
command -v chromium
