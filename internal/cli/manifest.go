package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/tmpl"
)

// manifest is manifest.json: what was drafted from what.
type manifest struct {
	Tool      string            `json:"tool"`
	Version   string            `json:"version"`
	AsOf      string            `json:"as_of"`
	Input     fileHash          `json:"input"`
	Config    *fileHash         `json:"config,omitempty"`
	Final     bool              `json:"final"`
	Sign      string            `json:"sign"`
	Templates []templateHash    `json:"templates"`
	Packets   []manifestPacket  `json:"packets"`
	Skipped   []manifestSkipped `json:"skipped"`
}

type fileHash struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

type templateHash struct {
	Path   string `json:"path"`
	Layer  string `json:"layer"`
	SHA256 string `json:"sha256"`
}

type manifestPacket struct {
	Kind      string   `json:"kind"`
	ID        string   `json:"id,omitempty"`
	File      string   `json:"file"`
	Pages     int      `json:"pages"`
	Bytes     int      `json:"bytes"`
	SHA256    string   `json:"sha256"`
	Documents []string `json:"documents"`
	// Exhibits are the packet's attached exhibits, in letter order; left
	// out when there are none.
	Exhibits []manifestExhibit `json:"exhibits,omitempty"`
}

type manifestExhibit struct {
	Letter string `json:"letter"`
	File   string `json:"file"` // as the case file names it
	Title  string `json:"title"`
	Pages  int    `json:"pages"`
	SHA256 string `json:"sha256"` // of the file as read
}

type manifestSkipped struct {
	Kind    string   `json:"kind"`
	ID      string   `json:"id,omitempty"`
	Reason  string   `json:"reason"`
	Missing []string `json:"missing,omitempty"`
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// manifestInput is what one drafting run's manifest records.
type manifestInput struct {
	Path  string // the case file as named on the command line; its base name is recorded
	File  *casefile.File
	AsOf  date.Date
	Sign  string
	Final bool
	Set   *tmpl.Set // the templates the packets were rendered with
	Outs  []draft.Output
	Skips []assemble.Skip
	// Config is the config file the run used (its attorney defaults and
	// templates change the output); nil for none.
	Config *fileHash
}

// buildManifest builds manifest.json for one drafting run and returns it
// with the files to write: every packet's PDF, then manifest.json (whose
// bytes, without the final newline, are also returned for --json). relief
// draft and relief batch both use it, so their outputs are byte-identical.
func buildManifest(in manifestInput) (manifest, []safefile.File, []byte, error) {
	m := manifest{
		Tool: "relief", Version: version(), AsOf: in.AsOf.String(), Final: in.Final, Sign: in.Sign,
		Input:     fileHash{Path: filepath.Base(in.Path), SHA256: in.File.Hash},
		Config:    in.Config,
		Templates: []templateHash{}, Skipped: []manifestSkipped{},
	}
	seen := map[string]bool{}
	files := make([]safefile.File, 0, len(in.Outs)+1)
	for _, o := range in.Outs {
		mp := manifestPacket{Kind: o.Packet.Kind, ID: o.Packet.ID, File: o.Packet.FileName,
			Pages: o.Pages, Bytes: len(o.PDF), SHA256: sum(o.PDF)}
		for _, t := range o.Templates {
			mp.Documents = append(mp.Documents, t.Path)
			if !seen[t.Path] {
				seen[t.Path] = true
				src, layer, err := in.Set.Source(t.Path)
				if err != nil {
					return manifest{}, nil, nil, err
				}
				m.Templates = append(m.Templates, templateHash{Path: t.Path, Layer: layer, SHA256: sum(src)})
			}
		}
		for k, e := range o.Exhibits {
			mp.Exhibits = append(mp.Exhibits, manifestExhibit{Letter: string(rune('A' + k)), File: e.File,
				Title: e.Title, Pages: len(e.Pages), SHA256: e.SHA256})
		}
		m.Packets = append(m.Packets, mp)
		files = append(files, safefile.File{Name: o.Packet.FileName, Data: o.PDF})
	}
	for _, s := range in.Skips {
		m.Skipped = append(m.Skipped, manifestSkipped{Kind: s.Kind, ID: s.ID, Reason: s.Reason, Missing: s.Missing})
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return manifest{}, nil, nil, err
	}
	files = append(files, safefile.File{Name: "manifest.json", Data: append(mb, '\n')})
	return m, files, mb, nil
}

// configHash names and hashes the config file a run used, for the
// manifest; nil when there is none or it cannot be read again.
func configHash(path string) *fileHash {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return &fileHash{Path: filepath.Base(path), SHA256: sum(b)}
}
