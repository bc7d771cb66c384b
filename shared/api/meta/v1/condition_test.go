package metav1

import (
	"encoding/json"
	"testing"
	"time"
)

func TestConditionJSON(t *testing.T) {
	tests := []struct {
		name string
		in   Condition
		want string
	}{
		{
			name: "full",
			in: Condition{Type: "Available", Status: ConditionTrue, ObservedGeneration: 3,
				LastTransitionTime: Date(2024, time.May, 1, 10, 0, 0, 0, time.UTC), Reason: "MinimumReplicasAvailable", Message: "ok"},
			want: `{"type":"Available","status":"True","observedGeneration":3,"lastTransitionTime":"2024-05-01T10:00:00Z",` +
				`"reason":"MinimumReplicasAvailable","message":"ok"}`,
		},
		{
			name: "required fields are written even when empty",
			in:   Condition{Type: "Ready", Status: ConditionUnknown},
			want: `{"type":"Ready","status":"Unknown","lastTransitionTime":null,"reason":"","message":""}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.in)
			if err != nil || string(got) != tc.want {
				t.Errorf("Marshal:\n got %s (%v)\nwant %s", got, err, tc.want)
			}
		})
	}
}
