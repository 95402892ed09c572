package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/calendar"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/safefile"
)

// CalendarOptions are relief calendar's inputs.
type CalendarOptions struct {
	Env
	Path  string
	AsOf  string
	Out   string // the .ics file; "" prints to stdout
	Force bool
}

// NewCmdCalendar builds `relief calendar`.
func NewCmdCalendar(env Env, runF func(*CalendarOptions) error) *cobra.Command {
	opts := &CalendarOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "calendar CASE.toml",
		Short: "Write an iCalendar (.ics) file with an event on every date a remedy opens",
		Long: `calendar checks the case file and writes an RFC 5545 calendar with an all-day
event on every date the findings say a remedy opens (not_yet), titled with the
client, the case or arrest and the remedy, and saying what to file. It reads no
clock: the events' DTSTAMP is the as-of date and each UID is derived from the
client, case, remedy and counts, so the same input gives the same bytes and
importing a newer calendar updates the events instead of adding copies.

Hearing dates are not in the case file, so the calendar has none. Without -o the
calendar is printed; with -o it is written atomically with mode 0600 and never
replaces an existing file unless --force.`,
		Example: `  relief calendar examples/still-on-probation/case.toml -o client.ics`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(opts)
			}
			return calendarRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.AsOf, "as-of", "", "date the findings are for (YYYY-MM-DD); also every event's DTSTAMP")
	fl.StringVarP(&opts.Out, "out", "o", "", "the .ics file to write (default: print to stdout)")
	fl.BoolVar(&opts.Force, "force", false, "replace a file that already exists")
	return cmd
}

func calendarRun(opts *CalendarOptions) error {
	f, asOf, err := loadCase(opts.Env, opts.Path, opts.AsOf)
	if err != nil {
		return reportInputError(opts.Err, err)
	}
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	evs := calendar.Events(calendarPerson(f, &rep), remedyName)
	b := calendar.Encode("relief: "+f.Petitioner.Name, evs)
	if opts.Out == "" {
		_, err := opts.Streams.Out.Write(b)
		return err
	}
	dir, name := filepath.Split(opts.Out)
	if dir == "" {
		dir = "."
	}
	if err := safefile.Dir(dir); err != nil {
		return err
	}
	if err := safefile.Write(dir, name, b, opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(opts.Streams.Out, "wrote %s (%d %s)\n", opts.Out, len(evs), plural(len(evs), "event", "events"))
	return nil
}

// calendarPerson is how every command names a client's events.
func calendarPerson(f *casefile.File, rep *eligibility.Report) calendar.Person {
	return calendar.NewPerson(f.Petitioner.Name, f.Petitioner.DOB, rep)
}

// remedyName is the report's name of a remedy, or its id.
func remedyName(remedy string) string {
	if n := remedyNames[remedy]; n != "" {
		return n
	}
	return remedy
}
