#!/bin/sh
# Installs what the browser checks (tests/testsuite/browser.rs, tests/browser/check.mjs)
# and the CMS test (tests/testsuite/cms.rs, tests/browser/cms.mjs) need, and
# only what is missing:
#   - Debian's chromium (apt-get, as root), at $NETRA_CHROMIUM or /usr/bin/chromium
#   - a Java runtime for the Nu HTML Checker (default-jre-headless)
#   - the exact npm packages of package-lock.json (playwright-core, which
#     downloads no browser, axe-core, vnu-jar, lighthouse and decap-server,
#     the local backend of the browser editor) into
#     tests/browser/node_modules
# Node.js 20 or newer must already be there. Safe to run again.
set -eu
cd "$(dirname "$0")"

chromium=${NETRA_CHROMIUM:-/usr/bin/chromium}
pkgs=""
[ -x "$chromium" ] || pkgs="$pkgs chromium"
command -v java >/dev/null 2>&1 || pkgs="$pkgs default-jre-headless"
if [ -n "$pkgs" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "browser checks: installing$pkgs with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$pkgs >/dev/null
  else
    echo "error: the browser checks need$pkgs; install as root: apt-get install$pkgs" >&2
    exit 1
  fi
fi
[ -x "$chromium" ] || { echo "error: no Chromium at $chromium" >&2; exit 1; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "error: the browser checks need Node.js 20 or newer with npm" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "error: the browser checks need Node.js 20 or newer; found $(node --version)" >&2
  exit 1
fi

# npm ci only when a package is missing or the lock file changed since.
if [ ! -f node_modules/playwright-core/package.json ] ||
  [ ! -f node_modules/axe-core/axe.min.js ] ||
  [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] ||
  [ ! -f node_modules/lighthouse/package.json ] ||
  [ ! -f node_modules/decap-server/dist/index.js ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "browser checks: npm ci in tests/browser"
  # --ignore-scripts: no install script runs (vnu-jar's would probe Java;
  # the jar ships in the package).
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
