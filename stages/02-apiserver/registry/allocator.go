// Allocator: a range of numbers (service IPs, node ports) handed out once
// each, with the taken ones recorded as a bitmap in etcd.
//
// Interface:
//   - newBitmap(store, name, rangeName, size, static): an allocator over
//     offsets [0, size) kept at /registry/ranges/<name>.
//   - allocate(offset), allocateNext(), release(offsets...), each with a
//     dry-run mode that checks without writing.
//   - errAllocated, errNotInRange, errFull: why an allocation failed.
//
// The record is upstream's RangeAllocation: {"range": "10.96.0.0/12",
// "data": <bitmap>}, where bit i of the big-endian number in data marks
// offset i taken. Every change is a compare-and-swap on that one key, so
// two API servers (or two requests) never hand out the same value: the
// loser of a race reads the winner's bitmap and tries again.
package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// Why an allocation fails.
var (
	errAllocated  = errors.New("already allocated")
	errNotInRange = errors.New("not in the valid range")
	errFull       = errors.New("range is full")
)

// rangeAllocation is the stored record of one allocator.
type rangeAllocation struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	// Range names what the offsets count from ("10.96.0.0/12",
	// "30000-32767"); a record for another range is refused.
	Range string `json:"range"`
	// Data is the bitmap as big-endian bytes, base64 in JSON.
	Data []byte `json:"data"`
}

// bitmap allocates offsets in [0, size). Offsets below static form
// upstream's static subrange: allocateNext takes them only when the rest
// is full, leaving them for clients that ask for a fixed value (the
// cluster DNS service's well-known IP, say).
type bitmap struct {
	store     *storage.Store
	key       string
	rangeName string
	size      int
	static    int
}

func newBitmap(store *storage.Store, name, rangeName string, size, static int) *bitmap {
	return &bitmap{store: store, key: store.Key("ranges", "", name), rangeName: rangeName, size: size, static: static}
}

// allocate marks offset taken: errNotInRange outside [0, size),
// errAllocated when it is taken already.
func (b *bitmap) allocate(ctx context.Context, offset int, dryRun bool) error {
	if offset < 0 || offset >= b.size {
		return errNotInRange
	}
	return b.change(ctx, dryRun, func(bits *big.Int) error {
		if bits.Bit(offset) == 1 {
			return errAllocated
		}
		bits.SetBit(bits, offset, 1)
		return nil
	})
}

// allocateNext takes a free offset, starting the search at a random one
// above the static subrange so that values spread out; errFull when none
// is left.
func (b *bitmap) allocateNext(ctx context.Context, dryRun bool) (int, error) {
	start := b.static + randomInt(b.size-b.static)
	var got int
	err := b.change(ctx, dryRun, func(bits *big.Int) error {
		for _, span := range [][2]int{{start, b.size}, {b.static, start}, {0, b.static}} {
			for i := span[0]; i < span[1]; i++ {
				if bits.Bit(i) == 0 {
					bits.SetBit(bits, i, 1)
					got = i
					return nil
				}
			}
		}
		return errFull
	})
	return got, err
}

// release marks offsets free again; offsets outside the range are
// ignored.
func (b *bitmap) release(ctx context.Context, offsets ...int) error {
	if len(offsets) == 0 {
		return nil
	}
	return b.change(ctx, false, func(bits *big.Int) error {
		for _, i := range offsets {
			if i >= 0 && i < b.size {
				bits.SetBit(bits, i, 0)
			}
		}
		return nil
	})
}

// change applies fn to the stored bitmap with compare-and-swap, creating
// the record on first use. With dryRun it reads and applies fn but
// writes nothing.
func (b *bitmap) change(ctx context.Context, dryRun bool, fn func(bits *big.Int) error) error {
	if dryRun {
		data, _, err := b.store.Get(ctx, b.key, storage.GetOptions{})
		if errors.Is(err, storage.ErrNotFound) {
			data, err = nil, nil
		}
		if err != nil {
			return err
		}
		bits, _, err := b.decode(data)
		if err != nil {
			return err
		}
		return fn(bits)
	}
	_, _, err := b.store.GuaranteedUpdate(ctx, b.key, storage.UpdateOptions{IgnoreNotFound: true},
		func(current []byte, _ int64) ([]byte, error) {
			bits, record, err := b.decode(current)
			if err != nil {
				return nil, err
			}
			if err := fn(bits); err != nil {
				return nil, err
			}
			record.Data = bits.Bytes()
			return json.Marshal(record)
		})
	return err
}

// decode reads a stored record; nil data is a new, empty one.
func (b *bitmap) decode(data []byte) (*big.Int, *rangeAllocation, error) {
	record := &rangeAllocation{
		TypeMeta:   metav1.TypeMeta{Kind: "RangeAllocation", APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{CreationTimestamp: metav1.Now().Rfc3339Copy()},
		Range:      b.rangeName,
	}
	if data != nil {
		if err := json.Unmarshal(data, record); err != nil {
			return nil, nil, fmt.Errorf("decode allocation %s: %w", b.key, err)
		}
		record.ResourceVersion = ""
	}
	if record.Range != b.rangeName {
		return nil, nil, fmt.Errorf("allocation %s is for range %s, not the configured %s", b.key, record.Range, b.rangeName)
	}
	return new(big.Int).SetBytes(record.Data), record, nil
}
