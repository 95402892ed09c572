package draft

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/layout"
)

// TestRouteItems pins, for every example's dismissal petition, which
// items and sub-items are checked: each dismissal route checks its own
// item of the petition (docs/forms.md), never another route's, and never
// two items for one sentence.
func TestRouteItems(t *testing.T) {
	want := map[string]string{
		"dismissal-oak-2015":  "2 2a",    // § 1203.4, probation completed
		"dismissal-sac-2020":  "2 2a 2c", // § 1203.4 discretionary (VC 12810) after a completed probation
		"dismissal-la-2019":   "2 2c",    // § 1203.4 after a violation
		"dismissal-sj-2019":   "2 2c",
		"dismissal-sj-2021":   "2 2a",
		"dismissal-sf-2019":   "2 2a",
		"dismissal-fre-2021":  "3 3b", // § 1203.4a in the interests of justice
		"dismissal-oc-2024":   "3 3a", // § 1203.4a, honest and upright life
		"dismissal-riv-2016":  "5 5a", // § 1203.41, county jail with mandatory supervision
		"dismissal-scz-2013":  "5 5b", // § 1203.41, county jail without
		"dismissal-lb-2012":   "5 5c", // § 1203.41, state prison (SB 731)
		"dismissal-la-2001":   "5 5c",
		"dismissal-kern-2008": "6", // § 1203.42 only, though § 1203.41 is open too
		"dismissal-mon-2010":  "6",
		"dismissal-scl-2005":  "7 7a",   // § 1203.43, court records
		"dismissal-sd-2017":   "2 2a 4", // § 1203.4 and § 1203.49
	}
	item := regexp.MustCompile(`^([0-9]+)\. (☒|☐)`)
	sub := regexp.MustCompile(`^([a-c])\. (☒|☐)`)
	seen := map[string]bool{}
	for _, path := range examples(t) {
		_, outs, _ := runExample(t, path, Options{})
		for _, o := range outs {
			name := strings.TrimSuffix(o.Packet.FileName, ".pdf")
			w, ok := want[name]
			if !ok {
				continue
			}
			seen[name] = true
			var got []string
			parent := ""
			for _, pg := range o.PagesData[1:] {
				text := layout.PlainText([]drawlist.Page{pg})
				if !strings.Contains(text, "Petition for Dismissal (format of CR-180)") {
					continue
				}
				for _, l := range strings.Split(text, "\n") {
					if m := item.FindStringSubmatch(l); m != nil {
						parent = m[1]
						if m[2] == drawlist.CheckedBox {
							got = append(got, m[1])
						}
					} else if m := sub.FindStringSubmatch(l); m != nil && m[2] == drawlist.CheckedBox {
						got = append(got, parent+m[1])
					}
				}
			}
			if g := strings.Join(got, " "); g != w {
				t.Errorf("%s (%s): petition items checked %q, want %q", name, filepath.Base(filepath.Dir(path)), g, w)
			}
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("no packet %s among the examples", name)
		}
	}
}
