package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/batch"
	"github.com/reliefkit/relief/internal/calendar"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/config"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/exhibit"
	"github.com/reliefkit/relief/internal/roster"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/tmpl"
)

// BatchOptions are relief batch's inputs.
type BatchOptions struct {
	Env
	Input     string // a folder of case files or a roster .csv
	OutDir    string
	Jobs      int
	AsOf      string
	Templates string
	Sign      string
	Layout    string // "form" or "pleading"
	Force     bool
	Final     bool
	Split     bool
	Quiet     bool
	Letters   bool   // also write each person's client letter, in their language
	Calendar  bool   // also write OUT/calendar.ics with every person's dates
	Config    string // the config file (--config, else the default; "" for none)
	ConfigSet bool   // --config was given, so the file must exist
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
	fl.StringVarP(&opts.OutDir, "out", "o", "", "folder for the people's folders and the summary (created with mode 0700)")
	fl.IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "people drafted at once")
	fl.StringVar(&opts.AsOf, "as-of", "", "date to draft for (YYYY-MM-DD); default: each file's as_of, else today")
	fl.StringVar(&opts.Templates, "templates", "", "folder of templates layered over the config file's folder and the built-ins")
	fl.StringVar(&opts.Sign, "sign", "typed", `signature style: "typed" (/s/ Name and date) or "wet" (blank lines)`)
	fl.StringVar(&opts.Layout, "layout", draft.LayoutForm, `paper for the petitions and orders: "form" (Judicial-Council-style) or "pleading" (pleading paper, no form number)`)
	fl.BoolVar(&opts.Force, "force", false, "redraw everyone, replacing files that already exist")
	fl.BoolVar(&opts.Final, "final", false, "leave the DRAFT mark off (after attorney review)")
	fl.BoolVar(&opts.Split, "split", false, "write each packet as a folder of one PDF per filed document (as relief draft --split)")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "do not report progress")
	fl.BoolVar(&opts.Letters, "letters", false, "also write each person's client letter (letter-<lang>.pdf, in petitioner.language) into their folder")
	fl.BoolVar(&opts.Calendar, "calendar", false, "also write OUT/"+batchCalendar+": one calendar with every person's dates")
	return cmd
}

// batchItem is one person to draft, or one roster row that names nobody.
type batchItem struct {
	person string        // folder name under OUT; "" for a row naming nobody
	source string        // base name of the case file or roster, for the summary
	rows   []int         // roster rows
	path   string        // case file path (folder input)
	label  string        // how messages name the input: path or roster.csv:ROWS
	ix     *roster.Index // roster input: the roster and the person's number in it
	k      int
	bad    []string // problems found before drafting (stderr form)
	badSum []string // the same for the summary
}

// batcher holds what every person's run shares.
type batcher struct {
	opts  *BatchOptions
	env   Env // Now is read once per run
	asOf  date.Date
	today func() date.Date
	cfg   config.Config
	// cfgHash is the config file's name and hash for each manifest.
	cfgHash *fileHash
	set     *tmpl.Set
	digest  string // the templates' and config's digest, part of every key
	state   *batch.State
	start   time.Time // when the run began: older temporary files are a killed run's
}

// batchResult is what drafting one person gives back.
type batchResult struct {
	row   batch.Row
	msgs  []string     // for stderr, in order
	entry *batch.Entry // the new state entry; nil keeps the old one
	// events are the person's calendar events, for --calendar.
	events []calendar.Event
}

// batchCalendar is the clinic's calendar written by --calendar.
const batchCalendar = "calendar.ics"

