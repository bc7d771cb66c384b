package metav1

import (
	"encoding/json"
	"testing"
)

// Talk 002, "Labels and selectors": a Deployment's selector as written in a
// manifest.
func TestLabelSelectorJSON(t *testing.T) {
	in := `{"matchLabels":{"app":"nginx"},"matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]},{"key":"canary","operator":"DoesNotExist"}]}`
	var sel LabelSelector
	if err := json.Unmarshal([]byte(in), &sel); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	if sel.MatchExpressions[0].Operator != LabelSelectorOpIn || sel.MatchExpressions[1].Operator != LabelSelectorOpDoesNotExist {
		t.Errorf("operators = %+v", sel.MatchExpressions)
	}
	got, _ := json.Marshal(sel)
	if string(got) != in {
		t.Errorf("round trip:\n got %s\nwant %s", got, in)
	}
	if empty, _ := json.Marshal(LabelSelector{}); string(empty) != `{}` {
		t.Errorf("empty selector = %s, want {}", empty)
	}
}
