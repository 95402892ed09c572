package batch

import (
	"encoding/json"
	"errors"
	"hash/maphash"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A state file that does not hold what relief writes is refused before
// anything acts on it.
func TestLoadStateValidates(t *testing.T) {
	good := `{"version": 2, "people": {"p": {"key": "` + Key("k") + `", "status": "ok", "packets": 1, "pages": 1,
	  "files": [{"name": "a.pdf", "bytes": 1, "sha256": "` + Key("x") + `"}]}}}`
	for _, c := range []struct{ name, text, want string }{
		{"good", good, ""},
		{"traversal person", strings.Replace(good, `"p"`, `"../victim"`, 1), "person"},
		{"traversal file", strings.Replace(good, `"a.pdf"`, `"../../etc/passwd"`, 1), "unsafe file name"},
		{"hidden file", strings.Replace(good, `"a.pdf"`, `".relief-batch.json"`, 1), "unsafe file name"},
		{"bad hash", strings.Replace(good, Key("x"), "abc", 1), "hash"},
		{"bad status", strings.Replace(good, `"ok"`, `"owned"`, 1), "unknown status"},
		{"negative size", strings.Replace(good, `"bytes": 1`, `"bytes": -1`, 1), "impossible size"},
		{"unknown field", strings.Replace(good, `"pages": 1`, `"pages": 1, "delete": true`, 1), "unknown field"},
		{"not JSON", "{", "EOF"},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, StateFile), []byte(c.text), 0o600)
		s, err := LoadState(dir)
		if err == nil {
			s.Close()
		}
		var se *StateError
		switch {
		case c.want == "" && (err != nil || s.Len() != 1):
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (!errors.As(err, &se) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want a StateError saying %q", c.name, err, c.want)
		}
	}
	// The state file itself must be a regular file, not a link.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "elsewhere.json"), []byte(good), 0o600)
	os.Symlink("elsewhere.json", filepath.Join(dir, StateFile))
	if _, err := LoadState(dir); err == nil {
		t.Error("a state file that is a link was followed")
	}
}

// RemoveStale removes only files that still hold what relief recorded,
// and nothing through a linked folder.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	recs := []FileInfo{NewFileInfo("a.pdf", []byte("A")), NewFileInfo("b.pdf", []byte("B")),
		NewFileInfo("c.pdf", []byte("C")), NewFileInfo("keep.pdf", []byte("K")), NewFileInfo("gone.pdf", []byte("G"))}
	os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("A"), 0o600)
	os.WriteFile(filepath.Join(dir, "b.pdf"), []byte("b"), 0o600) // edited, same size
	os.WriteFile(filepath.Join(dir, "target"), []byte("C"), 0o600)
	os.Symlink("target", filepath.Join(dir, "c.pdf")) // a link with the recorded bytes behind it
	os.WriteFile(filepath.Join(dir, "keep.pdf"), []byte("K"), 0o600)
	left, err := RemoveStale(dir, recs, map[string]bool{"keep.pdf": true})
	if err != nil || !slices.Equal(left, []string{"b.pdf", "c.pdf"}) {
		t.Errorf("RemoveStale = %v, %v", left, err)
	}
	for name, want := range map[string]bool{"a.pdf": false, "b.pdf": true, "c.pdf": true, "target": true, "keep.pdf": true} {
		if _, err := os.Lstat(filepath.Join(dir, name)); (err == nil) != want {
			t.Errorf("%s present = %v, want %v", name, err == nil, want)
		}
	}

	// A person's folder that is a link to someone else's files.
	victim := t.TempDir()
	os.WriteFile(filepath.Join(victim, "a.pdf"), []byte("A"), 0o600)
	out := t.TempDir()
	os.Symlink(victim, filepath.Join(out, "p"))
	if _, err := RemoveStale(filepath.Join(out, "p"), recs[:1], nil); err == nil {
		t.Error("RemoveStale worked through a linked folder")
	}
	if _, err := os.Stat(filepath.Join(victim, "a.pdf")); err != nil {
		t.Errorf("a file behind the link was removed: %v", err)
	}
	if (Entry{Files: recs[:1]}).Intact(filepath.Join(out, "p")) {
		t.Error("Intact through a linked folder")
	}
}

