package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/roster"
	"github.com/reliefkit/relief/internal/safefile"
)

// ImportOptions are relief import's inputs.
type ImportOptions struct {
	Env
	Path   string
	OutDir string
	Force  bool
}

// NewCmdImport builds `relief import`.
func NewCmdImport(env Env, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "import ROSTER.csv -o DIR",
		Short: "Turn a CSV roster into one case file per person",
		Long: `import reads a roster (CSV, one row per count, the person's and the case's columns
repeated on each of their rows; see docs/batch.md) and writes DIR/<person_id>.toml
for each person: the case file relief batch drafts from when given the roster, so
relief batch DIR and relief batch ROSTER.csv write the same PDFs.

Each person's file is checked as relief check would; a bad row is reported as
roster.csv:ROW: column: message and its person is not written, and import exits 3.
Files are written atomically with mode 0600 and never replace existing files
unless --force.`,
		Example: `  relief import roster.csv -o clients/
  relief batch clients/ -o out/
  relief import rapsheet sheets/ -o clients/   # DOJ RAP sheets instead of a roster`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(opts)
			}
			return importRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", ".", "folder to write the case files into (created with mode 0700)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace files that already exist")
	cmd.AddCommand(NewCmdImportRapsheet(env, nil))
	return cmd
}

func importRun(opts *ImportOptions) error {
	in, err := safefile.OpenRegular(opts.Path, safefile.FollowLinks)
	if err != nil {
		return usagef("%s: %v", opts.Path, unwrapPath(err))
	}
	ro, err := roster.Parse(opts.Path, in)
	in.Close()
	if err != nil {
		return reportInputError(opts.Err, err)
	}
	var today date.Date
	now := func() date.Date {
		if today.IsZero() {
			today = date.FromTime(opts.Now())
		}
		return today
	}
	// Problems are printed in row order, whoever they belong to.
	type problem struct {
		row int
		msg string
	}
	var bad []problem
	for _, p := range ro.Orphans {
		bad = append(bad, problem{p.Row, p.String()})
	}
	var files []safefile.File
	seen := map[string]string{}
	for _, p := range ro.People {
		if prev, dup := seen[strings.ToLower(p.ID)]; dup {
			bad = append(bad, problem{p.Rows[0], fmt.Sprintf("%s:%d: person_id: %q and %q would name the same file on Windows and macOS; make them differ by more than case", opts.Path, p.Rows[0], prev, p.ID)})
			continue
		}
		seen[strings.ToLower(p.ID)] = p.ID
		if _, err := p.Decode(casefile.Options{Today: now, CheckOffense: checkOffense}); err != nil {
			bad = append(bad, problem{p.Rows[0], err.Error()})
			continue
		}
		files = append(files, safefile.File{Name: p.FileName(), Data: p.TOML()})
	}
	slices.SortStableFunc(bad, func(a, b problem) int { return a.row - b.row })
	for _, b := range bad {
		fmt.Fprintln(opts.Err, b.msg)
	}
	if len(files) > 0 {
		if err := safefile.Dir(opts.OutDir); err != nil {
			return err
		}
		if err := safefile.WriteAll(opts.OutDir, files, opts.Force); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return usagef("%v", err)
			}
			return err
		}
		for _, f := range files {
			fmt.Fprintf(opts.Out, "wrote %s\n", filepath.Join(opts.OutDir, f.Name))
		}
	}
	if len(bad) > 0 {
		return invalidInputError{fmt.Errorf("%s: %d problems", opts.Path, len(bad))}
	}
	if len(files) == 0 {
		err := fmt.Errorf("%s: the roster has a header but no rows", opts.Path)
		fmt.Fprintln(opts.Err, err)
		return invalidInputError{err}
	}
	return nil
}
