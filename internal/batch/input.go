package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/reliefkit/relief/internal/inputtext"
	"github.com/reliefkit/relief/internal/roster"
	"github.com/reliefkit/relief/internal/safefile"
)

// input is the people of a batch, in input order, made one at a time
// (item), so that a run holds only the people being drafted: a folder's
// file names, or a roster's index (see roster.Index), not every person.
type input struct {
	n    int
	item func(i int) item
	// close releases the input (the roster's open file).
	close func()
}

// item is one person to draft, or one roster row that names nobody.
type item struct {
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

// unwrapPath is an error without its "open PATH:" part.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// input lists the people of the batch's input.
func (d *drafter) input() (*input, error) {
	in := d.opts.Input
	st, err := os.Stat(in)
	if err != nil {
		return nil, usagef("%s: %v", in, unwrapPath(err))
	}
	switch {
	case st.IsDir():
		return d.folderInput(in)
	case strings.EqualFold(filepath.Ext(in), ".csv"):
		return d.rosterInput(in)
	}
	return nil, usagef("%s: give a folder of case files (*.toml) or a roster (.csv)", in)
}

// folderInput lists the case files of a folder, sorted by name.
func (d *drafter) folderInput(in string) (*input, error) {
	entries, err := os.ReadDir(in)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries { // sorted by name
		name := e.Name()
		if strings.HasSuffix(name, ".toml") && !strings.HasPrefix(name, ".") && !e.IsDir() {
			names = append(names, name)
		}
	}
	entries = nil
	if len(names) == 0 {
		return nil, usagef("%s has no case files (*.toml)", in)
	}
	twins := caseTwins(len(names), func(i int) string { return strings.TrimSuffix(names[i], ".toml") })
	return &input{n: len(names), close: func() {}, item: func(i int) item {
		name := names[i]
		path := filepath.Join(in, name)
		it := item{person: strings.TrimSuffix(name, ".toml"), source: name, path: path, label: path}
		if msg := d.folderProblem(it.person, twins[i]); msg != "" {
			it.bad = []string{fmt.Sprintf("%s: %s", path, msg)}
			it.badSum = []string{fmt.Sprintf("%s: %s", name, msg)}
		}
		return it
	}}, nil
}

// caseTwins finds, among n names, each one that differs only in letter
// case from an earlier one: it maps the later to the earlier.
func caseTwins(n int, name func(int) string) map[int]string {
	seen := map[string]string{}
	twins := map[int]string{}
	for i := range n {
		p := name(i)
		if prev, dup := seen[strings.ToLower(p)]; dup {
			twins[i] = prev
		} else {
			seen[strings.ToLower(p)] = p
		}
	}
	return twins
}

// folderProblem says why person cannot name a folder of the output: not a
// safe name, the name of the summary, or the same name as the earlier
// twin but for letter case. It returns "" when the name is good.
func (d *drafter) folderProblem(person, twin string) string {
	switch {
	case func() bool { _, err := safefile.Join(d.opts.OutDir, person); return err != nil }():
		return fmt.Sprintf("%q cannot name the person's folder: use only letters, digits, '-', '_' and '.', not starting with '.'", person)
	case person == SummaryCSV || person == SummaryJSON || person == CalendarFile:
		return fmt.Sprintf("%q is the name of the summary file; rename the person", person)
	case twin != "":
		return fmt.Sprintf("%q and %q would share one folder (names that differ only in case name the same folder on Windows and macOS)", twin, person)
	}
	return ""
}

// rosterInput indexes a roster: one item per person, and one per row
// that names nobody, in the order of their first rows. The roster is read
// again person by person as they are drafted.
func (d *drafter) rosterInput(path string) (*input, error) {
	f, err := safefile.OpenRegular(path, safefile.FollowLinks)
	if err != nil {
		return nil, usagef("%s: %v", path, unwrapPath(err))
	}
	ix, err := roster.NewIndex(path, f)
	if err != nil {
		f.Close()
		fmt.Fprintln(d.opts.Err, inputtext.EscapeLines(err.Error()))
		return nil, &InputError{Err: err}
	}
	orphans := orphanRows(ix.Orphans)
	if ix.Len() == 0 && len(orphans) == 0 {
		f.Close()
		err := fmt.Errorf("%s: the roster has a header but no rows", path)
		fmt.Fprintln(d.opts.Err, inputtext.EscapeLines(err.Error()))
		return nil, &InputError{Err: err}
	}
	// order[i] is person k as k, or the orphan row group j as -j-1: four
	// bytes a person.
	order := make([]int32, 0, ix.Len()+len(orphans))
	k, j := 0, 0
	for k < ix.Len() || j < len(orphans) {
		if j == len(orphans) || k < ix.Len() && ix.FirstRow(k) <= orphans[j][0].Row {
			order = append(order, int32(k))
			k++
		} else {
			order = append(order, int32(-j-1))
			j++
		}
	}
	base := filepath.Base(path)
	return &input{n: len(order), close: func() { f.Close() }, item: func(i int) item {
		if o := order[i]; o < 0 {
			return orphanItem(path, orphans[-o-1])
		}
		k := int(order[i])
		it := item{person: ix.ID(k), source: base, rows: ix.Rows(k), ix: ix, k: k}
		it.label = path + ":" + roster.RowRange(it.rows)
		if msg := d.folderProblem(it.person, ix.CaseTwin(k)); msg != "" {
			it.bad = []string{fmt.Sprintf("%s:%d: person_id: %s", path, it.rows[0], msg)}
			it.badSum = []string{fmt.Sprintf("%s:%d: person_id: %s", base, it.rows[0], msg)}
		}
		return it
	}}, nil
}

// orphanRows groups the problems of rows naming nobody by row.
func orphanRows(probs []roster.Problem) [][]roster.Problem {
	var groups [][]roster.Problem
	for _, pr := range probs {
		if n := len(groups); n > 0 && groups[n-1][0].Row == pr.Row {
			groups[n-1] = append(groups[n-1], pr)
		} else {
			groups = append(groups, []roster.Problem{pr})
		}
	}
	return groups
}

// orphanItem is the item of a roster row that names nobody: its problems.
func orphanItem(path string, probs []roster.Problem) item {
	base := filepath.Base(path)
	it := item{source: base, rows: []int{probs[0].Row}, label: fmt.Sprintf("%s:%d", path, probs[0].Row)}
	for _, pr := range probs {
		it.bad = append(it.bad, pr.String())
		pr.File = base
		it.badSum = append(it.badSum, pr.String())
	}
	return it
}
