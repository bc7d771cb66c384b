// Names and identities the server hands out: generated names and uids.
//
// Interface:
//   - GenerateName(base): base plus five random characters, as upstream's
//     SimpleNameGenerator (`kubectl create job --generate-name`, every pod
//     a ReplicaSet creates).
//   - newUID(): a random RFC 4122 version 4 uuid, the form of
//     metadata.uid.
//   - maxGenerateNameAttempts: how often a create retries when a generated
//     name is taken.
package registry

import (
	"crypto/rand"
	"fmt"
	"math/big"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// nameAlphabet is upstream's utilrand alphabet: consonants and digits
// without vowels, 0, 1 and 3, so a generated suffix never spells a word
// or looks like another character.
const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

// Lengths of a generated name, as upstream: the suffix is five
// characters and the whole name at most 63, so the base is cut to 58.
const (
	generatedSuffixLength = 5
	maxGeneratedNameLen   = 63
)

// maxGenerateNameAttempts is how many names a create with generateName
// tries before giving up (upstream's RetryGenerateName, 8 attempts).
const maxGenerateNameAttempts = 8

// GenerateName returns base followed by five random characters from
// upstream's alphabet, cutting base so the result is at most 63
// characters: "web-" gives "web-x7k2q".
func GenerateName(base string) string {
	if len(base) > maxGeneratedNameLen-generatedSuffixLength {
		base = base[:maxGeneratedNameLen-generatedSuffixLength]
	}
	suffix := make([]byte, generatedSuffixLength)
	for i := range suffix {
		suffix[i] = nameAlphabet[randomInt(len(nameAlphabet))]
	}
	return base + string(suffix)
}

// newUID returns a random version 4 uuid, "8f0c8a5e-...". Upstream uses
// the same form (google/uuid's NewUUID).
func newUID() metav1.UID {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("registry: read random bytes: %v", err)) // crypto/rand does not fail on supported systems
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return metav1.UID(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}

// randomInt returns a uniform random integer in [0, n).
func randomInt(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		panic(fmt.Sprintf("registry: read random bytes: %v", err))
	}
	return int(v.Int64())
}
