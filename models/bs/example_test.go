package bs_test

import (
	"fmt"

	"github.com/infrarisk/infrarisk/models/bs"
)

// Haug (2007), p. 3: a three-month call, S = 60, K = 65, r = 8%, σ = 30%.
func ExampleOption_Price() {
	o := bs.Option{Type: bs.Call, Spot: 60, Strike: 65, T: 0.25, Rate: 0.08, Vol: 0.30}
	fmt.Printf("%.4f\n", o.Price())
	// Output: 2.1334
}

// Haug (2007), p. 4: a put on futures, F = 19, K = 19, r = 10%, σ = 28%,
// nine months (Black-76).
func ExampleBlack76_Price() {
	o := bs.Black76{Type: bs.Put, Forward: 19, Strike: 19, T: 0.75, Rate: 0.10, Vol: 0.28}
	fmt.Printf("%.4f\n", o.Price())
	// Output: 1.7011
}