// The state written one person at a time reads back as JSON, the same,
// and people a run does not record anew keep their earlier record.
func TestStateSaveStreams(t *testing.T) {
	dir := t.TempDir()
	save := func(add map[string]Entry, order ...string) {
		t.Helper()
		prev, err := LoadState(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer prev.Close()
		w, err := NewStateWriter(dir, prev)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range order {
			if err := w.Add(p, add[p]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	save(nil)
	if got, err := LoadState(dir); err != nil || got.Len() != 0 {
		t.Fatalf("empty state: %v %v", got, err)
	} else {
		got.Close()
	}
	add := map[string]Entry{}
	for _, p := range []string{"b", "a", "c"} {
		add[p] = Entry{Key: Key(p), Status: StatusOK, Packets: 1, Files: []FileInfo{NewFileInfo(p+".pdf", []byte(p))}}
	}
	add["d"] = Entry{Key: Key("d"), Status: StatusSkipped, Files: []FileInfo{}}
	save(add, "b", "a", "c", "d")
	// A second run records "a" anew; the others keep their records.
	save(map[string]Entry{"a": {Key: Key("a2"), Status: StatusSkipped, Files: []FileInfo{}}}, "a")
	got, err := LoadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	b, _ := os.ReadFile(filepath.Join(dir, StateFile))
	var plain struct {
		Version int
		People  map[string]Entry
	}
	if err := json.Unmarshal(b, &plain); err != nil || plain.Version != stateVersion || len(plain.People) != 4 {
		t.Fatalf("not the JSON of four people: %v\n%s", err, b)
	}
	e, _ := got.Get("b")
	a, _ := got.Get("a")
	if got.Len() != 4 || len(e.Files) != 1 || e.Files[0].SHA256 != add["b"].Files[0].SHA256 || a.Key != Key("a2") {
		t.Fatalf("reloaded %+v %+v\n%s", e, a, b)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".relief-*.tmp")); len(m) > 1 {
		t.Errorf("temporary files left: %v", m) // one is got's copy, open
	}
}

// The summary written row by row is what encoding/json makes of the list.
func TestSummaryJSONStreams(t *testing.T) {
	rows := []Row{{Person: "a<b>&", Status: StatusOK, Packets: 1}, {Person: "b", Status: StatusError, Error: "x"}}
	got, err := SummaryJSONBytes(rows)
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(rows)
	if string(got) != want.String() {
		t.Errorf("got:\n%s\nwant:\n%s", got, want.String())
	}
	if got, _ := SummaryJSONBytes(nil); string(got) != "[]\n" {
		t.Errorf("no rows: %q", got)
	}
}

// FuzzLoadState: whatever the state file holds, LoadState never panics,
// and what it accepts names only plain names, so no removal it drives can
// leave the person's folder.
func FuzzLoadState(f *testing.F) {
	good := `{"version": 2, "people": {"p": {"key": "` + Key("k") + `", "status": "ok", "packets": 1, "pages": 1, "files": [{"name": "a.pdf", "bytes": 1, "sha256": "` + Key("x") + `"}]}}}`
	f.Add(good)
	for _, bad := range []string{"../victim", "/etc", "p/../../x", ".", "..", "a\x00b", "link -> /tmp", "C:\\x", ".relief-batch.json"} {
		f.Add(strings.Replace(good, `"p"`, strconvQuote(bad), 1))
		f.Add(strings.Replace(good, `"a.pdf"`, strconvQuote(bad), 1))
	}
	f.Add(`{"version": 1, "people": {}}`)
	f.Add(`{"version": 2}`)
	f.Fuzz(func(t *testing.T, text string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, StateFile), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := LoadState(dir)
		if err != nil {
			return
		}
		defer s.Close()
		s.eachLeft(func(person string, e Entry) error {
			if got, ok := s.Get(person); !ok || got.Key != e.Key {
				t.Fatalf("the copy of %q reads back as %+v, %v", person, got, ok)
			}
			if strings.ContainsAny(person, `/\`) || strings.HasPrefix(person, ".") {
				t.Fatalf("accepted person %q", person)
			}
			for _, fi := range e.Files {
				if strings.ContainsAny(fi.Name, `/\`) || strings.HasPrefix(fi.Name, ".") || fi.Bytes < 0 {
					t.Fatalf("accepted file %+v", fi)
				}
			}
			return nil
		})
	})
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// OwnsAll: a file in the way is relief's to replace only while it holds
// the bytes recorded for it; a missing one is no obstacle.
func TestOwnsAll(t *testing.T) {
	dir := t.TempDir()
	e := Entry{Files: []FileInfo{NewFileInfo("a.pdf", []byte("A")), NewFileInfo("b.pdf", []byte("B"))}}
	os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("A"), 0o600)
	if !e.OwnsAll(dir, []string{"a.pdf", "b.pdf"}) {
		t.Error("the recorded file and a missing one are not owned")
	}
	os.WriteFile(filepath.Join(dir, "c.pdf"), []byte("C"), 0o600)
	if e.OwnsAll(dir, []string{"a.pdf", "c.pdf"}) {
		t.Error("a file the state does not record is owned")
	}
	os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("a"), 0o600)
	if e.OwnsAll(dir, []string{"a.pdf"}) {
		t.Error("an edited file is owned")
	}
}

// Two names with the same hash are told apart by the name in the record;
// a name listed twice is an error.
func TestStateIndexCollision(t *testing.T) {
	x := newStateIndex()
	names := map[stateSpan]string{newSpan(0, 10): "a", newSpan(10, 10): "b", newSpan(20, 10): "c"}
	nameAt := func(sp stateSpan) (string, error) { return names[sp], nil }
	if err := x.put("a", newSpan(0, 10), nameAt); err != nil {
		t.Fatal(err)
	}
	// Pretend "b" hashes as "a" does.
	x.byHash[maphash.String(x.seed, "b")] = 0
	if err := x.put("b", newSpan(10, 10), nameAt); err != nil {
		t.Fatal(err)
	}
	if k, ok := x.get("b"); !ok || x.spans[k] != newSpan(10, 10) {
		t.Errorf("b: %v %v", k, ok)
	}
	if err := x.put("b", newSpan(20, 10), nameAt); err == nil {
		t.Error("a second record of b was taken")
	}
	if err := x.put("c", newSpan(20, 10), nameAt); err != nil {
		t.Fatal(err)
	}
	if err := x.put("c", newSpan(30, 10), nameAt); err == nil {
		t.Error("a second record of c was taken")
	}
	if sp := newSpan(200<<20, 1<<20); sp.off() != 200<<20 || sp.len() != 1<<20 {
		t.Errorf("span: %d %d", sp.off(), sp.len())
	}
}
