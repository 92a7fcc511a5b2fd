package bs

import "fmt"

// OptionType is the sign θ of a European option's payoff max(θ(S−K), 0):
// +1 for a call, −1 for a put, as in Jäckel (2015).
type OptionType int8

const (
	Call OptionType = 1
	Put  OptionType = -1
)

// Sign returns θ as a float64: +1 for a call, −1 for a put.
func (t OptionType) Sign() float64 { return float64(t) }

func (t OptionType) String() string {
	switch t {
	case Call:
		return "call"
	case Put:
		return "put"
	}
	return fmt.Sprintf("OptionType(%d)", int8(t))
}

// ParseOptionType reads "call"/"c" or "put"/"p" (any case).
func ParseOptionType(s string) (OptionType, error) {
	switch s {
	case "call", "Call", "CALL", "c", "C":
		return Call, nil
	case "put", "Put", "PUT", "p", "P":
		return Put, nil
	}
	return 0, fmt.Errorf("bs: option type %q is neither call nor put", s)
}
