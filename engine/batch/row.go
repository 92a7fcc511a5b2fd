package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/iv"
)

// Input ranges: wide enough for any market, narrow enough that no
// exponential or product in the formulas overflows to Inf or NaN.
const (
	minLevel = 1e-100 // spot, strike
	maxLevel = 1e100  // spot, strike, price
	maxYears = 100
	maxRate  = 1  // |rate|, |div|: 100% a year, continuously compounded
	maxVol   = 50 // 5000% a year
)

var required = [...]string{"type", "spot", "strike", "t", "rate", "div", "vol"}

// columns maps the named columns to their positions in a row.
type columns struct {
	n                                           int // fields per row
	typ, spot, strike, t, rate, div, vol, price int // −1 when absent (price only)
}

func parseHeader(line []byte) (columns, error) {
	names, err := splitFields(line)
	if err != nil {
		return columns{}, fmt.Errorf("header: %w", err)
	}
	idx := map[string]int{}
	for i, name := range names {
		name = strings.ToLower(strings.TrimSpace(name))
		if _, dup := idx[name]; dup && name != "" {
			return columns{}, fmt.Errorf("header: column %q appears twice", name)
		}
		idx[name] = i
	}
	var missing []string
	for _, name := range required {
		if _, ok := idx[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return columns{}, fmt.Errorf("header: missing column(s) %s (want type,spot,strike,t,rate,div,vol[,price])", strings.Join(missing, ","))
	}
	c := columns{n: len(names), typ: idx["type"], spot: idx["spot"], strike: idx["strike"], t: idx["t"],
		rate: idx["rate"], div: idx["div"], vol: idx["vol"], price: -1}
	if p, ok := idx["price"]; ok {
		c.price = p
	}
	return c, nil
}

func (c columns) outputHeader() string {
	if c.price >= 0 {
		return ",model_price,delta,gamma,vega,theta,rho,iv"
	}
	return ",model_price,delta,gamma,vega,theta,rho"
}

// splitFields splits a CSV line, through encoding/csv only when it is quoted.
func splitFields(line []byte) ([]string, error) {
	if bytes.IndexByte(line, '"') >= 0 {
		r := csv.NewReader(bytes.NewReader(line))
		r.FieldsPerRecord = -1
		return r.Read()
	}
	return strings.Split(string(line), ","), nil
}

// ErrNoVol is the error of a row that has neither a vol nor a price.
var ErrNoVol = errors.New("batch: row has neither vol nor price")

// priceChunk parses and prices the rows of one chunk.
func (c columns) priceChunk(ch *chunk, strict bool) result {
	var res result
	out := make([]byte, 0, len(ch.lines)*200)
	for i, line := range ch.lines {
		lineNo := ch.firstLine + i
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		row, err := c.parseRow(line)
		if err != nil {
			res.err = &LineError{Line: lineNo, Err: err}
			break
		}
		g, impliedVol, ivErr := row.evaluate()
		if ivErr != nil {
			if strict {
				res.err = &LineError{Line: lineNo, Err: ivErr}
				break
			}
			res.noImplied++
			res.warnings = append(res.warnings, &LineError{Line: lineNo, Err: ivErr})
		}
		out = append(out, line...)
		if row.hasVol || ivErr == nil {
			for _, v := range [...]float64{g.Price, g.Delta, g.Gamma, g.Vega, g.Theta, g.Rho} {
				out = append(out, ',')
				out = appendFloat(out, v)
			}
		} else {
			out = append(out, ",,,,,,"...)
		}
		if c.price >= 0 {
			out = append(out, ',')
			if row.hasPrice && ivErr == nil {
				out = appendFloat(out, impliedVol)
			}
		}
		out = append(out, '\n')
		res.rows++
	}
	res.out = out
	return res
}

// appendFloat writes the shortest decimal that reads back to v exactly;
// an infinite gamma (at the money at expiry) is written as +Inf.
func appendFloat(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

type row struct {
	opt              bs.Option
	price            float64
	hasVol, hasPrice bool
}

func (c columns) parseRow(line []byte) (row, error) {
	fields, err := splitFields(line)
	if err != nil {
		return row{}, err
	}
	if len(fields) != c.n {
		return row{}, fmt.Errorf("batch: %d fields, header has %d", len(fields), c.n)
	}
	var r row
	if r.opt.Type, err = bs.ParseOptionType(strings.TrimSpace(fields[c.typ])); err != nil {
		return row{}, err
	}
	num := func(name string, i int, lower, upper float64) (float64, error) {
		s := strings.TrimSpace(fields[i])
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, fmt.Errorf("batch: %s %q is not a number", name, s)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("batch: %s %q is not finite", name, s)
		}
		if v < lower || v > upper {
			return 0, fmt.Errorf("batch: %s %s is outside [%g, %g]", name, s, lower, upper)
		}
		return v, nil
	}
	for _, f := range []struct {
		name         string
		i            int
		lower, upper float64
		dst          *float64
	}{
		{"spot", c.spot, minLevel, maxLevel, &r.opt.Spot},
		{"strike", c.strike, minLevel, maxLevel, &r.opt.Strike},
		{"t", c.t, 0, maxYears, &r.opt.T},
		{"rate", c.rate, -maxRate, maxRate, &r.opt.Rate},
		{"div", c.div, -maxRate, maxRate, &r.opt.Div},
	} {
		if *f.dst, err = num(f.name, f.i, f.lower, f.upper); err != nil {
			return row{}, err
		}
	}
	if strings.TrimSpace(fields[c.vol]) != "" {
		if r.opt.Vol, err = num("vol", c.vol, 0, maxVol); err != nil {
			return row{}, err
		}
		r.hasVol = true
	}
	if c.price >= 0 && strings.TrimSpace(fields[c.price]) != "" {
		if r.price, err = num("price", c.price, 0, maxLevel); err != nil {
			return row{}, err
		}
		r.hasPrice = true
	}
	if !r.hasVol && !r.hasPrice {
		return row{}, ErrNoVol
	}
	if !r.hasVol && r.opt.T == 0 {
		return row{}, errors.New("batch: a row at expiry (t = 0) has no implied vol: give vol")
	}
	return r, nil
}

// evaluate prices the row at its vol (or its implied vol when it has none)
// and inverts its price when it has one.
func (r row) evaluate() (bs.Greeks, float64, error) {
	var impliedVol float64
	var ivErr error
	if r.hasPrice {
		if r.opt.T == 0 {
			ivErr = errors.New("batch: no implied vol at expiry (t = 0)")
		} else {
			impliedVol, ivErr = iv.ImpliedVol(r.price, r.opt.Spot, r.opt.Strike, r.opt.T, r.opt.Rate, r.opt.Div, r.opt.Type)
		}
	}
	o := r.opt
	if !r.hasVol {
		if ivErr != nil {
			return bs.Greeks{}, 0, ivErr
		}
		o.Vol = impliedVol
	}
	return o.Greeks(), impliedVol, ivErr
}
