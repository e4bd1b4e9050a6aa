// The seed's server.go (seed/000_4f137b0fc85dac61.txt), the benchmarks' anchor. The handler is the
// seed's loop; only what the seed hard-codes is made a flag: the chunk count (10), the chunk size
// (one formatted line) and the 100 ms sleep. With -chunk-size N each chunk is the seed's line
// followed by filler, N bytes in all, in a fresh slice per chunk as the seed allocates one.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"time"

	"google.golang.org/grpc"

	pb "reportbench/pb"
)

var (
	addr      = flag.String("addr", "127.0.0.1:50051", "listen address")
	chunks    = flag.Int("chunks", 10, "chunks per report (the seed: 10)")
	chunkSize = flag.Int("chunk-size", 0, "bytes per chunk; 0 = the seed's one line")
	sleep     = flag.Duration("sleep", 100*time.Millisecond, "pause after each chunk (the seed: 100ms)")
	quiet     = flag.Bool("quiet", false, "no log line per call")
)

// filler is what pads a chunk to -chunk-size: report-like text, rendered once.
var filler []byte

type reportServer struct {
	pb.UnimplementedReportServiceServer
}

func chunk(i int, reportID string) []byte {
	line := fmt.Sprintf("This is chunk %d of report %s\n", i, reportID)
	if *chunkSize <= 0 {
		return []byte(line)
	}
	data := make([]byte, *chunkSize)
	n := copy(data, line)
	for n < len(data) {
		n += copy(data[n:], filler)
	}
	return data
}

func (s *reportServer) GenerateReport(req *pb.ReportRequest, stream pb.ReportService_GenerateReportServer) error {
	if !*quiet {
		log.Printf("Generating report for ID: %s", req.GetReportId())
	}
	for i := 0; i < *chunks; i++ {
		// Simulate generating a chunk of the report
		chunkData := chunk(i, req.GetReportId())
		err := stream.Send(&pb.ReportChunk{
			Data:        chunkData,
			ChunkNumber: int32(i),
		})
		if err != nil {
			log.Printf("Error sending chunk %d: %v", i, err)
			return err
		}
		if *sleep > 0 {
			time.Sleep(*sleep) // Simulate work
		}
	}
	if !*quiet {
		log.Printf("Finished generating report for ID: %s", req.GetReportId())
	}
	return nil
}

func main() {
	flag.Parse()
	for len(filler) < 64<<10 {
		filler = append(filler, fmt.Sprintf("%08d,2026-11-30,north,widget-%03d,%6d.%02d\n",
			len(filler), len(filler)%997, len(filler)%99991, len(filler)%100)...)
	}
	lis, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("failed to listen: %v", err)
	}
	s := grpc.NewServer()
	pb.RegisterReportServiceServer(s, &reportServer{})
	// The harness waits for this line to know the port (with -addr 127.0.0.1:0).
	fmt.Printf("listening on %s\n", lis.Addr())
	if err := s.Serve(lis); err != nil {
		log.Fatalf("failed to serve: %v", err)
	}
}
