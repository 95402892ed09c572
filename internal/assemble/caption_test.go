package assemble

import "testing"

// TestSealingCaptionMatter: an arrest that was never charged has no case
// of People v. the person; its sealing petition is captioned in the
// matter of the person's petition (Matter). A charged arrest keeps the
// People v. caption, even when the file lacks the case number.
func TestSealingCaptionMatter(t *testing.T) {
	f, rep := load(t, "arrest-sealing")
	packets, _, err := Build(f, rep, Options{Packets: []string{Sealing}})
	if err != nil {
		t.Fatal(err)
	}
	// From the example: no-charges-2020 and diversion-2023 (prefiling
	// diversion) were never charged; dv-2022 was charged.
	want := map[string]bool{"sealing-no-charges-2020.pdf": true, "sealing-diversion-2023.pdf": true, "sealing-dv-2022.pdf": false}
	for _, p := range packets {
		w, ok := want[p.FileName]
		if !ok {
			continue
		}
		delete(want, p.FileName)
		for _, d := range p.Docs {
			if d.Caption.Defendant != "" && d.Caption.Matter != w {
				t.Errorf("%s (%s): Matter = %v, want %v", p.FileName, d.Template, d.Caption.Matter, w)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("not drafted: %v", want)
	}
}
