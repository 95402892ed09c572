package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/tmpl"
)

// DraftOptions are relief draft's inputs.
type DraftOptions struct {
	Env
	Path      string
	AsOf      string
	OutDir    string
	Packets   []string
	Templates string
	Sign      string
	Force     bool
	Final     bool
	JSON      bool
}

// NewCmdDraft builds `relief draft`.
func NewCmdDraft(env Env, runF func(*DraftOptions) error) *cobra.Command {
	opts := &DraftOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "draft CASE.toml",
		Short: "Draft court-ready PDF packets for the remedies the findings support",
		Long: `draft checks the case file, then writes one PDF per packet the findings support:
dismissal-<case id>.pdf for each case with a dismissal route open (CR-180-style
petition, CR-181-style proposed order, MC-031-style declaration when relief is
discretionary, MC-025-style attachment when counts overflow the form, proof of
service on the district attorney, and a cover sheet), plus manifest.json
(input and template hashes, as-of date, tool version, page counts).

A packet whose facts are missing is skipped with a warning naming them; asked for
with --packet, it is an error (exit 3). Files are written atomically with mode 0600
and never replace existing files unless --force. Every page says DRAFT until --final.`,
		Example: `  relief draft examples/probation-completed/case.toml -o out/
  relief draft client.toml -o out/ --packet dismissal --sign wet
  relief draft client.toml -o out/ --templates my-templates/ --force`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(opts)
			}
			return draftRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.AsOf, "as-of", "", "date to draft for (YYYY-MM-DD); also the PDFs' creation date")
	fl.StringVarP(&opts.OutDir, "out", "o", ".", "folder to write the packets into (created with mode 0700)")
	fl.StringSliceVar(&opts.Packets, "packet", nil, "only these packets: dismissal, sealing, cor, pardon (repeat or comma-separate)")
	fl.StringVar(&opts.Templates, "templates", "", "folder of templates layered over the built-ins")
	fl.StringVar(&opts.Sign, "sign", "typed", `signature style: "typed" (/s/ Name and date) or "wet" (blank lines)`)
	fl.BoolVar(&opts.Force, "force", false, "replace files that already exist")
	fl.BoolVar(&opts.Final, "final", false, "leave the DRAFT mark off (after attorney review)")
	fl.BoolVar(&opts.JSON, "json", false, "print the manifest as JSON instead of a summary")
	return cmd
}

// manifest is manifest.json: what was drafted from what.
type manifest struct {
	Tool      string            `json:"tool"`
	Version   string            `json:"version"`
	AsOf      string            `json:"as_of"`
	Input     fileHash          `json:"input"`
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

func draftRun(opts *DraftOptions) error {
	if opts.Sign != "typed" && opts.Sign != "wet" {
		return usagef("--sign must be typed or wet, not %q", opts.Sign)
	}
	for _, k := range opts.Packets {
		if !slices.Contains(assemble.Kinds, k) {
			return usagef("--packet %q is not one of %s", k, strings.Join(assemble.Kinds, ", "))
		}
	}
	set := draft.Builtin()
	if opts.Templates != "" {
		st, err := os.Stat(opts.Templates)
		if err != nil || !st.IsDir() {
			return usagef("--templates %s: not a folder", opts.Templates)
		}
		// os.Root keeps template reads inside the folder, even through symlinks.
		root, err := os.OpenRoot(opts.Templates)
		if err != nil {
			return usagef("--templates %s: %v", opts.Templates, err)
		}
		defer root.Close()
		set = draft.Layered(tmpl.Layer{Name: "user", FS: root.FS()})
	}
	f, asOf, err := loadCase(opts.Env, opts.Path, opts.AsOf)
	if err != nil {
		return reportInputError(opts.Err, err)
	}
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	outs, skips, err := draft.Run(f, &rep, draft.Options{
		Assemble:  assemble.Options{Sign: opts.Sign, Final: opts.Final, Packets: opts.Packets},
		Templates: set,
		Creator:   "relief " + version(),
	})
	if err != nil {
		return draftError(opts, err)
	}
	for _, s := range skips {
		fmt.Fprintf(opts.Err, "relief: %s: skipped %s\n", opts.Path, s)
	}
	if len(outs) == 0 {
		fmt.Fprintf(opts.Err, "relief: %s: nothing to draft; nothing written\n", opts.Path)
		return nil
	}
	m := manifest{
		Tool: "relief", Version: version(), AsOf: asOf.String(), Final: opts.Final, Sign: opts.Sign,
		Input:     fileHash{Path: filepath.Base(opts.Path), SHA256: f.Hash},
		Templates: []templateHash{}, Skipped: []manifestSkipped{},
	}
	seen := map[string]bool{}
	var files []safefile.File
	for _, o := range outs {
		mp := manifestPacket{Kind: o.Packet.Kind, ID: o.Packet.ID, File: o.Packet.FileName,
			Pages: o.Pages, Bytes: len(o.PDF), SHA256: sum(o.PDF)}
		for _, t := range o.Templates {
			mp.Documents = append(mp.Documents, t.Path)
			if !seen[t.Path] {
				seen[t.Path] = true
				src, layer, err := set.Source(t.Path)
				if err != nil {
					return err
				}
				m.Templates = append(m.Templates, templateHash{Path: t.Path, Layer: layer, SHA256: sum(src)})
			}
		}
		m.Packets = append(m.Packets, mp)
		files = append(files, safefile.File{Name: o.Packet.FileName, Data: o.PDF})
	}
	for _, s := range skips {
		m.Skipped = append(m.Skipped, manifestSkipped{Kind: s.Kind, ID: s.ID, Reason: s.Reason, Missing: s.Missing})
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	files = append(files, safefile.File{Name: "manifest.json", Data: append(mb, '\n')})
	if err := safefile.Dir(opts.OutDir); err != nil {
		return err
	}
	if err := safefile.WriteAll(opts.OutDir, files, opts.Force); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return usagef("%v", err)
		}
		return err
	}
	if opts.JSON {
		_, err := opts.Streams.Out.Write(append(mb, '\n'))
		return err
	}
	for _, mp := range m.Packets {
		fmt.Fprintf(opts.Streams.Out, "wrote %s (%d pages)\n", filepath.Join(opts.OutDir, mp.File), mp.Pages)
	}
	fmt.Fprintf(opts.Streams.Out, "wrote %s\n", filepath.Join(opts.OutDir, "manifest.json"))
	if !opts.Final {
		fmt.Fprintln(opts.Streams.Out, "Every page is marked DRAFT for attorney review.")
	}
	return nil
}

// draftError reports template, layout and missing-fact problems as invalid
// input (exit 3).
func draftError(opts *DraftOptions, err error) error {
	var te *tmpl.Error
	var le *layout.Error
	var me *assemble.MissingError
	if errors.As(err, &te) || errors.As(err, &le) || errors.As(err, &me) {
		fmt.Fprintf(opts.Err, "relief: %s: %v\n", opts.Path, err)
		return invalidInputError{err}
	}
	return err
}
