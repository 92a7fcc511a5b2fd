// Package batch prices option rows streamed as CSV: the quants' batch
// interface behind `infrarisk price`.
//
// Input: a header naming the columns type, spot, strike, t, rate, div and vol
// (any order, any case; other columns are carried through), then one option
// per row. type is call or put; t is in years; rate and div are continuously
// compounded; vol is annualised and may be empty on a row that gives a price.
// With a price column, each price is inverted to its implied vol, and a row
// without vol takes its greeks at that implied vol.
//
// Output: every input line unchanged, followed by model_price, delta, gamma,
// vega, theta, rho and, when a price column is given, iv. Units are the
// models/bs ones: vega per 1.00 of vol, theta per year, rho per 1.00 of rate.
//
// A malformed row (wrong number of fields, a field that is not a finite
// number, a negative spot, strike, expiry, vol or price) stops the run with a
// *LineError naming the line; the rows before it are written. A well-formed
// price that no vol can reach (below intrinsic value or above the upper
// bound) leaves iv empty, and the greeks too if the row has no vol, and is
// counted in Stats; with Options.Strict it stops the run instead.
//
// Rows are parsed and priced by parallel workers in chunks, and written in
// input order; memory stays bounded whatever the input size.
package batch
