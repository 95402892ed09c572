package lint

import (
	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/eligibility"
)

// letterLangs are the languages of the client letter lint renders.
var letterLangs = []string{assemble.English, assemble.Spanish}

// checkLetters renders the client letter of case k in each language, as
// relief letter drafts it, marking its templates used and rendered.
func (c *checker) checkLetters(k Case, rep *eligibility.Report) {
	for _, lang := range letterLangs {
		p, err := assemble.Letter(k.File, rep, lang, assemble.Options{})
		if err != nil {
			c.add(Problem{File: k.Name, Msg: err.Error()})
			continue
		}
		doc := p.Docs[0].Template
		c.used[doc] = true
		if c.failed[doc] || c.partialFailed() {
			continue
		}
		if _, ok := c.layerOf[doc]; !ok {
			c.add(Problem{File: doc, Msg: "the client letter's template is missing from every layer"})
			continue
		}
		c.rendered[doc] = true
		c.renderDoc(doc, p, k.Name)
	}
}
