package beacon

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// mainnetGenesis is the Ethereum beacon chain's genesis time, 1 December
// 2020 12:00:23 UTC. Slot s starts 12·s seconds later, so epoch e starts at
// mainnetGenesis + 384·e.
const mainnetGenesis = 1606824023

const mainnetSlotsPerEpoch = 32

func slotStart(slot uint64) time.Time {
	return time.Unix(mainnetGenesis+12*int64(slot), 0).UTC()
}

// votes is one epoch's target votes, as shares of the active stake:
// timely as counted at the end of the epoch (when the epoch can be
// justified as the current epoch), final as counted at the end of the next
// epoch, after late inclusions (when it can be justified as the previous
// epoch, and what participation figures report).
type votes struct {
	timely, final decimal.Decimal
}

// frac parses a participation figure such as "0.884".
func frac(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// same is an epoch whose votes were all included in time.
func same(s string) votes { return votes{timely: frac(s), final: frac(s)} }

// checkpoints are the finality checkpoints of a beacon state.
type checkpoints struct {
	previousJustified, currentJustified, finalized uint64
}

// ffg returns, for each epoch from first + 1 on, the checkpoints of the
// head state in that epoch, by the consensus specs' justification and
// finalization rules (phase0 beacon-chain.md,
// weigh_justification_and_finalization, unchanged since) applied to the
// votes of each epoch. Before first the chain is taken as healthy: every
// epoch justified in time, so first − 1 is finalized at its end. The map
// must hold first − 1 onwards.
func ffg(first uint64, v map[uint64]votes) map[uint64]checkpoints {
	st := checkpoints{previousJustified: first - 2, currentJustified: first - 1, finalized: first - 2}
	bits := [4]bool{true, true, true, true}
	out := map[uint64]checkpoints{first: st}
	twoThirds := func(s decimal.Decimal) bool { return s.Mul(decimal.NewFromInt(3)).Cmp(decimal.NewFromInt(2)) >= 0 }
	for cur := first; ; cur++ {
		prevVotes, ok1 := v[cur-1]
		curVotes, ok2 := v[cur]
		if !ok1 || !ok2 {
			return out
		}
		oldPrev, oldCur := st.previousJustified, st.currentJustified
		st.previousJustified = st.currentJustified
		bits = [4]bool{false, bits[0], bits[1], bits[2]}
		if twoThirds(prevVotes.final) {
			st.currentJustified, bits[1] = cur-1, true
		}
		if twoThirds(curVotes.timely) {
			st.currentJustified, bits[0] = cur, true
		}
		if bits[1] && bits[2] && bits[3] && oldPrev+3 == cur {
			st.finalized = oldPrev
		}
		if bits[1] && bits[2] && oldPrev+2 == cur {
			st.finalized = oldPrev
		}
		if bits[0] && bits[1] && bits[2] && oldCur+2 == cur {
			st.finalized = oldCur
		}
		if bits[0] && bits[1] && oldCur+1 == cur {
			st.finalized = oldCur
		}
		out[cur+1] = st
	}
}

// Route names, for counting requests and canning answers.
const (
	routeSyncing     = "syncing"
	routeHeader      = "header"
	routeCheckpoints = "checkpoints"
	routeInclusion   = "inclusion"
	routeLiveness    = "liveness"
)

// activeGwei is the active stake the test node reports: 584,000 validators
// of 32 ETH, about mainnet's in May 2023. Only ratios are published, so
// the total is reconstructed; it is above 2^53, as mainnet's is, so a
// reader that goes through float64 loses exactness.
const activeGwei = 584_000 * 32_000_000_000

// node is a beacon node speaking the Beacon API's JSON (and Lighthouse's
// validator inclusion API) over a model of the chain: a head slot, each
// epoch's votes and the finality that follows from them by ffg.
type node struct {
	t   *testing.T
	srv *httptest.Server

	mu            sync.Mutex
	slotsPerEpoch uint64
	headSlot      uint64
	syncing       bool
	syncDistance  uint64
	votes         map[uint64]votes
	finality      map[uint64]checkpoints
	// inclusionStatus and livenessStatus, when not 0, are what the node
	// answers instead of serving the route: 404, 405 or 501.
	inclusionStatus, livenessStatus int
	// isLive says whether a validator was live in an epoch.
	isLive func(epoch, index uint64) bool
	// canned answers a route with a fixed status and body instead of the
	// model; see can.
	canned map[string]cannedAnswer
	hits   map[string]int
	// livenessAsked records each liveness request as epoch and body.
	livenessAsked []livenessRequest
}

type cannedAnswer struct {
	status int
	body   string
	// times is how many requests get the answer before the model answers
	// again; 0 means all of them.
	times int
}

type livenessRequest struct {
	epoch   uint64
	indices []string
}

// newNode starts a node over the votes, with finality computed from first
// (see ffg), and stops it when the test ends.
func newNode(t *testing.T, v map[uint64]votes, first uint64) *node {
	t.Helper()
	n := &node{
		t: t, votes: v, finality: ffg(first, v), slotsPerEpoch: mainnetSlotsPerEpoch,
		isLive: func(uint64, uint64) bool { return false },
		canned: map[string]cannedAnswer{}, hits: map[string]int{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /eth/v1/node/syncing", n.route(routeSyncing, n.serveSyncing))
	mux.HandleFunc("GET /eth/v1/beacon/headers/{block_id}", n.route(routeHeader, n.serveHeader))
	mux.HandleFunc("GET /eth/v1/beacon/states/{state_id}/finality_checkpoints", n.route(routeCheckpoints, n.serveCheckpoints))
	mux.HandleFunc("GET /lighthouse/validator_inclusion/{epoch}/global", n.route(routeInclusion, n.serveInclusion))
	mux.HandleFunc("POST /eth/v1/validator/liveness/{epoch}", n.route(routeLiveness, n.serveLiveness))
	n.srv = httptest.NewServer(mux)
	t.Cleanup(n.srv.Close)
	return n
}

// setHead moves the head to slot.
func (n *node) setHead(slot uint64) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.headSlot = slot
}

// can makes the route answer status and body, the next times requests or,
// with times 0, until further notice.
func (n *node) can(route string, status int, body string, times int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.canned[route] = cannedAnswer{status: status, body: body, times: times}
}

func (n *node) hitsOf(route string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.hits[route]
}

func (n *node) liveness() []livenessRequest {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]livenessRequest(nil), n.livenessAsked...)
}

