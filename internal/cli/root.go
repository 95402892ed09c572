// Package cli is relief's command line: one cobra command per file, each
// with an options struct and a run function that tests call directly. It
// formats output and maps errors to exit codes; the rules live elsewhere.
package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/inputtext"
)

// Exit codes, as the README lists them.
const (
	ExitOK       = 0
	ExitInternal = 1
	ExitUsage    = 2
	ExitInvalid  = 3
)

// Streams are the command's standard streams.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
}

// StdStreams returns the process's standard streams.
func StdStreams() Streams { return Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr} }

// Env is what commands need from the outside world, injected for tests.
type Env struct {
	Streams
	// Now is the wall clock; only the --as-of default reads it.
	Now func() time.Time
}

// usageError is a problem with the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// invalidInputError means a case file, template or form is wrong; the
// details were already printed.
type invalidInputError struct{ err error }

func (e invalidInputError) Error() string { return e.err.Error() }
func (e invalidInputError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// inputError means an input is wrong (exit 3, as invalidInputError), with
// a message not yet printed: Main prints it, escaped.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

func inputErrorf(format string, args ...any) error { return inputError{fmt.Errorf(format, args...)} }

// Version is the tool version, set by the linker or read from build info.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "0.1.0-dev"
}

// NewRoot builds the command tree.
func NewRoot(env Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "relief",
		Short: "California criminal-record relief: eligibility, petitions and court-ready PDFs",
		Long: `relief reads a case file (TOML) describing one person's convictions and arrests,
says which California remedies are open (dismissal under Pen. Code §§ 1203.4–1203.49,
reduction under § 17, arrest sealing, Certificate of Rehabilitation, pardon), from
which date, and why, with the statute cited; then drafts the petitions, orders,
notices and proofs of service as court-ready PDF.

Everything relief prints is a draft for attorney review.`,
		Example: `  relief init > client.toml                  # start a case file
  relief check client.toml                   # readable report
  relief check client.toml --json            # the same findings as data
  relief draft client.toml -o out/           # PDF packets for what is open
  relief letter client.toml -o out/          # a plain-language letter to the client (--lang es)
  relief calendar client.toml -o client.ics  # every date a remedy opens, for a calendar
  relief batch clients/ -o out/ -j 2         # many people at once
  relief templates export --dir my-words/    # change the wording
  relief offenses 459                        # what the offense table knows`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.Err)
	root.PersistentFlags().String("config", "", "settings file: templates folder, attorney defaults, letterhead (default: relief/config.toml in the user config folder, if present)")
	root.AddCommand(
		NewCmdBatch(env, nil), NewCmdImport(env, nil),
		NewCmdForms(env),
		NewCmdCheck(env, nil),
		NewCmdDraft(env, nil),
		NewCmdLetter(env, nil),
		NewCmdCalendar(env, nil),
		NewCmdInit(env, nil),
		NewCmdOffenses(env, nil),
		NewCmdTemplates(env, nil),
		NewCmdVersion(env),
	)
	typeUsageErrors(root)
	addCompletions(root)
	return root
}

// Main runs relief with args and returns the exit code.
func Main(args []string, s Streams) (code int) {
	env := Env{Streams: s, Now: time.Now}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.Err, "relief: internal error: %v\n%s", r, debug.Stack())
			code = ExitInternal
		}
	}()
	root := NewRoot(env)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	var ue usageError
	var ie invalidInputError
	var pe inputError
	// Messages quote file names and values from input: nothing in them may
	// act on the terminal.
	msg := inputtext.EscapeLines(err.Error())
	switch {
	case errors.As(err, &ie):
		return ExitInvalid
	case errors.As(err, &pe):
		fmt.Fprintf(s.Err, "relief: %s\n", msg)
		return ExitInvalid
	case errors.Is(err, fs.ErrExist):
		// Refusing to overwrite is a usage matter (--force), but the
		// message already says what to do.
		fmt.Fprintf(s.Err, "relief: %s\n", msg)
		return ExitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(s.Err, "relief: %s\nRun '%s --help' for usage.\n", msg, cmd.CommandPath())
		return ExitUsage
	default:
		fmt.Fprintf(s.Err, "relief: %s\n", msg)
		return ExitInternal
	}
}
