#!/usr/bin/env bash
# Refreshes the committed copy of Bootstrap in static/vendor/bootstrap/ from node_modules
# (after changing the bootstrap version in package.json). Not needed to run the site.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm ci --no-audit --no-fund --loglevel=error
dest=static/vendor/bootstrap
mkdir -p "$dest"
for f in css/bootstrap.min.css css/bootstrap.min.css.map js/bootstrap.bundle.min.js \
    js/bootstrap.bundle.min.js.map; do
    cp "node_modules/bootstrap/dist/$f" "$dest/"
done
cp node_modules/bootstrap/LICENSE "$dest/LICENSE"
echo "Bootstrap $(node -p 'require("./node_modules/bootstrap/package.json").version') copied to $dest"
