package resource

import (
	"encoding/json"
	"testing"
)

func TestNewQuantities(t *testing.T) {
	tests := []struct {
		name string
		q    *Quantity
		want string
	}{
		{"units", NewQuantity(1000, DecimalSI), "1k"},
		{"binary units", NewQuantity(1024*1024, BinarySI), "1Mi"},
		{"unknown format prints as exponent", NewQuantity(1000000, "bogus"), "1e6"},
		{"milli", NewMilliQuantity(1500, DecimalSI), "1500m"},
		{"milli whole", NewMilliQuantity(2000, DecimalSI), "2"},
		{"milli binary falls back to decimal", NewMilliQuantity(1024, BinarySI), "1024m"},
		{"scaled nano", NewScaledQuantity(1000, Nano), "1u"},
		{"scaled kilo", NewScaledQuantity(5, Kilo), "5k"},
		{"scaled below nano rounds up", NewScaledQuantity(1, -12), "1n"},
		{"zero", NewScaledQuantity(0, Milli), "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.q.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestQuantityJSON(t *testing.T) {
	type limits struct {
		CPU    Quantity  `json:"cpu"`
		Memory *Quantity `json:"memory,omitempty"`
	}
	tests := []struct {
		name string
		in   string
		out  string
	}{
		{"strings", `{"cpu":"0.5","memory":"1024Mi"}`, `{"cpu":"500m","memory":"1Gi"}`},
		{"numbers", `{"cpu":2,"memory":1.5}`, `{"cpu":"2","memory":"1500m"}`},
		{"whitespace inside the string is trimmed", `{"cpu":" 1"}`, `{"cpu":"1"}`},
		{"null is zero", `{"cpu":null}`, `{"cpu":"0"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l limits
			if err := json.Unmarshal([]byte(tc.in), &l); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			got, err := json.Marshal(l)
			if err != nil || string(got) != tc.out {
				t.Errorf("Marshal = %s, %v; want %s", got, err, tc.out)
			}
		})
	}
	var q Quantity
	err := json.Unmarshal([]byte(`"1 Gi"`), &q)
	if err == nil || err.Error() != ErrFormatWrong.Error() {
		t.Errorf("bad quantity error = %v, want %v", err, ErrFormatWrong)
	}
}
