package draft

import (
	"errors"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/config"
	"github.com/reliefkit/relief/internal/courts"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/tmpl"
)

// Flags are the choices `relief draft` and `relief batch` share, set by
// the same command-line flags, so that a person's files are the same
// whichever command wrote them.
type Flags struct {
	AsOf      string // --as-of: YYYY-MM-DD; "" for each file's as_of, else today
	Templates string // --templates: a folder layered over the config file's and the built-ins
	Sign      string // --sign: "typed" or "wet"
	Layout    string // --layout: "form" or "pleading"
	Force     bool   // --force: replace files that already exist
	Final     bool   // --final: leave the DRAFT mark off
	Split     bool   // --split: one PDF per filed document
	Config    string // --config, else the default file; "" for none
	ConfigSet bool   // --config was given, so the file must exist
}

// Options is how the flags, the config file and the templates call the
// pipeline (Run).
func (fl Flags) Options(cfg config.Config, set *tmpl.Set, creator string) Options {
	o := NewOptions(fl.Sign, fl.Final, cfg, set, creator)
	o.Layout, o.Split = fl.Layout, fl.Split
	return o
}

// NewOptions is how every command calls the pipeline: the signature
// style, the DRAFT mark, the config file's letterhead and counties, the
// templates, and the PDFs' creator ("relief VERSION").
func NewOptions(sign string, final bool, cfg config.Config, set *tmpl.Set, creator string) Options {
	return Options{
		Assemble:  assemble.Options{Sign: sign, Final: final, Letterhead: cfg.Letterhead.Lines, Courts: courts.Default().With(cfg.Counties)},
		Templates: set,
		Creator:   creator,
	}
}

// IsInputError reports whether a drafting error comes from the input (a
// template, the Markdown it produced, an exhibit file, or facts a packet
// asked for with --packet needs) rather than from relief: exit 3, not 1.
func IsInputError(err error) bool {
	var te *tmpl.Error
	var le *layout.Error
	var me *assemble.MissingError
	var ce *casefile.Errors // an exhibit file the case file names (exhibit.Load)
	return errors.As(err, &te) || errors.As(err, &le) || errors.As(err, &me) || errors.As(err, &ce)
}

// LetterLang is a client letter's language: flag (--lang) when given,
// else the case file's petitioner.language, else English.
func LetterLang(flag string, f *casefile.File) string {
	switch {
	case flag != "":
		return flag
	case f.Petitioner.Language != "":
		return f.Petitioner.Language
	}
	return "en"
}