func batchRun(opts *BatchOptions) error {
	if opts.OutDir == "" {
		return usagef("-o OUT is required: the folder to write the people's folders and the summary into")
	}
	if err := checkSign(opts.Sign); err != nil {
		return err
	}
	if err := checkLayout(opts.Layout); err != nil {
		return err
	}
	if opts.Jobs < 1 {
		return usagef("-j must be at least 1, not %d", opts.Jobs)
	}
	b := &batcher{opts: opts, env: opts.Env}
	if opts.AsOf != "" {
		d, err := date.ParseInRange(opts.AsOf)
		if err != nil {
			return usagef("--as-of: %v", err)
		}
		b.asOf = d
	}
	// One "today" for the whole run, read only if a file needs it.
	now := sync.OnceValue(func() time.Time { return opts.Now() })
	b.env.Now = now
	b.today = func() date.Date { return date.FromTime(now()) }

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
	b.cfg, b.set = cfg, layers.Set
	b.cfgHash = configHash(cfg.Path)
	tdigest, err := batch.TemplatesDigest(b.set)
	if err != nil {
		var te *tmpl.Error
		if errors.As(err, &te) {
			fmt.Fprintf(opts.Err, "relief: %v\n", err)
			return invalidInputError{err}
		}
		return err
	}
	// The config's attorney defaults go into the papers, so into the key.
	settings, err := json.Marshal(struct {
		Attorney   casefile.Attorney
		Letterhead config.Letterhead
	}{cfg.Attorney, cfg.Letterhead})
	if err != nil {
		return err
	}
	b.digest = batch.Key(tdigest, string(settings))

	in, err := b.input()
	if err != nil {
		return err
	}
	defer in.close()

	if err := safefile.Dir(opts.OutDir); err != nil {
		return err
	}
	// Temporary files a killed run left: only relief's own, older than
	// this run.
	b.start = time.Now()
	if _, err := safefile.CleanTemps(opts.OutDir, b.start); err != nil {
		return err
	}
	if !opts.Force && !batch.HasState(opts.OutDir) {
		for _, name := range []string{batch.SummaryCSV, batch.SummaryJSON} {
			if _, err := os.Lstat(filepath.Join(opts.OutDir, name)); err == nil {
				return usagef("%s already exists and relief batch did not write it; choose another -o folder or use --force", filepath.Join(opts.OutDir, name))
			}
		}
	}
	if b.state, err = batch.LoadState(opts.OutDir); err != nil {
		var se *batch.StateError
		if errors.As(err, &se) {
			return usagef("%v", err)
		}
		return err
	}
	defer b.state.Close()
	// The new state, each person's summary row and progress are written
	// as soon as it is the person's turn, and the person is dropped:
	// memory does not grow with the people done.
	next, err := batch.NewStateWriter(opts.OutDir, b.state)
	if err != nil {
		return err
	}
	defer next.Abort()
	sum, err := batch.NewSummaryWriter(opts.OutDir)
	if err != nil {
		return err
	}
	prog := batch.NewProgress(opts.Err, in.n, opts.Quiet, time.Now)
	t := tally{count: map[string]int{}, fails: map[batch.Failure]int{}}
	var events []calendar.Event // for --calendar, in person order
	var saveErr, sumErr error
	checkpoint := newCheckpoint()
	batch.Run(in.n, opts.Jobs,
		func(i int) batchResult { return b.person(in.item(i)) },
		func(i int, r batchResult) {
			for _, m := range r.msgs {
				prog.Println(m)
			}
			if batchEmitHook != nil {
				batchEmitHook(i)
			}
			t.add(r.row)
			if sumErr == nil {
				sumErr = sum.Add(r.row)
			}
			events = append(events, r.events...)
			// A person who failed keeps the record of their last draft, so
			// that their folder stays theirs to redraw once the input is fixed.
			if p := r.row.Person; p != "" && r.entry != nil && saveErr == nil {
				saveErr = next.Add(p, *r.entry)
			}
			// Checkpoint now and then, so that a killed run loses little.
			if saveErr == nil && checkpoint.due() {
				saveErr = checkpoint.run(next.Save)
			}
		},
		prog.Step)
	prog.Finish()
	if err := errors.Join(saveErr, sumErr); err != nil {
		sum.Abort()
		return err
	}
	if err := next.Close(); err != nil {
		sum.Abort()
		return err
	}
	if err := sum.Close(); err != nil {
		return err
	}
	if opts.Calendar {
		// The clinic's calendar is batch's own file, replaced each run
		// like the summary.
		if err := safefile.Write(opts.OutDir, batchCalendar, calendar.Encode("relief: clinic dates", events), true); err != nil {
			return err
		}
		defer fmt.Fprintf(opts.Out, "wrote %s (%d %s)\n", filepath.Join(opts.OutDir, batchCalendar), len(events), plural(len(events), "event", "events"))
	}
	return b.report(t)
}

