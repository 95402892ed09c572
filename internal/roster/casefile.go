package roster

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
)

// FileName is the name of the person's case file: <person_id>.toml.
func (p *Person) FileName() string { return p.ID + ".toml" }

// TOML returns the person's case file. It is a pure function of the
// person's values (not of row numbers, column order or the roster's name),
// so `relief import` writes exactly the bytes `relief batch` drafts from.
func (p *Person) TOML() []byte {
	p.build()
	return p.generate().b.Bytes()
}

// Decode builds the person's case file and decodes and validates it with
// casefile.Decode under the name FileName(). Problems, whether found reading
// the rows or by casefile, come back as an *Errors naming roster rows and
// columns.
func (p *Person) Decode(opt casefile.Options) (*casefile.File, error) {
	if probs := p.Problems(); len(probs) > 0 {
		return nil, &Errors{Problems: slicesClone(probs)}
	}
	g := p.generate()
	f, err := casefile.Decode(p.FileName(), g.b.Bytes(), opt)
	if err == nil {
		return f, nil
	}
	var ce *casefile.Errors
	if !errors.As(err, &ce) {
		return nil, err
	}
	probs := make([]Problem, 0, len(ce.Problems))
	for _, cp := range ce.Problems {
		probs = append(probs, p.mapProblem(g, cp))
	}
	sortProblems(probs)
	return nil, &Errors{Problems: probs}
}

func slicesClone(ps []Problem) []Problem { return append([]Problem(nil), ps...) }

// where is the roster cell a case-file key or line comes from.
type where struct {
	row int
	col string
}

// gen is a case file being written, with where each part came from.
type gen struct {
	b     bytes.Buffer
	line  int              // the line the next write starts
	lines map[int]where    // line → cell
	keys  map[string]where // key path (as casefile prints it) → cell
}

func (g *gen) put(w where, format string, args ...any) {
	if w.row > 0 {
		g.lines[g.line] = w
	}
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
	g.line++
}

// value formats a roster value as a TOML value for its column.
func value(c *column, v string) string {
	switch c.kind {
	case day:
		return v // checked by Parse: YYYY-MM-DD, a TOML local date
	case days:
		var ds []string
		for _, d := range strings.Split(v, ";") {
			if d = strings.TrimSpace(d); d != "" {
				ds = append(ds, d)
			}
		}
		return "[" + strings.Join(ds, ", ") + "]"
	case yesNo:
		b, _ := parseBool(v)
		return strconv.FormatBool(b)
	}
	return tomlString(v)
}

