package corev1

import "testing"

// Talk 003, "Controller manager" (node controller): it reads
// the Ready condition the kubelet keeps fresh.
func TestGetNodeCondition(t *testing.T) {
	status := &NodeStatus{Conditions: []NodeCondition{
		{Type: NodeMemoryPressure, Status: ConditionFalse},
		{Type: NodeReady, Status: ConditionTrue, Reason: "KubeletReady"},
	}}
	tests := []struct {
		name      string
		status    *NodeStatus
		condType  NodeConditionType
		wantIndex int
	}{
		{name: "ready", status: status, condType: NodeReady, wantIndex: 1},
		{name: "memory pressure", status: status, condType: NodeMemoryPressure, wantIndex: 0},
		{name: "missing", status: status, condType: NodeDiskPressure, wantIndex: -1},
		{name: "nil status", status: nil, condType: NodeReady, wantIndex: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i, c := GetNodeCondition(tc.status, tc.condType)
			if i != tc.wantIndex {
				t.Fatalf("index = %d, want %d", i, tc.wantIndex)
			}
			if tc.wantIndex >= 0 && (c == nil || c.Type != tc.condType) {
				t.Errorf("condition = %+v, want type %s", c, tc.condType)
			}
			if tc.wantIndex < 0 && c != nil {
				t.Errorf("condition = %+v, want nil", c)
			}
		})
	}
}
