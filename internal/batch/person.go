package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/calendar"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/exhibit"
	"github.com/reliefkit/relief/internal/law"
	"github.com/reliefkit/relief/internal/roster"
	"github.com/reliefkit/relief/internal/safefile"
)

// personResult is what drafting one person gives back.
type personResult struct {
	row   Row
	msgs  []string // for stderr, in order
	entry *Entry   // the new state entry; nil keeps the old one
	// events are the person's calendar events, for --calendar.
	events []calendar.Event
}

// personRun is one person's drafting, step by step.
type personRun struct {
	d         *drafter
	it        item
	res       personResult
	f         *casefile.File
	asOf      date.Date
	inputName string // the case file's name, for the manifest
	exs       []exhibit.Exhibit
	rep       eligibility.Report
	key       string
	dir       string // OUT/<person>
	old       Entry  // the earlier run's record of the person
	owned     bool   // there is one: the folder is batch's
}

// person drafts one person into OUT/<person>/.
func (d *drafter) person(it item) personResult {
	p := &personRun{d: d, it: it, dir: filepath.Join(d.opts.OutDir, it.person)}
	row := &p.res.row
	row.Person, row.Source = it.person, it.source
	if it.ix != nil || it.person == "" {
		row.Rows = roster.RowRange(it.rows)
	}
	if it.bad != nil {
		p.res.msgs = it.bad
		row.Status, row.Failure, row.Error = StatusError, BadInput, strings.Join(it.badSum, "; ")
		return p.res
	}
	if !p.check() || !p.checkFolder() {
		return p.res
	}
	p.old, p.owned = d.state.Get(it.person)
	if !d.opts.Force && p.owned && p.old.Key == p.key && p.old.Intact(p.dir) {
		row.Status, row.Packets, row.Pages = StatusUnchanged, p.old.Packets, p.old.Pages
		p.res.entry = &p.old
		return p.res
	}
	outs, skips, letters, ok := p.draft()
	switch {
	case !ok:
	case len(outs) == 0:
		p.skipped(skips, letters)
	default:
		p.write(outs, skips, letters)
	}
	return p.res
}

// fail records that the person failed, with the message for stderr and
// the one for the summary, and returns false.
func (p *personRun) fail(kind Failure, stderr, summary string) bool {
	row := &p.res.row
	row.Status, row.Failure, row.Error = StatusError, kind, summary
	p.res.msgs = append(p.res.msgs, stderr)
	return false
}

// failWrite records a failure to write the person's files: exit 2 when
// files were in the way or the folder is a link, else 1.
func (p *personRun) failWrite(label string, err error) bool {
	kind := Internal
	if errors.Is(err, fs.ErrExist) || errors.Is(err, safefile.ErrSymlink) {
		kind = Exists
	}
	stderr := fmt.Sprintf("relief: %v", err)
	if label != "" {
		stderr = fmt.Sprintf("relief: %s: %v", label, err)
	}
	return p.fail(kind, stderr, err.Error())
}

// check loads the person's case file, checks it and computes the key of
// everything their papers depend on.
func (p *personRun) check() bool {
	d := p.d
	var err error
	p.f, p.asOf, p.inputName, err = d.load(p.it)
	if err != nil {
		return p.fail(BadInput, err.Error(), summaryError(err))
	}
	if p.f.Petitioner.Name == casefile.SampleName {
		p.res.msgs = append(p.res.msgs, fmt.Sprintf("relief: warning: %s still holds relief init's sample data (petitioner.name is %q); replace it with the client's facts", p.it.label, casefile.SampleName))
	}
	d.opts.Config.Merge(p.f) // the config file's attorney defaults, as relief draft does
	if p.exs, err = exhibit.Load(p.f); err != nil {
		return p.fail(BadInput, err.Error(), summaryError(err))
	}
	p.rep = eligibility.Check(p.f, eligibility.Options{AsOf: p.asOf})
	remedies, nextDate := Remedies(&p.rep)
	p.res.row.Remedies, p.res.row.NextDate = remedies, nextDate.String()
	if d.opts.Calendar {
		p.res.events = calendar.Events(calendar.NewPerson(p.f.Petitioner.Name, p.f.Petitioner.DOB, &p.rep), d.opts.RemedyName)
	}
	o := d.opts
	p.key = Key("relief batch 1", o.Version, p.asOf.String(), o.Sign, o.Layout, strconv.FormatBool(o.Final), p.f.Hash, d.digest)
	if o.Letters {
		p.key = Key(p.key, "letters")
	}
	if o.Split {
		p.key = Key(p.key, "split")
	}
	if len(p.exs) > 0 { // changing an exhibit file redrafts the person
		p.key = Key(p.key, "exhibits", exhibit.Digest(p.exs))
	}
	return true
}

