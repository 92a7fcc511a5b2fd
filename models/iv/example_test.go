package iv_test

import (
	"fmt"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/iv"
)

func ExampleImpliedBlackVol() {
	const F, K, T = 100.0, 110.0, 0.5
	price := iv.Black(F, K, 0.25, T, bs.Call)
	sigma, err := iv.ImpliedBlackVol(price, F, K, T, bs.Call)
	fmt.Printf("price %.6f, implied vol %.12f, err %v\n", price, sigma, err)

	_, err = iv.ImpliedBlackVol(F, F, K, T, bs.Call)
	fmt.Println(err)
	// Output:
	// price 3.441215, implied vol 0.250000000000, err <nil>
	// iv: price at or above maximum: price 100, maximum 100
}

func ExampleImpliedVol() {
	// Spot 100, strike 95, 3 months, 4% rate, 1% dividend yield.
	sigma, err := iv.ImpliedVol(7.5, 100, 95, 0.25, 0.04, 0.01, bs.Call)
	fmt.Printf("%.10f %v\n", sigma, err)
	// Output:
	// 0.2085311014 <nil>
}
