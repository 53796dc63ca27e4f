#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build and the tests use, only those missing; safe to run again.
#   chromium-headless-shell  prints the PDFs and draws the covers (puppeteer-core drives it; no browser download)
#   chromium       the full browser, which Ace by DAISY drives in the tests
#   poppler-utils  pdftotext, pdffonts, pdfinfo, pdfimages: the tests read the PDFs with them
#   qpdf, mupdf-tools, unzip, epubcheck: the tests check PDFs, bookmarks and EPUBs with them
#   fonts-liberation  Times New Roman's and Arial's metrics, as readers' systems have them: the web
#                  edition shows its text in them until its own faces arrive, and the tests measure that
#   ghostscript    converts the press copy to print colours (PDF/X-4) and measures its ink in the tests
#   calibre        ebook-convert: the tests turn the EPUB into a Kindle book and back, as a reading system would
set -euo pipefail

packages=(chromium-headless-shell chromium poppler-utils qpdf mupdf-tools unzip epubcheck fonts-liberation ghostscript calibre)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages: all present (${packages[*]})."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found. Install these packages with your system's package manager: ${missing[*]}" >&2
  echo "(or point FOLIO_CHROMIUM at a Chrome or Chromium executable to build without them)" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "error: installing ${missing[*]} needs root: run 'apt-get install ${missing[*]}' as root" >&2
    exit 1
  fi
fi
echo "System packages: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
