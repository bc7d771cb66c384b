package metav1

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTimeJSON(t *testing.T) {
	berlin := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		name string
		in   Time
		want string
	}{
		{"zero is null", Time{}, `null`},
		{"utc to the second", Date(2024, time.May, 1, 10, 0, 0, 0, time.UTC), `"2024-05-01T10:00:00Z"`},
		{"other zones are written in utc", Date(2024, time.May, 1, 12, 0, 0, 0, berlin), `"2024-05-01T10:00:00Z"`},
		{"sub-second part is dropped", Date(2024, time.May, 1, 10, 0, 0, 999_000_000, time.UTC), `"2024-05-01T10:00:00Z"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.in)
			if err != nil || string(got) != tc.want {
				t.Fatalf("Marshal = %s, %v; want %s", got, err, tc.want)
			}
			var back Time
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			want := tc.in.Rfc3339Copy()
			if tc.in.IsZero() {
				want = Time{}
			}
			if !back.Equal(&want) {
				t.Errorf("round trip = %v, want %v", back, want)
			}
		})
	}
}

func TestTimeUnmarshalErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"number", `12`},
		{"not rfc3339", `"May 1 2024"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got Time
			if err := json.Unmarshal([]byte(tc.in), &got); err == nil {
				t.Errorf("Unmarshal(%s) succeeded with %v", tc.in, got)
			}
		})
	}
}

func TestTimeNilSafety(t *testing.T) {
	var nilTime *Time
	now := Now()
	if !nilTime.IsZero() || !nilTime.Equal(nil) || nilTime.Equal(&now) {
		t.Error("nil Time comparisons wrong")
	}
	if !nilTime.Before(&now) || now.Before(nilTime) {
		t.Error("nil must sort before every time")
	}
	later := NewTime(now.Add(time.Second))
	if !now.Before(&later) || later.Before(&now) {
		t.Error("Before wrong")
	}
	if got := Unix(1714557600, 0); !got.UTC().Equal(time.Date(2024, time.May, 1, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("Unix = %v", got)
	}
}

// Leases (renewTime) and Events (eventTime) carry microseconds.
func TestMicroTimeJSON(t *testing.T) {
	in := NewMicroTime(time.Date(2024, time.May, 1, 10, 0, 0, 123456789, time.UTC))
	got, err := json.Marshal(in)
	if want := `"2024-05-01T10:00:00.123456Z"`; err != nil || string(got) != want {
		t.Fatalf("Marshal = %s, %v; want %s", got, err, want)
	}
	var back MicroTime
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	want := NewMicroTime(in.Truncate(time.Microsecond))
	if !back.Equal(&want) {
		t.Errorf("round trip = %v, want %v", back, want)
	}
	if zero, _ := json.Marshal(MicroTime{}); string(zero) != "null" {
		t.Errorf("zero MicroTime = %s, want null", zero)
	}
	var fromNull MicroTime
	if err := json.Unmarshal([]byte("null"), &fromNull); err != nil || !fromNull.IsZero() {
		t.Errorf("null = %v, %v", fromNull, err)
	}
	if err := json.Unmarshal([]byte(`"yesterday"`), &fromNull); err == nil {
		t.Error("bad MicroTime accepted")
	}
}

func TestDurationJSON(t *testing.T) {
	got, _ := json.Marshal(Duration{90 * time.Second})
	if string(got) != `"1m30s"` {
		t.Errorf("Marshal = %s, want \"1m30s\"", got)
	}
	var d Duration
	if err := json.Unmarshal([]byte(`"2h"`), &d); err != nil || d.Duration != 2*time.Hour {
		t.Errorf("Unmarshal = %v, %v", d, err)
	}
	if err := json.Unmarshal([]byte(`"soon"`), &d); err == nil {
		t.Error("bad duration accepted")
	}
}
