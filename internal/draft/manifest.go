package draft

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/tmpl"
)

// Manifest is manifest.json: what was drafted from what.
type Manifest struct {
	Tool      string            `json:"tool"`
	Version   string            `json:"version"`
	AsOf      string            `json:"as_of"`
	Input     FileHash          `json:"input"`
	Config    *FileHash         `json:"config,omitempty"`
	Final     bool              `json:"final"`
	Sign      string            `json:"sign"`
	Layout    string            `json:"layout,omitempty"`
	Templates []TemplateHash    `json:"templates"`
	Packets   []ManifestPacket  `json:"packets"`
	Skipped   []ManifestSkipped `json:"skipped"`
}

// FileHash names an input file (by base name) and its SHA-256.
type FileHash struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// TemplateHash is one template a run used, with the layer it came from.
type TemplateHash struct {
	Path   string `json:"path"`
	Layer  string `json:"layer"`
	SHA256 string `json:"sha256"`
}

// ManifestPacket is one packet written.
type ManifestPacket struct {
	Kind string `json:"kind"`
	ID   string `json:"id,omitempty"`
	// File is the packet's PDF, or with --split its folder ("dismissal-x/"),
	// whose documents Files lists.
	File      string         `json:"file"`
	Pages     int            `json:"pages"`
	Bytes     int            `json:"bytes"`
	SHA256    string         `json:"sha256,omitempty"`
	Documents []string       `json:"documents"`
	Files     []ManifestFile `json:"files,omitempty"`
	// Exhibits are the packet's attached exhibits, in letter order; left
	// out when there are none.
	Exhibits []ManifestExhibit `json:"exhibits,omitempty"`
}

// ManifestExhibit is one exhibit attached to a packet.
type ManifestExhibit struct {
	Letter string `json:"letter"`
	File   string `json:"file"` // as the case file names it
	Title  string `json:"title"`
	Pages  int    `json:"pages"`
	SHA256 string `json:"sha256"` // of the file as read
}

// ManifestFile is one document of a split packet.
type ManifestFile struct {
	File     string `json:"file"`     // relative to the output folder: "dismissal-x/01-petition.pdf"
	Document string `json:"document"` // the template
	Filed    bool   `json:"filed"`    // false for the instructions (cover sheet)
	Pages    int    `json:"pages"`
	Bytes    int    `json:"bytes"`
	SHA256   string `json:"sha256"`
}

// ManifestSkipped is a packet not drafted, and why.
type ManifestSkipped struct {
	Kind    string   `json:"kind"`
	ID      string   `json:"id,omitempty"`
	Reason  string   `json:"reason"`
	Missing []string `json:"missing,omitempty"`
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// ManifestInput is what one drafting run's manifest records.
type ManifestInput struct {
	Path   string // the case file as named on the command line; its base name is recorded
	File   *casefile.File
	AsOf   date.Date
	Sign   string
	Layout string // --layout; empty for the default
	Final  bool
	Set    *tmpl.Set // the templates the packets were rendered with
	Outs   []Output
	Skips  []assemble.Skip
	// Config is the config file the run used (its attorney defaults and
	// templates change the output); nil for none.
	Config *FileHash
	// Version is relief's version, recorded as the tool's.
	Version string
}

// BuildManifest builds manifest.json for one drafting run and returns it
// with the files to write: every packet's PDF, then manifest.json (whose
// bytes, without the final newline, are also returned for --json). relief
// draft and relief batch both use it, so their outputs are byte-identical.
// The files' names are relative to the output folder, "folder/name" for a
// split packet's documents (see safefile.WriteTree).
func BuildManifest(in ManifestInput) (Manifest, []safefile.File, []byte, error) {
	m := Manifest{
		Tool: "relief", Version: in.Version, AsOf: in.AsOf.String(), Final: in.Final, Sign: in.Sign, Layout: in.Layout,
		Input:     FileHash{Path: filepath.Base(in.Path), SHA256: in.File.Hash},
		Config:    in.Config,
		Templates: []TemplateHash{}, Skipped: []ManifestSkipped{},
	}
	seen := map[string]bool{}
	files := make([]safefile.File, 0, len(in.Outs)+1)
	for _, o := range in.Outs {
		mp := ManifestPacket{Kind: o.Packet.Kind, ID: o.Packet.ID, File: o.Packet.FileName,
			Pages: o.Pages, Bytes: len(o.PDF), SHA256: sum(o.PDF)}
		for _, t := range o.Templates {
			mp.Documents = append(mp.Documents, t.Path)
			if !seen[t.Path] {
				seen[t.Path] = true
				src, layer, err := in.Set.Source(t.Path)
				if err != nil {
					return Manifest{}, nil, nil, err
				}
				m.Templates = append(m.Templates, TemplateHash{Path: t.Path, Layer: layer, SHA256: sum(src)})
			}
		}
		for k, e := range o.Exhibits {
			mp.Exhibits = append(mp.Exhibits, ManifestExhibit{Letter: string(rune('A' + k)), File: e.File,
				Title: e.Title, Pages: len(e.Pages), SHA256: e.SHA256})
		}
		if o.Parts == nil {
			files = append(files, safefile.File{Name: o.Packet.FileName, Data: o.PDF})
		} else {
			folder := strings.TrimSuffix(o.Packet.FileName, ".pdf")
			mp.File, mp.Bytes, mp.SHA256 = folder+"/", 0, ""
			for _, p := range o.Parts {
				name := folder + "/" + p.Name
				mp.Bytes += len(p.PDF)
				mp.Files = append(mp.Files, ManifestFile{File: name, Document: p.Source, Filed: p.Filed,
					Pages: p.Pages, Bytes: len(p.PDF), SHA256: sum(p.PDF)})
				files = append(files, safefile.File{Name: name, Data: p.PDF})
			}
		}
		m.Packets = append(m.Packets, mp)
	}
	for _, s := range in.Skips {
		m.Skipped = append(m.Skipped, ManifestSkipped{Kind: s.Kind, ID: s.ID, Reason: s.Reason, Missing: s.Missing})
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, nil, nil, err
	}
	files = append(files, safefile.File{Name: "manifest.json", Data: append(mb, '\n')})
	return m, files, mb, nil
}

// ConfigHash names and hashes the config file a run used, for the
// manifest; nil when there is none or it cannot be read again.
func ConfigHash(path string) *FileHash {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return &FileHash{Path: filepath.Base(path), SHA256: sum(b)}
}
