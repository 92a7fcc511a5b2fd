package wire

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"
)

// Limits of a batch.
const (
	// BatchKind is the last token of a batch's subject; no signal kind
	// may have this name.
	BatchKind = "batch"
	// MaxBatchLen is the most signals one batch carries.
	MaxBatchLen = 256
	// MaxBatchSize is the largest batch message DecodeBatch reads, in
	// bytes.
	MaxBatchSize = 64 << 10
)

// batchSigningPrefix separates batch signatures from signal signatures.
const batchSigningPrefix = "infrarisk-batch-v1\n"

// BatchSubject returns the subject a batch of the chain is published on:
// infra.signal.<chain>.batch. SubjectAll matches it.
func BatchSubject(chain string) string {
	return SubjectPrefix + chain + "." + BatchKind
}

// Batch is several signals of one source on one chain under one
// signature: what a collector observed together, such as one block's
// base fee, gas use and interval. Each signal keeps its own kind, value,
// time and seq and is accepted or rejected on its own, except that a
// batch's signature, source and subject are checked once for all.
type Batch struct {
	V      int
	Source string
	Chain  string
	// Signals are in increasing seq. Their V, Source and Chain are the
	// batch's and their Sig is empty.
	Signals []Signal
	// Sig is the Ed25519 signature over SigningBytes; empty if unsigned.
	Sig []byte
}

// Item is one observation for a batch: Publisher.PublishBatch numbers and
// signs it.
type Item struct {
	Kind       string
	Value      decimal.Decimal
	ObservedAt time.Time
}

// SigningBytes returns the canonical bytes a batch's signature covers: the
// UTF-8 of
//
//	infrarisk-batch-v1\n<source>\n<chain>\n<n>
//
// followed, for each of the n signals in order, by
//
//	\n<kind>\n<value>\n<observed_at>\n<seq>
//
// with each field written as in Signal.SigningBytes.
func (b Batch) SigningBytes() []byte {
	out := make([]byte, 0, len(batchSigningPrefix)+len(b.Source)+len(b.Chain)+8+len(b.Signals)*80)
	out = append(out, batchSigningPrefix...)
	out = append(out, b.Source...)
	out = append(out, '\n')
	out = append(out, b.Chain...)
	out = append(out, '\n')
	out = strconv.AppendInt(out, int64(len(b.Signals)), 10)
	for _, s := range b.Signals {
		out = append(out, '\n')
		out = append(out, s.Kind...)
		out = append(out, '\n')
		out = append(out, s.Value.String()...)
		out = append(out, '\n')
		out = s.ObservedAt.UTC().AppendFormat(out, time.RFC3339Nano)
		out = append(out, '\n')
		out = strconv.AppendUint(out, s.Seq, 10)
	}
	return out
}

// SignBatch checks the batch as EncodeBatch does and sets b.Sig to kp's
// signature over its signing bytes.
func SignBatch(b *Batch, kp nkeys.KeyPair) error {
	if err := b.check(); err != nil {
		return fmt.Errorf("wire: signing batch: %w", err)
	}
	sig, err := kp.Sign(b.SigningBytes())
	if err != nil {
		return fmt.Errorf("wire: signing batch: %w", err)
	}
	b.Sig = sig
	return nil
}