// generate writes the person's case file.
func (p *Person) generate() *gen {
	g := &gen{line: 1, lines: map[int]where{}, keys: map[string]where{}}
	first := p.Rows[0]
	at := func(m map[string]cell, col string, dflt int) where {
		if c, ok := m[col]; ok {
			return where{c.row, col}
		}
		return where{dflt, col}
	}
	// fields writes the columns of one table, registering their key paths
	// (present or not, so "missing" problems find their column too).
	fields := func(prefix, table, indent string, m map[string]cell, dflt int) {
		for i := range columns {
			c := &columns[i]
			if c.table != table || c.name == "case_id" {
				continue
			}
			w := at(m, c.name, dflt)
			g.keys[prefix+c.key] = w
			if v, ok := m[c.name]; ok {
				g.put(w, "%s%s = %s", indent, c.key, value(c, v.val))
			}
		}
	}
	has := func(m map[string]cell, table string) bool {
		for _, c := range columns {
			if _, ok := m[c.name]; ok && c.table == table {
				return true
			}
		}
		return false
	}

	g.put(where{}, "# Case file for %s, converted by relief from a roster (one CSV row per count).", p.ID)
	g.keys["as_of"] = at(p.vals, "as_of", first)
	if v, ok := p.vals["as_of"]; ok {
		g.put(where{v.row, "as_of"}, "as_of = %s", v.val)
	}
	g.put(where{}, "")
	g.keys["petitioner"] = where{first, "name"}
	g.put(where{first, "name"}, "[petitioner]")
	fields("petitioner.", "petitioner", "", p.vals, first)

	g.keys["cases"] = where{first, "case_id"}
	for i, c := range p.cases {
		cp := fmt.Sprintf("cases[%d]", i)
		cw := where{c.rows[0], "case_id"}
		g.keys[cp] = cw
		g.keys[cp+".id"] = cw
		g.put(where{}, "")
		g.put(cw, "[[cases]]")
		g.put(cw, "id = %s", tomlString(c.id))
		fields(cp+".", "case", "", c.vals, c.rows[0])
		g.keys[cp+".counts"] = where{c.rows[0], "offense"}
		for j, n := range c.counts {
			np := fmt.Sprintf("%s.counts[%d]", cp, j)
			g.keys[np] = where{n.row, "offense"}
			g.put(where{}, "")
			g.put(where{n.row, "offense"}, "  [[cases.counts]]")
			m := map[string]cell{}
			for k, v := range n.vals {
				m[k] = cell{v, n.row}
			}
			fields(np+".", "count", "  ", m, n.row)
		}
		g.keys[cp+".sentence"] = at(c.vals, "sentence_kind", c.rows[0])
		if has(c.vals, "sentence") {
			g.put(where{}, "")
			g.put(at(c.vals, "sentence_kind", c.rows[0]), "  [cases.sentence]")
		}
		fields(cp+".sentence.", "sentence", "  ", c.vals, c.rows[0])
	}

	g.keys["statement"] = at(p.vals, "statement_reasons", first)
	if has(p.vals, "statement") {
		g.put(where{}, "")
		g.put(where{}, "[statement]")
	}
	fields("statement.", "statement", "", p.vals, first)
	return g
}

// lookup finds where key, or its nearest ancestor, came from.
func (g *gen) lookup(key string) (where, bool) {
	for key != "" {
		if w, ok := g.keys[key]; ok {
			return w, true
		}
		if strings.HasSuffix(key, "]") {
			key = key[:strings.LastIndexByte(key, '[')]
		} else if i := strings.LastIndexByte(key, '.'); i >= 0 {
			key = key[:i]
		} else {
			key = ""
		}
	}
	return where{}, false
}

var (
	lineRef = regexp.MustCompile(`\(line (\d+)\)`)
	caseRef = regexp.MustCompile(`\bcases\[(\d+)\]`)
)

// mapProblem turns a problem in the generated case file into one naming
// the roster's row and column.
func (p *Person) mapProblem(g *gen, cp casefile.Problem) Problem {
	msg := lineRef.ReplaceAllStringFunc(cp.Msg, func(s string) string {
		n, _ := strconv.Atoi(lineRef.FindStringSubmatch(s)[1])
		if w, ok := g.lines[n]; ok {
			return fmt.Sprintf("(row %d)", w.row)
		}
		return s
	})
	msg = caseRef.ReplaceAllStringFunc(msg, func(s string) string {
		n, _ := strconv.Atoi(caseRef.FindStringSubmatch(s)[1])
		if n < len(p.cases) {
			return fmt.Sprintf("case %s", p.cases[n].id)
		}
		return s
	})
	if w, ok := g.lookup(cp.Key); ok {
		return Problem{File: p.file, Row: w.row, Column: w.col, Msg: msg}
	}
	if w, ok := g.lines[cp.Line]; ok {
		if cp.Key != "" {
			msg = cp.Key + ": " + msg
		}
		return Problem{File: p.file, Row: w.row, Column: w.col, Msg: msg}
	}
	if cp.Key != "" {
		msg = cp.Key + ": " + msg
	}
	return Problem{File: p.file, Row: p.Rows[0], RowEnd: p.Rows[len(p.Rows)-1], Msg: "person " + p.ID + ": " + msg}
}
