package iv

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
)

// volConditionNumber returns |(σ/p)·∂p/∂σ|⁻¹, the factor by which a relative
// error in the price p is amplified in the implied volatility σ.
func volConditionNumber(price, F, K, sigma, T float64) float64 {
	vega := math.Sqrt(F) * math.Sqrt(K) * math.Sqrt(T) * normalisedVega(logMoneyness(F, K), sigma*math.Sqrt(T))
	return price / (sigma * vega)
}

// volTolerance is the relative tolerance on a recovered σ: 1e-12, or the
// first-order error propagation limit cond·δp/p with δp/p a few ulps where
// the price barely depends on σ (deep in or out of the money, tiny time
// value next to a large intrinsic value).
func volTolerance(cond float64) float64 {
	return math.Max(1e-12, 64*dblEpsilon*cond)
}

func TestImpliedBlackVolRecoversReferenceVectors(t *testing.T) {
	for _, v := range lbrVectors {
		got, err := ImpliedBlackVol(v.price, v.F, v.K, v.T, v.typ)
		if v.T == 0 {
			// The reference returns NaN; here expiry must be positive.
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("row %d: T = 0 gave (%g, %v), want ErrInvalidInput", v.id, got, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("row %d: ImpliedBlackVol(%g, %g, %g, %g, %v) error %v", v.id, v.price, v.F, v.K, v.T, v.typ, err)
			continue
		}
		if v.vol == 0 {
			// Time value lost to rounding: the price equals intrinsic.
			if got != 0 {
				t.Errorf("row %d: got σ = %g for a price at intrinsic value, want 0", v.id, got)
			}
			continue
		}
		// Jäckel's own inversion of the same price: agreement to 1e-12
		// needs no allowance for conditioning because both solve the same
		// equation from the same input.
		if rel := math.Abs(got/v.vol - 1); rel > 1e-12 {
			t.Errorf("row %d: σ = %.17g, reference implied vol %.17g (rel err %.2g)", v.id, got, v.vol, rel)
		}
		cond := volConditionNumber(v.price, v.F, v.K, v.sigma, v.T)
		if rel := math.Abs(got/v.sigma - 1); rel > volTolerance(cond) {
			t.Errorf("row %d: σ = %.17g, input σ %.17g (rel err %.2g, condition %.3g)", v.id, got, v.sigma, rel, cond)
		}
	}
}

func TestBlackMatchesReferenceVectors(t *testing.T) {
	// Two independent double-precision evaluations agree to a few ulps;
	// 1e-14 allows for the ln(F/K)/(σ√T) conditioning of deep OTM rows.
	for _, v := range lbrVectors {
		got := Black(v.F, v.K, v.sigma, v.T, v.typ)
		if !closeRel(got, v.price, 1e-14) {
			t.Errorf("row %d: Black(%g, %g, %g, %g, %v) = %.17g, want %.17g", v.id, v.F, v.K, v.sigma, v.T, v.typ, got, v.price)
		}
	}
}

func TestNormalisedBlackMatchesReferenceVectors(t *testing.T) {
	for _, v := range lbrVectors {
		got := NormalisedBlack(v.x, v.s, v.typ)
		if !closeRel(got, v.nb, 1e-14) {
			t.Errorf("row %d: NormalisedBlack(%g, %g, %v) = %.17g, want %.17g", v.id, v.x, v.s, v.typ, got, v.nb)
		}
	}
}

func TestBlackAtZeroExpiryOrVolIsIntrinsic(t *testing.T) {
	cases := []struct {
		F, K, sigma, T float64
		typ            bs.OptionType
		want           float64
	}{
		{100, 90, 0.2, 0, bs.Call, 10},
		{100, 90, 0, 1, bs.Call, 10},
		{100, 90, 0.2, 0, bs.Put, 0},
		{80, 90, 0, 1, bs.Put, 10},
		{80, 90, 0, 1, bs.Call, 0},
		{90, 90, 0, 1, bs.Call, 0},
	}
	for _, c := range cases {
		if got := Black(c.F, c.K, c.sigma, c.T, c.typ); got != c.want {
			t.Errorf("Black(%g, %g, %g, %g, %v) = %g, want %g", c.F, c.K, c.sigma, c.T, c.typ, got, c.want)
		}
	}
}

func TestBlackRejectsInvalidArgumentsWithNaN(t *testing.T) {
	cases := []struct {
		name           string
		F, K, sigma, T float64
		typ            bs.OptionType
	}{
		{"zero forward", 0, 100, 0.2, 1, bs.Call},
		{"negative strike", 100, -1, 0.2, 1, bs.Call},
		{"negative vol", 100, 100, -0.2, 1, bs.Put},
		{"negative expiry", 100, 100, 0.2, -1, bs.Put},
		{"NaN vol", 100, 100, math.NaN(), 1, bs.Call},
		{"bad type", 100, 100, 0.2, 1, 0},
	}
	for _, c := range cases {
		if got := Black(c.F, c.K, c.sigma, c.T, c.typ); !math.IsNaN(got) {
			t.Errorf("%s: Black = %g, want NaN", c.name, got)
		}
	}
}

func TestBlackPutCallParity(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 20000; i++ {
		F := math.Exp(r.Float64()*math.Log(1e4)) * 0.1
		K := F * math.Exp(6*(2*r.Float64()-1))
		sigma := 0.01 * math.Exp(r.Float64()*math.Log(500))
		T := math.Exp(r.Float64()*math.Log(5*8760)) / 8760
		c := Black(F, K, sigma, T, bs.Call)
		p := Black(F, K, sigma, T, bs.Put)
		if d := math.Abs((c - p) - (F - K)); d > 1e-13*math.Max(F, K) {
			t.Fatalf("C−P−(F−K) = %g for F=%g K=%g σ=%g T=%g", d, F, K, sigma, T)
		}
	}
}

// quote is one randomly drawn option over the acceptance domain.
type quote struct {
	F, K, sigma, T float64
	typ            bs.OptionType
}

// randomQuote draws x/s uniform in [−10, 10], T log-uniform from one hour
// to five years, σ log-uniform in [0.01, 5] and F log-uniform in [1, 1e4].
func randomQuote(r *rand.Rand) quote {
	T := math.Exp(r.Float64()*math.Log(5*8760)) / 8760
	sigma := 0.01 * math.Exp(r.Float64()*math.Log(500))
	F := math.Exp(r.Float64() * math.Log(1e4))
	x := (20*r.Float64() - 10) * sigma * math.Sqrt(T)
	typ := bs.Call
	if r.IntN(2) == 0 {
		typ = bs.Put
	}
	return quote{F: F, K: F * math.Exp(-x), sigma: sigma, T: T, typ: typ}
}

func TestImpliedBlackVolRoundTripRandom(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 20000
	}
	r := rand.New(rand.NewPCG(2015, 75))
	var worstPrice, worstVol, worstVolRatio float64
	atIntrinsic, atMaximum := 0, 0
	for i := 0; i < n; i++ {
		q := randomQuote(r)
		price := Black(q.F, q.K, q.sigma, q.T, q.typ)
		got, err := ImpliedBlackVol(price, q.F, q.K, q.T, q.typ)
		if upper := math.Max(q.typ.Sign(), 0)*q.F + math.Max(-q.typ.Sign(), 0)*q.K; price >= upper {
			// Deep in the money with a tiny strike (x = 10·s ≈ 50): the
			// price rounds to its supremum and no volatility exists.
			if !errors.Is(err, ErrAboveMaximum) {
				t.Fatalf("%+v price %g at maximum: err = %v", q, price, err)
			}
			atMaximum++
			continue
		}
		if err != nil {
			t.Fatalf("%+v price %g: %v", q, price, err)
		}
		if got == 0 {
			// Only legitimate when the time value vanished in rounding.
			if price != math.Max(q.typ.Sign()*(q.F-q.K), 0) {
				t.Fatalf("%+v price %g: σ = 0 above intrinsic", q, price)
			}
			atIntrinsic++
			continue
		}
		repriced := Black(q.F, q.K, got, q.T, q.typ)
		errPrice := math.Abs(repriced - price)
		if errPrice > 1e-12*price && errPrice > 1e-15 {
			t.Fatalf("%+v: price %.17g repriced %.17g from σ %.17g", q, price, repriced, got)
		}
		worstPrice = math.Max(worstPrice, errPrice/price)
		cond := volConditionNumber(price, q.F, q.K, q.sigma, q.T)
		relVol := math.Abs(got/q.sigma - 1)
		if relVol > volTolerance(cond) {
			t.Fatalf("%+v: σ = %.17g (rel err %.2g, condition %.3g)", q, got, relVol, cond)
		}
		if cond < 1e3 {
			worstVol = math.Max(worstVol, relVol)
		}
		worstVolRatio = math.Max(worstVolRatio, relVol/(dblEpsilon*(1+cond)))
	}
	t.Logf("%d round trips: worst repricing rel err %.3g; worst σ rel err %.3g where condition < 1e3; worst σ err / (ε·(1+cond)) %.3g; %d at intrinsic, %d at maximum",
		n, worstPrice, worstVol, worstVolRatio, atIntrinsic, atMaximum)
}

