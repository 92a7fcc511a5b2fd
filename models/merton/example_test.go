package merton_test

import (
	"fmt"
	"math"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/merton"
)

// Haug (2007), p. 9: S = 100, K = 100, r = 8%, three months, total vol 25%
// of which half from jumps at λ = 5 a year.
func ExampleOption_Price() {
	delta := 0.25 * math.Sqrt(0.5/5)
	o := merton.Option{
		Type: bs.Call, Spot: 100, Strike: 100, T: 0.25, Rate: 0.08,
		Vol:   0.25 * math.Sqrt(0.5),
		Jumps: merton.Jumps{Intensity: 5, MeanLog: -delta * delta / 2, Vol: delta},
	}
	fmt.Printf("%.2f\n", o.Price())
	// Output: 5.87
}
