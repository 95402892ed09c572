package exhibit

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
)

// TestTooManyExhibits: a 27th exhibit has no letter.
func TestTooManyExhibits(t *testing.T) {
	f := &casefile.File{Path: filepath.Join(t.TempDir(), "case.toml")}
	for i := range MaxCount + 1 {
		f.Exhibits = append(f.Exhibits, casefile.Exhibit{File: "a.pdf", Title: "a", Line: 10 + i})
	}
	_, err := Load(f)
	var ce *casefile.Errors
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "case.toml:36: exhibits[26].file: a case file may list at most 26 exhibits") {
		t.Errorf("got %v", err)
	}
}

// TestDigest changes with an exhibit's content and with its title.
func TestDigest(t *testing.T) {
	dir := t.TempDir()
	letter, err := os.ReadFile("../../examples/exhibits/employer-letter.pdf")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(path, letter, 0o600); err != nil {
		t.Fatal(err)
	}
	f := &casefile.File{Path: filepath.Join(dir, "case.toml"), Exhibits: []casefile.Exhibit{{File: "a.pdf", Title: "a"}}}
	digest := func() string {
		exs, err := Load(f)
		if err != nil {
			t.Fatal(err)
		}
		return Digest(exs)
	}
	d1 := digest()
	f.Exhibits[0].Title = "b"
	d2 := digest()
	if err := os.WriteFile(path, append(letter, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	d3 := digest()
	if d1 == d2 || d2 == d3 || d1 == d3 {
		t.Errorf("digests %s %s %s", d1, d2, d3)
	}
}

// TestBigImageScaledDown: a photo larger than a page shows is kept at
// MaxSide pixels on its longer side, in proportion.
func TestBigImageScaledDown(t *testing.T) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 3000, 1200)), nil); err != nil {
		t.Fatal(err)
	}
	var ex Exhibit
	if err := ex.image(b.Bytes(), "jpeg"); err != nil {
		t.Fatal(err)
	}
	if ex.Width != MaxSide || ex.Height != 800 {
		t.Errorf("kept %d × %d, want %d × 800", ex.Width, ex.Height, MaxSide)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(ex.Data))
	if err != nil || cfg.Width != ex.Width || cfg.Height != ex.Height {
		t.Errorf("stored image %+v, %v", cfg, err)
	}
}
