# Sourced by the model fetch scripts: where models go, the size + sha256 check, and the python that runs pip.
# Each script sets NAME, SIZE, SHA256 and a LABEL for its messages before sourcing this.

dest_dir="${XDG_CACHE_HOME:-$HOME/.cache}/synthpad/models"
dest="$dest_dir/$NAME"

verify() {
  [ -f "$1" ] || return 1
  [ "$(stat -c %s "$1")" = "$SIZE" ] || { echo "$LABEL: $1 has the wrong size" >&2; return 1; }
  [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$SHA256" ] || { echo "$LABEL: $1 has the wrong sha256" >&2; return 1; }
}

# A verified file already in place is left alone.
if verify "$dest" 2>/dev/null; then
  echo "$LABEL: $dest (verified)"
  exit 0
fi

python=$(command -v python3 || command -v python || true)
[ -n "$python" ] || { echo "$LABEL: python3 with pip is needed to fetch the model (apt-get install python3-pip)" >&2; exit 1; }

mkdir -p "$dest_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Checks the assembled $dest.part and moves it into place.
install_verified() {
  verify "$dest.part" || { rm -f "$dest.part"; echo "$LABEL: verification failed; nothing installed" >&2; exit 1; }
  mv "$dest.part" "$dest"
  echo "$LABEL: $dest (verified)"
}