// route counts the request and answers it canned or from the model, with
// n.mu held.
func (n *node) route(name string, serve func(w http.ResponseWriter, r *http.Request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n.mu.Lock()
		defer n.mu.Unlock()
		n.hits[name]++
		if a, ok := n.canned[name]; ok {
			if a.times > 0 {
				if a.times--; a.times == 0 {
					delete(n.canned, name)
				} else {
					n.canned[name] = a
				}
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(a.status)
			fmt.Fprint(w, a.body)
			return
		}
		serve(w, r)
	}
}

// apiErr answers with the Beacon API's error body.
func apiErr(w http.ResponseWriter, code int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	b, _ := json.Marshal(map[string]any{"code": code, "message": message, "stacktraces": []string{}})
	w.Write(b)
}

// notServedAnswer answers as a node that does not have the route.
func notServedAnswer(w http.ResponseWriter, status int) {
	switch status {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", "GET")
		w.WriteHeader(status)
	case http.StatusNotFound:
		apiErr(w, status, "NOT_FOUND")
	default:
		apiErr(w, status, "Not implemented")
	}
}

func writeJSON(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, body)
}

// root is a made-up 32-byte root, hex as the API writes it.
func root(what string, n uint64) string {
	h := sha256.Sum256([]byte(what + strconv.FormatUint(n, 10)))
	return "0x" + hex.EncodeToString(h[:])
}

func (n *node) serveSyncing(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, fmt.Sprintf(`{"data":{"head_slot":"%d","sync_distance":"%d","is_syncing":%t,"is_optimistic":false,"el_offline":false}}`,
		n.headSlot+n.syncDistance, n.syncDistance, n.syncing))
}

func (n *node) serveHeader(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("block_id") != "head" {
		apiErr(w, http.StatusBadRequest, "Invalid block ID: "+r.PathValue("block_id"))
		return
	}
	s := n.headSlot
	sig := root("sig-a", s) + root("sig-b", s)[2:] + root("sig-c", s)[2:]
	writeJSON(w, fmt.Sprintf(`{"execution_optimistic":false,"finalized":false,"data":{"root":"%s","canonical":true,`+
		`"header":{"message":{"slot":"%d","proposer_index":"%d","parent_root":"%s","state_root":"%s","body_root":"%s"},"signature":"%s"}}}`,
		root("block", s), s, 100000+s%500000, root("block", s-1), root("state", s), root("body", s), sig))
}

