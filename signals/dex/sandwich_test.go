package dex

import (
	"math/big"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

func TestDirectionIsThePoolsNetChangeInToken0(t *testing.T) {
	for _, tc := range []struct {
		in, out int64
		want    direction
	}{
		{5, 0, zeroForOne},
		{0, 5, oneForZero},
		{7, 2, zeroForOne}, // a flash swap paying back more than it took
		{2, 7, oneForZero},
		{3, 3, noDirection},
		{0, 0, noDirection},
	} {
		if got := directionOf(big.NewInt(tc.in), big.NewInt(tc.out)); got != tc.want {
			t.Errorf("directionOf(in %d, out %d) = %s, want %s", tc.in, tc.out, got, tc.want)
		}
	}
}

func TestSandwiches(t *testing.T) {
	a, b, v, w := common.HexToAddress("0xa"), common.HexToAddress("0xb"), common.HexToAddress("0x1"), common.HexToAddress("0x2")
	var unknown common.Address
	s := func(trader common.Address, d direction) swap { return swap{trader: trader, dir: d} }
	const up, down, none = zeroForOne, oneForZero, noDirection
	for _, tc := range []struct {
		name  string
		swaps []swap
		want  []sandwich
	}{
		{"front-run, victim, back-run", []swap{s(a, up), s(v, up), s(a, down)}, []sandwich{{0, 1, 2}}},
		{"mirrored", []swap{s(a, down), s(v, down), s(a, up)}, []sandwich{{0, 1, 2}}},
		{"two victims", []swap{s(a, up), s(v, up), s(w, up), s(a, down)}, []sandwich{{0, 1, 3}, {0, 2, 3}}},
		// w's swaps enclose b's, a's enclose v's and w's second.
		{"interleaved", []swap{s(w, down), s(a, up), s(b, down), s(v, up), s(w, up), s(a, down)},
			[]sandwich{{0, 2, 4}, {1, 3, 5}, {1, 4, 5}}},
		// a sandwiches b; v is enclosed by b's, which come back first.
		{"first back-run wins", []swap{s(a, up), s(b, up), s(v, up), s(b, down), s(a, down)}, []sandwich{{0, 1, 4}, {1, 2, 3}}},
		{"two traders around", []swap{s(a, up), s(v, up), s(b, down)}, nil},
		{"same way three times", []swap{s(a, up), s(v, up), s(a, up)}, nil},
		{"victim the other way", []swap{s(a, up), s(v, down), s(a, down)}, nil},
		{"victim's own swaps", []swap{s(v, up), s(v, up), s(v, down)}, nil},
		{"back-run first", []swap{s(a, down), s(v, up), s(a, up)}, nil},
		{"no direction is never a victim", []swap{s(a, up), s(v, none), s(a, down)}, nil},
		{"no direction is never a front-run", []swap{s(a, none), s(v, none), s(a, down)}, nil},
		{"unknown traders are not attackers", []swap{s(unknown, up), s(v, up), s(unknown, down)}, nil},
		{"unknown trader can be a victim", []swap{s(a, up), s(unknown, up), s(a, down)}, []sandwich{{0, 1, 2}}},
		{"too few swaps", []swap{s(a, up), s(a, down)}, nil},
		{"none", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sandwiches(tc.swaps); !slices.Equal(got, tc.want) {
				t.Errorf("sandwiches = %v, want %v", got, tc.want)
			}
		})
	}
}