func TestImpliedBlackVolReturnsZeroAtIntrinsic(t *testing.T) {
	cases := []struct {
		price, F, K float64
		typ         bs.OptionType
	}{
		{0, 100, 120, bs.Call},
		{20, 120, 100, bs.Call},
		{0, 120, 100, bs.Put},
		{20, 100, 120, bs.Put},
		{0, 100, 100, bs.Call},
	}
	for _, c := range cases {
		got, err := ImpliedBlackVol(c.price, c.F, c.K, 1, c.typ)
		if err != nil || got != 0 {
			t.Errorf("ImpliedBlackVol(%g, %g, %g, 1, %v) = %g, %v; want 0, nil", c.price, c.F, c.K, c.typ, got, err)
		}
	}
}

func TestImpliedBlackVolRejectsOutOfBoundsPrices(t *testing.T) {
	cases := []struct {
		name         string
		price, F, K  float64
		typ          bs.OptionType
		want         error
		lower, upper float64
	}{
		{"call below intrinsic", 19.999, 120, 100, bs.Call, ErrBelowIntrinsic, 20, 120},
		{"put below intrinsic", 9, 90, 100, bs.Put, ErrBelowIntrinsic, 10, 100},
		{"negative OTM price", -1e-300, 100, 120, bs.Call, ErrBelowIntrinsic, 0, 100},
		{"call at forward", 100, 100, 120, bs.Call, ErrAboveMaximum, 0, 100},
		{"call above forward", 150, 100, 80, bs.Call, ErrAboveMaximum, 20, 100},
		{"put at strike", 120, 100, 120, bs.Put, ErrAboveMaximum, 20, 120},
		{"put above strike", 1e9, 100, 120, bs.Put, ErrAboveMaximum, 20, 120},
	}
	for _, c := range cases {
		got, err := ImpliedBlackVol(c.price, c.F, c.K, 0.5, c.typ)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
			continue
		}
		other := ErrAboveMaximum
		if c.want == ErrAboveMaximum {
			other = ErrBelowIntrinsic
		}
		if errors.Is(err, other) || errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: %v also matches an unrelated sentinel", c.name, err)
		}
		var be *BoundsError
		if !errors.As(err, &be) {
			t.Errorf("%s: %v is not a *BoundsError", c.name, err)
			continue
		}
		if be.Price != c.price || be.Lower != c.lower || be.Upper != c.upper {
			t.Errorf("%s: BoundsError %+v, want {Price:%g Lower:%g Upper:%g}", c.name, *be, c.price, c.lower, c.upper)
		}
		if got != 0 || !strings.HasPrefix(err.Error(), "iv: ") {
			t.Errorf("%s: got σ = %g, message %q", c.name, got, err)
		}
	}
}

func TestImpliedBlackVolRejectsInvalidInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name           string
		price, F, K, T float64
		typ            bs.OptionType
		mention        string
	}{
		{"NaN price", nan, 100, 100, 1, bs.Call, "price"},
		{"infinite price", inf, 100, 100, 1, bs.Call, "price"},
		{"zero forward", 1, 0, 100, 1, bs.Call, "F"},
		{"negative forward", 1, -100, 100, 1, bs.Call, "F"},
		{"NaN forward", 1, nan, 100, 1, bs.Put, "F"},
		{"infinite forward", 1, inf, 100, 1, bs.Put, "F"},
		{"zero strike", 1, 100, 0, 1, bs.Call, "strike"},
		{"infinite strike", 1, 100, inf, 1, bs.Put, "strike"},
		{"zero expiry", 1, 100, 100, 0, bs.Call, "expiry"},
		{"negative expiry", 1, 100, 100, -1, bs.Call, "expiry"},
		{"NaN expiry", 1, 100, 100, nan, bs.Call, "expiry"},
		{"infinite expiry", 1, 100, 100, inf, bs.Call, "expiry"},
		{"bad option type", 1, 100, 100, 1, 0, "option type"},
	}
	for _, c := range cases {
		got, err := ImpliedBlackVol(c.price, c.F, c.K, c.T, c.typ)
		if !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), c.mention) {
			t.Errorf("%s: (%g, %v), want ErrInvalidInput naming %q", c.name, got, err, c.mention)
		}
		if got != 0 {
			t.Errorf("%s: σ = %g alongside an error", c.name, got)
		}
	}
}

