package lint

import (
	"cmp"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// Field is one value a document template can print or test.
type Field struct {
	Path        string `json:"path"`        // ".Petitioner.Name"; "[]" stands for each item of a list
	Type        string `json:"type"`        // "string", "bool", "number", "date", "list of CountRow", "Person"
	Description string `json:"description"` // from the Go doc comment
}

// Model is the data model of one kind of document.
type Model struct {
	Name        string  `json:"name"`        // the Go type, e.g. "DismissalData"
	Description string  `json:"description"` // its doc comment
	Templates   string  `json:"templates"`   // which templates see it, e.g. "dismissal/*.md.tmpl"
	Fields      []Field `json:"fields"`

	typ reflect.Type
}

// Models returns the data models document templates see, one per folder
// of documents, with every field in declaration order (a struct's fields
// right after it). Which type a folder's documents see is found by
// assembling the built-in lint cases, so a packet kind none of them drafts
// is left out.
func Models() ([]Model, error) {
	cases, err := Fixtures()
	if err != nil {
		return nil, err
	}
	types := map[string]reflect.Type{}
	for _, k := range cases {
		rep := eligibility.Check(k.File, eligibility.Options{AsOf: k.AsOf})
		for _, kind := range assemble.Kinds {
			packets, _, err := assemble.Build(k.File, &rep, assemble.Options{Packets: []string{kind}})
			if err != nil {
				continue // this case cannot draft that kind
			}
			for _, p := range packets {
				for _, d := range p.Docs {
					t := reflect.TypeOf(d.Data)
					for t != nil && t.Kind() == reflect.Pointer {
						t = t.Elem()
					}
					if t != nil && t.Kind() == reflect.Struct {
						types[path.Dir(d.Template)] = t
					}
				}
			}
		}
		// The client letter: one model for every language's folder.
		if p, err := assemble.Letter(k.File, &rep, assemble.English, assemble.Options{}); err == nil {
			types["letter/*"] = reflect.TypeOf(p.Docs[0].Data).Elem()
		}
	}
	folders := make([]string, 0, len(types))
	for f := range types {
		folders = append(folders, f)
	}
	rank := func(f string) int {
		if i := slices.Index(assemble.Kinds, f); i >= 0 {
			return i
		}
		return len(assemble.Kinds)
	}
	slices.SortFunc(folders, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
	var out []Model
	for _, f := range folders {
		t := types[f]
		out = append(out, Model{Name: t.Name(), Description: describeType(t), Templates: f + "/*.md.tmpl", Fields: fields(t, ""), typ: t})
	}
	return out, nil
}

var dateType = reflect.TypeFor[date.Date]()

func fields(t reflect.Type, prefix string) []Field {
	var out []Field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		p := prefix + "." + f.Name
		out = append(out, Field{Path: p, Type: typeName(f.Type), Description: describeField(t, f)})
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft == dateType:
		case ft.Kind() == reflect.Struct:
			out = append(out, fields(ft, p)...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem() != dateType:
			out = append(out, fields(ft.Elem(), p+"[]")...)
		}
	}
	return out
}

// typeName renders a Go type the way a person who does not program reads it.
func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == dateType:
		return "date"
	case t.Kind() == reflect.String:
		return "string"
	case t.Kind() == reflect.Bool:
		return "bool"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64:
		return "number"
	case t.Kind() == reflect.Slice:
		return "list of " + typeName(t.Elem())
	case t.Kind() == reflect.Map:
		return "map of " + typeName(t.Key()) + " to " + typeName(t.Elem())
	}
	return t.Name()
}

func describeType(t reflect.Type) string { return fieldDocs[t.Name()] }

// describeField returns the field's doc comment from assemble, else the
// description written here for fields data.go leaves uncommented. A
// comment that is only an example ("PC 459") reads "e.g. "PC 459"".
func describeField(owner reflect.Type, f reflect.StructField) string {
	key := owner.Name() + "." + f.Name
	s, ok := fieldDocs[key]
	if !ok {
		s = extraDocs[key]
	}
	if strings.HasPrefix(s, `"`) {
		s = "e.g. " + s
	}
	return s
}

// extraDocs describe fields internal/assemble leaves uncommented. A test
// fails when assemble gains a comment for one of them (delete it here) or
// one names a field that does not exist.
var extraDocs = map[string]string{
	"DismissalData.AsOf":          "the as-of date the eligibility was judged on; print it with longDate or isoDate",
	"DismissalData.Final":         "true with --final (no DRAFT mark)",
	"DismissalData.Petitioner":    "the petitioner",
	"DismissalData.Filer":         "who signs and files: the attorney, or the petitioner in pro per",
	"DismissalData.Court":         "the court the petition is filed in",
	"DismissalData.Case":          "the case the packet is for",
	"DismissalData.Items":         "the CR-180 checkbox states",
	"DismissalData.Reduce17b":     "reduction of some count to a misdemeanor (Pen. Code, § 17(b)) is requested",
	"DismissalData.Reduce17d2":    "reduction of some count to an infraction (Pen. Code, § 17(d)(2)) is requested",
	"DismissalData.Discretionary": "relief for at least one count is in the court's discretion (the declaration is included)",
	"DismissalData.Statement":     "the petitioner's own words from the case file's [statement]",
	"DismissalData.Basis":         "why relief is available, one entry per count and remedy",
	"DismissalData.Disclaimer":    "the draft-for-attorney-review disclaimer",
	"Person.Address":              "street address",
	"Person.City":                 "city",
	"Person.State":                "state; CA when the case file leaves it out",
	"Person.Zip":                  "ZIP code",
	"Person.Phone":                "telephone number",
	"Person.Email":                "email address",
	"Person.County":               "county of residence",
	"Filer.Name":                  "the attorney's name, or the petitioner's in pro per",
	"Filer.IsAttorney":            "true when an attorney files",
	"Filer.BarNumber":             "the attorney's State Bar number",
	"Filer.Firm":                  "the attorney's firm",
	"CaseInfo.ID":                 "the case's id in the case file, e.g. \"oak-2015\"",
	"CaseInfo.Number":             "the court's case number",
	"CaseInfo.JudgmentDate":       "the sentence date (else the conviction date), long form",
	"CaseInfo.DEJGranted":         "when deferred entry of judgment was granted, long form; may be empty",
	"CaseInfo.DEJDismissed":       "when the charges were dismissed after DEJ, long form; may be empty",
	"CountRow.Index":              "the count's number in the case, from 1",
	"CountRow.Description":        "the offense in words, when the case file gives one",
	"Basis.Reasons":               "the reasons, each with its citation",
	"Basis.Next":                  "what to do next, if anything",
	"Reason.Text":                 "the reason in words",
	"Reason.Cite":                 "the statute or case it rests on",
	"Statement.Employment":        "work",
	"Statement.Education":         "education",
	"Statement.Family":            "family",
	"Statement.Community":         "community service",
	"Statement.Treatment":         "treatment and recovery",
	"Statement.Reasons":           "why the petitioner asks for relief",
	"Statement.Empty":             "true when the case file has no [statement]",
}
