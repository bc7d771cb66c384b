package storage

import (
	"errors"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// Quiet logging: the false alarm is dropped, every other error kept.
func TestQuietCore(t *testing.T) {
	core, logs := observer.New(zapcore.ErrorLevel)
	lg := zap.New(quietCore{core})
	lg.Error("failed to update storage version", zap.String("cluster-version", "3.7.0"),
		zap.Error(errors.New("cannot detect storage schema version: missing term information")))
	lg.Error("failed to update storage version", zap.Error(errors.New("disk full")))
	lg.With(zap.String("member", "m0")).Error("publish error")
	lg.Info("below the level")

	var got []string
	for _, e := range logs.All() {
		got = append(got, e.Message)
	}
	if len(got) != 2 || got[0] != "failed to update storage version" || got[1] != "publish error" {
		t.Errorf("logged %q, want the disk-full error and the publish error only", got)
	}
}
