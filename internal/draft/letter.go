package draft

import (
	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/layout"
)

// Draft marks of the client letter: the attorney reviews it before it is
// sent, and the client may read the mark too, so the Spanish letter says
// it in both languages.
const (
	LetterMarkEN = "DRAFT — for attorney review before sending"
	LetterMarkES = "BORRADOR para revisión del abogado — DRAFT for attorney review before sending"
)

// letterOptions are the page decorations of a client letter in lang.
func letterOptions(lang string) layout.Options {
	if lang == assemble.Spanish {
		return layout.Options{Draft: LetterMarkES, PageOf: "Página %d de %d"}
	}
	return layout.Options{Draft: LetterMarkEN}
}

// Letter drafts the client letter in lang ("en" or "es") from the
// findings: one PDF, with the same bytes for the same input and as-of
// date. It writes nothing.
func Letter(f *casefile.File, rep *eligibility.Report, lang string, opt Options) (Output, error) {
	p, err := assemble.Letter(f, rep, lang, opt.Assemble)
	if err != nil {
		return Output{}, err
	}
	set := opt.Templates
	if set == nil {
		set = Builtin()
	}
	frames, err := BuiltinFrames()
	if err != nil {
		return Output{}, err
	}
	return render(p, set, frames, filerName(f), rep, opt)
}