// load reads, decodes and validates one person's case file, with the
// as-of date resolved as relief draft does.
func (d *drafter) load(it item) (*casefile.File, date.Date, string, error) {
	opt := casefile.Options{AsOf: d.asOf, Today: d.today, CheckOffense: checkOffense}
	if it.ix == nil {
		f, asOf, err := casefile.LoadAsOf(it.path, opt)
		return f, asOf, it.path, err
	}
	rp, err := it.ix.Person(it.k)
	if err != nil {
		return nil, date.Date{}, "", err
	}
	f, err := rp.Decode(opt)
	if err != nil {
		return nil, date.Date{}, "", err
	}
	return f, casefile.AsOfFor(f, opt), rp.FileName(), nil
}

// checkOffense checks an offense as written ("PC 459").
func checkOffense(s string) error {
	_, err := law.ParseRef(s)
	return err
}

// checkFolder refuses a person's folder that is a link: PDFs would land,
// and stale files be removed, wherever it points. In a folder that is
// there, the temporary files a killed run left (relief's own, older than
// this run) are removed.
func (p *personRun) checkFolder() bool {
	switch err := safefile.CheckDir(p.dir); {
	case err == nil:
		if _, err := safefile.CleanTemps(p.dir, p.d.start); err != nil {
			return p.fail(Internal, fmt.Sprintf("relief: %v", err), err.Error())
		}
	case !errors.Is(err, fs.ErrNotExist):
		return p.fail(Exists, fmt.Sprintf("relief: %s: %v", p.it.label, err), unwrapPath(err).Error())
	}
	return true
}

// draft runs the pipeline as relief draft does, and relief letter for
// --letters.
func (p *personRun) draft() ([]draft.Output, []assemble.Skip, []safefile.File, bool) {
	o := p.d.opts
	dopt := o.Flags.Options(o.Config, o.Templates, "relief "+o.Version)
	dopt.Exhibits = p.exs
	outs, skips, err := draft.Run(p.f, &p.rep, dopt)
	var letters []safefile.File
	if err == nil && o.Letters {
		var out draft.Output
		out, err = draft.Letter(p.f, &p.rep, draft.LetterLang("", p.f), dopt)
		letters = []safefile.File{{Name: out.Packet.FileName, Data: out.PDF}}
	}
	if err != nil {
		kind := Internal
		if draft.IsInputError(err) {
			kind = BadInput
		}
		return nil, nil, nil, p.fail(kind, fmt.Sprintf("relief: %s: %v", p.it.label, err), fmt.Sprintf("%s: %v", p.it.source, err))
	}
	// An exhibit no packet carries is named, as relief draft names it.
	var warns []string
	for _, msg := range draft.Unattached(p.f, outs) {
		p.res.msgs = append(p.res.msgs, fmt.Sprintf("relief: %s:%s", p.it.label, msg))
		warns = append(warns, p.it.source+":"+msg)
	}
	p.res.row.Warnings = strings.Join(warns, "; ")
	return outs, skips, letters, true
}

