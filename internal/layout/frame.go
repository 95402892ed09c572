package layout

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
)

// Frame is the shape of a page: where the body text goes, in what face and
// spacing, and which decoration (caption, line numbers, footer) the page
// gets. Frames are data (forms/*.toml).
type Frame struct {
	Name        string  `toml:"-"`
	Kind        string  `toml:"kind"` // pleading, jcform, plain, letter
	Description string  `toml:"description"`
	FaceName    string  `toml:"face"`
	Size        float64 `toml:"size"`
	Leading     float64 `toml:"leading"`
	Tight       float64 `toml:"tight"`
	ParaGap     float64 `toml:"para_gap"`
	Indent      float64 `toml:"indent"`
	Left        float64 `toml:"left"`
	Right       float64 `toml:"right"`
	Top         float64 `toml:"top"`
	FirstTop    float64 `toml:"first_top"`
	Bottom      float64 `toml:"bottom"`
	Lines       int     `toml:"lines"`
	HeadingSize float64 `toml:"heading_size"`
	FooterSize  float64 `toml:"footer_size"`

	face fonts.Face
}

// Frames are the available frames by name (the file name without .toml).
type Frames map[string]*Frame

// LoadFrames reads every *.toml frame in fsys.
func LoadFrames(fsys fs.FS) (Frames, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	out := Frames{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		f, err := parseFrame(name, data)
		if err != nil {
			return nil, err
		}
		out[f.Name] = f
	}
	return out, nil
}

func parseFrame(name string, data []byte) (*Frame, error) {
	var f Frame
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, fmt.Errorf("forms/%s: %v", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("forms/%s: unknown key %q", name, und[0].String())
	}
	f.Name = strings.TrimSuffix(path.Base(name), ".toml")
	face, ok := fonts.Parse(f.FaceName)
	if !ok {
		return nil, fmt.Errorf("forms/%s: face %q is not one of serif, sans", name, f.FaceName)
	}
	f.face = face
	switch f.Kind {
	case "pleading", "jcform", "plain", "letter":
	default:
		return nil, fmt.Errorf("forms/%s: kind %q is not one of pleading, jcform, plain, letter", name, f.Kind)
	}
	if f.Size <= 0 || f.Leading < f.Size || f.Tight < f.Size*0.9 || f.Left < 36 || f.Right > drawlist.LetterWidth-36 ||
		f.Right-f.Left < 200 || f.Top < 36 || f.Bottom > drawlist.LetterHeight-36 || f.Bottom-f.Top < 200 {
		return nil, fmt.Errorf("forms/%s: sizes or margins out of range", name)
	}
	if f.FirstTop == 0 {
		f.FirstTop = f.Top
	}
	if f.HeadingSize == 0 {
		f.HeadingSize = f.Size
	}
	if f.FooterSize == 0 {
		f.FooterSize = 8
	}
	return &f, nil
}

// Names returns the frame names in order.
func (fr Frames) Names() []string {
	var out []string
	for n := range fr {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