// batchEmitHook, when set (by tests), is called as each person is
// reported, on the reporting goroutine.
var batchEmitHook func(i int)

// checkpoint paces the saves of the state during a run: every two
// seconds, but never so often that saving (which copies the whole state
// file) takes more than a twentieth of the run.
type checkpoint struct {
	last time.Time
	took time.Duration
}

func newCheckpoint() *checkpoint { return &checkpoint{last: time.Now()} }

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

// tally counts the people of a run by status and failure.
type tally struct {
	people int
	count  map[string]int
	fails  map[batch.Failure]int
}

func (t *tally) add(r batch.Row) {
	t.people++
	t.count[r.Status]++
	t.fails[r.Failure]++
}

// report prints the totals and turns failures into the exit code: 3 when
// any input was bad, else 2 when files were in the way, else 1 for any
// other failure.
func (b *batcher) report(t tally) error {
	count, fails := t.count, t.fails
	var parts []string
	for _, s := range []string{batch.StatusOK, batch.StatusUnchanged, batch.StatusSkipped, batch.StatusError} {
		if count[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[s], s))
		}
	}
	out := b.opts.Out
	fmt.Fprintf(out, "batch: %d people: %s\n", t.people, strings.Join(parts, ", "))
	fmt.Fprintf(out, "wrote %s\n", filepath.Join(b.opts.OutDir, batch.SummaryCSV))
	fmt.Fprintf(out, "wrote %s\n", filepath.Join(b.opts.OutDir, batch.SummaryJSON))
	if count[batch.StatusOK] > 0 && !b.opts.Final {
		fmt.Fprintln(out, "Every page is marked DRAFT for attorney review.")
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

// load reads, decodes and validates one person's case file, with the
// as-of date resolved as relief draft does.
func (b *batcher) load(it batchItem) (*casefile.File, date.Date, string, error) {
	if it.ix == nil {
		f, asOf, err := loadCase(b.env, it.path, b.opts.AsOf)
		return f, asOf, it.path, err
	}
	rp, err := it.ix.Person(it.k)
	if err != nil {
		return nil, date.Date{}, "", err
	}
	f, err := rp.Decode(casefile.Options{AsOf: b.asOf, Today: b.today, CheckOffense: checkOffense})
	if err != nil {
		return nil, date.Date{}, "", err
	}
	switch {
	case !b.asOf.IsZero():
		return f, b.asOf, rp.FileName(), nil
	case !f.AsOf.IsZero():
		return f, f.AsOf, rp.FileName(), nil
	}
	return f, b.today(), rp.FileName(), nil
}

// person drafts one person into OUT/<person>/.
func (b *batcher) person(it batchItem) (res batchResult) {
	row := &res.row
	row.Person, row.Source = it.person, it.source
	if it.ix != nil || it.person == "" {
		row.Rows = roster.RowRange(it.rows)
	}
	fail := func(kind batch.Failure, stderr string, summary string) batchResult {
		row.Status, row.Failure, row.Error = batch.StatusError, kind, summary
		res.msgs = append(res.msgs, stderr)
		return res
	}
	if it.bad != nil {
		res.msgs = it.bad
		row.Status, row.Failure, row.Error = batch.StatusError, batch.BadInput, strings.Join(it.badSum, "; ")
		return res
	}

	f, asOf, inputName, err := b.load(it)
	if err != nil {
		return fail(batch.BadInput, err.Error(), summaryError(err))
	}
	b.cfg.Merge(f) // the config file's attorney defaults, as relief draft does
	exs, err := exhibit.Load(f)
	if err != nil {
		return fail(batch.BadInput, err.Error(), summaryError(err))
	}
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	remedies, nextDate := batch.Remedies(&rep)
	row.Remedies, row.NextDate = remedies, nextDate.String()
	if b.opts.Calendar {
		res.events = calendar.Events(calendarPerson(f, &rep), remedyName)
	}

	key := batch.Key("relief batch 1", version(), asOf.String(), b.opts.Sign, b.opts.Layout, strconv.FormatBool(b.opts.Final), f.Hash, b.digest)
	if b.opts.Letters {
		key = batch.Key(key, "letters")
	}
	if b.opts.Split {
		key = batch.Key(key, "split")
	}
	if len(exs) > 0 { // changing an exhibit file redrafts the person
		key = batch.Key(key, "exhibits", exhibit.Digest(exs))
	}
	dir := filepath.Join(b.opts.OutDir, it.person)
	// The person's folder is never followed if it is a link: PDFs would
	// land, and stale files be removed, wherever it points.
	switch err := safefile.CheckDir(dir); {
	case err == nil:
		// Temporary files a killed run left in the folder: relief's own,
		// older than this run.
		if _, err := safefile.CleanTemps(dir, b.start); err != nil {
			return fail(batch.Internal, fmt.Sprintf("relief: %v", err), err.Error())
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fail(batch.Exists, fmt.Sprintf("relief: %s: %v", it.label, err), summaryText(err))
	}
	old, owned := b.state.Get(it.person)
	if !b.opts.Force && owned && old.Key == key && old.Intact(dir) {
		row.Status, row.Packets, row.Pages = batch.StatusUnchanged, old.Packets, old.Pages
		res.entry = &old
		return res
	}

	dopt := draftOptions(b.opts.Sign, b.opts.Final, b.cfg, b.set)
	dopt.Layout = b.opts.Layout
	dopt.Split = b.opts.Split
	dopt.Exhibits = exs
	outs, skips, err := draft.Run(f, &rep, dopt)
	var letters []safefile.File
	if err == nil && b.opts.Letters {
		letters, err = batchLetter(f, &rep, dopt)
	}
	if err != nil {
		kind := batch.Internal
		if isInputError(err) {
			kind = batch.BadInput
		}
		return fail(kind, fmt.Sprintf("relief: %s: %v", it.label, err), fmt.Sprintf("%s: %v", it.source, err))
	}
	// Packets skipped are not reported on stderr, which a large batch would
	// flood: they are in each manifest.json, and in the summary for a
	// person with nothing drafted.
	if len(outs) == 0 {
		row.Status = batch.StatusSkipped
		why := []string{"nothing to draft"}
		for _, s := range skips {
			why = append(why, s.String())
		}
		row.Error = strings.Join(why, "; ")
		entry := &batch.Entry{Key: key, Status: batch.StatusSkipped, Files: []batch.FileInfo{}}
		keep := map[string]bool{}
		if len(letters) > 0 {
			// Nothing to file yet, but the client still gets the letter.
			if _, err := safefile.SubDir(b.opts.OutDir, it.person); err != nil {
				kind := batch.Internal
				if errors.Is(err, safefile.ErrSymlink) {
					kind = batch.Exists
				}
				return fail(kind, fmt.Sprintf("relief: %v", err), err.Error())
			}
			if err := safefile.WriteAll(dir, letters, b.opts.Force || owned); err != nil {
				kind := batch.Internal
				if errors.Is(err, fs.ErrExist) {
					kind = batch.Exists
				}
				return fail(kind, fmt.Sprintf("relief: %s: %v", it.label, err), err.Error())
			}
			for _, fl := range letters {
				entry.Files = append(entry.Files, batch.NewFileInfo(fl.Name, fl.Data))
				keep[fl.Name] = true
			}
		}
		if owned {
			if err := b.removeStale(&res, dir, old.Files, keep); err != nil {
				return fail(batch.Internal, fmt.Sprintf("relief: %s: %v", dir, err), err.Error())
			}
		}
		res.entry = entry
		return res
	}

	m, files, _, err := buildManifest(manifestInput{Path: inputName, File: f, AsOf: asOf,
		Sign: b.opts.Sign, Layout: b.opts.Layout, Final: b.opts.Final, Set: b.set, Outs: outs, Skips: skips, Config: b.cfgHash})
	outs = nil // the PDFs live on in files only until written
	if err != nil {
		return fail(batch.Internal, fmt.Sprintf("relief: %s: %v", it.label, err), err.Error())
	}
	files = append(files, letters...)
	if _, err := safefile.SubDir(b.opts.OutDir, it.person); err != nil {
		kind := batch.Internal
		if errors.Is(err, safefile.ErrSymlink) {
			kind = batch.Exists
		}
		return fail(kind, fmt.Sprintf("relief: %v", err), err.Error())
	}
	// Files this batch wrote before, still holding the bytes it recorded,
	// are its own to replace; any other file in the way is not (without
	// --force), even in a folder the state file says is ours.
	err = writeTree(dir, files, b.opts.Force || owned && old.OwnsAll(dir, names(files)))
	if errors.Is(err, fs.ErrExist) {
		// Files already holding exactly these bytes (from a run killed
		// before it saved its state, or from relief draft) are taken as
		// they are; any other file is left alone and the person fails.
		err = writeMissing(dir, files)
	}
	if err != nil {
		kind := batch.Internal
		if errors.Is(err, fs.ErrExist) {
			kind = batch.Exists
		}
		return fail(kind, fmt.Sprintf("relief: %s: %v", it.label, err), err.Error())
	}
	entry := &batch.Entry{Key: key, Status: batch.StatusOK, Packets: len(m.Packets)}
	keep := map[string]bool{}
	for _, fl := range files {
		entry.Files = append(entry.Files, batch.NewFileInfo(fl.Name, fl.Data))
		keep[fl.Name] = true
	}
	for _, p := range m.Packets {
		entry.Pages += p.Pages
	}
	if owned {
		if err := b.removeStale(&res, dir, old.Files, keep); err != nil {
			return fail(batch.Internal, fmt.Sprintf("relief: %s: %v", dir, err), err.Error())
		}
	}
	row.Status, row.Packets, row.Pages = batch.StatusOK, entry.Packets, entry.Pages
	res.entry = entry
	return res
}

// names lists the files' names.
func names(files []safefile.File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Name
	}
	return out
}

// writeMissing writes those of files that dir lacks, after checking that
// every one it has holds the same bytes; otherwise it fails as WriteAll
// does without force, writing nothing.
func writeMissing(dir string, files []safefile.File) error {
	var missing []safefile.File
	var differ []string
	for _, f := range files {
		// Read only a regular file, not through a link, and no more than
		// the bytes it would have to hold.
		p, err := safefile.JoinTree(dir, f.Name)
		if err != nil {
			return err
		}
		b, err := safefile.ReadRegular(p, int64(len(f.Data)), safefile.NoFollow)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			missing = append(missing, f)
		case err != nil || !bytes.Equal(b, f.Data):
			differ = append(differ, f.Name)
		}
	}
	if len(differ) > 0 {
		return fmt.Errorf("safefile: %s already exist(s) in %s with other contents; nothing was written (use --force to replace): %w",
			strings.Join(differ, ", "), dir, fs.ErrExist)
	}
	return writeTree(dir, missing, false)
}

