package batch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Options configure a run. The zero value is usable.
type Options struct {
	// Workers price chunks in parallel; 0 means GOMAXPROCS.
	Workers int
	// ChunkRows is the number of rows a worker takes at a time; 0 means 2048.
	ChunkRows int
	// Strict makes a price without an implied vol an error instead of an
	// empty iv.
	Strict bool
	// Warn, if set, is told about each row left without an implied vol.
	Warn func(line int, err error)
}

// Stats summarise a run.
type Stats struct {
	Rows      int // data rows written
	NoImplied int // rows whose price has no implied vol
}

// LineError is an error in one line of the input (lines count from 1, the
// header being line 1).
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ErrNoHeader is returned for empty input.
var ErrNoHeader = errors.New("batch: no header line")

type chunk struct {
	firstLine int
	lines     [][]byte
	done      chan result
}

type result struct {
	out       []byte
	rows      int
	noImplied int
	err       error
	warnings  []*LineError
}

// Price reads option rows from r and writes them, priced, to w.
func Price(ctx context.Context, r io.Reader, w io.Writer, opts Options) (Stats, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.ChunkRows <= 0 {
		opts.ChunkRows = 2048
	}
	br := bufio.NewReaderSize(r, 1<<16)
	bw := bufio.NewWriterSize(w, 1<<16)

	headerLine, err := readLine(br)
	if err == io.EOF && len(headerLine) == 0 {
		return Stats{}, ErrNoHeader
	}
	if err != nil && err != io.EOF {
		return Stats{}, fmt.Errorf("batch: reading header: %w", err)
	}
	cols, err := parseHeader(headerLine)
	if err != nil {
		return Stats{}, &LineError{Line: 1, Err: err}
	}
	bw.Write(headerLine)
	bw.WriteString(cols.outputHeader())
	bw.WriteByte('\n')

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *chunk)
	order := make(chan *chunk, 2*opts.Workers)
	var readErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the reader: owns br, closes jobs and order
		defer wg.Done()
		defer close(jobs)
		defer close(order)
		readErr = split(ctx, br, opts.ChunkRows, func(c *chunk) bool {
			select {
			case order <- c:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- c:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				c.done <- cols.priceChunk(c, opts.Strict)
			}
		}()
	}

	var st Stats
	var runErr error
	for c := range order { // the writer: this goroutine, in input order
		res := <-c.done
		if runErr != nil {
			continue
		}
		bw.Write(res.out)
		st.Rows += res.rows
		st.NoImplied += res.noImplied
		if opts.Warn != nil {
			for _, le := range res.warnings {
				opts.Warn(le.Line, le.Err)
			}
		}
		if res.err != nil {
			runErr = res.err
			cancel()
		}
	}
	wg.Wait()
	if runErr == nil && readErr != nil && !errors.Is(readErr, context.Canceled) {
		runErr = fmt.Errorf("batch: reading input: %w", readErr)
	}
	if runErr == nil {
		runErr = ctx.Err()
		if errors.Is(runErr, context.Canceled) && readErr == nil {
			runErr = nil // our own cancel after a clean end
		}
	}
	if err := bw.Flush(); err != nil && runErr == nil {
		runErr = fmt.Errorf("batch: writing output: %w", err)
	}
	return st, runErr
}

// split reads lines into chunks and hands each to emit, which returns false
// to stop. Blank lines are skipped but counted.
func split(ctx context.Context, br *bufio.Reader, rows int, emit func(*chunk) bool) error {
	line := 1
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := &chunk{firstLine: line + 1, done: make(chan result, 1)}
		var buf []byte
		var ends []int
		var eof bool
		for len(ends) < rows {
			l, err := readLine(br)
			if err != nil && err != io.EOF {
				return err
			}
			line++
			buf = append(buf, l...)
			ends = append(ends, len(buf))
			if err == io.EOF {
				eof = true
				if len(l) == 0 { // no final line after the last newline
					ends = ends[:len(ends)-1]
				}
				break
			}
		}
		start := 0
		c.lines = make([][]byte, len(ends))
		for i, end := range ends {
			c.lines[i] = buf[start:end:end]
			start = end
		}
		if len(c.lines) > 0 && !emit(c) {
			return nil
		}
		if eof {
			return nil
		}
	}
}

// readLine returns the next line without its "\n" or "\r\n".
func readLine(br *bufio.Reader) ([]byte, error) {
	l, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		long := append([]byte(nil), l...)
		for err == bufio.ErrBufferFull {
			l, err = br.ReadSlice('\n')
			long = append(long, l...)
		}
		l = long
	}
	n := len(l)
	if n > 0 && l[n-1] == '\n' {
		n--
		if n > 0 && l[n-1] == '\r' {
			n--
		}
	}
	return l[:n], err
}
