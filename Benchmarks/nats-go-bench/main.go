// nats-go-bench measures Debian's nats.go against a running nats-server with the same workloads as the
// Swift rows of boshkit-bench (nats_pub_16b, nats_pub_1k, nats_pubsub_16b, nats_req_rtt) and prints one
// line per row: `NAME median_ns=N iterations=K key=value ...`. Build offline with ./build.sh.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"
)

func main() {
	url := flag.String("url", nats.DefaultURL, "server URL")
	rows := flag.String("rows", "", "comma-separated rows to run (default: all)")
	flag.Parse()
	wants := func(name string) bool {
		if *rows == "" {
			return true
		}
		for _, row := range strings.Split(*rows, ",") {
			if row == name {
				return true
			}
		}
		return false
	}
	must := func(err error) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "nats-go-bench:", err)
			os.Exit(1)
		}
	}
	connect := func() *nats.Conn {
		nc, err := nats.Connect(*url, nats.ReconnectBufSize(-1))
		must(err)
		return nc
	}

	publish := func(name string, size, count int) {
		nc := connect()
		defer nc.Close()
		payload := make([]byte, size)
		var samples []time.Duration
		cpuStart := cpuTime()
		for run := 0; run < 3; run++ {
			start := time.Now()
			for i := 0; i < count; i++ {
				must(nc.Publish("bench.pub", payload))
			}
			must(nc.FlushTimeout(60 * time.Second))
			samples = append(samples, time.Since(start))
		}
		cpu := float64(cpuTime()-cpuStart) / float64(3*count)
		m := median(samples)
		rate := float64(count) / m.Seconds()
		fmt.Printf("%s median_ns=%d iterations=3 msgs=%d msgs_per_s=%.0f mb_per_s=%.3f cpu_ns_per_msg=%.0f\n",
			name, m.Nanoseconds(), count, rate, rate*float64(size)/1e6, cpu)
	}

	pubSub := func(name string, size, count int) {
		sub := connect()
		defer sub.Close()
		pub := connect()
		defer pub.Close()
		payload := make([]byte, size)
		var samples, pubSamples []time.Duration
		cpuStart := cpuTime()
		for run := 0; run < 3; run++ {
			done := make(chan time.Time, 1)
			seen := 0
			subject := fmt.Sprintf("bench.ps.%d", run)
			s, err := sub.Subscribe(subject, func(*nats.Msg) {
				seen++
				if seen == count {
					done <- time.Now()
				}
			})
			must(err)
			must(s.SetPendingLimits(-1, -1))
			must(sub.Flush())
			start := time.Now()
			for i := 0; i < count; i++ {
				must(pub.Publish(subject, payload))
			}
			must(pub.FlushTimeout(60 * time.Second))
			pubSamples = append(pubSamples, time.Since(start))
			end := <-done
			samples = append(samples, end.Sub(start))
			must(s.Unsubscribe())
		}
		cpu := float64(cpuTime()-cpuStart) / float64(3*count)
		m := median(samples)
		fmt.Printf("%s median_ns=%d iterations=3 msgs=%d pub_msgs_per_s=%.0f msgs_per_s=%.0f cpu_ns_per_msg=%.0f\n",
			name, m.Nanoseconds(), count, float64(count)/median(pubSamples).Seconds(), float64(count)/m.Seconds(), cpu)
	}

	requestReply := func(name string, count int) {
		responder := connect()
		defer responder.Close()
		requester := connect()
		defer requester.Close()
		_, err := responder.Subscribe("bench.req", func(m *nats.Msg) { m.Respond(m.Data) })
		must(err)
		must(responder.Flush())
		payload := make([]byte, 16)
		for i := 0; i < 1000; i++ {
			_, err := requester.Request("bench.req", payload, 5*time.Second)
			must(err)
		}
		samples := make([]time.Duration, 0, count)
		cpuStart := cpuTime()
		for i := 0; i < count; i++ {
			start := time.Now()
			_, err := requester.Request("bench.req", payload, 5*time.Second)
			must(err)
			samples = append(samples, time.Since(start))
		}
		cpu := float64(cpuTime()-cpuStart) / float64(count)
		sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
		p50 := samples[len(samples)/2]
		p99 := samples[len(samples)*99/100]
		fmt.Printf("%s median_ns=%d iterations=%d p50_ns=%d p99_ns=%d req_per_s=%.0f cpu_ns_per_req=%.0f\n",
			name, p50.Nanoseconds(), count, p50.Nanoseconds(), p99.Nanoseconds(), 1e9/float64(p50.Nanoseconds()), cpu)
	}

	if wants("nats_pub_16b") {
		publish("nats_pub_16b", 16, 2000000)
	}
	if wants("nats_pub_1k") {
		publish("nats_pub_1k", 1024, 500000)
	}
	if wants("nats_pubsub_16b") {
		pubSub("nats_pubsub_16b", 16, 1000000)
	}
	if wants("nats_req_rtt") {
		requestReply("nats_req_rtt", 20000)
	}
}

func median(samples []time.Duration) time.Duration {
	sorted := append([]time.Duration(nil), samples...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return sorted[len(sorted)/2]
}

// cpuTime is the user + system CPU time of this process so far (all threads), as the Swift rows measure it.
func cpuTime() int64 {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return usage.Utime.Nano() + usage.Stime.Nano()
}
