package law

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Table is the offense table. It is read-only once loaded and safe for
// concurrent use. Offenses it returns by pointer (Match) belong to the table
// and must not be modified.
type Table struct {
	rows      []row // sorted by compareRows
	bySection index // code+" "+section → rows, in order
	byFormer  index // code+" "+former number → rows whose Former it is
}

// index maps keys to row numbers. It is a slice sorted by key rather than
// a map so that the default table, generated as Go, is constant data the
// linker lays out: a map literal would be built at start-up.
type index []posting

// posting is one key of an index and its rows.
type posting struct {
	key  string
	rows []int
}

// get returns the rows under key, or nil.
func (x index) get(key string) []int {
	// A loop, not slices.BinarySearchFunc or strings.Compare: either
	// makes key escape, and Lookup's key would cost an allocation.
	lo, hi := 0, len(x)
	for lo < hi {
		if mid := int(uint(lo+hi) >> 1); x[mid].key < key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(x) && x[lo].key == key {
		return x[lo].rows
	}
	return nil
}

// indexOf turns m into an index.
func indexOf(m map[string][]int) index {
	x := make(index, 0, len(m))
	for k, rows := range m {
		x = append(x, posting{key: k, rows: rows})
	}
	slices.SortFunc(x, func(a, b posting) int { return strings.Compare(a.key, b.key) })
	return x
}

// row is an Offense with its subdivision path parsed.
type row struct {
	off  Offense
	subs []string
}

// Match is the answer to Lookup.
type Match struct {
	// Offense is the most specific entry whose path (section, degree,
	// subdivisions) is a prefix of the ref's; nil when there is none.
	Offense *Offense
	// Exact is true when the entry's subdivision and degree are the ref's.
	Exact bool
	// Narrower lists entries more specific than the ref ("PC 245" →
	// 245(a)(1), 245(a)(4), …; "PC 459" → first and second degree): the
	// subdivision or degree the ref leaves out changes an answer.
	Narrower []*Offense
	// KnownCode is true when the ref's code is one this package knows.
	KnownCode bool
}

// Default returns the built-in offense table: offenses.toml, which `go
// generate` compiles into offenses_gen.go as the table itself, rows and
// indexes, so that it costs no parsing (150 KB of TOML took 25 ms of
// every cold start) and no building at start-up. A test keeps the two
// identical.
func Default() *Table { return &generatedTable }

// Lookup finds the table's answer for r: the most specific entry whose path
// is a prefix of r's ("PC 286(c)(1)" → the PC 286(c) entry), and the
// entries narrower than r. A section renumbered from or to another (Former)
// is found under either number; the section's own entries win ties. Attempt
// and conspiracy are ignored: the target offense is looked up. A Ref built
// by hand is normalised as ParseRef would ("pc", "288A", ["A", "1"]).
func (t *Table) Lookup(r Ref) Match {
	if !isCanonicalCode(r.Code) {
		r.Code, _ = canonicalCode(squeezeCode(r.Code))
	}
	m := Match{KnownCode: r.Code != ""}
	if !m.KnownCode {
		return m
	}
	r.Section = strings.ToLower(r.Section)
	r.Subdivisions = normalizeSubs(r.Subdivisions)
	key := r.Code + " " + r.Section
	best, bestScore := -1, -1
	for pass, idx := range [2][]int{t.bySection.get(key), t.byFormer.get(key)} {
		own := pass == 0 // the section's own entries win ties with former-number ones
		for _, i := range idx {
			rw := &t.rows[i]
			if rw.coversRef(r) {
				if score := 2*rw.depth() + b2i(own); score > bestScore {
					best, bestScore = i, score
				}
			}
			if rw.narrowerThan(r) && !slices.ContainsFunc(m.Narrower, rw.samePath) {
				m.Narrower = append(m.Narrower, &rw.off)
			}
		}
	}
	if best >= 0 {
		rw := &t.rows[best]
		m.Offense = &rw.off
		m.Exact = rw.off.Degree == r.Degree && slices.Equal(rw.subs, r.Subdivisions)
	}
	return m
}

// coversRef reports whether the row's path is a prefix of the ref's.
func (rw *row) coversRef(r Ref) bool {
	if rw.off.Degree != "" && rw.off.Degree != r.Degree {
		return false
	}
	return len(rw.subs) <= len(r.Subdivisions) && slices.Equal(rw.subs, r.Subdivisions[:len(rw.subs)])
}

// samePath reports whether o has the row's degree and subdivision.
func (rw *row) samePath(o *Offense) bool {
	return o.Degree == rw.off.Degree && o.Subdivision == rw.off.Subdivision
}

// under reports whether the ref's path is a prefix of the row's (the row
// is the ref's entry or a narrower one).
func (rw *row) under(r Ref) bool {
	if r.Degree != "" && rw.off.Degree != r.Degree {
		return false
	}
	return len(r.Subdivisions) <= len(rw.subs) && slices.Equal(r.Subdivisions, rw.subs[:len(r.Subdivisions)])
}

// narrowerThan reports whether the ref's path is a strict prefix of the
// row's.
func (rw *row) narrowerThan(r Ref) bool {
	return rw.under(r) && (len(rw.subs) > len(r.Subdivisions) || rw.off.Degree != "" && r.Degree == "")
}

// depth is how specific the row is: one per subdivision level, one for a
// degree.
func (rw *row) depth() int {
	d := len(rw.subs)
	if rw.off.Degree != "" {
		d++
	}
	return d
}

// Search finds entries for a query: a code and section ("PC 245",
// "HS 11350(a)"), a bare section ("245": every code), a code alone ("VC",
// "Vehicle Code"), or words that must all appear in the label, ignoring
// case ("burglary", "grand theft"). A section query returns the entries at
// or under the given subdivision, including those filed under a former
// number; when there are none, the entries that cover it ("PC 288(a)(1)" →
// PC 288, PC 288(a)). Results are in table order (code, section
// numerically, subdivision, degree). An empty query returns All.
func (t *Table) Search(query string) []Offense {
	q := strings.TrimSpace(query)
	if q == "" {
		return t.All()
	}
	var out []Offense
	if r, err := parseRef(q, false); err == nil {
		var covering []Offense
		for i := range t.rows {
			rw := &t.rows[i]
			o := &rw.off
			if r.Code != "" && o.Code != r.Code || o.Section != r.Section && o.Former != r.Section {
				continue
			}
			switch {
			case rw.under(r):
				out = append(out, *o)
			case rw.coversRef(r):
				covering = append(covering, *o)
			}
		}
		if len(out) == 0 {
			return covering
		}
		return out
	}
	if code, ok := codeQuery(q); ok {
		for i := range t.rows {
			if t.rows[i].off.Code == code {
				out = append(out, t.rows[i].off)
			}
		}
		return out
	}
	words := strings.Fields(strings.ToLower(q))
	for i := range t.rows {
		label := strings.ToLower(t.rows[i].off.Label)
		all := true
		for _, w := range words {
			if !strings.Contains(label, w) {
				all = false
				break
			}
		}
		if all {
			out = append(out, t.rows[i].off)
		}
	}
	return out
}

// codeQuery reports whether q names a code and nothing else: a canonical
// abbreviation ("VC", "hs") or a spelled-out name ("Penal Code", "H&S").
// Short words that merely squeeze to a code ("pen", "lab") are left to
// the label search.
func codeQuery(q string) (string, bool) {
	code, ok := canonicalCode(squeezeCode(q))
	if !ok {
		return "", false
	}
	lower := strings.ToLower(q)
	if strings.EqualFold(strings.TrimSpace(q), code) || strings.Contains(lower, "code") || strings.Contains(q, "&") {
		return code, true
	}
	return "", false
}

// All returns every entry, sorted by code, section (numerically: 245 before
// 1203 before 11350), subdivision and degree.
func (t *Table) All() []Offense {
	out := make([]Offense, len(t.rows))
	for i := range t.rows {
		out[i] = t.rows[i].off
	}
	return out
}

// Len returns the number of entries.
func (t *Table) Len() int { return len(t.rows) }

// String returns the entry's path in ParseRef's canonical form:
// "PC 245(a)(1)", "PC 459 (first degree)".
func (o Offense) String() string {
	subs, _ := parseSubdivision(o.Subdivision)
	return Ref{Code: o.Code, Section: o.Section, Subdivisions: subs, Degree: o.Degree}.String()
}

// Cite returns the entry's citation, e.g. "Pen. Code, § 245, subd. (a)(1)".
func (o Offense) Cite() string {
	return Cite(o.Code, o.Section, o.Subdivision)
}

// Load reads an offense table in the offenses.toml format: one [[offense]]
// table per entry, keys as in offenses.toml's header. Decoding is strict:
// an unknown key, a value of the wrong type or an inconsistent entry is an
// error naming the record (its number, line and offense). All problems are
// reported together.
func Load(data []byte) (*Table, error) {
	var doc struct {
		Offense []map[string]any `toml:"offense"`
	}
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("offense table: line %d: %s", pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("offense table: %w", err)
	}
	var errs []error
	for _, k := range md.Undecoded() {
		errs = append(errs, fmt.Errorf("offense table: unknown key %q (expected [[offense]] tables)", k.String()))
	}
	if len(doc.Offense) == 0 && len(errs) == 0 {
		return nil, errors.New("offense table: no [[offense]] records")
	}

	lines := recordLines(data)
	offs := make([]Offense, 0, len(doc.Offense))
	firstAt := make(map[string]string) // path → record name, for duplicates
	for i, rec := range doc.Offense {
		name := fmt.Sprintf("record %d", i+1)
		if i < len(lines) {
			name = fmt.Sprintf("record %d (line %d)", i+1, lines[i])
		}
		o, problems := decodeOffense(rec)
		if o.Code != "" && o.Section != "" {
			name += " " + o.String()
		}
		for _, p := range problems {
			errs = append(errs, fmt.Errorf("offense table: %s: %s", name, p))
		}
		if len(problems) > 0 {
			continue
		}
		path := o.Code + " " + o.Section + " " + o.Subdivision + " " + o.Degree
		if prev, dup := firstAt[path]; dup {
			errs = append(errs, fmt.Errorf("offense table: %s: duplicates %s", name, prev))
			continue
		}
		firstAt[path] = name
		offs = append(offs, o)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return newTable(offs), nil
}

// newTable sorts checked entries and indexes them.
func newTable(offs []Offense) *Table {
	t := &Table{rows: make([]row, 0, len(offs))}
	for _, o := range offs {
		subs, _ := parseSubdivision(o.Subdivision)
		t.rows = append(t.rows, row{off: o, subs: subs})
	}
	sort.SliceStable(t.rows, func(i, j int) bool { return compareRows(&t.rows[i], &t.rows[j]) < 0 })
	bySection, byFormer := map[string][]int{}, map[string][]int{}
	for i := range t.rows {
		o := &t.rows[i].off
		bySection[o.Code+" "+o.Section] = append(bySection[o.Code+" "+o.Section], i)
		if o.Former != "" {
			byFormer[o.Code+" "+o.Former] = append(byFormer[o.Code+" "+o.Former], i)
		}
	}
	t.bySection, t.byFormer = indexOf(bySection), indexOf(byFormer)
	return t
}

// recordLines returns the line number of each "[[offense]]" header.
func recordLines(data []byte) []int {
	var lines []int
	for n, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "[[offense]]") {
			lines = append(lines, n+1)
		}
	}
	return lines
}

