package discovery

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// semver is the part of upstream's semantic-version grammar kubectl's skew
// check parses: vMAJOR.MINOR.PATCH, optional pre-release and build metadata.
var semver = regexp.MustCompile(`^v(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// `kubectl version` must see 1.37 so that a v1.37 kubectl prints no skew
// warning, and a GitVersion that parses as a semantic version.
func TestVersionInfo(t *testing.T) {
	rec := httptest.NewRecorder()
	VersionHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/version", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != ContentTypeJSON {
		t.Fatalf("GET /version: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var info metav1.VersionInfo
	if err := json.Unmarshal(rec.Body.Bytes(), &info); err != nil {
		t.Fatal(err)
	}
	m := semver.FindStringSubmatch(info.GitVersion)
	if m == nil {
		t.Fatalf("gitVersion %q is not a semantic version", info.GitVersion)
	}
	if m[1] != info.Major || m[2] != info.Minor || info.Major != "1" || info.Minor != "37" {
		t.Errorf("gitVersion %q, major %q, minor %q: want 1.37 in all three", info.GitVersion, info.Major, info.Minor)
	}
	if info.GoVersion == "" || info.Platform == "" || info.EmulationMinor != info.Minor {
		t.Errorf("incomplete VersionInfo: %+v", info)
	}
	rec = httptest.NewRecorder()
	VersionHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodPut, "/version", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("PUT /version: code %d, want 405", rec.Code)
	}
}
