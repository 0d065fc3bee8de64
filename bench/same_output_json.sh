#!/bin/sh
# Audit the JSON fixtures, the test texts and generated reports (`benchmark.py --generate`)
# with `-f json` into OUT_DIR, with the `audit` on PATH, so that two commits' outputs can be
# compared byte for byte (`diff -r OUT1 OUT2`). (bench/same_output.py compares two installs on
# the texts and Word files; this adds the JSON reports, whose path the batch figures measure.)
#   bench/same_output_json.sh OUT_DIR [GENERATED_DIR]
set -u
out=$1; gen=${2:-}
mkdir -p "$out"
export PYTHONHASHSEED=0
run() {  # name, paths...
  name=$1; shift
  audit check "$@" -f json -j 1 -o "$out/$name.json" >/dev/null 2>"$out/$name.err"
  echo "$?" >"$out/$name.rc"
  sed -i "s#$out/##g" "$out/$name.err"  # (the messages name the output file)
}
for f in fixtures/*.json fixtures/*.docx tests/data/unseen_phuong_2024.md; do
  run "$(echo "$f" | tr '/' '_')" "$f"
done
for d in fixtures/seeds tests/data/corpus/texts tests/data/real/texts tests/data/real2/texts; do
  run "$(echo "$d" | tr '/' '_')" "$d"
done
[ -n "$gen" ] && run generated "$gen"
exit 0