// decodeOffense converts one [[offense]] table, strictly, and checks it.
func decodeOffense(rec map[string]any) (Offense, []string) {
	var o Offense
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	keys := make([]string, 0, len(rec))
	for k := range rec {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := rec[k]
		str := func(dst *string) {
			if s, ok := v.(string); ok {
				*dst = s
			} else {
				bad("%s: want a string, got %s", k, describe(v))
			}
		}
		boolean := func(dst *bool) {
			if b, ok := v.(bool); ok {
				*dst = b
			} else {
				bad("%s: want true or false, got %s", k, describe(v))
			}
		}
		tri := func(dst *Tri) {
			switch v {
			case true:
				*dst = Yes
			case false:
				*dst = No
			case "facts":
				*dst = Facts
			default:
				bad(`%s: want true, false or "facts", got %s`, k, describe(v))
			}
		}
		switch k {
		case "code":
			str(&o.Code)
		case "section":
			str(&o.Section)
		case "subdivision":
			str(&o.Subdivision)
		case "degree":
			str(&o.Degree)
		case "label":
			str(&o.Label)
		case "level":
			var s string
			str(&s)
			o.Level = Level(s)
		case "serious":
			tri(&o.Serious)
		case "violent":
			tri(&o.Violent)
		case "registrable_290":
			tri(&o.Registrable290)
		case "realigned_1170h":
			tri(&o.Realigned1170h)
		case "vc12810":
			boolean(&o.VC12810)
		case "life_term":
			boolean(&o.LifeTerm)
		case "cor_plus4":
			boolean(&o.CORPlus4)
		case "excl_1203_4b":
			str(&o.Excl1203_4b)
		case "excl_4852_01c":
			boolean(&o.Excl4852_01c)
		case "reducible_to_infraction":
			boolean(&o.ReducibleToInfraction)
		case "no_sol":
			tri(&o.NoSOL)
		case "sol_years":
			if n, ok := v.(int64); ok && n >= 0 && n <= 100 {
				o.SOLYears = int(n)
			} else {
				bad("%s: want a whole number of years, got %s", k, describe(v))
			}
		case "sol_cite":
			str(&o.SOLCite)
		case "sol_discovery":
			boolean(&o.SOLDiscovery)
		case "prop47":
			tri(&o.Prop47)
		case "prop47_value":
			boolean(&o.Prop47Value)
		case "prop64":
			boolean(&o.Prop64)
		case "abuse_category":
			str(&o.AbuseCategory)
		case "prior_dependent":
			str(&o.PriorDependent)
		case "former":
			str(&o.Former)
		case "subdivisions":
			str(&o.Subdivisions)
		case "unconfirmed":
			boolean(&o.Unconfirmed)
		case "source":
			str(&o.Source)
		case "notes":
			str(&o.Notes)
		default:
			bad("unknown key %q", k)
		}
	}
	return o, append(problems, checkOffense(&o)...)
}

