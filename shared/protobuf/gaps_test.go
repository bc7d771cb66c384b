package protobuf

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

var update = flag.Bool("update", false, "rewrite testdata/gaps.txt")

// servedTypes returns the Go type of every object and list the scheme
// serves, plus the types routes accept or return besides them.
func servedTypes() []reflect.Type {
	var out []reflect.Type
	for _, r := range scheme.All() {
		out = append(out, reflect.TypeOf(r.New()).Elem())
		if r.NewList != nil {
			out = append(out, reflect.TypeOf(r.NewList()).Elem())
		}
	}
	return append(out,
		reflect.TypeFor[metav1.Status](),
		reflect.TypeFor[metav1.DeleteOptions](),
		reflect.TypeFor[metav1.WatchEvent](),
		reflect.TypeFor[metav1.PartialObjectMetadata](),
		reflect.TypeFor[metav1.PartialObjectMetadataList](),
		reflect.TypeFor[autoscalingv1.Scale](),
		reflect.TypeFor[authenticationv1.TokenRequest](), // serviceaccounts/NAME/token
	)
}

// walkPlans calls visit once for the plan of every struct reachable from
// the served types through fields both sides have.
func walkPlans(t *testing.T, visit func(*plan)) {
	t.Helper()
	seen := map[planKey]bool{}
	var walk func(rt reflect.Type, name string)
	walk = func(rt reflect.Type, name string) {
		if seen[planKey{rt, name}] || special(name, rt) != nil {
			return
		}
		seen[planKey{rt, name}] = true
		p, err := planFor(rt, name)
		if err != nil {
			t.Error(err)
			return
		}
		visit(p)
		for _, f := range p.fields {
			elem := deref(f.goType)
			if f.Shape == repeated || f.Shape == mapped {
				elem = deref(elem.Elem())
			}
			if elem.Kind() == reflect.Struct {
				walk(elem, f.Type)
			}
		}
	}
	for _, rt := range servedTypes() {
		name, ok := upstream.Name(rt)
		if !ok {
			t.Errorf("served type %s has no upstream name", rt)
			continue
		}
		walk(rt, name)
	}
}

// Every upstream-numbered field of a served type needs a Go field to land
// in, or protobuf bodies silently lose it; every Go field needs a number,
// or it never reaches a protobuf client. testdata/gaps.txt lists today's
// gaps so a student sees what this project leaves out; the test fails when
// a gap appears or closes without the list saying so (-update rewrites it).
func TestFieldGaps(t *testing.T) {
	var lines []string
	walkPlans(t, func(p *plan) {
		if len(p.missing) > 0 {
			lines = append(lines, fmt.Sprintf("%s: upstream fields without a Go field: %s", p.name, strings.Join(p.missing, ", ")))
		}
		if len(p.extra) > 0 {
			lines = append(lines, fmt.Sprintf("%s: Go fields %s.%s upstream does not number", p.name, p.goType, strings.Join(p.extra, ", ")))
		}
	})
	slices.Sort(lines)
	got := strings.Join(lines, "\n") + "\n"
	const file = "testdata/gaps.txt"
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := string(readFile(t, file))
	if got != want {
		t.Errorf("field gaps changed; check them and run go test -run TestFieldGaps -update\n got:\n%s\nwant:\n%s", got, want)
	}
}