// check reports the first thing about b that EncodeBatch could not write
// or DecodeBatch would not read back.
func (b *Batch) check() error {
	if b.V != Version {
		return fmt.Errorf("unsupported version %d, want %d", b.V, Version)
	}
	if !ValidSource(b.Source) {
		return fmt.Errorf("field \"source\": %q does not match %s", clip(b.Source), sourcePattern)
	}
	if !ValidName(b.Chain) {
		return fmt.Errorf("field \"chain\": %q does not match %s", clip(b.Chain), namePattern)
	}
	if n := len(b.Signals); n == 0 || n > MaxBatchLen {
		return fmt.Errorf("field \"signals\": %d signals, want 1 to %d", n, MaxBatchLen)
	}
	for i := range b.Signals {
		s := &b.Signals[i]
		if s.V != b.V || s.Source != b.Source || s.Chain != b.Chain {
			return fmt.Errorf("signal %d: version, source or chain differs from the batch's", i)
		}
		if s.Kind == BatchKind {
			return fmt.Errorf("signal %d: %q is not a kind", i, BatchKind)
		}
		if err := s.check(); err != nil {
			return fmt.Errorf("signal %d: %w", i, err)
		}
		if len(s.Sig) != 0 {
			return fmt.Errorf("signal %d: signed on its own inside a batch", i)
		}
		if i > 0 && s.Seq <= b.Signals[i-1].Seq {
			return fmt.Errorf("signal %d: seq %d not above the previous %d", i, s.Seq, b.Signals[i-1].Seq)
		}
	}
	if len(b.Sig) != 0 && len(b.Sig) != sigSize {
		return fmt.Errorf("field \"sig\": signature is %d bytes, want %d", len(b.Sig), sigSize)
	}
	return nil
}

// batchMessage and itemMessage are the JSON form of a Batch.
type batchMessage struct {
	V       int           `json:"v"`
	Source  string        `json:"source"`
	Chain   string        `json:"chain"`
	Signals []itemMessage `json:"signals"`
	Sig     string        `json:"sig,omitempty"`
}

type itemMessage struct {
	Kind       string `json:"kind"`
	Value      string `json:"value"`
	ObservedAt string `json:"observed_at"`
	Seq        uint64 `json:"seq"`
}

// EncodeBatch checks b and writes its JSON form:
//
//	{"v":1,"source":"eth-collector-1","chain":"ethereum","signals":[
//	 {"kind":"base_fee_gwei","value":"182.5","observed_at":"2020-03-12T10:00:00Z","seq":1234},
//	 {"kind":"gas_used_ratio","value":"0.97","observed_at":"2020-03-12T10:00:00Z","seq":1235}],
//	 "sig":"<base64>"}
func EncodeBatch(b Batch) ([]byte, error) {
	if err := b.check(); err != nil {
		return nil, fmt.Errorf("wire: encoding batch: %w", err)
	}
	m := batchMessage{V: b.V, Source: b.Source, Chain: b.Chain, Signals: make([]itemMessage, len(b.Signals))}
	for i, s := range b.Signals {
		m.Signals[i] = itemMessage{Kind: s.Kind, Value: s.Value.String(), ObservedAt: s.ObservedAt.UTC().Format(time.RFC3339Nano), Seq: s.Seq}
	}
	if len(b.Sig) != 0 {
		m.Sig = base64.StdEncoding.EncodeToString(b.Sig)
	}
	data, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBatchSize {
		return nil, fmt.Errorf("wire: encoding batch: %d bytes, more than the limit of %d", len(data), MaxBatchSize)
	}
	return data, nil
}

// Field indexes of a batch and of a batch's signal.
const (
	bV = iota
	bSource
	bChain
	bSignals
	bSig
	numBatchFields
)

const (
	iKind = iota
	iValue
	iObservedAt
	iSeq
	numItemFields
)

var (
	batchFieldNames = [numBatchFields]string{"v", "source", "chain", "signals", "sig"}
	itemFieldNames  = [numItemFields]string{"kind", "value", "observed_at", "seq"}
)

