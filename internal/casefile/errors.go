package casefile

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/inputtext"
)

// Problem is one thing wrong with a case file.
type Problem struct {
	File string // the file name as given to Load or Decode
	Line int    // 1-based line; 0 when no line applies
	Col  int    // 1-based byte column; set only for TOML syntax errors
	Key  string // key path such as cases[1].counts[0].level; "" for the whole file
	Msg  string
}

// String formats the problem as "file:line:col: key: message", leaving out
// the parts that are unknown. Anything in it that would act on a terminal
// (a control character in a key or a file name, say) is escaped.
func (p Problem) String() string { return p.format("") }

// Warning formats a warning as "file:line: warning: key: message", the
// form of relief's other located warnings.
func (p Problem) Warning() string { return p.format("warning: ") }

// format writes the problem with label after its location.
func (p Problem) format(label string) string {
	var b strings.Builder
	b.WriteString(inputtext.Escape(p.File))
	if p.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteString(":")
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	b.WriteString(": ")
	b.WriteString(label)
	if p.Key != "" {
		b.WriteString(inputtext.Escape(p.Key))
		b.WriteString(": ")
	}
	b.WriteString(inputtext.Escape(p.Msg))
	return b.String()
}

// Errors is every problem found in one case file, sorted by line and then
// by key. It is the only error type Load and Decode return.
type Errors struct {
	Problems []Problem

	cause error // underlying I/O error, for errors.Is; nil for content problems
}

// Error formats the problems one per line.
func (e *Errors) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the I/O error that stopped Load reading the file, if any,
// so that callers can test it with errors.Is (for example fs.ErrNotExist).
func (e *Errors) Unwrap() error { return e.cause }

// maxProblems caps how many problems one file reports; a file with more is
// usually not a case file at all, and a wall of messages helps nobody.
const maxProblems = 100

// newErrors sorts problems by line then key (keeping the order of discovery
// for ties), caps their number and wraps them.
func newErrors(name string, probs []Problem) *Errors {
	slices.SortStableFunc(probs, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Key, b.Key))
	})
	if n := len(probs); n > maxProblems {
		probs = append(probs[:maxProblems:maxProblems], Problem{
			File: name,
			Msg:  fmt.Sprintf("… and %d more problems; fix the ones above first", n-maxProblems),
		})
	}
	return &Errors{Problems: probs}
}

// fileProblem is an *Errors holding one problem about the whole file.
func fileProblem(name string, line int, format string, args ...any) *Errors {
	return &Errors{Problems: []Problem{{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}}}
}
