package service

import "github.com/prometheus/client_golang/prometheus"

// metrics are the engine's Prometheus metrics, in a registry of its own so
// that several engines (tests) can run in one process.
type metrics struct {
	registry *prometheus.Registry
	accepted *prometheus.CounterVec
	rejected *prometheus.CounterVec
	latency  prometheus.Histogram
	regime   *prometheus.GaugeVec
	age      *prometheus.GaugeVec
	stale    *prometheus.GaugeVec

	published   *prometheus.CounterVec
	leader      prometheus.Gauge
	term        prometheus.Gauge
	republished prometheus.Counter
	unconfirmed prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		accepted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "infrarisk_signals_accepted_total", Help: "Signals accepted, by chain and kind.",
		}, []string{"chain", "kind"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "infrarisk_signals_rejected_total", Help: "Signals rejected, by reason.",
		}, []string{"reason"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "infrarisk_update_latency_seconds",
			Help:    "From a signal's arrival to its market's update published.",
			Buckets: prometheus.ExponentialBuckets(25e-6, 2, 16),
		}),
		regime: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "infrarisk_regime", Help: "Regime per market: 0 normal, 1 elevated, 2 stressed, 3 halted.",
		}, []string{"market"}),
		age: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "infrarisk_signal_age_seconds", Help: "Age of the last accepted value of each watched signal kind, at the last evaluation.",
		}, []string{"chain", "kind"}),
		stale: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "infrarisk_signal_stale", Help: "1 while a watched signal kind is stale or missing (read at its conservative value).",
		}, []string{"chain", "kind"}),
		published: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "infrarisk_updates_published_total", Help: "Parameter updates published, by market: at most one per burst of signals of its chain, and one per heartbeat.",
		}, []string{"market"}),
		leader: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "infrarisk_leader", Help: "1 while this replica leads and publishes, 0 while it follows.",
		}),
		term: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "infrarisk_leader_term", Help: "The term of this replica's last leadership (the lease's revision).",
		}),
		republished: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "infrarisk_updates_republished_total", Help: "Updates the stream did not acknowledge at first, stored by a later attempt.",
		}),
		unconfirmed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "infrarisk_updates_unconfirmed_total", Help: "Updates sent on the wire that the stream may not hold: retries exhausted or too many waiting.",
		}),
	}
	m.registry.MustRegister(m.accepted, m.rejected, m.latency, m.regime, m.age, m.stale,
		m.published, m.leader, m.term, m.republished, m.unconfirmed)
	return m
}
