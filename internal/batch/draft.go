package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/config"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/tmpl"
)

// Request is what a user asks of a batch run: relief batch's flags and
// argument, which the command line fills and Options carries.
type Request struct {
	draft.Flags        // shared with relief draft
	Input       string // a folder of case files or a roster .csv
	OutDir      string
	Jobs        int
	Quiet       bool
	Letters     bool // also write each person's client letter, in their language
	Calendar    bool // also write OUT/calendar.ics with every person's dates
}

// Options are a batch run's inputs. The command line checks the flags'
// values and reads the config file and the templates; Draft does the rest.
type Options struct {
	Request

	Config    config.Config // the config file read (its Path is "" for none)
	Templates *tmpl.Set
	Version   string // relief's version, in every key and manifest
	// Now is the clock, read at most once a run and only if a person's
	// file has no as_of and there is no --as-of.
	Now func() time.Time
	// Err receives the messages and the progress report.
	Err io.Writer
	// RemedyName names a remedy in the calendar's events.
	RemedyName func(string) string
}

// CalendarFile is the clinic's calendar written by --calendar.
const CalendarFile = "calendar.ics"

// UsageError is a run refused before it began, because the input or the
// output folder cannot be used as given (exit 2).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// InputError is bad input found before anyone was drafted: a roster that
// cannot be read, or a template that does not parse (exit 3). Its message
// was already written to Options.Err.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Result counts the people of a run by status and failure.
type Result struct {
	People int
	Count  map[string]int
	Fails  map[Failure]int
	// Events is the number of events written to the calendar (--calendar).
	Events int
}

func (t *Result) add(r Row) {
	t.People++
	t.Count[r.Status]++
	t.Fails[r.Failure]++
}

// drafter holds what every person's run shares.
type drafter struct {
	opts  Options
	asOf  date.Date
	today func() date.Date
	// cfgHash is the config file's name and hash for each manifest.
	cfgHash *draft.FileHash
	digest  string // the templates' and config's digest, part of every key
	state   *State
	start   time.Time // when the run began: older temporary files are a killed run's
}

// Draft drafts every person of opts.Input into opts.OutDir, as relief draft
// would one at a time, and writes the summary, the state for the next run
// and, with --calendar, the clinic's calendar. A person who cannot be
// drafted is reported on opts.Err and in the summary, and the others go on;
// the returned Result says how many of each there were. An error is
// returned only when the run as a whole could not be done.
func Draft(opts Options) (Result, error) {
	d, err := newDrafter(opts)
	if err != nil {
		return Result{}, err
	}
	in, err := d.input()
	if err != nil {
		return Result{}, err
	}
	defer in.close()
	if err := d.openOut(); err != nil {
		return Result{}, err
	}
	defer d.state.Close()
	return d.run(in)
}

// newDrafter checks the as-of date and computes what every key shares.
func newDrafter(opts Options) (*drafter, error) {
	d := &drafter{opts: opts}
	if opts.AsOf != "" {
		a, err := date.ParseInRange(opts.AsOf)
		if err != nil {
			return nil, usagef("--as-of: %v", err)
		}
		d.asOf = a
	}
	// One "today" for the whole run, read only if a file needs it.
	now := sync.OnceValue(opts.Now)
	d.today = func() date.Date { return date.FromTime(now()) }
	d.cfgHash = draft.ConfigHash(opts.Config.Path)
	tdigest, err := TemplatesDigest(opts.Templates)
	if err != nil {
		var te *tmpl.Error
		if errors.As(err, &te) {
			fmt.Fprintf(opts.Err, "relief: %v\n", err)
			return nil, &InputError{Err: err}
		}
		return nil, err
	}
	// The config's attorney defaults go into the papers, so into the key.
	settings, err := json.Marshal(struct {
		Attorney   casefile.Attorney
		Letterhead config.Letterhead
	}{opts.Config.Attorney, opts.Config.Letterhead})
	if err != nil {
		return nil, err
	}
	d.digest = Key(tdigest, string(settings))
	return d, nil
}

