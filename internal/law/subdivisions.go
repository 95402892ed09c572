package law

import (
	"fmt"
	"slices"
	"strings"
)

// topSubdivisions reads an entry's Subdivisions: "none" is an empty list,
// "(a)(b)" is ["a", "b"]. It reports false for anything else.
func topSubdivisions(s string) ([]string, bool) {
	if s == "none" {
		return []string{}, true
	}
	sc := scanner{s: s}
	subs, ok := sc.subdivisions()
	if !ok || sc.i != len(s) || len(subs) == 0 {
		return nil, false
	}
	for i, sub := range subs {
		if sub != strings.ToLower(sub) || isDigits(sub) || slices.Contains(subs[:i], sub) {
			return nil, false
		}
	}
	return subs, true
}

// SubdivisionProblem says what is wrong when r names a top-level
// subdivision its section does not have ("PC 459(c)": § 459 has only (a)
// and (b); "PC 211(a)": § 211 has none). It answers only for sections
// whose subdivisions the table records, and returns "" otherwise or when
// the subdivision exists. Deeper levels ("(a)(9)") are not checked.
func (t *Table) SubdivisionProblem(r Ref) string {
	if !isCanonicalCode(r.Code) {
		r.Code, _ = canonicalCode(squeezeCode(r.Code))
	}
	if r.Code == "" || len(r.Subdivisions) == 0 {
		return ""
	}
	section := strings.ToLower(r.Section)
	first := normalizeSubs(r.Subdivisions)[0]
	for _, i := range t.bySection.get(r.Code + " " + section) {
		o := &t.rows[i].off
		if o.Subdivision != "" || o.Degree != "" || o.Subdivisions == "" {
			continue
		}
		known, ok := topSubdivisions(o.Subdivisions)
		if !ok || slices.Contains(known, first) {
			return ""
		}
		name := r.Code + " " + section
		if len(known) == 0 {
			return fmt.Sprintf("%s has no subdivisions, so (%s) names nothing in it; check the record and write the section alone", name, first)
		}
		return fmt.Sprintf("%s has no subdivision (%s); its subdivisions are %s: check the record", name, first, listSubs(known))
	}
	return ""
}

// listSubs writes ["a", "b", "c"] as "(a), (b) and (c)".
func listSubs(subs []string) string {
	out := make([]string, len(subs))
	for i, s := range subs {
		out[i] = "(" + s + ")"
	}
	if len(out) == 1 {
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

// SubdivisionsText says which top-level subdivisions an entry records for
// its section, for display: "(a) and (b)", "none"; "" when it records none.
func (o Offense) SubdivisionsText() string {
	subs, ok := topSubdivisions(o.Subdivisions)
	switch {
	case !ok:
		return ""
	case len(subs) == 0:
		return "none"
	}
	return listSubs(subs)
}
