package wire_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// unsignedBatch is a valid batch of three signals from seq first, observed
// a second before now.
func unsignedBatch(first uint64) wire.Batch {
	b := wire.Batch{V: wire.Version, Source: "eth-collector-1", Chain: "ethereum"}
	for i, v := range []string{"182.5", "0.25", "7000"} {
		s := unsignedSignal(first + uint64(i))
		s.Value = decimal.RequireFromString(v)
		if i == 1 {
			s.Kind = "oracle_deviation"
		}
		b.Signals = append(b.Signals, s)
	}
	return b
}

func signedBatch(t testing.TB, kp nkeys.KeyPair, b wire.Batch) wire.Batch {
	t.Helper()
	if err := wire.SignBatch(&b, kp); err != nil {
		t.Fatal(err)
	}
	return b
}

func batchVerifier(t testing.TB, kp nkeys.KeyPair) *wire.Verifier {
	t.Helper()
	v, err := wire.NewVerifier(wire.VerifierOptions{
		Trusted:    map[string]string{"eth-collector-1": publicKey(t, kp)},
		CheckValue: checkValue,
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// reasons returns the reason of each result, "" for an accepted signal.
func reasons(t testing.TB, errs []error) []wire.Reason {
	t.Helper()
	out := make([]wire.Reason, len(errs))
	for i, err := range errs {
		if err != nil {
			out[i] = reasonOf(t, err)
		}
	}
	return out
}

func TestBatchSigningBytesAreTheDocumentedForm(t *testing.T) {
	b := unsignedBatch(1234)
	want := "infrarisk-batch-v1\neth-collector-1\nethereum\n3" +
		"\nbase_fee_gwei\n182.5\n2020-03-12T10:00:01Z\n1234" +
		"\noracle_deviation\n0.25\n2020-03-12T10:00:01Z\n1235" +
		"\nbase_fee_gwei\n7000\n2020-03-12T10:00:01Z\n1236"
	if got := string(b.SigningBytes()); got != want {
		t.Errorf("signing bytes:\n%s\nwant:\n%s", got, want)
	}
}

func TestBatchRoundTripVerifiesEverySignal(t *testing.T) {
	kp := newKey(t)
	b := signedBatch(t, kp, unsignedBatch(10))
	data, err := wire.EncodeBatch(b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := wire.DecodeBatch(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Signals) != 3 || string(got.SigningBytes()) != string(b.SigningBytes()) {
		t.Fatalf("decoded batch differs: %+v", got)
	}
	for i, s := range got.Signals {
		if s.Source != "eth-collector-1" || s.Chain != "ethereum" || s.V != wire.Version || len(s.Sig) != 0 {
			t.Errorf("signal %d does not carry the batch's source, chain and version: %+v", i, s)
		}
	}
	v := batchVerifier(t, kp)
	for i, err := range v.CheckBatch(got, wire.BatchSubject("ethereum"), now) {
		if err != nil {
			t.Errorf("signal %d: %v", i, err)
		}
	}
}

// TestBatchSignatureCoversEverySignal: changing any field of any signal,
// or the batch's chain, makes every signal of the batch fail as
// bad_signature.
func TestBatchSignatureCoversEverySignal(t *testing.T) {
	kp := newKey(t)
	v := batchVerifier(t, kp)
	tamper := map[string]func(b *wire.Batch){
		"value":       func(b *wire.Batch) { b.Signals[2].Value = decimal.RequireFromString("7001") },
		"kind":        func(b *wire.Batch) { b.Signals[1].Kind = "base_fee_gwei" },
		"observed_at": func(b *wire.Batch) { b.Signals[1].ObservedAt = b.Signals[1].ObservedAt.Add(time.Nanosecond) },
		"seq":         func(b *wire.Batch) { b.Signals[2].Seq++ },
		"dropped":     func(b *wire.Batch) { b.Signals = b.Signals[:2] },
		"reordered": func(b *wire.Batch) {
			b.Signals[0].Value, b.Signals[2].Value = b.Signals[2].Value, b.Signals[0].Value
		},
	}
	for name, f := range tamper {
		t.Run(name, func(t *testing.T) {
			b := signedBatch(t, kp, unsignedBatch(10))
			b.Signals = append([]wire.Signal(nil), b.Signals...)
			f(&b)
			for i, r := range reasons(t, v.CheckBatch(b, "", now)) {
				if r != wire.ReasonBadSignature {
					t.Errorf("signal %d: reason %q, want bad_signature", i, r)
				}
			}
		})
	}
}

// TestBatchSignalsStandAlone: a signal out of range, of an unknown kind or
// stale is rejected on its own; the rest of the batch passes.
func TestBatchSignalsStandAlone(t *testing.T) {
	kp := newKey(t)
	v := batchVerifier(t, kp)
	b := unsignedBatch(10)
	b.Signals[0].Value = decimal.NewFromInt(-1)                          // out of range
	b.Signals[2].ObservedAt = now.Add(-wire.DefaultMaxAge - time.Second) // stale
	b = signedBatch(t, kp, b)
	got := reasons(t, v.CheckBatch(b, wire.BatchSubject("ethereum"), now))
	want := []wire.Reason{wire.ReasonOutOfRange, "", wire.ReasonStale}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reasons %v, want %v", got, want)
	}
}

func TestBatchWideRejections(t *testing.T) {
	kp := newKey(t)
	v := batchVerifier(t, kp)
	good := signedBatch(t, kp, unsignedBatch(10))
	unknown := good
	unknown.Source = "someone-else"
	for i := range unknown.Signals {
		unknown.Signals = append([]wire.Signal(nil), unknown.Signals...)
		unknown.Signals[i].Source = "someone-else"
	}
	unsigned := good
	unsigned.Sig = nil
	other := signedBatch(t, newKey(t), unsignedBatch(10))
	for _, c := range []struct {
		name    string
		b       wire.Batch
		subject string
		want    wire.Reason
	}{
		{"subject of another chain", good, wire.BatchSubject("arbitrum"), wire.ReasonSubjectMismatch},
		{"signal subject", good, wire.Subject("ethereum", "base_fee_gwei"), wire.ReasonSubjectMismatch},
		{"unknown source", unknown, "", wire.ReasonUnknownSource},
		{"unsigned", unsigned, "", wire.ReasonUnsigned},
		{"another key", other, "", wire.ReasonBadSignature},
	} {
		t.Run(c.name, func(t *testing.T) {
			for i, r := range reasons(t, v.CheckBatch(c.b, c.subject, now)) {
				if r != c.want {
					t.Errorf("signal %d: reason %q, want %q", i, r, c.want)
				}
			}
		})
	}
}

// TestSignatureDomainsAreSeparate: the signature of a lone signal does not
// verify a batch holding that signal, nor the other way round.
func TestSignatureDomainsAreSeparate(t *testing.T) {
	kp := newKey(t)
	v := batchVerifier(t, kp)
	s := signed(t, kp, unsignedSignal(10))
	b := wire.Batch{V: wire.Version, Source: s.Source, Chain: s.Chain, Signals: []wire.Signal{unsignedSignal(10)}, Sig: s.Sig}
	if r := reasons(t, v.CheckBatch(b, "", now))[0]; r != wire.ReasonBadSignature {
		t.Errorf("batch under a signal's signature: reason %q, want bad_signature", r)
	}
	b = signedBatch(t, kp, wire.Batch{V: wire.Version, Source: s.Source, Chain: s.Chain, Signals: []wire.Signal{unsignedSignal(10)}})
	lone := unsignedSignal(10)
	lone.Sig = b.Sig
	if r := reasonOf(t, v.Check(lone, "", now)); r != wire.ReasonBadSignature {
		t.Errorf("signal under a batch's signature: reason %q, want bad_signature", r)
	}
}

func TestDecodeBatchRejects(t *testing.T) {
	sig := base64.StdEncoding.EncodeToString(make([]byte, 64))
	item := func(kind string, seq int) string {
		return fmt.Sprintf(`{"kind":%q,"value":"1","observed_at":"2020-03-12T10:00:00Z","seq":%d}`, kind, seq)
	}
	batch := func(items ...string) string {
		return `{"v":1,"source":"eth-collector-1","chain":"ethereum","signals":[` + strings.Join(items, ",") + `],"sig":"` + sig + `"}`
	}
	many := make([]string, wire.MaxBatchLen+1)
	for i := range many {
		many[i] = item("base_fee_gwei", i+1)
	}
	for _, c := range []struct {
		name, data string
		reason     wire.Reason
		errText    string
	}{
		{"not JSON", `{"v":1,`, wire.ReasonMalformed, "invalid JSON"},
		{"an array", `[]`, wire.ReasonMalformed, "not a JSON object"},
		{"other version", `{"v":2,"anything":true}`, wire.ReasonBadVersion, "version 2"},
		{"unknown field", `{"v":1,"source":"a","chain":"b","signals":[],"extra":1}`, wire.ReasonMalformed, `unknown field "extra"`},
		{"missing signals", `{"v":1,"source":"eth-collector-1","chain":"ethereum"}`, wire.ReasonMalformed, `missing field "signals"`},
		{"signals not an array", `{"v":1,"source":"eth-collector-1","chain":"ethereum","signals":{}}`, wire.ReasonMalformed, "want an array"},
		{"empty", batch(), wire.ReasonMalformed, "0 signals"},
		{"too many", batch(many...), wire.ReasonMalformed, "257 signals"},
		{"signal with a source", batch(`{"source":"x","kind":"base_fee_gwei","value":"1","observed_at":"2020-03-12T10:00:00Z","seq":1}`), wire.ReasonMalformed, `unknown field "source"`},
		{"signal with its own sig", batch(`{"kind":"base_fee_gwei","value":"1","observed_at":"2020-03-12T10:00:00Z","seq":1,"sig":"` + sig + `"}`), wire.ReasonMalformed, `unknown field "sig"`},
		{"repeated kind", batch(`{"kind":"a","kind":"b","value":"1","observed_at":"2020-03-12T10:00:00Z","seq":1}`), wire.ReasonMalformed, `repeated field "kind"`},
		{"missing seq", batch(`{"kind":"a","value":"1","observed_at":"2020-03-12T10:00:00Z"}`), wire.ReasonMalformed, `missing field "seq"`},
		{"NaN value", batch(`{"kind":"a","value":"NaN","observed_at":"2020-03-12T10:00:00Z","seq":1}`), wire.ReasonMalformed, "not a decimal"},
		{"no zone", batch(`{"kind":"a","value":"1","observed_at":"2020-03-12T10:00:00","seq":1}`), wire.ReasonMalformed, "RFC 3339"},
		{"seq not increasing", batch(item("a", 2), item("b", 2)), wire.ReasonMalformed, "seq 2 not above the previous 2"},
		{"kind named batch", batch(item("batch", 1)), wire.ReasonMalformed, `"batch" is not a kind`},
		{"bad chain", `{"v":1,"source":"eth-collector-1","chain":"Ethereum!","signals":[` + item("a", 1) + `]}`, wire.ReasonMalformed, `field "chain"`},
		{"too large", batch(item("a", 1)) + strings.Repeat(" ", wire.MaxBatchSize), wire.ReasonMalformed, "more than the limit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := wire.DecodeBatch([]byte(c.data))
			if err == nil {
				t.Fatal("accepted")
			}
			if r := reasonOf(t, err); r != c.reason || !strings.Contains(err.Error(), c.errText) {
				t.Errorf("got %q: %v; want %q containing %q", r, err, c.reason, c.errText)
			}
		})
	}
}

func TestDecodeBatchErrorNamesValidSender(t *testing.T) {
	_, err := wire.DecodeBatch([]byte(`{"v":1,"source":"eth-collector-1","chain":"ethereum","signals":[]}`))
	var re *wire.RejectError
	if !asReject(err, &re) || re.Source != "eth-collector-1" || re.Chain != "ethereum" || re.Kind != wire.BatchKind {
		t.Errorf("rejection %+v does not name source, chain and kind batch", re)
	}
}

// TestPublishBatchOverNATS: a batch arrives on its subject, verifies, and
// takes consecutive seqs that the publisher's next signal continues.
func TestPublishBatchOverNATS(t *testing.T) {
	nc := startNATS(t)
	sub, err := nc.SubscribeSync(wire.SubjectAll)
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	kp := newKey(t)
	v := batchVerifier(t, kp)
	p := wire.NewPublisher(nc, "eth-collector-1", kp)
	at := time.Now()
	items := []wire.Item{
		{Kind: "base_fee_gwei", Value: decimal.RequireFromString("31.5"), ObservedAt: at},
		{Kind: "oracle_deviation", Value: decimal.RequireFromString("0.01"), ObservedAt: at},
	}
	if err := p.PublishBatch(context.Background(), "ethereum", items); err != nil {
		t.Fatal(err)
	}
	if err := p.Publish(context.Background(), "ethereum", "base_fee_gwei", decimal.NewFromInt(40), at); err != nil {
		t.Fatal(err)
	}
	msgs := receive(t, sub, 2)
	if msgs[0].Subject != wire.BatchSubject("ethereum") {
		t.Fatalf("batch arrived on %s", msgs[0].Subject)
	}
	b, err := wire.DecodeBatch(msgs[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	for i, err := range v.CheckBatch(b, msgs[0].Subject, time.Now()) {
		if err != nil {
			t.Errorf("signal %d: %v", i, err)
		}
		if err := v.Admit(b.Signals[i]); err != nil {
			t.Errorf("admit %d: %v", i, err)
		}
	}
	s, err := wire.Decode(msgs[1].Data)
	if err != nil {
		t.Fatal(err)
	}
	if b.Signals[1].Seq != b.Signals[0].Seq+1 || s.Seq != b.Signals[1].Seq+1 {
		t.Errorf("seqs %d, %d then %d: want consecutive", b.Signals[0].Seq, b.Signals[1].Seq, s.Seq)
	}
	if err := v.Verify(s, msgs[1].Subject, time.Now()); err != nil {
		t.Errorf("signal after the batch: %v", err)
	}
	if err := p.PublishBatch(context.Background(), "ethereum", make([]wire.Item, wire.MaxBatchLen+1)); err == nil {
		t.Error("a batch over MaxBatchLen was published")
	}
}

// FuzzDecodeBatch: DecodeBatch never panics, rejects only as malformed or
// bad_version, and whatever it accepts encodes and decodes back to the same
// signing bytes; checking it never panics either.
func FuzzDecodeBatch(f *testing.F) {
	b := unsignedBatch(10)
	good, err := wire.EncodeBatch(b)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"v":1,"source":"a","chain":"b","signals":[{"kind":"c","value":1e64,"observed_at":"0001-01-01T00:00:01Z","seq":0}]}`))
	f.Add([]byte(`{"v":1,"source":"a","chain":"b","signals":[[],{}],"sig":""}`))
	v, err := wire.NewVerifier(wire.VerifierOptions{AllowUnsigned: true, CheckValue: checkValue})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := wire.DecodeBatch(data)
		if err != nil {
			var re *wire.RejectError
			if !asReject(err, &re) || (re.Reason != wire.ReasonMalformed && re.Reason != wire.ReasonBadVersion) {
				t.Fatalf("rejection %v", err)
			}
			return
		}
		enc, err := wire.EncodeBatch(b)
		if err != nil {
			t.Fatalf("decoded %+v but cannot encode it: %v", b, err)
		}
		back, err := wire.DecodeBatch(enc)
		if err != nil {
			t.Fatalf("re-encoded %s does not decode: %v", enc, err)
		}
		if string(back.SigningBytes()) != string(b.SigningBytes()) {
			t.Fatalf("round trip changed the batch")
		}
		if errs := v.CheckBatch(b, "", now); len(errs) != len(b.Signals) {
			t.Fatalf("%d results for %d signals", len(errs), len(b.Signals))
		}
	})
}

// TestValueCanonicalFormIsBounded: 1e64 is short as written but its
// canonical form, which Encode writes and the signature covers, has 65
// digits, beyond what Decode reads back; it is refused. 1e63 (64 digits)
// round-trips. Found by FuzzDecodeBatch.
func TestValueCanonicalFormIsBounded(t *testing.T) {
	msg := func(v string) []byte {
		return []byte(`{"v":1,"source":"a","chain":"b","kind":"c","value":` + v + `,"observed_at":"2020-03-12T10:00:00Z","seq":1}`)
	}
	if _, err := wire.Decode(msg("1e64")); err == nil || !strings.Contains(err.Error(), "canonical form is 65 bytes") {
		t.Errorf("1e64: err %v, want refused for its 65-byte canonical form", err)
	}
	s, err := wire.Decode(msg("1e63"))
	if err != nil {
		t.Fatal(err)
	}
	enc, err := wire.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wire.Decode(enc); err != nil {
		t.Errorf("1e63 re-encoded as %s does not decode: %v", enc, err)
	}
}
