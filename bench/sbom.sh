#!/usr/bin/env bash
# SBOM benchmark: builds real inputs, runs `pipeline-integrity sbom` and cdxgen on each, prints the
# name@version components cdxgen finds that we do not (recall against cdxgen), and the whole-command times.
# usage: bench/sbom.sh     (needs the built CLI: mvn -B package -pl core,cli -am -DskipTests; npm, umoci, skopeo)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=${BENCH_WORK:-$root/target/bench-sbom}
launcher=$root/cli/target/pipeline-integrity
cdxgen_version=12.8.4
[ -x "$launcher" ] || { echo "build the CLI first: mvn -B clean package -pl core,cli -am -DskipTests" >&2; exit 2; }
for tool in npm umoci skopeo python3; do
  command -v "$tool" >/dev/null || { echo "bench/sbom.sh needs $tool" >&2; exit 2; }
done
mkdir -p "$work"
if [ ! -x "$work/cdxgen/node_modules/.bin/cdxgen" ]; then
  echo "== installing @cyclonedx/cdxgen@$cdxgen_version"
  mkdir -p "$work/cdxgen"
  npm install --prefix "$work/cdxgen" --no-audit --no-fund "@cyclonedx/cdxgen@$cdxgen_version" >/dev/null
fi
cdxgen=$work/cdxgen/node_modules/.bin/cdxgen

# 1. a project: a lockfile and node_modules written by a real `npm install`, pinned Python requirements as
#    `pip freeze` writes them, and jars taken from the local Maven repository
project=$work/project
if [ ! -f "$project/package-lock.json" ]; then
  rm -rf "$project" && mkdir -p "$project/lib"
  (cd "$project" && echo '{"name": "bench-app", "version": "1.0.0", "private": true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts express@4.21.2 lodash@4.17.21 react@18.3.1 react-dom@18.3.1 \
      axios@1.7.9 moment@2.30.1 chalk@4.1.2 commander@11.1.0 yargs@17.7.2 debug@4.4.0 webpack@5.97.1 >/dev/null)
  printf '%s\n' requests==2.32.3 urllib3==2.3.0 idna==3.10 certifi==2024.12.14 charset-normalizer==3.4.1 \
    Flask==3.1.0 Werkzeug==3.1.3 Jinja2==3.1.5 MarkupSafe==3.0.2 itsdangerous==2.2.0 click==8.1.8 blinker==1.9.0 \
    PyYAML==6.0.2 > "$project/requirements.txt"
  find "${MAVEN_REPO:-$HOME/.m2/repository}" -name '*.jar' -size +20k \
    ! -name '*-sources.jar' ! -name '*-tests.jar' ! -name '*-javadoc.jar' | sort > "$work/jars.txt"
  sed -n 1,150p "$work/jars.txt" | while read -r jar; do cp "$jar" "$project/lib/"; done
fi

# 2. an image: this machine's dpkg database and os-release in one layer, the project in a second, built by
#    umoci and saved by skopeo as `docker save` would
image=$work/image.tar
if [ ! -f "$image" ]; then
  rm -rf "$work/rootfs" "$work/layout" && mkdir -p "$work/rootfs/var/lib/dpkg" "$work/rootfs/etc" "$work/app/srv"
  cp /var/lib/dpkg/status "$work/rootfs/var/lib/dpkg/status"
  cp /etc/os-release "$work/rootfs/etc/os-release"
  rm -rf "$work/app/srv/app" && cp -r "$project" "$work/app/srv/app"
  umoci init --layout "$work/layout"
  umoci new --image "$work/layout:1"
  umoci insert --image "$work/layout:1" "$work/rootfs" /
  umoci insert --image "$work/layout:1" "$work/app" /
  umoci config --image "$work/layout:1" --config.user 1000
  skopeo copy -q "oci:$work/layout:1" "docker-archive:$image:bench/app:1"
fi

secs() { python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$1" "$2"; }
timed() { # OUTVAR COMMAND...: runs the command, sets OUTVAR to its whole-command seconds
  local var=$1 t0 t1
  shift
  t0=$(date +%s.%N)
  "$@" >"$work/last.log" 2>&1 || { echo "failed: $*" >&2; tail -20 "$work/last.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  printf -v "$var" '%s' "$(secs "$t0" "$t1")"
}

total_pi=0
total_cdx=0
compare() { # LABEL PI_ARGS CDXGEN_ARGS
  local label=$1 pi_args=$2 cdx_args=$3 pi_t cdx_t
  echo "== $label"
  # shellcheck disable=SC2086 # the arguments are words
  timed pi_t "$launcher" sbom $pi_args --fail-on none --output "$work/$label.pi.json"
  # shellcheck disable=SC2086
  timed cdx_t "$cdxgen" $cdx_args -o "$work/$label.cdxgen.json"
  python3 "$here/sbom_compare.py" "$work/$label.cdxgen.json" "$work/$label.pi.json" ${4:-}
  python3 -c "import sys;a,b=float(sys.argv[1]),float(sys.argv[2]);print(f'time: pipeline-integrity {a:.2f}s, cdxgen {b:.2f}s, ratio {b/a:.1f}x')" "$pi_t" "$cdx_t"
  total_pi=$(python3 -c "print($total_pi + $pi_t)")
  total_cdx=$(python3 -c "print($total_cdx + $cdx_t)")
}

compare project "--dir $project" "--no-install-deps --no-babel $project"
compare image "--image docker-archive:$image" "-t docker $image" "--dpkg $work/rootfs/var/lib/dpkg/status"
python3 -c "import sys;a,b=float(sys.argv[1]),float(sys.argv[2]);print(f'== total: pipeline-integrity {a:.2f}s, cdxgen {b:.2f}s, ratio {b/a:.1f}x')" "$total_pi" "$total_cdx"
