// Command protogolden writes shared/protobuf/testdata: realistic objects
// encoded by upstream's own protobuf serializer (NAME.pb) next to the same
// objects in upstream's JSON (NAME.json). shared/protobuf's golden test
// decodes both with this project's codecs and requires equal results, and
// re-encodes the protobuf byte for byte.
//
// Interface:
//   - protogolden -out DIR writes one pair per entry of goldens() and a
//     watch stream, watch.pb (frames) with watch.json (the same events as
//     a JSON array).
//
// Usage, from tools/schemagen (or `go generate ./shared/protobuf`):
//
//	go run ./protogolden -out ../../shared/protobuf/testdata
//
// The objects themselves are in objects.go.
package main
