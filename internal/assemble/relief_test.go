package assemble

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
)

// TestReliefPackets: each issue-17 example drafts its pleading-paper packet
// for the counts whose finding is open, names the file after the case, and
// carries the facts the petition turns on.
func TestReliefPackets(t *testing.T) {
	tests := []struct {
		example, kind string
		files         []string
		counts        int
		running, late bool
		skip          string // a skip reason that must appear, "" for none
	}{
		{"prop47-redesignation", Prop47, []string{"prop47-ala-2011.pdf"}, 2, false, true, "not available: The value ($2400) is over $950"},
		{"prop64-cannabis", Prop64, []string{"prop64-fre-2011.pdf"}, 1, false, false, "prop64 packet for fre-2012: the findings need attorney review first: Under Proposition 64 a felony under § 11359"},
		{"fire-camp", FireCamp, []string{"firecamp-sha-2019.pdf"}, 1, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			f, rep := load(t, tt.example)
			packets, skips, err := Build(f, rep, Options{Packets: []string{tt.kind}})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range packets {
				names = append(names, p.FileName)
			}
			if strings.Join(names, " ") != strings.Join(tt.files, " ") {
				t.Fatalf("packets %v, want %v", names, tt.files)
			}
			d := packets[0].Docs[0].Data.(*ReliefData)
			if len(d.Counts) != tt.counts || d.Running != tt.running || d.Late != tt.late || d.Kind != tt.kind {
				t.Errorf("counts %d running %v late %v kind %s", len(d.Counts), d.Running, d.Late, d.Kind)
			}
			if len(packets[0].Docs) != 4 || packets[0].Docs[1].Template != tt.kind+"/petition.md.tmpl" {
				t.Errorf("docs %+v", packets[0].Docs)
			}
			var reasons []string
			for _, s := range skips {
				reasons = append(reasons, s.String())
			}
			if tt.skip != "" && !strings.Contains(strings.Join(reasons, "\n"), tt.skip) {
				t.Errorf("skips %q, want one saying %q", reasons, tt.skip)
			}
		})
	}
	// A fire-camp packet without the petitioner's statement names it.
	f, rep := load(t, "fire-camp")
	f.Statement = casefile.Statement{}
	_, _, err := Build(f, rep, Options{Packets: []string{FireCamp}})
	if err == nil || !strings.Contains(err.Error(), "[statement]") {
		t.Errorf("want the missing statement named, got %v", err)
	}
	// Examples without these findings get no packet and no skip line.
	f, rep = load(t, "probation-completed")
	packets, skips, _ := Build(f, rep, Options{})
	for _, p := range packets {
		if p.Kind == Prop47 || p.Kind == Prop64 || p.Kind == FireCamp {
			t.Errorf("unexpected packet %s", p.FileName)
		}
	}
	for _, s := range skips {
		if s.Kind == Prop64 || s.Kind == FireCamp {
			t.Errorf("unexpected skip %s", s)
		}
	}
}
