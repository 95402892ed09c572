package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

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
	Layout    string            `json:"layout,omitempty"`
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
	Kind string `json:"kind"`
	ID   string `json:"id,omitempty"`
	// File is the packet's PDF, or with --split its folder ("dismissal-x/"),
	// whose documents Files lists.
	File      string         `json:"file"`
	Pages     int            `json:"pages"`
	Bytes     int            `json:"bytes"`
	SHA256    string         `json:"sha256,omitempty"`
	Documents []string       `json:"documents"`
	Files     []manifestFile `json:"files,omitempty"`
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

// manifestFile is one document of a split packet.
type manifestFile struct {
	File     string `json:"file"`     // relative to the output folder: "dismissal-x/01-petition.pdf"
	Document string `json:"document"` // the template
	Filed    bool   `json:"filed"`    // false for the instructions (cover sheet)
	Pages    int    `json:"pages"`
	Bytes    int    `json:"bytes"`
	SHA256   string `json:"sha256"`
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
	Path   string // the case file as named on the command line; its base name is recorded
	File   *casefile.File
	AsOf   date.Date
	Sign   string
	Layout string // --layout; empty for the default
	Final  bool
	Set    *tmpl.Set // the templates the packets were rendered with
	Outs   []draft.Output
	Skips  []assemble.Skip
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
		Tool: "relief", Version: version(), AsOf: in.AsOf.String(), Final: in.Final, Sign: in.Sign, Layout: in.Layout,
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
		if o.Parts == nil {
			files = append(files, safefile.File{Name: o.Packet.FileName, Data: o.PDF})
		} else {
			folder := strings.TrimSuffix(o.Packet.FileName, ".pdf")
			mp.File, mp.Bytes, mp.SHA256 = folder+"/", 0, ""
			for _, p := range o.Parts {
				name := folder + "/" + p.Name
				mp.Bytes += len(p.PDF)
				mp.Files = append(mp.Files, manifestFile{File: name, Document: p.Source, Filed: p.Filed,
					Pages: p.Pages, Bytes: len(p.PDF), SHA256: sum(p.PDF)})
				files = append(files, safefile.File{Name: name, Data: p.PDF})
			}
		}
		m.Packets = append(m.Packets, mp)
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

// writeTree writes a drafting run's files into dir: names are plain file
// names, or "folder/name" for a split packet's documents, whose folders are
// created (mode 0700). Unless force, every target is checked to be absent
// before anything is written, so a run that would replace a file writes
// nothing. Folders are written first and the top level (manifest.json)
// last, so a manifest never lists a file that is not there.
func writeTree(dir string, files []safefile.File, force bool) error {
	groups := map[string][]safefile.File{}
	var order []string
	for _, f := range files {
		sub, name := "", f.Name
		if i := strings.IndexByte(f.Name, '/'); i >= 0 {
			sub, name = f.Name[:i], f.Name[i+1:]
		}
		if _, ok := groups[sub]; !ok {
			order = append(order, sub)
		}
		groups[sub] = append(groups[sub], safefile.File{Name: name, Data: f.Data})
	}
	// The top level goes last.
	sort.SliceStable(order, func(a, b int) bool { return order[a] != "" && order[b] == "" })
	paths := map[string]string{}
	for _, sub := range order {
		p := dir
		if sub != "" {
			var err error
			// A split packet's folder, refused if it is a link.
			if p, err = safefile.SubDir(dir, sub); err != nil {
				return err
			}
		}
		paths[sub] = p
		if force {
			continue
		}
		for _, f := range groups[sub] {
			target, err := safefile.Join(p, f.Name)
			if err != nil {
				return err
			}
			if _, err := os.Lstat(target); err == nil {
				return fmt.Errorf("safefile: %s already exists; nothing was written (use --force to replace): %w", target, fs.ErrExist)
			}
		}
	}
	for _, sub := range order {
		if err := safefile.Dir(paths[sub]); err != nil {
			return err
		}
		if err := safefile.WriteAll(paths[sub], groups[sub], force); err != nil {
			return err
		}
	}
	return nil
}
