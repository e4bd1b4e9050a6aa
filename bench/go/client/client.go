// The seed's client.go (seed/000_4f137b0fc85dac61.txt), the benchmarks' anchor. callGenerateReport
// is the seed's loop; what the seed hard-codes is made a flag: the 10 s timeout, one log line per
// chunk, and keeping the whole report in a bytes.Buffer (-out FILE writes it there instead,
// buffered, as our fetch does). It ends with one summary line on stdout for the harness.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"google.golang.org/grpc"

	pb "reportbench/pb"
)

var (
	addr      = flag.String("addr", "127.0.0.1:50051", "server address")
	report    = flag.String("report", "demo", "report id")
	timeout   = flag.Duration("timeout", 10*time.Second, "call timeout (the seed: 10s)")
	logChunks = flag.Bool("log-chunks", true, "one log line per chunk, as the seed does")
	out       = flag.String("out", "", "write the report to this file; empty = keep it in memory as the seed does")
)

func callGenerateReport(client pb.ReportServiceClient, reportID string) {
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	req := &pb.ReportRequest{ReportId: reportID}
	start := time.Now()
	stream, err := client.GenerateReport(ctx, req)
	if err != nil {
		log.Fatalf("could not request report: %v", err)
	}
	if *logChunks {
		log.Printf("Receiving report for ID: %s", reportID)
	}
	var receivedData bytes.Buffer
	var sink io.Writer = &receivedData
	var file *bufio.Writer
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			log.Fatalf("cannot write %s: %v", *out, err)
		}
		defer f.Close()
		file = bufio.NewWriterSize(f, 64<<10)
		sink = file
	}
	var total int64
	var chunks int
	for {
		chunk, err := stream.Recv()
		if err == io.EOF {
			break // All chunks received
		}
		if err != nil {
			log.Fatalf("failed to receive chunk: %v", err)
		}
		if *logChunks {
			log.Printf("Received chunk %d, size: %d", chunk.GetChunkNumber(), len(chunk.GetData()))
		}
		sink.Write(chunk.GetData())
		total += int64(len(chunk.GetData()))
		chunks++
	}
	if file != nil {
		if err := file.Flush(); err != nil {
			log.Fatalf("cannot write %s: %v", *out, err)
		}
	}
	elapsed := time.Since(start)
	if *logChunks {
		log.Printf("Report %s received completely. Total size: %d bytes", reportID, total)
	}
	fmt.Printf("received=%d bytes=%d status=OK total_ms=%d mbps=%.1f\n", chunks, total,
		elapsed.Milliseconds(), float64(total)/1e6/elapsed.Seconds())
}

func main() {
	flag.Parse()
	conn, err := grpc.Dial(*addr, grpc.WithInsecure(), grpc.WithBlock())
	if err != nil {
		log.Fatalf("did not connect: %v", err)
	}
	defer conn.Close()
	callGenerateReport(pb.NewReportServiceClient(conn), *report)
}
