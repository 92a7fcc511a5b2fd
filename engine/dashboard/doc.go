// Package dashboard is the engine's live web page for traders and risk
// managers: what the engine sees and why it set what it set.
//
// Handler serves the page and its assets (embedded in the binary, no build
// step at run time) and a Server-Sent Events stream, GET /v1/events:
//
//	hello     the answering replica and the markets, first on every connection
//	history   per market, the updates of the last History hours, read back
//	          from the stream RISK_PARAMS (so history survives a restart)
//	update    every parameter update as published, with the one before it
//	snapshot  the engine's snapshot (signals, their age, score and
//	          rejections; every market's update), pushed every SnapshotEvery
//	smile     per market, the base and stressed smile of every expiry, with
//	          the 25-delta risk reversals, after each update
//
// Updates are read from NATS like any consumer's and verified against the
// engine keys; the snapshot and smiles come from the engine in process.
// The what-if form posts to the engine's own POST /v1/margin.
//
// GET /backtest renders a backtest output folder (Options.BacktestDir): a
// single run's (summary.csv and its plots) or make backtest's
// (report.csv and a folder of plots per incident).
//
// A browser that falls behind (its buffer of events full) is disconnected;
// EventSource reconnects by itself and gets hello and history again.
package dashboard
