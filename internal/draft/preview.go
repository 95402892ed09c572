package draft

import (
	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/eligibility"
)

// Find returns the first document, in packet order, that the template at
// path words, with the packet it belongs to; ok is false when none of the
// packets the file supports uses that template.
func Find(packets []assemble.Packet, path string) (p assemble.Packet, d assemble.Doc, ok bool) {
	for _, p := range packets {
		for _, d := range p.Docs {
			if d.Template == path {
				return p, d, true
			}
		}
	}
	return assemble.Packet{}, assemble.Doc{}, false
}

// Document renders one document of packet p on its own, as draft would
// render it inside the packet: the PDF of `relief templates preview`.
func Document(f *casefile.File, rep *eligibility.Report, p assemble.Packet, d assemble.Doc, opt Options) (Output, error) {
	set := opt.Templates
	if set == nil {
		set = Builtin()
	}
	frames, err := BuiltinFrames()
	if err != nil {
		return Output{}, err
	}
	p.Docs = []assemble.Doc{d}
	return render(p, set, frames, filerName(f), rep, opt)
}