// removeStale removes the files an earlier run wrote for a person that
// this run did not write again (see batch.RemoveStale), and says which it
// left because they changed since.
func (b *batcher) removeStale(res *batchResult, dir string, old []batch.FileInfo, keep map[string]bool) error {
	left, err := batch.RemoveStale(dir, old, keep)
	if len(left) > 0 {
		res.msgs = append(res.msgs, fmt.Sprintf("relief: %s: left %s in place: changed since relief batch wrote it, so not relief's to remove", dir, strings.Join(left, ", ")))
	}
	return err
}

// summaryText is an error's text without the "open PATH:" part.
func summaryText(err error) string { return unwrapPath(err).Error() }

// summaryError is an input error for the summary: its problems on one
// line, each naming the file by its base name.
func summaryError(err error) string {
	var ce *casefile.Errors
	var re *roster.Errors
	var lines []string
	switch {
	case errors.As(err, &ce):
		for _, p := range ce.Problems {
			p.File = filepath.Base(p.File)
			lines = append(lines, p.String())
		}
	case errors.As(err, &re):
		for _, p := range re.Problems {
			p.File = filepath.Base(p.File)
			lines = append(lines, p.String())
		}
	default:
		lines = strings.Split(err.Error(), "\n")
	}
	return strings.Join(lines, "; ")
}

// batchLetter drafts a person's client letter in their language, as
// relief letter writes it.
func batchLetter(f *casefile.File, rep *eligibility.Report, dopt draft.Options) ([]safefile.File, error) {
	out, err := draft.Letter(f, rep, letterLang("", f), dopt)
	if err != nil {
		return nil, err
	}
	return []safefile.File{{Name: out.Packet.FileName, Data: out.PDF}}, nil
}