// DecodeBatch reads one batch message as strictly as Decode reads a signal:
// at most MaxBatchSize bytes, one JSON object with exactly the fields v,
// source, chain, signals and optionally sig, each signal an object with
// exactly kind, value, observed_at and seq, 1 to MaxBatchLen signals with
// strictly increasing seq. A violation is a *RejectError of reason
// ReasonMalformed (ReasonBadVersion for another version) for the whole
// batch, carrying its source and chain when they were valid.
func DecodeBatch(data []byte) (Batch, error) {
	var raw [numBatchFields]json.RawMessage
	fail := func(reason Reason, err error) (Batch, error) {
		e := &RejectError{Reason: reason, Kind: BatchKind, Err: err}
		if raw[bSource] != nil {
			if s, err := str(raw[bSource], "source"); err == nil && ValidSource(s) {
				e.Source = s
			}
		}
		if raw[bChain] != nil {
			if s, err := str(raw[bChain], "chain"); err == nil && ValidName(s) {
				e.Chain = s
			}
		}
		return Batch{}, e
	}
	err := validJSON(data, MaxBatchSize)
	if err == nil {
		err = splitObject(data, batchFieldNames[:], raw[:], "batch")
	}
	if v := raw[bV]; v != nil {
		if n, verr := strconv.ParseInt(string(v), 10, 64); verr == nil && n != Version {
			return fail(ReasonBadVersion, fmt.Errorf("unsupported version %d, want %d", n, Version))
		}
	}
	if err != nil {
		return fail(ReasonMalformed, err)
	}
	for i, r := range raw {
		if r == nil && i != bSig {
			return fail(ReasonMalformed, fmt.Errorf("missing field %q", batchFieldNames[i]))
		}
	}
	b, err := parseBatch(&raw)
	if err != nil {
		return fail(ReasonMalformed, err)
	}
	return b, nil
}

func parseBatch(raw *[numBatchFields]json.RawMessage) (Batch, error) {
	var b Batch
	if jsonType(raw[bV]) != "number" {
		return Batch{}, fmt.Errorf("field \"v\": want an integer, got %s", jsonType(raw[bV]))
	}
	v, err := strconv.Atoi(string(raw[bV]))
	if err != nil {
		return Batch{}, fmt.Errorf("field \"v\": want an integer, got %s", clip(string(raw[bV])))
	}
	b.V = v
	if b.Source, err = str(raw[bSource], "source"); err != nil {
		return Batch{}, err
	}
	if b.Chain, err = str(raw[bChain], "chain"); err != nil {
		return Batch{}, err
	}
	if raw[bSig] != nil {
		if b.Sig, err = sigField(raw[bSig]); err != nil {
			return Batch{}, err
		}
	}
	items, err := elements(raw[bSignals])
	if err != nil {
		return Batch{}, fmt.Errorf("field \"signals\": %w", err)
	}
	if len(items) > MaxBatchLen {
		return Batch{}, fmt.Errorf("field \"signals\": %d signals, want 1 to %d", len(items), MaxBatchLen)
	}
	b.Signals = make([]Signal, len(items))
	for i, item := range items {
		s := &b.Signals[i]
		s.V, s.Source, s.Chain = b.V, b.Source, b.Chain
		if err := parseItem(item, s); err != nil {
			return Batch{}, fmt.Errorf("signal %d: %w", i, err)
		}
	}
	if err := b.check(); err != nil {
		return Batch{}, err
	}
	return b, nil
}

func parseItem(data json.RawMessage, s *Signal) error {
	var raw [numItemFields]json.RawMessage
	if err := splitObject(data, itemFieldNames[:], raw[:], "signal"); err != nil {
		return err
	}
	for i, r := range raw {
		if r == nil {
			return fmt.Errorf("missing field %q", itemFieldNames[i])
		}
	}
	var err error
	if s.Kind, err = str(raw[iKind], "kind"); err != nil {
		return err
	}
	if !ValidName(s.Kind) {
		return fmt.Errorf("field \"kind\": %q does not match %s", clip(s.Kind), namePattern)
	}
	if s.Value, err = valueField(raw[iValue]); err != nil {
		return fmt.Errorf("field \"value\": %w", err)
	}
	if s.ObservedAt, err = timeField(raw[iObservedAt], "observed_at"); err != nil {
		return err
	}
	if s.Seq, err = seqField(raw[iSeq]); err != nil {
		return fmt.Errorf("field \"seq\": %w", err)
	}
	return nil
}
