package intstr

import (
	"encoding/json"
	"testing"
)

func TestJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want IntOrString
	}{
		{"number", `8080`, FromInt32(8080)},
		{"named port", `"http"`, FromString("http")},
		{"percentage", `"25%"`, FromString("25%")},
		{"numeric string stays a string", `"80"`, FromString("80")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got IntOrString
			if err := json.Unmarshal([]byte(tc.in), &got); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			if got != tc.want {
				t.Errorf("Unmarshal = %+v, want %+v", got, tc.want)
			}
			out, err := json.Marshal(got)
			if err != nil || string(out) != tc.in {
				t.Errorf("Marshal = %s, %v; want %s", out, err, tc.in)
			}
		})
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"fraction", `1.5`},
		{"too big for int32", `4294967296`},
		{"object", `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got IntOrString
			if err := json.Unmarshal([]byte(tc.in), &got); err == nil {
				t.Errorf("Unmarshal(%s) = %+v, want an error", tc.in, got)
			}
		})
	}
	if _, err := json.Marshal(IntOrString{Type: 7}); err == nil {
		t.Error("Marshal of an invalid Type succeeded")
	}
}

// A Service spec as written in a manifest: the field inside a struct.
func TestInsideStruct(t *testing.T) {
	type port struct {
		Port       int32       `json:"port"`
		TargetPort IntOrString `json:"targetPort,omitempty"`
	}
	var p port
	if err := json.Unmarshal([]byte(`{"port":80,"targetPort":"web"}`), &p); err != nil || p.TargetPort.StrVal != "web" {
		t.Fatalf("unmarshal = %+v, %v", p, err)
	}
	out, _ := json.Marshal(port{Port: 80, TargetPort: FromInt32(8080)})
	if want := `{"port":80,"targetPort":8080}`; string(out) != want {
		t.Errorf("Marshal = %s, want %s", out, want)
	}
}

func TestParseAndString(t *testing.T) {
	tests := []struct {
		in       string
		want     IntOrString
		intValue int
	}{
		{"80", FromInt32(80), 80},
		{"-1", FromInt32(-1), -1},
		{"http", FromString("http"), 0},
		{"25%", FromString("25%"), 0},
		{"99999999999", FromString("99999999999"), 99999999999},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := Parse(tc.in)
			if got != tc.want {
				t.Errorf("Parse = %+v, want %+v", got, tc.want)
			}
			if got.String() != tc.in {
				t.Errorf("String() = %q, want %q", got.String(), tc.in)
			}
			if got.IntValue() != tc.intValue {
				t.Errorf("IntValue() = %d, want %d", got.IntValue(), tc.intValue)
			}
		})
	}
}

// Talk 000, "Deployment and ReplicaSet controllers": a rolling update of 10
// replicas with the defaults maxSurge 25% (rounded up) and maxUnavailable
// 25% (rounded down).
func TestGetScaledValueFromIntOrPercent(t *testing.T) {
	ptr := func(v IntOrString) *IntOrString { return &v }
	tests := []struct {
		name    string
		in      *IntOrString
		total   int
		roundUp bool
		want    int
		wantErr string
	}{
		{name: "maxSurge 25% of 10 rounds up", in: ptr(FromString("25%")), total: 10, roundUp: true, want: 3},
		{name: "maxUnavailable 25% of 10 rounds down", in: ptr(FromString("25%")), total: 10, want: 2},
		{name: "exact percentage", in: ptr(FromString("50%")), total: 4, roundUp: true, want: 2},
		{name: "zero replicas", in: ptr(FromString("25%")), total: 0, roundUp: true, want: 0},
		{name: "int is taken as is", in: ptr(FromInt32(2)), total: 10, want: 2},
		{name: "nil", in: nil, wantErr: "nil value for IntOrString"},
		{name: "string without percent", in: ptr(FromString("25")), wantErr: "invalid value for IntOrString: invalid type: string is not a percentage"},
		{name: "bad number", in: ptr(FromString("x%")), wantErr: `invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax`},
		{name: "invalid type", in: &IntOrString{Type: 9}, wantErr: "invalid value for IntOrString: invalid type: neither int nor percentage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := GetScaledValueFromIntOrPercent(tc.in, tc.total, tc.roundUp)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %d, %v; want %d", got, err, tc.want)
			}
		})
	}
}
