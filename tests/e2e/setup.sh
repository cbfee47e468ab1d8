#!/usr/bin/env bash
# Installs what the real-editor end-to-end tests need, on a fresh machine or again on a warm one:
#   - Debian packages: chromium (the browser playwright-core drives), ripgrep (code-server's search
#     binary, which its own install would download from the web), libkrb5-dev (to build kerberos),
#     neovim (the second LSP client);
#   - code-server 4.100.3 (VS Code 1.100.3 in a browser; the last release that runs on Node 20) in
#     .cache/e2e/code-server/, installed from the npm registry without its download steps.
# Idempotent: packages already there are skipped, and a code-server that already reports 4.100.3 is
# left alone. The comments below say why each step is there.
set -euo pipefail
cd "$(dirname "$0")/../.."

CODE_SERVER_VERSION=4.100.3
CACHE="$PWD/.cache/e2e"
TARGET="$CACHE/code-server"
ENTRY="$TARGET/package/out/node/entry.js"

log() { printf '[e2e setup] %3ss %s\n' "$SECONDS" "$*"; }
# Prints code-server's version line. HOME and XDG_CONFIG_HOME point into the cache, or the first
# start writes ~/.config/code-server/config.yaml.
version_of() {
  [ -f "$1" ] || return 0
  HOME="$CACHE/home" XDG_CONFIG_HOME="$CACHE/home/.config" XDG_DATA_HOME="$CACHE/home/.local/share" \
    node "$1" --version 2>/dev/null | grep "^$CODE_SERVER_VERSION " || true
}

# --- Debian packages ----------------------------------------------------------------------------
wanted=(chromium ripgrep libkrb5-dev neovim)
missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  log "apt-get install ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- code-server --------------------------------------------------------------------------------
if [ -n "$(version_of "$ENTRY")" ]; then
  log "code-server $CODE_SERVER_VERSION already in $TARGET"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into $TARGET"
# Build in a scratch folder and move it into place only when complete, so an interrupted run
# never leaves a half-installed code-server that a later run would take for a good one.
STAGE="$CACHE/code-server.partial"
rm -rf "$STAGE"
mkdir -p "$STAGE"

# node-gyp builds native modules against the Node headers in /usr/include/node instead of
# downloading them; one postinstall calls `npx node-gyp`, which must not stop to ask.
export npm_config_nodedir=/usr
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false
export npm_config_loglevel=error

(cd "$STAGE" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null)
tar -xzf "$STAGE/code-server-$CODE_SERVER_VERSION.tgz" -C "$STAGE"
rm "$STAGE/code-server-$CODE_SERVER_VERSION.tgz"
PACKAGE="$STAGE/package"

# The package's own postinstall re-runs `npm install` in lib/vscode, where @vscode/ripgrep fetches
# a binary from GitHub; skip the scripts and do its steps by hand. argon2 (password hashing) has
# no prebuilt binary for this Node, so build it from source.
log "npm install (code-server)"
(cd "$PACKAGE" && npm install --omit=dev --ignore-scripts >/dev/null && npm rebuild argon2 >/dev/null)

# VS Code's own dependencies: native modules are built (node-pty, spdlog, kerberos, …), except
# @vscode/ripgrep's download, which gets Debian's rg instead.
log "npm install (lib/vscode)"
VSCODE="$PACKAGE/lib/vscode"
node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  manifest.allowScripts = { ...manifest.allowScripts, "@vscode/ripgrep": false };
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
' "$VSCODE/package.json"
(cd "$VSCODE" && npm install --omit=dev >/dev/null)
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$VSCODE/node_modules.asar"
# The two symlinks code-server's skipped postinstall makes.
ln -sf code-linux.sh "$VSCODE/bin/remote-cli/code-server"
ln -sf browser-linux.sh "$VSCODE/bin/helpers/browser.sh"

log "npm install (built-in extensions)"
(cd "$VSCODE/extensions" && npm install --omit=dev >/dev/null)

version="$(version_of "$PACKAGE/out/node/entry.js")"
if [ -z "$version" ]; then
  log "code-server did not install: 'node $PACKAGE/out/node/entry.js --version' does not print $CODE_SERVER_VERSION"
  exit 1
fi
rm -rf "$TARGET"
mv "$STAGE" "$TARGET"
log "ready: $version"
