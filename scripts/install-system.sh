#!/usr/bin/env bash
# Debian packages archivage needs at run time: tesseract with French (and OSD for page
# orientation) and poppler's tools. Installs only what is missing, so a second run is instant.
set -euo pipefail

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if command -v tesseract >/dev/null 2>&1; then
  langs=$(tesseract --list-langs 2>/dev/null || true)
  grep -qx fra <<<"$langs" || need+=(tesseract-ocr-fra)
  grep -qx osd <<<"$langs" || need+=(tesseract-ocr-osd)
else
  need+=(tesseract-ocr-fra tesseract-ocr-osd)
fi
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# ghostscript turns the searchable copies into PDF/A (ARCHIVAGE_PDFA=0 to skip)
command -v gs >/dev/null 2>&1 || need+=(ghostscript)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# the web interface's browser tests drive Debian's headless Chromium (Playwright's own download is not used)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Extra packages asked for by the caller (CI adds postgresql).
need+=("$@")

[ ${#need[@]} -eq 0 ] && exit 0
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
