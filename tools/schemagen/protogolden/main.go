// The command's main: see doc.go.

package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
)

func main() {
	out := flag.String("out", "../../shared/protobuf/testdata", "directory to write NAME.pb and NAME.json pairs into")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "protogolden:", err)
		os.Exit(1)
	}
}

// golden is one object and the file name (without extension) it goes to.
type golden struct {
	name string
	obj  runtime.Object
}

// run writes every pair and the watch stream into dir.
func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	// No typer: the serializer writes the TypeMeta each object carries,
	// which objects.go sets, as an API server's versioning encoder would.
	pb := protobuf.NewSerializer(nil, nil)
	for _, g := range goldens() {
		var buf bytes.Buffer
		if err := pb.Encode(g.obj, &buf); err != nil {
			return fmt.Errorf("encode %s: %w", g.name, err)
		}
		js, err := json.MarshalIndent(g.obj, "", "  ")
		if err != nil {
			return fmt.Errorf("encode %s as JSON: %w", g.name, err)
		}
		if err := write(dir, g.name+".pb", buf.Bytes()); err != nil {
			return err
		}
		if err := write(dir, g.name+".json", append(js, '\n')); err != nil {
			return err
		}
	}
	frames, events, err := watchStream(pb)
	if err != nil {
		return err
	}
	if err := write(dir, "watch.pb", frames); err != nil {
		return err
	}
	return write(dir, "watch.json", events)
}

// watchStream encodes watchEvents() the way an API server's watch handler
// does: the object with the serializer, then a metav1.WatchEvent holding
// those bytes, framed with a 4-byte length.
func watchStream(pb *protobuf.Serializer) (frames, events []byte, err error) {
	var out bytes.Buffer
	framer := protobuf.LengthDelimitedFramer.NewFrameWriter(&out)
	var jsonEvents []metav1.WatchEvent
	for _, ev := range watchEvents() {
		var object bytes.Buffer
		if err := pb.Encode(ev.obj, &object); err != nil {
			return nil, nil, fmt.Errorf("encode watch object: %w", err)
		}
		var event bytes.Buffer
		outer := &metav1.WatchEvent{Type: ev.name, Object: runtime.RawExtension{Raw: object.Bytes()}}
		if err := pb.Encode(outer, &event); err != nil {
			return nil, nil, fmt.Errorf("encode watch event: %w", err)
		}
		if _, err := framer.Write(event.Bytes()); err != nil {
			return nil, nil, fmt.Errorf("frame watch event: %w", err)
		}
		js, err := json.Marshal(ev.obj)
		if err != nil {
			return nil, nil, fmt.Errorf("encode watch object as JSON: %w", err)
		}
		jsonEvents = append(jsonEvents, metav1.WatchEvent{Type: ev.name, Object: runtime.RawExtension{Raw: js}})
	}
	events, err = json.MarshalIndent(jsonEvents, "", "  ")
	if err != nil {
		return nil, nil, fmt.Errorf("encode watch events as JSON: %w", err)
	}
	return out.Bytes(), append(events, '\n'), nil
}

// write writes one file whole.
func write(dir, name string, data []byte) error {
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Printf("%s\t%d bytes\n", path, len(data))
	return nil
}