// checkOffense reports what is missing or inconsistent in a decoded entry.
func checkOffense(o *Offense) []string {
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }

	switch {
	case o.Code == "":
		add("code is missing")
	case !isCanonicalCode(o.Code):
		add("code %q is not a canonical abbreviation (%s)", o.Code, KnownCodes)
	}
	switch {
	case o.Section == "":
		add("section is missing")
	case !validSection(o.Section):
		add("section %q is not a section number such as \"459\", \"1203.4\" or \"288a\"", o.Section)
	}
	if _, ok := parseSubdivision(o.Subdivision); !ok {
		add("subdivision %q is not a normalised path such as \"(a)(1)\"", o.Subdivision)
	}
	switch o.Degree {
	case "", "first", "second":
	default:
		add(`degree %q: want "first", "second" or nothing`, o.Degree)
	}
	if strings.TrimSpace(o.Label) == "" {
		add("label is missing")
	}
	switch o.Level {
	case LevelFelony, LevelMisdemeanor, LevelInfraction, LevelWobbler, LevelWobblette:
	case "":
		add("level is missing")
	default:
		add("level %q: want felony, misdemeanor, infraction, wobbler or wobblette", o.Level)
	}
	switch o.Excl1203_4b {
	case ExclNone, ExclAlways:
	case ExclFelony:
		if o.Level != LevelFelony && o.Level != LevelWobbler {
			add("excl_1203_4b %q needs level felony or wobbler, not %s", o.Excl1203_4b, o.Level)
		}
	case ExclMisdemeanor:
		if o.Level != LevelMisdemeanor && o.Level != LevelWobbler && o.Level != LevelWobblette {
			add("excl_1203_4b %q needs a level with a misdemeanor branch, not %s", o.Excl1203_4b, o.Level)
		}
	default:
		add(`excl_1203_4b %q: want "always", "felony", "misdemeanor" or nothing`, o.Excl1203_4b)
	}
	switch o.AbuseCategory {
	case "", "dv", "child", "elder":
	default:
		add(`abuse_category %q: want "dv", "child", "elder" or nothing`, o.AbuseCategory)
	}
	if o.Prop47Value && o.Prop47 == No {
		add("prop47_value needs prop47 = true or \"facts\"")
	}
	if o.ReducibleToInfraction && o.Level != LevelWobblette {
		add("reducible_to_infraction (PC 19.8) needs level wobblette, not %s", o.Level)
	}
	switch o.NoSOL {
	case Yes:
		if o.SOLYears != 0 {
			add("no_sol = true but sol_years = %d (want 0)", o.SOLYears)
		}
	default:
		if o.SOLYears < 1 {
			add("sol_years is missing (years to file charges; or no_sol = true)")
		}
	}
	if o.LifeTerm && o.NoSOL != Yes {
		add("life_term = true needs no_sol = true (PC 799(a))")
	}
	if strings.TrimSpace(o.SOLCite) == "" {
		add("sol_cite is missing")
	}
	if strings.TrimSpace(o.Source) == "" {
		add("source is missing")
	}
	if o.Subdivisions != "" {
		if o.Subdivision != "" || o.Degree != "" {
			add("subdivisions belongs on the section-level entry, not on a subdivision or degree")
		}
		if _, ok := topSubdivisions(o.Subdivisions); !ok {
			add(`subdivisions %q: want "none" or top-level labels such as "(a)(b)(c)"`, o.Subdivisions)
		}
	}
	if o.Former != "" && (!validSection(o.Former) || o.Former == o.Section) {
		add("former %q is not another section number", o.Former)
	}
	return p
}