func TestImpliedVolSpotConvention(t *testing.T) {
	const S, K, T, r, q, sigma = 100.0, 110.0, 0.75, 0.05, 0.02, 0.3
	F := S * math.Exp((r-q)*T)
	df := math.Exp(-r * T)
	for _, typ := range []bs.OptionType{bs.Call, bs.Put} {
		price := df * Black(F, K, sigma, T, typ)
		got, err := ImpliedVol(price, S, K, T, r, q, typ)
		if err != nil || !closeRel(got, sigma, 1e-12) {
			t.Errorf("%v: ImpliedVol = %.17g, %v; want %g", typ, got, err, sigma)
		}
	}
	// Bounds are reported in the caller's discounted convention.
	_, err := ImpliedVol(S, S, K, T, r, q, bs.Call)
	var be *BoundsError
	if !errors.As(err, &be) || !errors.Is(err, ErrAboveMaximum) || !closeRel(be.Upper, S*math.Exp(-q*T), 1e-15) || be.Price != S {
		t.Errorf("call at spot: err = %v, want ErrAboveMaximum with Upper = S·exp(−qT)", err)
	}
	_, err = ImpliedVol(1, S, 50, T, r, q, bs.Call)
	if !errors.As(err, &be) || !errors.Is(err, ErrBelowIntrinsic) || !closeRel(be.Lower, df*(F-50), 1e-15) {
		t.Errorf("deep ITM call below intrinsic: err = %v", err)
	}
	for _, c := range []struct {
		name                              string
		price, spot, strike, T, rate, div float64
		mention                           string
	}{
		{"NaN spot", 1, math.NaN(), 100, 1, 0, 0, "spot"},
		{"zero spot", 1, 0, 100, 1, 0, 0, "spot"},
		{"infinite rate", 1, 100, 100, 1, math.Inf(-1), 0, "rate"},
		{"NaN dividend", 1, 100, 100, 1, 0, math.NaN(), "div"},
		{"forward overflows", 1, 100, 100, 1, 800, 0, "forward"},
		{"NaN price", math.NaN(), 100, 100, 1, 0, 0, "price"},
	} {
		if _, err := ImpliedVol(c.price, c.spot, c.strike, c.T, c.rate, c.div, bs.Call); !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), c.mention) {
			t.Errorf("%s: err = %v, want ErrInvalidInput naming %q", c.name, err, c.mention)
		}
	}
}

func closeRel(got, want, tol float64) bool {
	if want == 0 {
		return got == 0
	}
	return math.Abs(got/want-1) <= tol
}
