package docgen

import "testing"

// The rules of doc.go, one row each: what a field's comment becomes.
func TestDescribeField(t *testing.T) {
	siblings := map[string]string{
		"Replicas": "replicas", "MinReadySeconds": "minReadySeconds",
		"Template": "template", "RollingUpdate": "rollingUpdate", "TTY": "tty",
	}
	values := map[string]bool{"RollingUpdate": true}
	tests := []struct {
		name, text, goName, json, want string
	}{
		{"no comment", "", "Replicas", "replicas", ""},
		{"name is: dropped", "Replicas is how many pods run.\n", "Replicas", "replicas", "How many pods run."},
		{"name are: dropped", "Replicas are the pods.\n", "Replicas", "replicas", "The pods."},
		{"name colon: dropped", "Replicas: how many.\n", "Replicas", "replicas", "How many."},
		{"other verb: JSON name", "Replicas counts pods.\n", "Replicas", "replicas", "replicas counts pods."},
		{"a longer word is not the name", "ReplicasTotal is a sum.\n", "Replicas", "replicas", "ReplicasTotal is a sum."},
		{"first paragraph only", "Replicas is the count.\n\nThe tag has no omitempty.\n", "Replicas", "replicas", "The count."},
		{"lines joined", "Replicas is the\ncount of pods.\n", "Replicas", "replicas", "The count of pods."},
		{"markers dropped", "+optional\nReplicas is the count.\n", "Replicas", "replicas", "The count."},
		{"a list after the paragraph is left out", "Replicas is one of:\n\n  - A\n  - B\n", "Replicas", "replicas", "One of:"},
		{"sibling with inner capital", "Replicas wait MinReadySeconds.\n", "Replicas", "replicas", "replicas wait minReadySeconds."},
		{"sibling that is an English word", "Replicas follow Template.\n", "Replicas", "replicas", "replicas follow Template."},
		{"sibling that is also a value", "Replicas use RollingUpdate.\n", "Replicas", "replicas", "replicas use RollingUpdate."},
		{"JSON name not the Go name lowered", "Replicas and TTY.\n", "Replicas", "replicas", "replicas and TTY."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := describeField(tc.text, tc.goName, tc.json, siblings, values); got != tc.want {
				t.Errorf("describeField(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}
