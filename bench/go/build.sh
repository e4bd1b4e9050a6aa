#!/usr/bin/env bash
# Builds the seed's Go server and client (the benchmarks' anchor) offline, from Debian's packages:
#   apt-get install golang-go golang-google-grpc-dev protobuf-compiler
# Debian's grpc-go (1.33) is built on github.com/golang/protobuf 1.3, so the messages are generated
# with that version's protoc-gen-go (built here from /usr/share/gocode, plugins=grpc), GOPATH mode,
# no module downloads. The proto is the project's own proto/report_generator.proto: no package line,
# the same service and message names, so the wire is the same by construction. That protoc-gen-go
# predates proto3 `optional` (protoc refuses to run it on such a file), so the copy it reads has the
# keyword dropped: same field numbers and types on the wire, only field presence is not tracked.
# Output: bench/go/build/bin/seed-server and seed-client.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$here/build"
gocode="${GOCODE:-/usr/share/gocode}"
for tool in go protoc; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (apt-get install golang-go protobuf-compiler)" >&2; exit 3; }
done
[[ -d "$gocode/src/google.golang.org/grpc" ]] || { echo "build.sh: $gocode has no grpc-go (apt-get install golang-google-grpc-dev)" >&2; exit 3; }
rm -rf "$build"
mkdir -p "$build/gopath/src/reportbench/pb" "$build/bin"
export GO111MODULE=off GOFLAGS= GOPATH="$build/gopath:$gocode" GOCACHE="$build/cache" CGO_ENABLED=0
go build -o "$build/bin/protoc-gen-go" github.com/golang/protobuf/protoc-gen-go
mkdir -p "$build/proto"
sed -E 's/^([[:space:]]*)optional[[:space:]]+/\1/' "$root/proto/report_generator.proto" >"$build/proto/report_generator.proto"
protoc --plugin=protoc-gen-go="$build/bin/protoc-gen-go" -I "$build/proto" \
  --go_out="plugins=grpc,paths=source_relative:$build/gopath/src/reportbench/pb" report_generator.proto
cp -r "$here/server" "$here/client" "$build/gopath/src/reportbench/"
go build -o "$build/bin/seed-server" reportbench/server
go build -o "$build/bin/seed-client" reportbench/client
echo "built $build/bin/seed-server and $build/bin/seed-client ($(go version))"
