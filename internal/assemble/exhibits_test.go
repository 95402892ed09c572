package assemble

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
)

// TestExhibitLettering: by default an exhibit goes into the packets with
// a declaration or petition narrative (here the discretionary dismissals'
// declarations, the CoR petition and the pardon application), lettered in
// case-file order within each packet; packets narrows that.
func TestExhibitLettering(t *testing.T) {
	f, rep := load(t, "cor-two-counties")
	f.Exhibits = []casefile.Exhibit{
		{File: "a.pdf", Title: "letter *one*"},
		{File: "b.pdf", Title: "letter two", Packets: []string{"pardon"}},
		{File: "c.png", Title: "photo three", Packets: []string{"dismissal"}},
	}
	packets, _, err := Build(f, rep, Options{Packets: []string{Dismissal, COR, Pardon}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range packets {
		var s []string
		for _, r := range p.Exhibits {
			s = append(s, r.Letter+"="+f.Exhibits[r.Index].File)
		}
		if len(p.Exhibits) > 0 {
			s = append(s, "after "+p.Docs[p.ExhibitsAfter].Template)
		}
		got[p.FileName] = strings.Join(s, " ")
	}
	want := map[string]string{
		"cor.pdf":                "A=a.pdf after cor/petition.md.tmpl",
		"pardon.pdf":             "A=a.pdf B=b.pdf after pardon/application.md.tmpl",
		"dismissal-mon-2010.pdf": "A=a.pdf B=c.png after dismissal/declaration.md.tmpl",
		"dismissal-scz-2013.pdf": "A=a.pdf B=c.png after dismissal/declaration.md.tmpl",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: exhibits %q, want %q", name, got[name], w)
		}
	}
	for _, p := range packets {
		if p.Kind != Pardon {
			continue
		}
		d := p.Docs[p.ExhibitsAfter].Data.(*PardonData)
		if len(d.Statement.Exhibits) != 2 || d.Statement.Exhibits[0].Title != `letter \*one\*` {
			t.Errorf("template data: %+v (titles are escaped for Markdown)", d.Statement.Exhibits)
		}
		if !strings.Contains(strings.Join(d.Documents, "|"), "|Exhibit A: letter \\*one\\*|Exhibit B: letter two|") {
			t.Errorf("cover list %q", d.Documents)
		}
	}
}

// TestExhibitMandatoryDismissal: a mandatory dismissal has no
// declaration, so it carries only exhibits that name it, behind the
// petition.
func TestExhibitMandatoryDismissal(t *testing.T) {
	f, rep := load(t, "probation-completed")
	f.Exhibits = []casefile.Exhibit{{File: "a.pdf", Title: "one"}}
	packets, _, err := Build(f, rep, Options{Packets: []string{Dismissal}})
	if err != nil {
		t.Fatal(err)
	}
	if len(packets[0].Exhibits) != 0 {
		t.Errorf("a default exhibit went into a packet without a declaration: %+v", packets[0].Exhibits)
	}
	f.Exhibits[0].Packets = []string{Dismissal}
	packets, _, err = Build(f, rep, Options{Packets: []string{Dismissal}})
	if err != nil {
		t.Fatal(err)
	}
	p := packets[0]
	if len(p.Exhibits) != 1 || p.Exhibits[0].Letter != "A" || p.Docs[p.ExhibitsAfter].Template != "dismissal/petition.md.tmpl" {
		t.Errorf("exhibits %+v after %d", p.Exhibits, p.ExhibitsAfter)
	}
}

// TestExhibitSealing: a sealing petition with a declaration in the
// interests of justice carries exhibits by default; one without does not.
func TestExhibitSealing(t *testing.T) {
	f, rep := load(t, "arrest-sealing")
	f.Exhibits = []casefile.Exhibit{{File: "a.pdf", Title: "one"}}
	packets, _, err := Build(f, rep, Options{Packets: []string{Sealing}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, p := range packets {
		got[p.FileName] = len(p.Exhibits)
	}
	if got["sealing-dv-2022.pdf"] != 1 || got["sealing-no-charges-2020.pdf"] != 0 {
		t.Errorf("exhibits per packet: %v", got)
	}
}

// TestExhibitsReliefPackets: the fire-camp petition argues the interests
// of justice (Pen. Code, § 1203.4b, subd. (a)(1)), so it carries exhibits
// by default, behind the petition, which lists them; a Proposition 47
// petition has no narrative of its own and carries only the exhibits that
// name it.
func TestExhibitsReliefPackets(t *testing.T) {
	for _, tc := range []struct {
		example, kind string
		exhibits      []casefile.Exhibit
		want          string
	}{
		{"fire-camp", FireCamp, []casefile.Exhibit{{File: "a.pdf", Title: "the fire-camp certificate"}}, "A=a.pdf"},
		{"prop47-redesignation", Prop47, []casefile.Exhibit{{File: "a.pdf", Title: "a receipt"}}, ""},
		{"prop47-redesignation", Prop47, []casefile.Exhibit{{File: "a.pdf", Title: "a receipt", Packets: []string{"prop47"}}}, "A=a.pdf"},
	} {
		f, rep := load(t, tc.example)
		f.Exhibits = tc.exhibits
		packets, _, err := Build(f, rep, Options{Packets: []string{tc.kind}})
		if err != nil {
			t.Fatal(err)
		}
		if len(packets) == 0 {
			t.Fatalf("%s: no %s packet", tc.example, tc.kind)
		}
		for _, p := range packets {
			var got []string
			for _, r := range p.Exhibits {
				got = append(got, r.Letter+"="+f.Exhibits[r.Index].File)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("%s %s: exhibits %q, want %q", tc.example, p.FileName, got, tc.want)
			}
			if len(p.Exhibits) == 0 {
				continue
			}
			if base := p.Docs[p.ExhibitsAfter].Template; base != tc.kind+"/petition.md.tmpl" {
				t.Errorf("%s: exhibits follow %s, want the petition", p.FileName, base)
			}
			d := p.Docs[p.ExhibitsAfter].Data.(*ReliefData)
			if len(d.Statement.Exhibits) != 1 || !strings.Contains(strings.Join(d.Documents, "|"), "Exhibit A: ") {
				t.Errorf("%s: the petition and cover do not list the exhibit: %+v %q", p.FileName, d.Statement.Exhibits, d.Documents)
			}
		}
	}
}
