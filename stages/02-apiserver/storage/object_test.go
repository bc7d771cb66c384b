package storage

import (
	"encoding/json"
	"errors"
	"testing"
)

// Talk 004, step 2 ("save objects"): resourceVersion is never part of the
// saved bytes; it is spliced in on the way out, leaving every other byte
// (and the field order) as stored.
func TestWithResourceVersion(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		rv   int64
		want string
	}{
		{"set after uid", `{"kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u1","labels":{"a":"b"}},"spec":{}}`, 7,
			`{"kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u1","resourceVersion":"7","labels":{"a":"b"}},"spec":{}}`},
		{"set first when no identity fields", `{"metadata":{"labels":{"a":"b"}}}`, 7,
			`{"metadata":{"resourceVersion":"7","labels":{"a":"b"}}}`},
		{"set in empty metadata", `{"metadata":{}}`, 7, `{"metadata":{"resourceVersion":"7"}}`},
		{"add metadata", `{"kind":"Pod"}`, 7, `{"metadata":{"resourceVersion":"7"},"kind":"Pod"}`},
		{"add metadata to empty object", `{}`, 7, `{"metadata":{"resourceVersion":"7"}}`},
		{"replace", `{"metadata":{"name":"web","resourceVersion":"3","uid":"u"}}`, 12,
			`{"metadata":{"name":"web","resourceVersion":"12","uid":"u"}}`},
		{"strip middle", `{"metadata":{"name":"web","resourceVersion":"3","uid":"u"}}`, 0,
			`{"metadata":{"name":"web","uid":"u"}}`},
		{"strip first", `{"metadata":{"resourceVersion":"3","name":"web"}}`, 0, `{"metadata":{"name":"web"}}`},
		{"strip last", `{"metadata":{"name":"web","resourceVersion":"3"}}`, 0, `{"metadata":{"name":"web"}}`},
		{"strip only", `{"metadata":{"resourceVersion":"3"}}`, 0, `{"metadata":{}}`},
		{"strip absent", `{"metadata":{"name":"web"}}`, 0, `{"metadata":{"name":"web"}}`},
		{"whitespace is compacted", "{ \"metadata\" : { \"name\" : \"web\" } ,\n \"data\": {\"k\": \"v w\"}}", 4,
			`{"metadata":{"name":"web","resourceVersion":"4"},"data":{"k":"v w"}}`},
		{"strings with braces and escapes are skipped", `{"data":{"x":"}\"{,"},"metadata":{"annotations":{"a":"\"resourceVersion\""}}}`, 2,
			`{"data":{"x":"}\"{,"},"metadata":{"resourceVersion":"2","annotations":{"a":"\"resourceVersion\""}}}`},
		{"escaped member name", `{"meta\u0064ata":{"name":"web"}}`, 2, `{"meta\u0064ata":{"name":"web","resourceVersion":"2"}}`},
		{"numbers, literals and arrays", `{"a":[1,{"b":null}],"n":-1.5e3,"t":true,"metadata":{"name":"x"}}`, 9,
			`{"a":[1,{"b":null}],"n":-1.5e3,"t":true,"metadata":{"name":"x","resourceVersion":"9"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := parseObject([]byte(tc.in))
			if err != nil {
				t.Fatalf("parseObject: %v", err)
			}
			got := o.withResourceVersion(tc.rv)
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if !json.Valid(got) {
				t.Errorf("result is not valid JSON: %s", got)
			}
		})
	}
}

func TestParseObjectRejects(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not JSON", `{"metadata":`, "value is not valid JSON"},
		{"array", `[1,2]`, "value must be a JSON object"},
		{"string", `"pod"`, "value must be a JSON object"},
		{"metadata not an object", `{"metadata":"web"}`, "metadata must be a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseObject([]byte(tc.in))
			if !errors.Is(err, ErrInvalidObject) {
				t.Fatalf("err = %v, want ErrInvalidObject", err)
			}
			if got := AsError(err).Detail; len(got) < len(tc.want) || got[:len(tc.want)] != tc.want {
				t.Errorf("detail = %q, want prefix %q", got, tc.want)
			}
		})
	}
}

func TestMetaString(t *testing.T) {
	o, err := parseObject([]byte(`{"metadata":{"name":"web","uid":"a\"b","generation":3}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ field, want string }{
		{"name", "web"}, {"uid", `a"b`}, {"generation", ""}, {"resourceVersion", ""},
	} {
		if got := o.metaString(tc.field); got != tc.want {
			t.Errorf("metaString(%q) = %q, want %q", tc.field, got, tc.want)
		}
	}
}

func TestParseResourceVersion(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     int64
		bad      bool
	}{
		{"unset", "", 0, false},
		{"any", "0", 0, false},
		{"revision", "42", 42, false},
		{"negative", "-1", 0, true},
		{"not a number", "abc", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseResourceVersion(tc.in)
			if tc.bad {
				if !errors.Is(err, ErrBadRequest) {
					t.Fatalf("err = %v, want ErrBadRequest", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseResourceVersion(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}
