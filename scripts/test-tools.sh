#!/bin/sh
# The programs the tests open the outputs with (as users and publishers open them): installs the
# Debian packages that are missing, and does nothing when all are there. The build itself needs none.
#   sh scripts/test-tools.sh          install what is missing (apt-get, as root or with sudo)
#   sh scripts/test-tools.sh --check  only say what is missing (exit 1), as the tests do before they start
set -eu
check_only=false
[ "${1:-}" = --check ] && check_only=true

# tool  package  (a tool is a command on PATH, font:NAME an installed font family, file:PATH a file
# a package installs: LibreOffice Calc has no command of its own)
TOOLS='
pdfinfo poppler-utils
pdftotext poppler-utils
pdffonts poppler-utils
pdftoppm poppler-utils
qpdf qpdf
soffice libreoffice-writer-nogui
file:/usr/lib/libreoffice/program/libsclo.so libreoffice-calc-nogui
zbarimg zbar-tools
chromium chromium
font:BIZ_UDGothic fonts-morisawa-bizud-gothic
'

missing_tools=''
missing_packages=''
have() {
  case "$1" in
    font:*)
      name=$(echo "${1#font:}" | tr _ ' ')
      if command -v fc-list >/dev/null 2>&1; then fc-list | grep -q "$name"
      else ls /usr/share/fonts/truetype/bizud-gothic/ >/dev/null 2>&1; fi ;;
    file:*) [ -e "${1#file:}" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}
while read -r tool package; do
  [ -n "$tool" ] || continue
  if ! have "$tool"; then
    # A file stands for a package without a command of its own: say the package.
    case "$tool" in file:*) shown=$package ;; font:*) shown=${tool#font:} ;; *) shown=$tool ;; esac
    missing_tools="$missing_tools $shown"
    case " $missing_packages " in *" $package "*) ;; *) missing_packages="$missing_packages $package" ;; esac
  fi
done <<LIST
$TOOLS
LIST

[ -z "$missing_packages" ] && exit 0
if $check_only; then
  echo "$missing_tools|$missing_packages"
  exit 1
fi

echo "テストに要る道具を入れます:$missing_tools（Debian のパッケージ:$missing_packages）" >&2
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then sudo=''; elif command -v sudo >/dev/null 2>&1; then sudo='sudo'; else
    echo "root でも sudo でもないため入れられません。管理者に次を頼んでください: apt-get install$missing_packages" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing_packages >/dev/null
  exit 0
fi
echo "apt-get のない環境です。次の道具を入れてから、もう一度実行してください:$missing_tools" >&2
echo "（Debian・Ubuntu のパッケージ名では:$missing_packages）" >&2
exit 1
