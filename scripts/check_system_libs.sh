#!/usr/bin/env bash
# Check the system libraries WeasyPrint loads at run time (Pango, HarfBuzz, Fontconfig) and a font.
# Missing ones are installed with apt-get when we are root or have passwordless sudo; otherwise
# the exact command is printed and we exit non-zero, because PDFs cannot be made without them.
set -euo pipefail

# shared object -> Debian/Ubuntu package that provides it
declare -A LIBS=(
  [libpango-1.0.so.0]=libpango-1.0-0
  [libpangoft2-1.0.so.0]=libpangoft2-1.0-0
  [libharfbuzz.so.0]=libharfbuzz0b
  [libharfbuzz-subset.so.0]=libharfbuzz-subset0
  [libfontconfig.so.1]=libfontconfig1
)

ldconfig_bin=$(command -v ldconfig || echo /sbin/ldconfig)
known=$("$ldconfig_bin" -p 2>/dev/null || true)

missing=()
for lib in "${!LIBS[@]}"; do
  if ! grep -qF "$lib " <<<"$known"; then
    missing+=("${LIBS[$lib]}")
  fi
done
# Pango renders nothing without at least one font on the system.
if ! find /usr/share/fonts /usr/local/share/fonts -name '*.ttf' -print -quit 2>/dev/null | grep -q .; then
  missing+=(fonts-dejavu-core)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "System libraries for WeasyPrint: OK"
  exit 0
fi

mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
install_line="apt-get install -y --no-install-recommends ${missing[*]}"
echo "WeasyPrint needs system packages that are missing: ${missing[*]}"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "This is not a Debian/Ubuntu system. Install Pango, HarfBuzz (with hb-subset) and Fontconfig" >&2
  echo "with your package manager, then run make again." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo $install_line" >&2
  echo "then run make again." >&2
  exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# shellcheck disable=SC2086
"${sudo[@]}" $install_line
