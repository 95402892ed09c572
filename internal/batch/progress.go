package batch

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/reliefkit/relief/internal/inputtext"
)

// IsTerminal reports whether w is a terminal (a character device).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Progress reports how far a batch has got. On a terminal it keeps one
// line up to date: "[#####.....] 120/300 people, 41.2/s, 4s left".
// Elsewhere (a log, a pipe) it prints a plain line every 10% and every 100
// people: "batch: 120/300 people (40%)". Messages printed through it do not
// tangle with the progress line. It is not safe for concurrent use.
type Progress struct {
	w      io.Writer
	total  int
	tty    bool
	off    bool
	now    func() time.Time
	start  time.Time
	done   int
	decile int  // last tenth reported in plain mode
	drawn  bool // a progress line is on the terminal

	lastDraw time.Time
}

// NewProgress starts reporting on w for total people. quiet turns the
// progress reports off (messages still print); now is the clock, used only
// for the rate and the time left on a terminal.
func NewProgress(w io.Writer, total int, quiet bool, now func() time.Time) *Progress {
	if now == nil {
		now = time.Now
	}
	p := &Progress{w: w, total: total, tty: IsTerminal(w), off: quiet || total == 0, now: now}
	if p.tty && !p.off {
		p.start = now()
	}
	return p
}

// SetTerminal overrides terminal detection (for tests).
func (p *Progress) SetTerminal(tty bool) {
	p.tty = tty
	if tty && p.start.IsZero() {
		p.start = p.now()
	}
}

// Step records that done people are finished.
func (p *Progress) Step(done int) {
	p.done = done
	if p.off {
		return
	}
	if p.tty {
		// At most ten redraws a second; Finish draws the last state.
		if t := p.now(); t.Sub(p.lastDraw) >= 100*time.Millisecond {
			p.lastDraw = t
			p.draw()
		}
		return
	}
	d := done * 10 / p.total
	if d > p.decile || done%100 == 0 || done == p.total {
		p.decile = d
		fmt.Fprintf(p.w, "batch: %d/%d people (%d%%)\n", done, p.total, done*100/p.total)
	}
}

// Println prints a message on a line of its own.
func (p *Progress) Println(msg string) {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	fmt.Fprintln(p.w, inputtext.EscapeLines(msg))
	if p.drawn {
		p.draw()
	}
}

// Finish ends the progress line.
func (p *Progress) Finish() {
	if p.tty && !p.off && p.done > 0 {
		p.draw()
	}
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// Line returns the terminal progress line for done of total people after
// elapsed time.
func Line(done, total int, elapsed time.Duration) string {
	const width = 10
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	bar := strings.Repeat("#", filled) + strings.Repeat(".", width-filled)
	s := fmt.Sprintf("[%s] %d/%d people", bar, done, total)
	if sec := elapsed.Seconds(); sec > 0 && done > 0 {
		rate := float64(done) / sec
		left := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
		s += fmt.Sprintf(", %.1f/s, %s left", rate, left)
	}
	return s
}

func (p *Progress) draw() {
	fmt.Fprintf(p.w, "\r\x1b[K%s", Line(p.done, p.total, p.now().Sub(p.start)))
	p.drawn = true
}
