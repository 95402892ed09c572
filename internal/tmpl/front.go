package tmpl

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Front is a document's front matter: the TOML between a first line "+++"
// and the next line "+++".
type Front struct {
	Frame    string `toml:"frame"`    // required: "pleading", "jcform", "letter" or "cover"
	Title    string `toml:"title"`    // document title, e.g. "PETITION FOR DISMISSAL"
	Short    string `toml:"short"`    // short title for footers (defaults to Title)
	Form     string `toml:"form"`     // form id, e.g. "CR-180" (jcform)
	Revision string `toml:"revision"` // e.g. "January 1, 2019"
	Cites    string `toml:"cites"`    // e.g. "Pen. Code, §§ 17(b), 1203.4"
	Bookmark string `toml:"bookmark"` // outline title (defaults to Title)
	// Attachment ("1") makes the document that attachment to the one
	// before it: a short caption and continued page numbers (MC-025).
	Attachment string `toml:"attachment"`
}

// frames lists the page frames a document may ask for.
var frames = []string{"pleading", "jcform", "letter", "cover"}

// frontKeys are the front-matter keys, in the order messages list them.
var frontKeys = []string{"frame", "title", "short", "form", "revision", "cites", "bookmark", "attachment"}

// field returns the Front field a key sets, or nil for an unknown key.
func (f *Front) field(key string) *string {
	switch key {
	case "frame":
		return &f.Frame
	case "title":
		return &f.Title
	case "short":
		return &f.Short
	case "form":
		return &f.Form
	case "revision":
		return &f.Revision
	case "cites":
		return &f.Cites
	case "bookmark":
		return &f.Bookmark
	case "attachment":
		return &f.Attachment
	}
	return nil
}

const frameHint = `frame = "pleading" (or "jcform", "letter", "cover")`

// splitDocument separates a document's front matter from its body. offset
// is the number of lines before the body, so that body line n is line
// n+offset of src.
func splitDocument(path, src string) (front Front, body string, offset int, err error) {
	src = strings.TrimPrefix(src, "\ufeff")
	first, rest, _ := strings.Cut(src, "\n")
	switch strings.TrimRight(first, " \t\r") {
	case "+++":
	case "---":
		return Front{}, "", 0, &Error{Path: path, Line: 1, Msg: "front matter is TOML between two lines of +++, not YAML between ---"}
	default:
		return Front{}, "", 0, &Error{Path: path, Line: 1, Msg: "a document must start with front matter: a line +++, then " + frameHint + " and the other settings, then a line +++"}
	}
	start, line := rest, 1
	for rest != "" {
		l, r, more := strings.Cut(rest, "\n")
		line++
		if strings.TrimRight(l, " \t\r") == "+++" {
			front, err := decodeFront(path, start[:len(start)-len(rest)])
			return front, r, line, err
		}
		if !more {
			break
		}
		rest = r
	}
	return Front{}, "", 0, &Error{Path: path, Line: 1, Msg: "the front matter that starts here never ends; add a line +++ after it"}
}

// decodeFront decodes front-matter text strictly. The text starts on line
// 2 of the file.
func decodeFront(path, text string) (Front, error) {
	var raw map[string]any
	md, err := toml.Decode(text, &raw)
	if err != nil {
		e := &Error{Path: path, Line: 1, Msg: "front matter: " + err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) && pe.Position.Line > 0 {
			e.Line, e.Msg = pe.Position.Line+1, "front matter: "+tomlMessage(pe.Message)
		}
		return Front{}, e
	}
	// The keys in the order the text sets them, so that the first
	// problem in the file is the one reported.
	var f Front
	for _, key := range md.Keys() {
		k := key.String()
		if len(key) > 1 {
			continue // inside a table, which the first part already refused
		}
		dst := f.field(k)
		if dst == nil {
			return Front{}, &Error{Path: path, Line: keyLine(text, k) + 1, Msg: fmt.Sprintf("unknown front-matter key %q; the keys are %s", k, strings.Join(frontKeys, ", "))}
		}
		s, ok := raw[k].(string)
		if !ok {
			return Front{}, &Error{Path: path, Line: keyLine(text, k) + 1, Msg: fmt.Sprintf("%s must be text in quotes, like %s = \"...\"", k, k)}
		}
		*dst = s
	}
	switch {
	case f.Frame == "":
		return Front{}, &Error{Path: path, Line: 1, Msg: "the front matter has no frame; add " + frameHint}
	case !slices.Contains(frames, f.Frame):
		return Front{}, &Error{Path: path, Line: keyLine(text, "frame") + 1, Msg: fmt.Sprintf("unknown frame %q; use one of %q", f.Frame, frames)}
	}
	if f.Short == "" {
		f.Short = f.Title
	}
	if f.Bookmark == "" {
		f.Bookmark = f.Title
	}
	return f, nil
}

// keyLine returns the 1-based line of text on which key is set, or 0 (so
// that an unfound key is reported on the opening +++).
func keyLine(text, key string) int {
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimLeft(l, " \t[")
		for _, k := range []string{key, `"` + key + `"`, "'" + key + "'"} {
			if r, ok := strings.CutPrefix(l, k); ok {
				if r = strings.TrimLeft(r, " \t"); r != "" && strings.ContainsRune("=.]", rune(r[0])) {
					return i + 1
				}
			}
		}
	}
	return 0
}

// tomlMessage makes the TOML parser's message read like the others.
func tomlMessage(msg string) string {
	msg = strings.TrimSuffix(msg, ".")
	if r, n := utf8.DecodeRuneInString(msg); unicode.IsUpper(r) && !strings.HasPrefix(msg, "TOML") {
		msg = string(unicode.ToLower(r)) + msg[n:]
	}
	return msg
}
