#!/usr/bin/env bash
# Debian packages the test suite needs: the chromium browser that the browser
# tests drive through Playwright (Playwright's own browser download cannot work
# offline, so the tests point it at /usr/bin/chromium), and a JDK 17 with
# Maven for the OpenSearch engine (scripts/opensearch/cluster.py fetches the
# engine from Maven Central; it bundles no JDK).
set -euo pipefail
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium fonts-liberation2)
command -v java >/dev/null 2>&1 || want+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || want+=(maven)
if [ ${#want[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${want[@]}" >/dev/null
command -v chromium java mvn
