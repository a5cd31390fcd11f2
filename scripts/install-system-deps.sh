#!/usr/bin/env bash
# Debian packages the indexer and its tests need, installed only when missing
# (a second run checks and exits in a moment):
# - chromium (+ fonts-liberation2): the browser tests drive it through Playwright
#   (Playwright's own browser download cannot work offline, so the tests point it
#   at /usr/bin/chromium);
# - npm: the accessibility tests fetch axe-core from npm into ~/.cache/vdoc-npm;
# - a JDK 17 with Maven for the OpenSearch engine (scripts/opensearch/cluster.py
#   fetches the engine from Maven Central; it bundles no JDK);
# - tesseract-ocr with the Vietnamese models (vie, script/Vietnamese) and poppler's
#   pdftoppm: OCR of scanned PDFs and page images;
# - antiword and catdoc: the text of Word 97-2003 .doc files;
# - python3 (Debian's /usr/bin/python3): a test runs the library as the user
#   `nobody`, who cannot run the venv's interpreter when the clone is in /root.
# - postgresql: the test suite's database server (scripts/postgres/cluster.py runs
#   Debian's binaries from a folder of its own; the packaged cluster is not used).
# Without the OCR or .doc tools the build still runs: such files are skipped with the reason.
set -euo pipefail
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium fonts-liberation2)
command -v npm >/dev/null 2>&1 || want+=(npm)
command -v java >/dev/null 2>&1 || want+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || want+=(maven)
for pkg in tesseract-ocr tesseract-ocr-eng tesseract-ocr-vie tesseract-ocr-script-viet poppler-utils antiword catdoc python3 postgresql; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || want+=("$pkg")
done
if [ ${#want[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${want[@]}" >/dev/null
command -v chromium npm java mvn tesseract pdftoppm antiword
