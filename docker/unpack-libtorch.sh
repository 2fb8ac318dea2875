#!/bin/sh
# Unpacks the libtorch of the DJL native jar in a worker's lib folder into an engine cache folder, laid out as DJL
# lays out its own cache (pytorch/<version>-<flavor>-<classifier>/ with <djl version>-libdjl_torch.so beside
# libtorch), and shrinks the jar to its native/lib/pytorch.properties. DJL still finds the platform in that file,
# then finds the libraries already unpacked: a worker started with ENGINE_CACHE_DIR=<cache> loads libtorch with
# nothing to download and nothing to extract (and so also on a read-only file system), and the image holds the
# libraries once instead of twice. Used by Dockerfile.worker-cuda; needs only a JDK's `jar`.
#
# Usage: unpack-libtorch.sh LIB_FOLDER ENGINE_CACHE_DIR
set -eu
lib=$1
cache=$2

one() {
    set -- $1
    if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then
        echo "unpack-libtorch: expected exactly one match, got: $*" >&2
        exit 1
    fi
    echo "$1"
}

native=$(one "$lib/pytorch-native-*.jar")
jni=$(one "$lib/pytorch-jni-*.jar")
engine=$(one "$lib/pytorch-engine-*.jar")
case "$native" in /*) ;; *) native="$PWD/$native" ;; esac
case "$jni" in /*) ;; *) jni="$PWD/$jni" ;; esac
case "$engine" in /*) ;; *) engine="$PWD/$engine" ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
jar xf "$native" native/lib/pytorch.properties
jar xf "$engine" pytorch-engine.properties
prop() { sed -n "s/^$1=//p" "$2" | tr -d '\r'; }
version=$(prop version native/lib/pytorch.properties)
flavor=$(prop flavor native/lib/pytorch.properties)
classifier=$(prop classifier native/lib/pytorch.properties)
djl=$(prop djl_version pytorch-engine.properties)
if [ -z "$version" ] || [ -z "$flavor" ] || [ -z "$classifier" ] || [ -z "$djl" ]; then
    echo "unpack-libtorch: $native or $engine lacks version, flavor, classifier or djl_version" >&2
    exit 1
fi

target="$cache/pytorch/$version-$flavor-$classifier"
mkdir -p "$target"
jar xf "$native" "pytorch/$flavor/$classifier/"
mv "pytorch/$flavor/$classifier/"* "$target/"
jar xf "$jni" "jnilib/$classifier/$flavor/libdjl_torch.so"
mv "jnilib/$classifier/$flavor/libdjl_torch.so" "$target/$djl-libdjl_torch.so"
[ -f "$target/libtorch.so" ] || { echo "unpack-libtorch: no libtorch.so in $native" >&2; exit 1; }

rm "$native"
jar cf "$native" native/lib/pytorch.properties
echo "unpack-libtorch: libtorch $version ($flavor) for DJL $djl in $target"