// describe shows a TOML value in an error message.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case bool, int64, float64:
		return fmt.Sprintf("%v", v)
	}
	return fmt.Sprintf("a %T", v)
}

func isCanonicalCode(code string) bool {
	c, ok := canonicalCode(code)
	return ok && c == code
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compareRows orders entries by code, section (numerically), subdivision
// path and degree ("" < first < second).
func compareRows(a, b *row) int {
	if c := strings.Compare(a.off.Code, b.off.Code); c != 0 {
		return c
	}
	if c := compareNatural(a.off.Section, b.off.Section); c != 0 {
		return c
	}
	for i := 0; i < len(a.subs) && i < len(b.subs); i++ {
		if c := compareNatural(strings.ToLower(a.subs[i]), strings.ToLower(b.subs[i])); c != 0 {
			return c
		}
		if c := strings.Compare(a.subs[i], b.subs[i]); c != 0 {
			return c
		}
	}
	if c := len(a.subs) - len(b.subs); c != 0 {
		return c
	}
	return degreeRank(a.off.Degree) - degreeRank(b.off.Degree)
}

func degreeRank(d string) int {
	switch d {
	case "":
		return 0
	case "first":
		return 1
	}
	return 2
}

// compareNatural compares strings with runs of digits compared as numbers:
// "245" < "245.2" < "246" < "1203" < "11350"; "288.7" < "288a".
func compareNatural(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			na, ra := digitRun(a)
			nb, rb := digitRun(b)
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if c := len(ta) - len(tb); c != 0 {
				return c
			}
			if c := strings.Compare(ta, tb); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitRun(s string) (run, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}
