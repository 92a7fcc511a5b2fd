// Package lease elects one leader among engine replicas that share a NATS
// system, with a key in a JetStream key-value bucket whose entries expire
// after the lease's time to live.
//
// A replica becomes leader by creating the key (the create succeeds only
// while no live entry exists) and stays leader by updating it, every
// TTL/3, with a compare-and-set on the revision it last wrote. The term of
// a leadership is the revision of the create: the bucket's stream sequence,
// so every term is greater than every earlier one.
//
// The server expires the entry TTL after the leader's last successful write,
// which it received no earlier than the leader sent it. The leader counts
// itself leader only until Margin before that, on its own monotonic clock,
// so it stops before any other replica can create the key: two replicas
// never both believe they lead, as long as the clocks' rates agree within
// Margin/TTL. A process paused between checking and acting can still act
// late; the caller fences that with the term (see engine/service, which
// reserves sequence numbers by compare-and-set).
//
// A follower retries the create every Poll, so it takes over at most about
// TTL + Poll after the leader's last renewal. Resign deletes the key (by
// revision, so only its own) for an immediate handover on a clean stop.
package lease
