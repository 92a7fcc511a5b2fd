package backtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/margin"
)

// Book is the accounts a backtest margins and liquidates. Its JSON form:
//
//	{"accounts": [
//	  {"id": "a1", "collateral_usd": "25000",
//	   "positions": [
//	     {"type": "put", "strike": "1800", "expiry_days": 30, "quantity": "-10"},
//	     {"type": "future", "quantity": "5", "entry_price": "2000"},
//	     {"type": "spot", "quantity": "2"}]}]}
//
// collateral_usd is the account's cash in USD after its trades (negative: a
// USD loan, as against spot bought on margin). A position's type is call,
// put, future or spot; quantity is signed (negative: short); strike and
// expiry_days are for options only; entry_price is for futures only and
// defaults to the incident's first price. Amounts may be JSON numbers or
// decimal strings. Equity is collateral plus the positions marked to
// market: options at their Black–Scholes value on the market's base surface,
// spot at the price, a future at its gain since entry.
type Book struct {
	Accounts []Account `json:"accounts"`
}

// Account is one trader's collateral and positions.
type Account struct {
	// ID names the account in the liquidation log; empty IDs are numbered.
	ID            string          `json:"id,omitempty"`
	CollateralUSD decimal.Decimal `json:"collateral_usd"`
	Positions     []Position      `json:"positions"`
}

// Position is one holding of an account.
type Position struct {
	Type       string          `json:"type"`
	Strike     decimal.Decimal `json:"strike,omitzero"`
	ExpiryDays float64         `json:"expiry_days,omitempty"`
	Quantity   decimal.Decimal `json:"quantity"`
	EntryPrice decimal.Decimal `json:"entry_price,omitzero"`
}

// ErrBook is wrapped by every error in a book.
var ErrBook = errors.New("backtest: bad book")

// ReadBook reads a book strictly (unknown fields are errors) and checks it.
func ReadBook(r io.Reader) (Book, error) {
	var b Book
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return Book{}, fmt.Errorf("%w: %w", ErrBook, err)
	}
	if err := b.Validate(); err != nil {
		return Book{}, err
	}
	return b, nil
}

// JSON returns the book in its JSON form, one account a line.
func (b Book) JSON() []byte {
	var buf bytes.Buffer
	buf.WriteString("{\"accounts\": [\n")
	for i, a := range b.Accounts {
		line, err := json.Marshal(a)
		if err != nil {
			panic(err) // a Book holds nothing json cannot encode
		}
		buf.Write(line)
		if i < len(b.Accounts)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	return buf.Bytes()
}

// Validate checks that the book has accounts, unique IDs and well-formed
// positions.
func (b Book) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrBook, fmt.Sprintf(format, args...))
	}
	if len(b.Accounts) == 0 {
		return bad("no accounts")
	}
	ids := map[string]bool{}
	for i, a := range b.Accounts {
		id := accountID(a, i)
		if ids[id] {
			return bad("account id %q appears twice", id)
		}
		ids[id] = true
		if len(a.Positions) == 0 {
			return bad("account %s: no positions", id)
		}
		for j, p := range a.Positions {
			if _, err := p.instrument(); err != nil {
				return bad("account %s, position %d: %v", id, j, err)
			}
			if p.Quantity.IsZero() || p.Quantity.Abs().GreaterThan(decimal.New(1, 12)) {
				return bad("account %s, position %d: quantity %s must be non-zero and at most 1e12", id, j, p.Quantity)
			}
			if p.EntryPrice.IsNegative() {
				return bad("account %s, position %d: entry_price %s is negative", id, j, p.EntryPrice)
			}
		}
	}
	return nil
}

func accountID(a Account, i int) string {
	if a.ID != "" {
		return a.ID
	}
	return fmt.Sprintf("#%d", i+1)
}

// instrument returns the position's contract.
func (p Position) instrument() (margin.Instrument, error) {
	switch strings.ToLower(p.Type) {
	case "call", "put":
		typ, _ := bs.ParseOptionType(strings.ToLower(p.Type))
		k, _ := p.Strike.Float64()
		if !(k > 0) || !(p.ExpiryDays > 0) || p.ExpiryDays > 36500 {
			return margin.Instrument{}, fmt.Errorf("an option needs a positive strike and expiry_days in (0, 36500] (got %s, %g)", p.Strike, p.ExpiryDays)
		}
		in := margin.Instrument{Kind: margin.Option, Type: typ, Strike: k, Expiry: p.ExpiryDays / 365}
		return in, in.Validate(0)
	case "future":
		return margin.LinearFuture(), nil
	case "spot":
		return margin.SpotAsset(), nil
	}
	return margin.Instrument{}, fmt.Errorf("type %q is not call, put, future or spot", p.Type)
}

// holdings is a book as the simulator keeps it: accounts as signed
// quantities over one table of distinct instruments.
type holdings struct {
	instruments []margin.Instrument
	ids         []string
	cash        []float64
	hold        [][]margin.Holding
}

// flatten turns a validated book into holdings. A future's gain is kept
// against its entry price by charging the entry to cash, so that every
// linear position is marked at the price itself.
func flatten(b Book, firstPrice float64) holdings {
	index := map[margin.Instrument]int{}
	var h holdings
	for i, a := range b.Accounts {
		cash, _ := a.CollateralUSD.Float64()
		perInst := map[int]float64{}
		var order []int
		for _, p := range a.Positions {
			in, _ := p.instrument()
			k, ok := index[in]
			if !ok {
				k = len(h.instruments)
				index[in] = k
				h.instruments = append(h.instruments, in)
			}
			q, _ := p.Quantity.Float64()
			if in.Kind == margin.Future {
				entry := firstPrice
				if !p.EntryPrice.IsZero() {
					entry, _ = p.EntryPrice.Float64()
				}
				cash -= q * entry
			}
			if _, seen := perInst[k]; !seen {
				order = append(order, k)
			}
			perInst[k] += q
		}
		var hold []margin.Holding
		for _, k := range order {
			if q := perInst[k]; q != 0 && !math.IsInf(q, 0) {
				hold = append(hold, margin.Holding{Instrument: k, Quantity: q})
			}
		}
		h.ids = append(h.ids, accountID(a, i))
		h.cash = append(h.cash, cash)
		h.hold = append(h.hold, hold)
	}
	return h
}