func (n *node) serveCheckpoints(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("state_id") != "head" {
		apiErr(w, http.StatusBadRequest, "Invalid state ID: "+r.PathValue("state_id"))
		return
	}
	cp, ok := n.finality[n.headSlot/n.slotsPerEpoch]
	if !ok {
		n.t.Errorf("test node: no finality modelled for head slot %d", n.headSlot)
		apiErr(w, http.StatusNotFound, "State not found")
		return
	}
	c := func(epoch uint64) string {
		return fmt.Sprintf(`{"epoch":"%d","root":"%s"}`, epoch, root("block", epoch*n.slotsPerEpoch))
	}
	writeJSON(w, fmt.Sprintf(`{"execution_optimistic":false,"finalized":false,"data":{"previous_justified":%s,"current_justified":%s,"finalized":%s}}`,
		c(cp.previousJustified), c(cp.currentJustified), c(cp.finalized)))
}

// serveInclusion answers as Lighthouse does: from the state at the last
// slot of the epoch, 404 when that slot is after the head.
func (n *node) serveInclusion(w http.ResponseWriter, r *http.Request) {
	if n.inclusionStatus != 0 {
		notServedAnswer(w, n.inclusionStatus)
		return
	}
	epoch, err := strconv.ParseUint(r.PathValue("epoch"), 10, 64)
	if err != nil {
		apiErr(w, http.StatusBadRequest, "BAD_REQUEST: invalid epoch")
		return
	}
	endSlot := (epoch+1)*n.slotsPerEpoch - 1
	cur, ok1 := n.votes[epoch]
	prev, ok2 := n.votes[epoch-1]
	if endSlot > n.headSlot || !ok1 || !ok2 {
		apiErr(w, http.StatusNotFound, fmt.Sprintf("NOT_FOUND: beacon state at slot %d", endSlot))
		return
	}
	gwei := func(s decimal.Decimal) string {
		g := s.Mul(decimal.NewFromInt(activeGwei))
		if !g.IsInteger() {
			n.t.Errorf("test node: share %s of %d gwei is not whole", s, int64(activeGwei))
		}
		return g.String()
	}
	// Lighthouse writes these as JSON numbers, not strings.
	writeJSON(w, fmt.Sprintf(`{"data":{"current_epoch_active_gwei":%d,"current_epoch_target_attesting_gwei":%s,`+
		`"previous_epoch_target_attesting_gwei":%s,"previous_epoch_head_attesting_gwei":%s}}`,
		int64(activeGwei), gwei(cur.timely), gwei(prev.final), gwei(prev.final)))
}

// serveLiveness answers POST /eth/v1/validator/liveness/{epoch} for the
// current and previous epoch, which the API says a node should support.
func (n *node) serveLiveness(w http.ResponseWriter, r *http.Request) {
	if n.livenessStatus != 0 {
		notServedAnswer(w, n.livenessStatus)
		return
	}
	epoch, err := strconv.ParseUint(r.PathValue("epoch"), 10, 64)
	head := n.headSlot / n.slotsPerEpoch
	if err != nil || epoch > head || epoch+1 < head {
		apiErr(w, http.StatusBadRequest, "Invalid epoch: "+r.PathValue("epoch"))
		return
	}
	var indices []string
	if err := json.NewDecoder(r.Body).Decode(&indices); err != nil || len(indices) == 0 {
		apiErr(w, http.StatusBadRequest, fmt.Sprintf("Invalid request body: %v", err))
		return
	}
	n.livenessAsked = append(n.livenessAsked, livenessRequest{epoch: epoch, indices: indices})
	type entry struct {
		Index  string `json:"index"`
		IsLive bool   `json:"is_live"`
	}
	data := make([]entry, len(indices))
	for i, s := range indices {
		idx, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			apiErr(w, http.StatusBadRequest, "Invalid index: "+s)
			return
		}
		data[i] = entry{Index: s, IsLive: n.isLive(epoch, idx)}
	}
	b, _ := json.Marshal(map[string]any{"data": data})
	writeJSON(w, string(b))
}