// openOut makes the output folder, cleans a killed run's temporary files
// and reads the earlier run's state.
func (d *drafter) openOut() error {
	out := d.opts.OutDir
	if err := safefile.Dir(out); err != nil {
		return err
	}
	// Temporary files a killed run left: only relief's own, older than
	// this run.
	d.start = time.Now()
	if _, err := safefile.CleanTemps(out, d.start); err != nil {
		return err
	}
	if !d.opts.Force && !HasState(out) {
		for _, name := range []string{SummaryCSV, SummaryJSON} {
			if _, err := os.Lstat(filepath.Join(out, name)); err == nil {
				return usagef("%s already exists and relief batch did not write it; choose another -o folder or use --force", filepath.Join(out, name))
			}
		}
	}
	var err error
	if d.state, err = LoadState(out); err != nil {
		var se *StateError
		if errors.As(err, &se) {
			return &UsageError{Err: err}
		}
		return err
	}
	return nil
}

// run drafts every person on opts.Jobs workers and reports each in input
// order: messages, summary row, state record. The new state, the summary
// rows and the progress are written as soon as it is a person's turn, and
// the person is dropped, so memory does not grow with the people done.
func (d *drafter) run(in *input) (Result, error) {
	next, err := NewStateWriter(d.opts.OutDir, d.state)
	if err != nil {
		return Result{}, err
	}
	defer next.Abort()
	sum, err := NewSummaryWriter(d.opts.OutDir)
	if err != nil {
		return Result{}, err
	}
	defer sum.Abort()
	var cal *calendarWriter // --calendar: every person's dates, in person order
	if d.opts.Calendar {
		if cal, err = newCalendarWriter(d.opts.OutDir, "relief: clinic dates"); err != nil {
			return Result{}, err
		}
		defer func() {
			if cal != nil {
				cal.Abort()
			}
		}()
	}
	prog := NewProgress(d.opts.Err, in.n, d.opts.Quiet, time.Now)
	res := Result{Count: map[string]int{}, Fails: map[Failure]int{}}
	var saveErr, sumErr error
	cp := &checkpoint{last: time.Now()}
	Run(in.n, d.opts.Jobs,
		func(i int) personResult { return d.person(in.item(i)) },
		func(i int, r personResult) {
			if emitHook != nil {
				emitHook(i)
			}
			for _, m := range r.msgs {
				prog.Println(m)
			}
			res.add(r.row)
			if sumErr == nil {
				sumErr = sum.Add(r.row)
			}
			if cal != nil && sumErr == nil {
				sumErr = cal.Add(r.events)
			}
			// A person who failed keeps the record of their last draft, so
			// that their folder stays theirs to redraw once the input is fixed.
			if p := r.row.Person; p != "" && r.entry != nil && saveErr == nil {
				saveErr = next.Add(p, *r.entry)
			}
			// Checkpoint now and then, so that a killed run loses little.
			if saveErr == nil && cp.due() {
				saveErr = cp.run(next.Save)
			}
		},
		prog.Step)
	prog.Finish()
	if err := errors.Join(saveErr, sumErr); err != nil {
		return res, err
	}
	if err := next.Close(); err != nil {
		return res, err
	}
	if err := sum.Close(); err != nil {
		return res, err
	}
	if cal != nil {
		// The clinic's calendar is batch's own file, replaced each run
		// like the summary.
		res.Events = cal.n
		err := cal.Close()
		cal = nil
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// emitHook, when set (by tests), is called as each person is reported, on
// the reporting goroutine.
var emitHook func(i int)

// SetEmitHook sets a function called as each person is reported, for
// tests that measure a run in progress; nil removes it.
func SetEmitHook(f func(i int)) { emitHook = f }

// checkpoint paces the saves of the state during a run: every two
// seconds, but never so often that saving (which copies the whole state
// file) takes more than a twentieth of the run.
type checkpoint struct {
	last time.Time
	took time.Duration
}

// due reports whether it is time to save.
func (c *checkpoint) due() bool {
	return time.Since(c.last) > max(2*time.Second, 20*c.took)
}

// run saves, timing the save.
func (c *checkpoint) run(save func() error) error {
	start := time.Now()
	err := save()
	c.last = time.Now()
	c.took = c.last.Sub(start)
	return err
}
