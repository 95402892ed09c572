package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/inputtext"
	"github.com/reliefkit/relief/internal/law"
)

// CheckOptions are relief check's inputs.
type CheckOptions struct {
	Env
	Paths []string
	AsOf  string // --as-of; empty means the file's as_of, else today
	JSON  bool
	Brief bool // hide the trace in the text report
}

// NewCmdCheck builds `relief check`. runF replaces checkRun in tests.
func NewCmdCheck(env Env, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "check CASE.toml...",
		Short: "Say which remedies are open for each conviction and arrest, from when, and why",
		Long: `check reads one or more case files and reports, per conviction, per arrest and for
the person, each California remedy's outcome: eligible (the court must grant),
discretionary (the court may grant), automatic (DOJ relief expected), not_yet (with
the date), ineligible (with the barring statute) or review (facts missing or legal
judgment needed). Each finding shows its reasons, citations and date arithmetic.

The as-of date is --as-of, else the file's as_of, else today. Values that are
doubtful but usable (an offense subdivision the section does not have, a
probation violation dated after probation ended) are warned about on stderr
with file, line and key; they do not change the report or the JSON.`,
		Example: `  relief check examples/probation-completed/case.toml
  relief check client.toml --as-of 2027-01-15
  relief check clients/*.toml --json > findings.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "date to check eligibility for (YYYY-MM-DD)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print findings as JSON: one object for one file, an array for several (docs/json.md)")
	cmd.Flags().BoolVar(&opts.Brief, "brief", false, "leave the facts and date arithmetic out of the text report")
	return cmd
}

// loadCase reads and validates one case file. The as-of date is the
// --as-of flag, else the file's as_of, else today.
func loadCase(env Env, path, asOfFlag string) (*casefile.File, date.Date, error) {
	var flagDate date.Date
	if asOfFlag != "" {
		d, err := date.ParseInRange(asOfFlag)
		if err != nil {
			return nil, date.Date{}, usagef("--as-of: %v", err)
		}
		flagDate = d
	}
	var today date.Date // read from the clock at most once, and only when needed
	now := func() date.Date {
		if today.IsZero() {
			today = date.FromTime(env.Now())
		}
		return today
	}
	f, asOf, err := casefile.LoadAsOf(path, casefile.Options{AsOf: flagDate, Today: now, CheckOffense: checkOffense, WarnOffense: warnOffense})
	if err != nil {
		return nil, date.Date{}, err
	}
	if f.Petitioner.Name == casefile.SampleName {
		fmt.Fprintf(env.Err, "relief: warning: %s still holds relief init's sample data (petitioner.name is %q); replace it with the client's facts\n", path, casefile.SampleName)
	}
	return f, asOf, nil
}

func checkOffense(s string) error {
	_, err := law.ParseRef(s)
	return err
}

// warnOffense is the case file's second look at an offense: a
// subdivision the offense table knows the section does not have.
func warnOffense(s string) string {
	r, err := law.ParseRef(s)
	if err != nil {
		return ""
	}
	return law.Default().SubdivisionProblem(r)
}

// printWarnings prints a case file's warnings, one located line each.
func printWarnings(w io.Writer, f *casefile.File) {
	for _, p := range f.Warnings {
		fmt.Fprintln(w, "relief: "+p.Warning())
	}
}

// reportInputError prints a case-file error and marks it as invalid input.
func reportInputError(w io.Writer, err error) error {
	var ue usageError
	if errors.As(err, &ue) {
		return err
	}
	fmt.Fprintln(w, inputtext.EscapeLines(err.Error()))
	return invalidInputError{err}
}

func checkRun(opts *CheckOptions) error {
	var reports []eligibility.Report
	var failed error
	// Files are read and checked in parallel, a chunk at a time, and
	// reported in the order given, so output does not depend on timing
	// and memory stays bounded for text output.
	type result struct {
		f    *casefile.File
		r    eligibility.Report
		text []byte // the text report, formatted by the worker
		err  error
	}
	workers := runtime.GOMAXPROCS(0)
	chunk := 64 * workers
	// Each worker appends its chunk's text reports to one buffer, reused
	// for every chunk once the previous one is written: one report is a
	// few KB, and growing a fresh buffer per file was much of the garbage.
	// A result's text stays valid when the buffer grows (append copies;
	// the old array lives on while referenced), and is not overwritten
	// until the next chunk.
	bufs := make([][]byte, workers)

	for start := 0; start < len(opts.Paths); start += chunk {
		paths := opts.Paths[start:min(start+chunk, len(opts.Paths))]
		results := make([]result, len(paths))
		var wg sync.WaitGroup
		next := make(chan int)
		for w := range min(workers, len(paths)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				buf := bufs[w][:0]
				defer func() { bufs[w] = buf }()
				for i := range next {
					f, asOf, err := loadCase(opts.Env, paths[i], opts.AsOf)
					if err != nil {
						results[i].err = err
						continue
					}
					results[i].f = f
					results[i].r = eligibility.Check(f, eligibility.Options{AsOf: asOf})
					if !opts.JSON {
						n := len(buf)
						if len(opts.Paths) > 1 {
							buf = append(buf, "==> "...)
							buf = append(buf, paths[i]...)
							buf = append(buf, " <==\n"...)
						}
						buf = appendReport(buf, results[i].r, !opts.Brief)
						results[i].text = buf[n:len(buf):len(buf)]
					}
				}
			}()
		}
		for i := range paths {
			next <- i
		}
		close(next)
		wg.Wait()
		for _, res := range results {
			if res.err != nil {
				if e := reportInputError(opts.Err, res.err); !errors.As(e, new(invalidInputError)) {
					return e
				} else {
					failed = e
				}
				continue
			}
			printWarnings(opts.Err, res.f)
			if opts.JSON {
				reports = append(reports, res.r)
				continue
			}
			if _, err := opts.Out.Write(res.text); err != nil {
				return err
			}
		}
	}
	if opts.JSON && len(reports) > 0 {
		var v any = reports
		if len(opts.Paths) == 1 {
			v = reports[0]
		}
		if err := writeJSON(opts.Out, v); err != nil {
			return err
		}
	}
	return failed
}

// writeJSON is the one place JSON output is produced.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
