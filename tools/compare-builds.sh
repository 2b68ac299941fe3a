#!/bin/sh
# Build the shipped site from two checkouts with the same Python environment and list the files
# that differ: `tools/compare-builds.sh /tmp/base .` after `git worktree add /tmp/base main`.
# Each checkout's own `generator/` is imported first (PYTHONPATH), so the code compared is its own.
set -eu
base=$(cd "$1" && pwd)
head=$(cd "${2:-.}" && pwd)
python=${PYTHON:-$head/.venv/bin/python}
out=$(mktemp -d)
for side in base head; do
  eval tree=\$$side
  (cd "$tree" && NO_MKDOCS_2_WARNING=1 SOURCE_DATE_EPOCH=1764633600 PYTHONPATH="$tree" \
    "$python" -m mkdocs build --quiet --site-dir "$out/$side")
done
# The sitemap's gzip copy differs whenever sitemap.xml does; compare what it holds instead.
for side in base head; do gunzip -c "$out/$side/sitemap.xml.gz" > "$out/$side/sitemap.xml.gz.txt"; rm "$out/$side/sitemap.xml.gz"; done
diff -rq "$out/base" "$out/head" | sed "s|$out/||g" || true
echo "builds kept in $out"
