package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"sort"
	"strconv"
	"time"
)

// chainlinkRoundsFile is the list of every round of Chainlink's ETH/USD
// feed on Ethereum mainnet (0x5f4eC3Df…8419), 5 April 2023 to 29 January
// 2024, under -src.
const chainlinkRoundsFile = "oracle/chainlink_eth_usd_rounds_2023-04_2024-01.csv"

// round is one Chainlink round: its answer (8 decimals) and updatedAt.
type round struct {
	id      *big.Int
	answer  uint64
	updated time.Time
}

func (r round) price() float64 { return float64(r.answer) / 1e8 }

// feed is a feed's valid rounds, one per distinct updatedAt, in time order.
type feed []round

// loadFeed reads the rounds file: columns (index), round, answer, start,
// update, answeredInRound. A round with a zero answer or updatedAt (the one
// row at the phase boundary) or answered in an earlier round is not a
// valid answer (Chainlink's guidance on latestRoundData) and is dropped.
// When several rounds share an updatedAt (two in one block), the last by
// round id is the one in force.
func loadFeed(path string) (feed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	want := []string{"", "round", "answer", "start", "update", "answeredInRound"}
	if fmt.Sprint(header) != fmt.Sprint(want) {
		return nil, fmt.Errorf("%s: header %q, want %q", path, header, want)
	}
	var rounds []round
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		id, ok1 := new(big.Int).SetString(rec[1], 10)
		answered, ok2 := new(big.Int).SetString(rec[5], 10)
		answer, err1 := strconv.ParseUint(rec[2], 10, 64)
		updated, err2 := strconv.ParseInt(rec[4], 10, 64)
		if !ok1 || !ok2 || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: line %d: %q", path, line, rec)
		}
		if answer == 0 || updated == 0 || answered.Cmp(id) < 0 {
			continue
		}
		rounds = append(rounds, round{id: id, answer: answer, updated: time.Unix(updated, 0).UTC()})
	}
	sort.Slice(rounds, func(i, j int) bool { return rounds[i].id.Cmp(rounds[j].id) < 0 })
	var fd feed
	for _, rd := range rounds {
		switch n := len(fd); {
		case n > 0 && rd.updated.Before(fd[n-1].updated):
			return nil, fmt.Errorf("%s: round %s updated %s, before round %s", path, rd.id, rd.updated, fd[n-1].id)
		case n > 0 && rd.updated.Equal(fd[n-1].updated):
			fd[n-1] = rd
		default:
			fd = append(fd, rd)
		}
	}
	if len(fd) < 2 {
		return nil, fmt.Errorf("%s: fewer than two valid rounds", path)
	}
	return fd, nil
}

// inForce returns the index of the round in force at t: the last one
// updated at or before t.
func (fd feed) inForce(t time.Time) (int, error) {
	i := sort.Search(len(fd), func(i int) bool { return fd[i].updated.After(t) }) - 1
	if i < 0 {
		return 0, fmt.Errorf("no Chainlink round at or before %s (the file starts %s)", t, fd[0].updated)
	}
	return i, nil
}

// market returns the reference price at t, there being no intraday market
// series for 2023 among the sources: the answers of the rounds in force
// before and after t, interpolated linearly in time,
//
//	p(t) = a_i + (a_{i+1} − a_i) · (t − u_i) / (u_{i+1} − u_i),
//
// where u_i is round i's updatedAt. The feed publishes a new round when the
// market has moved 0.5% from the last answer (or after its 1-hour
// heartbeat), so this path reaches, just before each update, the move that
// triggered it; it smooths any excursion that reversed within a round.
func (fd feed) market(t time.Time) (float64, error) {
	i, err := fd.inForce(t)
	if err != nil {
		return 0, err
	}
	if fd[i].updated.Equal(t) {
		return fd[i].price(), nil
	}
	if i+1 == len(fd) {
		return 0, fmt.Errorf("no Chainlink round after %s (the file ends %s)", t, fd[i].updated)
	}
	a, b := fd[i], fd[i+1]
	w := t.Sub(a.updated).Seconds() / b.updated.Sub(a.updated).Seconds()
	return a.price() + (b.price()-a.price())*w, nil
}

// oracleAt is what a consumer of the feed reads at t, against the market
// path: the age of the answer in force and its relative deviation.
type oracleAt struct {
	answer    round
	age       time.Duration
	market    float64
	deviation float64
}

// observe reads the feed at t with the round in force r (the caller may
// hold an older round than fd's own, as on an L2 whose updates are
// delayed).
func (fd feed) observe(t time.Time, r round) (oracleAt, error) {
	m, err := fd.market(t)
	if err != nil {
		return oracleAt{}, err
	}
	dev := r.price() - m
	if dev < 0 {
		dev = -dev
	}
	return oracleAt{answer: r, age: t.Sub(r.updated), market: m, deviation: dev / m}, nil
}

// signals returns the oracle kinds and the prices.csv fields of o.
func (o oracleAt) signals() (age, deviation kv, price, oraclePrice string) {
	return kv{"oracle_age_s", fixed(o.age.Seconds(), 0)},
		kv{"oracle_deviation", fixed(o.deviation, 9)},
		fixed(o.market, 6), scaled(o.answer.answer, 8)
}
