package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/rapsheet"
	"github.com/reliefkit/relief/internal/safefile"
)

// ImportRapsheetOptions are relief import rapsheet's inputs.
type ImportRapsheetOptions struct {
	Env
	Paths  []string
	OutDir string
	ID     string
	AsOf   string
	Force  bool
}

// NewCmdImportRapsheet builds `relief import rapsheet`.
func NewCmdImportRapsheet(env Env, runF func(*ImportRapsheetOptions) error) *cobra.Command {
	opts := &ImportRapsheetOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "rapsheet FILE|DIR... -o DIR",
		Short: "Turn California DOJ RAP sheets (.txt, or .pdf with text) into case files",
		Long: `import rapsheet reads each California DOJ RAP sheet ("Record of Arrests and
Prosecutions"), as text or as a PDF with a text layer, and writes one case file
DIR/<name>.toml per sheet, named from the sheet's primary name (or --id). A folder
argument imports every .txt and .pdf file in it.

Convicted counts become [[cases]], arrests that ended without a conviction become
[[arrests]]. Every value names, in a comment, the sheet line it came from; values
the sheet suggests but does not prove (a probation end computed from a length)
are written commented out, and the facts a RAP sheet cannot give are listed at
the top of the file as "to confirm". relief check answers review until they are.

A file that is not a RAP sheet is named on stderr and exits 3; the other sheets
are still written. Warnings (unrecognised events, contradictory dates) go to
stderr as FILE:LINE: message. Files are written atomically with mode 0600 and
never replace existing files unless --force.`,
		Example: `  relief import rapsheet sheets/ -o clients/
  relief batch clients/ -o packets/
  relief import rapsheet doe.pdf --id doe -o clients/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return importRapsheetRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", ".", "folder to write the case files into (created with mode 0700)")
	cmd.Flags().StringVar(&opts.ID, "id", "", "name of the case file (ID.toml) instead of one made from the sheet's name; one sheet only")
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "write this as_of date into each file (YYYY-MM-DD); events after it are flagged")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace files that already exist")
	return cmd
}

// sheetExts are the extensions a folder is searched for.
var sheetExts = []string{".txt", ".pdf"}

// sheetPaths expands folders into their .txt and .pdf files, sorted.
func sheetPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usagef("%s: %v", p, unwrapPath(err))
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, usagef("%s: %v", p, unwrapPath(err))
		}
		n := 0
		for _, e := range entries {
			if e.Type().IsRegular() && slices.Contains(sheetExts, strings.ToLower(filepath.Ext(e.Name()))) {
				out = append(out, filepath.Join(p, e.Name()))
				n++
			}
		}
		if n == 0 {
			return nil, usagef("%s: no .txt or .pdf files in the folder", p)
		}
	}
	return out, nil
}

// readSheet reads and parses one sheet.
func readSheet(path string) (*rapsheet.Sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, rapsheet.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	if len(data) > rapsheet.MaxSize {
		return nil, &rapsheet.NotRapSheetError{Name: path, Why: fmt.Sprintf("larger than %d MB", rapsheet.MaxSize>>20)}
	}
	if strings.EqualFold(filepath.Ext(path), ".pdf") || strings.HasPrefix(string(data), "%PDF-") {
		return rapsheet.ParsePDF(path, data)
	}
	return rapsheet.Parse(path, string(data))
}

func importRapsheetRun(opts *ImportRapsheetOptions) error {
	var asOf date.Date
	if opts.AsOf != "" {
		d, err := date.Parse(opts.AsOf)
		if err != nil {
			return usagef("--as-of: %s", date.Explain(opts.AsOf))
		}
		asOf = d
	}
	paths, err := sheetPaths(opts.Paths)
	if err != nil {
		return err
	}
	if opts.ID != "" && len(paths) != 1 {
		return usagef("--id names one case file, but %d sheets were given", len(paths))
	}
	if opts.ID != "" {
		if _, err := safefile.Join(".", opts.ID+".toml"); err != nil {
			return usagef("--id %q: use letters, digits, '-', '_' and '.' only", opts.ID)
		}
	}
	var today date.Date // the wall clock, read only without --as-of
	if asOf.IsZero() {
		today = date.FromTime(opts.Now())
	}
	var files []safefile.File
	var summaries []string
	bad := 0
	from := map[string]string{}
	for _, p := range paths {
		sh, err := readSheet(p)
		if err != nil {
			fmt.Fprintln(opts.Err, err)
			bad++
			continue
		}
		res, err := rapsheet.Build(sh, rapsheet.Options{ID: opts.ID, AsOf: asOf, Today: today, Source: p})
		var empty *rapsheet.NothingError
		var large *rapsheet.TooLargeError
		if errors.As(err, &empty) || errors.As(err, &large) {
			fmt.Fprintln(opts.Err, err)
			bad++
			continue
		}
		if err != nil {
			return err
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(opts.Err, "%s:%d: %s\n", p, w.Line.N, pageNote(w))
		}
		key := strings.ToLower(res.FileName)
		if prev, dup := from[key]; dup {
			fmt.Fprintf(opts.Err, "%s: would write %s, as %s does (the same name); import it alone with --id\n", p, res.FileName, prev)
			bad++
			continue
		}
		from[key] = p
		files = append(files, safefile.File{Name: res.FileName, Data: res.TOML})
		summaries = append(summaries, fmt.Sprintf("wrote %s from %s: %s", filepath.Join(opts.OutDir, res.FileName), p, describeResult(res)))
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
		for _, s := range summaries {
			fmt.Fprintln(opts.Out, s)
		}
	}
	if bad > 0 {
		return invalidInputError{fmt.Errorf("%d of %d files could not be imported", bad, len(paths))}
	}
	return nil
}

// pageNote is a warning's message with its page, for PDF lines.
func pageNote(w rapsheet.Warning) string {
	if w.Line.Page > 0 {
		return fmt.Sprintf("(page %d) %s", w.Line.Page, w.Msg)
	}
	return w.Msg
}

func describeResult(r *rapsheet.Result) string {
	s := fmt.Sprintf("%s, %s", count(r.Cases, "case"), count(r.Arrests, "arrest"))
	if r.Held > 0 {
		s += fmt.Sprintf(", %d held back for the attorney", r.Held)
	}
	return s + fmt.Sprintf(", %s to confirm", count(len(r.Confirm), "fact"))
}

func count(n int, what string) string {
	return fmt.Sprintf("%d %s", n, plural(n, what, what+"s"))
}
