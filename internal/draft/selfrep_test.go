package draft

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/layout"
)

// A cover sheet says it is a draft for review in every example. It says
// "for attorney review" only when an attorney is of record: a
// self-represented filer's papers are checked by the filer, so the cover
// asks for review before filing and lists what to check under that name.
func TestCoverReviewWording(t *testing.T) {
	seen := map[bool]int{}
	for _, path := range examples(t) {
		f, outs, _ := runExample(t, path, Options{Creator: "relief test"})
		attorney := f.Attorney != nil && f.Attorney.Name != ""
		for _, o := range outs {
			txt := layout.PlainText(o.PagesData)
			if !strings.Contains(txt, "Prepared:") {
				continue // a letter, not a packet with a cover sheet
			}
			seen[attorney]++
			name := filepath.Base(filepath.Dir(path)) + "/" + o.Packet.FileName
			switch {
			case attorney && !strings.Contains(txt, "as a draft for attorney review"):
				t.Errorf("%s: an attorney's cover does not say it is a draft for attorney review", name)
			case !attorney && strings.Contains(txt, "as a draft for attorney review"):
				t.Errorf("%s: a self-represented filer's cover asks for attorney review", name)
			case !attorney && !strings.Contains(txt, "as a draft to review before filing"):
				t.Errorf("%s: a self-represented filer's cover does not say it is a draft", name)
			}
			if !attorney && strings.Contains(txt, "\nFor attorney review\n") {
				t.Errorf("%s: a self-represented filer's cover heads its checks 'For attorney review'", name)
			}
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Errorf("covers by attorneys %d, by self-represented filers %d: the examples no longer test both", seen[true], seen[false])
	}
}
