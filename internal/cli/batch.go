package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/batch"
)

// BatchOptions are relief batch's inputs.
type BatchOptions struct {
	Env
	batch.Request
}

// NewCmdBatch builds `relief batch`.
func NewCmdBatch(env Env, runF func(*BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "batch DIR|ROSTER.csv -o OUT",
		Short: "Draft the packets for many people: a folder of case files or a CSV roster",
		Long: `batch drafts, for every person, exactly what relief draft writes for them, into
OUT/<person>/: the PDFs and manifest.json, byte for byte. The people are the *.toml
files of DIR (not its subfolders; the person is the file name without .toml), or the
people of a CSV roster (one row per count; see relief import and docs/batch.md).

OUT/summary.csv and OUT/summary.json list each person in input order with the
status (ok, skipped when nothing can be drafted yet, error, unchanged), the
remedies found, packets and pages written, the earliest date a remedy opens, and
the error. A bad case file or roster row is reported with its place (file:line or
roster.csv:row) and skipped; the others are drafted, and batch exits 3.

A re-run leaves alone each person whose input, as-of date, --sign, --final,
templates, config file defaults and relief version are all unchanged since the
run that drafted them (status unchanged); it redraws the others. The record of what was drafted from
what is OUT/.relief-batch.json. --force redraws everyone and may replace files
that relief batch did not write.`,
		Example: `  relief batch clients/ -o out/
  relief batch roster.csv -o out/ --as-of 2026-11-26 -j 4
  relief batch clients/ -o out/ --force --sign wet --quiet`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			opts.Config, opts.ConfigSet = configFlag(cmd)
			if runF != nil {
				return runF(opts)
			}
			return batchRun(opts)
		},
	}
	fl := cmd.Flags()
	addDraftFlags(fl, &opts.Flags, draftFlagHelp{
		AsOf:  "date to draft for (YYYY-MM-DD); default: each file's as_of, else today",
		Force: "redraw everyone, replacing files that already exist",
		Split: "write each packet as a folder of one PDF per filed document (as relief draft --split)",
	})
	fl.StringVarP(&opts.OutDir, "out", "o", "", "folder for the people's folders and the summary (created with mode 0700)")
	fl.IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "people drafted at once")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "do not report progress")
	fl.BoolVar(&opts.Letters, "letters", false, "also write each person's client letter (letter-<lang>.pdf, in petitioner.language) into their folder")
	fl.BoolVar(&opts.Calendar, "calendar", false, "also write OUT/"+batch.CalendarFile+": one calendar with every person's dates")
	return cmd
}

func batchRun(opts *BatchOptions) error {
	if opts.OutDir == "" {
		return usagef("-o OUT is required: the folder to write the people's folders and the summary into")
	}
	if err := checkDraftFlags(opts.Flags); err != nil {
		return err
	}
	if opts.Jobs < 1 {
		return usagef("-j must be at least 1, not %d", opts.Jobs)
	}
	// The config file and templates, as relief draft reads them.
	cfg, err := loadConfig(opts.Env, opts.Config, opts.ConfigSet)
	if err != nil {
		return err
	}
	layers, err := openTemplates(opts.Templates, cfg)
	if err != nil {
		return err
	}
	defer layers.Close()
	res, err := batch.Draft(batch.Options{Request: opts.Request, Config: cfg, Templates: layers.Set, Version: version(), Now: opts.Now, Err: opts.Err, RemedyName: remedyName})
	var ue *batch.UsageError
	var ie *batch.InputError
	switch {
	case errors.As(err, &ue):
		return usageError{ue.Err}
	case errors.As(err, &ie):
		return invalidInputError{ie.Err}
	case err != nil:
		return err
	}
	return batchReport(opts, res)
}

// batchReport prints the totals and turns failures into the exit code: 3
// when any input was bad, else 2 when files were in the way, else 1 for
// any other failure.
func batchReport(opts *BatchOptions, res batch.Result) error {
	count, fails := res.Count, res.Fails
	var parts []string
	for _, s := range []string{batch.StatusOK, batch.StatusUnchanged, batch.StatusSkipped, batch.StatusError} {
		if count[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[s], s))
		}
	}
	out := opts.Out
	fmt.Fprintf(out, "batch: %d people: %s\n", res.People, strings.Join(parts, ", "))
	fmt.Fprintf(out, "wrote %s\n", filepath.Join(opts.OutDir, batch.SummaryCSV))
	fmt.Fprintf(out, "wrote %s\n", filepath.Join(opts.OutDir, batch.SummaryJSON))
	if count[batch.StatusOK] > 0 && !opts.Final {
		fmt.Fprintln(out, "Every page is marked DRAFT for attorney review.")
	}
	if opts.Calendar {
		fmt.Fprintf(opts.Out, "wrote %s (%d %s)\n", filepath.Join(opts.OutDir, batch.CalendarFile), res.Events, plural(res.Events, "event", "events"))
	}
	switch {
	case fails[batch.BadInput] > 0:
		return invalidInputError{fmt.Errorf("%d people had bad input", fails[batch.BadInput])}
	case fails[batch.Exists] > 0:
		return usagef("%d people were not drafted: their folders already hold files relief batch did not write; nothing of theirs was replaced (use --force to replace)", fails[batch.Exists])
	case fails[batch.Internal] > 0:
		return fmt.Errorf("%d people could not be drafted; see the messages above", fails[batch.Internal])
	}
	return nil
}
