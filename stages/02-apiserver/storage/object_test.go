package storage

import (
	"encoding/json"
	"errors"
	"strings"
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

// Values read back from etcd are only scanned, not compacted again: the
// result must be the one parseObject gives, and whatever does not scan as
// compact JSON must get parseObject's treatment, errors included.
func TestParseStored(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      string
		scanned bool   // answered by the scan, without compacting
		err     string // prefix of the ErrInvalidObject detail
	}{
		{name: "compact", in: `{"kind":"Pod","metadata":{"name":"web","uid":"u"},"spec":{"a":[1,{"b":"}\"{"}]}}`, scanned: true},
		{name: "empty object", in: `{}`, scanned: true},
		{name: "empty metadata", in: `{"metadata":{}}`, scanned: true},
		{name: "escaped member name", in: `{"meta\u0064ata":{"name":"web"}}`, scanned: true},
		{name: "whitespace at the top", in: `{ "metadata":{"name":"web"}}`},
		{name: "whitespace in metadata", in: `{"metadata":{"name": "web"}}`},
		{name: "whitespace deep inside", in: `{"metadata":{"name":"web"},"spec":{"a":[1, 2]}}`},
		{name: "whitespace after the object", in: "{\"metadata\":{}}\n"},
		{name: "truncated", in: `{"metadata":{"name":"web"`, err: "value is not valid JSON"},
		{name: "unterminated string", in: `{"metadata":{"name":"web}}`, err: "value is not valid JSON"},
		{name: "trailing garbage", in: `{"metadata":{}}x`, err: "value is not valid JSON"},
		{name: "not an object", in: `[1]`, err: "value must be a JSON object"},
		{name: "metadata not an object", in: `{"metadata":"web"}`, err: "metadata must be a JSON object"},
		{name: "missing value", in: `{"a":,"metadata":{}}`, err: "value is not valid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := locate([]byte(tc.in)); ok != tc.scanned {
				t.Errorf("scanned = %v, want %v", ok, tc.scanned)
			}
			got, err := parseStored([]byte(tc.in))
			want, wantErr := parseObject([]byte(tc.in))
			if tc.err != "" {
				if !errors.Is(err, ErrInvalidObject) || !strings.HasPrefix(AsError(err).Detail, tc.err) {
					t.Fatalf("err = %v, want ErrInvalidObject %q", err, tc.err)
				}
				return
			}
			if err != nil || wantErr != nil {
				t.Fatalf("parseStored: %v; parseObject: %v", err, wantErr)
			}
			if a, b := string(got.withResourceVersion(5)), string(want.withResourceVersion(5)); a != b {
				t.Errorf("with resourceVersion 5:\n got %s\nwant %s (parseObject's)", a, b)
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