// skipped records a person with nothing to draft yet. Packets skipped are
// not reported on stderr, which a large batch would flood: they are in the
// summary (and for a person with papers, in each manifest.json). The
// client still gets the letter.
func (p *personRun) skipped(skips []assemble.Skip, letters []safefile.File) {
	row := &p.res.row
	row.Status = StatusSkipped
	why := []string{"nothing to draft"}
	for _, s := range skips {
		why = append(why, s.String())
	}
	row.Error = strings.Join(why, "; ")
	entry := &Entry{Key: p.key, Status: StatusSkipped, Files: []FileInfo{}}
	if len(letters) > 0 {
		root, err := p.openFolder()
		if err != nil {
			p.failWrite("", err)
			return
		}
		defer root.Close()
		if err := safefile.WriteAllIn(root, p.dir, letters, p.d.opts.Force || p.owned); err != nil {
			p.failWrite(p.it.label, err)
			return
		}
	}
	p.finish(entry, letters)
}

// write writes the person's packets and manifest.json, exactly as relief
// draft does.
func (p *personRun) write(outs []draft.Output, skips []assemble.Skip, letters []safefile.File) {
	o := p.d.opts
	m, files, _, err := draft.BuildManifest(draft.ManifestInput{Path: p.inputName, File: p.f, AsOf: p.asOf,
		Sign: o.Sign, Layout: o.Layout, Final: o.Final, Set: o.Templates, Outs: outs, Skips: skips,
		Config: p.d.cfgHash, Version: o.Version})
	outs = nil // the PDFs live on in files only until written
	if err != nil {
		p.fail(Internal, fmt.Sprintf("relief: %s: %v", p.it.label, err), err.Error())
		return
	}
	files = append(files, letters...)
	root, err := p.openFolder()
	if err != nil {
		p.failWrite("", err)
		return
	}
	defer root.Close()
	// Files this batch wrote before, still holding the bytes it recorded,
	// are its own to replace; any other file in the way is not (without
	// --force), even in a folder the state file says is ours.
	err = safefile.WriteTreeIn(root, p.dir, files, o.Force || p.owned && p.old.OwnsAll(p.dir, names(files)))
	if errors.Is(err, fs.ErrExist) {
		// Files already holding exactly these bytes (from a run killed
		// before it saved its state, or from relief draft) are taken as
		// they are; any other file is left alone and the person fails.
		err = safefile.WriteMissingIn(root, p.dir, files)
	}
	if err != nil {
		p.failWrite(p.it.label, err)
		return
	}
	entry := &Entry{Key: p.key, Status: StatusOK, Packets: len(m.Packets)}
	for _, mp := range m.Packets {
		entry.Pages += mp.Pages
	}
	if p.finish(entry, files) {
		p.res.row.Status, p.res.row.Packets, p.res.row.Pages = StatusOK, entry.Packets, entry.Pages
	}
}

// openFolder makes the person's folder if it is missing and opens it for
// writing without following a link (safefile.OpenDir): every file is then
// written inside this folder, whatever replaces it meanwhile.
func (p *personRun) openFolder() (*os.Root, error) {
	if _, err := safefile.SubDir(p.d.opts.OutDir, p.it.person); err != nil {
		return nil, err
	}
	return safefile.OpenDir(p.dir)
}

// finish records the files written in the person's new entry and removes
// those an earlier run wrote that this one did not write again.
func (p *personRun) finish(entry *Entry, files []safefile.File) bool {
	keep := map[string]bool{}
	for _, fl := range files {
		entry.Files = append(entry.Files, NewFileInfo(fl.Name, fl.Data))
		keep[fl.Name] = true
	}
	if p.owned {
		left, err := RemoveStale(p.dir, p.old.Files, keep)
		if len(left) > 0 {
			p.res.msgs = append(p.res.msgs, fmt.Sprintf("relief: %s: left %s in place: changed since relief batch wrote it, so not relief's to remove", p.dir, strings.Join(left, ", ")))
		}
		if err != nil {
			return p.fail(Internal, fmt.Sprintf("relief: %s: %v", p.dir, err), err.Error())
		}
	}
	p.res.entry = entry
	return true
}

// names lists the files' names.
func names(files []safefile.File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Name
	}
	return out
}

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
